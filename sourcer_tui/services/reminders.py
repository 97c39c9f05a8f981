"""Acting on due items from the Today pane: done, reschedule, skip."""

from __future__ import annotations

import datetime as dt
from ..config import Settings
from ..db.database import write_transaction
from ..db.models import Candidacy, Reminder
from . import cadence, snoozes
from .errors import Conflict, NotFound
from .touchpoints import log_touchpoint

__all__ = ["complete", "reschedule", "skip"]


def _pending(reminder_id: int) -> Reminder:
    reminder = Reminder.get_or_none(Reminder.id == reminder_id)
    if reminder is None:
        raise NotFound(f"due item {reminder_id} does not exist")
    if reminder.status != "pending":
        raise Conflict(f"this item is already {reminder.status}")
    return reminder


def complete(reminder_id: int, now: dt.datetime, settings: Settings, *, message: str = "", channel: str | None = None) -> int | None:
    """Mark done. A follow-up is logged as sent (a touchpoint carrying the *message*
    sent, on *channel*); returns its id, if any."""
    with write_transaction():
        reminder = _pending(reminder_id)
        touchpoint_id = None
        if reminder.kind == "followup":
            touchpoint_id = log_touchpoint(reminder.talent_id, reminder.candidacy_id, "followup", now, settings, channel=channel, summary=message)
        Reminder.update(status="done", done_at=now).where(Reminder.id == reminder_id).execute()
    return touchpoint_id


def reschedule(reminder_id: int, due: dt.date) -> None:
    """Move a due item to *due* (a follow-up paused by a snooze keeps the date chosen)."""
    with write_transaction():
        _pending(reminder_id)
        Reminder.update(due=due, paused_days=None).where(Reminder.id == reminder_id).execute()


def skip(reminder_id: int, now: dt.datetime, settings: Settings) -> None:
    """Drop a due item. A skipped follow-up is not sent; the next one is planned from
    today.  A skipped keep-in-touch call: the next one is N months from today."""
    with write_transaction():
        reminder = _pending(reminder_id)
        Reminder.update(status="skipped", done_at=now).where(Reminder.id == reminder_id).execute()
        if reminder.kind == "followup" and reminder.candidacy_id:
            candidacy = Candidacy.get_by_id(reminder.candidacy_id)
            if candidacy.sequence_state == "active":
                cadence.after_outreach(candidacy, reminder.step or 1, now.date(), now, settings)
        if reminder.kind == "keep_in_touch":
            snoozes.skip_call(reminder.talent_id, now, settings.cadence.skip_weekends)
