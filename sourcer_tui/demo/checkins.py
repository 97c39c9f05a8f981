"""The demo's shortlist check-ins (issue 21): two talents who reached interview
and closed without a hire, checked in with — one call due, one months ahead.

Drawn from what the demo already holds (no random draw: the other draws stay
as they were), through the same service as the check-in offer."""

from __future__ import annotations

import datetime as dt

from ..db.models import Candidacy, Reminder, Snooze, Talent
from ..domain.dates import add_months
from ..domain.vocab import CLOSED_STAGES, DEFAULT_STAGES
from ..services import checkins

__all__ = ["add_checkins"]

#: The check-in ahead: every 4 months, the config's default.
AHEAD_MONTHS = 4
#: What the calls say, in the demo's language (the app writes it in the session's).
_DETAIL = {"en": ("shortlist check-in every {n} month", "shortlist check-in every {n} months"),
           "fr": ("point vivier chaque mois", "point vivier tous les {n} mois")}


def _whole_months(since: dt.date, today: dt.date) -> int:
    """The most months after *since* that fall on or before *today* (1 at least)."""
    months = 1
    while add_months(since, months + 1) <= today:
        months += 1
    return months


def add_checkins(now: dt.datetime, language: str = "en") -> int:
    """Check in with the closed shortlisted talent contacted longest ago (the call
    due today) and the one contacted last (the call months ahead); returns the
    reminders added."""
    closed = {c.id for c in Candidacy.select(Candidacy.id).where(Candidacy.stage.in_(CLOSED_STAGES))}
    busy = {r.talent_id for r in Reminder.select(Reminder.talent).where((Reminder.kind == "keep_in_touch") & (Reminder.status == "pending"))}
    busy |= {s.talent_id for s in Snooze.select(Snooze.talent).where(Snooze.active == True)}  # noqa: E712
    last = dict(Talent.select(Talent.id, Talent.last_contact_at).where(Talent.last_contact_at.is_null(False)).tuples())
    missions = [m for (m,) in Candidacy.select(Candidacy.mission).distinct().order_by(Candidacy.mission).tuples()]
    shortlist = sorted(
        ((last[s.talent_id], s.talent_id, s.candidacy_id) for m in missions for s in checkins.mission_shortlist(m, DEFAULT_STAGES)
         if s.candidacy_id in closed and s.talent_id not in busy and s.talent_id in last),
    )
    if len(shortlist) < 2:
        return 0
    before = Reminder.select().count()
    (oldest, due_talent, due_candidacy), (ahead_talent, ahead_candidacy) = shortlist[0], shortlist[-1][1:]
    months = _whole_months(oldest.date(), now.date())
    checkins.accept([(due_talent, due_candidacy)], months, now, True)
    # accepted months ago: its call is due today (the service plans tomorrow at the earliest)
    Reminder.update(due=now.date()).where(
        (Reminder.talent == due_talent) & (Reminder.kind == "keep_in_touch") & (Reminder.status == "pending")).execute()
    checkins.accept([(ahead_talent, ahead_candidacy)], AHEAD_MONTHS, now, True)
    for talent, n in ((due_talent, months), (ahead_talent, AHEAD_MONTHS)):
        Reminder.update(detail=_DETAIL.get(language, _DETAIL["en"])[n != 1].format(n=n)).where(
            (Reminder.talent == talent) & (Reminder.kind == "keep_in_touch") & (Reminder.status == "pending")).execute()
    return Reminder.select().count() - before
