"""Pagination of every list, in one place.

* ``page_of(rows, size)``: one page of a queryset and whether more follow (it fetches
  one row more than it shows).
* Lists ordered newest first by id page with a plain id: ``?before=<id>``, read with
  ``alliance_hub.params.query_id`` (a malformed one is a 400), then
  ``page_of(rows.filter(id__lt=before), size)``.
* Lists in any other order (a folder by name, the trash by date, the directory by
  person) page with a keyset cursor: "the next N rows after this row's sort key", so
  page 500 is one indexed range scan like page 1 (no OFFSET). That cursor is signed,
  so a tampered or foreign one is refused (InvalidCursor) rather than guessed at.
"""

from datetime import datetime

from django.core import signing
from django.db import models
from django.db.models import Q, Subquery
from django.db.models.constants import LOOKUP_SEP
from django.utils.dateparse import parse_datetime

# The salt of the first cursors (the documents app's): links made before stay valid.
SALT = "documents.pagination"


class InvalidCursor(Exception):
    pass


def page_of(rows, size):
    """``(items, has_more)`` from a queryset: fetches one row more than it shows."""
    items = list(rows[: size + 1])
    return items[:size], len(items) > size


def after(ordering, values):
    """Rows strictly after ``values`` in ``ordering`` (a lexicographic comparison)."""
    condition = Q()
    for index, field in enumerate(ordering):
        name, op = field.lstrip("-"), ("lt" if field.startswith("-") else "gt")
        step = Q(**{f"{name}__{op}": values[index]})
        for earlier, value in zip(ordering[:index], values[:index], strict=True):
            step &= Q(**{earlier.lstrip("-"): value})
        condition |= step
    return condition


def cursor_for(ordering, values):
    """The signed cursor of the row whose sort key (in ``ordering``) is ``values``."""
    # Full microseconds: a rounded timestamp would skip or repeat rows.
    values = [v.isoformat() if isinstance(v, datetime) else v for v in values]
    return signing.dumps({"o": list(ordering), "v": values}, salt=SALT, compress=True)


def encode_cursor(ordering, row):
    return cursor_for(ordering, [getattr(row, field.lstrip("-")) for field in ordering])


def _field(model, path):
    """The model field at the end of ``path`` ("user__display_name")."""
    *relations, name = path.lstrip("-").split(LOOKUP_SEP)
    for relation in relations:
        model = model._meta.get_field(relation).related_model
    return model._meta.get_field(name)


def decode_cursor(model, ordering, cursor):
    """The sort key a cursor carries; raises InvalidCursor for a tampered, foreign or
    malformed one."""
    try:
        data = signing.loads(cursor, salt=SALT)
    except (signing.BadSignature, ValueError) as error:
        raise InvalidCursor from error
    if not isinstance(data, dict) or data.get("o") != list(ordering):
        raise InvalidCursor
    if not isinstance(data.get("v"), list) or len(data["v"]) != len(ordering):
        raise InvalidCursor
    values = []
    for field, value in zip(ordering, data["v"], strict=True):
        if isinstance(_field(model, field), models.DateTimeField):
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
        queryset = queryset.filter(after(ordering, decode_cursor(queryset.model, ordering, cursor)))
    # Pick the page's ids first (the index alone answers that), then load just those
    # rows with their joins: joining before the LIMIT joined the whole folder.
    direction = "-" if ordering[0].startswith("-") else ""
    index_order = [direction + field for field in constant_fields] + list(ordering)
    page_ids = queryset.order_by(*index_order).values("pk")[: size + 1]
    rows = list(queryset.filter(pk__in=Subquery(page_ids)).order_by(*ordering))
    if len(rows) > size:
        return rows[:size], encode_cursor(ordering, rows[size - 1])
    return rows, None
