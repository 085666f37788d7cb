"""The `gongbao` command: build, serve, export, report, check."""
from __future__ import annotations

import argparse
import functools
import http.server
import sys
import time
from pathlib import Path

from . import export
from .pipeline import Paths, find_root, parse, record_files, report, write
from .read import InputError
from .records import load_records
from .render import RenderError
from .schema import SchemaError


def build(paths: Paths, render_site: bool = True, quiet: bool = False) -> dict:
    """The whole pipeline; returns timings in seconds."""
    from .pages import write_pages
    from .downloads import publish_files
    from .feeds import feed_files
    from .search import write_search
    from .render import render

    say = (lambda *a: None) if quiet else (lambda *a: print(*a, file=sys.stderr))
    times = {}
    t0 = time.perf_counter()
    parsed = parse(paths)
    status = parsed.status
    times["parse"] = time.perf_counter() - t0
    recs = parsed.records
    say(f"parsed {len(recs.gazettes)} gazettes, {len(recs.documents)} documents, "
        f"{len(recs.tasks)} tasks, {len(recs.units)} units, {len(recs.people)} officials")
    t = time.perf_counter()
    write(parsed, paths)
    times["records"] = time.perf_counter() - t
    t = time.perf_counter()
    rep = report(parsed)
    extra = publish_files(recs, status, paths, rep)
    extra.update(feed_files(recs, site_url(paths)))
    write_pages(recs, paths.content, status, extra, rep)
    search_rows = export.search_rows(recs)
    say(f"search index: {write_search(search_rows, paths.content)}")
    times["pages"] = time.perf_counter() - t
    if render_site:
        t = time.perf_counter()
        render(paths.root, paths.site, date=max((d.date for d in recs.documents if d.date), default=None))
        times["render"] = time.perf_counter() - t
        say(f"site written to {paths.site}")
    times["total"] = time.perf_counter() - t0
    say("timings: " + ", ".join(f"{k} {v:.1f}s" for k, v in times.items()))
    return times


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
    parsed = parse(paths)
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
            build(paths, render_site=not args.no_render)
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
