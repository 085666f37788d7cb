"""The record model: every record Gongbao writes, defined once.

Each record is a dataclass whose field order is the key order of its YAML and
JSON form.  ``validate_*`` functions check a whole build before anything is
written; a failure raises :class:`SchemaError` naming the record.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any, Optional

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class SchemaError(ValueError):
    """A record does not fit the model."""


@dataclass
class Source:
    """Where a record stands in its gazette file (1-based, inclusive)."""

    file: str
    line_start: int
    line_end: int


@dataclass
class Gazette:
    id: str
    file: str
    title: Optional[str]  # as printed, e.g. 桃源县人民政府公报
    jurisdiction: str  # e.g. 桃源县
    issue: Optional[str]  # as printed, e.g. 2026年第1期
    published: Optional[str]  # YYYY-MM-DD
    source_url: Optional[str]
    documents: list[str]
    source: Source
    # a saved HTML page: the line of the HTML file each of its text lines comes from (records' line
    # numbers count the text lines a reader sees); empty for a text
    html_lines: list[int] = field(default_factory=list)


@dataclass
class Block:
    """One piece of a document's readable text."""

    kind: str  # heading | para | table
    text: str  # heading/paragraph text; table id for kind == table
    level: int = 0  # heading level 1..4 (一、 / （一） / 1. / （1）), 0 otherwise
    line_start: int = 0
    line_end: int = 0


@dataclass
class Document:
    id: str  # ASCII slug from the 发文字号, e.g. tao-zheng-fa-2026-1
    doc_number: Optional[str]  # 发文字号 as printed, normalised, e.g. 桃政发〔2026〕1号
    title: str
    kind: Optional[str]  # 文种: 通知, 决定, 通报, 意见, 方案 ...
    issuers: list[str]
    recipients: Optional[str]  # 主送机关
    date: Optional[str]  # 成文日期, YYYY-MM-DD
    registration: Optional[str]  # e.g. XYDR-2024-00003
    gazette: str
    jurisdiction: str
    attachments: list[str]
    cites: list[str]  # 发文字号 cited in the text
    body: list[Block]
    source: Source
    # what a portal page's metadata rows print (政府信息公开): 索引号, 主题分类, 发布日期 (never 成文日期)
    index_no: Optional[str] = None
    topic: Optional[str] = None
    published: Optional[str] = None
    attachment_urls: list[str] = field(default_factory=list)  # links to attached files a saved page holds


@dataclass
class Task:
    id: str  # <document id>/<key>, e.g. tao-zheng-fa-2026-1/12
    document: str
    list: str  # task list id
    number: str  # as printed, e.g. "12", "附件1 二（三）2"
    path: list[str]  # printed numbers as ASCII path parts, e.g. ["a1", "2", "3", "2"]
    section: list[str]  # heading texts above the task, outermost first
    text: str
    lead_units: list[str]
    cooperating_units: list[str]
    units: list[str]  # every unit named, printed order
    others: list[str]  # generic phrases (各部门单位, 其他相关部门单位 ...)
    generic: bool  # True when a generic phrase stands among the units
    leaders: list[str]  # lead officials (牵头领导)
    overall_leaders: list[str]  # 总牵头 of the group the task belongs to
    deadline: Optional[str]
    goal: Optional[str]
    target_this_year: Optional[str]
    confidence: float  # 1.0 when the parse is certain
    note: Optional[str]  # why the parse is uncertain
    source: Source
    # the same task printed under the same heading elsewhere in the document: a row of an
    # attachment's 责任清单 and the item of its 实施方案
    same_as: Optional[str] = None
    truncated: bool = False  # the text stops inside the task (an excerpt): its end is not printed


@dataclass
class TaskList:
    id: str  # <document id>/<key>
    document: str
    title: str
    kind: str  # prose | table | column-table
    task_count: int
    unassigned: list[Source]  # lines inside the list that no task took
    source: Source


@dataclass
class DocRef:
    """A row of a list of normative documents (废止 / 失效 / 继续有效)."""

    id: str  # <deciding document id>/<list key>-<row number>
    document: str  # the deciding document
    list: str  # 废止 | 失效 | 继续有效
    number: str  # row number as printed
    title: str
    doc_number: Optional[str]
    registration: Optional[str]
    source: Source


@dataclass
class Table:
    """A table rebuilt from its flattened text, shown on its document page."""

    id: str  # <document id>/<key>, e.g. xiangyinbanfa-2024-14/t1
    document: str
    title: Optional[str]
    header: list[str]
    rows: list[list[str]]
    notes: list[str]  # what the rebuild was unsure of, per row
    source: Source
    # the task each row belongs to, "" where none (an indicator table's rows: the plan item they measure);
    # empty where the table links no row
    row_tasks: list[str] = field(default_factory=list)


@dataclass
class Unit:
    id: str  # <jurisdiction slug>/<unit slug>
    name: str  # canonical name
    jurisdiction: str
    aliases: list[str]  # printed variants merged into this unit
    leads: list[str]  # task ids
    cooperates: list[str]  # task ids
    # task ids where the unit answers for the task and the text marks no lead (a lone 责任单位 list)
    responsible: list[str] = field(default_factory=list)


@dataclass
class Person:
    id: str
    name: str
    jurisdiction: str
    printed: list[str]  # printed forms, e.g. "杨 盛"
    leads: list[str]  # task ids
    overall: list[str]  # task ids where the person is 总牵头


def to_dict(record: Any) -> dict:
    """A record as a plain dict, keys in field order."""
    return dataclasses.asdict(record)


def from_dict(cls: type, data: dict) -> Any:
    """Rebuild a record (and its nested Source/Block records) from a dict."""
    kwargs = {}
    names = {f.name: f for f in dataclasses.fields(cls)}
    unknown = set(data) - set(names)
    if unknown:
        raise SchemaError(f"{cls.__name__}: unknown fields {sorted(unknown)}")
    for name, f in names.items():
        if name not in data:
            if f.default is not dataclasses.MISSING:
                continue
            raise SchemaError(f"{cls.__name__} {data.get('id', '?')}: missing field {name!r}")
        value = data[name]
        if name == "source":
            value = Source(**value)
        elif name == "unassigned":
            value = [Source(**v) for v in value]
        elif name == "body":
            value = [Block(**v) for v in value]
        kwargs[name] = value
    return cls(**kwargs)


_LIST_OF_STR = (
    "issuers attachments attachment_urls cites path section lead_units cooperating_units units others "
    "leaders overall_leaders documents aliases leads cooperates responsible printed overall"
).split()


def validate(record: Any) -> None:
    """Check one record; raise SchemaError naming it when it does not fit."""
    name = type(record).__name__
    rid = getattr(record, "id", "?")

    def fail(msg: str) -> None:
        raise SchemaError(f"{name} {rid}: {msg}")

    if not isinstance(rid, str) or not ID_RE.match(rid):
        fail("id must be lower-case ASCII words joined by '-' and '/'")
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        if f.name in _LIST_OF_STR:
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                fail(f"{f.name} must be a list of non-empty strings")
    for key in ("date", "published"):
        value = getattr(record, key, None)
        if value is not None and not DATE_RE.match(value):
            fail(f"{key} {value!r} is not YYYY-MM-DD")
    src = getattr(record, "source", None)
    if src is not None:
        if not src.file or src.line_start < 1 or src.line_end < src.line_start:
            fail(f"bad source {src}")
    if isinstance(record, Task):
        if not record.text.strip():
            fail("empty task text")
        if not 0.0 <= record.confidence <= 1.0:
            fail("confidence must lie in [0, 1]")
        if not record.id.startswith(record.document + "/"):
            fail("task id must start with its document id")
    if isinstance(record, Table) and record.row_tasks:
        if len(record.row_tasks) != len(record.rows):
            fail("row_tasks must name a task (or '') for every row")
        if any(x and not x.startswith(record.document + "/") for x in record.row_tasks):
            fail("row_tasks must name tasks of the table's document")
    if isinstance(record, Document):
        for b in record.body:
            if b.kind not in ("heading", "para", "table"):
                fail(f"unknown block kind {b.kind!r}")


def validate_all(records: list[Any]) -> None:
    """Validate every record and the uniqueness of ids per record type."""
    seen: dict[tuple[str, str], Any] = {}
    for r in records:
        validate(r)
        key = (type(r).__name__, r.id)
        if key in seen:
            raise SchemaError(f"duplicate {key[0]} id {r.id!r}")
        seen[key] = r
