"""Undo: the rows one change from the UI touched, put back as they were.

A change made from the UI (a stage move, a due item done or skipped, a snooze
or a wake, a template reset, a bulk action) is run inside :func:`recorded`:
before it, every row of the talents it may touch is read — the talent itself
and its candidacies, touchpoints, snoozes, reminders, drafts and the thanks for
their introduction (or every
template, for a template reset) — and after it, the same rows again.  The
:class:`Step` holds both; :func:`undo` puts the rows of *before* back in one
transaction: the rows created since are deleted, the changed ones updated
back, the deleted ones inserted again with their ids.

The derived tables (the search index, the stage counts, the initials and the
Stats' summary rows, db/derived.py) are not snapshotted: their triggers
recompute them from the rows put back, row by row, exactly as for any other
write (tests/unit/test_undo.py compares them with a recount after each undo).
Rows are read and written back as stored, raw (they were cleaned when first
written): byte for byte, and fast enough for a bulk action over thousands of
talents (1,000 talents: ~0.15 s to record, as much to undo).

A step is refused, never applied over, when the rows are no longer what the
change left (another window, a cron job, or a later change not undone first
wrote to these talents): undoing would clobber that write.

The *before* rows are read just before the change's own transaction: a write
from another window landing in those few milliseconds would be undone with
it.  The stack of steps lives in the app's memory (app.py), not in the database.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import peewee

from ..db.database import write_transaction
from ..db.models import Candidacy, Draft, Recognition, Reminder, Snooze, Talent, Template, Touchpoint
from ..i18n import _
from .errors import Conflict

__all__ = ["Snapshot", "Step", "snapshot", "recorded", "undo", "Stale", "columns"]

#: Parents first (inserted in this order, deleted in the reverse one).
TALENT_TABLES = (Talent, Candidacy, Touchpoint, Snooze, Reminder, Draft, Recognition)

#: table name -> {row id: the row's stored values, in the model's column order (id first)}
Snapshot = dict[str, dict[int, tuple]]


class Stale(Conflict):
    """The rows changed since the change to undo: undoing would overwrite that."""


@dataclass
class Step:
    """One change that can be undone: what it was (*label*, for "Undone: …"),
    whose rows, and the rows before and after it."""

    label: str
    talent_ids: tuple[int, ...]
    templates: bool = False
    tables: frozenset[str] | None = None  # None: every table of the talents
    before: Snapshot = field(default_factory=dict)
    after: Snapshot = field(default_factory=dict)


#: Ids per query (SQLite allows at most 32,766 parameters in one statement).
CHUNK = 500


def _chunks(ids: tuple[int, ...]) -> Iterator[tuple[int, ...]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


def _scope(model: type[peewee.Model], talent_ids: tuple[int, ...]) -> peewee.Expression:
    if model is Talent:
        return Talent.id.in_(talent_ids)
    if model is Draft:
        return Draft.touchpoint.in_(Touchpoint.select(Touchpoint.id).where(Touchpoint.talent.in_(talent_ids)))
    if model is Recognition:  # the thanks for an introduction of theirs (a thank-you done in Today)
        return Recognition.talent.in_(talent_ids)
    return model.talent.in_(talent_ids)


def _models(step: Step) -> list[type[peewee.Model]]:
    models = [*TALENT_TABLES] if step.talent_ids else []
    if step.tables is not None:
        models = [m for m in models if m._meta.table_name in step.tables]
    return models + ([Template] if step.templates else [])


def _fields(model: type[peewee.Model]) -> list[peewee.Field]:
    """The table's fields as the model knows them, its id first — but ``version``:
    a row's count of changes (db/row_versions.py) is its history, not its content;
    putting a row back is one more change, which its trigger counts."""
    fields = [f for f in model._meta.sorted_fields if f.name != "version"]
    assert fields[0] is model._meta.primary_key
    return fields


def _columns(model: type[peewee.Model]) -> list[str]:
    """The table's columns as the model knows them, its id first."""
    return [f.column_name for f in _fields(model)]


def _db(model: type[peewee.Model]) -> peewee.Database:
    db = model._meta.database
    return db.obj if isinstance(db, peewee.DatabaseProxy) else db


def _rows(model: type[peewee.Model], talent_ids: tuple[int, ...]) -> dict[int, tuple]:
    """The rows as stored (raw values, read without conversion: put back
    byte for byte, and ten times faster for a bulk action's thousands)."""
    fields = _fields(model)
    if model is Template:
        queries = [model.select(*fields)]
    else:
        queries = [model.select(*fields).where(_scope(model, chunk)) for chunk in _chunks(talent_ids)]
    db = _db(model)
    return {row[0]: tuple(row) for query in queries for row in db.execute_sql(*query.sql())}


def _read(step: Step) -> Snapshot:
    return {model._meta.table_name: _rows(model, step.talent_ids) for model in _models(step)}


def snapshot(talent_ids: Iterable[int] = (), *, templates: bool = False, tables: Iterable[str] | None = None) -> Snapshot:
    """Every row a change to these talents (or to the templates) may touch; *tables*
    (table names) narrows it to the tables the change writes."""
    return _read(_step("", talent_ids, templates, tables))


def _step(label: str, talent_ids: Iterable[int], templates: bool, tables: Iterable[str] | None) -> Step:
    return Step(label, tuple(sorted(set(talent_ids))), templates, None if tables is None else frozenset(tables))


@contextlib.contextmanager
def recorded(label: str, talent_ids: Iterable[int] = (), *, templates: bool = False,
             tables: Iterable[str] | None = None) -> Iterator[Step]:
    """Run the block as one change that can be undone; yields its :class:`Step`
    (its ``after`` filled once the block has finished without an error).

    *tables* (names among talent, candidacy, touchpoint, snooze, reminder,
    draft) narrows what is read to what the change writes — for a bulk
    action over thousands of talents; by default every table is read."""
    step = _step(label, talent_ids, templates, tables)
    step.before = _read(step)
    yield step
    step.after = _read(step)


def columns(table: str) -> list[str]:
    """The columns of a snapshot's rows of *table*, in order."""
    return _columns(next(m for m in (*TALENT_TABLES, Template) if m._meta.table_name == table))


def _put_back(model: type[peewee.Model], before: dict[int, tuple], now_rows: dict[int, tuple]) -> None:
    """Update changed rows back and insert the missing ones (with their ids),
    with the values as they were stored (cleaned when first written)."""
    db, table, columns = _db(model), model._meta.table_name, _columns(model)
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _c in columns)
    insert = f'INSERT INTO "{table}" ({names}) VALUES ({marks})'.replace("?", db.param)
    sets = ", ".join(f'"{c}" = ?' for c in columns[1:])
    update = f'UPDATE "{table}" SET {sets} WHERE "{columns[0]}" = ?'.replace("?", db.param)
    for row_id, row in before.items():
        current = now_rows.get(row_id)
        if current == row:
            continue
        if current is None:
            db.execute_sql(insert, row)
        else:
            db.execute_sql(update, (*row[1:], row_id))


def undo(step: Step) -> None:
    """Put the rows of *step* back as they were before it, in one transaction;
    :class:`Stale` (nothing written) when they changed since."""
    models = _models(step)
    with write_transaction():
        now = _read(step)
        if now != step.after:
            raise Stale(_("“{label}” can't be undone: changed since, in another window or by a later change").format(label=step.label))
        if now == step.before:
            return
        # The rows created since, children first (a cascade may take some of the
        # others with them: what is left is read again below).
        for model in reversed(models):
            name = model._meta.table_name
            created = [row_id for row_id in now[name] if row_id not in step.before[name]]
            for chunk in _chunks(tuple(created)):
                model.delete().where(model._meta.primary_key.in_(chunk)).execute()
        now = _read(step)
        for model in models:  # parents first
            name = model._meta.table_name
            _put_back(model, step.before[name], now[name])
