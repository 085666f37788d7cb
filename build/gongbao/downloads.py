"""Downloads: the open dataset published under downloads/ and the build report page.

Files: tasks and documents as CSV (UTF-8 with BOM), JSON and JSON Lines; one
CSV of tasks per document; a Frictionless ``datapackage.json`` describing every
field; the gazette source texts.  The data version is a digest of the data
itself, so two builds of the same records publish the same bytes.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from . import export
from .pages import front, gazette_name, h, published_name, shorten
from .records import Records

LICENCE_CODE = "MIT"


_TYPES = {
    "generic": "boolean", "confidence": "number", "year": "integer", "task_count": "integer",
    "source_line_start": "integer", "source_line_end": "integer", "source_html_line_start": "integer",
    "source_html_line_end": "integer", "truncated": "boolean", "published": "date",
}


def _table_schema(fields: list[str]) -> dict:
    flat = [f for f in fields if f != "source"] + export.SOURCE_COLUMNS
    out = []
    for f in flat:
        desc = export.FIELD_DOCS.get(f) or {"source_file": "Source text file", "source_line_start": "First source line",
                                            "source_line_end": "Last source line",
                                            "source_html_line_start": "First line of the saved HTML page, if any",
                                            "source_html_line_end": "Last line of the saved HTML page, if any"}[f]
        item = {"name": f, "type": _TYPES.get(f, "string"), "description": desc}
        if f in ("lead_units", "cooperating_units", "units", "others", "leaders", "overall_leaders", "issuers",
                 "attachments", "attachment_urls", "cites"):
            item["description"] += f" (joined by '{export.LIST_SEP}')"
        if f == "generic":
            item["trueValues"], item["falseValues"] = ["true"], ["false"]
        out.append(item)
    key = {"primaryKey": ["id"]}
    return {"fields": out, **key}


def publish_files(recs: Records, status: dict, paths, report: dict) -> dict[str, str | bytes]:
    tasks = export.task_rows(recs, status)
    docs = export.document_rows(recs, export.validity(recs))
    files: dict[str, str | bytes] = {}
    for fmt in export.FORMATS:
        files[f"downloads/tasks.{fmt}"] = export.serialise(tasks, export.TASK_FIELDS, fmt)
        files[f"downloads/documents.{fmt}"] = export.serialise(docs, export.DOCUMENT_FIELDS, fmt)
    version = hashlib.sha256(files["downloads/tasks.jsonl"].encode() + files["downloads/documents.jsonl"].encode()
                             ).hexdigest()[:12]
    per_doc = []
    for d in recs.documents:
        rows = [t for t in tasks if t["document"] == d.id]
        if rows:
            name = f"downloads/documents/{d.id}.csv"
            files[name] = export.serialise(rows, export.TASK_FIELDS, "csv")
            per_doc.append((d, name, len(rows)))
    for tb in recs.tables:
        files[export.table_csv_path(tb.id)] = export.table_csv(tb)
    for g in recs.gazettes:
        src = paths.root / g.file
        files[f"downloads/gazettes/{published_name(g.file)}"] = src.read_bytes()

    task_schema = _table_schema(export.TASK_FIELDS)
    resources = [
        {"name": "tasks", "path": "tasks.csv", "profile": "tabular-data-resource", "format": "csv",
         "mediatype": "text/csv", "encoding": "utf-8-sig", "schema": task_schema},
        {"name": "documents", "path": "documents.csv", "profile": "tabular-data-resource", "format": "csv",
         "mediatype": "text/csv", "encoding": "utf-8-sig", "schema": _table_schema(export.DOCUMENT_FIELDS)},
    ]
    for d, name, _ in per_doc:
        resources.append({"name": f"tasks-{d.id}", "path": name[len("downloads/"):], "profile": "tabular-data-resource",
                          "format": "csv", "mediatype": "text/csv", "encoding": "utf-8-sig", "schema": task_schema})
    package = {
        "profile": "tabular-data-package",
        "name": "gongbao",
        "title": "Gongbao: tasks and documents of Chinese county-government gazettes",
        "version": version,
        "licenses": [{"name": "other-pd", "title": "The gazette texts are public official documents"}],
        "resources": resources,
    }
    files["downloads/datapackage.json"] = json.dumps(package, ensure_ascii=False, indent=1) + "\n"

    here = "downloads/"
    listing = [f'<li><a href="{h(fn)}">{h(fn)}</a></li>' for fn in
               [f"{w}.{fmt}" for w in ("tasks", "documents") for fmt in export.FORMATS] + ["datapackage.json"]]
    doc_rows = [f'<tr><td>{h(d.doc_number or "")}</td><td>{h(d.title)}</td><td>{n}</td>'
                f'<td><a href="{h(name[len(here):])}">CSV</a></td></tr>' for d, name, n in per_doc]
    docs_by_id = {d.id: d for d in recs.documents}
    table_rows = [f'<tr><td>{h(docs_by_id[tb.document].doc_number or "")}</td><td>{h(tb.title or "")}</td>'
                  f'<td>{len(tb.rows)}</td><td><a href="{h(export.table_csv_path(tb.id)[len(here):])}">CSV</a></td></tr>'
                  for tb in recs.tables]
    # a gazette's text is named for readers by its gazette (the file name stays in the link)
    src_rows = [f'<li><a href="gazettes/{h(published_name(g.file))}">'
                f"{h(gazette_name(g, [docs_by_id[i] for i in g.documents]))} {h(g.issue or '')}</a> "
                f"{h(g.jurisdiction)}</li>" for g in recs.gazettes]
    files["downloads/index.md"] = (
        front("下载数据", "全部任务和文件的开放数据：CSV、JSON、JSON Lines 和数据包说明")
        + "# 下载数据\n\n"
        + meta_table([("数据版本", h(version)), ("任务", str(len(tasks))), ("文件", str(len(docs))),
                      ("代码许可", h(LICENCE_CODE)), ("数据说明", '<a href="datapackage.json">datapackage.json</a>'
                                                     "（Frictionless Data Package，含每个字段的说明）")])
        + "\n## 全部数据\n\nCSV 为带 BOM 的 UTF-8 编码，可直接用 Excel 或 WPS 打开；列表字段以“；”分隔。\n\n<ul>\n"
        + "\n".join(listing) + "\n</ul>\n\n## 按文件下载任务\n\n<table>\n<thead><tr><th>发文字号</th><th>标题</th>"
        "<th>任务</th><th>下载</th></tr></thead>\n" + "\n".join(doc_rows) + "\n</table>\n\n"
        "## 重建的表格\n\n从排版错乱的原文逐行重建的表格，与文件页上所示相同；表格行属于某项任务时，末列为该任务的编号。\n\n"
        "<table>\n<thead><tr><th>发文字号</th><th>表格</th><th>行数</th><th>下载</th></tr></thead>\n"
        + "\n".join(table_rows) + "\n</table>\n\n## 公报原文\n\n<ul>\n"
        + "\n".join(src_rows) + "\n</ul>\n")
    files["report/index.md"] = report_page(report, recs)
    return files


def meta_table(rows: list[tuple[str, str]]) -> str:
    """A key/value table from ready-made cells."""
    body = "\n".join(f"<tr><th>{h(k)}</th><td>{v}</td></tr>" for k, v in rows if v)
    return f'<table class="gb-meta">\n{body}\n</table>\n'


def report_page(report: dict, recs: Records) -> str:
    docs = {d.id: d for d in recs.documents}
    rows, details = [], []
    for d in report["documents"]:
        unassigned = [u for l in d["lists"] for u in l["unassigned_lines"]]
        rows.append(f"<tr><td>{h(d['doc_number'] or '')}</td><td>{h(d['title'])}</td><td>{d['tasks']}</td>"
                    f"<td>{len(d['lists'])}</td><td>{len(unassigned)}</td><td>{len(d['uncertain_tasks'])}</td></tr>")
        for u in unassigned:  # "file:start-end": shown as a link to the paragraph that holds it
            start = int(u.rsplit(":", 1)[1].split("-")[0])
            body = docs[d["document"]].body if d["document"] in docs else []
            block = next((b for b in reversed(body) if b.line_start <= start), None)
            page = "../" + export.document_url(d["document"])
            if block is None:
                where = f'<a href="{page}#text">正文</a>'
            elif block.kind == "table":
                where = f'<a href="{page}#{h(block.text.split("/", 1)[1])}">正文中的表格</a>'
            else:
                where = f'<a href="{page}#l{block.line_start}">{h(shorten(block.text, 40))}</a>'
            details.append(f"<li>{h(d['doc_number'] or d['document'])}：{where}</li>")
        for m in d.get("document_lists", []):
            if m["mismatch"]:
                details.append(f"<li>{h(d['doc_number'] or '')}：{h(m['list'])} 清单列出 {m['printed']} 件，"
                               f"正文称 {m['stated']} 件</li>")
    return (front("解析报告", "每份文件找到的任务数、未归属的行和存疑之处")
            + "# 解析报告\n\n每份文件解析出的任务数、任务清单中未归入任何任务的行、需要人工核对的任务，以及清单与正文说法不一致之处。"
            "未归属的行只被报告，从不被悄悄丢弃。\n\n<table>\n<thead><tr><th>发文字号</th><th>标题</th><th>任务</th><th>清单</th>"
            "<th>未归属行段</th><th>存疑任务</th></tr></thead>\n" + "\n".join(rows) + "\n</table>\n\n## 需要核对的地方\n\n"
            + ("<ul>\n" + "\n".join(details) + "\n</ul>\n" if details else "无。\n"))
