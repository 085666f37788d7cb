"""Split-documents pass: fixtures cut from the five gazettes (first line names
the source file and line range) with hand-checked YAML beside them, the list
of documents of every real gazette, readable-body rejoining, and errors."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from gongbao import documents
from gongbao.documents import split_documents
from gongbao.normalise import Line, normalise
from gongbao.read import InputError, RawGazette, read_all
from gongbao.schema import validate_all

ROOT = Path(__file__).resolve().parents[1]
FIX = Path(__file__).parent / "fixtures" / "documents"

FIXTURES = [
    "taozhengfa-2026-1-head",  # 000: cover + table of contents + head
    "taozhengbanfa-2023-4-head",  # 001: number above a three-line title
    "luban-2023-5-head",  # 002: joint issuers, title above the number, short lines
    "luzhengren-2023-2-body-first",  # 002: body printed before its head
    "xiangyinzhengfa-2024-10-head",  # 003: registration line + table of contents
    "mizhengbanhan-2026-1-head",  # 004: issuer mark, number, title
    "xiangyin-renmian-numbers-blanked",  # 003 任免 notices with their numbers blanked: unnumbered documents
    "lubantong-2023-18-printed-date",  # 002: only the 版记's 印发 date printed (no 成文日期); three cuts
]


def fixture_lines(name: str) -> list[Line]:
    """The fixture's lines, numbered and named as in the original gazette.
    A line "# <file> <first>-<last>" opens each cut (a fixture may hold a few)."""
    text = (FIX / f"{name}.txt").read_text(encoding="utf-8").split("\n")
    if text and text[-1] == "":
        text.pop()
    cuts: list[tuple[str, int, list[str]]] = []
    for t in text:
        m = re.match(r"^# (data/gazettes/\S+) (\d+)-(\d+)$", t)
        if m:
            cuts.append((m.group(1), int(m.group(2)), []))
        else:
            cuts[-1][2].append(t)
    out = []
    for file, start, raw in cuts:
        lines = normalise(RawGazette(file, raw))
        out += [Line(file, start + i, l.raw, l.text, l.furniture) for i, l in enumerate(lines)]
    return out


def golden(name: str):
    return yaml.safe_load((FIX / f"{name}.yml").read_text(encoding="utf-8"))


def doc_view(d) -> dict:
    keys = ("id", "doc_number", "title", "kind", "issuers", "recipients", "date", "registration", "gazette",
            "jurisdiction", "attachments", "cites")
    return {k: getattr(d, k) for k in keys} | {"source": [d.source.file, d.source.line_start, d.source.line_end]}


@pytest.fixture(scope="module")
def gazettes():
    """(file, lines, info, docs) of the five real gazettes."""
    out = []
    for raw in read_all(ROOT / "data" / "gazettes", ROOT):
        lines = normalise(raw)
        info, docs = split_documents(lines, raw.meta)
        out.append((raw.file, lines, info, docs))
    return out


# ------------------------------------------------------------ fixtures: one document head per layout

@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_matches_golden(name):
    info, docs = split_documents(fixture_lines(name), {})
    want = golden(name)
    assert {"title": info.title, "issue": info.issue, "published": info.published,
            "jurisdiction": info.jurisdiction} == want["gazette"]
    assert [doc_view(d) for d in docs] == want["documents"]
    validate_all(docs)


def test_sidecar_meta_wins():
    meta = {"id": "taoyuan-2026-1", "jurisdiction": "桃源县", "issue": "2023年第2期", "published": "2023-05-01"}
    info, docs = split_documents(fixture_lines("taozhengbanfa-2023-4-head"), meta)
    assert info.jurisdiction == "桃源县" and docs[0].jurisdiction == "桃源县"
    assert (info.issue, info.published, info.title) == ("2023年第2期", "2023-05-01", None)
    assert docs[0].gazette == "taoyuan-2026-1"
    assert documents.gazette_id("data/gazettes/000_8671388e478a5bac.txt", {}) == "000-8671388e478a5bac"


def test_table_of_contents_is_not_a_document():
    lines = fixture_lines("xiangyinzhengfa-2024-10-head")
    _, docs = split_documents(lines, {})
    # the table of contents (lines 11-64) prints twelve numbers; only the printed head starts a document
    assert [d.doc_number for d in docs] == ["湘阴政发〔2024〕10号"]
    assert docs[0].source.line_start == 66  # its registration line stands above the title


def test_document_lines_follow_the_source_range():
    lines = fixture_lines("luzhengren-2023-2-body-first")
    _, docs = split_documents(lines, {})
    got = documents.document_lines(lines, docs[0])
    assert got[0].no == 13687 and got[-1].no == 13704
    assert got[0].text.startswith("各乡镇人民政府")


# ------------------------------------------------------------ the five real gazettes

def test_whole_files_match_hand_checked_list(gazettes):
    want = golden("whole-files")
    assert [g[0] for g in gazettes] == list(want)
    for file, _, info, docs in gazettes:
        w = want[file]
        assert {"title": info.title, "issue": info.issue, "published": info.published,
                "jurisdiction": info.jurisdiction} == w["gazette"], file
        assert [(d.doc_number, d.date) for d in docs] == [(x["doc_number"], x["date"]) for x in w["documents"]]
        got = [{"doc_number": d.doc_number, "date": d.date, "title": d.title, "issuers": d.issuers,
                "registration": d.registration, "lines": [d.source.line_start, d.source.line_end],
                "attachments": d.attachments} for d in docs]
        assert got == w["documents"], file
        validate_all(docs)


def test_documents_do_not_overlap_and_bodies_stay_inside(gazettes):
    for file, lines, _, docs in gazettes:
        last = 0
        for d in docs:
            assert d.source.line_start > last, d.id
            last = d.source.line_end
            prev = d.source.line_start - 1
            for b in d.body:
                assert prev < b.line_start <= b.line_end <= d.source.line_end, (d.id, b)
                prev = b.line_end
            # the document head (title, 发文字号, registration) is the record's own fields, not body text
            head = {d.title, d.doc_number, d.registration}
            assert not [b for b in d.body if documents.squash(b.text) in head], d.id
            if d.recipients:
                assert documents.squash(d.body[0].text).rstrip("：:") == d.recipients, d.id


def test_cited_numbers_are_not_document_starts(gazettes):
    by_file = {f: docs for f, _, _, docs in gazettes}
    lx = {d.doc_number: d for d in by_file["data/gazettes/002_1905f89bc3b0f95a.txt"]}
    assert lx["泸办〔2023〕6号"].cites == ["州办〔2023〕4号"]
    assert lx["泸政办发〔2023〕5号"].cites[:2] == ["国办发〔2023〕32号", "湘政办发〔2023〕50号"]
    assert lx["泸政办函〔2023〕33号"].cites == ["州政办函〔2023〕21号", "银保监发〔2022〕4号"]  # split over two lines
    xy = {d.doc_number: d for d in by_file["data/gazettes/003_28a2e0525c42d5f9.txt"]}
    assert len(xy["湘阴政发〔2024〕10号"].cites) > 80  # the lists of repealed / valid documents
    assert "湘阴政发〔2024〕10号" not in xy["湘阴政发〔2024〕10号"].cites


def test_whole_002_splits(gazettes):
    # how fast is measured by bench/bench_build.py (speed is not asserted in timed tests)
    raw = RawGazette("data/gazettes/002_1905f89bc3b0f95a.txt",
                     (ROOT / "data/gazettes/002_1905f89bc3b0f95a.txt").read_text(encoding="utf-8").split("\n"))
    _, docs = split_documents(normalise(raw), {})
    assert [d.id for d in docs] == [d.id for f, _, _, ds in gazettes if f == raw.file for d in ds]
    assert len(docs) > 1


# ------------------------------------------------------------ readable body

def blocks_by_start(doc):
    return {b.line_start: b for b in doc.body}


def test_body_rejoins_short_two_column_lines():
    _, docs = split_documents(fixture_lines("luban-2023-5-head"), {})
    b = blocks_by_start(docs[0])
    assert b[15].text == "中共泸溪县委办公室" and b[19].text == "2023年5月8日"
    assert (b[21].text, b[21].line_end) == ("泸溪县第二轮创建全国民族团结进步示范县实施方案", 22)
    intro = b[24]
    assert intro.line_end == 36 and intro.kind == "para"
    assert intro.text.startswith("为深入学习贯彻党的二十大精神，全面贯彻落实习近平总书记关于加强和改进民族工作的重")
    assert intro.text.endswith("（民委发〔2023〕20号）精神，结合县情实际，特制定本实施方案。")
    # a paragraph broken inside its attribution bracket stays one paragraph
    assert (b[108].line_end, b[108].text[-11:]) == (122, "县文旅广电局、各乡镇）")


def test_body_starts_after_the_document_head():
    # issuer lines + title (1-5) and 发文字号 (7) are the record's fields; the body opens with the 主送机关
    _, docs = split_documents(fixture_lines("luban-2023-5-head"), {})
    assert [(b.line_start, b.text) for b in docs[0].body[:2]] == [
        (9, "各乡镇党委、乡镇人民政府，县直机关各单位："),
        (11, "《泸溪县第二轮创建全国民族团结进步示范县实施方案》已经县委、县人民政府研究同意，现印发给你们，"
             "请结合实际认真抓好贯彻落实。")]
    # registration line (66), title (68) and number (70) above the 主送机关 (72)
    _, docs = split_documents(fixture_lines("xiangyinzhengfa-2024-10-head"), {})
    assert docs[0].body[0].line_start == 72
    # issuer mark (3), number (5), title (7)
    _, docs = split_documents(fixture_lines("mizhengbanhan-2026-1-head"), {})
    assert docs[0].body[0].line_start == 9
    # a head printed after its body (13701-13704): the body ends with the 成文日期
    _, docs = split_documents(fixture_lines("luzhengren-2023-2-body-first"), {})
    assert [(b.line_start, b.text) for b in docs[0].body[-2:]] == [(13698, "泸溪县人民政府"), (13699, "2023年4月23日")]


BODY_FIXTURES = [
    "luban-2023-5-steps",  # 002: a numbered heading as wide as the column, the paragraph below not glued to it
    "luzhengbanfa-2023-5-numeral-cut",  # 002: 多测合 | 一、分阶段…: a numeral the column cut off, no item
    "xiangyinzhengbanfa-2024-23-response",  # 003: 5.2 Ⅲ级响应措施 headings; a sentence broken into short lines
    "taozhengbanfa-2023-4-livelihood",  # 001: a heading whose sibling is a run-in, sub-items under it
    "luzhengbanfa-2023-5-attribution",  # 002: （…牵头，…负责） lines close the paragraph above
    "luban-2023-members",  # 002: member lists (组长：彭武学 县委书记), one member a block
    "lubantong-2023-24-open-bracket",  # 002: （牵头单位： at a line end inside an open bracket ends no sentence
    "luzhengbanhan-2023-24-last-line",  # 002: a document's short last line closes its paragraph
    "luzhengbanhan-2023-24-run-in",  # 002: a run-in heading cut at its 。 by the column is no heading
]


@pytest.mark.parametrize("name", BODY_FIXTURES)
def test_body_blocks_match_golden(name):
    want = golden(name)
    vis = [l for l in fixture_lines(name) if l.text.strip() and not l.furniture]
    got = [[b.kind, b.level, b.line_start, b.line_end, b.text] for b in documents.body_blocks(vis, col=want["col"])]
    assert got == want["blocks"]


def test_body_heading_levels():
    _, docs = split_documents(fixture_lines("luban-2023-5-head"), {})
    heads = [(b.line_start, b.level, b.text) for b in docs[0].body if b.kind == "heading"]
    assert heads[:5] == [(38, 1, "一、目标任务"), (60, 1, "二、创建范围"), (66, 1, "三、创建标准"),
                         (73, 1, "四、创建任务"), (75, 2, "（一）加强和完善党对民族工作的全面领导。")]
    assert documents.numbered_level("（一）工作目标") == 2
    assert documents.numbered_level("1.宣传发动") == 3
    assert documents.numbered_level("3、加强领导") == 3
    assert documents.numbered_level("（1）加强领导") == 4
    assert documents.numbered_level("1.1 编制目的") == 4
    assert documents.numbered_level("1.5%以上的增长") == 0
    assert documents.numbered_level("7.4万元；康复救助残疾儿童92人") == 0  # a quantity
    assert documents.numbered_level("5.2 Ⅲ级响应措施") == documents.numbered_level("5.3 II 级响应措施") == 4
    assert documents.numbered_level("2023年5月") == 0


def test_body_attachment_headings(gazettes):
    doc = next(d for f, _, _, docs in gazettes for d in docs if d.doc_number == "桃政办发〔2023〕4号")
    labels = [(b.line_start, b.text) for b in doc.body if b.kind == "heading" and b.text.startswith("附件")]
    assert labels[0] == (86, "附件1 桃江县打好经济增长主动仗工作方案")
    assert len(labels) == 6
    # the items listed after 附件： are paragraphs, not headings
    items = [b for b in doc.body if 79 <= b.line_start <= 84]
    assert [b.kind for b in items] == ["para"] * 6


def test_body_of_whole_paragraph_text():
    _, docs = split_documents(fixture_lines("taozhengfa-2026-1-head"), {})
    b = blocks_by_start(docs[0])
    assert b[47].line_end == 49  # a paragraph broken at a page end
    assert b[47].text.endswith("力争进入全省县域经济高质量发展先进县行列（责任单位：各部门单位）。")
    assert (b[53].kind, b[53].level, b[53].text) == ("heading", 1, "一、着力抓工业、兴园区")


# ------------------------------------------------------------ helpers

def test_cited_number_prefix_is_cut_at_the_issuing_body():
    assert documents.cited_numbers("落实国办发〔2023〕32号文件部署") == ["国办发〔2023〕32号"]
    assert documents.cited_numbers("《关于修改湘阴政办发〔2023〕2号文件相关内容的决定》") == ["湘阴政办发〔2023〕2号"]
    assert documents.cited_numbers("的通知》（州政办函〔2023〕 21 号)精神") == ["州政办函〔2023〕21号"]


def test_dates_and_jurisdictions():
    assert documents.parse_date("2024 年 12 月 10 日") == "2024-12-10"
    assert documents.parse_date("二〇二三年五月八日") == "2023-05-08"
    assert documents.parse_date("2023年4月24日印发") == "2023-04-24"
    assert documents.parse_date("2023年4月24日前完成") is None
    assert documents.jurisdiction_of("中共泸溪县委办公室") == "泸溪县"
    assert documents.jurisdiction_of("汨罗市人民政府办公室") == "汨罗市"


# ------------------------------------------------------------ errors

def test_text_without_documents_is_an_error():
    # the cover and table of contents of 003 print numbers, but no document head
    lines = [l for l in fixture_lines("xiangyinzhengfa-2024-10-head") if l.no <= 64]
    with pytest.raises(InputError, match="no document text"):
        split_documents(lines, {})
    with pytest.raises(InputError, match="no document text"):
        split_documents([Line("x.txt", 1, "", "")], {})


def test_two_documents_with_one_number_is_an_error():
    once = fixture_lines("mizhengbanhan-2026-1-head")
    n = len(once)
    twice = once + [Line(l.file, l.no + n, l.raw, l.text, l.furniture) for l in once]
    with pytest.raises(InputError) as e:
        split_documents(twice, {})
    assert "汨政办函〔2026〕1号" in str(e.value)
    assert "lines 5 and 39" in str(e.value)


def test_numbered_item_broken_at_a_page_end_is_not_a_heading(gazettes):
    doc = next(d for f, _, _, docs in gazettes for d in docs if d.doc_number == "湘阴政办发〔2024〕21号")
    b = blocks_by_start(doc)
    # "(4) 对县残疾人联合会认定的一、二级持证" | "残疾人参加城乡居民医保个人缴费部分 ..." -- its siblings are sentences
    assert (b[552].kind, b[552].line_end) == ("para", 554)
    assert (b[536].kind, b[536].level, b[536].text) == ("heading", 2, "（一）明确参保政策")


def test_attachment_title_is_not_joined_to_the_text_below(gazettes):
    doc = next(d for f, _, _, docs in gazettes for d in docs if d.doc_number == "泸政办发〔2023〕5号")
    b = blocks_by_start(doc)
    # "附件3" | "泸溪县打好科技创新攻坚仗工作实施方案" (a full-width line) | "为贯彻全省、全州 ..."
    assert (b[3693].kind, b[3693].level, b[3693].line_end) == ("heading", 1, 3694)
    assert b[3693].text == "附件3 泸溪县打好科技创新攻坚仗工作实施方案"
    assert b[3696].text.startswith("为贯彻全省、全州打好科技创新攻坚仗部署要求")


def test_plan_title_after_the_date_is_one_block(gazettes):
    doc = next(d for f, _, _, docs in gazettes for d in docs if d.doc_number == "泸办通〔2023〕24号")
    b = blocks_by_start(doc)
    # "泸溪县交通问题顽瘴痼疾系统整治" | "三年行动方案（2023—2025）" under the 成文日期 2023年5月12日
    assert (b[1351].line_end, b[1351].text) == (1352, "泸溪县交通问题顽瘴痼疾系统整治三年行动方案（2023—2025）")
    assert b[1354].text.startswith("为认真贯彻落实党的二十大精神")


def test_contents_printed_without_brackets_is_not_a_document():
    # 003's table of contents with its "（湘阴政发〔2024〕10号 XYDR-2024-00003）.....3" entries printed bare
    lines = []
    for l in fixture_lines("xiangyinzhengfa-2024-10-head"):
        if l.no < 66 and "〔2024〕" in l.text:
            bare = re.sub(r"^（|\s*XYDR-\S+|）?(?:\.+|\t)\d+$", "", l.text.strip())
            l = Line(l.file, l.no, bare, bare)
        lines.append(l)
    assert "湘阴政发〔2024〕10号" in [l.text for l in lines if l.no == 17]
    _, docs = split_documents(lines, {})
    assert [(d.doc_number, d.source.line_start) for d in docs] == [("湘阴政发〔2024〕10号", 66)]


def test_circled_items_and_level_four_headings(gazettes):
    doc = next(d for f, _, _, docs in gazettes for d in docs if d.doc_number == "湘阴政办发〔2024〕23号")
    b = blocks_by_start(doc)
    assert (b[952].kind, b[952].level, b[952].text) == ("heading", 4, "（4）强制性污染减排措施")
    assert b[954].kind == "para" and b[954].text.startswith("①纳入应急减排项目清单的工业企业")
    assert (b[774].level, b[776].level, b[776].text) == (3, 4, "1.1 编制目的")
