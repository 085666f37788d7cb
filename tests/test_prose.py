"""The prose task-list parser on real gazette text.

Fixtures in tests/fixtures/prose/ are cut from the gazettes; each chunk opens
with a line ``# <gazette file> <first>-<last>`` so line numbers stay the
source's.  Beside each fixture a YAML golden file holds the expected lists and
tasks, checked by hand against the text (regenerate a draft with
``python tests/fixtures/prose/make_golden.py`` and check it again).
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from gongbao import grammar, prose
from gongbao.normalise import Line, is_furniture, normalise, restore_printed
from gongbao.read import RawGazette, read_gazette
from gongbao.schema import Document, Source, to_dict, validate

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "prose"
FIXTURE_DOCS = {
    "taozhengfa-2026-1-targets-items": "taozhengfa-2026-1",
    "taozhengbanfa-2023-4-a4": "taozhengbanfa-2023-4",
    "taozhengbanfa-2023-4-a5": "taozhengbanfa-2023-4",
    "luzhengbanfa-2023-5-a4": "luzhengbanfa-2023-5",
    "luzhengbanfa-2023-5-a7": "luzhengbanfa-2023-5",
    "luban-2023-5-tasks": "luban-2023-5",
    "lubantong-2023-24-tasks": "lubantong-2023-24",
}


def load_fixture(path: Path) -> list[Line]:
    """The fixture's lines, normalised, numbered as in the gazette.  A cut
    holds a running head once, so furniture is flagged as if it recurred."""
    out: list[Line] = []
    chunk: list[str] = []
    head = None

    def flush() -> None:
        if head is None:
            return
        file, rng = head
        start = int(rng.split("-")[0])
        out.extend(replace(l, no=l.no + start - 1, furniture=is_furniture(l.text, 3))
                   for l in normalise(RawGazette(file, chunk, {})))

    for raw in path.read_text(encoding="utf-8").split("\n")[:-1]:
        if raw.startswith("# data/gazettes/"):
            flush()
            file, rng = raw[2:].rsplit(" ", 1)
            head, chunk = (file, rng), []
        else:
            chunk.append(raw)
    flush()
    return out


def make_doc(doc_id: str, lines: list[Line]) -> Document:
    return Document(id=doc_id, doc_number=None, title="", kind=None, issuers=[], recipients=None, date=None,
                    registration=None, gazette="g", jurisdiction="", attachments=[], cites=[], body=[],
                    source=Source(lines[0].file, lines[0].no, lines[-1].no))


def run_fixture(name: str) -> dict:
    lines = load_fixture(FIXTURES / f"{name}.txt")
    lists, tasks = prose.parse_prose(make_doc(FIXTURE_DOCS[name], lines), lines)
    restore_printed(lines, [*lists, *tasks])  # as the pipeline does: the text as printed
    for r in [*lists, *tasks]:
        validate(r)
    return {"lists": [to_dict(l) for l in lists], "tasks": [to_dict(t) for t in tasks]}


@pytest.mark.parametrize("name", sorted(n for n in FIXTURE_DOCS if (FIXTURES / f"{n}.yml").exists()))
def test_fixture_matches_golden(name):
    got = run_fixture(name)
    want = yaml.safe_load((FIXTURES / f"{name}.yml").read_text(encoding="utf-8"))
    assert [l["id"] for l in got["lists"]] == [l["id"] for l in want["lists"]]
    assert [t["id"] for t in got["tasks"]] == [t["id"] for t in want["tasks"]]
    for g, w in zip(got["tasks"], want["tasks"]):
        assert g == w, g["id"]
    assert got["lists"] == want["lists"]


# --- attribution phrases (all printed in the gazettes) -------------------------

@pytest.mark.parametrize("phrase, first_leads, lead, coop, others", [
    ("（责任单位：桃源高新区、县工信局及其他相关部门单位）", True,
     ["桃源高新区"], ["县工信局"], ["其他相关部门单位"]),
    ("(责任单位:县交通运输局、县水利局、夷望溪镇人民政府)", True,
     ["县交通运输局"], ["县水利局", "夷望溪镇人民政府"], []),
    ("（责任单位：县委办、县政府办和各部门单位）", True, ["县委办"], ["县政府办"], ["各部门单位"]),
    ("（责任单位：县林业局、县农业农村局、市生环局桃源分局及相关自然保护地管理局〈处〉）", True,
     ["县林业局"], ["县农业农村局", "市生环局桃源分局"], ["相关自然保护地管理局〈处〉"]),
    ("（责任单位：各部门单位）", True, [], [], ["各部门单位"]),
    # a lone 责任单位 list under no lead rule: no lead (the units answer for the task: Roles.resp)
    ("（责任单位：县委政法委、县人大监司委、县公安局、县司法局）", False, [], [], []),
    ("（县商务局牵头，县财政局、县住建局、县文旅广体局、县税务局等分工负责）", False,
     ["县商务局"], ["县财政局", "县住建局", "县文旅广体局", "县税务局"], ["等"]),
    ("（县财政局、县财源办牵头，桃江经开区、灰山港产业开发区、县城投集团、县税务局等分工负责）", False,
     ["县财政局", "县财源办"], ["桃江经开区", "灰山港产业开发区", "县城投集团", "县税务局"], ["等"]),
    ("（县科工局牵头、桃江经开区等分工负责）", False, ["县科工局"], ["桃江经开区"], ["等"]),
    ("（县人社局、县财政局牵头）", False, ["县人社局", "县财政局"], [], []),
    # A负责 alone: in charge, not marked as leading (it leads where others cooperate: A负责，B配合)
    ("（县金融办负责）", False, [], [], []),
    ("（县住建局负责，县财政局配合）", False, ["县住建局"], ["县财政局"], []),
    ("（县发改局牵头，县重点项目建设事务中心和各立项争资责任单位分工负责）", False,
     ["县发改局"], ["县重点项目建设事务中心"], ["各立项争资责任单位"]),
    ("（县竹产业发展服务中心牵头，全县各级各部门分工负责）", False, ["县竹产业发展服务中心"], [], ["全县各级各部门"]),
    ("（县乡村振兴局牵头，各示范区专班、指挥部及全县各级各部门分工负责）", False,
     ["县乡村振兴局"], [], ["各示范区专班", "指挥部", "全县各级各部门"]),
    ("（各乡镇人民政府、各监管执法责任单位等分工负责）", False, [], [], ["各乡镇人民政府", "各监管执法责任单位", "等"]),
    # units that only 分工负责: no lead
    ("（县自然资源局、县林业局等分工负责）", False, [], [], ["等"]),
    ("（县人社局牵头，县税务局参与）", False, ["县人社局"], ["县税务局"], []),
    ("（牵头单位：县整治办、县道安办；责任单位：各乡镇人民政府、各成员单位）", False,
     ["县整治办", "县道安办"], [], ["各乡镇人民政府", "各成员单位"]),
    ("（牵头单位：县政府办（行政审批局）；责任单位：县大数据中心、县直有关单位）", False,
     ["县政府办（行政审批局）"], ["县大数据中心"], ["县直有关单位"]),
    ("(县商务局牵头，各部门按职责分工负责)", False, ["县商务局"], [], ["各部门"]),
    # 泸溪 002 lines 10581-10587 (a table cell): units marked （牵头） lead
    ("县交警大队（牵头）、县交通运输局（牵头）、县财政局、县科工信局、县教体局、县住建局、县农业农村局、"
     "县应急管理局、县市场监督管理局、各乡镇", False, ["县交警大队", "县交通运输局"],
     ["县财政局", "县科工信局", "县教体局", "县住建局", "县农业农村局", "县应急管理局", "县市场监督管理局"], ["各乡镇"]),
    # 湘阴 (003 line 682): 街道 printed bare continues 各乡镇
    ("（牵头单位：县交警大队；责任单位：县交通局、县教育局、县公路建设和养护中心，各乡镇、街道）", False,
     ["县交警大队"], ["县交通局", "县教育局", "县公路建设和养护中心"], ["各乡镇、街道"]),
])
def test_parse_attribution(phrase, first_leads, lead, coop, others):
    got = grammar.parse_attribution(phrase, "first" if first_leads else None)
    assert (got.lead, got.coop, got.others) == (lead, coop, others)
    # every unit named has one role
    named = [n for n in grammar.names_in_phrase(phrase) if not grammar.is_generic(n)]
    assert sorted(got.lead + got.coop + got.resp) == sorted(dict.fromkeys(named))


def test_attribution_with_lead_known_cooperates():
    # 附件4: （一）防范化解政府债务风险（县财政局牵头） above
    # 1. …（县发改局、县财政局等相关行业管理部门分工负责）
    got = grammar.parse_attribution("（县发改局、县财政局等相关行业管理部门分工负责）", lead_known=True)
    assert (got.lead, got.coop, got.others) == ([], ["县发改局", "县财政局"], ["相关行业管理部门"])


@pytest.mark.parametrize("text, yes", [
    ("责任单位：县发改局", True),
    ("县商务局牵头，各部门按职责分工负责", True),
    ("县金融办负责", True),
    ("县交警大队（牵头）、县交通运输局（牵头）、县财政局、各乡镇", True),
    ("以省市最终下达目标任务为准", False),
    ("含私家桩", False),
    ("2023年 1月—2月", False),
    ("县校车办监管责任、乡镇校车办属地责任、校车公司主体责任、乘车学生自身安全防护责任", False),
])
def test_is_attribution(text, yes):
    assert grammar.is_attribution(text) is yes


# --- the whole of 桃政发〔2026〕1号 ------------------------------------------------

@pytest.fixture(scope="module")
def taoyuan():
    raw = read_gazette(ROOT / "data" / "gazettes" / "000_8671388e478a5bac.txt", ROOT)
    lines = [l for l in normalise(raw) if l.no >= 31]  # the document, after the table of contents
    lists, tasks = prose.parse_prose(make_doc("taozhengfa-2026-1", lines), lines)
    return lists, {t.id.split("/")[1]: t for t in tasks}


def test_taoyuan_counts(taoyuan):
    lists, tasks = taoyuan
    assert [(l.id, l.task_count) for l in lists] == [("taozhengfa-2026-1/targets", 9), ("taozhengfa-2026-1/tasks", 173)]
    assert sorted(tasks) == sorted([f"m{i}" for i in range(1, 10)] + [str(i) for i in range(1, 174)])
    assert all(l.unassigned == [] for l in lists)
    assert lists[1].source.line_start == 53 and lists[1].source.line_end == 449
    for t in tasks.values():
        validate(t)
        assert "责任单位" not in t.text and "上述责任分解" not in t.text
        assert t.confidence == 1.0


# (task, lead units, cooperating units, others, first line, last line) checked by hand
TAOYUAN_HAND = [
    ("m2", ["县工信局"], ["桃源高新区"], [], 47, 47),
    ("m9", [], [], ["各部门单位"], 47, 49),
    ("2", ["桃源高新区"], ["县工信局"], ["其他相关部门单位"], 57, 59),
    ("9", ["桃源高新区"], ["县商务局", "县招商事务中心"], ["其他相关部门单位"], 75, 77),
    ("11", ["县国资事务中心"], ["县城投公司", "县经投公司", "县惠民担保公司", "县水电工程公司", "城乡供水公司",
                           "县规划设计院公司", "常德源坤建设公司"], [], 81, 81),
    ("84", ["县交通运输局"], ["县市场监管局", "县经投公司"], [], 245, 247),
    ("97", ["县林业局"], ["县农业农村局", "市生环局桃源分局"], ["相关自然保护地管理局〈处〉"], 277, 277),
    ("125", ["县教育局"], ["县公安局"], ["其他相关部门单位"], 335, 337),
    ("151", ["县信访局"], [], ["其他相关部门单位"], 395, 397),
    ("155", ["县委组织部"], [], ["其他部门单位"], 407, 407),
    ("159", ["县司法局"], [], ["其他相关部门单位"], 417, 419),
    ("162", [], [], ["各政府部门"], 425, 425),
    ("169", ["县委办"], ["县政府办"], ["各部门单位"], 439, 441),
    ("172", ["县财政局"], [], ["各部门单位"], 447, 447),
]


@pytest.mark.parametrize("key, lead, coop, others, first, last", TAOYUAN_HAND)
def test_taoyuan_hand_checked(taoyuan, key, lead, coop, others, first, last):
    t = taoyuan[1][key]
    assert (t.lead_units, t.cooperating_units, t.others) == (lead, coop, others)
    assert [u for u in t.units if u not in t.others] == lead + coop
    assert t.generic is bool(others)
    assert (t.source.line_start, t.source.line_end) == (first, last)


def test_taoyuan_texts_rejoined(taoyuan):
    tasks = taoyuan[1]
    assert tasks["3"].text == "加快低效用地清理和闲置厂房盘活，新建标准化厂房 10 万平方米以上，运动鞋服、人机交互智能显示标厂如期建成。"
    assert tasks["159"].text == "全面推进严格规范公正文明执法。"
    assert tasks["m9"].text == "力争进入全省县域经济高质量发展先进县行列"
    assert tasks["m1"].text == "地区生产总值增长5%以上"
    assert tasks["12"].section == ["一、着力抓工业、兴园区"]
    assert tasks["12"].number == "12"


def test_list_title_of_an_issued_plan():
    """A notice that issues a plan (关于印发《X》的通知) titles its list X."""
    lines = load_fixture(FIXTURES / "lubantong-2023-24-tasks.txt")
    doc = replace(make_doc("lubantong-2023-24", lines), title=(
        "中共泸溪县委办公室泸溪县人民政府办公室关于印发《泸溪县交通问题顽瘴痼疾系统整治三年行动方案（2023—2025）》的通知"))
    lists, _ = prose.parse_prose(doc, lines)
    assert [l.title for l in lists] == ["泸溪县交通问题顽瘴痼疾系统整治三年行动方案（2023—2025）"]


def test_displaced_attachment_header_and_page_debris():
    """泸溪: the PDF put '附件4 / title' inside item 7 at a page break, and '·· 37'
    plus a running head inside item 25; a wrapped line starts with '一、'."""
    got = run_fixture("luzhengbanfa-2023-5-a4")
    tasks = {t["id"].split("/")[1]: t for t in got["tasks"]}
    assert [k for k in tasks if k.startswith("a4-")] == [f"a4-{n}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 25)]
    assert "附件" not in tasks["a4-7"]["text"] and "泸溪县打好" not in tasks["a4-7"]["text"]
    assert (tasks["a4-7"]["source"]["line_start"], tasks["a4-7"]["source"]["line_end"]) == (4603, 4618)
    assert "公报" not in tasks["a4-25"]["text"] and "37" not in tasks["a4-25"]["text"]
    assert tasks["a4-25"]["cooperating_units"] == ["县市场监督管理局", "县优化营商环境专班"]
    assert "多测合一、分阶段施工许可" in tasks["a4-4"]["text"]
    assert all(l["unassigned"] == [] for l in got["lists"])


# --- the whole of 桃政办发〔2023〕4号 (six attachments) ----------------------------------

def test_taojiang_whole_document():
    raw = read_gazette(ROOT / "data" / "gazettes" / "001_86605990fc822f75.txt", ROOT)
    lines = normalise(raw)
    lists, tasks = prose.parse_prose(make_doc("taozhengbanfa-2023-4", lines), lines)
    assert [(l.id.split("/")[1], l.task_count) for l in lists] == [
        ("a1", 26), ("a2", 11), ("a3", 22), ("a4", 37), ("a5", 25), ("a6", 12)]
    assert all(l.unassigned == [] for l in lists)
    by = {t.id.split("/")[1]: t for t in tasks}
    assert len(by) == len(tasks) == 133
    # the main text's 三、重点任务 paragraphs carry no attribution: no tasks there
    assert all(t.source.line_start > 86 for t in tasks)
    t = by["a1-5-3"]  # （县乡村振兴局牵头，各示范区专班、指挥部及全县各级各部门分工负责）
    assert (t.lead_units, t.cooperating_units, t.others) == (["县乡村振兴局"], [], ["各示范区专班", "指挥部", "全县各级各部门"])
    t = by["a6-1-9"]  # six sub-projects, each with its own （X牵头）
    assert t.lead_units == ["县交通运输局", "县公路建设养护中心", "国网桃江县供电公司", "县科工局", "县水利局", "市生环局桃江分局"]
    assert "牵头" not in t.text and t.confidence < 1.0
    t = by["a5-2-6"]  # an unnumbered paragraph with its own attribution follows item 6
    assert (t.source.line_start, t.source.line_end) == (504, 506) and t.text.endswith("强化打非治违整治力度。")
    assert by["a5-3-1"].lead_units == [] and by["a5-3-1"].note == "no attribution printed"
    assert by["a1-1-1"].number == "附件1 （一）1" and by["a4-7"].number == "附件4 7"


# --- 泸溪 泸政办发〔2023〕5号: the prose lists of 附件2–7 (附件1 is a roster; the
# column tables of 附件2–4 belong to the table parser and print no attribution
# brackets, so the prose parser finds nothing in them) ------------------------

@pytest.fixture(scope="module")
def luxi():
    raw = read_gazette(ROOT / "data" / "gazettes" / "002_1905f89bc3b0f95a.txt", ROOT)
    lines = [l for l in normalise(raw) if 2044 <= l.no <= 11952]  # the document
    lists, tasks = prose.parse_prose(make_doc("luzhengbanfa-2023-5", lines), lines)
    return lists, {t.id.split("/")[1]: t for t in tasks}


def test_luxi_lists(luxi):
    lists, tasks = luxi
    assert [(l.id.split("/")[1], l.task_count) for l in lists] == [
        ("a2", 26), ("a3", 14), ("a4", 33), ("a5", 38), ("a6", 23), ("a7", 34)]
    assert all(l.unassigned == [] for l in lists)
    assert [l.title for l in lists][-1] == "泸溪县打好重点民生保障仗实施方案"
    for t in tasks.values():
        validate(t)
        # no displaced attachment header, running head or page number in a text
        assert "附件" not in t.text and "公报" not in t.text and "··" not in t.text, t.id
        # every heading of the section path is whole (a wrapped heading is rejoined)
        assert all(prose._open_brackets(s) == 0 for s in t.section), t.id


# (task, lead units, cooperating units, others, first line, last line) checked by hand
LUXI_HAND = [
    ("a2-2-5", ["县发改局", "县住建局", "人民银行泸溪县支行"], [], ["等"], 2734, 2741),  # 等按职责分工牵头
    ("a2-6-3", ["县自然资源局"], ["县林业局"], ["等"], 3019, 3043),  # 县自然资源局牵头，县林业局等负责
    ("a4-13", ["县政府金融办", "人民银行泸溪支行"], ["县科技工信局", "县农业农村局"], [], 4680, 4694),
    # '附件5 / title' displaced into the attribution by a page break
    ("a5-8", ["县委宣传部", "县公安局", "县政府金融办", "县信访局"], [],
     ["县打击和处置非法集资工作领导小组各成员单位"], 8799, 8819),
    ("a5-26", ["县卫健局", "县教体局"], [], [], 9114, 9130),  # 牵头按职责分工负责
    ("a6-2-7", ["县交通运输局", "县交警大队"], ["县财政局", "县科工信局", "县教体局", "县农业农村局", "县住建局",
                                     "县市场监督管理局", "县应急管理局"], ["各乡镇", "等"], 10035, 10053),  # 分别牵头
    ("a6-2-15", [], [], ["各行业主管部门"], 10161, 10166),  # 依职责分工负责
    ("a7-3-12", ["县美丽办", "县科技工信局"], ["县通管办"], [], 10912, 10915),  # two 牵头单位 clauses
]


@pytest.mark.parametrize("key, lead, coop, others, first, last", LUXI_HAND)
def test_luxi_hand_checked(luxi, key, lead, coop, others, first, last):
    t = luxi[1][key]
    assert (t.lead_units, t.cooperating_units, t.others) == (lead, coop, others)
    assert (t.source.line_start, t.source.line_end) == (first, last)


def test_luxi_sections(luxi):
    tasks = luxi[1]
    assert tasks["a4-1"].section == ["附件4 泸溪县打好优化发展环境持久仗实施方案", "二、工作任务",
                                     "（一）实施办事效率提升行动，打造一流政务服务环境"]
    assert tasks["a7-2-1"].section[-1] == "（二）2023 年省定重点监测民生项目（我县涉及两大项目）"
    assert "附件" not in tasks["a5-8"].text and tasks["a5-8"].text.endswith("。")
