"""The search results' HTML, built in Python with the standard library's escaping:
twenty results through the template engine (or even ``format_html``, whose lazy-string
checks run per argument) cost more than the rest of the page; see
docs/performance.md. The HTML is the one ``search/search.html`` had inline."""

from html import escape

from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.safestring import mark_safe


def result_items(results):
    """The ``<li>`` of each result of a page, as one safe string. Every value but the
    snippet (already escaped, see search.text.highlighted) is escaped here."""
    return mark_safe("\n".join(_item(result.entry, result.snippet) for result in results))  # noqa: S308


def _item(entry, snippet):
    kind = escape(entry.kind[:1].upper() + entry.kind[1:])
    link = f'<a href="{escape(entry.url)}">{escape(entry.title)}</a>'
    head = f'<span class="tag">{kind}</span> {link}'
    if entry.version:
        older = "" if entry.is_current else ", an older version"
        head += f' <span class="muted">version {entry.version}{older}</span>'
    if entry.state:
        head += f' <span class="tag result-state">{escape(entry.state)}</span>'
    body = f'<p class="snippet">{snippet}</p>\n' if snippet else ""
    if entry.text_pending:
        body += (
            f'<p class="muted pending">The text of version {entry.version} is being indexed;'
            " for now it is found by its name and details.</p>\n"
        )
    return (
        f'<li class="card search-result">\n<p class="result-head">{head}</p>\n{body}'
        f'<p class="muted result-meta">{_meta(entry)}</p>\n</li>'
    )


def _meta(entry):
    meta = escape(entry.workspace.name)
    if entry.group:
        meta += f" › {escape(entry.group.name)}"
    if entry.author and entry.kind != "person":
        meta += f" · {escape(str(entry.author))}"
    if entry.organisation:
        meta += f" · {escape(entry.organisation.name)}"
    date = timezone.localtime(entry.date)
    day = f"{date.day} {MONTHS_3[date.month].title()} {date.year}"  # the "j M Y" format
    return f'{meta} · <time datetime="{date.isoformat()}">{day}</time>'
