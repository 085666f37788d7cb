"""Record pages a reader can check and climb (issue 19): the printed source one click away,
names instead of file names, breadcrumbs, a 404 page that works under any sub-path, and
pages laid out by templates."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from conftest import ROOT
from test_site import resolve_link

RECORD_DIRS = ("tasks", "documents", "gazettes", "units", "people", "jurisdictions")


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def gazette_file_names(records) -> list[str]:
    names = []
    for g in records.gazettes:
        stem = Path(g.file).stem
        names += [g.file, Path(g.file).name, stem]
    return names + ["data/gazettes/"]


def test_no_page_title_feed_or_search_result_names_a_gazette_file(built, records):
    """Every page (its text, title, metadata and tooltips: all but its link targets), every feed
    and the search index are free of the gazette files' names; the downloads keep them."""
    names = gazette_file_names(records)
    offenders = []
    for page in built.site.rglob("*.html"):
        soup = soup_of(page)
        for el in soup.find_all(href=True):
            del el["href"]
        for el in soup.find_all(src=True):
            del el["src"]
        text = str(soup)
        offenders += [f"{page.relative_to(built.site)}: {n}" for n in names if n in text]
    for f in [*(built.site / "feeds").rglob("*.xml"), *(built.site / "search").rglob("*.json")]:
        text = f.read_text(encoding="utf-8")
        offenders += [f"{f.relative_to(built.site)}: {n}" for n in names if n in text]
    assert not offenders, offenders[:10]
    # provenance stays in the open data
    row = json.loads((built.site / "downloads" / "tasks.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert row["source"]["file"].startswith("data/gazettes/")


def test_a_gazette_without_masthead_is_named_by_what_it_holds(built, records):
    docs = {d.id: d for d in records.documents}
    bare = [g for g in records.gazettes if not g.title]
    assert {g.id for g in bare} == {"taojiang-2023-04-22", "miluo-2026-01-29"}  # ids as before
    listing = soup_of(built.site / "gazettes" / "index.html")
    for g in bare:
        d = docs[g.documents[0]]
        y, m, day = d.date.split("-")
        name = f"{d.issuers[0]} {y}年{int(m)}月{int(day)}日"
        soup = soup_of(built.site / "gazettes" / g.id / "index.html")
        assert soup.title.string.startswith(name)
        assert soup.h1.get_text().rstrip("¶") == name
        assert listing.find("a", string=name), name
        doc = soup_of(built.site / "documents" / d.id / "index.html")
        assert doc.find("nav", class_="gb-crumbs").find("a", string=name)
    named = next(g for g in records.gazettes if g.title)
    assert soup_of(built.site / "gazettes" / named.id / "index.html").h1.get_text().startswith(named.title)


def source_target(site: Path, page: Path, href: str):
    """The element a source link points at: (document page, element)."""
    target = resolve_link(site, page, href)
    frag = unquote(urlsplit(href).fragment)
    return target, soup_of(target).find(id=frag) if target else None


def test_every_task_links_the_paragraph_or_row_that_prints_it(built, records):
    """A task page's 来源 links its document page at the paragraph, heading or table row that
    holds the task's text, and so does its row on the document page."""
    pages: dict[Path, BeautifulSoup] = {}
    lists = {tl.id: tl for tl in records.tasklists}
    for t in records.tasks:
        page = built.site / "tasks" / t.id / "index.html"
        soup = soup_of(page)
        row = next(tr for tr in soup.find("table", class_="gb-meta").find_all("tr") if tr.th.get_text() == "来源")
        href = row.find("a", class_="gb-src")["href"]
        target = resolve_link(built.site, page, href)
        assert target == (built.site / "documents" / t.document / "index.html").resolve(), t.id
        if target not in pages:
            pages[target] = soup_of(target)
        el = pages[target].find(id=unquote(urlsplit(href).fragment))
        assert el is not None and el.name in ("p", "h3", "h4", "h5", "h6", "tr"), (t.id, href)
        if lists[t.list].kind == "prose":
            assert el.name != "tr" and squash(t.text)[:6] in squash(el.get_text()), (t.id, el.get_text()[:40])
        else:
            assert el.name == "tr" and squash(t.text)[:12] in squash(el.get_text()), (t.id, el.get_text()[:40])
        # the row in the document's task table links the same place
        listed = pages[target].find(id="task-" + t.id.split("/", 1)[1]).find("a", class_="gb-src")
        assert listed["href"] == "#" + urlsplit(href).fragment, t.id


def test_unit_and_person_pages_link_each_tasks_source(built, records):
    by_id = {t.id: t for t in records.tasks}
    for kind, rec in (("units", records.units[0]), ("people", records.people[0])):
        page = built.site / kind / rec.id / "index.html"
        soup = soup_of(page)
        ids = rec.leads or rec.cooperates
        links = soup.select("li a.gb-src")
        assert len(links) == len(rec.leads) + len(getattr(rec, "cooperates", [])) + len(getattr(rec, "overall", []))
        first = by_id[ids[0]]
        item = next(a.find_parent("li") for a in soup.select("li a[href]")
                    if resolve_link(built.site, page, a["href"]) == (built.site / "tasks" / first.id / "index.html").resolve())
        target, el = source_target(built.site, page, item.find("a", class_="gb-src")["href"])
        assert target == (built.site / "documents" / first.document / "index.html").resolve()
        assert el is not None


def test_task_page_shows_the_lines_as_printed_folded(built, records):
    for t in (records.tasks[0], next(t for t in records.tasks if t.source.line_end - t.source.line_start > 5)):
        raw = (ROOT / t.source.file).read_text(encoding="utf-8-sig").replace("\r\n", "\n").split("\n")
        soup = soup_of(built.site / "tasks" / t.id / "index.html")
        box = soup.find("details", class_="gb-printed")
        assert box is not None and not box.has_attr("open")
        assert box.pre.get_text() == "\n".join(raw[t.source.line_start - 1: t.source.line_end])


def test_record_pages_have_breadcrumbs_that_resolve_with_jsonld(built, records):
    t = records.tasks[0]
    d = next(d for d in records.documents if d.id == t.document)
    g = next(g for g in records.gazettes if g.id == d.gazette)
    page = built.site / "tasks" / t.id / "index.html"
    crumbs = soup_of(page).find("nav", class_="gb-crumbs")
    assert [resolve_link(built.site, page, a["href"]) for a in crumbs.find_all("a")] == [
        (built.site / p / "index.html").resolve() for p in (
            "jurisdictions", f"jurisdictions/{jurisdiction_slug(built, d.jurisdiction)}", f"gazettes/{g.id}",
            f"documents/{d.id}", f"tasks/{t.id}")]
    checked = 0
    for top in RECORD_DIRS:
        for page in (built.site / top).rglob("index.html"):
            if page.parent == built.site / top:
                continue  # the lists are in the navigation
            soup = soup_of(page)
            nav = soup.find("nav", class_="gb-crumbs")
            assert nav is not None, page
            links = nav.find_all("a")
            assert links[-1].get("aria-current") == "page" and resolve_link(built.site, page, links[-1]["href"]) \
                == page.resolve(), page
            assert all(resolve_link(built.site, page, a["href"]) for a in links), page
            ld = [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]
            trail = next(x for x in ld if x["@type"] == "BreadcrumbList")["itemListElement"]
            assert [i["name"] for i in trail] == [a.get_text() for a in links], page
            assert [i["item"] for i in trail] == [a["href"] for a in links], page
            checked += 1
    assert checked > len(records.tasks)
    # the document's Legislation data stays first
    soup = soup_of(built.site / "documents" / d.id / "index.html")
    assert json.loads(soup.find("script", type="application/ld+json").string)["@type"] == "Legislation"


def jurisdiction_slug(built, juris: str) -> str:
    from gongbao.ids import slug

    return slug(juris)


def test_404_page_has_no_root_absolute_links(built):
    soup = soup_of(built.site / "404.html")
    urls = [el.get("href") or el.get("src") for el in soup.find_all(["a", "link", "script", "img"])
            if el.get("href") or el.get("src")]
    assert urls and not [u for u in urls if u.startswith("/")], urls[:5]
    assert soup.find("script").string and "base" in soup.find("script").string


def test_record_pages_come_from_templates(tmp_path, records):
    """pages.py builds no HTML; the templates decide how a page looks: change one and the page changes."""
    from gongbao.pages import Site

    source = (ROOT / "build" / "gongbao" / "pages.py").read_text(encoding="utf-8")
    assert not re.findall(r"<(?:a|p|tr|td|th|table|li|ul|ol|h\d|span|div|nav|details)[ >]", source)
    own = tmp_path / "records"
    shutil.copytree(ROOT / "overrides" / "records", own)
    task = own / "task.html"
    task.write_text(task.read_text(encoding="utf-8").replace('class="gb-task-text"', 'class="gb-other-look"'),
                    encoding="utf-8")
    t = records.tasks[0]
    page = Site(records, templates=own).build()[f"tasks/{t.id}.md"]
    assert 'class="gb-other-look"' in page and "gb-task-text" not in page


def test_templates_escape_what_the_gazette_prints(records):
    """Autoescape: a task's text with markup reaches the page as text."""
    import copy

    from gongbao.pages import Site

    recs = copy.deepcopy(records)
    t = recs.tasks[0]
    t.text = '<img src=x onerror="alert(1)">{{ config }}'
    t.lead_units = ['<b>县</b>']
    page = Site(recs).build()[f"tasks/{t.id}.md"]
    assert "<img" not in page and "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;{{ config }}" in page
    assert "<b>" not in page and "&lt;b&gt;县&lt;/b&gt;" in page


def test_setting_html_aside_leaves_every_page_as_markdown_makes_it(built):
    """The render hook that keeps generated HTML blocks away from Markdown's parsers
    (build/gongbao/hooks.py) changes no byte of a page: the documents' pages (the largest, with
    tables and headings) and a sample of the others, as Python-Markdown renders them for MkDocs."""
    import markdown
    import yaml

    from gongbao.hooks import put_back, set_aside

    cfg = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    exts = [e if isinstance(e, str) else next(iter(e)) for e in cfg["markdown_extensions"]]
    configs = {next(iter(e)): next(iter(e.values())) for e in cfg["markdown_extensions"] if isinstance(e, dict)}
    pages = sorted(built.content.glob("documents/*.md"))
    others = sorted(p for top in ("tasks", "units", "people", "gazettes", "jurisdictions", "browse", "downloads")
                    for p in (built.content / top).rglob("*.md"))
    pages += others[::25] + [p for p in others if "\t" in p.read_text(encoding="utf-8")][:3]  # tabs as printed
    for p in pages:
        text = p.read_text(encoding="utf-8").split("---\n", 2)[2]
        plain = markdown.Markdown(extensions=exts, extension_configs=configs).convert(text)
        aside, blocks = set_aside(text)
        assert blocks and len(aside) < len(text) / 2, p
        assert put_back(markdown.Markdown(extensions=exts, extension_configs=configs).convert(aside), blocks) \
            == plain, p
