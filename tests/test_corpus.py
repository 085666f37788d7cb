"""Real texts from other provinces (tests/fixtures/corpus, copied from the development corpus with
their hand-checked YAML): each builds as a gazette added the README's way, and its document fields
and tasks come out as its YAML says -- scored the way ``shared/corpus/score.py`` scores them."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from gongbao import grammar
from gongbao.pipeline import Paths, parse

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
TEXTS = sorted(p.stem for p in CORPUS.glob("*.txt"))
WS = re.compile(r"[\s\u3000\u200b]+")
FOLD = str.maketrans("（）：；，〔〕", "():;,[]")


def norm(s) -> str:
    return WS.sub("", "" if s is None else str(s)).translate(FOLD)


def names(xs) -> list[str]:
    return [p for x in xs or [] for p in re.split(r"[、,]", norm(x)) if p]


def build_one(tmp: Path, stem: str, gold: dict):
    """The text as a new gazette beside nothing else, with the sidecar score.py writes."""
    gdir = tmp / "data" / "gazettes"
    gdir.mkdir(parents=True)
    shutil.copy(CORPUS / f"{stem}.txt", gdir / f"9{stem}.txt")
    place = gold.get("place") or ""
    jur = re.split(r"省|自治区|市(?!$)", place)[-1] or place
    (gdir / f"9{stem}.yml").write_text(yaml.safe_dump({"jurisdiction": jur}, allow_unicode=True), encoding="utf-8")
    return parse(Paths(tmp)).records


@pytest.mark.parametrize("stem", TEXTS)
def test_corpus_text(tmp_path, stem):
    gold = yaml.safe_load((CORPUS / f"{stem}.yaml").read_text(encoding="utf-8"))
    recs = build_one(tmp_path, stem, gold)
    assert len(recs.documents) >= 1
    doc = recs.documents[0]
    # what the text prints, read; nothing invented
    for key, got in (("doc_number", doc.doc_number), ("date", doc.date)):
        assert norm(got) == norm(gold.get(key)), (key, got)
    if gold.get("title"):
        assert norm(doc.title) == norm(gold["title"])
    gold_tasks = gold.get("tasks") or []
    if not gold_tasks:
        assert recs.tasks == [], [t.text[:20] for t in recs.tasks]
        return
    complete = gold.get("tasks_with_complete_attribution") or 0
    for i, gt in enumerate(gold_tasks):
        key = norm(gt["text_start"])[:12]
        cands = [t for t in recs.tasks if key in norm(t.text)]
        assert cands, f"task {gt['number']} not found: {key}"
        t = min(cands, key=lambda t: len(norm(t.text)))
        if i >= complete:  # cut off by the end of the text: marked so, no unit invented
            assert t.truncated, gt["number"]
            assert set(names(t.units)) <= set(names(gt.get("units"))), gt["number"]
            continue
        assert set(names(t.units)) == set(names(gt["units"])), gt["number"]
        if len(names(gt["units"])) > 1 and gold.get("lead_distinguished") is not None:
            want = names(gt["lead_units"]) if gold["lead_distinguished"] else []
            assert names(t.lead_units) == want, gt["number"]
        if gt.get("leaders"):
            assert names(t.leaders) == names(gt["leaders"]), gt["number"]


# --- the grammar on phrases the corpus prints ------------------------------------------------------

@pytest.mark.parametrize("phrase, rule, lead, coop, resp", [
    # labelled fields in one bracket, any order, with officials
    ("(责任领导:王 强;牵头单位:市发改委;责任单位:市财政局、市商务局,市统计局)", None,
     ["市发改委"], ["市财政局", "市商务局", "市统计局"], []),
    ("(牵头单位:县住建局、县交通局,责任单位:县财政局,县自然资源局)", None,
     ["县住建局", "县交通局"], ["县财政局", "县自然资源局"], []),
    # phrase forms
    ("(市政府辦公室、市行政審批制度改革工作領導小組辦公室牽頭,市級各有關部門及各縣市區政府按職責分工負責)", None,
     ["市政府辦公室", "市行政審批制度改革工作領導小組辦公室"], [], []),
    ("市人力社保局、市农业农村局分别牵头", None, ["市人力社保局", "市农业农村局"], [], []),
    ("县发改局（粮食局）负责", None, [], [], ["县发改局（粮食局）"]),  # in charge, not marked as leading
    ("(商务部指导,供销合作总社参与)", None, [], ["供销合作总社"], ["商务部"]),
    # a lone 责任单位 list: no lead, unless the document prints a rule
    ("责任单位:区发展和改革局、区财政局", None, [], [], ["区发展和改革局", "区财政局"]),
    ("责任单位:区发展和改革局、区财政局", "first", ["区发展和改革局"], ["区财政局"], []),
    ("责任单位:区发展和改革局、区财政局", "all", ["区发展和改革局", "区财政局"], [], []),
    # a rule printed inside the attribution, and a generic item holding brackets
    ("责任单位:市发改委、市经信局,各县(市、区)政府(除标注“分别牵头”外,列第一位为牵头或汇总单位,下同)", None,
     ["市发改委"], ["市经信局"], []),
])
def test_grammar_phrases(phrase, rule, lead, coop, resp):
    from gongbao.normalise import normalise_text
    got = grammar.parse_attribution(normalise_text(phrase), rule)
    from gongbao.normalise import fold
    assert (got.lead, got.coop, got.resp) == ([fold(normalise_text(x)) for x in lead],
                                              [fold(normalise_text(x)) for x in coop],
                                              [fold(normalise_text(x)) for x in resp])


def test_grammar_officials_and_rules():
    assert grammar.split_officials("王 强李 明") == ["王强", "李明"]
    assert grammar.split_officials("王 强、副县长李明") == ["王强", "李明"]
    assert grammar.parse_attribution("(责任领导:王 强;牵头单位:县发改局)").leaders == ["王强"]
    assert grammar.lead_rule("牵头单位(无牵头单位的,责任单位即为牵头单位,下同)") == "all"
    assert grammar.lead_rule("责任分解中，列第一位的责任单位为牵头单位或汇总单位。") == "first"
    assert grammar.lead_rule("原则上排第一的单位为牵头责任单位") == "first"
    assert grammar.lead_rule("各牵头单位要统筹落实任务事项") is None
    assert grammar.heading_lead("二、县住建局牵头工作（6项）") == ["县住建局"]


def test_cut_off_attribution_invents_no_unit():
    # 04_heze: the text stops at '(牵头单位:市发'; 01_lishui at '责任单位:市'
    assert grammar.parse_attribution("牵头单位：市发", cut=True).units == []
    assert grammar.parse_attribution("市政府办公室、市", cut=True).units == ["市政府办公室"]


@pytest.mark.parametrize("rows, want", [
    # bulleted rows, the number printed after the title on the title line
    (["• 索引号:0000000000/2021-0000001", "  • 发布机构:县人民政府办公室", "  • 生成日期:2021-03-23",
      "2021年县政府重点工作任务(某政发〔2021〕2号)", "来源:某县政府   2021-03-23 10:56"],
     {"doc_number": "某政发〔2021〕2号", "title": "2021年县政府重点工作任务", "index_no": "0000000000/2021-0000001",
      "date": "2021-03-23"}),
    # label | value | label | value | rows, printed twice, 无 for no number, an empty 成文日期
    (["索引号: | 00000000000000000K/202004-00328 | 信息分类: | 规范性文件 |",
      "成文日期: | 发布日期: | 2020-04-09 08:44 | |", "发文字号: | 无 | 有 效 性: | 失效 |",
      "标 题: | 某区人民政府办公室关于印发2020年重点工作任务分解表的通知 | ||", "发文字号: | 无 | ||"],
     {"doc_number": None, "title": "某区人民政府办公室关于印发2020年重点工作任务分解表的通知",
      "index_no": "00000000000000000K/202004-00328", "date": None, "published": "2020-04-09"}),
    # spaced labels, two to a line, an empty 文号
    (["索引号 : K00000000/2023-08370 文       号 :", "主题分类: 政务公开 发文单位: 某县人民政府",
      "名       称: 县人民政府关于分解落实2022年县政府重点工作任务的通知 发布日期: 2023年03月09日", "有效性: 有效 发文日期:"],
     {"doc_number": None, "title": "县人民政府关于分解落实2022年县政府重点工作任务的通知", "topic": "政务公开",
      "published": "2023-03-09", "issuers": ["某县人民政府"]}),
])
def test_portal_metadata_shapes(tmp_path, rows, want):
    from gongbao.documents import split_documents
    from gongbao.normalise import normalise
    from gongbao.read import RawGazette
    text = rows + ["", "各乡镇人民政府，县直各单位：", "现将重点工作任务分解印发给你们，请认真贯彻落实。"]
    _, docs = split_documents(normalise(RawGazette("data/gazettes/901_x.txt", text)), {})
    assert len(docs) == 1
    for key, value in want.items():
        assert getattr(docs[0], key) == value, key
