"""A saved portal page as the lines a reader sees.

The read pass hands an ``.html``/``.htm`` gazette file here; what comes back
is read by every later pass exactly like the lines of a text file:

- the page's furniture is dropped: ``<head>``, scripts, styles, forms,
  navigation, hidden elements, share/print/close buttons and 扫一扫 lines;
- block elements and ``<br>`` end a line; runs of white space become one
  space; an empty paragraph becomes one empty line;
- the 政府信息公开 metadata table (索引号, 主题分类, 发文机关 …) becomes one
  line per label and value, ``索引号：000014349/2018-00207``, in the table's
  own order;
- a table of data becomes one line per row, its cells joined by a TAB, with
  ``rowspan``/``colspan`` expanded (the spanned cells repeat the text); tables
  used for page layout are read as blocks;
- links to attached files (.pdf, .doc …) are collected with their URLs.

Each produced line keeps the line of the saved HTML it comes from (the
element's ``sourceline``), so records can point into the file.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import CData, Comment, Declaration, Doctype, ProcessingInstruction

# ---------------------------------------------------------------- decoding

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
# labels a portal declares whose real repertoire is GB18030's
_AS_GB18030 = {"gb2312", "gbk", "gb_2312-80", "gb_2312", "x-gbk", "cp936", "euc-cn", "csgb2312", "gb18030"}


class DecodeError(ValueError):
    """The bytes are no text in any encoding tried."""


def declared_charset(data: bytes) -> str | None:
    """The charset a ``<meta charset>`` or ``http-equiv`` tag declares, as a Python codec name."""
    m = _CHARSET.search(data[:8192])
    if not m:
        return None
    label = m.group(1).decode("ascii").lower()
    if label in _AS_GB18030:
        return "gb18030"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode(data: bytes) -> tuple[str, str]:
    """The page's text and the encoding it was read in.

    A byte-order mark wins; then UTF-8 when the bytes are UTF-8 (a crawler or
    a browser that saved the page as UTF-8 often keeps the portal's
    ``charset=gb2312``, and GB18030 bytes of Chinese text are never valid
    UTF-8); then the declared charset (GB2312 and GBK read as GB18030, their
    superset); then what charset-normalizer detects.  Raises
    :class:`DecodeError` when nothing reads the bytes.
    """
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="strict"), enc
    tried = []
    for enc in ("utf-8", declared_charset(data)):
        if enc and enc not in tried:
            tried.append(enc)
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise DecodeError(f"not text in the declared charset, UTF-8 or any charset detected "
                          f"(tried {', '.join(tried)}); save the page again or convert it to UTF-8")
    return str(best), best.encoding


# ---------------------------------------------------------------- reading

_SKIP = {"head", "footer", "script", "style", "noscript", "template", "nav", "iframe", "frame", "frameset", "canvas",
         "button", "select", "option", "input", "textarea", "form", "svg", "object", "embed", "map",
         "audio", "video", "link", "meta", "title"}
_BLOCK = {"address", "article", "aside", "blockquote", "caption", "center", "dd", "details", "dialog", "div",
          "dl", "dt", "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
          "header", "hr", "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
          "tfoot", "th", "thead", "tr", "ul", "body", "html"}
# share, print, QR-code and font-size boxes by their id or class (a few words:
# a "printContent" box holding the document is no furniture)
_BUTTONS_ATTR = re.compile(r"share|print|qrcode|qr_|erweima|bdshare|jiathis|toolbar|fontsize|font-size|zihao", re.I)
# navigation by its id or class, whatever its length
_NAV_ATTR = re.compile(r"^(?:top|main|sub)?nav|^menu|breadcrumb|crumb", re.I)
_FURNITURE_WORD = r"扫一扫在手机打开当前页|在手机打开当前页|扫一扫|打印本页|打印|关闭窗口|关闭本页|关闭|收藏本页|收藏|" \
                  r"分享到|分享|字号|字体|返回顶部|保存本页|默认|大|中|小"
_FURNITURE_LINE = re.compile(rf"^(?:[\s【】\[\]（）()|｜:：·/]|{_FURNITURE_WORD})+$")
_FURNITURE_KEY = re.compile(r"扫一扫|打印|关闭|收藏|分享|字号|字体|返回顶部|保存本页")
# a site's running lines: where-you-are, hit counters, previous/next, copyright and registration
_SITE_LINE = re.compile(r"^(?:您?(?:当前|现在)的?位置|当前位置)\s*[:：]|^(?:浏览|访问|阅读|点击)(?:次数|量)\s*[:：]\s*\d*$"
                        r"|^(?:上一篇|下一篇)\s*[:：]|^版权所有|^Copyright|ICP备|网站标识码|公网安备")
_WS = re.compile(r"[ \t\n\r\f\v]+")
ATTACHMENT_EXT = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".wps", ".et", ".zip", ".rar")

# the labels of the 政府信息公开 metadata table (and the fields county portals add)
META_LABELS = {"索引号", "主题分类", "发文机关", "成文日期", "标题", "发文字号", "发布日期", "主题词", "文号",
               "发布机构", "发布单位", "生成日期", "公开方式", "公开范围", "公开时限", "有效性", "组配分类",
               "体裁分类", "信息来源", "关键词", "文件编号", "效力状态", "实施日期", "废止日期", "服务对象",
               "信息分类", "统一编号", "公开日期", "内容概述", "公文种类", "信息索引号", "责任部门", "名称",
               "文件名称", "发布时间", "成文时间", "来源", "时效", "登记号", "统一登记号", "所属机构", "机构"}
_LABEL = re.compile(r"^[\[【［]?\s*([\u4e00-\u9fff](?:[\s\u3000]*[\u4e00-\u9fff]){1,6})\s*[\]】］]?\s*([：:])?$")


def meta_label(text: str) -> str | None:
    """The label a metadata cell prints (索 引 号： -> 索引号), or None."""
    m = _LABEL.match(text.strip())
    if not m:
        return None
    label = re.sub(r"[\s\u3000]", "", m.group(1))
    return label if label in META_LABELS or (m.group(2) and len(label) <= 6) else None


@dataclass
class HtmlText:
    lines: list[str] = field(default_factory=list)
    source_lines: list[int] = field(default_factory=list)  # line of the saved HTML, per line
    # links to attached files: (title, URL, the line (1-based) that shows the link)
    attachments: list[tuple[str, str, int]] = field(default_factory=list)


def _visible(tag: Tag) -> bool:
    if tag.name in _SKIP or tag.has_attr("hidden"):
        return False
    style = (tag.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return False
    ident = " ".join([tag.get("id") or "", *(tag.get("class") or [])]).split()
    if any(_NAV_ATTR.search(w) for w in ident):
        return False
    if any(_BUTTONS_ATTR.search(w) for w in ident):
        return len(tag.get_text(strip=True)) > 60
    return True


def _direct_rows(table: Tag) -> list[Tag]:
    """The table's own rows (not those of tables nested in its cells)."""
    rows = []
    for child in table.children:
        if not isinstance(child, Tag):
            continue
        if child.name == "tr":
            rows.append(child)
        elif child.name in ("thead", "tbody", "tfoot"):
            rows += [r for r in child.children if isinstance(r, Tag) and r.name == "tr"]
    return rows


def _cells(row: Tag) -> list[Tag]:
    return [c for c in row.children if isinstance(c, Tag) and c.name in ("td", "th") and _visible(c)]


def _span(cell: Tag, name: str) -> int:
    try:
        return max(1, min(int(str(cell.get(name) or "1").strip() or 1), 1000))
    except ValueError:
        return 1


def grid(rows: list[list[tuple[str, int, int]]]) -> list[list[str]]:
    """Rows of (text, rowspan, colspan) cells as a full grid: a spanned cell's
    text stands in every place it covers."""
    out: list[list[str]] = []
    pending: dict[tuple[int, int], str] = {}  # (row, col) -> text carried down by a rowspan
    for r, cells in enumerate(rows):
        line: list[str] = []
        c = 0
        queue = list(cells)
        while queue or (r, c) in pending or any(k[0] == r and k[1] >= c for k in pending):
            if (r, c) in pending:
                line.append(pending.pop((r, c)))
                c += 1
                continue
            if not queue:
                # only spans from above are left further right: fill the gap
                line.append("")
                c += 1
                continue
            text, rs, cs = queue.pop(0)
            for dc in range(cs):
                line.append(text)
                for dr in range(1, rs):
                    pending[(r + dr, c + dc)] = text
            c += cs
        out.append(line)
    width = max((len(l) for l in out), default=0)
    return [l + [""] * (width - len(l)) for l in out]


class _Reader:
    def __init__(self, base_url: str | None):
        self.base = base_url
        self.out = HtmlText()
        self.buf: list[str] = []
        self.buf_line = 0
        self.blank_pending = False
        self.seen_urls: set[str] = set()
        self.root = self  # the reader whose lines are the page's (a cell's reader hands its text up)
        self.pending: list[int] = []  # attachments whose link stands in a line not yet written

    # -- lines
    def text(self, s: str, line: int) -> None:
        s = _WS.sub(" ", s)
        if not s:
            return
        if not self.buf or not "".join(self.buf).strip():
            self.buf_line = line
        self.buf.append(s)

    def end_line(self, empty_ok: bool = False) -> None:
        s = "".join(self.buf).strip(" \t\u00a0\u3000")
        self.buf = []
        if s and (_FURNITURE_LINE.match(s) and _FURNITURE_KEY.search(s) or _SITE_LINE.search(s)):
            return
        if s:
            if self.blank_pending and self.out.lines and self.out.lines[-1] != "":
                self.emit("", self.buf_line)
            self.blank_pending = False
            self.emit(s, self.buf_line)
        elif empty_ok:
            self.blank_pending = True

    def emit(self, s: str, line: int) -> None:
        self.out.lines.append(s)
        self.out.source_lines.append(max(1, line or (self.out.source_lines[-1] if self.out.source_lines else 1)))
        if s and self.root is self:
            self.place_links(self.pending)
            self.pending = []

    def place_links(self, pending: list[int]) -> None:
        """The attachments whose links stand in the line just written."""
        for i in pending:
            title, url, _ = self.out.attachments[i]
            self.out.attachments[i] = (title, url, len(self.out.lines))

    # -- the tree
    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, (CData, Comment, Declaration, Doctype, ProcessingInstruction)):
                continue
            if isinstance(child, NavigableString):
                s = str(child)
                if s.strip():
                    self.text(s, _line_of(child) + s[: len(s) - len(s.lstrip())].count("\n"))
                elif self.buf:
                    self.buf.append(" ")
                continue
            if not isinstance(child, Tag) or not _visible(child):
                continue
            name = child.name
            if name == "br":
                had = bool("".join(self.buf).strip())
                self.end_line(empty_ok=not had)
                continue
            if name == "a":
                self.link(child)
            if name == "table":
                self.end_line()
                self.table(child)
                continue
            if name == "img":
                continue
            if name in _BLOCK:
                self.end_line()
                before = len(self.out.lines)
                self.walk(child)
                had = bool("".join(self.buf).strip())
                self.end_line(empty_ok=name == "p" and not had and len(self.out.lines) == before)
            else:
                self.walk(child)

    def link(self, a: Tag) -> None:
        href = (a.get("href") or "").strip()
        if not href:
            return
        path = urlsplit(href).path.lower()
        if not path.endswith(ATTACHMENT_EXT):
            return
        url = urljoin(self.base, href) if self.base else href
        if url in self.seen_urls:
            return
        self.seen_urls.add(url)
        title = _WS.sub(" ", a.get_text(" ")).strip() or unquote(urlsplit(href).path.rsplit("/", 1)[-1])
        self.root.pending.append(len(self.root.out.attachments))
        self.root.out.attachments.append((title, url, 0))

    def cell_text(self, cell: Tag) -> str:
        """A cell's text on one line: its lines joined by a space."""
        sub = _Reader(self.base)
        sub.seen_urls, sub.root = self.seen_urls, self.root
        sub.walk(cell)
        sub.end_line()
        return " ".join(l for l in sub.out.lines if l).replace("\t", " ")

    def table(self, table: Tag) -> None:
        rows = _direct_rows(table)
        cells = [_cells(r) for r in rows]
        nested = table.find("table") is not None
        if nested or max((sum(_span(c, "colspan") for c in r) for r in cells), default=0) <= 1:
            # a layout table: its cells are blocks of the page
            for cap in table.find_all("caption", recursive=False):
                self.walk(cap)
                self.end_line()
            for r in cells:
                for c in r:
                    self.end_line()
                    self.walk(c)
                    self.end_line()
            return
        cap = table.find("caption", recursive=False)
        if cap is not None:
            self.walk(cap)
            self.end_line()
        root = self.root
        texts, links = [], []  # per row: its cells' texts, the attachments linked in them
        for r in cells:
            mark = len(root.pending)
            texts.append([self.cell_text(c) for c in r])
            links.append(root.pending[mark:])
            del root.pending[mark:]
        if self.metadata([[(t, c.sourceline or 0) for t, c in zip(tr, r)] for tr, r in zip(texts, cells)]):
            root.pending += [i for row in links for i in row]
            return
        full = grid([[(t, _span(c, "rowspan"), _span(c, "colspan")) for t, c in zip(tr, r)]
                     for tr, r in zip(texts, cells)])
        for r, row, linked in zip(rows, full, links):
            root.pending += linked
            if any(x.strip() for x in row):
                if self.blank_pending and self.out.lines and self.out.lines[-1] != "":
                    self.emit("", r.sourceline or 0)
                self.blank_pending = False
                self.emit("\t".join(row), r.sourceline or 0)

    def metadata(self, rows: list[list[tuple[str, int]]]) -> bool:
        """A 政府信息公开 metadata table: every row label, value, label, value …
        (cells as (text, HTML line)).  Writes one line per label with a value;
        False if the table is not one."""
        pairs: list[tuple[str, str, int]] = []
        for cells in rows:
            i = 0
            while i < len(cells):
                text, line = cells[i]
                label = meta_label(text)
                if not label:
                    if text.strip():
                        return False
                    i += 1
                    continue
                value = cells[i + 1][0] if i + 1 < len(cells) and not meta_label(cells[i + 1][0]) else ""
                pairs.append((label, value.strip(), line))
                i += 2 if value else 1
        if not any(label in META_LABELS for label, _, _ in pairs):
            return False
        for label, value, line in pairs:
            if value:
                self.emit(f"{label}：{value}", line)
        return True


def _line_of(node) -> int:
    """The line of the saved HTML where a text node stands (its element's start tag line)."""
    p = node.previous_sibling
    while p is not None and not (isinstance(p, Tag) and p.sourceline):
        p = p.previous_sibling
    if isinstance(p, Tag) and p.sourceline:
        # after a sibling element: that element's line plus the lines it spans
        return p.sourceline + _newlines(p)
    parent = node.parent
    return (parent.sourceline or 0) if isinstance(parent, Tag) else 0


def _newlines(tag: Tag) -> int:
    return sum(str(s).count("\n") for s in tag.descendants if isinstance(s, NavigableString))


def read_html(text: str, base_url: str | None = None) -> HtmlText:
    """The lines a reader sees on the page, their HTML lines, its attachment links."""
    soup = BeautifulSoup(text, "html.parser")
    r = _Reader(base_url)
    r.walk(soup)
    r.end_line()
    while r.out.lines and r.out.lines[-1] == "":
        r.out.lines.pop()
        r.out.source_lines.pop()
    r.place_links(r.pending)
    return r.out
