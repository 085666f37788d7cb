"""Prose task lists: numbered items that close with an attribution phrase.

A gazette prints a task list as numbered paragraphs (一、 / （一） / 1. /
（1）) each closing with an attribution bracket such as （责任单位：A、B）,
（A牵头，B、C分工负责） or （A负责）.  This pass reads a document's lines
into a tree of numbered items per document part (main text, 附件1, 附件2 ...)
and decides by the attributions which items are tasks:

- an item that carries an attribution and none of whose sub-items does is a
  task; its text runs over its sub-items and across page breaks up to its
  (last) attribution;
- an item whose sub-items carry attributions is a heading; its own
  attribution, e.g. （一）防范化解政府债务风险（县财政局牵头）, is inherited by
  the tasks below it (the whole attribution when a task prints none, the lead
  units when the task prints no lead);
- an item without attribution at a level where the same top-level section
  has tasks is a task without units (confidence 0.5, noted);
- an unnumbered paragraph with two or more attributions (全县经济社会发展的
  主要预期目标是：A（责任单位：…），B（责任单位：…）) is a list of its own,
  one task per clause, path parts m1, m2 ... in printed order.

Task ids: ``<document id>/<path joined by '-'>``.  Path parts are the printed
numbers: 附件2 -> 'a2', 一、 -> '1', （三） -> '3', 2. -> '2', （1） -> '1'.
Rule for the levels: the attachment part is always kept; any other level
above the task's own number is left out when the paths of the list stay
unique without it (tried outermost level first).  So 桃源's items 1.–173.,
numbered through the whole list, get ids ``.../12``; 桃江's 附件1, whose
numbers restart under each （一）, gets ``.../a1-2-3``.  ``Task.number`` keeps
the full printed path in Chinese form, e.g. '附件1 二（三）2'.

Units: every attribution is read by the grammar (``grammar.parse_attribution``, its words in
grammar.yml).  Lead means what the text marks as leading: 牵头 / 牵头单位 / 主要责任单位 / 分别牵头, a
unit marked （牵头）, or a lead rule the document prints (列第一位为牵头单位: the first listed unit
leads; 无牵头单位的，责任单位即为牵头单位: a lone 责任单位 list leads).  A lone 责任单位 list or units
that only 分工负责, under no such rule, have no lead: they stand in ``units`` alone.  After a lead (or
under a heading that names the lead, in brackets or as 二、县住建局牵头工作) the other units cooperate.
A rule said in the main text holds for the whole document; said in an attachment, only for that
attachment.  Label paragraphs after an item (责任单位：A、B, then 牵头单位：X) are the item's
attribution, as if printed in its brackets.  Generic items (其他相关部门单位, 各乡镇人民政府, a trailing
等) go to ``others``, set ``generic`` and stand among ``units`` as printed (a bare 等 does not).  A text
that stops inside a task (an excerpt) keeps the task, marks it ``truncated`` and reads no name from its
cut-off end.

Document parts: the main text, each 附件N, and a part opened where the
numbering starts again at 一、 after items were already read (PDF extraction
sometimes moves an attachment's "附件N / title" lines to a page break inside a
sentence; such a displaced marker names the part that opened at the restart,
and its two lines are set aside).

Lines with a tab (tables) and page furniture (plus bare page numbers such as
'·· 37') are skipped; blank lines carry no meaning (page breaks show as blank
lines).  A list runs from the heading above its first task to the end of its
last task; lines inside it that no task took and that are not headings or
intro sentences of headings with items below are reported in
``TaskList.unassigned``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from . import grammar
from .ids import cn_number
from .normalise import Line
from .schema import Document, Source, Task, TaskList

# --------------------------------------------------------------------------
# attribution phrases

_OPEN = "（(〔【["
_CLOSE = "）)〕】]"


def _aside(content: str, after: str) -> bool:
    """A bracket inside a sentence that says who does one part of it, not who answers for the task:
    …的实施（技工院校内由人力资源社会保障行政部门负责），国务院… -- the sentence runs on after it, and its
    phrase names no label."""
    return after in ("，", ",", "、") and not grammar.label_start(content) and "由" in content


def find_attributions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, content) of each top-level bracket in text that is an
    attribution; an attribution left open at the end of text counts too."""
    found = []
    i = 0
    n = len(text)
    while i < n:
        if text[i] in _OPEN:
            j = grammar.closing(text, i, _OPEN, _CLOSE)
            content = text[i + 1: j] if j < n else text[i + 1:]
            if grammar.is_attribution(content) and not _aside(content, text[j + 1: j + 2]):
                found.append((i, min(j + 1, n), content))
                i = j + 1
                continue
            if j >= n:  # unclosed, not an attribution: look inside it
                i += 1
                continue
            i += 1
            continue
        i += 1
    return found


# --------------------------------------------------------------------------
# the item tree

_RANK_RES = [
    (1, re.compile(r"^([一二三四五六七八九十]{1,3})、")),
    (2, re.compile(r"^（([一二三四五六七八九十]{1,3})）")),
    (3, re.compile(r"^(\d{1,3})\s*[.．、](?!\d)")),
    (4, re.compile(r"^（(\d{1,3})）")),
]
_ATTACH_RE = re.compile(r"^附件\s*(\d{0,2})\s*[：:]?\s*$")
_TERMINAL = "。！？；：:"
# a page number the normalise pass does not flag ('·· 37')
_PAGE_DEBRIS = re.compile(r"^[\s·•.\-—–－]*\d{1,4}[\s·•.\-—–－]*$")


@dataclass
class _Row:
    no: int
    text: str


@dataclass
class _Node:
    rank: int  # 0 for a document part, 1..4 for 一、/（一）/1./（1）
    num: int
    marker: str  # printed marker: '二', '（三）', '2', '（1）', '附件1'
    rows: list[_Row] = field(default_factory=list)  # own rows, up to the next marker
    children: list["_Node"] = field(default_factory=list)
    parent: Optional["_Node"] = None
    title: str = ""  # a part's title (the line after 附件N)
    restart: bool = False  # a part opened by numbering that starts again at 一、

    def subtree_rows(self) -> list[_Row]:
        out = list(self.rows)
        for c in self.children:
            out += c.subtree_rows()
        return out

    def own_text(self) -> str:
        return _join([r.text for r in self.rows])


def _join(texts: list[str]) -> str:
    out = ""
    for t in texts:
        if out and re.match(r"[A-Za-z0-9]", t[:1] or " ") and re.search(r"[A-Za-z]$", out):
            out += " "
        out += t
    return out


def _marker(text: str) -> Optional[tuple[int, int, str, str]]:
    """(rank, number, printed marker, rest of line) if the line opens an item."""
    for rank, rx in _RANK_RES:
        m = rx.match(text)
        if m:
            num = cn_number(m.group(1))
            if num is None:
                return None
            printed = m.group(1) if rank in (1, 3) else m.group(0)  # 二 / （三） / 2 / （1）
            return rank, num, printed, text[m.end():].strip()
    return None


def _build_parts(rows: list[_Row]) -> tuple[list[_Node], set[int]]:
    """Split rows into document parts and build each part's item tree.

    A part opens at an attachment marker (附件2) or where the numbering starts
    again at 一、 after the part already holds items (the PDF extraction may
    move an attachment's 附件N + title lines to the next page break, inside a
    sentence: such a marker names the part opened by the restart and its
    lines are set aside).  Returns the parts and the set-aside line numbers.
    """
    parts = [_Node(0, 0, "")]
    set_aside: set[int] = set()
    last: dict[int, int] = {}
    stack: list[_Node] = [parts[0]]
    marker_rows: set[int] = set()
    skip = -1
    for i, row in enumerate(rows):
        if i == skip:
            continue
        prev_text = rows[i - 1].text if i else ""
        m = _ATTACH_RE.match(row.text)
        if m:
            nxt = rows[i + 1] if i + 1 < len(rows) else None
            title = nxt if nxt and not _marker(nxt.text) and not _ATTACH_RE.match(nxt.text) \
                and nxt.text[-1:] not in "。；，,：:" and len(nxt.text) <= 60 else None
            cur = parts[-1]
            if cur.restart and not cur.marker:
                cur.marker, cur.num = f"附件{m.group(1)}", int(m.group(1) or 0)
                cur.title = title.text if title else ""
                set_aside.add(row.no)
                if title:
                    set_aside.add(title.no)
                    skip = i + 1
                continue
            part = _Node(0, int(m.group(1) or 0), f"附件{m.group(1)}", title=title.text if title else "")
            parts.append(part)
            stack = [part]
            last = {}
            part.rows.append(row)
            continue
        mk = _marker(row.text)
        if mk:
            rank, num, printed, _ = mk
            prev = last.get(rank, 0)
            # a number out of sequence (or starting again at 1) opens an item
            # only after a finished sentence or a heading line: a wrapped line
            # may start with '一、' (统\n一、分阶段…) or '2、'
            block_end = prev_text[-1:] in _TERMINAL + _CLOSE or (i and rows[i - 1].no in marker_rows)
            if prev < num <= prev + 3 or block_end:
                marker_rows.add(row.no)
                if rank == 1 and num == 1 and stack[0].children:
                    part = _Node(0, 0, "", restart=True)
                    parts.append(part)
                    stack = [part]
                    last = {}
                while stack[-1].rank >= rank:
                    stack.pop()
                node = _Node(rank, num, printed, [row], [], stack[-1])
                stack[-1].children.append(node)
                stack.append(node)
                last[rank] = num
                continue
        stack[-1].rows.append(row)
    return parts, set_aside


# --------------------------------------------------------------------------
# tasks


def _attrs_of(text: str) -> list[tuple[int, int, str]]:
    return find_attributions(text)


def _has_desc_attr(node: _Node) -> bool:
    return any(_attrs_of(c.own_text()) or _has_desc_attr(c) for c in node.children)


def _paragraphs(rows: list[_Row]) -> list[list[_Row]]:
    """Unnumbered rows grouped into paragraphs: a row ending a sentence or a
    closing bracket ends its paragraph."""
    paras: list[list[_Row]] = []
    cur: list[_Row] = []
    for r in rows:
        cur.append(r)
        if r.text[-1:] in _TERMINAL or r.text[-1:] in _CLOSE:
            paras.append(cur)
            cur = []
    if cur:
        paras.append(cur)
    return paras


def _heading_text(node: _Node) -> str:
    """The printed heading of an item: its first sentence without attribution
    (a heading wrapped in a narrow column is rejoined when short)."""
    if node.rank == 0:
        title = _part_title(node)
        return f"{node.marker} {title}".strip() if title else node.marker
    text = node.rows[0].text
    joined = _join([r.text for r in node.rows])
    i = 1
    if "。" not in text and "。" in joined and joined.index("。") <= 40:
        text, i = joined, len(node.rows)
    # a heading line cut inside a bracket or after a comma runs on in the next
    # row: （一）2023年省定十大重点民生实事项目（我县 / 涉及九大项目）
    while i < len(node.rows) and len(text) <= 60 and (_open_brackets(text) or text[-1:] in "，、（“《"):
        text = _join([text, node.rows[i].text])
        i += 1
    for s, e, _ in reversed(_attrs_of(text)):
        text = text[:s] + text[e:]
    text = re.split(r"[。；]", text)[0]
    return re.sub(r"(?<=[）、])\s+", "", text).strip()


def _open_brackets(text: str) -> int:
    """How many brackets are left open at the end of text."""
    depth = 0
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
    return depth


def _part_title(part: _Node) -> str:
    """An attachment's title: the line after its 附件N line."""
    return part.title


def _clean_units(names: list[str]) -> list[str]:
    return [re.sub(r"\s+", "", n) for n in names if n]


def _dedupe(names: list[str]) -> list[str]:
    out: list[str] = []
    for n in names:
        if n not in out:
            out.append(n)
    return out


@dataclass
class _Draft:
    path: list[tuple[int, str, str]]  # (rank, ascii part, printed); rank 0 = attachment, 9 = inline
    section: list[str]
    rows: list[_Row]
    text: str
    attrs: list[str]  # attribution contents, printed order
    inherited: list[str]  # attribution contents of the headings above, innermost last
    note: Optional[str] = None
    confidence: float = 1.0
    heading_lead: list[str] = field(default_factory=list)  # leads a heading above names (二、县住建局牵头工作)
    cut: bool = False  # the text stops inside the task's (last) attribution
    text_cut: bool = False  # the text stops inside the task


def _strip_attrs(text: str) -> str:
    for s, e, _ in reversed(_attrs_of(text)):
        text = text[:s] + text[e:]
    text = re.sub(r"^[，,；;、\s]+", "", text)
    text = re.sub(r"[，,；;]\s*(?=[。；])", "", text)
    text = re.sub(r"([。；])[。；，,]+", r"\1", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text


def _item_drafts(part: _Node, list_key: Optional[str]) -> tuple[list[_Draft], set[int]]:
    """Tasks of one document part and the row numbers recognised as headings."""
    drafts: list[_Draft] = []
    heading_rows: set[int] = set()

    def task_ranks(section: _Node) -> set[int]:
        ranks: set[int] = set()

        def walk(n: _Node) -> None:
            for c in n.children:
                if _attrs_of(c.own_text()) and not _has_desc_attr(c):
                    ranks.add(c.rank)
                else:
                    walk(c)
        walk(section)
        return ranks

    def ancestors(n: _Node) -> list[_Node]:
        out = []
        p = n.parent
        while p is not None:
            out.append(p)
            p = p.parent
        return list(reversed(out))

    def visit(n: _Node, ranks: set[int]) -> None:
        for c in n.children:
            own = _attrs_of(c.own_text())
            desc = _has_desc_attr(c)
            if c.rank == 1:
                ranks = task_ranks(c)
            if (own and not desc) or (not own and not desc and c.rank in ranks):
                drafts.append(_make_draft(c, ancestors(c), list_key, bool(own)))
            elif not own and not desc and c.children and grammar.heading_lead(_heading_text(c)):
                # 二、县住建局牵头工作（6项）: the heading names the lead of every item below it
                heading_rows.update(r.no for r in _heading_rows(c))
                for leaf in c.children:
                    drafts.append(_make_draft(leaf, ancestors(leaf), list_key, bool(_attrs_of(leaf.own_text()))))
            else:
                heading_rows.update(r.no for r in _heading_rows(c))
                visit(c, ranks)

    visit(part, task_ranks(part))
    return drafts, heading_rows


def _heading_rows(node: _Node) -> list[_Row]:
    """The rows of an item that is no task and that the parser recognises:
    a heading with items below keeps its heading line and intro sentences;
    a numbered paragraph with nothing below only a short heading line (the
    rest of it is reported as unassigned when it lies inside a list)."""
    if node.children:
        return node.rows
    first = node.rows[0].text
    return node.rows[:1] if len(first) <= 40 and "。" not in first[:-1] else []


def _make_draft(node: _Node, ancestors: list[_Node], list_key: Optional[str], has_attr: bool) -> _Draft:
    rows = node.subtree_rows()
    texts = [r.text for r in rows]
    # strip the item's own marker from its first row
    mk = _marker(texts[0])
    texts[0] = mk[3] if mk else texts[0]
    text = _join(texts)
    attrs = _attrs_of(text)
    if has_attr and attrs:
        # rows after the last attribution that are the item's own unnumbered
        # trailing rows are not part of the item
        end = attrs[-1][1]
        pos = 0
        keep = len(rows)
        for i, t in enumerate(texts):
            pos += len(t)
            if pos >= end:
                keep = i + 1
                break
        own_tail = all(r in (node.rows if not node.children else _last_leaf(node).rows) for r in rows[keep:])
        if own_tail and keep < len(rows):
            rows = rows[:keep]
            text = _join(texts[:keep])
    attrs = _attrs_of(text)
    inherited = []
    for a in ancestors:
        if a.rank >= 1:
            inherited += [c for _, _, c in _attrs_of(a.own_text())]
    path: list[tuple[int, str, str]] = []
    section: list[str] = []
    for a in ancestors + [node]:
        if a.rank == 0:
            if a.marker:
                path.append((0, list_key or "a", a.marker + " "))
                section.append(_heading_text(a))
            continue
        path.append((a.rank, str(a.num), a.marker))
        if a is not node:
            section.append(_heading_text(a))
    d = _Draft(path, section, rows, _strip_attrs(text), [c for _, _, c in attrs], inherited)
    for a in ancestors:
        if a.rank >= 1:
            d.heading_lead += [u for u in grammar.heading_lead(_heading_text(a)) if u not in d.heading_lead]
    if not has_attr:
        if inherited:
            d.note = "no attribution printed; units of the heading above"
            d.confidence = 0.8
        else:
            d.note = "no attribution printed"
            d.confidence = 0.5
    elif len(attrs) > 1:
        d.note = "several attributions in the item; their units are merged"
        d.confidence = 0.9
    return d


def _last_leaf(node: _Node) -> _Node:
    while node.children:
        node = node.children[-1]
    return node


def _inline_drafts(part: _Node, list_key: Optional[str]) -> list[tuple[list[_Row], str, list[_Draft]]]:
    """Unnumbered paragraphs holding two or more attributions: one list each."""
    found = []
    for para in _paragraphs(part.rows):
        text = _join([r.text for r in para])
        attrs = _attrs_of(text)
        if len(attrs) < 2:
            continue
        intro_end = 0
        m = re.search(r"[：:]", text[: attrs[0][0]])
        title = ""
        if m:
            intro_end = m.end()
            title = text[: m.start()]
            title = re.sub(r"是$", "", title)
            title = title.rsplit("的", 1)[-1] if "的" in title else title
        drafts = []
        start = intro_end
        bounds = _row_bounds(para)
        for i, (s, e, content) in enumerate(attrs, 1):
            clause = text[start:s]
            clause_text = _strip_attrs(clause).strip("，,；;。 ")
            lead_in = len(clause) - len(clause.lstrip("，,；;。 "))
            first = _row_at(bounds, start + lead_in)
            last = _row_at(bounds, e - 1)
            prefix = [(0, list_key, "")] if list_key else []
            drafts.append(_Draft(prefix + [(9, f"m{i}", str(i))], [], para[first: last + 1],
                                 clause_text, [content], []))
            start = e
        found.append((para, title, drafts))
    return found


def _row_bounds(rows: list[_Row]) -> list[int]:
    bounds = []
    pos = 0
    for r in rows:
        pos += len(r.text)
        bounds.append(pos)
    return bounds


def _row_at(bounds: list[int], pos: int) -> int:
    for i, b in enumerate(bounds):
        if pos < b:
            return i
    return len(bounds) - 1


def _minimise(drafts: list[_Draft]) -> list[tuple[list[str], str]]:
    """Leave out path levels not needed for uniqueness (outermost first);
    (ASCII path, printed number) per draft."""
    paths = [list(d.path) for d in drafts]
    ranks = sorted({x[0] for p in paths for x in p[:-1] if x[0] != 0})
    for rank in ranks:
        trial = [[x for x in p[:-1] if x[0] != rank] + [p[-1]] for p in paths]
        keys = ["-".join(x[1] for x in p) for p in trial]
        if len(set(keys)) == len(keys):
            paths = trial
    return [([x[1] for x in p], "".join(x[2] for x in p).strip()) for p in paths]


def _to_task(doc: Document, file: str, list_id: str, d: _Draft, path: list[str], number: str,
             rule: Optional[str]) -> Task:
    head = grammar.Roles()
    for content in d.inherited:
        r = grammar.parse_attribution(content, rule)
        head.lead += r.lead
        head.coop += r.coop
        head.resp += r.resp
        head.others += r.others
        head.leaders += r.leaders
    head.lead += [u for u in d.heading_lead if u not in head.lead]
    if not d.attrs:
        got = head  # no attribution of its own: the heading's
    else:
        got = grammar.Roles()
        names_lead = any(grammar.parse_attribution(c, rule, lead_known=True).lead for c in d.attrs)
        inherit = bool(head.lead) and not names_lead
        for k, content in enumerate(d.attrs):
            r = grammar.parse_attribution(content, rule, lead_known=inherit, cut=d.cut and k == len(d.attrs) - 1)
            got.lead += r.lead
            got.coop += r.coop
            got.resp += r.resp
            got.others += r.others
            got.leaders += r.leaders
            got.deadline = got.deadline or r.deadline
        if inherit:
            got.lead = head.lead + got.lead  # the heading names the lead; the item names who shares the work
        got.leaders = got.leaders or head.leaders
    lead = _dedupe(_clean_units(got.lead))
    coop = [u for u in _dedupe(_clean_units(got.coop)) if u not in lead]
    resp = [u for u in _dedupe(_clean_units(got.resp)) if u not in lead and u not in coop]
    others = _dedupe(got.others)
    printed = [n for content in d.attrs for n in grammar.names_in_phrase(content)]
    named = lead + coop + resp
    # every name printed, generic items (各县（市、区）政府) among them, in printed order
    units = _dedupe([u for u in named if u not in printed]
                    + [n for n in printed if n in named or (n in others and n != "等")])
    if d.cut or d.text_cut:
        d.note = ((d.note + "; ") if d.note else "") + "the text stops inside this task; no name is read from its cut-off end"
        d.confidence = min(d.confidence, 0.5)
    return Task(
        id=f"{doc.id}/{'-'.join(path)}",
        document=doc.id,
        list=list_id,
        number=number,
        path=path,
        section=d.section,
        text=d.text,
        lead_units=lead,
        cooperating_units=coop,
        units=units,
        others=others,
        generic=bool(others),
        leaders=_dedupe(got.leaders),
        overall_leaders=[],
        deadline=got.deadline or _deadline(d.text + "".join(d.attrs)),
        goal=None,
        target_this_year=None,
        confidence=d.confidence,
        note=d.note,
        source=Source(file, d.rows[0].no, d.rows[-1].no),
        truncated=d.cut or d.text_cut,
    )


_DEADLINE_RE = re.compile(r"(完成时限|完成时间|时限|时间)[：:]\s*([^；;。，,）)〕]+)")


def _deadline(text: str) -> Optional[str]:
    m = _DEADLINE_RE.search(text)
    return m.group(2).strip() if m else None


# --------------------------------------------------------------------------
# public entry point


def parse_prose(doc: Document, lines: list[Line], file_end: bool = False) -> tuple[list[TaskList], list[Task]]:
    """Prose task lists and their tasks in one document's lines; ``file_end``: the document's
    last line is the last line of its file (a text that stops there may stop inside a task)."""
    rows = [_Row(l.no, l.text.strip()) for l in lines
            if l.text.strip() and "\t" not in l.text and not l.furniture and not _PAGE_DEBRIS.match(l.text)]
    if not rows:
        return [], []
    rows = _label_rows(rows, file_end)
    file = lines[0].file
    parts, set_aside = _build_parts(rows)
    # a lead rule (排第一的单位为牵头单位, 无牵头单位的责任单位即为牵头单位) holds for the whole
    # document when the main text says it, else only for the attachment that says it
    rules = [grammar.lead_rule(_join([r.text for r in p.subtree_rows()])) for p in parts]
    lists: list[TaskList] = []
    tasks: list[Task] = []
    used_keys: set[str] = set()

    def new_key(key: str) -> str:
        k, i = key, 2
        while k in used_keys:
            k, i = f"{key}-{i}", i + 1
        used_keys.add(k)
        return k

    for part, own_rule in zip(parts, rules):
        rule = own_rule or rules[0]
        # the part's key prefixes its task paths (the main text has none)
        if part.marker:
            part_key: Optional[str] = new_key(f"a{part.num}" if part.num else "a")
        elif part is parts[0]:
            part_key = None
        else:
            part_key = new_key("part")
        # inline lists (one paragraph, several attributions)
        for para, title, drafts in _inline_drafts(part, part_key):
            kind = "targets" if "目标" in title else "points"
            key = new_key(f"{part_key}-{kind}" if part_key else kind)
            list_id = f"{doc.id}/{key}"
            for d in drafts:
                d.section = [_heading_text(part)] if part.marker else []
                p = [x[1] for x in d.path]
                tasks.append(_to_task(doc, file, list_id, d, p, d.path[-1][2], rule))
            lists.append(TaskList(list_id, doc.id, title or "", "prose", len(drafts), [],
                                  Source(file, para[0].no, para[-1].no)))
        drafts, heading_rows = _item_drafts(part, part_key)
        if not drafts:
            continue
        key = part_key or new_key("tasks")
        list_id = f"{doc.id}/{key}"
        paths = _minimise(drafts)
        if file_end:
            _mark_cut(drafts, rows[-1])
        tasks += [_to_task(doc, file, list_id, d, p, num, rule) for d, (p, num) in zip(drafts, paths)]
        start = min(drafts[0].rows[0].no, *_section_heading_rows(part, drafts[0]))
        end = drafts[-1].rows[-1].no
        taken = {r.no for d in drafts for r in d.rows} | heading_rows | set_aside
        loose = [r.no for r in part.subtree_rows() if start <= r.no <= end and r.no not in taken]
        lists.append(TaskList(list_id, doc.id, _list_title(doc, part), "prose", len(drafts),
                              _ranges(file, loose, {r.no for r in rows}), Source(file, start, end)))
    _unique_ids(tasks)
    return lists, tasks


def _mark_cut(drafts: list[_Draft], last: _Row) -> None:
    """The draft that holds the text's last row, when the text stops there: inside an attribution left
    open (its cut-off last name is not read) or inside the task's own text."""
    for d in drafts:
        if d.rows and d.rows[-1] is last:
            full = _join([r.text for r in d.rows])
            if _open_brackets(full) and d.attrs:
                d.cut = True
            elif full[-1:] not in _TERMINAL + _CLOSE + "”":
                d.text_cut = True


def _label_rows(rows: list[_Row], file_end: bool) -> list[_Row]:
    """Label paragraphs after an item (责任单位：A、B / 牵头单位：X then 责任单位：A，B) become one
    bracketed attribution of the item, as if printed in its brackets.  A paragraph the text stops in
    (the file's last row, its last name not yet a whole unit name: 责任单位：市) is left open."""
    out: list[_Row] = []
    i = 0
    while i < len(rows):
        r = rows[i]
        if _marker(r.text) or not grammar.label_start(r.text) or r.text[:1] in _OPEN:
            out.append(r)
            i += 1
            continue
        group = [r]
        i += 1
        while i < len(rows) and not _marker(rows[i].text) and rows[i].text[:1] not in _OPEN:
            nxt = rows[i].text
            # a label of its own, or the list run on: after a separator, or a short piece of a name the
            # line end cut (责任单位：市发改委、市经 / 信局)
            if grammar.label_start(nxt) or ("。" not in nxt and (
                    (group[-1].text[-1:] in "、，,；;" and len(nxt) <= 60)
                    or (len(nxt) <= 12 and group[-1].text[-1:] not in "。；;）)" and not _whole_name(group[-1].text)))):
                group.append(rows[i])
                i += 1
                continue
            break
        texts = [g.text.rstrip("。；;") for g in group]
        joined = [t if k == 0 or not grammar.label_start(t) else "；" + t for k, t in enumerate(texts)]
        closed = not (file_end and i == len(rows) and not _whole_name(texts[-1]))
        joined[0] = "（" + joined[0]
        if closed:
            joined[-1] += "）"
        out += [_Row(g.no, t) for g, t in zip(group, joined)]
    return out


_NAME_END = re.compile(r"(局|委|办|院|府|会|中心|公司|队|所|站|部|室|处|区|县|组|团|社|行|馆|厅|园|场|门|位|镇|乡|街道|集团|司)[）)]?$")


def _whole_name(text: str) -> bool:
    """The last name of a list reads as a whole unit name (市发改委), not a cut-off piece (市, 市发)."""
    last = grammar.split_names(re.sub(r"^.*?[：:]", "", text) or "")
    return bool(last) and len(last[-1]) >= 3 and _NAME_END.search(last[-1]) is not None


def _unique_ids(tasks: list[Task]) -> None:
    """Last resort when printed numbers repeat (a list numbered twice over):
    later repeats get '-2', '-3' … in printed order, with a note."""
    seen: dict[str, int] = {}
    for t in tasks:
        n = seen.get(t.id, 0) + 1
        seen[t.id] = n
        if n > 1:
            t.id = f"{t.id}-{n}"
            t.path = t.path + [str(n)]
            t.confidence = min(t.confidence, 0.7)
            t.note = ((t.note + "; ") if t.note else "") + "its printed number repeats an earlier task's"


def _section_heading_rows(part: _Node, first: _Draft) -> list[int]:
    """Line numbers of the headings above the list's first task (they open the list)."""
    nos = []

    def find(n: _Node, path: list[_Node]) -> Optional[list[_Node]]:
        for c in n.children:
            if c.rows and c.rows[0] is first.rows[0]:
                return path
            r = find(c, path + [c])
            if r is not None:
                return r
        return None

    for a in find(part, []) or []:
        nos.append(a.rows[0].no)
    return nos or [first.rows[0].no]


def _list_title(doc: Document, part: _Node) -> str:
    if part.marker:
        return _part_title(part) or part.marker
    for para in reversed(_paragraphs(part.rows)):
        text = _join([r.text for r in para])
        if text.endswith(("：", ":")) and len(text) < 60:
            return re.sub(r"是?[：:]$", "", text)
    # a notice that issues a plan (关于印发《X》的通知) prints the plan's list
    m = re.search(r"印发《([^》]+)》", doc.title)
    return m.group(1) if m else doc.title


def _ranges(file: str, nos: list[int], row_nos: set[int]) -> list[Source]:
    """Line numbers as ranges; a range runs on over blank/skipped lines only."""
    out: list[Source] = []
    loose = set(nos)
    for n in sorted(nos):
        if out and all(k in loose or k not in row_nos for k in range(out[-1].line_end + 1, n)):
            out[-1].line_end = n
        else:
            out.append(Source(file, n, n))
    return out
