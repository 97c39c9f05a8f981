"""Emailing a due follow-up exactly once, whoever sends it.

Two senders may reach one due follow-up at the same moment: two
``send-due`` (a cron job and a hand-typed one), or ``send-due`` and ``E`` in
the app.  Before sending, each *claims* the item — owner and time written in
one ``BEGIN IMMEDIATE`` transaction (migration 0013) — and a sender finding
it claimed by another skips it.  A failed send releases the claim (the item
stays due); a sent one is logged and its claim cleared in one transaction.
A claim older than :data:`STALE_AFTER` is the trace of a sender that died
mid-send: it may be taken over, and the taker says so.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import socket
from dataclasses import dataclass

from ..config import Settings
from ..db.database import write_transaction
from ..db.models import Reminder
from ..i18n import N_, _
from . import reminders
from .errors import Conflict, NotFound

__all__ = ["STALE_AFTER", "Claim", "ClaimedElsewhere", "sender_name", "claim", "release", "complete"]

#: A claim this old is taken over (its sender died: a send takes seconds).
STALE_AFTER = reminders.CLAIM_FRESH


#: Why a due item cannot be claimed: it is no longer pending (by its status).
_ALREADY = {
    "done": N_("it is already done"),
    "skipped": N_("it is already skipped"),
    "cancelled": N_("it is already cancelled"),
}


class ClaimedElsewhere(Conflict):
    """Another sender is emailing this item right now; ``str()`` says who and since when."""

    def __init__(self, owner: str, since: dt.datetime | None) -> None:
        self.owner, self.since = owner, since
        if since:
            text = _("{sender} is emailing it since {time}").format(sender=_shown(owner), time=f"{since:%H:%M}")
        else:
            text = _("{sender} is emailing it").format(sender=_shown(owner))
        super().__init__(text)


@dataclass(frozen=True)
class Claim:
    reminder_id: int
    owner: str
    #: ``(owner, claimed at)`` of a stale claim this one replaced, else None.
    took_over: tuple[str, dt.datetime | None] | None = None

    def took_over_text(self) -> str:
        """``took it over from send-due (pid 41, host) whose claim of 10:02 was stale``, or ""."""
        if self.took_over is None:
            return ""
        owner, since = self.took_over
        minutes = int(STALE_AFTER.total_seconds() // 60)
        if since:
            return _("took it over from {sender}, whose claim of {time} was over {minutes} minutes old").format(
                sender=_shown(owner), time=f"{since:%H:%M}", minutes=minutes
            )
        return _("took it over from {sender}, whose claim was over {minutes} minutes old").format(sender=_shown(owner), minutes=minutes)


def sender_name(what: str) -> str:
    """An owner unique to this sender: ``send-due (pid 4242, host) #1a2b``."""
    return f"{what} (pid {os.getpid()}, {socket.gethostname()}) #{secrets.token_hex(2)}"


def _shown(owner: str) -> str:
    return owner.rsplit(" #", 1)[0]


def claim(reminder_id: int, owner: str, now: dt.datetime) -> Claim:
    """Claim a pending follow-up for *owner*.

    Raises :class:`ClaimedElsewhere` when another sender holds a fresh claim,
    :class:`~.errors.Conflict` when it is no longer pending (sent, skipped),
    :class:`~.errors.NotFound` when it is gone.
    """
    with write_transaction():
        reminders.take(reminder_id)  # a teammate's claim at the same moment waits, then reads ours
        row = Reminder.get_or_none(Reminder.id == reminder_id)
        if row is None:
            raise NotFound(_("due item {id} does not exist").format(id=reminder_id))
        if row.status != "pending":
            known = _ALREADY.get(row.status)
            raise Conflict(_(known) if known else _("it is already {status}").format(status=row.status))
        took_over = None
        if row.claimed_by and row.claimed_by != owner:
            if row.claimed_at is not None and now - row.claimed_at < STALE_AFTER:
                raise ClaimedElsewhere(row.claimed_by, row.claimed_at)
            took_over = (row.claimed_by, row.claimed_at)
        Reminder.update(claimed_by=owner, claimed_at=now).where(Reminder.id == reminder_id).execute()
    return Claim(reminder_id, owner, took_over)


def release(reminder_id: int, owner: str) -> None:
    """Give the item back (the send failed): it stays due, anyone may send it."""
    with write_transaction():
        Reminder.update(claimed_by=None, claimed_at=None).where(
            (Reminder.id == reminder_id) & (Reminder.claimed_by == owner)
        ).execute()


def complete(reminder_id: int, owner: str, now: dt.datetime, settings: Settings, *, message: str, channel: str = "email",
             template_key: str = "") -> int | None:
    """The email went out: log it as sent (reminders.complete) and clear the claim, in one transaction.

    Raises :class:`~.errors.Conflict` when it was marked done meanwhile (by
    hand, or by a sender that took over a claim it thought stale): the email
    is out, and the item is not logged twice.
    """
    with write_transaction():
        touchpoint_id = reminders.complete(reminder_id, now, settings, message=message, channel=channel, sender=owner,
                                           template_key=template_key)
        Reminder.update(claimed_by=None, claimed_at=None).where(Reminder.id == reminder_id).execute()
    return touchpoint_id
