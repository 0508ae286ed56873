"""The page frame every signed-in page shows (the top bar, with the search box, and the
container's navigation), built in Python with the standard library's escaping: through
the template engine it was about 0.7 ms of CPU on every page, a tenth of a wiki page's.
The HTML is the one ``base.html`` and ``search/_header_box.html`` had inline; the
templates' context (``navigation`` in context_processors.py) is what it reads."""

from html import escape
from urllib.parse import quote

from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.utils.safestring import mark_safe

from .reversing import reverse


def _url(name: str) -> str:
    return escape(reverse(name))


def _csrf_input(context) -> str:
    """``{% csrf_token %}``: the page's one masked token (the template context's), so
    every form of the page carries the same value."""
    token = context.get("csrf_token") or get_token(context["request"])
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(str(token))}">'


def topbar(context) -> str:
    """The ``<header class="topbar">`` of base.html for the context's user."""
    user = context.get("user")
    links = f'<a class="brand" href="{_url("workspaces:home")}">Alliance Hub</a>'
    if user is not None and user.is_authenticated:
        links += _personal(context, user)
    return mark_safe(  # noqa: S308 - every value is escaped
        f'<header class="topbar">\n  <nav class="topbar-inner" aria-label="Main">\n    {links}'
        "\n  </nav>\n</header>"
    )


def _personal(context, user) -> str:
    unread = context.get("unread_count")
    badge = f' <span class="badge" aria-label="{unread} unread">{unread}</span>' if unread else ""
    menu = "".join(
        f'<li><a href="{escape(workspace.get_absolute_url())}">{escape(workspace.name)}</a></li>'
        for workspace in context.get("nav_workspaces") or ()
    )
    staff = f'<li><a href="{_url("admin:index")}">Administration</a></li>' if user.is_staff else ""
    return (
        f'\n      <a class="notif-link" href="{_url("workspaces:notification_list")}"'
        f' id="nav-notifications">\n        Notifications{badge}\n      </a>'
        '\n      <button type="button" class="menu-toggle secondary" aria-expanded="false"'
        ' aria-controls="topbar-menu" hidden>Menu</button>'
        '\n      <div class="topbar-menu" id="topbar-menu">'
        '\n        <details class="menu">\n          <summary>My workspaces</summary>'
        f"\n          <ul>\n            {menu or _NONE_YET}\n          </ul>\n        </details>"
        f"\n        {search_box()}"
        '\n        <details class="menu menu-right">'
        f"\n          <summary>{escape(user.display_name or user.email)}</summary>"
        f'\n          <ul>\n            <li><a href="{escape(user.get_absolute_url())}">My profile'
        "</a></li>"
        f'\n            <li><a href="{_url("account_change_password")}">Change password</a></li>'
        f'\n            <li><a href="{_url("mfa_index")}">Two-factor</a></li>'
        f'\n            <li><a href="{_url("usersessions_list")}">Your sessions</a></li>'
        f"\n            {staff}"
        f'\n            <li><form method="post" action="{_url("account_logout")}">'
        f"{_csrf_input(context)}"
        '<button class="linklike" type="submit">Sign out</button></form></li>'
        "\n          </ul>\n        </details>\n      </div>"
    )


_NONE_YET = '<li><span class="muted">None yet</span></li>'


def search_box() -> str:
    """The header's search box: a plain GET form; with htmx, the top results drop down
    as you type (search.views, HX-Target "topbar-results")."""
    search = _url("search:search")
    return (
        f'<link rel="stylesheet" href="{escape(static("css/search.css"))}">'
        f'\n<script src="{escape(static("js/search.js"))}" defer></script>'
        f'\n<form class="topbar-search" method="get" action="{search}" role="search"'
        ' aria-label="Site">'
        '\n  <label for="topbar-q" class="visually-hidden">Search everything</label>'
        '\n  <input type="search" id="topbar-q" name="q" placeholder="Search…" maxlength="200"'
        ' autocomplete="off"\n         aria-controls="topbar-results"'
        ' aria-describedby="topbar-q-help"'
        f'\n         hx-get="{search}" hx-trigger="input changed delay:250ms, search"'
        '\n         hx-target="#topbar-results" hx-sync="this:replace">'
        '\n  <span id="topbar-q-help" class="visually-hidden">Top results appear below as you'
        " type; press the down arrow to reach them, Enter for all results.</span>"
        '\n  <div id="topbar-results" class="topbar-results" aria-live="polite"></div>'
        "\n</form>"
    )


def container_nav(context) -> str:
    """The ``<nav class="container-nav">`` of the container being viewed, or nothing."""
    access = context.get("access")
    if not access:
        return ""
    workspace, group, container = access.workspace, access.group, access.container
    title = (
        f'<a class="container-title" href="{escape(workspace.get_absolute_url())}">'
        f"{escape(workspace.name)}</a>"
    )
    if group:
        title += (
            '\n    <span aria-hidden="true">›</span> <a class="container-title"'
            f' href="{escape(group.get_absolute_url())}">{escape(group.name)}</a>'
        )
    links = "".join(
        f'<li><a href="{escape(url)}">{escape(label)}</a></li>'
        for label, url in context.get("container_links") or ()
    )
    members = escape(reverse("workspaces:member_list", args=[container]))
    return mark_safe(  # noqa: S308 - every value is escaped
        '<nav class="container-nav" aria-label="Workspace">\n  <div class="container-nav-inner">'
        f"\n    {title}\n    <ul>"
        f'\n      <li><a href="{escape(container.get_absolute_url())}">Dashboard</a></li>'
        f"\n      {links}"
        f'\n      <li><a href="{members}">Members</a></li>'
        f'\n      <li><a href="{_url("search:search")}?in={_quoted(container.container_path)}">'
        "Search</a></li>\n    </ul>\n  </div>\n</nav>"
    )


def _quoted(value: str) -> str:
    """``{{ value|urlencode }}``."""
    return escape(quote(value, safe="/"))
