"""The pipeline: read -> normalise -> split documents -> find task lists ->
resolve units and people -> write YAML -> write pages -> render.

``parse`` runs the passes up to resolve in memory and validates every record;
nothing is written until the whole parse has succeeded, so bad input never
costs the last good ``data/records``, ``content/`` or ``site/``.

The per-gazette passes (normalise, split documents, find task lists) see one
gazette at a time: their result is kept in ``.cache/parse/`` by the hash of
what they read (the text, its sidecar, ``data/unit_fields.yml``) and of the
parser's source, and gazettes not found there are parsed in ``jobs``
processes.  Resolve and the checks across gazettes (a 发文字号 printed twice)
run on all of them, in name order, whatever came from the cache.
"""
from __future__ import annotations

import functools
import hashlib
import os
import pickle
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from . import documents, tables, tasklists
from .normalise import normalise, restore_printed
from .read import InputError, gazette_files, read_gazette
from .records import Records, dump, render_files, write_tree
from .resolve import load_fields, load_status, resolve
from .schema import Gazette, Source, validate_all


@dataclass
class Paths:
    root: Path

    @property
    def gazettes(self) -> Path:
        return self.root / "data" / "gazettes"

    @property
    def knowledge(self) -> Path:  # hand-kept YAML: aliases, corrections, status
        return self.root / "data"

    @property
    def records(self) -> Path:
        return self.root / "data" / "records"

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def cache(self) -> Path:  # safe to delete; ignored by git
        return self.root / ".cache"


@dataclass
class Parsed:
    records: Records
    corrections: list[dict] = field(default_factory=list)
    status: dict[str, list[dict]] = field(default_factory=dict)  # task id -> dated status entries
    stated_counts: dict[str, dict[str, int]] = field(default_factory=dict)  # doc id -> list -> count stated


def find_root(start: Path | None = None) -> Path:
    here = (start or Path.cwd()).resolve()
    for p in (here, *here.parents):
        if (p / "mkdocs.yml").exists() and (p / "data" / "gazettes").is_dir():
            return p
    raise SystemExit(f"{here}: not inside a Gongbao repository (no mkdocs.yml and data/gazettes/ found)")


@dataclass
class GazetteParse:
    """What the per-gazette passes (normalise, split documents, find task lists) make of one gazette."""
    gazette: Gazette
    documents: list = field(default_factory=list)
    tasklists: list = field(default_factory=list)
    tasks: list = field(default_factory=list)
    tables: list = field(default_factory=list)
    docrefs: list = field(default_factory=list)
    stated_counts: dict[str, dict[str, int]] = field(default_factory=dict)


def parse_gazette(raw, fields) -> GazetteParse:
    lines = normalise(raw)
    info, docs = documents.split_documents(lines, raw.meta)
    gid = documents.gazette_id(raw.file, raw.meta)
    out = GazetteParse(Gazette(
        id=gid, file=raw.file, title=info.title, jurisdiction=info.jurisdiction, issue=info.issue,
        published=raw.meta.get("published") or info.published, source_url=raw.meta.get("source_url"),
        documents=[d.id for d in docs], source=Source(raw.file, 1, max(1, len(lines))),
        html_lines=list(raw.source_lines or [])), documents=docs)
    for doc in docs:
        doc_lines = documents.document_lines(lines, doc)
        t_lists, tasks, tbls, refs = tasklists.find_tasks(doc, doc_lines, fields, doc is docs[-1])
        # the passes read the simplified form; the records show the text as printed
        restore_printed(doc_lines, [doc, *t_lists, *tasks, *tbls, *refs])
        doc.attachment_urls = [url for _, url, no in raw.attachments
                               if doc.source.line_start <= no <= doc.source.line_end]
        out.tasklists += t_lists
        out.tasks += tasks
        out.tables += tbls
        out.docrefs += refs
        counts = tables.stated_counts(doc_lines) if refs else {}
        if counts:
            out.stated_counts[doc.id] = counts
    return out


# Modules that only turn records into pages and files: a change to them keeps the parse cache.
_NOT_PARSE = {"cli", "pages", "feeds", "downloads", "search", "render", "export", "macros", "hooks"}


@functools.cache
def parser_version() -> str:
    """A hash of the parser's source files (every module of the package but the output ones, and the
    grammar's words in grammar.yml) and of the versions of the libraries the parse calls (pypinyin makes
    ids, PyYAML reads sidecars, OpenCC folds traditional characters, BeautifulSoup and
    charset-normalizer read saved pages)."""
    from importlib import metadata

    h = hashlib.sha256()
    here = Path(__file__).parent
    for p in sorted([*here.glob("*.py"), *here.glob("*.yml")]):
        if p.stem not in _NOT_PARSE:
            h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    for dist in ("pypinyin", "pyyaml", "opencc", "beautifulsoup4", "charset-normalizer"):
        try:
            h.update(f"{dist}=={metadata.version(dist)}\0".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{dist}==-\0".encode())
    return h.hexdigest()[:16]


def _cache_key(path: Path, rel: str, fields_bytes: bytes) -> str:
    """The hash of what a gazette's parse reads: its text, its sidecar, data/unit_fields.yml, its name."""
    h = hashlib.sha256()
    side = path.with_suffix(".yml")
    for part in (rel.encode(), path.read_bytes(), side.read_bytes() if side.exists() else b"\0none",
                 fields_bytes):
        h.update(len(part).to_bytes(8, "big") + part)
    return h.hexdigest()


def _parse_file(path: Path, root: Path, fields) -> tuple:
    """Parse one gazette file; ("ok", pickled GazetteParse) or ("error", file, message, line)
    (an error goes back as plain values, so it crosses a process boundary whole)."""
    try:
        raw = read_gazette(path, root)
        return ("ok", pickle.dumps(parse_gazette(raw, fields), protocol=pickle.HIGHEST_PROTOCOL))
    except InputError as e:
        return ("error", e.file, str(e).removeprefix(f"{e.file}:{e.line}: " if e.line else f"{e.file}: "), e.line)


def _parse_file_args(args: tuple) -> tuple:
    return _parse_file(*args)


def parse_gazettes(paths: Paths, fields, jobs: int = 1, cache: bool = True, fresh: bool = False,
                   stats: dict | None = None) -> list[GazetteParse]:
    """Every gazette's per-gazette parse, in name order: from the parse cache where the gazette, its
    sidecar, the hand-kept field words and the parser are unchanged, else parsed (in ``jobs`` processes).
    ``fresh``: parse every gazette, and keep the results in the cache; ``cache=False``: the cache is
    neither read nor written."""
    files = gazette_files(paths.gazettes, paths.root)
    if not files:
        raise InputError(paths.gazettes.as_posix(), "no gazettes (*.txt, *.html) in the folder")
    root = paths.root.resolve()
    rels = []
    for f in files:
        try:
            rels.append(f.resolve().relative_to(root).as_posix())
        except ValueError:
            rels.append(f.as_posix())
    version_dir = paths.cache / "parse" / parser_version()
    fields_file = paths.knowledge / "unit_fields.yml"
    fields_bytes = fields_file.read_bytes() if fields_file.exists() else b""
    results: list[bytes | tuple | None] = [None] * len(files)
    keys: list[str | None] = [None] * len(files)
    if cache:
        if (paths.cache / "parse").is_dir():  # entries of an older parser are never read again
            for old in (paths.cache / "parse").iterdir():
                if old.is_dir() and old.name != version_dir.name:
                    shutil.rmtree(old, ignore_errors=True)
        for i, (f, rel) in enumerate(zip(files, rels)):
            keys[i] = _cache_key(f, rel, fields_bytes)
            hit = version_dir / f"{keys[i]}.pickle"
            if not fresh and hit.exists():
                results[i] = hit.read_bytes()
    todo = [i for i, r in enumerate(results) if r is None]
    if jobs > 1 and len(todo) > 1:
        from concurrent.futures import ProcessPoolExecutor
        with ProcessPoolExecutor(max_workers=min(jobs, len(todo))) as pool:
            done = pool.map(_parse_file_args, [(files[i], paths.root, fields) for i in todo])
            for i, r in zip(todo, done):
                results[i] = r
    else:
        for i in todo:
            results[i] = _parse_file(files[i], paths.root, fields)
    out = []
    for i, r in enumerate(results):
        if isinstance(r, tuple):
            if r[0] == "error":
                raise InputError(r[1], r[2], r[3])
            r = r[1]
            if cache:
                version_dir.mkdir(parents=True, exist_ok=True)
                tmp = version_dir / f".{keys[i]}.{os.getpid()}.tmp"
                tmp.write_bytes(r)
                os.replace(tmp, version_dir / f"{keys[i]}.pickle")
        out.append(pickle.loads(r))
        results[i] = None  # the bytes are not needed once read
    if cache and version_dir.is_dir():  # entries of gazettes since changed or removed
        used = {f"{k}.pickle" for k in keys}
        for f in version_dir.iterdir():
            if f.name not in used:
                f.unlink(missing_ok=True)
    if stats is not None:
        stats.update(gazettes=len(files), parsed=len(todo), cached=len(files) - len(todo),
                     bytes=sum(files[i].stat().st_size for i in todo))
    return out


def parse(paths: Paths, jobs: int = 1, cache: bool = True, fresh: bool = False,
          stats: dict | None = None) -> Parsed:
    """The per-gazette passes (cached, in parallel; ``cache``, ``fresh``: see ``parse_gazettes``),
    then resolve across all gazettes and validate."""
    recs = Records()
    fields = load_fields(paths.knowledge / "unit_fields.yml")
    stated: dict[str, dict[str, int]] = {}
    doc_where: dict[str, tuple[str, int]] = {}
    for g in parse_gazettes(paths, fields, jobs=jobs, cache=cache, fresh=fresh, stats=stats):
        for doc in g.documents:
            where = (doc.source.file, doc.source.line_start)
            if doc.id in doc_where:
                f, n = doc_where[doc.id]
                raise InputError(doc.source.file, f"document {doc.doc_number or doc.id} appears twice: "
                                                  f"here and at {f}:{n}", doc.source.line_start)
            doc_where[doc.id] = where
        recs.tasklists += g.tasklists
        recs.tasks += g.tasks
        recs.tables += g.tables
        recs.docrefs += g.docrefs
        stated.update(g.stated_counts)
        recs.documents += g.documents
        recs.gazettes.append(g.gazette)
    corrections = resolve(recs, paths.knowledge)
    status = load_status(paths.knowledge / "status.yml", recs)
    recs.sort()
    validate_all(recs.all())
    return Parsed(recs, corrections=corrections, stated_counts=stated, status=status)


def report(parsed: Parsed) -> dict:
    """Per document: tasks found, task-list lines no task took, count mismatches."""
    recs = parsed.records
    by_doc_lists = recs.by_document("tasklists")
    by_doc_tasks = recs.by_document("tasks")
    by_doc_refs = recs.by_document("docrefs")
    docs = []
    for d in recs.documents:
        lists = by_doc_lists.get(d.id, [])
        entry = {
            "document": d.id,
            "doc_number": d.doc_number,
            "title": d.title,
            "tasks": len(by_doc_tasks.get(d.id, [])),
            "lists": [{"id": tl.id, "title": tl.title, "kind": tl.kind, "tasks": tl.task_count,
                       "unassigned_lines": [f"{s.file}:{s.line_start}-{s.line_end}" for s in tl.unassigned]}
                      for tl in lists],
            "uncertain_tasks": [t.id for t in by_doc_tasks.get(d.id, []) if t.confidence < 1.0],
        }
        refs = by_doc_refs.get(d.id, [])
        if refs:
            printed: dict[str, int] = {}
            for r in refs:
                printed[r.list] = printed.get(r.list, 0) + 1
            stated = parsed.stated_counts.get(d.id, {})
            entry["document_lists"] = [
                {"list": name, "printed": printed.get(name, 0), "stated": stated.get(name),
                 "mismatch": stated.get(name) is not None and stated.get(name) != printed.get(name, 0)}
                for name in dict.fromkeys([*printed, *stated])]
        docs.append(entry)
    return {"documents": docs, "corrections": parsed.corrections}


def record_files(parsed: Parsed, cache: Path | None = None, fresh: bool = False) -> dict[str, str]:
    """Every file of data/records/ as text: the records and the build report (``cache``, ``fresh``:
    see ``records.render_files``)."""
    from .macros import figures

    files = render_files(parsed.records, cache, fresh)
    files["report.yml"] = dump(report(parsed))
    files["figures.yml"] = dump(figures(parsed.records))  # what the hand-written pages show
    return files


def write(parsed: Parsed, paths: Paths, fresh: bool = False) -> None:
    """Write data/records/ (every document's YAML dumped afresh with ``fresh``, else from the cache
    where its records are unchanged)."""
    files = record_files(parsed, paths.cache / "records", fresh)
    write_tree(files, paths.records)
