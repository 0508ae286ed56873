"""The dashboard's lists built in Python with the standard library's escaping: the
stream's items, the groups and the organisations through the template engine (an
avatar, a ``timesince`` and a ``date`` per item, a ``reverse`` per group) were most of
the dashboard's time. The HTML is the one ``workspaces/dashboard.html`` had inline."""

from html import escape

from django.utils.safestring import mark_safe
from django.utils.timesince import timesince

from alliance_hub.fragments import iso, local
from alliance_hub.reversing import reverse
from profiles.avatars import avatar

NOTHING_YET = '<li class="empty">Nothing has happened here yet.</li>'
NO_GROUPS = '<li class="empty">No groups yet.</li>'
PRIVATE = ' <span class="tag">Private</span>'


def stream_items(activities, *, container, has_more):
    """The stream's ``<li>`` items, and the "Load more" item when more follow."""
    workspace_name = escape(container.workspace.name)
    items = [_activity(item, workspace_name) for item in activities] or [NOTHING_YET]
    if has_more:
        last = int(activities[-1].id)
        items.append(
            f'<li id="stream-more"><a href="?before={last}" hx-get="?before={last}"'
            ' hx-target="#stream-more" hx-swap="outerHTML">Load more</a></li>'
        )
    return mark_safe("\n".join(items))  # noqa: S308 - every value is escaped


def _activity(item, workspace_name):
    actor = escape(str(item.actor)) if item.actor else "Someone"
    target = workspace_name if item.about_actor else escape(item.target_label)
    when = local(item.created_at)
    return (
        f'<li class="with-face">{avatar(item.actor, "tiny")}<div><strong>{actor}</strong>'
        f' {escape(item.verb)} <a href="{escape(item.target_url)}">{target}</a>\n'
        f'            <time datetime="{iso(when)}">{timesince(item.created_at)} ago</time>'
        "</div></li>"
    )


def group_items(groups, *, workspace):
    """The groups' ``<li>`` items (one ``reverse`` for all: a group's address is its
    workspace's with ``g/<slug>/`` after it)."""
    if not groups:
        return mark_safe(NO_GROUPS)  # noqa: S308 - a constant
    workspace_url = reverse("workspaces:dashboard", args=[workspace])
    return mark_safe(  # noqa: S308 - every value is escaped
        "\n".join(
            f'<li><a href="{escape(workspace_url)}g/{escape(group.slug)}/">'
            f"{escape(group.name)}</a>"
            f"{PRIVATE if group.is_private else ''}</li>"
            for group in groups
        )
    )
