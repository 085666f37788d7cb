"""Browser test: 复制引用 on a task page copies a citation with the permalink (issue 7)."""
from __future__ import annotations

from browser import chromium, require_chromium, serve


def test_copy_citation_puts_citation_and_permalink_on_the_clipboard(built, records):
    require_chromium()
    task = records.tasks[0]
    doc = next(d for d in records.documents if d.id == task.document)
    with serve(built.site, "/archive/") as base, chromium() as context:
        origin = base.split("/archive/")[0]
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
        page = context.new_page()
        url = f"{base}tasks/{task.id}/"
        page.goto(url)
        page.click("button.gb-cite")
        page.wait_for_selector("button.gb-cite[data-done]")
        copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith(url)
    assert doc.jurisdiction in copied and (doc.doc_number or doc.title) in copied
    assert task.number in copied and task.text[:10] in copied
