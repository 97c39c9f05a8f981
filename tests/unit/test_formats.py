"""Dates and numbers in each language, exact values."""

from __future__ import annotations

import datetime as dt

import pytest

from sourcer_tui.i18n import formats, set_language

MONDAY = dt.date(2026, 12, 7)
AT = dt.datetime(2026, 12, 7, 14, 30)


def test_english_keeps_the_app_s_forms():
    assert formats.day_month(MONDAY) == "Mon 07 Dec"
    assert formats.day_month_year(MONDAY) == "Mon 07 Dec 2026"
    assert formats.full_date(MONDAY) == "2026-12-07"
    assert formats.weekday_date(MONDAY) == "Mon 2026-12-07"
    assert formats.date_time(AT) == "2026-12-07 14:30"
    assert formats.weekday_date_time(AT) == "Mon 2026-12-07 14:30"
    assert formats.day_month_time(AT) == "Mon 07 Dec 14:30"
    assert formats.number(1234567) == "1,234,567"
    assert formats.percent(0.299) == "29.9%"
    assert formats.percent(None) == "—"
    assert formats.decimal(3.25, 1) == "3.2"


def test_french_writes_dates_and_numbers_the_french_way():
    set_language("fr")
    assert formats.day_month(MONDAY) == "lun. 7 déc."
    assert formats.day_month(dt.date(2027, 2, 1)) == "lun. 1 févr."
    assert formats.day_month_year(MONDAY) == "lun. 7 déc. 2026"
    assert formats.full_date(MONDAY) == "07/12/2026"
    assert formats.weekday_date(MONDAY) == "lun. 07/12/2026"
    assert formats.date_time(AT) == "07/12/2026 14:30"
    assert formats.day_month_time(AT) == "lun. 7 déc. 14:30"
    assert formats.number(1234567) == "1\u00a0234\u00a0567"
    assert formats.percent(0.299) == "29,9\u00a0%"
    assert formats.decimal(3.5, 1) == "3,5"


@pytest.mark.parametrize("day", [dt.date(2026, 1, 1) + dt.timedelta(days=n) for n in range(0, 365, 29)])
def test_pseudo_marks_day_and_month_names(day):
    set_language("pseudo")
    assert not any(char.isascii() and char.isalpha() for char in formats.day_month(day))
