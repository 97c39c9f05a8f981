"""Peewee queries built once: their SQL kept, run again with a new page.

Building a query's SQL is pure Python and not cheap: Today's page (a union of
two joined selects with a sub-select) took longer to build than to run.
:func:`rows` builds a query the first time its *key* is asked for (on this
kind of database), keeps its SQL and parameters, and runs that text again —
with the page's limit and offset, or the ids, put in their parameters' slots.
The key must say everything the query depends on besides the page and the
ids (the tests check it: see :data:`VERIFY`).
A query whose page is not its outer LIMIT (picked in a sub-select, then
joined) places :data:`PAGE` itself and passes ``placed=True``.  A query over
a list of ids puts :data:`IDS` in its ``IN (…)`` and passes ``ids=``: the
list fills those slots (the rest are NULL, which match nothing), in runs of
``len(IDS)``.

The slots are found by their place, not their value: the query is built
twice, with two sets of stand-in numbers for the page and the ids, and a
parameter is a slot where the first build has a stand-in of the first set
and the second build the same stand-in of the second set.  A real value
equal to a stand-in (a mission whose id is 987654321) is the same in both
builds, and is left alone.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import NamedTuple

import peewee

from .models import database_proxy

__all__ = ["IDS", "PAGE", "VERIFY", "rows", "sql_of"]

#: Set by the tests (tests/conftest.py): a kept query asked for again is
#: built again, and its SQL and parameters must be the kept ones — a key that
#: misses something its query depends on then fails the test that uses it,
#: instead of serving rows of another query.  Off in the app: it would cost
#: the build that keeping the SQL saves.
VERIFY = False

_RUN = 100  # ids per run of an IN list
_KEPT = 64


class _StandIns(NamedTuple):
    page: tuple[int, int]  # (limit, offset)
    ids: tuple[int, ...]


_FIRST = _StandIns((987_654_321, 123_456_789), tuple(-(555_000_000 + n) for n in range(_RUN)))
_SECOND = _StandIns((876_543_219, 234_567_891), tuple(-(666_000_000 + n) for n in range(_RUN)))
_LIMIT, _OFFSET = -1, -2  # what a slot takes; an id's slot takes the id at its place in the run (0 to 99)


def _kinds(stand_ins: _StandIns) -> dict[int, int]:
    return {stand_ins.page[0]: _LIMIT, stand_ins.page[1]: _OFFSET, **{value: n for n, value in enumerate(stand_ins.ids)}}


_FIRST_KINDS, _SECOND_KINDS = _kinds(_FIRST), _kinds(_SECOND)
_building = threading.local()  # the stand-ins of the build under way in this thread

PAGE: tuple[int, int]  # (limit, offset) stand-ins for a query that places its page itself
IDS: tuple[int, ...]  # stand-ins for an IN list of up to 100 ids


def __getattr__(name: str):
    """:data:`PAGE` and :data:`IDS`, read by a query's build: the stand-ins
    of the build under way in this thread (the panes are read in parallel
    threads, each may be building), or the first set outside a build."""
    stand_ins = getattr(_building, "stand_ins", None) or _FIRST
    if name == "PAGE":
        return stand_ins.page
    if name == "IDS":
        return stand_ins.ids
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# A kept query: its SQL, the first build's parameters (its stand-ins in the
# slots), the places of the page's limit, of its offset, and (place, which id
# of the run) of the ids.  A plain tuple: unpacked faster than a NamedTuple.
_Kept = tuple[str, list, tuple[int, ...], tuple[int, ...], tuple[tuple[int, int], ...]]
_built: dict[tuple, _Kept] = {}


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
    for *ids* where it placed :data:`IDS`.

    Raises RuntimeError when the query cannot be kept (its two builds differ
    otherwise than by the stand-ins, or it places other slots than the call
    fills), and AssertionError under :data:`VERIFY` when *key* misses
    something its query depends on."""
    db = database_proxy.obj
    slot = (type(db), key, page is not None, ids is not None)
    kept = _built.get(slot)
    if kept is None:
        kept = _keep(db, key, build, page, placed, ids)
        if len(_built) >= _KEPT:
            _built.clear()
        _built[slot] = kept
    elif VERIFY:
        _verify(db, key, build, page, placed, kept)
    sql, params, limits, offsets, id_slots = kept
    if page is not None:
        offset, limit = page
        params = params.copy()
        for at in limits:
            params[at] = limit
        for at in offsets:
            params[at] = offset
    if ids is None:
        return db.execute_sql(sql, params).fetchall()
    found: list[tuple] = []
    for start in range(0, len(ids), _RUN):
        run = list(ids[start : start + _RUN])
        run += [None] * (_RUN - len(run))
        filled = params.copy()
        for at, n in id_slots:
            filled[at] = run[n]
        found += db.execute_sql(sql, filled).fetchall()
    return found


def sql_of(db: peewee.Database, query: peewee.Query) -> tuple[str, list]:
    """*query*'s SQL and parameters as *db* writes them (its placeholders and
    quoting), whatever database the query is bound to — a bare ``Select``
    over a sub-select is bound to none, and would be written as SQLite."""
    sql, params = db.get_sql_context().sql(query).query()
    return sql, list(params)


def _written(db: peewee.Database, build: Callable[[], peewee.Query], page, placed: bool, stand_ins: _StandIns) -> tuple[str, list]:
    """The SQL and parameters of ``build()`` with *stand_ins* as PAGE and IDS."""
    outer = getattr(_building, "stand_ins", None)
    _building.stand_ins = stand_ins
    try:
        query = build()
    finally:
        _building.stand_ins = outer
    if page is not None and not placed:
        query = query.limit(stand_ins.page[0]).offset(stand_ins.page[1])
    return sql_of(db, query)


def _keep(db: peewee.Database, key: Hashable, build, page, placed: bool, ids) -> _Kept:
    """The query of *key*, built with each set of stand-ins, and its slots:
    the parameters where the two builds hold the same stand-in of each set."""
    sql, params = _written(db, build, page, placed, _FIRST)
    other_sql, other_params = _written(db, build, page, placed, _SECOND)
    where = f"compiled.rows {key!r}"
    if other_sql != sql or len(other_params) != len(params):
        raise RuntimeError(f"{where}: two builds of its query wrote different SQL (it depends on something besides PAGE and IDS)")
    limits, offsets, id_slots = [], [], []
    for at, (first, second) in enumerate(zip(params, other_params)):
        if first == second:
            continue
        kind = _kind(_FIRST_KINDS, first)
        if kind is None or _kind(_SECOND_KINDS, second) != kind:
            raise RuntimeError(
                f"{where}: parameter {at} differs between two builds of its query ({first!r}, {second!r}): "
                "it depends on something besides PAGE and IDS"
            )
        if kind == _LIMIT:
            limits.append(at)
        elif kind == _OFFSET:
            offsets.append(at)
        else:
            id_slots.append((at, kind))
    if page is not None and not (limits and offsets):
        raise RuntimeError(f"{where}: is given a page but its query places no compiled.PAGE (limit and offset)")
    if page is None and (limits or offsets):
        raise RuntimeError(f"{where}: is given no page but its query places compiled.PAGE")
    if ids is not None and not id_slots:
        raise RuntimeError(f"{where}: is given ids but its query places no compiled.IDS")
    if ids is None and id_slots:
        raise RuntimeError(f"{where}: is given no ids but its query places compiled.IDS")
    return sql, params, tuple(limits), tuple(offsets), tuple(id_slots)


def _kind(kinds: dict[int, int], param) -> int | None:
    try:
        return kinds.get(param)
    except TypeError:  # unhashable: not a stand-in
        return None


def _verify(db: peewee.Database, key: Hashable, build, page, placed: bool, kept: _Kept) -> None:
    """(:data:`VERIFY`) The query of *key*, built again, is the kept one."""
    sql, params = _written(db, build, page, placed, _FIRST)
    where = f"compiled.rows {key!r}: its key misses something its query depends on"
    if sql != kept[0]:
        raise AssertionError(f"{where}: built again, it writes other SQL\n kept: {kept[0]}\n  now: {sql}")
    for at, (old, new) in enumerate(zip(kept[1], params)):
        if old != new:
            raise AssertionError(f"{where}: built again, its parameter {at} is {new!r}, kept {old!r}")
