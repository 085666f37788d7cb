"""Write-YAML pass: the records as committed YAML files, in one fixed format.

Layout under ``data/records/``:
  gazettes.yml              every gazette
  documents/<doc id>.yml    one document with its task lists, tasks, tables and document refs
  units.yml, people.yml     resolved units and officials
The format is fixed (field order from schema.py, block style, no line
folding, PyYAML's deterministic quoting), so a re-parse that changes nothing
changes no byte.  Files are written to a temporary folder and swapped in at
the end: a failed build never leaves half-written records.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import schema
from .schema import DocRef, Document, Gazette, Person, Table, Task, TaskList, Unit


@dataclass
class Records:
    """Everything one build produces, grouped by type."""

    gazettes: list[Gazette] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    tasklists: list[TaskList] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    docrefs: list[DocRef] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)

    def all(self) -> list:
        return [*self.gazettes, *self.documents, *self.tasklists, *self.tasks, *self.tables,
                *self.docrefs, *self.units, *self.people]

    def sort(self) -> "Records":
        """One canonical order, whatever the order records were made or read in."""
        def by_source(r):
            return (r.source.file, r.source.line_start, r.id)
        for key in ("gazettes", "documents", "tasklists", "tasks", "tables", "docrefs"):
            getattr(self, key).sort(key=by_source)
        self.units.sort(key=lambda u: u.id)
        self.people.sort(key=lambda p: p.id)
        return self

    def by_document(self, kind: str) -> dict[str, list]:
        out: dict[str, list] = {}
        for r in getattr(self, kind):
            out.setdefault(r.document, []).append(r)
        return out


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    pass


def _str(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=1_000_000, indent=2)


def _dicts(records) -> list[dict]:
    return [schema.to_dict(r) for r in records]


def render_files(recs: Records, cache: Path | None = None, fresh: bool = False) -> dict[str, str]:
    """Relative path -> file text for every record file.

    With ``cache`` (a folder), a document's YAML is kept there under the hash of its records (and of
    this module and the schema), so a build dumps only the documents whose records changed; entries
    no document of this build uses are removed.  ``fresh``: dump every document, and keep them."""
    files = {"gazettes.yml": dump(_dicts(recs.gazettes)),
             "units.yml": dump(_dicts(recs.units)),
             "people.yml": dump(_dicts(recs.people))}
    groups = {k: recs.by_document(k) for k in ("tasklists", "tasks", "tables", "docrefs")}
    folder = cache / _format_version() if cache else None
    used: set[str] = set()
    for doc in recs.documents:
        parts = [groups[k].get(doc.id, []) for k in ("tasklists", "tasks", "tables", "docrefs")]
        if folder:
            key = hashlib.sha256(pickle.dumps((doc, parts), protocol=pickle.HIGHEST_PROTOCOL)).hexdigest()
            used.add(f"{key}.yml")
            hit = folder / f"{key}.yml"
            if not fresh and hit.exists():
                files[f"documents/{doc.id.replace('/', '--')}.yml"] = hit.read_text(encoding="utf-8")
                continue
        body = {"document": schema.to_dict(doc)}
        for k, part in zip(("tasklists", "tasks", "tables", "docrefs"), parts):
            body[k] = _dicts(part)
        text = files[f"documents/{doc.id.replace('/', '--')}.yml"] = dump(body)
        if folder:
            folder.mkdir(parents=True, exist_ok=True)
            tmp = folder / f".{key}.{os.getpid()}.tmp"
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, hit)
    if cache and cache.is_dir():
        for old in cache.iterdir():
            if old != folder:
                shutil.rmtree(old, ignore_errors=True) if old.is_dir() else old.unlink()
        for f in folder.iterdir() if folder.is_dir() else []:
            if f.name not in used:
                f.unlink()
    return files


def _format_version() -> str:
    """A hash of the code that fixes the YAML of a record: this module and schema.py."""
    h = hashlib.sha256()
    for name in ("records.py", "schema.py"):
        h.update((Path(__file__).parent / name).read_bytes())
    h.update(yaml.__version__.encode())
    return h.hexdigest()[:16]


def write_tree(files: dict[str, str], target: Path) -> None:
    """Write files into a fresh folder and swap it in for ``target`` atomically."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        for rel, text in files.items():
            p = tmp / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(text, encoding="utf-8")
        swap_in(tmp, target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)


def swap_in(new: Path, target: Path) -> None:
    """Replace ``target`` by ``new`` (both folders on one file system)."""
    old = target.with_name(f".{target.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        os.rename(target, old)
    os.rename(new, target)
    if old.exists():
        shutil.rmtree(old)


def sync_tree(new: Path, target: Path, managed: set[str] | frozenset[str] = frozenset()) -> dict[str, int]:
    """Make the folders of ``target`` that ``new`` holds (and those named in ``managed``) hold what
    ``new`` holds, writing only the files whose bytes differ: an unchanged file keeps its
    modification time, so tools after this pass can skip it.  Files of ``target`` outside those
    folders (hand-written pages) stay.  ``new`` is consumed.  Returns counts of files written,
    unchanged and removed."""
    counts = {"written": 0, "unchanged": 0, "removed": 0}
    made: set[str] = set()
    for src in sorted(new.rglob("*")):
        if src.is_dir():
            continue
        rel = src.relative_to(new).as_posix()
        made.add(rel)
        dst = target / rel
        if dst.is_file() and dst.stat().st_size == src.stat().st_size and dst.read_bytes() == src.read_bytes():
            counts["unchanged"] += 1
            continue
        if dst.is_dir():
            shutil.rmtree(dst)
        dst.parent.mkdir(parents=True, exist_ok=True)
        os.replace(src, dst)
        counts["written"] += 1
    tops = {rel.split("/", 1)[0] for rel in made} | set(managed)
    for top in sorted(tops):
        t = target / top
        if not t.is_dir() or t.is_symlink():
            continue
        for p in sorted(t.rglob("*"), reverse=True):  # files before the folders that hold them
            rel = p.relative_to(target).as_posix()
            if p.is_dir() and not p.is_symlink():
                if not any(p.iterdir()):
                    p.rmdir()
            elif rel not in made:
                p.unlink()
                counts["removed"] += 1
    for top in sorted(set(managed) - {rel.split("/", 1)[0] for rel in made}):
        if (target / top).is_file():  # a generated file this build no longer makes
            (target / top).unlink()
            counts["removed"] += 1
    shutil.rmtree(new, ignore_errors=True)
    return counts


def load_records(folder: Path) -> Records:
    """Read committed records back (export, checks)."""
    recs = Records()
    if not folder.exists():
        raise FileNotFoundError(f"{folder}: no records; run `gongbao build` first")

    def load(p: Path):
        return yaml.load(p.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or []

    recs.gazettes = [schema.from_dict(Gazette, d) for d in load(folder / "gazettes.yml")]
    recs.units = [schema.from_dict(Unit, d) for d in load(folder / "units.yml")]
    recs.people = [schema.from_dict(Person, d) for d in load(folder / "people.yml")]
    for p in sorted((folder / "documents").glob("*.yml")):
        data = load(p)
        recs.documents.append(schema.from_dict(Document, data["document"]))
        for key, cls in (("tasklists", TaskList), ("tasks", Task), ("tables", Table), ("docrefs", DocRef)):
            getattr(recs, key).extend(schema.from_dict(cls, d) for d in data.get(key, []))
    return recs.sort()
