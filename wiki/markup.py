"""Wiki Markdown: the project's one markup function plus the ``[[wiki link]]`` syntax.

* ``[[Page title]]`` or ``[[path/to/page]]`` links to a page of the same container;
* ``[[target|label]]`` shows ``label`` instead (in a table cell write ``[[target\\|label]]``);
* a target that matches no page becomes a "create this page" link;
* ``[[doc:42]]`` links to document 42's permanent latest-version URL (the documents
  app's ``documents:document_permalink``); without the documents app it is plain text.

Targets are resolved before rendering by a ``find_pages`` function the caller passes
(``wiki.models.render_page_markdown`` passes its one query), so this module needs no
model. Whatever the extension emits still passes through the sanitiser inside
``render_markdown_with_toc``.
"""

import re
import xml.etree.ElementTree as etree  # noqa: S405 - builds elements, parses nothing
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import NoReverseMatch
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

from alliance_hub.markup import render_markdown_with_toc
from alliance_hub.reversing import reverse

from .paths import is_valid_path, normalise_path

# The label separator may be escaped (``[[page\|label]]``) inside a table cell.
WIKI_LINK_RE = r"\[\[([^\[\]|\n]{1,300}?)(?:\\?\|([^\[\]\n]{1,300}))?\]\]"
DOC_TARGET_RE = re.compile(r"doc:\s*([0-9]{1,12})", re.IGNORECASE)


# (container, normalised paths, lower-case titles) -> ({path: title} of the pages found,
# {old path: title} of moved pages whose old path was asked for)
FindPages = Callable[[object, set[str], set[str]], tuple[Iterable[tuple[str, str]], dict]]


@dataclass(frozen=True)
class ResolvedLink:
    href: str
    label: str
    css_class: str


class LinkResolver:
    """Resolves wiki-link targets within one container, looked up all at once."""

    def __init__(self, container, text, find_pages: FindPages):
        self.container = container
        self.paths = {}  # normalised path -> page title
        self.titles = {}  # lower-case title -> page path
        self.targets = set()  # paths linked to, existing or not (for "what links here")
        self._load(_wiki_link_targets(text), find_pages)

    def _load(self, targets, find_pages):
        wanted = [t for t in targets if not DOC_TARGET_RE.fullmatch(t.strip())]
        if not wanted or self.container is None:
            return
        paths = {normalise_path(t) for t in wanted}
        titles = {t.strip().lower() for t in wanted}
        rows, moved = find_pages(self.container, paths, titles)
        for path, title in rows:
            self.paths[path] = title
            self.titles.setdefault(title.lower(), path)
        # A moved page's old path still works (it redirects), so links to it are not "missing".
        self.paths.update(moved)

    def resolve(self, target, label):
        target = target.strip()
        label = (label or "").strip()
        doc = DOC_TARGET_RE.fullmatch(target)
        if doc:
            return self._document(int(doc.group(1)), label)
        path = self.titles.get(target.lower()) or normalise_path(target)
        if self.container is None or not is_valid_path(path):
            return None
        self.targets.add(path)
        page_url = reverse("wiki:page_detail", args=[self.container, path])
        if path in self.paths:
            return ResolvedLink(page_url, label or self.paths[path], "wiki-link")
        create_url = reverse("wiki:page_create", args=[self.container])
        query = urlencode({"path": path, "title": target if "/" not in target else ""})
        return ResolvedLink(f"{create_url}?{query}", label or target, "wiki-link wiki-missing")

    @staticmethod
    def _document(pk, label):
        try:
            url = reverse("documents:document_permalink", args=[pk])
        except NoReverseMatch:
            return None
        return ResolvedLink(url, label or f"Document {pk}", "wiki-link wiki-doc")


class WikiLinkProcessor(InlineProcessor):
    def __init__(self, pattern, md, resolver):
        super().__init__(pattern, md)
        self.resolver = resolver

    def handleMatch(self, m, data):  # noqa: N802 - Markdown's API
        target, label = m.group(1), m.group(2)
        link = self.resolver.resolve(target, label) if self.resolver else None
        if link is None:
            # Unresolvable (e.g. a document link before the documents app exists): plain text.
            return (label or target).strip(), m.start(0), m.end(0)
        element = etree.Element("a")
        element.set("href", link.href)
        element.set("class", link.css_class)
        if "wiki-missing" in link.css_class:
            element.set("title", "This page does not exist yet: create this page")
        element.text = AtomicString(link.label)
        return element, m.start(0), m.end(0)


class WikiLinkExtension(Extension):
    def __init__(self, resolver, **kwargs):
        self.resolver = resolver
        super().__init__(**kwargs)

    def extendMarkdown(self, md):  # noqa: N802 - Markdown's API
        # Above backslash escapes (180), links (160) and references (170), so [[x]] is never
        # read as [x] and an escaped \| stays a separator; below code spans (190), so
        # `[[x]]` stays code.
        md.inlinePatterns.register(
            WikiLinkProcessor(WIKI_LINK_RE, md, self.resolver), "wiki_link", 185
        )


def _wiki_link_targets(text):
    return {m.group(1) for m in re.finditer(WIKI_LINK_RE, text or "")}


def render_wiki_markdown(text, *, container, find_pages: FindPages):
    """Render a page body: ``(body_html, toc_html, policy_version, linked_paths)``,
    resolving its wiki links with ``find_pages``."""
    resolver = LinkResolver(container, text, find_pages)
    html, toc, version = render_markdown_with_toc(text, extensions=[WikiLinkExtension(resolver)])
    if "<li" not in toc:
        toc = ""  # no headings: no table of contents
    return html, toc, version, resolver.targets
