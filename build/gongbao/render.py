"""Render pass: MkDocs (Material theme) turns content/ into the static site.

The site is built into a fresh folder and swapped in for site/ only when the
build succeeds, so a failed build keeps the last good site.
"""
from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from .records import swap_in


class RenderError(Exception):
    pass


def render(root: Path, site: Path, strict: bool = True) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    site.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".site.", dir=site.parent))
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        cfg = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp), strict=strict)
        build(cfg)
        swap_in(tmp, site)
    except (Abort, ConfigurationError) as e:
        raise RenderError(f"mkdocs build failed: {e}") from None
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
