"""Atom feeds: one per jurisdiction (its documents) and one per unit (its tasks), newest first.

Entry ids are tag URIs built from record ids, so they never change; links are
relative to the feed's own address (or absolute when mkdocs.yml sets site_url),
so the feeds work from any sub-path.
"""
from __future__ import annotations

import posixpath
from collections import defaultdict
from xml.sax.saxutils import escape, quoteattr

from . import export
from .ids import slug
from .records import Records

TAG = "tag:gongbao.archive,2026:"


def _when(date: str | None) -> str:
    return f"{date or '1970-01-01'}T00:00:00Z"


def _href(feed_path: str, url: str, site_url: str | None) -> str:
    if site_url:
        return site_url.rstrip("/") + "/" + url
    return posixpath.relpath("/" + url, "/" + posixpath.dirname(feed_path)) + "/"


def _feed(feed_path: str, feed_id: str, title: str, page_url: str, entries: list[dict], site_url: str | None) -> str:
    entries = sorted(entries, key=lambda e: (e["date"] or "", e["id"]), reverse=True)
    updated = _when(entries[0]["date"]) if entries else _when(None)
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
           f"  <id>{escape(TAG + feed_id)}</id>",
           f"  <title>{escape(title)}</title>",
           f"  <updated>{updated}</updated>",
           "  <author><name>公报 Gongbao</name></author>",
           f"  <link rel=\"alternate\" type=\"text/html\" href={quoteattr(_href(feed_path, page_url, site_url))}/>"]
    if site_url:
        out.append(f"  <link rel=\"self\" href={quoteattr(site_url.rstrip('/') + '/' + feed_path)}/>")
    for e in entries:
        out += ["  <entry>",
                f"    <id>{escape(TAG + e['id'])}</id>",
                f"    <title>{escape(e['title'])}</title>",
                f"    <updated>{_when(e['date'])}</updated>",
                f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr(_href(feed_path, e['url'], site_url))}/>",
                f"    <summary>{escape(e['summary'])}</summary>",
                "  </entry>"]
    out.append("</feed>")
    return "\n".join(out) + "\n"


def feed_files(recs: Records, site_url: str | None = None) -> dict[str, str]:
    docs = {d.id: d for d in recs.documents}
    tasks = {t.id: t for t in recs.tasks}
    files = {}
    by_juris: dict[str, list] = defaultdict(list)
    for d in recs.documents:
        by_juris[d.jurisdiction].append(d)
    for juris, ds in by_juris.items():
        path = f"feeds/{slug(juris)}.xml"
        entries = [{"id": f"documents/{d.id}", "title": f"{d.doc_number or ''} {d.title}".strip(), "date": d.date,
                    "url": export.document_url(d.id), "summary": f"{'、'.join(d.issuers)} {d.date or ''}".strip()}
                   for d in ds]
        files[path] = _feed(path, f"jurisdictions/{slug(juris)}", f"{juris}的公文", f"jurisdictions/{slug(juris)}/",
                            entries, site_url)
    for u in recs.units:
        path = f"feeds/units/{u.id}.xml"
        entries = []
        for tid, role in [*((i, "牵头") for i in u.leads), *((i, "配合") for i in u.cooperates)]:
            t = tasks[tid]
            d = docs[t.document]
            entries.append({"id": f"tasks/{t.id}", "title": f"{d.doc_number or d.title} 任务 {t.number}（{role}）",
                            "date": d.date, "url": export.task_url(t.id), "summary": t.text})
        files[path] = _feed(path, f"units/{u.id}", f"{u.jurisdiction}{u.name}的任务", f"units/{u.id}/", entries,
                            site_url)
    return files
