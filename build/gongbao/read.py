"""Read pass: gazette files (and their optional sidecar YAML) from disk.

A gazette is a UTF-8 text file in the gazette folder.  Beside it may stand a
sidecar ``<same name>.yml`` with what the text does not print: jurisdiction,
source_url, published (YYYY-MM-DD), issue, id.  Bad input raises
:class:`InputError` naming the file and, where it applies, the line.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

SIDECAR_KEYS = {"id", "jurisdiction", "source_url", "published", "issue", "title"}


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


def read_gazette(path: Path, root: Path) -> RawGazette:
    try:
        rel = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        rel = path.as_posix()
    data = path.read_bytes()
    if not data.strip():
        raise InputError(rel, "the file is empty")
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


def gazette_files(folder: Path) -> list[Path]:
    """The gazette texts of a folder, in name order."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix == ".txt")


def read_all(folder: Path, root: Path) -> list[RawGazette]:
    files = gazette_files(folder)
    if not files:
        raise InputError(folder.as_posix(), "no gazette texts (*.txt) in the folder")
    return [read_gazette(p, root) for p in files]
