"""The few SQL expressions that differ between SQLite and PostgreSQL."""

from __future__ import annotations

import peewee

__all__ = ["data_version", "days_between", "keeps_derived", "refresh_statistics", "is_sqlite", "timestamp_type", "auto_id", "ddl", "least", "insert_id", "follow_ids", "keeps"]


def keeps_derived(db: peewee.Database) -> bool:
    """Whether *db* keeps every derived table by triggers (db/derived.py), the
    FTS5 ones (search index, initials, feedback index) included: SQLite.
    PostgreSQL keeps some (:func:`keeps`); the query that needs another one
    computes it from the base tables."""
    return isinstance(db, peewee.SqliteDatabase)


#: What PostgreSQL keeps by PL/pgSQL triggers, as SQLite does: the stage counts
#: (db/counts.py), the Stats' rows (db/outreach.py), the talent's columns
#: (db/talent_keys.py, db/stage_lists.py) and the names' initials with their
#: counts (db/initials.py, migration 0034).  The search index and the feedback
#: index are FTS5's (SQLite): PostgreSQL reads the base tables.
POSTGRES_KEEPS = frozenset({"counts", "outreach", "talent_keys", "stage_lists", "initials"})


def keeps(db: peewee.Database, table: str) -> bool:
    """Whether *db* keeps the derived *table* (a name of :data:`POSTGRES_KEEPS`) up to date."""
    return isinstance(db, peewee.SqliteDatabase) or table in POSTGRES_KEEPS


def days_between(db: peewee.Database, start: str, end: str) -> str:
    """SQL for the number of days (fractional) from column *start* to column *end*:
    the whole seconds between them over 86,400, in double precision, so that both
    databases hand back the same number to the last bit.  (SQLite's difference of
    julian days was off by ~1e-10 — 3.13402777770534 for 3.134027777777778 — and a
    median of two such values fell on the other side of a rounding: mission 39's
    job board read 3.1 days there, 3.2 on PostgreSQL; migration 0039.)"""
    if isinstance(db, peewee.PostgresqlDatabase):
        return f"(CAST(round(EXTRACT(EPOCH FROM ({end} - {start}))) AS DOUBLE PRECISION) / CAST(86400 AS DOUBLE PRECISION))"
    return f"(CAST(round((julianday({end}) - julianday({start})) * 86400) AS REAL) / 86400.0)"


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


def is_sqlite(db: peewee.Database) -> bool:
    return isinstance(db, peewee.SqliteDatabase)


def timestamp_type(db: peewee.Database) -> str:
    """The column type of a date and time: SQLite's ``DATETIME``, PostgreSQL's ``TIMESTAMP``."""
    return "DATETIME" if is_sqlite(db) else "TIMESTAMP"


def auto_id(db: peewee.Database) -> str:
    """An id column numbered by the database: SQLite's rowid alias, PostgreSQL's ``SERIAL``."""
    return "id INTEGER NOT NULL PRIMARY KEY" if is_sqlite(db) else "id SERIAL NOT NULL PRIMARY KEY"


def ddl(db: peewee.Database, sql: str) -> str:
    """*sql*, a frozen migration's SQLite DDL, as PostgreSQL reads it (the types and the
    numbered ids above); unchanged on SQLite."""
    if is_sqlite(db):
        return sql
    return sql.replace("id INTEGER NOT NULL PRIMARY KEY", auto_id(db)).replace(" DATETIME", " TIMESTAMP")


def least(db: peewee.Database) -> str:
    """The function taking the smallest of its arguments: SQLite's scalar ``min``,
    PostgreSQL's ``LEAST`` (which skips a NULL where ``min`` gives NULL: wrap it in
    a COALESCE that falls back to the other argument and both agree)."""
    return "min" if is_sqlite(db) else "LEAST"


def insert_id(db: peewee.Database, sql: str, params: tuple = ()) -> int:
    """Run an ``INSERT`` of one row and return its new id (``lastrowid`` on
    SQLite; ``RETURNING id`` on PostgreSQL, whose cursor has none)."""
    if is_sqlite(db):
        return db.execute_sql(sql, params).lastrowid
    return db.execute_sql(f"{sql} RETURNING id", params).fetchone()[0]


def follow_ids(db: peewee.Database, table: str) -> None:
    """After rows written with their own ids (a bulk load): the next id
    PostgreSQL hands out comes after them (SQLite finds it by itself)."""
    if not is_sqlite(db):
        db.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {table}")
