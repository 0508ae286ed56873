"""The result list is built in Python (search/results.py), not by the template engine
per result: the page renders as many template nodes for 15 results as for 2, and every
value it shows is escaped as the template escaped it."""

import re
from html import escape

import pytest
from django.template import engines
from django.utils import timezone

from alliance_hub.fragments import input_html
from search.forms import SearchForm
from search.results import filter_fields
from search.selectors import filter_choices
from tests.microblog.helpers import post
from tests.perf.test_row_rendering import nodes_rendered
from tests.search.helpers import search

pytestmark = pytest.mark.django_db


def test_template_nodes_do_not_grow_with_the_results(world, client_for):
    client = client_for(world.member)
    url = "/search/?q=kestrel"
    for i in range(2):
        post(world.member, world.workspace, f"kestrel {i}")
    few = nodes_rendered(client, url)
    for i in range(2, 15):
        post(world.member, world.workspace, f"kestrel {i}")
    many = nodes_rendered(client, url)
    assert len(search(client, "kestrel")) == 15
    assert few[0] == many[0] == 200
    assert few[1] == many[1]


def test_a_result_shows_where_who_and_when_with_every_value_escaped(world, client_for):
    world.member.display_name = 'Ann <b>"Kes"</b> & co'
    world.member.save()
    world.open_group.name = "R&D <i>"
    world.open_group.save()
    post(world.member, world.open_group, "kestrel <script>alert(1)</script>")
    found = search(client_for(world.member), "kestrel")
    item = re.search(r'<li class="card search-result">.*?</li>', found.html, re.S).group(0)
    assert "<script>" not in item and "&lt;script&gt;" in item
    meta = re.search(r'<p class="muted result-meta">(.*?)</p>', item).group(1)
    today = timezone.localdate()
    organisation = world.workspace.memberships.get(user=world.member).organisation
    assert meta.startswith(
        f"{escape(world.workspace.name)} › R&amp;D &lt;i&gt; · "
        f"Ann &lt;b&gt;&quot;Kes&quot;&lt;/b&gt; &amp; co · {escape(organisation.name)} · "
        "<time datetime="
    )
    assert meta.endswith(f'">{today.day} {today:%b} {today.year}</time>')


# The filter row as the page's template rendered it before search/results.py built it.
_FILTER_LOOP = (
    "{% load people %}{% for field in form %}{% if field.name != 'q' and not field.is_hidden %}"
    "<div class=\"{% if field.field.widget.input_type == 'checkbox' %}check{% endif %}\">"
    '<label for="{{ field.id_for_label }}">{{ field.label }}:</label>'
    "{% if field.field.widget.input_type == 'select' %}{% choice_select field %}"
    "{% else %}{{ field }}{% endif %}</div>{% endif %}{% endfor %}"
)


@pytest.mark.parametrize(
    "data",
    [
        None,
        {
            "q": "kestrel",
            "kind": "post",
            "author": 'Ann "<b>"',
            "since": "2026-01-02",
            "until": "2026-02-03",
            "versions": "on",
        },  # fmt: skip
        {"q": "k", "since": "not a day", "until": "2000-01-01", "kind": "nonsense"},
    ],
)
def test_the_filter_row_is_the_template_loop_s_html(world, data):
    world.open_group.name = "R&D <i>"
    world.open_group.save()
    choices = filter_choices(user=world.member)
    form = SearchForm(data, containers=choices.containers, organisations=choices.organisations)
    form.is_valid()
    expected = engines["django"].from_string(_FILTER_LOOP).render({"form": form})
    assert "R&amp;D &lt;i&gt;" in expected
    assert _tags(filter_fields(form)) == _tags(expected)
    assert input_html(form["q"]) == str(form["q"])


def _tags(html):
    return re.sub(r">\s+<", "><", html.strip())
