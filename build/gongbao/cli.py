"""The `gongbao` command: build, serve, export, report, check."""
from __future__ import annotations

import argparse
import functools
import gc
import http.server
import shutil
import sys
import tempfile
import time
from pathlib import Path

from . import export
from .pipeline import Paths, find_root, parse, record_files, report, write
from .read import InputError
from .records import load_records, sync_tree
from .render import RenderError
from .schema import SchemaError


def build(paths: Paths, render_site: bool = True, quiet: bool = False, jobs: int = 1, cache: bool = True,
          counts: dict | None = None) -> dict:
    """The whole pipeline; returns timings in seconds.  ``cache=False`` builds everything afresh
    (parse, records, render) and leaves .cache/ ready for the next build.  A line per pass with its
    counts and time, and a summary at the end, go to stderr (unless ``quiet``); ``counts``, if given,
    receives them (parse: gazettes parsed and cached, pages: files written and unchanged, render:
    pages rendered)."""
    from .pages import GENERATED, write_pages
    from .downloads import publish_files
    from .feeds import feed_files
    from .search import write_search
    from .render import render

    say = (lambda *a: None) if quiet else (lambda *a: print(*a, file=sys.stderr, flush=True))
    times = {}
    t0 = time.perf_counter()
    stale = remove_stale(paths)
    if stale:
        say(f"removed {len(stale)} staging folder(s) a killed build left: {', '.join(stale)}")
    stats: dict = {}
    parsed = parse(paths, jobs=jobs, fresh=not cache, stats=stats)
    status = parsed.status
    times["parse"] = time.perf_counter() - t0
    recs = parsed.records
    say(f"parse: {stats['gazettes']} gazettes ({stats['parsed']} parsed, {stats['cached']} from the cache"
        f"{f', {jobs} jobs' if jobs > 1 else ''}), {len(recs.documents)} documents, {len(recs.tasks)} tasks, "
        f"{len(recs.units)} units, {len(recs.people)} officials in {times['parse']:.1f}s")
    t = time.perf_counter()
    write(parsed, paths, fresh=not cache)
    times["records"] = time.perf_counter() - t
    say(f"records: {len(recs.documents) + 3} files in {paths.records} in {times['records']:.1f}s")
    t = time.perf_counter()
    rep = report(parsed)
    extra = publish_files(recs, status, paths, rep)
    extra.update(feed_files(recs, site_url(paths)))
    # pages and the search index are made in a staging folder, then only the files whose bytes
    # changed are written into content/ (unchanged pages keep their time stamps)
    stage = Path(tempfile.mkdtemp(prefix=".content.", dir=paths.root))
    try:
        files = write_pages(recs, stage, status, extra, rep)
        search_rows = export.search_rows(recs)
        index = write_search(search_rows, stage)
        paths.content.mkdir(parents=True, exist_ok=True)
        synced = sync_tree(stage, paths.content, set(GENERATED))
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    times["pages"] = time.perf_counter() - t
    say(f"pages: {len(files)} files and a search index of {index['records']} records in {index['files']} "
        f"files; {synced['written']} written, {synced['unchanged']} unchanged, {synced['removed']} removed "
        f"in {paths.content}, in {times['pages']:.1f}s")
    made = {"gazettes": len(recs.gazettes), "documents": len(recs.documents), "tasks": len(recs.tasks)}
    newest = max((d.date for d in recs.documents if d.date), default=None)
    # what is written is on disk now: the records, pages and downloads need not stay in memory for mkdocs
    del parsed, recs, status, rep, extra, files, search_rows
    gc.collect()
    if render_site:
        t = time.perf_counter()
        r = render(paths.root, paths.site, date=newest, incremental=cache)
        times["render"] = time.perf_counter() - t
        done = (f"{r['rendered']} rendered, {r['pages'] - r['rendered']} unchanged since the last render"
                if r["incremental"] else "all rendered")
        say(f"render: {r['pages']} pages ({done}); site written to {paths.site} in {times['render']:.1f}s")
    times["total"] = time.perf_counter() - t0
    say("timings: " + ", ".join(f"{k} {v:.1f}s" for k, v in times.items()))
    if counts is not None:
        counts.update(parse=stats, pages=synced, render=r if render_site else None, records=made)
    return times


def remove_stale(paths: Paths) -> list[str]:
    """Remove the staging folders a killed build left (site/, data/records/ and content/ are built
    beside their target and swapped in); their names, relative to the root."""
    found = [*paths.root.glob(".site.*"), *paths.root.glob(".content.*"), *paths.knowledge.glob(".records.*"),
             *paths.content.glob(".*.old")]
    out = []
    for p in sorted(found):
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p, ignore_errors=True)
            out.append(p.relative_to(paths.root).as_posix())
    return out


def site_url(paths: Paths) -> str | None:
    """mkdocs.yml's site_url, if set (feeds then use absolute links)."""
    import yaml

    cfg = yaml.load((paths.root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader) or {}
    return cfg.get("site_url") or None


def serve(paths: Paths, port: int) -> None:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(paths.site))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as httpd:
        print(f"serving {paths.site} at http://127.0.0.1:{port}/ (Ctrl-C to stop)", file=sys.stderr)
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            pass


def check(paths: Paths) -> list[str]:
    """Re-parse and compare with the committed records; the differing files."""
    parsed = parse(paths, cache=False)  # the check parses afresh, whatever the cache holds
    files = record_files(parsed)
    differ = []
    on_disk = {p.relative_to(paths.records).as_posix() for p in paths.records.rglob("*.yml")}
    for rel, text in files.items():
        p = paths.records / rel
        if not p.exists() or p.read_text(encoding="utf-8") != text:
            differ.append(rel)
    differ += sorted(on_disk - set(files))
    return differ


def add(paths: Paths, file: Path, jurisdiction: str | None = None, url: str | None = None) -> list[str]:
    """Copy a saved page or a text into data/gazettes/ under the next free
    number (NNN_<name>), with its sidecar; parse the archive with it and
    return what the parse found in it.  On any error the copied files are
    removed again and the error is raised: nothing is half added."""
    import re

    import yaml

    from .read import GAZETTE_SUFFIXES, read_sidecar, relative

    if not file.is_file():
        raise InputError(file.as_posix(), "no such file")
    suffix = file.suffix.lower()
    if suffix not in GAZETTE_SUFFIXES:
        raise InputError(file.as_posix(), f"not a gazette the build reads ({file.suffix or 'no suffix'}); "
                                          "expected UTF-8 text (.txt) or a saved page (.html, .htm)")
    folder = paths.gazettes
    numbers = [int(m.group(1)) for p in folder.iterdir() if (m := re.match(r"(\d{3})_", p.name))]
    stem = re.sub(r"^\d{3}_", "", file.stem)
    stem = re.sub(r"[^\w.-]+", "-", stem).strip("-.") or "page"
    name = f"{max(numbers, default=-1) + 1:03d}_{stem}"
    target, sidecar = folder / (name + suffix), folder / (name + ".yml")
    meta = read_sidecar(file, file.as_posix())  # a sidecar beside the file comes along
    meta.update({k: v for k, v in (("jurisdiction", jurisdiction), ("source_url", url)) if v})
    made = []
    try:
        with open(target, "xb") as f:
            made.append(target)
            f.write(file.read_bytes())
        if meta:
            with open(sidecar, "x", encoding="utf-8") as f:
                made.append(sidecar)
                yaml.safe_dump(meta, f, allow_unicode=True, sort_keys=False)
        recs = parse(paths).records
    except BaseException:
        for p in made:
            p.unlink(missing_ok=True)
        raise
    rel = relative(target, paths.root)
    docs = [d for d in recs.documents if d.source.file == rel]
    out = [f"added {rel}" + (f" (sidecar {relative(sidecar, paths.root)})" if meta else "")]
    for d in docs:
        n = sum(1 for t in recs.tasks if t.document == d.id)
        tb = sum(1 for t in recs.tables if t.document == d.id)
        out.append(f"  {d.doc_number or '（未印发文字号）'}  {d.title}  {d.date or ''}  "
                   f"{n} tasks, {tb} tables  -> documents/{d.id}/")
    if not docs:
        out.append("  no document found in it (the file is kept; see gongbao report)")
    out.append("run `gongbao build` to publish it")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="gongbao", description="Gazettes in, website out.")
    ap.add_argument("--root", type=Path, help="repository root (default: found from the current folder)")
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="parse the gazettes, write data/records, content/ and site/")
    b.add_argument("--no-render", action="store_true", help="stop before mkdocs")
    b.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help="parse gazettes in N processes")
    b.add_argument("--no-cache", action="store_true",
                   help="parse, dump and render everything afresh (and refresh .cache/); by default a build "
                        "reuses the parse of every gazette whose inputs did not change and renders only changed pages")
    s = sub.add_parser("serve", help="build, then serve site/ on 127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--no-build", action="store_true", help="serve the last built site")
    e = sub.add_parser("export", help="print every task or document record")
    e.add_argument("what", choices=["tasks", "documents"])
    e.add_argument("--format", choices=export.FORMATS, default="jsonl")
    sub.add_parser("report", help="per document: tasks found and task-list lines no task took")
    sub.add_parser("check", help="re-parse and compare with the committed data/records")
    a = sub.add_parser("add", help="copy a saved page (.html) or a text (.txt) into data/gazettes/ and parse it")
    a.add_argument("file", type=Path)
    a.add_argument("--jurisdiction", help="地区 the gazette belongs to, e.g. 泸溪县 (written to its sidecar)")
    a.add_argument("--url", help="where the page was saved from (its sidecar's source_url)")
    args = ap.parse_args(argv)
    paths = Paths(find_root(args.root))
    try:
        if args.cmd == "build":
            build(paths, render_site=not args.no_render, jobs=max(1, args.jobs), cache=not args.no_cache)
        elif args.cmd == "serve":
            if not args.no_build:
                build(paths)
            serve(paths, args.port)
        elif args.cmd == "export":
            from .resolve import load_status
            recs = load_records(paths.records)
            status = load_status(paths.knowledge / "status.yml", recs)
            if args.what == "tasks":
                rows, fields = export.task_rows(recs, status), export.TASK_FIELDS
            else:
                rows, fields = export.document_rows(recs, export.validity(recs)), export.DOCUMENT_FIELDS
            out = export.serialise(rows, fields, args.format)
            sys.stdout.buffer.write(out.encode("utf-8"))
        elif args.cmd == "add":
            print("\n".join(add(paths, args.file, args.jurisdiction, args.url)))
        elif args.cmd == "report":
            print_report(report(parse(paths)))
        elif args.cmd == "check":
            differ = check(paths)
            if differ:
                print("a re-parse differs from the committed records in:\n  " + "\n  ".join(differ), file=sys.stderr)
                return 1
            print("the committed records are what a re-parse gives", file=sys.stderr)
    except (InputError, SchemaError) as e:
        print(f"gongbao: error: {e}", file=sys.stderr)
        print("gongbao: nothing was written; the last good data/records, content/ and site/ are kept",
              file=sys.stderr)
        return 2
    except RenderError as e:
        print(f"gongbao: error: {e}; the last good site/ is kept", file=sys.stderr)
        return 2
    return 0


def print_report(rep: dict) -> None:
    def n_lines(span: str) -> int:
        a, b = span.rsplit(":", 1)[1].split("-")
        return int(b) - int(a) + 1

    for d in rep["documents"]:
        lists = d["lists"]
        spans = [u for l in lists for u in l["unassigned_lines"]]
        print(f"{d['doc_number'] or d['document']}\t{d['tasks']} tasks\t{len(lists)} lists\t"
              f"{sum(map(n_lines, spans))} unassigned lines\t{len(d['uncertain_tasks'])} uncertain\t{d['title']}")
        for l in lists:
            for u in l["unassigned_lines"]:
                print(f"    unassigned: {u}  ({l['id']})")
        for m in d.get("document_lists", []):
            if m["mismatch"]:
                print(f"    mismatch: list {m['list']} prints {m['printed']} documents, the text states {m['stated']}")


if __name__ == "__main__":
    sys.exit(main())
