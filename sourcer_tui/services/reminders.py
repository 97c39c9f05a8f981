"""Acting on due items from the Today pane: done, reschedule, skip."""

from __future__ import annotations

import datetime as dt
from ..config import Settings
from ..db.database import write_transaction
from ..db.models import Candidacy, Reminder
from ..i18n import N_, _
from . import cadence, introducers, snoozes
from .errors import Conflict, NotFound
from .touchpoints import log_touchpoint

__all__ = ["complete", "reschedule", "skip", "take"]


#: Why a due item cannot be acted on: it is no longer pending (by its status).
_ALREADY = {
    "done": N_("this item is already done"),
    "skipped": N_("this item is already skipped"),
    "cancelled": N_("this item is already cancelled"),
}

#: A sender's claim younger than this means the email is going out right now (services/sending).
CLAIM_FRESH = dt.timedelta(minutes=10)


def take(reminder_id: int) -> None:
    """Hold the item's row for the caller's write transaction, if still pending:
    on PostgreSQL a teammate acting on it at the same moment waits here for this
    transaction, then finds it done (read after this).  Without it both read
    "pending" and both logged the follow-up as sent.  On SQLite the write
    transaction holds the whole file already."""
    Reminder.update(status=Reminder.status).where((Reminder.id == reminder_id) & (Reminder.status == "pending")).execute()


def _pending(reminder_id: int, now: dt.datetime | None = None, owner: str | None = None) -> Reminder:
    """The item, still pending, and not being emailed by another sender at *now*
    (held for the caller's transaction: :func:`take`)."""
    take(reminder_id)
    reminder = Reminder.get_or_none(Reminder.id == reminder_id)
    if reminder is None:
        raise NotFound(_("due item {id} does not exist").format(id=reminder_id))
    if reminder.status != "pending":
        known = _ALREADY.get(reminder.status)
        raise Conflict(_(known) if known else _("this item is already {status}").format(status=reminder.status))
    claimed = reminder.claimed_by and reminder.claimed_by != owner and reminder.claimed_at is not None
    if claimed and now is not None and now - reminder.claimed_at < CLAIM_FRESH:
        sender = reminder.claimed_by.rsplit(" #", 1)[0]
        raise Conflict(_("{sender} is emailing it right now: wait for the send to finish").format(sender=sender))
    return reminder


def complete(reminder_id: int, now: dt.datetime, settings: Settings, *, message: str = "", channel: str | None = None,
             sender: str | None = None, template_key: str = "") -> int | None:
    """Mark done. A follow-up is logged as sent (a touchpoint carrying the *message*
    sent, on *channel*); returns its id, if any.  A thank-you to an introducer is
    recorded as a recognition (the *message*: how they were thanked).  A wake-up ends its snooze; a
    keep-in-touch call done plans the next one.  An item another sender is emailing
    is refused (*sender*: the one that claimed it, services/sending)."""
    with write_transaction():
        reminder = _pending(reminder_id, now, sender)
        touchpoint_id = None
        if reminder.kind == "followup":
            touchpoint_id = log_touchpoint(reminder.talent_id, reminder.candidacy_id, "followup", now, settings, channel=channel, summary=message,
                                           template_key=template_key)
        elif reminder.kind == introducers.THANK:  # the thank-you given: a recognition of the introducer
            introducers.thank(reminder, message, now)
        _close(reminder, "done", now, settings)
    return touchpoint_id


def _close(reminder: Reminder, status: str, now: dt.datetime, settings: Settings) -> None:
    """The item is *status* (done, skipped); what it stood for follows: a wake-up's snooze
    ends (never a snooze left without its end), a keep-in-touch call plans the next."""
    skip_weekends = settings.cadence.skip_weekends
    if reminder.kind == "wake_up" and snoozes.ends(reminder):
        snoozes.end(reminder.talent_id, now, status, skip_weekends)
        return
    Reminder.update(status=status, done_at=now).where(Reminder.id == reminder.id).execute()
    if reminder.kind == "keep_in_touch":
        snoozes.skip_call(reminder.talent_id, now, skip_weekends, reminder.candidacy_id)


def reschedule(reminder_id: int, due: dt.date, at: dt.time | None = None) -> None:
    """Move a due item to *due*, at the time of day *at* (None: the whole day); a follow-up
    paused by a snooze keeps the date chosen; a snooze's end moves the snooze with it."""
    with write_transaction():
        reminder = _pending(reminder_id)
        Reminder.update(due=due, due_time=at, paused_days=None).where(Reminder.id == reminder_id).execute()
        if snoozes.ends(reminder):
            snoozes.move_end(reminder.talent_id, due)


def skip(reminder_id: int, now: dt.datetime, settings: Settings) -> None:
    """Drop a due item. A skipped follow-up is not sent; the next one is planned from
    today.  A skipped wake-up ends the snooze; a skipped keep-in-touch call: the next
    one is N months from today."""
    with write_transaction():
        reminder = _pending(reminder_id, now)
        _close(reminder, "skipped", now, settings)
        if reminder.kind == "followup" and reminder.candidacy_id:
            candidacy = Candidacy.get_by_id(reminder.candidacy_id)
            if candidacy.sequence_state == "active":
                cadence.after_outreach(candidacy, reminder.step or 1, now.date(), now, settings)
