"""Every row of one database copied into another, empty one (``migrate-to``).

The source is read in one snapshot (one read transaction) and the target
written in one transaction: the target holds either everything or nothing.
Rows go through each field's conversions both ways (SQLite's text dates
become the target's dates, booleans its booleans), keeping their ids, so
that every reference, every export and every figure is the same after the
move.  The tables derived from others (search, stage counts, the Stats'
rows, initials…) are not copied: the target rebuilds them from the rows
(:mod:`.derived`), as its own triggers would have kept them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import peewee

from . import derived
from .dialect import follow_ids
from .models import (
    Candidacy, Draft, ErasureLog, GridCriterion, GridScore, Introducer, Mission, Recognition, Reminder, Snooze, Talent,
    Teammate, Template, Touchpoint,
)

__all__ = ["TABLES", "CHUNK", "TargetNotEmpty", "CopyMismatch", "copy_rows", "row_counts", "is_empty"]

#: In an order where every row's references are already in the target, but the
#: talent's introducer (a cycle: an introducer may be a talent), checked at the commit.
TABLES: tuple[type[peewee.Model], ...] = (
    Mission, Talent, Introducer, Candidacy, Touchpoint, Snooze, Reminder, Draft, Template, ErasureLog, Recognition,
    GridCriterion, GridScore, Teammate,
)

#: Rows per INSERT: well under SQLite's 32,766 parameters for the widest table.
CHUNK = 1000

#: Facts about the file worth keeping (db/meta.py): the demo mark.
_META = "meta"

Progress = Callable[[str, int, int], None]
"""Called as ``progress(table, rows copied so far, rows in all)``."""


class TargetNotEmpty(Exception):
    """The target already holds data: nothing was written."""


class CopyMismatch(Exception):
    """The target's counts differ from the source's after the copy: rolled back."""

    def __init__(self, expected: dict[str, int], found: dict[str, int]) -> None:
        self.tables = sorted(t for t in expected if expected[t] != found.get(t))
        super().__init__(", ".join(f"{t}: {expected[t]} != {found.get(t)}" for t in self.tables))


def row_counts(db: peewee.Database) -> dict[str, int]:
    """Rows per copied table of *db* (and ``meta``)."""
    counts = {model._meta.table_name: model.select().bind(db).count() for model in TABLES}
    counts[_META] = db.execute_sql(f"SELECT COUNT(*) FROM {_META}").fetchone()[0]
    return counts


def is_empty(db: peewee.Database) -> bool:
    """Whether *db* holds no row of the sourcer's (a newly made database).  A
    teammate's name is not data: opening the app once on the new database (to
    check the connection) signs the user in (services/team.py)."""
    return not any(model.select().bind(db).exists() for model in TABLES if model is not Teammate)


_SIGNED_IN = (Teammate.login, Teammate.name, Teammate.created_at)


def copy_rows(source: peewee.Database, target: peewee.Database, *, progress: Progress | None = None) -> dict[str, int]:
    """Copy every row of *source* into the empty *target*; the rows copied per table.

    Raises :class:`TargetNotEmpty` (nothing written) when the target holds
    data. The target's derived tables are rebuilt in the same transaction.
    """
    with source.atomic():  # one snapshot of the source, whatever writes meanwhile
        counts = row_counts(source)
        total = sum(counts.values())
        done = 0
        with target.atomic():
            if not is_empty(target):
                raise TargetNotEmpty()
            signed_in = list(Teammate.select(*_SIGNED_IN).bind(target).tuples())  # put back after the copy
            Teammate.delete().bind(target).execute()
            _defer_references(target)
            with derived.triggers_suspended(target):
                for model in TABLES:
                    for n in _copy_table(model, source, target):
                        done += n
                        if progress:
                            progress(model._meta.table_name, done, total)
                done += _copy_meta(source, target)
                if progress:
                    progress(_META, done, total)
            for model in TABLES:  # PostgreSQL's sequences past the ids copied
                follow_ids(target, model._meta.table_name)
            copied = row_counts(target)
            if copied != counts:  # rolled back: the target stays empty
                raise CopyMismatch(counts, copied)
            _keep_sign_ins(target, signed_in)
    return counts


def _keep_sign_ins(target: peewee.Database, signed_in: list[tuple]) -> None:
    """Those who had signed in on the target and are not among the source's teammates."""
    known = {login for (login,) in Teammate.select(Teammate.login).bind(target).tuples()}
    kept = [row for row in signed_in if row[0] not in known]
    if kept:
        Teammate.insert_many(kept, fields=list(_SIGNED_IN)).bind(target).execute()


def _copy_table(model: type[peewee.Model], source: peewee.Database, target: peewee.Database) -> Iterator[int]:
    """Insert the source's rows of *model* into the target, CHUNK at a time; yields each chunk's size."""
    fields = list(model._meta.sorted_fields)
    query = model.select(*fields).order_by(model._meta.primary_key).tuples().bind(source)
    write = _copy_writer(model, fields, target) if isinstance(target, peewee.PostgresqlDatabase) else (
        lambda rows: model.insert_many(rows, fields=fields).bind(target).execute())
    chunk: list[tuple] = []
    for row in query.iterator():
        chunk.append(row)
        if len(chunk) == CHUNK:
            write(chunk)
            yield len(chunk)
            chunk = []
    if chunk:
        write(chunk)
        yield len(chunk)


def _copy_writer(model: type[peewee.Model], fields: list[peewee.Field], target: peewee.Database) -> Callable[[list[tuple]], None]:
    """PostgreSQL: rows written by ``COPY … FROM STDIN`` on the transaction's own
    connection (several times sooner than INSERTs), each value converted by its
    field as an INSERT would."""
    columns = ", ".join(f'"{field.column_name}"' for field in fields)
    statement = f'COPY "{model._meta.table_name}" ({columns}) FROM STDIN'
    convert = [field.db_value for field in fields]

    def write(rows: list[tuple]) -> None:
        with target.connection().cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row([to_db(value) for to_db, value in zip(convert, row)])

    return write


def _defer_references(target: peewee.Database) -> None:
    """References checked at the commit, not row by row: a talent names its
    introducer, who may be a talent (a cycle), and no row is written twice —
    an update would count as an edit (the talent's version, db/row_versions.py)."""
    if isinstance(target, peewee.SqliteDatabase):
        target.execute_sql("PRAGMA defer_foreign_keys = ON")  # until the transaction ends
    else:
        target.execute_sql("SET CONSTRAINTS ALL DEFERRED")


def _copy_meta(source: peewee.Database, target: peewee.Database) -> int:
    rows = source.execute_sql(f"SELECT key, value FROM {_META}").fetchall()
    for key, value in rows:
        target.execute_sql(f"DELETE FROM {_META} WHERE key = {target.param}", (key,))
        target.execute_sql(f"INSERT INTO {_META} (key, value) VALUES ({target.param}, {target.param})", (key, value))
    return len(rows)
