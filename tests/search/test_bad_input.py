"""Hostile or odd queries get a clear message or sensible results, never a 500."""

import pytest
from django.urls import reverse

from tests.search.helpers import search
from tests.wiki.conftest import create_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(world, client_for):
    create_page(world.workspace, world.member, "Don't panic", "dont", "It's 9.8 m/s: O'Neil")
    return client_for(world.member)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("x", "at least 2 characters"),
        ("w" * 10_000, "at most 200 characters"),
        ("!!! ??? ...", "punctuation alone"),
        ("&|!<->():*", "punctuation alone"),
        ('"', "at least 2 characters"),
    ],
)
def test_queries_that_cannot_be_searched_get_a_clear_message(client, query, message):
    found = search(client, query)
    assert found == [] and message in found.html


def test_a_nul_in_the_query_is_refused_with_a_message(client):
    # As in every address (alliance_hub.middleware): databases refuse NUL in a query.
    response = client.get(reverse("search:search"), {"q": "panic\x00nul"})
    assert response.status_code == 400
    assert b"NUL" in response.content


@pytest.mark.parametrize(
    "query",
    [
        "'; DROP TABLE search_entry; --",
        "panic' OR 1=1 --",
        "panic & !neil | (m:* <-> s)",
        '"unbalanced panic',
        'panic"',
        "NEAR(panic neil) AND OR NOT",
        "-panic",
        "or or or",
        "panic -",
        "col:panic title:*",
        "%_%\\",
        "ünïcödé 日本語 panic",
    ],
)
def test_syntax_of_sql_tsquery_and_fts5_is_just_text(client, query):
    response = client.get(reverse("search:search"), {"q": query})
    assert response.status_code == 200


def test_sensible_results_for_quotes_and_syntax(client):
    assert search(client, '"unbalanced panic').titles == []
    # "or" is the search's own alternative; the rest is words, not SQL.
    assert search(client, "panic' OR 1=1 --").titles == ["Don't panic"]
    assert search(client, "'; DROP TABLE search_entry; --").titles == []
    assert search(client, "panic").titles == ["Don't panic"], "the table is still there"
    assert search(client, "\"don't panic").titles == ["Don't panic"]


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "nonsense"},
        {"since": "not a date"},
        {"since": "2026-05-01", "until": "2026-01-01"},
        {"organisation": "abc"},
        {"in": "no/such/container"},
        {"page": "99999"},
        {"page": "-1"},
    ],
)
def test_bad_filters_are_explained_not_crashed_on(client, params):
    response = client.get(reverse("search:search"), {"q": "panic", **params})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def test_an_empty_query_shows_the_form_and_no_results(client):
    found = search(client, "")
    assert found == [] and 'role="alert"' not in found.html and 'id="id_q"' in found.html
