"""Logging touchpoints: automatic stage moves, sequence steps, when it happened,
the feedback owed after a contact, and closing a candidacy.

Validators return ``(cleaned, errors)`` like :mod:`.forms`: *errors* maps a
field name to one human sentence.  Pure Python: no Textual, no database.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence

from ..i18n import N_, _, formats
from .dates import DateParseError, describe, parse_date, parse_due_time
from .text import clean_line, clean_text
from .vocab import CLOSED_STAGES, label, stage_label

__all__ = [
    "FEEDBACK_FIELDS",
    "FUTURE_LIMIT",
    "SENTIMENTS",
    "CLOSING_FIELDS",
    "WhenParseError",
    "stage_after",
    "next_step_number",
    "parse_when",
    "validate_feedback",
    "validate_closing",
    "closing_summary",
]

FEEDBACK_FIELDS = ("feedback_given", "impression", "sentiment", "next_step", "next_step_due")
SENTIMENTS = ("positive", "mixed", "negative")
CLOSING_FIELDS = ("reason", "detail", "feedback")
MAX_TEXT = 20_000
Errors = dict[str, str]

# kind -> the stage it moves a candidacy to (never backwards, never out of a closed stage).
# A negative reply moves nothing by itself: a "no" closes the candidacy with its reason
# and feedback, in one transaction (services.touchpoints.log_decline), or not at all.
_TARGETS = {
    "approach": "approached",
    "reply_positive": "replied",
    "interview": "interviewing",
    "reverse_interview": "reverse_interview",
}


def stage_after(kind: str, current: str, stages: Sequence[str]) -> str | None:
    """The stage a candidacy moves to when a touchpoint of *kind* is logged, or None.

    Manual moves still win: nothing moves backwards, nothing leaves a closed
    stage, and a target missing from *stages* means no move.  A first message
    only moves a candidacy out of the first configured stage.
    """
    stages = list(stages)
    target = _TARGETS.get(kind)
    if target is None or current in CLOSED_STAGES or current not in stages:
        return None
    if target not in stages or stages.index(current) >= stages.index(target):
        return None
    if kind == "approach" and current != stages[0]:
        return None
    return target


def next_step_number(kind: str, last_step_sent: int | None) -> int | None:
    """Sequence step of an outgoing message: the first message is step 0, each
    follow-up the one after the last step sent (1 if none recorded)."""
    if kind == "approach":
        return 0
    if kind == "followup":
        return 1 if last_step_sent is None else last_step_sent + 1
    return None


class WhenParseError(ValueError):
    """When a touchpoint happened could not be read. ``str(err)`` is one sentence."""


#: The forms to try, shown after an error (marked: shown as ``_(WHEN_HINT)``).
WHEN_HINT = N_("try now, -2h, yesterday 14:30 or 2026-11-20 15:00")
_TIME = r"([0-9]{1,2})(?::([0-9]{2})|h([0-9]{2})?)"
_TIME_ONLY = re.compile(_TIME)
_DATE_TIME = re.compile(r"(.+?)(?: |(?<=[0-9])t)" + _TIME)
_AGO = re.compile(r"-([0-9]{1,6}) ?(h|min)")
#: How far ahead of now a contact may be logged (a clock running a little ahead).
FUTURE_LIMIT = dt.timedelta(days=1)


def _quote(text: str) -> str:
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    return f'"{text[:24]}…"' if len(text) > 24 else f'"{text}"'


def _time_of_day(raw: str, hours: str, minutes: str | None) -> dt.time:
    h, m = int(hours), int(minutes or 0)
    if h > 23 or m > 59:
        raise WhenParseError(_("{text} is not a time of day: hours 0-23, minutes 0-59").format(text=_quote(raw)))
    return dt.time(h, m)


def _date(raw: str, text: str, today: dt.date) -> dt.date:
    try:
        return parse_date(text, today)
    except DateParseError as exc:
        if exc.kind in ("unreadable", "empty"):
            raise WhenParseError(
                _("can't read {text} as a date and time: {hint}").format(text=_quote(raw), hint=_(WHEN_HINT))
            ) from None
        raise WhenParseError(str(exc)) from None


def _read_when(raw: str, text: str, now: dt.datetime) -> dt.datetime:
    if text in ("", "now", "maintenant"):
        return now
    if m := _AGO.fullmatch(text):
        amount = int(m.group(1))
        return now - (dt.timedelta(hours=amount) if m.group(2) == "h" else dt.timedelta(minutes=amount))
    if m := _TIME_ONLY.fullmatch(text):
        return dt.datetime.combine(now.date(), _time_of_day(raw, m.group(1), m.group(2) or m.group(3)))
    if m := _DATE_TIME.fullmatch(text):
        at = _time_of_day(text[m.start(2) :], m.group(2), m.group(3) or m.group(4))
        return dt.datetime.combine(_date(raw, m.group(1), now.date()), at)
    return dt.datetime.combine(_date(raw, text, now.date()), now.time())


def parse_when(text: str, now: dt.datetime) -> dt.datetime:
    """When a touchpoint happened, from what the recruiter typed (minutes precision).

    * empty or ``now`` -> now; ``-2h`` / ``-90min`` -> that long ago (``m`` alone
      means months in dates, so minutes are spelled ``min``);
    * a time alone (``14:30``, ``9:05``, ``14h30``, ``14h``) -> today at that time;
    * any :func:`.dates.parse_date` expression (``yesterday``, ``-2d``,
      ``2026-11-20``...) -> that day at the current time of day, or at the time
      that follows it (``yesterday 14:30``, ``2026-11-20T15:00``).

    Touchpoints are things that happened: more than one day ahead of *now* is
    refused.  Weekday names mean the *next* such day in dates, so a bare
    ``fri`` is refused unless it is tomorrow.
    Raises :class:`WhenParseError` (never anything else).
    """
    now = now.replace(second=0, microsecond=0)
    raw = text.strip()
    try:
        when = _read_when(raw, " ".join(raw.lower().split()), now)
    except (OverflowError, ValueError) as exc:
        if isinstance(exc, WhenParseError):
            raise
        raise WhenParseError(_("{text} falls outside the calendar (years 1 to 9999)").format(text=_quote(raw))) from None
    if when - now > FUTURE_LIMIT:
        day = describe(when.date(), now.date())
        raise WhenParseError(_("a contact logged in the future? {day} has not happened yet: log what already happened").format(day=day))
    return when


def _too_long(cleaned: Mapping[str, object], fields: Sequence[str], errors: Errors) -> None:
    for field in fields:
        value = cleaned.get(field)
        if isinstance(value, str) and len(value) > MAX_TEXT:
            errors.setdefault(field, _("at most {n} characters").format(n=formats.number(MAX_TEXT)))


def validate_feedback(data: Mapping[str, str], today: dt.date, skip_weekends: bool = False) -> tuple[dict, Errors]:
    """Clean and check the feedback given after a contact (à chaud); a next step counted
    in days that lands on a weekend moves to the Monday when *skip_weekends*.  The next
    step's date may carry a time (``demain 14h30``): ``next_step_time``, else None."""
    texts = ("feedback_given", "impression", "next_step")
    cleaned: dict = {f: clean_text(data.get(f, "")) for f in texts}
    errors: Errors = {}
    sentiment = clean_line(data.get("sentiment", "")).lower()
    cleaned["sentiment"] = sentiment or None
    if sentiment and sentiment not in SENTIMENTS:
        errors["sentiment"] = _("one of: {choices}").format(choices=", ".join(SENTIMENTS))
    try:
        due, at = parse_due_time(data.get("next_step_due", ""), today, skip_weekends)
    except DateParseError as exc:
        due, at = None, None
        errors["next_step_due"] = str(exc)
    cleaned["next_step_due"] = due
    if due is not None and due < today:
        errors["next_step_due"] = _("that date is in the past")
    if due is not None and not cleaned["next_step"]:
        errors["next_step"] = _("say what the next step is")
    if not any(cleaned[f] for f in texts):
        errors["feedback_given"] = _("write the feedback you gave, or your impression")
    _too_long(cleaned, texts, errors)
    # the time of day typed with the date (``demain 14h30``), stored beside it
    return {**{f: cleaned[f] for f in FEEDBACK_FIELDS}, "next_step_time": at}, errors


def _check_outcome(outcome: str) -> None:
    if outcome not in CLOSED_STAGES:
        raise ValueError(f"outcome must be one of {CLOSED_STAGES}, not {outcome!r}")


def validate_closing(data: Mapping[str, str], outcome: str, reasons: Sequence[str]) -> tuple[dict, Errors]:
    """Clean and check closing a candidacy as ``declined`` (by the talent) or
    ``rejected`` (by us).  Raises ValueError for any other outcome."""
    _check_outcome(outcome)
    cleaned = {f: clean_text(data.get(f, "")) for f in ("detail", "feedback")}
    cleaned = {"reason": clean_line(data.get("reason", "")), **cleaned}
    errors: Errors = {}
    if not cleaned["reason"]:
        errors["reason"] = _("pick a reason")
    elif cleaned["reason"] not in reasons:
        errors["reason"] = _("unknown reason; one of: {reasons}").format(reasons=", ".join(reasons))
    elif cleaned["reason"] == "other" and not cleaned["detail"]:
        errors["detail"] = _("say why")
    if outcome == "rejected" and not cleaned["feedback"]:
        errors["feedback"] = _("nobody is turned down without an explanation: write the feedback you gave")
    _too_long(cleaned, CLOSING_FIELDS, errors)
    return cleaned, errors


def _reason_label(reason: str) -> str:
    """A reason the app ships in the user's language (``salary`` -> ``salaire``); any
    other (the user's own) exactly as written."""
    shown = label(reason)
    return reason if shown == reason.replace("_", " ") else shown


def closing_summary(outcome: str, reason: str, detail: str = "") -> str:
    """One line for the history, e.g. ``Rejected by us — reason: salary (too high)``."""
    _check_outcome(outcome)
    summary = stage_label(outcome)
    if reason:
        summary = _("{outcome} — reason: {reason}").format(outcome=summary, reason=_reason_label(clean_line(reason)))
    if detail := clean_line(detail):
        summary += f" ({detail})"
    return summary
