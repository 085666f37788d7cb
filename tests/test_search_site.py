"""Search in the real built site (all five gazettes) under a sub-path, in chromium:
the header box leads to the search page, hits equal the substring truth over the export, hits link to pages."""
from __future__ import annotations

import test_search
from browser import chromium, require_chromium, serve
from gongbao.export import search_rows
from test_search import truth

QUERIES = ["发改局", "高新区 工信局", "桃政发〔2026〕1号", "XYDR-2024-00003", "杨 盛", "5000万元", "县"]


def test_real_site_search_equals_truth(built, records):
    require_chromium()
    rows = search_rows(records)
    test_search._SEARCHABLE.clear()
    with serve(built.site, "/archive/") as base, chromium() as context:
        page = context.new_page()
        page.goto(base + "documents/")
        page.fill(".gb-header-search input[name=q]", QUERIES[0])
        page.press(".gb-header-search input[name=q]", "Enter")
        for i, q in enumerate(QUERIES):
            if i:
                page.fill("#gb-q", q)
                page.press("#gb-q", "Enter")
            page.wait_for_function("q => window.gbSearch && window.gbSearch.query === q && "
                                   "document.getElementById('gb-search').dataset.state === 'done'", arg=q)
            ids = page.evaluate("window.gbSearch.ids()")
            assert set(ids) == truth(rows, q), q
            assert len(ids) == len(set(ids))
        # the first hit of the last query opens its record's page
        page.click("#gb-results > li a")
        page.wait_for_load_state()
        assert page.url.startswith(base) and "404" not in page.title()
