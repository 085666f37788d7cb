"""Find-task-lists pass: hands each document's lines to the table parser and,
for what no table took, to the prose parser; then puts each rebuilt table in
the document's readable text in place of its flattened lines."""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from . import prose, tables
from .normalise import Line
from .read import InputError
from .schema import Block, DocRef, Document, Table, Task, TaskList


def find_tasks(doc: Document, lines: list[Line], fields: Optional[tables.Fields] = None) \
        -> tuple[list[TaskList], list[Task], list[Table], list[DocRef]]:
    t_lists, t_tasks, docrefs, tbls = tables.parse_tables(doc, lines, fields)
    taken = {n for t in tbls for n in range(t.source.line_start, t.source.line_end + 1)}
    # the prose parser sees table lines as blank lines, so numbering stays the source's
    rest = [replace(l, text="", raw="") if l.no in taken else l for l in lines]
    p_lists, p_tasks = prose.parse_prose(doc, rest)
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
