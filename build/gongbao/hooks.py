"""MkDocs hook (mkdocs.yml ``hooks:``): the 404 page works wherever the site is hosted.

A static server answers every missing address with 404.html, so that page cannot know its
depth; MkDocs therefore gives it links from the server root, which break under a sub-path.
Without a ``site_url`` its links are made relative instead, and overrides/404.html sets the
page's ``<base>`` to the site's root, found from the address (see there).
"""
from __future__ import annotations


def on_template_context(context, template_name, config):
    if template_name == "404.html" and not config.site_url:
        context["base_url"] = "."
    return context
