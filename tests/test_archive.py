"""The archive people use: feeds, open data, citations, links between documents, browsing (issue 7)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_feeds_are_valid_atom_and_point_at_pages(built, records):
    feedparser = pytest.importorskip("feedparser")
    feeds = sorted((built.site / "feeds").rglob("*.xml"))
    assert len(feeds) == len({d.jurisdiction for d in records.documents}) + len(records.units)
    for f in feeds:
        parsed = feedparser.parse(str(f))
        assert not parsed.bozo, (f, parsed.get("bozo_exception"))
        dates = [e.updated for e in parsed.entries]
        assert dates == sorted(dates, reverse=True), f
        for e in parsed.entries:
            target = Path(urljoin(f.as_uri(), e.link)[len("file://"):]) / "index.html"
            assert target.exists(), (f, e.link)


def test_pages_link_their_feed(built, records):
    u = records.units[0]
    link = soup_of(built.site / "units" / u.id / "index.html").find("link", rel="alternate",
                                                                     type="application/atom+xml")
    assert link and (built.site / "units" / u.id / link["href"]).resolve().exists()


def test_datapackage_validates(built):
    pytest.importorskip("frictionless")
    exe = Path(sys.executable).with_name("frictionless")
    cmd = [str(exe) if exe.exists() else shutil.which("frictionless"), "validate", "datapackage.json"]
    res = subprocess.run(cmd, cwd=built.site / "downloads", capture_output=True, text=True)
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-2000:]


def test_people_pages_count_what_the_export_counts(built, records):
    from gongbao.export import task_rows

    rows = task_rows(records)
    for p in records.people:
        n = sum(1 for r in rows if r["jurisdiction"] == p.jurisdiction and p.name in r["leaders"])
        assert n == len(p.leads), p.id
        text = soup_of(built.site / "people" / p.id / "index.html").find(id="leads").get_text()
        assert f"（{n} 项）" in text


def test_cited_document_numbers_link_both_ways(built, records):
    held = {d.doc_number: d for d in records.documents if d.doc_number}
    pairs = [(d, held[n]) for d in records.documents for n in d.cites if n in held]
    pairs += [(next(d for d in records.documents if d.id == r.document), held[r.doc_number])
              for r in records.docrefs if r.doc_number in held]
    for citing, cited in pairs:
        page = built.site / "documents" / citing.id / "index.html"
        hrefs = {(page.parent / a["href"]).resolve() for a in soup_of(page).find_all("a", href=True)}
        assert (built.site / "documents" / cited.id).resolve() in hrefs, (citing.id, cited.id)
        back = built.site / "documents" / cited.id / "index.html"
        hrefs = {(back.parent / a["href"]).resolve() for a in soup_of(back).find_all("a", href=True)}
        assert (built.site / "documents" / citing.id).resolve() in hrefs, (cited.id, citing.id)


def test_document_pages_carry_legislation_jsonld_and_citation(built, records):
    d = records.documents[0]
    soup = soup_of(built.site / "documents" / d.id / "index.html")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "Legislation" and data["name"] == d.title
    cite = soup.find("button", class_="gb-cite")
    assert cite and d.title in cite["data-cite"]


def test_every_task_has_an_anchor_on_its_document_page(built, records):
    for d in records.documents:
        tasks = [t for t in records.tasks if t.document == d.id]
        if not tasks:
            continue
        soup = soup_of(built.site / "documents" / d.id / "index.html")
        for t in tasks:
            assert soup.find(id=f"task-{t.id.split('/', 1)[1]}"), t.id


def test_browse_pages_reach_every_document(built, records):
    found = set()
    for page in (built.site / "browse" / "years").rglob("index.html"):
        for a in soup_of(page).find_all("a", href=True):
            found.add((page.parent / a["href"]).resolve())
    for d in records.documents:
        assert (built.site / "documents" / d.id).resolve() in found, d.id


def test_normative_list_count_mismatch_is_shown_on_the_page(built, records):
    """湘阴政发〔2024〕10号 states 53 documents remain valid; the page says what its list prints."""
    from gongbao.pipeline import parse, report

    rep = report(parse(built))
    flagged = [(d["document"], m) for d in rep["documents"] for m in d.get("document_lists", []) if m["mismatch"]]
    assert flagged, "the five gazettes hold one known mismatch"
    for doc_id, m in flagged:
        text = soup_of(built.site / "documents" / doc_id / "index.html").get_text()
        assert f"实际列出 {m['printed']} 件" in text and f"正文称 {m['stated']} 件" in text


def test_every_heading_of_a_document_has_an_anchor(built, records):
    for d in records.documents:
        soup = soup_of(built.site / "documents" / d.id / "index.html")
        article = soup.find("article")
        for tag in article.find_all(["h2", "h3", "h4", "h5", "h6"]):
            assert tag.get("id"), (d.id, tag.get_text()[:30])
