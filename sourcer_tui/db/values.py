"""Dates and timestamps as a database hands them back, as Python values.

Raw rows (:mod:`.compiled`, SQL aggregates) carry SQLite's text, where
Peewee's fields would have converted; PostgreSQL gives ``date`` and
``datetime`` already.  One reading of both, for every service.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["as_date", "as_datetime", "as_time"]


def as_date(value) -> dt.date | None:
    """A ``DATE`` (or the day of a timestamp); None for NULL or empty text."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def as_datetime(value) -> dt.datetime | None:
    """A timestamp, as Peewee's DateTimeField reads it; None for NULL."""
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def as_time(value) -> dt.time | None:
    """A ``TIME`` (``14:30:00`` in SQLite's text), as Peewee's TimeField reads it; None for NULL."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.time):
        return value
    return dt.time.fromisoformat(str(value))
