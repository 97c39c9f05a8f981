"""Cadence, snoozes and keep-in-touch over a real database, with exact dates."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from sourcer_tui.cli import main
from sourcer_tui.config import CadenceSettings, Settings
from sourcer_tui.db.models import Candidacy, Reminder, Snooze, Talent
from sourcer_tui.services import cadence, missions, panes, pipeline, reminders, snoozes, talents, touchpoints
from sourcer_tui.services.errors import InvalidInput

SETTINGS = Settings()
THU = dt.datetime(2026, 11, 19, 9, 0)


def _candidacy(mission_data=None, name="Zoé"):
    mission = missions.create_mission({"title": "Backend", **(mission_data or {})}, THU)
    talent = talents.create_talent({"name": name}, ["other"], THU)
    return talent, pipeline.add_to_mission(talent, mission, THU)


def _pending(kind):
    return [(r.step, r.due) for r in Reminder.select().where((Reminder.kind == kind) & (Reminder.status == "pending")).order_by(Reminder.due)]


def test_mission_override_two_followups_at_3_and_5_days(db):
    talent, cid = _candidacy({"followup_delays_days": "3, 5", "snooze_months": "6"})
    touchpoints.log_touchpoint(talent, cid, "approach", THU, SETTINGS)
    assert _pending("followup") == [(1, dt.date(2026, 11, 23))]  # Thu + 3 = Sun -> Mon
    touchpoints.log_touchpoint(talent, cid, "followup", dt.datetime(2026, 11, 23, 10), SETTINGS)
    assert _pending("followup") == [(2, dt.date(2026, 11, 30))]  # Mon + 5 = Sat -> Mon
    touchpoints.log_touchpoint(talent, cid, "followup", dt.datetime(2026, 11, 30, 10), SETTINGS)
    assert _pending("followup") == [] and _pending("auto_snooze") == [(2, dt.date(2026, 12, 7))]
    # nothing happens before the day; on the day, a 6-month snooze (mission override)
    assert cadence.sweep(dt.date(2026, 12, 6), dt.datetime(2026, 12, 6, 9), SETTINGS) == 0
    assert cadence.sweep(dt.date(2026, 12, 7), dt.datetime(2026, 12, 7, 9), SETTINGS) == 1
    snooze = Snooze.get()
    assert (snooze.since, snooze.until, snooze.reason) == (dt.date(2026, 12, 7), dt.date(2027, 6, 7), "no reply after 2 follow-ups")
    assert _pending("wake_up") == [(None, dt.date(2027, 6, 7))]
    assert Candidacy.get_by_id(cid).sequence_state == "completed"


@pytest.mark.parametrize("skip_weekends, wake", [(True, dt.date(2027, 1, 11)), (False, dt.date(2027, 1, 9))])
def test_a_snooze_met_late_wakes_tomorrow_or_on_the_monday(db, skip_weekends, wake):
    """The app not opened for weeks: the no-reply snooze planned would be over
    already, so it wakes the next day; opened on a Friday, that is the Monday."""
    talent, cid = _candidacy({"followup_delays_days": "none", "snooze_months": "1"})
    touchpoints.log_touchpoint(talent, cid, "approach", THU, SETTINGS)
    assert _pending("auto_snooze") == [(0, dt.date(2026, 11, 26))]  # a month's snooze from then ends on 2026-12-28
    settings = Settings(cadence=CadenceSettings(skip_weekends=skip_weekends))
    friday = dt.datetime(2027, 1, 8, 9)
    assert cadence.sweep(friday.date(), friday, settings) == 1
    assert (Snooze.get().until, _pending("wake_up")) == (wake, [(None, wake)])


@pytest.mark.parametrize("kind", ["call", "interview", "reverse_interview"])
def test_a_conversation_stops_the_follow_ups_as_a_reply_does(db, kind):
    """Called or interviewed on day 1 of the sequence: no 'relance' is due to them
    afterwards, in this mission or another; a new message starts one again."""
    talent, cid = _candidacy()
    other = pipeline.add_to_mission(talent, missions.create_mission({"title": "Data"}, THU), THU)
    touchpoints.log_touchpoint(talent, cid, "approach", THU, SETTINGS)
    touchpoints.log_touchpoint(talent, other, "approach", THU, SETTINGS)
    assert len(_pending("followup")) == 2
    touchpoints.log_touchpoint(talent, cid, kind, THU + dt.timedelta(days=1), SETTINGS)
    assert _pending("followup") == [] and _pending("auto_snooze") == []
    assert Candidacy.get_by_id(cid).replied_at is None  # a reply is still only a reply, for the Stats
    touchpoints.log_touchpoint(talent, other, "followup", THU + dt.timedelta(days=2), SETTINGS)
    assert _pending("followup") == [(2, dt.date(2026, 11, 25))]


def test_reply_on_day_3_cancels_everything_after_it(db):
    talent, cid = _candidacy()
    touchpoints.log_touchpoint(talent, cid, "approach", THU, SETTINGS)
    touchpoints.log_touchpoint(talent, cid, "reply_negative", THU + dt.timedelta(days=3), SETTINGS)
    assert _pending("followup") == [] and _pending("auto_snooze") == []
    assert cadence.sweep(dt.date(2027, 1, 1), dt.datetime(2027, 1, 1), SETTINGS) == 0
    assert Snooze.select().count() == 0


def test_reply_after_the_last_followup_cancels_the_auto_snooze(db):
    talent, cid = _candidacy({"followup_delays_days": "none"})
    touchpoints.log_touchpoint(talent, cid, "approach", THU, SETTINGS)
    assert _pending("followup") == [] and _pending("auto_snooze") == [(0, dt.date(2026, 11, 26))]
    touchpoints.log_touchpoint(talent, cid, "reply_positive", THU + dt.timedelta(days=5), SETTINGS)
    assert _pending("auto_snooze") == []
    assert Candidacy.get_by_id(cid).stage == "replied"


def test_skipping_a_followup_plans_the_next_from_today(db):
    talent, cid = _candidacy()
    touchpoints.log_touchpoint(talent, cid, "approach", THU, SETTINGS)
    first = Reminder.get(Reminder.kind == "followup")
    reminders.skip(first.id, dt.datetime(2026, 11, 24, 9), SETTINGS)  # Tuesday
    assert _pending("followup") == [(2, dt.date(2026, 11, 30))]  # Tue + 4 = Sat -> Mon


def test_a_snooze_pauses_the_followups_until_its_end(db):
    talent, cid = _candidacy()
    touchpoints.log_touchpoint(talent, cid, "approach", THU, SETTINGS)
    day = dt.date(2026, 11, 23)
    assert [r.kind for r in panes.fetch_due(day, 0, 10)] == ["followup"]
    # snoozed on Friday 20: the follow-up had 3 days left to wait; it waits them after the wake-up
    snoozes.snooze_talent(talent, dt.date(2027, 2, 1), "busy", dt.datetime(2026, 11, 20))
    assert panes.fetch_due(day, 0, 10) == [] and panes.count_due(day) == (0, 0)
    assert [(r.kind, r.due) for r in panes.fetch_due(dt.date(2027, 2, 1), 0, 10)] == [("wake_up", dt.date(2027, 2, 1))]
    rows = panes.fetch_due(dt.date(2027, 2, 4), 0, 10)
    assert [(r.kind, r.due) for r in rows] == [("wake_up", dt.date(2027, 2, 1)), ("followup", dt.date(2027, 2, 4))]
    assert Reminder.get(Reminder.kind == "followup").paused_days == 3


def test_waking_early_brings_the_paused_followups_back_from_that_day(db):
    talent, cid = _candidacy()
    touchpoints.log_touchpoint(talent, cid, "approach", THU, SETTINGS)
    snooze = snoozes.snooze_talent(talent, dt.date(2027, 2, 1), "busy", dt.datetime(2026, 11, 20))
    snoozes.wake(snooze, dt.datetime(2026, 12, 3, 9))  # Thursday + 3 days = Sunday -> Monday
    assert _pending("followup") == [(1, dt.date(2026, 12, 7))] and _pending("wake_up") == []
    assert Reminder.get(Reminder.kind == "followup").paused_days is None


def test_a_late_wake_up_never_pushes_a_paused_followup_back(db):
    talent, cid = _candidacy()
    touchpoints.log_touchpoint(talent, cid, "approach", THU, SETTINGS)
    snooze = snoozes.snooze_talent(talent, dt.date(2027, 2, 1), "busy", dt.datetime(2026, 11, 20))
    snoozes.wake(snooze, dt.datetime(2027, 2, 10, 9))  # the wake-up handled nine days late
    assert _pending("followup") == [(1, dt.date(2027, 2, 4))]


def test_a_snooze_never_hides_a_next_step_announced_to_the_candidate(db):
    talent, cid = _candidacy()
    call = touchpoints.log_touchpoint(talent, cid, "call", THU, SETTINGS)
    touchpoints.save_feedback(call, {"feedback_given": "ok", "next_step": "send the offer", "next_step_due": "2026-11-26"}, THU)
    snoozes.snooze_talent(talent, dt.date(2027, 2, 1), "busy", dt.datetime(2026, 11, 20))
    assert [(r.kind, r.due) for r in panes.fetch_due(dt.date(2026, 11, 26), 0, 10)] == [("next_step", dt.date(2026, 11, 26))]
    assert snoozes.what_pauses(talent) == (0, [dt.date(2026, 11, 26)])


def test_one_active_snooze_per_talent_and_bounds(db):
    talent, _ = _candidacy()
    now = dt.datetime(2026, 11, 23, 9)
    first = snoozes.snooze_talent(talent, dt.date(2027, 2, 23), "a", now)
    second = snoozes.snooze_talent(talent, dt.date(2027, 5, 24), "b", now)
    assert [s.id for s in Snooze.select().where(Snooze.active == True)] == [second]  # noqa: E712
    assert Reminder.get(Reminder.snooze == first).status == "cancelled"
    with pytest.raises(InvalidInput):
        snoozes.snooze_talent(talent, dt.date(2026, 11, 23), "today is not later", now)
    with pytest.raises(InvalidInput):
        snoozes.snooze_talent(talent, dt.date(2029, 1, 1), "more than two years", now)


def test_keep_in_touch_counts_from_the_last_actual_contact(db):
    talent, cid = _candidacy()
    touchpoints.log_touchpoint(talent, cid, "call", dt.datetime(2026, 11, 23, 11), SETTINGS)
    snoozes.keep_in_touch(talent, 6, dt.datetime(2026, 11, 23, 12), skip_weekends=True)
    assert Talent.get_by_id(talent).keep_in_touch_months == 6
    assert _pending("keep_in_touch") == [(None, dt.date(2027, 5, 24))]  # May 23 is a Sunday
    # a logged call pushes it back: six months from that call, not from the schedule
    touchpoints.log_touchpoint(talent, cid, "call", dt.datetime(2026, 12, 10, 15), SETTINGS)
    assert _pending("keep_in_touch") == [(None, dt.date(2027, 6, 10))]
    assert Snooze.get(Snooze.active == True).until == dt.date(2027, 6, 10)  # noqa: E712
    # when it comes due, any contact starts the next period
    assert [r.kind for r in panes.fetch_due(dt.date(2027, 6, 10), 0, 10)] == ["missing_feedback", "missing_feedback", "keep_in_touch"]
    touchpoints.log_touchpoint(talent, cid, "event", dt.datetime(2027, 6, 10, 9), SETTINGS)
    assert _pending("keep_in_touch") == [(None, dt.date(2027, 12, 10))]


def test_a_stored_month_count_out_of_range_never_crashes_today(db):
    talent, cid = _candidacy()
    snoozes.set_keep_in_touch(talent, 6, dt.datetime(2026, 11, 23, 12), skip_weekends=True)
    Talent.update(keep_in_touch_months=999).where(Talent.id == talent).execute()  # from a file, an older version...
    call = Reminder.get((Reminder.kind == "keep_in_touch") & (Reminder.status == "pending"))
    reminders.skip(call.id, dt.datetime(2026, 11, 24, 9), SETTINGS)  # Today's "skip": the next call, 24 months on at most
    assert _pending("keep_in_touch") == [(None, dt.date(2028, 11, 24))]
    touchpoints.log_touchpoint(talent, cid, "call", dt.datetime(2026, 12, 10, 15), SETTINGS)  # any contact pushes it back
    assert _pending("keep_in_touch") == [(None, dt.date(2028, 12, 11))]  # Dec 10 2028 is a Sunday


def test_inbound_message_wakes_a_plain_snooze(db):
    talent, cid = _candidacy()
    snoozes.snooze_talent(talent, dt.date(2027, 3, 1), "no reply", dt.datetime(2026, 11, 23))
    touchpoints.log_touchpoint(talent, cid, "inbound", dt.datetime(2026, 12, 1, 9), SETTINGS)
    assert Snooze.select().where(Snooze.active == True).count() == 0  # noqa: E712
    assert _pending("wake_up") == []


def test_today_json_on_the_demo_has_every_kind_overdue_first(tmp_path, capsys):
    from sourcer_tui.clock import SystemClock
    from sourcer_tui.db.database import open_database
    from sourcer_tui import demo

    path = tmp_path / "demo.db"
    today = SystemClock().today()
    demo.build_demo(open_database(path), today)
    assert main(["--db", str(path), "today", "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert {i["kind"] for i in items} == {"followup", "next_step", "wake_up", "keep_in_touch", "missing_feedback", "thank_introducer"}
    assert [i["due"] for i in items] == sorted(i["due"] for i in items)
    assert items[0]["due"] < today.isoformat() and items[-1]["due"] == today.isoformat()
    for item in items:
        assert set(item) >= {"kind", "due", "talent", "talent_id", "mission", "detail"}
        assert isinstance(item["talent_id"], int) and item["talent"]


def test_wake_ups_show_each_talents_newest_feedback(db):
    from sourcer_tui.db.models import Touchpoint

    first, _ = _candidacy(name="Zoé")
    second = talents.create_talent({"name": "Yann"}, ["other"], THU)
    third = talents.create_talent({"name": "Xavier"}, ["other"], THU)
    for talent, when, text in [
        (first, dt.datetime(2026, 10, 1, 9), "old news"),
        (first, dt.datetime(2026, 11, 2, 9), "wants remote, ask again in spring"),
        (first, dt.datetime(2026, 11, 5, 9), ""),  # newer, but no feedback
        (second, dt.datetime(2026, 9, 1, 9), "joined Acme"),
        (third, dt.datetime(2026, 9, 1, 9), ""),
    ]:
        Touchpoint.create(talent=talent, kind="call", channel="phone", happened_at=when, created_at=when, feedback_given=text, feedback_at=when)
    for talent in (first, second, third):
        snoozes.snooze_talent(talent, dt.date(2027, 2, 1), "later", dt.datetime(2026, 11, 20))
    rows = [r for r in panes.fetch_due(dt.date(2027, 2, 1), 0, 50) if r.kind == "wake_up"]
    assert {r.name: r.last_feedback for r in rows} == {"Zoé": "wants remote, ask again in spring", "Yann": "joined Acme", "Xavier": ""}
