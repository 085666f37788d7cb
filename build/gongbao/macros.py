"""mkdocs-macros module: figures from data/records for the hand-written pages (data/records/figures.yml,
written by the build).

Pages opt in with ``render_macros: true`` in their front matter and use
``{{ gb.tasks }}``, ``{{ gb.jurisdictions }}`` and the like.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path


def figures(recs) -> dict:
    """The archive's figures from its records (the build writes them to data/records/figures.yml)."""
    from gongbao.ids import slug

    by_juris = Counter()
    docs = {d.id: d for d in recs.documents}
    for t in recs.tasks:
        by_juris[docs[t.document].jurisdiction] += 1
    return {
        "gazettes": len(recs.gazettes),
        "documents": len(recs.documents),
        "tasks": len(recs.tasks),
        "units": len(recs.units),
        "people": len(recs.people),
        "tables": len(recs.tables),
        "jurisdictions": sorted({d.jurisdiction for d in recs.documents}),
        "tasks_by_jurisdiction": [{"name": j, "slug": slug(j), "tasks": n}
                                  for j, n in sorted(by_juris.items(), key=lambda kv: (-kv[1], kv[0]))],
        "uncertain": sum(1 for t in recs.tasks if t.confidence < 1.0),
        "generic": sum(1 for t in recs.tasks if t.generic),
    }


def define_env(env) -> None:
    """The figures the build wrote beside the records (read in a moment, however large the archive);
    from the records themselves where a records folder predates that file."""
    import yaml

    folder = Path(env.project_dir) / "data" / "records"
    written = folder / "figures.yml"
    if written.exists():
        env.variables["gb"] = yaml.safe_load(written.read_text(encoding="utf-8"))
    else:
        from gongbao.records import load_records
        env.variables["gb"] = figures(load_records(folder))
