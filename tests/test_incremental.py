"""Builds that do work in proportion to what changed: the parse cache, parallel parse, housekeeping."""
from __future__ import annotations

import re
import shutil

import pytest
from conftest import ROOT, make_repo

from gongbao.cli import build, main
from gongbao.pipeline import Paths, parse, record_files
from gongbao.read import InputError

SMALL = sorted(p for p in (ROOT / "data" / "gazettes").iterdir() if p.name.startswith(("000_", "004_")))
TEXTS = [p for p in SMALL if p.suffix == ".txt"]  # two small gazettes (with their sidecars in SMALL)


def on_disk(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_parallel_parse_gives_the_committed_records(built, tmp_path):
    """--jobs 2 without the cache: every record file byte for byte as the committed ones."""
    paths = Paths(make_repo(tmp_path / "r"))
    stats: dict = {}
    files = record_files(parse(paths, jobs=2, cache=False, stats=stats))
    assert stats["parsed"] == 5 and stats["cached"] == 0
    committed = {p.relative_to(ROOT / "data" / "records").as_posix(): p.read_text(encoding="utf-8")
                 for p in (ROOT / "data" / "records").rglob("*.yml")}
    assert files == committed


def test_a_changed_gazette_alone_is_parsed_again(tmp_path):
    paths = Paths(make_repo(tmp_path / "r", gazettes=SMALL))
    stats: dict = {}
    first = record_files(parse(paths, stats=stats))
    assert (stats["parsed"], stats["cached"]) == (2, 0)
    again = record_files(parse(paths, stats=stats))
    assert (stats["parsed"], stats["cached"]) == (0, 2)
    assert again == first
    # a copy under other years (new 文号): only the new file is parsed, and the result is a full parse's
    text = TEXTS[0].read_text(encoding="utf-8")
    copy = re.sub(r"〔(\d{4})〕", lambda m: f"〔{int(m.group(1)) - 7}〕", text)
    (paths.gazettes / "009_copy.txt").write_text(copy, encoding="utf-8")
    grown = record_files(parse(paths, stats=stats))
    assert (stats["parsed"], stats["cached"]) == (1, 2)
    assert grown == record_files(parse(paths, cache=False))
    assert len(grown) > len(first)
    # the YAML of a document is kept by the hash of its records: the same text from the cache
    dumps = paths.cache / "records"
    assert record_files(parse(paths), dumps) == grown
    (version,) = dumps.iterdir()
    stale = version / "0000.yml"
    stale.write_text("not a document of this build", encoding="utf-8")
    assert record_files(parse(paths), dumps) == grown
    # one a document: all but gazettes, units, people, report and figures
    assert not stale.exists() and len(list(version.iterdir())) == len(grown) - 5
    # the hand-kept field words are read by the parse: a change to them parses every gazette again
    fields = paths.knowledge / "unit_fields.yml"
    fields.write_text(fields.read_text(encoding="utf-8") + "\n# touched\n", encoding="utf-8")
    parse(paths, stats=stats)
    assert (stats["parsed"], stats["cached"]) == (3, 0)


def test_a_duplicate_number_from_the_cache_is_still_an_error_naming_both_files(tmp_path):
    paths = Paths(make_repo(tmp_path / "r", gazettes=[TEXTS[1]]))
    parse(paths)  # cached now
    shutil.copy(TEXTS[1], paths.gazettes / "005_copy.txt")
    for jobs in (1, 2):
        with pytest.raises(InputError) as e:
            parse(paths, jobs=jobs)
        assert "appears twice" in str(e.value) and "005_copy.txt" in str(e.value) and TEXTS[1].name in str(e.value)


def test_an_unreadable_gazette_parsed_in_a_worker_names_its_line(tmp_path):
    paths = Paths(make_repo(tmp_path / "r", gazettes=SMALL))
    (paths.gazettes / "003_bad.txt").write_bytes("第一行\n第二行\n".encode() + "第三行".encode("gbk"))
    with pytest.raises(InputError) as e:
        parse(paths, jobs=2)
    assert e.value.line == 3 and "003_bad.txt:3" in str(e.value)


def test_a_build_removes_staging_folders_a_killed_build_left(tmp_path, capsys):
    paths = Paths(make_repo(tmp_path / "r", gazettes=SMALL))
    left = [paths.root / ".site.k1llx", paths.knowledge / ".records.q2", paths.root / ".content.zz"]
    for d in left:
        (d / "tasks").mkdir(parents=True)
        (d / "tasks" / "index.html").write_text("half written", encoding="utf-8")
    assert main(["--root", str(paths.root), "build", "--no-render", "--jobs", "2"]) == 0
    err = capsys.readouterr().err
    assert not any(d.exists() for d in left)
    assert ".site.k1llx" in err and "data/.records.q2" in err
    # a line per pass with its counts, and the time per pass
    assert re.search(r"parse: 2 gazettes \(2 parsed, 0 from the cache, 2 jobs\), \d+ documents, \d+ tasks", err)
    assert re.search(r"pages: \d+ files", err) and re.search(r"timings: parse [\d.]+s, records [\d.]+s", err)
    build(paths, render_site=False, quiet=True)
    assert not [p for p in paths.root.iterdir() if p.name.startswith((".site.", ".content."))]


def test_a_build_after_adding_a_gazette_equals_a_full_build(tmp_path):
    """Two gazettes built, a third added (a copy under other years) and built again from the cache:
    records, pages and site byte for byte as a full build without the cache of all three; the
    second build rewrites only the pages whose bytes changed."""
    paths = Paths(make_repo(tmp_path / "inc", gazettes=SMALL))
    build(paths, quiet=True)
    first = (on_disk(paths.records), on_disk(paths.content), on_disk(paths.site))
    stamps = {p: p.stat().st_mtime_ns for p in paths.content.rglob("*.md")}
    text = TEXTS[1].read_text(encoding="utf-8")
    copy = re.sub(r"〔(\d{4})〕", lambda m: f"〔{int(m.group(1)) - 3}〕", text)
    side = "id: miluo-2023-copy\njurisdiction: 汨罗市\n"
    (paths.gazettes / "009_copy.txt").write_text(copy, encoding="utf-8")
    (paths.gazettes / "009_copy.yml").write_text(side, encoding="utf-8")
    counts: dict = {}
    build(paths, quiet=True, counts=counts)
    full = Paths(make_repo(tmp_path / "full", gazettes=SMALL))
    (full.gazettes / "009_copy.txt").write_text(copy, encoding="utf-8")
    (full.gazettes / "009_copy.yml").write_text(side, encoding="utf-8")
    build(full, quiet=True, cache=False)
    # a build without the cache parses everything, and leaves the cache for the next build
    stats: dict = {}
    parse(full, stats=stats)
    assert (stats["parsed"], stats["cached"]) == (0, 3)
    assert on_disk(paths.records) == on_disk(full.records)
    assert on_disk(paths.content) == on_disk(full.content)
    assert on_disk(paths.site) == on_disk(full.site)
    # a task page of the first gazette, which the new one does not touch, was not written again
    kept = [p for p, t in stamps.items() if p.exists() and p.stat().st_mtime_ns == t]
    assert any("/tasks/" in p.as_posix() for p in kept)
    assert len(kept) < len(stamps)  # the lists that name the new gazette's documents were
    # the second render rendered only the pages whose Markdown changed
    assert counts["parse"]["parsed"] == 1 and counts["render"]["incremental"]
    assert 0 < counts["render"]["rendered"] < counts["render"]["pages"] / 2
    # and with the gazette gone again, the pages and outputs it made are gone too
    (paths.gazettes / "009_copy.txt").unlink()
    (paths.gazettes / "009_copy.yml").unlink()
    build(paths, quiet=True)
    assert (on_disk(paths.records), on_disk(paths.content), on_disk(paths.site)) == first
