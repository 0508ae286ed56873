"""The one way user-written Markdown becomes HTML: Markdown, then nh3 with an allow-list.

Rendered once when content is saved; the result is stored together with
``POLICY_VERSION``. Raise the version whenever the allow-list or the Markdown
setup changes, and run ``manage.py rerender_markup`` to refresh stored HTML.
Templates never render Markdown; ``|safe`` is used only on fields this returns.

Why nh3 and not bleach: bleach ended maintenance on 2026-06-05 and gets no more
security fixes; nh3 wraps the maintained Rust sanitiser ammonia (and is ~20x faster).
"""

import markdown
import nh3

POLICY_VERSION = 2  # 2: mentions link to the person's profile

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt",
    "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "input", "kbd", "li", "mark",
    "ol", "p", "pre", "s", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "input": {"type", "checked", "disabled"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan"},
    "ol": {"start"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

BASE_EXTENSIONS = ["tables", "fenced_code", "sane_lists", "toc", "pymdownx.tasklist"]
BASE_EXTENSION_CONFIGS = {
    "toc": {"permalink": False, "toc_depth": "2-4"},
    "pymdownx.tasklist": {"custom_checkbox": False},
}


def sanitise_html(html):
    """Keep only allow-listed tags, attributes and URL schemes; links get rel=noopener."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
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
