"""Full-text matching, ranking and snippets, one implementation per database, as
SQL text (the search runs on every keystroke; the ORM took longer to build its query
than PostgreSQL took to run it, see docs/performance.md).

Both take the same query language, PostgreSQL's ``websearch_to_tsquery``: words
(all must match, in any order, stemmed), ``"a phrase"``, ``or`` between
alternatives and ``-word`` to exclude. Both give a rank (higher is better; title
counts most, then tags and file name, then the text, then the file's text) and two
snippets with the matches between MARK_START and MARK_END.

Each function returns ``(sql, params)`` over the table named ``TABLE`` (not aliased):
``matching`` a condition, ``rank`` a value, ``snippets`` two select-list columns.

A dedicated engine (OpenSearch, Meilisearch...) would be a third implementation:
``matching`` would ask the engine for the matching ids; see docs/deploy.md.
"""

import re

from django.db import connection

from .models import Entry
from .text import MARK_END, MARK_START

CONFIG = "english"
TABLE = Entry._meta.db_table
FTS_TABLE = f"{TABLE}_fts"
# The query, parsed once per statement (a scalar subquery is an InitPlan): written as a
# plain call it was parsed again for every row a sequential scan read (93 ms for
# "report" as a prepared statement), and its unknown value keeps every search on the
# full-text index, whose cost is bounded by the matches, instead of a sequential scan
# that stops early only if the matches happen to come first in the table.
TSQUERY = f"(SELECT websearch_to_tsquery('{CONFIG}', %s))"
# ts_headline reads at most this much of a file's text (it costs time per character).
HEADLINE_CHARS = 50_000
HEADLINE_OPTIONS = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=12, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)


def matching(query):
    """The condition "this row matches ``query``" (through the full-text index), or
    None when nothing can match (no word to look for)."""
    if connection.vendor == "postgresql":
        return f"{TABLE}.vector @@ {TSQUERY}", [query]
    expression = fts5_query(query)
    if expression is None:
        return None
    return f"{TABLE}.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)", [expression]


def rank(query):
    """This row's rank for ``query`` (a row that matches): work per row, so give it a
    bounded set."""
    if connection.vendor == "postgresql":
        return f"ts_rank({TABLE}.vector, {TSQUERY}, 1)", [query]
    # bm25 is lower for better matches; weights per column: title, tags, body, file.
    return _per_row(f"-bm25({FTS_TABLE}, 10.0, 4.0, 2.0, 1.0)", query)


def snippets(query):
    """Two columns, this row's body and file snippets: the page's rows only."""
    if connection.vendor == "postgresql":
        body, body_params = _headline(f"{TABLE}.body", query)
        file, file_params = _headline(f"left({TABLE}.file_text, {HEADLINE_CHARS})", query)
    else:
        body, body_params = _snippet(2, query)
        file, file_params = _snippet(3, query)
    return f"{body}, {file}", [*body_params, *file_params]


def _headline(column, query):
    return f"ts_headline('{CONFIG}', {column}, {TSQUERY}, %s)", [query, HEADLINE_OPTIONS]


_CLAUSE = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")


def fts5_query(query):
    """The websearch-style ``query`` as an FTS5 MATCH expression, or None when it
    holds no word. Every term is quoted, so nothing in the input is FTS5 syntax."""
    groups = [([], [])]
    for match in _CLAUSE.finditer(query):
        negated, phrase, word = match.groups()
        if word is not None:
            if word.lower() == "or":
                groups.append(([], []))
                continue
            negated, phrase = word.startswith("-"), word.lstrip("-")
        terms = _WORD.findall(phrase)
        if terms:
            groups[-1][1 if negated else 0].append('"' + " ".join(terms) + '"')
    clauses = []
    for wanted, unwanted in groups:
        if not wanted:
            continue
        clause = " AND ".join(wanted)
        if unwanted:
            clause = f"({clause}) NOT ({' OR '.join(unwanted)})"
        clauses.append(f"({clause})")
    return " OR ".join(clauses) or None


def _per_row(select, query, *params):
    """SQLite: ``select`` over this row's match in the FTS5 table."""
    sql = (
        f"(SELECT {select} FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
        f" AND {FTS_TABLE}.rowid = {TABLE}.id)"
    )
    return sql, [*params, fts5_query(query)]


def _snippet(column, query):
    select = f"snippet({FTS_TABLE}, {column}, %s, %s, ' … ', 24)"
    return _per_row(select, query, MARK_START, MARK_END)
