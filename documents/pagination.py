"""Keyset (cursor) pagination: a page is "the next N rows after this row's sort key",
so page 500 is one indexed range scan like page 1 (no OFFSET).

The cursor is signed, so a tampered or foreign one is refused rather than guessed at.
"""

from datetime import datetime

from django.core import signing
from django.db import models
from django.db.models import Q
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


def keyset_page(queryset, ordering, cursor, size):
    """One page of ``queryset`` ordered by ``ordering`` (which must end with a unique
    field). Returns ``(rows, next_cursor or None)``; raises InvalidCursor."""
    if cursor:
        queryset = queryset.filter(
            _after(ordering, decode_cursor(queryset.model, ordering, cursor))
        )
    rows = list(queryset.order_by(*ordering)[: size + 1])
    if len(rows) > size:
        return rows[:size], encode_cursor(ordering, rows[size - 1])
    return rows, None
