"""The search truth test on the real build: the index `gongbao build` publishes answers every query
with exactly the records of `gongbao export` whose text contains it."""
from __future__ import annotations

from gongbao.export import search_rows
from gongbao.search import search
import test_search
from test_search import QUERIES, truth


def test_published_index_equals_substring_truth_on_the_export(built, records):
    rows = search_rows(records)
    test_search._SEARCHABLE.clear()  # its cache is keyed by record id; the fixture records share ids
    index = built.site / "assets" / "search" / "data"
    assert index.is_dir()
    misses = {}
    for q in QUERIES:
        got = search(index, q)
        want = truth(rows, q)
        if set(got) != want or len(got) != len(set(got)):
            misses[q] = (sorted(set(got) - want)[:3], sorted(want - set(got))[:3])
    assert not misses, misses
    assert sum(1 for q in QUERIES if truth(rows, q)) >= 40
