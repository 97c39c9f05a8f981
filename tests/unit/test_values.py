"""db.values: dates and timestamps as SQLite (text) or PostgreSQL (objects) hand them back."""

from __future__ import annotations

import datetime as dt

from sourcer_tui.db.values import as_date, as_datetime


def test_as_date_reads_text_objects_and_nothing():
    assert as_date("2026-12-01") == dt.date(2026, 12, 1)
    assert as_date("2026-12-01 10:30:00") == dt.date(2026, 12, 1)  # the day of a timestamp
    assert as_date(dt.datetime(2026, 12, 1, 23, 59)) == dt.date(2026, 12, 1)
    assert as_date(dt.date(2026, 12, 1)) == dt.date(2026, 12, 1)
    assert as_date(None) is None and as_date("") is None


def test_as_datetime_reads_every_format_peewee_writes():
    assert as_datetime("2026-12-01 10:30:00") == dt.datetime(2026, 12, 1, 10, 30)
    assert as_datetime("2026-12-01 10:30:00.123456") == dt.datetime(2026, 12, 1, 10, 30, 0, 123456)
    assert as_datetime("2026-12-01") == dt.datetime(2026, 12, 1)
    moment = dt.datetime(2026, 12, 1, 10, 30)
    assert as_datetime(moment) is moment and as_datetime(None) is None
