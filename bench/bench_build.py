"""Benchmark: the whole build on the gazettes, per pass, and the site at scale.

    python bench/bench_build.py                    # the five gazettes, three runs
    python bench/bench_build.py --scale 10         # the same documents copied 10 times under new numbers
    python bench/bench_build.py --scale 40 --grow  # then a 41st copy added and built again (from the cache)
    python bench/bench_build.py --mkdocs           # and a bare `mkdocs build` of the same pages beside it

Each run builds a fresh copy of the repository without the parse cache (a full build), prints seconds
per pass (parse, records, pages, render), pages, tasks, the parse speed (MB of gazette text a second of
parse) and peak memory (the largest resident size of this process or of a worker).  ``--grow`` then
adds one more copy and builds again as a user would (cache and last site kept) and prints that
build's time as a share of the full build's.  ``--mkdocs`` runs a bare ``mkdocs build`` of the
generated content/ right after each full build, in this process as the build's render does, and
prints the ratio of the full build to it.
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from conftest import ROOT, make_repo  # noqa: E402

from gongbao import cli  # noqa: E402
from gongbao.cli import build  # noqa: E402
from gongbao.pipeline import Paths  # noqa: E402


def copy_text(text: str, k: int) -> str:
    """A gazette's text with the year printed in 〔〕 (or []) moved back k years: new document numbers."""
    text = re.sub(r"〔(\d{4})〕", lambda m: f"〔{int(m.group(1)) - k}〕", text)
    return re.sub(r"\[(\d{4})\]", lambda m: f"[{int(m.group(1)) - k}]", text)


def add_copy(repo: Path, k: int) -> None:
    for p in sorted((ROOT / "data" / "gazettes").glob("*.txt")):
        (repo / "data" / "gazettes" / f"{p.stem}_x{k}.txt").write_text(
            copy_text(p.read_text(encoding="utf-8"), k), encoding="utf-8")


def scaled_repo(dest: Path, copies: int) -> Path:
    """Each gazette copied under new document numbers (the year printed in 〔〕 moved back k years)."""
    repo = make_repo(dest)
    for k in range(1, copies):
        add_copy(repo, k)
    return repo


def cpu() -> float:
    """CPU seconds of this process and its reaped children (parse workers): unlike wall time,
    what other jobs on the machine do does not change it much."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


_parse_cpu: list[float] = []


def _timed_parse(*args, **kwargs):
    c = cpu()
    try:
        return _parse(*args, **kwargs)
    finally:
        _parse_cpu.append(cpu() - c)


_parse = cli.parse
cli.parse = _timed_parse  # the build's parse pass, with its CPU time kept


def peak_mb() -> float:
    return max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024


def bare_mkdocs(root: Path) -> float:
    """Seconds of a bare `mkdocs build` of root's content/ into a scratch folder."""
    import logging

    from mkdocs.commands.build import build as mk_build
    from mkdocs.config import load_config

    out = Path(tempfile.mkdtemp(prefix="bare-site."))
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        t = time.perf_counter()
        mk_build(load_config(str(root / "mkdocs.yml"), site_dir=str(out), strict=True))
        return time.perf_counter() - t
    finally:
        shutil.rmtree(out, ignore_errors=True)


def line(label: str, times: dict, counts: dict, cpu_s: float) -> str:
    parse = counts["parse"]
    pages = counts["render"]["pages"] if counts.get("render") else 0
    recs = counts["records"]
    mb = parse["bytes"] / 1e6
    speed = (f"{mb / times['parse']:.2f} MB/s wall, {mb / _parse_cpu[-1]:.2f} MB/s a CPU second ({mb:.2f} MB)"
             if parse["parsed"] else "none parsed")
    return (f"{label}: {pages} pages, {recs['documents']} documents, {recs['tasks']} tasks; "
            + ", ".join(f"{k} {v:.2f}s" for k, v in times.items())
            + f"; CPU {cpu_s:.1f}s (parse {_parse_cpu[-1]:.1f}s)"
            + f"; parse {speed}; {parse['parsed']} gazettes parsed, {parse['cached']} cached"
            + (f"; {counts['render']['rendered']} pages rendered" if counts.get("render", {}).get("incremental")
               else "")
            + f"; peak RSS {peak_mb():.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=int, default=1)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--grow", action="store_true", help="then add one more copy and build again")
    ap.add_argument("--mkdocs", action="store_true", help="a bare mkdocs build of the same pages beside each run")
    args = ap.parse_args()
    ratios = []
    for run in range(args.runs if args.scale == 1 else 1):
        tmp = Path(tempfile.mkdtemp())
        try:
            paths = Paths(scaled_repo(tmp / "repo", args.scale))
            counts: dict = {}
            c = cpu()
            times = build(paths, quiet=True, jobs=args.jobs, cache=False, counts=counts)
            full_cpu = cpu() - c
            print(line(f"run {run + 1}: scale {args.scale}, full build", times, counts, full_cpu), flush=True)
            if args.mkdocs:
                c2 = cpu()
                bare = bare_mkdocs(paths.root)
                bare_cpu = cpu() - c2
                ratios.append((times["total"] / bare, full_cpu / bare_cpu))
                print(f"run {run + 1}: bare mkdocs build of the same pages {bare:.2f}s (CPU {bare_cpu:.1f}s); "
                      f"gongbao build / mkdocs build = {ratios[-1][0]:.2f} wall, {ratios[-1][1]:.2f} CPU", flush=True)
            if args.grow:
                add_copy(paths.root, args.scale)
                counts2: dict = {}
                c2 = cpu()
                times2 = build(paths, quiet=True, jobs=args.jobs, counts=counts2)
                print(line(f"run {run + 1}: scale {args.scale}, then copy {args.scale + 1} added", times2,
                           counts2, cpu() - c2) + f"; {100 * times2['total'] / times['total']:.1f}% of the full "
                      f"build's wall time", flush=True)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    if len(ratios) > 1:
        print(f"median gongbao build / mkdocs build: {statistics.median(r[0] for r in ratios):.2f} wall, "
              f"{statistics.median(r[1] for r in ratios):.2f} CPU")


if __name__ == "__main__":
    main()
