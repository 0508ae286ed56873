"""Searching through the page, as a person would, and reading what it lists."""

import re
from html import unescape

from django.urls import reverse

_RESULT = re.compile(
    r'<li class="card search-result">\s*<p class="result-head"><span class="tag">([^<]*)</span>'
    r' <a href="([^"]*)">([^<]*)</a>(.*?)</li>',
    re.S,
)
_SNIPPET = re.compile(r'<p class="snippet">(.*?)</p>', re.S)


class Found(list):
    """The results of one search page: ``[(kind, title, url)]`` plus the raw HTML."""

    html = ""
    snippets = ()

    @property
    def titles(self):
        return [title for _, title, _ in self]


def search(client, q, **params):
    response = client.get(reverse("search:search"), {"q": q, **params})
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    found = Found()
    snippets = []
    for kind, url, title, rest in _RESULT.findall(html):
        found.append((kind.lower(), unescape(title), unescape(url)))
        snippet = _SNIPPET.search(rest)
        snippets.append(snippet.group(1) if snippet else "")
    found.html, found.snippets = html, snippets
    return found
