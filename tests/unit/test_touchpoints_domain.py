"""Tests for sourcer_tui.domain.touchpoints: stage moves, steps, when, feedback, closing."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sourcer_tui.domain.touchpoints import (
    FEEDBACK_FIELDS,
    SENTIMENTS,
    WhenParseError,
    closing_summary,
    next_step_number,
    parse_when,
    stage_after,
    validate_closing,
    validate_feedback,
)
from sourcer_tui.domain.vocab import DEFAULT_DECLINE_REASONS, DEFAULT_STAGES, TOUCHPOINT_KINDS

S = DEFAULT_STAGES
NOW = datetime(2026, 11, 23, 10, 47, 31)  # a Monday
TODAY = NOW.date()


def test_now_is_a_monday():
    assert NOW.weekday() == 0


# ---------------------------------------------------------------- stage_after


def test_approach_moves_sourced_to_approached():
    assert stage_after("approach", "sourced", S) == "approached"


@pytest.mark.parametrize("current", [s for s in S if s != "sourced"])
def test_approach_only_moves_from_the_first_stage(current):
    assert stage_after("approach", current, S) is None


def test_approach_from_first_configured_stage_whatever_its_name():
    assert stage_after("approach", "new", ("new", "approached", "replied")) == "approached"
    assert stage_after("approach", "new", ("new", "replied")) is None  # no "approached" stage


@pytest.mark.parametrize("current", ["sourced", "approached"])
def test_positive_reply_moves_to_replied(current):
    assert stage_after("reply_positive", current, S) == "replied"


@pytest.mark.parametrize("current", ["replied", "screening", "interviewing", "offer", "hired"])
def test_positive_reply_never_moves_backwards(current):
    assert stage_after("reply_positive", current, S) is None


@pytest.mark.parametrize("current", S)
def test_a_negative_reply_alone_moves_nothing(current):
    """A no closes the candidacy with its reason, or not at all (services.touchpoints.log_decline)."""
    assert stage_after("reply_negative", current, S) is None


@pytest.mark.parametrize("current", ["sourced", "approached", "replied", "screening"])
def test_interview_moves_to_interviewing(current):
    assert stage_after("interview", current, S) == "interviewing"


@pytest.mark.parametrize("current", ["interviewing", "reverse_interview", "offer", "hired"])
def test_interview_never_moves_backwards(current):
    assert stage_after("interview", current, S) is None


@pytest.mark.parametrize("current", ["sourced", "replied", "screening", "interviewing"])
def test_reverse_interview_moves_to_reverse_interview(current):
    assert stage_after("reverse_interview", current, S) == "reverse_interview"


@pytest.mark.parametrize("current", ["reverse_interview", "offer", "hired"])
def test_reverse_interview_never_moves_backwards(current):
    assert stage_after("reverse_interview", current, S) is None


@pytest.mark.parametrize("kind", sorted(TOUCHPOINT_KINDS))
@pytest.mark.parametrize("current", ["declined", "rejected"])
def test_nothing_moves_a_closed_candidacy(kind, current):
    assert stage_after(kind, current, S) is None


@pytest.mark.parametrize("kind", ["followup", "call", "inbound", "event", "content", "note"])
@pytest.mark.parametrize("current", S)
def test_other_kinds_never_move(kind, current):
    assert stage_after(kind, current, S) is None


def test_unknown_kind_or_stage_gives_none():
    assert stage_after("carrier_pigeon", "sourced", S) is None
    assert stage_after("interview", "limbo", S) is None
    assert stage_after("reply_negative", "limbo", S) is None
    assert stage_after("approach", "sourced", ()) is None


def test_target_missing_from_configured_stages_means_no_move():
    short = ("sourced", "approached", "screening", "offer", "hired")
    assert stage_after("reply_positive", "sourced", short) is None
    assert stage_after("interview", "screening", short) is None
    assert stage_after("reverse_interview", "screening", short) is None
    assert stage_after("reply_negative", "screening", short) is None


# ----------------------------------------------------------- next_step_number


def test_next_step_number():
    assert next_step_number("approach", None) == 0
    assert next_step_number("approach", 3) == 0
    assert next_step_number("followup", None) == 1
    assert next_step_number("followup", 0) == 1
    assert next_step_number("followup", 2) == 3
    assert next_step_number("call", 2) is None
    assert next_step_number("reply_positive", None) is None


# ----------------------------------------------------------------- parse_when


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", datetime(2026, 11, 23, 10, 47)),
        ("   ", datetime(2026, 11, 23, 10, 47)),
        ("now", datetime(2026, 11, 23, 10, 47)),
        (" NOW ", datetime(2026, 11, 23, 10, 47)),
        ("yesterday 14:30", datetime(2026, 11, 22, 14, 30)),
        ("hier 9h", datetime(2026, 11, 22, 9, 0)),
        ("14:30", datetime(2026, 11, 23, 14, 30)),
        ("9:05", datetime(2026, 11, 23, 9, 5)),
        ("14h30", datetime(2026, 11, 23, 14, 30)),
        ("14h", datetime(2026, 11, 23, 14, 0)),
        ("0:00", datetime(2026, 11, 23, 0, 0)),
        ("23:59", datetime(2026, 11, 23, 23, 59)),
        ("-2h", datetime(2026, 11, 23, 8, 47)),
        ("-2 h", datetime(2026, 11, 23, 8, 47)),
        ("-90min", datetime(2026, 11, 23, 9, 17)),
        ("-30min", datetime(2026, 11, 23, 10, 17)),
        ("-48h", datetime(2026, 11, 21, 10, 47)),
        ("2026-11-20 15:00", datetime(2026, 11, 20, 15, 0)),
        ("2026-11-20T15:00", datetime(2026, 11, 20, 15, 0)),
        ("2026-11-20t15:00", datetime(2026, 11, 20, 15, 0)),
        ("2026-11-20", datetime(2026, 11, 20, 10, 47)),
        ("yesterday", datetime(2026, 11, 22, 10, 47)),
        ("today", datetime(2026, 11, 23, 10, 47)),
        ("-2d", datetime(2026, 11, 21, 10, 47)),
        ("-2d 8:15", datetime(2026, 11, 21, 8, 15)),
        ("-1w", datetime(2026, 11, 16, 10, 47)),
        ("tomorrow 09:00", datetime(2026, 11, 24, 9, 0)),  # 22h ahead: within a day
        ("tomorrow", datetime(2026, 11, 24, 10, 47)),  # exactly one day ahead
        ("tue", datetime(2026, 11, 24, 10, 47)),  # the next Tuesday is tomorrow
    ],
)
def test_parse_when(text, expected):
    assert parse_when(text, NOW) == expected


def test_parse_when_zeroes_seconds():
    assert parse_when("", NOW).second == 0
    assert parse_when("", NOW).microsecond == 0


@pytest.mark.parametrize("text", ["fri", "mon", "next wed", "+3d", "in 2 days", "2026-12-01 10:00"])
def test_future_is_refused(text):
    # Weekday names mean the NEXT such day (dates.parse_date), so a bare
    # weekday is in the future and refused unless it is tomorrow.
    with pytest.raises(WhenParseError, match=r"^a contact logged in the future\?"):
        parse_when(text, NOW)


def test_future_message():
    with pytest.raises(WhenParseError) as err:
        parse_when("fri", NOW)
    assert str(err.value) == (
        "a contact logged in the future? Fri 2026-11-27 (in 4 days) has not happened yet: "
        "log what already happened"
    )


def test_tomorrow_late_is_more_than_a_day_ahead():
    with pytest.raises(WhenParseError, match="future"):
        parse_when("tomorrow 11:00", NOW)


def test_unreadable():
    with pytest.raises(WhenParseError) as err:
        parse_when("soon", NOW)
    assert str(err.value) == (
        'can\'t read "soon" as a date and time: try now, -2h, yesterday 14:30 or 2026-11-20 15:00'
    )


@pytest.mark.parametrize("text", ["soon", "-30 min 14:30", "14:5", "yesterday at 3", "+2h", "-2", "t15:00"])
def test_unreadable_forms(text):
    with pytest.raises(WhenParseError, match="as a date and time"):
        parse_when(text, NOW)


def test_minutes_are_spelled_min_because_m_means_months():
    # "-30m" is thirty months ago (dates.py), not thirty minutes.
    assert parse_when("-30m", NOW) == datetime(2024, 5, 23, 10, 47)


@pytest.mark.parametrize(
    "text, message",
    [
        ("25:00", '"25:00" is not a time of day: hours 0-23, minutes 0-59'),
        ("14:60", '"14:60" is not a time of day: hours 0-23, minutes 0-59'),
        ("24h", '"24h" is not a time of day: hours 0-23, minutes 0-59'),
        ("yesterday 25:00", '"25:00" is not a time of day: hours 0-23, minutes 0-59'),
    ],
)
def test_bad_time_of_day(text, message):
    with pytest.raises(WhenParseError) as err:
        parse_when(text, NOW)
    assert str(err.value) == message


def test_date_errors_are_passed_on():
    with pytest.raises(WhenParseError, match=r'^"2026-02-30" does not exist'):
        parse_when("2026-02-30 10:00", NOW)
    with pytest.raises(WhenParseError, match="too far"):
        parse_when("-9999d", NOW)


def test_outside_the_calendar():
    with pytest.raises(WhenParseError, match="outside the calendar"):
        parse_when("-999999h", datetime(1, 2, 1, 10, 0))


@given(st.text(max_size=40))
def test_parse_when_returns_a_datetime_or_raises_when_parse_error(text):
    try:
        result = parse_when(text, NOW)
    except WhenParseError as exc:
        assert str(exc)
    else:
        assert isinstance(result, datetime)
        assert result.second == 0 and result.microsecond == 0


@given(st.from_regex(r"(today|yesterday|-[0-9]{1,3}d|mon|tue|-[0-9]{1,4}(h|min))( [0-9]{1,2}(:[0-9]{2}|h))?", fullmatch=True))
def test_parse_when_structured_inputs(text):
    try:
        result = parse_when(text, NOW)
    except WhenParseError:
        return
    assert (result - NOW.replace(second=0)).total_seconds() <= 86400


# ---------------------------------------------------------- validate_feedback


def _feedback(**data):
    return validate_feedback(data, TODAY)


def test_feedback_constants():
    assert FEEDBACK_FIELDS == ("feedback_given", "impression", "sentiment", "next_step", "next_step_due")
    assert SENTIMENTS == ("positive", "mixed", "negative")


def test_valid_feedback_full():
    cleaned, errors = _feedback(
        feedback_given="  Told her the team is small.\r\nShe liked it.\x00 ",
        impression="Strong on Go\tand Postgres",
        sentiment=" Positive ",
        next_step="Send the job description",
        next_step_due="+2d",
    )
    assert errors == {}
    assert cleaned == {
        "feedback_given": "Told her the team is small.\nShe liked it.",
        "impression": "Strong on Go\tand Postgres",
        "sentiment": "positive",
        "next_step": "Send the job description",
        "next_step_due": date(2026, 11, 25),
        "next_step_time": None,
    }


def test_valid_feedback_minimal():
    cleaned, errors = _feedback(impression="ok")
    assert errors == {}
    assert cleaned == {
        "feedback_given": "",
        "impression": "ok",
        "sentiment": None,
        "next_step": "",
        "next_step_due": None,
        "next_step_time": None,
    }


def test_next_step_alone_is_enough_and_today_is_not_past():
    cleaned, errors = _feedback(next_step="call back", next_step_due="today")
    assert errors == {}
    assert cleaned["next_step_due"] == TODAY


def test_feedback_required():
    cleaned, errors = _feedback(feedback_given="  ", impression="\n", sentiment="mixed")
    assert errors == {"feedback_given": "write the feedback you gave, or your impression"}
    assert cleaned["sentiment"] == "mixed"


def test_feedback_empty_mapping():
    _, errors = validate_feedback({}, TODAY)
    assert errors == {"feedback_given": "write the feedback you gave, or your impression"}


def test_unknown_sentiment():
    _, errors = _feedback(impression="ok", sentiment="meh")
    assert errors == {"sentiment": "one of: positive, mixed, negative"}


def test_unreadable_due_date():
    cleaned, errors = _feedback(next_step="call", next_step_due="soonish")
    assert errors == {
        "next_step_due": 'can\'t read "soonish" as a date: '
        "try today, tomorrow, +2d, 3w, 6m, 1y, mon…sun, 7/12 or 2026-12-01"
    }
    assert cleaned["next_step_due"] is None


def test_due_date_in_the_past():
    cleaned, errors = _feedback(next_step="call", next_step_due="yesterday")
    assert errors == {"next_step_due": "that date is in the past"}
    assert cleaned["next_step_due"] == date(2026, 11, 22)


def test_due_date_without_next_step():
    _, errors = _feedback(impression="good", next_step_due="fri")
    assert errors == {"next_step": "say what the next step is"}


def test_due_date_without_anything():
    _, errors = _feedback(next_step_due="-1d")
    assert errors == {
        "next_step_due": "that date is in the past",
        "next_step": "say what the next step is",
        "feedback_given": "write the feedback you gave, or your impression",
    }


@pytest.mark.parametrize("field", ["feedback_given", "impression", "next_step"])
def test_feedback_text_too_long(field):
    data = {"feedback_given": "x", field: "y" * 20_001}
    _, errors = validate_feedback(data, TODAY)
    assert errors == {field: "at most 20,000 characters"}
    _, errors = validate_feedback({field: "y" * 20_000}, TODAY)
    assert errors == {}


# ----------------------------------------------------------- validate_closing

R = DEFAULT_DECLINE_REASONS
REJECT_FEEDBACK = "nobody is turned down without an explanation: write the feedback you gave"


def test_valid_rejection():
    cleaned, errors = validate_closing(
        {"reason": " role or seniority ", "detail": " needs more Go\r\n", "feedback": "Told him why."},
        "rejected",
        R,
    )
    assert errors == {}
    assert cleaned == {"reason": "role or seniority", "detail": "needs more Go", "feedback": "Told him why."}


def test_rejection_needs_feedback():
    _, errors = validate_closing({"reason": "salary"}, "rejected", R)
    assert errors == {"feedback": REJECT_FEEDBACK}


def test_valid_decline_without_feedback():
    cleaned, errors = validate_closing({"reason": "salary"}, "declined", R)
    assert errors == {}
    assert cleaned == {"reason": "salary", "detail": "", "feedback": ""}


def test_closing_reason_required():
    _, errors = validate_closing({}, "declined", R)
    assert errors == {"reason": "pick a reason"}
    _, errors = validate_closing({}, "rejected", R)
    assert errors == {"reason": "pick a reason", "feedback": REJECT_FEEDBACK}


def test_closing_unknown_reason():
    _, errors = validate_closing({"reason": "vibes"}, "declined", ("salary", "other"))
    assert errors == {"reason": "unknown reason; one of: salary, other"}


def test_closing_other_needs_detail():
    _, errors = validate_closing({"reason": "other", "detail": " \n "}, "declined", R)
    assert errors == {"detail": "say why"}
    cleaned, errors = validate_closing({"reason": "other", "detail": "moving abroad"}, "declined", R)
    assert errors == {}
    assert cleaned["detail"] == "moving abroad"


def test_closing_text_too_long():
    data = {"reason": "salary", "detail": "d" * 20_001, "feedback": "f" * 20_001}
    _, errors = validate_closing(data, "rejected", R)
    assert errors == {"detail": "at most 20,000 characters", "feedback": "at most 20,000 characters"}


@pytest.mark.parametrize("outcome", ["hired", "", "Declined", "sourced"])
def test_closing_bad_outcome(outcome):
    with pytest.raises(ValueError):
        validate_closing({"reason": "salary"}, outcome, R)
    with pytest.raises(ValueError):
        closing_summary(outcome, "salary", "")


# ------------------------------------------------------------ closing_summary


def test_closing_summary():
    assert (
        closing_summary("rejected", "role or seniority", "needs more Go")
        == "Rejected by us — reason: role or seniority (needs more Go)"
    )
    assert closing_summary("declined", "salary", "") == "Declined by talent — reason: salary"
    assert closing_summary("declined", "salary", "asked\nfor more") == "Declined by talent — reason: salary (asked for more)"
    assert closing_summary("rejected", "", "") == "Rejected by us"
