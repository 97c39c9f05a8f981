"""Dates and numbers as the reader writes them: ``Mon 07 Dec`` / ``lun. 7 déc.``,
``2026-12-07`` / ``07/12/2026``, ``29.9%`` / ``29,9 %``, ``1,234`` / ``1 234``.

English keeps the app's historical forms (ISO dates), French follows the
French conventions (CLDR abbreviations).  Machine files (JSON, ``.ics``,
ISO columns of a CSV) never go through here.
"""

from __future__ import annotations

import datetime as dt

from . import language, pseudo

__all__ = [
    "weekday",
    "day_month",
    "day_month_year",
    "full_date",
    "weekday_date",
    "date_time",
    "weekday_date_time",
    "day_month_time",
    "time_of_day",
    "percent",
    "number",
    "decimal",
    "file_size",
    "NBSP",
]

#: French puts a no-break space before % and between thousands.
NBSP = "\u00a0"
_EN_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_FR_WEEKDAYS = ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")
_FR_MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.")


def _french() -> bool:
    return language() == "fr"


def _names(names: tuple[str, ...]) -> tuple[str, ...]:
    """English day or month names (marked, in the tests' pseudo-locale)."""
    return tuple(pseudo(name) for name in names) if language() == "pseudo" else names


def weekday(d: dt.date) -> str:
    """``Mon`` / ``lun.``"""
    return (_FR_WEEKDAYS if _french() else _names(_EN_WEEKDAYS))[d.weekday()]


def day_month(d: dt.date) -> str:
    """``Mon 07 Dec`` / ``lun. 7 déc.``"""
    if _french():
        return f"{_FR_WEEKDAYS[d.weekday()]} {d.day} {_FR_MONTHS[d.month - 1]}"
    return f"{weekday(d)} {d.day:02d} {_names(_EN_MONTHS)[d.month - 1]}"


def day_month_year(d: dt.date) -> str:
    """``Mon 07 Dec 2026`` / ``lun. 7 déc. 2026``"""
    return f"{day_month(d)} {d.year}"


def full_date(d: dt.date) -> str:
    """``2026-12-07`` / ``07/12/2026``"""
    return f"{d.day:02d}/{d.month:02d}/{d.year}" if _french() else d.isoformat()


def weekday_date(d: dt.date) -> str:
    """``Mon 2026-12-07`` / ``lun. 07/12/2026``"""
    return f"{weekday(d)} {full_date(d)}"


def date_time(t: dt.datetime) -> str:
    """``2026-12-07 14:30`` / ``07/12/2026 14:30``"""
    return f"{full_date(t.date())} {t:%H:%M}"


def weekday_date_time(t: dt.datetime) -> str:
    """``Mon 2026-12-07 14:30`` / ``lun. 07/12/2026 14:30``"""
    return f"{weekday(t.date())} {date_time(t)}"


def day_month_time(t: dt.datetime) -> str:
    """``Mon 07 Dec 14:30`` / ``lun. 7 déc. 14:30``"""
    return f"{day_month(t.date())} {t:%H:%M}"


def time_of_day(t: dt.time | None) -> str:
    """``14:30`` (both languages, 24-hour clock); ``""`` for no time."""
    return "" if t is None else f"{t:%H:%M}"


def number(n: int) -> str:
    """``1,234,567`` / ``1 234 567``"""
    text = f"{n:,}"
    return text.replace(",", NBSP) if _french() else text


def decimal(value: float, places: int = 1) -> str:
    """``3.5`` / ``3,5``"""
    text = f"{value:.{places}f}"
    return text.replace(".", ",") if _french() else text


def percent(value: float | None, places: int = 1) -> str:
    """A share (``0.299``) as ``29.9%`` / ``29,9 %``; None as ``—``."""
    if value is None:
        return "—"
    shown = decimal(value * 100, places)
    return f"{shown}{NBSP}%" if _french() else f"{shown}%"


_EN_SIZE_UNITS = ("bytes", "kB", "MB", "GB", "TB")
_FR_SIZE_UNITS = ("octets", "ko", "Mo", "Go", "To")


def file_size(n_bytes: int) -> str:
    """A size on disk, in the largest unit that keeps a number from 1 up (powers of
    1000): ``900 bytes``, ``340 kB``, ``4.2 MB``, ``12 MB`` / ``4,2 Mo`` (one
    decimal below 10)."""
    units = _FR_SIZE_UNITS if _french() else _EN_SIZE_UNITS
    value, unit = float(n_bytes), 0
    while value >= 1000 and unit < len(units) - 1:
        value /= 1000
        unit += 1
    if unit == 0:
        return f"{number(int(n_bytes))} {units[0]}"
    places = 1 if round(value, 1) < 10 else 0
    return f"{decimal(value, places)}{NBSP if _french() else ' '}{units[unit]}"
