"""Parse and describe the short date expressions a recruiter types.

Accepted by :func:`parse_date` (case-insensitive, surrounding whitespace ignored):

* ``today`` / ``aujourd'hui``, ``tomorrow`` / ``demain``, ``yesterday`` / ``hier``
* relative offsets: ``+2d``, ``2d``, ``3 days``, ``2w``, ``6m``, ``1y``, ``-1d``
  (optionally prefixed by ``in`` / ``dans``); see :data:`UNITS` for unit spellings
* weekday names (``mon``, ``monday``, ``lundi``...), optionally ``next mon`` or
  ``lundi prochain``: always the next such day strictly after today
* ISO dates ``2026-12-01`` (single-digit month/day accepted)
* day first, as written in France, in every language: ``07/12/2026``,
  ``7/12/26``, ``7.12.2026``, ``7/12``, ``7 déc``, ``7 décembre 2026``, ``7 dec``.
  ``04/12`` is the 4th of December, never April 12.  Without a year, the
  year that puts the day closest to today (``7/12`` typed on 5 December is
  in two days; ``1/9`` typed in December is the September just past).

A due item may carry a time of day (:func:`parse_due_time`): any of the
above followed by ``14:30``, ``14h30``, ``14h``, ``9h``, ``2:30pm``, ``2pm``
(optionally after ``at`` / ``à``): ``demain 14h30``, ``tomorrow 2:30pm``,
``lun 9h``, ``2026-12-10 14:30``, ``+2d 10:00``, ``07/12/2026 14h``.

Pure Python: no Textual, no database.
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil.relativedelta import relativedelta

from ..i18n import N_, _, formats, ngettext

__all__ = [
    "DateParseError",
    "MAX_YEARS_AHEAD",
    "add_months",
    "furthest_date",
    "describe",
    "describe_when",
    "parse_date",
    "parse_optional_date",
    "parse_due",
    "parse_due_time",
    "parse_time",
    "skip_weekend",
]

#: The forms to try, shown after an error (marked: translate it where shown, ``_(HINT)``).
HINT = N_("try today, tomorrow, +2d, 3w, 6m, 1y, mon…sun, 7/12 or 2026-12-01")

# Fixed-offset words (days from today).
WORDS: dict[str, int] = {
    "today": 0, "now": 0, "aujourd'hui": 0, "aujourdhui": 0,
    "tomorrow": 1, "tmrw": 1, "demain": 1,
    "yesterday": -1, "hier": -1,
}

#: The furthest a date may be typed counting from today (``10y``, ``120m``, ``520w``, ``3650d``).
MAX_YEARS_AHEAD = 10
# canonical unit -> maximum magnitude
_LIMITS = {"day": 3650, "week": 520, "month": 12 * MAX_YEARS_AHEAD, "year": MAX_YEARS_AHEAD}
UNITS: dict[str, str] = {
    **dict.fromkeys(["d", "day", "days", "j", "jour", "jours"], "day"),
    **dict.fromkeys(["w", "wk", "wks", "week", "weeks", "sem", "semaine", "semaines"], "week"),
    **dict.fromkeys(["m", "mo", "mos", "month", "months", "mois"], "month"),
    **dict.fromkeys(["y", "yr", "yrs", "year", "years", "an", "ans"], "year"),
}

# weekday spelling -> Monday=0 ... Sunday=6, with the French abbreviations the
# app shows (``lun.``; a trailing dot is ignored).  ``mar`` alone is mardi: March
# is only ever read after a day number (``7 mar``).
_WEEKDAY_NAMES = [
    ("mon", "monday", "lun", "lundi"),
    ("tue", "tues", "tuesday", "mar", "mardi"),
    ("wed", "wednesday", "mer", "mercredi"),
    ("thu", "thur", "thurs", "thursday", "jeu", "jeudi"),
    ("fri", "friday", "ven", "vendredi"),
    ("sat", "saturday", "sam", "samedi"),
    ("sun", "sunday", "dim", "dimanche"),
]
WEEKDAYS: dict[str, int] = {name: i for i, names in enumerate(_WEEKDAY_NAMES) for name in names}

_RELATIVE = re.compile(r"(?:(?:in|dans) )?([+-]?) ?([0-9]+) ?([a-z]+)")
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_NEXT = re.compile(r"(?:next ([a-z]+)|([a-z]+) prochain)")
#: Day first: 7/12, 07/12/2026, 7.12.26 (a year of two digits is this century).
_DAY_MONTH = re.compile(r"([0-9]{1,2})[/.]([0-9]{1,2})(?:[/.]([0-9]{4}|[0-9]{2}))?")
#: 7 déc, 7 décembre 2026, 7 dec (the day before the month's name).
_DAY_MONTH_NAME = re.compile(r"([0-9]{1,2}) ([^0-9 ]+?)\.?(?: ([0-9]{4}))?")

# month spelling -> 1..12, French and English, with and without accents.
_MONTH_NAMES = [
    ("jan", "janv", "janvier", "january"),
    ("feb", "fev", "fév", "févr", "fevr", "février", "fevrier", "february"),
    ("mar", "mars", "march"),
    ("apr", "avr", "avril", "april"),
    ("mai", "may"),
    ("jun", "juin", "june"),
    ("jul", "juil", "juillet", "july"),
    ("aug", "aou", "aoû", "août", "aout", "august"),
    ("sep", "sept", "septembre", "september"),
    ("oct", "octobre", "october"),
    ("nov", "novembre", "november"),
    ("dec", "déc", "décembre", "decembre", "december"),
]
MONTHS: dict[str, int] = {name: i for i, names in enumerate(_MONTH_NAMES, start=1) for name in names}
_MAX_DIGITS = 6  # never hand int() a huge string


class DateParseError(ValueError):
    """A date expression could not be read. ``str(err)`` is one short sentence.

    ``kind`` is one of ``empty``, ``unreadable``, ``too_far``, ``no_such_date``,
    ``out_of_range``.
    """

    def __init__(self, message: str, kind: str = "unreadable") -> None:
        super().__init__(message)
        self.kind = kind


def _quote(text: str) -> str:
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    return f'"{text[:24]}…"' if len(text) > 24 else f'"{text}"'


def _normalize(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").replace("`", "'").lower().split())


def add_months(d: dt.date, months: int) -> dt.date:
    """``d`` plus ``months`` calendar months, clipped to the end of the month."""
    return d + relativedelta(months=months)


def furthest_date(today: dt.date) -> dt.date:
    """The furthest day a date counted from *today* can reach: :data:`MAX_YEARS_AHEAD` years on."""
    try:
        return today + relativedelta(years=MAX_YEARS_AHEAD)
    except (OverflowError, ValueError):
        return dt.date.max


def skip_weekend(d: dt.date) -> dt.date:
    """Saturday/Sunday -> the following Monday; weekdays unchanged."""
    return d + dt.timedelta(days=7 - d.weekday()) if d.weekday() >= 5 else d


def _next_weekday(today: dt.date, weekday: int) -> dt.date:
    return today + dt.timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def _too_far(raw: str, unit: str, limit: int) -> DateParseError:
    if unit == "day":
        message = ngettext("{text} is too far: at most {n} day", "{text} is too far: at most {n} days", limit)
    elif unit == "week":
        message = ngettext("{text} is too far: at most {n} week", "{text} is too far: at most {n} weeks", limit)
    elif unit == "month":
        message = ngettext("{text} is too far: at most {n} month", "{text} is too far: at most {n} months", limit)
    else:
        message = ngettext("{text} is too far: at most {n} year", "{text} is too far: at most {n} years", limit)
    return DateParseError(message.format(text=_quote(raw), n=limit), "too_far")


def _no_such_date(raw: str) -> DateParseError:
    return DateParseError(_("{text} does not exist: check the month and day").format(text=_quote(raw)), "no_such_date")


def _relative(raw: str, sign: str, digits: str, unit: str, today: dt.date) -> dt.date:
    limit = _LIMITS[unit]
    if len(digits) > _MAX_DIGITS or int(digits) > limit:
        raise _too_far(raw, unit, limit)
    n = -int(digits) if sign == "-" else int(digits)
    if unit == "day":
        return today + dt.timedelta(days=n)
    if unit == "week":
        return today + dt.timedelta(weeks=n)
    if unit == "month":
        return add_months(today, n)
    return today + relativedelta(years=n)


def _parse(raw: str, text: str, today: dt.date) -> dt.date:
    if text in WORDS:
        return today + dt.timedelta(days=WORDS[text])
    m = _NEXT.fullmatch(text)
    name = ((m.group(1) or m.group(2)) if m else text).rstrip(".")
    if name in WEEKDAYS:
        return _next_weekday(today, WEEKDAYS[name])
    if m := _RELATIVE.fullmatch(text):
        sign, digits, unit = m.groups()
        if unit in UNITS:
            return _relative(raw, sign, digits, UNITS[unit], today)
    if m := _ISO.fullmatch(text):
        return _day(raw, *(int(g) for g in m.groups()))
    if m := _DAY_MONTH.fullmatch(text):
        day, month, year = m.groups()
        return _day_first(raw, int(day), int(month), year, today)
    if (m := _DAY_MONTH_NAME.fullmatch(text)) and m.group(2) in MONTHS:
        day, name, year = m.groups()
        return _day_first(raw, int(day), MONTHS[name], year, today)
    raise DateParseError(_("can't read {text} as a date: {hint}").format(text=_quote(raw), hint=_(HINT)), "unreadable")


def _day(raw: str, year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise _no_such_date(raw) from None


def _day_first(raw: str, day: int, month: int, year: str | None, today: dt.date) -> dt.date:
    """A day written day first; without a year, the one closest to *today*."""
    if year is not None:
        return _day(raw, int(year) + (2000 if len(year) == 2 else 0), month, day)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise _no_such_date(raw)
    found = []
    for candidate in (today.year - 1, today.year, today.year + 1):
        try:
            found.append(dt.date(candidate, month, day))
        except ValueError:  # 29/2 on a year without it, or past the calendar's ends
            pass
    if not found:
        raise _no_such_date(raw)
    return min(found, key=lambda d: (abs((d - today).days), d < today))


def parse_date(text: str, today: dt.date) -> dt.date:
    """Turn a typed expression into a date, relative to ``today``.

    Raises :class:`DateParseError` (never anything else) when it can't.
    """
    raw = text.strip()
    if not raw:
        raise DateParseError(_("a date is required: {hint}").format(hint=_(HINT)), "empty")
    try:
        return _parse(raw, _normalize(raw), today)
    except (OverflowError, ValueError) as exc:
        if isinstance(exc, DateParseError):
            raise
        raise DateParseError(
            _("{text} falls outside the calendar (years 1 to 9999)").format(text=_quote(raw)), "out_of_range"
        ) from None


def parse_optional_date(text: str | None, today: dt.date) -> dt.date | None:
    """Like :func:`parse_date`, but empty/whitespace (or None) means "no date"."""
    if text is None or not text.strip():
        return None
    return parse_date(text, today)


def _explicit(text: str) -> bool:
    """Whether *text* names its day itself (``2026-12-05``, ``sat``, ``today``) rather than
    counting to it (``+3d``, ``2w``, ``tomorrow``)."""
    text = _normalize(text)
    m = _NEXT.fullmatch(text)
    name = ((m.group(1) or m.group(2)) if m else text).rstrip(".")
    return (name in WEEKDAYS or WORDS.get(text) == 0 or bool(_ISO.fullmatch(text)) or bool(_DAY_MONTH.fullmatch(text))
            or bool((m := _DAY_MONTH_NAME.fullmatch(text)) and m.group(2) in MONTHS))


def parse_due(text: str | None, today: dt.date, skip_weekends: bool) -> dt.date | None:
    """When something is due, as typed (empty: no date).  A day counted to (``+3d``,
    ``2w``, ``tomorrow``) that falls on a weekend moves to the Monday, as follow-ups do,
    when *skip_weekends*; a day typed explicitly (a date, a weekday, ``today``) is kept,
    and so is a day before today (``yesterday`` typed on a Monday is the Sunday, past
    as ``06/12`` would be, never moved on to today).
    Past :func:`furthest_date` it is refused (``too_far``), as a mistyped year."""
    due = parse_optional_date(text, today)
    if due is not None and due > furthest_date(today):  # whichever form typed it: 31/12/9999 too
        raise DateParseError(
            ngettext("at most {n} year ahead", "at most {n} years ahead", MAX_YEARS_AHEAD).format(n=MAX_YEARS_AHEAD), "too_far"
        )
    if due is None or not skip_weekends or due < today or _explicit(text or ""):
        return due
    return skip_weekend(due)


#: A time of day at the end of a due: 14:30, 14h30, 14h, 9h, 2:30pm, 2pm, 2:30 pm (``at``/``à`` before it).
_TIME_TAIL = re.compile(r"(?:^|(?<= ))(?:(?:at|à|a|@) ?)?([0-9]{1,2})(?:(?::|h|\.)([0-9]{2})|(h))? ?(am|pm)?$")
#: The forms of a time of day, shown after an error (marked).
TIME_HINT = N_("try 14:30, 14h30, 9h or 2:30pm")


def _no_such_time(raw: str) -> DateParseError:
    return DateParseError(_("{text} is not a time of day: {hint}").format(text=_quote(raw), hint=_(TIME_HINT)), "no_such_time")


def _split_time(text: str) -> tuple[str, str | None]:
    """``(date part, time part)`` of a normalised *text*; no time part unless it is
    written as one (``14:30``, ``14h``, ``2pm``): ``7 déc 2026`` keeps its year."""
    m = _TIME_TAIL.search(text)
    if m is None or not (m.group(2) or m.group(3) or m.group(4)):
        return text, None
    if m.group(2) and text[m.start(1):m.end(2)].count(".") and not m.group(4):
        return text, None  # 7.12: a day and a month, not 7:12
    return text[: m.start()].strip(), text[m.start():].strip()


def parse_time(text: str) -> dt.time:
    """A time of day as typed (``14:30``, ``14h30``, ``14h``, ``2:30pm``, ``at 9h``).

    Raises :class:`DateParseError` (``no_such_time``) when it isn't one."""
    raw = text.strip()
    m = _TIME_TAIL.fullmatch(_normalize(raw))
    if m is None or not (m.group(2) or m.group(3) or m.group(4)):
        raise _no_such_time(raw)
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if m.group(4):
        if not 1 <= hour <= 12:
            raise _no_such_time(raw)
        hour = hour % 12 + (12 if m.group(4) == "pm" else 0)
    if hour > 23 or minute > 59:
        raise _no_such_time(raw)
    return dt.time(hour, minute)


def parse_due_time(text: str | None, today: dt.date, skip_weekends: bool) -> tuple[dt.date | None, dt.time | None]:
    """When something is due, with its time of day if one is typed:
    ``demain 14h30`` -> (tomorrow, 14:30), ``+2d`` -> (in two days, None); empty: ``(None, None)``.

    The day is read by :func:`parse_due` (a day counted to that lands on a weekend
    moves to the Monday when *skip_weekends*; a day typed explicitly is kept);
    a time alone (``14h30``) is today's."""
    if text is None or not text.strip():
        return None, None
    normal = _normalize(text)
    day_text, time_text = _split_time(normal)
    if time_text is None:
        return parse_due(text, today, skip_weekends), None
    at = parse_time(time_text)
    if not day_text:
        return today, at
    try:
        day = parse_due(day_text, today, skip_weekends)
    except DateParseError as exc:
        if exc.kind != "unreadable":
            raise
        raise DateParseError(_("can't read {text} as a date: {hint}").format(text=_quote(text.strip()), hint=_(HINT)), "unreadable") from None
    return day, at


# describe(): |gap| < 14 days -> days; < 60 days -> weeks (rounded);
# < 730 days -> months (days / 30.44, rounded); otherwise years (rounded).
_SCALES = [(14, "day", 1.0), (60, "week", 7.0), (730, "month", 30.44), (None, "year", 365.25)]


def _ahead(unit: str, n: int) -> str:
    """``in 3 days`` / ``dans 3 j``"""
    if unit == "day":
        return ngettext("in {n} day", "in {n} days", n).format(n=n)
    if unit == "week":
        return ngettext("in {n} week", "in {n} weeks", n).format(n=n)
    if unit == "month":
        return ngettext("in {n} month", "in {n} months", n).format(n=n)
    return ngettext("in {n} year", "in {n} years", n).format(n=n)


def _ago(unit: str, n: int) -> str:
    """``2 weeks ago`` / ``il y a 2 sem.``"""
    if unit == "day":
        return ngettext("{n} day ago", "{n} days ago", n).format(n=n)
    if unit == "week":
        return ngettext("{n} week ago", "{n} weeks ago", n).format(n=n)
    if unit == "month":
        return ngettext("{n} month ago", "{n} months ago", n).format(n=n)
    return ngettext("{n} year ago", "{n} years ago", n).format(n=n)


def _gap_words(days: int) -> str:
    if days == 0:
        return _("today")
    if days in (1, -1):
        return _("tomorrow") if days == 1 else _("yesterday")
    n = abs(days)
    for bound, unit, size in _SCALES:
        if bound is None or n < bound:
            count = int(n / size + 0.5)
            break
    return _ahead(unit, count) if days > 0 else _ago(unit, count)


def describe(d: dt.date, today: dt.date) -> str:
    """Short preview, e.g. ``Tue 2026-11-24 (tomorrow)``, ``Mon 2027-02-22 (in 3 months)``;
    in French ``mar. 24/11/2026 (demain)``, ``lun. 22/02/2027 (dans 3 mois)``."""
    return f"{formats.weekday_date(d)} ({_gap_words((d - today).days)})"


def describe_when(d: dt.date, at: dt.time | None, today: dt.date) -> str:
    """:func:`describe` with a time of day when there is one: ``Tue 2026-12-08 14:30 (in 3 days)``;
    in French ``mar. 08/12/2026 14:30 (dans 3 j)``."""
    if at is None:
        return describe(d, today)
    return f"{formats.weekday_date_time(dt.datetime.combine(d, at))} ({_gap_words((d - today).days)})"
