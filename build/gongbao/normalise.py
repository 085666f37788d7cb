"""Normalise pass: raw gazette lines -> :class:`Line` records.

Every later pass works on ``Line.text``; ``Line.raw`` keeps the line as the
file prints it.  Normalising never joins or drops lines, so line numbers stay
the source's own.  Lines that are page furniture (running heads, page
numbers, the 发布政令 banner) are flagged, not removed.
"""
from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter
from dataclasses import dataclass

from .read import RawGazette


@dataclass(frozen=True)
class Line:
    file: str  # repository-relative path of the gazette file
    no: int  # 1-based line number in that file
    raw: str  # the line as printed, without its newline
    text: str  # normalised text (see normalise_text), in simplified characters
    furniture: bool = False  # running head, page number, banner
    printed: str = ""  # the normalised text in the characters printed, where they differ from ``text``
    # the cells as printed of a table row printed with pipes, box-drawing bars or only spaces between its
    # cells (tab rows keep their cells in ``raw``); ``text`` holds them joined by tabs
    cells: tuple[str, ...] | None = None


_MD_PREFIX = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+(?=\S))")
_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_YEAR_BRACKET = re.compile(r"[\[［〔﹝（(【]\s*((?:19|20)\d{2})\s*[\]］〕﹞）)】]")
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_CJK_PUNCT = r"\u3000-\u303f\uff00-\uffef"
# a space between two CJK characters (or CJK and full-width punctuation) is an
# extraction artefact, never meaningful in running text
_CJK_SPACE = re.compile(rf"(?<=[{_CJK}{_CJK_PUNCT}]) +(?=[{_CJK}{_CJK_PUNCT}])")
_DOCNO_SPACE = re.compile(r"(〔\d{4}〕)\s*(\d+)\s*号")

_HALF_TO_FULL = {"(": "（", ")": "）", ":": "：", ";": "；", "?": "？", "!": "！"}


@functools.lru_cache(maxsize=262144)
def normalise_text(raw: str, squash_spaces: bool = True) -> str:
    """The parsing form of one line: :func:`printed_text` in simplified characters."""
    return fold(printed_text(raw, squash_spaces))


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s.json")


@functools.lru_cache(maxsize=65536)
def _fold_char(c: str) -> str:
    s = _t2s().convert(c)
    return s if len(s) == 1 else c


@functools.lru_cache(maxsize=262144)
def fold(text: str) -> str:
    """Traditional characters as simplified ones (OpenCC's t2s), one character for one, so positions
    in the folded text are positions in the text as printed.  Simplified text is left as it is."""
    if text.isascii():
        return text
    s = _t2s().convert(text)
    return s if len(s) == len(text) else "".join(_fold_char(c) for c in text)


_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# a mirror's pinyin gloss after a character: 發(fā), 現(xiàn)
_GLOSS = re.compile(rf"(?<=[\u3400-\u9fff])[(（]\s*([a-zü{_TONE}]{{1,7}})\s*[)）]")


@functools.lru_cache(maxsize=262144)
def printed_text(raw: str, squash_spaces: bool = True) -> str:
    """One line as printed, made regular:

    - pinyin glosses a mirror adds (發(fā)) removed;
    - markdown heading/list/bold markers and HTML tags removed;
    - half-width brackets and colons next to CJK text made full-width;
    - the year bracket of a document number unified to 〔〕;
    - spaces between CJK characters removed (not tabs: they separate cells).
    """
    s = raw.replace("\ufeff", "").replace("\u00a0", " ").replace("\u3000", " ")
    s = _GLOSS.sub(lambda m: "" if any(c in _TONE for c in m.group(1)) else m.group(0), s)
    s = _MD_PREFIX.sub("", s)
    s = s.replace("**", "")
    s = _HTML_TAG.sub(" ", s)
    s = re.sub(r"[(（]\s*(?=[" + _CJK + r"])", "（", s)
    s = "".join(_HALF_TO_FULL.get(c, c) if c in _HALF_TO_FULL and _cjk_near(s, i) else c
                for i, c in enumerate(s))
    s = _YEAR_BRACKET.sub(lambda m: m.group(0) if _not_docno(s, m) else f"〔{m.group(1)}〕", s)
    s = _DOCNO_SPACE.sub(r"\1\2号", s)
    if squash_spaces:
        s = "\t".join(_CJK_SPACE.sub("", cell) for cell in s.split("\t"))
    return s.rstrip()


def _cjk_near(s: str, i: int) -> bool:
    """True if a CJK character or full-width mark stands within two places of i."""
    window = s[max(0, i - 2): i] + s[i + 1: i + 3]
    return re.search(rf"[{_CJK}{_CJK_PUNCT}]", window) is not None


def _not_docno(s: str, m: re.Match) -> bool:
    """A bracketed year is a 发文字号 year only when a CJK prefix precedes it
    and a number + 号 follows (湘政办发[2023]2号)."""
    before = s[: m.start()]
    after = s[m.end():]
    return not (re.search(rf"[{_CJK}]\s*$", before) and re.match(r"\s*\d+\s*号", after))


_PAGE_NO = re.compile(r"^\s*[-—–－]+\s*\d{1,4}\s*[-—–－]+\s*$|^\s*第\s*\d+\s*页\s*$"
                      r"|^\s*[·•・.]{2,}\s*\d{1,4}\s*$|^\s*\d{1,4}\s*[·•・.]{2,}\s*$")
_BANNER = {"发布政令", "公开政务", "指导工作", "服务社会"}
_GAZETTE_HEAD = re.compile(r"人民政府公报\s*$|^\d{4}\s*年\s*第\s*\d+\s*期")
_ISSUE = r"\d{4}\s*年\s*第\s*\d+\s*期(?:\s*（\s*总第\s*\d+\s*期\s*）)?"
# the gazette's name and issue together on one line, in either order: a running head wherever it stands
_RUNNING_HEAD = re.compile(rf"^[{_CJK}]{{2,20}}公报\s*{_ISSUE}$|^{_ISSUE}\s*[{_CJK}]{{2,20}}公报$")


# a portal page's furniture: breadcrumbs, accessibility links, font size, share and print buttons, credits
_PORTAL_FURNITURE = re.compile(
    r"^[•·\s]*(?:当前位置|您现在所在的位置|您的位置|所在位置|现在位置)\s*[：:]|首页\s*(?:>|＞|>>|»)|"
    r"^[•·\s]*(?:无障碍(?:浏览)?|长辈版|长者模式|适老版|返\s*回|打印本页|关闭窗口|返回顶部|全文|分享到[：:]?.*|【打印】.*)\s*$|"
    r"字体\s*[：:]\s*[\[【]|扫一扫在手机|^(?:来源|作者|编辑|责任编辑)\s*[：:][^。]{0,40}(?:作者|编辑)\s*[：:]")


def is_furniture(text: str, repeats: int) -> bool:
    t = text.strip()
    if not t:
        return False
    if _PAGE_NO.match(t) or t in _BANNER or ("\t" not in t and _RUNNING_HEAD.match(t)):
        return True
    if "\t" not in t and len(t) <= 120 and _PORTAL_FURNITURE.search(t):
        return True
    # a running head: a short line naming the gazette that recurs on many pages
    if repeats >= 3 and len(t) <= 40 and "\t" not in t and _GAZETTE_HEAD.search(t):
        return True
    return False


def normalise(gazette: RawGazette) -> list[Line]:
    """All lines of one gazette file, normalised and with furniture flagged."""
    cells = table_cells(gazette.lines)
    if gazette.source_lines is not None:  # a saved page: its TAB rows were read from the table's cells
        cells = [tuple(raw.split("\t")) if c is None and "\t" in raw else c for c, raw in zip(cells, gazette.lines)]
    printed = [("\t".join(printed_text(c) for c in cells[i]) if cells[i] is not None else printed_text(raw))
               for i, raw in enumerate(gazette.lines)]
    # a line holding a cell of a row printed one cell a line: its row is read on the row's first line
    cells = [c if c else None for c in cells]
    texts = [fold(p) for p in printed]
    counts = Counter(t.strip() for t in texts if t.strip())
    return [
        Line(gazette.file, i, raw, text, is_furniture(text, counts[text.strip()]) or _BORDER.match(raw) is not None,
             p if p != text else "", cells[i - 1])
        for i, (raw, text, p) in enumerate(zip(gazette.lines, texts, printed), start=1)
    ]


# --- tables printed without tabs ----------------------------------------------------------------

_BARS = "|│┃｜║"
_BORDER = re.compile(r"^\s*[|│┃║+:\-─━═┌┐└┘├┤┬┴┼╔╗╚╝╠╣╦╩╬╒╕╘╛╞╡╤╧╪\s]*[\-─━═┌┐└┘├┤┬┴┼╔╗╚╝╠╣╦╩╬]{3,}[|│┃║+:\-─━═┌┐└┘├┤┬┴┼╔╗╚╝╠╣╦╩╬\s]*$")
# a metadata row of a portal page ([ 索引号 ] | … |), read by the split-documents pass, is no table row
_META_CELL = re.compile(r"^[\[【]|[：:]$|^(?:索\s*引\s*号|发文字号|文\s*号|主题分类|发文机关|发布机构|成文日期|发布日期|标\s*题|名\s*称)$")
_ROW_NO = re.compile(r"^\d{1,3}[.．、]?$")


def _bar_cells(raw: str) -> list[str] | None:
    """The cells of a row printed between bars (| a | b |, │ a │ b │)."""
    s = raw.strip()
    if sum(s.count(b) for b in _BARS) < 2 or "\t" in s:
        return None
    parts = [p.strip() for p in re.split(rf"[{_BARS}]", s)]
    if parts and not parts[0]:
        parts = parts[1:]
    if parts and not parts[-1]:
        parts = parts[:-1]
    if len(parts) < 2 or _META_CELL.match(parts[0]):
        return None
    return parts


def _space_header(raw: str) -> list[str] | None:
    """A header row flattened to spaces: every space-separated word a column name (序号 重点任务 牵头单位)."""
    from .grammar import is_column_word

    words = raw.split()
    if len(words) < 3 or "\t" in raw:
        return None
    folded = [fold(w) for w in words]
    return words if all(is_column_word(w) for w in folded) and is_column_word("序号") and \
        any(fold(w) in ("序号", "编号") for w in words[:1]) else None


def _cell_stream(raws: list[str], i: int) -> tuple[list[tuple[str, list[int]]], str] | None:
    """From line i, a header printed one cell a line (序号 | / 重点任务 | …) or one cell a
    blank-line-separated block: the cells from there on (text, line indices) and the layout."""
    from .grammar import is_column_word

    first = raws[i].strip()
    bar = bool(re.fullmatch(rf".*\S\s*[{_BARS}]", first))
    if fold(first.rstrip(_BARS + " ")) not in ("序号", "编号"):
        return None
    cells: list[tuple[str, list[int]]] = []
    k = i
    if bar:  # one cell a line, each ending in a bar; blank lines between them carry nothing
        while k < len(raws):
            t = raws[k].strip()
            if t:
                if t[-1] not in _BARS or sum(t.count(b) for b in _BARS) > 1:
                    break
                cells.append((t[:-1].strip(), [k]))
            k += 1
    else:  # one cell a block of lines, blocks between blank lines
        block: list[int] = []
        while k <= len(raws):
            t = raws[k].strip() if k < len(raws) else ""
            if t and "\t" not in t and sum(t.count(b) for b in _BARS) == 0:
                block.append(k)
            elif block:
                cells.append(("".join(raws[j].strip() for j in block), block))
                block = []
            if k < len(raws) and t and ("\t" in t or any(b in t for b in _BARS)):
                break
            k += 1
    n = 0
    while n < len(cells) and is_column_word(fold(cells[n][0])):
        n += 1
    return (cells, "bar" if bar else "block") if n >= 3 and all(len(c[1]) == 1 for c in cells[:n]) else None


def _stream_rows(cells: list[tuple[str, list[int]]]) -> list[tuple[list[str], list[int]]]:
    """Header and rows of a cell stream: as many cells a row as the header has names; rows go on while
    each opens with its number."""
    from .grammar import is_column_word

    n = 0
    while n < len(cells) and is_column_word(fold(cells[n][0])):
        n += 1
    rows = [([c for c, _ in cells[:n]], [j for _, js in cells[:n] for j in js])]
    k = n
    # a row opens with its number and holds no other bare number (not a table flattened column by column)
    while k + n <= len(cells) and _ROW_NO.match(cells[k][0]) and not any(
            _ROW_NO.match(c) for c, _ in cells[k + 1:k + n]):
        chunk = cells[k:k + n]
        rows.append(([c for c, _ in chunk], [j for _, js in chunk for j in js]))
        k += n
    return rows


def table_cells(raws: list[str]) -> list[tuple[str, ...] | None]:
    """Per line, the cells of a table row printed without tabs: rows between bars, and the rows under a
    header flattened to spaces (序号 重点任务 牵头单位 配合单位 / 1 推进… 县住建局 县财政局、县交通局):
    a numbered line's words, the words between the number and the last columns joined as the task text."""
    out: list[tuple[str, ...] | None] = [None] * len(raws)
    ncols = 0
    skip = -1
    last_row: tuple[int, list[int]] | None = None  # the last space-flattened row: line, where its cells start
    for i, raw in enumerate(raws):
        if i <= skip:
            continue
        stream = _cell_stream(raws, i) if raw.strip() else None
        if stream:
            # a row's cells go on its first line; the lines of its other cells hold nothing more
            for cells, js in _stream_rows(stream[0]):
                out[js[0]] = tuple(cells)
                for j in js[1:]:
                    out[j] = ()
                skip = max(skip, js[-1])
            ncols = 0
            continue
        bar = _bar_cells(raw)
        if bar is not None:
            out[i] = tuple(bar)
            ncols = 0
            continue
        head = _space_header(raw)
        if head:
            out[i], ncols, last_row = tuple(head), len(head), None
            continue
        if not ncols:
            continue
        words = raw.split()
        if not words:
            continue
        if not _ROW_NO.match(words[0]) or len(words) < 2:
            if re.match(r"^[一二三四五六七八九十]+、|^附件", raw.strip()) or _ends_text(raw):
                ncols = 0  # the table has ended
            elif last_row is not None:
                # a line under a row, not numbered: the cells the row's line cut, each word going to
                # the cell printed above it (路提质。      然资源局)
                row, starts = last_row
                cells = list(out[row])
                for m in re.finditer(r"\S+", raw):
                    k = max([n for n, at in enumerate(starts) if at <= m.start() + 1] or [1])
                    cells[k] += m.group(0)
                out[row], out[i] = tuple(cells), ()
            continue
        if len(words) > ncols:  # spaces inside the task text
            keep = ncols - 2
            words = [words[0], " ".join(words[1:len(words) - keep]), *words[len(words) - keep:]]
        out[i] = tuple(words)
        starts, at = [], 0
        for w in words:
            at = raw.index(w.split(" ")[0], at)
            starts.append(at)
            at += len(w.split(" ")[0])
        last_row = (i, starts)
    return out


def _ends_text(raw: str) -> bool:
    """A long sentence: running text after a table, not a line of its cells."""
    return len(raw.strip()) > 60 and "。" in raw and len(raw.split()) <= 2


_KEEP = {"id", "document", "list", "path", "source", "kind", "gazette", "jurisdiction", "row_tasks", "same_as",
         "number", "date", "published", "registration"}


def restore_printed(lines: list[Line], records: list) -> None:
    """Give the records of text printed in traditional characters their text as printed.

    The passes read the simplified form (``Line.text``); every text a record shows is put back into
    the characters the gazette prints, piece by piece where the piece stands in the folded lines."""
    if not any(l.printed for l in lines):
        return
    folded = "\n".join(l.text for l in lines)
    shown = "\n".join(l.printed or l.text for l in lines)
    cache: dict[str, str] = {}

    def back(s: str) -> str:
        if s in cache:
            return cache[s]
        out, i = [], 0
        while i < len(s):
            lo, hi = i + 1, len(s)
            if s[i] not in folded:
                out.append(s[i])
                i += 1
                continue
            while lo < hi:  # the longest piece from i found in the folded text
                mid = (lo + hi + 1) // 2
                if s[i:mid] in folded:
                    lo = mid
                else:
                    hi = mid - 1
            k = folded.find(s[i:lo])
            out.append(shown[k:k + lo - i])
            i = lo
        cache[s] = "".join(out)
        return cache[s]

    def walk(obj):
        for f in dataclasses.fields(obj):
            if f.name in _KEEP:
                continue
            v = getattr(obj, f.name)
            if isinstance(v, str):
                setattr(obj, f.name, back(v))
            elif isinstance(v, list):
                setattr(obj, f.name, [back(x) if isinstance(x, str) else
                                      ([back(y) if isinstance(y, str) else y for y in x] if isinstance(x, list)
                                       else (walk(x) or x) if dataclasses.is_dataclass(x) else x) for x in v])
    for r in records:
        walk(r)
