"""The rows of a page's history, built in Python with f-strings over the standard
library's escaping: a few dozen template nodes per row were the history page's hot
spot, and ``format_html`` per cell still cost 1.8 ms of CPU for 50 rows (see
docs/performance.md). The HTML is the one ``wiki/page_history.html`` had inline."""

from html import escape

from django.utils.safestring import mark_safe

from alliance_hub import fragments
from alliance_hub.reversing import reverse
from profiles.avatars import avatar

CHECKED = " checked"
CURRENT = ' <span class="tag">current</span>'


def history_rows(rows, *, container, page, diff_url):
    """The ``<tr>`` of each revision in ``rows`` (newest first), as one safe string."""
    # One reverse for the page: the revision number is the only part that changes.
    url = escape(reverse("wiki:page_revision", args=[container, 0, page.path]))
    head, marker, tail = url.partition("/-/revision/0/")
    revision_url = f"{head}/-/revision/{{}}/{tail}" if marker else None
    diff_url = escape(diff_url)
    return mark_safe(  # noqa: S308 - every value is escaped in _row
        "\n".join(
            _row(index, row, page, revision_url, diff_url, container)
            for index, row in enumerate(rows)
        )
    )


def _row(index, row, page, revision_url, diff_url, container):
    revision = int(row.revision)
    if revision_url:
        url = revision_url.format(revision)
    else:
        url = escape(reverse("wiki:page_revision", args=[container, revision, page.path]))
    when = fragments.local(row.history_date)
    user = row.history_user
    diff = ""
    if revision > 1:
        diff = f'<a href="{diff_url}?from={revision - 1}&amp;to={revision}">diff</a>'
    return (
        f'<tr><td><label class="visually-hidden" for="from-{revision}">Compare from revision'
        f' {revision}</label><input type="radio" name="from" value="{revision}"'
        f' id="from-{revision}"{CHECKED if index == 1 else ""}></td>'
        f'<td><label class="visually-hidden" for="to-{revision}">Compare to revision'
        f' {revision}</label><input type="radio" name="to" value="{revision}"'
        f' id="to-{revision}"{CHECKED if index == 0 else ""}></td>'
        f'<td><a href="{url}">{revision}</a>{CURRENT if revision == page.revision else ""}</td>'
        f'<td><time datetime="{fragments.iso(when)}">'
        f"{escape(fragments.day_and_time(when, ', '))}</time></td>"
        f'<td><span class="person">{avatar(user, "tiny")}'
        f"<span>{escape(str(user)) if user else 'Someone'}</span></span></td>"
        f"<td>{escape(row.change_summary)}</td><td>{diff}</td></tr>"
    )
