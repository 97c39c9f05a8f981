"""Outreach cadence (relances): when to follow up, snooze and wake a talent.

From the seeds: a first message, then follow-ups after 2 days, 4 days, then a
week. Each delay is the GAP since the previous message, counted from the day
it was actually sent; due dates landing on a weekend move to Monday when
``skip_weekends``. ``snooze_after_days`` after the last message with no reply
the talent is snoozed for ``snooze_months`` and woken up afterwards. A reply
stops the sequence at once. Mission rows may override the global defaults.

Pure Python: no Textual, no database.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..i18n import N_, _, formats, ngettext
from .dates import add_months, skip_weekend
from .text import field_text

__all__ = [
    "MAX_DELAY_DAYS", "MAX_FOLLOWUPS", "MAX_SNOOZE_AFTER_DAYS", "MAX_SNOOZE_MONTHS",
    "Cadence", "auto_snooze_on", "cadence_for", "due", "format_delays",
    "keep_in_touch_due", "keep_in_touch_reason", "snooze_effect", "next_followup", "parse_keep_in_touch", "no_reply_reason", "parse_delays", "plan",
    "latest_snooze_end", "snooze_until", "trial_end_wake", "validate_mission_cadence",
]

MAX_SNOOZE_MONTHS = 24
MAX_TRIAL_MONTHS = 12
MAX_DELAY_DAYS = 365
MAX_FOLLOWUPS = 10
MAX_SNOOZE_AFTER_DAYS = 365
NO_FOLLOWUPS = ("none", "0")  # typed in the mission form: "no follow-ups at all"

# What a field of the mission form says when it is wrong (marked English: shown
# with ``_(MESSAGE).format(most=...)``, the largest value allowed).
DELAYS_FORMAT = N_("whole days separated by commas, e.g. 2, 4, 7")
DELAY_RANGE = N_("each delay between 1 and {most} days")
TOO_MANY = N_("at most {most} follow-ups")
SNOOZE_AFTER_RANGE = N_("between 0 and {most} days")
SNOOZE_MONTHS_RANGE = N_("between 1 and {most} months")

_INT = re.compile(r"[0-9]{1,6}")
_SEPARATORS = re.compile(r"[\s,;]+")


def _months(months: int, top: int, what: str) -> int:
    """*months* when a whole number of 1 to *top*; *what* is ``snooze`` or ``trial``."""
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= top:
        if what == "trial":
            message = _("trial period must be between 1 and {most} months, got {value}")
        else:
            message = _("snooze must be between 1 and {most} months, got {value}")
        raise ValueError(message.format(most=top, value=repr(months)))
    return months


@dataclass(frozen=True)
class Cadence:
    """Gaps in days between consecutive messages, then the silent-talent snooze."""

    delays: tuple[int, ...]
    snooze_after_days: int
    snooze_months: int
    skip_weekends: bool

    def __post_init__(self) -> None:
        object.__setattr__(self, "delays", tuple(self.delays))
        if len(self.delays) > MAX_FOLLOWUPS:
            raise ValueError(_(TOO_MANY).format(most=MAX_FOLLOWUPS))
        if any(not 1 <= d <= MAX_DELAY_DAYS for d in self.delays):
            raise ValueError(_(DELAY_RANGE).format(most=MAX_DELAY_DAYS))
        if not 0 <= self.snooze_after_days <= MAX_SNOOZE_AFTER_DAYS:
            raise ValueError(_("snooze after: between 0 and {most} days").format(most=MAX_SNOOZE_AFTER_DAYS))
        _months(self.snooze_months, MAX_SNOOZE_MONTHS, "snooze")

    @property
    def followups(self) -> int:
        return len(self.delays)


def cadence_for(defaults: Any, *, delays: str | None = None, snooze_after_days: int | None = None,
                snooze_months: int | None = None) -> Cadence:
    """A mission's overrides (None = default) over ``defaults``; ValueError if out of range."""
    return Cadence(
        delays=tuple(defaults.followup_delays_days) if delays is None else parse_delays(delays),
        snooze_after_days=defaults.snooze_after_days if snooze_after_days is None else snooze_after_days,
        snooze_months=defaults.snooze_months if snooze_months is None else snooze_months,
        skip_weekends=bool(defaults.skip_weekends),
    )


def parse_delays(text: str) -> tuple[int, ...]:
    """``"3, 5"``/``"3 5"``/``"3,5"`` -> ``(3, 5)``; blank, ``none``, ``0`` -> ``()``; else ValueError."""
    text = text.strip().lower()
    if not text or text in NO_FOLLOWUPS:
        return ()
    items = [item for item in _SEPARATORS.split(text) if item]
    if not all(_INT.fullmatch(item) for item in items):
        raise ValueError(_(DELAYS_FORMAT))
    delays = tuple(int(item) for item in items)
    if any(not 1 <= d <= MAX_DELAY_DAYS for d in delays):
        raise ValueError(_(DELAY_RANGE).format(most=MAX_DELAY_DAYS))
    if len(delays) > MAX_FOLLOWUPS:
        raise ValueError(_(TOO_MANY).format(most=MAX_FOLLOWUPS))
    return delays


def format_delays(delays: Iterable[int]) -> str:
    """``(2, 4, 7)`` -> ``"2,4,7"``; ``()`` -> ``""`` (the stored form)."""
    return ",".join(str(int(d)) for d in delays)


def _whole(text: str, low: int, high: int) -> int | None:
    return int(text) if _INT.fullmatch(text) and low <= int(text) <= high else None


def validate_mission_cadence(data: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Clean the cadence fields of the mission form; blank means "use the default" (None).

    Cleaned: ``followup_delays_days`` as ``"3,5"``, ``""`` (no follow-ups) or None;
    ``snooze_after_days`` and ``snooze_months`` as int or None (None also when in error).
    """
    cleaned: dict[str, Any] = dict.fromkeys(
        ("followup_delays_days", "snooze_after_days", "snooze_months"))
    errors: dict[str, str] = {}
    raw = field_text(data.get("followup_delays_days"))
    if raw:
        try:
            cleaned["followup_delays_days"] = format_delays(parse_delays(raw))
        except ValueError as exc:
            errors["followup_delays_days"] = str(exc)
    for field, low, high, message in (
        ("snooze_after_days", 0, MAX_SNOOZE_AFTER_DAYS, SNOOZE_AFTER_RANGE),
        ("snooze_months", 1, MAX_SNOOZE_MONTHS, SNOOZE_MONTHS_RANGE),
    ):
        raw = field_text(data.get(field))
        if raw:
            cleaned[field] = _whole(raw, low, high)
            if cleaned[field] is None:
                errors[field] = _(message).format(most=high)
    return cleaned, errors


def due(day: dt.date, cadence: Cadence) -> dt.date:
    """``day``, moved to Monday when it is a weekend and the cadence skips weekends."""
    return skip_weekend(day) if cadence.skip_weekends else day


def next_followup(cadence: Cadence, last_step_sent: int, sent_on: dt.date) -> tuple[int, dt.date] | None:
    """After step ``last_step_sent`` (0 = first message) went out on ``sent_on``: ``(step, due)``."""
    if last_step_sent < 0:
        raise ValueError(f"step must be 0 or more, got {last_step_sent}")
    if last_step_sent >= cadence.followups:
        return None
    return last_step_sent + 1, due(sent_on + dt.timedelta(days=cadence.delays[last_step_sent]), cadence)


def auto_snooze_on(cadence: Cadence, last_sent_on: dt.date) -> dt.date:
    """The day a silent talent is snoozed (never moved: nothing is due that day)."""
    return last_sent_on + dt.timedelta(days=cadence.snooze_after_days)


def snooze_until(start: dt.date, months: int, skip_weekends: bool) -> dt.date:
    """When a talent snoozed on ``start`` for ``months`` (1..24) may be recontacted."""
    until = add_months(start, _months(months, MAX_SNOOZE_MONTHS, "snooze"))
    return skip_weekend(until) if skip_weekends else until


def latest_snooze_end(today: dt.date) -> dt.date:
    """The furthest a snooze may end: 24 months ahead, moved off a weekend (up to two
    days more, so that the longest preset is always allowed, whatever the leap years)."""
    return add_months(today, MAX_SNOOZE_MONTHS) + dt.timedelta(days=2)


def no_reply_reason(followups: int) -> str:
    """Decline reason recorded when a talent is snoozed after ``followups`` silent follow-ups."""
    if followups <= 0:
        return _("no reply to the first message")
    return ngettext("no reply after {n} follow-up", "no reply after {n} follow-ups", followups).format(n=followups)


def plan(cadence: Cadence, first_message_on: dt.date, *,
         reply_on: dt.date | None = None) -> list[tuple[str, int | None, dt.date]]:
    """The whole schedule, each follow-up sent on its due date. Only follow-ups due strictly
    before ``reply_on`` are kept; snooze and wake-up only happen with no reply at all."""
    steps: list[tuple[str, int | None, dt.date]] = []
    step, sent_on = 0, first_message_on
    while (nxt := next_followup(cadence, step, sent_on)) is not None:
        step, sent_on = nxt
        if reply_on is not None and reply_on <= sent_on:
            return steps
        steps.append(("followup", step, sent_on))
    if reply_on is not None:
        return steps
    snooze_day = auto_snooze_on(cadence, sent_on)
    steps.append(("snooze", None, snooze_day))
    steps.append(("wake_up", None, snooze_until(snooze_day, cadence.snooze_months, cadence.skip_weekends)))
    return steps


def trial_end_wake(start: dt.date, trial_months: int, *, notice_days: int = 7,
                   skip_weekends: bool = True) -> dt.date:
    """When to recontact someone who joined a company on ``start`` (trial of 1..12 months)."""
    _months(trial_months, MAX_TRIAL_MONTHS, "trial")
    if notice_days < 0:
        raise ValueError(f"notice must be 0 days or more, got {notice_days}")
    wake = max(start, add_months(start, trial_months) - dt.timedelta(days=notice_days))
    return skip_weekend(wake) if skip_weekends else wake


def keep_in_touch_due(last_contact: dt.date, every_months: int, skip_weekends: bool) -> dt.date:
    """Next keep-in-touch, counted from the last ACTUAL contact (never the previous schedule).

    Never raises: *every_months* comes from the database (any file, any older
    version), so a count outside 1..MAX_SNOOZE_MONTHS is brought inside it (not
    a whole number: the longest), and a day past the calendar's end is its last
    day (``date.max``).  The forms and services check what they write first.
    """
    try:
        months = min(max(operator.index(every_months), 1), MAX_SNOOZE_MONTHS)
    except TypeError:
        months = MAX_SNOOZE_MONTHS
    try:
        nxt = add_months(last_contact, months)
        return skip_weekend(nxt) if skip_weekends else nxt
    except (OverflowError, ValueError):
        return dt.date.max


#: Marked English: shown as ``_(KEEP_IN_TOUCH_RANGE).format(most=MAX_SNOOZE_MONTHS)``.
KEEP_IN_TOUCH_RANGE = N_("a number of months, 1 to {most} (blank: not kept in touch)")


def parse_keep_in_touch(value: Any) -> tuple[int | None, str | None]:
    """The talent form's *Keep in touch every (months)*: ``(months or None, error or None)``."""
    text = field_text(value)
    if not text:
        return None, None
    months = _whole(text, 1, MAX_SNOOZE_MONTHS)
    return months, None if months is not None else _(KEEP_IN_TOUCH_RANGE).format(most=MAX_SNOOZE_MONTHS)


def keep_in_touch_reason(every_months: int) -> str:
    """What a keep-in-touch call (and its snooze) says: ``keep in touch every 4 months``."""
    return ngettext("keep in touch every {n} month", "keep in touch every {n} months", every_months).format(n=every_months)


def _short_day(d: dt.date) -> str:
    """``Mon 7 Dec`` / ``lun. 7 déc.``: :func:`formats.day_month` without the day's leading zero."""
    weekday, day, month = formats.day_month(d).split(" ", 2)
    return f"{weekday} {int(day)} {month}"


def snooze_effect(followups: int, next_steps: Iterable[dt.date]) -> str:
    """What a snooze will do, said before it is set: ``pauses 1 follow-up; the next
    step of Mon 7 Dec stays in Today``."""
    steps = sorted(next_steps)
    parts = []
    if followups:
        parts.append(ngettext("pauses {n} follow-up until the wake-up", "pauses {n} follow-ups until the wake-up", followups).format(n=followups))
    if steps:
        days = ", ".join(_short_day(d) for d in steps[:3])
        if len(steps) > 3:
            more = len(steps) - 3
            days = ngettext("{days} and {n} more", "{days} and {n} more", more).format(days=days, n=more)
        parts.append(ngettext("the next step of {days} stays in Today", "the next steps of {days} stay in Today", len(steps)).format(days=days))
    if len(parts) == 2:
        return _("{followups}; {steps}").format(followups=parts[0], steps=parts[1])
    return parts[0] if parts else _("no follow-up to pause, no next step planned")
