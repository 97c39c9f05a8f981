"""Follow-up cadence over the database: plan the next follow-up, snooze the silent.

* Logging a first message or a follow-up plans the next follow-up (a
  ``followup`` due item) or, after the last one, the day the talent is
  snoozed if still silent (a hidden ``auto_snooze`` item).
* A reply cancels both, for every mission of the talent; a closing, for its candidacy.
* A snoozed talent's follow-ups wait for the wake-up (:mod:`.snoozes`).
* :func:`sweep` turns due ``auto_snooze`` items into snoozes; it runs at
  start-up, when the day changes, and before ``sourcer-tui today``.
"""

from __future__ import annotations

import datetime as dt

from ..config import Settings
from ..db.database import read_only_reason, write_transaction
from ..db.models import Candidacy, Mission, Reminder
from ..domain.cadence import Cadence, auto_snooze_on, cadence_for, next_followup, no_reply_reason, snooze_until
from ..domain.dates import skip_weekend
from ..i18n import _
from ..db.owners import acting_as
from .snoozes import pause_new, snooze_talent

__all__ = ["mission_cadence", "after_outreach", "stop_sequence", "stop_talent_sequences", "sweep", "HIDDEN_KINDS"]

#: Due items that are bookkeeping, not something to do: never shown in Today.
HIDDEN_KINDS = ("auto_snooze",)


def mission_cadence(mission_id: int | None, settings: Settings) -> Cadence:
    """The config's cadence with the mission's overrides."""
    mission = Mission.get_or_none(Mission.id == mission_id) if mission_id else None
    if mission is None:
        return cadence_for(settings.cadence)
    return cadence_for(
        settings.cadence,
        delays=mission.followup_delays_days,
        snooze_after_days=mission.snooze_after_days,
        snooze_months=mission.snooze_months,
    )


def _pending(candidacy_id: int, kinds: tuple[str, ...]):
    return (Reminder.candidacy == candidacy_id) & (Reminder.kind.in_(kinds)) & (Reminder.status == "pending")


def after_outreach(candidacy: Candidacy, step: int, sent_on: dt.date, now: dt.datetime, settings: Settings) -> None:
    """Step *step* was sent (0 = first message): plan what comes next (inside the caller's transaction)."""
    # The follow-up just sent was due: it is done, whether sent from Today or logged by hand.
    Reminder.update(status="done", done_at=now).where(_pending(candidacy.id, ("followup", "auto_snooze"))).execute()
    cadence = mission_cadence(candidacy.mission_id, settings)
    following = next_followup(cadence, step, sent_on)
    if following is not None:
        number, due = following
        Reminder.insert(
            talent=candidacy.talent_id, candidacy=candidacy.id, kind="followup", step=number, due=due,
            # written in the language of the moment (an English one is shown translated: panes.shown_detail)
            detail=_("Follow-up {step}/{total}").format(step=number, total=cadence.followups), status="pending", created_at=now,
        ).execute()
    else:
        Reminder.insert(
            talent=candidacy.talent_id, candidacy=candidacy.id, kind="auto_snooze", step=step,
            due=auto_snooze_on(cadence, sent_on), detail=no_reply_reason(step), status="pending", created_at=now,
        ).execute()
    pause_new(candidacy.talent_id, now.date())  # a snoozed talent's cadence waits for the wake-up


def stop_sequence(candidacy_id: int, now: dt.datetime) -> int:
    """A closing (or a move past outreach) stops the candidacy's sequence at once:
    nothing more is planned.  Returns how many planned items it cancelled."""
    return Reminder.update(status="cancelled", done_at=now).where(_pending(candidacy_id, ("followup", "auto_snooze"))).execute()


def stop_talent_sequences(talent_id: int, now: dt.datetime) -> None:
    """The talent replied: no follow-up goes out to them any more, in any mission
    (a sequence left active resumes with the next message you log in it)."""
    Reminder.update(status="cancelled", done_at=now).where(
        (Reminder.talent == talent_id) & Reminder.kind.in_(("followup", "auto_snooze")) & (Reminder.status == "pending")
    ).execute()


def sweep(today: dt.date, now: dt.datetime, settings: Settings) -> int:
    """Snooze every talent whose last follow-up met silence; returns how many
    (none on a read-only database: they wait for a session that can write)."""
    if read_only_reason():
        return 0
    due = list(
        Reminder.select().where((Reminder.kind == "auto_snooze") & (Reminder.status == "pending") & (Reminder.due <= today))
    )
    for reminder in due:
        # the snooze and its wake-up are theirs who sent the last message, whoever's app plans today
        with write_transaction(), acting_as(reminder.owner):
            candidacy = Candidacy.get_or_none(Candidacy.id == reminder.candidacy_id)
            Reminder.update(status="done", done_at=now).where(Reminder.id == reminder.id).execute()
            if candidacy is None or candidacy.sequence_state != "active":
                continue
            cadence = mission_cadence(candidacy.mission_id, settings)
            until = snooze_until(reminder.due, cadence.snooze_months, cadence.skip_weekends)
            if until <= today:  # the app was not opened for months: wake-up due tomorrow (a Monday for a Friday)
                tomorrow = today + dt.timedelta(days=1)
                until = skip_weekend(tomorrow) if cadence.skip_weekends else tomorrow
            snooze_talent(
                candidacy.talent_id, until, reminder.detail, now,
                kind="no_reply", candidacy_id=candidacy.id, since=reminder.due, skip_weekends=cadence.skip_weekends,
            )
            Candidacy.update(sequence_state="completed", updated_at=now).where(Candidacy.id == candidacy.id).execute()
    return len(due)
