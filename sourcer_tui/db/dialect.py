"""The few SQL expressions that differ between SQLite and PostgreSQL."""

from __future__ import annotations

import peewee

__all__ = ["days_between"]


def days_between(db: peewee.Database, start: str, end: str) -> str:
    """SQL for the number of days (fractional) from column *start* to column *end*."""
    if isinstance(db, peewee.PostgresqlDatabase):
        return f"(EXTRACT(EPOCH FROM ({end} - {start})) / 86400.0)"
    return f"(julianday({end}) - julianday({start}))"
