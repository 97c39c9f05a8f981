"""Snoozes: hide a talent until a date, wake them, keep in touch every N months.

A talent has at most one active snooze; its end is a due item in Today
(``wake_up``, or ``keep_in_touch`` for the recurring kind).  Snoozing again
replaces the active snooze.
"""

from __future__ import annotations

import datetime as dt

from peewee import fn

from ..db.database import write_transaction
from ..db.models import Reminder, Snooze, Talent, Touchpoint
from ..domain.cadence import keep_in_touch_due
from ..domain.text import clean_line
from .errors import InvalidInput, NotFound

__all__ = ["snooze_talent", "wake", "keep_in_touch", "stop_keep_in_touch", "active_snooze", "after_contact", "WAKING_KINDS"]

#: Contacts that wake a snoozed talent (they reached out): a plain snooze ends.
WAKING_KINDS = frozenset({"inbound", "reply_positive", "reply_negative"})


def active_snooze(talent_id: int) -> Snooze | None:
    return Snooze.select().where((Snooze.talent == talent_id) & (Snooze.active == True)).first()  # noqa: E712


def _end_active(talent_id: int, now: dt.datetime, status: str) -> None:
    current = active_snooze(talent_id)
    if current is None:
        return
    Snooze.update(active=False, woken_at=now).where(Snooze.id == current.id).execute()
    Reminder.update(status=status, done_at=now).where((Reminder.snooze == current.id) & (Reminder.status == "pending")).execute()


def snooze_talent(
    talent_id: int,
    until: dt.date,
    reason: str,
    now: dt.datetime,
    *,
    kind: str = "manual",
    candidacy_id: int | None = None,
    since: dt.date | None = None,
) -> int:
    """Hide the talent until *until* (replacing any active snooze); the end is due in Today."""
    reason = clean_line(reason)
    if until <= now.date():
        raise InvalidInput({"until": "a snooze ends in the future"})
    if until > now.date() + dt.timedelta(days=732):
        raise InvalidInput({"until": "at most 2 years"})
    with write_transaction():
        if not Talent.select().where(Talent.id == talent_id).exists():
            raise NotFound(f"talent {talent_id} does not exist")
        _end_active(talent_id, now, "cancelled")
        snooze_id = Snooze.insert(
            talent=talent_id, candidacy=candidacy_id, since=since or now.date(), until=until,
            reason=reason, kind=kind, active=True, created_at=now,
        ).execute()
        Reminder.insert(
            talent=talent_id, candidacy=candidacy_id, snooze=snooze_id,
            kind="keep_in_touch" if kind == "keep_in_touch" else "wake_up",
            due=until, detail=reason or "snooze ends", status="pending", created_at=now,
        ).execute()
    return snooze_id


def wake(snooze_id: int, now: dt.datetime) -> None:
    """End a snooze now (early, or when its wake-up is handled)."""
    with write_transaction():
        snooze = Snooze.get_or_none(Snooze.id == snooze_id)
        if snooze is None or not snooze.active:
            raise NotFound("this snooze is already over")
        Snooze.update(active=False, woken_at=now).where(Snooze.id == snooze_id).execute()
        Reminder.update(status="done", done_at=now).where((Reminder.snooze == snooze_id) & (Reminder.status == "pending")).execute()


def _last_contact(talent_id: int) -> dt.date | None:
    last = Touchpoint.select(fn.MAX(Touchpoint.happened_at)).where(Touchpoint.talent == talent_id).scalar()
    if isinstance(last, str):  # MAX() comes back raw from SQLite
        last = dt.datetime.fromisoformat(last)
    return last.date() if last else None


def keep_in_touch(talent_id: int, months: int, now: dt.datetime, skip_weekends: bool) -> int:
    """Recontact the talent every *months*, counted from their last actual contact."""
    if not 1 <= months <= 24:
        raise InvalidInput({"months": "between 1 and 24 months"})
    with write_transaction():
        Talent.update(keep_in_touch_months=months).where(Talent.id == talent_id).execute()
        last = _last_contact(talent_id) or now.date()
        until = keep_in_touch_due(last, months, skip_weekends)
        if until <= now.date():  # overdue already: due tomorrow at the latest
            until = now.date() + dt.timedelta(days=1)
        return snooze_talent(talent_id, until, f"keep in touch every {months} months", now, kind="keep_in_touch")


def stop_keep_in_touch(talent_id: int, now: dt.datetime) -> None:
    with write_transaction():
        Talent.update(keep_in_touch_months=None).where(Talent.id == talent_id).execute()
        current = active_snooze(talent_id)
        if current is not None and current.kind == "keep_in_touch":
            _end_active(talent_id, now, "cancelled")


def after_contact(talent_id: int, kind: str, happened: dt.datetime, now: dt.datetime, skip_weekends: bool) -> None:
    """A contact was logged (inside the caller's transaction): push keep-in-touch back,
    and end a plain snooze when the talent reached out themselves."""
    talent = Talent.get_by_id(talent_id)
    current = active_snooze(talent_id)
    if talent.keep_in_touch_months:
        until = keep_in_touch_due(happened.date(), talent.keep_in_touch_months, skip_weekends)
        if current is not None and current.kind == "keep_in_touch":
            Snooze.update(until=until).where(Snooze.id == current.id).execute()
            Reminder.update(due=until).where((Reminder.snooze == current.id) & (Reminder.status == "pending")).execute()
            return
        if current is None and until > now.date():
            reason = f"keep in touch every {talent.keep_in_touch_months} months"
            snooze_talent(talent_id, until, reason, now, kind="keep_in_touch")
            return
    if current is not None and kind in WAKING_KINDS and current.kind != "keep_in_touch":
        _end_active(talent_id, now, "done")
