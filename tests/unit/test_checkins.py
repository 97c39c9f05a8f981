"""Shortlist check-ins (issue 21): who was shortlisted, and the call every N months."""

from __future__ import annotations

import datetime as dt

import pytest

from sourcer_tui.config import Settings
from sourcer_tui.db.models import Reminder, Snooze, Talent
from sourcer_tui.domain.checkins import checkin_reason, reached_shortlist
from sourcer_tui.domain.vocab import DEFAULT_STAGES
from sourcer_tui.services import checkins, missions, panes, pipeline, reminders, snoozes, talents, touchpoints
from sourcer_tui.services.errors import NotFound

from ..conftest import NOW

SETTINGS = Settings()
REASONS = SETTINGS.talent.rejection_reasons
NO = {"reason": "client said no", "detail": "", "feedback": "the client chose someone more senior"}


# -- the domain --------------------------------------------------------------------------
@pytest.mark.parametrize(("stage", "interviewed", "expected"), [
    ("screening", False, False),
    ("interviewing", False, True),
    ("reverse_interview", False, True),
    ("offer", False, True),
    ("hired", False, False),
    ("hired", True, False),
    ("rejected", False, False),
    ("rejected", True, True),
    ("declined", True, True),
    ("sourced", True, True),
])
def test_reached_shortlist(stage, interviewed, expected):
    assert reached_shortlist(stage, DEFAULT_STAGES, interviewed) is expected


def test_reached_shortlist_follows_the_configured_order():
    stages = ("sourced", "interviewing", "case_study", "hired")
    assert reached_shortlist("case_study", stages, False) is True
    assert reached_shortlist("sourced", stages, False) is False
    # no "interviewing" configured: the default shortlist stages
    assert reached_shortlist("offer", ("sourced", "offer", "hired"), False) is True
    assert reached_shortlist("sourced", ("sourced", "offer", "hired"), False) is False


def test_checkin_reason_in_both_languages():
    assert checkin_reason(4) == "shortlist check-in every 4 months"
    assert checkin_reason(1) == "shortlist check-in every 1 month"
    assert panes.shown_detail("keep_in_touch", "shortlist check-in every 4 months") == "shortlist check-in every 4 months"


# -- the services -----------------------------------------------------------------------
def _shortlisted(db, stage="interviewing", name="Élodie Martin"):
    mission = missions.create_mission({"title": "Backend Lead"}, NOW - dt.timedelta(days=60))
    talent = talents.create_talent({"name": name}, ["other"], NOW - dt.timedelta(days=60))
    candidacy = pipeline.add_to_mission(talent, mission, NOW - dt.timedelta(days=60))
    point = touchpoints.log_touchpoint(talent, candidacy, "interview", NOW - dt.timedelta(days=10), SETTINGS)
    touchpoints.save_feedback(point, {"feedback_given": "strong on systems, light on management"}, NOW - dt.timedelta(days=10))
    pipeline.move_stage(candidacy, stage, NOW - dt.timedelta(days=9))
    return mission, talent, candidacy


def test_a_rejected_interviewee_is_checked_in_with_every_4_months(db):
    mission, talent, candidacy = _shortlisted(db)
    assert checkins.shortlisted(candidacy, DEFAULT_STAGES) is True
    touchpoints.close_candidacy(candidacy, "rejected", NO, REASONS, NOW)
    assert checkins.accept([(talent, candidacy)], 4, NOW, True) == 1

    call = Reminder.get((Reminder.talent == talent) & (Reminder.status == "pending"))
    # 4 months after the last contact (the rejection, Mon 23 Nov 2026): Tue 23 Mar 2027
    assert (call.kind, call.due, call.candidacy_id, call.detail) == ("keep_in_touch", dt.date(2027, 3, 23), candidacy, "shortlist check-in every 4 months")
    assert Talent.get_by_id(talent).keep_in_touch_months == 4
    assert not Snooze.select().where(Snooze.talent == talent).exists()  # not snoozed: other pipelines go on

    assert [r.kind for r in panes.fetch_due(dt.date(2027, 3, 22), 0, 50)] == []
    [row] = panes.fetch_due(dt.date(2027, 3, 23), 0, 50)
    assert (row.kind, row.mission, row.detail, row.last_feedback) == (
        "keep_in_touch", "Backend Lead", "shortlist check-in every 4 months", "the client chose someone more senior")


def test_the_call_made_plans_the_next_check_in_still_tied(db):
    _mission, talent, candidacy = _shortlisted(db)
    touchpoints.close_candidacy(candidacy, "rejected", NO, REASONS, NOW)
    checkins.accept([(talent, candidacy)], 4, NOW, True)
    # d in Today: the call logged (talent pool) on Wed 24 Mar 2027 → Sat 24 Jul 2027 → Mon 26 Jul 2027
    touchpoints.log_touchpoint(talent, None, "call", dt.datetime(2027, 3, 24, 11, 0), SETTINGS)
    [call] = Reminder.select().where((Reminder.talent == talent) & (Reminder.status == "pending"))
    assert (call.due, call.candidacy_id, call.detail) == (dt.date(2027, 7, 26), candidacy, "shortlist check-in every 4 months")
    # x (skip) on Mon 26 Jul 2027: the next one 4 months from that day, Fri 26 Nov 2027, still a check-in
    reminders.skip(call.id, dt.datetime(2027, 7, 26, 9, 0), SETTINGS)
    [after] = Reminder.select().where((Reminder.talent == talent) & (Reminder.status == "pending"))
    assert (after.kind, after.due, after.candidacy_id, after.detail) == ("keep_in_touch", dt.date(2027, 11, 26), candidacy, "shortlist check-in every 4 months")


def test_a_talent_already_kept_in_touch_is_not_offered_one(db):
    mission, talent, candidacy = _shortlisted(db)
    snoozes.set_keep_in_touch(talent, 12, NOW, True)
    assert checkins.shortlisted(candidacy, DEFAULT_STAGES) is False
    assert checkins.mission_shortlist(mission, DEFAULT_STAGES) == []


def test_stopping_keeping_in_touch_ends_the_check_ins(db):
    _mission, talent, candidacy = _shortlisted(db)
    checkins.accept([(talent, candidacy)], 4, NOW, True)
    assert snoozes.stop_keep_in_touch(talent, NOW) is True
    assert not Reminder.select().where((Reminder.talent == talent) & (Reminder.status == "pending")).exists()


def test_the_mission_shortlist_lists_who_reached_interview_not_hired(db):
    mission, talent, candidacy = _shortlisted(db, name="Zoé Roux")
    open_interview = talents.create_talent({"name": "Adam Petit"}, ["other"], NOW)
    c_open = pipeline.add_to_mission(open_interview, mission, NOW, "offer")
    screening = talents.create_talent({"name": "Bruno Lefèvre"}, ["other"], NOW)
    pipeline.add_to_mission(screening, mission, NOW, "screening")
    hired = talents.create_talent({"name": "Chloé Garnier"}, ["other"], NOW)
    c_hired = pipeline.add_to_mission(hired, mission, NOW, "interviewing")
    touchpoints.log_touchpoint(hired, c_hired, "interview", NOW, SETTINGS)
    pipeline.move_stage(c_hired, "hired", NOW)
    touchpoints.close_candidacy(candidacy, "rejected", NO, REASONS, NOW)  # interviewed, then rejected: still on it

    listed = checkins.mission_shortlist(mission, DEFAULT_STAGES)
    assert [(s.name, s.candidacy_id) for s in listed] == [("Adam Petit", c_open), ("Zoé Roux", candidacy)]
    assert checkins.accept([(s.talent_id, s.candidacy_id) for s in listed], 4, NOW, True) == 2
    due = {r.talent_id: r.due for r in Reminder.select().where(Reminder.kind == "keep_in_touch")}
    # Adam: never contacted, counted from today (Mon 23 Nov 2026); Zoé: from the rejection, today too
    assert due == {open_interview: dt.date(2027, 3, 23), talent: dt.date(2027, 3, 23)}


def test_accepting_is_all_or_nothing(db):
    _mission, talent, candidacy = _shortlisted(db)
    with pytest.raises(NotFound):  # the second talent is gone: the first is not checked in either
        checkins.accept([(talent, candidacy), (talent + 1000, candidacy)], 4, NOW, True)
    assert Talent.get_by_id(talent).keep_in_touch_months is None
    assert not Reminder.select().where(Reminder.kind == "keep_in_touch").exists()
