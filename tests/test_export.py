"""The public dataset: `gongbao export` in every format, our contract with data users."""
from __future__ import annotations

import csv
import io
import json

import pytest

from gongbao import export
from gongbao.cli import main


@pytest.mark.parametrize("what", ["tasks", "documents"])
def test_export_formats_agree(built, what, capsysbinary):
    out = {}
    for fmt in export.FORMATS:
        assert main(["--root", str(built.root), "export", what, "--format", fmt]) == 0
        out[fmt] = capsysbinary.readouterr().out
    jsonl = [json.loads(l) for l in out["jsonl"].decode("utf-8").splitlines()]
    assert json.loads(out["json"].decode("utf-8")) == jsonl
    assert out["csv"].startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(out["csv"].decode("utf-8-sig"))))
    assert [r["id"] for r in rows] == [r["id"] for r in jsonl]
    fields = export.TASK_FIELDS if what == "tasks" else export.DOCUMENT_FIELDS
    assert all(list(r) == fields for r in jsonl)
    for r, c in zip(jsonl, rows):
        assert c["source_file"] == r["source"]["file"]
        assert int(c["source_line_start"]) == r["source"]["line_start"]
        for key, value in r.items():
            if isinstance(value, list):
                assert c[key] == export.LIST_SEP.join(value)


def test_task_export_has_the_contract_fields(records):
    rows = export.task_rows(records)
    required = {"id", "url", "jurisdiction", "doc_number", "document_title", "list", "number", "section", "text",
                "lead_units", "cooperating_units", "units", "others", "leaders", "deadline", "source"}
    assert rows and required <= set(rows[0])
    for r in rows:
        assert r["url"] == f"tasks/{r['id']}/"
        assert all(" " not in u and "\n" not in u for u in r["units"] + r["leaders"]), r["id"]
        assert set(r["lead_units"]) <= set(r["units"]) and set(r["cooperating_units"]) <= set(r["units"]), r["id"]


def test_document_export_has_the_contract_fields(records):
    rows = export.document_rows(records)
    required = {"id", "url", "doc_number", "title", "issuers", "date", "kind", "source", "task_count"}
    assert rows and required <= set(rows[0])
    assert sum(r["task_count"] for r in rows) == len(records.tasks)
