"""Tests over the built site (all five gazettes): links, navigation, outside loads, counts."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup


def html_files(site: Path):
    return sorted(site.rglob("*.html"))


def resolve_link(site: Path, page: Path, href: str) -> Path | None:
    """The file an internal link points at, or None if it points at nothing."""
    path = unquote(urlsplit(href).path)
    if not path:
        return page
    target = (page.parent / path).resolve()
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target if target.exists() else None


def test_every_internal_link_resolves(built):
    site = built.site
    broken = []
    for page in html_files(site):
        if page.name == "404.html" and page.parent == site:
            continue  # served at any address, so MkDocs gives it root-absolute links by design
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for el in soup.find_all(tag):
                url = el.get(attr)
                if not url or url.startswith(("#", "mailto:", "data:", "javascript:")):
                    continue
                if urlsplit(url).scheme or url.startswith("//"):
                    continue  # outside links are checked below
                if resolve_link(site, page, url) is None:
                    broken.append(f"{page.relative_to(site)} -> {url}")
    assert not broken, f"{len(broken)} broken links, e.g. {broken[:10]}"


def test_site_loads_nothing_from_outside_hosts(built):
    offenders = []
    for page in html_files(built.site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for el in soup.find_all(["script", "link", "img", "iframe", "source"]):
            if el.name == "link" and "stylesheet" not in (el.get("rel") or []) and el.get("rel") != ["preload"]:
                continue
            url = el.get("src") or el.get("href") or ""
            if urlsplit(url).scheme in ("http", "https") or url.startswith("//"):
                offenders.append(f"{page.relative_to(built.site)}: {url}")
    css = " ".join(p.read_text(encoding="utf-8", errors="replace") for p in built.site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "fonts.gstatic" not in css
    assert not offenders, offenders[:10]


def test_task_and_unit_pages_stay_out_of_the_nav(built, records):
    soup = BeautifulSoup((built.site / "index.html").read_text(encoding="utf-8"), "html.parser")
    nav_links = soup.select("nav.md-nav--primary a.md-nav__link")
    assert len(nav_links) < 40
    hrefs = " ".join(a.get("href", "") for a in nav_links)
    assert "tasks/" not in hrefs and "units/" + "x" not in hrefs
    assert records.tasks, "the build found no tasks"
    first = records.tasks[0]
    assert (built.site / "tasks" / first.id / "index.html").exists()


def test_pages_speak_chinese_and_have_titles(built, records):
    t = records.tasks[0]
    soup = BeautifulSoup((built.site / "tasks" / t.id / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.html["lang"].startswith("zh")
    assert t.number in soup.title.string and soup.h1.get_text().rstrip("¶ \n").endswith(t.number)
    assert soup.find("meta", attrs={"name": "description"})["content"].startswith(t.text[:20])
    assert soup.find("meta", attrs={"property": "og:title"})


def test_flagged_rows_say_so_in_chinese(built, records):
    """A task whose parse is in doubt says which fields, in Chinese, on its
    page and beside its row in the document's task list; certain ones do not."""
    flagged = next(t for t in records.tasks if t.confidence < 1 and "responsible units uncertain" in (t.note or ""))
    page = BeautifulSoup((built.site / "tasks" / flagged.id / "index.html").read_text(encoding="utf-8"),
                         "html.parser").get_text()
    assert "配合单位与原件的对应不能完全确定" in page and "请以公报原件为准" in page
    assert flagged.note.split(";")[0] in page  # the parser's own record stays readable
    doc = BeautifulSoup((built.site / "documents" / flagged.document / "index.html").read_text(encoding="utf-8"),
                        "html.parser")
    row = doc.find(id="task-" + flagged.id.split("/", 1)[1])
    assert row.find(class_="gb-doubt").get_text() == "存疑"
    sure = next(t for t in records.tasks if t.document == flagged.document and t.confidence == 1.0)
    assert doc.find(id="task-" + sure.id.split("/", 1)[1]).find(class_="gb-doubt") is None
    page = (built.site / "tasks" / sure.id / "index.html").read_text(encoding="utf-8")
    assert "请以公报原件为准" not in page


def test_goal_in_doubt_and_linked_plan_items_show_on_task_pages(built, records):
    """A row whose 目标 cell could not be placed says so in Chinese; a 责任清单
    row and the 实施方案 item of the same heading link each other."""
    by = {t.id: t for t in records.tasks}
    goal = next(t for t in records.tasks if (t.note or "").startswith("goal uncertain"))
    text = BeautifulSoup((built.site / "tasks" / goal.id / "index.html").read_text(encoding="utf-8"),
                         "html.parser").get_text()
    assert "目标与原件的对应不能完全确定" in text
    row = next(t for t in records.tasks if t.same_as and by[t.same_as].same_as == t.id)
    page = built.site / "tasks" / row.id / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    links = [a for a in soup.find_all("a") if "同一任务" in (a.find_parent("tr").get_text() if a.find_parent("tr") else "")]
    assert links and resolve_link(built.site, page, links[0]["href"]) == \
        (built.site / "tasks" / row.same_as / "index.html").resolve()
    # a row whose table prints no unit shows the units its plan item names
    bare = next(t for t in records.tasks if t.same_as and not t.units and by[t.same_as].lead_units)
    soup = BeautifulSoup((built.site / "tasks" / bare.id / "index.html").read_text(encoding="utf-8"), "html.parser")
    same = next(tr for tr in soup.find_all("tr") if "同一任务" in tr.get_text())
    assert all(u in same.get_text() for u in by[bare.same_as].lead_units)


def records_by_id(records) -> dict:
    return {t.id: t for t in records.tasks}


def test_indicator_rows_show_on_their_plan_items_pages(built, records):
    """An indicator table's rows belong to the plan items whose targets they
    state: the item's task page lists them (目标分解) and links the table; on
    the document page each row's 序号 links the item's page."""
    table = next(tb for tb in records.tables if tb.row_tasks and "省定" in (tb.title or ""))
    item = next(t for t in records.tasks if t.text.startswith("促进高质量就业"))
    mine = [r for r, tid in zip(table.rows, table.row_tasks) if tid == item.id]
    assert [r[3] for r in mine] == ["城镇新增就业", "开展补贴性职业技能培训"]
    page = built.site / "tasks" / item.id / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    head = next(x for x in soup.find_all(["h2"]) if "目标分解" in x.get_text())
    shown = head.find_next("table")
    assert [[td.get_text() for td in tr.find_all("td")] for tr in shown.find_all("tr")[1:]] == mine
    to_table = head.find_next("p").find("a")
    assert to_table["href"].endswith("#" + table.id.split("/", 1)[1])
    assert resolve_link(built.site, page, to_table["href"].split("#")[0]) == \
        (built.site / "documents" / item.document / "index.html").resolve()
    # a task no table row belongs to has no such section
    other = next(t for t in records.tasks if t.list.endswith("/a2"))
    assert "目标分解" not in (built.site / "tasks" / other.id / "index.html").read_text(encoding="utf-8")
    # a project of the quarterly table: its four quarters on the page of the plan item of its name, which
    # links the 县定 list's row of the same heading
    school = next(t for t in records.tasks if t.text.startswith("乡镇标准化寄宿制学校建设项目。"))
    soup = BeautifulSoup((built.site / "tasks" / school.id / "index.html").read_text(encoding="utf-8"), "html.parser")
    head = next(x for x in soup.find_all(["h2"]) if "目标分解" in x.get_text())
    quarters = [tr.find_all("td")[2].get_text() for tr in head.find_next("table").find_all("tr")[1:]]
    assert quarters == ["一季度", "二季度", "三季度", "四季度"]
    assert school.same_as and records_by_id(records)[school.same_as].list.endswith("/a7t3")
    doc = built.site / "documents" / item.document / "index.html"
    soup = BeautifulSoup(doc.read_text(encoding="utf-8"), "html.parser")
    box = soup.find(id=table.id.split("/", 1)[1])
    first = box.find("tbody").find_all("tr")[2].find("td").find("a")
    assert resolve_link(built.site, doc, first["href"]) == page.resolve()


def test_unit_pages_count_what_the_export_counts(built, records):
    from gongbao.export import task_rows

    rows = task_rows(records)
    for u in records.units:
        lead = sum(1 for r in rows if r["jurisdiction"] == u.jurisdiction
                   and any(n in (u.name, *u.aliases) for n in r["lead_units"]))
        assert lead == len(u.leads), u.id
        soup = BeautifulSoup((built.site / "units" / u.id / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert soup.find(id="leads").get_text().count(f"（{lead} 项）") == 1, u.id


def test_downloads_are_published(built, records):
    dl = built.site / "downloads"
    raw = (dl / "tasks.csv").read_bytes()
    assert raw.startswith("\ufeff".encode("utf-8")), "CSV must start with a BOM for Excel and WPS"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == len(records.tasks)
    data = json.loads((dl / "documents.json").read_text(encoding="utf-8"))
    assert len(data) == len(records.documents)
    lines = (dl / "tasks.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(l)["id"] for l in lines] == [t.id for t in records.tasks]
    assert (dl / "datapackage.json").exists()
    # every rebuilt table as CSV, linked from its document page and the downloads page
    index = (dl / "index.html").read_text(encoding="utf-8")
    for tb in records.tables:
        path = built.site / "downloads" / "tables" / f"{tb.id}.csv"
        got = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
        assert got == [tb.header + (["task_id"] if tb.row_tasks else [])] + [
            r + ([tb.row_tasks[i]] if tb.row_tasks else []) for i, r in enumerate(tb.rows)], tb.id
        assert f'tables/{tb.id}.csv"' in index
    tb = next(tb for tb in records.tables if tb.row_tasks)
    doc = built.site / "documents" / tb.document / "index.html"
    soup = BeautifulSoup(doc.read_text(encoding="utf-8"), "html.parser")
    link = soup.find(id=tb.id.split("/", 1)[1]).find_next(class_="gb-table-dl").find("a")
    assert resolve_link(built.site, doc, link["href"]) == (built.site / "downloads" / "tables" / f"{tb.id}.csv").resolve()


def test_gazette_text_with_markup_is_rendered_literally(tmp_path):
    """HTML and {{ }} in a gazette are shown as text, never executed or templated."""
    from gongbao.pages import md_escape, Site
    from gongbao.records import Records

    assert "&lt;script&gt;" in md_escape("<script>alert(1)</script>")
    assert md_escape("{{ config }}") == r"\{\{ config \}\}"
    assert Site(Records()).build()["gazettes/index.md"]
