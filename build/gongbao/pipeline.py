"""The pipeline: read -> normalise -> split documents -> find task lists ->
resolve units and people -> write YAML -> write pages -> render.

``parse`` runs the passes up to resolve in memory and validates every record;
nothing is written until the whole parse has succeeded, so bad input never
costs the last good ``data/records``, ``content/`` or ``site/``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import documents, tables, tasklists
from . import normalise as normalise_mod
from .normalise import normalise
from .read import InputError, read_all
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


def parse(paths: Paths) -> Parsed:
    recs = Records()
    fields = load_fields(paths.knowledge / "unit_fields.yml")
    stated: dict[str, dict[str, int]] = {}
    doc_where: dict[str, tuple[str, int]] = {}
    for raw in read_all(paths.gazettes, paths.root):
        lines = normalise(raw)
        info, docs = documents.split_documents(lines, raw.meta)
        gid = documents.gazette_id(raw.file, raw.meta)
        for doc in docs:
            where = (doc.source.file, doc.source.line_start)
            if doc.id in doc_where:
                f, n = doc_where[doc.id]
                raise InputError(doc.source.file, f"document {doc.doc_number or doc.id} appears twice: "
                                                  f"here and at {f}:{n}", doc.source.line_start)
            doc_where[doc.id] = where
            doc_lines = documents.document_lines(lines, doc)
            t_lists, tasks, tbls, refs = tasklists.find_tasks(doc, doc_lines, fields, doc is docs[-1])
            normalise_mod.restore_printed(doc_lines, [doc, *t_lists, *tasks, *tbls, *refs])
            doc.attachment_urls = [url for _, url, no in raw.attachments
                                   if doc.source.line_start <= no <= doc.source.line_end]
            recs.tasklists += t_lists
            recs.tasks += tasks
            recs.tables += tbls
            recs.docrefs += refs
            counts = tables.stated_counts(doc_lines) if refs else {}
            if counts:
                stated[doc.id] = counts
        recs.documents += docs
        recs.gazettes.append(Gazette(
            id=gid, file=raw.file, title=info.title, jurisdiction=info.jurisdiction, issue=info.issue,
            published=raw.meta.get("published") or info.published, source_url=raw.meta.get("source_url"),
            documents=[d.id for d in docs], source=Source(raw.file, 1, max(1, len(lines))),
            html_lines=list(raw.source_lines or [])))
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


def record_files(parsed: Parsed) -> dict[str, str]:
    """Every file of data/records/ as text: the records and the build report."""
    files = render_files(parsed.records)
    files["report.yml"] = dump(report(parsed))
    return files


def write(parsed: Parsed, paths: Paths) -> None:
    files = record_files(parsed)
    write_tree(files, paths.records)
