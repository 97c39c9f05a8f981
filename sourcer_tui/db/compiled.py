"""Peewee queries built once: their SQL kept, run again with a new page.

Building a query's SQL is pure Python and not cheap: Today's page (a union of
two joined selects with a sub-select) took ~4 ms to build and ~3 ms to run.
:func:`rows` builds a query the first time its *key* is asked for (on this
kind of database), keeps its SQL and parameters, and runs that text again —
with the page's limit and offset put in place of two placeholders' values.
The key must say everything the query depends on besides the page.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

import peewee

from .models import database_proxy

__all__ = ["rows"]

_LIMIT, _OFFSET = 987_654_321, 123_456_789  # stand-ins, found again among the parameters
_KEPT = 64
_built: dict[tuple, tuple[str, list]] = {}


def rows(key: Hashable, build: Callable[[], peewee.Query], page: tuple[int, int] | None = None) -> list[tuple]:
    """The rows of ``build()`` as tuples of the database's own values (dates as
    text on SQLite), for ``page = (offset, limit)`` if given."""
    db = database_proxy.obj
    slot = (type(db), key, page is not None)
    built = _built.get(slot)
    if built is None:
        query = build()
        if page is not None:
            query = query.limit(_LIMIT).offset(_OFFSET)
        sql, params = query.sql()
        if len(_built) >= _KEPT:
            _built.clear()
        _built[slot] = built = (sql, list(params))
    sql, params = built
    if page is not None:
        offset, limit = page
        params = [limit if p == _LIMIT else offset if p == _OFFSET else p for p in params]
    return db.execute_sql(sql, params).fetchall()
