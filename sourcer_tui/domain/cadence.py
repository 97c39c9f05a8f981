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

DELAYS_FORMAT = "whole days separated by commas, e.g. 2, 4, 7"
DELAY_RANGE = f"each delay between 1 and {MAX_DELAY_DAYS} days"
TOO_MANY = f"at most {MAX_FOLLOWUPS} follow-ups"
SNOOZE_AFTER_RANGE = f"between 0 and {MAX_SNOOZE_AFTER_DAYS} days"
SNOOZE_MONTHS_RANGE = f"between 1 and {MAX_SNOOZE_MONTHS} months"

_INT = re.compile(r"[0-9]{1,6}")
_SEPARATORS = re.compile(r"[\s,;]+")


def _months(months: int, top: int, what: str) -> int:
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= top:
        raise ValueError(f"{what} must be between 1 and {top} months, got {months!r}")
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
            raise ValueError(TOO_MANY)
        if any(not 1 <= d <= MAX_DELAY_DAYS for d in self.delays):
            raise ValueError(DELAY_RANGE)
        if not 0 <= self.snooze_after_days <= MAX_SNOOZE_AFTER_DAYS:
            raise ValueError(f"snooze after: {SNOOZE_AFTER_RANGE}")
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
        raise ValueError(DELAYS_FORMAT)
    delays = tuple(int(item) for item in items)
    if any(not 1 <= d <= MAX_DELAY_DAYS for d in delays):
        raise ValueError(DELAY_RANGE)
    if len(delays) > MAX_FOLLOWUPS:
        raise ValueError(TOO_MANY)
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
                errors[field] = message
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
        return "no reply to the first message"
    return f"no reply after {followups} follow-up{'' if followups == 1 else 's'}"


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
    _months(trial_months, MAX_TRIAL_MONTHS, "trial period")
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


KEEP_IN_TOUCH_RANGE = f"a number of months, 1 to {MAX_SNOOZE_MONTHS} (blank: not kept in touch)"


def parse_keep_in_touch(value: Any) -> tuple[int | None, str | None]:
    """The talent form's *Keep in touch every (months)*: ``(months or None, error or None)``."""
    text = field_text(value)
    if not text:
        return None, None
    months = _whole(text, 1, MAX_SNOOZE_MONTHS)
    return months, None if months is not None else KEEP_IN_TOUCH_RANGE


def keep_in_touch_reason(every_months: int) -> str:
    """What a keep-in-touch call (and its snooze) says: ``keep in touch every 4 months``."""
    return f"keep in touch every {every_months} month{'' if every_months == 1 else 's'}"


def snooze_effect(followups: int, next_steps: Iterable[dt.date]) -> str:
    """What a snooze will do, said before it is set: ``pauses 1 follow-up; the next
    step of Mon 7 Dec stays in Today``."""
    steps = sorted(next_steps)
    parts = [f"pauses {followups} follow-up{'' if followups == 1 else 's'} until the wake-up"] if followups else []
    if steps:
        days = ", ".join(f"{d:%a} {d.day} {d:%b}" for d in steps[:3]) + (f" and {len(steps) - 3} more" if len(steps) > 3 else "")
        parts.append(f"the next step{'' if len(steps) == 1 else 's'} of {days} stay{'s' if len(steps) == 1 else ''} in Today")
    return "; ".join(parts) if parts else "no follow-up to pause, no next step planned"
