"""Table parser: fixtures cut from the gazettes (first line names the source
file and line range) with hand-checked YAML goldens beside them, plus
whole-document counts over the real gazette files."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from gongbao import tables, tasklists
from gongbao.normalise import Line, normalise, restore_printed
from gongbao.read import RawGazette
from gongbao.resolve import load_fields
from gongbao.schema import Document, Source, validate_all

ROOT = Path(__file__).resolve().parents[1]
FIX = Path(__file__).parent / "fixtures" / "tables"


def fixture_lines(name: str) -> list[Line]:
    """The fixture's lines, numbered and named as in the original gazette.

    The first line names the file and the line range cut ("4971-5062"), or
    several ranges cut and put one after the other ("4971-4971,8239-8455":
    a table's caption, then one of its later pages)."""
    text = (FIX / f"{name}.txt").read_text(encoding="utf-8").split("\n")
    file, spans = text[0].lstrip("# ").split(" ")
    numbers = [no for span in spans.split(",")
               for no in range(int(span.split("-")[0]), int(span.split("-")[1]) + 1)]
    raw = text[1:]
    if raw and raw[-1] == "":
        raw.pop()
    assert len(raw) == len(numbers), f"{name}: {len(raw)} lines for the ranges {spans}"
    lines = normalise(RawGazette(file, raw))
    return [Line(file, no, l.raw, l.text, l.furniture, l.printed) for no, l in zip(numbers, lines)]


def gazette_lines(file: str, first: int, last: int) -> list[Line]:
    raw = (ROOT / file).read_text(encoding="utf-8").split("\n")
    lines = normalise(RawGazette(file, raw))
    return [l for l in lines if first <= l.no <= last]


def make_doc(doc_id: str, lines: list[Line]) -> Document:
    return Document(doc_id, None, "", None, [], None, None, None, "g", "x", [], [], [],
                    Source(lines[0].file, lines[0].no, lines[-1].no))


def parse(doc_id: str, lines: list[Line], fields: dict | None = None):
    lists, tasks, refs, tbls = tables.parse_tables(make_doc(doc_id, lines), lines, fields)
    restore_printed(lines, [*lists, *tasks, *refs, *tbls])  # as the pipeline does: the text as printed
    validate_all([*lists, *tasks, *refs, *tbls])
    return lists, tasks, refs, tbls


def task_view(t) -> dict:
    return {"number": t.number, "section": t.section, "text_start": t.text[:12], "leaders": t.leaders,
            "lead_units": t.lead_units, "cooperating_units": t.cooperating_units, "others": t.others,
            "lines": [t.source.line_start, t.source.line_end], "confident": t.confidence == 1.0}


def golden(name: str):
    return yaml.safe_load((FIX / f"{name}.yml").read_text(encoding="utf-8"))


# ---------------------------------------------------------------- 004: tab rows with shifted cells

def test_mizhengbanhan_rows_match_golden():
    lines = fixture_lines("mizhengbanhan-2026-1-rows-1-30")
    lists, tasks, refs, tbls = parse("mizhengbanhan-2026-1", lines)
    assert [tl.kind for tl in lists] == ["table"] and refs == []
    assert [task_view(t) for t in tasks] == golden("mizhengbanhan-2026-1-rows-1-30")["tasks"]
    (tbl,) = tbls
    assert tbl.id == "mizhengbanhan-2026-1/t1"
    assert tbl.title == "汨罗市2026年市政府重点工作任务"
    assert tbl.header == ["序号", "项目", "目标任务", "牵头领导", "牵头单位", "配合单位"]
    assert len(tbl.rows) == 30 and all(len(r) == 6 for r in tbl.rows)
    assert tbl.source == Source("data/gazettes/004_97929a907a49287a.txt", 35, 73)


def test_mizhengbanhan_whole_document():
    lines = gazette_lines("data/gazettes/004_97929a907a49287a.txt", 5, 200)
    lists, tasks, refs, tbls = parse("mizhengbanhan-2026-1", lines)
    assert [t.number for t in tasks] == [str(n) for n in range(1, 70)]
    assert len({t.id for t in tasks}) == 69
    assert all(t.confidence == 1.0 for t in tasks)
    assert lists[0].task_count == 69 and lists[0].unassigned == []
    by = {t.number: t for t in tasks}
    assert by["21"].leaders == ["杨盛", "吴艳平", "曹陶"]
    assert by["45"].section == ["聚力促融合", "推进文旅体深度融合"]  # task printed in the 项目 column
    assert by["45"].leaders == ["李亚江", "吴艳平", "向恩泽"]
    assert by["62"].section == ["全面加强政府自身建设", "全面依法行政"]  # extra tabs before the cell
    assert by["55"].lead_units == ["交通顽瘴痼疾整治工作专班", "交通运输局", "交警大队"]
    assert by["69"].section == ["岳阳市重点工作任务"]
    # 聚力惠民 is printed once, in row 49's 项目 cell, the middle of its merged cell:
    # the lone sub-items printed around it (46–52) are its rows
    assert [by[str(n)].section[0] for n in range(46, 53)] == ["聚力惠民"] * 7
    assert by["46"].section == ["聚力惠民", "强化就业优先发展"]
    assert by["48"].section == ["聚力惠民", "推动全国基础教育综合改革实验区建设"]
    assert by["52"].section == ["聚力惠民", "巩固全国双拥模范城（县）成果"]
    assert by["53"].section == ["聚力防风险"]
    # 加力乡村振兴 (34–37) stands between two prints of 聚力提品质
    assert by["34"].section == ["聚力提品质", "加力乡村振兴"] and by["38"].section == ["聚力提品质"]


# ---------------------------------------------------------------- 003: merged cells, glued headings

def test_xiangyinbanfa_rows_match_golden():
    lines = fixture_lines("xiangyinbanfa-2024-14-rows-1-18")
    lists, tasks, refs, tbls = parse("xiangyinbanfa-2024-14", lines)
    assert [task_view(t) for t in tasks] == golden("xiangyinbanfa-2024-14-rows-1-18")["tasks"]
    by = {t.number: t for t in tasks}
    assert by["1"].overall_leaders == ["刘世奇"] and by["17"].overall_leaders == ["张永久"]
    assert by["1"].goal.startswith("建立巡察整改指长效机制")
    assert by["1"].target_this_year.startswith("1. 对巡察整改情况")
    assert " to " not in by["3"].text and "to合适" not in by["4"].text  # the OCR word is gone
    assert "<" not in by["14"].text and "<" not in (by["14"].target_this_year or "")
    (tbl,) = tbls
    assert tbl.header[-2:] == ["至2026年总体目标", "2024年任务"]
    assert any(n.startswith("3:") for n in tbl.notes)


def test_xiangyinbanfa_whole_document():
    lines = gazette_lines("data/gazettes/003_28a2e0525c42d5f9.txt", 277, 509)
    lists, tasks, refs, tbls = parse("xiangyinbanfa-2024-14", lines)
    numbered = [t.number for t in tasks if t.number.isdigit()]
    assert numbered == [str(n) for n in range(1, 122)]
    # line 400 prints no 序号 but its own units, goal and target: a row of its own
    # below 60, labelled （续60） (not printed; the note says so)
    unnumbered = [t for t in tasks if not t.number.isdigit()]
    assert [(t.id, t.number) for t in unnumbered] == [("xiangyinbanfa-2024-14/60-1", "（续60）")]
    assert unnumbered[0].confidence < 1 and unnumbered[0].source.line_start == 400
    assert "（续60）" in unnumbered[0].note and unnumbered[0].lead_units == ["自然资源局"]
    assert all(t.number for t in tasks)
    flagged = [t.number for t in tasks if t.confidence < 1]
    assert set(flagged) >= {"3", "10", "20", "23", "56", "64"}
    assert len(flagged) <= 10
    by = {t.number: t for t in tasks}
    assert by["44"].section == ["（三）实施特色农业增效工程", "12. 优化乡村产业布局"]
    assert by["44"].text.startswith("稳步推进高标准农田建设")
    assert by["46"].section[-1] == "13. 加快构建现代农业产业体系"  # heading printed after the text
    assert by["58"].lead_units == ["市场监管局", "商务粮食局"]  # a unit split across a space
    assert by["63"].leaders == ["罗奇", "分管城建线副县长"]
    assert by["115"].lead_units == ["县应急和安全生产委员会办公室"]
    assert by["115"].others == ["县应急和安全生产委员会成员单位"]
    assert by["119"].lead_units == ["生环委办（市生态环境局湘阴分局）"]


# ---------------------------------------------------------------- 003: lists of normative documents

def test_document_lists_fixture():
    lines = fixture_lines("xiangyinzhengfa-2024-10-lists")
    lists, tasks, refs, tbls = parse("xiangyinzhengfa-2024-10", lines)
    assert lists == [] and tasks == []
    view = [{"id": r.id, "list": r.list, "number": r.number, "title": r.title, "doc_number": r.doc_number,
             "registration": r.registration, "line": r.source.line_start} for r in refs]
    assert view == golden("xiangyinzhengfa-2024-10-lists")["docrefs"]
    assert tables.stated_counts(lines) == {"废止": 2, "失效": 33, "继续有效": 53}
    # 附件二 is captioned 废止 by mistake; the decision's text assigns 附件2 to 失效
    assert "失效" in tbls[1].notes[0]


def test_document_lists_whole_document():
    lines = gazette_lines("data/gazettes/003_28a2e0525c42d5f9.txt", 70, 211)
    lists, tasks, refs, tbls = parse("xiangyinzhengfa-2024-10", lines)
    counts = {}
    for r in refs:
        counts[r.list] = counts.get(r.list, 0) + 1
    assert counts == {"废止": 2, "失效": 33, "继续有效": 52}
    assert tables.stated_counts(lines)["继续有效"] == 53  # the mismatch the build reports
    for name in counts:
        nums = [int(r.number) for r in refs if r.list == name]
        assert nums == list(range(1, len(nums) + 1))
    assert all(r.doc_number and r.registration for r in refs)
    assert len(tbls) == 3


# ---------------------------------------------------------------- other tables and helpers

def test_non_task_table_gives_no_tasks():
    lines = gazette_lines("data/gazettes/003_28a2e0525c42d5f9.txt", 513, 640)
    lists, tasks, refs, tbls = parse("xiangyinzhengbanfa-2024-21", lines)
    assert lists == [] and tasks == [] and refs == []
    (tbl,) = tbls
    assert tbl.header == ["序号", "乡镇名称", "参保任务人数"]
    assert len(tbl.rows) == 17 and tbl.rows[-1][0] == "合计"


@pytest.mark.parametrize("cell,expected", [
    ("杨 盛 吴艳平 曹 陶", ["杨盛", "吴艳平", "曹陶"]),
    ("吴艳平 向恩泽", ["吴艳平", "向恩泽"]),
    ("常务 副县长", ["常务副县长"]),
    ("分管 社会环保线副 县长", ["分管社会环保线副县长"]),
    ("罗 奇", ["罗奇"]),
])
def test_split_leaders(cell, expected):
    assert tables.split_leaders(cell) == expected


@pytest.mark.parametrize("unit,text,expected", [
    ("县市场监督管理局", "加强与市场监管部门的协作", True),  # a short form keeping the core's order
    ("县交通运输局", "医疗卫生、交通出行", True),
    ("县政府金融办", "金融信贷等领域", True),
    ("县人民法院", "依托“移动微法院”", True),
    ("县市场监督管理局", "建立健全全县统一市场主体准入", False),  # "市场" alone names no unit
    ("县人民法院", "增强人民群众幸福感", False),
    ("县文旅广电局", "文化旅游", False),
])
def test_named_in(unit, text, expected):
    assert tables._named_in(unit, text) is expected


@pytest.mark.parametrize("cell,expected", [  # 附件4's 责任单位 cells, as printed
    ("县工商联等县直相关单位", ("县工商联",)),  # a generic phrase names the unit it begins with
    ("县科技工信局、县行政审批局、县税务局、县财政局等县直相关单位", ("县科技工信局", "县行政审批局", "县税务局", "县财政局")),
    ("人民银行泸溪支行等企业破产处置联席会议成员单位", ("人民银行泸溪支行",)),
    ("县直相关单位", ()),
    ("具有执法权的县直相关单位", ()),
])
def test_cell_units(cell, expected):
    assert tables._cell_units(cell) == expected


@pytest.mark.parametrize("cell,expected", [
    ("高新区管委会 市直相关单位 各市属国有企业 各镇政府、街道办",
     ["高新区管委会", "市直相关单位", "各市属国有企业", "各镇政府、街道办"]),
    ("重大能源项目建设 指挥部 抽水蓄能指挥部", ["重大能源项目建设指挥部", "抽水蓄能指挥部"]),
    ("政府办 (优化办)", ["政府办（优化办）"]),
    ("市场监管局商 务粮食局", ["市场监管局", "商务粮食局"]),
    ("市生态环境局 湘阴分局 各乡镇街道", ["市生态环境局湘阴分局", "各乡镇街道"]),
])
def test_split_units(cell, expected):
    assert tables.split_units(cell) == expected


# ---------------------------------------------------------------- 002: tables flattened column by column

def test_column_table_page_matches_golden():
    lines = fixture_lines("luzhengbanfa-2023-5-youhua-page1")
    lists, tasks, refs, tbls = parse("luzhengbanfa-2023-5", lines)
    assert [tl.kind for tl in lists] == ["column-table"]
    view = [{"id": t.id, "number": t.number, "section": t.section, "text": t.text, "deadline": t.deadline,
             "lead_units": t.lead_units, "cooperating_units": t.cooperating_units, "others": t.others,
             "confident": t.confidence == 1.0} for t in tasks]
    assert view == golden("luzhengbanfa-2023-5-youhua-page1")["tasks"]
    (tbl,) = tbls
    assert tbl.header == ["序号", "工作任务", "工作要求", "完成时限", "牵头单位", "责任单位"]
    assert tbl.rows[1][:2] == ["2", "加快“湘易办”推广应用"]  # the merged cell printed after the page's header
    assert tbl.source == Source("data/gazettes/002_1905f89bc3b0f95a.txt", 4971, 5062)


def test_column_table_page_with_open_lead_column_is_flagged_throughout():
    """附件4 rows 194–205: 23 unit cells for 12 rows and 县优化营商环境专班 printed
    twice where the lead column ends; a cell more or less in the lead column
    shifts every row's units, so every row of the page is flagged (not only
    the two holding the halves of the run)."""
    lines = fixture_lines("luzhengbanfa-2023-5-youhua-rows-194-205")
    assert (lines[0].no, lines[1].no, lines[2].no, lines[-1].no) == (4971, 6893, 8239, 8455)
    lists, tasks, refs, tbls = parse("luzhengbanfa-2023-5", lines)
    assert [tl.kind for tl in lists] == ["column-table"] and lists[0].unassigned == []
    view = [{"id": t.id, "number": t.number, "section": t.section, "text": t.text, "deadline": t.deadline,
             "lead_units": t.lead_units, "cooperating_units": t.cooperating_units, "others": t.others,
             "lines": [t.source.line_start, t.source.line_end], "confident": t.confidence == 1.0} for t in tasks]
    assert view == golden("luzhengbanfa-2023-5-youhua-rows-194-205")["tasks"]
    # the lead column is in doubt: lower than a row whose only doubt is its responsible units
    assert all(t.confidence == 0.5 and "lead and responsible units uncertain" in t.note for t in tasks)


def _unit_rows(name: str) -> dict:
    lines = fixture_lines(name)
    lists, tasks, refs, tbls = parse("luzhengbanfa-2023-5", lines, load_fields(ROOT / "data" / "unit_fields.yml"))
    assert [tl.kind for tl in lists] == ["column-table"] and lists[0].unassigned == []
    view = []
    for t in tasks:
        v = {"id": t.id, **task_view(t), "deadline": t.deadline}
        v.pop("section")
        view.append(v)
    assert view == golden(name)["tasks"]
    return {t.number: t for t in tasks}


def test_column_table_cell_named_by_its_row_is_not_shared_below():
    """附件4 rows 125–136: ten 责任单位 cells for twelve rows. The lone 县司法局
    is named by its row (律师 -> 县司法局, data/unit_fields.yml), so it is
    that row's own cell: the row below, which names none of its units, takes
    the next cell instead of sharing it, as both hand readings have it."""
    by = _unit_rows("luzhengbanfa-2023-5-youhua-rows-125-136")
    assert by["128"].cooperating_units == ["县司法局"]
    assert by["129"].cooperating_units == ["县司法局", "县公安局", "县检察院"]


def test_column_table_cell_named_by_its_row_is_not_shared_above():
    """附件4 rows 50–60: six 责任单位 cells for eleven rows. The last,
    县市场监督管理局, is named by 57 alone (个体工商户), so the rows above it
    that name none of its units are blank rather than sharing it."""
    by = _unit_rows("luzhengbanfa-2023-5-youhua-rows-50-60")
    assert [by[n].cooperating_units for n in ("55", "56", "57")] == [[], [], ["县市场监督管理局"]]
    assert all(by[n].confidence < 1 for n in ("55", "56", "57"))


def test_column_table_without_number_column_interleaved_units():
    """附件5 rows 1–28: rows keyed by their numbered 任务明细 labels; a number
    printed twice inside a label is one row; unit lines printed interleaved
    flag their pages and no garbled name becomes a unit."""
    lines = fixture_lines("luzhengbanfa-2023-5-fangfan-rows-1-28")
    lists, tasks, refs, tbls = parse("luzhengbanfa-2023-5", lines)
    assert [tl.kind for tl in lists] == ["column-table"] and lists[0].unassigned == []
    assert [{"id": t.id, **task_view(t)} for t in tasks] == golden("luzhengbanfa-2023-5-fangfan-rows-1-28")["tasks"]
    by = {t.number: t for t in tasks}
    assert by["22"].text.startswith("分级分类救治患者。 全面实行发热")
    assert by["23"].text.startswith("做好重点人群健康服务。 摸清65岁")
    assert by["28"].text.startswith("做好信息报送和宣传教育。 定期发布") and "县市场" not in by["28"].text
    assert "县政府金融办" not in by["17"].text  # the unit cell glued to the last task cell is peeled off
    assert by["25"].lead_units == [] and "县民政局管理局" in by["25"].note


def test_column_tables_whole_document():
    lines = gazette_lines("data/gazettes/002_1905f89bc3b0f95a.txt", 2044, 11952)
    lists, tasks, refs, tbls = parse("luzhengbanfa-2023-5", lines, load_fields(ROOT / "data" / "unit_fields.yml"))
    by_list: dict[str, list] = {}
    for t in tasks:
        by_list.setdefault(t.list.split("/")[1], []).append(t)
    assert {k: len(v) for k, v in by_list.items()} == {"a2t": 58, "a3t": 35, "a4t": 215, "a5t": 38, "a6t": 17, "a7t3": 8}
    for key in ("a2t", "a3t", "a4t"):
        ts = by_list[key]
        assert [t.number for t in ts] == [str(n) for n in range(1, len(ts) + 1)], key
        assert all(t.lead_units and len(t.text) >= 6 for t in ts), key
    youhua = by_list["a4t"]
    assert all(t.deadline for t in youhua)
    assert youhua[0].id == "luzhengbanfa-2023-5/a4t-1"  # numbering restarts: the printed 附件4 keys it
    # rows whose cells could not be counted out one by one say so
    flagged = [t for t in youhua if t.confidence < 1]
    assert all(t.note for t in flagged)
    assert all("uncertain" in t.note for t in flagged)
    # a unit name that is two names run together or a lone character is never published as printed
    # (the names that do read stand), and its page is flagged throughout (附件5 rows 11–28, lines 9622–9779, print two unit columns interleaved
    # line by line); 附件5 rows 29–38 print one unit cell (成员单位) for ten rows: flagged
    fx = by_list["a5t"]
    assert [t.number for t in fx] == [str(n) for n in range(1, 39)]
    assert not any(len(u) < 2 or tables._garbled_unit(u) for t in fx for u in t.lead_units + t.cooperating_units)
    assert all(t.confidence < 1 for t in fx[10:])
    assert "does not read as units (printed: 县民政局管理局)" in fx[24].note
    # read without the document's plan, a cell with such a name gives no unit at all: the names in it
    # that look whole may be pieces of the other column's cells
    published = {u for t in fx for u in t.units}
    assert not published & {"住房保县人民银行", "县人社", "县市场", "监督管理局"}
    by = {t.number: t for t in youhua}
    assert by["20"].lead_units == ["县优化营商环境专班"]  # "县 优 化 营 / 商 环 境 专 / (blank) / 班"
    assert by["25"].cooperating_units == ["县公安局", "县税务局", "县公积金中心", "县人社局", "人行"]
    assert by["26"].cooperating_units == ["县公安局", "县税务局"]
    # a partner named by the task text in a short form: 67 "市场监管部门"; 158 "交通出行…金融信贷"
    # (66, before it: four 县直有关单位 cells for the five 县税务局 rows 62–66, one shared, as two
    # independent hand readings have it; 157 is in doubt and flagged)
    assert by["67"].cooperating_units == ["县市场监督管理局"] and by["66"].others == ["县直有关单位"]
    assert "县交通运输局" in by["158"].cooperating_units and by["157"].confidence < 1
    # two responsible cells of one unit each may be one cell printing its units one a line: 149 may
    # take 县行政审批局 and 县市场监督管理局 (as three hand readings have it), so it is flagged
    assert by["149"].cooperating_units[0] == "县行政审批局" and by["149"].confidence < 1
    # a unit list ending in "、" goes on in the next block, unless that block names one of its units
    # again (县财政局): two cells, 157's and 158's, as both hand readings have them
    assert by["157"].cooperating_units == ["县行政审批局", "县财政局", "县政府金融办", "县科技工信局", "人民银行泸溪支行"]
    assert by["158"].cooperating_units[0] == "县卫健局" and "县行政审批局" not in by["158"].cooperating_units
    # a run of equal cells as long as the only run of rows of one lead unit that long holds them beyond
    # doubt: 县直相关单位 ×4 for the 4 rows of 县发改局, 县直有关单位 ×5 for the 5 of 县市场监督管理局;
    # the 8 rows of 县人社局 between them, with 2 cells, stay flagged
    assert all(by[str(k)].confidence == 1.0 and by[str(k)].others == ["县直相关单位"] for k in range(99, 103))
    assert all(by[str(k)].confidence == 1.0 and by[str(k)].others == ["县直有关单位"] for k in range(111, 116))
    assert all(by[str(k)].confidence < 1.0 for k in range(103, 111))
    # 9 responsible cells for 9 rows, read as the hand readings read them: each cell on the row
    # whose text names the most of its units (172 供水、燃气 -> the water and gas companies and 县住建局,
    # 175 用水 -> the water company, 176 用气 -> the gas company), so one row takes two cells and one
    # none; the cells do not decide that, so the rows stay flagged
    assert by["172"].cooperating_units == ["县住建局", "泸溪县自来水公司", "泸溪华燃天然气有限公司"]
    assert by["173"].cooperating_units == ["公安局", "市场监督管理局", "县自然资源局"]
    assert [by[k].cooperating_units for k in ("174", "175", "176")] == \
        [["泸溪县自来水公司"], ["泸溪县自来水公司"], ["泸溪华燃天然气有限公司"]]
    assert all(by[str(k)].confidence == 0.7 for k in range(170, 179))
    # 16 lead cells for 12 rows (194–205), the last three 县财政局: the lead column ends after that run
    # of equal cells, not inside it (the run's end is tried though it lies past the usual range), so
    # 203–205 each have 县财政局 as lead and 194 no partner; the page's joins stay open: every row flagged
    assert [by[str(k)].lead_units for k in (203, 204, 205)] == [["县财政局"]] * 3
    assert by["194"].cooperating_units == [] and by["195"].cooperating_units == []
    assert all(by[str(k)].confidence < 1.0 for k in range(194, 206))
    assert all(by[str(k)].confidence == 0.5 for k in range(194, 199))
    # a row whose text names each of several lead cells takes them all (208: 烟草办证、驾照办证、不动产办证;
    # 驾照 -> 交警 from data/unit_fields.yml), so the lead column of 206–215 ends where it should
    assert by["208"].lead_units == ["县烟草专卖局", "县交警支队", "县自然资源局"]
    assert [by[str(k)].lead_units for k in (209, 210, 211, 215)] == \
        [["县营商环境专班"], ["县行政审批局"], ["县优化营商环境专班"], ["县优化营商环境专班"]]
    assert by["206"].cooperating_units[:2] == ["县公安局", "县城管执法局"]
    # a task cell broken by a blank line after a full line ("…企业" / "“一证办”…") is one cell, and three
    # cells printed without blank lines between them are three (182–184): texts and leads stay in line
    assert by["179"].text.endswith("“一证办”向乡村地区延伸。") and by["180"].text.startswith("全面推行“不动产+电力”")
    assert by["182"].text.startswith("开展“智汇潇湘") and by["183"].text.startswith("加强专家人才队伍建设")
    assert [by[str(k)].lead_units for k in (181, 182, 185, 186)] == \
        [["县发改局", "国网泸溪供电公司"], ["县人社局"], ["县人社局"], ["县科技工信局"]]
    # merged 工作任务 cells are printed after the next page's header; placed by the words they share with
    # the rows (few rows hold 用电), each starting on its own page or the two before
    assert all(by[str(k)].section[-1] == "全面提升用电服务水平" for k in (177, 178, 179))
    kj = {t.number: t for t in by_list["a3t"]}
    assert kj["21"].section[-1] == kj["22"].section[-1] == "推动科技金融深度融合"
    # a merged cell goes to the row whose text names its work: 府院联动 (35) -> 县人民法院
    assert by["35"].cooperating_units == ["县人民法院"] and by["33"].confidence < 1


def test_column_tables_keep_headers_and_page_furniture_out_of_tasks():
    lines = gazette_lines("data/gazettes/002_1905f89bc3b0f95a.txt", 2044, 11952)
    lists, tasks, refs, tbls = parse("luzhengbanfa-2023-5", lines)
    assert not any("序号" in t.text or "人民政府公报" in t.text for t in tasks)
    # lines inside a table that no row took are reported, not dropped
    for tl in lists:
        for src in tl.unassigned:
            assert tl.source.line_start <= src.line_start <= src.line_end <= tl.source.line_end


def test_column_table_unit_cells_matched_to_rows():
    """附件3 prints more 配合单位 cells than rows on each page (a cell broken by a
    blank line): the cells joined are the ones that leave no row naming its
    lead unit among its partners and no unit twice in one cell."""
    lines = gazette_lines("data/gazettes/002_1905f89bc3b0f95a.txt", 3974, 4506)
    lists, tasks, refs, tbls = parse("luzhengbanfa-2023-5", lines)
    by = {t.number: t for t in tasks}
    assert len(tasks) == 35
    # page 1: "泸溪高新区" (line 4131) belongs to the tall row 6 (7 lines of text)
    assert by["6"].cooperating_units == ["县财政局", "县发改局", "县税务局", "县统计局", "泸溪高新区"]
    assert by["7"].cooperating_units == ["县财政局", "泸溪高新区"]
    assert by["8"].lead_units == ["县税务局"] and by["8"].cooperating_units[0] == "科技工信局"
    assert by["10"].cooperating_units == ["县科技工信局"]
    assert by["16"].cooperating_units[-1] == "泸溪高新区"  # the merged 工作内容 cell after it is no unit
    # page 2: "县科技工信局 泸溪高新区" + "人行" is row 19; row 22 (lead 县政府金融办) does not get 县金融办
    assert by["19"].cooperating_units == ["县科技工信局", "泸溪高新区", "人行"]
    assert "县金融办" in by["21"].cooperating_units and "县金融办" not in by["22"].cooperating_units
    assert by["24"].lead_units == ["县发改局"] and "县发改局" not in by["24"].cooperating_units
    assert by["17"].text.startswith("力争建成潇湘科技要素大市场")  # the merged 工作内容 cells are no task
    # page 3: "县科" + "协、团县委" is one cell; row 35 (lead 县委组织部) does not get 县委组织部
    assert by["27"].cooperating_units == ["县人社局", "县科技工信局", "县科协", "团县委"]
    assert by["34"].cooperating_units == ["县委组织部", "县教体局", "县财政局"]
    assert by["35"].cooperating_units == ["县人社局", "县科技工信局"]
    # the only rows flagged are those another joining, almost as good, reads otherwise (row 3 reads
    # 泸溪高新区 either way; 县农业农村局 and 县科技工信局, cells of one unit each, may be one cell
    # for row 9 or 10; on page 2 "人行" printed alone may close row 19, 20 or 22: 17–22)
    assert sorted(int(t.number) for t in tasks if t.confidence < 1) == [2, 4, 5, 6, 9, 10, 17, 18, 19, 20, 21, 22]


def test_column_table_goals_by_numbered_groups():
    """附件2's task cells number themselves in groups (1. 2. 3. 4. / 1. 2. …)
    and its 目标 column prints one merged cell a group, or none.  Page 1
    prints 3 cells for its 3 groups: each goes to its group.  The later pages
    print fewer cells than groups (3 for 4, 2 for 5, 1 for 3), so no goal is
    given there; the rows say so and name the cells printed, and the table
    keeps every cell."""
    lines = gazette_lines("data/gazettes/002_1905f89bc3b0f95a.txt", 3124, 3691)
    lists, tasks, refs, tbls = parse("luzhengbanfa-2023-5", lines)
    assert len(tasks) == 58
    by = {t.number: t for t in tasks}
    assert all(by[str(k)].goal.startswith("实现社会消费品零售总额增长8%") for k in range(1, 5))
    assert all(by[str(k)].goal.startswith("进出口总额增长12%以上") for k in range(5, 10))
    assert all(by[str(k)].goal == "第一产业增长5%，农村居民人均可支配收入增长9%。" for k in (10, 11))
    assert all(by[str(k)].confidence == 1.0 for k in range(1, 12))
    rest = [by[str(k)] for k in range(12, 59)]
    assert all(t.goal is None and t.confidence == 0.7 and t.note.startswith("goal uncertain") for t in rest)
    assert "接待游客450万人次" in by["15"].note and "金融机构存贷款余额" in by["50"].note
    assert "金融机构存贷款余额" not in by["15"].note
    (tb,) = tbls
    shown = "\n".join(tb.notes) + "\n".join(c for row in tb.rows for c in row)
    for cell in ("接待游客450万人次", "地方财政收入增长8%", "规模工业增加值增长9%", "金融机构存贷款余额"):
        assert cell in shown


def test_column_table_units_placed_by_the_plan_of_the_same_tasks():
    """附件5's 实施方案 (lines 8691–9289) and its 责任清单 (9324–9891) list the
    same 38 tasks under the same headings.  Page 3 of the 清单 (rows 18–28)
    prints no lead-unit cell, only the 责任部门 cells: the plan's items name
    those units as the rows' partners, so they are read as responsible
    units, not as lead units; no lead unit is given and every row says so.
    Two cells printed interleaved line by line splice two names ("县市场监督"
    + "医保局", row 18): the spliced name is not published, the two names the
    row's plan item gives are, and the note says so."""
    lines = gazette_lines("data/gazettes/002_1905f89bc3b0f95a.txt", 2044, 11952)  # the whole document
    doc = make_doc("luzhengbanfa-2023-5", lines)
    lists, tasks, tbls, refs = tasklists.find_tasks(doc, lines, load_fields(ROOT / "data" / "unit_fields.yml"))
    validate_all([*lists, *tasks, *tbls])
    table = {t.number: t for t in tasks if t.list.endswith("/a5t")}
    plan = {t.number.split()[-1]: t for t in tasks if t.list.endswith("/a5")}
    assert len(table) == len(plan) == 38
    assert table["19"].cooperating_units == ["县市场监督管理局", "县医保局", "县科工信局", "县财政局"]
    assert table["20"].cooperating_units == ["县发改局", "县财政局"]
    assert table["24"].cooperating_units == ["县教体局", "县公安局"]
    assert table["25"].cooperating_units == ["县委宣传部"]
    for k in range(18, 29):
        t = table[str(k)]
        assert t.lead_units == [] and t.confidence == 0.5
        assert "no lead-unit cell printed on this page" in t.note
        # what the table prints agrees with the plan's partners for the row
        assert set(t.cooperating_units) <= set(plan[str(k)].cooperating_units)
    assert table["18"].cooperating_units == ["县市场监督管理局", "县医保局", "县财政局"]
    assert "县市场监督医保局 read as 县市场监督管理局、县医保局" in table["18"].note
    assert table["18"].confidence == 0.5
    assert not any(u == "县市场监督医保局" for t in tasks for u in t.units)
    # rows 17 and 21: the names the plan item also gives stand, the others are left out and named
    assert table["17"].cooperating_units == ["县委宣传部", "县公安局", "县信访局", "县人社局", "县市场监督管理局"]
    assert "住房保县人民银行 left out" in table["17"].note and "县自然资源县直相关部 left out" in table["17"].note
    assert table["21"].cooperating_units == ["县民政局", "县市场监督管理局"]
    assert "县民政局管理局 read as 县民政局、县市场监督管理局 (named so by the row's plan item)" in table["21"].note
    # page 2 prints its two unit columns interleaved: every row of it is flagged; its first unit cell,
    # "银行、县政府金融办", lost a line: "银行" is a piece of 县人民银行, which the row's plan item
    # names: it reads as that name, and is not published as printed
    assert all(table[str(k)].confidence < 1 for k in range(11, 18))
    assert "does not read as units (printed: 银行、县政府金融办): 银行 read as 县人民银行" in table["11"].note
    assert table["11"].lead_units == ["县人民银行", "县政府金融办"]
    assert not any(u == "银行" for t in tasks for u in t.units)
    # the first page, readable as printed, keeps its reading
    assert table["1"].lead_units == ["县财政局"] and table["1"].confidence == 1.0
    # 12 blocks for its 10 rows: "县政府金融办" and "县市场监督管理局" both go to row 6, whose item names
    # them, and row 7, whose item names no partner, is left blank (both still flagged: the text alone
    # reads either way)
    assert table["6"].cooperating_units == ["县政府金融办", "县市场监督管理局"] and table["7"].cooperating_units == []
    assert table["6"].confidence < 1 and table["7"].confidence < 1
    # each row and its plan item link each other, also where the table prints no unit (page 4)
    assert all(table[k].same_as == plan[k].id and plan[k].same_as == table[k].id for k in table)
    assert plan["30"].lead_units == ["县应急管理局"] and table["30"].lead_units == []
    # page 4 prints one unit cell for its ten rows, " 成员单位": the plan's item 37 alone names it
    # (县减灾委员会成员单位), so row 37 takes it and the others are left blank, not given it all
    assert table["37"].others == ["成员单位"]
    assert all(table[str(k)].units == [] and table[str(k)].others == [] for k in range(29, 39) if k != 37)


def test_numbered_groups_need_numbering_that_runs_across_rows():
    def rows(*texts):
        return [tables.ColRow(str(k), [k], text=t) for k, t in enumerate(texts, start=1)]

    assert tables.numbered_groups(rows("1.甲。", "2.乙。", "1.丙。", "2.丁。", "创建戊。")) == [[0, 1], [2, 3], [4]]
    # every cell opening its own "1." list: no groups (merged cells are then placed by words alone)
    assert tables.numbered_groups(rows("1.甲。2.乙。", "1.丙。", "1.丁。2.戊。")) is None
    assert tables.numbered_groups(rows("1.甲。", "2.乙。", "3.丙。")) is None  # one run: nothing to group


def test_plan_units_by_heading():
    assert tables.heading_key("18．提高老年人新冠病毒疫苗接种率。进一步优化") == "提高老年人新冠病毒疫苗接种率"
    assert tables.heading_key("（3）加强政府债券管理；积极争取") == "加强政府债券管理"
    assert tables.heading_key("1.好。") == ""  # too short to tell tasks apart
    plan = tables.PlanItem(("县卫健局",), ("县市场监督管理局", "县医保局", "县财政局"), (), "x")
    assert tables._restored("县市场监督医保局", plan) == ["县市场监督管理局", "县医保局"]
    assert tables._restored("医保", plan) == ["县医保局"]  # a piece of one name (a line lost)
    assert tables._restored("县医保局", plan) == [] and tables._restored("县市场监管局", plan) == []
    assert tables._restored("局", plan) == []  # a lone character names nothing
    assert tables._restored("县市场监督医保局", None) == []
    assert tables._read_units("县市场监督医保局、县财政局、县卫健局心县卫健局", plan, False) == (
        ["县市场监督管理局", "县医保局", "县财政局"],
        ["县市场监督医保局 read as 县市场监督管理局、县医保局 (named so by the row's plan item)",
         "县卫健局心县卫健局 left out"])
    housing = tables.PlanItem(("县住建局", "县住房保障中心"), (), (), "x")
    assert tables._pieces_run_on("住房保县人民银行", housing)
    assert not tables._pieces_run_on("泸溪县自来水公司", housing) and not tables._pieces_run_on("县人民银行", housing)


def test_column_tables_without_number_column():
    """附件5 numbers its rows inside the 任务明细 cells ("1.严格遏制…"), 附件6 not
    at all (行业领域 labels); both print the header below each page's columns."""
    lines = gazette_lines("data/gazettes/002_1905f89bc3b0f95a.txt", 9290, 10770)
    lists, tasks, refs, tbls = parse("luzhengbanfa-2023-5", lines)
    assert [tb.header for tb in tbls] == [["工作任务", "任务明细", "目标任务", "牵头部门", "责任部门"],
                                          ["行业领域", "目标任务", "完成时限", "责任领导", "责任单位"]]
    t5, t6 = tbls
    assert (t5.source.line_start, t5.source.line_end) == (9324, 9891)
    assert (t6.source.line_start, t6.source.line_end) == (10303, 10761)
    fx = [t for t in tasks if t.list == t5.id]
    aq = [t for t in tasks if t.list == t6.id]
    # 1–38 ("23." printed a second time inside label 22 is part of it); the 任务明细 cell heads the task text
    assert [t.number for t in fx] == [str(n) for n in range(1, 39)]
    by = {t.number: t for t in fx}
    assert by["1"].text.startswith("严格遏制新增政府隐性债务。 落实规范政府投资项目立项管理办法")
    assert by["1"].lead_units == ["县财政局"]
    assert by["1"].cooperating_units == ["县发改局", "县纪委监委", "县委巡察办", "县审计局"]
    assert by["9"].lead_units == by["10"].lead_units == ["县政府金融办"]
    assert by["10"].cooperating_units == ["县打击和处置非法集资工作领导小组"]
    # the last page prints no unit cells (lost in the flattening): every row says so
    assert all(t.confidence < 1 and not t.lead_units for t in fx[-10:])
    # 附件6: the label is the number, the id the printed order; the first unit named leads
    assert [t.number for t in aq][:3] == ["高层建筑", "居民自建房", "城镇燃气"]
    assert [t.id.split("/")[1] for t in aq][:2] == ["a6t-1", "a6t-2"]
    assert aq[0].leaders == ["张远康", "杨俊勇"] and aq[0].deadline == "2023年10月底前"
    assert aq[0].lead_units == ["县消防救援大队"] and aq[0].cooperating_units[0] == "县住建局（县人防办）"
    assert aq[7].lead_units == ["县交警大队", "县交通运输局"]  # both marked （牵头）
    assert aq[3].number == "消防和人员密集场所"  # "所" printed alone after a blank line
    assert [t.number for t in aq][-2:] == ["项目安全强化源头管控。", "高危企业构建双重预防机制"]


def test_column_lists_with_named_columns():
    """Lists flattened column by column, each column's name printed above its
    cells: 泸办〔2023〕6号 附件2 (no units: a Table only) and 002 附件7's 县定
    projects (项目名称 / 项目内容 / 牵头单位 / 责任领导: tasks)."""
    lines = gazette_lines("data/gazettes/002_1905f89bc3b0f95a.txt", 539, 952)
    lists, tasks, refs, tbls = parse("luban-2023-6", lines)
    assert lists == [] and tasks == []
    (tbl,) = tbls
    assert tbl.title == "县级领导干部食品安全包保责任分工"
    assert tbl.header == ["包保层级", "序号", "包保主体", "包保干部", "职务"]
    assert (tbl.source.line_start, tbl.source.line_end) == (704, 908)
    assert len(tbl.rows) == 27
    assert tbl.rows[0][1:] == ["1", "泸溪县第二中学", "彭武学", "县委书记"]
    assert tbl.rows[26][1:] == ["27", "泸溪县明德幼儿园", "向自芳", "县政协副主席"]  # 附件3 not run into it

    lines = gazette_lines("data/gazettes/002_1905f89bc3b0f95a.txt", 11590, 11710)
    lists, tasks, refs, tbls = parse("luzhengbanfa-2023-5", lines)
    (tbl,) = tbls
    assert tbl.title == "泸溪县打好重点民生保障仗重点任务责任清单（县定实事）"
    assert [t.number for t in tasks] == [str(n) for n in range(1, 9)]
    assert tasks[0].text.startswith("乡镇标准化寄宿制学校建设项目 计划投资800万元")
    assert tasks[5].lead_units == ["县林业局", "县消防救援大队"] and tasks[5].leaders == ["饶碧宇", "向湖南"]
    assert tasks[7].leaders == ["杨俊勇"]  # the next table's caption is not run into the cell


def test_tables_that_cannot_be_rebuilt_are_listed_not_left_as_text():
    """002 附件7's 省定 / 州定 lists nest merged cells (projects over
    indicators): their cells are kept together as a Table in printed order
    with a note, not left to the prose parser as loose lines."""
    lines = gazette_lines("data/gazettes/002_1905f89bc3b0f95a.txt", 10990, 11952)
    lists, tasks, refs, tbls = parse("luzhengbanfa-2023-5", lines)
    dumps = [tb for tb in tbls if tb.header == ["印刷顺序", "单元格"]]
    assert [(tb.source.line_start, tb.source.line_end) for tb in dumps] == [(11011, 11386), (11387, 11596)]
    assert all("could not be matched row by row" in tb.notes[0] for tb in dumps)
    assert dumps[0].rows[0] == ["数字", "1 ｜ 2 ｜ 3 ｜ 4 ｜ 5 ｜ 6"]
    # the 县定 project list between them is rebuilt row by row, and so is the quarterly table
    assert [tb.title for tb in tbls if tb not in dumps] == ["泸溪县打好重点民生保障仗重点任务责任清单（县定实事）",
                                                           "2023年度县人民政府民生实事项目季度目标一览表"]
    assert len(tasks) == 8
    # the 县定 list names the same projects with their plans (交通惠民项目 计划投资2115万元 … 农村公路提质改造):
    # with its words every project name of the quarterly table is placed (see the next test without it)
    quarterly = tbls[-1]
    names = {r[0]: r[1] for r in quarterly.rows}
    assert names == {"1": "乡镇标准化寄宿制学校建设项目", "2": "兴隆场镇中心完全小学建设项目", "3": "交通惠民项目",
                     "4": "新建村组停车场项目", "5": "白羊溪乡地质灾害安置避让工程", "6": "困难残疾人帮扶项目",
                     "7": "民政惠民项目", "8": "消防能力建设项目"}
    assert not any("not placed" in n for n in quarterly.notes)


def test_quarterly_table_rebuilt_one_row_a_quarter():
    """002's 季度目标一览表 (lines 11705–11952): per page the 序号 cells, the
    项目名称 cells (merged, some printed late and out of order), the 时间节点
    cells (一季度 … 四季度, starting again for each project), as many 季度目标
    cells, and one 实施主体 cell a project.  Each quarter is a row; a project's
    name goes where its words meet the project's targets and 实施主体, and
    a name the text does not place is listed in the notes, not guessed."""
    lines = gazette_lines("data/gazettes/002_1905f89bc3b0f95a.txt", 11705, 11952)
    lists, tasks, refs, tbls = parse("luzhengbanfa-2023-5", lines)
    (tb,) = tbls
    assert lists == [] and tasks == []
    assert tb.header == ["序号", "项目名称", "时间节点", "季度目标", "实施主体"]
    assert len(tb.rows) == 31  # 7 projects of 4 quarters and one (5) of 3 on this page
    by = {}
    for r in tb.rows:
        by.setdefault(r[0], []).append(r)
    assert [len(by[k]) for k in sorted(by, key=int)] == [4, 4, 4, 4, 3, 4, 4, 4]
    assert [r[2] for r in by["1"]] == ["一季度", "二季度", "三季度", "四季度"]
    assert by["1"][0][3].startswith("解放岩学校基础施工") and by["1"][0][4] == "县教育局"
    assert by["5"][2][3].startswith("累计完成投资3389.19万元") and by["5"][0][4] == "华瑞公司"
    # names placed by shared words (学校, 停车场; 残疾人, 民政, 消防); printed late (困难残疾人帮扶项目 after
    # the 实施主体 cells) or out of order, they still go to their projects
    assert {k: by[k][0][1] for k in ("1", "4", "6", "7", "8")} == {
        "1": "乡镇标准化寄宿制学校建设项目", "4": "新建村组停车场项目", "6": "困难残疾人帮扶项目",
        "7": "民政惠民项目", "8": "消防能力建设项目"}
    assert by["8"][0][4] == "县林业局 县消防大队"  # "县林业局 / 县消防大 / (blank) / 队"
    # without the 县定 list (these lines alone), three names share no word with any project left: not
    # placed, listed
    assert all(by[k][0][1] == "" for k in ("2", "3", "5"))
    assert any("not placed" in n and "交通惠民项目" in n and "白羊溪乡地质灾害安置避让工程" in n for n in tb.notes)
    # no printed cell is lost: each is in a row, the header or the notes
    kept = "".join(tables.nospace(x) for x in [*tb.header, *tb.notes, *(c for r in tb.rows for c in r)])
    blocks = tables._blocks(lines, 1, len(lines) - 1)
    assert blocks and all(tables.nospace(b.text) in kept for b in blocks if b.text != "队")  # 县消防大 / 队


def test_column_table_without_numbers_matches_golden():
    lines = fixture_lines("luzhengbanfa-2023-5-anquan-page1")
    lists, tasks, refs, tbls = parse("luzhengbanfa-2023-5", lines)
    view = [{"id": t.id, "number": t.number, "text": t.text, "deadline": t.deadline, "leaders": t.leaders,
             "lead_units": t.lead_units, "cooperating_units": t.cooperating_units, "others": t.others,
             "lines": [t.source.line_start, t.source.line_end], "confident": t.confidence == 1.0} for t in tasks]
    assert view == golden("luzhengbanfa-2023-5-anquan-page1")["tasks"]
    (tbl,) = tbls
    assert tbl.header == ["行业领域", "目标任务", "完成时限", "责任领导", "责任单位"]
    assert tbl.rows[0][0] == "高层建筑" and tbl.rows[0][3] == "张远康、杨俊勇"
    assert lists[0].unassigned == []  # the header lines below the columns are no debris


def test_indicator_table_rebuilt_one_row_a_target():
    """002's 省定实事 责任清单 (lines 11011–11386), flattened column by column:
    per page the 序号 cells, some project cells, the 考核指标 cells of two
    levels (those spanning both first), the 单位 cells, as many target cells,
    the 责任单位 cells, then the header and cells printed late (four project
    names, 县政务中心 and 县大数据中心, a second-level cell).  Each target is a
    row; the document's 实施方案 (lines 10763–10861), which states each target
    ("城镇新增就业 2280人"), tells which project each row is of and which cells
    name it.  Checked against a hand reading of the table."""
    lines = fixture_lines("luzhengbanfa-2023-5-shengding")
    doc = make_doc("luzhengbanfa-2023-5", lines)
    lists, tasks, tbls, refs = tasklists.find_tasks(doc, lines)
    validate_all([*lists, *tasks, *tbls])
    (tb,) = tbls
    assert tb.header == ["序号", "项目", "分项", "指标", "单位", "目标", "责任单位", "数据评估认定单位"]
    assert tb.rows == golden("luzhengbanfa-2023-5-shengding")["rows"]
    # two rows no item states (1 个: the plan says 43; "持续改善"): said, their project read from the order
    assert [n for n in tb.notes if "no item states" in n] == [
        "rows 1–16: no item states the target of 个 1: its project is read from the rows around it",
        "rows 17–32: no item states the target of % 在96％基础上持续改善: its project is read from the rows "
        "around it"]
    # placements the text leaves open are said: two unit cells printed late over project 1's rows, a late
    # cell read as the second level of the insurance rows
    assert any(n.startswith("rows 1–16: project 1: its 责任单位 cells are read as one over its rows") for n in tb.notes)
    assert any(n.startswith("rows 17–32: project 重点监测民生项目 1: the cell 启动实施“温暖社保”") for n in tb.notes)
    # no printed cell is lost: each is in a row, the header or the notes, or is a header cell
    kept = "".join(tables.nospace(x) for x in [*tb.header, *tb.notes, *(c for r in tb.rows for c in r)])
    table_lines = [l for l in lines if l.no >= 11012]
    blocks = tables._blocks(table_lines, 0, len(table_lines) - 1)
    head = ("序号", "重点民生实事项目", "考核指标单位工作目标责任单位数据评估", "认定单位")
    assert all(tables.nospace(b.text) in kept for b in blocks if tables.nospace(b.text) not in head)
    # the table is not a task list: its projects are the plan's tasks, which stay as they are
    assert [t.number for t in tasks] == [f"附件7 （一）{k}" for k in range(1, 10)] + ["附件7 （二）1", "附件7 （二）2"]


def test_table_row_tasks_are_checked():
    """A table's row_tasks name a task of its document for every row, or are empty."""
    from gongbao.schema import SchemaError, Table

    src = Source("data/gazettes/x.txt", 1, 2)
    validate_all([Table("d/t1", "d", None, ["a"], [["1"], ["2"]], [], src, ["d/1", ""])])
    validate_all([Table("d/t1", "d", None, ["a"], [["1"], ["2"]], [], src)])
    with pytest.raises(SchemaError, match="for every row"):
        validate_all([Table("d/t1", "d", None, ["a"], [["1"], ["2"]], [], src, ["d/1"])])
    with pytest.raises(SchemaError, match="of the table's document"):
        validate_all([Table("d/t1", "d", None, ["a"], [["1"]], [], src, ["e/1"])])


def test_indicator_table_needs_the_items_that_state_its_targets():
    """Without the 实施方案 the rows' projects cannot be told: the table stays
    a list of its cells in printed order, as before."""
    lines = [l for l in fixture_lines("luzhengbanfa-2023-5-shengding") if l.no >= 11011]
    lists, tasks, refs, tbls = parse("luzhengbanfa-2023-5", lines)
    (tb,) = tbls
    assert tb.header == ["印刷顺序", "单元格"]
    # nor with items that state other targets (the 州定 list's, before the 省定 table)
    other = [l for l in fixture_lines("luzhengbanfa-2023-5-zhouding") if 10862 <= l.no <= 10934]
    lists, tasks, tbls, refs = tasklists.find_tasks(make_doc("luzhengbanfa-2023-5", other + lines), other + lines)
    assert len(tasks) == 15 and [tb.header for tb in tbls] == [["印刷顺序", "单元格"]]


def test_indicator_table_without_measure_column():
    """002's 州定实事 责任清单 (lines 11387–11596) prints no 单位 column: a
    page's rows are the run of narrow figure cells before its unit names ("95%"
    and "120 人（集 中" printed as one cell split, "…公共交流充电" / "桩110个"
    joined); two project names and the units of projects 4–5 are printed at
    the end of the next page and still go to their projects; the column names
    printed among the cells are said to be that.  Checked against a hand
    reading of the table."""
    lines = fixture_lines("luzhengbanfa-2023-5-zhouding")
    doc = make_doc("luzhengbanfa-2023-5", lines)
    lists, tasks, tbls, refs = tasklists.find_tasks(doc, lines)
    validate_all([*lists, *tasks, *tbls])
    (tb,) = tbls
    assert tb.header == ["序号", "项目", "指标", "目标", "责任单位"]
    assert tb.rows == golden("luzhengbanfa-2023-5-zhouding")["rows"]
    assert "rows 1–9: column names printed among the cells: 民生实事; 年度任务; 责任单位" in tb.notes
    assert "rows 1–9: project 1: its name 教育事业发展 is printed among another page's cells and placed by its " \
           "words" in tb.notes
    assert "rows 1–9: projects 4, 5: the 责任单位 cell 县公路建设养护中心 is printed among another page's cells " \
           "and placed by the units the items name" in tb.notes
    assert not any("not placed" in n for n in tb.notes)
    # no printed cell is lost: each is in a row or the notes (序号 heads the rebuilt header)
    kept = "".join(tables.nospace(x) for x in [*tb.header, *tb.notes, *(c for r in tb.rows for c in r)])
    printed = [tables.nospace(l.text) for l in lines if l.no >= 11388 and not l.furniture]
    assert all(x in kept for x in printed)
    # 100% twice and the 美丽湘西 row: no item states them; said
    assert [n for n in tb.notes if "no item states" in n] == [
        "rows 1–9: no item states the target of 100%: its project is read from the rows around it",
        "rows 10–20: no item states the target of 完成2023年湘西州建设美丽湘西工作考核任务; 100%: its project is "
        "read from the rows around it"]


def test_lists_and_quarterly_rows_link_the_plan_items_of_their_projects():
    """附件7's 县定 list (a column list) and its quarterly table name the same
    eight projects as the 实施方案's items （四）1–8: a list row whose project
    cell is an item's heading links it (same_as, both ways), and each quarter
    row names the item of its project (row_tasks): by heading, or by the title
    its name fits best (白羊溪乡地质灾害安置避让工程 → 白羊溪乡地灾安置项目)."""
    lines = gazette_lines("data/gazettes/002_1905f89bc3b0f95a.txt", 2044, 11952)  # the whole document
    doc = make_doc("luzhengbanfa-2023-5", lines)
    lists, tasks, tbls, refs = tasklists.find_tasks(doc, lines, load_fields(ROOT / "data" / "unit_fields.yml"))
    validate_all([*lists, *tasks, *tbls])
    by = {t.id: t for t in tasks}
    county = [t for t in tasks if t.list.endswith("/a7t3")]
    assert len(county) == 8
    for t in county:
        item = by[t.same_as]
        assert item.list.endswith("/a7") and item.path[:2] == ["a7", "4"] and item.same_as == t.id
        assert item.text.split("。")[0] == t.text.split(" ")[0]
    quarterly = next(tb for tb in tbls if tb.id.endswith("/a7t4"))
    names = {r[1]: by[tid].text.split("。")[0] for r, tid in zip(quarterly.rows, quarterly.row_tasks)}
    assert names["白羊溪乡地质灾害安置避让工程"] == "白羊溪乡地灾安置项目"
    assert all(name == item for name, item in names.items() if name != "白羊溪乡地质灾害安置避让工程")
    assert len(names) == 8
