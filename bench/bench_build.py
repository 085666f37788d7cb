"""Benchmark: the whole build on the gazettes, per pass, and the site at scale.

    python bench/bench_build.py            # the five gazettes, three runs
    python bench/bench_build.py --scale 10 # the same documents copied 10 times under new numbers

Prints seconds per pass (parse, records, pages, render), pages rendered and peak memory.
"""
from __future__ import annotations

import argparse
import re
import resource
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from conftest import ROOT, make_repo  # noqa: E402

from gongbao.cli import build  # noqa: E402
from gongbao.pipeline import Paths  # noqa: E402


def scaled_repo(dest: Path, copies: int) -> Path:
    """Each gazette copied under new document numbers (the year printed in 〔〕 moved back k years)."""
    repo = make_repo(dest)
    src = sorted((ROOT / "data" / "gazettes").glob("*.txt"))
    for k in range(1, copies):
        for p in src:
            text = p.read_text(encoding="utf-8")
            text = re.sub(r"〔(\d{4})〕", lambda m: f"〔{int(m.group(1)) - k}〕", text)
            text = re.sub(r"\[(\d{4})\]", lambda m: f"[{int(m.group(1)) - k}]", text)
            (repo / "data" / "gazettes" / f"{p.stem}_x{k}.txt").write_text(text, encoding="utf-8")
    return repo


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=int, default=1)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    for run in range(args.runs if args.scale == 1 else 1):
        tmp = Path(tempfile.mkdtemp())
        try:
            paths = Paths(scaled_repo(tmp / "repo", args.scale))
            times = build(paths, quiet=True)
            pages = sum(1 for _ in paths.site.rglob("index.html"))
            print(f"run {run + 1}: scale {args.scale}: {pages} pages; "
                  + ", ".join(f"{k} {v:.2f}s" for k, v in times.items())
                  + f"; {1000 * times.get('render', 0) / max(pages, 1):.1f} ms/page rendered"
                  + f"; peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
