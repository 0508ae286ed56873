"""The directory's rows are built with f-strings (profiles/rows.py); the page must hold
exactly the rows the earlier ``format_html`` builder made (kept below as the reference),
for people in every state and for viewers with and without the completeness column."""

import pytest
from django.template.defaultfilters import urlencode
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from profiles import selectors
from profiles.avatars import DISPLAY_SIZE, photo_url
from profiles.models import Profile
from profiles.photos import avatar_colour_index, initials
from tests.factories import UserFactory, add_member
from tests.profiles.test_directory import fill
from workspaces.roles import Role

pytestmark = pytest.mark.django_db


def reference_avatar(person, size="small"):
    """profiles.avatars.avatar before it was built with f-strings."""
    edge, photo_size = DISPLAY_SIZE[size]
    profile = Profile.objects.filter(user=person).first()
    if profile is not None and profile.has_photo:
        return format_html(
            '<img class="avatar avatar-{}" src="{}" alt="{}" width="{}" height="{}" '
            'loading="lazy">',
            size,
            photo_url(person, photo_size),
            "",
            edge,
            edge,
        )
    name = person.display_name or person.email
    return format_html(
        '<span class="avatar avatar-{} avatar-initials avatar-c{}"{}>{}</span>',
        size,
        avatar_colour_index(name),
        mark_safe(' aria-hidden="true"'),
        initials(name),
    )


def reference_row(row, directory_url, show_completeness):
    profile = row.profile
    link = format_html('<a href="{}">{}</a>', row.person.get_absolute_url(), row.person)
    if profile and profile.job_title:
        link = format_html('{}<br><span class="muted">{}</span>', link, profile.job_title)

    def tags(items, kind):
        return format_html_join(
            "",
            '<a class="tag tag-{0}" href="{1}?{0}={2}">{3}</a>',
            ((kind, directory_url, urlencode(tag.slug), tag.name) for tag in items),
        )

    completeness = ""
    if show_completeness:
        score = row.completeness
        completeness = mark_safe(
            '<td class="completeness-cell"><span class="complete nowrap">100&nbsp;%</span></td>'
        )
        if score.missing:
            completeness = format_html(
                '<td class="completeness-cell"><details><summary class="nowrap">{}&nbsp;%'
                '</summary><p class="muted">Missing:</p><ul>{}</ul></details></td>',
                score.percent,
                format_html_join("", "<li>{}</li>", ((item.label,) for item in score.missing)),
            )
    return format_html(
        '<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class="tasks">{}</td>'
        "<td>{}{}</td>{}</tr>",
        reference_avatar(row.person),
        link,
        row.membership.organisation,
        row.membership.get_role_display(),
        Truncator(row.tasks).words(30, truncate=" …")
        if row.tasks
        else format_html('<span class="empty">{}</span>', "Not described yet"),
        tags(profile.skills, "skill") if profile else "",
        tags(profile.interests, "interest") if profile else "",
        completeness,
    )


@pytest.fixture
def varied(world):
    ws = world.workspace
    fill(world.member, "Mia <Member> & co", ["Regulatory affairs"], ["Sailing"], "Permits", ws)
    long_tasks = "Maps & 'quoted' <tags>\n " + " ".join(f"word{n}" for n in range(40))
    fill(world.observer, 'Otto "O" Observer', ["GIS & <maps>"], ["Jazz/Blues"], long_tasks, ws)
    fill(world.lead, "Lena Lead", job_title="Chief <b>officer</b> & 'friends'")
    Profile.objects.filter(user=world.lead).update(
        photo_files={"small": "x.jpg", "medium": "y.jpg"}, photo_version="v1"
    )
    exactly_thirty = " ".join(f"w{n}" for n in range(29)) + " …"
    fill(world.community_manager, "Cara Manager", tasks=exactly_thirty + " more", workspace=ws)
    nameless = UserFactory(display_name="", email="no.name@example.org")
    add_member(ws, Role.OBSERVER, user=nameless)
    Profile.objects.filter(user=nameless).delete()
    return world


@pytest.mark.parametrize("viewer", ["lead", "community_manager", "member", "observer"])
def test_directory_rows_are_those_of_the_format_html_builder(viewer, varied, client_for):
    user = getattr(varied, viewer)
    url = reverse("profiles:directory", args=[varied.workspace])
    page = client_for(user).get(url).content.decode()
    rows, _ = selectors.directory_page(container=varied.workspace, size=50)
    manager = viewer in ("lead", "community_manager")
    if manager:
        selectors.add_completeness(rows, workspace=varied.workspace)
    expected = "\n".join(reference_row(row, url, manager) for row in rows)
    assert len(rows) >= 6
    assert expected in page
    assert ("%</summary>" in page) == manager
