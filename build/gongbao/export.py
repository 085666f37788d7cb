"""The public dataset: tasks and documents as JSON Lines, CSV or JSON.

These fields are our contract with the people who download the data; add
fields, never rename or drop them.  CSV is UTF-8 with a BOM so that Excel and
WPS open it correctly; list fields are joined with '；' in CSV.
"""
from __future__ import annotations

import csv
import io
import json

from .records import Records
from .schema import Table

FORMATS = ("jsonl", "csv", "json")
SOURCE_COLUMNS = ["source_file", "source_line_start", "source_line_end", "source_html_line_start",
                  "source_html_line_end"]
LIST_SEP = "；"

TASK_FIELDS = [
    "id", "url", "jurisdiction", "doc_number", "document", "document_title", "list", "list_title",
    "number", "section", "text", "lead_units", "cooperating_units", "units", "others", "generic",
    "leaders", "overall_leaders", "deadline", "goal", "target_this_year", "year", "confidence",
    "note", "status", "same_as", "truncated", "source",
]
DOCUMENT_FIELDS = [
    "id", "url", "jurisdiction", "doc_number", "title", "issuers", "recipients", "date", "year",
    "kind", "registration", "gazette", "attachments", "attachment_urls", "cites", "validity", "task_count",
    "index_no", "topic", "published", "source",
]
FIELD_DOCS = {
    "id": "Stable record id, built from the document number and the printed task number",
    "url": "Address of the record's page, relative to the site root",
    "jurisdiction": "County or city whose government issued the document",
    "doc_number": "发文字号 as printed, normalised (e.g. 桃政发〔2026〕1号)",
    "document": "Id of the document the task belongs to",
    "document_title": "Title of the document",
    "list": "Id of the task list",
    "list_title": "Title of the task list",
    "number": "Task number as printed, with its attachment and section numbers",
    "section": "Headings above the task, outermost first, joined by ' / '",
    "text": "Full task text, lines rejoined",
    "lead_units": "Lead units (牵头单位), as printed",
    "cooperating_units": "Cooperating or responsible units (配合单位), as printed",
    "units": "Every unit named for the task, in printed order",
    "others": "Generic phrases among the units (各部门单位 …), as printed",
    "generic": "True when a generic phrase stands among the units",
    "leaders": "Lead officials (牵头领导), whitespace removed",
    "overall_leaders": "Overall lead officials (总牵头) of the task's group",
    "deadline": "Deadline (完成时限) as printed",
    "goal": "Overall goal column of the table (e.g. 至2026年总体目标)",
    "target_this_year": "This year's target column of the table (e.g. 2024年任务)",
    "year": "Year of the document's date",
    "confidence": "1.0 when the parse is certain; lower where a table had to be realigned",
    "note": "Why the parse is uncertain",
    "status": "Latest hand-kept status entry (status and date), if any",
    "same_as": "Id of the same task printed under the same heading elsewhere in the document "
               "(a row of an attachment's responsibility list and the item of its plan)",
    "source": "Source text file and first/last line (for a saved HTML page: the lines of its text, and the "
              "first/last line of the HTML file they come from)",
    "truncated": "True when the text stops inside the task (an excerpt): its end is not printed",
    "attachment_urls": "Links to the attached files a saved page holds",
    "index_no": "索引号 of the portal's 政府信息公开 metadata",
    "topic": "主题分类 of the portal's metadata",
    "published": "发布日期 (publication on the portal, YYYY-MM-DD), not the 成文日期",
    "title": "Title of the document",
    "issuers": "Issuing bodies",
    "recipients": "主送机关",
    "date": "成文日期 (YYYY-MM-DD)",
    "kind": "文种 (通知, 决定, 通报 …)",
    "registration": "Registration number of a normative document (e.g. XYDR-2024-00003)",
    "gazette": "Id of the gazette file the document was published in",
    "attachments": "Titles of the attachments",
    "cites": "Document numbers cited in the text",
    "validity": "废止 / 失效 / 继续有效 when a decision in the archive lists the document",
    "task_count": "Number of tasks parsed from the document",
}


def task_url(task_id: str) -> str:
    return f"tasks/{task_id}/"


def document_url(doc_id: str) -> str:
    return f"documents/{doc_id}/"


def table_csv_path(table_id: str) -> str:
    """Where a rebuilt table's CSV is published: downloads/tables/<document id>/<key>.csv."""
    return f"downloads/tables/{table_id}.csv"


def table_csv(tb: Table) -> str:
    """A rebuilt table as CSV (UTF-8 with BOM): its header and rows as the
    document page shows them, and, where its rows belong to tasks, the task id
    of each row in a last column."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(tb.header + (["task_id"] if tb.row_tasks else []))
    for i, row in enumerate(tb.rows):
        w.writerow(row + ([tb.row_tasks[i]] if tb.row_tasks else []))
    return "\ufeff" + out.getvalue()


def _source(r, html: dict[str, list[int]] | None = None) -> dict:
    """Where a record stands; for a saved HTML page also the lines of the HTML file."""
    lines = (html or {}).get(r.source.file) or []

    def at(no: int):
        return lines[no - 1] if 0 < no <= len(lines) else None
    return {"file": r.source.file, "line_start": r.source.line_start, "line_end": r.source.line_end,
            "html_line_start": at(r.source.line_start), "html_line_end": at(r.source.line_end)}


def _html_lines(recs: Records) -> dict[str, list[int]]:
    return {g.file: g.html_lines for g in recs.gazettes if g.html_lines}


def task_rows(recs: Records, status: dict | None = None) -> list[dict]:
    docs = {d.id: d for d in recs.documents}
    lists = {tl.id: tl for tl in recs.tasklists}
    html = _html_lines(recs)
    rows = []
    for t in recs.tasks:
        d = docs[t.document]
        latest = (status or {}).get(t.id, [])
        rows.append({
            "id": t.id, "url": task_url(t.id), "jurisdiction": d.jurisdiction, "doc_number": d.doc_number,
            "document": d.id, "document_title": d.title, "list": t.list,
            "list_title": lists[t.list].title if t.list in lists else None,
            "number": t.number, "section": " / ".join(t.section), "text": t.text,
            "lead_units": t.lead_units, "cooperating_units": t.cooperating_units, "units": t.units,
            "others": t.others, "generic": t.generic, "leaders": t.leaders,
            "overall_leaders": t.overall_leaders, "deadline": t.deadline, "goal": t.goal,
            "target_this_year": t.target_this_year, "year": int(d.date[:4]) if d.date else None,
            "confidence": t.confidence, "note": t.note,
            "status": (f"{latest[-1]['status']} ({latest[-1]['date']})" if latest else None),
            "same_as": t.same_as, "truncated": t.truncated, "source": _source(t, html),
        })
    return rows


def document_rows(recs: Records, validity: dict | None = None) -> list[dict]:
    counts: dict[str, int] = {}
    for t in recs.tasks:
        counts[t.document] = counts.get(t.document, 0) + 1
    html = _html_lines(recs)
    rows = []
    for d in recs.documents:
        rows.append({
            "id": d.id, "url": document_url(d.id), "jurisdiction": d.jurisdiction, "doc_number": d.doc_number,
            "title": d.title, "issuers": d.issuers, "recipients": d.recipients, "date": d.date,
            "year": int(d.date[:4]) if d.date else None, "kind": d.kind, "registration": d.registration,
            "gazette": d.gazette, "attachments": d.attachments, "attachment_urls": d.attachment_urls,
            "cites": d.cites, "validity": (validity or {}).get(d.doc_number or ""), "task_count": counts.get(d.id, 0),
            "index_no": d.index_no, "topic": d.topic, "published": d.published, "source": _source(d, html),
        })
    return rows


def _csv_value(v):
    if isinstance(v, list):
        return LIST_SEP.join(str(x) for x in v)
    if isinstance(v, bool):
        return "true" if v else "false"
    return "" if v is None else v


def serialise(rows: list[dict], fields: list[str], fmt: str) -> str:
    if fmt == "jsonl":
        return "".join(json.dumps({k: r[k] for k in fields}, ensure_ascii=False) + "\n" for r in rows)
    if fmt == "json":
        return json.dumps([{k: r[k] for k in fields} for r in rows], ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        flat = [f for f in fields if f != "source"] + SOURCE_COLUMNS
        w = csv.writer(out, lineterminator="\r\n")
        w.writerow(flat)
        for r in rows:
            src = r["source"]
            w.writerow([_csv_value(r[f]) for f in fields if f != "source"]
                       + [_csv_value(src[c.removeprefix("source_")]) for c in SOURCE_COLUMNS])
        return "\ufeff" + out.getvalue()
    raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")


def validity(recs: Records) -> dict[str, str]:
    """发文字号 -> 废止 / 失效 / 继续有效, from the normative-document lists in the archive."""
    return {r.doc_number: r.list for r in recs.docrefs if r.doc_number}


def search_rows(recs: Records) -> list[dict]:
    """What the search index holds: every task and every document with its readable text."""
    rows = [{"kind": "task", **{k: r[k] for k in (
        "id", "url", "jurisdiction", "doc_number", "document_title", "number", "section", "text", "lead_units",
        "cooperating_units", "units", "others", "leaders", "deadline", "year")}} for r in task_rows(recs)]
    tables = {t.id: t for t in recs.tables}
    for d, r in zip(recs.documents, document_rows(recs)):
        parts = []
        for b in d.body:
            if b.kind == "table" and b.text in tables:
                parts += ["\t".join(row) for row in tables[b.text].rows]
            else:
                parts.append(b.text)
        rows.append({"kind": "document", **{k: r[k] for k in (
            "id", "url", "jurisdiction", "doc_number", "title", "issuers", "date", "year", "registration")},
            "text": "\n".join(parts)})
    return rows
