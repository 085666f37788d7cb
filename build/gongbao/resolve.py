"""Resolve pass: units and officials, and the hand-kept knowledge under data/.

Hand-kept files (all optional, all small YAML, applied here and nowhere else):
  aliases.yml      jurisdiction -> canonical unit name -> [printed variants]
  corrections.yml  list of {task, field, value, reason}: override one parsed field
The pass turns the printed unit and official names of every task into Unit
and Person records, one per jurisdiction, merging printed variants.
"""
from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import yaml

from .ids import slug
from .read import InputError
from .records import Records
from .schema import Person, Task, Unit

CORRECTABLE = {f.name for f in fields(Task)} - {"id", "document", "list", "source"}


def clean_name(name: str) -> str:
    """A printed name with all whitespace removed."""
    return re.sub(r"\s+", "", name)


def load_yaml(path: Path, default):
    if not path.exists():
        return default
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise InputError(path.as_posix(), f"unreadable YAML: {e}", mark.line + 1 if mark else None)
    return default if data is None else data


def _line_of(path: Path, needle: str) -> int | None:
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return i
    return None


def load_fields(path: Path) -> dict[str, list[str]]:
    """Part of a unit's name -> the words that name its field in a task text
    (data/unit_fields.yml, read by the table pass to place merged unit cells)."""
    data = load_yaml(path, {})
    if not isinstance(data, dict) or not all(isinstance(v, list) and all(isinstance(w, str) and w for w in v)
                                             for v in data.values()):
        raise InputError(path.as_posix(), "expected a mapping: part of a unit's name -> [words]")
    return {str(k): list(v) for k, v in data.items()}


def load_aliases(path: Path) -> dict[str, dict[str, str]]:
    """jurisdiction -> printed variant -> canonical name."""
    data = load_yaml(path, {})
    if not isinstance(data, dict):
        raise InputError(path.as_posix(), "expected a mapping: jurisdiction -> canonical -> [variants]")
    out: dict[str, dict[str, str]] = {}
    for juris, table in data.items():
        if not isinstance(table, dict):
            raise InputError(path.as_posix(), f"{juris}: expected canonical name -> list of variants",
                             _line_of(path, str(juris)))
        m = out.setdefault(str(juris), {})
        for canonical, variants in table.items():
            for v in variants or []:
                m[clean_name(str(v))] = clean_name(str(canonical))
    return out


def apply_corrections(tasks: list[Task], path: Path) -> list[dict]:
    """Override parsed fields; a correction for a missing task stops the build."""
    data = load_yaml(path, [])
    if not isinstance(data, list):
        raise InputError(path.as_posix(), "expected a list of {task, field, value, reason}")
    by_id = {t.id: t for t in tasks}
    applied = []
    for entry in data:
        tid = entry.get("task") if isinstance(entry, dict) else None
        where = _line_of(path, str(tid)) if tid else None
        if not isinstance(entry, dict) or not {"task", "field", "value", "reason"} <= set(entry):
            raise InputError(path.as_posix(), f"each correction needs task, field, value and reason: {entry!r}", where)
        if tid not in by_id:
            raise InputError(path.as_posix(), f"correction for task {tid!r}, which no longer exists", where)
        if entry["field"] not in CORRECTABLE:
            raise InputError(path.as_posix(), f"field {entry['field']!r} cannot be corrected; "
                                              f"one of {sorted(CORRECTABLE)}", where)
        task = by_id[tid]
        old = getattr(task, entry["field"])
        new = entry["value"]
        if isinstance(old, list) != isinstance(new, list):
            raise InputError(path.as_posix(), f"{tid}: {entry['field']} takes a "
                                              f"{'list' if isinstance(old, list) else 'single value'}", where)
        setattr(task, entry["field"], new)
        if entry["field"] in ("lead_units", "cooperating_units"):
            task.units = list(dict.fromkeys([*task.lead_units, *task.cooperating_units]))
        applied.append({"task": tid, "field": entry["field"], "old": old, "new": new,
                        "reason": entry["reason"]})
    return applied


def resolve(recs: Records, knowledge: Path) -> list[dict]:
    """Fill recs.units and recs.people; return the corrections applied."""
    applied = apply_corrections(recs.tasks, knowledge / "corrections.yml")
    aliases = load_aliases(knowledge / "aliases.yml")
    juris_of = {d.id: d.jurisdiction for d in recs.documents}
    units: dict[tuple[str, str], Unit] = {}
    people: dict[tuple[str, str], Person] = {}

    def unit(juris: str, printed: str) -> Unit:
        name = clean_name(printed)
        canonical = aliases.get(juris, {}).get(name, name)
        key = (juris, canonical)
        if key not in units:
            units[key] = Unit(id=f"{slug(juris)}/{slug(canonical)}", name=canonical, jurisdiction=juris,
                              aliases=[], leads=[], cooperates=[])
        u = units[key]
        if name != canonical and name not in u.aliases:
            u.aliases.append(name)
        return u

    def person(juris: str, printed: str) -> Person:
        name = clean_name(printed)
        key = (juris, name)
        if key not in people:
            people[key] = Person(id=f"{slug(juris)}/{slug(name)}", name=name, jurisdiction=juris,
                                 printed=[], leads=[], overall=[])
        p = people[key]
        if printed.strip() not in p.printed:
            p.printed.append(printed.strip())
        return p

    for t in recs.tasks:
        juris = juris_of[t.document]
        t.lead_units = [clean_name(u) for u in t.lead_units]
        t.cooperating_units = [clean_name(u) for u in t.cooperating_units]
        t.units = [clean_name(u) for u in t.units]
        for name in dict.fromkeys(t.lead_units):
            _add(unit(juris, name).leads, t.id)
        for name in dict.fromkeys(t.cooperating_units):
            if name not in t.lead_units:
                _add(unit(juris, name).cooperates, t.id)
        for name in dict.fromkeys(t.units):
            if name not in t.lead_units and name not in t.cooperating_units and name not in t.others:
                _add(unit(juris, name).responsible, t.id)
        for name in t.leaders:
            _add(person(juris, name).leads, t.id)
        for name in t.overall_leaders:
            _add(person(juris, name).overall, t.id)
        t.leaders = [clean_name(n) for n in t.leaders]
        t.overall_leaders = [clean_name(n) for n in t.overall_leaders]

    _check_slug_clashes(units.values(), "unit")
    _check_slug_clashes(people.values(), "person")
    recs.units = sorted(units.values(), key=lambda u: u.id)
    recs.people = sorted(people.values(), key=lambda p: p.id)
    return applied


def _add(lst: list[str], item: str) -> None:
    if item not in lst:
        lst.append(item)


def _check_slug_clashes(items, kind: str) -> None:
    """Two different names with one pinyin slug: give each the tone-marked form."""
    by_id: dict[str, list] = {}
    for it in items:
        by_id.setdefault(it.id, []).append(it)
    for rid, group in by_id.items():
        if len(group) > 1:
            for it in group:
                digits = "".join(f"{ord(c):x}"[-3:] for c in it.name)[:9]
                it.id = f"{rid}-{digits}"


STATUSES = ("未启动", "进行中", "已完成", "欠进度", "已调整")


def load_status(path: Path, recs: Records) -> dict[str, list[dict]]:
    """Hand-kept status entries: task id -> entries sorted by date.

    Each entry: date (YYYY-MM-DD), status (one of STATUSES), source_url, note.
    An entry for a task id the records do not hold stops the build."""
    data = load_yaml(path, {})
    if not isinstance(data, dict):
        raise InputError(path.as_posix(), "expected a mapping: task id -> list of status entries")
    known = {t.id for t in recs.tasks}
    out: dict[str, list[dict]] = {}
    for tid, entries in data.items():
        where = _line_of(path, str(tid))
        if tid not in known:
            raise InputError(path.as_posix(), f"status for task {tid!r}, which no longer exists", where)
        if not isinstance(entries, list):
            raise InputError(path.as_posix(), f"{tid}: expected a list of entries", where)
        clean = []
        for e in entries:
            if not isinstance(e, dict) or "date" not in e or "status" not in e:
                raise InputError(path.as_posix(), f"{tid}: each entry needs date and status", where)
            date = e["date"].isoformat() if hasattr(e["date"], "isoformat") else str(e["date"])
            if not re.match(r"^\d{4}-\d{2}-\d{2}$", date):
                raise InputError(path.as_posix(), f"{tid}: date {date!r} is not YYYY-MM-DD", where)
            if e["status"] not in STATUSES:
                raise InputError(path.as_posix(), f"{tid}: status {e['status']!r} is not one of {', '.join(STATUSES)}",
                                 where)
            clean.append({"date": date, "status": e["status"], "source_url": e.get("source_url"),
                          "note": e.get("note")})
        out[tid] = sorted(clean, key=lambda e: e["date"])
    return out
