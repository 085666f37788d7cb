"""The table layouts portals print, read by the same table pass: one task list (items 4, 6 and 10 of
丽水's 2023 list, tests/fixtures/corpus/01_lishui.txt, with a 牵头领导 column as county lists print it)
laid out as tab rows, pipe rows, box-drawing rows, rows flattened to spaces, one cell a line ending
in ' |', and one cell a blank-line block: every layout gives the same tasks."""
from __future__ import annotations

from pathlib import Path

import pytest

from gongbao import documents, tasklists
from gongbao.normalise import normalise, restore_printed
from gongbao.read import RawGazette

HEADER = ["序号", "重点任务", "牵头领导", "牵头单位", "配合单位", "完成时限"]
ROWS = [
    ["1", "固定资产投资增长10%。", "王 强", "市发改委", "市经信局、市科技局", "2023年底"],
    ["2", "城乡居民收入增速保持全省领先、农民收入增速快于城镇居民。", "李 明", "市人力社保局", "市农业农村局", "2023年底"],
    ["3", "实施招商引资“百千”行动,每年招引亿元以上制造业项目100个。", "王 强李 明", "市双招双引办",
     "市发改委,各县(市、区)政府、丽水开发区管委会", "长期"],
]
WANT = [
    ("固定资产投资增长10%。", ["王强"], ["市发改委"], ["市经信局", "市科技局"]),
    ("城乡居民收入增速保持全省领先", ["李明"], ["市人力社保局"], ["市农业农村局"]),
    ("实施招商引资“百千”行动", ["王强", "李明"], ["市双招双引办"], ["市发改委", "丽水开发区管委会"]),
]
HEAD = ["市政府工作报告重点工作责任分解(2023年)", ""]


def tab() -> list[str]:
    return ["\t".join(r) for r in [HEADER, *ROWS]]


def pipes() -> list[str]:
    return ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)] + ["| " + " | ".join(r) + " |" for r in ROWS]


def box() -> list[str]:
    border = "├" + "┼".join("────" for _ in HEADER) + "┤"
    out = ["┌" + "┬".join("────" for _ in HEADER) + "┐", "│" + "│".join(HEADER) + "│"]
    for r in ROWS:
        out += [border, "│" + "│".join(r) + "│"]
    return out + ["└" + "┴".join("────" for _ in HEADER) + "┘"]


def spaces() -> list[str]:
    # names padded with a space cannot be told from cell breaks here: this layout prints them whole
    rows = [[c.replace("王 强李 明", "王强、李明").replace(" ", "") for c in r] for r in ROWS]
    return [" ".join(HEADER)] + ["  ".join(r) for r in rows]


def cell_lines() -> list[str]:
    return [f"{c} |" for r in [HEADER, *ROWS] for c in r]


def blocks() -> list[str]:
    out: list[str] = []
    for r in [HEADER, *ROWS]:
        for c in r:
            out += [c, ""]
    return out


@pytest.mark.parametrize("layout", [tab, pipes, box, spaces, cell_lines, blocks])
def test_every_layout_gives_the_same_tasks(layout):
    raw = RawGazette("data/gazettes/901_layout.txt", HEAD + layout())
    lines = normalise(raw)
    _, docs = documents.split_documents(lines, {})
    assert len(docs) == 1
    doc = docs[0]
    doc_lines = documents.document_lines(lines, doc)
    _, tasks, tbls, _ = tasklists.find_tasks(doc, doc_lines, None, True)
    restore_printed(doc_lines, tasks)
    assert len(tasks) == 3, [t.text for t in tasks]
    for t, (start, leaders, lead, coop) in zip(tasks, WANT):
        assert t.text.startswith(start)
        assert t.lead_units == lead
        assert t.cooperating_units == coop
        assert t.leaders == leaders
        assert t.deadline in ("2023年底", "长期")
    assert "各县（市、区）政府" in tasks[2].others
    assert len(tbls) == 1


def test_a_time_column_that_is_no_deadline():
    from gongbao import grammar
    assert grammar.column_role("建设时间") == "other"
    assert grammar.column_role("完成 时限") == "deadline"
    assert grammar.column_role("分 管 领 导") == "leaders"
    assert grammar.column_role("主要责任单位") == "lead_units"
    assert grammar.column_role("协同配合单位") == "coop_units"


def _tasks(raw_lines: list[str]):
    lines = normalise(RawGazette("data/gazettes/901_layout.txt", raw_lines))
    _, docs = documents.split_documents(lines, {})
    doc_lines = documents.document_lines(lines, docs[0])
    _, tasks, _, _ = tasklists.find_tasks(docs[0], doc_lines, None, True)
    restore_printed(doc_lines, tasks)
    return tasks


def test_space_flattened_cells_wrapped_onto_the_next_line():
    # each word of the unnumbered line goes to the cell printed above it
    tasks = _tasks(HEAD + ["序号 重点任务 牵头单位 配合单位",
                           "1  固定资产投资增长10%，完成5条道  市发改委  市经信局、市科",
                           "   路提质。                      技局",
                           "2  城镇新增就业完成省定任务。  市人力社保局  市发改委"])
    assert [t.text for t in tasks] == ["固定资产投资增长10%，完成5条道路提质。", "城镇新增就业完成省定任务。"]
    assert tasks[0].cooperating_units == ["市经信局", "市科技局"]
    assert tasks[1].lead_units == ["市人力社保局"]


def test_label_paragraph_cut_by_a_line_end():
    tasks = _tasks(["一、主要预期目标", "1.生产总值增长6%以上。", "责任单位：市发改委、市经", "信局",
                    "2.规上工业增加值增长8%。", "责任单位：市经信局"])
    assert [t.units for t in tasks] == [["市发改委", "市经信局"], ["市经信局"]]
    assert [t.lead_units for t in tasks] == [[], []]  # a lone 责任单位 list, no rule printed: no lead


def test_a_group_heading_names_the_lead_of_its_items():
    tasks = _tasks(["一、县住建局牵头工作（2项）", "1.完成城区5条道路提质改造。", "2.新建城市公园2个。（县财政局配合）",
                    "二、县人社局牵头工作（1项）", "1.新增城镇就业3000人。"])
    assert [(t.lead_units, t.cooperating_units) for t in tasks] == [
        (["县住建局"], []), (["县住建局"], ["县财政局"]), (["县人社局"], [])]


def test_lead_and_responsible_labels_as_paragraphs_of_their_own():
    tasks = _tasks(["某区政府2023年重点工作任务分解和责任分工方案", "", "一、经济社会发展的主要预期目标", "",
                    "1.努力实现地区生产总值增长6%左右。", "", "牵头单位:区发改局", "",
                    "责任单位:某经济开发区,全区经济运行各专班", "", "2.推进网络基础设施建设。", "",
                    "责任单位:市大数据局、市发展改革委,各市、特区、区人民政府"])
    assert tasks[0].lead_units == ["区发改局"] and tasks[0].cooperating_units == ["某经济开发区"]
    assert tasks[0].units == ["区发改局", "某经济开发区", "全区经济运行各专班"]
    assert tasks[1].lead_units == [] and tasks[1].units == ["市大数据局", "市发展改革委", "各市、特区、区人民政府"]
