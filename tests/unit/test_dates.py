"""Tests for sourcer_tui.domain.dates: typed date expressions and previews."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from sourcer_tui.domain.dates import (
    UNITS,
    WEEKDAYS,
    DateParseError,
    add_months,
    describe,
    furthest_date,
    parse_date,
    parse_due,
    parse_optional_date,
    skip_weekend,
)

TODAY = date(2026, 11, 23)  # a Monday


def test_today_is_a_monday():
    assert TODAY.weekday() == 0


# --------------------------------------------------------------------- words


@pytest.mark.parametrize(
    "text, expected",
    [
        ("today", date(2026, 11, 23)),
        ("TODAY", date(2026, 11, 23)),
        ("  Today \t", date(2026, 11, 23)),
        ("aujourd'hui", date(2026, 11, 23)),
        ("Aujourd\u2019hui", date(2026, 11, 23)),
        ("tomorrow", date(2026, 11, 24)),
        ("Demain", date(2026, 11, 24)),
        ("yesterday", date(2026, 11, 22)),
        ("hier", date(2026, 11, 22)),
    ],
)
def test_words(text, expected):
    assert parse_date(text, TODAY) == expected


# ------------------------------------------------------------------ relative


@pytest.mark.parametrize(
    "text, expected",
    [
        # days
        ("+2d", date(2026, 11, 25)),
        ("2d", date(2026, 11, 25)),
        ("0d", date(2026, 11, 23)),
        ("3 days", date(2026, 11, 26)),
        ("1 day", date(2026, 11, 24)),
        ("+ 2 d", date(2026, 11, 25)),
        ("in 3 days", date(2026, 11, 26)),
        ("3j", date(2026, 11, 26)),
        ("3 jours", date(2026, 11, 26)),
        ("dans 1 jour", date(2026, 11, 24)),
        ("10D", date(2026, 12, 3)),
        ("-1d", date(2026, 11, 22)),
        ("-30 days", date(2026, 10, 24)),
        ("+3650d", date(2036, 11, 20)),
        # weeks
        ("+1w", date(2026, 11, 30)),
        ("2w", date(2026, 12, 7)),
        ("2 weeks", date(2026, 12, 7)),
        ("1 week", date(2026, 11, 30)),
        ("2wk", date(2026, 12, 7)),
        ("2 sem", date(2026, 12, 7)),
        ("1 semaine", date(2026, 11, 30)),
        ("3 semaines", date(2026, 12, 14)),
        ("-2w", date(2026, 11, 9)),
        ("520w", date(2036, 11, 10)),  # 3640 days
        # months
        ("3m", date(2027, 2, 23)),
        ("6 months", date(2027, 5, 23)),
        ("1 month", date(2026, 12, 23)),
        ("2mo", date(2027, 1, 23)),
        ("6 mois", date(2027, 5, 23)),
        ("-1m", date(2026, 10, 23)),
        ("120m", date(2036, 11, 23)),
        # years
        ("1y", date(2027, 11, 23)),
        ("2 years", date(2028, 11, 23)),
        ("1 year", date(2027, 11, 23)),
        ("1yr", date(2027, 11, 23)),
        ("1 an", date(2027, 11, 23)),
        ("2 ans", date(2028, 11, 23)),
        ("-1y", date(2025, 11, 23)),
        ("10y", date(2036, 11, 23)),
    ],
)
def test_relative(text, expected):
    assert parse_date(text, TODAY) == expected


def test_every_unit_spelling_is_accepted():
    for unit in UNITS:
        assert parse_date(f"1{unit}", TODAY) > TODAY
        assert parse_date(f"-1 {unit}", TODAY) < TODAY


@pytest.mark.parametrize(
    "today, text, expected",
    [
        (date(2026, 1, 31), "+1m", date(2026, 2, 28)),
        (date(2028, 1, 31), "+1m", date(2028, 2, 29)),  # leap year
        (date(2028, 2, 29), "+1y", date(2029, 2, 28)),
        (date(2028, 2, 29), "-1y", date(2027, 2, 28)),
        (date(2028, 2, 29), "4y", date(2032, 2, 29)),
        (date(2026, 8, 31), "+6m", date(2027, 2, 28)),
        (date(2026, 8, 31), "+3m", date(2026, 11, 30)),
        (date(2026, 3, 31), "-1m", date(2026, 2, 28)),
        (date(2026, 12, 31), "+2m", date(2027, 2, 28)),
        (date(2026, 12, 31), "+1d", date(2027, 1, 1)),
    ],
)
def test_month_ends(today, text, expected):
    assert parse_date(text, today) == expected


@pytest.mark.parametrize(
    "d, months, expected",
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2026, 8, 31), 3, date(2026, 11, 30)),
        (date(2026, 5, 15), 12, date(2027, 5, 15)),
        (date(2026, 5, 15), 0, date(2026, 5, 15)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 1, 15), -13, date(2024, 12, 15)),
    ],
)
def test_add_months(d, months, expected):
    assert add_months(d, months) == expected


# ------------------------------------------------------------------ weekdays


@pytest.mark.parametrize(
    "text, expected",
    [
        ("mon", date(2026, 11, 30)),  # typed on a Monday: one week later
        ("tue", date(2026, 11, 24)),
        ("wed", date(2026, 11, 25)),
        ("thu", date(2026, 11, 26)),
        ("fri", date(2026, 11, 27)),
        ("sat", date(2026, 11, 28)),
        ("sun", date(2026, 11, 29)),
        ("Monday", date(2026, 11, 30)),
        ("TUESDAY", date(2026, 11, 24)),
        ("wednesday", date(2026, 11, 25)),
        ("thursday", date(2026, 11, 26)),
        ("friday", date(2026, 11, 27)),
        ("saturday", date(2026, 11, 28)),
        ("sunday", date(2026, 11, 29)),
        ("lundi", date(2026, 11, 30)),
        ("mardi", date(2026, 11, 24)),
        ("mercredi", date(2026, 11, 25)),
        ("jeudi", date(2026, 11, 26)),
        ("vendredi", date(2026, 11, 27)),
        ("samedi", date(2026, 11, 28)),
        ("dimanche", date(2026, 11, 29)),
        ("next mon", date(2026, 11, 30)),
        ("Next  Friday", date(2026, 11, 27)),
        ("lundi prochain", date(2026, 11, 30)),
    ],
)
def test_weekday_names(text, expected):
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize("offset", range(7))
def test_weekday_name_typed_on_each_day_is_strictly_in_the_next_week(offset):
    today = TODAY + timedelta(days=offset)
    for name, weekday in WEEKDAYS.items():
        result = parse_date(name, today)
        assert result.weekday() == weekday
        assert 1 <= (result - today).days <= 7
    # typed on the same weekday -> exactly one week later
    same = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][today.weekday()]
    assert parse_date(same, today) == today + timedelta(days=7)


@pytest.mark.parametrize("typed", ["lun", "mar", "mer", "jeu", "ven", "sam", "dim", "lun.", "mar.", "dim."])
def test_the_french_abbreviations_the_app_shows_are_read(typed):
    """Dates show as ``mar. 8 déc.``: ``mar`` alone is mardi (March only ever follows a day: ``7 mar``)."""
    weekday = ["lun", "mar", "mer", "jeu", "ven", "sam", "dim"].index(typed.rstrip("."))
    day = parse_date(typed, TODAY)
    assert day.weekday() == weekday and 1 <= (day - TODAY).days <= 7
    assert parse_date("7 mar", TODAY).month == 3


# ----------------------------------------------------------------------- ISO


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2026-12-01", date(2026, 12, 1)),
        ("2026-12-1", date(2026, 12, 1)),
        ("2027-1-5", date(2027, 1, 5)),
        (" 2028-02-29 ", date(2028, 2, 29)),
        ("2020-01-01", date(2020, 1, 1)),  # past dates are fine
    ],
)
def test_iso(text, expected):
    assert parse_date(text, TODAY) == expected


# -------------------------------------------------------------------- errors


def _error(text, today=TODAY):
    with pytest.raises(DateParseError) as info:
        parse_date(text, today)
    assert isinstance(info.value, ValueError)
    msg = str(info.value)
    assert msg and "\n" not in msg and len(msg) < 120
    return info.value


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_empty_is_an_error(text):
    err = _error(text)
    assert err.kind == "empty"
    assert str(err).startswith("a date is required")


@pytest.mark.parametrize(
    "text",
    [
        "frob", "3", "+", "d", "3x", "3 fortnights", "next", "next 3d", "next today",
        "2026/12/01", "01-12-2026", "2026-12", "26-12-01", "1/12/226", "7 smarch", "7 déc 26", "dec 7",
        "3.5d", "½d", "٣d", "tomorrow tomorrow", "mars", "monday next",
    ],
)
def test_unreadable(text):
    err = _error(text)
    assert err.kind == "unreadable"


def test_unreadable_message_is_exact():
    err = _error("frob")
    assert str(err) == (
        'can\'t read "frob" as a date: try today, tomorrow, +2d, 3w, 6m, 1y, mon…sun, 7/12 or 2026-12-01'
    )


def test_unreadable_message_truncates_long_input():
    err = _error("x" * 500)
    assert "x" * 24 + "…" in str(err)
    assert "x" * 25 not in str(err)


@pytest.mark.parametrize(
    "text, limit",
    [
        ("3651d", "at most 3650 days"),
        ("-3651 days", "at most 3650 days"),
        ("521w", "at most 520 weeks"),
        ("121m", "at most 120 months"),
        ("11y", "at most 10 years"),
        ("99999999999999999999999d", "at most 3650 days"),
        ("9" * 5000 + "d", "at most 3650 days"),  # would trip int()'s digit limit
    ],
)
def test_too_far(text, limit):
    err = _error(text)
    assert err.kind == "too_far"
    assert "is too far" in str(err) and limit in str(err)


@pytest.mark.parametrize("text", ["2026-02-30", "2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "0000-01-01"])
def test_iso_date_that_does_not_exist(text):
    err = _error(text)
    assert err.kind == "no_such_date"
    assert str(err) == f'"{text}" does not exist: check the month and day'


@pytest.mark.parametrize(
    "today, text",
    [
        (date.max, "+1d"),
        (date.max, "tomorrow"),
        (date.max, "fri"),
        (date.max, "1m"),
        (date.max, "1y"),
        (date(9999, 6, 1), "1y"),
        (date.min, "yesterday"),
        (date.min, "-1w"),
        (date.min, "-1m"),
    ],
)
def test_out_of_range(today, text):
    err = _error(text, today)
    assert err.kind == "out_of_range"


# ---------------------------------------------------------- optional parsing


@pytest.mark.parametrize("text", ["", "   ", "\t", None])
def test_optional_empty_is_none(text):
    assert parse_optional_date(text, TODAY) is None


def test_optional_parses_and_still_rejects_garbage():
    assert parse_optional_date(" 2d ", TODAY) == date(2026, 11, 25)
    with pytest.raises(DateParseError):
        parse_optional_date("frob", TODAY)


# ------------------------------------------------------------------ describe


@pytest.mark.parametrize(
    "d, expected",
    [
        (date(2026, 11, 23), "Mon 2026-11-23 (today)"),
        (date(2026, 11, 24), "Tue 2026-11-24 (tomorrow)"),
        (date(2026, 11, 22), "Sun 2026-11-22 (yesterday)"),
        (date(2026, 11, 25), "Wed 2026-11-25 (in 2 days)"),
        (date(2026, 11, 26), "Thu 2026-11-26 (in 3 days)"),
        (date(2026, 11, 20), "Fri 2026-11-20 (3 days ago)"),
        (date(2026, 12, 6), "Sun 2026-12-06 (in 13 days)"),
        (date(2026, 12, 7), "Mon 2026-12-07 (in 2 weeks)"),
        (date(2026, 12, 10), "Thu 2026-12-10 (in 2 weeks)"),  # 17 days
        (date(2026, 12, 11), "Fri 2026-12-11 (in 3 weeks)"),  # 18 days rounds up
        (date(2027, 1, 21), "Thu 2027-01-21 (in 8 weeks)"),  # 59 days
        (date(2027, 1, 22), "Fri 2027-01-22 (in 2 months)"),  # 60 days
        (date(2027, 2, 22), "Mon 2027-02-22 (in 3 months)"),
        (date(2027, 5, 23), "Sun 2027-05-23 (in 6 months)"),
        (date(2028, 11, 21), "Tue 2028-11-21 (in 24 months)"),  # 729 days
        (date(2028, 11, 22), "Wed 2028-11-22 (in 2 years)"),  # 730 days
        (date(2036, 11, 23), "Sun 2036-11-23 (in 10 years)"),
        (date(2026, 11, 9), "Mon 2026-11-09 (2 weeks ago)"),
        (date(2026, 8, 23), "Sun 2026-08-23 (3 months ago)"),
        (date(2024, 11, 23), "Sat 2024-11-23 (2 years ago)"),
    ],
)
def test_describe(d, expected):
    assert describe(d, TODAY) == expected


def test_describe_matches_parse():
    assert describe(parse_date("tomorrow", TODAY), TODAY) == "Tue 2026-11-24 (tomorrow)"
    assert describe(parse_date("3m", TODAY), TODAY) == "Tue 2027-02-23 (in 3 months)"
    assert describe(parse_date("mon", TODAY), TODAY) == "Mon 2026-11-30 (in 7 days)"


# -------------------------------------------------------------- skip_weekend


@pytest.mark.parametrize(
    "d, expected",
    [
        (date(2026, 11, 23), date(2026, 11, 23)),  # Mon
        (date(2026, 11, 24), date(2026, 11, 24)),  # Tue
        (date(2026, 11, 25), date(2026, 11, 25)),  # Wed
        (date(2026, 11, 26), date(2026, 11, 26)),  # Thu
        (date(2026, 11, 27), date(2026, 11, 27)),  # Fri
        (date(2026, 11, 28), date(2026, 11, 30)),  # Sat -> Mon
        (date(2026, 11, 29), date(2026, 11, 30)),  # Sun -> Mon
        (date(2026, 12, 27), date(2026, 12, 28)),  # Sun across nothing special
        (date(2027, 1, 2), date(2027, 1, 4)),  # Sat -> Mon across a week boundary
    ],
)
def test_skip_weekend(d, expected):
    assert skip_weekend(d) == expected


# ---------------------------------------------------------------- properties

_GRAMMAR = st.one_of(
    st.text(),
    st.builds(
        lambda prefix, sign, n, space, unit: f"{prefix}{sign}{n}{space}{unit}",
        st.sampled_from(["", "in ", "dans "]),
        st.sampled_from(["", "+", "-", "+ "]),
        st.integers(min_value=0, max_value=10**8),
        st.sampled_from(["", " "]),
        st.sampled_from([*UNITS, "x", "fortnight"]),
    ),
    st.sampled_from([*WEEKDAYS, "today", "tomorrow", "yesterday", "demain", "hier"]),
    st.builds(lambda y, m, d: f"{y:04d}-{m}-{d}", st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32)),
)


@given(st.text())
def test_any_text_returns_a_date_or_raises_date_parse_error(text):
    try:
        result = parse_date(text, TODAY)
    except DateParseError as err:
        assert str(err)
    else:
        assert isinstance(result, date)


@given(_GRAMMAR, st.dates())
def test_any_input_any_today_never_raises_anything_else(text, today):
    try:
        result = parse_date(text, today)
    except DateParseError as err:
        assert err.kind in {"empty", "unreadable", "too_far", "no_such_date", "out_of_range"}
    else:
        assert isinstance(result, date)
        describe(result, today)


@given(st.integers(min_value=0, max_value=3650))
def test_plus_n_days(n):
    assert parse_date(f"+{n}d", TODAY) == TODAY + timedelta(days=n)
    assert parse_date(f"{n} days", TODAY) == TODAY + timedelta(days=n)
    assert parse_date(f"-{n}d", TODAY) == TODAY - timedelta(days=n)


@given(st.dates())
def test_iso_round_trip(d):
    assert parse_date(d.isoformat(), TODAY) == d
    assert parse_date(f" {d.isoformat().upper()} ", d) == d


@given(st.dates(), st.dates())
def test_describe_always_contains_weekday_and_iso(d, today):
    text = describe(d, today)
    weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][d.weekday()]
    assert text.startswith(f"{weekday} {d.isoformat()} (") and text.endswith(")")


@given(st.dates(min_value=date(100, 1, 1), max_value=date(9000, 1, 1)), st.integers(-120, 120))
def test_add_months_keeps_day_or_clips_to_month_end(d, months):
    result = add_months(d, months)
    assert (result.year * 12 + result.month) - (d.year * 12 + d.month) == months
    assert result.day == d.day or (result.day < d.day and (result + timedelta(days=1)).day == 1)


@given(st.dates(max_value=date(9999, 12, 30)))
def test_skip_weekend_property(d):
    result = skip_weekend(d)
    assert result.weekday() < 5
    assert 0 <= (result - d).days <= 2
    if d.weekday() < 5:
        assert result == d


def test_furthest_date_is_the_furthest_a_date_can_be_typed():
    assert furthest_date(TODAY) == date(2036, 11, 23) == parse_date("10y", TODAY) == parse_date("120m", TODAY)
    assert parse_date("3650d", TODAY) < furthest_date(TODAY)
    assert furthest_date(date(2028, 2, 29)) == date(2038, 2, 28)
    assert furthest_date(date(9995, 1, 1)) == date.max  # past the calendar: its last day


# -- day first, as written in France, in every language ------------------------------
DEC5 = date(2026, 12, 5)  # a Saturday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("07/12/2026", date(2026, 12, 7)), ("7/12/2026", date(2026, 12, 7)), ("7.12.2026", date(2026, 12, 7)),
        ("7/12/26", date(2026, 12, 7)), ("04/12", date(2026, 12, 4)), ("4/12", date(2026, 12, 4)),
        ("12/01/2027", date(2027, 1, 12)), ("7/12", date(2026, 12, 7)), ("1/3", date(2027, 3, 1)),
        ("1/9", date(2026, 9, 1)), ("1/6", date(2027, 6, 1)), ("1/7", date(2026, 7, 1)),
        ("7 déc", date(2026, 12, 7)), ("7 Déc.", date(2026, 12, 7)), ("7 décembre", date(2026, 12, 7)),
        ("7 decembre 2027", date(2027, 12, 7)), ("7 dec", date(2026, 12, 7)), ("7 december", date(2026, 12, 7)),
        ("1er", None), ("15 janv", date(2027, 1, 15)), ("3 août", date(2026, 8, 3)), ("3 aout 2027", date(2027, 8, 3)),
        ("14 juillet 2027", date(2027, 7, 14)), ("7 mar", date(2027, 3, 7)), ("29/02/2028", date(2028, 2, 29)),
    ],
)
def test_day_first(text, expected):
    """``04/12`` is the 4th of December; without a year, the year closest to today."""
    if expected is None:
        assert _error(text).kind == "unreadable"
        return
    assert parse_date(text, DEC5) == expected


@pytest.mark.parametrize("text", ["31/4", "31/04/2027", "29/2", "0/12", "7/13", "32 déc", "30 février"])
def test_day_first_that_does_not_exist(text):
    assert _error(text, today=DEC5).kind == "no_such_date"


def test_a_day_written_out_is_not_moved_off_a_weekend():
    """Typed as a date (a Sunday), it stays; counted to, it moves to the Monday."""
    assert parse_due("6/12", DEC5, skip_weekends=True) == date(2026, 12, 6)
    assert parse_due("6 déc", DEC5, skip_weekends=True) == date(2026, 12, 6)
    assert parse_due("+1d", DEC5, skip_weekends=True) == date(2026, 12, 7)


_FR_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
_SHORT_MONTHS = ["janv", "févr", "mars", "avr", "mai", "juin", "juil", "août", "sept", "oct", "nov", "déc"]


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(9999, 12, 31)), st.dates(min_value=date(2, 1, 1), max_value=date(9998, 12, 31)))
def test_day_first_with_a_year_round_trip(d, today):
    for text in (f"{d.day}/{d.month}/{d.year}", f"{d.day:02d}/{d.month:02d}/{d.year}", f"{d.day}.{d.month}.{d.year}",
                 f"{d.day} {_FR_MONTHS[d.month - 1]} {d.year}", f"{d.day} {_SHORT_MONTHS[d.month - 1]} {d.year}"):
        assert parse_date(text, today) == d, text


@given(st.dates(min_value=date(2, 1, 1), max_value=date(9998, 12, 31)), st.integers(-180, 180))
def test_day_first_without_a_year_is_the_closest(today, offset):
    """Within half a year of today, ``D/M`` is that day (never the same day a year off)."""
    d = today + timedelta(days=offset)
    if (d.month, d.day) == (2, 29):
        return  # the closest 29 February may be years away
    assert parse_date(f"{d.day}/{d.month}", today) == d
    assert parse_date(f"{d.day} {_SHORT_MONTHS[d.month - 1]}", today) == d


# -- French forms, as a French recruiter types them ---------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2sem", date(2026, 12, 7)), ("3mois", date(2027, 2, 23)), ("1an", date(2027, 11, 23)), ("+2j", date(2026, 11, 25)),
        ("lundi", date(2026, 11, 30)), ("demain", date(2026, 11, 24)), ("7 décembre", date(2026, 12, 7)),
        ("07/12/2026", date(2026, 12, 7)), ("dans 3 semaines", date(2026, 12, 14)), ("-1j", date(2026, 11, 22)),
    ],
)
def test_french_forms(text, expected):
    assert parse_date(text, TODAY) == expected


def _closest(today, month, day):
    """The day of that month and day nearest to *today* (the later one on a tie)."""
    found = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            found.append(date(year, month, day))
        except ValueError:
            pass
    return min(found, key=lambda d: (abs((d - today).days), d < today))


@given(st.dates(min_value=TODAY - timedelta(days=3652), max_value=TODAY + timedelta(days=3652)), st.booleans())
@example(date(2028, 2, 29), False)
def test_french_dates_within_ten_years_are_read(d, short):
    """``07/12/2026`` is that day; ``7 décembre`` (or ``7 déc``) the closest 7 December."""
    assert parse_date(f"{d.day:02d}/{d.month:02d}/{d.year}", TODAY) == d
    name = (_SHORT_MONTHS if short else _FR_MONTHS)[d.month - 1]
    if (d.month, d.day) == (2, 29):  # none in the years around today: no such date
        assert _error(f"{d.day} {name}").kind == "no_such_date"
        return
    found = parse_date(f"{d.day} {name}", TODAY)
    assert (found.month, found.day) == (d.month, d.day)
    assert found == _closest(TODAY, d.month, d.day)
    assert abs((found - TODAY).days) <= 183


@pytest.mark.parametrize("typed", ["31/12/9999", "1/1/2040", "9999-12-31", "31 déc 2099"])
def test_a_due_date_past_ten_years_is_refused_whatever_its_form(typed):
    """The capture form's next step took 31/12/9999 (only the date dialog checked)."""
    with pytest.raises(DateParseError) as caught:
        parse_due(typed, date(2026, 12, 5), True)
    assert caught.value.kind == "too_far"
