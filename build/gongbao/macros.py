"""mkdocs-macros module: figures from data/records for the hand-written pages.

Pages opt in with ``render_macros: true`` in their front matter and use
``{{ gb.tasks }}``, ``{{ gb.jurisdictions }}`` and the like.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path


def figures(records_dir: Path) -> dict:
    from gongbao.ids import slug
    from gongbao.records import load_records

    recs = load_records(records_dir)
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
    root = Path(env.project_dir)
    env.variables["gb"] = figures(root / "data" / "records")
