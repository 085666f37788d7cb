"""Saved portal pages as input (issue 20): the ten www.gov.cn pages in
tests/fixtures/html/, read from their HTML and, for comparison, from the text
a browser shows of them (``hNN_*.txt``, chromium's ``innerText``)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, make_repo
from gongbao.cli import add, build, main
from gongbao.html import decode, grid, read_html
from gongbao.pipeline import Paths, parse
from gongbao.read import InputError, read_gazette

FIX = Path(__file__).resolve().parent / "fixtures" / "html"
PAGES = sorted(FIX.glob("h*.html"))
NAMES = [p.stem for p in PAGES]


def page(name: str) -> Path:
    return next(p for p in PAGES if p.stem.startswith(name))


def expected(p: Path) -> dict:
    return yaml.safe_load(p.with_suffix(".yaml").read_text(encoding="utf-8"))


def cn_date(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{y}年{m}月{d}日"


def lines_of(p: Path) -> list[str]:
    return read_gazette(p, FIX).lines


def repo_with(tmp: Path, files: list[Path], meta: dict | None = None) -> Paths:
    """A repository whose data/gazettes/ holds just these files, numbered in order."""
    repo = make_repo(tmp, gazettes=[])
    for i, p in enumerate(files):
        shutil.copy(p, repo / "data" / "gazettes" / f"{i:03d}_{p.name}")
        side = {"jurisdiction": "国务院", **(meta or {})}
        if p.suffix == ".html" and p.with_suffix(".yaml").exists():
            side["source_url"] = expected(p)["source_url"]
        (repo / "data" / "gazettes" / f"{i:03d}_{p.stem}.yml").write_text(
            yaml.safe_dump(side, allow_unicode=True), encoding="utf-8")
    return Paths(repo)


# ---------------------------------------------------------------- the lines a reader sees

@pytest.mark.parametrize("name", NAMES)
def test_metadata_table_gives_one_line_per_label_in_the_tables_order(name):
    p = page(name)
    want = expected(p)
    assert lines_of(p)[:7] == [
        f"索引号：{want['index_no']}", f"主题分类：{want['topic']}", f"发文机关：{want['issuer']}",
        f"成文日期：{cn_date(want['date'])}", f"标题：{want['title']}", f"发文字号：{want['doc_number']}",
        f"发布日期：{cn_date(want['published'])}"]


@pytest.mark.parametrize("name", NAMES)
def test_the_page_furniture_is_not_read(name):
    text = "\n".join(lines_of(page(name)))
    for furniture in ("扫一扫", "在手机打开当前页", "主题词", "window.", "function", "AddFavorite", "<"):
        assert furniture not in text, furniture
    # and nothing the reader sees is lost: every line of the browser's text is in ours
    def squash(s: str) -> str:
        return re.sub(r"\s+", " ", s).strip()

    shown = [l.strip() for l in page(name).with_suffix(".txt").read_text(encoding="utf-8").split("\n")]
    ours = set(lines_of(page(name)))
    ours |= {w for l in ours if "\t" in l for cell in l.split("\t") for w in [cell, *cell.split(" ")]}
    ours = {squash(l) for l in ours}
    # (the metadata rows and tables are TAB rows there, read cell by cell here; 主题词 prints no value)
    body = [l for l in shown if l and "\t" not in l and l not in ("扫一扫在手机打开当前页", "主 题 词：")]
    assert [l for l in body if squash(l) not in ours] == []


def test_a_whole_portal_page_reads_as_its_content_block():
    """The same page saved whole: the site's header, menus, where-you-are line,
    buttons, counters and footer around the content block are not read."""
    shell = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>国务院办公厅关于2019年部分节假日安排的通知</title>
<link rel="stylesheet" href="/css/main.css"><script>var _hmt = _hmt || [];</script></head>
<body><div class="header"><img src="/images/logo.png" alt=""></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府文件</div>
<div class="article">%s
<div class="tools">【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
<p>浏览次数：1024</p><p>上一篇：<a href="/zwgk/1.html">国务院办公厅关于印发……的通知</a></p></div>
<footer><p>版权所有：中华人民共和国中央人民政府 主办单位：国务院办公厅</p><p>京ICP备05070218号 京公网安备11010202000001号</p></footer>
<div class="foot">网站标识码：bm01000001</div></body></html>"""
    p = page("h08")
    whole = read_html(shell % p.read_text(encoding="utf-8")).lines
    assert whole == lines_of(p)


def test_a_forwarding_notice_reads_as_printed():
    lines = lines_of(page("h09"))
    start = lines.index("国务院办公厅转发国家地震局")
    assert lines[start: start + 4] == ["国务院办公厅转发国家地震局", "关于我国地震重点监视防御区的确定和",
                                       "加强防震减灾工作意见报告的通知", "国办发〔1996〕2号"]
    # an empty paragraph stands as one empty line: the head, then the recipients
    assert lines[start + 4: start + 6] == ["", "各省、自治区、直辖市人民政府，国务院各部委、各直属机构："]
    sign = lines.index("国务院办公厅")
    assert lines[sign + 1] == "一九九六年二月五日"
    assert lines[-2:] == ["国家地震局", "一九九六年一月二十五日"]  # &nbsp; padding stripped


def test_a_table_is_read_from_its_cells_with_spans_expanded():
    lines = lines_of(page("h07"))
    rows = [l.split("\t") for l in lines if "\t" in l]
    assert rows[0] == ["坐标 编号", "X坐标", "Y坐标", "说　明"]
    assert rows[1] == ["1", "15172.500", "103655.000", ""]
    assert ["10", "14239.958", "103436.862", "圆曲线中点，半径48.25米"] in rows
    # A匝道: a header of two rows, 坐标编号 spanning both, each side's title spanning two columns
    a = lines.index("A匝道桥界址点坐标")
    head = [l.split("\t") for l in lines[a + 1: a + 4] if l][:2]
    assert head[0] == ["坐标 编号", "行车方向左侧挢面边缘线", "行车方向左侧挢面边缘线", "行车方向右侧桥面边缘线",
                       "行车方向右侧桥面边缘线", "说 明", "说 明"]
    assert head[1] == ["坐标 编号", "X", "Y", "X", "Y", "说 明", "说 明"]
    # one 曲线要素 cell spans A6–A8
    a6 = next(i for i, r in enumerate(rows) if r[0] == "A6")
    assert [r[5] for r in rows[a6: a6 + 3]] == ["R-1500.000 L-187.483"] * 3
    assert [r[6] for r in rows[a6: a6 + 3]] == ["圆曲线起点", "圆曲线中点", "A匝道合流点"]
    assert len({len(r) for r in rows if r[0].startswith(("A", "B"))}) == 1  # every row as wide as the grid


def test_grid_places_cells_after_spans_from_above():
    # 序号 | 任务 | 牵头单位 spanning two rows | 配合单位
    rows = [[("1", 1, 1), ("任务一", 1, 1), ("县发改局", 2, 1), ("县财政局", 1, 1)],
            [("2", 1, 1), ("任务二", 1, 1), ("县住建局", 1, 1)],
            [("（一）综合", 1, 4)]]
    assert grid(rows) == [["1", "任务一", "县发改局", "县财政局"], ["2", "任务二", "县发改局", "县住建局"],
                          ["（一）综合"] * 4]


def test_each_line_keeps_the_line_of_the_saved_html():
    p = page("h07")
    html = p.read_text(encoding="utf-8").split("\n")
    raw = read_gazette(p, FIX)
    assert len(raw.source_lines) == len(raw.lines)
    assert raw.source_lines == sorted(raw.source_lines)
    for line, no in zip(raw.lines, raw.source_lines):
        if line.startswith("索引号"):
            assert "索 引 号" in html[no - 1]
        elif line.startswith("发文字号"):
            assert "发文字号" in html[no - 1]
        elif line.startswith("A6\t"):
            assert "<tr>" in html[no - 1] and "A6" in "".join(html[no - 1: no + 5])
    assert raw.source_line(1) == raw.source_lines[0]


def test_attachment_links_are_collected_with_their_urls_and_lines():
    # the attachment list as county portals print it under the document, and a table linking its files
    text = ("<div id='zoom'><p>附件：<a href='/xxgk/P020240105.pdf'>1.泸溪县2024年重点工作任务清单</a></p>"
            "<p><a href='./P020240105_2.docx'>2.责任分工表</a> <a href='/xxgk/P020240105.pdf'>重复</a></p>"
            "<p><a href='/xxgk/content_1.htm'>相关链接</a> <a href='http://x.cn/%E5%88%86%E5%B7%A5.XLS?id=3'></a></p>"
            "<table><tr><td>序号</td><td>文件</td></tr><tr><td>1</td><td><a href='b.wps'>方案</a></td></tr>"
            "<tr><td>2</td><td><a href='c.rar'>图表</a></td></tr></table></div>")
    page = read_html(text, "http://www.luxi.gov.cn/xxgk/2024/content_9.html")
    assert page.lines[:3] == ["附件：1.泸溪县2024年重点工作任务清单", "2.责任分工表 重复", "相关链接"]
    assert page.lines[4:] == ["1\t方案", "2\t图表"]
    assert page.attachments == [
        ("1.泸溪县2024年重点工作任务清单", "http://www.luxi.gov.cn/xxgk/P020240105.pdf", 1),
        ("2.责任分工表", "http://www.luxi.gov.cn/xxgk/2024/P020240105_2.docx", 2),
        ("分工.XLS", "http://x.cn/%E5%88%86%E5%B7%A5.XLS?id=3", 3),
        ("方案", "http://www.luxi.gov.cn/xxgk/2024/b.wps", 5),
        ("图表", "http://www.luxi.gov.cn/xxgk/2024/c.rar", 6)]
    # without the sidecar's source_url the links stay as the page prints them
    assert read_html(text).attachments[0] == ("1.泸溪县2024年重点工作任务清单", "/xxgk/P020240105.pdf", 1)


# ---------------------------------------------------------------- encodings

GB2312_META = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'


def as_gb2312(p: Path, declare: str = GB2312_META) -> bytes:
    """The page as a GB2312 portal serves it, its charset declared: two bytes a
    character, GB2312's codes, and for the few characters GB2312 lacks (h07's
    〇) the GBK codes such portals send all the same.  (Written by the GB18030
    codec, which writes GB2312's and GBK's repertoires as their bytes; Python's
    gb2312 codec maps some code points, the dash among them, elsewhere.)"""
    data = (declare + p.read_text(encoding="utf-8")).encode("gb18030")
    i = 0
    while i < len(data):
        if data[i] < 0x80:
            i += 1
            continue
        assert 0x81 <= data[i] <= 0xFE and 0x40 <= data[i + 1] <= 0xFE, (p.name, data[i: i + 4])
        i += 2
    return data


@pytest.mark.parametrize("name", NAMES)
def test_a_page_served_as_gb2312_reads_the_same(tmp_path, name):
    p = page(name)
    data = as_gb2312(p)
    assert decode(data) == (data.decode("gb18030"), "gb18030")
    copy = tmp_path / p.name
    copy.write_bytes(data)
    assert read_gazette(copy, tmp_path).lines == lines_of(p)


def test_a_charset_meta_tag_and_gbk_are_read_as_gb18030(tmp_path):
    data = as_gb2312(page("h08"), '<meta charset="GBK">')
    assert decode(data)[1] == "gb18030"


def test_gb2312_declared_reads_characters_only_gb18030_has(tmp_path):
    # 朱镕基's 镕 is not in GB2312; portals that declare gb2312 still serve it (as GBK)
    text = '<meta charset="gb2312"><p>国务院总理 朱镕基</p>'
    assert read_html(decode(text.encode("gb18030"))[0]).lines == ["国务院总理 朱镕基"]


def test_a_page_saved_as_utf8_under_its_portals_gb2312_tag_reads_as_utf8():
    p = page("h04")
    data = (GB2312_META + p.read_text(encoding="utf-8")).encode("utf-8")
    assert decode(data) == (data.decode("utf-8"), "utf-8")


def test_an_undeclared_charset_is_detected(tmp_path):
    p = page("h10")
    data = p.read_text(encoding="utf-8").encode("gb18030")
    assert decode(data)[0] == p.read_text(encoding="utf-8")
    copy = tmp_path / p.name
    copy.write_bytes(data)
    assert read_gazette(copy, tmp_path).lines == lines_of(p)


def test_a_page_that_cannot_be_decoded_names_the_file_and_keeps_the_last_good_build(built, capsys):
    from test_pipeline import tree_digest

    bad = built.gazettes / "zz_bad.html"
    before = (tree_digest(built.records), tree_digest(built.site))
    bad.write_bytes(bytes(range(128, 256)) * 40)
    try:
        code = main(["--root", str(built.root), "build"])
    finally:
        bad.unlink()
    err = capsys.readouterr().err
    assert code == 2 and "data/gazettes/zz_bad.html" in err
    assert "not text in the declared charset, UTF-8 or any charset detected" in err
    assert (tree_digest(built.records), tree_digest(built.site)) == before


# ---------------------------------------------------------------- the gazette folder

@pytest.mark.parametrize("name, message", [
    ("005_report.pdf", "a file of a kind the build does not read (.pdf)"),
    ("005_page.mhtml", "a file of a kind the build does not read (.mhtml)"),
    ("005_orphan.yml", "a sidecar without its gazette"),
    ("004_97929a907a49287a.htm", "two gazettes named 004_97929a907a49287a"),
])
def test_a_file_the_build_does_not_read_is_an_error_naming_it(tmp_path, name, message):
    repo = make_repo(tmp_path / "r")
    (repo / "data" / "gazettes" / name).write_text("jurisdiction: 泸溪县\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        parse(Paths(repo))
    assert f"data/gazettes/{name}" in str(e.value) and message in str(e.value)


def test_dot_files_are_not_gazettes(tmp_path):
    repo = make_repo(tmp_path / "r", gazettes=[page("h08")])
    (repo / "data" / "gazettes" / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    assert [d.doc_number for d in parse(Paths(repo)).records.documents] == ["国办发明电〔2018〕15号"]


# ---------------------------------------------------------------- built from the page

@pytest.fixture(scope="module")
def from_html(tmp_path_factory):
    return parse(repo_with(tmp_path_factory.mktemp("html") / "r", PAGES)).records


@pytest.fixture(scope="module")
def from_gb2312(tmp_path_factory):
    """The ten pages re-encoded as a GB2312 portal serves them, the charset declared."""
    tmp = tmp_path_factory.mktemp("gb2312")
    copies = []
    for p in PAGES:
        copies.append(tmp / p.name)
        copies[-1].write_bytes(as_gb2312(p))
        shutil.copy(p.with_suffix(".yaml"), copies[-1].with_suffix(".yaml"))
    return parse(repo_with(tmp / "r", copies)).records


@pytest.fixture(params=["utf-8", "gb2312"])
def built_pages(request):
    return request.getfixturevalue({"utf-8": "from_html", "gb2312": "from_gb2312"}[request.param])


def document_of(recs, name: str):
    [d] = [d for d in recs.documents if Path(d.source.file).name.endswith(page(name).name)]
    return d


@pytest.fixture(scope="module")
def from_text(tmp_path_factory):
    return parse(repo_with(tmp_path_factory.mktemp("text") / "r",
                           [p.with_suffix(".txt") for p in PAGES])).records


@pytest.mark.parametrize("name", NAMES)
def test_each_page_builds_one_document_with_its_printed_fields(built_pages, name):
    want = expected(page(name))
    d = document_of(built_pages, name)
    assert (d.doc_number, d.title, d.date) == (want["doc_number"], want["title"], want["date"])
    for number in want.get("cites", []):
        assert number in d.cites


@pytest.mark.parametrize("name", NAMES)
def test_each_page_carries_its_metadata_tables_fields(built_pages, name):
    """索引号, 主题分类 and 发布日期 fill fields of their own (read by the document pass from the
    metadata lines this module writes)."""
    want = expected(page(name))
    d = document_of(built_pages, name)
    assert (d.index_no, d.topic, d.published) == (want["index_no"], want["topic"], want["published"])


# h09 and h10 print a forwarding title (国务院办公厅转发国家地震局关于…): the metadata's 发文机关 is the issuer
@pytest.mark.parametrize("name", NAMES)
def test_each_page_takes_its_issuers_from_the_metadata(built_pages, name):
    assert document_of(built_pages, name).issuers == [expected(page(name))["issuer"]]


def test_lines_of_a_saved_page_know_their_html_line(built_pages):
    for g in built_pages.gazettes:
        assert g.html_lines and all(n >= 1 for n in g.html_lines)
    for t in built_pages.tasks:
        g = next(g for g in built_pages.gazettes if g.file == t.source.file)
        assert len(g.html_lines) >= t.source.line_end
        assert g.html_lines[t.source.line_start - 1] <= g.html_lines[t.source.line_end - 1]


def test_attached_files_reach_their_document(tmp_path):
    page = ("<html><head><meta charset='utf-8'></head><body><div id='zoom'>"
            "<p>某县人民政府办公室关于印发2024年重点工作任务清单的通知</p><p>某政办发〔2024〕3号</p>"
            "<p>各乡镇人民政府，县直各单位：</p><p>现将2024年重点工作任务清单印发给你们，请认真贯彻落实。</p>"
            "<p>附件：<a href='/xxgk/P020240105.pdf'>1.2024年重点工作任务清单</a></p>"
            "<p><a href='./P020240105_2.docx'>2.责任分工表</a></p>"
            "<p>某县人民政府办公室</p><p>2024年1月5日</p></div></body></html>")
    src = tmp_path / "notice.html"
    src.write_text(page, encoding="utf-8")
    paths = repo_with(tmp_path / "r", [src], {"source_url": "http://www.example.gov.cn/xxgk/2024/content_9.html"})
    [doc] = parse(paths).records.documents
    assert doc.doc_number == "某政办发〔2024〕3号"
    assert doc.attachment_urls == ["http://www.example.gov.cn/xxgk/P020240105.pdf",
                                   "http://www.example.gov.cn/xxgk/2024/P020240105_2.docx"]


def test_a_page_and_its_text_give_the_same_tasks_units_and_leads(from_html, from_text):
    def tasks(recs):
        return [(t.id, t.number, t.text, t.lead_units, t.cooperating_units, t.leaders, t.confidence)
                for t in recs.tasks]

    got = tasks(from_html)
    assert len(got) >= 50  # h01 and h02 carry their tasks in （…负责） attributions
    assert got == tasks(from_text)
    assert [(u.id, u.leads, u.cooperates) for u in from_html.units] == \
           [(u.id, u.leads, u.cooperates) for u in from_text.units]


def test_a_table_that_is_no_task_list_stays_a_table_of_the_document(from_html):
    d = next(d for d in from_html.documents if d.doc_number == "国函〔2006〕132号")
    assert not [t for t in from_html.tasks if t.document == d.id]
    tables = [t for t in from_html.tables if t.document == d.id]
    assert tables and all(t.rows and not any(t.row_tasks or []) for t in tables)
    assert any(b.kind == "table" for b in d.body)


def portal_page_of_004() -> str:
    """汨罗市's 2026 task list as a portal publishes such a document: its text as paragraphs and its
    task table as a <table> of the cells the archive reads (data/records), each 项目 cell spanning
    the rows it heads."""
    import html

    rec = yaml.safe_load((ROOT / "data" / "records" / "documents" / "mizhengbanhan-2026-1.yml")
                         .read_text(encoding="utf-8"))
    [tb] = rec["tables"]
    text = (ROOT / "data" / "gazettes" / "004_97929a907a49287a.txt").read_text(encoding="utf-8").split("\n")
    out = ['<html><head><meta charset="utf-8"></head><body><div class="article">']
    out += [f"<p>{html.escape(l.lstrip('#').strip())}</p>" for l in text[: tb["source"]["line_start"] - 2]]
    out.append(f"<p>{html.escape(tb['title'])}</p><table border='1'><tr>"
               + "".join(f"<th>{html.escape(c)}</th>" for c in tb["header"]) + "</tr>")
    rows = tb["rows"]
    for i, row in enumerate(rows):
        cells = []
        for j, c in enumerate(row):
            if j == 1 and not c and i:
                continue  # under the 项目 cell above
            span = next((k for k in range(i + 1, len(rows)) if rows[k][1]), len(rows)) - i if j == 1 else 1
            cells.append(f"<td rowspan='{span}'>" if span > 1 else "<td>")
            cells[-1] += f"{html.escape(c)}</td>"
        out.append("<tr>" + "".join(cells) + "</tr>")
    return "\n".join(out + ["</table></div></body></html>"])


def test_a_task_table_read_from_its_cells_needs_no_guessing(tmp_path):
    repo = make_repo(tmp_path / "r", gazettes=[])
    (repo / "data" / "gazettes" / "004_page.html").write_text(portal_page_of_004(), encoding="utf-8")
    shutil.copy(ROOT / "data" / "gazettes" / "004_97929a907a49287a.yml", repo / "data" / "gazettes" / "004_page.yml")
    got = [t for t in parse(Paths(repo)).records.tasks if t.document == "mizhengbanhan-2026-1"]
    want = yaml.safe_load((ROOT / "data" / "records" / "documents" / "mizhengbanhan-2026-1.yml")
                          .read_text(encoding="utf-8"))["tasks"]
    keys = ("id", "number", "text", "leaders", "lead_units", "cooperating_units", "others")
    assert [tuple(getattr(t, k) for k in keys) for t in got] == [tuple(t[k] for k in keys) for t in want]
    assert len(got) == 69 and all(t.confidence == 1.0 for t in got)


def test_a_gb2312_copy_builds_the_same_records(from_html, from_gb2312):
    for kind in ("documents", "tasks", "tables", "units"):
        assert getattr(from_gb2312, kind) == getattr(from_html, kind), kind


def test_a_citing_page_and_the_page_it_cites_link_each_other(tmp_path):
    from bs4 import BeautifulSoup

    paths = repo_with(tmp_path / "r", [page("h09"), page("h10")])
    build(paths, quiet=True)
    citing, cited = "guobanfa-1997-2", "guobanfa-1996-2"
    assert expected(page("h09"))["doc_number"] in expected(page("h10"))["cites"]

    def links(doc_id: str, label: str) -> set[Path]:
        f = paths.site / "documents" / doc_id / "index.html"
        soup = BeautifulSoup(f.read_text(encoding="utf-8"), "html.parser")
        row = next(tr for tr in soup.find_all("tr") if tr.find("th") and tr.find("th").get_text() == label)
        return {(f.parent / a["href"]).resolve() for a in row.find_all("a", href=True)}

    assert (paths.site / "documents" / cited).resolve() in links(citing, "引用")
    assert (paths.site / "documents" / citing).resolve() in links(cited, "被引用")
    # the archive's own check of citing pairs, on a build where one exists
    from gongbao.records import load_records
    from test_archive import test_cited_document_numbers_link_both_ways

    recs = load_records(paths.records)
    assert (citing, "国办发〔1996〕2号") in [(d.id, n) for d in recs.documents for n in d.cites]
    test_cited_document_numbers_link_both_ways(paths, recs)
    # the saved pages are published as downloads, never as pages that run or load the portal's code
    from test_site import test_every_internal_link_resolves, test_site_loads_nothing_from_outside_hosts

    test_site_loads_nothing_from_outside_hosts(paths)
    test_every_internal_link_resolves(paths)
    for name in ("000_h09_guobanfa-1996-2.html", "001_h10_guobanfa-1997-2.html"):
        published = paths.site / "downloads" / "gazettes" / (name + ".txt")
        assert published.read_bytes() == page(name[4:7]).read_bytes()


# ---------------------------------------------------------------- gongbao add

def test_add_copies_a_page_under_the_next_number_and_says_what_it_holds(tmp_path, capsys):
    repo = make_repo(tmp_path / "r")
    url = expected(page("h02"))["source_url"]
    code = main(["--root", str(repo), "add", str(page("h02")), "--jurisdiction", "国务院", "--url", url])
    out = capsys.readouterr().out
    assert code == 0
    added = repo / "data" / "gazettes" / "005_h02_guobanfa-2018-117.html"
    assert added.read_bytes() == page("h02").read_bytes()
    side = yaml.safe_load(added.with_suffix(".yml").read_text(encoding="utf-8"))
    assert side == {"jurisdiction": "国务院", "source_url": url}
    assert "added data/gazettes/005_h02_guobanfa-2018-117.html" in out
    assert "国办发〔2018〕117号" in out and "30 tasks" in out
    # a text goes in the same way, under the number after, and a sidecar beside it comes along
    text = tmp_path / "国务院 节假日.txt"
    shutil.copy(page("h08").with_suffix(".txt"), text)
    text.with_suffix(".yml").write_text("jurisdiction: 国务院\nissue: 2018年第35号\n", encoding="utf-8")
    lines = add(Paths(repo), text, url="http://www.gov.cn/zhengce/content/2018-12/06/content_5346276.htm")
    assert lines[0].startswith("added data/gazettes/006_国务院-节假日.txt")
    assert "国办发明电〔2018〕15号" in lines[1]
    side = yaml.safe_load((repo / "data" / "gazettes" / "006_国务院-节假日.yml").read_text(encoding="utf-8"))
    assert side == {"jurisdiction": "国务院", "issue": "2018年第35号",
                    "source_url": "http://www.gov.cn/zhengce/content/2018-12/06/content_5346276.htm"}


def test_a_failed_add_leaves_nothing_behind(tmp_path, capsys):
    repo = make_repo(tmp_path / "r", gazettes=[page("h02")])
    before = sorted(p.name for p in (repo / "data" / "gazettes").iterdir())
    code = main(["--root", str(repo), "add", str(page("h02")), "--jurisdiction", "国务院"])
    assert code == 2 and "appears twice" in capsys.readouterr().err
    assert sorted(p.name for p in (repo / "data" / "gazettes").iterdir()) == before
    code = main(["--root", str(repo), "add", str(page("h02").with_suffix(".yaml"))])
    assert code == 2 and "not a gazette the build reads (.yaml)" in capsys.readouterr().err
    assert sorted(p.name for p in (repo / "data" / "gazettes").iterdir()) == before
