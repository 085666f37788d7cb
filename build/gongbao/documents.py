"""Split-documents pass: the lines of one gazette -> its official documents.

A gazette holds front matter (cover, table of contents) and one or more
official documents.  A document is found by its 发文字号 (document number):
a line that holds nothing but a number such as 桃政发〔2026〕1号 (possibly with
a registration number such as XYDR-2024-00003 beside it) standing next to a
title (…关于…的通知 / a title ending in a 文种).  Numbers cited inside the
text (（州办〔2023〕4号）) never stand alone on their line and are not starts.

Around that anchor stands the document head, in one of the layouts real
gazettes print (GB/T 9704 elements):

    [registration] [issuer lines] title lines  发文字号   主送机关：
    [issuer mark]  发文字号  title lines                  主送机关：

A document runs from the first line of its head to the line before the next
document's head (or the last line of the file).  When a head is followed by
no text at all (the PDF extraction put the body before the head), the body is
taken back from the lines before it: from the last 主送机关 line that comes
after the previous document's own 成文日期 (or stands in the front matter)
and is itself followed by a signature and a date.

成文日期 is the first date line under a signature (a line naming an issuing
body); failing that, the first date line.  The 版记's 印发日期 (…办公室
2023年4月24日印发) is the day of printing, not a 成文日期: a document that
prints only that has no date.

The body (``Document.body``) is the document's readable text: lines rejoined
into paragraphs, numbered items kept as headings (see body_blocks), without
the document head (issuer mark, title, 发文字号, registration number) that
the record holds in its own fields; it starts with the 主送机关.

Document ids: ``ids.doc_number_id(doc_number)``.  A document without a
number gets ``<gazette id>-<成文日期 or 'undated'>-<pinyin initials of the
title after 关于>`` (at most 16 letters), e.g. ``003-28a2e0525c42d5f9-2024-11-05-hgzdtzzwrmdtz``
for 湘阴县人民政府关于胡光志等同志职务任免的通知 dated 2024年11月5日.  A document
without a number is found by its title followed at once by a 主送机关 line
(see _unnumbered_heads).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from pypinyin import Style, lazy_pinyin

from . import ids
from .normalise import Line, fold, normalise_text, printed_text
from .read import InputError
from .schema import Block, Document, Source


@dataclass
class GazetteInfo:
    title: str | None  # e.g. 桃源县人民政府公报 as printed
    issue: str | None  # e.g. 2026年第1期, 2023年第2期（总第58期）
    published: str | None  # YYYY-MM-DD
    jurisdiction: str  # e.g. 桃源县


# --- patterns ---------------------------------------------------------------

_CJK = "\u3400-\u9fff"
DOCNO = rf"[{_CJK}]{{1,12}}〔\s*(?:19|20)\d{{2}}\s*〕\s*\d{{1,4}}\s*号"
REG = r"[A-Z]{2,6}-\d{4}-\d{3,6}"
_DOCNO_RE = re.compile(rf"[{_CJK}]{{1,12}}〔\s*((?:19|20)\d{{2}})\s*〕\s*(\d{{1,4}})\s*号")
_REG_RE = re.compile(rf"(?<![A-Za-z0-9-]){REG}(?![0-9-])")
# a line that is a document number and nothing else (a registration number
# and a 签发人 may stand beside it)
_DOCNO_LINE = re.compile(rf"^(?:{REG}\s*)?({DOCNO})(?:\s*{REG})?(?:\s+签发人[：:].*)?$")
_REG_LINE = re.compile(rf"^{REG}$")

# 文种 at the end of a title, longest first
KINDS = sorted(["通知", "决定", "通报", "意见", "方案", "通告", "批复", "函", "报告", "公告", "命令", "令",
                "任免", "决议", "议案", "请示", "纪要", "规定", "办法", "细则", "计划", "要点", "公报"],
               key=len, reverse=True)
_KIND_END = re.compile(rf"(?:{'|'.join(KINDS)})$")

_CN_DIGIT = {"〇": 0, "零": 0, "○": 0, "О": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
_DATE_LINE = re.compile(r"^(\d{4}|[〇零○О一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
                        r"\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日(\s*印发)?$")
# an organisation name standing alone: an issuer mark or a signature
_ORG_LINE = re.compile(rf"^(?:中共)?[{_CJK}]{{2,30}}(?:人民政府|政府|办公室|办公厅|委员会|管委会|管理委员会|县委|市委|州委|"
                       rf"区委|党委|党组|人大常委会|局|厅|院|部|中心|办事处)$")
_JURISDICTION = re.compile(rf"^(?:中共)?([{_CJK}]{{1,8}}?(?:自治县|自治州|自治区|县|市|区|旗|州))"
                           r"(?:委|人民政府|政府|人大|政协|公安|财政)")

_END_PUNCT = "。！？；：!?;:"
_ATTRIBUTION = re.compile(r"[（(][^（()）]*(?:责任单位|牵头|负责|配合|责任领导|：)[^（()）]*[）)]$")
# a "role：name" line (组 长：张三, 成 员：李四, 联系人：王五) starts a paragraph of its own
_LABEL_LINE = re.compile(rf"^[{_CJK}\s]{{0,6}}(?:长|员|人|任|记|委)\s*[：:]\s*\S")
# a member of a group as printed: a name of two or three characters, a space, the post (杨俊勇 县人民政府副县长)
_MEMBER_LINE = re.compile(rf"^\s*([{_CJK}](?:\s?[{_CJK}]){{1,2}})\s+[{_CJK}]{{2}}\S*$")
_ROLE = re.compile(r"^\s*[^：:，。]{1,8}[：:]")
_ATTRIBUTION_LINE = re.compile(r"^[（(]\s*(?:责任单位|牵头单位|责任领导|牵头领导|牵头|配合单位)"
                               # a bracket naming who leads: （县住建局牵头，各部门按职责分工负责）
                               r"|^[（(][^（()）]*(?:牵头|负责|责任单位)[^（()）]*(?:[）)]$|$)")

_UNIT = "[万亿元吨]"  # after a decimal number: a quantity (7.4万元)
# numbered items: level 1 一、 / 2 （一） / 3 1. 1、 / 4 （1）, 1.1
_NUMBERED = [
    (1, re.compile(r"^[一二三四五六七八九十]{1,3}\s*[、，,．.]")),
    (2, re.compile(r"^[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]")),
    # 1.1 编制目的, 5.2 Ⅲ级响应措施 -- not a quantity such as 7.4万元
    (4, re.compile(rf"^\d{{1,2}}(?:\s*[.．]\s*\d{{1,2}})+\s*(?=[{_CJK}Ⅰ-Ⅻ]|[IVX]{{1,4}}\s*[{_CJK}])(?!{_UNIT})")),
    (3, re.compile(r"^\d{1,3}\s*[.．、](?!\d)")),
    (4, re.compile(r"^[（(]\s*\d{1,2}\s*[）)]")),
]
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"  # ① items start a paragraph, no heading level
_ATTACH_LABEL = re.compile(r"^附\s*件\s*([0-9一二三四五六七八九十]{0,3})$")
_ATTACH_LIST = re.compile(r"^附\s*件\s*[：:]\s*(.*)$")
_ITEM_NO = re.compile(r"^\d{1,3}\s*[.．、]\s*")
_RECIPIENT_WORDS = re.compile(r"各|单位|政府|部门|机关|委员会|办事处|管委会|党委|党工委|街道")
# words after which a cited number's 机关代字 begins (落实国办发〔2023〕32号 -> 国办发)
_CITE_CUT = re.compile(r".*(?:落实|执行|按照|根据|依据|依照|参照|修改|废止|印发|转发|贯彻|实施|关于|通知|通报|决定|"
                       r"通告|意见|方案|办法|的|和|及|与|、)")


# --- small helpers ----------------------------------------------------------

def squash(text: str) -> str:
    """Spaces touching CJK text or full-width marks removed, others single."""
    text = re.sub(r"\s+", " ", text.replace("\t", " ")).strip()
    return re.sub(rf"\s+(?=[{_CJK}\u3000-\u303f\uff00-\uffef《》“”‘’〔〕—])|"
                  rf"(?<=[{_CJK}\u3000-\u303f\uff00-\uffef《》“”‘’〔〕—])\s+", "", text)


def normalise_doc_number(text: str) -> str:
    """桃政发〔2026〕 1 号 -> 桃政发〔2026〕1号."""
    return re.sub(r"\s+", "", text)


def is_furniture(line: Line) -> bool:
    """Furniture as the normalise pass flags it."""
    return line.furniture


def parse_date(text: str) -> str | None:
    """A standalone date line (2023年5月8日, 2024 年 12 月 10 日, 二〇二三年五月八日) -> YYYY-MM-DD."""
    m = _DATE_LINE.match(text.strip())
    if not m:
        return None
    y, mo, d = m.group(1), m.group(2), m.group(3)
    year = int(y) if y.isdigit() else int("".join(str(_CN_DIGIT[c]) for c in y))
    month, day = ids.cn_number(mo), ids.cn_number(d)
    if not month or not day or not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def numbered_level(text: str) -> int:
    """Heading level of a numbered line (一、 1, （一） 2, 1. 3, （1） 4), 0 if none."""
    t = text.strip()
    for level, rx in _NUMBERED:
        if rx.match(t):
            return level
    return 0


def title_kind(title: str) -> str | None:
    m = _KIND_END.search(title)
    return m.group(0) if m else None


def is_org(text: str) -> bool:
    """A line naming an issuing body and nothing else (中共泸溪县委办公室)."""
    t = squash(text)
    return bool(_ORG_LINE.match(t)) and "关于" not in t and "的" not in t and width(t) <= 20


_NARROW = re.compile(r"[\x00-\u1fff]")


def width(text: str) -> float:
    """Printed width: a CJK character or full-width mark counts 1, ASCII 0.5."""
    t = text.strip()
    return len(t) - 0.5 * len(_NARROW.findall(t))


def gazette_id(file: str, meta: dict) -> str:
    """The gazette id: the sidecar's ``id``, else a slug of the file stem."""
    if meta.get("id"):
        return str(meta["id"])
    return ids.slug(PurePosixPath(file).stem)


def cited_numbers(text: str) -> list[str]:
    """Every 发文字号 in a text, normalised, with the words before the
    issuing body's abbreviation (落实, 根据, 《…》的通知 …) cut off."""
    found = []
    for m in _DOCNO_RE.finditer(text):
        number = normalise_doc_number(m.group(0))
        prefix = number[: number.index("〔")]
        cut = _CITE_CUT.match(prefix)
        if cut and cut.end() < len(prefix):
            number = number[cut.end():]
        found.append(number)
    return found


def _initials(text: str, limit: int = 16) -> str:
    letters = "".join(lazy_pinyin(text, style=Style.FIRST_LETTER))
    return re.sub(r"[^a-z0-9]", "", letters.lower())[:limit] or "x"


def document_lines(lines: list[Line], doc: Document) -> list[Line]:
    """The lines of a document, by its source range."""
    return [l for l in lines if doc.source.line_start <= l.no <= doc.source.line_end]


# --- the document head ------------------------------------------------------

@dataclass
class _Head:
    anchor: int  # index into the visible lines
    number: str | None
    start: int  # first visible index of the document
    head_end: int  # last visible index of the head (anchor, title, registration)
    title_idx: list[int]  # visible indices of the title lines
    mark_idx: list[int]  # issuer-mark lines that are not part of the title
    registration: str | None
    title_text: str | None = None  # the title when it is not the title lines' text (《…》 after a number)


def _head_like(text: str) -> bool:
    t = text.strip()
    return (bool(t) and "\t" not in t and t[-1] not in "。！？；：!?;:，、" and "。" not in t
            and parse_date(t) is None and not _DOCNO_LINE.match(t) and width(t) <= 80)


def _title_lines_ok(texts: list[str]) -> bool:
    """Lines that form a title: they end in a 文种 and open with 关于 -- or,
    for a title such as 公告 / 某某县人民政府令, are short and unpunctuated."""
    joined = squash("".join(texts))
    if not title_kind(joined):
        return False
    if "关于" in texts[0]:
        return True
    return len(texts) <= 2 and all(width(t) <= 20 and not re.search(r"[，、：；。,:;]", t) for t in texts)


def _find_head(vis: list[Line], a: int, floor: int) -> _Head | None:
    """The head around the document number at visible index ``a``; ``floor``
    is the first visible index the head may reach up to."""
    number = normalise_doc_number(_DOCNO_LINE.match(vis[a].text.strip()).group(1))
    reg = _REG_RE.search(vis[a].text)
    registration = reg.group(0) if reg else None
    # above: title lines up to the one holding 关于, then issuer / registration lines
    title_idx: list[int] = []
    j = a - 1
    while j >= floor and a - j <= 6 and _head_like(vis[j].text) and not is_org(vis[j].text):
        title_idx.insert(0, j)
        if "关于" in vis[j].text or _REG_LINE.match(vis[j].text.strip()):
            break
        j -= 1
    if title_idx and not _title_lines_ok([vis[i].text for i in title_idx]):
        title_idx = []
    j = (title_idx[0] if title_idx else a) - 1
    above: list[int] = []
    while j >= floor and a - j <= 10:
        t = vis[j].text.strip()
        if is_org(t):
            above.insert(0, j)
        elif _REG_LINE.match(t):
            above.insert(0, j)
            registration = registration or t
        else:
            break
        j -= 1
    orgs_above = [i for i in above if is_org(vis[i].text)]
    head_end = a
    mark_idx: list[int] = []
    if title_idx:
        title_idx = orgs_above + title_idx
    else:
        mark_idx = orgs_above
        # below: [registration] title lines ending in a 文种
        k = a + 1
        if k < len(vis) and _REG_LINE.match(vis[k].text.strip()):
            registration = registration or vis[k].text.strip()
            head_end = k
            k += 1
        below: list[int] = []
        while k < len(vis) and len(below) < 5 and _head_like(vis[k].text):
            below.append(k)
            if title_kind(squash("".join(vis[i].text for i in below))) and not is_org(vis[k].text):
                break
            k += 1
        joined = squash("".join(vis[i].text for i in below))
        if below and title_kind(joined) and ("关于" in joined or len(below) <= 2):
            title_idx = below
            head_end = below[-1]
    if not title_idx and not mark_idx:
        return None
    start = min([*title_idx, *mark_idx, *above, a])
    return _Head(a, number, start, head_end, title_idx, mark_idx, registration)


def _unnumbered_heads(vis: list[Line], heads: list[_Head]) -> list[_Head]:
    """Documents printed without a 发文字号 (e.g. a 人事任免 notice): a title
    (…关于…, ending in a 文种) standing after a finished sentence or a 成文日期,
    followed at once by a 主送机关 line and later by a signature and a date.
    Inside a numbered document such a head counts only after that
    document's own 成文日期 (so the plan a notice prints is not split off)."""
    taken = {i for h in heads for i in range(h.start, h.head_end + 1)}
    starts = sorted(h.start for h in heads)
    found: list[_Head] = []
    i = 0
    while i < len(vis):
        if i in taken or "关于" not in vis[i].text or not _head_like(vis[i].text):
            i += 1
            continue
        title = [i]
        while (not title_kind(squash("".join(vis[k].text for k in title))) and len(title) < 4
               and title[-1] + 1 < len(vis) and title[-1] + 1 not in taken and _head_like(vis[title[-1] + 1].text)):
            title.append(title[-1] + 1)
        k = title[-1]
        nxt = next((s for s in starts if s > k), len(vis))
        recipients, rec_end = _recipients(vis, k + 1, nxt)
        above = []
        j = i - 1
        while j >= 0 and j not in taken and is_org(vis[j].text):
            above.insert(0, j)
            j -= 1
        before = vis[j].text.strip() if j >= 0 else ""
        prev = [h for h in heads if h.start < i]
        ok = (title_kind(squash("".join(vis[t].text for t in title))) is not None and recipients is not None
              and not any(_DOCNO_LINE.match(vis[n].text.strip()) for n in range(max(0, i - 3), min(len(vis), k + 4)))
              and (j < 0 or j in taken or _ends_sentence(before) or parse_date(before) is not None or "\t" in before)
              and (not prev or _signature_date(vis, prev[-1].head_end + 1, i)[2] >= 0)
              and bool(_signature_date(vis, rec_end + 1, nxt)[1]))
        if ok:
            found.append(_Head(k, None, min([*above, i]), k, [*above, *title], [], None))
            i = k + 1
        else:
            i += 1
    return found


def _near_title(vis: list[Line], a: int) -> bool:
    """A document number stands near a title, not inside a sentence."""
    if a > 0 and vis[a - 1].text.rstrip()[-1:] in "（(《":
        return False
    if a + 1 < len(vis) and vis[a + 1].text.lstrip()[:1] in "）)》":
        return False
    for j in range(max(0, a - 6), min(len(vis), a + 7)):
        t = squash(vis[j].text)
        if j != a and _head_like(t) and ("关于" in t or title_kind(t)):
            return True
    return False


# --- paragraphs -------------------------------------------------------------

def column_width(vis: list[Line]) -> float:
    """The printed width of a full line when the text was wrapped to a
    narrow column (two-column PDFs), 0 when lines are whole paragraphs."""
    text = [l.text for l in vis if "\t" not in l.text and width(l.text) >= 8]
    if len(text) < 40:
        return 0.0
    open_ended = sum(1 for t in text if not _ends_sentence(t)) / len(text)
    ws = sorted(width(t) for t in text)
    w = ws[int(len(ws) * 0.75)]
    return w if w <= 40 and open_ended > 0.6 else 0.0


def _ends_sentence(text: str) -> bool:
    t = text.rstrip()
    if t[-1:] in ("：", ":", "；", ";") and t.count("（") + t.count("(") > t.count("）") + t.count(")"):
        return False  # inside a bracket: （牵头单位： | 县整治办；责任单位：…）
    return bool(t) and (t[-1] in _END_PUNCT or t[-2:] in ("。”", "！”", "？”")
                        or _ATTRIBUTION.search(t) is not None)


def _standalone(text: str, raw: str) -> bool:
    """A line that is a block of its own: a table row, date, number, signature ..."""
    t = text.strip()
    return ("\t" in t or parse_date(t) is not None or _DOCNO_LINE.match(t) is not None
            or _REG_LINE.match(t) is not None or _ATTACH_LABEL.match(t) is not None or is_org(t)
            or raw.lstrip().startswith(("#", "- ", "* ", "+ "))  # markdown heading / list item
            or not (re.search(rf"[{_CJK}]", t) or _ends_sentence(t))  # a bare number: a table cell
            or re.match(r"^[（(][^（()）]*[）)]$", t) is not None)  # (此件公开发布)


def body_blocks(vis: list[Line], title_lines: set[int] | None = None, col: float | None = None) -> list[Block]:
    """Readable blocks of a document's visible lines (no blank, no furniture).

    ``title_lines`` (indices into vis) are joined into one block; ``col`` is
    the column width of a wrapped text (see column_width; measured on vis
    when not given)."""
    title_lines = title_lines or set()
    col = column_width(vis) if col is None else col
    widths = [width(l.text) for l in vis]
    alone = [_standalone(l.text, l.raw) for l in vis]

    def short(i: int) -> bool:
        return col > 0 and widths[i] < 0.75 * col

    def cell(i: int) -> bool:  # a short line followed by another: a flattened table cell
        if i + 1 == len(vis):  # the document's last line: a cell only below another cell
            return short(i) and not _ends_sentence(vis[i].text) and i > 0 and short(i - 1)
        if not short(i) or _ends_sentence(vis[i].text):
            return short(i) and not _ends_sentence(vis[i].text)
        nxt = vis[i + 1].text
        return "\t" in nxt or (short(i + 1) and not numbered_level(nxt))

    levels = [numbered_level(l.text) if "\t" not in l.text else 0 for l in vis]

    def heading_shape(i: int) -> bool:
        t = vis[i].text.strip()
        if not levels[i] or _ends_sentence(t) or "。" in t or width(t) > 40:
            return False
        if vis[i].raw.lstrip().startswith("#"):
            return True
        return not _has_comma(t) and (col == 0 or (short(i) and not cell(i)))

    siblings: dict[int, list[int]] = {}
    place: dict[int, int] = {}
    for i, lv in enumerate(levels):
        if lv:
            place[i] = len(siblings.setdefault(lv, []))
            siblings[lv].append(i)

    def heading_like(i: int) -> bool:
        """Heading-shaped, and so is a neighbouring sibling item: items of
        one list are headings or paragraphs alike (a paragraph item broken at
        a page end looks like a heading on its own) -- or an item of a deeper
        level follows at once (（二）2023年重点监测民生项目 | 1.扩大…)."""
        return heading_shape(i) and (sibling_heading(i) or (i + 1 < len(vis) and levels[i + 1] > levels[i]))

    def sibling_heading(i: int) -> bool:
        if not levels[i]:
            return False
        same, k = siblings[levels[i]], place[i]
        near = [same[j] for j in (k - 1, k + 1) if 0 <= j < len(same)]
        if not near or vis[i].raw.lstrip().startswith("#"):
            return True
        return any(not (_ends_sentence(t) or "。" in t) or _heading_text(t) for t in (lead(j) for j in near))

    def lead(j: int) -> str:
        """A numbered line, with the next line when the column cut it: (五)加强…其他对外管 | 理服务信息公开。通过…"""
        t = vis[j].text.strip()
        if col > 0 and not short(j) and not _ends_sentence(t) and j + 1 < len(vis) \
                and not (levels[j + 1] or alone[j + 1]):
            t += vis[j + 1].text.strip()
        return t

    def one_sentence(j: int) -> bool:  # （四）加强规章、规划、行政规范性文件公开。 filling its line
        t = vis[j].text.strip()
        return col > 0 and not short(j) and t.endswith("。") and t.count("。") == 1 and not _has_comma(t)

    def run_in(p: int) -> bool:
        """A numbered sentence filling its line, and the nearest sibling items
        on both sides that are not such sentences are run-in paragraphs
        ((三)紧扣…深化公开。及时、…): a run-in heading the column cut at its
        。, so its paragraph runs on."""
        if not levels[p] or levels[p] < 2 or not one_sentence(p):
            return False
        same, k = siblings[levels[p]], place[p]
        for step in (-1, 1):
            j = k + step
            while 0 <= j < len(same) and one_sentence(same[j]):
                j += step
            if not 0 <= j < len(same):
                return False
            t = lead(same[j])
            if not (_has_comma(t) or re.search(r"。.", t)):
                return False
        return True

    def full_width_heading(i: int) -> bool:
        """A numbered heading the column cut exactly at its end, so it is as
        wide as the text lines: heading-shaped but for its width, brackets
        and quotes closed, no wider than the line below; a neighbouring
        sibling stands alone as a heading; and the line below opens a new
        sentence -- its first clause ends in a comma (a heading's own tail
        holds none; a run-in heading's tail ends in 。)."""
        t = vis[i].text.strip()
        if (col == 0 or not levels[i] or short(i) or i + 1 == len(vis) or _ends_sentence(t) or "。" in t
                or _has_comma(t) or not _closed(t) or widths[i] > max(col, widths[i + 1])):
            return False
        nxt = vis[i + 1].text.strip()
        clause = re.search(r"[，,。；;：:！？]", nxt)
        if levels[i + 1] or alone[i + 1] or not clause or clause.group(0) not in "，," or clause.start() < 4:
            return False
        same, k = siblings[levels[i]], place[i]
        return any(stands_alone(same[j]) for j in (k - 1, k + 1) if 0 <= j < len(same))

    def stands_alone(j: int) -> bool:
        """A heading on a line of its own: heading-like, or heading text
        followed at once by an item of a deeper level."""
        t = vis[j].text.strip()
        return heading_like(j) or (_heading_text(t) and "。" not in t and j + 1 < len(vis)
                                   and levels[j + 1] > levels[j])

    def heading_alone(i: int) -> bool:
        return heading_like(i) or full_width_heading(i)

    # fixed groups: the document title, and a title standing right after a
    # date, a signature or an 附件N label (one to three lines, ending in a
    # 文种 / 方案 / 清单 ...), each joined into one block of its own
    fixed = {i: -1 for i in title_lines}
    for k in range(len(vis)):
        if k in fixed or not (k == 0 or (k - 1 not in title_lines and "\t" not in vis[k - 1].text
                                         and alone[k - 1])):
            continue
        run: list[int] = []
        for n in range(k, min(k + 3, len(vis))):
            t = vis[n].text
            if n in fixed or not _head_like(t) or alone[n] or numbered_level(t):
                break
            run.append(n)
            if _title_like("".join(vis[r].text.strip() for r in run)):
                fixed.update({r: k for r in run})
                break

    def attribution(i: int) -> bool:
        """A line opening the bracket that names who leads (（责任单位：…, （县住建局牵头，…）), the
        bracket possibly closing a few lines on (（县科技工信局、县发改局、… | …等按职责分工负责）)."""
        t = vis[i].text.strip()
        if _ATTRIBUTION_LINE.match(t):
            return True
        if not t.startswith(("（", "(")) or levels[i]:
            return False
        text = ""
        for k in range(i, min(i + 6, len(vis))):
            text += vis[k].text.strip()
            if re.search(r"[）)]", text):
                break
        return bool(re.match(r"^[（(][^（()）]*(?:牵头|负责|责任单位)[^（()）]*[）)]", text))

    def member(i: int) -> bool:
        """A member line, with or without its role (副组长：李文林 县委常委、…)."""
        return _member_name(vis[i]) is not None

    def runs_on(group: list[int], p: int) -> bool:
        """In wrapped text, line p continues a paragraph (the group's second
        line or later), is a full line and ends in a character, not a mark:
        the paragraph runs on into the next line whatever that starts with."""
        return (col > 0 and len(group) >= 2 and not short(p) and not alone[p]
                and re.search(rf"[{_CJK}]$", vis[p].text.strip()) is not None)

    groups: list[list[int]] = []
    for i, line in enumerate(vis):
        t = line.text.strip()
        if groups:
            p = groups[-1][-1]
            pt = "".join(vis[j].text.strip() for j in groups[-1])
            if p in fixed or i in fixed:
                join = fixed.get(p, -2) == fixed.get(i, -3)
            else:
                join = (
                    not (_ends_sentence(pt) or alone[p] or heading_alone(p) or short(p)
                         or (col == 0 and _title_like(pt))
                         or (col == 0 and _in_list(vis, p, i) and not _title_like(pt + t)))
                    and not (alone[i] or numbered_level(t) or t[:1] in _CIRCLED or _LABEL_LINE.match(t)
                             or cell(i) or member(i)))
                if member(groups[-1][0]):
                    # a member's post runs on only as a short tail: …县人民政 | 府县长, 县委常委、| 县委统战部部长
                    join = (short(i) and not (member(i) or _LABEL_LINE.match(t) or alone[i] or levels[i])
                            and (pt.endswith("、") or not short(p)) and not _ends_sentence(pt))
                if not join and attribution(i) and not alone[p] and "\t" not in t:
                    join = True
                if not join and len(groups[-1]) == 1 and run_in(p) and not (alone[i] or levels[i] or cell(i)):
                    join = True
                if not join and levels[i] and not alone[i] and runs_on(groups[-1], p):
                    join = True  # 多测合 | 一、分阶段施工许可: a numeral the column cut off, no item
            if join:
                groups[-1].append(i)
                continue
        groups.append([i])

    blocks: list[Block] = []
    for g in groups:
        text = "".join(_member_text(vis[i]) if i == g[0] else vis[i].text.strip() for i in g)
        first = vis[g[0]].text.strip()
        kind, level = "para", 0
        if (len(g) == 1 and heading_alone(g[0])) or (
                _heading_text(text) and sibling_heading(g[0]) and not (len(g) == 1 and cell(g[0]))):
            kind, level = "heading", numbered_level(first)
        blocks.append(Block(kind, text, level, vis[g[0]].no, vis[g[-1]].no))
    return _label_attachments(blocks)


def _member_name(line: Line) -> str | None:
    """The name on a member line (副组长：李文林 县委常委、… -> 李文林), None if none."""
    m = _MEMBER_LINE.match(_ROLE.sub("", normalise_text(line.raw, squash_spaces=False)))
    if not m or "\t" in line.text or "。" in line.text:
        return None
    return re.sub(r"\s+", "", m.group(1))


def _member_text(line: Line) -> str:
    """A member line keeps the space between name and post: 组长：彭武学 县委书记."""
    t = line.text.strip()
    name = _member_name(line)
    if name is None:
        return t
    role = _ROLE.match(t)
    at = role.end() if role else 0
    if not t[at:].startswith(name):
        return t
    return f"{t[:at + len(name)]} {t[at + len(name):]}"


_TITLE_END = re.compile(rf"(?:{'|'.join(KINDS)}|清单|名单|目录|表|规划|制度|预案|说明|小组)$")


def _title_like(text: str) -> bool:
    """A title standing alone: ends in a 文种 or 方案/清单/表 ... (a bracket such
    as （2023—2025） may follow), no comma, no open quote."""
    t = text.strip()
    core = re.sub(r"[（(][^（()）]*[）)]$", "", t)
    return (bool(_TITLE_END.search(core)) and not _has_comma(t) and "。" not in t and width(t) <= 60
            and t.count("《") == t.count("》") and t.count("“") == t.count("”"))


def _in_list(vis: list[Line], p: int, i: int) -> bool:
    """In whole-paragraph text, short lines one after another are a list
    (names, members), not a paragraph broken at a page end."""
    def short_open(k: int) -> bool:
        t = vis[k].text if 0 <= k < len(vis) else ""
        return (bool(t) and width(t) < 30 and not _ends_sentence(t) and not numbered_level(t)
                and not _has_comma(t))  # a comma: a sentence broken off, no list entry
    return short_open(p) and (short_open(i) or short_open(p - 1))


def _closed(text: str) -> bool:
    """Every bracket and quote opened in the text is closed in it."""
    return all(text.count(a) == text.count(b) for a, b in ("（）", "()", "《》", "“”", "〔〕", "【】"))


def _has_comma(text: str) -> bool:
    return "，" in text or "," in text


def _heading_text(text: str) -> bool:
    """A numbered paragraph that is a heading: short, no comma, and no
    sentence end -- or, for 一、 and （一）, a single short sentence."""
    level = numbered_level(text)
    if not level or "\t" in text or _has_comma(text) or width(text) > 40:
        return False
    if not _ends_sentence(text) and "。" not in text:
        return True
    return level <= 2 and text.endswith("。") and text.count("。") == 1 and width(text) <= 30


def _label_attachments(blocks: list[Block]) -> list[Block]:
    """附件N + its title -> one level-1 heading; items of an 附件： list -> paragraphs."""
    out: list[Block] = []
    in_list = False
    for b in blocks:
        if out and out[-1].kind == "heading" and out[-1].level == 1 and _ATTACH_LABEL.match(out[-1].text) \
                and b.kind != "table" and "\t" not in b.text and not numbered_level(b.text):
            label = out.pop()
            out.append(Block("heading", f"{squash(label.text)} {b.text}", 1, label.line_start, b.line_end))
            continue
        if _ATTACH_LABEL.match(b.text):
            b = Block("heading", b.text, 1, b.line_start, b.line_end)
            in_list = False
        elif _ATTACH_LIST.match(b.text):
            in_list = True
        elif in_list and _ITEM_NO.match(b.text):
            b = Block("para", b.text, 0, b.line_start, b.line_end)
        else:
            in_list = False
        out.append(b)
    return out


def attachment_titles(blocks: list[Block]) -> list[str]:
    """Titles listed after 附件：(附件说明); failing that, the 附件N headings' titles."""
    titles: list[str] = []
    for i, b in enumerate(blocks):
        m = _ATTACH_LIST.match(b.text)
        if not m:
            continue
        first = m.group(1).strip()
        if first:
            titles.append(first)
        for nb in blocks[i + 1:]:
            if not _ITEM_NO.match(nb.text) or "\t" in nb.text:
                break
            titles.append(nb.text)
        if titles:
            break
    if not titles:
        for b in blocks:
            if b.kind == "heading" and _ATTACH_LABEL.match(b.text.split(" ")[0]) and " " in b.text:
                titles.append(b.text.split(" ", 1)[1])
    out = []
    for t in titles:
        t = squash(_ITEM_NO.sub("", t)).rstrip("。；;")
        if t and t not in out:
            out.append(t)
    return out


# --- the split --------------------------------------------------------------

def _recipients(vis: list[Line], k: int, stop: int) -> tuple[str | None, int]:
    """The 主送机关 starting at visible index k (1-3 lines ending in ：)."""
    parts = []
    for j in range(k, min(k + 3, stop)):
        t = vis[j].text.strip()
        if "\t" in t or "。" in t or numbered_level(t) or _standalone(t, vis[j].raw):
            break
        parts.append(t)
        if t.endswith(("：", ":")):
            text = squash("".join(parts))[:-1]
            if _RECIPIENT_WORDS.search(text) and width(text) <= 150 and not re.search(r"如下|决定$", text):
                return text, j
            break
    return None, -1


def _signature_date(vis: list[Line], lo: int, hi: int) -> tuple[str | None, list[str], int]:
    """The first 成文日期 in vis[lo:hi] with the signature lines above it; a
    date with no signature, then a 印发 date, are fallbacks."""
    fallback: tuple[str | None, list[str], int] = (None, [], -1)
    printed: tuple[str | None, list[str], int] = (None, [], -1)
    for j in range(lo, hi):
        t = vis[j].text.strip()
        d = parse_date(t)
        if not d:
            continue
        if t.endswith("印发"):
            if printed[0] is None:
                printed = (d, [], j)
            continue
        sig = []
        s = j - 1
        while s >= lo and j - s <= 4 and is_org(vis[s].text):
            sig.insert(0, squash(vis[s].text))
            s -= 1
        if sig:
            return d, sig, j
        if fallback[0] is None:
            fallback = (d, [], j)
    return fallback if fallback[0] else printed


def _split_issuers(head_text: str, raw_parts: list[str], signature: list[str]) -> list[str]:
    """Issuing bodies from the title head (text before 关于)."""
    if not head_text:
        return []
    if signature and "".join(signature) == head_text:
        return signature
    tokens = [squash(t) for part in raw_parts for t in re.split(r"\s+", part.strip()) if t.strip()]
    if tokens and "".join(tokens) == head_text and all(is_org(t) for t in tokens):
        return tokens
    return [head_text] if is_org(head_text) else []


def split_documents(lines: list[Line], meta: dict) -> tuple[GazetteInfo, list[Document]]:
    """The gazette's own data and its documents, in printed order."""
    file = lines[0].file if lines else "?"
    gid = gazette_id(file, meta)
    # metadata rows may share a line with page furniture (发布日期:… 【字体:大 中 小】)
    portal, meta_nos = portal_metadata([l for l in lines if l.text.strip()])
    vis = [l for l in lines if l.text.strip() and not is_furniture(l) and l.no not in meta_nos]
    if not vis:
        raise InputError(file, "no document text: every line is empty, page furniture or metadata")

    heads: list[_Head] = []
    for a, line in enumerate(vis):
        if not _DOCNO_LINE.match(line.text.strip()) or not _near_title(vis, a):
            continue
        floor = heads[-1].head_end + 1 if heads else 0
        head = _find_head(vis, a, floor)
        if head:
            heads.append(head)
    heads = _drop_contents_entries(vis, sorted(heads + _unnumbered_heads(vis, heads), key=lambda h: h.start))
    if not heads:
        # a portal page, an attached list under its own heading, a notice without a gazette's head:
        # one document, its head whatever the first lines print
        # document text: a sentence, a table row of three cells or more, an attribution (not a table
        # of contents, whose rows are a title and a page number)
        if not any("。" in l.text or l.text.count("\t") >= 2 or _ATTRIBUTION_LINE.match(l.text.strip()) for l in vis):
            raise InputError(file, "no document text: no sentence, table or 发文字号 near a title (a cover or a "
                                   "table of contents only?)", vis[0].no)
        heads = [_page_head(vis)]
    seen: dict[str, int] = {}
    for h in heads:
        if h.number is None:
            continue
        if h.number in seen:
            raise InputError(file, f"two documents carry the number {h.number}: lines {seen[h.number]} and "
                                   f"{vis[h.anchor].no}", vis[h.anchor].no)
        seen[h.number] = vis[h.anchor].no

    starts = [h.start for h in heads]
    ends = [s - 1 for s in starts[1:]] + [len(vis) - 1]
    _move_orphan_bodies(vis, heads, starts, ends)

    front = vis[: starts[0]]
    toc_regs = {}
    for l in front:
        for m in re.finditer(rf"({DOCNO})\s*({REG})", l.text):
            toc_regs[normalise_doc_number(m.group(1))] = m.group(2)

    info = _gazette_info(front, [l for l in lines if is_furniture(l)], meta)
    col = column_width(vis)
    docs = []
    for n, (h, s, e) in enumerate(zip(heads, starts, ends)):
        docs.append(_document(vis, h, s, e, gid, toc_regs, col, portal if n == 0 else {}))
    jurisdiction = info.jurisdiction or _majority_jurisdiction(docs)
    info.jurisdiction = jurisdiction
    for d in docs:
        d.jurisdiction = jurisdiction
    return info, docs


def _drop_contents_entries(vis: list[Line], heads: list[_Head]) -> list[_Head]:
    """A head followed by neither a 主送机关 nor a date before the next head,
    and either printed again further on or followed at once by the next head,
    is an entry of a table of contents (title and number printed without
    brackets), not a document."""
    kept = []
    for n, h in enumerate(heads):
        if not h.number or n + 1 == len(heads):
            kept.append(h)
            continue
        nxt = heads[n + 1].start
        again = any(o.number == h.number for o in heads[n + 1:]) or nxt - h.head_end <= 2
        if again and _recipients(vis, h.head_end + 1, nxt)[0] is None \
                and _signature_date(vis, h.head_end + 1, nxt)[2] < 0:
            continue
        kept.append(h)
    return kept


def _move_orphan_bodies(vis: list[Line], heads: list[_Head], starts: list[int], ends: list[int]) -> None:
    """A head followed by no text takes its body back from the lines before
    it: from the last 主送机关 line after the previous document's 成文日期 (or
    in the front matter) that a signature and a date follow."""
    for n, h in enumerate(heads):
        if h.head_end < ends[n]:
            continue
        lo = 0
        if n > 0:
            _, _, prev_date = _signature_date(vis, heads[n - 1].head_end + 1, starts[n])
            if prev_date < 0:
                continue
            lo = prev_date + 1
        for k in range(starts[n] - 1, lo - 1, -1):
            text, last = _recipients(vis, k, starts[n])
            if text and _signature_date(vis, last + 1, starts[n])[1]:
                starts[n] = k
                if n > 0:
                    ends[n - 1] = k - 1
                break


def _document(vis: list[Line], h: _Head, s: int, e: int, gid: str, toc_regs: dict, col: float,
              portal: dict | None = None) -> Document:
    """One document; ``portal``: the metadata rows of the page it stands on (its first document)."""
    portal = portal or {}
    if h.number is None and portal.get("doc_number"):
        h.number = portal["doc_number"]
    title_text = h.title_text or squash("".join(vis[i].text for i in h.title_idx))
    title = portal.get("title") or title_text or h.number or _first_words(vis[s].text)
    head_text = title_text.split("关于", 1)[0] if "关于" in title_text else ""

    # 主送机关: right after the head, or (body printed before its head) first in the document
    recipients = _recipients(vis, h.head_end + 1, e + 1)[0]
    if recipients is None and s < h.start:
        recipients = _recipients(vis, s, h.start)[0]
    date, signature, date_at = _signature_date(vis, s, e + 1)
    if date_at >= 0 and vis[date_at].text.strip().endswith("印发"):
        date = None  # only the 版记's printing date is printed

    raw_parts = []
    for i in h.title_idx:
        raw_parts.append(vis[i].raw.split("关于", 1)[0] if "关于" in vis[i].raw else vis[i].raw)
        if "关于" in vis[i].text:
            break
    issuers = _split_issuers(head_text, raw_parts if head_text else [], signature)
    if not issuers:
        issuers = signature or [squash(vis[i].text) for i in h.mark_idx] or (
            [portal["issuer"]] if portal.get("issuer") else [])
    if portal.get("issuer"):
        # the metadata's 发文机关 says it outright (嘉鱼县人民政府办公室 where the title prints 县人民政府办公室,
        # 国务院办公厅 where it prints 国务院办公厅转发国家地震局)
        issuers = [portal["issuer"]]
    if portal.get("date"):
        date = portal["date"]

    doc_vis = vis[s: e + 1]
    title_lines = {i - s for i in h.title_idx}
    head = {vis[i].no for i in range(h.start, h.head_end + 1)}
    blocks = [b for b in body_blocks(doc_vis, title_lines, col) if not _inside(b, head)]
    cites = []
    for b in blocks:
        for c in cited_numbers(b.text):
            if c != h.number and c not in cites:
                cites.append(c)
    registration = h.registration or toc_regs.get(h.number or "")
    if h.number:
        doc_id = ids.doc_number_id(h.number)
    else:
        key = title.split("关于", 1)[-1]
        doc_id = f"{gid}-{date or 'undated'}-{_initials(key)}"
    return Document(
        id=doc_id, doc_number=h.number, title=title, kind=title_kind(title), issuers=issuers,
        recipients=recipients, date=date, registration=registration, gazette=gid, jurisdiction="",
        attachments=attachment_titles(blocks), cites=cites, body=blocks,
        source=Source(vis[s].file, vis[s].no, vis[e].no),
        index_no=portal.get("index_no"), topic=portal.get("topic"), published=portal.get("published"))


def _inside(block: Block, head: set[int]) -> bool:
    """A block made only of document-head lines (head: their line numbers;
    blank and furniture lines in between are never blocks' own lines)."""
    return block.line_start in head and block.line_end in head


# --- portal pages -----------------------------------------------------------

# the metadata rows of a 政府信息公开 page: label -> Document field (None: read and set aside)
PORTAL_LABELS = {
    "索引号": "index_no", "主题分类": "topic", "发文机关": "issuer", "发布机构": "issuer", "发文单位": "issuer",
    "发布单位": "issuer", "成文日期": "date", "发文日期": "date", "发布日期": "published", "发布时间": "published",
    "公开日期": "published", "时间": "published", "标题": "title", "名称": "title", "文件名称": "title",
    "发文字号": "doc_number", "文号": "doc_number", "文件编号": "doc_number", "组配分类": None, "分类": None,
    "体裁分类": None, "有效性": None, "效力状态": None, "公文种类": None, "来源": None, "信息来源": None,
    "浏览次数": None, "浏览量": None, "点击量": None, "点击数": None, "字体": None, "作者": None, "编辑": None,
    "责任编辑": None, "统一编号": None, "登记号": None, "生成日期": "date", "实施日期": None, "废止日期": None,
    "公开范围": None, "公开方式": None, "公开形式": None, "公开时限": None, "信息类别": None, "信息分类": None,
    "文种": None, "政策咨询机关": None, "政策咨询电话": None, "所属机构": None, "关键词": None, "主题词": None,
}
_PORTAL_LABEL = re.compile(
    r"(?:^|(?<=[\s|｜\]】]))[\[【]?\s*(" + "|".join(r"\s*".join(map(re.escape, k)) for k in
                                               sorted(PORTAL_LABELS, key=len, reverse=True))
    + r")\s*[\]】]?\s*(?:[：:|｜]|\s|$)")
_ISO_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


def _meta_value(field: str, value: str) -> str | None:
    v = re.split(r"\s*[|｜]\s*", value.strip(" \t|｜[]【】：:"))[0].strip(" \t[]【】：:")  # one cell
    if not v or v in ("无", "—", "-", "/"):
        return None
    if field in ("date", "published"):
        m = _ISO_DATE.search(v)
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else None
    if field == "doc_number":
        m = _DOCNO_RE.search(normalise_text(v))
        return normalise_doc_number(m.group(0)) if m else None
    v = squash(normalise_text(v))
    if field == "title":  # 江政办〔2020〕2号 区人民政府办公室关于…: the number printed before the title is no part of it
        v = re.sub(rf"^{DOCNO}\s*", "", v) or v
    return v


def portal_metadata(vis: list[Line]) -> tuple[dict, set[int]]:
    """The metadata rows a portal page prints above the document (索引号 | … |, [ 发文字号 ] | … |,
    spaced labels two to a line: 文    号 X政办〔2024〕1号): the fields they fill (first value of each)
    and the numbers of their lines.  Rows are read from the top of the page, up to the first line of
    document text (a 主送机关, a numbered item, a sentence)."""
    fields: dict[str, str] = {}
    taken: set[int] = set()
    for line in vis[:60]:
        # the row as printed with its spaces (they part labels from values), glosses and tags removed
        raw = fold(printed_text(line.raw, squash_spaces=False)).strip().lstrip("•·●◆■▪- ")
        found = list(_PORTAL_LABEL.finditer(raw))
        if not found or found[0].start() > 1:
            t = line.text.strip()
            if taken and (t.endswith(("：", ":")) or numbered_level(t) or "。" in t):
                break
            continue
        taken.add(line.no)
        for n, m in enumerate(found):
            label = re.sub(r"\s+", "", m.group(1))
            field = PORTAL_LABELS[label]
            end = found[n + 1].start() if n + 1 < len(found) else len(raw)
            value = _meta_value(field, raw[m.end():end]) if field else None
            if field and value and field not in fields:
                fields[field] = value
    return fields, taken


def _page_head(vis: list[Line]) -> _Head:
    """The head of a page that prints no gazette head: a 发文字号 standing alone (or with the title in
    《》 after it) in its first lines, and the first title-shaped line (…的通知, …责任分解（2023年）,
    《…》政策解读); either may be missing."""
    number, anchor, title_idx, title_text = None, 0, [], None
    for k, line in enumerate(vis[:8]):
        t = line.text.strip()
        m = re.match(rf"^({DOCNO})\s*(?:《(.+)》)?$", t)
        if m and number is None:
            number, anchor = normalise_doc_number(m.group(1)), k
            if m.group(2):
                title_idx, title_text = [k], squash(m.group(2))
            continue
        if _ends_sentence(t) or t.endswith(("：", ":")):
            break  # the document text begins
        if title_idx or parse_date(t):
            continue
        inner = re.match(r"^《(.+)》$", t)
        # a portal's title line with the document's number after it: 2021年县政府重点工作任务（华政发〔2021〕2号）
        numbered = re.match(rf"^(.+?)[（(]\s*({DOCNO})\s*[）)]$", t)
        if numbered and number is None and _page_title(numbered.group(1)):
            number, anchor = normalise_doc_number(numbered.group(2)), k
            title_idx, title_text = [k], squash(numbered.group(1))
        elif inner or _page_title(t):
            title_idx, title_text = [k], squash(inner.group(1) if inner else t)
            if number is None:
                anchor = k
    head_end = max([anchor, *title_idx]) if (number or title_idx) else -1
    if head_end < 0:
        return _Head(0, None, 0, -1, [], [], None, None)
    return _Head(anchor, number, 0, head_end, title_idx, [], None, title_text)


_PAGE_TITLE_END = re.compile(rf"(?:{'|'.join(KINDS)}|清单|名单|目录|表|规划|分解|分工|解读|任务|安排|台账)$")


def _page_title(text: str) -> bool:
    """A title printed alone at the top of a page: no sentence, ends in a 文种 or a list's name (a
    bracket such as （2023年） may follow)."""
    core = re.sub(r"[（(][^（()）]*[）)]$", "", text.strip())
    return (bool(_PAGE_TITLE_END.search(core)) and "。" not in text and width(text) <= 80
            and not re.search(r"[，,；;]", text) and text.count("《") == text.count("》"))


def _first_words(text: str) -> str:
    """A title for a document that prints none: its first words."""
    t = squash(text)
    return t if width(t) <= 30 else t[:28] + "…"


# --- the gazette ------------------------------------------------------------

_ISSUE = re.compile(r"((?:19|20)\d{2})\s*年\s*第\s*(\d{1,3})\s*期(?:\s*[（(]\s*总第\s*(\d{1,4})\s*期\s*[）)])?")
_GAZETTE_TITLE = re.compile(rf"([{_CJK}]{{2,20}}?(?:人民政府|政府)公报)")
_PUBLISHED = re.compile(r"(?:((?:19|20)\d{2})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*出版")


def _gazette_info(front: list[Line], furniture: list[Line], meta: dict) -> GazetteInfo:
    """Title, issue and date as the front matter (cover, contents) or the
    running heads print them; the sidecar's values win."""
    title = issue = published = None
    year = None
    for source in (front, furniture):
        for l in source:
            t = l.text.strip()
            if title is None:
                m = _GAZETTE_TITLE.search(t)
                if m and (source is furniture or m.group(1) == t):
                    title = m.group(1)
            if issue is None:
                m = _ISSUE.search(t)
                if m:
                    issue = f"{m.group(1)}年第{m.group(2)}期" + (f"（总第{m.group(3)}期）" if m.group(3) else "")
                    year = int(m.group(1))
    for l in front:
        t = l.text.strip()
        m = _PUBLISHED.search(t)
        if m and (m.group(1) or year):
            published = f"{int(m.group(1) or year):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
            break
        if published is None and parse_date(t) and not t.endswith("印发"):
            published = parse_date(t)
    title = meta.get("title") or title
    issue = meta.get("issue") or issue
    published = meta.get("published") or published
    jurisdiction = meta.get("jurisdiction") or ""
    if not jurisdiction and title:
        jurisdiction = re.sub(r"(?:人民政府|政府)公报$", "", title)
    return GazetteInfo(title, issue, published, jurisdiction)


def jurisdiction_of(org: str) -> str | None:
    """中共泸溪县委办公室 -> 泸溪县; 汨罗市人民政府办公室 -> 汨罗市."""
    m = _JURISDICTION.match(org)
    return m.group(1) if m else None


def _majority_jurisdiction(docs: list[Document]) -> str:
    counts: dict[str, int] = {}
    for d in docs:
        for org in d.issuers:
            j = jurisdiction_of(org)
            if j:
                counts[j] = counts.get(j, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else ""
