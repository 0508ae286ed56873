"""The dashboard's stream items and groups are built in Python
(workspaces/dashboard_rows.py); their HTML is the template loops' they replaced (only the
whitespace between tags differs): for a workspace and a group, an actor whose account is
gone, a line about a person, names and labels that need escaping, "Load more", and empty
lists."""

import re

import pytest
from django.template import engines

from tests.factories import UserFactory, make_group
from workspaces.activity import record_activity, stream_for
from workspaces.dashboard_rows import group_items, stream_items
from workspaces.selectors import group_links_for, group_list_for

pytestmark = pytest.mark.django_db

_STREAM = """{% load people %}{% for item in activities %}
          <li class="with-face">{% avatar item.actor "tiny" %}<div><strong>{{ item.actor|default:"Someone" }}</strong> {% if item.about_actor %}{{ item.verb }} <a href="{{ item.target_url }}">{{ container.workspace.name }}</a>{% else %}{{ item.verb }} <a href="{{ item.target_url }}">{{ item.target_label }}</a>{% endif %}
            <time datetime="{{ item.created_at|date:'c' }}">{{ item.created_at|timesince }} ago</time></div></li>
        {% empty %}
          <li class="empty">Nothing has happened here yet.</li>
        {% endfor %}
        {% if has_more %}{% with activities|last as last %}
          <li id="stream-more"><a href="?before={{ last.id }}" hx-get="?before={{ last.id }}" hx-target="#stream-more" hx-swap="outerHTML">Load more</a></li>
        {% endwith %}{% endif %}"""  # noqa: E501
_GROUPS = """{% for group in groups %}
          <li><a href="{{ group.get_absolute_url }}">{{ group.name }}</a>{% if group.is_private %} <span class="tag">Private</span>{% endif %}</li>
        {% empty %}<li class="empty">No groups yet.</li>{% endfor %}"""  # noqa: E501


def _tags(html):
    return re.sub(r">\s+<", "><", html.strip())


def _render(source, **context):
    return engines["django"].from_string(source).render(context)


@pytest.fixture
def busy(world):
    world.workspace.name = 'Green & "Blue" <Alliance>'
    world.workspace.save()
    world.member.display_name = "Ann <b>&</b>"
    world.member.save()
    research = make_group(world.workspace, "Research", is_private=True, members=[world.member])
    research.name = "R&D <i>"
    research.save()
    for container in (world.workspace, world.open_group):
        record_activity(
            actor=world.member, verb="edited <em>", target=container, container=container
        )
        record_activity(actor=None, verb="left", target=container, container=container)
        record_activity(
            actor=world.member, verb="joined", target=world.member, container=container,
            url="/people/?a=1&b=<2>",
        )  # fmt: skip
    return world


@pytest.mark.parametrize("in_group", [False, True])
@pytest.mark.parametrize("has_more", [False, True])
def test_the_stream_items_are_the_template_loop_s(busy, in_group, has_more):
    container = busy.open_group if in_group else busy.workspace
    activities = list(stream_for(user=busy.member, container=container))
    assert any(a.actor is None for a in activities) and any(a.about_actor for a in activities)
    context = {"activities": activities, "container": container, "has_more": has_more}
    expected = _render(_STREAM, **context)
    built = stream_items(activities, container=container, has_more=has_more)
    assert "Ann &lt;b&gt;&amp;&lt;/b&gt;" in built and "edited &lt;em&gt;" in built
    assert _tags(built) == _tags(expected)


def test_an_empty_stream_and_no_groups_say_so(world):
    assert _tags(stream_items([], container=world.workspace, has_more=False)) == _tags(
        _render(_STREAM, activities=[], container=world.workspace, has_more=False)
    )
    assert group_items([], workspace=world.workspace) == _tags(_render(_GROUPS, groups=[]))


def test_the_group_items_are_the_template_loop_s(busy):
    groups = list(group_list_for(user=busy.member, workspace=busy.workspace))
    assert any(g.is_private for g in groups) and len(groups) >= 3
    expected = _render(_GROUPS, groups=groups)
    assert _tags(group_items(groups, workspace=busy.workspace)) == _tags(expected)


def test_the_dashboard_s_groups_are_group_list_for_s(world):
    personas = ["lead", "community_manager", "member", "observer", "non_group_member"]
    viewers = [getattr(world, p) for p in [*personas, "outsider", "removed"]]
    for viewer in [*viewers, UserFactory(is_superuser=True)]:
        expected = [
            (group.name, group.slug, group.is_private)
            for group in group_list_for(user=viewer, workspace=world.workspace)
        ]
        assert group_links_for(user=viewer, workspace=world.workspace) == expected
    private = (world.private_group.name, world.private_group.slug, True)
    assert private in group_links_for(user=world.member, workspace=world.workspace)
    assert private not in group_links_for(user=world.non_group_member, workspace=world.workspace)
