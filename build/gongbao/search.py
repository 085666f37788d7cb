"""Chinese find-in-page search for the static site.

Semantics (the same here and in overrides/assets/search/gb-search.js): a
record matches a query when every space-separated term of the query is a
substring of one of the record's searchable fields, both folded by `fold`
(whitespace removed, full-width ASCII made half-width, A-Z lower-cased).
Searchable fields: a task's text, units, leaders and document number; a
document's title, registration number (XYDR-…), issuers, document number
and full text.

Index (written under <content_dir>/assets/search/data/):
  meta.json     documents with the ordinal range of their records (a document
                record first, then its tasks), the document number and title,
                where the document body starts in the document record's
                field space; jurisdictions and years; bucket count; chunk starts
  g/<k>.json    postings of the grams whose FNV-1a hash is k modulo the
                bucket count.  A record's folded fields are laid end to end
                with a one-position gap ("field space"; head fields first, the
                document body last).  Bigrams (overlapping character pairs,
                the Lucene CJK idea) keep every position: [d_ordinal, n, p1,
                d_p2, ...]; single characters keep their first position only:
                [d_ordinal, p, ...].  All numbers are delta coded.
  f/units.json, f/officials.json   name -> delta-coded ordinals (the unit
                and official filters; their keys fill the filter's suggestions)
  r/<k>.json    display records (id, url, task text, units, leaders,
                registration, ...) of one chunk
  t/<k>.json    document bodies cut into blocks of BLOCK folded characters;
                a document's blocks are meta docs[d].blk .. blk+nb-1, and a
                snippet loads only the block of the first match

Matching is exact without reading any text: a term of one character matches
where its character has a posting; a longer term matches a record where its
pairs occur at consecutive positions (pair i at p + i); the document number
is matched against meta.json.  The first matching position tells the field:
head fields (task text, title, registration, units, leaders) weigh 3, the
document number 2, the document body 1.  Rank: the sum over terms of the best
weight, then document order.  Only the chunks of the hits on the shown page are loaded,
and for a document only the body block where its first match lies.
"""
from __future__ import annotations

import bisect
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
CHUNK_BYTES = 16_000    # target raw size of one record chunk
BLOCK = 2_000           # folded characters of document body per text block
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
    """One character, or the overlapping pairs in order (repeats kept)."""
    return [term] if len(term) == 1 else [term[i:i + 2] for i in range(len(term) - 1)]


def bucket_of(gram: str, buckets: int) -> int:
    """FNV-1a (32 bit) over the code points of the gram, modulo buckets."""
    h = 0x811C9DC5
    for ch in gram:
        h = ((h ^ ord(ch)) * 16777619) & 0xFFFFFFFF
    return h % buckets


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


_WS_SET = frozenset(c for c in map(chr, range(0x10000)) if _WS_RE.fullmatch(c))


def _blocks(text: str) -> list[str]:
    """text cut so that block k holds folded positions k*BLOCK .. (k+1)*BLOCK-1."""
    out, cur, n = [], [], 0
    for ch in text:
        if ch not in _WS_SET:
            if n and n % BLOCK == 0:
                out.append("".join(cur))
                cur = []
            n += 1
        cur.append(ch)
    out.append("".join(cur))
    return out


def _listed(value) -> list[str]:
    if not value:
        return []
    return [value] if isinstance(value, str) else [v for v in value if v]


def _deltas(ids: list[int]) -> list[int]:
    return [b - a for a, b in zip([0] + ids, ids)]


def build_index(records: list[dict]) -> dict[str, object]:
    """The index files as {relative path: JSON-able object}."""
    groups: dict[str, list[dict]] = {}
    for r in records:
        groups.setdefault(_doc_id(r), []).append(r)
    docs, compact, spaces, blocks = [], [], [], []
    for doc_id, group in groups.items():
        group.sort(key=lambda r: r["kind"] != "document")  # stable: the document first
        head = group[0]
        is_doc = head["kind"] == "document"
        doc = {
            "id": doc_id, "doc_number": head.get("doc_number") or "",
            "title": (head.get("title") if is_doc else head.get("document_title")) or "",
            "jurisdiction": head.get("jurisdiction") or "", "year": head.get("year"),
            "date": head.get("date") if is_doc else None,
            "start": len(compact), "end": len(compact) + len(group), "doc": is_doc, "body": None,
        }
        docs.append(doc)
        for r in group:
            task = r["kind"] == "task"
            rec = {"i": r["id"], "u": r["url"], "k": "t" if task else "d", "d": len(docs) - 1,
                   "x": r.get("text") or "", "U": _units(r), "L": list(r.get("leaders") or [])}
            if task:
                rec["n"] = str(r.get("number") or "")
            elif _listed(r.get("registration")):
                rec["R"] = _listed(r.get("registration"))
            head = ([rec["x"]] if task else [doc["title"], *rec.get("R", [])]) + rec["U"] + rec["L"]
            space, offset = [], 0
            for is_body, text in [(False, t) for t in head] + ([] if task else [(True, rec["x"])]):
                if is_body:
                    doc["body"] = offset
                f = fold(text)
                space.append((offset, f))
                offset += len(f) + 1
            if not task:   # the body goes to text blocks, loaded only for a snippet
                doc["blk"], body_blocks = len(blocks), _blocks(rec["x"])
                blocks += body_blocks
                doc["nb"] = len(body_blocks)
                rec["x"] = ""
            compact.append(rec)
            spaces.append(space)

    first: dict[str, list[int]] = {}     # char -> [ordinal, first position, ...]
    pairs: dict[str, list] = {}          # pair -> [(ordinal, [positions]), ...]
    for ordinal, space in enumerate(spaces):
        seen: dict[str, int] = {}
        at: dict[str, list[int]] = {}
        for offset, f in space:
            for i, ch in enumerate(f):
                seen.setdefault(ch, offset + i)
                if i + 1 < len(f):
                    at.setdefault(f[i:i + 2], []).append(offset + i)
        for ch, p in seen.items():
            first.setdefault(ch, []).extend((ordinal, p))
        for g, ps in at.items():
            pairs.setdefault(g, []).append((ordinal, ps))

    encoded: dict[str, list[int]] = {}
    for ch, flat in first.items():
        out, last = [], 0
        for k in range(0, len(flat), 2):
            out += (flat[k] - last, flat[k + 1])
            last = flat[k]
        encoded[ch] = out
    for g, entries in pairs.items():
        out, last = [], 0
        for ordinal, ps in entries:
            out += (ordinal - last, len(ps), *_deltas(ps))
            last = ordinal
        encoded[g] = out

    raw = sum(len(g.encode()) + 4 + len(_dump(v)) for g, v in encoded.items())
    nbuckets = max(1, math.ceil(raw / BUCKET_BYTES))
    buckets: list[dict] = [{} for _ in range(nbuckets)]
    for g in sorted(encoded):
        buckets[bucket_of(g, nbuckets)][g] = encoded[g]
    files: dict[str, object] = {f"g/{k}.json": b for k, b in enumerate(buckets)}

    starts, size = [], CHUNK_BYTES
    for ordinal, rec in enumerate(compact):
        n = len(_dump(rec))
        if size + n > CHUNK_BYTES and (not starts or ordinal > starts[-1]):
            starts.append(ordinal)
            size = 0
        size += n
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(compact)
        files[f"r/{k}.json"] = compact[start:end]

    for k, text in enumerate(blocks):
        files[f"t/{k}.json"] = text

    for name, key in (("units", "U"), ("officials", "L")):
        lists: dict[str, list[int]] = {}
        for ordinal, rec in enumerate(compact):
            for v in rec[key]:
                lists.setdefault(v, []).append(ordinal)
        files[f"f/{name}.json"] = {v: _deltas(ids) for v, ids in sorted(lists.items())}

    def ranked(counter: Counter) -> list[str]:
        return [name for name, _ in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))]

    meta = {
        "format": 2, "count": len(compact), "buckets": nbuckets, "chunks": starts, "block": BLOCK, "docs": docs,
        "jurisdictions": ranked(Counter(d["jurisdiction"] for d in docs if d["jurisdiction"])),
        "years": sorted({d["year"] for d in docs if d["year"]}, reverse=True),
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
    meta = files["meta.json"]
    page = content_dir / "search" / "index.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(SEARCH_PAGE.replace("@BUCKETS@", str(meta["buckets"])).replace("@V@", meta["v"]),
                    encoding="utf-8")
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

<div id="gb-search" class="gb-search" data-buckets="@BUCKETS@" data-v="@V@">
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
<script async src="../assets/search/gb-search.js"></script>
"""


# ---------------------------------------------------------------- searching

@lru_cache(maxsize=4096)
def _load(path: str, mtime: float) -> object:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _json(path: Path) -> object:
    return _load(str(path), path.stat().st_mtime)


def _undelta(deltas: list[int]) -> list[int]:
    out, acc = [], 0
    for d in deltas:
        acc += d
        out.append(acc)
    return out


def _pair_positions(flat: list[int]) -> dict[int, list[int]]:
    """Decode a pair's postings to {ordinal: [positions]}."""
    out, i, ordinal = {}, 0, 0
    while i < len(flat):
        ordinal += flat[i]
        n = flat[i + 1]
        out[ordinal] = _undelta(flat[i + 2:i + 2 + n])
        i += 2 + n
    return out


def _term_matches(index_dir: Path, meta: dict, word: str) -> dict[int, int]:
    """{ordinal: best field weight} of the records containing `word`."""
    docs = meta["docs"]
    starts = [d["start"] for d in docs]

    def weight(ordinal: int, position: int) -> int:
        d = docs[bisect.bisect_right(starts, ordinal) - 1]
        body = d["doc"] and ordinal == d["start"] and d["body"] is not None and position >= d["body"]
        return BODY if body else HEAD

    def postings(gram: str) -> list[int]:
        return _json(index_dir / "g" / f"{bucket_of(gram, meta['buckets'])}.json").get(gram, [])

    best: dict[int, int] = {}
    grams = term_grams(word)
    if len(grams[0]) == 1:
        flat, ordinal = postings(word), 0
        for k in range(0, len(flat), 2):
            ordinal += flat[k]
            best[ordinal] = weight(ordinal, flat[k + 1])
    else:
        decoded = [_pair_positions(postings(g)) for g in dict.fromkeys(grams)]
        by_gram = dict(zip(dict.fromkeys(grams), decoded))
        common = set.intersection(*(set(d) for d in decoded))
        for ordinal in sorted(common):
            found = set(by_gram[grams[0]][ordinal])
            for i, g in enumerate(grams[1:], 1):
                found &= {p - i for p in by_gram[g][ordinal]}
            if found:
                best[ordinal] = weight(ordinal, min(found))
    for d in docs:
        if word in fold(d["doc_number"]):
            for ordinal in range(d["start"], d["end"]):
                best[ordinal] = max(best.get(ordinal, 0), NUMBER)
    return best


def search(index_dir: Path, query: str, filters: dict | None = None) -> list[str]:
    """Ids of the matching records, best first (the JS runs the same steps).

    index_dir holds meta.json; filters may have jurisdiction, year, document
    (id), kind (task|document), unit, official.  An empty query with filters
    lists every record passing the filters; with neither it finds nothing.
    """
    index_dir = Path(index_dir)
    meta = _json(index_dir / "meta.json")
    filters = {k: str(v) for k, v in (filters or {}).items() if v not in (None, "")}
    words = terms(query)
    if not words and not filters:
        return []

    allowed: set[int] = set()
    for d in meta["docs"]:
        if (filters.get("jurisdiction", d["jurisdiction"]) != d["jurisdiction"]
                or filters.get("year", str(d["year"])) != str(d["year"])
                or filters.get("document", d["id"]) != d["id"]):
            continue
        first = d["start"] + 1 if d["doc"] else d["start"]
        if filters.get("kind") != "task" and d["doc"]:
            allowed.add(d["start"])
        if filters.get("kind") != "document":
            allowed.update(range(first, d["end"]))
    for key, name in (("unit", "units"), ("official", "officials")):
        if key in filters:
            allowed &= set(_undelta(_json(index_dir / "f" / f"{name}.json").get(filters[key], [])))

    scores = {o: 0 for o in allowed}
    for word in words:
        matches = _term_matches(index_dir, meta, word)
        scores = {o: s + matches[o] for o, s in scores.items() if o in matches}
    hits = sorted(scores, key=lambda o: (-scores[o], o))
    chunks = meta["chunks"]
    ids = []
    for o in hits:
        k = bisect.bisect_right(chunks, o) - 1
        ids.append(_json(index_dir / "r" / f"{k}.json")[o - chunks[k]]["i"])
    return ids
