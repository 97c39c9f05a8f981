"""Files as older versions left them: every shape that breaks the snooze rule, in raw
SQL on a file migrated to 0014 (the schema before migration 0015).

Each talent is one shape; :data:`BROKEN` says what each one is.  Dates are those
of :func:`broken_file`'s *base* day (a Monday, 2026-11-23, in the exact tests)."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import peewee
from playhouse import migrations

from sourcer_tui.db.database import MIGRATIONS_DIR
from sourcer_tui.db.values import as_date, as_datetime

BEFORE = "0014_clean_text"
MIGRATION = "0015_old_files"

#: what each talent's rows show (talent id -> the shape)
BROKEN = {
    1: "a keep-in-touch snooze a later reply did not end (versions before migration 0012)",
    2: "the old demo's keep-in-touch snooze, ending on a wake_up",
    3: "a wake-up skipped (x) that left its snooze on, a follow-up paused by it",
    4: "an active snooze with no end at all",
    5: "a keep-in-touch snooze whose call was done, no next call",
    6: "a wake-up rescheduled (r) without its snooze",
    7: "a talent kept in touch with no call",
    8: "a talent kept in touch with two calls",
    9: "ends left pending by snoozes that are over",
    10: "a snooze made the same day as the reply it follows (kept)",
    11: "a snooze as the app makes it, with a follow-up rescheduled while snoozed (kept)",
}


def _talent(db, talent_id, months=None):
    db.execute_sql(
        "INSERT INTO talent (id, name, headline, company, email, email_norm, phone, linkedin_url, location, source, referred_by, tags, "
        "notes, keep_in_touch_months, created_at, updated_at, linkedin_norm) VALUES (?, ?, '', '', '', '', '', '', '', 'other', '', '', '', ?, "
        "'2026-01-05 09:00:00', '2026-01-05 09:00:00', '')", (talent_id, f"Talent {talent_id}", months))


def _snooze(db, snooze_id, talent_id, kind, since, until, reason, *, active=True, woken=None):
    db.execute_sql(
        "INSERT INTO snooze (id, talent_id, since, until, reason, kind, active, woken_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (snooze_id, talent_id, since.isoformat(), until.isoformat(), reason, kind, int(active), woken, f"{since.isoformat()} 09:00:00"))


def _reminder(db, talent_id, kind, due, detail, *, snooze=None, status="pending", done=None, paused=None, step=None):
    db.execute_sql(
        "INSERT INTO reminder (talent_id, snooze_id, kind, due, step, detail, status, done_at, created_at, paused_days) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, '2026-06-01 09:00:00', ?)",
        (talent_id, snooze, kind, due.isoformat(), step, detail, status, done, paused))


def _touch(db, talent_id, kind, when):
    db.execute_sql(
        "INSERT INTO touchpoint (talent_id, kind, channel, direction, happened_at, summary, needs_feedback, feedback_given, impression, "
        "next_step, created_at, updated_at, version) VALUES (?, ?, 'email', ?, ?, '', 0, '', '', '', ?, ?, 0)",
        (talent_id, kind, "in" if kind in ("inbound", "reply_positive", "reply_negative") else "out", when, when, when))


def fill(db, base: dt.date) -> None:
    """Every shape of :data:`BROKEN`, dated from *base*."""
    def d(days):
        return base + dt.timedelta(days=days)

    def at(days, hour):
        return f"{d(days).isoformat()} {hour:02d}:00:00"

    for talent_id, months in ((1, 4), (2, 6), (3, None), (4, None), (5, 3), (6, None), (7, 2), (8, 4), (9, 6), (10, None), (11, None)):
        _talent(db, talent_id, months)
    # 1: z k, then a reply: the old version moved the call, the snooze went on
    _snooze(db, 1, 1, "keep_in_touch", d(-30), d(91), "keep in touch every 4 months")
    _reminder(db, 1, "keep_in_touch", d(91), "keep in touch every 4 months", snooze=1)
    _touch(db, 1, "reply_positive", at(-10, 10))
    # 2: the old demo: a keep-in-touch snooze ending on a wake-up, no call
    _snooze(db, 2, 2, "keep_in_touch", d(-20), d(161), "keep in touch every 6 months")
    _reminder(db, 2, "wake_up", d(161), "Snooze ends — keep in touch every 6 months", snooze=2)
    _touch(db, 2, "call", at(-20, 8))
    # 3: x on the wake-up: skipped, the snooze still on, its follow-up still paused
    _snooze(db, 3, 3, "manual", d(-83), d(-5), "on leave")
    _reminder(db, 3, "wake_up", d(-5), "on leave", snooze=3, status="skipped", done=at(-5, 9))
    _reminder(db, 3, "followup", d(-2), "Follow-up 1/3", paused=3, step=1)
    # 4: a snooze with no end
    _snooze(db, 4, 4, "manual", d(-10), d(51), "back from parental leave")
    # 5: the call of a keep-in-touch snooze done: no next call, the snooze on
    _snooze(db, 5, 5, "keep_in_touch", d(-105), d(-13), "keep in touch every 3 months")
    _reminder(db, 5, "keep_in_touch", d(-13), "keep in touch every 3 months", snooze=5, status="done", done=at(-13, 14))
    _touch(db, 5, "call", at(-13, 14))
    # 6: r on the wake-up moved it, not the snooze nor what it pauses
    _snooze(db, 6, 6, "manual", d(-21), d(9), "busy until December")
    _reminder(db, 6, "wake_up", d(16), "busy until December", snooze=6)
    _reminder(db, 6, "followup", d(11), "Follow-up 2/3", paused=2, step=2)
    # 7: kept in touch, no call (a note is not a contact)
    _touch(db, 7, "approach", at(-7, 10))
    _touch(db, 7, "note", at(-3, 10))
    # 8: two calls
    _reminder(db, 8, "keep_in_touch", d(58), "keep in touch every 4 months")
    _reminder(db, 8, "keep_in_touch", d(48), "keep in touch every 4 months")
    # 9: the ends of two snoozes that are over
    _snooze(db, 7, 9, "manual", d(-120), d(-53), "old", active=False, woken=at(-53, 9))
    _reminder(db, 9, "wake_up", d(-53), "old", snooze=7)
    _snooze(db, 8, 9, "keep_in_touch", d(-60), d(98), "keep in touch every 6 months", active=False, woken=at(-40, 9))
    _reminder(db, 9, "keep_in_touch", d(98), "keep in touch every 6 months", snooze=8)
    # 10: a no, then the snooze it offers, the same day
    _touch(db, 10, "reply_negative", at(-3, 16))
    _snooze(db, 9, 10, "manual", d(-3), d(89), "not now")
    _reminder(db, 10, "wake_up", d(89), "not now", snooze=9)
    # 11: as the app makes it: a paused follow-up, and one rescheduled while snoozed
    _snooze(db, 10, 11, "manual", d(-7), d(23), "travelling")
    _reminder(db, 11, "wake_up", d(23), "travelling", snooze=10)
    _reminder(db, 11, "followup", d(27), "Follow-up 1/3", paused=4, step=1)
    _reminder(db, 11, "followup", d(7), "Follow-up 2/3", step=2)


def file_at(path: Path, target: str) -> peewee.SqliteDatabase:
    """A new file migrated up to *target* only, as an older version left it (open)."""
    old = peewee.SqliteDatabase(str(path), pragmas={"foreign_keys": 1})
    assert migrations.Runner(old, str(MIGRATIONS_DIR)).up(target=target)[-1] == target
    return old


def insert_talent(db: peewee.Database, name: str, stamp: str) -> None:
    """A talent row in the columns of migration 0001 (every later one has its default)."""
    db.execute_sql("INSERT INTO talent (name, headline, company, email, email_norm, phone, linkedin_url, location, source, "
                   "referred_by, tags, notes, created_at, updated_at) "
                   "VALUES (?, '', '', '', '', '', '', '', 'other', '', '', '', ?, ?)", (name, stamp, stamp))


def broken_file(path: Path, base: dt.date) -> Path:
    """A file at migration 0014 holding every shape of :data:`BROKEN`."""
    old = peewee.SqliteDatabase(str(path), pragmas={"foreign_keys": 1})
    migrations.Runner(old, str(MIGRATIONS_DIR)).up(target=BEFORE)
    with old.atomic():
        fill(old, base)
    old.close()
    return path


def later_columns(db: peewee.Database) -> peewee.Database:
    """The columns and tables migrations after 0015 add (0016's due times, 0017's facts, 0023's introducers), with
    their defaults, on a file opened at 0014 without migrating: the services read
    the tables through the models of today, which name every column."""
    from sourcer_tui.db.models import ALL_MODELS

    for model in ALL_MODELS:
        table = model._meta.table_name
        if table not in db.get_tables():  # a table of a later migration (0023's introducers): as it creates it
            db.create_tables([model])
            continue
        present = {c.name for c in db.get_columns(table)}
        for field in model._meta.sorted_fields:
            if field.column_name not in present:
                default = field.default
                given = "" if default is None or callable(default) else " NOT NULL DEFAULT " + (
                    f"'{default}'" if isinstance(default, str) else str(int(default)))
                db.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN "{field.column_name}"{given}')
    return db


def migration_module():
    """Migration 0015, loaded as the runner loads it (its name starts with a digit)."""
    spec = importlib.util.spec_from_file_location(MIGRATION, MIGRATIONS_DIR / f"{MIGRATION}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _stamp(value, now):
    value = as_datetime(value) if isinstance(value, str) else value
    return "NOW" if now is not None and value == now else (None if value is None else value.isoformat(" "))


def rows(db, now: dt.datetime | None = None) -> tuple[list, list]:
    """``(snoozes, reminders)``: every row, *now* shown as ``"NOW"``."""
    snoozes = [(i, bool(active), as_date(until).isoformat(), reason, _stamp(woken, now))
               for i, active, until, reason, woken in db.execute_sql(
                   "SELECT id, active, until, reason, woken_at FROM snooze ORDER BY id").fetchall()]
    reminders = [(i, talent, snooze, kind, as_date(due).isoformat(), detail, status, _stamp(done, now), paused, _stamp(made, now))
                 for i, talent, snooze, kind, due, detail, status, done, paused, made in db.execute_sql(
                     "SELECT id, talent_id, snooze_id, kind, due, detail, status, done_at, paused_days, created_at "
                     "FROM reminder ORDER BY id").fetchall()]
    return snoozes, reminders
