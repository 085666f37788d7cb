"""The search page in a real browser finds exactly the substring truth.

A minimal mkdocs site (theme material with our overrides, no stock search)
is built from write_search over the fixture records plus a stub page per
record, served under /archive/, and driven by chromium: queries are typed
into the header box and the search page's box, and the hits are compared
with the truth computed by plain substring over the records (test_search).
One browser serves every test of the module.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from browser import chromium, require_chromium, serve
from gongbao.search import search, write_search
from test_search import QUERIES, load_records, truth

ROOT = Path(__file__).resolve().parent.parent


def build_site(records: list[dict], tmp: Path) -> Path:
    docs, site = tmp / "docs", tmp / "site"
    write_search(records, docs)
    (docs / "index.md").write_text("# 公报\n\n首页\n", encoding="utf-8")
    for r in records:
        page = docs / r["url"] / "index.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"# {r['id']}\n", encoding="utf-8")
    config = {
        "site_name": "公报 Gongbao", "docs_dir": str(docs), "site_dir": str(site),
        "use_directory_urls": True,
        "theme": {"name": "material", "custom_dir": str(ROOT / "overrides"), "font": False, "language": "zh"},
        "plugins": [], "nav": [{"首页": "index.md"}, {"搜索": "search/index.md"}],
    }
    (tmp / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(tmp / "mkdocs.yml")],
                   check=True, capture_output=True)
    return site


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return load_records()


@pytest.fixture(scope="module")
def site(records, tmp_path_factory):
    require_chromium()
    tmp = tmp_path_factory.mktemp("searchsite")
    return build_site(records, tmp)


@pytest.fixture(scope="module")
def browser_page(site):
    with serve(site, "/archive/") as base, chromium() as context:
        page = context.new_page()
        page.base = base
        yield page


def wait_done(page, query: str) -> dict:
    page.wait_for_function(
        "q => window.gbSearch && window.gbSearch.query === q"
        " && document.getElementById('gb-search').dataset.state === 'done'", arg=query)
    return page.evaluate("window.gbSearch.ids().then(ids => Object.assign({}, window.gbSearch, {ids}))")


def shown(page) -> tuple[int, list[str]]:
    status = page.inner_text("#gb-status")
    m = re.search(r"共\s*(\d+)\s*条结果", status)
    assert m, status
    return int(m.group(1)), page.eval_on_selector_all("#gb-results > li", "els => els.map(e => e.dataset.id)")


def test_header_box_goes_to_search_page_without_loading_index(browser_page, records):
    page = browser_page
    requested: list[str] = []
    listener = lambda r: requested.append(r.url)  # noqa: E731
    page.on("request", listener)
    page.goto(page.base)
    page.remove_listener("request", listener)
    assert page.locator(".gb-header-search input[name=q]").is_visible()
    assert not [u for u in requested if "/assets/search/" in u]  # nothing heavy on a normal page view
    page.keyboard.press("/")  # the shortcut focuses the header box
    page.keyboard.type("发改局")
    page.keyboard.press("Enter")
    result = wait_done(page, "发改局")
    assert page.url.startswith(page.base + "search/?q=")
    assert set(result["ids"]) == truth(records, "发改局")
    assert result["sinceNavigation"] < 3000


@pytest.mark.parametrize("query", QUERIES)
def test_typed_query_equals_truth(browser_page, records, site, query):
    page = browser_page
    if "/search/" not in page.url:
        page.goto(page.base + "search/")
    page.fill("#gb-q", query)
    page.press("#gb-q", "Enter")
    result = wait_done(page, query)
    want = truth(records, query)
    assert set(result["ids"]) == want
    assert len(result["ids"]) == len(want)
    # the same order as the Python search over the same index
    assert result["ids"] == search(site / "assets" / "search" / "data", query)
    count, first_page = shown(page)
    assert count == len(want)
    assert first_page == result["ids"][:20]


def test_every_hit_reachable_through_pages_and_links(browser_page, records):
    page = browser_page
    page.goto(page.base + "search/?q=" + "县")
    wait_done(page, "县")
    want = truth(records, "县")
    seen: list[str] = []
    while True:
        count, ids = shown(page)
        assert count == len(want)
        seen += ids
        nxt = page.locator("#gb-pager a.gb-next")
        if not nxt.count():
            break
        before = page.url
        nxt.click()
        page.wait_for_function("u => location.href !== u && document.getElementById('gb-search')"
                               ".dataset.state === 'done'", arg=before)
    assert len(seen) == len(set(seen)) == len(want) and set(seen) == want
    assert len(want) > 20  # really paged
    # every link of the last page resolves under the sub-path
    for href in page.eval_on_selector_all("#gb-results a.gb-hit__title", "els => els.map(e => e.href)"):
        assert href.startswith(page.base)
        assert page.request.get(href).status == 200
    page.click("#gb-results a.gb-hit__title >> nth=0")
    page.wait_for_load_state()
    assert page.url.startswith(page.base + ("tasks/" if "tasks/" in page.url else "documents/"))


def test_highlight_and_filters(browser_page, records):
    page = browser_page
    page.goto(page.base + "search/?q=" + "高标准农田")
    wait_done(page, "高标准农田")
    marks = page.eval_on_selector_all("#gb-results mark", "els => els.map(e => e.textContent)")
    assert marks and all(m == "高标准农田" for m in marks)
    # a document matched in its body shows the body around the match (its text block only)
    assert page.locator(".gb-hit--document .gb-hit__text mark").count() > 0
    jurisdiction = next(r["jurisdiction"] for r in records if r["kind"] == "task")
    page.select_option("select[name=jurisdiction]", jurisdiction)
    result = wait_done_filtered(page, "jurisdiction=")
    want = truth(records, "高标准农田", lambda r: r["jurisdiction"] == jurisdiction)
    assert set(result["ids"]) == want
    # the unit field suggests the units once used; typing one filters by it
    unit = next(u for r in records if r["id"] in want and r["kind"] == "task" for u in r["units"])
    page.focus("input[name=unit]")
    page.wait_for_function("document.querySelectorAll('#gb-units option').length > 0")
    page.fill("input[name=unit]", unit)
    page.press("input[name=unit]", "Enter")
    result = wait_done_filtered(page, "unit=")
    want = truth(records, "高标准农田", lambda r: r["jurisdiction"] == jurisdiction and unit in (
        r.get("units", []) + r.get("lead_units", []) + r.get("cooperating_units", []) + r.get("others", [])))
    assert want and set(result["ids"]) == want
    official = next(p for r in records for p in r.get("leaders") or [])
    page.goto(page.base + "search/?official=" + official)
    result = wait_done(page, "")
    assert set(result["ids"]) == {r["id"] for r in records if official in (r.get("leaders") or [])}
    assert page.input_value("input[name=official]") == official


def wait_done_filtered(page, fragment: str) -> dict:
    page.wait_for_function("f => location.search.includes(f) && document.getElementById('gb-search')"
                           ".dataset.state === 'done'", arg=fragment)
    return page.evaluate("window.gbSearch.ids().then(ids => Object.assign({}, window.gbSearch, {ids}))")


def test_back_button_restores_query_and_results(browser_page, records):
    page = browser_page
    page.goto(page.base + "search/?q=" + "鞋")
    wait_done(page, "鞋")
    page.fill("#gb-q", "锂")
    page.press("#gb-q", "Enter")
    wait_done(page, "锂")
    page.go_back()
    result = wait_done(page, "鞋")
    assert set(result["ids"]) == truth(records, "鞋")
    assert page.input_value("#gb-q") == "鞋"
    assert page.input_value(".gb-header-search input[name=q]") == "鞋"
