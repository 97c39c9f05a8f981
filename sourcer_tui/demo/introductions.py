"""The demo's introducers: one per name written in ``referred_by`` (as migration
0023 makes them from an older file), their channel from the talent's source, and
the thank-you owed for each introduction that reached interview or was hired."""

from __future__ import annotations

import datetime as dt

import peewee

from ..services import introducers


def add_introducers(db: peewee.Database, now: dt.datetime, *, plan_thanks: bool = True) -> int:
    """Introducers for the talents written with a ``referred_by``; returns the number
    of thank-you items planned (the demo's counts add them to its reminders).
    Without *plan_thanks* (the benchmark's data: a history, as migration 0023
    treats an older file's), none is planned."""
    stamp = now.isoformat(" ")
    db.execute_sql(
        "INSERT INTO introducer (name, company, channel, created_at, updated_at) "
        "SELECT referred_by, '', CASE WHEN MIN(source) = 'social_referral' THEN 'linkedin' ELSE 'email' END, MIN(created_at), ? "
        "FROM talent WHERE referred_by != '' GROUP BY referred_by ORDER BY MIN(id)", (stamp,))
    db.execute_sql("UPDATE talent SET introducer_id = (SELECT i.id FROM introducer i WHERE i.name = talent.referred_by) WHERE referred_by != ''")
    introduced = [t for (t,) in db.execute_sql("SELECT id FROM talent WHERE introducer_id IS NOT NULL").fetchall()]
    return introducers.note_progress(introduced, now) if plan_thanks else 0
