"""Full-text matching, ranking and snippets, one implementation per database.

Both take the same query language, PostgreSQL's ``websearch_to_tsquery``: words
(all must match, in any order, stemmed), ``"a phrase"``, ``or`` between
alternatives and ``-word`` to exclude. Both give a ``rank`` (higher is better;
title counts most, then tags and file name, then the text, then the file's text)
and two snippets with the matches between MARK_START and MARK_END.

``matching`` narrows a queryset to the matches (through the full-text index);
``ranked`` adds the rank and snippets to an already bounded set of them.

A dedicated engine (OpenSearch, Meilisearch...) would be a third implementation of
the two: ``matching`` asks the engine for the matching ids; see docs/deploy.md.
"""

import re

from django.db import connection
from django.db.models import BooleanField, FloatField, TextField
from django.db.models.expressions import RawSQL

from .models import Entry
from .text import MARK_END, MARK_START

CONFIG = "english"
TABLE = Entry._meta.db_table
FTS_TABLE = f"{TABLE}_fts"
TSQUERY = f"websearch_to_tsquery('{CONFIG}', %s)"
# ts_headline reads at most this much of a file's text (it costs time per character).
HEADLINE_CHARS = 50_000
HEADLINE_OPTIONS = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=12, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)


def matching(queryset, query):
    """``queryset`` narrowed to entries matching ``query`` (through the full-text
    index), or None when nothing can match (no word to look for)."""
    if connection.vendor == "postgresql":
        return queryset.filter(
            RawSQL(f"{TABLE}.vector @@ {TSQUERY}", [query], output_field=BooleanField())
        )
    expression = fts5_query(query)
    if expression is None:
        return None
    return queryset.filter(
        RawSQL(
            f"{TABLE}.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)",
            [expression],
            output_field=BooleanField(),
        )
    )


def ranked(queryset, query):
    """``queryset`` (entries that match ``query``) with ``rank``: work per row, so
    give it a bounded set."""
    if connection.vendor == "postgresql":
        rank = RawSQL(f"ts_rank({TABLE}.vector, {TSQUERY}, 1)", [query], output_field=FloatField())
    else:
        # bm25 is lower for better matches; weights per column: title, tags, body, file.
        rank = _per_row(f"-bm25({FTS_TABLE}, 10.0, 4.0, 2.0, 1.0)", FloatField(), query)
    return queryset.annotate(rank=rank)


def with_snippets(queryset, query):
    """``queryset`` with ``body_snippet`` and ``file_snippet``: the page's rows only."""
    if connection.vendor == "postgresql":
        return queryset.annotate(
            body_snippet=_headline(f"{TABLE}.body", query),
            file_snippet=_headline(f"left({TABLE}.file_text, {HEADLINE_CHARS})", query),
        )
    return queryset.annotate(body_snippet=_snippet(2, query), file_snippet=_snippet(3, query))


def _headline(column, query):
    return RawSQL(
        f"ts_headline('{CONFIG}', {column}, {TSQUERY}, %s)",
        [query, HEADLINE_OPTIONS],
        output_field=TextField(),
    )


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


def _per_row(select, output_field, query, *params):
    """SQLite: ``select`` over this row's match in the FTS5 table."""
    return RawSQL(
        f"(SELECT {select} FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
        f" AND {FTS_TABLE}.rowid = {TABLE}.id)",
        [*params, fts5_query(query)],
        output_field=output_field,
    )


def _snippet(column, query):
    select = f"snippet({FTS_TABLE}, {column}, %s, %s, ' … ', 24)"
    return _per_row(select, TextField(), query, MARK_START, MARK_END)
