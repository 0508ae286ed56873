"""The one way user-written Markdown becomes HTML: Markdown, then nh3 with an allow-list.

Rendered once when content is saved; the result is stored together with
``POLICY_VERSION``. Raise the version whenever the allow-list or the Markdown
setup changes, and run ``manage.py rerender_markup`` to refresh stored HTML.
Templates never render Markdown; ``|safe`` is used only on fields this returns.

Why nh3 and not bleach: bleach ended maintenance on 2026-06-05 and gets no more
security fixes; nh3 wraps the maintained Rust sanitiser ammonia (and is ~20x faster).
"""

import re

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

# 2: mentions link to the person's profile
# 3: no <input> (task boxes are characters), classes only from our own vocabulary, ids
#    and in-page links prefixed, remote images shown as links (no tracking pixels)
POLICY_VERSION = 3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt",
    "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "kbd", "li", "mark",
    "ol", "p", "pre", "s", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"id", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan"},
    "ol": {"start"},
}
# The only classes user content may carry: the ones our Markdown extensions emit.
ALLOWED_CLASSES = {
    "a": {"mention", "hashtag", "wiki-link", "wiki-missing", "wiki-doc"},
    "ul": {"task-list"},
    "li": {"task-list-item"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# Ids in user content cannot collide with the page's own (id="main"): they are prefixed,
# and so are in-page links, so a table of contents still finds its headings.
ID_PREFIX = "uc-"
TASK_BOX_RE = re.compile(r'<input type="checkbox" disabled(?:="")?( checked(?:="")?)?\s*/?>')
# A URL the browser would fetch from another host: a scheme, or "//" ("/\\" alike).
REMOTE_URL_RE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|[/\\]{2})", re.IGNORECASE)


def is_remote_url(url):
    """True for a URL that leaves this site. Browsers drop tabs and newlines anywhere
    and spaces and control characters at the ends, so this does too."""
    compact = re.sub(r"^[\x00-\x20]+|[\t\n\r]", "", url or "")
    return bool(REMOTE_URL_RE.match(compact))


class _RemoteImagesAsLinks(Treeprocessor):
    """``![alt](https://elsewhere/x.png)`` becomes a link to the image: readers' browsers
    fetch nothing from another host when they open the page."""

    def run(self, root):
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "img" and is_remote_url(child.get("src", "")):
                    link = parent.makeelement("a", {"href": child.get("src", "")})
                    link.text = child.get("alt") or child.get("src", "")
                    link.tail = child.tail
                    parent.remove(child)
                    parent.insert(index, link)


class RemoteImagesAsLinks(Extension):
    def extendMarkdown(self, md):  # noqa: N802 - Markdown's API
        md.treeprocessors.register(_RemoteImagesAsLinks(md), "remote_images_as_links", 0)


BASE_EXTENSIONS = [
    "tables", "fenced_code", "sane_lists", "toc", "pymdownx.tasklist", RemoteImagesAsLinks(),
]  # fmt: skip
BASE_EXTENSION_CONFIGS = {
    "toc": {"permalink": False, "toc_depth": "2-4"},
    "pymdownx.tasklist": {"custom_checkbox": False},
}


def _prefixed(value):
    return value if value.startswith(ID_PREFIX) else ID_PREFIX + value


def _filter_attribute(tag, attribute, value):
    if attribute == "id":
        return _prefixed(value)
    if tag == "a" and attribute == "href" and value.startswith("#"):
        return "#" + _prefixed(value[1:])
    if tag == "img" and attribute == "src" and is_remote_url(value):
        return None  # raw HTML images from elsewhere are dropped (Markdown ones are links)
    return value


def _task_box(match):
    return "\u2611" if match.group(1) else "\u2610"  # ballot box with or without check


def sanitise_html(html):
    """Keep only allow-listed tags, attributes, classes and URL schemes; prefix ids;
    drop images from other hosts; links get rel=noopener."""
    return nh3.clean(
        TASK_BOX_RE.sub(_task_box, html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        attribute_filter=_filter_attribute,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def render_markdown(text, *, extensions=(), extension_configs=None):
    """Markdown -> sanitised HTML. Returns ``(html, POLICY_VERSION)``.

    ``extensions`` adds Markdown extensions (the wiki adds its link syntax);
    whatever they emit still passes the sanitiser.
    """
    md = markdown.Markdown(
        extensions=[*BASE_EXTENSIONS, *extensions],
        extension_configs={**BASE_EXTENSION_CONFIGS, **(extension_configs or {})},
        output_format="html",
    )
    return sanitise_html(md.convert(text or "")), POLICY_VERSION


def render_markdown_with_toc(text, *, extensions=(), extension_configs=None):
    """Like ``render_markdown`` but also returns the sanitised table of contents HTML."""
    md = markdown.Markdown(
        extensions=[*BASE_EXTENSIONS, *extensions],
        extension_configs={**BASE_EXTENSION_CONFIGS, **(extension_configs or {})},
        output_format="html",
    )
    html = md.convert(text or "")
    return sanitise_html(html), sanitise_html(getattr(md, "toc", "")), POLICY_VERSION
