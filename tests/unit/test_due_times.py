"""Times, not only dates (issue 20): a next step at 14:30, typed, stored, ordered, exported."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

from sourcer_tui.config import Settings
from sourcer_tui.domain.dates import DateParseError, describe_when, parse_due, parse_due_time, parse_time
from sourcer_tui.i18n import formats, set_language

SATURDAY = dt.date(2026, 12, 5)
MONDAY = dt.date(2026, 11, 23)
T1430 = dt.time(14, 30)


# --------------------------------------------------------------------- the parser


@pytest.mark.parametrize(
    "text, expected",
    [
        # typed on a Monday: every day counted to is a weekday
        ("demain 14h30", (dt.date(2026, 11, 24), T1430)),
        ("tomorrow 2:30pm", (dt.date(2026, 11, 24), T1430)),
        ("tomorrow at 2:30 pm", (dt.date(2026, 11, 24), T1430)),
        ("demain à 9h", (dt.date(2026, 11, 24), dt.time(9, 0))),
        ("lun 9h", (dt.date(2026, 11, 30), dt.time(9, 0))),
        ("2026-12-10 14:30", (dt.date(2026, 12, 10), T1430)),
        ("+2d 10:00", (dt.date(2026, 11, 25), dt.time(10, 0))),
        ("07/12/2026 14h", (dt.date(2026, 12, 7), dt.time(14, 0))),
        ("7 déc 9h15", (dt.date(2026, 12, 7), dt.time(9, 15))),
        ("fri 12pm", (dt.date(2026, 11, 27), dt.time(12, 0))),
        ("fri 12am", (dt.date(2026, 11, 27), dt.time(0, 0))),
        ("14h30", (MONDAY, T1430)),  # a time alone: today
        # no time: as parse_due
        ("+2d", (dt.date(2026, 11, 25), None)),
        ("7 déc 2026", (dt.date(2026, 12, 7), None)),
        ("7.12", (dt.date(2026, 12, 7), None)),
        ("7/12/26", (dt.date(2026, 12, 7), None)),
        ("", (None, None)),
        ("   ", (None, None)),
        (None, (None, None)),
    ],
)
def test_parse_due_time_exact(text, expected):
    assert parse_due_time(text, MONDAY, True) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # typed on a Saturday: tomorrow (Sunday) and +1d move to Monday, with their time
        ("demain 14h30", (dt.date(2026, 12, 7), T1430)),
        ("+1d 10:00", (dt.date(2026, 12, 7), dt.time(10, 0))),
        ("tomorrow 2:30pm", (dt.date(2026, 12, 7), T1430)),
        # a date typed explicitly keeps its weekend day
        ("dim 10h", (dt.date(2026, 12, 6), dt.time(10, 0))),
        ("2026-12-06 14:30", (dt.date(2026, 12, 6), T1430)),
        ("06/12/2026 14h", (dt.date(2026, 12, 6), dt.time(14, 0))),
        ("today 18h", (SATURDAY, dt.time(18, 0))),
    ],
)
def test_a_next_step_never_lands_on_a_weekend_unless_typed(text, expected):
    assert parse_due_time(text, SATURDAY, True) == expected


def test_without_weekend_skipping_tomorrow_is_sunday():
    assert parse_due_time("demain 14h30", SATURDAY, False) == (dt.date(2026, 12, 6), T1430)


DEC7 = dt.date(2026, 12, 7)  # a Monday: yesterday was a Sunday


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("skip_weekends", [True, False])
@pytest.mark.parametrize(
    "text, expected",
    [
        ("hier", (dt.date(2026, 12, 6), None)),
        ("yesterday", (dt.date(2026, 12, 6), None)),
        ("Hier 14h", (dt.date(2026, 12, 6), dt.time(14, 0))),
        ("yesterday 9am", (dt.date(2026, 12, 6), dt.time(9, 0))),
        ("hier à 9h", (dt.date(2026, 12, 6), dt.time(9, 0))),
        ("-1d", (dt.date(2026, 12, 6), None)),
        ("-2j 10:00", (dt.date(2026, 12, 5), dt.time(10, 0))),
        ("06/12", (dt.date(2026, 12, 6), None)),  # what yesterday is, typed as a date
    ],
)
def test_yesterday_is_yesterday_even_on_a_weekend(text, expected, skip_weekends, language):
    """A day before today is never moved off its weekend: ``hier`` typed on a Monday
    was read as the Sunday moved on to the Monday, today, when weekends are skipped."""
    set_language(language)
    assert parse_due_time(text, DEC7, skip_weekends) == expected
    assert parse_due(text.split(" ")[0], DEC7, skip_weekends) == expected[0]


@given(st.dates(min_value=dt.date(2, 1, 1), max_value=dt.date(9990, 12, 31)), st.booleans(), st.integers(0, 23),
       st.sampled_from(["hier", "yesterday", "Hier", "YESTERDAY"]))
def test_yesterday_typed_any_day_is_the_day_before(today, skip_weekends, hour, word):
    yesterday = today - dt.timedelta(days=1)
    assert parse_due_time(word, today, skip_weekends) == (yesterday, None)
    assert parse_due_time(f"{word} {hour}h", today, skip_weekends) == (yesterday, dt.time(hour, 0))
    pm = hour % 12 + 1  # 1pm … 12pm
    assert parse_due_time(f"{word} {pm}pm", today, skip_weekends) == (yesterday, dt.time(pm % 12 + 12, 0))


@pytest.mark.parametrize(
    "language, texts, preview, error",
    [
        ("en", ["hier", "yesterday", "06/12"], "Sun 2026-12-06 (yesterday)", "that date is in the past"),
        ("fr", ["hier", "yesterday", "06/12"], "dim. 06/12/2026 (hier)", "cette date est passée"),
        ("en", ["hier 14h", "yesterday 2pm", "06/12 14h"], "Sun 2026-12-06 14:00 (yesterday)", "that date is in the past"),
        ("fr", ["hier 14h", "yesterday 2pm", "06/12 14h"], "dim. 06/12/2026 14:00 (hier)", "cette date est passée"),
    ],
)
def test_a_next_step_yesterday_is_refused_as_past_like_its_date(language, texts, preview, error):
    """The capture form reads ``hier`` as ``06/12``: shown as yesterday, refused as past on save."""
    from sourcer_tui.domain.touchpoints import validate_feedback

    set_language(language)
    for text in texts:
        due, at = parse_due_time(text, DEC7, True)
        assert describe_when(due, at, DEC7) == preview, text
        cleaned, errors = validate_feedback({"feedback_given": "ok", "next_step": "Entretien CTO", "next_step_due": text}, DEC7, True)
        assert errors == {"next_step_due": error}, text
        assert cleaned["next_step_due"] == dt.date(2026, 12, 6), text


@pytest.mark.parametrize("text", ["25:00", "+1d 13:60", "demain 24h", "tomorrow 13pm", "tomorrow 0am"])
def test_impossible_times_are_refused(text):
    with pytest.raises(DateParseError) as info:
        parse_due_time(text, MONDAY, True)
    assert info.value.kind == "no_such_time"
    assert "is not a time of day: try 14:30, 14h30, 9h or 2:30pm" in str(info.value)


def test_an_unreadable_day_says_so_with_the_whole_text():
    with pytest.raises(DateParseError) as info:
        parse_due_time("someday 14h30", MONDAY, True)
    assert info.value.kind == "unreadable"
    assert str(info.value).startswith('can\'t read "someday 14h30" as a date')


def test_parse_due_is_unchanged():
    assert parse_due("+2d", MONDAY, True) == dt.date(2026, 11, 25)
    with pytest.raises(DateParseError):
        parse_due("demain 14h30", MONDAY, True)


def test_parse_time_forms():
    assert [parse_time(t) for t in ("14:30", "14h30", "14h", "9h", "2:30pm", "2pm", "at 9h", "à 14h")] == [
        T1430, T1430, dt.time(14), dt.time(9), T1430, dt.time(14), dt.time(9), dt.time(14)]


days = st.dates(min_value=MONDAY, max_value=MONDAY + dt.timedelta(days=3650))
hours, minutes = st.integers(0, 23), st.integers(0, 59)


@given(days, hours, minutes)
def test_iso_date_and_time_give_them_back(d, h, m):
    assert parse_due_time(f"{d.isoformat()} {h:02d}:{m:02d}", MONDAY, True) == (d, dt.time(h, m))


@given(days, hours, minutes)
def test_french_date_and_time_give_them_back(d, h, m):
    typed = f"{d.day:02d}/{d.month:02d}/{d.year} {h}h{m:02d}"
    assert parse_due_time(typed, MONDAY, True) == (d, dt.time(h, m))


# --------------------------------------------------------------------- the preview


def test_describe_when_in_english_and_french():
    today = dt.date(2026, 12, 5)
    assert describe_when(dt.date(2026, 12, 8), T1430, today) == "Tue 2026-12-08 14:30 (in 3 days)"
    assert describe_when(dt.date(2026, 12, 8), None, today) == "Tue 2026-12-08 (in 3 days)"
    assert formats.time_of_day(T1430) == "14:30" and formats.time_of_day(None) == ""
    set_language("fr")
    assert describe_when(dt.date(2026, 12, 8), T1430, today) == "mar. 08/12/2026 14:30 (dans 3 j)"
    assert formats.time_of_day(dt.time(9, 5)) == "09:05"


# --------------------------------------------------------------------- stored, ordered


def _talent_with_call(name="Zoé Martin"):
    from sourcer_tui.db.models import Talent, Touchpoint

    talent = Talent.create(name=name)
    touchpoint = Touchpoint.create(talent=talent, kind="call", needs_feedback=True, happened_at=dt.datetime(2026, 11, 23, 9, 0))
    return talent, touchpoint


def test_feedback_stores_the_time_on_the_touchpoint_and_its_due_item(db):
    from sourcer_tui.db.models import Reminder, Touchpoint
    from sourcer_tui.services import touchpoints

    _talent, touchpoint = _talent_with_call()
    now = dt.datetime(2026, 11, 23, 10, 30)
    cleaned = touchpoints.save_feedback(touchpoint.id, {"impression": "good", "next_step": "Interview with the CTO",
                                                        "next_step_due": "demain 14h30"}, now, skip_weekends=True)
    assert (cleaned["next_step_due"], cleaned["next_step_time"]) == (dt.date(2026, 11, 24), T1430)
    stored = Touchpoint.get_by_id(touchpoint.id)
    assert (stored.next_step_due, stored.next_step_time) == (dt.date(2026, 11, 24), T1430)
    reminder = Reminder.get((Reminder.touchpoint == touchpoint.id) & (Reminder.kind == "next_step"))
    assert (reminder.due, reminder.due_time, reminder.status) == (dt.date(2026, 11, 24), T1430, "pending")
    view = touchpoints.get_touchpoint(touchpoint.id)
    assert view.next_step_time == T1430 and view.form_values()["next_step_due"] == "2026-11-24 14:30"
    # saved again without a time: the whole day
    touchpoints.save_feedback(touchpoint.id, {"impression": "good", "next_step": "Interview with the CTO",
                                              "next_step_due": "2026-11-24"}, now, skip_weekends=True)
    assert Reminder.get_by_id(reminder.id).due_time is None
    assert touchpoints.get_touchpoint(touchpoint.id).form_values()["next_step_due"] == "2026-11-24"


def test_reschedule_sets_or_clears_the_time(db):
    from sourcer_tui.db.models import Reminder, Talent
    from sourcer_tui.services import reminders

    item = Reminder.create(talent=Talent.create(name="A"), kind="next_step", due=MONDAY, detail="call")
    reminders.reschedule(item.id, dt.date(2026, 11, 25), dt.time(9, 0))
    assert (Reminder.get_by_id(item.id).due, Reminder.get_by_id(item.id).due_time) == (dt.date(2026, 11, 25), dt.time(9, 0))
    reminders.reschedule(item.id, dt.date(2026, 11, 26))
    assert Reminder.get_by_id(item.id).due_time is None


def _day_of_items():
    from sourcer_tui.db.models import Reminder, Talent

    talent = Talent.create(name="Émile Zola")
    late = Reminder.create(talent=talent, kind="next_step", due=MONDAY - dt.timedelta(days=1), due_time=dt.time(18, 0), detail="late")
    at_1430 = Reminder.create(talent=talent, kind="next_step", due=MONDAY, due_time=T1430, detail="interview")
    at_0900 = Reminder.create(talent=talent, kind="next_step", due=MONDAY, due_time=dt.time(9, 0), detail="call")
    untimed = Reminder.create(talent=talent, kind="next_step", due=MONDAY, detail="send the offer")
    return late, untimed, at_0900, at_1430


def test_today_orders_a_day_by_time_the_untimed_first(db):
    from sourcer_tui.services import panes
    from sourcer_tui.services.today_report import due_report

    expected = _day_of_items()
    rows = panes.fetch_due(MONDAY, 0, 10)
    assert [r.reminder_id for r in rows] == [r.id for r in expected]
    assert [r.time for r in rows] == [dt.time(18, 0), None, dt.time(9, 0), T1430]
    report = due_report(MONDAY)
    assert [(i["due"], i["time"], i["detail"]) for i in report] == [
        ("2026-11-22", "18:00", "late"), ("2026-11-23", None, "send the offer"),
        ("2026-11-23", "09:00", "call"), ("2026-11-23", "14:30", "interview"),
    ]


def test_cli_today_prints_the_time_and_json_has_it(db_target, capsys):
    from sourcer_tui.cli import main
    from sourcer_tui.db.database import open_database

    path = db_target  # a file's path, or a PostgreSQL database's URL
    open_database(path)
    _day_of_items()
    assert main(["--db", str(path), "today", "--date", "2026-11-23", "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert [i["time"] for i in items] == ["18:00", None, "09:00", "14:30"]
    assert main(["--db", str(path), "today", "--date", "2026-11-23"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].split() == ["1d", "late", "next_step", "18:00", "Émile", "Zola", "late"]
    assert lines[2].split() == ["today", "next_step", "Émile", "Zola", "send", "the", "offer"]
    assert lines[4].split() == ["today", "next_step", "14:30", "Émile", "Zola", "interview"]


def test_the_talent_screen_lists_the_times(db):
    from sourcer_tui.services import talents

    _late, _untimed, _at_0900, at_1430 = _day_of_items()
    items = talents.upcoming(at_1430.talent_id)
    assert [(i.due, i.time) for i in items] == [
        (dt.date(2026, 11, 22), dt.time(18, 0)), (MONDAY, None), (MONDAY, dt.time(9, 0)), (MONDAY, T1430)]


# --------------------------------------------------------------------- the calendar


def test_ics_timed_events_with_an_alarm_and_all_day_otherwise(db, tmp_path):
    from zoneinfo import ZoneInfo

    from sourcer_tui.services import exchange

    _late, untimed, at_0900, at_1430 = _day_of_items()
    out = tmp_path / "due.ics"
    paris = ZoneInfo("Europe/Paris")
    assert exchange.export_ics(out, MONDAY, now=dt.datetime(2026, 11, 23, 10, 30), zone=paris) == 4
    calendar = Calendar.from_ical(out.read_bytes())
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    timed = events[f"reminder-{at_1430.id}@sourcer-tui"]
    start = timed.decoded("DTSTART")
    assert start == dt.datetime(2026, 11, 23, 14, 30, tzinfo=paris) and start.utcoffset() == dt.timedelta(hours=1)
    assert timed.decoded("DTEND") - start == dt.timedelta(minutes=30)
    assert timed["DTSTART"].params["TZID"] == "Europe/Paris"
    [alarm] = timed.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY" and alarm["TRIGGER"].to_ical() == b"-PT15M"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    whole_day = events[f"reminder-{untimed.id}@sourcer-tui"]
    assert type(whole_day.decoded("DTSTART")) is dt.date and whole_day.decoded("DTSTART") == MONDAY
    assert whole_day.decoded("DTEND") == MONDAY + dt.timedelta(days=1)
    assert not whole_day.walk("VALARM")
    assert events[f"reminder-{at_0900.id}@sourcer-tui"].decoded("DTSTART").hour == 9
    # [calendar] alarm_minutes: 5 minutes before; 0, none
    exchange.export_ics(out, MONDAY, zone=paris, alarm_minutes=5, force=True)
    timed = {str(e["UID"]): e for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")}[f"reminder-{at_1430.id}@sourcer-tui"]
    assert timed.walk("VALARM")[0]["TRIGGER"].to_ical() == b"-PT5M"
    exchange.export_ics(out, MONDAY, zone=paris, alarm_minutes=0, force=True)
    assert not Calendar.from_ical(out.read_bytes()).walk("VALARM")


def test_ics_uses_the_machine_s_zone_by_default(db, tmp_path, monkeypatch):
    from zoneinfo import ZoneInfo

    from sourcer_tui.clock import local_zone
    from sourcer_tui.services import exchange

    monkeypatch.setenv("TZ", "America/New_York")
    assert local_zone() == ZoneInfo("America/New_York")
    _late, _untimed, _at_0900, at_1430 = _day_of_items()
    out = tmp_path / "due.ics"
    exchange.export_ics(out, MONDAY)
    timed = {str(e["UID"]): e for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")}[f"reminder-{at_1430.id}@sourcer-tui"]
    assert timed["DTSTART"].params["TZID"] == "America/New_York"
    assert timed.decoded("DTSTART").utcoffset() == dt.timedelta(hours=-5)


def test_calendar_alarm_minutes_in_the_config(tmp_path):
    from sourcer_tui.config import ConfigError, load_settings

    assert Settings().calendar.alarm_minutes == 15
    path = tmp_path / "config.toml"
    path.write_text("[calendar]\nalarm_minutes = 30\n", encoding="utf-8")
    assert load_settings(path).calendar.alarm_minutes == 30
    path.write_text("[calendar]\nalarm_minutes = -1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="calendar.alarm_minutes"):
        load_settings(path)


def test_json_export_round_trips_the_times(db, tmp_path):
    from sourcer_tui.services import exchange

    _day_of_items()
    out = tmp_path / "all.json"
    exchange.export_json(out)
    document = json.loads(out.read_text(encoding="utf-8"))
    assert sorted(str(r["due_time"]) for r in document["reminders"]) == ["09:00:00", "14:30:00", "18:00:00", "None"]
    from sourcer_tui.db.database import open_database
    from sourcer_tui.db.models import Reminder, database_proxy

    target = open_database(tmp_path / "copy.db")
    try:
        database_proxy.initialize(target)
        exchange.import_json(out, dt.datetime.now())
        assert sorted((r.due, r.due_time) for r in Reminder.select() if r.due_time) == [
            (dt.date(2026, 11, 22), dt.time(18, 0)), (MONDAY, dt.time(9, 0)), (MONDAY, T1430)]
    finally:
        target.close()
        database_proxy.initialize(db)
