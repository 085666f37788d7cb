"""Helpers for browser tests: a static server under a sub-path and Debian's chromium.

    from browser import serve, chromium, require_chromium

    require_chromium()                      # skip (or fail under CI) without /usr/bin/chromium
    with serve(site_dir, "/archive/") as base, chromium() as context:
        page = context.new_page()
        page.goto(base + "search/?q=发改局")

`serve` serves a directory with http.server on 127.0.0.1 (a free port) under
a sub-path, so the site is tested as it runs on a static host below /archive/.
`chromium` launches Playwright's chromium from /usr/bin/chromium with a fresh
user-data-dir and yields a BrowserContext (grant permissions on it if needed).
"""
from __future__ import annotations

import functools
import os
import tempfile
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def require_chromium() -> None:
    """Skip the calling test without chromium, unless CI is set: then fail."""
    import pytest

    if Path(CHROMIUM).exists():
        return
    reason = f"{CHROMIUM} is missing (apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(reason + "; browser tests must run under CI")
    pytest.skip(reason)


class _SubPathHandler(SimpleHTTPRequestHandler):
    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "\0missing")  # 404 outside the sub-path
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, format: str, *args) -> None:  # keep test output clean
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)  # a page closed mid-download is normal


@contextmanager
def serve(directory: Path, prefix: str = "/archive/") -> Iterator[str]:
    """Serve `directory` at http://127.0.0.1:<free port><prefix>; yields that base URL."""
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    handler = type("Handler", (_SubPathHandler,), {"prefix": prefix})
    server = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium(**context_options) -> Iterator["object"]:
    """A Playwright BrowserContext of /usr/bin/chromium with a fresh profile."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="gb-chromium-") as profile, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, **context_options)
        try:
            yield context
        finally:
            context.close()
