"""The rows of the people directory, built in Python: one ``format_html`` per row
instead of a few dozen template nodes (the directory's hot spot, see
docs/performance.md). The HTML is the one ``profiles/profile_list.html`` had inline."""

from django.template.defaultfilters import urlencode
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from profiles.avatars import avatar

ROW = (
    '<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class="tasks">{}</td><td>{}{}</td>{}</tr>'
)
NOT_DESCRIBED = format_html('<span class="empty">{}</span>', "Not described yet")
COMPLETE = mark_safe(  # noqa: S308 - a constant
    '<td class="completeness-cell"><span class="complete nowrap">100&nbsp;%</span></td>'
)


def directory_rows(rows, *, directory_url, show_completeness):
    """The ``<tr>`` of each person of a directory page, as one safe string."""
    return format_html_join(
        "\n", ROW, (_cells(row, directory_url, show_completeness) for row in rows)
    )


def _cells(row, directory_url, show_completeness):
    profile = row.profile
    return (
        avatar(row.person, "small"),
        _name(row.person, profile),
        row.membership.organisation,
        row.membership.get_role_display(),
        Truncator(row.tasks).words(30, truncate=" …") if row.tasks else NOT_DESCRIBED,
        _tags(profile.skills, "skill", directory_url) if profile else "",
        _tags(profile.interests, "interest", directory_url) if profile else "",
        _completeness(row.completeness) if show_completeness else "",
    )


def _name(person, profile):
    link = format_html('<a href="{}">{}</a>', person.get_absolute_url(), person)
    if profile and profile.job_title:
        return format_html('{}<br><span class="muted">{}</span>', link, profile.job_title)
    return link


def _tags(tags, kind, directory_url):
    return format_html_join(
        "",
        '<a class="tag tag-{0}" href="{1}?{0}={2}">{3}</a>',
        ((kind, directory_url, urlencode(tag.slug), tag.name) for tag in tags),
    )


def _completeness(completeness):
    if not completeness.missing:
        return COMPLETE
    return format_html(
        '<td class="completeness-cell"><details><summary class="nowrap">{}&nbsp;%</summary>'
        '<p class="muted">Missing:</p><ul>{}</ul></details></td>',
        completeness.percent,
        format_html_join("", "<li>{}</li>", ((item.label,) for item in completeness.missing)),
    )
