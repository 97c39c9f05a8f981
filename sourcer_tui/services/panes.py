"""Read models for the Today, Snoozed and Capture panes (paged)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from peewee import JOIN, SQL, Case, Select, Value, fn

from ..db import compiled
from ..db.models import Candidacy, Introducer, Mission, Reminder, Snooze, Talent, Touchpoint
from ..db.values import as_date, as_datetime, as_time
from ..i18n import _, ngettext
from ..domain.introductions import milestone_label
from .cadence import HIDDEN_KINDS
from .introducers import THANK
from .team import owned_by

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
    "shown_detail",
]

# What the app itself writes in a due item's detail or a snooze's reason
# (services/cadence, services/snoozes, domain/cadence, migrations) is in the
# language of the session that wrote it; an English one (an older file, an
# English session) is shown in the reader's language.  The user's own words,
# and texts written in French, are shown as stored.
_FOLLOWUP = re.compile(r"Follow-up (\d+)/(\d+)")
_NO_REPLY = re.compile(r"no reply after (\d+) follow-ups?")
_KEEP_IN_TOUCH = re.compile(r"keep in touch every (\d+) months?")
_CHECKIN = re.compile(r"shortlist check-in every (\d+) months?")


def _plural(n: str, singular: str, plural: str, detail: str) -> bool:
    """Whether *detail* is the English text the app writes for *n* (a typed variant is the user's)."""
    return (singular if int(n) == 1 else plural).format(n=n) == detail


def shown_detail(kind: str, detail: str) -> str:
    """A due item's *detail* (or a snooze's reason) as the reader reads it: the texts
    the app writes (``Follow-up 1/3``, ``snooze ends``, ``no reply after 2
    follow-ups``, ``keep in touch every 6 months``) translated, anything else as
    written.  *kind* ``next_step`` or ``missing_feedback``: the detail is the
    user's text or a touchpoint kind, returned unchanged."""
    if kind in ("next_step", "missing_feedback") or not detail:
        return detail
    if kind == THANK:  # the milestone: "reached interview", "hired"
        return milestone_label(detail)
    if detail == "snooze ends":
        return _("snooze ends")
    if detail == "no reply to the first message":
        return _("no reply to the first message")
    match = _FOLLOWUP.fullmatch(detail)
    if match:
        return _("Follow-up {step}/{total}").format(step=match[1], total=match[2])
    match = _NO_REPLY.fullmatch(detail)
    if match and _plural(match[1], "no reply after {n} follow-up", "no reply after {n} follow-ups", detail):
        return ngettext("no reply after {n} follow-up", "no reply after {n} follow-ups", int(match[1])).format(n=match[1])
    match = _KEEP_IN_TOUCH.fullmatch(detail)
    if match and _plural(match[1], "keep in touch every {n} month", "keep in touch every {n} months", detail):
        return ngettext("keep in touch every {n} month", "keep in touch every {n} months", int(match[1])).format(n=match[1])
    match = _CHECKIN.fullmatch(detail)
    if match and _plural(match[1], "shortlist check-in every {n} month", "shortlist check-in every {n} months", detail):
        return ngettext("shortlist check-in every {n} month", "shortlist check-in every {n} months", int(match[1])).format(n=match[1])
    return detail


@dataclass(frozen=True)
class DueRow:
    """One line of Today: a due item (``reminder_id``) or a touchpoint owing feedback (``touchpoint_id``)."""

    reminder_id: int | None
    touchpoint_id: int | None
    kind: str  # followup | next_step | wake_up | keep_in_touch | missing_feedback
    due: dt.date
    step: int | None
    detail: str
    talent_id: int
    name: str
    mission: str
    candidacy_id: int | None
    snooze_id: int | None
    last_feedback: str = ""
    #: the time of day it is due at (migration 0016), None: the whole day
    time: dt.time | None = None


@dataclass(frozen=True)
class SnoozedRow:
    snooze_id: int
    until: dt.date
    since: dt.date
    reason: str
    talent_id: int
    name: str
    candidacy_id: int | None
    kind: str = "manual"  # manual | no_reply | trial_end | keep_in_touch


@dataclass(frozen=True)
class AwaitingRow:
    touchpoint_id: int
    happened_at: dt.datetime
    kind: str
    channel: str
    talent_id: int
    name: str
    mission: str


def _due_reminders(today: dt.date, *columns, owner: str | None = None):
    """Every pending item due by *today* (made by *owner*, if given: see
    services/team.py).  A snooze hides none of them: it moved
    the talent's follow-ups past its end (services/snoozes), and a next step
    announced to the candidate stays on its date."""
    where = (Reminder.status == "pending") & (Reminder.due <= today) & Reminder.kind.not_in(HIDDEN_KINDS)
    return Reminder.select(*columns).where(where if owner is None else where & owned_by(Reminder.owner, owner))


def _owed_feedback(today: dt.date, *columns, owner: str | None = None):
    tomorrow = dt.datetime.combine(today + dt.timedelta(days=1), dt.time())
    return Touchpoint.select(*columns).where(_awaiting(owner) & (Touchpoint.happened_at < tomorrow))


def count_due(today: dt.date, owner: str | None = None) -> tuple[int, int]:
    """``(all, overdue)`` lines of Today (one pass over each source); *owner*: only the
    items that login made (and the single user's), None: everyone's."""
    start = dt.datetime.combine(today, dt.time())
    late = lambda condition: fn.COALESCE(fn.SUM(Case(None, [(condition, 1)], 0)), 0)  # noqa: E731
    [(due, due_late)] = compiled.rows(("due", today, owner), lambda: _due_reminders(today, fn.COUNT(Reminder.id), late(Reminder.due < today), owner=owner))
    [(owed, owed_late)] = compiled.rows(("owed", today, owner), lambda: _owed_feedback(
        today, fn.COUNT(Touchpoint.id), late(Touchpoint.happened_at < start), owner=owner))
    return due + owed, due_late + owed_late


def fetch_due(today: dt.date, offset: int, limit: int, owner: str | None = None) -> Sequence[DueRow]:
    """Today's lines, most overdue first: due items and feedback owed, one ordered list;
    within a day the items without a time first, then by time of day.

    The page is chosen on keys alone (the covering indexes of both sources),
    then only its rows are joined to their talent and mission: at 100,000
    talents, joining all 2,800 due items before sorting them was the slower way."""
    rows = [
        DueRow(rid, tid, kind, as_date(due), step, shown_detail(kind, detail or ""), talent, name, mission or "", cid, sid,
               time=as_time(at))
        for rid, tid, kind, due, _timed, at, step, detail, talent, name, mission, cid, sid in compiled.rows(
            ("fetch_due", today, owner), lambda: _due_page(today, owner), (offset, limit), placed=True)
    ]
    return _with_introducers(_with_last_feedback(rows))


def _with_introducers(rows: list[DueRow]) -> list[DueRow]:
    """A thank-you says whom to thank: ``Paul Durand · reached interview`` (one query per page)."""
    thanked = sorted({r.talent_id for r in rows if r.kind == THANK})
    if not thanked:
        return rows
    who = dict(Talent.select(Talent.id, Introducer.name).join(Introducer, on=(Introducer.id == Talent.introducer))
               .where(Talent.id.in_(thanked)).tuples())
    return [replace(r, detail=f"{who[r.talent_id]} · {r.detail}") if r.kind == THANK and r.talent_id in who else r for r in rows]


def _due_page(today: dt.date, owner: str | None = None):
    """Today's lines, the page (compiled.PAGE) chosen on keys in a sub-select, then joined."""
    timed = Case(None, [(Reminder.due_time.is_null(), 0)], 1)
    keys = (
        _due_reminders(today, Reminder.id.alias("rid"), SQL("NULL").alias("tid"), Reminder.kind.alias("kind"), Reminder.due.alias("due"),
                       timed.alias("timed"), Reminder.due_time.alias("at"), owner=owner)
        .union_all(_owed_feedback(today, SQL("NULL"), Touchpoint.id, Value("missing_feedback"), fn.DATE(Touchpoint.happened_at),
                                  Value(0), SQL("NULL"), owner=owner))
        .order_by(SQL("4"), SQL("5"), SQL("6"), SQL("3"), SQL("1"), SQL("2"))
        .limit(compiled.PAGE[0])
        .offset(compiled.PAGE[1])
        .alias("page")
    )
    talent = fn.COALESCE(Reminder.talent, Touchpoint.talent)
    candidacy = fn.COALESCE(Reminder.candidacy, Touchpoint.candidacy)
    return (
        Select([keys], [
            keys.c.rid, keys.c.tid, keys.c.kind, keys.c.due, keys.c.timed, keys.c.at, Reminder.step, fn.COALESCE(Reminder.detail, Touchpoint.kind),
            Talent.id, Talent.name, Mission.title, candidacy, Reminder.snooze,
        ])
        .join(Reminder, JOIN.LEFT_OUTER, on=(Reminder.id == keys.c.rid))
        .join(Touchpoint, JOIN.LEFT_OUTER, on=(Touchpoint.id == keys.c.tid))
        .join(Talent, on=(Talent.id == talent))
        .join(Candidacy, JOIN.LEFT_OUTER, on=(Candidacy.id == candidacy))
        .join(Mission, JOIN.LEFT_OUTER, on=(Mission.id == Candidacy.mission))
        .order_by(keys.c.due, keys.c.timed, keys.c.at, keys.c.kind, keys.c.rid, keys.c.tid)
    )


def _with_last_feedback(rows: list[DueRow]) -> list[DueRow]:
    """Wake-ups show the last feedback given to the talent (one query per page:
    each talent's newest, found on the (talent, happened_at) index; its SQL
    kept, as building it over a page's 100 ids cost more than running it)."""
    waking = sorted({r.talent_id for r in rows if r.kind in ("wake_up", "keep_in_touch")})
    if not waking:
        return rows

    def build():
        newest = (
            Touchpoint.select(Touchpoint.feedback_given)
            .where((Touchpoint.talent == Talent.id) & (Touchpoint.feedback_given != ""))
            .order_by(Touchpoint.happened_at.desc(), Touchpoint.id.desc())
            .limit(1)
        )
        return Talent.select(Talent.id, newest).where(Talent.id.in_(compiled.IDS))

    feedback = {tid: text for tid, text in compiled.rows("last_feedback", build, ids=waking) if text}
    return [replace(r, last_feedback=feedback[r.talent_id]) if r.talent_id in feedback else r for r in rows]


def count_snoozed() -> int:
    return Snooze.select().where(Snooze.active == True).count()  # noqa: E712


def fetch_snoozed(offset: int, limit: int) -> Sequence[SnoozedRow]:
    """Active snoozes, soonest wake-up first."""
    query = (
        Snooze.select(Snooze.id, Snooze.until, Snooze.since, Snooze.reason, Talent.id, Talent.name, Snooze.candidacy, Snooze.kind)
        .join(Talent)
        .where(Snooze.active == True)  # noqa: E712
        .order_by(Snooze.until, Snooze.id)
        .offset(offset)
        .limit(limit)
    )
    return [
        SnoozedRow(sid, until, since, shown_detail("snooze", reason or ""), *rest)
        for sid, until, since, reason, *rest in query.tuples()
    ]


def _awaiting(owner: str | None = None):
    awaiting = Touchpoint.needs_feedback & Touchpoint.feedback_at.is_null()
    return awaiting if owner is None else awaiting & owned_by(Touchpoint.owner, owner)


def count_awaiting_feedback(owner: str | None = None) -> int:
    [(n,)] = compiled.rows(("awaiting", owner), lambda: Touchpoint.select(fn.COUNT(Touchpoint.id)).where(_awaiting(owner)))
    return n


def fetch_awaiting_feedback(offset: int, limit: int, owner: str | None = None) -> Sequence[AwaitingRow]:
    """Touchpoints still missing their feedback à chaud, newest first (*owner*: that
    login's and the single user's, None: everyone's)."""
    def build():
        return (
            Touchpoint.select(
                Touchpoint.id, Touchpoint.happened_at, Touchpoint.kind, Touchpoint.channel, Talent.id, Talent.name, Mission.title
            )
            .join_from(Touchpoint, Talent)
            .join_from(Touchpoint, Candidacy, JOIN.LEFT_OUTER)
            .join_from(Candidacy, Mission, JOIN.LEFT_OUTER)
            .where(_awaiting(owner))
            .order_by(Touchpoint.happened_at.desc(), Touchpoint.id.desc())
        )

    return [
        AwaitingRow(tid, as_datetime(at), kind, channel, talent, name, mission or "")
        for tid, at, kind, channel, talent, name, mission in compiled.rows(("awaiting_page", owner), build, (offset, limit))
    ]
