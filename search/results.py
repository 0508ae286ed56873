"""The search results' HTML, built in Python with the standard library's escaping:
twenty results through the template engine (or even ``format_html``, whose lazy-string
checks run per argument) cost more than the rest of the page; see
docs/performance.md. The HTML is the one ``search/search.html`` had inline."""

from html import escape

from django.utils.safestring import mark_safe

from alliance_hub.fragments import MONTHS, input_html, iso, local, select_html


def result_items(results):
    """The ``<li>`` of each result of a page, as one safe string. Every value but the
    snippet (already escaped, see search.text.highlighted) is escaped here."""
    return mark_safe("\n".join(_item(result) for result in results))  # noqa: S308


def _item(result):
    kind = escape(result.kind[:1].upper() + result.kind[1:])
    link = f'<a href="{escape(result.url)}">{escape(result.title)}</a>'
    head = f'<span class="tag">{kind}</span> {link}'
    if result.version:
        older = "" if result.is_current else ", an older version"
        head += f' <span class="muted">version {result.version}{older}</span>'
    if result.state:
        head += f' <span class="tag result-state">{escape(result.state)}</span>'
    body = f'<p class="snippet">{result.snippet}</p>\n' if result.snippet else ""
    if result.text_pending:
        body += (
            f'<p class="muted pending">The text of version {result.version} is being indexed;'
            " for now it is found by its name and details.</p>\n"
        )
    return (
        f'<li class="card search-result">\n<p class="result-head">{head}</p>\n{body}'
        f'<p class="muted result-meta">{_meta(result)}</p>\n</li>'
    )


def _meta(result):
    meta = escape(result.workspace_name)
    if result.group_name:
        meta += f" › {escape(result.group_name)}"
    if result.author_name and result.kind != "person":
        meta += f" · {escape(result.author_name)}"
    if result.organisation_name:
        meta += f" · {escape(result.organisation_name)}"
    date = local(result.date)
    day = f"{date.day} {MONTHS[date.month - 1]} {date.year}"  # {{ date|date:"j M Y" }}
    return f'{meta} · <time datetime="{iso(date)}">{day}</time>'


def filter_fields(form):
    """The filter row: every field but the query and the hidden page, labelled, built
    here (alliance_hub.fragments): the template loop over the form and its widgets'
    templates cost 0.5 ms, half the search page's own rendering."""
    return mark_safe("".join(_filter_field(f) for f in form if f.name != "q" and not f.is_hidden))  # noqa: S308


def _filter_field(field):
    input_type = field.field.widget.input_type
    widget = select_html(field) if input_type == "select" else input_html(field)
    css = "check" if input_type == "checkbox" else ""
    label = f'<label for="{escape(field.id_for_label)}">{escape(str(field.label))}:</label>'
    return f'\n        <div class="{css}">{label}{widget}</div>'
