"""The prebuilt search index finds exactly what a plain substring scan finds.

Truth is computed here, independently of gongbao.search, by plain substring
over the exported records.  The records come from the committed fixture, or
from the export named by GONGBAO_SEARCH_RECORDS (a .json list or .jsonl file).
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from gongbao.search import search, write_search

FIXTURE = Path(__file__).parent / "fixtures" / "search" / "records.json"

# >= 40 queries: units, places, numbers, document numbers, codes, officials,
# multi-term, one-character, mixed widths and a miss.
QUERIES = [
    # units
    "发改局", "县发改局", "工信局", "桃源高新区", "县交通运输局", "商务粮食局", "高新区管委会",
    "市生环局桃源分局", "县招商事务中心", "农业农村局", "街道办", "水利局", "县委组织部",
    # places
    "桃源", "漳江", "夷望溪", "汨罗", "湘阴", "泸溪", "沅水", "黄石水厂", "盘塘",
    # numbers and amounts
    "5000万元", "5%", "2026", "143公里", "增加20家", "135亿元", "1.5万人", "80个",
    # document numbers and codes
    "桃政发〔2026〕1号", "湘阴政发〔2024〕10号", "汨政办函〔2026〕1号", "泸办通〔2023〕18号",
    "XYDR-2024-00003", "xydr-2024", "S307", "G4", "s315",
    # officials
    "杨盛", "李亚江", "向恩泽",
    # topics
    "高标准农田", "专精特新", "湘商回归", "“五好”园区", "链长+专班", "（责任单位",
    # multi-term
    "发改局 交通", "高标准农田 建设", "招商 湘商回归", "县水利局 供水", "杨盛 发改局", "公路 S315",
    "桃源 发改局 项目",
    # one character
    "县", "鞋", "锂", "5", "〔", "Ｓ",
    # nothing
    "不存在的词语组合",
]


def load_records() -> list[dict]:
    path = Path(os.environ.get("GONGBAO_SEARCH_RECORDS") or FIXTURE)
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    return json.loads(text)


def plain(text: str) -> str:
    """The documented fold, written out independently of gongbao.search."""
    out = []
    for c in text:
        if c.isspace() or c in "\u200b\u200c\u200d\ufeff":
            continue
        if "\uff01" <= c <= "\uff5e":
            c = chr(ord(c) - 0xFEE0)
        if "A" <= c <= "Z":
            c = c.lower()
        out.append(c)
    return "".join(out)


_SEARCHABLE: dict[str, list[str]] = {}  # by record id (unique in an export)


def searchable(r: dict) -> list[str]:
    if r["id"] not in _SEARCHABLE:
        _SEARCHABLE[r["id"]] = _searchable(r)
    return _SEARCHABLE[r["id"]]


def _searchable(r: dict) -> list[str]:
    if r["kind"] == "document":
        registration = r.get("registration") or []
        registration = [registration] if isinstance(registration, str) else registration
        names = [r.get("title"), r.get("doc_number"), r.get("text"), *(r.get("issuers") or []), *registration]
    else:
        names = [r.get("text"), r.get("doc_number"), *(r.get("units") or []), *(r.get("lead_units") or []),
                 *(r.get("cooperating_units") or []), *(r.get("others") or []), *(r.get("leaders") or [])]
    return [plain(n) for n in names if n]


def truth(records: list[dict], query: str, keep=lambda r: True) -> set[str]:
    words = [plain(w) for w in query.split()]
    return {r["id"] for r in records
            if words and keep(r) and all(any(w in f for f in searchable(r)) for w in words)}


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return load_records()


@pytest.fixture(scope="module")
def index(records, tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("content")
    stats = write_search(records, content)
    assert stats["records"] == len(records)
    assert (content / "search" / "index.md").exists()
    return content / "assets" / "search" / "data"


def test_enough_queries_and_most_find_something(records):
    assert len(QUERIES) >= 40
    found = [q for q in QUERIES if truth(records, q)]
    assert len(found) >= 40


@pytest.mark.parametrize("query", QUERIES)
def test_search_equals_substring_truth(index, records, query):
    got = search(index, query)
    assert len(got) == len(set(got))
    assert set(got) == truth(records, query)


def test_sub_word_of_unit_finds_every_task(index, records):
    # The headline: 发改局 must find every task naming 县发改局 etc.
    want = {r["id"] for r in records if r["kind"] == "task"
            and any("发改局" in u for u in r["units"] + r["lead_units"] + r["cooperating_units"])}
    assert want and want <= set(search(index, "发改局"))


def test_filters_equal_truth(index, records):
    year = max(r["year"] for r in records if r.get("year"))
    jurisdiction = next(r["jurisdiction"] for r in records if r["kind"] == "task")
    doc = next(r for r in records if r["kind"] == "document")
    unit = next(u for r in records if r["kind"] == "task" for u in r["units"])
    official = next((p for r in records for p in r.get("leaders") or []), None)
    cases = [
        ("县", {"jurisdiction": jurisdiction}, lambda r: r["jurisdiction"] == jurisdiction),
        ("发展", {"year": year}, lambda r: r["year"] == year),
        ("发展", {"year": str(year), "kind": "task"}, lambda r: r["year"] == year and r["kind"] == "task"),
        ("工作", {"kind": "document"}, lambda r: r["kind"] == "document"),
        ("", {"document": doc["id"]}, lambda r: (r["id"] == doc["id"] or r["id"].startswith(doc["id"] + "/"))),
        ("", {"unit": unit}, lambda r: unit in r.get("units", []) + r.get("lead_units", [])
         + r.get("cooperating_units", []) + r.get("others", [])),
    ]
    if official:
        cases.append(("", {"official": official}, lambda r: official in (r.get("leaders") or [])))
    for query, filters, keep in cases:
        got = set(search(index, query, filters))
        if query:
            want = truth(records, query, keep)
        else:
            want = {r["id"] for r in records if keep(r)}
        assert got == want, (query, filters)
        assert got, (query, filters)


def test_empty_query_finds_nothing(index):
    assert search(index, "") == []
    assert search(index, "   ") == []


def test_ranking_puts_task_text_and_units_before_document_body(index, records):
    kinds = {r["id"]: r["kind"] for r in records}
    got = search(index, "高标准农田")
    first_doc = next(i for i, x in enumerate(got) if kinds[x] == "document")
    # the document bodies that merely mention the phrase come after the tasks that say it
    assert all(kinds[x] == "task" for x in got[:first_doc])
    assert any(kinds[x] == "document" for x in got[first_doc:])
    # the document itself (number in its title and number fields) outranks its tasks
    got = search(index, "桃政发〔2026〕1号")
    assert kinds[got[0]] == "document"


def test_whitespace_and_width_are_folded(index, records):
    # Gazette text prints "增加 20 家"; the query without spaces finds it,
    # full-width and upper-case Latin letters find their half-width lower-case forms.
    assert search(index, "增加20家") and set(search(index, "增加20家")) == truth(records, "增加 20 家".replace(" ", ""))
    assert set(search(index, "ｓ３０７")) == set(search(index, "S307")) == set(search(index, "s307"))
