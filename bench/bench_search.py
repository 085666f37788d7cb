"""Benchmark of the site search: index build time, index size, time to first result.

    python bench/bench_search.py [--tasks 100000] [--skip-browser]

For the fixture records (tests/fixtures/search/records.json, or the export in
GONGBAO_SEARCH_RECORDS) and for a synthetic corpus of --tasks tasks made by
recombining the fixture's task clauses, units and places (fixed seed), it
prints: write_search time, raw and gzip size of the whole index, and, in
chromium (/usr/bin/chromium), the time from navigation start to the rendered
results of search/?q=… in a fresh browser context (cold HTTP cache), with the
bytes (raw and gzip) of the index files that query fetched; each time is the
median of three runs.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from gongbao.search import search, write_search  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "search" / "records.json"
QUERIES = ["发改局", "高标准农田", "县", "S307", "5000万元", "发改局 交通", "桃政发〔2026〕1号", "不存在的词语组合"]


def synthetic(base: list[dict], n_tasks: int, seed: int = 20260224) -> list[dict]:
    """n_tasks tasks in documents of 50-300 tasks, recombined from the base tasks."""
    rnd = random.Random(seed)
    tasks = [r for r in base if r["kind"] == "task"]
    clauses = sorted({c for r in tasks for c in re.split(r"(?<=[，。；])", r["text"]) if len(c) > 4})
    units = sorted({u for r in tasks for u in r["units"]})
    places = sorted({m for r in base for m in re.findall(r"[\u4e00-\u9fff]{2}(?:镇|乡|街道|村|片区)", r["text"])})
    surnames, given = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐", "建国华平明军伟芳敏静丽强磊洋勇艳杰涛超秀英兰"
    people = sorted({rnd.choice(surnames) + "".join(rnd.sample(given, rnd.choice((1, 2)))) for _ in range(2000)})
    heads = "桃沅澧湘资汨临岳衡邵娄益常郴永怀吉张浏宁望醴攸茶炎安"
    tails = "源江陵阴乡罗湘阳山东化县溪州城平水都溆辰泸凤龙保古永"
    counties = sorted({rnd.choice(heads) + rnd.choice(tails) + rnd.choice("县市") for _ in range(200)})[:60]
    records: list[dict] = []
    serial = 0
    while serial < n_tasks:
        county = rnd.choice(counties)
        year = rnd.randint(2019, 2026)
        prefix = county[:1] + rnd.choice(("政发", "政办发", "办发", "政办函"))
        num = rnd.randint(1, 99)
        doc_number = f"{prefix}〔{year}〕{num}号"
        doc_id = f"syn{len(records)}-{year}-{num}"
        title = f"{county}人民政府关于印发《{year}年{county}{rnd.choice(['重点工作任务', '工作责任清单', '实施方案'])}》的通知"
        records.append({"kind": "document", "id": doc_id, "url": f"documents/{doc_id}/", "jurisdiction": county,
                        "doc_number": doc_number, "title": title, "issuers": [county + "人民政府"],
                        "date": f"{year}-0{rnd.randint(1, 9)}-1{rnd.randint(0, 9)}", "year": year,
                        "text": title + "".join(rnd.sample(clauses, 8))})
        for k in range(1, min(rnd.randint(50, 300), n_tasks - serial) + 1):
            text = "".join(rnd.sample(clauses, rnd.randint(1, 3)))
            if places and rnd.random() < 0.3:
                text = rnd.choice(places) + text
            if rnd.random() < 0.2:
                text += f"完成投资{rnd.randint(1, 9999)}万元。"
            unit = [county[:2] + u if rnd.random() < 0.2 else u for u in rnd.sample(units, rnd.randint(1, 4))]
            records.append({"kind": "task", "id": f"{doc_id}/{k}", "url": f"tasks/{doc_id}/{k}/",
                            "jurisdiction": county, "doc_number": doc_number, "document_title": title,
                            "number": str(k), "section": "", "text": text, "lead_units": unit[:1],
                            "cooperating_units": unit[1:], "units": unit, "others": [],
                            "leaders": rnd.sample(people, rnd.randint(0, 2)), "deadline": None, "year": year})
            serial += 1
    return records


def build(records: list[dict], tmp: Path) -> tuple[Path, dict, float]:
    docs, site = tmp / "docs", tmp / "site"
    t = time.perf_counter()
    stats = write_search(records, docs)
    seconds = time.perf_counter() - t
    (docs / "index.md").write_text("# 公报\n", encoding="utf-8")
    config = {"site_name": "bench", "docs_dir": str(docs), "site_dir": str(site),
              "theme": {"name": "material", "custom_dir": str(ROOT / "overrides"), "font": False, "language": "zh"},
              "plugins": [], "nav": [{"首页": "index.md"}, {"搜索": "search/index.md"}]}
    (tmp / "mkdocs.yml").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(tmp / "mkdocs.yml")],
                   check=True, capture_output=True)
    return site, stats, seconds


def first_results(site: Path, queries: list[str], repeat: int = 3) -> list[dict]:
    """Per query, the median over `repeat` cold-cache page loads."""
    runs = [_first_results(site, queries) for _ in range(repeat)]
    out = []
    for rows in zip(*runs):
        row = dict(rows[0])
        for key in ("ms_since_navigation", "ms_search"):
            row[key] = statistics.median(r[key] for r in rows)
        out.append(row)
    return out


def _first_results(site: Path, queries: list[str]) -> list[dict]:
    from browser import chromium, serve

    out = []
    with serve(site, "/archive/") as base, chromium() as context:
        warm = context.new_page()          # start the browser's own machinery once
        warm.goto(base)
        warm.close()
        for q in queries:
            page = context.new_page()
            context.new_cdp_session(page).send("Network.clearBrowserCache")  # a first visit
            fetched: list[str] = []
            page.on("requestfinished", lambda r: fetched.append(r.url))
            page.goto(base + "search/?q=" + quote(q))
            page.wait_for_function("window.gbSearch", timeout=120_000)
            result = page.evaluate("window.gbSearch")
            raw = gz = 0
            for url in fetched:
                path = unquote(urlparse(url).path)
                if "/assets/search/data/" in path:
                    data = (site / path[len("/archive/"):]).read_bytes()
                    raw += len(data)
                    gz += len(gzip.compress(data, 6, mtime=0))
            out.append({"query": q, "hits": result["count"], "ms_since_navigation": round(result["sinceNavigation"]),
                        "ms_search": round(result["ms"]), "fetched_raw": raw, "fetched_gzip": gz})
            page.close()
    return out


def python_times(index: Path, queries: list[str]) -> dict[str, float]:
    out = {}
    for q in queries:
        t = time.perf_counter()
        search(index, q)
        out[q] = round((time.perf_counter() - t) * 1000)
    return out


def report(name: str, records: list[dict], skip_browser: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site, stats, seconds = build(records, Path(tmp))
        print(f"\n## {name}: {stats['tasks']} tasks, {stats['documents']} documents")
        print(f"index build (write_search): {seconds:.2f} s")
        print(f"index size: {stats['raw_bytes'] / 1e6:.2f} MB raw, {stats['gzip_bytes'] / 1e6:.2f} MB gzip, "
              f"{stats['files']} files ({stats['buckets']} posting buckets, {stats['chunks']} record chunks)")
        index = site / "assets" / "search" / "data"
        meta = index / "meta.json"
        print(f"meta.json: {meta.stat().st_size / 1e3:.0f} kB raw, "
              f"{len(gzip.compress(meta.read_bytes(), 6)) / 1e3:.0f} kB gzip")
        queries = QUERIES + [r["doc_number"] for r in records[-1:]]
        if not skip_browser:
            rows = first_results(site, queries)
            print("| query | hits | navigation→results ms | search ms | fetched raw kB | fetched gzip kB |")
            print("|---|---:|---:|---:|---:|---:|")
            for r in rows:
                print(f"| {r['query']} | {r['hits']} | {r['ms_since_navigation']} | {r['ms_search']} | "
                      f"{r['fetched_raw'] / 1e3:.0f} | {r['fetched_gzip'] / 1e3:.0f} |")
            print(f"median navigation→results: {statistics.median(r['ms_since_navigation'] for r in rows)} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--skip-browser", action="store_true")
    args = parser.parse_args()
    import os
    base = json.loads(Path(os.environ.get("GONGBAO_SEARCH_RECORDS") or FIXTURE).read_text(encoding="utf-8"))
    report("fixture (five gazettes)", base, args.skip_browser)
    if args.tasks:
        t = time.perf_counter()
        records = synthetic(base, args.tasks)
        print(f"\n(synthetic corpus generated in {time.perf_counter() - t:.1f} s)")
        report(f"synthetic {args.tasks}", records, args.skip_browser)


if __name__ == "__main__":
    main()
