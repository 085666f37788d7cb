"""`gongbao serve` serves the built site on 127.0.0.1 like a plain static host; site_url gives canonical links."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

from conftest import make_repo, ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_serves_the_site(built, records):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "gongbao.cli", "--root", str(built.root), "serve", "--no-build",
                             "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 20
        while True:
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/tasks/{records.tasks[0].id}/", timeout=5)
                break
            except OSError:
                if time.time() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.2)
        assert page.status == 200
        assert records.tasks[0].text[:20] in page.read().decode("utf-8")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_site_url_gives_canonical_links_sitemap_and_absolute_feeds(tmp_path):
    from gongbao.cli import build
    from gongbao.pipeline import Paths

    repo = make_repo(tmp_path / "r", gazettes=sorted((ROOT / "data" / "gazettes").glob("000_*.txt")))
    cfg = repo / "mkdocs.yml"
    cfg.write_text("site_url: https://example.org/archive/\n" + cfg.read_text(encoding="utf-8"), encoding="utf-8")
    paths = Paths(repo)
    build(paths, quiet=True)
    html = next((paths.site / "tasks").rglob("index.html")).read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/archive/tasks/' in html
    assert "https://example.org/archive/" in (paths.site / "sitemap.xml").read_text(encoding="utf-8")
    feed = next((paths.site / "feeds").glob("*.xml")).read_text(encoding="utf-8")
    assert 'href="https://example.org/archive/documents/' in feed
