"""Render pass: MkDocs (Material theme) turns content/ into the static site.

The site is built into a fresh folder and swapped in for site/ only when the
build succeeds, so a failed build keeps the last good site.

A page's HTML depends on its own Markdown and on what every page shares: the
configuration (mkdocs.yml, whose nav gives every nav title), the theme
overrides, the macros module and the versions of the toolchain.  When those
are what the last render used (``.cache/render.json`` holds their hash), the
render starts from a copy of the last site and lets MkDocs skip every page
whose Markdown is older than its HTML (its "dirty" build; the copy is made
of hard links, and a file MkDocs writes is unlinked first): the write-pages
pass rewrites only the pages whose bytes changed, so only those are
rendered again.  Pages that read the records through macros are always
rendered again, files a full build would not make are removed, and the
result is byte for byte a full build's (a test compares them).
"""
from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
from importlib import metadata
from pathlib import Path

from .records import swap_in


class RenderError(Exception):
    pass


TOOLCHAIN = ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "markdown", "pymdown-extensions", "jinja2")


def render_key(root: Path) -> str:
    """The hash of what every page's HTML shares: mkdocs.yml, overrides/, the macros module, versions."""
    h = hashlib.sha256()

    def add(name: str, data: bytes) -> None:
        h.update(name.encode() + b"\0" + len(data).to_bytes(8, "big") + data)

    add("mkdocs.yml", (root / "mkdocs.yml").read_bytes())
    for p in sorted((root / "overrides").rglob("*")) if (root / "overrides").is_dir() else []:
        if p.is_file():
            add(p.relative_to(root).as_posix(), p.read_bytes())
    add("macros", (Path(__file__).parent / "macros.py").read_bytes())
    for dist in TOOLCHAIN:
        try:
            add(dist, metadata.version(dist).encode())
        except metadata.PackageNotFoundError:
            add(dist, b"-")
    return h.hexdigest()


def _state_file(root: Path) -> Path:
    return root / ".cache" / "render.json"


def _last_key(root: Path, site: Path) -> str | None:
    try:
        state = json.loads(_state_file(root).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state.get("key") if state.get("site") == str(site.resolve()) else None


def _save_key(root: Path, site: Path, key: str) -> None:
    f = _state_file(root)
    f.parent.mkdir(parents=True, exist_ok=True)
    tmp = f.with_name(f".render.{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"key": key, "site": str(site.resolve())}), encoding="utf-8")
    os.replace(tmp, f)


class _DropDirtyWarning(logging.Filter):
    """MkDocs warns about every dirty build; here the shared inputs are checked, so the warning
    (which strict mode would count as an error) does not apply."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


_MACROS = re.compile(r"^render_macros:\s*true\s*$", re.M)


def render(root: Path, site: Path, strict: bool = True, date: str | None = None,
           incremental: bool = True) -> dict:
    """Build the site.  ``date`` (YYYY-MM-DD, e.g. the newest document's) stands in for
    SOURCE_DATE_EPOCH when that is not set, so two builds of the same data give the same bytes.
    With ``incremental``, pages whose Markdown did not change since the last render are copied,
    not rendered again (see the module's docstring).  Returns {"pages": n, "rendered": n or None
    (None: all), "incremental": bool}."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError
    from mkdocs.structure.files import get_files

    site.parent.mkdir(parents=True, exist_ok=True)
    key = render_key(root)
    dirty = incremental and site.is_dir() and _last_key(root, site) == key
    tmp = Path(tempfile.mkdtemp(prefix=".site.", dir=site.parent))
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    quiet = _DropDirtyWarning()
    logging.getLogger("mkdocs.commands.build").addFilter(quiet)
    set_epoch = bool(date) and "SOURCE_DATE_EPOCH" not in os.environ
    if set_epoch:
        os.environ["SOURCE_DATE_EPOCH"] = str(int(datetime.datetime.fromisoformat(date).replace(
            tzinfo=datetime.timezone.utc).timestamp()))
    try:
        cfg = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp), strict=strict)
        files = get_files(cfg)
        pages = [f for f in files.documentation_pages() if f.inclusion.is_included()]
        rendered = None
        if dirty:
            shutil.rmtree(tmp)
            # hard links: no bytes copied, time stamps kept; whatever MkDocs writes is unlinked first
            # (``_unshared``), so the last site stays as it was until the swap
            shutil.copytree(site, tmp, copy_function=os.link, symlinks=True)
            for name in ("sitemap.xml.gz",):  # written by MkDocs with open(), not through its utils
                (tmp / name).unlink(missing_ok=True)
            rendered = 0
            for f in pages:
                out = Path(f.abs_dest_path)
                src = Path(f.abs_src_path)
                # a hand-written page (content/*.md; generated pages never opt in) whose figures come
                # from the records through macros, whatever its Markdown says: rendered again
                hand = "/" not in f.src_uri
                if hand and out.exists() and _MACROS.search(src.read_text(encoding="utf-8")[:2000]):
                    out.unlink()
                if not out.exists() or out.stat().st_mtime < src.stat().st_mtime:
                    rendered += 1
        with _unshared():
            build(cfg, dirty=dirty)
        if dirty:
            _remove_stale(cfg, tmp)
        swap_in(tmp, site)
        _save_key(root, site, key)
        return {"pages": len(pages), "rendered": rendered, "incremental": dirty}
    except (Abort, ConfigurationError) as e:
        raise RenderError(f"mkdocs build failed: {e}") from None
    finally:
        logging.getLogger("mkdocs.commands.build").removeFilter(quiet)
        if set_epoch:
            del os.environ["SOURCE_DATE_EPOCH"]
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


@contextlib.contextmanager
def _unshared():
    """While MkDocs builds, a file it writes or copies is unlinked first, never written through a
    hard link into the last site."""
    from mkdocs import utils
    from mkdocs.structure.files import File

    write_file, copy_file, file_copy = utils.write_file, utils.copy_file, File.copy_file

    def unlink(path: str) -> None:
        if os.path.lexists(path) and not os.path.isdir(path):
            os.unlink(path)

    def write(content: bytes, output_path: str) -> None:
        unlink(output_path)
        write_file(content, output_path)

    def copy(source_path: str, output_path: str) -> None:
        unlink(os.path.join(output_path, os.path.basename(source_path)) if os.path.isdir(output_path)
               else output_path)
        copy_file(source_path, output_path)

    def copy_to_site(self, dirty: bool = False) -> None:  # File.copy_file, which may write its content itself
        if not (dirty and not self.is_modified()):
            unlink(self.abs_dest_path)
        file_copy(self, dirty)

    utils.write_file, utils.copy_file, File.copy_file = write, copy, copy_to_site
    try:
        yield
    finally:
        utils.write_file, utils.copy_file, File.copy_file = write_file, copy_file, file_copy


def _remove_stale(cfg, site_dir: Path) -> None:
    """Remove what a full build would not make: the output of pages and files no longer in content/."""
    from mkdocs.structure.files import get_files

    files = get_files(cfg)
    files.add_files_from_theme(cfg.theme.get_env(), cfg)
    top = os.path.abspath(site_dir)
    keep = {os.path.abspath(f.abs_dest_path) for f in files if f.inclusion.is_included()}
    for name in [*cfg.theme.static_templates, *cfg.extra_templates]:
        keep.add(os.path.join(top, name))
        if name == "sitemap.xml":
            keep.add(os.path.join(top, "sitemap.xml.gz"))
    for here, dirs, names in os.walk(top, topdown=False):
        for name in names:
            if os.path.join(here, name) not in keep:
                os.unlink(os.path.join(here, name))
        if here != top and not os.listdir(here):
            os.rmdir(here)
