"""Read models for the Today, Snoozed and Capture panes (paged)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from peewee import JOIN

from ..db.models import Candidacy, Mission, Reminder, Snooze, Talent, Touchpoint

__all__ = [
    "DueRow",
    "SnoozedRow",
    "AwaitingRow",
    "count_due",
    "fetch_due",
    "count_snoozed",
    "fetch_snoozed",
    "count_awaiting_feedback",
    "fetch_awaiting_feedback",
]


@dataclass(frozen=True)
class DueRow:
    reminder_id: int
    due: dt.date
    kind: str
    step: int | None
    detail: str
    talent_id: int
    name: str
    mission: str
    candidacy_id: int | None


@dataclass(frozen=True)
class SnoozedRow:
    snooze_id: int
    until: dt.date
    since: dt.date
    reason: str
    talent_id: int
    name: str
    candidacy_id: int | None


@dataclass(frozen=True)
class AwaitingRow:
    touchpoint_id: int
    happened_at: dt.datetime
    kind: str
    channel: str
    talent_id: int
    name: str
    mission: str


def _due(today: dt.date):
    return (Reminder.status == "pending") & (Reminder.due <= today)


def count_due(today: dt.date) -> int:
    return Reminder.select().where(_due(today)).count()


def fetch_due(today: dt.date, offset: int, limit: int) -> Sequence[DueRow]:
    """Pending reminders due on or before *today*, most overdue first."""
    query = (
        Reminder.select(
            Reminder.id, Reminder.due, Reminder.kind, Reminder.step, Reminder.detail, Talent.id, Talent.name, Mission.title,
            Reminder.candidacy,
        )
        .join_from(Reminder, Talent)
        .join_from(Reminder, Candidacy, JOIN.LEFT_OUTER)
        .join_from(Candidacy, Mission, JOIN.LEFT_OUTER)
        .where(_due(today))
        .order_by(Reminder.due, Reminder.id)
        .offset(offset)
        .limit(limit)
    )
    return [DueRow(*row[:7], row[7] or "", row[8]) for row in query.tuples()]


def count_snoozed() -> int:
    return Snooze.select().where(Snooze.active == True).count()  # noqa: E712


def fetch_snoozed(offset: int, limit: int) -> Sequence[SnoozedRow]:
    """Active snoozes, soonest wake-up first."""
    query = (
        Snooze.select(Snooze.id, Snooze.until, Snooze.since, Snooze.reason, Talent.id, Talent.name, Snooze.candidacy)
        .join(Talent)
        .where(Snooze.active == True)  # noqa: E712
        .order_by(Snooze.until, Snooze.id)
        .offset(offset)
        .limit(limit)
    )
    return [SnoozedRow(*row) for row in query.tuples()]


def _awaiting():
    return Touchpoint.needs_feedback & Touchpoint.feedback_at.is_null()


def count_awaiting_feedback() -> int:
    return Touchpoint.select().where(_awaiting()).count()


def fetch_awaiting_feedback(offset: int, limit: int) -> Sequence[AwaitingRow]:
    """Touchpoints still missing their feedback à chaud, newest first."""
    query = (
        Touchpoint.select(
            Touchpoint.id, Touchpoint.happened_at, Touchpoint.kind, Touchpoint.channel, Talent.id, Talent.name, Mission.title
        )
        .join_from(Touchpoint, Talent)
        .join_from(Touchpoint, Candidacy, JOIN.LEFT_OUTER)
        .join_from(Candidacy, Mission, JOIN.LEFT_OUTER)
        .where(_awaiting())
        .order_by(Touchpoint.happened_at.desc(), Touchpoint.id.desc())
        .offset(offset)
        .limit(limit)
    )
    return [AwaitingRow(*row[:6], row[6] or "") for row in query.tuples()]
