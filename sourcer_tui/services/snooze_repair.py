"""Rows written by older versions made to follow the snooze rule (services/snoozes.py).

Older versions, and JSON exports of their files imported into this one, can
hold what the app no longer makes: a keep-in-touch snooze a reply did not
end, a snooze whose wake-up was skipped but which goes on with no end (the
talent hidden for good), a kept-in-touch talent with no call planned, the old
demo's keep-in-touch snoozes ending on a ``wake_up``, a wake-up rescheduled
without its snooze.  :func:`repair` puts the whole database back under the
rule, and changes nothing in a database that follows it (run it twice: the
second run changes nothing):

0. only for the reminders *never_paused* names (an import of an export made
   before snoozes paused the cadence, whose reminders have no
   ``paused_days``): a snoozed talent's pending follow-ups are paused as
   migration 0012 paused them, counting what was left to wait when the
   snooze began (then, as in a file, what ends the snooze resumes them);
1. an active snooze made on a day before the talent's latest reply (an
   ``inbound``, a positive or negative reply) is ended as that reply ends it
   now: its end is done, the cadence resumes, a keep-in-touch call stays;
2. an active snooze whose wake-up was handled (done or skipped) and that has
   no end pending any more is over, as handling a wake-up ends it now;
3. an end left pending by a snooze that is over: a wake-up is cancelled, a
   keep-in-touch call stays planned, no longer tied to it;
4. a keep-in-touch snooze ends on the keep-in-touch call, not on a wake-up;
5. an active snooze with no end pending gets one: a wake-up on its last day,
   or for a keep-in-touch snooze the next call (N months after the last
   contact, tomorrow at the earliest), which it lasts until;
6. a snooze lasts until its end: a wake-up moved alone moves the snooze and
   what it pauses;
7. a talent kept in touch has exactly one pending call: one is planned if
   none is, and of several the snooze's (else the soonest) is kept.

A pending follow-up of a snoozed talent that is *not* paused is left alone
otherwise: rescheduling a paused follow-up makes one (the date chosen wins).

Migration 0015 applies the same repair to the files already on disk, in SQL
of its own (a migration keeps the schema of its time); the tests run both on
the same files and compare every row.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from peewee import fn

from ..db.database import write_transaction
from ..db.models import Reminder, Snooze, Talent, Touchpoint
from ..db.values import as_date, as_datetime
from ..domain.cadence import MAX_SNOOZE_MONTHS, keep_in_touch_reason
from ..i18n import _
from .snoozes import PAUSED_KINDS, WAKING_KINDS, _end_active, _follow_calls, _plan_call, _repause

__all__ = ["repair"]

ENDS = ("wake_up", "keep_in_touch")
HANDLED = ("done", "skipped")


def _months(value) -> int | None:
    """The talent's keep-in-touch months, None when off (or a value no version accepts)."""
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_SNOOZE_MONTHS:
        return value
    return None


def _active() -> list[Snooze]:
    return list(Snooze.select(Snooze.id, Snooze.talent, Snooze.candidacy, Snooze.since, Snooze.until, Snooze.reason,
                              Snooze.kind, Snooze.created_at).where(Snooze.active == True).order_by(Snooze.id))  # noqa: E712


def _pending_ends() -> dict[int, list[Reminder]]:
    """The pending ends of the active snoozes, by snooze, in id order (one read: a
    file holds thousands of snoozes, and looking at each costs milliseconds)."""
    ends: dict[int, list[Reminder]] = {}
    active = Snooze.select(Snooze.id).where(Snooze.active == True)  # noqa: E712
    for reminder in Reminder.select(Reminder.id, Reminder.snooze, Reminder.kind, Reminder.due).where(
            (Reminder.status == "pending") & Reminder.kind.in_(ENDS) & Reminder.snooze.in_(active)).order_by(Reminder.id):
        ends.setdefault(reminder.snooze_id, []).append(reminder)
    return ends


def _tied(snooze_id: int, *kinds: str):
    """The snooze's pending ends of *kinds*, in id order."""
    return Reminder.select(Reminder.id, Reminder.kind, Reminder.due).where(
        (Reminder.snooze == snooze_id) & Reminder.kind.in_(kinds) & (Reminder.status == "pending")).order_by(Reminder.id)


def _end_replied(now: dt.datetime, skip_weekends: bool, fixed: Counter) -> None:
    """1. A reply on a later day than the snooze was made ends it (the same day: the
    snooze a negative reply offers is made after it)."""
    snoozed = {s.talent_id: s for s in _active()}
    if not snoozed:
        return
    talents = Snooze.select(Snooze.talent).where(Snooze.active == True)  # noqa: E712
    replies = (Touchpoint.select(Touchpoint.talent, fn.MAX(Touchpoint.happened_at))
               .where(Touchpoint.kind.in_(sorted(WAKING_KINDS)) & Touchpoint.talent.in_(talents))
               .group_by(Touchpoint.talent).tuples())
    for talent_id, last in replies:
        made = as_datetime(snoozed[talent_id].created_at)
        if last is not None and made is not None and as_date(last) > made.date():
            _end_active(talent_id, now, "done", skip_weekends)
            fixed["ended by a reply"] += 1


def _end_handled(now: dt.datetime, skip_weekends: bool, fixed: Counter) -> None:
    """2. A wake-up done or skipped with its snooze left on: the snooze is over."""
    ends = _pending_ends()
    for snooze in _active():
        if snooze.kind == "keep_in_touch" or snooze.id in ends:
            continue
        last = Reminder.select(Reminder.status).where((Reminder.snooze == snooze.id) & (Reminder.kind == "wake_up")).order_by(
            Reminder.id.desc()).scalar()
        if last in HANDLED:
            _end_active(snooze.talent_id, now, "done", skip_weekends)
            fixed["woken"] += 1


def _drop_stray_ends(now: dt.datetime, fixed: Counter) -> None:
    """3. The ends of snoozes that are over."""
    over = Snooze.select(Snooze.id).where(Snooze.active == False)  # noqa: E712
    pending = (Reminder.status == "pending") & Reminder.snooze.in_(over)
    fixed["stray wake-ups"] += Reminder.update(status="cancelled", done_at=now).where(pending & (Reminder.kind == "wake_up")).execute()
    fixed["calls untied"] += Reminder.update(snooze=None).where(pending & (Reminder.kind == "keep_in_touch")).execute()


def _plan_ends(now: dt.datetime, skip_weekends: bool, fixed: Counter) -> None:
    """4-6. Every active snooze has its end pending, of its kind, on its last day."""
    today = now.date()
    ends = _pending_ends()
    for snooze in _active():
        mine = ends.get(snooze.id, [])
        kind = "keep_in_touch" if snooze.kind == "keep_in_touch" else "wake_up"
        if mine and all(r.kind == kind for r in mine) and mine[0].due == snooze.until:
            continue  # as the rule says (most of them)
        talent_id = snooze.talent_id
        months = _months(Talent.select(Talent.keep_in_touch_months).where(Talent.id == talent_id).scalar())
        if snooze.kind == "keep_in_touch":
            detail = keep_in_touch_reason(months) if months else snooze.reason
            fixed["ends made calls"] += Reminder.update(kind="keep_in_touch", detail=detail).where(
                (Reminder.snooze == snooze.id) & (Reminder.kind == "wake_up") & (Reminder.status == "pending")).execute()
            if not _tied(snooze.id, "keep_in_touch").exists():
                if months:
                    _follow_calls(talent_id, months, now, skip_weekends)
                else:
                    _plan_call(talent_id, max(snooze.until, today + dt.timedelta(days=1)), snooze.reason, now, snooze_id=snooze.id)
                fixed["ends planned"] += 1
        else:
            fixed["calls untied"] += Reminder.update(snooze=None).where(
                (Reminder.snooze == snooze.id) & (Reminder.kind == "keep_in_touch") & (Reminder.status == "pending")).execute()
            if not _tied(snooze.id, "wake_up").exists():
                Reminder.insert(
                    talent=talent_id, candidacy=snooze.candidacy_id, snooze=snooze.id, kind="wake_up",
                    due=snooze.until, detail=snooze.reason or _("snooze ends"), status="pending", created_at=now,
                ).execute()
                fixed["ends planned"] += 1
        end = _tied(snooze.id, *ENDS).first()
        until = as_date(Snooze.select(Snooze.until).where(Snooze.id == snooze.id).scalar())
        if end is not None and end.due != until:
            Snooze.update(until=end.due).where(Snooze.id == snooze.id).execute()
            _repause(talent_id, end.due)
            fixed["snoozes moved to their end"] += 1


def _one_call_each(now: dt.datetime, skip_weekends: bool, fixed: Counter) -> None:
    """7. Exactly one pending call per talent kept in touch."""
    kept = Talent.select(Talent.id, Talent.keep_in_touch_months).where(
        Talent.keep_in_touch_months.is_null(False)).order_by(Talent.id).tuples()
    calls: dict[int, list[Reminder]] = {}
    for call in Reminder.select(Reminder.id, Reminder.talent, Reminder.snooze, Reminder.due).where(
            (Reminder.kind == "keep_in_touch") & (Reminder.status == "pending")).order_by(Reminder.due, Reminder.id):
        calls.setdefault(call.talent_id, []).append(call)
    active = {s.id for s in Snooze.select(Snooze.id).where(Snooze.active == True)}  # noqa: E712
    for talent_id, months in kept:
        months = _months(months)
        if not months:
            continue
        mine = calls.get(talent_id, [])
        if not mine:
            _follow_calls(talent_id, months, now, skip_weekends)
            fixed["calls planned"] += 1
        elif len(mine) > 1:
            keep = next((c for c in mine if c.snooze_id in active), mine[0])
            extra = [c.id for c in mine if c.id != keep.id]
            fixed["calls cancelled"] += Reminder.update(status="cancelled", done_at=now).where(Reminder.id.in_(extra)).execute()


def _pause_old(never_paused: set[int], fixed: Counter) -> None:
    """0. Follow-ups written before snoozes paused the cadence, paused as migration 0012 did."""
    rows = (Reminder.select(Reminder.id, Reminder.due, Snooze.since, Snooze.until)
            .join(Snooze, on=(Snooze.talent == Reminder.talent))
            .where((Snooze.active == True) & (Reminder.status == "pending") & Reminder.kind.in_(PAUSED_KINDS)  # noqa: E712
                   & Reminder.paused_days.is_null())
            .order_by(Reminder.id, Snooze.id).tuples())
    seen = set()
    for reminder_id, due, since, until in rows:
        if reminder_id in never_paused and reminder_id not in seen:
            seen.add(reminder_id)
            left = max(0, (as_date(due) - as_date(since)).days)
            Reminder.update(due=as_date(until) + dt.timedelta(days=left), paused_days=left).where(Reminder.id == reminder_id).execute()
            fixed["follow-ups paused"] += 1


def repair(now: dt.datetime, skip_weekends: bool = True, *, never_paused: Iterable[int] = ()) -> dict[str, int]:
    """Make every snooze and keep-in-touch row follow the rule (see the module's
    docstring), inside the caller's transaction or its own; returns how many of
    each repair were made (empty when there was nothing to do)."""
    fixed: Counter = Counter()
    with write_transaction():
        if never_paused:  # first, as migration 0012 ran before the versions that end snoozes so
            _pause_old(set(never_paused), fixed)
        _end_replied(now, skip_weekends, fixed)
        _end_handled(now, skip_weekends, fixed)
        _drop_stray_ends(now, fixed)
        _plan_ends(now, skip_weekends, fixed)
        _one_call_each(now, skip_weekends, fixed)
    return {key: n for key, n in fixed.items() if n}
