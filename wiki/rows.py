"""The rows of a page's history, built in Python: one ``format_html`` per row instead
of a few dozen template nodes (the history page's hot spot, see docs/performance.md).
The HTML is the one ``wiki/page_history.html`` had inline."""

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from alliance_hub import fragments
from profiles.avatars import avatar

ROW = (
    '<tr><td><label class="visually-hidden" for="from-{0}">Compare from revision {0}</label>'
    '<input type="radio" name="from" value="{0}" id="from-{0}"{1}></td>'
    '<td><label class="visually-hidden" for="to-{0}">Compare to revision {0}</label>'
    '<input type="radio" name="to" value="{0}" id="to-{0}"{2}></td>'
    '<td><a href="{3}">{0}</a>{4}</td>'
    '<td><time datetime="{5}">{6}</time></td>'
    '<td><span class="person">{7}<span>{8}</span></span></td>'
    "<td>{9}</td><td>{10}</td></tr>"
)
CHECKED = mark_safe(" checked")  # noqa: S308 - a constant
CURRENT = mark_safe(' <span class="tag">current</span>')  # noqa: S308 - a constant


def history_rows(rows, *, container, page, diff_url):
    """The ``<tr>`` of each revision in ``rows`` (newest first), as one safe string."""
    return format_html_join(
        "\n",
        ROW,
        (_cells(index, row, container, page, diff_url) for index, row in enumerate(rows)),
    )


def _cells(index, row, container, page, diff_url):
    when = fragments.local(row.history_date)
    user = row.history_user
    diff = ""
    if row.revision > 1:
        diff = format_html(
            '<a href="{}?from={}&amp;to={}">diff</a>', diff_url, row.revision - 1, row.revision
        )
    return (
        row.revision,
        CHECKED if index == 1 else "",
        CHECKED if index == 0 else "",
        reverse("wiki:page_revision", args=[container, row.revision, page.path]),
        CURRENT if row.revision == page.revision else "",
        fragments.iso(when),
        fragments.day_and_time(when, ", "),
        avatar(user, "tiny"),
        user if user else "Someone",
        row.change_summary,
        diff,
    )
