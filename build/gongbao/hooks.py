"""MkDocs hooks (mkdocs.yml ``hooks:``): generated pages render faster; the 404 page works under
any sub-path.

Generated pages (the folders of :data:`gongbao.pages.GENERATED`) are Markdown headings around
blocks of HTML that the record templates wrote and escaped.  Python-Markdown passes such blocks
through unchanged, but only after parsing every tag of them twice (its raw-HTML preprocessor and
MkDocs' anchor collector), which was half its time on these pages.  So each top-level HTML block
is set aside before Markdown runs (a placeholder comment stands in for it) and put back after,
tabs expanded as Markdown expands them: the page comes out byte for byte as without this hook
(tests/test_record_pages.py checks), and the ids of the blocks still count as the page's anchors.
Hand-written pages are left to Markdown.

The 404 page is served at any missing address, so it cannot know its depth; MkDocs therefore
gives it links from the server root, which break under a sub-path.  Without a ``site_url`` its
links are made relative instead, and overrides/404.html sets the page's ``<base>`` to the site's
root, found from the address (see there).
"""
from __future__ import annotations

import re

from gongbao.pages import GENERATED

_OPEN = re.compile(r"^<([a-z][a-z0-9]*)\b", re.M)
_TAGS: dict[str, re.Pattern] = {}
_PLACE = re.compile(r"<!--gb:(\d+)-->")
_ID = re.compile(r'\sid="([^"]+)"')


def set_aside(text: str) -> tuple[str, list[str]]:
    """Text with each top-level HTML block (from a line that opens a tag through the end of the
    line that closes it) replaced by ``<!--gb:N-->``, and the blocks.  Escaped text holds no
    ``<``, so the tags counted are the templates' own."""
    blocks: list[str] = []
    out, pos = [], 0
    for m in _OPEN.finditer(text):
        if m.start() < pos:
            continue
        tag = m.group(1)
        tags = _TAGS.get(tag) or _TAGS.setdefault(tag, re.compile(rf"<(/?){tag}\b[^>]*>"))
        depth, end = 0, None
        for t in tags.finditer(text, m.start()):
            depth += -1 if t.group(1) else 1
            if depth == 0:
                end = t.end()
                break
        if end is None:
            continue
        line_end = text.find("\n", end)
        if text[end:line_end if line_end >= 0 else len(text)].strip():
            continue  # the block does not end its line: leave it to Markdown
        out += [text[pos:m.start()], f"<!--gb:{len(blocks)}-->"]
        blocks.append(text[m.start():end])
        pos = end
    out.append(text[pos:])
    return "".join(out), blocks


def put_back(html: str, blocks: list[str]) -> str:
    return _PLACE.sub(lambda m: blocks[int(m.group(1))].expandtabs(4), html)


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri.split("/", 1)[0] not in GENERATED:
        return markdown
    text, page.gb_blocks = set_aside(markdown)
    return text


def on_page_content(html, page, config, files):
    blocks = getattr(page, "gb_blocks", None)
    if not blocks:
        return html
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= {i for b in blocks for i in _ID.findall(b)}
    return put_back(html, blocks)


def on_template_context(context, template_name, config):
    if template_name == "404.html" and not config.site_url:
        context["base_url"] = "."
    return context
