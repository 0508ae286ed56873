"""The rows of the people directory, built in Python: f-strings over values escaped with
the standard library's ``html.escape`` (what Django's ``escape`` does) instead of a
``format_html`` and a ``Truncator`` per cell and a ``reverse`` per person, which were
9 ms of CPU for 50 rows (see docs/performance.md). The HTML is the one
``profiles/profile_list.html`` had inline; tests/profiles/test_directory_rows.py
compares it with the earlier ``format_html`` rows."""

from html import escape
from urllib.parse import quote

from django.utils.safestring import mark_safe

from alliance_hub.reversing import reverse
from profiles.avatars import avatar
from workspaces.roles import Role

NOT_DESCRIBED = '<span class="empty">Not described yet</span>'
COMPLETE = '<td class="completeness-cell"><span class="complete nowrap">100&nbsp;%</span></td>'
ROLE_LABELS = {value: escape(str(label)) for value, label in Role.choices}
TASK_WORDS = 30


class PersonUrl:
    """``reverse("profiles:profile_detail", args=[pk])`` for many people, reversed once
    (the pk is the only variable part, so it is the last ``/0/`` of the URL for pk 0)."""

    def __init__(self):
        url = escape(reverse("profiles:profile_detail", args=[0]))
        self.head, _, self.tail = url.rpartition("/0/")

    def __call__(self, pk):
        return f"{self.head}/{pk}/{self.tail}"


def directory_rows(rows, *, directory_url, show_completeness):
    """The ``<tr>`` of each person of a directory page, as one safe string."""
    person_url = PersonUrl()
    directory_url = escape(directory_url)
    return mark_safe(  # noqa: S308 - every value is escaped in _row
        "\n".join([_row(row, person_url, directory_url, show_completeness) for row in rows])
    )


def _row(row, person_url, directory_url, show_completeness):
    person, profile, membership = row.person, row.profile, row.membership
    tags = ""
    if profile:
        tags = _tags(profile.skills, "skill", directory_url) + _tags(
            profile.interests, "interest", directory_url
        )
    tasks = escape(_first_words(row.tasks, TASK_WORDS)) if row.tasks else NOT_DESCRIBED
    return (
        f"<tr><td>{avatar(person, 'small')}</td>"
        f"<td>{_name(person, profile, person_url)}</td>"
        f"<td>{escape(str(membership.organisation))}</td>"
        f"<td>{ROLE_LABELS.get(membership.role) or escape(membership.role)}</td>"
        f'<td class="tasks">{tasks}</td><td>{tags}</td>'
        f"{_completeness(row.completeness) if show_completeness else ''}</tr>"
    )


def _first_words(text, count):
    """``Truncator(text).words(count, truncate=" …")``."""
    words = text.split()
    if len(words) <= count:
        return " ".join(words)
    kept = " ".join(words[:count])
    return kept if kept.endswith(" …") else f"{kept} …"


def _name(person, profile, person_url):
    link = f'<a href="{person_url(person.pk)}">{escape(str(person))}</a>'
    if profile and profile.job_title:
        return f'{link}<br><span class="muted">{escape(profile.job_title)}</span>'
    return link


def _tags(tags, kind, directory_url):
    return "".join(
        [
            f'<a class="tag tag-{kind}" href="{directory_url}?{kind}='
            f'{escape(quote(tag.slug, safe="/"))}">{escape(tag.name)}</a>'
            for tag in tags
        ]
    )


def _completeness(completeness):
    if not completeness.missing:
        return COMPLETE
    missing = "".join([f"<li>{escape(str(item.label))}</li>" for item in completeness.missing])
    return (
        f'<td class="completeness-cell"><details><summary class="nowrap">'
        f"{escape(str(completeness.percent))}&nbsp;%</summary>"
        f'<p class="muted">Missing:</p><ul>{missing}</ul></details></td>'
    )
