"""Hand-kept knowledge: aliases, corrections and status, applied by the resolve pass."""
from __future__ import annotations

import json

import pytest
import yaml

from conftest import make_repo
from gongbao.cli import build, main
from gongbao.pipeline import Paths


@pytest.fixture(scope="module")
def small(tmp_path_factory, request):
    """A build of the 桃源 gazette (000) with fixture corrections, status and aliases."""
    from conftest import ROOT

    src = sorted((ROOT / "data" / "gazettes").glob("000_*.txt"))
    repo = make_repo(tmp_path_factory.mktemp("k"), gazettes=src)
    paths = Paths(repo)
    from gongbao.pipeline import parse
    recs = parse(paths).records
    task = recs.tasks[0]
    unit = task.lead_units[0]
    (repo / "data" / "corrections.yml").write_text(yaml.safe_dump([{
        "task": task.id, "field": "deadline", "value": "2026年12月底", "reason": "测试：原文此列为空"}],
        allow_unicode=True), encoding="utf-8")
    (repo / "data" / "status.yml").write_text(yaml.safe_dump({task.id: [
        {"date": "2026-07-01", "status": "进行中", "source_url": "https://example.org/progress", "note": "测试条目"},
        {"date": "2026-04-01", "status": "未启动"}]}, allow_unicode=True), encoding="utf-8")
    (repo / "data" / "aliases.yml").write_text(yaml.safe_dump({task_juris(recs, task): {
        f"{unit}（合并）": [unit]}}, allow_unicode=True), encoding="utf-8")
    build(paths, quiet=True)
    return paths, task, unit


def task_juris(recs, task):
    return next(d.jurisdiction for d in recs.documents if d.id == task.document)


def test_correction_changes_page_and_export(small, capsys):
    paths, task, _ = small
    html = (paths.site / "tasks" / task.id / "index.html").read_text(encoding="utf-8")
    assert "2026年12月底" in html
    assert main(["--root", str(paths.root), "export", "tasks", "--format", "jsonl"]) == 0
    rows = [json.loads(l) for l in capsys.readouterr().out.splitlines()]
    row = next(r for r in rows if r["id"] == task.id)
    assert row["deadline"] == "2026年12月底"
    assert row["status"] == "进行中 (2026-07-01)"


def test_status_shows_as_a_dated_timeline(small):
    paths, task, _ = small
    html = (paths.site / "tasks" / task.id / "index.html").read_text(encoding="utf-8")
    first, second = html.index("2026-04-01"), html.index("2026-07-01")
    assert first < second and "未启动" in html and "进行中" in html
    assert 'href="https://example.org/progress"' in html


def test_alias_merges_printed_variants_visibly(small):
    paths, task, unit = small
    units = yaml.safe_load((paths.records / "units.yml").read_text(encoding="utf-8"))
    merged = next(u for u in units if u["name"] == f"{unit}（合并）")
    assert unit in merged["aliases"] and task.id in merged["leads"]
    page = (paths.site / "units" / merged["id"] / "index.html").read_text(encoding="utf-8")
    assert "合并的写法" in page and unit in page


@pytest.mark.parametrize("name, content", [
    ("corrections.yml", [{"task": "no-such-doc-2026-1/99", "field": "deadline", "value": "x", "reason": "r"}]),
    ("status.yml", {"no-such-doc-2026-1/99": [{"date": "2026-01-01", "status": "进行中"}]}),
])
def test_knowledge_for_a_missing_task_stops_the_build(small, name, content, capsys):
    paths, _, _ = small
    f = paths.root / "data" / name
    old = f.read_text(encoding="utf-8")
    f.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    try:
        code = main(["--root", str(paths.root), "build", "--no-render"])
    finally:
        f.write_text(old, encoding="utf-8")
    err = capsys.readouterr().err
    assert code == 2 and f"data/{name}" in err and "no-such-doc-2026-1/99" in err


@pytest.mark.parametrize("content", [["人民法院", "府院"], {"人民法院": "府院"}, {"人民法院": [""]}])
def test_malformed_unit_fields_stop_the_build_naming_the_file(small, content, capsys):
    paths, _, _ = small
    f = paths.root / "data" / "unit_fields.yml"
    f.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    try:
        code = main(["--root", str(paths.root), "build", "--no-render"])
    finally:
        f.unlink()
    assert code == 2 and "data/unit_fields.yml" in capsys.readouterr().err


def test_units_printed_in_traditional_and_simplified_characters_are_one(tmp_path):
    """Two lists of one city, one from a mirror in traditional characters: the units group on
    their simplified form and keep the form first printed."""
    from gongbao.pipeline import parse

    gz = tmp_path / "data" / "gazettes"
    gz.mkdir(parents=True)
    (gz / "901_a.txt").write_text("市政府工作报告重点工作责任分解(2023年)\n1.生产总值增长6%以上。\n"
                                  "责任单位:市發改委、市經信局(列第一位为牵头单位,下同)\n", encoding="utf-8")
    (gz / "902_b.txt").write_text("市政府工作报告重点工作责任分解(2024年)\n1.研发投入强度达到2.3%。\n"
                                  "责任单位:市发改委\n", encoding="utf-8")
    for f in ("901_a", "902_b"):
        (gz / f"{f}.yml").write_text("jurisdiction: 丽水市\n", encoding="utf-8")
    recs = parse(Paths(tmp_path)).records
    names = {u.name: u for u in recs.units}
    assert "市發改委" in names and "市发改委" not in names
    assert len(names["市發改委"].leads) == 1 and len(names["市發改委"].responsible) == 1
