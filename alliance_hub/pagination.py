"""Keyset (cursor) pagination: a page is "the next N rows after this row's sort key",
so page 500 is one indexed range scan like page 1 (no OFFSET).

The cursor is signed, so a tampered or foreign one is refused rather than guessed at.
"""

from datetime import datetime

from django.core import signing
from django.db import models
from django.db.models import Q, Subquery
from django.utils.dateparse import parse_datetime

SALT = "documents.pagination"


class InvalidCursor(Exception):
    pass


def _after(ordering, values):
    """Rows strictly after ``values`` in ``ordering`` (a lexicographic comparison)."""
    condition = Q()
    for index, field in enumerate(ordering):
        name, op = field.lstrip("-"), ("lt" if field.startswith("-") else "gt")
        step = Q(**{f"{name}__{op}": values[index]})
        for earlier, value in zip(ordering[:index], values[:index], strict=True):
            step &= Q(**{earlier.lstrip("-"): value})
        condition |= step
    return condition


def encode_cursor(ordering, row):
    values = [getattr(row, field.lstrip("-")) for field in ordering]
    # Full microseconds: a rounded timestamp would skip or repeat rows.
    values = [v.isoformat() if isinstance(v, datetime) else v for v in values]
    return signing.dumps({"o": list(ordering), "v": values}, salt=SALT, compress=True)


def decode_cursor(model, ordering, cursor):
    try:
        data = signing.loads(cursor, salt=SALT)
    except (signing.BadSignature, ValueError) as error:
        raise InvalidCursor from error
    if data.get("o") != list(ordering) or len(data.get("v", ())) != len(ordering):
        raise InvalidCursor
    values = []
    for field, value in zip(ordering, data["v"], strict=True):
        model_field = model._meta.get_field(field.lstrip("-"))
        if isinstance(model_field, models.DateTimeField):
            value = parse_datetime(value) if isinstance(value, str) else None
            if value is None:
                raise InvalidCursor
        values.append(value)
    return values


def keyset_page(queryset, ordering, cursor, size, constant_fields=()):
    """One page of ``queryset`` ordered by ``ordering`` (which must end with a unique
    field). Returns ``(rows, next_cursor or None)``; raises InvalidCursor.

    ``constant_fields`` are fields the filter fixes to one value (the container and
    folder columns leading the index). Sorting by them too changes nothing in the
    result, but lets PostgreSQL read the page straight off the index: it does not
    count ``IS NULL`` (a workspace's own documents, the top folder) as fixing a column.
    """
    if cursor:
        queryset = queryset.filter(
            _after(ordering, decode_cursor(queryset.model, ordering, cursor))
        )
    # Pick the page's ids first (the index alone answers that), then load just those
    # rows with their joins: joining before the LIMIT joined the whole folder.
    direction = "-" if ordering[0].startswith("-") else ""
    index_order = [direction + field for field in constant_fields] + list(ordering)
    page_ids = queryset.order_by(*index_order).values("pk")[: size + 1]
    rows = list(queryset.filter(pk__in=Subquery(page_ids)).order_by(*ordering))
    if len(rows) > size:
        return rows[:size], encode_cursor(ordering, rows[size - 1])
    return rows, None
