"""Chinese find-in-page search for the static site.

Semantics (the same in this module and in overrides/assets/search/gb-search.js):
a record matches a query when every space-separated term of the query is a
substring of one of the record's searchable fields, after both are folded by
`fold` (whitespace removed, full-width ASCII made half-width, A-Z lower-cased).
Searchable fields: a task's text, units, leaders and document number; a
document's title, issuers, document number and full text.

Index layout (written under <content_dir>/assets/search/data/):
  meta.json      documents (with the ordinal range of their records), filter
                 values, bucket count, chunk starts, a content hash
  g/<k>.json     gram -> delta-coded sorted record ordinals, for every gram
                 whose FNV-1a hash is k modulo the bucket count; grams are the
                 single characters and the overlapping character pairs of
                 every folded field (the Lucene CJK bigram idea)
  r/<k>.json     the records with ordinals chunk_starts[k] .. chunk_starts[k+1]-1

A query loads meta.json, the few buckets holding its grams, intersects the
postings (one-character terms use the character's own posting, longer terms
all of their pairs), then loads only the record chunks of the candidates and
confirms every term by a substring test; the pairs are a filter, the
substring test is the truth.  Ranking: sum over terms of the best weight of a
field containing the term (task text, title, units, leaders 3; document
number 2; document body 1), ties in document order.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import math
import re
import shutil
from collections import Counter
from functools import lru_cache
from pathlib import Path

DATA_DIR = "assets/search/data"
BUCKET_BYTES = 48_000   # target raw size of one postings bucket
CHUNK_BYTES = 64_000    # target raw size of one record chunk
HEAD, NUMBER, BODY = 3, 2, 1

# Whitespace removed by fold(); the JS uses exactly this class.
_WS = "\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u3000\ufeff"
_WS_RE = re.compile(f"[{_WS}]+")
_FOLD = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}
_FOLD.update({c: (c - 0xFEE0 + 32 if 0xFF21 <= c <= 0xFF3A else c - 0xFEE0) for c in range(0xFF01, 0xFF5F)})


def fold(text: str) -> str:
    """Whitespace removed, full-width ASCII to half-width, A-Z to a-z."""
    return _WS_RE.sub("", text).translate(_FOLD)


def terms(query: str) -> list[str]:
    """The distinct folded terms of a query, split on whitespace."""
    return list(dict.fromkeys(t for t in (fold(p) for p in _WS_RE.split(query or "")) if t))


def term_grams(term: str) -> list[str]:
    """The grams that every record containing `term` must have."""
    if len(term) == 1:
        return [term]
    return list(dict.fromkeys(term[i:i + 2] for i in range(len(term) - 1)))


def bucket_of(gram: str, buckets: int) -> int:
    """FNV-1a (32 bit) over the code points of the gram, modulo buckets."""
    h = 0x811C9DC5
    for ch in gram:
        h = ((h ^ ord(ch)) * 16777619) & 0xFFFFFFFF
    return h % buckets


def fields(rec: dict, doc: dict) -> list[tuple[int, str]]:
    """(weight, text) of the searchable fields of a compact record."""
    out = [(HEAD, rec["x"])] if rec["k"] == "t" else [(HEAD, doc["title"])]
    out += [(HEAD, u) for u in rec["U"]] + [(HEAD, p) for p in rec["L"]]
    out.append((NUMBER, doc["doc_number"]))
    if rec["k"] == "d":
        out.append((BODY, rec["x"]))
    return [(w, t) for w, t in out if t]


# ---------------------------------------------------------------- writing

def _doc_id(r: dict) -> str:
    if r["kind"] == "document":
        return r["id"]
    return r.get("document") or r["id"].split("/")[0]


def _units(r: dict) -> list[str]:
    if r["kind"] == "document":
        return list(r.get("issuers") or [])
    names = [*(r.get("units") or []), *(r.get("lead_units") or []),
             *(r.get("cooperating_units") or []), *(r.get("others") or [])]
    return list(dict.fromkeys(n for n in names if n))


def build_index(records: list[dict]) -> dict[str, object]:
    """The index files as {relative path: JSON-able object}."""
    groups: dict[str, list[dict]] = {}
    for r in records:
        groups.setdefault(_doc_id(r), []).append(r)
    docs, compact = [], []
    for doc_id, group in groups.items():
        group.sort(key=lambda r: r["kind"] != "document")  # stable: document first
        head = group[0]
        docs.append({
            "id": doc_id, "doc_number": head.get("doc_number") or "",
            "title": head.get("title") if head["kind"] == "document" else head.get("document_title") or "",
            "jurisdiction": head.get("jurisdiction") or "", "year": head.get("year"),
            "date": head.get("date") if head["kind"] == "document" else None,
            "start": len(compact), "end": len(compact) + len(group),
        })
        for r in group:
            rec = {"i": r["id"], "u": r["url"], "k": "d" if r["kind"] == "document" else "t",
                   "d": len(docs) - 1, "x": r.get("text") or "", "U": _units(r),
                   "L": list(r.get("leaders") or [])}
            if r["kind"] == "task":
                rec["n"] = str(r.get("number") or "")
            compact.append(rec)

    postings: dict[str, list[int]] = {}
    for ordinal, rec in enumerate(compact):
        grams: set[str] = set()
        for _, text in fields(rec, docs[rec["d"]]):
            f = fold(text)
            grams.update(f)
            grams.update(f[i:i + 2] for i in range(len(f) - 1))
        for g in grams:
            postings.setdefault(g, []).append(ordinal)

    def deltas(ids: list[int]) -> list[int]:
        return [ids[0]] + [b - a for a, b in zip(ids, ids[1:])]

    encoded = {g: deltas(ids) for g, ids in postings.items()}
    raw = sum(len(json.dumps(g, ensure_ascii=False)) + len(json.dumps(v)) for g, v in encoded.items())
    nbuckets = max(1, math.ceil(raw / BUCKET_BYTES))
    files: dict[str, object] = {}
    buckets: list[dict] = [{} for _ in range(nbuckets)]
    for g in sorted(encoded):
        buckets[bucket_of(g, nbuckets)][g] = encoded[g]
    for k, b in enumerate(buckets):
        files[f"g/{k}.json"] = b

    starts, size = [], CHUNK_BYTES
    for ordinal, rec in enumerate(compact):
        n = len(json.dumps(rec, ensure_ascii=False).encode())
        if size + n > CHUNK_BYTES and (not starts or ordinal > starts[-1]):
            starts.append(ordinal)
            size = 0
        size += n
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(compact)
        files[f"r/{k}.json"] = compact[start:end]

    def ranked(counter: Counter) -> list[str]:
        return [name for name, _ in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))]

    meta = {
        "format": 1, "count": len(compact), "buckets": nbuckets, "chunks": starts, "docs": docs,
        "jurisdictions": ranked(Counter(d["jurisdiction"] for d in docs if d["jurisdiction"])),
        "years": sorted({d["year"] for d in docs if d["year"]}, reverse=True),
        "units": ranked(Counter(u for rec in compact for u in rec["U"])),
        "officials": ranked(Counter(p for rec in compact for p in rec["L"])),
    }
    digest = hashlib.sha1()
    for path in sorted(files):
        digest.update(path.encode() + _dump(files[path]))
    meta["v"] = digest.hexdigest()[:12]
    files["meta.json"] = meta
    return files


def _dump(obj: object) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write_search(records: list[dict], content_dir: Path) -> dict:
    """Write the search page and its index into the mkdocs docs dir; return stats."""
    content_dir = Path(content_dir)
    files = build_index(records)
    out = content_dir / DATA_DIR
    if out.exists():
        shutil.rmtree(out)
    raw = gz = 0
    for rel, obj in files.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        data = _dump(obj)
        path.write_bytes(data)
        raw += len(data)
        gz += len(gzip.compress(data, 6, mtime=0))
    page = content_dir / "search" / "index.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(SEARCH_PAGE, encoding="utf-8")
    meta = files["meta.json"]
    return {
        "records": meta["count"],
        "tasks": sum(1 for r in records if r["kind"] == "task"),
        "documents": sum(1 for r in records if r["kind"] == "document"),
        "files": len(files), "buckets": meta["buckets"], "chunks": len(meta["chunks"]),
        "raw_bytes": raw, "gzip_bytes": gz,
    }


SEARCH_PAGE = """\
---
title: 搜索
hide:
  - navigation
  - toc
---

# 搜索

<div id="gb-search" class="gb-search">
<form id="gb-search-form" class="gb-search__form" action="./" method="get" role="search">
<input type="search" name="q" id="gb-q" class="gb-search__q" placeholder="输入词语，多个词用空格分开，如 发改局 高标准农田" aria-label="搜索词" autocomplete="off">
<button type="submit" class="md-button md-button--primary">搜索</button>
<div class="gb-search__filters">
<label>地区 <select name="jurisdiction"><option value="">全部</option></select></label>
<label>年份 <select name="year"><option value="">全部</option></select></label>
<label>类别 <select name="kind"><option value="">任务和文件</option><option value="task">任务</option><option value="document">文件</option></select></label>
<label>文件 <select name="document"><option value="">全部</option></select></label>
<label>单位 <input name="unit" list="gb-units" placeholder="全部"></label>
<label>领导 <input name="official" list="gb-officials" placeholder="全部"></label>
<datalist id="gb-units"></datalist>
<datalist id="gb-officials"></datalist>
</div>
</form>
<p id="gb-status" class="gb-search__status" aria-live="polite">搜索需要启用 JavaScript。</p>
<ol id="gb-results" class="gb-search__results"></ol>
<nav id="gb-pager" class="gb-search__pager" aria-label="分页"></nav>
</div>

<link rel="stylesheet" href="../assets/search/gb-search.css">
<script src="../assets/search/gb-search.js"></script>
"""


# ---------------------------------------------------------------- searching

@lru_cache(maxsize=256)
def _load(path: str, mtime: float) -> object:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _json(path: Path) -> object:
    return _load(str(path), path.stat().st_mtime)


def _decode(deltas: list[int]) -> list[int]:
    out, acc = [], 0
    for d in deltas:
        acc += d
        out.append(acc)
    return out


def search(index_dir: Path, query: str, filters: dict | None = None) -> list[str]:
    """Ids of the matching records, best first (the JS runs the same steps).

    index_dir holds meta.json; filters may have jurisdiction, year, document
    (id), kind (task|document), unit, official.  An empty query with filters
    lists every record passing the filters; with neither it finds nothing.
    """
    index_dir = Path(index_dir)
    meta = _json(index_dir / "meta.json")
    filters = {k: v for k, v in (filters or {}).items() if v not in (None, "")}
    words = terms(query)
    if not words and not filters:
        return []

    allowed = [d for d in meta["docs"]
               if ("jurisdiction" not in filters or d["jurisdiction"] == filters["jurisdiction"])
               and ("year" not in filters or str(d["year"]) == str(filters["year"]))
               and ("document" not in filters or d["id"] == filters["document"])]
    in_range = set()
    for d in allowed:
        in_range.update(range(d["start"], d["end"]))

    candidates = in_range
    for word in words:
        for gram in term_grams(word):
            bucket = _json(index_dir / "g" / f"{bucket_of(gram, meta['buckets'])}.json")
            candidates = candidates & set(_decode(bucket.get(gram, [])))

    chunks = meta["chunks"]
    hits = []
    for ordinal in sorted(candidates):
        k = _chunk_of(chunks, ordinal)
        rec = _json(index_dir / "r" / f"{k}.json")[ordinal - chunks[k]]
        if not _passes(rec, filters):
            continue
        folded = [(w, fold(t)) for w, t in fields(rec, meta["docs"][rec["d"]])]
        score = 0
        for word in words:
            best = max((w for w, t in folded if word in t), default=0)
            if not best:
                break
            score += best
        else:
            hits.append((-score, ordinal, rec["i"]))
    return [i for _, _, i in sorted(hits)]


def _chunk_of(starts: list[int], ordinal: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= ordinal:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _passes(rec: dict, filters: dict) -> bool:
    kind = filters.get("kind")
    if kind and rec["k"] != ("d" if kind == "document" else "t"):
        return False
    if "unit" in filters and filters["unit"] not in rec["U"]:
        return False
    if "official" in filters and filters["official"] not in rec["L"]:
        return False
    return True
