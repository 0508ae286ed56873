# ruff: noqa: E501 - the template markup as it was
"""The page frame (the top bar with its search box, and the container's navigation) is
built in Python (alliance_hub/frame.py); its HTML is base.html's template markup it
replaced (whitespace aside) for every kind of viewer: signed in or not, staff, with and
without unread notifications and workspaces, in a workspace and a group, with names that
need escaping."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.http import Http404
from django.template import engines
from django.test import RequestFactory

from workspaces.access import container_get
from workspaces.activity import notify
from workspaces.models import Notification

pytestmark = pytest.mark.django_db

_HEADER = """{% load static %}<header class="topbar">
  <nav class="topbar-inner" aria-label="Main">
    <a class="brand" href="{% url 'workspaces:home' %}">Alliance Hub</a>
    {% if user.is_authenticated %}
      <a class="notif-link" href="{% url 'workspaces:notification_list' %}" id="nav-notifications">
        Notifications{% if unread_count %} <span class="badge" aria-label="{{ unread_count }} unread">{{ unread_count }}</span>{% endif %}
      </a>
      {# On phones the rest folds behind this button (static/js/app.js shows it and toggles the panel). #}
      <button type="button" class="menu-toggle secondary" aria-expanded="false" aria-controls="topbar-menu" hidden>Menu</button>
      <div class="topbar-menu" id="topbar-menu">
        <details class="menu">
          <summary>My workspaces</summary>
          <ul>
            {% for ws in nav_workspaces %}<li><a href="{{ ws.get_absolute_url }}">{{ ws.name }}</a></li>
            {% empty %}<li><span class="muted">None yet</span></li>{% endfor %}
          </ul>
        </details>
        <link rel="stylesheet" href="{% static 'css/search.css' %}">
<script src="{% static 'js/search.js' %}" defer></script>
<form class="topbar-search" method="get" action="{% url 'search:search' %}" role="search" aria-label="Site">
  <label for="topbar-q" class="visually-hidden">Search everything</label>
  <input type="search" id="topbar-q" name="q" placeholder="Search…" maxlength="200" autocomplete="off"
         aria-controls="topbar-results" aria-describedby="topbar-q-help"
         hx-get="{% url 'search:search' %}" hx-trigger="input changed delay:250ms, search"
         hx-target="#topbar-results" hx-sync="this:replace">
  <span id="topbar-q-help" class="visually-hidden">Top results appear below as you type; press the down arrow to reach them, Enter for all results.</span>
  <div id="topbar-results" class="topbar-results" aria-live="polite"></div>
</form>
        {% block topbar_extra %}{% endblock %}
        <details class="menu menu-right">
          <summary>{{ user.display_name|default:user.email }}</summary>
          <ul>
            <li><a href="{{ user.get_absolute_url }}">My profile</a></li>
            {% block user_menu %}{% endblock %}
            <li><a href="{% url 'account_change_password' %}">Change password</a></li>
            <li><a href="{% url 'mfa_index' %}">Two-factor</a></li>
            <li><a href="{% url 'usersessions_list' %}">Your sessions</a></li>
            {% if user.is_staff %}<li><a href="{% url 'admin:index' %}">Administration</a></li>{% endif %}
            <li><form method="post" action="{% url 'account_logout' %}">{% csrf_token %}<button class="linklike" type="submit">Sign out</button></form></li>
          </ul>
        </details>
      </div>
    {% endif %}
  </nav>
</header>
"""
_NAV = """{% if access %}
<nav class="container-nav" aria-label="Workspace">
  <div class="container-nav-inner">
    <a class="container-title" href="{{ access.workspace.get_absolute_url }}">{{ access.workspace.name }}</a>
    {% if access.group %}<span aria-hidden="true">›</span> <a class="container-title" href="{{ access.group.get_absolute_url }}">{{ access.group.name }}</a>{% endif %}
    <ul>
      <li><a href="{{ access.container.get_absolute_url }}">Dashboard</a></li>
      {% for label, url in container_links %}<li><a href="{{ url }}">{{ label }}</a></li>{% endfor %}
      <li><a href="{% url 'workspaces:member_list' access.container %}">Members</a></li>
      <li><a href="{% url 'search:search' %}?in={{ access.container.container_path|urlencode }}">Search</a></li>
    </ul>
  </div>
</nav>
{% endif %}
"""


def _normalised(html):
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "csrf", html)  # masked anew
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()


def _request(user, container_path=None):
    request = RequestFactory().get("/")
    request.user, request.session = user, SessionStore()
    request._messages = FallbackStorage(request)
    if container_path:
        request.access = container_get(user, container_path)
    return request


def _both(request):
    engine = engines["django"]
    old = engine.from_string(_HEADER + _NAV).render({}, request=request)
    new = engine.from_string("{% load frame %}{% topbar %}{% container_nav %}")
    return _normalised(new.render({}, request=request)), _normalised(old)


def test_the_frame_is_the_template_s_for_every_viewer(world):
    world.workspace.name = 'Green & "Blue" <Alliance>'
    world.workspace.save()
    world.member.display_name = "Ann <b>&</b>"
    world.member.save()
    world.private_group.name = "R&D <i>"
    world.private_group.save()
    notify(
        recipients=[world.member], kind=Notification.Kind.OTHER, actor=world.lead,
        text="News", target=world.workspace, container=world.workspace,
    )  # fmt: skip
    for viewer in world.every_viewer():
        for path in (None, world.workspace.container_path, world.private_group.container_path):
            try:
                request = _request(viewer, path)
            except Http404:  # a container this viewer may not see
                continue
            new, old = _both(request)
            assert new == old, (viewer, path)
    new, _ = _both(_request(world.member, world.private_group.container_path))
    assert "R&amp;D &lt;i&gt;" in new and "Ann &lt;b&gt;&amp;&lt;/b&gt;" in new
    assert '<span class="badge" aria-label="1 unread">1</span>' in new


def test_a_visitor_who_is_not_signed_in_sees_the_brand_only(world):
    new, old = _both(_request(AnonymousUser()))
    assert new == old and "My workspaces" not in new
