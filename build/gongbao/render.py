"""Render pass: MkDocs (Material theme) turns content/ into the static site.

The site is built into a fresh folder and swapped in for site/ only when the
build succeeds, so a failed build keeps the last good site.
"""
from __future__ import annotations

import datetime
import logging
import os
import shutil
import tempfile
from pathlib import Path

from .records import swap_in


class RenderError(Exception):
    pass


def render(root: Path, site: Path, strict: bool = True, date: str | None = None) -> None:
    """Build the site.  ``date`` (YYYY-MM-DD, e.g. the newest document's) stands in for
    SOURCE_DATE_EPOCH when that is not set, so two builds of the same data give the same bytes."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    site.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".site.", dir=site.parent))
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    set_epoch = bool(date) and "SOURCE_DATE_EPOCH" not in os.environ
    if set_epoch:
        os.environ["SOURCE_DATE_EPOCH"] = str(int(datetime.datetime.fromisoformat(date).replace(
            tzinfo=datetime.timezone.utc).timestamp()))
    try:
        cfg = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp), strict=strict)
        build(cfg)
        swap_in(tmp, site)
    except (Abort, ConfigurationError) as e:
        raise RenderError(f"mkdocs build failed: {e}") from None
    finally:
        if set_epoch:
            del os.environ["SOURCE_DATE_EPOCH"]
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
