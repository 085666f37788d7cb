"""Table parser: every table of a document, rebuilt from its flattened text.

Two flattenings occur in the gazettes:

- tab tables: one printed row per line, cells separated by tabs, the header
  row repeated on every page; cells are shifted by missing or extra tabs,
  merged (项目 printed once for several rows) or glued to a neighbour;
- column tables: a two-column PDF flattened column by column, page by page:
  all 序号 cells, then all cells of the next column, and so on, each cell a
  blank-line separated block (see ``parse_column_tables``).

A header row names the columns (序号, 项目, 目标任务, 牵头领导, 牵头单位 …); the
columns present decide what a table is: a task table (number + task text +
leaders or units) gives a TaskList and one Task per numbered row, a list of
normative documents (文件名称/文号/登记号) gives DocRef records, and every
table gives a Table record shown on the document page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

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
    ("text", r"^(目标任务|工作任务|任务分解|主要任务|工作要求|工作措施|重点任务|任务内容|具体任务)$"),
    ("title", r"^文件名称$"),
    ("docno", r"^文号$"),
    ("registration", r"^登记(编)?号$"),
]
_TAIL_UNIT = re.compile(r"^(办公室|成员单位|责任单位|服务中心|事务中心|指挥部|工作专班|专班|\S{0,3}分局)$")
UNIT_SUFFIX = re.compile(
    r"(局|办|委|区|所|中心|公司|政府|部|街道|管委会|会|院|队|处|社|站|馆|集团|联|团|镇|乡|室|组|厅|行|台|校|"
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


def squash(text: str) -> str:
    """A cell as one readable string: tags gone, CJK spacing removed."""
    return re.sub(r"\s+", " ", normalise_text(text)).strip()


def spaced(text: str) -> str:
    """A cell with its printed spaces kept (they separate names and units)."""
    return re.sub(r"\s+", " ", normalise_text(text, squash_spaces=False)).strip()


def nospace(text: str) -> str:
    return re.sub(r"\s+", "", normalise_text(text, squash_spaces=False))


def header_role(cell: str) -> Optional[str]:
    name = nospace(cell)
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
        if "、" in it and not is_generic(it):
            parts = [p for p in it.split("、") if p]
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
    tokens = [t for t in re.split(r"[\s、，,]+", spaced(cell)) if t]
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
    return line.raw.split("\t")


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
    if "\t" not in line.raw:
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
            if "\t" in ln.raw:
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
            if k < n and "\t" in lines[k].raw and not tab_header(lines[k]) and len(ln.text.strip()) <= 12:
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
    return k < len(lines) and "\t" in lines[k].raw


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
        if "\t" in ln.raw:
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
            if k > 0 and is_leader_cell(filled[k][1]) and not is_unit_cell(filled[k][1]):
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
            row = realign(rest, t.roles)
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


def task_table_records(doc: Document, lines: list[Line], t: TabTable, tnum: int, used: set[str]) \
        -> tuple[TaskList, list[Task], Table]:
    rows, groups, unplaced = build_task_rows(lines, t)
    table_id = f"{doc.id}/t{tnum}"
    prefix = f"t{tnum}-" if any(r.number in used for r in rows if r.number) else ""
    known: dict[str, int] = {}
    for r in rows:
        for _, c in r.section_cells:
            key = nospace(c)
            known[key] = known.get(key, 0) + 1
    depth = max([len(split_section(c, known)) for r in rows for _, c in r.section_cells] + [1])
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
        for pos, c in r.section_cells:
            parts = split_section(c, known) if group is None else [norm_heading(squash(c))]
            _update_section(sec, parts, pos, depth)
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
            sub_k += 1
            number = ""
            key = f"{prefix}{last_number or '0'}-{sub_k}"
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
            units=lead_units + coop_units, others=others, generic=bool(others), leaders=leaders,
            overall_leaders=list(overall) if group else [], deadline=trailing.get("deadline"),
            goal=trailing.get("goal"), target_this_year=trailing.get("target"),
            confidence=confidence if why else 1.0, note=note, source=src))
        cellmap = {"number": number, "section": " ".join(norm_heading(squash(c)) for _, c in r.section_cells),
                   "text": text_clean, "leaders": "、".join(leaders), "lead_units": "、".join(lead_items),
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
    for ln in lines:
        for clause in re.split(r"[；;。]", ln.text):
            m = re.search(r"详见附件\s*([0-9一二三四五六七八九十]+)", clause)
            name = list_name(clause) if m else None
            if m and name:
                num = cn_number(m.group(1))
                if num is not None:
                    out[num] = name
    return out


def stated_counts(lines: list[Line]) -> dict[str, int]:
    """Counts the deciding text states per list: "等53个规范性文件继续有效" -> {继续有效: 53}."""
    out: dict[str, int] = {}
    for ln in lines:
        for clause in re.split(r"[；;。]", ln.text):
            m = re.search(r"等\s*([0-9]+|[一二三四五六七八九十]+)\s*(?:个|件|份)(?:行政)?规范性文件", clause)
            if not m:
                continue
            name = list_name(clause)
            num = cn_number(m.group(1))
            if name and num is not None and name not in out:
                out[name] = num
    return out


def docref_records(doc: Document, lines: list[Line], t: TabTable, tnum: int, att: dict[int, str],
                   used_keys: set[str]) -> tuple[list[DocRef], Table]:
    table_id = f"{doc.id}/t{tnum}"
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
        key = f"{key}{tnum}"
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


def _attachment_label(lines: list[Line], i: int) -> Optional[int]:
    k, seen = i - 1, 0
    while k >= 0 and seen < 6:
        t = lines[k].text.strip()
        k -= 1
        if not t:
            continue
        seen += 1
        m = re.fullmatch(r"附件\s*([0-9一二三四五六七八九十]+)", t)
        if m:
            return cn_number(m.group(1))
    return None


def plain_table_record(doc: Document, lines: list[Line], t: TabTable, tnum: int) -> Table:
    width = len(t.header)
    rows = []
    for idx in t.body:
        cells = [squash(c) for c in cells_of(lines[idx])]
        while len(cells) > width and not cells[-1]:
            cells.pop()
        rows.append(cells + [""] * (width - len(cells)))
    src = Source(lines[0].file, lines[t.start].no, lines[t.end].no)
    notes = [f"line {lines[k].no} inside the table is no row: {lines[k].text.strip()[:30]}" for k in t.stray]
    return Table(f"{doc.id}/t{tnum}", doc.id, t.title, list(t.header), rows, notes, src)


def table_kind(roles: list[Optional[str]]) -> str:
    rs = set(roles)
    if "number" in rs and ("title" in rs or "docno" in rs) and not rs & {"leaders", "lead_units"}:
        return "docref"
    if "number" in rs and "text" in rs and rs & {"leaders", "lead_units", "coop_units"}:
        return "task"
    return "plain"


# ---------------------------------------------------------------- entry point

def parse_tables(doc: Document, lines: list[Line]) -> tuple[list[TaskList], list[Task], list[DocRef], list[Table]]:
    """Every table of one document: task lists and tasks of task tables,
    document refs of lists of normative documents, and a Table for each."""
    found: list[tuple[int, str, object]] = []  # (first line no, kind, table)
    for t in find_tab_tables(lines):
        found.append((lines[t.start].no, "tab", t))
    covered = {lines[k].no for _, _, t in found for k in range(t.start, t.end + 1)}
    for ct in find_column_tables(lines, covered):
        found.append((ct.start_no, "column", ct))
    found.sort(key=lambda f: f[0])
    att = attachment_lists(lines)
    lists: list[TaskList] = []
    tasks: list[Task] = []
    refs: list[DocRef] = []
    tables: list[Table] = []
    used_numbers: set[str] = set()
    used_keys: set[str] = set()
    for n, (_, how, t) in enumerate(found, start=1):
        if how == "column":
            tl, ts, tb = column_table_records(doc, lines, t, n, used_numbers)
            if tl:
                lists.append(tl)
                tasks += ts
            tables.append(tb)
            used_numbers |= {x.number for x in ts}
            continue
        kind = table_kind(t.roles)
        if kind == "task":
            tl, ts, tb = task_table_records(doc, lines, t, n, used_numbers)
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
    return lists, tasks, refs, tables


# ---------------------------------------------------------------- column tables (filled in below)

@dataclass
class ColumnTable:
    start_no: int
    start: int
    end: int


def find_column_tables(lines: list[Line], covered: set[int]) -> list[ColumnTable]:
    return []


def column_table_records(doc, lines, t, tnum, used):
    raise NotImplementedError
