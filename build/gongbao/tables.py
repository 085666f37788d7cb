"""Table parser: every table of a document, rebuilt from its flattened text.

Two flattenings occur in the gazettes:

- tab tables: one printed row per line, cells separated by tabs, the header
  row repeated on every page; cells are shifted by missing or extra tabs,
  merged (项目 printed once for several rows) or glued to a neighbour;
- column tables: a two-column PDF flattened column by column, page by page:
  all 序号 cells, then all cells of the next column, and so on, each cell a
  blank-line separated block (``find_column_tables``); the rows are counted
  by the 序号 column or, when none is printed, by the label cells that open
  each page (任务明细 "1.…", 行业领域); unit cells are matched to rows by
  ``split_unit_columns`` / ``align_units`` (merged, broken and blank cells;
  a unit counts as named by a row whose text names it or its field, the field
  words coming from data/unit_fields.yml), a unit cell that does not read as
  units is not published and flags its page,
  and a row whose cells another near-equal reading places otherwise is flagged,
  as is every row of a page whose lead column may end a cell earlier or later
  (its end cuts a run of equal cells) and every row from one that still gets
  its own lead unit as a partner; a run of equal cells lying one a row on the
  only run of rows of one lead unit as long as itself is certain;
- column lists: each column's name printed above its cells (序号 / 包保主体 /
  包保干部 …, ``find_column_lists``);
- tables flattened column by column that none of these can read (nested
  merged cells) are kept as a Table of their cells in printed order with a
  note (``find_column_dumps``), never left to the prose parser as loose lines.

A row printed without a 序号 in a tab table is labelled （续N） after the row
above it (a label the gazette does not print; its note says so).

A header row names the columns (序号, 项目, 目标任务, 牵头领导, 牵头单位 …); the
columns present decide what a table is: a task table (number + task text +
leaders or units) gives a TaskList and one Task per numbered row, a list of
normative documents (文件名称/文号/登记号) gives DocRef records, and every
table gives a Table record shown on the document page.
"""
from __future__ import annotations

import bisect
import functools
import itertools
import math
import re
from dataclasses import dataclass, field
from typing import Optional, Sequence

from . import grammar
from .documents import width as printed_width
from .ids import DOCNO_RE, cn_number
from .normalise import Line, normalise_text
from .schema import DocRef, Document, Source, Table, Task, TaskList

# ---------------------------------------------------------------- cells

_CJK = "\u4e00-\u9fff"
_ROLE_PATTERNS = [
    ("number", r"^(序号|编号)$"),
    ("leaders", r"^(牵头|责任|分管)?(县级|市级)?领导$|^牵头县级领导$|^牵头领导$"),
    ("lead_units", r"^牵头(单位|部门)$"),
    ("coop_units", r"^(配合|责任|协同|参与)(单位|部门)$"),
    ("deadline", r"^(完成)?(时限|时间)$"),
    ("goal", r"^至?\d{4}年(总体)?目标$|^总体目标$|^目标$"),
    ("target", r"^\d{4}年(度)?任务$|^年度任务$"),
    ("section", r"^(项目|工作内容|任务类别|类别)$"),
    ("label", r"^(任务明细|行业领域|领域)$"),
    ("text", r"^(目标任务|工作任务|任务分解|主要任务|工作要求|工作措施|重点任务|任务内容|具体任务)$"),
    ("title", r"^文件名称$"),
    ("docno", r"^文号$"),
    ("registration", r"^登记(编)?号$"),
]
_TAIL_UNIT = re.compile(r"^(办公室|成员单位|责任单位|服务中心|事务中心|指挥部|工作专班|专班|\S{0,3}分局)$")
UNIT_SUFFIX = re.compile(
    r"(局|办|委|区|所|中心|公司|政府|部|部门|街道|管委会|会|院|队|处|社|站|馆|集团|联|团|镇|乡|室|组|厅|行|台|校|"
    r"园|场|专班|单位|投|企|庭|科)[）)]?$")
_STRONG_SUFFIX = re.compile(r"(局|办|委|部|院|厅|中心|公司)$")
GENERIC_RE = re.compile(r"^(各|相关|其他|其它|有关|等|县直|市直|州直)|各|相关单位|有关单位|成员单位")
_TITLE_END = re.compile(r"(县长|市长|书记|主任|部长|主席)$")
_TITLE_MARK = re.compile(r"分管|常务|县长|市长|书记|副$")
_NUM_CELL = re.compile(r"^\d{1,3}$")
_GROUP_RE = re.compile(r"^[（(]\s*[一二三四五六七八九十]+\s*[）)]|^[一二三四五六七八九十]+、")
_OVERALL_RE = re.compile(r"[（(]\s*总牵头\s*[：:]\s*([^）)]*)[）)]")
_REG_RE = re.compile(r"[A-Z]{2,8}-\d{4}-\d{3,6}")
_STRAY_WORD = re.compile(rf"(?<=[{_CJK}，。、；])\s*\b[a-z]{{2,4}}\b\s*(?=[{_CJK}])")
_BLOCK_RE = re.compile(r"<(div|p)\b[^>]*>(.*?)</\1>", re.S)
_SENT_PUNCT = re.compile(r"[，。；：、,;:！？“”《》]")


@functools.lru_cache(maxsize=1 << 16)  # pure, and asked of the same cells again and again
def squash(text: str) -> str:
    """A cell as one readable string: tags gone, CJK spacing removed."""
    return re.sub(r"\s+", " ", normalise_text(text)).strip()


@functools.lru_cache(maxsize=1 << 16)  # pure, and asked of the same cells again and again
def spaced(text: str) -> str:
    """A cell with its printed spaces kept (they separate names and units)."""
    return re.sub(r"\s+", " ", normalise_text(text, squash_spaces=False)).strip()


@functools.lru_cache(maxsize=1 << 16)  # pure, and asked of the same cells again and again
def nospace(text: str) -> str:
    return re.sub(r"\s+", "", normalise_text(text, squash_spaces=False))


def header_role(cell: str) -> Optional[str]:
    name = nospace(cell)
    role = grammar.column_role(name)
    if role:
        return None if role == "other" else role
    for role, pat in _ROLE_PATTERNS:
        if re.match(pat, name):
            return role
    return None


def is_generic(item: str) -> bool:
    return bool(GENERIC_RE.search(item))


def split_units(cell: str) -> list[str]:
    """The units and generic phrases of one cell, printed order.

    Spaces separate units; a token that is only a tail (办公室, 指挥部,
    （优化办）…) belongs to the token before it; a unit printed across a space
    ("市场监管局商 务粮食局") is mended."""
    tokens = [t for t in spaced(cell).replace("\t", " ").split(" ") if t]
    items: list[str] = []
    for tok in tokens:
        if items and (tok[0] in "（(" or _TAIL_UNIT.match(tok)):
            items[-1] += tok
            continue
        if items and not UNIT_SUFFIX.search(items[-1]) and not is_generic(items[-1]):
            prev = items[-1]
            m = _STRONG_SUFFIX.search(prev[:-1]) if len(prev) >= 4 else None
            if m and m.end() == len(prev) - 1 and UNIT_SUFFIX.search(tok):
                items[-1] = prev[:-1]
                items.append(prev[-1] + tok)
                continue
        items.append(tok)
    out: list[str] = []
    for it in items:
        if re.search(r"[、，,；;]", it):
            parts = grammar.split_names(it)  # the grammar's separators; brackets keep what they hold
            merged: list[str] = []
            for p in parts:
                if merged and len(merged[-1]) == 1:
                    merged[-1] += p
                else:
                    merged.append(p)
            out += merged
        else:
            out.append(it)
    return [o for o in out if o]


def is_unit_cell(cell: str) -> bool:
    s = nospace(cell)
    if not s or len(s) > 90 or re.search(r"[。；;]", s):
        return False
    items = split_units(cell)
    good = sum(1 for i in items if UNIT_SUFFIX.search(i) or is_generic(i))
    return good * 2 >= len(items) and good > 0


def split_leaders(cell: str) -> list[str]:
    """Lead officials of one cell: "杨 盛 吴艳平 曹 陶" -> 杨盛, 吴艳平, 曹陶;
    a title printed across spaces ("分管 城建线 副县长") stays one entry."""
    cell = re.sub(r"[（(][^（()）]*[）)]", " ", spaced(cell))  # 王强（副县长）: the post in brackets is no name
    tokens = [t for t in re.split(r"[\s、，,]+", cell) if t]
    if not any(_TITLE_END.search(t) for t in tokens):
        # names, perhaps after their posts: 王 强李 明 -> 王强, 李明; 副县长王强 -> 王强
        return grammar.split_officials(cell)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if _TITLE_MARK.search(tok) and not _TITLE_END.search(tok):
            j = i
            title = tok
            while j + 1 < len(tokens) and not _TITLE_END.search(title):
                j += 1
                title += tokens[j]
            out.append(title)
            i = j + 1
        elif len(tok) == 1 and i + 1 < len(tokens) and len(tokens[i + 1]) <= 2 \
                and not _TITLE_MARK.search(tokens[i + 1]):
            out.append(tok + tokens[i + 1])
            i += 2
        else:
            out.append(tok)
            i += 1
    return out


def is_leader_cell(cell: str) -> bool:
    s = nospace(cell)
    if not s or len(s) > 40 or not re.fullmatch(rf"[{_CJK}、，,]+", s):
        return False
    tokens = [t for t in re.split(r"[\s、，,]+", spaced(cell)) if t]
    if re.search(r"县长|市长|书记", s):
        return True
    return all(len(t) <= 4 and not UNIT_SUFFIX.search(t) and not is_generic(t) for t in tokens)


def clean_text(raw: str) -> tuple[str, bool]:
    """Task text of a cell; True when a stray OCR word was removed."""
    s = squash(raw)
    t = _STRAY_WORD.sub("", s)
    return t, t != s


def split_heading(raw: str) -> tuple[list[str], str]:
    """Sub-headings glued into a task cell, and the task text.

    <div>12. 优化乡村产业布局</div> <div>task…</div> or "12. 优化乡村产业布局 task…"
    or a heading printed narrow across spaces ("9. 着力 强化 安商 举措 落实…")."""
    blocks = [b for _, b in _BLOCK_RE.findall(raw)]
    if len(blocks) >= 2:
        heads, texts = [], []
        for b in blocks:
            sb = squash(b)
            if not sb:
                continue
            if is_heading_block(sb):
                heads.append(sb)
            else:
                texts.append(sb)
        if heads and texts:
            return heads, " ".join(texts)
    sp = spaced(raw)
    m = re.match(r"^(\d{1,2})\s*[.．]\s*(.+)$", sp)
    if not m:
        return [], sp
    num, rest = m.group(1), m.group(2)
    tokens = rest.split(" ")
    if _SENT_PUNCT.search(tokens[0]):
        return [], sp
    if len(tokens[0]) > 4:
        k = 1
    else:
        k = 0
        while k < len(tokens) and len(tokens[k]) <= 4 and not _SENT_PUNCT.search(tokens[k]) \
                and not re.match(r"^\d+[.．]?$", tokens[k]):
            k += 1
    head = f"{num}. " + "".join(tokens[:k])
    return [head], " ".join(tokens[k:])


def is_heading_block(s: str) -> bool:
    core = re.sub(r"^\d{1,2}\s*[.．]\s*", "", s)
    return len(core.replace(" ", "")) <= 16 and not _SENT_PUNCT.search(core)


def norm_heading(h: str) -> str:
    m = re.match(r"^(\d{1,2})\s*[.．]\s*(.*)$", h)
    if m:
        return f"{m.group(1)}. {m.group(2).replace(' ', '')}"
    return h.replace(" ", "")


def cells_of(line: Line) -> list[str]:
    return list(line.cells) if line.cells is not None else line.raw.split("\t")


def _named_generic(others: list[str]) -> list[str]:
    """Generic items a cell names (各乡镇) count among a task's units, as in the prose pass; a bare 等 does not."""
    return [o for o in others if o != "等"]


def is_row(line: Line) -> bool:
    """A line printed as a table row: tab-separated, or cells normalise found (bars, spaces)."""
    return line.cells is not None or "\t" in line.raw


def is_blank(line: Line) -> bool:
    return not line.text.strip() or line.furniture


# ---------------------------------------------------------------- tab tables

@dataclass
class TabTable:
    header: list[str]  # printed names, non-empty cells
    roles: list[Optional[str]]
    start: int  # index into lines of the header
    end: int  # index of the last line of the table
    title: Optional[str]
    body: list[int] = field(default_factory=list)  # indexes of body lines (tab lines)
    stray: list[int] = field(default_factory=list)  # non-tab lines inside the table


def tab_header(line: Line) -> Optional[list[str]]:
    """The printed column names when this tab line is a header row."""
    if not is_row(line):
        return None
    names = [nospace(c) for c in cells_of(line)]
    names = [n for n in names if n]
    if len(names) < 2:
        return None
    roles = [header_role(n) for n in names]
    if sum(r is not None for r in roles) >= 2:
        return names
    # a plain header: short names of CJK characters only (成员单位 | 职责分工)
    if all(re.fullmatch(rf"[{_CJK}]{{2,10}}", n) for n in names):
        return names
    return None


def find_tab_tables(lines: list[Line]) -> list[TabTable]:
    tables: list[TabTable] = []
    i, n = 0, len(lines)
    while i < n:
        names = tab_header(lines[i])
        if not names or not _next_is_tab_row(lines, i):
            i += 1
            continue
        t = TabTable(names, [header_role(x) for x in names], i, i, caption_above(lines, i))
        j = i + 1
        pending_text = False
        while j < n:
            ln = lines[j]
            if is_blank(ln):
                j += 1
                continue
            if is_row(ln):
                other = tab_header(ln)
                known = other and sum(header_role(x) is not None for x in other) >= 2
                if other and (other == names or known and _roles(other) == _roles(names)):
                    if pending_text:
                        break  # a new table under its own caption
                    t.end = j  # the header repeated on a new page
                elif known:
                    break  # another table begins
                else:
                    t.body.append(j)
                    t.end = j
                j += 1
                continue
            # a text line: inside the table only when more rows follow it
            k = j + 1
            while k < n and is_blank(lines[k]):
                k += 1
            if k < n and is_row(lines[k]) and not tab_header(lines[k]) and len(ln.text.strip()) <= 12:
                t.stray.append(j)
                j += 1
                continue
            pending_text = True
            if k < n and tab_header(lines[k]):
                break
            break
        tables.append(t)
        i = t.end + 1
    return tables


def _roles(names: list[str]) -> list:
    roles = [header_role(x) for x in names]
    return roles if any(roles) else names


def _next_is_tab_row(lines: list[Line], i: int) -> bool:
    k = i + 1
    while k < len(lines) and is_blank(lines[k]):
        k += 1
    return k < len(lines) and is_row(lines[k])


def caption_above(lines: list[Line], i: int) -> Optional[str]:
    """The caption printed above a table: the nearest text line within a few
    lines, skipping an attachment label (附件 / 附件一)."""
    k, seen = i - 1, 0
    parts: list[str] = []
    while k >= 0 and seen < 6:
        ln = lines[k]
        k -= 1
        if is_blank(ln):
            if parts:
                break
            continue
        seen += 1
        t = ln.text.strip()
        if is_row(ln):
            break
        if re.fullmatch(r"附件\s*[0-9一二三四五六七八九十]*", t):
            if parts:
                break
            continue
        if len(t) > 60 or t.endswith(("。", "；", "：")):
            break
        parts.insert(0, t)
    title = "".join(parts).strip()
    return title.replace(" ", "") if title else None


# ---------------------------------------------------------------- rows of task tables

@dataclass
class Row:
    number: str
    lines: list[Line]
    section_cells: list[tuple[int, str]] = field(default_factory=list)  # (tab position, raw)
    text_raw: str = ""
    leaders_raw: str = ""
    lead_raw: str = ""
    coop_raws: list[str] = field(default_factory=list)
    trailing: list[str] = field(default_factory=list)  # goal / target / deadline cells, in order
    cont_raws: list[str] = field(default_factory=list)  # task text printed on unnumbered lines below
    notes: list[str] = field(default_factory=list)


def realign(cells: list[str], roles: list[Optional[str]]) -> Row:
    """Assign the cells of one printed row (number cell removed) to columns by
    their content: a names cell is the leaders, unit-like cells after it the
    lead and cooperating units, the cell before it the task text, earlier cells
    the 项目 path, later long cells the goal/target/deadline columns."""
    row = Row("", [])
    filled = [(pos, c) for pos, c in enumerate(cells, start=1) if nospace(c)]
    has_leaders = "leaders" in roles
    li = None
    if has_leaders:
        for k in range(len(filled) - 1, -1, -1):
            if k > 0 and is_leader_cell(filled[k][1]) and not is_unit_cell(filled[k][1]) \
                    and not _DEADLINE.search(nospace(filled[k][1])):  # 长期, 年底: a time, not names
                li = k
                break
    if li is None:
        # no names cell: the units start at the first unit-like cell after the text
        for k in range(1, len(filled)):
            if is_unit_cell(filled[k][1]):
                li = k
                break
        if li is None:
            li = len(filled)
        before, after = filled[:li], filled[li:]
        if has_leaders:
            row.notes.append("no lead official printed")
    else:
        row.leaders_raw = filled[li][1]
        before, after = filled[:li], filled[li + 1:]
    if before:
        row.text_raw = before[-1][1]
        row.section_cells = before[:-1]
    units_done = False
    for pos, c in after:
        if not units_done and is_unit_cell(c):
            if not row.lead_raw and "lead_units" in roles:
                row.lead_raw = c
            else:
                row.coop_raws.append(c)
        else:
            units_done = True
            row.trailing.append(c)
    return row


def by_position(cells: list[str], roles: list[Optional[str]]) -> Row:
    """A row whose cells the print delimits (bars, a header's spaces, HTML cells): each cell is its
    column's, as the header names it (number cell removed)."""
    row = Row("", [])
    troles = _trailing_roles(roles)
    trailing: dict[str, str] = {}
    for pos, (c, role) in enumerate(zip(cells, roles[1:]), start=1):
        if not nospace(c):
            continue
        if role == "text":
            row.text_raw = c
        elif role == "leaders":
            row.leaders_raw = c
        elif role == "lead_units":
            row.lead_raw = c
        elif role == "coop_units":
            row.coop_raws.append(c)
        elif role in troles:
            trailing[role] = c
        elif role in ("section", "label"):
            row.section_cells.append((pos, c))
    row.trailing = [trailing.get(r, "") for r in troles]
    return row


def split_section(value: str, known: dict[str, int]) -> list[str]:
    """One 项目 cell as one or two levels ("聚力增活力 扩大有效投资")."""
    tokens = spaced(value).split(" ")
    whole = "".join(tokens)
    if len(tokens) == 1 or known.get(whole, 0) >= 2:
        return [whole]
    for k in range(1, len(tokens)):
        left, right = "".join(tokens[:k]), "".join(tokens[k:])
        if known.get(left, 0) >= 1 and left != whole or known.get(right, 0) >= 1 and right != whole:
            if known.get(left, 0) + known.get(right, 0) >= 1:
                return [left, right]
    if len(tokens) == 2 and all(len(t) >= 4 for t in tokens):
        return tokens
    return [whole]


def build_task_rows(lines: list[Line], t: TabTable) -> tuple[list[Row], list[tuple[int, str, list[str]]], list[Line]]:
    """Numbered rows, group headings (index into rows, heading, overall leaders)
    and lines no row took."""
    rows: list[Row] = []
    groups: list[tuple[int, str, list[str]]] = []
    unplaced: list[Line] = [lines[k] for k in t.stray]
    for idx in t.body:
        ln = lines[idx]
        cells = cells_of(ln)
        first = nospace(cells[0])
        rest = cells[1:]
        if _NUM_CELL.match(first):
            row = by_position(rest, t.roles) if ln.cells is not None and len(cells) == len(t.roles) \
                else realign(rest, t.roles)
            row.number = first
            row.lines = [ln]
            rows.append(row)
        elif _GROUP_RE.match(squash(cells[0])) and not any(nospace(c) for c in rest):
            head = squash(cells[0])
            m = _OVERALL_RE.search(head)
            overall = split_leaders(m.group(1)) if m else []
            groups.append((len(rows), _OVERALL_RE.sub("", head).replace(" ", ""), overall))
        elif not first:
            filled = [c for c in rest if nospace(c)]
            if not filled:
                continue
            heads, text = split_heading(filled[0])
            if len(filled) == 1 and heads and not nospace(text):
                # a sub-heading on a line of its own: it heads the rows below
                rows.append(Row("", [ln], section_cells=[(1, heads[0])]))
                rows[-1].notes.append("heading-only")
            elif len(filled) == 1 and any("heading-only" not in r.notes for r in rows):
                prev = next(r for r in reversed(rows) if "heading-only" not in r.notes)
                prev.lines.append(ln)
                prev.cont_raws.append(filled[0])
                prev.notes.append(f"task text continued on an unnumbered line ({ln.no})")
            elif rows:
                row = realign(rest, t.roles)
                row.lines = [ln]
                row.notes.append(f"row printed without a number (line {ln.no})")
                rows.append(row)
            else:
                unplaced.append(ln)
        else:
            unplaced.append(ln)
    return rows, groups, unplaced


def task_table_records(doc: Document, lines: list[Line], t: TabTable, tkey: str, used: set[str],
                       rule: Optional[str] = None) -> tuple[TaskList, list[Task], Table]:
    """``rule``: the lead rule the document prints (grammar.lead_rule), for a table without a lead column."""
    rows, groups, unplaced = build_task_rows(lines, t)
    table_id = f"{doc.id}/{tkey}"
    prefix = f"{tkey}-" if any(r.number in used for r in rows if r.number) else ""
    known: dict[str, int] = {}
    for r in rows:
        for _, c in r.section_cells:
            key = nospace(c)
            known[key] = known.get(key, 0) + 1
    depth = max([len(split_section(c, known)) for r in rows for _, c in r.section_cells] + [1])
    # tops printed with their sub-item in one cell ("聚力惠民 推进紧密型县域医共体建设")
    firsts = {p[0] for r in rows for _, c in r.section_cells for p in [split_section(c, known)] if len(p) == 2}
    mid_top = False  # the current top was printed in one cell with a sub-item
    floating: list[int] = []  # tasks whose top is a lone 项目 cell printed once, never a top elsewhere
    before_float: Optional[str] = None  # the top in force before them
    sec: list[Optional[str]] = [None, None]
    group: Optional[str] = None
    overall: list[str] = []
    gi = 0
    tasks: list[Task] = []
    out_rows: list[list[str]] = []
    notes: list[str] = []
    seen: dict[str, int] = {}
    last_number = ""
    sub_k = 0
    header = _task_header(t)
    for ri, r in enumerate(rows):
        while gi < len(groups) and groups[gi][0] <= ri:
            group, overall = groups[gi][1], groups[gi][2]
            sec = [None, None]
            out_rows.append([groups[gi][1] + (f"（总牵头：{'、'.join(overall)}）" if overall else "")]
                            + [""] * (len(header) - 1))
            gi += 1
        # 项目 cells and sub-headings
        float_here = False
        for pos, c in r.section_cells:
            parts = split_section(c, known) if group is None else [norm_heading(squash(c))]
            lone = group is None and depth >= 2 and pos == 1 and len(parts) == 1 \
                and known.get(nospace(c), 0) <= 1 and parts[0] not in firsts
            top_again = len(parts) == 1 and pos == 1 and not lone and parts[0] == before_float
            if floating and (len(parts) == 2 and parts[0] != sec[0] or top_again):
                # a merged top cell is printed at the middle of its rows (or again
                # on the next page): the lone sub-items just above it belong to it
                for j in floating:
                    tasks[j].section = [parts[0], tasks[j].section[-1]]
                    notes.append(f"{tasks[j].number}: placed under {parts[0]}, printed further down in its merged cell")
            if lone and mid_top and sec[0]:
                sec[1] = parts[0]  # a sub-item of the top printed in the middle of its rows
                continue
            if lone and not floating:
                before_float = sec[0]
            _update_section(sec, parts, pos, depth)
            mid_top = len(parts) == 2 or (mid_top and pos >= 2)
            float_here = lone
            floating = [] if not lone else floating
        if not r.section_cells and not floating:
            float_here = False
        if "heading-only" in r.notes:
            continue
        heads, text = split_heading(r.text_raw)
        for h in heads:
            _update_section(sec, [norm_heading(h)], 1, 1)
        text_clean, stray = clean_text(" ".join([text, *r.cont_raws]))
        confidence, why = 1.0, [n for n in r.notes if n != "heading-only"]
        if stray:
            notes.append(f"{r.number or last_number}: removed a stray OCR word from the task text")
        if not text_clean:
            text_clean = "".join(norm_heading(h) for h in heads) or (sec[1] or sec[0] or "")
            why.append("the task cell prints only a heading; the heading stands as the task text")
        if why:
            confidence = 0.5 if any("without a number" in w or "only a heading" in w for w in why) else 0.7
            if why == ["no lead official printed"]:
                confidence = 0.9
        leaders = split_leaders(r.leaders_raw) if r.leaders_raw else []
        lead_items = split_units(r.lead_raw) if r.lead_raw else []
        coop_items = [u for c in r.coop_raws for u in split_units(c)]
        lead_units = [u for u in lead_items if not is_generic(u)]
        coop_units = [u for u in coop_items if not is_generic(u)]
        others = [u for u in lead_items + coop_items if is_generic(u)]
        if "lead_units" not in t.roles and coop_units and rule:
            # no lead column: the rule the document prints says who leads (列第一位为牵头 / 责任单位即为牵头单位)
            lead_units, coop_units = (coop_units, []) if rule == "all" else (coop_units[:1], coop_units[1:])
        trailing = {}
        troles = [x for x in _trailing_roles(t.roles)]
        for k, c in enumerate(r.trailing):
            role = troles[k] if k < len(troles) else (troles[-1] if troles else None)
            if role:
                trailing[role] = (trailing[role] + " " + squash(c)) if role in trailing else squash(c)
        if len(r.trailing) > len(troles):
            why.append("more cells than columns after the units")
            confidence = min(confidence, 0.7)
        section = [s for s in ([group] + sec[:depth] if group else sec[:depth]) if s]
        if r.number:
            number = r.number
            key = prefix + number
            last_number, sub_k = number, 0
        else:
            # no 序号 printed: the row stands below the last numbered row (its
            # 序号 cell spans both); shown as （续N）, a label the gazette does not print
            sub_k += 1
            number = f"（续{last_number}）" if last_number else "（续）"
            if sub_k > 1:
                number = number[:-1] + f"之{sub_k}）"
            key = f"{prefix}{last_number or '0'}-{sub_k}"
            why = [w if "without a number" not in w else
                   f"{w}; shown as {number}, a label not printed in the gazette" for w in why]
        if key in seen:
            seen[key] += 1
            key = f"{key}-{seen[key]}"
            why.append("row number printed twice")
            confidence = min(confidence, 0.5)
        else:
            seen[key] = 1
        src = Source(lines[0].file, r.lines[0].no, r.lines[-1].no)
        note = "; ".join(why) if why else None
        if note:
            notes.append(f"{number or key}: {note}")
        tasks.append(Task(
            id=f"{doc.id}/{key}", document=doc.id, list=table_id, number=number,
            path=key.split("-") if not prefix else [prefix.rstrip("-")] + key[len(prefix):].split("-"),
            section=section, text=text_clean, lead_units=lead_units, cooperating_units=coop_units,
            units=lead_units + coop_units + _named_generic(others), others=others, generic=bool(others), leaders=leaders,
            overall_leaders=list(overall) if group else [], deadline=trailing.get("deadline"),
            goal=trailing.get("goal"), target_this_year=trailing.get("target"),
            confidence=confidence if why else 1.0, note=note, source=src))
        if float_here or floating and not r.section_cells:
            floating.append(len(tasks) - 1)
        printed_text = " ".join([*(norm_heading(h) for h in heads), text_clean]) if heads else text_clean
        cellmap = {"number": number, "section": " ".join(norm_heading(squash(c)) for _, c in r.section_cells),
                   "text": printed_text, "leaders": "、".join(leaders), "lead_units": "、".join(lead_items),
                   "coop_units": "、".join(coop_items), **trailing}
        out_rows.append([cellmap.get(role, "") for role in _task_header_roles(t)])
    src = Source(lines[0].file, lines[t.start].no, lines[t.end].no)
    unassigned = [Source(l.file, l.no, l.no) for l in unplaced]
    for l in unplaced:
        notes.append(f"line {l.no} belongs to no row: {l.text.strip()[:30]}")
    title = t.title or "任务清单"
    tl = TaskList(table_id, doc.id, title, "table", len(tasks), unassigned, src)
    table = Table(table_id, doc.id, t.title, header, out_rows, notes, src)
    return tl, tasks, table


def _update_section(sec: list[Optional[str]], parts: list[str], pos: int, depth: int) -> None:
    if len(parts) >= 2:
        sec[0], sec[1] = parts[0], parts[1]
        return
    v = parts[0]
    if v == sec[0] or v == sec[1]:
        return
    if depth >= 2 and pos >= 2 and sec[0]:
        sec[1] = v
    else:
        sec[0], sec[1] = v, None


def _task_header_roles(t: TabTable) -> list[str]:
    order = []
    for r in t.roles:
        if r and r not in order:
            order.append(r)
    return order


def _task_header(t: TabTable) -> list[str]:
    names = []
    for role in _task_header_roles(t):
        names.append(next(n for n, r in zip(t.header, t.roles) if r == role))
    return names


def _trailing_roles(roles: list[Optional[str]]) -> list[str]:
    seen_units = False
    out = []
    for r in roles:
        if r in ("lead_units", "coop_units"):
            seen_units = True
        elif seen_units and r in ("goal", "target", "deadline") and r not in out:
            out.append(r)
    return out


# ---------------------------------------------------------------- lists of normative documents

_LIST_KEYS = {"废止": "feizhi", "失效": "shixiao", "继续有效": "youxiao"}


def list_name(text: str) -> Optional[str]:
    if "继续有效" in text or re.search(r"(?<!失)有效的", text):
        return "继续有效"
    if "失效" in text:
        return "失效"
    if "废止" in text:
        return "废止"
    return None


def attachment_lists(lines: list[Line]) -> dict[int, str]:
    """附件 number -> list name, read from the deciding text ("…等33个规范性文件失效（详见附件2）")."""
    out: dict[int, str] = {}
    for clause in _clauses(lines):
        m = re.search(r"详见附件\s*([0-9一二三四五六七八九十]+)", clause)
        name = list_name(clause) if m else None
        if m and name:
            num = cn_number(m.group(1))
            if num is not None:
                out[num] = name
    return out


def _clauses(lines: list[Line]):
    """The deciding text's clauses, split at 。 and ；."""
    for ln in lines:
        yield from re.split(r"[；;。]", ln.text)


def stated_counts(lines: list[Line]) -> dict[str, int]:
    """Counts the deciding text states per list: "等53个规范性文件继续有效" -> {继续有效: 53}."""
    out: dict[str, int] = {}
    for clause in _clauses(lines):
        m = re.search(r"等\s*([0-9]+|[一二三四五六七八九十]+)\s*(?:个|件|份)(?:行政)?规范性文件", clause)
        if not m:
            continue
        name = list_name(clause)
        num = cn_number(m.group(1))
        if name and num is not None and name not in out:
            out[name] = num
    return out


def docref_records(doc: Document, lines: list[Line], t: TabTable, tkey: str, att: dict[int, str],
                   used_keys: set[str]) -> tuple[list[DocRef], Table]:
    table_id = f"{doc.id}/{tkey}"
    notes: list[str] = []
    # the list: the attachment number above the table, mapped through the deciding text;
    # else the caption's own words
    name_cap = list_name(t.title or "")
    label = _attachment_label(lines, t.start)
    name = att.get(label) if label is not None else None
    if name and name_cap and name != name_cap:
        notes.append(f"the caption says {name_cap}, but the decision assigns 附件{label} to the {name} list")
    name = name or name_cap or "继续有效"
    key = _LIST_KEYS[name]
    if key in used_keys:
        notes.append(f"a second {name} list in the same document")
        key = f"{key}-{tkey}"
    used_keys.add(key)
    refs: list[DocRef] = []
    rows: list[list[str]] = []
    seen: set[str] = set()
    for idx in t.body:
        ln = lines[idx]
        cells = [c for c in cells_of(ln)]
        first = nospace(cells[0])
        if not _NUM_CELL.match(first):
            notes.append(f"line {ln.no} is not a numbered entry: {ln.text.strip()[:30]}")
            continue
        docno = reg = None
        title_parts = []
        for c in cells[1:]:
            s = squash(c)
            if not s:
                continue
            ns = nospace(c)
            m = DOCNO_RE.fullmatch(normalise_text(ns)) if docno is None else None
            r = _REG_RE.search(ns) if reg is None else None
            if r and len(ns) <= 20:
                reg = r.group(0)
            elif m:
                docno = normalise_text(ns)
            else:
                title_parts.append(s)
        title = "".join(title_parts).replace(" ", "")
        rid = f"{key}-{first}"
        if rid in seen:
            notes.append(f"entry {first} printed twice")
            rid = f"{rid}-{ln.no}"
        seen.add(rid)
        refs.append(DocRef(f"{doc.id}/{rid}", doc.id, name, first, title, docno, reg,
                           Source(ln.file, ln.no, ln.no)))
        rows.append([first, title, docno or "", reg or ""])
    for k in t.stray:
        notes.append(f"line {lines[k].no} inside the list is no entry: {lines[k].text.strip()[:30]}")
    src = Source(lines[0].file, lines[t.start].no, lines[t.end].no)
    header = [n for n in t.header][:4] if len(t.header) >= 4 else ["序号", "文件名称", "文号", "登记号"]
    return refs, Table(table_id, doc.id, t.title, header, rows, notes, src)


def table_keys(lines: list[Line], starts: list[int]) -> list[str]:
    """Printed-number keys for the tables starting at these line indexes, in order:
    'a4t' for the table of 附件4 ('a4t2' for its second), 't1', 't2' … for tables outside
    any attachment (the 't' keeps table rows apart from the prose items of an attachment).
    A table added to one attachment renames no other's."""
    keys, count = [], {}
    for i in starts:
        label = None
        for k in range(i, -1, -1):
            m = _ATTACH.match(lines[k].text.strip())
            if m:
                label = cn_number(m.group(1))
                break
        base = f"a{label}t" if label is not None else "t"
        count[base] = count.get(base, 0) + 1
        n = count[base]
        keys.append(base if base != "t" and n == 1 else f"{base}{n}")
    return keys


def _attachment_label(lines: list[Line], i: int) -> Optional[int]:
    k, seen = i - 1, 0
    while k >= 0 and seen < 6:
        t = lines[k].text.strip()
        k -= 1
        if not t:
            continue
        seen += 1
        m = _ATTACH.match(t)
        if m:
            return cn_number(m.group(1))
    return None


def plain_table_record(doc: Document, lines: list[Line], t: TabTable, tkey: str) -> Table:
    width = len(t.header)
    rows = []
    for idx in t.body:
        cells = [squash(c) for c in cells_of(lines[idx])]
        while len(cells) > width and not cells[-1]:
            cells.pop()
        rows.append(cells + [""] * (width - len(cells)))
    src = Source(lines[0].file, lines[t.start].no, lines[t.end].no)
    notes = [f"line {lines[k].no} inside the table is no row: {lines[k].text.strip()[:30]}" for k in t.stray]
    return Table(f"{doc.id}/{tkey}", doc.id, t.title, list(t.header), rows, notes, src)


def table_kind(roles: list[Optional[str]]) -> str:
    rs = set(roles)
    if "number" in rs and ("title" in rs or "docno" in rs) and not rs & {"leaders", "lead_units"}:
        return "docref"
    if "number" in rs and "text" in rs and rs & {"leaders", "lead_units", "coop_units"}:
        return "task"
    return "plain"


# ---------------------------------------------------------------- entry point

Found = list[tuple[int, str, object]]  # (first line no, kind, table) of every table of a document


@dataclass(frozen=True)
class PlanItem:
    """What the item of a document's 实施方案 says of its task."""

    lead: tuple[str, ...]
    coop: tuple[str, ...]
    others: tuple[str, ...]  # generic phrases (县减灾委员会成员单位)
    id: str  # the item's task id
    text: str = ""  # the item's task text
    number: str = ""  # the item's own printed number (the last of its path: 3 of （二）3)

    def given(self) -> str:
        return "、".join(self.lead + self.coop + self.others)

    def keys(self) -> set[str]:
        """The units the item names, as compared across cells (``_unit_key``)."""
        return {_unit_key(x) for x in self.lead + self.coop}


Plans = dict[str, PlanItem]  # by heading (``heading_key``)


def heading_key(text: str) -> str:
    """A task's heading as a key: its first clause without its number or
    punctuation ("18．提高老年人新冠病毒疫苗接种率。…" -> 提高老年人新冠病毒疫苗接种率)."""
    first = re.split(r"[。；;]", text.strip(), maxsplit=1)[0]
    first = re.sub(r"^\s*[（(]?\s*\d{1,3}\s*[)）.．、]\s*", "", first)
    key = re.sub(rf"[^{_CJK}A-Za-z0-9]", "", first)
    return key if len(key) >= 4 else ""


def plan_units(tasks: list[Task]) -> Plans:
    """The units a document's own text gives its tasks, by heading: an
    attachment's 实施方案 and its 责任清单 list the same tasks, and where the
    清单 is flattened past reading its units, the plan's attribution tells
    which printed cell belongs to which row and column, and the two records
    link each other (``Task.same_as``).  Headings printed twice in the text
    are left out."""
    seen: dict[str, list[Task]] = {}
    for t in tasks:
        k = heading_key(t.text)
        if k:
            seen.setdefault(k, []).append(t)
    def lead(t: Task) -> tuple[str, ...]:
        # units the item names with no lead marked answer for it as a lead would, for placing cells
        return tuple(t.lead_units or [u for u in t.units if u not in t.cooperating_units and u not in t.others])
    return {k: PlanItem(lead(ts[0]), tuple(ts[0].cooperating_units), tuple(ts[0].others), ts[0].id,
                        ts[0].text, ts[0].path[-1])
            for k, ts in seen.items() if len(ts) == 1}


def find_tables(lines: list[Line]) -> Found:
    """Where a document's tables are, and how each is flattened."""
    found: Found = []
    for t in find_tab_tables(lines):
        found.append((lines[t.start].no, "tab", t))
    covered = {lines[k].no for _, _, t in found for k in range(t.start, t.end + 1)}
    for ct in find_column_tables(lines, covered):
        found.append((ct.start_no, "column", ct))
    covered |= {lines[k].no for _, how, t in found if how == "column" for k in range(t.start, t.end + 1)}
    for cl in find_column_lists(lines, covered):
        found.append((lines[cl.start].no, "list", cl))
    covered |= {lines[k].no for _, how, t in found if how == "list" for k in range(t.start, t.end + 1)}
    for cd in find_column_dumps(lines, covered):
        found.append((lines[cd.start].no, "dump", cd))
    found.sort(key=lambda f: f[0])
    return found


def table_lines(lines: list[Line], found: Found) -> set[int]:
    """The line numbers the tables cover."""
    return {lines[k].no for _, _, t in found for k in range(t.start, t.end + 1)}


def parse_tables(doc: Document, lines: list[Line], fields: Optional[Fields] = None,
                 found: Optional[Found] = None, plans: Optional[Plans] = None) \
        -> tuple[list[TaskList], list[Task], list[DocRef], list[Table]]:
    """Every table of one document: task lists and tasks of task tables,
    document refs of lists of normative documents, and a Table for each.
    ``fields``: the hand-kept words that name a unit's field (data/unit_fields.yml);
    ``plans``: the units the document's own text gives its tasks (``plan_units``)."""
    if found is None:
        found = find_tables(lines)
    att = attachment_lists(lines)
    lists: list[TaskList] = []
    tasks: list[Task] = []
    refs: list[DocRef] = []
    tables: list[Table] = []
    used_numbers: set[str] = set()
    used_keys: set[str] = set()
    dumps: list[tuple[int, ColumnDump, str]] = []
    doc_rule = grammar.lead_rule("".join(ln.text for ln in lines if not is_row(ln))) if found else None
    for n, (_, how, t) in zip(table_keys(lines, [t.start for _, _, t in found]), found):
        if how == "dump":  # read last: the other tables' tasks may name its merged cells
            dumps.append((len(tables), t, n))
            continue
        if how == "list":
            tl, ts, tb = column_list_records(doc, lines, t, n, plans)
            if tl:
                lists.append(tl)
                tasks += ts
            tables.append(tb)
            continue
        if how == "column":
            tl, ts, tb = column_table_records(doc, lines, t, n, used_numbers, fields or {}, plans or {})
            if tl:
                lists.append(tl)
                tasks += ts
            tables.append(tb)
            used_numbers |= {x.number for x in ts}
            continue
        kind = table_kind(t.roles)
        if kind == "task":
            tl, ts, tb = task_table_records(doc, lines, t, n, used_numbers, doc_rule)
            lists.append(tl)
            tasks += ts
            tables.append(tb)
            used_numbers |= {x.number for x in ts if x.number}
        elif kind == "docref":
            rs, tb = docref_records(doc, lines, t, n, att, used_keys)
            refs += rs
            tables.append(tb)
        else:
            tables.append(plain_table_record(doc, lines, t, n))
    for k, t, n in reversed(dumps):
        tables.insert(k, column_dump_record(doc, lines, t, n, [x.text for x in tasks], list((plans or {}).values())))
    return lists, tasks, refs, tables


# ---------------------------------------------------------------- column tables

_HEADER_WORD = re.compile(
    r"序号|工作任务|工作要求|完成时限|牵头单位|责任单位|配合单位|牵头部门|责任部门|主要任务|工作内容|任务明细|"
    r"目标任务|具体任务|牵头领导|责任领导|行业领域|年度任务|年度目标|目标")
_CAPTION_END = re.compile(r"(责任清单|任务清单|工作清单|一览表|分解表|任务表|责任表)(（[^）]{1,8}）?)?$")
_DEADLINE = re.compile(r"\d{4}\s*年|\d{1,2}\s*月|年底|月底|季度|长期|持续|常态|每年|每月|前$|底前|完成$")
_ATTACH = re.compile(r"^附件\s*([0-9一二三四五六七八九十]+)\s*$")
_GROUP_LINE = re.compile(r"^任务[一二三四五六七八九十]+\s*[：:]|^[一二三四五六七八九十]+、\S")
_PAGE_FURNITURE = re.compile(r"^[·•]+\s*\d{1,4}$|^[-—–－]+\s*\d{1,4}\s*[-—–－]+$|人民政府公报|^\d{4}\s*年第\s*\d+\s*期")


@dataclass
class ColumnTable:
    start_no: int  # line number of the caption
    start: int  # index of the caption line
    end: int  # index of the last line
    title: str
    header: list[str] = field(default_factory=list)
    lead_first: bool = False  # one units column whose first unit leads ("排第一为牵头单位")


def header_words(text: str) -> list[str]:
    """The column names a (flattened) header line prints, or [] when the line
    is something else."""
    s = re.sub(r"\s+", "", text)
    words = _HEADER_WORD.findall(s)
    rest = _HEADER_WORD.sub("", s)
    if not words or len(rest) > 4 or rest and len(words) < 2:
        return []
    return words


def header_span(lines: list[Line], j: int, last: int) -> tuple[list[str], int]:
    """The column names of a header printed from line j, on one line or
    broken over a few short lines ("工作" / "任务 任务明细 目标任务 牵头" /
    "部门 责任部门"), and the index of its last line; ([], j) when none.
    A parenthesis in a header ("(排第一为牵头单位)") is no column name."""
    fragment = _header_fragment(lines[j].text)
    if not header_words(lines[j].text) and not fragment:
        return [], j
    best: tuple[list[str], int] = (header_words(lines[j].text), j)
    joined = ""
    k, used = j, 0
    while k <= last and used < 8:
        t = re.sub(r"\s+", "", lines[k].text)
        if not t:
            k += 1
            continue
        if len(t) > 24 or _is_furniture(lines[k]):
            break
        bare = re.sub(r"[（(][^）)]*[）)]", "", t)
        if not bare and used:  # a parenthesis under the header row belongs to it
            best = (best[0], k)
        joined += bare
        used += 1
        words = header_words(joined)
        if not words and not (used == 1 and fragment):
            break
        if len(words) > len(best[0]):
            best = (words, k)
        k += 1
    return best


def _header_spans(lines: list[Line], a: int, b: int) -> list[tuple[int, int]]:
    """Header rows inside a column table (a..b): where each starts and ends."""
    out = []
    k = a
    while k <= b:
        words, end = header_span(lines, k, b)
        if len(words) >= 3 or words[:1] == ["序号"]:
            out.append((k, end))
            k = end + 1
        else:
            k += 1
    return out


def _is_furniture(ln: Line) -> bool:
    t = ln.text.strip()
    return ln.furniture or bool(t and len(t) <= 30 and _PAGE_FURNITURE.search(t))


def find_column_tables(lines: list[Line], covered: set[int]) -> list[ColumnTable]:
    """Tables flattened column by column: a caption (…责任清单), then short
    column fragments and, page by page, a header line naming the columns."""
    out: list[ColumnTable] = []
    n = len(lines)
    i = 0
    while i < n:
        ln = lines[i]
        t = re.sub(r"\s+", "", ln.text)
        if ln.no in covered or is_row(ln) or not t or len(t) > 40 or not _CAPTION_END.search(t) \
                or _SENT_PUNCT.sub("", t) != t.replace("“", "").replace("”", "").replace("《", "").replace("》", ""):
            i += 1
            continue
        # the table: up to the next attachment label, the next caption or the end
        j = i + 1
        header: list[str] = []
        labels: list[str] = []
        lead_first = False
        while j < n:
            tj = re.sub(r"\s+", "", lines[j].text)
            if _ATTACH.match(tj) or (tj and len(tj) <= 40 and _CAPTION_END.search(tj) and j > i + 1
                                     and not header_words(tj)):
                break
            words, last = header_span(lines, j, n - 1)
            if len(words) >= 3 and not header:
                header = words
                lead_first = lead_first or any("排第一为牵头" in re.sub(r"\s+", "", lines[k].text)
                                               for k in range(j, last + 1))
            elif words and len(words) <= 2:
                labels += [w for w in words if w not in labels]
            j += 1
        if not header and len(labels) >= 3:
            header = labels  # column labels printed above each flattened column
        end = j - 1
        # running text after the table (an attachment's own plan printed before
        # its label): stop at its first heading, and at the indented paragraph
        # that opens it
        for k in range(i + 1, j):
            if re.match(r"^[一二三四五六七八九十]+、\S", lines[k].text.strip()):
                end = k - 1
                for b in range(k - 1, max(i, k - 15), -1):
                    if re.match(rf"^\s+[{_CJK}]", lines[b].raw) and len(lines[b].text.strip()) >= 10:
                        end = b - 1
                        break
                break
        while end > i and (is_blank(lines[end]) or _is_furniture(lines[end])):
            end -= 1
        roles = {header_role(w) for w in header}
        if roles & {"number", "label"} and "text" in roles and roles & {"lead_units", "coop_units"} \
                and end - i > 10:
            out.append(ColumnTable(ln.no, i, end, t, header, lead_first))
            i = end + 1
        else:
            i += 1
    return out


@dataclass
class Block:
    text: str  # lines joined, CJK spacing removed
    idx: list[int]  # line indexes
    narrow: bool


def _blocks(lines: list[Line], a: int, b: int) -> list[Block]:
    """Blank-line separated blocks; a line holding only a row number is a
    block of its own (it may follow a cell without a blank line)."""
    out: list[Block] = []
    cur: list[int] = []
    for k in range(a, b + 1):
        ln = lines[k]
        is_num = bool(_NUM_CELL.match(ln.text.strip()))
        if is_blank(ln) or _is_furniture(ln) or (cur and is_num != bool(_NUM_CELL.match(lines[cur[-1]].text.strip()))):
            if cur:
                out.append(_make_block(lines, cur))
                cur = []
            if is_blank(ln) or _is_furniture(ln):
                continue
        cur.append(k)
    if cur:
        out.append(_make_block(lines, cur))
    return out


def _make_block(lines: list[Line], idx: list[int]) -> Block:
    parts = [re.sub(r"\s+", "", lines[k].text) if re.search(rf"[{_CJK}]", lines[k].text) else lines[k].text.strip()
             for k in idx]
    text = ""
    for p in parts:
        if text and re.search(r"[A-Za-z0-9%]$", text) and re.match(r"[A-Za-z0-9]", p):
            text += " "
        text += p
    narrow = all(len(re.sub(r"\s+", "", lines[k].text)) <= 7 for k in idx)
    return Block(text, idx, narrow)


def _is_date(s: str) -> bool:
    return len(s) <= 30 and bool(_DEADLINE.search(s)) and "。" not in s and not UNIT_SUFFIX.search(s)


def _is_unitish(s: str) -> bool:
    return len(s) <= 80 and "。" not in s and bool(UNIT_SUFFIX.search(s) or is_generic(s) or s.endswith("、"))


def _merge_text(blocks: list[Block], want: int) -> list[Block]:
    """Cells split by a blank line: join a block to the one before it when that
    one stops mid-sentence, until the count is right."""
    out = list(blocks)
    while len(out) > want:
        k = next((k for k in range(1, len(out)) if not re.search(r"[。；！？!?.]$", out[k - 1].text)), None)
        if k is None:
            break
        out[k - 1] = Block(out[k - 1].text + out[k].text, out[k - 1].idx + out[k].idx, False)
        del out[k]
    return out


def _join_runons(lines: list[Line], blocks: list[Block]) -> list[Block]:
    """A task cell broken by a blank line: a block whose last line runs to
    the cell's full width without ending the sentence ("…持续深化居民“刷脸
    办”、企业" / "“一证办”向乡村地区延伸。") goes on in the next block."""
    out: list[Block] = []
    for bl in blocks:
        if out and len(out[-1].idx) >= 2:
            widths = [len(re.sub(r"\s+", "", lines[k].text)) for k in out[-1].idx]
            last = lines[out[-1].idx[-1]].text.strip()
            if widths[-1] >= max(widths) - 1 and not re.search(r"[。；！？!?.;）)]$", last):
                out[-1] = Block(out[-1].text + bl.text, out[-1].idx + bl.idx, False)
                continue
        out.append(bl)
    return out


def _unit_text(lines: list[Line], idx: list[int]) -> str:
    """A unit cell's lines joined: a line that ends a unit name and a next line
    that starts another (县…, 国网…) are two units, else one name wraps."""
    out = ""
    for k in idx:
        t = re.sub(r"\s+", "", lines[k].text)
        if out and UNIT_SUFFIX.search(out) and not _unit_open(out) and \
                (re.match(r"(县|市|州|省|国网|人民银行)", t) or UNIT_SUFFIX.search(t) and len(t) >= 5):
            out += " "
        out += t
    return out


def _split_text(lines: list[Line], blocks: list[Block], want: int) -> list[Block]:
    """Two cells printed without a blank line between them: split a block after
    a line that ends a sentence and is shorter than the lines around it."""
    out = list(blocks)
    while len(out) < want:
        best = None
        for bi, bl in enumerate(out):
            widths = [len(re.sub(r"\s+", "", lines[k].text)) for k in bl.idx]
            for li in range(len(bl.idx) - 1):
                t = lines[bl.idx[li]].text.strip()
                if not re.search(r"[。；！？]$", t):
                    continue
                score = widths[li] / max(widths)
                if best is None or score < best[0]:
                    best = (score, bi, li)
        if best is None:
            break
        _, bi, li = best
        bl = out[bi]
        a, b = bl.idx[:li + 1], bl.idx[li + 1:]
        out[bi:bi + 1] = [_make_block(lines, a), _make_block(lines, b)]
    return out


def _merge_units(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for b in blocks:
        # a short piece that is no unit itself ("理局" after "…管", "单位", "版"); "人行" is a unit
        short_tail = len(b.text) <= 3 and not re.match(r"(县|市|州|省)", b.text) and \
            not (len(b.text) >= 2 and UNIT_SUFFIX.search(b.text) and not _TAIL_UNIT.match(b.text)
                 and not re.fullmatch(r"\S?(局|办|委|部|中心|单位)", b.text))
        # a list ending in "、" goes on in the next block, unless that block names one of its units
        # again: a cell names a unit once, so these are two cells, the first ending in a stray "、"
        again = bool(out) and _unit_open(out[-1].text) and bool(_UNIT_START.match(b.text)) and \
            bool(_unit_keys(out[-1].text) & _unit_keys(b.text))
        if out and not again and (not UNIT_SUFFIX.search(out[-1].text) or _unit_open(out[-1].text)
                                  or b.text[0] in "（(、" or short_tail):
            out[-1] = Block(out[-1].text + b.text, out[-1].idx + b.idx, False)
        else:
            out.append(b)
    return out


def _merge_dates(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for b in blocks:
        if out and re.fullmatch(r"前|底前|月底|底|完成|推进", b.text):
            out[-1] = Block(out[-1].text + b.text, out[-1].idx + b.idx, False)
        else:
            out.append(b)
    return out


GAP = 0.3  # see align_units
JOIN_SINGLE = 1.5  # joining responsible cells of one unit each (align_units)
DOUBT = 2.0  # a placement within this of the best one makes a row uncertain (align_units)
_UNIT_START = re.compile(r"(县|市|州|省|国网)")
_UNIT_CORE_END = re.compile(r"(局|中心|办公室|办|委员会|委|公司|支行|大队|支队|分局)$")


@functools.lru_cache(maxsize=1 << 16)
def _unit_key(u: str) -> str:
    """A unit name compared across cells: 县政府金融办 = 县金融办 = 金融办."""
    return re.sub(r"^(县|市(?!场)|州|区)", "", u.replace("政府", "")) if len(u) > 3 else u


_NAMED_HEAD = re.compile(r"^(\S{2,}?)等")


@functools.lru_cache(maxsize=1 << 14)
def _cell_units(text: str) -> tuple[str, ...]:
    """The units a cell names (cached: the placements try each cell many
    times): its unit names, and the unit a generic phrase begins with
    (县工商联等县直相关单位 -> 县工商联); other generic phrases name none."""
    out = []
    for u in _units_of(text):
        if not is_generic(u):
            out.append(u)
        elif (head := _NAMED_HEAD.match(u)) and UNIT_SUFFIX.search(head[1]) and not is_generic(head[1]):
            out.append(head[1])
    return tuple(dict.fromkeys(out))


def _unit_keys(text: str) -> set[str]:
    """The units a cell names, as compared across cells (``_unit_key``)."""
    return {_unit_key(u) for u in _cell_units(text)}


def _row_cost(units: list[str], text: str, lead_keys: set[str]) -> float:
    """How badly a group of unit cells fits a row: its lead unit named again
    among the responsible units, a unit named twice in cells joined into one;
    a unit whose name the task text prints (财政局 / "财政投入") fits better,
    and the more of the cell's units the text names, the better (a lone
    县司法局 fits the row about lawyers better than 县司法局、县公安局、县检察院
    does)."""
    keys = [_unit_key(u) for u in units]
    cost = 1.5 * sum(1 for k in keys if k in lead_keys)
    cost += 10.0 * (len(keys) - len(set(keys)))
    uniq = list(dict.fromkeys(keys))
    named = sum(1 for u in uniq if _named_in(u, text))
    if named:
        cost -= 0.8 + 0.2 * min(2, named - 1) + named / len(uniq)
    return cost


Fields = dict[str, list[str]]  # part of a unit's name -> words that name its field in a task text


def field_hints(text: str, units: list[Block], fields: Fields) -> str:
    """A row's task text for placing unit cells: followed by the names of the
    page's units whose field the text names in words of ``fields`` (府院联动 ->
    县人民法院; 个体工商户 -> 县市场监督管理局), so that they count as named."""
    names = dict.fromkeys(u for c in units for u in _cell_units(c.text))
    hinted = [u for u in names if any(part in u and any(w in text for w in words)
                                      for part, words in fields.items())]
    return text + ("\n" + "、".join(hinted) if hinted else "")


@functools.lru_cache(maxsize=1 << 16)
def _named_in(unit: str, text: str) -> bool:
    """Whether a task text names a unit's field: its core name (财政局 ->
    财政, 县人民法院 -> 法院) or a short form of it that keeps the core's
    characters in order and at least half of them (市场监督管理局 -> 市场监管,
    交通运输局 -> 交通); "市场" alone is too common to name 市场监督管理局."""
    core = _UNIT_CORE_END.sub("", re.sub(r"^(人民|政府)", "", _unit_key(unit)))
    if len(core) < 2:
        return False
    need = max(2, (len(core) + 1) // 2)
    for k in range(len(text)):
        if text[k] != core[0]:
            continue
        ci, j = 1, k + 1
        while j < len(text) and ci < len(core):
            if text[j] == core[ci]:
                j += 1
            elif text[j] not in core[ci:]:
                break
            ci += 1
        if j - k >= need:
            return True
    return False


def align_units(cells: list[Block], texts: list[str], heights: list[int], leads: list[str],
                what: str = "responsible units", empty: float = 0.4,
                plan: Optional[list[Optional[str]]] = None, alone: Optional[list[bool]] = None,
                costs: Optional[dict] = None, offset: int = 0) \
        -> tuple[list[list[Block]], list[Optional[str]], float]:
    """The responsible-unit cells of one page to its rows, in printed order.

    Each row takes one cell, or several consecutive cells (a cell broken by a
    blank line; a responsible-unit row two even where a page prints as many
    cells as rows), or shares the cell of the row above (a cell printed once
    for several rows), or takes none (a blank cell: ``empty`` a row).  Among
    the placements the one that fits best wins (``_row_cost``; joins cost 2,
    ``JOIN_SINGLE`` for responsible cells of one unit each (a cell printing
    its units one a line), or 0.5 where the row's text names each joined
    cell; a shared named cell 0.6 per row (0.6 more where the lead unit
    changes; for responsible units 0.4 more where one of the two rows names
    at least half of its units and the other none of them: the cell was
    printed for the row that names them), a shared generic cell 0.2 per row
    (0.3 more) unless it is printed again and again (县直相关单位 ×4: then
    0.6); a blank between rows of one lead unit that hold cells costs
    ``GAP`` more; a unit that ``plan`` does not give a row that has a plan
    item, 1.0; a row ``alone`` (its plan item names no partner) left blank,
    nothing).  A row is uncertain when a placement almost as good (within
    ``DOUBT``) gives it other cells; its note names them.  Returns the cells
    of each row, the doubts and the cost of the placement.

    ``costs`` (a dict) keeps the costs of groups of cells between calls on
    other slices of one page's cells with the same texts, plan and
    ``what``; ``offset`` is where ``cells`` begins in that page's cells."""
    n, m = len(texts), len(cells)
    if not m or not n:
        return [[] for _ in range(n)], [None] * n, 0.0
    maxg = max(2 if what == "responsible units" else 1, m - n + 1)
    units = [_cell_units(c.text) for c in cells]
    generic = [not u for u in units]

    lead_keys = [_unit_keys(x) for x in leads]
    frozen = [frozenset(k) for k in lead_keys]
    memo: list[dict[tuple[int, int], float]] = [{} for _ in range(n)]  # row -> cells -> cost
    costs = {} if costs is None else costs

    def row_cost(i: int, g: tuple[int, int]) -> float:
        v = memo[i].get(g)
        if v is None:
            key = ("row", what, i, g[0] + offset, g[1] + offset, frozen[i])
            v = costs.get(key)
            if v is None:
                v = costs[key] = _group_cost(i, g)
            memo[i][g] = v
        return v

    def singles(s: int, j: int) -> bool:
        """Responsible cells of one unit each, which a cell printing its units one a line leaves."""
        return what == "responsible units" and all(len(units[k]) == 1 for k in range(s, j))

    def _group_cost(i: int, g: tuple[int, int]) -> float:
        s, j = g
        if s == j:
            return 0.0
        us = [u for k in range(s, j) for u in units[k]]
        lines_n = sum(len(cells[k].idx) for k in range(s, j))
        c = _row_cost(us, texts[i], lead_keys[i])
        if plan and plan[i] is not None:
            c += 1.0 * sum(1 for u in dict.fromkeys(us) if not _named_in(u, plan[i]))
            c += 1.0 * sum(1 for k in range(s, j) if generic[k] and squash(cells[k].text) not in squash(plan[i]))
        if j - s > 1 and lines_n > heights[i]:
            c += 1.0  # joined cells taller than the row's task text
        return c + (0.5 if _all_named(cells[s:j], texts[i]) else JOIN_SINGLE if singles(s, j) else 2.0) * (j - s - 1)

    shares: dict[tuple[tuple[int, int], int], float] = {}

    def share_cost(g: tuple[int, int], i: int) -> float:
        if (g, i) not in shares:
            # what a shared cost reads: the cells, their neighbours inside this slice, the two rows
            key = ("share", what, empty, i, g[0] + offset, g[1] + offset, g[0] == 0, g[1] == m,
                   frozen[i] != frozen[i - 1])
            v = costs.get(key)
            if v is None:
                v = costs[key] = _share_cost(g, i)
            shares[g, i] = v
        return shares[g, i]

    def _share_cost(g: tuple[int, int], i: int) -> float:
        """Row i shares the cell(s) g with row i - 1; dearer across a change of lead unit."""
        if g[0] == g[1]:
            return empty
        repeated = any(goes_on[k] or starts_run[k] for k in range(g[0], g[1]))
        is_generic = all(generic[k] for k in range(g[0], g[1]))
        base = 0.2 if is_generic and not repeated else 0.6
        # a cell whose units one of the two rows mostly names and the other none (律师 -> 县司法局)
        # was printed for the row that names them
        us = list(dict.fromkeys(u for k in range(g[0], g[1]) for u in units[k]))
        above, here = (sum(_named_in(u, texts[r]) for u in us) for r in (i - 1, i))
        own = 0.4 if (what == "responsible units" and us and min(above, here) == 0
                      and 2 * max(above, here) >= len(us)) else 0.0
        return own + base + ((0.3 if is_generic else 0.6) if not same_lead[i] else 0.0)

    # per cell: the one before it is equal (a run goes on), the one after it is (a run starts);
    # per row: its lead unit is the row above's
    goes_on = [k > 0 and cells[k].text == cells[k - 1].text for k in range(m)]
    starts_run = [k + 1 < m and cells[k + 1].text == cells[k].text for k in range(m)]
    same_lead = [i > 0 and lead_keys[i] == lead_keys[i - 1] for i in range(n)]
    INF = float("inf")
    fwd: list[dict] = [dict() for _ in range(n)]
    back: list[dict] = [dict() for _ in range(n)]
    for j in range(1, min(m, maxg) + 1):
        fwd[0][(0, j)] = row_cost(0, (0, j))
    fwd[0][(0, 0)] = 0.0 if alone and alone[0] else empty

    def steps(g: tuple[int, int], i: int) -> list[tuple[tuple[int, int], float]]:
        """Ways row i can follow row i - 1 holding g: share it, take the next
        cell(s), or take none."""
        # a blank cell between rows of one lead unit that have cells of their own is less likely
        # than a cell printed once for them all
        gap = GAP if what == "responsible units" and same_lead[i] and any(lead_keys[i]) else 0.0
        out = [(g, share_cost(g, i))] if g[0] < g[1] else []
        take = run_cost(g, i, True) + (gap if g[0] == g[1] and not (alone and alone[i - 1]) else 0.0)
        out += [((g[1], j), take) for j in range(g[1] + 1, min(m, g[1] + maxg) + 1)]
        if alone and alone[i]:  # the plan gives this row no partner: a blank cell is expected
            out.append(((g[1], g[1]), run_cost(g, i, False)))
        else:
            out.append(((g[1], g[1]), empty + run_cost(g, i, False) + (gap if g[0] < g[1] else 0.0)))
        return out

    def run_cost(g: tuple[int, int], i: int, taking: bool) -> float:
        """A run of equal cells (县直相关单位 ×4) goes with a run of rows of one
        lead unit: 0.6 where the run goes on across a change of lead unit or
        a row left blank, or starts where the lead unit does not change."""
        k = g[1]
        if not 0 <= k < m:
            return 0.0
        if goes_on[k] and (not taking or g[0] == g[1] or not same_lead[i]):
            return 0.6
        starts = taking and not goes_on[k] and starts_run[k]
        return 0.6 if starts and same_lead[i] else 0.0

    # the forward pass keeps each state's ways on (next state, step cost, its row cost), which the
    # backward pass walks again; every state a way leads to is a state of the next row
    ways: list[list[tuple[tuple[int, int], list[tuple[tuple[int, int], float, float]]]]] = [[] for _ in range(n)]
    for i in range(1, n):
        here = fwd[i]
        # a state that ends before this can take no more than maxg cells a row to the last one: it
        # cannot complete a placement, so it is left out (it would only ever cost INF)
        least = m - (n - 1 - i) * maxg
        known = memo[i]
        for g, v in fwd[i - 1].items():
            out = []
            for g2, extra in steps(g, i):
                if g2[1] < least:
                    continue
                rc = known.get(g2)
                if rc is None:
                    rc = row_cost(i, g2)
                out.append((g2, extra, rc))
                w = v + extra + rc
                if w < here.get(g2, INF):
                    here[g2] = w
            ways[i - 1].append((g, out))
    for g in fwd[n - 1]:
        back[n - 1][g] = 0.0 if g[1] == m else INF
    for i in range(n - 2, -1, -1):
        nxt, b = back[i + 1], back[i]
        for g, out in ways[i]:
            b[g] = min([extra + rc + nxt[g2] for g2, extra, rc in out] or [INF])
    total = min((fwd[0][g] + back[0][g] for g in fwd[0]), default=INF)
    if total == INF:
        return [[c] for c in _spread(cells, n)], [f"{what}: the cells could not be matched to the rows"] * n, 100.0
    out: list[list[Block]] = []
    doubt: list[Optional[str]] = []
    prev: Optional[tuple[int, int]] = None
    for i in range(n):
        fits = {g: fwd[i][g] + back[i][g] for g in fwd[i]}
        near = sorted(g for g, v in fits.items() if v <= total + DOUBT)
        # the best placement, followed row by row
        if prev is None:
            opts = [(fwd[0][g] + back[0][g], g) for g in fwd[0]]
        else:
            opts = [(extra + row_cost(i, g2) + back[i][g2], g2) for g2, extra in steps(prev, i) if g2 in back[i]]
        # ties: take the cells early, leave the blank rows late
        g = min(opts, key=lambda o: (round(o[0], 6), o[1][0] == o[1][1], o[1][0], -o[1][1]))[1]
        prev = g
        out.append(cells[g[0]:g[1]])
        def said(h: tuple[int, int]) -> str:
            return "、".join(c.text for c in cells[h[0]:h[1]]) or "（空白）"

        others = list(dict.fromkeys(said(h) for h in near if said(h) != said(g)))
        if others:  # another placement almost as good gives this row other units
            alts = "; ".join(others)
            doubt.append(f"{what} uncertain ({m} cells for {n} rows on this page); "
                         f"they may instead be: {alts[:120]}")
        else:
            doubt.append(None)
    for rows_k in _runs_on_lead_runs(cells, out, lead_keys):
        for i in rows_k:
            doubt[i] = None
    # the best placement still gives a row its own lead unit as a partner: the cells may be
    # shifted against the rows from there on (a blank cell and a broken one), so those rows are not sure
    dup = [i for i in range(n) if any(lead_keys[i] & _unit_keys(c.text) for c in out[i])]
    if dup:
        why = (f"{what} uncertain: the cell placed on row {dup[0] + 1} of this page names its lead unit again, "
               f"so the cells from there on may be shifted against the rows")
        doubt = [d or (why if i >= dup[0] else None) for i, d in enumerate(doubt)]
    return out, doubt, total


def _all_named(cells: list[Block], text: str) -> bool:
    """Several cells joined for one row, each naming a unit the row's text
    names ("烟草办证、驾照办证、不动产办证": 烟草专卖局 / 交警支队 / 自然资源局)."""
    return len(cells) > 1 and all(any(_named_in(u, text) for u in _cell_units(c.text)) for c in cells)


def _runs(keys: list) -> list[tuple[int, int]]:
    """Maximal runs of equal consecutive items: (start, end) exclusive."""
    out, s = [], 0
    for k in range(1, len(keys) + 1):
        if k == len(keys) or keys[k] != keys[s]:
            out.append((s, k))
            s = k
    return out


def _runs_on_lead_runs(cells: list[Block], placed: list[list[Block]], lead_keys: list[set]) -> list[list[int]]:
    """Rows a run of equal cells (县直相关单位 ×4) holds beyond doubt: the run
    lies one cell a row exactly on a run of rows of one lead unit as long as
    itself, and no other run of cells or of rows on the page has that length,
    so no other reading pairs them (a run of 4 equal cells for the 4 rows of
    县发改局, not 4 of the 8 rows of 县人社局)."""
    if not cells or not any(lead_keys):
        return []
    cell_runs = [r for r in _runs([c.text for c in cells]) if r[1] - r[0] >= 2]
    lead_runs = [r for r in _runs([frozenset(k) for k in lead_keys]) if lead_keys[r[0]]]
    out = []
    for a, b in cell_runs:
        k = b - a
        if sum(1 for x, y in cell_runs if y - x == k) != 1:
            continue
        same = [(x, y) for x, y in lead_runs if y - x == k]
        if len(same) != 1:
            continue
        x, y = same[0]
        if all(len(placed[i]) == 1 and placed[i][0] is cells[a + i - x] for i in range(x, y)):
            out.append(list(range(x, y)))
    return out


Hints = tuple[list[str], list[str], list[Optional[str]], list[bool]]


def plan_hints(texts: list[str], plan: list[Optional[PlanItem]]) -> Hints:
    """Row texts for placing each unit column, followed by the units the plan
    gives the row in that role (so that they count as named), and all the
    units and phrases the plan gives the row (None where it has no plan
    item): a unit or a generic cell the plan does not give the row counts
    against a cell; and whether the plan gives the row no partner at all (a
    blank 责任单位 cell is then as likely as not).  (A plan's roles are read
    from its attribution phrases, which split lead and partner units less
    surely than a table's columns.)"""
    def add(text: str, units: tuple[str, ...]) -> str:
        return text + ("\n" + "、".join(units) if units else "")

    plan = [p if p and p.given() else None for p in plan]  # an item that names no unit tells nothing
    lead = [add(x, p.lead) if p else x for x, p in zip(texts, plan)]
    coop = [add(x, p.coop) if p else x for x, p in zip(texts, plan)]
    given = [p.given() if p else None for p in plan]
    return lead, coop, given, [bool(p and not p.coop and not p.others) for p in plan]


def split_unit_columns(units: list[Block], texts: list[str], heights: list[int], has_coop: bool,
                       hints: Optional[Hints] = None) \
        -> tuple[int, list[list[Block]], list[Optional[str]], list[list[Block]], list[Optional[str]]]:
    """The unit cells of one page, lead column first, then the responsible
    units: where the lead column ends and each column's cells per row.

    The lead column normally holds one cell per row; another split is taken
    when it fits better (``align_units`` on both columns, 2 per cell away
    from one per row), and a run of equal cells ("县优化营商环境专班" twice)
    is not cut in two (3 if it is; where the best split cuts one, the run's
    ends are tried too).  With ``hints`` from the plan
    (``plan_hints``) a page may also print no lead cell at all.  Returns
    (cells in the lead column, lead cells per row, their doubts, responsible
    cells per row, their doubts)."""
    n = len(texts)
    lead_t, coop_t, given, alone = hints or (texts, texts, None, None)
    if not has_coop:
        ld, ld_doubt, _ = align_units(units, lead_t, heights, [""] * n, "lead units", 3.0, given)
        return len(units), ld, ld_doubt, [[] for _ in range(n)], [None] * n
    tries = []
    costs: dict = {}  # the costs of groups of cells, shared by the attempts

    def attempt(b: int) -> None:
        cut = 3.0 if 0 < b < len(units) and units[b - 1].text == units[b].text else 0.0
        ld, ld_doubt, c1 = align_units(units[:b], lead_t, heights, [""] * n, "lead units", 3.0, given, costs=costs)
        leads = [" ".join(c.text for c in g) for g in ld]
        cp, cp_doubt, c2 = align_units(units[b:], coop_t, heights, leads, plan=given, alone=alone,
                                       costs=costs, offset=b)
        empty = 2.0 * n if b == len(units) else 0.0  # a responsible-unit column with no cell at all
        # one lead cell a row, or more where a row's text names each of its several lead cells
        joined = sum(len(g) - 1 for g, t in zip(ld, texts) if _all_named(g, t))
        tries.append((c1 + c2 + cut + empty + 2.0 * abs(b - n - joined), b, ld, ld_doubt, cp, cp_doubt))

    for b in range(0 if hints else max(1, n - 3), min(len(units), n + 3) + 1):
        attempt(b)
    best = min(tries, key=lambda x: (x[0], abs(x[1] - n))) if tries else None
    if best and 0 < best[1] < len(units) and units[best[1] - 1].text == units[best[1]].text:
        # the best split cuts a run of equal cells: the run's ends are tried too, beyond the usual range
        # (县财政局 ×3 ending a lead column of 16 cells for 12 rows)
        start = end = best[1]
        while start > 0 and units[start - 1].text == units[best[1]].text:
            start -= 1
        while end < len(units) and units[end].text == units[best[1]].text:
            end += 1
        for b in (start, end):
            if b not in {t[1] for t in tries}:
                attempt(b)
        best = min(tries, key=lambda x: (x[0], abs(x[1] - n)))
    if best:
        # another split of the columns almost as good: the rows it reads otherwise are uncertain
        def said(groups: list[list[Block]]) -> list[str]:
            return ["、".join(c.text for c in g) for g in groups]

        cp_doubt = list(best[5])
        for alt in tries:
            if alt is best or alt[0] > best[0] + 1.0:
                continue
            for i, (l0, l1, c0, c1_) in enumerate(zip(said(best[2]), said(alt[2]), said(best[4]), said(alt[4]))):
                if (l0, c0) != (l1, c1_) and not cp_doubt[i]:
                    cp_doubt[i] = (f"lead and responsible units uncertain: the page's {len(units)} unit cells "
                                   f"also read as {alt[1]} lead cells and {len(units) - alt[1]} others, "
                                   f"giving this row {l1} / {c1_}"[:200])
        b = best[1]
        if 0 < b < len(units) and units[b - 1].text == units[b].text:
            # the best reading cuts a run of equal cells: where the lead column ends is open, and every
            # row of the page reads its units from that end (a cell more or less shifts them all)
            for i in range(n):
                halves = units[b - 1] in best[2][i] or units[b] in best[4][i]
                why = (f"lead and responsible units uncertain: {units[b].text} is printed twice where the lead "
                       f"column ends; either may belong to the other column") if halves else \
                      (f"lead and responsible units uncertain: the page's lead column may end a cell earlier or "
                       f"later ({units[b].text} printed twice where it ends), which would shift this row's units")
                cp_doubt[i] = "; ".join(x for x in (cp_doubt[i], why) if x)
        best = (*best[:5], cp_doubt)
    if best is None:
        b = min(n, len(units))
        ld, ld_doubt, _ = align_units(units[:b], lead_t, heights, [""] * n, "lead units", 3.0, given)
        cp, cp_doubt, _ = align_units(units[b:], coop_t, heights, [" ".join(c.text for c in g) for g in ld],
                                      plan=given, alone=alone)
        return b, ld, ld_doubt, cp, cp_doubt
    return best[1:]


def _spread(cells: list[Block], n: int) -> list[Optional[Block]]:
    """k merged cells over n rows, in order, as evenly as the counts allow."""
    if not cells:
        return [None] * n
    if len(cells) >= n:
        return cells[:n]
    out = []
    for r in range(n):
        out.append(cells[min(len(cells) - 1, r * len(cells) // n)])
    return out


@dataclass
class ColRow:
    number: str
    lines: list[int]
    label: str = ""  # the row's label cell when no 序号 is printed (任务明细 / 行业领域)
    leaders: str = ""
    text: str = ""
    deadline: Optional[str] = None
    lead: str = ""
    coop: str = ""
    group: Optional[str] = None
    notes: list[str] = field(default_factory=list)
    page: int = 0  # the page's first row index, shared by the rows of one page
    plan: Optional[PlanItem] = None  # the plan's item of the same heading


def _column_rows(lines: list[Line], t: ColumnTable, fields: Fields, plans: Plans) \
        -> tuple[list[ColRow], list[Block], list[str]]:
    """Rows rebuilt page by page, the merged narrow cells in printed order, and notes."""
    roles = [header_role(w) for w in t.header]
    has_deadline = "deadline" in roles
    has_coop = "coop_units" in roles
    has_lead = "lead_units" in roles
    has_leaders = "leaders" in roles
    # pages: split at the header lines
    bounds = []
    prev = t.start + 1
    for c, c_end in _header_spans(lines, t.start + 1, t.end):
        bounds.append((prev, c - 1))
        prev = c_end + 1
    bounds.append((prev, t.end))
    numbered = "number" in roles
    rows: list[ColRow] = []
    narrow_cells: list[Block] = []
    notes: list[str] = []
    group: Optional[str] = None
    pages = [_blocks(lines, a, b) for a, b in bounds]
    if not numbered:
        pages = [sub for blocks in pages for sub in _split_label_pages(lines, blocks)]
    for blocks in pages:
        # the 序号 column: a run of number blocks (group lines may stand between them)
        page_rows: list[ColRow] = []
        rest: list[Block] = []
        in_run = False
        for bl in blocks:
            if header_words(bl.text) and not _HEADER_WORD.sub("", bl.text):
                continue  # a column label (序号 / 牵头单位 …)
            if _GROUP_LINE.match(bl.text):
                group = bl.text
                continue
            nums = [lines[k].text.strip() for k in bl.idx]
            if numbered and all(_NUM_CELL.match(x) for x in nums) and (in_run or not page_rows):
                for k, x in zip(bl.idx, nums):
                    page_rows.append(ColRow(x, [k], group=group))
                in_run = True
                continue
            in_run = False
            rest += _peel_units(lines, bl)
        if not numbered:
            page_rows, rest = _label_rows(lines, rest, group, narrow_cells)
        if not page_rows:
            for bl in rest:
                if bl.narrow:
                    _add_narrow(narrow_cells, bl)
            continue
        n = len(page_rows)
        texts, dates, names, units = [], [], [], []
        phase = 0  # 0 narrow/text, 1 dates, 2 units
        for bl in rest:
            if phase in (0, 1) and has_leaders and texts and _is_names(lines, bl):
                phase = 1
                names.append(bl)
                continue
            label = len(bl.idx) >= 2 and _short_lines(lines, bl, 4) and not _SENT_PUNCT.search(bl.text)
            if phase == 0 and len(texts) >= n and _UNIT_START.match(bl.text) and not re.search(r"[。；，：“”《》]", bl.text):
                phase = 2  # a unit cell broken short of its ending ("县住房\n保障中")
                units.append(bl)
            elif phase == 0 and bl.narrow and (label and not (texts and _is_unitish(bl.text))
                                             or not texts and not _is_unitish(bl.text)):
                _add_narrow(narrow_cells, bl)
            elif phase == 0 and not _is_date(bl.text) and not (texts and _is_unitish(bl.text) and len(texts) >= n):
                texts.append(bl)
            elif phase <= 1 and has_deadline and _is_date(bl.text):
                phase = 1
                dates.append(bl)
            elif phase == 2 and _is_narrow_label(lines, bl, units):
                _add_narrow(narrow_cells, bl)  # a merged cell printed after the unit columns
            else:
                phase = 2
                units.append(bl)
        texts = _join_runons(lines, texts)
        texts = _merge_text(texts, n)
        texts = _split_text(lines, texts, n)
        dates = _merge_dates(dates)
        units = [Block(_unit_text(lines, u.idx), u.idx, u.narrow) for u in units]
        units = _merge_units(units)
        page_note = []
        if len(texts) != n:
            page_note.append(f"{len(texts)} task cells for {n} rows on this page")
        if has_deadline and len(dates) not in (n, 1):
            page_note.append(f"{len(dates)} deadline cells for {n} rows on this page; spread in order")
        tx = _spread(texts, n) if len(texts) != n else texts
        dl = _spread(dates, n) if has_deadline else [None] * n
        row_texts = [field_hints(x.text, units, fields) if x else "" for x in tx]
        # a row is as tall as its tallest cell known here: its task cell, or its label cell
        heights = [max(len(x.idx) if x else 1, len(r.lines) if r.label else 1) for r, x in zip(page_rows, tx)]
        plan = [plans.get(heading_key(r.label or (x.text if x else ""))) for r, x in zip(page_rows, tx)]
        hints = plan_hints(row_texts, plan) if sum(bool(p and p.given()) for p in plan) * 2 >= n else None
        if has_lead:
            b, ld_cells, ld_doubt, cp, doubt = split_unit_columns(units, row_texts, heights, has_coop, hints)
        else:  # one units column
            b, ld_cells, ld_doubt = 0, [[] for _ in range(n)], [None] * n
            cp, doubt, _ = align_units(units, row_texts, heights, [""] * n)
        if has_leaders:
            if len(names) != n:
                page_note.append(f"{len(names)} lead-official cells for {n} rows on this page; spread in order")
            nm = names if len(names) == n else _spread(names, n)
        else:
            nm = [None] * n
        notes_units = []
        for label, k in (("lead-unit", b), ("responsible-unit", len(units) - b)):
            if (label == "lead-unit" and has_lead or label != "lead-unit" and has_coop) and k != n:
                how = "joined where a cell was broken by a blank line" if k > n else \
                    "a cell printed once for several rows spans them" if k else "none printed"
                notes_units.append(f"{k} {label} cells for {n} rows on this page ({how})")
        if has_lead and has_coop and not b and units:
            page_note.append(f"no lead-unit cell printed on this page: its {len(units)} unit cells are read as "
                             f"responsible units (the plan's items of the same headings weigh which column "
                             f"a cell belongs to)")
        if has_lead and has_coop and b and b == len(units) and b < n:
            # fewer cells than rows, all read as lead units: a merged 责任单位
            # cell, or lead cells left out of the text, would read the same
            page_note.append(f"only {b} unit cells for {n} rows on this page, all read as lead units; "
                             f"they may belong to the responsible-unit column instead")
        doubt = ["; ".join(x for x in (p, q) if x) or None for p, q in zip(ld_doubt, doubt)]
        ld = [Block(" ".join(c.text for c in g), [k for c in g for k in c.idx], False) if g else None
              for g in ld_cells]
        for r, x, d, l, c, why, p, pl in zip(page_rows, tx, dl, ld, cp, doubt, nm, plan):
            r.text = x.text if x else ""
            r.plan = pl
            if p:
                r.leaders = " ".join(nospace(lines[k].text) for k in p.idx)
                r.lines += p.idx
            r.deadline = d.text if d else None
            r.lead = l.text if l else ""
            r.coop = " ".join(cl.text for cl in c)
            for bl in (x, d, l, *c):
                if bl:
                    r.lines += bl.idx
            r.notes += page_note
            if why:
                r.notes.append(why)
        page_note = page_note + notes_units
        for r in page_rows:
            r.page = len(rows)
        rows += page_rows
        if page_note:
            notes.append(f"rows {page_rows[0].number}–{page_rows[-1].number}: " + "; ".join(page_note))
    return rows, narrow_cells, notes


def _peel_units(lines: list[Line], bl: Block) -> list[Block]:
    """A task cell with a unit cell of the next column glued on without a blank
    line ("…等问题。" / "县政府" / "金融办"): the short lines after the cell's
    last full stop that read as a unit name are a block of their own."""
    ends = [j for j, k in enumerate(bl.idx) if re.search(r"[。；]$", lines[k].text.strip())]
    if not ends or ends[-1] == len(bl.idx) - 1:
        return [bl]
    head, tail = bl.idx[:ends[-1] + 1], bl.idx[ends[-1] + 1:]
    text = "".join(re.sub(r"\s+", "", lines[k].text) for k in tail)
    if len(head) < 2 or not (_is_unitish(text) or _UNIT_START.match(text)) or re.search(r"[。；，：“”《》]", text) or \
            any(len(re.sub(r"\s+", "", lines[k].text)) > 7 for k in tail):
        return [bl]
    return [_make_block(lines, head), _make_block(lines, tail)]


def _short_lines(lines: list[Line], bl: Block, width: int) -> bool:
    return all(len(re.sub(r"\s+", "", lines[k].text)) <= width for k in bl.idx)


def _is_narrow_label(lines: list[Line], bl: Block, units: list[Block]) -> bool:
    """A merged 工作内容-like cell printed after the unit columns: lines of at
    most three characters ("创新" / "成果" / "转化" …), never a unit name's
    wrapped tail ("理局", "单位", or "班" after "…专")."""
    if not bl.narrow or not _short_lines(lines, bl, 3):
        return False
    if len(bl.idx) >= 2:  # "县财政" / "局" and "县住房" / "保障中" are units; four or more such lines are a label
        return not (_is_unitish(bl.text) or _UNIT_START.match(bl.text)) or len(bl.idx) >= 4
    prev = units[-1].text if units else ""
    return len(bl.text) >= 2 and not _is_unitish(bl.text) and bool(prev) and \
        bool(UNIT_SUFFIX.search(prev) or is_generic(prev)) and not _unit_open(prev)


def _unit_open(text: str) -> bool:
    """A unit cell that stops inside a name: "…、县科" (a county prefix and one
    character), "…、县政府" (an office of the government follows: 金融办) or "…、"."""
    last = re.split(r"[、，,\s]", text)[-1]
    return text.endswith(("、", "，")) or bool(re.fullmatch(r"(县|市|州)(\S|政府)?", last))


def _is_names(lines: list[Line], bl: Block) -> bool:
    """A cell of lead officials: each line a name of two to four characters
    ("张远康" / "熊 艺"), never a unit."""
    parts = [nospace(lines[k].text) for k in bl.idx]
    return all(re.fullmatch(rf"[{_CJK}]{{2,4}}", p) and not re.match(r"[县市州省]", p) for p in parts) \
        and not _is_unitish(bl.text)


_LABEL_NUM = re.compile(r"^(\d{1,3})\s*[.．、]\s*")


def _header_fragment(text: str) -> bool:
    """A piece of a header broken over lines ("工作", "行业")."""
    t = re.sub(r"\s+", "", text)
    return 0 < len(t) <= 2 and any(w.startswith(t) for w in _HEADER_WORD.pattern.split("|"))


def _split_label_pages(lines: list[Line], blocks: list[Block]) -> list[list[Block]]:
    """A page of a table without 序号 whose header was not printed runs on into
    the next: a numbered label cell ("18．提高…") after the page's wide cells
    starts a new page.  Header fragments ("工作") are dropped."""
    pages: list[list[Block]] = [[]]
    wide = False
    for bl in blocks:
        at = next((j for j, i in enumerate(bl.idx) if j and _LABEL_NUM.match(nospace(lines[i].text))), None)
        if wide and bl.narrow and at is not None:  # "工作" / "18．提高…" in one block
            head, bl = _make_block(lines, bl.idx[:at]), _make_block(lines, bl.idx[at:])
            if not _header_fragment(head.text):
                pages[-1].append(head)
        if bl.narrow and len(bl.idx) == 1 and _header_fragment(bl.text):
            continue
        if wide and bl.narrow and _LABEL_NUM.match(bl.text):
            pages.append([])
            wide = False
        wide = wide or not bl.narrow
        pages[-1].append(bl)
    return [p for p in pages if p]


def _label_rows(lines: list[Line], blocks: list[Block], group: Optional[str], narrow_cells: list[Block]) \
        -> tuple[list[ColRow], list[Block]]:
    """Rows of a table printed without a 序号 column: the narrow cells that
    open the page, before its first wide (task text) cell, are the rows'
    label cells (任务明细 "1.严格遏制新增政府隐性债务。", 行业领域 "高层建筑").
    Numbered labels start a row at each number, the lines after it continue
    it; unnumbered ones are a row each, a short piece after a blank line
    ("所") continuing the one above.  (一)-headed cells are merged cells, not
    rows.  Returns the rows and the blocks left."""
    run: list[Block] = []
    k = 0
    while k < len(blocks) and blocks[k].narrow and not re.match(r"\d{4}\s*年", blocks[k].text):
        run.append(blocks[k])
        k += 1
    rest = blocks[k:]
    rows: list[ColRow] = []
    numbered = any(_LABEL_NUM.match(nospace(lines[i].text)) for b in run for i in b.idx)
    mid: set[int] = set()  # rows whose number line does not open its block
    for bl in run:
        if _GROUP_RE.match(bl.text):
            _add_narrow(narrow_cells, bl)
            continue
        if numbered:
            for i in bl.idx:
                t = nospace(lines[i].text)
                m = _LABEL_NUM.match(t)
                if m:
                    rows.append(ColRow(m.group(1), [i], label=t[m.end():], group=group))
                    if i != bl.idx[0]:
                        mid.add(id(rows[-1]))
                elif rows:
                    rows[-1].label += t
                    rows[-1].lines.append(i)
                else:
                    _add_narrow(narrow_cells, bl)
                    break
        elif rows and len(bl.idx) == 1 and len(bl.text) <= 3 and bl.idx[0] - rows[-1].lines[-1] <= 2:
            rows[-1].label += bl.text
            rows[-1].lines += bl.idx
        else:
            rows.append(ColRow("", list(bl.idx), label=bl.text, group=group))
    # a number printed twice ("22．分级分类" / "23．救治患者。" / "23．做好…"): the
    # first one, read inside a cell that had not ended, is part of that cell
    for j in range(len(rows) - 2, 0, -1):
        r = rows[j]
        if id(r) in mid and r.number == rows[j + 1].number and not re.search(r"[。.；;]$", rows[j - 1].label):
            rows[j - 1].label += r.label
            rows[j - 1].lines += r.lines
            rows[j - 1].notes.append(f"the number {r.number} printed inside this row's label cell, before the "
                                     f"row {r.number} that follows, is read as part of this row")
            del rows[j]
    return rows, rest


def _add_narrow(cells: list[Block], bl: Block) -> None:
    """A merged cell split by a blank line ("…升级" / "版", or a label spread
    one short line at a time: "创新" / "成果" / "转化") is one cell."""
    if cells and len(bl.idx) == 1 and len(bl.text) <= 3 and 0 < bl.idx[0] - cells[-1].idx[-1] <= 2:
        cells[-1] = Block(cells[-1].text + bl.text, cells[-1].idx + bl.idx, True)
    else:
        cells.append(bl)


def _bigrams(s: str) -> set[str]:
    s = re.sub(rf"[^{_CJK}A-Za-z0-9]", "", s)
    return {s[k:k + 2] for k in range(len(s) - 1)}


def numbered_groups(rows: list[ColRow]) -> Optional[list[list[int]]]:
    """Rows grouped by the numbering their task cells print: a group opens at
    "1." (or at a cell without a number) and runs over "2.", "3." …; None
    when the cells do not restart their numbering at least twice, or when
    most rows stand alone (each cell numbering its own items)."""
    groups: list[list[int]] = []
    restarts = 0
    for i, r in enumerate(rows):
        m = _LABEL_NUM.match(r.text.lstrip())
        if groups and m and m.group(1) != "1":
            groups[-1].append(i)
            continue
        restarts += bool(m)
        groups.append([i])
    # numbering that runs on across rows, not a "1." opening every row's own list
    runs_on = sum(len(g) for g in groups if len(g) >= 2) * 2 >= len(rows)
    return groups if restarts >= 2 and runs_on else None


def align_narrow(cells: list[Block], rows: list[ColRow], cell_page: list[int], row_page: list[int],
                 groups: Optional[list[list[int]]] = None) \
        -> tuple[list[Optional[str]], list[Optional[str]]]:
    """Merged cells (one printed for several rows) to rows: in order, each cell
    over a run of consecutive rows (a cell printed again on the next page is
    one cell), the runs chosen so that the cells share the most words with the
    rows they head, words common to many rows counting little.  A cell starts
    on a row of the page it is printed on or of the two before (a page's merged
    cells are printed after the next page's header), unless no placement can.
    A cell may be left out; a cell that shares no word with its rows stays
    unplaced.  Where the task cells number themselves in groups (1. 2. 3. /
    1. 2. …: ``groups``, from ``numbered_groups``), each merged cell spans one
    group (``align_groups``).
    Returns each row's cell and, per row, a note where the placement is in
    doubt."""
    merged: list[tuple[Block, int]] = []
    for c, pg in zip(cells, cell_page):
        if merged and merged[-1][0].text == c.text:
            continue  # the same cell printed again where it runs on to the next page
        merged.append((c, pg))
    n, k = len(rows), len(merged)
    if not k or not n:
        return [None] * n, [None] * n
    grams = [_bigrams(r.text) for r in rows]
    df: dict[str, int] = {}
    for g in grams:
        for b in g:
            df[b] = df.get(b, 0) + 1
    weight = {b: math.log((n + 1) / (d + 1)) for b, d in df.items()}
    sim = [[round(sum(weight[b] for b in sorted(_bigrams(c.text) & g)), 6) for g in grams] for c, _ in merged]
    if groups:
        return align_groups(merged, sim, groups, row_page)
    pre = [[0.0] * (n + 1) for _ in range(k)]
    for j in range(k):
        for i in range(n):
            pre[j][i + 1] = pre[j][i] + sim[j][i]
    NEG = float("-inf")
    SKIP = 0.5

    def solve(paged: bool) -> Optional[list[tuple[int, int]]]:
        # best[j][i]: cells[:j] cover rows[:i]; back: (start row of cell j - 1, or -1 when left out)
        best = [[NEG] * (n + 1) for _ in range(k + 1)]
        back = [[-1] * (n + 1) for _ in range(k + 1)]
        best[0][0] = 0.0
        for j in range(1, k + 1):
            pg = merged[j - 1][1]
            last, sums = best[j - 1], pre[j - 1]
            # the rows cell j - 1 may start at, in order (the same for every end row i)
            starts = [st for st in range(n) if last[st] != NEG and not (paged and not pg - 2 <= row_page[st] <= pg)]
            for i in range(n + 1):
                v, how = last[i] - SKIP, -1
                for st in starts:
                    if st >= i:
                        break
                    w = last[st] + sums[i] - sums[st]
                    if w > v:
                        v, how = w, st
                best[j][i], back[j][i] = v, how
        if best[k][n] == NEG:
            return None
        spans, i = [], n
        for j in range(k, 0, -1):
            st = back[j][i]
            spans.append((st, i) if st >= 0 else (i, i))
            i = st if st >= 0 else i
        return spans[::-1]

    spans = solve(True) or solve(False)
    out: list[Optional[str]] = [None] * n
    for j, (st, en) in enumerate(spans or []):
        if en > st and pre[j][en] - pre[j][st] > 0:
            for r in range(st, en):
                out[r] = merged[j][0].text
    return out, [None] * n


def align_groups(merged: list[tuple[Block, int]], sim: list[list[float]], groups: list[list[int]],
                 row_page: list[int]) -> tuple[list[Optional[str]], list[Optional[str]]]:
    """Merged cells to numbered groups of rows, in order, one group a cell
    (a group may have none: a blank 目标; a cell may be left out, 0.5): the
    placement whose cells share most words with a row of their group, each
    on the page it is printed on or one of the two before.  Words decide
    little here (a 目标 cell prints figures), so a page's cells stand only
    where they fill the groups of one page one by one; elsewhere no cell is
    given and the rows' note names the cells printed."""
    k, G = len(merged), len(groups)
    fit = [[max(sim[j][i] for i in g) if merged[j][1] - 2 <= row_page[g[0]] <= merged[j][1] else 0.0
            for g in groups] for j in range(k)]
    NEG, SKIP = float("-inf"), 0.5
    b = [[NEG] * (G + 1) for _ in range(k + 1)]  # b[j][g]: the best score of cells[j:] on groups[g:]
    for j in range(k, -1, -1):
        for g in range(G, -1, -1):
            if j == k:
                b[j][g] = 0.0
                continue
            v = b[j + 1][g] - SKIP
            if g < G:
                v = max(v, b[j][g + 1], b[j + 1][g + 1] + fit[j][g] if fit[j][g] > 0 else NEG)
            b[j][g] = v
    # the best placement, followed group by group: take the cell, else leave the group blank, else the cell out
    chosen: list[Optional[int]] = [None] * G
    j = g = 0
    while g < G:
        if j < k and fit[j][g] > 0 and abs(b[j + 1][g + 1] + fit[j][g] - b[j][g]) < 1e-9:
            chosen[g] = j
            j, g = j + 1, g + 1
        elif abs(b[j][g + 1] - b[j][g]) < 1e-9:
            g += 1
        else:
            j += 1
    out: list[Optional[str]] = [None] * len(row_page)
    doubt: list[Optional[str]] = [None] * len(row_page)
    page_of = [row_page[gr[0]] for gr in groups]
    near: list[list[str]] = [[] for _ in row_page]  # the cells of pages in doubt, per row
    for pg in sorted({p for _, p in merged}):
        cells_pg = [j for j, (_, p) in enumerate(merged) if p == pg]
        took = [g for g in range(G) if chosen[g] in cells_pg]
        pages = {page_of[g] for g in took}
        page_groups = [g for g in range(G) if page_of[g] in pages]
        if len(took) == len(cells_pg) and took == page_groups:
            for g in took:
                for i in groups[g]:
                    out[i] = merged[chosen[g]][0].text
            continue
        for g in sorted(set(took) | set(page_groups)):
            for i in groups[g]:
                near[i] += [merged[j][0].text for j in cells_pg if merged[j][0].text not in near[i]]
    for i, said in enumerate(near):
        if said:
            doubt[i] = (f"goal uncertain: the merged cells printed for this row's page ({len(said)}) do not fill "
                        f"its numbered groups of rows one by one, so none is given; they read: "
                        + "; ".join(x[:40] for x in said))[:300]
    return out, doubt


def column_table_records(doc: Document, lines: list[Line], t: ColumnTable, tkey: str, used: set[str],
                         fields: Fields, plans: Plans) -> tuple[Optional[TaskList], list[Task], Table]:
    rows, narrow_cells, notes = _column_rows(lines, t, fields, plans)
    table_id = f"{doc.id}/{tkey}"
    roles = [header_role(w) for w in t.header]
    if roles.count("text") >= 2:
        roles[roles.index("text")] = "section"  # 工作任务 printed once for several 工作要求 rows
    narrow_role = next((r for r in roles if r in ("section", "goal")), None)
    heads = [a for a, _ in _header_spans(lines, t.start + 1, t.end)]
    groups = numbered_groups(rows)
    merged, merged_doubt = align_narrow(narrow_cells, rows, [bisect.bisect(heads, c.idx[0]) for c in narrow_cells],
                                        [bisect.bisect(heads, r.lines[0]) for r in rows], groups) \
        if narrow_role else ([None] * len(rows), [None] * len(rows))
    if narrow_cells and narrow_role:
        name = t.header[roles.index(narrow_role)] if narrow_role in roles else '工作任务'
        how = "one a numbered group of rows (1. 2. … / 1. 2. …), where a page's cells fill its groups" \
            if groups else "over the rows by shared words"
        notes.append(f"{len(narrow_cells)} merged {name} cells placed {how}")
        left = [c.text for c in narrow_cells if c.text not in set(merged)]
        if left:  # printed, but on no row: kept here so that the rebuilt table loses no cell
            notes.append(f"merged {name} cells not placed on any row: " + "; ".join(dict.fromkeys(left)))
    prefix = f"{tkey}-" if any(r.number in used or not r.number for r in rows) else ""
    has_lead = "lead_units" in roles or t.lead_first
    tasks: list[Task] = []
    out_rows: list[list[str]] = []
    seen: set[str] = set()
    raw = [_lead_marks(r.lead, r.coop, t.lead_first) for r in rows]
    read = [(_read_units(lr, r.plan, True) if lr and has_lead else (_units_of(lr), []),
             _read_units(cr, r.plan, False) if cr else ([], [])) for r, (lr, cr) in zip(rows, raw)]
    lead_bad = [bool(a[1]) for a, _ in read]
    coop_bad = [bool(b[1]) for _, b in read]
    garbled_pages = {r.page for r, a, b in zip(rows, lead_bad, coop_bad) if a or b}
    for k, (r, m, m_doubt) in enumerate(zip(rows, merged, merged_doubt), start=1):
        why = list(r.notes) + ([m_doubt] if m_doubt else [])
        if r.page in garbled_pages and not (lead_bad[k - 1] or coop_bad[k - 1]):
            why.append("a unit cell on this page does not read as units, so this page's unit "
                       "columns may be out of line with its rows")
        if r.number:
            key = prefix + r.number
            number = r.number
        else:  # no 序号 printed: the label cell stands as the number, the id uses the printed order
            key = f"{prefix}{k}"
            number = r.label
        lead_raw, coop_raw = raw[k - 1]
        if key in seen:
            key = f"{key}-{r.lines[0] + 1}"
            why.append("row number printed twice")
        seen.add(key)
        text = r.text or (m or "")
        if r.number and r.label:  # a numbered 任务明细 cell is the task's title
            text = f"{r.label} {text}".strip()
        if not r.text:
            why.append("no task cell found for this row")
        elif len(r.text) < 6 or not re.search(rf"[{_CJK}]", r.text):
            why.append("the task cell found for this row is too short to be one")
        (lead_items, lead_done), (coop_items, coop_done) = read[k - 1]
        # a name that does not read as a unit is not published: the note says what was printed
        # and what became of it (the rebuilt table keeps the printed cell)
        if has_lead and not lead_raw:
            why.append("no lead-unit cell was found for this row")
        elif lead_done:
            why.append(f"the lead-unit cell does not read as units (printed: {lead_raw}): " + "; ".join(lead_done))
        if coop_done:
            why.append(f"the responsible-unit cell does not read as units (printed: {coop_raw}): "
                       + "; ".join(coop_done))
        why += [f"no {which} unit is given" for which, done, items in
                (("lead", lead_done, lead_items), ("responsible", coop_done, coop_items)) if done and not items]
        if not text:
            text = f"（第{number}项）"
        kept = lead_items + coop_items
        lead_units = [u for u in lead_items if not is_generic(u)]
        coop_units = [u for u in coop_items if not is_generic(u)]
        others = [u for u in kept if is_generic(u)]
        section = [x for x in (r.group, m if narrow_role == "section" else None) if x]
        idx = sorted(set(r.lines))
        src = Source(lines[0].file, lines[idx[0]].no, lines[idx[-1]].no)
        # only the responsible units in doubt: the rest of the row stands
        conf = 1.0 if not why else 0.7 if all(w.startswith(("responsible units uncertain", "goal uncertain"))
                                              and not re.search(r"lead (and responsible )?units uncertain", w)
                                              for w in why) else 0.5
        tasks.append(Task(
            id=f"{doc.id}/{key}", document=doc.id, list=table_id, number=number,
            path=key.split("-"), section=section, text=text, lead_units=lead_units,
            cooperating_units=coop_units, units=lead_units + coop_units + _named_generic(others), others=others,
            generic=bool(others), leaders=split_leaders(r.leaders) if r.leaders else [],
            overall_leaders=[], deadline=r.deadline,
            goal=m if narrow_role == "goal" else None, target_this_year=None,
            confidence=conf, note="; ".join(why) if why else None, source=src,
            same_as=r.plan.id if r.plan else None))
        cells = {"number": r.number, "label": r.label, "leaders": "、".join(split_leaders(r.leaders)),
                 "section": m or "", "goal": m or "", "text": r.text,
                 "deadline": r.deadline or "", "lead_units": "、".join(_units_of(lead_raw)),
                 "coop_units": "、".join(_units_of(coop_raw))}
        out_rows.append([cells.get(role or "", "") for role in roles])
    src = Source(lines[0].file, lines[t.start].no, lines[t.end].no)
    table = Table(table_id, doc.id, t.title, list(t.header), out_rows, notes, src)
    if not tasks:
        return None, [], table
    tl = TaskList(table_id, doc.id, t.title, "column-table", len(tasks),
                  _column_unassigned(lines, t, rows, narrow_cells), src)
    return tl, tasks, table


def _units_of(cell: str) -> list[str]:
    """The unit names of a cell, split at 、，, and spaces."""
    return split_units(re.sub(r"[、，,]", " ", cell))


def _garbled_unit(u: str, strict: bool = True) -> bool:
    """A unit name that cannot be one: a lone character ("局") or two names
    run together ("县住建局心县住建局", "县自然资源县直相关部", "县民政局管理局";
    not "…等县直单位" or "县住建局（县人防办）"); ``strict`` (a lead unit):
    also too long or without a unit ending."""
    base = re.sub(r"[（(][^）)]*[）)]", "", u)
    if len(base) < 2 or re.search(r"县.+[^等团]县", base) or re.search(r"局[^局]{1,4}(?<!分)局$", base):
        return True
    return strict and (len(u) > 20 or not (UNIT_SUFFIX.search(u) or is_generic(u)))


def _restored(u: str, plan: Optional[PlanItem]) -> list[str]:
    """The names the row's plan item gives that a printed name not itself one
    of them was made from: the start of one and the end of another (县市场监督
    + 医保局: two cells printed interleaved line by line) or a piece of one
    (银行 of 县人民银行: a line lost).  Empty when it is not made so."""
    if not plan:
        return []
    known = list(dict.fromkeys(plan.lead + plan.coop))
    if _unit_key(u) in plan.keys():
        return []
    whole = [a for a in known if len(u) >= 2 and u in a]
    if whole:
        return whole[:1]
    return next(([a, b] for a in known for b in known for i in range(2, len(a) + 1)
                 if a != b and u.startswith(a[:i]) and len(u) - i >= 2 and b.endswith(u[i:])), [])


def _pieces_run_on(u: str, plan: Optional[PlanItem]) -> bool:
    """A printed name that starts with an inner piece of a name the row's plan
    item gives, run into a unit's name (住房保 of 县住房保障中心 + 县人民银行):
    pieces of two cells, not a unit."""
    start = _UNIT_START.search(u, 1)
    head = u[:start.start()] if start else ""
    return bool(plan) and len(head) >= 3 and any(0 < a.find(head) < len(a) - len(head)
                                                  for a in plan.lead + plan.coop)


def _read_units(cell: str, plan: Optional[PlanItem], strict: bool) -> tuple[list[str], list[str]]:
    """The units of a cell, and what was done with the printed names that do
    not read as units: one made from names the row's plan item gives reads as
    those (``_restored``), any other (``_garbled_unit``, ``_pieces_run_on``)
    is left out.  A cell with such a name may hold pieces of another cell
    (two columns printed interleaved line by line), so of its names only
    those the plan item gives the row stand; with no plan item, none."""
    units: list[str] = []
    done: list[str] = []
    for u in _units_of(cell):
        names = _restored(u, plan)
        if names:
            units += names
            done.append(f"{u} read as {'、'.join(names)} (named so by the row's plan item)")
        elif _garbled_unit(u, strict) or _pieces_run_on(u, plan):
            done.append(f"{u} left out")
        else:
            units.append(u)
    units = list(dict.fromkeys(units))
    if done:
        given = {_unit_key(a) for a in plan.lead + plan.coop + plan.others} if plan else set()
        done += [f"{u} left out (no plan item names it for this row)" for u in units if _unit_key(u) not in given]
        units = [u for u in units if _unit_key(u) in given]
    return units, done


def _lead_marks(lead: str, coop: str, lead_first: bool) -> tuple[str, str]:
    """Lead and other units of a row whose table has one units column: units
    marked （牵头） lead, else the first one when the header says the first
    named leads ("排第一为牵头单位")."""
    if lead or not coop:
        return lead, coop
    items = _units_of(coop)
    marked = [u for u in items if re.search(r"[（(]牵头[）)]$", u)]
    if marked:
        leads = [re.sub(r"[（(]牵头[）)]$", "", u) for u in marked]
        return " ".join(leads), " ".join(u for u in items if u not in marked)
    if lead_first and items:
        return items[0], " ".join(items[1:])
    return lead, coop


def _column_unassigned(lines: list[Line], t: ColumnTable, rows: list[ColRow], narrow: list[Block]) -> list[Source]:
    """Lines of a column table that no row, merged cell, header or group took."""
    taken = {k for r in rows for k in r.lines} | {k for b in narrow for k in b.idx}
    taken |= {k for a, b in _header_spans(lines, t.start + 1, t.end) for k in range(a, b + 1)}
    left = []
    for k in range(t.start + 1, t.end + 1):
        ln = lines[k]
        if k in taken or is_blank(ln) or _is_furniture(ln) or header_words(ln.text) or _header_fragment(ln.text) \
                or _GROUP_LINE.match(ln.text.strip()):
            continue
        left.append(ln.no)
    out: list[Source] = []
    for no in left:
        if out and no - out[-1].line_end <= 2:
            out[-1].line_end = no
        else:
            out.append(Source(lines[0].file, no, no))
    return out


# ---------------------------------------------------------------- column lists

@dataclass
class ColumnList:
    """A list flattened column by column with each column's name printed
    above its cells: 序号 and its numbers, then 项目名称 and its cells, …"""

    start: int  # index of the first line (caption, or the first column name)
    end: int  # index of the last line
    title: Optional[str]
    merged: list[tuple[str, str]]  # columns printed once for all rows: (name, cell)
    numbers: list[str]
    columns: list[tuple[str, list[Block]]]  # (name, one cell per row)
    notes: list[str] = field(default_factory=list)


_COLUMN_NAME = re.compile(rf"^[{_CJK}]{{2,8}}$")


def _is_column_name(lines: list[Line], bl: Block) -> bool:
    """A column's name printed above its cells: a few characters on one or two
    short lines ("包保干部", "项目" / "名称", "职 务")."""
    return len(bl.idx) <= 2 and bool(_COLUMN_NAME.match(bl.text)) \
        and all(len(nospace(lines[k].text)) <= 6 for k in bl.idx)


def _number_run(lines: list[Line], blocks: list[Block], k: int, first: int) -> tuple[list[str], int]:
    """Numbers first, first + 1, … printed one a line from blocks[k]; the
    numbers and the index of the block after them."""
    nums: list[str] = []
    while k < len(blocks):
        parts = [nospace(lines[i].text) for i in blocks[k].idx]
        if not all(p == str(first + len(nums) + j) for j, p in enumerate(parts)):
            break
        nums += parts
        k += 1
    return nums, k


def find_column_lists(lines: list[Line], covered: set[int]) -> list[ColumnList]:
    """Lists flattened column by column whose 序号 column is named above its
    numbers and whose other columns are named above their cells, each column
    holding one blank-line separated cell per number.  Numbers that go on
    (7, 8, …) after the last column start the same columns again (a new
    page).  Columns printed before 序号 with one cell are merged cells."""
    free = [k for k, ln in enumerate(lines) if ln.no not in covered]
    out: list[ColumnList] = []
    k0 = 0
    while k0 < len(free):
        i = free[k0]
        if nospace(lines[i].text) != "序号" or (out and i <= out[-1].end):
            k0 += 1
            continue
        end = i
        while end + 1 < len(lines) and lines[end + 1].no not in covered and end - i < 2000:
            end += 1
        blocks = _blocks(lines, i + 1, end)
        nums, k = _number_run(lines, blocks, 0, 1)
        if len(nums) < 3:
            k0 += 1
            continue
        columns: list[tuple[str, list[Block]]] = []
        numbers = list(nums)
        n = len(nums)
        last = blocks[k - 1].idx[-1]
        notes: list[str] = []
        while k < len(blocks):
            if _is_column_name(lines, blocks[k]) and len(blocks) - k > n:
                cells = blocks[k + 1:k + 1 + n]
                if any(_is_column_name(lines, c) and header_role(c.text) for c in cells):
                    break  # another column's name among the cells: the counts do not hold
                columns.append((blocks[k].text, cells))
                k += 1 + n
                last = cells[-1].idx[-1]
                continue
            more, k2 = _number_run(lines, blocks, k, len(numbers) + 1)
            if more and columns and len(blocks) - k2 >= len(more) * len(columns):
                # the next page: the same columns again, without their names
                for c, (name, cells) in enumerate(columns):
                    columns[c] = (name, cells + blocks[k2 + c * len(more):k2 + (c + 1) * len(more)])
                numbers += more
                k = k2 + len(more) * len(columns)
                last = blocks[k - 1].idx[-1]
                notes.append(f"rows {more[0]}–{more[-1]} printed on a new page without the column names; "
                             f"their cells taken column by column in order")
                continue
            break
        # every column must end where the next one's name (or the list) begins,
        # and no column's name may stand among the cells (a nested table)
        names = {name for name, _ in columns}
        keep = []
        for name, cells in columns:
            if any(c.text in names for c in cells):
                break
            keep.append((name, cells))
        columns = [(name, [_list_cell(lines, c, _list_role(name)) for c in cells]) for name, cells in keep]
        if k < len(blocks) and columns and not (len(blocks[k].text) > 16 or _ATTACH.match(blocks[k].text)
                                                or _CAPTION_END.search(blocks[k].text)
                                                or nospace(blocks[k].text) == "序号"):
            columns.pop()  # the cells went on past the count: this column does not hold one cell per row
        if len(columns) < 2:
            k0 += 1
            continue
        last = max(c.idx[-1] for _, cells in columns for c in cells)
        start, merged, title = _list_head(lines, i)
        out.append(ColumnList(start, last, title, merged, numbers, columns, notes))
        k0 = next((j for j, x in enumerate(free) if x > last), len(free))
    return out


def _list_cell(lines: list[Line], bl: Block, role: Optional[str]) -> Block:
    """A list cell's text: in a units or officials column, lines that each
    end a unit or hold a name stay apart ("县林业局" / "县消防救援大队"); a
    caption line run into the cell is not part of it."""
    idx = []
    for k in bl.idx:
        t = nospace(lines[k].text)
        if idx and (len(t) > 8 and _CAPTION_END.search(t) or _ATTACH.match(t)):
            break
        idx.append(k)
    parts = [nospace(lines[k].text) for k in idx]
    if len(parts) > 1 and (role in ("lead_units", "coop_units") and all(UNIT_SUFFIX.search(p) for p in parts)
                           or role == "leaders" and all(re.fullmatch(rf"[{_CJK}]{{2,4}}", p) for p in parts)):
        return Block(" ".join(parts), idx, bl.narrow)
    return _make_block(lines, idx)


def _list_head(lines: list[Line], i: int) -> tuple[int, list[tuple[str, str]], Optional[str]]:
    """What stands above a column list's 序号: columns printed once (包保层级 /
    县包保B级 …) and the caption or attachment title.  Returns the first
    line's index, the merged columns and the title."""
    k = i - 1
    above: list[int] = []
    while k >= 0 and len(above) < 12:
        t = nospace(lines[k].text)
        if t and len(t) <= 40 and _CAPTION_END.search(t):
            above.insert(0, k)  # the list's caption
            break
        if t and (len(t) > 16 or _ATTACH.match(t) or re.search(r"[。；：]$", t)):
            break
        if t:
            above.insert(0, k)
        k -= 1
    title_idx = [j for j in above if len(nospace(lines[j].text)) > 8]
    rest = [j for j in above if j not in title_idx and (not title_idx or j > title_idx[-1])]
    merged: list[tuple[str, str]] = []
    if len(rest) >= 2:
        merged.append((nospace(lines[rest[0]].text), "".join(nospace(lines[j].text) for j in rest[1:])))
    start = min(above) if above else i
    title = "".join(nospace(lines[j].text) for j in title_idx) or None
    if not title and k >= 0 and _ATTACH.match(nospace(lines[k].text)):
        title = None
    return start, merged, title


def column_list_records(doc: Document, lines: list[Line], cl: ColumnList, tkey: str,
                        plans: Optional[Plans] = None) -> tuple[Optional[TaskList], list[Task], Table]:
    """A Table for every column list; a task list when the list names task
    content (项目 / 实事 / 任务 / 内容 columns) and responsible units.  A row
    whose first text cell is the heading of an item of the document's own
    text (``plans``: 乡镇标准化寄宿制学校建设项目) links it (``same_as``)."""
    table_id = f"{doc.id}/{tkey}"
    names = [name for name, _ in cl.columns]
    roles = [_list_role(name) for name in names]
    header = [name for name, _ in cl.merged] + ["序号"] + names
    rows = []
    for r, num in enumerate(cl.numbers):
        cells = [c[r].text if r < len(c) else "" for _, c in cl.columns]
        rows.append([cell for _, cell in cl.merged] + [num] + cells)
    src = Source(lines[0].file, lines[cl.start].no, lines[cl.end].no)
    table = Table(table_id, doc.id, cl.title, header, rows, list(cl.notes), src)
    if "text" not in roles or not {"lead_units", "coop_units"} & set(roles):
        return None, [], table
    tasks: list[Task] = []
    for r, num in enumerate(cl.numbers):
        got: dict[str, list[str]] = {}
        idx: list[int] = []
        for role, (_, cells) in zip(roles, cl.columns):
            if r < len(cells) and role:
                got.setdefault(role, []).append(cells[r].text)
                idx += cells[r].idx
        text = " ".join(got.get("text", []))
        lead_items = [u for c in got.get("lead_units", []) for u in _units_of(c)]
        coop_items = [u for c in got.get("coop_units", []) for u in _units_of(c)]
        lead_units = [u for u in lead_items if not is_generic(u)]
        coop_units = [u for u in coop_items if not is_generic(u)]
        others = [u for u in lead_items + coop_items if is_generic(u)]
        leaders = [p for c in got.get("leaders", []) for p in split_leaders(c)]
        why = [] if text and lead_items + coop_items else ["no task text or unit in this row"]
        rows_idx = sorted(set(idx)) or [cl.start]
        key = f"{tkey}-{num}"
        plan = (plans or {}).get(heading_key(got["text"][0])) if got.get("text") else None
        tasks.append(Task(
            id=f"{doc.id}/{key}", document=doc.id, list=table_id, number=num, path=[tkey, num],
            section=[], text=text or f"（第{num}项）", lead_units=lead_units, cooperating_units=coop_units,
            units=lead_units + coop_units + _named_generic(others), others=others, generic=bool(others), leaders=leaders,
            overall_leaders=[], deadline=None, goal=None, target_this_year=" ".join(got.get("target", [])) or None,
            confidence=1.0 if not why else 0.5, note="; ".join(why) if why else None,
            source=Source(lines[0].file, lines[rows_idx[0]].no, lines[rows_idx[-1]].no),
            same_as=plan.id if plan else None))
    tl = TaskList(table_id, doc.id, cl.title or "任务清单", "column-table", len(tasks), [], src)
    return tl, tasks, table


def _list_role(name: str) -> Optional[str]:
    role = header_role(name)
    if role in ("lead_units", "coop_units", "leaders", "target", "deadline"):
        return role
    if role == "text" or re.search(r"项目|实事|内容|任务", name):
        return "text"
    return None


# ---------------------------------------------------------------- tables that could not be rebuilt

@dataclass
class ColumnDump:
    """A table flattened column by column that no rebuild above could read
    (nested merged cells): its caption, then runs of numbers and cells."""

    start: int
    end: int
    title: str


def find_column_dumps(lines: list[Line], covered: set[int]) -> list[ColumnDump]:
    """A caption (…清单 / …一览表) followed within a few cells by a run of row
    numbers, in lines no other table took; it runs to the next caption, the
    next attachment label, a taken line or the end of the document."""
    out: list[ColumnDump] = []
    i, n = 0, len(lines)
    while i < n:
        t = nospace(lines[i].text)
        if lines[i].no in covered or not t or len(t) > 40 or not _CAPTION_END.search(t):
            i += 1
            continue
        j = i + 1
        while j < n and lines[j].no not in covered:
            tj = nospace(lines[j].text)
            if _ATTACH.match(tj) or (len(tj) <= 40 and _CAPTION_END.search(tj) and not header_words(tj)):
                break
            j += 1
        end = j - 1
        while end > i and (is_blank(lines[end]) or _is_furniture(lines[end])):
            end -= 1
        blocks = _blocks(lines, i + 1, end)
        if any(_number_run(lines, blocks, k, 1)[0][2:] for k in range(min(4, len(blocks)))) and end - i > 10:
            out.append(ColumnDump(i, end, t))
        i = max(j, i + 1)
    return out


def _cell_kind(text: str) -> str:
    """数字 (row numbers, figures), 表头 (a column name), 单位名称 (unit-like), 其他."""
    if re.fullmatch(r"[\d\s.%]+", text):
        return "数字"
    if header_words(text) and not _HEADER_WORD.sub("", nospace(text)):
        return "表头"
    if _is_unitish(text) and len(text) <= 30:
        return "单位名称"
    return "其他"


_PERIOD = re.compile(r"第?[一二三四1-4]季度|[一二三四五六七八九十]{1,2}月份?|\d{1,2}月份?|上半年|下半年|全年")
_PERIOD_COLUMNS = {"序号": "number", "项目名称": "name", "项目": "name", "时间节点": "period", "时间": "period",
                   "季度目标": "target", "目标": "target", "月度目标": "target", "实施主体": "unit",
                   "责任单位": "unit", "牵头单位": "unit"}


def period_rows(lines: list[Line], blocks: list[Block], known: Sequence[str] = ()) \
        -> Optional[tuple[list[str], list[list[str]], list[str]]]:
    """A table of numbered projects, each over a run of period rows (一季度 …
    四季度) with a target each, flattened column by column page by page: on
    each page the 序号 cells, the 项目名称 cells, the period cells, the
    target cells and the 实施主体 cells, each project's name and unit cell
    merged over its periods (and a name or a number sometimes printed late).

    A page's rows are its period cells, zipped with its target cells (as
    many); a run of periods starting again (一季度) starts the next project,
    whose number and 实施主体 are the page's in printed order where the page
    prints one of each per project.  A project's name goes to the project
    whose targets and 实施主体 share the most words with it or with the
    document's own row for it (``known``: the task texts of its other
    tables; ``_place_names``).  A name the words do not place is left off
    the rows and listed in the notes, as is any cell a page prints more or
    fewer of than it has projects.  Returns (header, rows, notes), or None
    when the table is not of this kind (then it stays a cell dump)."""
    printed: dict[str, str] = {}  # column -> its name as printed
    pages: list[list[Block]] = [[]]
    for bl in blocks:
        col = _PERIOD_COLUMNS.get(nospace(bl.text))
        if col == "number" and any(_NUM_CELL.match(b.text.strip()) for b in pages[-1]):
            pages.append([])  # the 序号 header of the next page
        if col:
            printed.setdefault(col, nospace(bl.text))
        else:
            pages[-1].append(bl)
    if not {"period", "target"} <= set(printed):
        return None
    rows: list[list[str]] = []
    notes: list[str] = []
    for page in pages:
        periods = [b for b in page if _PERIOD.fullmatch(nospace(b.text))]
        if not periods:
            return None
        n = len(periods)
        last = page.index(periods[-1])
        targets = [b for b in page[last + 1:] if not _PERIOD.fullmatch(nospace(b.text))][:n]
        if len(targets) != n:
            return None
        groups: list[list[int]] = []
        for i, b in enumerate(periods):
            if i == 0 or nospace(b.text) == nospace(periods[0].text):
                groups.append([])
            groups[-1].append(i)
        g = len(groups)
        taken = {id(b) for b in periods + targets}
        numbers = sorted((b for b in page if id(b) not in taken and _NUM_CELL.match(b.text.strip())),
                         key=lambda b: int(nospace(b.text)))
        taken |= {id(b) for b in numbers}
        # the 实施主体 cells: the run of unit cells after the targets (a name broken over blocks joined)
        run: list[Block] = []
        for b in page[page.index(targets[-1]) + 1:]:
            if id(b) in taken:
                continue
            piece = run and (not UNIT_SUFFIX.search(run[-1].text) or _unit_open(run[-1].text)) and len(b.text) <= 3
            if not (_is_unitish(b.text) or (_UNIT_START.match(b.text) and len(b.text) <= 12) or piece):
                break
            run.append(b)
        units = _merge_units([Block(_unit_text(lines, b.idx), b.idx, b.narrow) for b in run])
        taken |= {id(b) for b in run}
        names = [b for b in page if id(b) not in taken]
        if len(numbers) != g:
            return None
        first = f"projects {nospace(numbers[0].text)}–{nospace(numbers[-1].text)}"
        unit_of = [u.text for u in units] if len(units) == g else [""] * g
        if len(units) != g:
            notes.append(f"{first}: {len(units)} 实施主体 cells for {g} projects; not placed: "
                         + "; ".join(u.text for u in units))
        name_of = [""] * g
        if len(names) == g:
            # the 项目名称 cells are merged cells, printed out of row order on some pages
            name_of, open_names = _place_names([b.text for b in names], [
                "".join(targets[i].text for i in grp) + unit_of[k] for k, grp in enumerate(groups)], known)
            if name_of != [b.text for b in names]:
                notes.append(f"{first}: each 项目名称 cell is placed on the project whose targets and 实施主体 "
                             f"share the most words with it (or with the document's own row for it), not in "
                             f"printed order"
                             + (f"; not placed (the text does not decide which of the projects left they "
                                f"name): {'; '.join(open_names)}" if open_names else ""))
        else:
            notes.append(f"{first}: {len(names)} 项目名称 cells for {g} projects; not placed: "
                         + "; ".join(b.text for b in names))
        for k, grp in enumerate(groups):
            for i in grp:
                rows.append([nospace(numbers[k].text), name_of[k], nospace(periods[i].text), targets[i].text,
                             unit_of[k]])
    header = [printed.get(c, d) for c, d in (("number", "序号"), ("name", "项目名称"), ("period", "时间节点"),
                                                 ("target", "目标"), ("unit", "实施主体"))]
    return header, rows, notes


def _place_names(names: list[str], said: list[str], known: Sequence[str] = ()) -> tuple[list[str], list[str]]:
    """Merged name cells, printed out of order, to the groups of rows whose
    text (``said``) shares the most words with them (two-character words,
    weighted by how few groups and how few names print them: 项目 in every
    name tells nothing).  A name's words include those of the text in
    ``known`` that names it (shares a third of its words or more: the
    document's list of the same projects, "交通惠民项目 计划投资2115万元 …").
    A name goes where every best matching puts it (the last one left, where
    the others are placed); a group no name is decided for gets none.
    Returns the name of each group ("" where open) and the names not placed."""
    g = len(names)
    grams = [_bigrams(x) for x in said]
    name_grams = [_bigrams(x) for x in names]
    known_grams = [_bigrams(x) for x in known]
    for ns in name_grams:
        best = max(known_grams, key=lambda kg: len(ns & kg), default=set())
        if len(ns & best) >= max(2, len(ns) / 3):
            ns |= best
    weight = {w: 1 / (sum(1 for gs in grams if w in gs) * max(1, sum(1 for ns in name_grams if w in ns)))
              for gs in grams for w in gs}
    score = [[sum(weight.get(w, 0.0) for w in ns & grams[k]) for k in range(g)] for ns in name_grams]
    perms = list(itertools.permutations(range(g))) if g <= 8 else []
    totals = [round(sum(score[j][p[j]] for j in range(g)), 6) for p in perms]
    top = [p for p, v in zip(perms, totals) if v == max(totals, default=0)]
    decided = {j: top[0][j] for j in range(g) if top and all(p[j] == top[0][j] and score[j][p[j]] > 0 for p in top)}
    if len(decided) == g - 1:  # the last name left goes to the last group left
        j = next(j for j in range(g) if j not in decided)
        decided[j] = next(k for k in range(g) if k not in decided.values())
    out = [""] * g
    for j, k in decided.items():
        out[k] = names[j]
    return out, [names[j] for j in range(g) if j not in decided]


# ---------------------------------------------------------------- tables of indicators by project

_MEASURE = re.compile(r"(万|千|亿|平方)?(人次|人|户|个|类|家|所|辆|台|亩|条|项|座|次|吨|公里|千米|米|元|方|张|套|间|"
                      r"床|批|%|％)(/[月年日天人次]+(·人)?)?")
_FIGURE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")
_LONE_FIGURE = re.compile(rf"[≥≧]?\d+(?:\.\d+)?(?:{_MEASURE.pattern})?")


def _is_measure(text: str) -> bool:
    return bool(_MEASURE.fullmatch(nospace(text)))


def _is_unit_name(text: str) -> bool:
    return bool(_UNIT_START.match(text) or text.startswith("国网")) and _is_unitish(text)


def _indicator_pages(blocks: list[Block]) -> list[list[Block]]:
    """The pages of a table of indicators: a page's columns run row numbers,
    text cells, the targets (with their 单位 cells before them, if printed),
    then the unit names and the cells printed late; a row number after the
    page's unit names starts the next page."""
    pages: list[list[Block]] = [[]]
    units_seen = False
    for bl in blocks:
        t = nospace(bl.text)
        if units_seen and _NUM_CELL.match(t):
            pages.append([])
            units_seen = False
        units_seen = units_seen or _is_unit_name(t)
        pages[-1].append(bl)
    return pages


def _places(text: str, figure: str) -> list[int]:
    """Where a text prints a figure, not as part of a longer number."""
    return [m.start() for m in re.finditer(rf"(?<![\d.]){re.escape(figure)}(?![\d.])", text)] if figure else []


def _at(text: str, figure: str, nth: int = 0) -> int:
    """Where a figure is printed the nth time in a text (the last time, if
    fewer), or -1."""
    hits = _places(text, figure)
    return hits[nth] if nth < len(hits) else (hits[-1] if hits else -1)


def _says(item: str, figure: str, measure: str) -> float:
    """How plainly a plan text states a target: the figure with its measure
    word (2280人, 44万…) 2, the figure alone 1, else 0."""
    best = 0.0
    for i in _places(item, figure):
        end = i + len(figure)
        best = max(best, 2.0 if measure and item[end:end + 1] == measure[:1] else 1.0)
    return best


def _part(item: str, at: int, stops: str) -> str:
    """The part of a text around position ``at`` between two of ``stops``."""
    a = max(item.rfind(c, 0, at) for c in stops) + 1
    ends = [e for e in (item.find(c, at) for c in stops) if e >= 0]
    return item[a:min(ends) if ends else len(item)]


def _is_piece(text: str) -> bool:
    """The end of a cell broken by a blank line: two characters or fewer, no figure ("善", "任务")."""
    x = nospace(text)
    return len(x) <= 2 and bool(re.search(rf"[{_CJK}]", x)) and not re.search(r"\d", x)


def _join_targets(blocks: list[Block], want: int) -> Optional[list[Block]]:
    """Target cells split into more blocks than rows: a number line printed
    below a figure without a blank line ("18.277" + "9") or a piece of two
    characters or fewer ("…持续改" + "善") joins the one above."""
    out = list(blocks)
    while len(out) > want:
        k = next((k for k in range(1, len(out))
                  if out[k].idx[0] == out[k - 1].idx[-1] + 1 and _NUM_CELL.match(out[k].text.strip())), None)
        if k is None:
            k = next((k for k in range(1, len(out)) if _is_piece(out[k].text)), None)
        if k is None:
            return None
        out[k - 1:k + 1] = [Block(nospace(out[k - 1].text) + nospace(out[k].text), out[k - 1].idx + out[k].idx,
                                  False)]
    return out if len(out) == want else None


def _target_run(lines: list[Line], page: list[Block], start: int, end: int, items: list[str]) -> list[Block]:
    """The target cells of a page that prints no 单位 column: the run of
    narrow cells (a line 8 characters wide or less) printing a figure, or a
    piece of two characters, just before its unit names (a header cell
    between skipped); a cell holding a lone figure line and the next target
    ("95%" / "120 人（集 中") split, a piece joined to the cell above
    (``_join_pieces``)."""
    k = end - 1
    while k >= start and header_words(page[k].text):
        k -= 1
    run: list[Block] = []
    while k >= start:
        b = page[k]
        x = nospace(b.text)
        narrow = all(printed_width(nospace(lines[i].text)) <= 8 for i in b.idx)
        if not (narrow and (re.search(r"\d", x) or _is_piece(x))):
            break
        run.insert(0, b)
        k -= 1
    cells: list[Block] = []
    for b in run:
        texts = [nospace(lines[i].text) for i in b.idx]
        first = 0
        for k in range(len(texts) - 1):
            if _LONE_FIGURE.fullmatch(texts[k]) and re.match(r"\d", texts[k + 1]):
                cells.append(Block("".join(texts[first:k + 1]), b.idx[first:k + 1], True))
                first = k + 1
        cells.append(Block("".join(texts[first:]), b.idx[first:], True) if first else b)
    return _join_pieces(cells, items)


def _join_pieces(cells: list[Block], items: list[str]) -> list[Block]:
    """Target cells split by a blank line: a piece of two characters or fewer
    ("…考核" + "任务"), the rest of a bracket left open ("120人（集中" +
    "托养20人、居家托养100人）") or words the plan prints across the break
    ("…公共交流充电" + "桩110个") join the cell above."""
    out: list[Block] = []
    for b in cells:
        x = nospace(b.text)
        if out:
            y = nospace(out[-1].text)
            if _is_piece(x) or y.count("（") > y.count("）") or \
                    any(y[-3:] + x[:3] in it for it in items):
                out[-1] = Block(y + x, out[-1].idx + b.idx, True)
                continue
        out.append(b)
    return out


def _join_by_plan(lines: list[Line], blocks: list[Block], texts: list[str]) -> list[Block]:
    """Text cells split by a blank line ("提升基本\n养老服务" + "水平"): a block
    whose last line runs to its full width joins the next where the plan
    prints the words across the break."""
    out: list[Block] = []
    for b in blocks:
        x = nospace(b.text)
        if out and len(out[-1].idx) >= 2:
            widths = [printed_width(nospace(lines[k].text)) for k in out[-1].idx]
            y = nospace(out[-1].text)
            if widths[-1] >= max(widths) - 1 and any(y[-3:] + x[:3] in t for t in texts):
                out[-1] = Block(y + x, out[-1].idx + b.idx, False)
                continue
        out.append(b)
    return out


def _share(cell: str, text: str) -> float:
    """The share of a cell's two-character words that a text prints."""
    cg = _bigrams(cell)
    return len(cg & _bigrams(text)) / len(cg) if cg else 0.0


def measure_rows(lines: list[Line], blocks: list[Block], plan: Sequence[PlanItem] = ()) \
        -> Optional[tuple[list[str], list[list[str]], list[str], list[str]]]:
    """A table of numbered projects, each over rows of indicators with a
    target each (and a 单位, its measure word, where the table prints that
    column), flattened column by column page by page, its project names,
    second-level cells and 责任单位 merged over rows and some printed late,
    even on the next page.  A page's rows are its target cells: as many as
    its 单位 cells, or the run of narrow figure cells before its unit names
    (``_target_run``).  Which project a row belongs to, and which printed
    cells name it, is read from the document's own list of the same projects
    (``plan``: its items state each target: "城镇新增就业 2280人"): rows go to
    the items in order, each numbered project of the page taking at least
    one, so that the most targets are stated by their item (``_align_items``);
    the cells then go where the item's words are (``_place_texts``,
    ``_place_unit_cells``), cells a page leaves to the projects of any page
    without one.  A column after 责任单位 whose cells on a page all print one
    unit (数据评估认定单位: 县统计局) holds it on every row of the page.
    Returns (header, rows, notes, the task id of each row's item), or None
    when the table is not of this kind or its items do not state most of its
    targets."""
    pis = list(plan)
    items = [nospace(pi.text) for pi in pis]
    if not any(_FIGURE.search(it) for it in items):
        return None
    done: list[dict] = []
    last = -1  # the item of the last row so far
    for page in _indicator_pages(blocks):
        read = _indicator_page(lines, page, items)
        if read is None:
            return None
        projects, measures, targets, rest = read
        n, g = len(targets), len(projects)
        found = [_FIGURE.search(nospace(b.text).replace("％", "%")) for b in targets]
        figs = [m.group(0) if m else "" for m in found]
        # the measure word: its cell, or printed after the figure in the target cell ("5所")
        printed = [_MEASURE.match(nospace(b.text).replace("％", "%"), m.end()) if m else None
                   for b, m in zip(targets, found)]
        words = [m or (x.group(0) if x else "") for m, x in zip(measures, printed)]
        score = [[_says(it, f, w) if f else 0.0 for it in items] for f, w in zip(figs, words)]
        same = [[1.0 if pi.number == pr.split()[-1] else 0.0 for pi in pis] for pr in projects]
        item_of, run_of, end = _align_items(score, same, last)
        if end is None:
            return None
        last = end
        item_runs = [item_of[run_of.index(p)] for p in range(g)]
        # where each row's target is printed in its item: the nth time for the nth row of one figure
        at = [_at(items[item_of[r]], figs[r], sum(1 for q in range(r) if (item_of[q], figs[q]) ==
                                                  (item_of[r], figs[r]))) if figs[r] else -1 for r in range(n)]
        head, units, texts, late = _page_cells(lines, rest, items)
        name_of, sub_of, ind_of, free, spread = _place_texts(texts, items, item_of, run_of, item_runs, at)
        # where the item prints a row's target more than once, or not at all, the row is where its
        # indicator's words are (修建消防水池5个 / 修建5个50户以上大团寨…: 农村大团寨消防设施建设)
        for r in range(n):
            it = items[item_of[r]]
            places = _places(it, figs[r])
            if ind_of[r] and len(places) != 1:
                at[r] = max(places or range(len(it)), key=lambda i: _share(ind_of[r], _part(it, i, "；。")))
        unit_of, left, joined = _place_unit_cells(units, [pis[j] for j in item_runs], run_of,
                                                  [items[item_of[r]] for r in range(n)], at, late)
        said_of = [f"project {projects[p]}: its 责任单位 cells are read as one over its rows (the text does not "
                   f"tell which row each belongs to): {'; '.join(dict.fromkeys(unit_of[r] for r in range(n) if run_of[r] == p))}"
                   for p in joined]
        said_of += [f"project {projects[p]}: the cell {sub_of[run_of.index(p)]} shares most of its words with "
                    f"the project's item and is read as a second-level cell over its rows" for p in spread]
        done.append(dict(projects=projects, measures=measures, targets=targets, item_runs=item_runs,
                         run_of=run_of, name_of=name_of, sub_of=sub_of, ind_of=ind_of, unit_of=unit_of,
                         free=free, left=left, head=head,
                         guessed=[r for r in range(n) if score[r][item_of[r]] == 0], said=said_of,
                         bare=[p for p in range(g) if not any(unit_of[r] for r in range(n) if run_of[r] == p)]))
    # cells a page leaves: to a project of any page that has no name, or no 责任单位, and whose item
    # names them (教育事业发展 and its unit, printed at the end of the next page)
    for pg in done:
        for b in list(pg["free"]):
            for other in done:
                open_p = [p for p in range(len(other["projects"])) if not other["name_of"][p]]
                fit = [(_name_fit(b.text, _title(items[other["item_runs"][p]])), p) for p in open_p]
                if fit and max(fit)[0] >= 0.5:
                    p = max(fit)[1]
                    other["name_of"][p] = nospace(b.text)
                    other["said"].append(f"project {other['projects'][p]}: its name {nospace(b.text)} is printed "
                                         f"among another page's cells and placed by its words")
                    pg["free"].remove(b)
                    break
        for u in list(pg["left"]):
            keys = {_unit_key(x) for x in _units_of(u.text)}
            for other in done:
                bare = [p for p in other["bare"] if keys & pis[other["item_runs"][p]].keys()]
                for r in range(len(other["run_of"])):
                    if other["run_of"][r] in bare:
                        other["unit_of"][r] = "、".join(x for x in (other["unit_of"][r], *_units_of(u.text)) if x)
                if bare:
                    other["said"].append(f"project{'s' if len(bare) > 1 else ''} "
                                         f"{', '.join(other['projects'][p] for p in bare)}: the 责任单位 cell {u.text} "
                                         f"is printed among another page's cells and placed by the units the "
                                         f"item{'s name' if len(bare) > 1 else ' names'}")
                    pg["left"].remove(u)
                    break
    # a table whose targets its items mostly do not state is not read by them
    if sum(len(pg["guessed"]) for pg in done) * 2 > sum(len(pg["targets"]) for pg in done):
        return None
    rows: list[list[str]] = []
    notes: list[str] = []
    # the name of a column after 责任单位, as a page's header prints it (数据评估认定单位)
    extra = next((a[1] for a in ("".join(pg["head"]).split("责任单位") for pg in done) if len(a) == 2 and a[1]), "")
    for pg in done:
        page_extra = ""
        if extra and pg["left"] and len({u.text for u in pg["left"]}) == 1:
            page_extra, pg["left"] = pg["left"][0].text, []
        n = len(pg["targets"])
        for r in range(n):
            p = pg["run_of"][r]
            rows.append([pg["projects"][p], pg["name_of"][p], pg["sub_of"][r], pg["ind_of"][r], pg["measures"][r],
                         nospace(pg["targets"][r].text), pg["unit_of"][r], page_extra])
        first = f"rows {len(rows) - n + 1}–{len(rows)}"
        if pg["guessed"]:
            notes.append(f"{first}: no item states the target of "
                         + "; ".join(f"{pg['measures'][r]} {nospace(pg['targets'][r].text)}".strip()
                                     for r in pg["guessed"]) + ": its project is read from the rows around it")
        notes += [f"{first}: {x}" for x in pg["said"]]
        # a short cell no item shares a word with is a column name (民生实事, 年度任务)
        named = [nospace(b.text) for b in pg["free"] if header_words(b.text) or len(nospace(b.text)) <= 8 and not any(
            _bigrams(b.text) & _bigrams(it) for it in items)]
        if named:
            notes.append(f"{first}: column names printed among the cells: " + "; ".join(named))
        if len(named) < len(pg["free"]):
            notes.append(f"{first}: cells not placed: " + "; ".join(nospace(b.text) for b in pg["free"]
                                                                      if nospace(b.text) not in named))
        if pg["left"]:
            notes.append(f"{first}: unit cells not placed: " + "; ".join(u.text for u in pg["left"]))
    header = ["序号", "项目", "分项", "指标", "单位", "目标", "责任单位", extra]
    # a column no row fills is not printed (no 单位 column, no second level)
    keep = [k for k, h in enumerate(header) if h and (k in (0, 1, 5, 6) or any(r[k] for r in rows))]
    row_tasks = [pis[pg["item_runs"][p]].id for pg in done for p in pg["run_of"]]
    return [header[k] for k in keep], [[r[k] for k in keep] for r in rows], notes, row_tasks


def _title(item: str) -> str:
    """An item's title: its text up to the first 。 or ；."""
    return re.split(r"[。；]", item)[0]


def _name_fit(cell: str, title: str) -> float:
    """How well a cell names a project: the share of its words an item's
    title prints, or of the title's words it prints (a name cell that goes on
    with the item's list: "规范中介服务市场。1.规范…")."""
    return max(_share(cell, title), _share(title, cell))


def _indicator_page(lines: list[Line], page: list[Block], items: list[str]) \
        -> Optional[tuple[list[str], list[str], list[Block], list[Block]]]:
    """One page of a table of indicators: its numbered projects (the leading
    run of row numbers, a section label between them: "重点监测民生项目 1"),
    its 单位 cells (none where the table prints no such column), as many
    target cells (split ones joined) and its other cells; None when the page
    is not of that shape."""
    t = [nospace(b.text) for b in page]
    projects: list[str] = []
    section = ""
    k = 0
    while k < len(t):
        if _NUM_CELL.match(t[k]):
            projects.append(f"{section} {t[k]}".strip())
        elif k + 1 < len(t) and _NUM_CELL.match(t[k + 1]) and projects and len(t[k]) <= 12:
            section = t[k]
        elif not header_words(t[k]):
            break
        k += 1
    ms = next((i for i in range(k, len(t)) if _is_measure(t[i])), None)
    if ms is not None:
        me = ms
        while me < len(t) and _is_measure(t[me]):
            me += 1
        te = me
        while te < len(t) and not _is_unit_name(t[te]) and not t[te].startswith("序号"):
            te += 1
        targets = _join_targets(page[me:te], me - ms)
        measures, cut = t[ms:me], (ms, te)
    else:
        ue = next((i for i in range(k, len(t)) if _is_unit_name(t[i])), len(t))
        targets = _target_run(lines, page, k, ue, items)
        # the blocks the targets were read from (a column name after them stays among the other cells)
        spans = [i for i in range(k, ue) if set(page[i].idx) & {x for b in targets for x in b.idx}]
        measures, cut = [""] * len(targets), (spans[0], spans[-1] + 1) if spans else (ue, ue)
    if not targets or not projects or len(projects) > len(targets):
        return None
    return projects, measures, targets, page[k:cut[0]] + page[cut[1]:]


def _page_cells(lines: list[Line], rest: list[Block], items: list[str]) \
        -> tuple[list[str], list[Block], list[Block], float]:
    """A page's cells other than numbers, measures and targets: the header's
    (from 序号, cells whose words no item prints), unit names (a name broken
    over blocks joined) and text cells (split ones joined, ``_join_by_plan``),
    and the first line after the page's run of unit names: a unit cell from
    there on is printed late, as merged cells are."""
    head: list[str] = []
    units: list[Block] = []
    texts: list[Block] = []
    late = float("inf")
    in_head = False
    for b in rest:
        x = nospace(b.text)
        in_head = x.startswith("序号") or in_head and not _is_unit_name(x) and \
            max(_share(x, it) for it in items) < 0.5
        if in_head:
            head.append(x)
        elif _is_unit_name(x) or units and units[-1].idx[-1] + 2 == b.idx[0] and len(x) <= 3 \
                and UNIT_SUFFIX.search(x):
            units.append(Block(_unit_text(lines, b.idx), b.idx, b.narrow))
            continue
        else:
            texts.append(b)
        if units:
            late = min(late, b.idx[0])
    return head, _merge_units(units), _join_by_plan(lines, texts, items), late


def _place_texts(free: list[Block], items: list[str], item_of: list[int], run_of: list[int],
                 item_runs: list[int], at: list[int]) \
        -> tuple[list[str], list[str], list[str], list[Block], list[int]]:
    """A page's text cells to its projects and rows, by the words of the item
    of each: a project's name is the cell that best names the item's title
    (``_name_fit``); a row's second-level cell the one printing the words
    before "：" of the sentence stating its target (提高城乡低保标准：城市低保标准…);
    its indicator the one sharing most words with the part of the item stating
    its target, rows stated in one part taking their cells in printed order
    (基本养老、工伤和失业保险参保人数分别达到…); rows whose target no item
    states take the cells left that share most words with their item, in
    printed order; a cell left of one item with several rows and none under a
    second-level cell becomes theirs (a late "启动实施“温暖社保”…").  Returns
    the names, second-level cells and indicators, the cells not placed and
    the projects given a second-level cell so."""
    n, g = len(item_of), len(item_runs)
    free = list(free)
    name_of = [""] * g
    for p in range(g):
        title = _title(items[item_runs[p]])
        best = max(free, key=lambda b: (round(_name_fit(b.text, title), 3), _share(b.text, title)), default=None)
        if best is not None and _name_fit(best.text, title) >= 0.5:
            name_of[p] = nospace(best.text)
            free.remove(best)
    sub_of = [""] * n
    heads = [_part(items[item_of[r]], at[r], "。") if at[r] >= 0 else "" for r in range(n)]
    heads = [h.split("：")[0] if "：" in h else "" for h in heads]
    for b in list(free):
        hit = [r for r in range(n) if heads[r] and _share(b.text, heads[r]) >= 0.8]
        for r in hit:
            sub_of[r] = nospace(b.text)
        if hit:
            free.remove(b)
    ind_of = [""] * n
    parts = [(item_of[r], _part(items[item_of[r]], at[r], "；。：")) if at[r] >= 0 else None for r in range(n)]
    for key in dict.fromkeys(x for x in parts if x):
        rs = [r for r in range(n) if parts[r] == key]
        fit = {id(b): max(_share(b.text, key[1]) + _share(b.text, _part(items[key[0]], at[r], "，；。：、"))
                          for r in rs) for b in free}
        cands = sorted((b for b in free if _share(b.text, key[1]) >= 0.3), key=lambda b: -fit[id(b)])[:len(rs)]
        for r, b in zip(rs, sorted(cands, key=lambda b: b.idx[0])):
            ind_of[r] = nospace(b.text)
            free.remove(b)
    for p in range(g):
        j = item_runs[p]
        rs = [r for r in range(n) if run_of[r] == p and not ind_of[r]]
        cs = [b for b in free if max(item_runs, key=lambda j2: _share(b.text, items[j2])) == j
              and _share(b.text, items[j]) >= 0.5]
        if rs and len(cs) == len(rs):
            for r, b in zip(rs, cs):
                ind_of[r] = nospace(b.text)
                free.remove(b)
    spread: list[int] = []
    for b in list(free):
        p = max(range(g), key=lambda p: _share(b.text, items[item_runs[p]]))
        rs = [r for r in range(n) if run_of[r] == p]
        if _share(b.text, items[item_runs[p]]) >= 0.5 and len(rs) > 1 and not any(sub_of[r] for r in rs):
            for r in rs:
                sub_of[r] = nospace(b.text)
            free.remove(b)
            spread.append(p)
    return name_of, sub_of, ind_of, free, spread


def _align_items(score: list[list[float]], same: list[list[float]], last: int) \
        -> tuple[list[int], list[int], Optional[int]]:
    """Rows in order to items in order (after item ``last``), in one run of
    rows an item for each of the page's projects, so that the items state the
    most targets (``score``: row by item) and print the projects' numbers
    (``same``: project by item, 1 where the item's own number is the one the
    table prints for the project); an item skipped costs 0.1.  Returns the
    item and run of each row and the last item, or (…, None) when the rows
    cannot be so split."""
    n, g, J = len(score), len(same), len(score[0]) if score else 0
    NEG = float("-inf")
    best = [[[NEG] * J for _ in range(g)] for _ in range(n)]
    how: list[list[list]] = [[[None] * J for _ in range(g)] for _ in range(n)]
    for j in range(last + 1, J):
        best[0][0][j] = score[0][j] + same[0][j] - 0.1 * (j - last - 1)
    for r in range(1, n):
        for p in range(g):
            top, arg0 = NEG, None  # the best run p - 1 ending before item j, its skips counted from there
            for j in range(last + 1, J):
                stay = best[r - 1][p][j]
                move = round(top - 0.1 * (j - 1) + same[p][j], 9) if top > NEG else NEG
                if stay >= move and stay > NEG:
                    best[r][p][j], how[r][p][j] = stay + score[r][j], (p, j)
                elif move > NEG:
                    best[r][p][j], how[r][p][j] = move + score[r][j], (p - 1, arg0)
                if p and best[r - 1][p - 1][j] > NEG and round(best[r - 1][p - 1][j] + 0.1 * j, 9) > top:
                    top, arg0 = round(best[r - 1][p - 1][j] + 0.1 * j, 9), j
    if not J or max(best[n - 1][g - 1]) == NEG:
        return [0] * n, [0] * n, None
    end = max(range(J), key=lambda j: best[n - 1][g - 1][j])
    item_of, run_of = [0] * n, [0] * n
    p, j = g - 1, end
    for r in range(n - 1, -1, -1):
        item_of[r], run_of[r] = j, p
        if r:
            p, j = how[r][p][j]
    return item_of, run_of, end


def _place_unit_cells(units: list[Block], items: list[PlanItem], run_of: list[int], said: list[str],
                      at: list[int], late: float) -> tuple[list[str], list[Block], list[int]]:
    """Each 责任单位 cell to the projects whose item (``items``, one a
    project) names its units; cells of one unit printed as often as items
    name it go one each, in order.  Where a project takes several cells
    printed in the column's order (not late: from line ``late`` on, merged
    cells spanning the project) and its rows' targets are printed (``said``,
    ``at``: each row's item text and where in it) in as many sentences, or
    parts between "；", the cells go one a sentence, in order (农村“三路”建设…
    县交通运输局; 农村电网巩固提升工程… 国网泸溪供电公司).  Returns each row's
    cell(s), the cells no item names and the projects whose several cells
    were read as one over all their rows."""
    n, g = len(run_of), len(items)
    names = [pi.keys() for pi in items]
    by_key: dict[frozenset, list[Block]] = {}
    left: list[Block] = []
    for u in units:
        ks = frozenset(_unit_key(x) for x in _units_of(u.text))
        if any(ks & nm for nm in names):
            by_key.setdefault(ks, []).append(u)
        else:
            left.append(u)
    cells_of: list[list[Block]] = [[] for _ in range(g)]
    for ks, us in by_key.items():
        ps = [p for p in range(g) if ks & names[p]]
        for k, p in enumerate(ps):
            cells_of[p].append(us[k] if len(us) == len(ps) else us[0])
    unit_of = [""] * n
    joined: list[int] = []
    for p in range(g):
        rs = [r for r in range(n) if run_of[r] == p]
        cs = cells_of[p]
        where = {}
        for stops in ("。", "；。"):
            parts = [_part(said[r], at[r], stops) if at[r] >= 0 else "" for r in rs]
            if len(cs) > 1 and "" not in parts and len(set(parts)) == len(cs) and all(u.idx[0] < late for u in cs):
                where = {r: list(dict.fromkeys(parts)).index(x) for r, x in zip(rs, parts)}
                break
        for r in rs:
            unit_of[r] = "、".join(dict.fromkeys(x for u in ([cs[where[r]]] if where else cs) for x in _units_of(u.text)))
        if len(cs) > 1 and len(rs) > 1 and not where:
            joined.append(p)
    return unit_of, left, joined


def _named_items(names: list[str], items: Sequence[PlanItem]) -> list[str]:
    """The task id of the item each name names (its heading, or the one title
    it fits best, ``_name_fit``, by half its words or more); [] where none."""
    def item_of(name: str) -> str:
        if not name:
            return ""
        exact = [pi for pi in items if heading_key(pi.text) == heading_key(name)]
        if exact:
            return exact[0].id
        fits = sorted(((_name_fit(name, _title(nospace(pi.text))), pi.id) for pi in items), reverse=True)
        return fits[0][1] if fits and fits[0][0] >= 0.5 and (len(fits) == 1 or fits[1][0] < fits[0][0]) else ""

    ids = [item_of(x) for x in names]
    return ids if any(ids) else []


def column_dump_record(doc: Document, lines: list[Line], cd: ColumnDump, tkey: str,
                       known: Sequence[str] = (), plan: Sequence[PlanItem] = ()) -> Table:
    """The cells of a table no rebuild could read, in printed order, one row
    per run of cells of one kind (numbers, unit names, other cells): honest
    about what the flattened text holds, never guessing its rows.  A table of
    projects by period (``period_rows``) or of indicators by project
    (``measure_rows``) is rebuilt row by row instead."""
    src = Source(lines[0].file, lines[cd.start].no, lines[cd.end].no)
    blocks = _blocks(lines, cd.start + 1, cd.end)
    # the items of the same attachment's text (附件7's table: the items of 附件7)
    att = re.match(r"(a\d+)t", tkey)
    items = [pi for pi in plan if not att or f"/{att.group(1)}-" in pi.id]
    rebuilt = period_rows(lines, blocks, known)
    if rebuilt:
        header, prows, pnotes = rebuilt
        how = ("flattened column by column: rebuilt one row a period, each project's 序号, 项目名称 and "
               "实施主体 (printed once, merged over its periods) repeated on its rows")
        return Table(f"{doc.id}/{tkey}", doc.id, cd.title, header, prows, [how, *pnotes], src,
                     _named_items([r[1] for r in prows], items))
    rebuilt = measure_rows(lines, blocks, items)
    if rebuilt:
        header, prows, pnotes, row_tasks = rebuilt
        how = ("flattened column by column: rebuilt one row a target (its 单位 and target cells, as many on "
               "each page); each row's project, second-level cell, indicator and 责任单位 (merged cells, some "
               "printed late) placed by the document's own items, which state the targets")
        return Table(f"{doc.id}/{tkey}", doc.id, cd.title, header, prows, [how, *pnotes], src, row_tasks)
    rows: list[list[str]] = []
    for bl in blocks:
        kind = _cell_kind(bl.text)
        if rows and rows[-1][0] == kind:
            rows[-1][1] += " ｜ " + bl.text
        else:
            rows.append([kind, bl.text])
    note = ("flattened column by column with cells merged over several rows; the columns could not be "
            "matched row by row, so the cells are listed in printed order, one row per run of cells of one kind")
    return Table(f"{doc.id}/{tkey}", doc.id, cd.title, ["印刷顺序", "单元格"], rows, [note], src)
