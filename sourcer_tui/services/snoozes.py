"""Snoozes: hide a talent until a date, wake them, keep in touch every N months.

The rule (README, "What a snooze does"): a snooze **pauses the cadence** — the
talent's pending follow-ups, and the day a silent talent would be snoozed,
are moved past its end (``Reminder.paused_days`` keeps what was left to wait)
— and marks the talent as snoozed in the Pipeline and the Snoozed pane.  It
never hides a next step announced to the candidate, nor a feedback owed:
Today does not look at snoozes at all.  Any reply, on any channel, ends any
snooze.

A talent has at most one active snooze; its end is a due item in Today
(``wake_up``).  *Keep in touch every N months* is a talent setting
(``Talent.keep_in_touch_months``): while it is on, the talent has exactly one
pending ``keep_in_touch`` call, N months after the last actual contact, pushed
back by every contact.  ``z k`` also snoozes the talent until that call (a
``keep_in_touch`` snooze, whose end follows the call); a reply or ``w`` ends
the snooze, the call stays planned; stopping keeping in touch ends both.

A *shortlist check-in* (:func:`check_in`, domain/checkins.py) is this same
call, tied to the closed candidacy that put the talent on a shortlist
(``Reminder.candidacy``): Today shows that mission and the last feedback
given, and the tie follows the call from one check-in to the next.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from peewee import chunked, fn

from ..db.database import write_transaction
from ..db import talent_keys
from ..db.models import Reminder, Snooze, Talent, Touchpoint
from ..db.values import as_datetime
from ..domain.cadence import MAX_SNOOZE_MONTHS, keep_in_touch_due, keep_in_touch_reason, latest_snooze_end
from ..domain.checkins import checkin_reason
from ..domain.dates import skip_weekend
from ..domain.text import clean_line
from ..i18n import _
from .errors import InvalidInput, NotFound

__all__ = [
    "WAKING_KINDS", "PAUSED_KINDS", "active_snooze", "count_snoozed", "snooze_talent", "wake", "keep_in_touch",
    "set_keep_in_touch", "check_in", "stop_keep_in_touch", "skip_call", "after_contact", "ends", "end", "move_end", "pause_new", "what_pauses", "after_merge",
]

#: Contacts that end any snooze: the talent reached out (a reply, on any channel).
WAKING_KINDS = frozenset({"inbound", "reply_positive", "reply_negative"})
#: What a snooze pauses: the cadence (the hidden ``auto_snooze`` is the silent-talent snooze day).
PAUSED_KINDS = ("followup", "auto_snooze")
#: Logged kinds that are not a contact with the talent (do not push keep-in-touch back).
NOT_CONTACTS = talent_keys.NOT_CONTACTS


def active_snooze(talent_id: int) -> Snooze | None:
    return Snooze.select().where((Snooze.talent == talent_id) & (Snooze.active == True)).first()  # noqa: E712


def count_snoozed(talent_ids: Iterable[int]) -> int:
    """How many of *talent_ids* are snoozed now (a bulk snooze replaces theirs);
    500 ids a query, well under SQLite's limit on parameters."""
    return sum(Snooze.select().where(Snooze.talent.in_(chunk) & (Snooze.active == True)).count()  # noqa: E712
               for chunk in chunked(talent_ids, 500))


def _pending(talent_id: int, *kinds: str):
    return (Reminder.talent == talent_id) & (Reminder.status == "pending") & Reminder.kind.in_(kinds)


# -- the cadence, paused and resumed --------------------------------------------------
def _after(day: dt.date, days: int) -> dt.date:
    """*days* after *day*, the calendar's last day at the latest (a snooze's end
    moved as far as a date can be typed must not stop the app)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max


def _pause(talent_id: int, until: dt.date, today: dt.date) -> None:
    """Move the talent's pending follow-ups (not paused yet) past *until*, keeping what was left to wait."""
    rows = Reminder.select(Reminder.id, Reminder.due).where(_pending(talent_id, *PAUSED_KINDS) & Reminder.paused_days.is_null())
    for reminder in rows:
        left = max(0, (reminder.due - today).days)
        Reminder.update(due=_after(until, left), paused_days=left).where(Reminder.id == reminder.id).execute()


def _repause(talent_id: int, until: dt.date) -> None:
    """The snooze's end moved: the paused items move with it."""
    rows = Reminder.select(Reminder.id, Reminder.paused_days).where(_pending(talent_id, *PAUSED_KINDS) & Reminder.paused_days.is_null(False))
    for reminder in rows:
        Reminder.update(due=_after(until, reminder.paused_days)).where(Reminder.id == reminder.id).execute()


def _resume(talent_id: int, on: dt.date, skip_weekends: bool) -> None:
    """The snooze ended on *on*: paused items are due what was left to wait after it
    (never later than already planned: a late wake-up does not push them back)."""
    rows = Reminder.select(Reminder.id, Reminder.kind, Reminder.due, Reminder.paused_days).where(
        _pending(talent_id, *PAUSED_KINDS) & Reminder.paused_days.is_null(False))
    for reminder in rows:
        due = on + dt.timedelta(days=reminder.paused_days)
        if reminder.kind == "followup" and skip_weekends:
            due = skip_weekend(due)
        Reminder.update(due=min(due, reminder.due), paused_days=None).where(Reminder.id == reminder.id).execute()


def pause_new(talent_id: int, today: dt.date) -> None:
    """A follow-up planned while the talent is snoozed waits for the wake-up too
    (inside the caller's transaction)."""
    current = active_snooze(talent_id)
    if current is not None:
        _pause(talent_id, current.until, today)


def _end_active(talent_id: int, now: dt.datetime, status: str, skip_weekends: bool) -> Snooze | None:
    """End the talent's active snooze: its wake-up is *status*, the cadence resumes,
    a keep-in-touch call stays planned (no longer tied to the snooze)."""
    current = active_snooze(talent_id)
    if current is None:
        return None
    Snooze.update(active=False, woken_at=now).where(Snooze.id == current.id).execute()
    Reminder.update(snooze=None).where((Reminder.snooze == current.id) & (Reminder.kind == "keep_in_touch") & (Reminder.status == "pending")).execute()
    Reminder.update(status=status, done_at=now).where((Reminder.snooze == current.id) & (Reminder.status == "pending")).execute()
    _resume(talent_id, now.date(), skip_weekends)
    return current


# -- snoozing and waking ------------------------------------------------------------------
def snooze_talent(
    talent_id: int,
    until: dt.date,
    reason: str,
    now: dt.datetime,
    *,
    kind: str = "manual",
    candidacy_id: int | None = None,
    since: dt.date | None = None,
    skip_weekends: bool = True,
) -> int:
    """Snooze the talent until *until* (replacing any active snooze): the end is due in
    Today, the cadence waits for it, next steps stay where they are."""
    reason = clean_line(reason)
    today = now.date()
    if until <= today:
        raise InvalidInput({"until": _("a snooze ends in the future")})
    if until > latest_snooze_end(today):
        raise InvalidInput({"until": _("at most 2 years")})
    with write_transaction():
        if not Talent.select().where(Talent.id == talent_id).exists():
            raise NotFound(_("talent {id} does not exist").format(id=talent_id))
        _end_active(talent_id, now, "cancelled", skip_weekends)
        snooze_id = Snooze.insert(
            talent=talent_id, candidacy=candidacy_id, since=since or today, until=until,
            reason=reason, kind=kind, active=True, created_at=now,
        ).execute()
        if kind == "keep_in_touch":
            _plan_call(talent_id, until, reason, now, snooze_id=snooze_id)
        else:
            Reminder.insert(
                talent=talent_id, candidacy=candidacy_id, snooze=snooze_id, kind="wake_up",
                due=until, detail=reason or _("snooze ends"), status="pending", created_at=now,
            ).execute()
        _pause(talent_id, until, today)
    return snooze_id


def ends(reminder: Reminder) -> bool:
    """Whether *reminder* is the end of its talent's active snooze (its wake-up, or the
    call a keep-in-touch snooze lasts until)."""
    if reminder.snooze_id is None:
        return False
    return Snooze.select().where((Snooze.id == reminder.snooze_id) & (Snooze.active == True)).exists()  # noqa: E712


def end(talent_id: int, now: dt.datetime, status: str, skip_weekends: bool) -> None:
    """End the talent's active snooze, its wake-up *status* (inside the caller's transaction)."""
    _end_active(talent_id, now, status, skip_weekends)


def move_end(talent_id: int, until: dt.date) -> None:
    """The snooze's end was rescheduled to *until*: the snooze lasts until then, and the
    follow-ups it pauses move with it (inside the caller's transaction)."""
    current = active_snooze(talent_id)
    if current is not None:
        Snooze.update(until=until).where(Snooze.id == current.id).execute()
        _repause(talent_id, until)


def wake(snooze_id: int, now: dt.datetime, skip_weekends: bool = True) -> None:
    """End a snooze now (early, or when its wake-up is handled); the cadence resumes.
    A keep-in-touch call stays planned: :func:`stop_keep_in_touch` ends it."""
    with write_transaction():
        snooze = Snooze.get_or_none(Snooze.id == snooze_id)
        if snooze is None or not snooze.active:
            raise NotFound(_("this snooze is already over"))
        _end_active(snooze.talent_id, now, "done", skip_weekends)


def what_pauses(talent_id: int) -> tuple[int, list[dt.date]]:
    """What a snooze starting now would do: ``(follow-ups it pauses, dates of the
    next steps that stay in Today)``."""
    followups = Reminder.select().where(_pending(talent_id, "followup")).count()
    steps = Reminder.select(Reminder.due).where(_pending(talent_id, "next_step")).order_by(Reminder.due)
    return followups, [r.due for r in steps]


# -- keep in touch --------------------------------------------------------------------------
def _last_contact(talent_id: int) -> dt.date | None:
    last = Touchpoint.select(fn.MAX(Touchpoint.happened_at)).where(
        (Touchpoint.talent == talent_id) & Touchpoint.kind.not_in(NOT_CONTACTS)).scalar()
    last = as_datetime(last)  # MAX() comes back raw from SQLite
    return last.date() if last else None


def _call_due(talent_id: int, months: int, today: dt.date, skip_weekends: bool) -> dt.date:
    """The next keep-in-touch call: *months* after the last actual contact, tomorrow at the earliest."""
    due = keep_in_touch_due(_last_contact(talent_id) or today, months, skip_weekends)
    return max(due, today + dt.timedelta(days=1))


def _plan_call(talent_id: int, due: dt.date, detail: str, now: dt.datetime, *, snooze_id: int | None = None,
               candidacy_id: int | None = None) -> None:
    """Exactly one pending keep-in-touch call, on *due* (tied to the snooze *snooze_id*,
    and to the shortlisted candidacy *candidacy_id*, if given)."""
    pending = list(Reminder.select(Reminder.id).where(_pending(talent_id, "keep_in_touch")).order_by(Reminder.id))
    changes = {"due": due, "detail": detail}
    if snooze_id is not None:
        changes["snooze"] = snooze_id
    if candidacy_id is not None:
        changes["candidacy"] = candidacy_id
    if pending:
        Reminder.update(**changes).where(Reminder.id == pending[0].id).execute()
        extra = [r.id for r in pending[1:]]
        if extra:
            Reminder.update(status="cancelled", done_at=now).where(Reminder.id.in_(extra)).execute()
        return
    Reminder.insert(talent=talent_id, kind="keep_in_touch", status="pending", created_at=now, **changes).execute()


def _tied_candidacy(talent_id: int) -> int | None:
    """The candidacy the talent's planned call is tied to (a shortlist check-in), if any."""
    return Reminder.select(Reminder.candidacy).where(_pending(talent_id, "keep_in_touch")).order_by(Reminder.id).scalar()


def _call_reason(months: int, candidacy_id: int | None) -> str:
    """What the call says: a shortlist check-in's (tied to a candidacy) or a keep-in-touch's."""
    return checkin_reason(months) if candidacy_id is not None else keep_in_touch_reason(months)


def _months(months: int) -> int:
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= MAX_SNOOZE_MONTHS:
        raise InvalidInput({"months": _("between 1 and {max} months").format(max=MAX_SNOOZE_MONTHS)})
    return months


def keep_in_touch(talent_id: int, months: int, now: dt.datetime, skip_weekends: bool) -> int:
    """``z k``: call the talent every *months*, counted from their last actual contact,
    and snooze them until the next call."""
    months = _months(months)
    with write_transaction():
        if not Talent.update(keep_in_touch_months=months).where(Talent.id == talent_id).execute():
            raise NotFound(_("talent {id} does not exist").format(id=talent_id))
        until = _call_due(talent_id, months, now.date(), skip_weekends)
        reason = _call_reason(months, _tied_candidacy(talent_id))
        return snooze_talent(talent_id, until, reason, now, kind="keep_in_touch", skip_weekends=skip_weekends)


def set_keep_in_touch(talent_id: int, months: int | None, now: dt.datetime, skip_weekends: bool) -> None:
    """The talent form's setting: None stops keeping in touch; a number plans the next
    call (without snoozing them) — inside the caller's transaction or its own."""
    if months is None:
        stop_keep_in_touch(talent_id, now, skip_weekends)
        return
    months = _months(months)
    with write_transaction():
        talent = Talent.get_or_none(Talent.id == talent_id)
        if talent is None:
            raise NotFound(_("talent {id} does not exist").format(id=talent_id))
        if talent.keep_in_touch_months == months and Reminder.select().where(_pending(talent_id, "keep_in_touch")).exists():
            return
        Talent.update(keep_in_touch_months=months).where(Talent.id == talent_id).execute()
        _follow_calls(talent_id, months, now, skip_weekends)


def check_in(talent_id: int, candidacy_id: int, months: int, now: dt.datetime, skip_weekends: bool) -> None:
    """A shortlist check-in accepted (inside the caller's transaction): the talent is
    kept in touch every *months* (counted from the last actual contact, as any
    keep-in-touch), the call tied to the closed candidacy *candidacy_id*.  The talent
    is not snoozed: they may be in another mission's pipeline, whose cadence goes on."""
    months = _months(months)
    if not Talent.update(keep_in_touch_months=months).where(Talent.id == talent_id).execute():
        raise NotFound(_("talent {id} does not exist").format(id=talent_id))
    _follow_calls(talent_id, months, now, skip_weekends, candidacy_id=candidacy_id)


def stop_keep_in_touch(talent_id: int, now: dt.datetime, skip_weekends: bool = True) -> bool:
    """No more keep-in-touch calls: the setting, the planned call and a keep-in-touch
    snooze end.  Returns whether it was on."""
    with write_transaction():
        was_on = bool(Talent.update(keep_in_touch_months=None).where(
            (Talent.id == talent_id) & Talent.keep_in_touch_months.is_null(False)).execute())
        current = active_snooze(talent_id)
        if current is not None and current.kind == "keep_in_touch":
            _end_active(talent_id, now, "cancelled", skip_weekends)
        Reminder.update(status="cancelled", done_at=now).where(_pending(talent_id, "keep_in_touch")).execute()
    return was_on


def _follow_calls(talent_id: int, months: int, now: dt.datetime, skip_weekends: bool, due: dt.date | None = None,
                  candidacy_id: int | None = None) -> None:
    """The keep-in-touch call (and a keep-in-touch snooze's end) on *due*, by default
    *months* after the last contact; a shortlist check-in (the call tied to
    *candidacy_id*, or already tied to one) stays one."""
    due = due or _call_due(talent_id, months, now.date(), skip_weekends)
    if candidacy_id is None:
        candidacy_id = _tied_candidacy(talent_id)
    reason = _call_reason(months, candidacy_id)
    current = active_snooze(talent_id)
    tied = current is not None and current.kind == "keep_in_touch"
    _plan_call(talent_id, due, reason, now, snooze_id=current.id if tied else None, candidacy_id=candidacy_id)
    if tied:
        Snooze.update(until=due, reason=reason).where(Snooze.id == current.id).execute()
        _repause(talent_id, due)


def skip_call(talent_id: int, now: dt.datetime, skip_weekends: bool, candidacy_id: int | None = None) -> None:
    """A keep-in-touch call skipped or done (inside the caller's transaction): the next one
    is N months from today (a shortlist check-in's still tied to *candidacy_id*)."""
    months = Talent.select(Talent.keep_in_touch_months).where(Talent.id == talent_id).scalar()
    if months:
        _follow_calls(talent_id, months, now, skip_weekends, keep_in_touch_due(now.date(), months, skip_weekends), candidacy_id=candidacy_id)


def after_contact(talent_id: int, kind: str, now: dt.datetime, skip_weekends: bool) -> None:
    """A contact was logged (inside the caller's transaction): a reply ends any snooze,
    keep-in-touch included; the keep-in-touch call moves to N months after it."""
    if kind in WAKING_KINDS:
        _end_active(talent_id, now, "done", skip_weekends)
    if kind in NOT_CONTACTS:
        return
    months = Talent.select(Talent.keep_in_touch_months).where(Talent.id == talent_id).scalar()
    if months:
        _follow_calls(talent_id, months, now, skip_weekends)


def after_merge(talent_id: int, now: dt.datetime, skip_weekends: bool) -> None:
    """The talent took another's snoozes and reminders (services/merge.py, inside
    its transaction): one active snooze stays — the one ending first, so that no
    wake-up comes later than planned —, the follow-ups wait for it, and exactly
    one keep-in-touch call (the soonest) is planned while keeping in touch is on."""
    actives = list(Snooze.select().where((Snooze.talent == talent_id) & (Snooze.active == True)).order_by(Snooze.until, Snooze.id))  # noqa: E712
    for extra in actives[1:]:
        Snooze.update(active=False, woken_at=now).where(Snooze.id == extra.id).execute()
        Reminder.update(snooze=None).where((Reminder.snooze == extra.id) & (Reminder.kind == "keep_in_touch") & (Reminder.status == "pending")).execute()
        Reminder.update(status="cancelled", done_at=now).where((Reminder.snooze == extra.id) & (Reminder.status == "pending")).execute()
    current = actives[0] if actives else None
    if current is not None:
        _repause(talent_id, current.until)
        _pause(talent_id, current.until, now.date())
    months = Talent.select(Talent.keep_in_touch_months).where(Talent.id == talent_id).scalar()
    soonest = Reminder.select(Reminder.due).where(_pending(talent_id, "keep_in_touch")).order_by(Reminder.due, Reminder.id).first()
    if months:
        _follow_calls(talent_id, months, now, skip_weekends, soonest.due if soonest is not None else None)
    elif soonest is not None:
        if current is not None and current.kind == "keep_in_touch":
            _end_active(talent_id, now, "cancelled", skip_weekends)
        Reminder.update(status="cancelled", done_at=now).where(_pending(talent_id, "keep_in_touch")).execute()
