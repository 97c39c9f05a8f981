"""Tests for sourcer_tui.domain.cadence: follow-ups, snooze and wake-up dates."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sourcer_tui.config import CadenceSettings
from sourcer_tui.domain.cadence import (
    MAX_SNOOZE_MONTHS,
    Cadence,
    auto_snooze_on,
    cadence_for,
    due,
    format_delays,
    keep_in_touch_due,
    next_followup,
    no_reply_reason,
    parse_delays,
    plan,
    snooze_until,
    trial_end_wake,
    validate_mission_cadence,
)

DEFAULTS = CadenceSettings()
THU = date(2026, 11, 19)  # a Thursday
DEFAULT = cadence_for(DEFAULTS)
NO_SKIP = dataclasses.replace(DEFAULT, skip_weekends=False)


def test_reference_weekdays():
    assert THU.weekday() == 3
    assert date(2026, 11, 21).weekday() == 5
    assert date(2027, 3, 11).weekday() == 3


# ------------------------------------------------------------------ Cadence


def test_defaults_come_from_config():
    assert DEFAULT == Cadence(delays=(2, 4, 7), snooze_after_days=7, snooze_months=3, skip_weekends=True)
    assert DEFAULT.followups == 3
    assert MAX_SNOOZE_MONTHS == 24


def test_mission_overrides():
    c = cadence_for(DEFAULTS, delays="3,5", snooze_after_days=10, snooze_months=6)
    assert c == Cadence((3, 5), 10, 6, True)
    assert c.followups == 2


def test_override_zero_snooze_after_days_is_kept():
    assert cadence_for(DEFAULTS, snooze_after_days=0).snooze_after_days == 0


def test_empty_delays_means_no_followups_and_none_means_default():
    assert cadence_for(DEFAULTS, delays="").delays == ()
    assert cadence_for(DEFAULTS, delays="").followups == 0
    assert cadence_for(DEFAULTS, delays=None).delays == (2, 4, 7)


def test_skip_weekends_comes_from_defaults():
    c = cadence_for(CadenceSettings(skip_weekends=False), delays="1")
    assert c == Cadence((1,), 7, 3, False)


def test_defaults_may_be_any_object():
    class Row:
        followup_delays_days = [1, 2]
        snooze_after_days = 3
        snooze_months = 4
        skip_weekends = 0

    assert cadence_for(Row()) == Cadence((1, 2), 3, 4, False)


@pytest.mark.parametrize(
    "kwargs",
    [{"delays": "x"}, {"delays": "0,3"}, {"delays": "366"}, {"delays": ",".join(["1"] * 11)},
     {"snooze_months": 0}, {"snooze_months": 25}, {"snooze_after_days": -1},
     {"snooze_after_days": 366}],
)
def test_bad_stored_overrides_raise(kwargs):
    with pytest.raises(ValueError):
        cadence_for(DEFAULTS, **kwargs)


def test_cadence_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT.snooze_months = 6  # type: ignore[misc]


# ------------------------------------------------------- parse / format


@pytest.mark.parametrize(
    "text, expected",
    [("2,4,7", (2, 4, 7)), ("3, 5", (3, 5)), ("3 5", (3, 5)), (" 3 ,  5 ", (3, 5)),
     ("3;5", (3, 5)), ("3,,5,", (3, 5)), ("007", (7,)), ("", ()), ("   ", ()),
     ("none", ()), ("None", ()), ("0", ()), ("1", (1,)), ("365", (365,)),
     (",".join(["1"] * 10), (1,) * 10)],
)
def test_parse_delays(text, expected):
    assert parse_delays(text) == expected


@pytest.mark.parametrize(
    "text, message",
    [("2d, 4d", "whole days separated by commas, e.g. 2, 4, 7"),
     ("2.5", "whole days separated by commas, e.g. 2, 4, 7"),
     ("-2", "whole days separated by commas, e.g. 2, 4, 7"),
     ("two", "whole days separated by commas, e.g. 2, 4, 7"),
     ("²", "whole days separated by commas, e.g. 2, 4, 7"),
     ("9999999", "whole days separated by commas, e.g. 2, 4, 7"),
     ("2, 0", "each delay between 1 and 365 days"),
     ("366", "each delay between 1 and 365 days"),
     (",".join(["1"] * 11), "at most 10 follow-ups")],
)
def test_parse_delays_errors(text, message):
    with pytest.raises(ValueError) as exc:
        parse_delays(text)
    assert str(exc.value) == message


def test_format_delays():
    assert format_delays((2, 4, 7)) == "2,4,7"
    assert format_delays([3]) == "3"
    assert format_delays(()) == ""


@given(st.lists(st.integers(1, 365), max_size=10))
def test_parse_format_round_trip(delays):
    assert parse_delays(format_delays(delays)) == tuple(delays)
    assert format_delays(parse_delays(", ".join(map(str, delays)))) == format_delays(delays)


# ------------------------------------------------------- mission form


def _form(delays="", after="", months=""):
    return {"followup_delays_days": delays, "snooze_after_days": after, "snooze_months": months}


def test_validate_all_blank_means_defaults():
    assert validate_mission_cadence(_form()) == (
        {"followup_delays_days": None, "snooze_after_days": None, "snooze_months": None}, {})


def test_validate_missing_fields_means_defaults():
    assert validate_mission_cadence({}) == (
        {"followup_delays_days": None, "snooze_after_days": None, "snooze_months": None}, {})


def test_validate_full_form():
    assert validate_mission_cadence(_form(" 3, 5 ", " 10 ", "6")) == (
        {"followup_delays_days": "3,5", "snooze_after_days": 10, "snooze_months": 6}, {})


@pytest.mark.parametrize("text", ["3 5", "3,5", "3 , 5", "3;5"])
def test_validate_delays_normalised(text):
    cleaned, errors = validate_mission_cadence(_form(text))
    assert (cleaned["followup_delays_days"], errors) == ("3,5", {})


@pytest.mark.parametrize("text", ["none", "NONE", " None ", "0"])
def test_validate_no_followups(text):
    cleaned, errors = validate_mission_cadence(_form(text))
    assert (cleaned["followup_delays_days"], errors) == ("", {})


def test_validate_bounds_accepted():
    assert validate_mission_cadence(_form("1,365", "0", "1")) == (
        {"followup_delays_days": "1,365", "snooze_after_days": 0, "snooze_months": 1}, {})
    assert validate_mission_cadence(_form("", "365", "24"))[0] == {
        "followup_delays_days": None, "snooze_after_days": 365, "snooze_months": 24}


@pytest.mark.parametrize(
    "delays, message",
    [("2d", "whole days separated by commas, e.g. 2, 4, 7"),
     ("1/2", "whole days separated by commas, e.g. 2, 4, 7"),
     ("3, 0", "each delay between 1 and 365 days"),
     ("400", "each delay between 1 and 365 days"),
     ("1 2 3 4 5 6 7 8 9 10 11", "at most 10 follow-ups")],
)
def test_validate_delay_errors(delays, message):
    cleaned, errors = validate_mission_cadence(_form(delays, "5", "6"))
    assert errors == {"followup_delays_days": message}
    assert cleaned == {"followup_delays_days": None, "snooze_after_days": 5, "snooze_months": 6}


@pytest.mark.parametrize("after", ["-1", "366", "1.5", "a week", "7d", "99999999"])
def test_validate_snooze_after_errors(after):
    cleaned, errors = validate_mission_cadence(_form(after=after))
    assert errors == {"snooze_after_days": "between 0 and 365 days"}
    assert cleaned["snooze_after_days"] is None


@pytest.mark.parametrize("months", ["0", "25", "-3", "3m", "six", "2.5"])
def test_validate_snooze_months_errors(months):
    cleaned, errors = validate_mission_cadence(_form(months=months))
    assert errors == {"snooze_months": "between 1 and 24 months"}
    assert cleaned["snooze_months"] is None


def test_validate_every_error_at_once():
    _, errors = validate_mission_cadence(_form("x", "-1", "99"))
    assert errors == {
        "followup_delays_days": "whole days separated by commas, e.g. 2, 4, 7",
        "snooze_after_days": "between 0 and 365 days",
        "snooze_months": "between 1 and 24 months",
    }


def test_validated_values_feed_cadence_for():
    cleaned, _ = validate_mission_cadence(_form("3 5", "", "6"))
    c = cadence_for(DEFAULTS, delays=cleaned["followup_delays_days"],
                    snooze_after_days=cleaned["snooze_after_days"], snooze_months=cleaned["snooze_months"])
    assert c == Cadence((3, 5), 7, 6, True)


# ------------------------------------------------------- due / next follow-up


def test_due_moves_weekends_only_when_skipping():
    sat, sun, mon = date(2026, 11, 21), date(2026, 11, 22), date(2026, 11, 23)
    assert due(sat, DEFAULT) == mon
    assert due(sun, DEFAULT) == mon
    assert due(THU, DEFAULT) == THU
    assert due(sat, NO_SKIP) == sat


def test_next_followup_counts_from_the_actual_send_day():
    assert next_followup(DEFAULT, 0, THU) == (1, date(2026, 11, 23))
    # follow-up 1 actually sent late, on Tuesday 24: follow-up 2 = 24 + 4 = Sat 28 -> Mon 30
    assert next_followup(DEFAULT, 1, date(2026, 11, 24)) == (2, date(2026, 11, 30))
    assert next_followup(NO_SKIP, 1, date(2026, 11, 24)) == (2, date(2026, 11, 28))
    assert next_followup(DEFAULT, 2, date(2026, 11, 30)) == (3, date(2026, 12, 7))


def test_next_followup_none_when_all_sent():
    assert next_followup(DEFAULT, 3, THU) is None
    assert next_followup(DEFAULT, 4, THU) is None
    assert next_followup(cadence_for(DEFAULTS, delays=""), 0, THU) is None


def test_next_followup_rejects_negative_step():
    with pytest.raises(ValueError):
        next_followup(DEFAULT, -1, THU)


def test_auto_snooze_on_never_skips_weekends():
    assert auto_snooze_on(DEFAULT, date(2026, 12, 5)) == date(2026, 12, 12)  # a Saturday
    assert auto_snooze_on(cadence_for(DEFAULTS, snooze_after_days=0), THU) == THU


# ------------------------------------------------------------------ snooze


@pytest.mark.parametrize(
    "start, months, plain, skipped",
    [(date(2027, 1, 31), 3, date(2027, 4, 30), date(2027, 4, 30)),   # Fri
     (date(2027, 1, 31), 6, date(2027, 7, 31), date(2027, 8, 2)),    # Sat -> Mon
     (date(2026, 8, 31), 3, date(2026, 11, 30), date(2026, 11, 30)),  # Mon
     (date(2026, 8, 31), 6, date(2027, 2, 28), date(2027, 3, 1))],   # Sun -> Mon
)
def test_snooze_until_month_ends(start, months, plain, skipped):
    assert snooze_until(start, months, False) == plain
    assert snooze_until(start, months, True) == skipped
    assert skipped.weekday() == 0 or skipped == plain


def test_snooze_until_limits():
    assert snooze_until(date(2026, 1, 5), 1, False) == date(2026, 2, 5)
    assert snooze_until(date(2026, 1, 5), 24, False) == date(2028, 1, 5)
    assert snooze_until(date(2024, 2, 29), 24, False) == date(2026, 2, 28)


@pytest.mark.parametrize("months", [0, -1, 25, 100])
def test_snooze_until_rejects_bad_months(months):
    with pytest.raises(ValueError):
        snooze_until(THU, months, True)


def test_no_reply_reason():
    assert no_reply_reason(3) == "no reply after 3 follow-ups"
    assert no_reply_reason(2) == "no reply after 2 follow-ups"
    assert no_reply_reason(1) == "no reply after 1 follow-up"
    assert no_reply_reason(0) == "no reply to the first message"


# -------------------------------------------------------------------- plan


def test_plan_default_skipping_weekends():
    assert plan(DEFAULT, THU) == [
        ("followup", 1, date(2026, 11, 23)),  # 19 + 2 = Sat 21 -> Mon 23
        ("followup", 2, date(2026, 11, 27)),  # 23 + 4 = Fri 27
        ("followup", 3, date(2026, 12, 4)),   # 27 + 7 = Fri Dec 4
        ("snooze", None, date(2026, 12, 11)),
        ("wake_up", None, date(2027, 3, 11)),  # Thu
    ]


def test_plan_default_without_skipping_weekends():
    assert plan(NO_SKIP, THU) == [
        ("followup", 1, date(2026, 11, 21)),
        ("followup", 2, date(2026, 11, 25)),
        ("followup", 3, date(2026, 12, 2)),
        ("snooze", None, date(2026, 12, 9)),
        ("wake_up", None, date(2027, 3, 9)),
    ]


def test_plan_mission_override_two_followups():
    c = cadence_for(DEFAULTS, delays="3,5")
    assert plan(c, THU) == [
        ("followup", 1, date(2026, 11, 23)),  # 19 + 3 = Sun 22 -> Mon 23
        ("followup", 2, date(2026, 11, 30)),  # 23 + 5 = Sat 28 -> Mon 30
        ("snooze", None, date(2026, 12, 7)),
        ("wake_up", None, date(2027, 3, 8)),  # Sun Mar 7 -> Mon 8
    ]


def test_plan_six_month_snooze():
    c = cadence_for(DEFAULTS, snooze_months=6)
    assert plan(c, THU)[-1] == ("wake_up", None, date(2027, 6, 11))  # Fri


def test_plan_reply_on_day_three_skipping_weekends():
    # follow-up 1 is due Mon 23, after the reply on Sun 22: nothing at all
    assert plan(DEFAULT, THU, reply_on=THU + timedelta(days=3)) == []


def test_plan_reply_on_day_three_without_skipping():
    assert plan(NO_SKIP, THU, reply_on=THU + timedelta(days=3)) == [
        ("followup", 1, date(2026, 11, 21)),
    ]


def test_plan_reply_on_a_due_date_cancels_that_followup():
    assert plan(DEFAULT, THU, reply_on=date(2026, 11, 27)) == [("followup", 1, date(2026, 11, 23))]
    assert plan(DEFAULT, THU, reply_on=date(2026, 11, 28)) == [
        ("followup", 1, date(2026, 11, 23)),
        ("followup", 2, date(2026, 11, 27)),
    ]


def test_plan_reply_after_every_followup_cancels_the_snooze():
    assert [step for step, _, _ in plan(DEFAULT, THU, reply_on=date(2026, 12, 10))] == ["followup"] * 3


def test_plan_reply_same_day_as_first_message():
    assert plan(DEFAULT, THU, reply_on=THU) == []


def test_plan_without_followups():
    c = cadence_for(DEFAULTS, delays="")
    assert plan(c, THU) == [
        ("snooze", None, date(2026, 11, 26)),
        ("wake_up", None, date(2027, 2, 26)),  # Fri
    ]
    assert plan(c, THU, reply_on=date(2026, 11, 20)) == []


@given(
    first=st.dates(date(2000, 1, 1), date(2100, 12, 31)),
    delays=st.lists(st.integers(1, 365), max_size=10),
    after=st.integers(1, 365),
    months=st.integers(1, MAX_SNOOZE_MONTHS),
    skip=st.booleans(),
)
def test_plan_dates_increase_and_skip_weekends(first, delays, after, months, skip):
    c = Cadence(tuple(delays), after, months, skip)
    steps = plan(c, first)
    days = [first] + [day for _, _, day in steps]
    assert all(a < b for a, b in zip(days, days[1:]))
    assert [k for kind, k, _ in steps if kind == "followup"] == list(range(1, len(delays) + 1))
    assert [kind for kind, _, _ in steps[len(delays):]] == ["snooze", "wake_up"]
    if skip:  # the snooze day itself is never moved: nothing is due then
        assert all(day.weekday() < 5 for kind, _, day in steps if kind != "snooze")


# ---------------------------------------------- trial end / keep in touch


def test_trial_end_wake():
    assert trial_end_wake(date(2026, 9, 1), 4) == date(2026, 12, 25)  # Fri
    # 2027-01-31 (Sun) - 7 = Sun 24 -> Mon 25
    assert trial_end_wake(date(2026, 10, 31), 3) == date(2027, 1, 25)
    assert trial_end_wake(date(2026, 10, 31), 3, skip_weekends=False) == date(2027, 1, 24)
    assert trial_end_wake(date(2026, 9, 1), 4, notice_days=0) == date(2027, 1, 1)


def test_trial_end_wake_never_before_start():
    start = date(2026, 11, 19)
    assert trial_end_wake(start, 1, notice_days=60) == start
    sat = date(2026, 11, 21)
    assert trial_end_wake(sat, 1, notice_days=60) == date(2026, 11, 23)
    assert trial_end_wake(sat, 1, notice_days=60, skip_weekends=False) == sat


@pytest.mark.parametrize("months", [0, -1, 13, 24])
def test_trial_end_wake_rejects_bad_months(months):
    with pytest.raises(ValueError):
        trial_end_wake(THU, months)


def test_trial_end_wake_rejects_negative_notice():
    with pytest.raises(ValueError):
        trial_end_wake(THU, 3, notice_days=-1)


def test_trial_end_wake_accepts_twelve_months():
    assert trial_end_wake(date(2026, 9, 1), 12, skip_weekends=False) == date(2027, 8, 25)


def test_keep_in_touch_due():
    assert keep_in_touch_due(date(2026, 11, 23), 6, True) == date(2027, 5, 24)  # Sun 23 -> Mon
    assert keep_in_touch_due(date(2026, 11, 23), 6, False) == date(2027, 5, 23)
    # a later actual contact pushes the next one back
    assert keep_in_touch_due(date(2026, 12, 10), 6, True) == date(2027, 6, 10)  # Thu
    assert keep_in_touch_due(date(2027, 1, 31), 1, False) == date(2027, 2, 28)
    assert keep_in_touch_due(date(2027, 1, 31), 24, True) == date(2029, 1, 31)  # Wed


@pytest.mark.parametrize(
    "months, expected",
    [
        (0, date(2026, 12, 21)),  # one month at least: Sat 19 -> Mon 21
        (-6, date(2026, 12, 21)),
        (True, date(2026, 12, 21)),
        (25, date(2028, 11, 20)),  # 24 months at most: Sun 19 -> Mon 20
        (999, date(2028, 11, 20)),  # a file's value once crashed Today here
        (10**30, date(2028, 11, 20)),
        ("6", date(2028, 11, 20)),  # not a whole number: the longest
        (None, date(2028, 11, 20)),
    ],
)
def test_keep_in_touch_due_brings_any_month_count_within_the_limits(months, expected):
    assert keep_in_touch_due(THU, months, True) == expected


@pytest.mark.parametrize("last", [date(9999, 12, 1), date(9998, 1, 31), date.max])
def test_keep_in_touch_due_past_the_calendar_is_its_last_day(last):
    assert keep_in_touch_due(last, 24, True) == date.max
    assert keep_in_touch_due(last, 999, False) == date.max


@given(last=st.dates(), months=st.integers() | st.booleans() | st.none() | st.text(max_size=3), skip=st.booleans())
def test_keep_in_touch_due_never_raises(last, months, skip):
    due = keep_in_touch_due(last, months, skip)
    assert last < due or due == date.max
    if due != date.max:
        assert due <= keep_in_touch_due(last, MAX_SNOOZE_MONTHS, skip)
        if skip:
            assert due.weekday() < 5


def test_snooze_effect_says_what_a_snooze_pauses_and_what_stays():
    from sourcer_tui.domain.cadence import snooze_effect

    mon, wed = date(2026, 12, 7), date(2026, 12, 9)
    assert snooze_effect(1, [mon]) == "pauses 1 follow-up until the wake-up; the next step of Mon 7 Dec stays in Today"
    assert snooze_effect(2, [wed, mon]) == "pauses 2 follow-ups until the wake-up; the next steps of Mon 7 Dec, Wed 9 Dec stay in Today"
    assert snooze_effect(0, [mon] * 5).endswith("Mon 7 Dec, Mon 7 Dec, Mon 7 Dec and 2 more stay in Today")
    assert snooze_effect(0, []) == "no follow-up to pause, no next step planned"


def test_keep_in_touch_setting_reads_blank_as_off_and_refuses_the_rest():
    from sourcer_tui.domain.cadence import parse_keep_in_touch

    assert parse_keep_in_touch("") == (None, None) and parse_keep_in_touch(None) == (None, None)
    assert parse_keep_in_touch(" 4 ") == (4, None) and parse_keep_in_touch(24) == (24, None)
    for bad in ("0", "25", "4.5", "-1", "x", "１０"):
        assert parse_keep_in_touch(bad)[0] is None and "1 to 24" in parse_keep_in_touch(bad)[1]
