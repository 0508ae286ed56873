"""The wiki's search provider (registered in apps.py through alliance_hub.hooks)."""

import re

from .selectors import search_pages

SNIPPET_RADIUS = 80


def _plain(text):
    return re.sub(r"[#*_`>|\[\]-]+", " ", text)


def snippet_for(body, query):
    text = " ".join(_plain(body).split())
    at = text.lower().find(query.lower())
    if at < 0:
        return text[: SNIPPET_RADIUS * 2]
    start = max(at - SNIPPET_RADIUS, 0)
    prefix = "…" if start else ""
    return prefix + text[start : at + len(query) + SNIPPET_RADIUS]


def search_wiki(user, container, query):
    """Pages whose title or text contains ``query``, among those ``user`` may see."""
    query = (query or "").strip()
    if not query:
        return []
    return [
        {
            "kind": "Wiki page",
            "label": page.title,
            "url": page.get_absolute_url(),
            "snippet": snippet_for(page.body, query),
        }
        for page in search_pages(user=user, container=container, query=query)
    ]
