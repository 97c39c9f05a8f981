"""The few SQL expressions that differ between SQLite and PostgreSQL."""

from __future__ import annotations

import peewee

__all__ = ["data_version", "days_between", "keeps_derived", "refresh_statistics"]


def keeps_derived(db: peewee.Database) -> bool:
    """Whether *db* keeps the derived tables by triggers (db/derived.py): the
    search index, stage counts, initials and Stats rows.  SQLite does; on
    PostgreSQL each is computed by the query that needs it."""
    return isinstance(db, peewee.SqliteDatabase)


def days_between(db: peewee.Database, start: str, end: str) -> str:
    """SQL for the number of days (fractional) from column *start* to column *end*."""
    if isinstance(db, peewee.PostgresqlDatabase):
        return f"(EXTRACT(EPOCH FROM ({end} - {start})) / 86400.0)"
    return f"(julianday({end}) - julianday({start}))"


def refresh_statistics(db: peewee.Database, table: str) -> None:
    """After a new index: the planner's statistics of *table* again, where the
    SQLite file keeps statistics at all (else the planner may keep an older,
    non-covering index)."""
    if isinstance(db, peewee.SqliteDatabase) and db.execute_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone():
        db.execute_sql(f"ANALYZE {table}")


def data_version(db: peewee.Database) -> int | None:
    """A number that changes when another connection has committed since this thread's
    connection last asked (SQLite's ``PRAGMA data_version``: no read of the
    file's pages); None where the database has no such number."""
    if isinstance(db, peewee.SqliteDatabase):
        return db.execute_sql("PRAGMA data_version").fetchone()[0]
    return None
