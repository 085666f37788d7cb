"""Find-task-lists pass: finds each document's tables, hands what no table
takes to the prose parser and then the tables to the table parser (with the
units the prose items give, for tables that list the same tasks); then puts
each rebuilt table in the document's readable text in place of its flattened
lines."""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from . import prose, tables
from .normalise import Line
from .read import InputError
from .schema import Block, DocRef, Document, Table, Task, TaskList


def find_tasks(doc: Document, lines: list[Line], fields: Optional[tables.Fields] = None, file_end: bool = False) \
        -> tuple[list[TaskList], list[Task], list[Table], list[DocRef]]:
    """``file_end``: the document runs to the end of its file (a text that stops there may stop
    inside a task)."""
    found = tables.find_tables(lines)
    taken = tables.table_lines(lines, found)
    # the prose parser sees table lines as blank lines, so numbering stays the source's
    rest = [replace(l, text="", raw="") if l.no in taken else l for l in lines]
    p_lists, p_tasks = prose.parse_prose(doc, rest, file_end)
    # the prose items' units help place the cells of a flattened table listing the same tasks
    t_lists, t_tasks, docrefs, tbls = tables.parse_tables(doc, lines, fields, found, tables.plan_units(p_tasks))
    # each links the other: a 责任清单 row and the 实施方案 item of the same heading
    linked: dict[str, list[Task]] = {}
    for t in t_tasks:
        if t.same_as:
            linked.setdefault(t.same_as, []).append(t)
    p_tasks = [replace(t, same_as=linked[t.id][0].id) if len(linked.get(t.id, [])) == 1 else t for t in p_tasks]
    tasks = [*t_tasks, *p_tasks]
    seen: dict[str, Task] = {}
    for t in tasks:
        if t.id in seen:
            raise InputError(doc.source.file, f"two tasks get the id {t.id!r} (lines {seen[t.id].source.line_start} "
                                              f"and {t.source.line_start}); their printed numbers collide",
                             t.source.line_start)
        seen[t.id] = t
    doc.body = place_tables(doc.body, tbls)
    return [*t_lists, *p_lists], tasks, tbls, docrefs


def place_tables(body: list[Block], tbls: list[Table]) -> list[Block]:
    """Replace the blocks inside each table's line range by one table block."""
    def inside(b: Block) -> bool:
        return any(t.source.line_start <= b.line_start and b.line_end <= t.source.line_end for t in tbls)

    kept = [b for b in body if not inside(b)]
    placed = [Block("table", t.id, 0, t.source.line_start, t.source.line_end) for t in tbls]
    return sorted(kept + placed, key=lambda b: (b.line_start, b.kind != "table"))
