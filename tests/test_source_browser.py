"""Browser tests (issue 19): from a task page of each of the five gazettes, the source link
lands on the task's printed text, scrolled into view and highlighted; breadcrumb links resolve;
the 404 page loads its styles and links under a sub-path."""
from __future__ import annotations

import re

from browser import chromium, require_chromium, serve

HIGHLIGHT = "rgb(255, 242, 168)"  # overrides/assets/gongbao.css, the :target of a source link


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def sample_tasks(records) -> list:
    """Per gazette: its first task and, where it has one, its first task of a table."""
    kinds = {tl.id: tl.kind for tl in records.tasklists}
    gazette_of = {d.id: d.gazette for d in records.documents}
    out = []
    for g in records.gazettes:
        tasks = [t for t in records.tasks if gazette_of[t.document] == g.id]
        assert tasks, g.id
        out.append(tasks[0])
        table = next((t for t in tasks if kinds[t.list] != "prose"), None)
        if table and table is not tasks[0]:
            out.append(table)
    return out


def test_source_link_lands_on_the_printed_text_highlighted(built, records):
    require_chromium()
    tasks = sample_tasks(records)
    assert len({t.document for t in tasks}) >= 5
    with serve(built.site, "/archive/") as base, chromium(viewport={"width": 1280, "height": 800}) as context:
        page = context.new_page()
        for t in tasks:
            page.goto(f"{base}tasks/{t.id}/")
            # every breadcrumb link resolves
            for href in page.eval_on_selector_all("nav.gb-crumbs a", "els => els.map(a => a.href)"):
                assert href.startswith(base) and page.request.get(href).status == 200, (t.id, href)
            # the lines as printed are folded until asked for
            assert not page.is_visible("details.gb-printed pre")
            page.click("details.gb-printed summary")
            assert page.is_visible("details.gb-printed pre")
            link = page.locator("table.gb-meta a.gb-src")
            with page.expect_navigation():
                link.click()
            assert page.url.startswith(f"{base}documents/{t.document}/#"), (t.id, page.url)
            # highlighted (Material fades a table row's background in: wait for it)
            page.wait_for_function("c => { const el = document.querySelector(':target');"
                                   " return el && getComputedStyle(el).backgroundColor === c; }", arg=HIGHLIGHT,
                                   timeout=3000)
            shown = page.evaluate("""() => {
                const el = document.querySelector(':target');
                if (!el) return null;
                const r = el.getBoundingClientRect();
                const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
                return {text: el.textContent, top: r.top, bottom: r.bottom, header: header,
                        height: innerHeight, bg: getComputedStyle(el).backgroundColor};
            }""")
            assert shown, (t.id, page.url)
            assert squash(t.text)[:6] in squash(shown["text"]), (t.id, shown["text"][:40])
            assert shown["top"] >= shown["header"] - 1 and shown["top"] < shown["height"], (t.id, shown)
            assert shown["bg"] == HIGHLIGHT, (t.id, shown["bg"])


def test_404_page_loads_styles_and_links_under_a_sub_path(built):
    require_chromium()
    html = (built.site / "404.html").read_text(encoding="utf-8")
    with serve(built.site, "/archive/") as base, chromium() as context:
        page = context.new_page()
        missing = f"{base}tasks/no-such-document/9/"
        # a static host answers a missing address with 404.html, as Apache or nginx set up to do
        page.route(missing, lambda route: route.fulfill(status=404, body=html, content_type="text/html"))
        response = page.goto(missing)
        assert response.status == 404
        sheets = page.evaluate("""() => [...document.styleSheets].filter(s => s.href)
                                       .map(s => ({href: s.href, rules: s.cssRules.length}))""")
        assert any("/archive/assets/stylesheets/main" in s["href"] and s["rules"] > 100 for s in sheets), sheets
        assert any(s["href"] == f"{base}assets/gongbao.css" for s in sheets), sheets
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)")
        origin = base.split("/archive/")[0]
        site_links = [h for h in hrefs if h.startswith(origin) and not h.startswith(missing + "#")]
        assert len(site_links) > 10
        assert all(h.startswith(base) for h in site_links), [h for h in site_links if not h.startswith(base)][:5]
        for h in set(site_links):
            assert page.request.get(h).status == 200, h
        assert page.eval_on_selector("a.md-logo", "a => a.href") == base
