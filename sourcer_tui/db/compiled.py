"""Peewee queries built once: their SQL kept, run again with a new page.

Building a query's SQL is pure Python and not cheap: Today's page (a union of
two joined selects with a sub-select) took longer to build than to run.
:func:`rows` builds a query the first time its *key* is asked for (on this
kind of database), keeps its SQL and parameters, and runs that text again —
with the page's limit and offset put in place of two placeholders' values.
The key must say everything the query depends on besides the page.
A query whose page is not its outer LIMIT (picked in a sub-select, then
joined) places :data:`PAGE` itself and passes ``placed=True``.  A query over
a list of ids puts :data:`IDS` in its ``IN (…)`` and passes ``ids=``: the
list fills those slots (the rest are NULL, which match nothing), in runs of
``len(IDS)``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

import peewee

from .models import database_proxy

__all__ = ["IDS", "PAGE", "rows", "sql_of"]

_LIMIT, _OFFSET = 987_654_321, 123_456_789  # stand-ins, found again among the parameters
PAGE = (_LIMIT, _OFFSET)  # (limit, offset) stand-ins for a query that places its page itself
IDS = tuple(-(555_000_000 + n) for n in range(100))  # stand-ins for an IN list of up to 100 ids
_SLOT = {stand_in: n for n, stand_in in enumerate(IDS)}
_KEPT = 64
_built: dict[tuple, tuple[str, list]] = {}


def rows(
    key: Hashable,
    build: Callable[[], peewee.Query],
    page: tuple[int, int] | None = None,
    *,
    placed: bool = False,
    ids: list[int] | None = None,
) -> list[tuple]:
    """The rows of ``build()`` as tuples of the database's own values (dates as
    text on SQLite), for ``page = (offset, limit)`` if given — as the outer
    LIMIT/OFFSET, or where ``build()`` placed :data:`PAGE` (*placed*) — and
    for *ids* where it placed :data:`IDS`."""
    db = database_proxy.obj
    slot = (type(db), key, page is not None)
    built = _built.get(slot)
    if built is None:
        query = build()
        if page is not None and not placed:
            query = query.limit(_LIMIT).offset(_OFFSET)
        sql, params = sql_of(db, query)
        if len(_built) >= _KEPT:
            _built.clear()
        _built[slot] = built = (sql, params)
    sql, params = built
    if page is not None:
        offset, limit = page
        params = [limit if p == _LIMIT else offset if p == _OFFSET else p for p in params]
    if ids is None:
        return db.execute_sql(sql, params).fetchall()
    found: list[tuple] = []
    for start in range(0, len(ids), len(IDS)):
        run = ids[start : start + len(IDS)]
        filled = [_fill(p, run) for p in params]
        found += db.execute_sql(sql, filled).fetchall()
    return found


def sql_of(db: peewee.Database, query: peewee.Query) -> tuple[str, list]:
    """*query*'s SQL and parameters as *db* writes them (its placeholders and
    quoting), whatever database the query is bound to — a bare ``Select``
    over a sub-select is bound to none, and would be written as SQLite."""
    sql, params = db.get_sql_context().sql(query).query()
    return sql, list(params)


def _fill(param, run: list[int]):
    """*param*, or the id of *run* in its slot if it is one of the :data:`IDS` (None past the end)."""
    try:
        slot = _SLOT.get(param)
    except TypeError:  # unhashable: not a stand-in
        return param
    if slot is None:
        return param
    return run[slot] if slot < len(run) else None
