"""Acting on due items from the Today pane: done, reschedule, skip."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..db.database import write_transaction
from ..db.models import Reminder
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


def complete(reminder_id: int, now: dt.datetime, stages: Sequence[str]) -> int | None:
    """Mark done. A follow-up is logged as sent (a touchpoint); returns its id, if any."""
    with write_transaction():
        reminder = _pending(reminder_id)
        touchpoint_id = None
        if reminder.kind == "followup":
            touchpoint_id = log_touchpoint(reminder.talent_id, reminder.candidacy_id, "followup", now, stages)
        Reminder.update(status="done", done_at=now).where(Reminder.id == reminder_id).execute()
    return touchpoint_id


def reschedule(reminder_id: int, due: dt.date) -> None:
    with write_transaction():
        _pending(reminder_id)
        Reminder.update(due=due).where(Reminder.id == reminder_id).execute()


def skip(reminder_id: int, now: dt.datetime) -> None:
    with write_transaction():
        _pending(reminder_id)
        Reminder.update(status="skipped", done_at=now).where(Reminder.id == reminder_id).execute()
