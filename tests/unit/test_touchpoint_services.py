"""Touchpoint and reminder services on a real SQLite file: exact rows after each call."""

from __future__ import annotations

import datetime as dt

import pytest

from sourcer_tui.config import Settings
from sourcer_tui.db.models import Candidacy, Draft, Reminder, Touchpoint
from sourcer_tui.domain.vocab import DEFAULT_DECLINE_REASONS
from sourcer_tui.services import missions, pipeline, reminders, talents, touchpoints
from sourcer_tui.services.errors import Conflict, InvalidInput, NotFound

SETTINGS = Settings()

T0 = dt.datetime(2026, 11, 19, 9, 0)  # a Thursday


@pytest.fixture
def candidacy(db):
    mission = missions.create_mission({"title": "Backend"}, T0)
    talent = talents.create_talent({"name": "Zoé"}, ["other"], T0)
    return pipeline.add_to_mission(talent, mission, T0)


def _log(candidacy_id, kind, at=T0, **kw):
    talent = Candidacy.get_by_id(candidacy_id).talent_id
    return touchpoints.log_touchpoint(talent, candidacy_id, kind, at, SETTINGS, **kw)


def test_outreach_steps_and_stage(candidacy):
    first = _log(candidacy, "approach")
    f1 = _log(candidacy, "followup", T0 + dt.timedelta(days=2))
    f2 = _log(candidacy, "followup", T0 + dt.timedelta(days=6))
    assert [Touchpoint.get_by_id(t).step for t in (first, f1, f2)] == [0, 1, 2]
    row = Candidacy.get_by_id(candidacy)
    assert (row.stage, row.last_step_sent, row.sequence_state, row.first_contact_at) == ("approached", 2, "active", T0)
    assert Touchpoint.get_by_id(first).channel == "linkedin" and not Touchpoint.get_by_id(first).needs_feedback


def test_positive_reply_moves_to_replied_and_cancels_followups(candidacy):
    _log(candidacy, "approach")
    talent = Candidacy.get_by_id(candidacy).talent_id
    pending = Reminder.create(talent=talent, candidacy=candidacy, kind="followup", step=1, due=dt.date(2026, 11, 23))
    other = Reminder.create(talent=talent, candidacy=candidacy, kind="next_step", due=dt.date(2026, 11, 23))
    reply_at = T0 + dt.timedelta(days=3)
    _log(candidacy, "reply_positive", reply_at)
    row = Candidacy.get_by_id(candidacy)
    assert (row.stage, row.sequence_state, row.replied_at, row.reply_sentiment) == ("replied", "replied", reply_at, "positive")
    assert Reminder.get_by_id(pending).status == "cancelled"
    assert Reminder.get_by_id(other).status == "pending"  # only follow-ups stop


def test_moving_past_approached_cancels_the_follow_ups_only_of_that_candidacy(candidacy):
    _log(candidacy, "approach")
    talent = Candidacy.get_by_id(candidacy).talent_id
    other = pipeline.add_to_mission(talent, missions.create_mission({"title": "Data"}, T0), T0)
    _log(other, "approach")
    pending = lambda c: [(r.kind, r.step) for r in Reminder.select().where((Reminder.candidacy == c) & (Reminder.status == "pending"))]
    pipeline.move_stage(candidacy, "approached", T0)  # not past it: the follow-up stays
    assert pending(candidacy) == [("followup", 1)]
    pipeline.move_stage(candidacy, "replied", T0 + dt.timedelta(days=1))  # they answered by phone
    assert pending(candidacy) == [] and pending(other) == [("followup", 1)]
    assert Candidacy.get_by_id(candidacy).sequence_state == "active"  # a message logged later resumes it
    pipeline.move_stage(candidacy, "approached", T0 + dt.timedelta(days=1))  # back: nothing comes back by itself
    assert pending(candidacy) == []


def test_messages_outside_any_mission_count_their_steps(db):
    """A pool talent written to outside a mission: first message, follow-up 1, 2; a new first message starts again."""
    talent = talents.create_talent({"name": "Zoé"}, ["other"], T0)
    kinds = ["followup", "approach", "followup", "followup", "approach", "followup"]
    logged = [touchpoints.log_touchpoint(talent, None, kind, T0 + dt.timedelta(days=i), SETTINGS) for i, kind in enumerate(kinds)]
    assert [Touchpoint.get_by_id(t).step for t in logged] == [1, 0, 1, 2, 0, 1]
    # one logged late (back-dated before the others) does not reset the count
    late = touchpoints.log_touchpoint(talent, None, "followup", T0 + dt.timedelta(days=7), SETTINGS, when=T0 - dt.timedelta(days=3))
    assert Touchpoint.get_by_id(late).step == 2


def test_manual_moves_win(candidacy):
    pipeline.move_stage(candidacy, "offer", T0)
    _log(candidacy, "interview")
    _log(candidacy, "reply_positive")
    assert Candidacy.get_by_id(candidacy).stage == "offer"


def test_call_owes_feedback_and_saving_it_plans_the_next_step(candidacy):
    call = _log(candidacy, "call", channel="video", when=T0 - dt.timedelta(hours=2))
    tp = Touchpoint.get_by_id(call)
    assert (tp.channel, tp.happened_at, tp.needs_feedback, tp.feedback_at) == ("video", T0 - dt.timedelta(hours=2), True, None)
    assert touchpoints.next_missing_feedback() == call
    now = T0 + dt.timedelta(minutes=5)
    touchpoints.save_draft(call, {"feedback_given": "half"}, now)
    cleaned = touchpoints.save_feedback(call, {"feedback_given": "Great\x1b[1m call", "impression": "solid", "next_step": "CTO", "next_step_due": "+2d", "sentiment": "positive"}, now)
    assert cleaned["next_step_due"] == dt.date(2026, 11, 21)
    tp = Touchpoint.get_by_id(call)
    assert (tp.feedback_given, tp.impression, tp.sentiment, tp.next_step, tp.next_step_due, tp.feedback_at) == (
        "Great[1m call", "solid", "positive", "CTO", dt.date(2026, 11, 21), now,
    )
    assert [(r.kind, r.due, r.detail, r.status) for r in Reminder.select()] == [("next_step", dt.date(2026, 11, 21), "CTO", "pending")]
    assert Draft.select().count() == 0
    assert touchpoints.next_missing_feedback() is None
    # editing the feedback moves the same reminder; removing the date cancels it
    touchpoints.save_feedback(call, {"feedback_given": "Great call", "next_step": "CTO", "next_step_due": "2026-11-30"}, now)
    assert [(r.due, r.status) for r in Reminder.select()] == [(dt.date(2026, 11, 30), "pending")]
    touchpoints.save_feedback(call, {"feedback_given": "Great call"}, now)
    assert [r.status for r in Reminder.select()] == ["cancelled"]


def test_invalid_feedback_writes_nothing(candidacy):
    call = _log(candidacy, "call")
    with pytest.raises(InvalidInput) as error:
        touchpoints.save_feedback(call, {"feedback_given": "ok", "next_step": "x", "next_step_due": "someday"}, T0)
    assert set(error.value.errors) == {"next_step_due"}
    tp = Touchpoint.get_by_id(call)
    assert (tp.feedback_given, tp.feedback_at) == ("", None)
    assert Reminder.select().count() == 0


def test_drafts_round_trip(candidacy):
    call = _log(candidacy, "call")
    touchpoints.save_draft(call, {"feedback_given": "a"}, T0)
    touchpoints.save_draft(call, {"feedback_given": "ab", "impression": "é"}, T0 + dt.timedelta(seconds=1))
    assert touchpoints.load_draft(call) == {"feedback_given": "ab", "impression": "é"}
    assert touchpoints.drafts() == [(call, T0 + dt.timedelta(seconds=1))]
    touchpoints.discard_draft(call)
    assert touchpoints.load_draft(call) is None


def test_reject_and_decline_store_reason_and_feedback(db):
    mission = missions.create_mission({"title": "Backend"}, T0)
    a = pipeline.add_to_mission(talents.create_talent({"name": "A"}, ["other"], T0), mission, T0)
    b = pipeline.add_to_mission(talents.create_talent({"name": "B"}, ["other"], T0), mission, T0)
    touchpoints.close_candidacy(a, "rejected", {"reason": "timing", "feedback": "Not now: the team is frozen"}, DEFAULT_DECLINE_REASONS, T0)
    reply = _log(b, "reply_negative")
    touchpoints.close_candidacy(b, "declined", {"reason": "other", "detail": "moving abroad", "feedback": "Good luck!"}, DEFAULT_DECLINE_REASONS, T0, attach_to=reply)
    rows = {c.id: c for c in Candidacy.select()}
    assert (rows[a].stage, rows[a].decline_reason, rows[a].closed_at) == ("rejected", "timing", T0)
    assert (rows[b].stage, rows[b].decline_reason, rows[b].decline_detail) == ("declined", "other", "moving abroad")
    entries = [(t.candidacy_id, t.kind, t.summary, t.feedback_given) for t in Touchpoint.select().order_by(Touchpoint.id)]
    assert entries == [
        (a, "rejection", "Rejected by us — reason: timing", "Not now: the team is frozen"),
        (b, "reply_negative", "Declined by talent — reason: other (moving abroad)", "Good luck!"),
    ]
    with pytest.raises(InvalidInput):
        touchpoints.close_candidacy(a, "rejected", {"reason": "timing"}, DEFAULT_DECLINE_REASONS, T0)


def test_delete_touchpoint_takes_its_reminder_and_draft(candidacy):
    call = _log(candidacy, "call")
    touchpoints.save_feedback(call, {"feedback_given": "x", "next_step": "y", "next_step_due": "+1d"}, T0)
    touchpoints.save_draft(call, {"feedback_given": "z"}, T0)
    touchpoints.delete_touchpoint(call)
    assert (Touchpoint.select().count(), Reminder.select().count(), Draft.select().count()) == (0, 0, 0)
    with pytest.raises(NotFound):
        touchpoints.delete_touchpoint(call)
    with pytest.raises(NotFound, match="does not exist"):  # a form still open on it: no draft, no database error
        touchpoints.save_draft(call, {"feedback_given": "typed on"}, T0)
    assert Draft.select().count() == 0


def test_completing_a_followup_logs_it_as_sent(candidacy):
    _log(candidacy, "approach")
    talent = Candidacy.get_by_id(candidacy).talent_id
    due = Reminder.create(talent=talent, candidacy=candidacy, kind="followup", step=1, due=dt.date(2026, 11, 21))
    later = T0 + dt.timedelta(days=2)
    sent = reminders.complete(due.id, later, SETTINGS)
    assert (Touchpoint.get_by_id(sent).kind, Touchpoint.get_by_id(sent).step) == ("followup", 1)
    assert (Reminder.get_by_id(due.id).status, Reminder.get_by_id(due.id).done_at) == ("done", later)
    with pytest.raises(Conflict):
        reminders.complete(due.id, later, SETTINGS)


def test_reschedule_and_skip(candidacy):
    talent = Candidacy.get_by_id(candidacy).talent_id
    due = Reminder.create(talent=talent, candidacy=candidacy, kind="next_step", due=dt.date(2026, 11, 21))
    reminders.reschedule(due.id, dt.date(2026, 12, 1))
    assert Reminder.get_by_id(due.id).due == dt.date(2026, 12, 1)
    reminders.skip(due.id, T0, SETTINGS)
    assert Reminder.get_by_id(due.id).status == "skipped"
