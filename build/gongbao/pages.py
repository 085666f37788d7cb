"""Write-pages pass: Markdown pages for MkDocs from the records.

Generated pages go to ``content/`` beside the hand-written ones (index.md,
about.md, figures.md).  Python decides what each page shows and where; one
Jinja2 template per kind of page (``overrides/records/``) decides how it looks,
and the template engine's autoescape escapes every value, so markup or ``{{ }}``
in a gazette is shown literally (headings pass through :func:`md_escape` too).
Links between generated pages are relative, so the site works from any
sub-path.  Only the index pages enter the navigation (see mkdocs.yml): task,
unit and person pages are reached from them.
"""
from __future__ import annotations

import bisect
import html
import json
import posixpath
import re
from collections import defaultdict
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import export
from .ids import slug
from .read import read_gazette
from .records import Records
from .schema import Document, Gazette, Person, Table, Task, Unit

GENERATED = ("gazettes", "documents", "tasks", "units", "people", "jurisdictions", "downloads", "browse",
             "report", "feeds")
# the record templates of a repository built from a clone of this one
TEMPLATES = Path(__file__).resolve().parents[2] / "overrides" / "records"

h = html.escape
_SPACE = re.compile(r"\s+")


def md_escape(text: str) -> str:
    """Text safe inside a Markdown heading or link text."""
    text = html.escape(text, quote=False)
    return re.sub(r"([\\`*_{}\[\]()#+!|~-])", r"\\\1", text)


def rel(from_url: str, to_url: str) -> str:
    """Relative link between two directory URLs ('' is the site root); a #fragment is kept."""
    to_url, hash_, frag = to_url.partition("#")
    if hash_ and to_url in ("", from_url):
        return "#" + frag  # a place on the same page
    here = from_url.split("/")[:-1] if from_url else []  # the folders of a directory URL
    to = to_url.split("/")
    i = 0
    while i < len(here) and i < len(to) - 1 and here[i] == to[i]:
        i += 1
    return ("../" * (len(here) - i) + "/".join(to[i:]) or "./") + hash_ + frag


def front(title: str, description: str = "", **extra) -> str:
    """A page's front matter.  The theme's templates print its title, description and feed title
    into the page's head unescaped (MkDocs' Jinja has no autoescape), so they are escaped here."""
    meta = {"title": h(title), "description": h(description[:150]), **extra}
    if "feed_title" in meta:
        meta["feed_title"] = h(meta["feed_title"])
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


def zh_date(date: str) -> str:
    """2023-04-22 -> 2023年4月22日."""
    y, m, d = date.split("-")
    return f"{y}年{int(m)}月{int(d)}日"


def published_name(file: str) -> str:
    """The name a gazette file is published under among the downloads: a saved page (.html) as
    ``.html.txt``, so that the archive serves its bytes as text and never runs the portal's scripts
    or loads its images from outside hosts."""
    name = Path(file).name
    return name + ".txt" if Path(name).suffix.lower() in (".html", ".htm") else name


def gazette_name(g: Gazette, docs: list[Document]) -> str:
    """How a gazette is named to readers (without its issue): its masthead as printed; a gazette
    that prints none, by what it holds: the issuer its documents share (else its jurisdiction)
    and their date (else its one document's title).  Never its file name."""
    if g.title:
        return g.title
    issuers = {tuple(d.issuers) for d in docs}
    who = "、".join(next(iter(issuers))) if len(issuers) == 1 and next(iter(issuers)) else g.jurisdiction
    dates = sorted(d.date for d in docs if d.date)
    when = g.published or (dates[-1] if dates else None)
    if when:
        return f"{who} {zh_date(when)}"
    return docs[0].title if len(docs) == 1 else f"{g.jurisdiction}公文"


def environment(folder: Path = TEMPLATES) -> jinja2.Environment:
    """The Jinja2 environment of the record templates.  Autoescape is on; ``|md`` makes a text safe
    in a Markdown heading.  Comments are ``{## ##}``, since ``{#id}`` is Markdown's attribute list."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True, comment_start_string="{##", comment_end_string="##}")
    env.filters["md"] = lambda s: Markup(md_escape(str(s)))
    env.filters["shorten"] = lambda s, n: shorten(str(s), n)
    return env


class Site:
    """Builds every generated page from one set of records."""

    def __init__(self, recs: Records, status: dict | None = None, report: dict | None = None,
                 root: Path | None = None, templates: Path | None = None):
        self.recs = recs
        self.status = status or {}
        self.root = root  # the repository: its gazette texts give the lines as printed
        self.env = environment(templates or TEMPLATES)
        # the page's links, names and lookups as filters: a filter is a plain call, a function
        # called from a template goes through Jinja's Context.call (ten times the cost)
        self.env.globals.update(site=self)
        self.env.filters.update(
            href=self.href, label=self.task_label, doc_label=self.doc_label, status=self.latest_status,
            task_href=lambda t: rel(self.here, export.task_url(t.id)),
            doc_href=lambda d: rel(self.here, export.document_url(d.id)),
            place_href=lambda t: rel(self.here, self.task_place(t)),
            units=self.unit_hrefs, people=self.person_hrefs)
        self.here = ""  # the URL of the page being rendered
        # document id -> its normative-document lists whose printed count differs from the text's
        self.mismatches = {d["document"]: [m for m in d.get("document_lists", []) if m["mismatch"]]
                           for d in (report or {}).get("documents", [])}
        self.docs = {d.id: d for d in recs.documents}
        self.gazettes = {g.id: g for g in recs.gazettes}
        self.gazette_names = {g.id: gazette_name(g, [self.docs[i] for i in g.documents if i in self.docs])
                              for g in recs.gazettes}
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
        self._places: dict[str, dict[str, str]] = {}  # document id -> task id -> anchor on its page
        self._printed: tuple[str, list[str]] | None = None  # the last gazette text read
        self._juris_slug: dict[str, str] = {}
        self.files: dict[str, str] = {}

    # --- urls and names (templates call these) ----------------------------
    @staticmethod
    def url_of(path: str) -> str:
        """content-relative .md path -> directory URL."""
        if path == "index.md":
            return ""
        if path.endswith("/index.md"):
            return path[: -len("index.md")]
        return path[: -len(".md")] + "/"

    task_url = staticmethod(export.task_url)
    document_url = staticmethod(export.document_url)
    table_csv_path = staticmethod(export.table_csv_path)
    # (templates also read the lookups built above: tasks_by_doc, task_by_id, doc_by_number, gazette_names)

    def unit_hrefs(self, names: list[str], juris: str) -> list[tuple[str, str | None]]:
        """Unit names with the link to each one's page (None for a name no unit page has)."""
        out = []
        for name in names:
            u = self.unit_of.get((juris, name))
            out.append((name, rel(self.here, f"units/{u.id}/") if u else None))
        return out

    def person_hrefs(self, names: list[str], juris: str) -> list[tuple[str, str | None]]:
        out = []
        for name in names:
            p = self.person_of.get((juris, name))
            out.append((name, rel(self.here, f"people/{p.id}/") if p else None))
        return out

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

    def gazette_label(self, g: Gazette) -> str:
        """The gazette's name with its issue, as its page is titled."""
        return f"{self.gazette_names[g.id]} {g.issue or ''}".strip()

    def gazette_text_url(self, g: Gazette) -> str:
        """The gazette's text among the downloads (a file name in a link, never in what a reader sees)."""
        return f"downloads/gazettes/{published_name(g.file)}"

    def task_place(self, t: Task) -> str:
        """Where the gazette prints a task: its paragraph (or table row) on its document's page."""
        return export.document_url(t.document) + "#" + self.places(self.docs[t.document]).get(t.id, "text")

    def places(self, d: Document) -> dict[str, str]:
        """Task id -> anchor of the block of the document's text that prints it: the paragraph
        or heading its first line is in; for a task of a table, the table row that holds its
        text (rows are matched in order; the table itself where no row does)."""
        if d.id in self._places:
            return self._places[d.id]
        out: dict[str, str] = {}
        starts = [b.line_start for b in d.body]
        rows: dict[str, list[str]] = {}  # table id -> its rows' text, whitespace removed
        after: dict[str, int] = {}  # table id -> the last row taken
        for t in self.tasks_by_doc.get(d.id, []):
            k = bisect.bisect_right(starts, t.source.line_start) - 1
            if k < 0:
                continue
            block = d.body[k]
            tb = self.tables.get(block.text) if block.kind == "table" else None
            if tb is None:
                out[t.id] = f"l{block.line_start}"
                continue
            if tb.id not in rows:
                rows[tb.id] = [_SPACE.sub("", "".join(r)) for r in tb.rows]
            key = _SPACE.sub("", t.text)[:12]
            first = after.get(tb.id, 0)
            row = next((i for i in range(first, len(tb.rows)) if key in rows[tb.id][i]), None)
            if row is None:
                row = next((i for i in range(first) if key in rows[tb.id][i]), None)
            if row is None:
                out[t.id] = tb.id.split("/", 1)[1]
            else:
                after[tb.id] = row
                out[t.id] = f"{tb.id.split('/', 1)[1]}-r{row + 1}"
        self._places[d.id] = out
        return out

    def printed_lines(self, t: Task) -> list[str]:
        """The task's lines as the gazette prints them, before any normalisation (one gazette
        text held at a time)."""
        if self.root is None:
            return []
        file = self.docs[t.document].source.file
        if self._printed is None or self._printed[0] != file:
            path = self.root / file
            self._printed = (file, read_gazette(path, self.root).lines if path.exists() else [])
        return self._printed[1][t.source.line_start - 1: t.source.line_end]

    def latest_status(self, t: Task) -> str | None:
        st = self.status.get(t.id)
        return st[-1]["status"] if st else None

    def doubt(self, t: Task) -> str:
        return doubt_zh(t)

    # --- breadcrumbs ----------------------------------------------------
    def trail_of_jurisdiction(self, juris: str) -> list[tuple[str, str]]:
        if juris not in self._juris_slug:
            self._juris_slug[juris] = slug(juris)
        return [("地区", "jurisdictions/"), (juris, f"jurisdictions/{self._juris_slug[juris]}/")]

    def trail_of_gazette(self, g: Gazette) -> list[tuple[str, str]]:
        return self.trail_of_jurisdiction(g.jurisdiction) + [(self.gazette_label(g), f"gazettes/{g.id}/")]

    def trail_of_document(self, d: Document) -> list[tuple[str, str]]:
        g = self.gazettes.get(d.gazette)
        up = self.trail_of_gazette(g) if g else self.trail_of_jurisdiction(d.jurisdiction)
        return up + [(self.doc_label(d), export.document_url(d.id))]

    @staticmethod
    def trail_ld(here: str, trail: list[tuple[str, str]]) -> str:
        """The trail as schema.org BreadcrumbList JSON-LD (links relative to the page)."""
        return json.dumps({"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
            {"@type": "ListItem", "position": i + 1, "name": name, "item": rel(here, url)}
            for i, (name, url) in enumerate(trail)]}, ensure_ascii=False).replace("</", "<\\/")

    # --- rendering ------------------------------------------------------
    def render(self, path: str, template: str, meta: str, **context) -> None:
        """One page: its front matter, then its template rendered with the page's URL and this site."""
        self.here = self.url_of(path)
        self.files[path] = meta + self.env.get_template(template).render(here=self.here, **context)

    def href(self, to_url: str) -> str:
        """A link from the page being rendered to a site URL (the templates' ``|href``)."""
        return rel(self.here, to_url)

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
        for g in self.recs.gazettes:
            path = f"gazettes/{g.id}.md"
            trail = self.trail_of_gazette(g)
            name = self.gazette_names[g.id]
            docs = [self.docs[i] for i in g.documents]
            self.render(path, "gazette.html",
                        front(self.gazette_label(g), f"{g.jurisdiction} {name} 收录的公文",
                              breadcrumbs=self.trail_ld(self.url_of(path), trail)),
                        g=g, docs=docs, trail=trail)
        self.render("gazettes/index.md", "gazettes.html", front("公报", "收录的全部政府公报"),
                    gazettes=self.recs.gazettes)

    def document_pages(self) -> None:
        by_juris: dict[str, list[Document]] = defaultdict(list)
        for d in self.recs.documents:
            by_juris[d.jurisdiction].append(d)
            self.document_page(d)
        self.render("documents/index.md", "documents.html", front("文件", "按地区列出的全部公文"),
                    groups=[(j, sorted(by_juris[j], key=lambda d: (d.date or "", d.id), reverse=True))
                            for j in sorted(by_juris)])

    def document_page(self, d: Document) -> None:
        here = export.document_url(d.id)
        ref = self.validity.get(d.doc_number or "")
        jsonld = json.dumps({
            "@context": "https://schema.org", "@type": "Legislation", "name": d.title,
            "legislationIdentifier": d.doc_number, "legislationDate": d.date,
            "legislationJurisdiction": d.jurisdiction, "legislationType": d.kind,
            "author": [{"@type": "GovernmentOrganization", "name": i} for i in d.issuers],
            "inLanguage": "zh-CN",
            **({"legislationLegalForce": LEGAL_FORCE[ref.list]} if ref else {}),
        }, ensure_ascii=False).replace("</", "<\\/")
        trail = self.trail_of_document(d)
        tasks = self.tasks_by_doc.get(d.id, [])
        by_list: dict[str, list[Task]] = defaultdict(list)
        for t in tasks:
            by_list[t.list].append(t)
        places = self.places(d)
        self.render(f"documents/{d.id}.md", "document.html",
                    front(f"{self.doc_label(d)} {d.title}", d.title, doc_id=d.id, jsonld=jsonld,
                          breadcrumbs=self.trail_ld(here, trail),
                          hide=["navigation"] if any(b.kind == "table" for b in d.body) else None),
                    d=d, g=self.gazettes[d.gazette], trail=trail, ref=ref,
                    decider=self.docs[ref.document] if ref else None,
                    citers=self.cited_by.get(d.doc_number or "", []),
                    citation=f"{d.jurisdiction} {self.doc_label(d)}《{d.title}》（{d.date or ''}）",
                    tasks=tasks, task_groups=[(self.lists.get(lid), group) for lid, group in by_list.items()],
                    refs=self.refs_by_doc.get(d.id, []), mismatches=self.mismatches.get(d.id, []),
                    tables=self.tables, rows_placed=set(places.values()))

    def task_pages(self) -> None:
        for d in self.recs.documents:
            tasks = self.tasks_by_doc.get(d.id, [])
            for i, t in enumerate(tasks):
                prev = tasks[i - 1] if i else None
                nxt = tasks[i + 1] if i + 1 < len(tasks) else None
                self.task_page(d, t, prev, nxt)

    def task_page(self, d: Document, t: Task, prev: Task | None, nxt: Task | None) -> None:
        here = export.task_url(t.id)
        heading = self.task_heading(t)
        trail = self.trail_of_document(d) + [(heading, here)]
        other = self.task_by_id.get(t.same_as or "")
        measured: dict[str, list[int]] = defaultdict(list)
        for tb, i in self.rows_of_task.get(t.id, []):
            measured[tb.id].append(i)
        self.render(f"tasks/{t.id}.md", "task.html",
                    front(f"{self.doc_label(d)} {heading}", t.text, task_id=t.id,
                          breadcrumbs=self.trail_ld(here, trail)),
                    d=d, t=t, tl=self.lists.get(t.list), heading=heading, trail=trail,
                    gazette=self.gazette_label(self.gazettes[d.gazette]), source_url=self.gazettes[d.gazette].source_url,
                    citation=f"{d.jurisdiction} {self.doc_label(d)}《{d.title}》{heading}：{shorten(t.text, 30)}",
                    other=other, other_list=self.lists.get(other.list) if other else None,
                    printed=self.printed_lines(t),
                    measured=[(self.tables[tid], [self.tables[tid].rows[i] for i in idx]) for tid, idx in measured.items()],
                    status=self.status.get(t.id, []), prev=prev, next=nxt)

    def grouped(self, tasks: list[Task]) -> list[tuple[str, int, list[tuple[Document, list[Task]]]]]:
        """Tasks grouped by year and document, newest first: [(year, count, [(document, tasks)])]."""
        groups: dict[str, list[Task]] = defaultdict(list)
        for t in tasks:
            groups[t.document].append(t)
        years: list[tuple[str, int, list]] = []
        for did in sorted(groups, key=lambda i: (self.docs[i].date or "", i), reverse=True):
            d = self.docs[did]
            y = (d.date or "")[:4] or "年份不详"
            if not years or years[-1][0] != y:
                years.append((y, 0, []))
            years[-1][2].append((d, groups[did]))
        return [(y, sum(len(ts) for _, ts in docs), docs) for y, _, docs in years]

    def status_counts(self, ids: list[str]) -> str:
        counts: dict[str, int] = defaultdict(int)
        for i in ids:
            if self.status.get(i):
                counts[self.status[i][-1]["status"]] += 1
        return "、".join(f"{k} {v} 项" for k, v in sorted(counts.items())) or "—"

    def unit_pages(self) -> None:
        by_juris: dict[str, list[Unit]] = defaultdict(list)
        tasks = self.task_by_id
        for u in self.recs.units:
            by_juris[u.jurisdiction].append(u)
            here = f"units/{u.id}/"
            trail = self.trail_of_jurisdiction(u.jurisdiction) + [(u.name, here)]
            self.render(f"units/{u.id}.md", "unit.html",
                        front(f"{u.name}（{u.jurisdiction}）", f"{u.jurisdiction}{u.name}牵头 {len(u.leads)} 项、"
                              f"配合 {len(u.cooperates)} 项任务", feed=rel(here, f"feeds/units/{u.id}.xml"),
                              feed_title=f"{u.jurisdiction}{u.name}的任务", breadcrumbs=self.trail_ld(here, trail)),
                        u=u, trail=trail, status_counts=self.status_counts([*u.leads, *u.cooperates, *u.responsible]),
                        sections=[(label, anchor, self.grouped([tasks[i] for i in ids]), len(ids))
                                  for label, anchor, ids in (("牵头的任务", "leads", u.leads),
                                                             ("配合的任务", "cooperates", u.cooperates),
                                                             ("负责的任务（未标明牵头单位）", "responsible", u.responsible))
                                  if ids or anchor != "responsible"])
        self.render("units/index.md", "units.html", front("单位", "各地牵头和配合任务的单位"),
                    groups=[(j, slug(j), sorted(by_juris[j], key=lambda u: (
                        -(len(u.leads) + len(u.cooperates) + len(u.responsible)), u.id)))
                            for j in sorted(by_juris)])

    def person_pages(self) -> None:
        tasks = self.task_by_id
        by_juris: dict[str, list[Person]] = defaultdict(list)
        for p in self.recs.people:
            by_juris[p.jurisdiction].append(p)
            here = f"people/{p.id}/"
            trail = self.trail_of_jurisdiction(p.jurisdiction) + [(p.name, here)]
            sections = [("牵头的任务", "leads", self.grouped([tasks[i] for i in p.leads]), len(p.leads))]
            if p.overall:
                sections.append(("总牵头的任务", "overall", self.grouped([tasks[i] for i in p.overall]), len(p.overall)))
            self.render(f"people/{p.id}.md", "person.html",
                        front(f"{p.name}（{p.jurisdiction}）", f"{p.jurisdiction} {p.name} 牵头的任务",
                              breadcrumbs=self.trail_ld(here, trail)),
                        p=p, trail=trail, sections=sections)
        self.render("people/index.md", "people.html", front("牵头领导", "各地任务的牵头领导"),
                    groups=[(j, slug(j), sorted(by_juris[j], key=lambda p: (-len(p.leads), p.id)))
                            for j in sorted(by_juris)])

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
            trail = self.trail_of_jurisdiction(juris)
            self.render(f"jurisdictions/{js}.md", "jurisdiction.html",
                        front(juris, f"{juris}的公文 {len(docs)} 份、任务 {n_tasks} 项", feed=feed,
                              feed_title=f"{juris}的公文", breadcrumbs=self.trail_ld(here, trail)),
                        juris=juris, trail=trail, docs=docs, units=units, people=people, n_tasks=n_tasks,
                        feed=feed, refs=[r for r in self.recs.docrefs if self.docs[r.document].jurisdiction == juris])
            index.append((juris, here, len(docs), n_tasks, len(units)))
        self.render("jurisdictions/index.md", "jurisdictions.html",
                    front("地区", "按地区浏览公文、任务、单位和牵头领导"), rows=index)

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
        newest = lambda docs: sorted(docs, key=lambda d: (d.date or "", d.id), reverse=True)  # noqa: E731
        years, kinds, dues = [], [], []
        for y in sorted(by_year, reverse=True):
            docs = newest(by_year[y])
            label = f"{y} 年" if y != "unknown" else "年份不详"
            self.render(f"browse/years/{y}.md", "browse-list.html",
                        front(f"{label}的文件", f"{label}的 {len(docs)} 份文件"),
                        heading=f"{label}的文件（{len(docs)} 份）", docs=docs, groups=None)
            years.append((label, f"browse/years/{y}/", len(docs)))
        for kind in sorted(by_kind):
            docs = newest(by_kind[kind])
            self.render(f"browse/kinds/{slug(kind)}.md", "browse-list.html",
                        front(f"文种：{kind}", f"{len(docs)} 份{kind}"),
                        heading=f"文种：{kind}（{len(docs)} 份）", docs=docs, groups=None)
            kinds.append((kind, f"browse/kinds/{slug(kind)}/", len(docs)))
        for y in sorted(due, reverse=True):
            self.render(f"browse/due/{y}.md", "browse-list.html",
                        front(f"{y} 年到期的任务", f"完成时限在 {y} 年的 {len(due[y])} 项任务"),
                        heading=f"完成时限在 {y} 年的任务（{len(due[y])} 项）", docs=None,
                        groups=self.grouped(due[y]))
            dues.append((f"{y} 年", f"browse/due/{y}/", len(due[y])))
        self.render("browse/index.md", "browse.html", front("浏览", "按年份、文种、完成时限和地区浏览"),
                    years=years, kinds=kinds, dues=dues,
                    jurisdictions=sorted({d.jurisdiction for d in self.recs.documents}), slug=slug)


def deadline_years(deadline: str | None) -> list[str]:
    """Years a printed deadline names (2026年底, 2025年6月, 2024-2026年); none for 长期 and the like."""
    if not deadline:
        return []
    return sorted(set(re.findall(r"(20\d{2})\s*年?", deadline)))


LEGAL_FORCE = {"继续有效": "InForce", "废止": "NotInForce", "失效": "NotInForce"}


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


def shorten(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def write_pages(recs: Records, content: Path, status: dict | None = None,
                extra: dict[str, str | bytes] | None = None, report: dict | None = None) -> dict[str, str]:
    """Write every generated page (and extra files, e.g. downloads) under content/.

    The repository is content/'s parent: its gazette texts and, when it has them, its record
    templates (overrides/records/).  Only the generated folders are replaced; hand-written pages stay."""
    from .records import swap_in
    import shutil
    import tempfile

    root = content.resolve().parent
    own = root / "overrides" / "records"
    files: dict[str, str | bytes] = dict(Site(recs, status, report, root=root,
                                              templates=own if own.is_dir() else None).build())
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
