"""Model instances from rows of queries written as SQL text (the few hot queries whose
ORM building cost more CPU than running them: the container lookup, the dashboard's
stream). Values are converted as the ORM converts them (SQLite's dates and booleans,
JSON), and fields not given stay deferred. ``parts`` reads several models from one
joined row, as ``select_related`` does."""

import functools
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection
from django.db.models import Model, signals
from django.db.models.base import ModelState


def builder(
    model: Any, attnames: Sequence[str], *, convert: bool = True
) -> Callable[[Sequence[Any]], Any]:
    """A function making ``model`` instances from rows of values of ``attnames`` (in
    any order). It looks the converters up once per process (the ORM's compiler did
    once per query); ``convert=False`` for values the ORM converted already
    (``values_list``)."""
    return _builder(model, tuple(attnames), convert)


@functools.lru_cache(maxsize=256)
def _builder(
    model: Any, attnames: tuple[str, ...], convert: bool
) -> Callable[[Sequence[Any]], Any]:
    by_name = {field.attname: field for field in model._meta.concrete_fields}
    wanted = set(attnames)
    order = [name for name in by_name if name in wanted]  # from_db takes field order
    position = {name: index for index, name in enumerate(attnames)}
    steps = []
    for name in order:
        field = by_name[name]
        column = field.get_col(model._meta.db_table)
        converters = []
        if convert:
            converters = connection.ops.get_db_converters(column)
            converters += field.get_db_converters(connection)
        steps.append((position[name], column, converters))
    alias = connection.alias
    if not _plain(model):

        def build_with_init(values: Sequence[Any]) -> Any:
            converted = []
            for index, column, converters in steps:
                value = values[index]
                for converter in converters:
                    value = converter(value, column, connection)
                converted.append(value)
            return model.from_db(alias, order, converted)

        return build_with_init
    names = list(zip(order, steps, strict=True))

    def build(values: Sequence[Any]) -> Any:
        # What from_db makes, without Model.__init__ (its loop over every field, with
        # a sentinel per deferred one, cost ten times this): the values in __dict__,
        # deferred fields absent from it, as Django keeps them.
        instance = new(model)
        state = instance._state = ModelState()
        state.adding, state.db = False, alias
        fields = instance.__dict__
        for name, (index, column, converters) in names:
            value = values[index]
            for converter in converters:
                value = converter(value, column, connection)
            fields[name] = value
        return instance

    return build


new = object.__new__


def _plain(model: Any) -> bool:
    """Whether ``model`` is made by Django's own ``__init__`` and ``from_db`` with no
    init signal listened to: then ``builder`` may set its values directly."""
    return (
        model.__init__ is Model.__init__
        and model.from_db.__func__ is Model.from_db.__func__
        and not signals.pre_init.has_listeners(model)
        and not signals.post_init.has_listeners(model)
    )


def may_be_a_key(value: int) -> bool:
    """Whether ``value`` fits a primary key column. A URL's number can be any size: the
    ORM answers "no such row" for one that does not fit, SQLite refuses to bind it
    (OverflowError), so a lookup in SQL text by such a number asks this first."""
    low, high = connection.ops.integer_field_range("BigAutoField")
    return low <= value <= high


def instance(model: Any, values: dict[str, Any]) -> Any:
    """One ``model`` instance from raw column values, by field attname."""
    return builder(model, list(values))(list(values.values()))


def columns(model: Any, alias: str) -> tuple[str, list[str]]:
    """``("alias.col, ...", [attname, ...])``: every concrete column of ``model``."""
    fields = model._meta.concrete_fields
    return ", ".join(f"{alias}.{f.column}" for f in fields), [f.attname for f in fields]


class Part:
    """One model's columns in a joined row: ``model`` under ``alias``, read from the
    row at ``start``; ``None`` when its primary key is NULL (an empty LEFT JOIN)."""

    def __init__(self, model: Any, alias: str, start: int) -> None:
        self.sql, names = columns(model, alias)
        self.build: Callable[[Sequence[Any]], Any] = builder(model, names)
        self.start, self.end = start, start + len(names)
        self.pk_index = start + names.index(model._meta.pk.attname)

    def get(self, row: Sequence[Any]) -> Any:
        if row[self.pk_index] is None:
            return None
        return self.build(row[self.start : self.end])


def parts(specs: Sequence[tuple[Any, str]]) -> list[Part]:
    """A ``Part`` per ``(model, alias)``, in the order their columns are selected (made
    once per process)."""
    return list(_parts(tuple(specs)))


@functools.lru_cache(maxsize=128)
def _parts(specs: tuple[tuple[Any, str], ...]) -> tuple[Part, ...]:
    made, start = [], 0
    for model, alias in specs:
        made.append(Part(model, alias, start))
        start = made[-1].end
    return tuple(made)


def fetch(model: Any, sql: str, params: Sequence[Any]) -> list[Any]:
    """``list(model.objects.raw(sql, params))`` for the hot pages: the columns named as
    ``model``'s fields become its (converted) fields, the others plain attributes
    (unconverted, as ``raw`` leaves them). RawQuerySet resolved its columns again for
    every query, which cost more than the few rows it read."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
    by_column = {field.column: field.attname for field in model._meta.concrete_fields}
    fields = [(index, by_column[name]) for index, name in enumerate(names) if name in by_column]
    extras = [(index, name) for index, name in enumerate(names) if name not in by_column]
    build = builder(model, [attname for _, attname in fields])
    made = []
    for row in rows:
        instance = build([row[index] for index, _ in fields])
        for index, name in extras:
            setattr(instance, name, row[index])
        made.append(instance)
    return made
