"""Write-pages pass: Markdown pages for MkDocs from the records.

Generated pages go to ``content/`` beside the hand-written ones (index.md,
about.md, figures.md).  Text from the gazettes is HTML-escaped everywhere, so
markup or ``{{ }}`` in a gazette is shown literally.  Links between generated
pages are relative, so the site works from any sub-path.  Only the index pages
enter the navigation (see mkdocs.yml): task, unit and person pages are reached
from them.
"""
from __future__ import annotations

import html
import json
import posixpath
import re
from collections import defaultdict
from pathlib import Path

from . import export
from .ids import slug
from .records import Records
from .schema import Document, Person, Table, Task, Unit

GENERATED = ("gazettes", "documents", "tasks", "units", "people", "jurisdictions", "downloads", "browse",
             "report", "feeds")

h = html.escape


def md_escape(text: str) -> str:
    """Text safe inside a Markdown heading or link text."""
    text = html.escape(text, quote=False)
    return re.sub(r"([\\`*_{}\[\]()#+!|~-])", r"\\\1", text)


def rel(from_url: str, to_url: str) -> str:
    """Relative link between two directory URLs ('' is the site root)."""
    target = posixpath.relpath("/" + to_url, "/" + from_url if from_url else "/")
    if to_url.endswith("/") and not target.endswith("/"):
        target += "/"
    return "./" if target in (".", "./") else target


def front(title: str, description: str = "", **extra) -> str:
    meta = {"title": title, "description": description[:150], **extra}
    lines = ["---"]
    for k, v in meta.items():
        if v is None or v == "":
            continue
        lines.append(f"{k}: {_yaml_str(v)}")
    lines.append("---\n")
    return "\n".join(lines)


def _yaml_str(v) -> str:
    if isinstance(v, list):
        return "[" + ", ".join(_yaml_str(x) for x in v) + "]"
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return str(v)
    return '"' + str(v).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


class Site:
    """Builds every generated page from one set of records."""

    def __init__(self, recs: Records, status: dict | None = None, report: dict | None = None):
        self.recs = recs
        self.status = status or {}
        # document id -> its normative-document lists whose printed count differs from the text's
        self.mismatches = {d["document"]: [m for m in d.get("document_lists", []) if m["mismatch"]]
                           for d in (report or {}).get("documents", [])}
        self.docs = {d.id: d for d in recs.documents}
        self.gazettes = {g.id: g for g in recs.gazettes}
        self.lists = {tl.id: tl for tl in recs.tasklists}
        self.task_by_id = {t.id: t for t in recs.tasks}
        self.tables = {t.id: t for t in recs.tables}
        # task id -> the table rows that belong to it (an indicator table's rows of one plan item)
        self.rows_of_task: dict[str, list[tuple[Table, int]]] = defaultdict(list)
        for tb in recs.tables:
            for i, tid in enumerate(tb.row_tasks):
                if tid in self.task_by_id:
                    self.rows_of_task[tid].append((tb, i))
        self.tasks_by_doc = recs.by_document("tasks")
        self.refs_by_doc = recs.by_document("docrefs")
        self.unit_of: dict[tuple[str, str], Unit] = {}
        for u in recs.units:
            for name in (u.name, *u.aliases):
                self.unit_of[(u.jurisdiction, name)] = u
        self.person_of = {(p.jurisdiction, p.name): p for p in recs.people}
        self.doc_by_number = {d.doc_number: d for d in recs.documents if d.doc_number}
        self.validity = {r.doc_number: r for r in recs.docrefs if r.doc_number}
        self.cited_by: dict[str, list[Document]] = defaultdict(list)
        for d in recs.documents:
            for num in d.cites:
                self.cited_by[num].append(d)
        for r in recs.docrefs:  # a normative-document list cites every document it lists
            decider = self.docs[r.document]
            if r.doc_number and decider not in self.cited_by[r.doc_number]:
                self.cited_by[r.doc_number].append(decider)
        self.files: dict[str, str] = {}

    # --- urls -----------------------------------------------------------
    @staticmethod
    def url_of(path: str) -> str:
        """content-relative .md path -> directory URL."""
        if path == "index.md":
            return ""
        if path.endswith("/index.md"):
            return path[: -len("index.md")]
        return path[: -len(".md")] + "/"

    def link(self, here: str, to_url: str, text: str, cls: str = "") -> str:
        c = f' class="{cls}"' if cls else ""
        return f'<a href="{rel(here, to_url)}"{c}>{h(text)}</a>'

    def unit_link(self, here: str, juris: str, name: str) -> str:
        u = self.unit_of.get((juris, name))
        return self.link(here, f"units/{u.id}/", name) if u else h(name)

    def person_link(self, here: str, juris: str, name: str) -> str:
        p = self.person_of.get((juris, name))
        return self.link(here, f"people/{p.id}/", name) if p else h(name)

    def task_label(self, t: Task) -> str:
        """How a task is named on pages: its printed number, with its list's title
        when the number alone would not tell it from another list's (unnumbered
        targets, numbering that restarts per table)."""
        key = t.id.split("/", 1)[1]
        if t.number and (t.number == key or not t.number.isdigit()):
            return t.number
        tl = self.lists.get(t.list)
        return f"{tl.title if tl else ''} {t.number or key}".strip()

    def task_heading(self, t: Task) -> str:
        label = self.task_label(t)
        return f"任务 {label}" if label == t.number else label

    def doc_label(self, d: Document) -> str:
        return d.doc_number or d.title

    def add(self, path: str, text: str) -> None:
        self.files[path] = text

    # --- pages ----------------------------------------------------------
    def build(self) -> dict[str, str]:
        self.gazette_pages()
        self.document_pages()
        self.task_pages()
        self.unit_pages()
        self.person_pages()
        self.jurisdiction_pages()
        self.browse_pages()
        return self.files

    def gazette_pages(self) -> None:
        rows = []
        for g in self.recs.gazettes:
            path = f"gazettes/{g.id}.md"
            here = self.url_of(path)
            name = g.title or g.file.rsplit("/", 1)[-1]
            items = []
            for did in g.documents:
                d = self.docs[did]
                n = len(self.tasks_by_doc.get(did, []))
                items.append(f"<li>{self.link(here, export.document_url(did), self.doc_label(d))} "
                             f"{h(d.title)}{f'（{n} 项任务）' if n else ''}</li>")
            meta = [("地区", h(g.jurisdiction)), ("期号", h(g.issue or "")),
                    ("出版日期", h(g.published or "")), ("文件数", str(len(g.documents))),
                    ("来源文本", h(g.file))]
            if g.source_url:
                meta.append(("原始地址", f'<a href="{h(g.source_url)}">{h(g.source_url)}</a>'))
            self.add(path, front(f"{name} {g.issue or ''}".strip(), f"{g.jurisdiction} {name} 收录的公文")
                     + f"# {md_escape(name)} {md_escape(g.issue or '')}\n\n" + meta_table(meta)
                     + "\n## 本期文件\n\n<ul>\n" + "\n".join(items) + "\n</ul>\n")
            rows.append(f"<tr><td>{h(g.jurisdiction)}</td><td>{self.link('gazettes/', f'gazettes/{g.id}/', name)}</td>"
                        f"<td>{h(g.issue or '')}</td><td>{len(g.documents)}</td></tr>")
        self.add("gazettes/index.md", front("公报", "收录的全部政府公报")
                 + "# 公报\n\n" + html_table(["地区", "公报", "期号", "文件数"], rows))

    def document_pages(self) -> None:
        by_juris: dict[str, list[Document]] = defaultdict(list)
        for d in self.recs.documents:
            by_juris[d.jurisdiction].append(d)
            self.add(f"documents/{d.id}.md", self.document_page(d))
        parts = ["# 文件\n"]
        for juris in sorted(by_juris):
            parts.append(f"\n## {md_escape(juris)}\n\n<table>\n<thead><tr><th>发文字号</th><th>标题</th>"
                         "<th>成文日期</th><th>任务</th></tr></thead>")
            for d in sorted(by_juris[juris], key=lambda d: (d.date or "", d.id), reverse=True):
                parts.append(f"<tr><td>{h(d.doc_number or '')}</td><td>"
                             f"{self.link('documents/', export.document_url(d.id), d.title)}</td>"
                             f"<td>{h(d.date or '')}</td><td>{len(self.tasks_by_doc.get(d.id, []))}</td></tr>")
            parts.append("</table>")
        self.add("documents/index.md", front("文件", "按地区列出的全部公文") + "\n".join(parts) + "\n")

    def document_page(self, d: Document) -> str:
        here = export.document_url(d.id)
        g = self.gazettes[d.gazette]
        meta = [("发文字号", h(d.doc_number or "（未印发文字号）")), ("标题", h(d.title)),
                ("发文机关", h("、".join(d.issuers))), ("主送机关", h(d.recipients or "")),
                ("成文日期", h(d.date or "")), ("文种", h(d.kind or "")),
                ("登记号", h(d.registration or "")),
                ("地区", h(d.jurisdiction)),
                ("刊载", self.link(here, f"gazettes/{g.id}/", f"{g.title or g.file} {g.issue or ''}".strip())),
                ("来源", h(f"{d.source.file} 第 {d.source.line_start}–{d.source.line_end} 行"))]
        if d.attachments:
            meta.append(("附件", "<br>".join(h(a) for a in d.attachments)))
        ref = self.validity.get(d.doc_number or "")
        if ref:
            decider = self.docs[ref.document]
            meta.append(("效力", f'<span class="gb-badge gb-{h(ref.list)}">{h(ref.list)}</span> 依据 '
                         + self.link(here, export.document_url(decider.id), self.doc_label(decider))))
        if d.cites:
            meta.append(("引用", "、".join(self.cite_link(here, n) for n in d.cites)))
        citers = self.cited_by.get(d.doc_number or "", [])
        if citers:
            meta.append(("被引用", "、".join(self.link(here, export.document_url(c.id), self.doc_label(c))
                                          for c in citers)))
        jsonld = json.dumps({
            "@context": "https://schema.org", "@type": "Legislation", "name": d.title,
            "legislationIdentifier": d.doc_number, "legislationDate": d.date,
            "legislationJurisdiction": d.jurisdiction, "legislationType": d.kind,
            "author": [{"@type": "GovernmentOrganization", "name": i} for i in d.issuers],
            "inLanguage": "zh-CN",
            **({"legislationLegalForce": LEGAL_FORCE[ref.list]} if ref else {}),
        }, ensure_ascii=False).replace("</", "<\\/")
        cite = f"{d.jurisdiction} {self.doc_label(d)}《{d.title}》（{d.date or ''}）"
        out = [front(f"{self.doc_label(d)} {d.title}", d.title, doc_id=d.id, jsonld=jsonld,
                     hide=["navigation"] if self.tables_of(d) else None),
               f"# {md_escape(d.title)}\n", cite_button(cite), meta_table(meta)]
        tasks = self.tasks_by_doc.get(d.id, [])
        if tasks:
            out.append(f"\n## 任务（{len(tasks)} 项） {{#tasks}}\n")
            out.append(self.task_table(here, tasks))
        refs = self.refs_by_doc.get(d.id, [])
        if refs:
            out.append(f"\n## 所列规范性文件（{len(refs)} 件） {{#docrefs}}\n")
            for m in self.mismatches.get(d.id, []):
                out.append(f'<p class="gb-warning">注意：“{h(m["list"])}”清单实际列出 {m["printed"]} 件，'
                           f"而正文称 {m['stated']} 件。本档案按清单原样收录，未作增删。</p>\n")
            out.append(self.docref_table(here, refs))
        out.append("\n## 正文 {#text}\n")
        out.append(self.body(here, d))
        return "\n".join(out) + "\n"

    def tables_of(self, d: Document) -> list:
        return [b for b in d.body if b.kind == "table"]

    def cite_link(self, here: str, number: str) -> str:
        target = self.doc_by_number.get(number)
        return self.link(here, export.document_url(target.id), number) if target else h(number)

    def task_table(self, here: str, tasks: list[Task]) -> str:
        """The document's tasks, one table per task list; columns the list never fills are left out."""
        by_list: dict[str, list[Task]] = defaultdict(list)
        for t in tasks:
            by_list[t.list].append(t)
        out = []
        for lid, group in by_list.items():
            tl = self.lists.get(lid)
            j = self.docs[group[0].document].jurisdiction
            cols = [("序号", lambda t: self.link(here, export.task_url(t.id), self.task_label(t))
                     + (f' <span class="gb-doubt" title="{h(doubt_zh(t))}">存疑</span>' if t.confidence < 1 else "")),
                    ("任务", lambda t: h(shorten(t.text, 80)))]
            if any(t.lead_units for t in group):
                cols.append(("牵头单位", lambda t: "、".join(self.unit_link(here, j, u) for u in t.lead_units)))
            if any(t.leaders for t in group):
                cols.append(("牵头领导", lambda t: "、".join(self.person_link(here, j, p) for p in t.leaders)))
            if any(t.deadline for t in group):
                cols.append(("完成时限", lambda t: h(t.deadline or "")))
            if tl and len(by_list) > 1:
                out.append(f'<h3 id="list-{h(lid.split("/", 1)[1])}">{h(tl.title)}（{len(group)} 项）</h3>')
            rows = [f'<tr id="task-{h(t.id.split("/", 1)[1])}">' + "".join(f"<td>{f(t)}</td>" for _, f in cols)
                    + "</tr>" for t in group]
            out.append('<table class="gb-tasks">\n<thead><tr>' + "".join(f"<th>{c}</th>" for c, _ in cols)
                       + "</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n")
        return "\n".join(out)

    def docref_table(self, here: str, refs) -> str:
        rows = []
        for r in refs:
            num = self.cite_link(here, r.doc_number) if r.doc_number else ""
            rows.append(f"<tr><td>{h(r.list)}</td><td>{h(r.number)}</td><td>{h(r.title)}</td><td>{num}</td>"
                        f"<td>{h(r.registration or '')}</td></tr>")
        return ("<table>\n<thead><tr><th>清单</th><th>序号</th><th>文件名称</th><th>文号</th><th>登记号</th></tr></thead>\n"
                + "\n".join(rows) + "\n</table>\n")

    def body(self, here: str, d: Document) -> str:
        out = []
        for b in d.body:
            if b.kind == "heading":
                level = min(6, b.level + 2)
                out.append(f"\n{'#' * level} {md_escape(b.text)} {{#l{b.line_start}}}\n")
            elif b.kind == "table":
                out.append(self.table_html(here, self.tables[b.text]))
            else:
                out.append(f'<p id="l{b.line_start}">{h(b.text)}</p>\n')
        return "\n".join(out)

    def table_html(self, here: str, t: Table) -> str:
        head = "".join(f"<th>{h(c)}</th>" for c in t.header)

        def cells(i: int, r: list[str]) -> str:
            # a row that belongs to a task: its first cell links to the task's page
            tid = t.row_tasks[i] if t.row_tasks else ""
            first = (self.link(here, export.task_url(tid), r[0]) if r and tid in self.task_by_id
                     else h(r[0]) if r else "")
            return "".join(f"<td>{c}</td>" for c in [first, *(h(x) for x in r[1:])])

        rows = "\n".join(f"<tr>{cells(i, r)}</tr>" for i, r in enumerate(t.rows))
        cap = f"<caption>{h(t.title)}</caption>" if t.title else ""
        notes = ("<p class=\"gb-notes-head\">表格重建记录（解析器，英文）：</p>\n<ul class=\"gb-notes\">"
                 + "".join(f"<li>{h(n)}</li>" for n in t.notes) + "</ul>\n" if t.notes else "")
        csv_link = f'<p class="gb-table-dl">{self.link(here, export.table_csv_path(t.id), "下载本表（CSV）")}</p>\n'
        return (f'<div class="gb-table" id="{h(t.id.split("/", 1)[1])}"><table>{cap}\n<thead><tr>{head}</tr></thead>\n'
                f"<tbody>\n{rows}\n</tbody></table></div>\n{csv_link}{notes}")

    def task_pages(self) -> None:
        for d in self.recs.documents:
            tasks = self.tasks_by_doc.get(d.id, [])
            for i, t in enumerate(tasks):
                prev = tasks[i - 1] if i else None
                nxt = tasks[i + 1] if i + 1 < len(tasks) else None
                self.add(f"tasks/{t.id}.md", self.task_page(d, t, prev, nxt))

    def task_page(self, d: Document, t: Task, prev: Task | None, nxt: Task | None) -> str:
        here = export.task_url(t.id)
        j = d.jurisdiction
        tl = self.lists.get(t.list)
        meta = [("文件", self.link(here, export.document_url(d.id), f"{self.doc_label(d)} {d.title}")),
                ("清单", h(tl.title if tl else "")), ("序号", h(t.number)),
                ("所属部分", h(" › ".join(t.section)))]
        if t.lead_units:
            meta.append(("牵头单位", "、".join(self.unit_link(here, j, u) for u in t.lead_units)))
        if t.cooperating_units:
            meta.append(("配合单位", "、".join(self.unit_link(here, j, u) for u in t.cooperating_units)))
        if t.others:
            meta.append(("其他责任主体", h("、".join(t.others))))
        if t.leaders:
            meta.append(("牵头领导", "、".join(self.person_link(here, j, p) for p in t.leaders)))
        if t.overall_leaders:
            meta.append(("总牵头", "、".join(self.person_link(here, j, p) for p in t.overall_leaders)))
        for label, value in (("完成时限", t.deadline), ("总体目标", t.goal), ("年度任务", t.target_this_year)):
            if value:
                meta.append((label, h(value)))
        other = self.task_by_id.get(t.same_as or "")
        if other:
            ol = self.lists.get(other.list)
            said = "；".join(f"{label}：" + "、".join(self.unit_link(here, j, u) for u in us)
                            for label, us in (("牵头单位", other.lead_units), ("配合单位", other.cooperating_units))
                            if us)
            meta.append(("同一任务", self.link(here, export.task_url(other.id),
                                           f"《{ol.title}》 {other.number}" if ol else other.number)
                         + "（本文件另一清单中同一标题的一项" + (f"，其中{said}" if said else "") + "）"))
        if t.confidence < 1.0:
            meta.append(("解析说明", h(doubt_zh(t)) + (f'<br><small>解析器记录：{h(t.note)}</small>' if t.note else "")))
        meta.append(("来源", h(f"{t.source.file} 第 {t.source.line_start}–{t.source.line_end} 行")))
        nav = []
        if prev:
            nav.append("上一项：" + self.link(here, export.task_url(prev.id), self.task_label(prev)))
        if nxt:
            nav.append("下一项：" + self.link(here, export.task_url(nxt.id), self.task_label(nxt)))
        heading = self.task_heading(t)
        title = f"{self.doc_label(d)} {heading}"
        cite = f"{d.jurisdiction} {self.doc_label(d)}《{d.title}》{heading}：{shorten(t.text, 30)}"
        return (front(title, t.text, task_id=t.id)
                + f"# {md_escape(heading)}\n\n" + cite_button(cite)
                + f'<p class="gb-task-text" id="text">{h(t.text)}</p>\n\n'
                + meta_table(meta) + "\n"
                + self.measured_html(here, d, t)
                + self.status_html(t)
                + (f'<p class="gb-pager">{" ｜ ".join(nav)}</p>\n' if nav else ""))

    def measured_html(self, here: str, d: Document, t: Task) -> str:
        """The rows of the document's tables that belong to this task (the
        indicators and targets a 责任清单 sets for a plan item, its quarterly
        targets), each table's rows under its title, linked to the table on
        the document page."""
        out = []
        by_table: dict[str, list[int]] = defaultdict(list)
        for tb, i in self.rows_of_task.get(t.id, []):
            by_table[tb.id].append(i)
        for tid, idx in by_table.items():
            tb = self.tables[tid]
            where = self.link(here, export.document_url(d.id) + "#" + tid.split("/", 1)[1], tb.title or "表格")
            out.append(f"<p>{where}中本项的 {len(idx)} 行：</p>\n"
                       + html_table(tb.header, ["<tr>" + "".join(f"<td>{h(c)}</td>" for c in tb.rows[i]) + "</tr>"
                                                for i in idx]))
        return ("## 目标分解\n\n" + "\n".join(out) + "\n") if out else ""

    def status_html(self, t: Task) -> str:
        entries = self.status.get(t.id, [])
        if not entries:
            return ""
        items = []
        for e in entries:
            src = f' <a href="{h(e["source_url"])}">来源</a>' if e.get("source_url") else ""
            note = f"：{h(e['note'])}" if e.get("note") else ""
            items.append(f'<li><time datetime="{h(e["date"])}">{h(e["date"])}</time> '
                         f'<span class="gb-status">{h(e["status"])}</span>{note}{src}</li>')
        return '\n## 进展 {#status}\n\n<ol class="gb-timeline">\n' + "\n".join(items) + "\n</ol>\n"

    def unit_pages(self) -> None:
        by_juris: dict[str, list[Unit]] = defaultdict(list)
        tasks = {t.id: t for t in self.recs.tasks}
        for u in self.recs.units:
            by_juris[u.jurisdiction].append(u)
            here = f"units/{u.id}/"
            parts = [front(f"{u.name}（{u.jurisdiction}）", f"{u.jurisdiction}{u.name}牵头 {len(u.leads)} 项、"
                           f"配合 {len(u.cooperates)} 项任务", feed=rel(here, f"feeds/units/{u.id}.xml"),
                           feed_title=f"{u.jurisdiction}{u.name}的任务"),
                     f"# {md_escape(u.name)}\n",
                     meta_table([("地区", h(u.jurisdiction)), ("牵头任务", str(len(u.leads))),
                                 ("配合任务", str(len(u.cooperates))),
                                 ("任务进展", h(self.status_counts([*u.leads, *u.cooperates]))),
                                 ("合并的写法", h("、".join(u.aliases)) if u.aliases else "—"),
                                 ("订阅", f'<a href="{rel(here, f"feeds/units/{u.id}.xml")}">Atom 订阅</a>')])]
            for label, anchor, ids in (("牵头的任务", "leads", u.leads), ("配合的任务", "cooperates", u.cooperates)):
                parts.append(f"\n## {label}（{len(ids)} 项） {{#{anchor}}}\n")
                parts.append(self.grouped_tasks(here, [tasks[i] for i in ids], anchor))
            self.add(f"units/{u.id}.md", "\n".join(parts) + "\n")
        parts = ["# 单位\n"]
        for juris in sorted(by_juris):
            units = sorted(by_juris[juris], key=lambda u: (-(len(u.leads) + len(u.cooperates)), u.id))
            parts.append(f"\n## {md_escape(juris)} {{#{slug(juris)}}}\n\n<table>\n<thead><tr><th>单位</th><th>牵头</th>"
                         "<th>配合</th></tr></thead>")
            for u in units:
                parts.append(f"<tr><td>{self.link('units/', f'units/{u.id}/', u.name)}</td>"
                             f"<td>{len(u.leads)}</td><td>{len(u.cooperates)}</td></tr>")
            parts.append("</table>")
        self.add("units/index.md", front("单位", "各地牵头和配合任务的单位") + "\n".join(parts) + "\n")

    def grouped_tasks(self, here: str, tasks: list[Task], anchor: str = "g") -> str:
        """Tasks grouped by year and document, newest first, with counts."""
        if not tasks:
            return "<p>无。</p>\n"
        groups: dict[str, list[Task]] = defaultdict(list)
        for t in tasks:
            groups[t.document].append(t)
        out, year = [], None
        for did in sorted(groups, key=lambda i: (self.docs[i].date or "", i), reverse=True):
            d = self.docs[did]
            y = (d.date or "")[:4] or "年份不详"
            if y != year:
                year = y
                n = sum(len(g) for k, g in groups.items() if ((self.docs[k].date or "")[:4] or "年份不详") == y)
                out.append(f'<h3 id="{anchor}-{h(y)}">{h(y)} 年（{n} 项）</h3>')
            out.append(f'<h4 id="{anchor}-{h(did)}">{self.link(here, export.document_url(did), self.doc_label(d))} '
                       f"{h(d.title)}（{len(groups[did])} 项）</h4>\n<ul>")
            for t in groups[did]:
                st = self.status.get(t.id)
                badge = f' <span class="gb-status">{h(st[-1]["status"])}</span>' if st else ""
                out.append(f"<li>{self.link(here, export.task_url(t.id), self.task_label(t))} "
                           f"{h(shorten(t.text, 90))}{badge}</li>")
            out.append("</ul>")
        return "\n".join(out) + "\n"

    def status_counts(self, ids: list[str]) -> str:
        counts: dict[str, int] = defaultdict(int)
        for i in ids:
            if self.status.get(i):
                counts[self.status[i][-1]["status"]] += 1
        return "、".join(f"{k} {v} 项" for k, v in sorted(counts.items())) or "—"

    def person_pages(self) -> None:
        tasks = {t.id: t for t in self.recs.tasks}
        by_juris: dict[str, list[Person]] = defaultdict(list)
        for p in self.recs.people:
            by_juris[p.jurisdiction].append(p)
            here = f"people/{p.id}/"
            parts = [front(f"{p.name}（{p.jurisdiction}）", f"{p.jurisdiction} {p.name} 牵头的任务"),
                     f"# {md_escape(p.name)}\n",
                     meta_table([("地区", h(p.jurisdiction)), ("牵头任务", str(len(p.leads))),
                                 ("总牵头任务", str(len(p.overall))),
                                 ("印刷写法", h("、".join(p.printed)))]),
                     f"\n## 牵头的任务（{len(p.leads)} 项） {{#leads}}\n",
                     self.grouped_tasks(here, [tasks[i] for i in p.leads], "leads")]
            if p.overall:
                parts += [f"\n## 总牵头的任务（{len(p.overall)} 项） {{#overall}}\n",
                          self.grouped_tasks(here, [tasks[i] for i in p.overall], "overall")]
            self.add(f"people/{p.id}.md", "\n".join(parts) + "\n")
        parts = ["# 牵头领导\n"]
        for juris in sorted(by_juris):
            parts.append(f"\n## {md_escape(juris)} {{#{slug(juris)}}}\n\n<ul>")
            for p in sorted(by_juris[juris], key=lambda p: (-len(p.leads), p.id)):
                parts.append(f"<li>{self.link('people/', f'people/{p.id}/', p.name)}（牵头 {len(p.leads)} 项）</li>")
            parts.append("</ul>")
        if not by_juris:
            parts.append("暂无。")
        self.add("people/index.md", front("牵头领导", "各地任务的牵头领导") + "\n".join(parts) + "\n")

    def jurisdiction_pages(self) -> None:
        juris_docs: dict[str, list[Document]] = defaultdict(list)
        for d in self.recs.documents:
            juris_docs[d.jurisdiction].append(d)
        index = []
        for juris in sorted(juris_docs):
            js = slug(juris)
            here = f"jurisdictions/{js}/"
            docs = sorted(juris_docs[juris], key=lambda d: (d.date or "", d.id), reverse=True)
            units = sorted((u for u in self.recs.units if u.jurisdiction == juris),
                           key=lambda u: (-(len(u.leads) + len(u.cooperates)), u.id))
            people = sorted((p for p in self.recs.people if p.jurisdiction == juris), key=lambda p: (-len(p.leads), p.id))
            n_tasks = sum(len(self.tasks_by_doc.get(d.id, [])) for d in docs)
            feed = rel(here, f"feeds/{js}.xml")
            parts = [front(juris, f"{juris}的公文 {len(docs)} 份、任务 {n_tasks} 项", feed=feed,
                           feed_title=f"{juris}的公文"),
                     f"# {md_escape(juris)}\n",
                     meta_table([("文件", str(len(docs))), ("任务", str(n_tasks)), ("单位", str(len(units))),
                                 ("牵头领导", str(len(people))), ("订阅", f'<a href="{feed}">Atom 订阅</a>')]),
                     "\n## 文件 {#documents}\n\n<ul>"]
            parts += [f"<li>{h(d.date or '')} {self.link(here, export.document_url(d.id), self.doc_label(d))} "
                      f"{h(d.title)}</li>" for d in docs]
            parts.append("</ul>\n\n## 单位（按任务数） {#units}\n\n<table>\n<thead><tr><th>单位</th><th>牵头</th>"
                         "<th>配合</th></tr></thead>")
            parts += [f"<tr><td>{self.link(here, f'units/{u.id}/', u.name)}</td><td>{len(u.leads)}</td>"
                      f"<td>{len(u.cooperates)}</td></tr>" for u in units]
            parts.append("</table>\n\n## 牵头领导 {#people}\n\n<ul>")
            parts += [f"<li>{self.link(here, f'people/{p.id}/', p.name)}（{len(p.leads)} 项）</li>" for p in people]
            parts.append("</ul>\n")
            refs = [r for r in self.recs.docrefs if self.docs[r.document].jurisdiction == juris]
            if refs:
                parts.append(f"\n## 规范性文件及其效力（{len(refs)} 件） {{#normative}}\n")
                parts.append(self.docref_table(here, refs))
            self.add(f"jurisdictions/{js}.md", "\n".join(parts) + "\n")
            index.append(f"<tr><td>{self.link('jurisdictions/', here, juris)}</td><td>{len(docs)}</td>"
                         f"<td>{n_tasks}</td><td>{len(units)}</td></tr>")
        self.add("jurisdictions/index.md", front("地区", "按地区浏览公文、任务、单位和牵头领导")
                 + "# 地区\n\n" + html_table(["地区", "文件", "任务", "单位"], index))

    def doc_list(self, here: str, docs: list[Document]) -> str:
        items = [f"<li>{h(d.date or '')} {h(d.jurisdiction)} {self.link(here, export.document_url(d.id), self.doc_label(d))}"
                 f" {h(d.title)}</li>" for d in docs]
        return "<ul>\n" + "\n".join(items) + "\n</ul>\n"

    def browse_pages(self) -> None:
        """Plain lists of links by year, 文种 and deadline year: everything reachable without search."""
        by_year: dict[str, list[Document]] = defaultdict(list)
        by_kind: dict[str, list[Document]] = defaultdict(list)
        due: dict[str, list[Task]] = defaultdict(list)
        for d in self.recs.documents:
            by_year[(d.date or "")[:4] or "unknown"].append(d)
            by_kind[d.kind or "其他"].append(d)
        for t in self.recs.tasks:
            for y in deadline_years(t.deadline):
                due[y].append(t)
        sections = ["# 浏览\n", "\n## 按年份 {#years}\n\n<ul>"]
        for y in sorted(by_year, reverse=True):
            here = f"browse/years/{y}/"
            docs = sorted(by_year[y], key=lambda d: (d.date or "", d.id), reverse=True)
            label = f"{y} 年" if y != "unknown" else "年份不详"
            self.add(f"browse/years/{y}.md", front(f"{label}的文件", f"{label}的 {len(docs)} 份文件")
                     + f"# {label}的文件（{len(docs)} 份）\n\n" + self.doc_list(here, docs))
            sections.append(f"<li>{self.link('browse/', here, label)}（{len(docs)} 份）</li>")
        sections.append("</ul>\n\n## 按文种 {#kinds}\n\n<ul>")
        for kind in sorted(by_kind):
            here = f"browse/kinds/{slug(kind)}/"
            docs = sorted(by_kind[kind], key=lambda d: (d.date or "", d.id), reverse=True)
            self.add(f"browse/kinds/{slug(kind)}.md", front(f"文种：{kind}", f"{len(docs)} 份{kind}")
                     + f"# 文种：{md_escape(kind)}（{len(docs)} 份）\n\n" + self.doc_list(here, docs))
            sections.append(f"<li>{self.link('browse/', here, kind)}（{len(docs)} 份）</li>")
        sections.append("</ul>\n\n## 按完成时限 {#deadlines}\n\n<ul>")
        for y in sorted(due, reverse=True):
            here = f"browse/due/{y}/"
            self.add(f"browse/due/{y}.md", front(f"{y} 年到期的任务", f"完成时限在 {y} 年的 {len(due[y])} 项任务")
                     + f"# 完成时限在 {y} 年的任务（{len(due[y])} 项）\n\n" + self.grouped_tasks(here, due[y]))
            sections.append(f"<li>{self.link('browse/', here, f'{y} 年')}（{len(due[y])} 项）</li>")
        if not due:
            sections.append("<li>暂无印有完成时限的任务。</li>")
        sections.append("</ul>\n\n## 按地区 {#jurisdictions}\n\n<ul>")
        for juris in sorted({d.jurisdiction for d in self.recs.documents}):
            sections.append(f"<li>{self.link('browse/', f'jurisdictions/{slug(juris)}/', juris)}</li>")
        sections.append("</ul>\n")
        self.add("browse/index.md", front("浏览", "按年份、文种、完成时限和地区浏览") + "\n".join(sections))


def deadline_years(deadline: str | None) -> list[str]:
    """Years a printed deadline names (2026年底, 2025年6月, 2024-2026年); none for 长期 and the like."""
    if not deadline:
        return []
    return sorted(set(re.findall(r"(20\d{2})\s*年?", deadline)))


LEGAL_FORCE = {"继续有效": "InForce", "废止": "NotInForce", "失效": "NotInForce"}


def cite_button(citation: str) -> str:
    """The 复制引用 button; overrides/assets/gongbao.js adds the permalink and copies."""
    return f'<p><button class="gb-cite" type="button" data-cite="{h(citation)}">复制引用</button></p>\n\n'


def html_table(head: list[str], rows: list[str]) -> str:
    """A table from its header cells and ready-made <tr> rows."""
    return ("<table>\n<thead><tr>" + "".join(f"<th>{h(c)}</th>" for c in head) + "</tr></thead>\n"
            + "\n".join(rows) + "\n</table>\n")


def doubt_zh(t: Task) -> str:
    """What a flagged task's note says, in a sentence for readers: which of its
    fields the parser could not tie to the row for sure."""
    note = t.note or ""
    fields = [name for name, words in (("任务内容", ("task cell", "heading")), ("牵头单位", ("lead", "attribution")),
                                       ("配合单位", ("responsible", "责任单位")), ("完成时限", ("deadline",)),
                                       ("牵头领导", ("official",)), ("目标", ("goal",)))
              if any(w in note for w in words)]
    what = "、".join(fields) if fields else "部分字段"
    return (f"置信度 {t.confidence:.2f}：本条由排版错乱的原文重建，{what}与原件的对应不能完全确定，"
            f"请以公报原件为准。")


def meta_table(rows: list[tuple[str, str]]) -> str:
    body = "\n".join(f"<tr><th>{h(k)}</th><td>{v}</td></tr>" for k, v in rows if v)
    return f'<table class="gb-meta">\n{body}\n</table>\n'


def shorten(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def write_pages(recs: Records, content: Path, status: dict | None = None,
                extra: dict[str, str | bytes] | None = None, report: dict | None = None) -> dict[str, str]:
    """Write every generated page (and extra files, e.g. downloads) under content/.

    Only the generated folders are replaced; hand-written pages stay."""
    from .records import swap_in
    import shutil
    import tempfile

    files: dict[str, str | bytes] = dict(Site(recs, status, report).build())
    files.update(extra or {})
    content.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".content.", dir=content.parent))
    try:
        for rel_path, data in files.items():
            p = tmp / rel_path
            p.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, bytes):
                p.write_bytes(data)
            else:
                p.write_text(data, encoding="utf-8")
        tops = {r.split("/", 1)[0] for r in files}
        for top in GENERATED:
            if top not in tops and (content / top).exists():
                shutil.rmtree(content / top)  # a generated folder this build no longer makes
        for top in sorted(tops):
            src, dst = tmp / top, content / top
            if src.is_dir():
                swap_in(src, dst)
            else:
                src.replace(dst)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return files
