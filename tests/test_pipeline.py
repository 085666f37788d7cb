"""The pipeline as a whole: committed records reproduce, builds are deterministic, bad input stops safely."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, make_repo
from gongbao.cli import build, check, main
from gongbao.pipeline import Paths, parse
from gongbao.read import InputError


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_committed_records_are_what_a_reparse_gives():
    """data/records/ is committed; a parser change must show up there as a reviewable diff."""
    assert check(Paths(ROOT)) == []


def test_two_builds_give_identical_data_and_site(built):
    before = (tree_digest(built.records), tree_digest(built.site), tree_digest(built.content))
    build(built, quiet=True)
    after = (tree_digest(built.records), tree_digest(built.site), tree_digest(built.content))
    assert before[0] == after[0]
    assert before[2] == after[2]
    changed = [k for k in before[1] if before[1][k] != after[1].get(k)]
    assert not changed and before[1].keys() == after[1].keys()


def test_every_record_keeps_its_source_lines(records):
    lines = {}
    for g in records.gazettes:
        lines[g.file] = (ROOT / g.file).read_text(encoding="utf-8").count("\n") + 1
    for r in [*records.documents, *records.tasks, *records.tables, *records.docrefs]:
        assert r.source.file in lines, r.id
        assert 1 <= r.source.line_start <= r.source.line_end <= lines[r.source.file], r.id


@pytest.mark.parametrize("content, message", [
    (b"", "the file is empty"),
    (b"  \n\n", "the file is empty"),
    ("桃政发〔2026〕1号\n".encode("gbk") + b"\xff\xfe", "not UTF-8"),
    # only page furniture and headings: no document text
    ("当前位置:首页 > 政务公开\n返回\n目录\n".encode("utf-8"), "no document text"),
])
def test_bad_input_names_the_file_and_keeps_the_last_good_build(built, content, message, capsys):
    bad = built.gazettes / "zz_bad.txt"
    before = (tree_digest(built.records), tree_digest(built.site))
    bad.write_bytes(content)
    try:
        code = main(["--root", str(built.root), "build"])
    finally:
        bad.unlink()
    err = capsys.readouterr().err
    assert code == 2
    assert "data/gazettes/zz_bad.txt" in err and message in err
    assert (tree_digest(built.records), tree_digest(built.site)) == before


def test_non_utf8_error_names_the_line(tmp_path):
    repo = make_repo(tmp_path / "r", gazettes=[])
    (repo / "data" / "gazettes" / "a.txt").write_bytes("第一行\n第二行\n".encode() + "第三行".encode("gbk"))
    with pytest.raises(InputError) as e:
        parse(Paths(repo))
    assert e.value.line == 3 and "a.txt:3" in str(e.value)


def test_duplicate_document_number_is_an_error(tmp_path):
    src = sorted((ROOT / "data" / "gazettes").glob("004_*.txt"))[0]
    repo = make_repo(tmp_path / "r", gazettes=[src])
    shutil.copy(src, repo / "data" / "gazettes" / "005_copy.txt")
    with pytest.raises(InputError) as e:
        parse(Paths(repo))
    assert "appears twice" in str(e.value) and "005_copy.txt" in str(e.value)


def test_a_failed_render_keeps_the_last_good_site(built, capsys):
    about = built.content / "about.md"
    old = about.read_text(encoding="utf-8")
    before = tree_digest(built.site)
    about.write_text(old + "\n[坏链接](no-such-page.md)\n", encoding="utf-8")
    try:
        code = main(["--root", str(built.root), "build"])
    finally:
        about.write_text(old, encoding="utf-8")
    assert code == 2 and "mkdocs build failed" in capsys.readouterr().err
    assert tree_digest(built.site) == before


def test_markup_in_a_gazette_is_shown_literally(tmp_path):
    """{{ }} in gazette text reaches the reader as text, never as a template; HTML tags are stray
    extraction markup that the normalise pass removes, so they never become markup either."""
    from bs4 import BeautifulSoup

    src = sorted((ROOT / "data" / "gazettes").glob("000_*.txt"))[0]
    repo = make_repo(tmp_path / "r", gazettes=[])
    text = src.read_text(encoding="utf-8").replace(
        "1.久久为功推进", "1.久久为功{{ config.site_name }}<script>alert(1)</script>推进", 1)
    (repo / "data" / "gazettes" / src.name).write_text(text, encoding="utf-8")
    paths = Paths(repo)
    build(paths, quiet=True)
    page = (paths.site / "tasks" / "taozhengfa-2026-1" / "1" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    shown = soup.find(class_="gb-task-text").get_text()
    assert "{{ config.site_name }}" in shown and "alert(1" in shown
    assert not any("alert(1)" in (s.string or "") for s in soup.find_all("script"))
