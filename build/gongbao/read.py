"""Read pass: gazette files (and their optional sidecar YAML) from disk.

A gazette is a UTF-8 text file (``.txt``) or a page saved from a portal
(``.html``/``.htm``, read by :mod:`gongbao.html` into the lines a reader
sees) in the gazette folder.  Beside it may stand a sidecar
``<same name>.yml`` with what the text does not print: jurisdiction,
source_url, published (YYYY-MM-DD), issue, id.  Any other file in the folder
is an error naming it, never skipped in silence (dot files excepted).  Bad
input raises :class:`InputError` naming the file and, where it applies, the
line.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

SIDECAR_KEYS = {"id", "jurisdiction", "source_url", "published", "issue", "title"}
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
GAZETTE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES


class InputError(Exception):
    """Bad input: the message names the file (and line)."""

    def __init__(self, file: str, message: str, line: int | None = None):
        self.file, self.line = file, line
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {message}")


@dataclass
class RawGazette:
    file: str  # path relative to the repository root, POSIX form
    lines: list[str]
    meta: dict = field(default_factory=dict)
    # HTML input only: the line of the saved HTML each line comes from (1-based).
    # Every TAB line of an HTML gazette is a table row read from its cells
    # (spans expanded), so its cells are exact.
    source_lines: list[int] | None = None
    # HTML input only: links to attached files, (title, URL, the line of ``lines``
    # that shows the link), in page order; URLs resolved against the sidecar's source_url
    attachments: list[tuple[str, str, int]] = field(default_factory=list)

    def source_line(self, no: int) -> int:
        """The line of the file itself where line ``no`` (1-based) of ``lines`` stands."""
        if self.source_lines is None or not 1 <= no <= len(self.source_lines):
            return no
        return self.source_lines[no - 1]


def read_gazette(path: Path, root: Path) -> RawGazette:
    rel = relative(path, root)
    data = path.read_bytes()
    if not data.strip():
        raise InputError(rel, "the file is empty")
    if path.suffix.lower() in HTML_SUFFIXES:
        return read_html_gazette(data, rel, read_sidecar(path, rel))
    if b"\x00" in data[:4096]:
        raise InputError(rel, "not a text file (it holds NUL bytes); expected UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InputError(rel, f"not UTF-8 text (byte 0x{data[e.start]:02x} at offset {e.start}); "
                              "convert the file to UTF-8", line) from None
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return RawGazette(rel, lines, read_sidecar(path, rel))


def read_html_gazette(data: bytes, rel: str, meta: dict) -> RawGazette:
    from .html import DecodeError, decode, read_html

    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(rel, "not an HTML page (it holds NUL bytes)")
    try:
        text, _ = decode(data)
    except DecodeError as e:
        raise InputError(rel, str(e)) from None
    page = read_html(text, meta.get("source_url"))
    if not any(l.strip() for l in page.lines):
        raise InputError(rel, "the page shows no text (is it the saved page, not a frame or a redirect?)")
    return RawGazette(rel, page.lines, meta, page.source_lines, page.attachments)


def read_sidecar(path: Path, rel: str) -> dict:
    side = path.with_suffix(".yml")
    if not side.exists():
        return {}
    side_rel = rel[: -len(path.suffix)] + ".yml"
    try:
        meta = yaml.safe_load(side.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        line = getattr(getattr(e, "problem_mark", None), "line", None)
        raise InputError(side_rel, f"unreadable sidecar YAML: {e}", line + 1 if line is not None else None)
    if not isinstance(meta, dict):
        raise InputError(side_rel, "sidecar must be a mapping of keys to values")
    unknown = set(meta) - SIDECAR_KEYS
    if unknown:
        raise InputError(side_rel, f"unknown sidecar keys {sorted(unknown)}; allowed: {sorted(SIDECAR_KEYS)}")
    meta = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in meta.items()}
    return meta


def gazette_files(folder: Path, root: Path | None = None) -> list[Path]:
    """The gazette files of a folder (texts and saved pages), in name order.

    A file of any other kind, a sidecar without its gazette, and two gazettes
    sharing one sidecar name are errors naming the file: nothing in the folder
    is skipped in silence, except dot files (editor and system files).
    """
    files, sidecars = [], []
    for p in sorted(folder.iterdir()):
        if p.name.startswith(".") or p.is_dir():
            continue
        suffix = p.suffix.lower()
        if suffix in GAZETTE_SUFFIXES:
            files.append(p)
        elif p.suffix == ".yml":
            sidecars.append(p)
        else:
            raise InputError(relative(p, root),
                             f"a file of a kind the build does not read ({p.suffix or 'no suffix'}); gazettes are "
                             "UTF-8 text (.txt) or saved pages (.html, .htm), each with an optional sidecar .yml; "
                             "convert the file or move it out")
    stems: dict[str, Path] = {}
    for p in files:
        if p.stem in stems:
            raise InputError(relative(p, root), f"two gazettes named {p.stem}: {relative(stems[p.stem], root)} "
                                                f"and {relative(p, root)} (they would share one sidecar); keep one")
        stems[p.stem] = p
    for s in sidecars:
        if s.stem not in stems:
            raise InputError(relative(s, root), "a sidecar without its gazette (no .txt, .html or .htm of this name)")
    return files


def relative(path: Path, root: Path | None) -> str:
    """path relative to the repository root, POSIX form (as given when outside it)."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix() if root else path.as_posix()
    except ValueError:
        return path.as_posix()


def read_all(folder: Path, root: Path) -> list[RawGazette]:
    files = gazette_files(folder, root)
    if not files:
        raise InputError(folder.as_posix(), "no gazettes (*.txt, *.html, *.htm) in the folder")
    return [read_gazette(p, root) for p in files]
