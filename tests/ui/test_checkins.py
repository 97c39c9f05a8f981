"""Shortlist check-ins (issue 21), with the real keys: offered when a shortlisted
candidacy closes or its mission closes, accepted with one key, due in Today
with the last mission and the last feedback given."""

from __future__ import annotations

import datetime as dt

import pytest

from sourcer_tui.db.models import Candidacy, Reminder, Talent, Touchpoint
from sourcer_tui.services import missions, pipeline, talents, touchpoints

from ..conftest import NOW
from .helpers import screen_text, settle, type_text, wait_for_text

SIZE = (160, 45)


@pytest.fixture
def zoe(db, settings):
    """Zoé, interviewed for Data Engineer (feedback written), now at *interviewing*."""
    mission = missions.create_mission({"title": "Data Engineer", "client": "Vélo Cargo"}, NOW - dt.timedelta(days=30))
    talent = talents.create_talent({"name": "Zoé Martin"}, ["other"], NOW - dt.timedelta(days=30))
    candidacy = pipeline.add_to_mission(talent, mission, NOW - dt.timedelta(days=30), "screening")
    point = touchpoints.log_touchpoint(talent, candidacy, "interview", NOW - dt.timedelta(days=3), settings)
    touchpoints.save_feedback(point, {"feedback_given": "Strong on Spark"}, NOW - dt.timedelta(days=3))
    return mission, talent, candidacy


async def _select(pilot, name: str) -> None:
    await settle(pilot)
    pane = pilot.app.screen.query_one("#pipeline")
    await pilot.press("home")
    for _ in range(8):
        await pilot.press("down")
        if getattr(pane.list.item, "name", None) == name:
            return
    raise AssertionError(f"{name} is not in the Pipeline")


def _calls(talent):
    return [(r.due, r.candidacy_id) for r in Reminder.select().where(
        (Reminder.talent == talent) & (Reminder.kind == "keep_in_touch") & (Reminder.status == "pending"))]


async def test_a_rejected_interviewee_is_offered_a_check_in_that_comes_due_in_today(make_app, clock, zoe):
    _mission, talent, candidacy = zoe
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _select(pilot, "Zoé Martin")
        await pilot.press("s")
        await type_text(pilot, "rejected")
        await pilot.press("enter")
        await settle(pilot)
        app.screen.form.set_values({"reason": "client said no"})
        await pilot.click("#field-feedback")
        await type_text(pilot, "The client chose an internal move")
        await pilot.press("ctrl+s")
        shown = await wait_for_text(pilot, "was on the shortlist")
        assert "every 4 months" in shown
        await pilot.press("enter")  # accept
        await settle(pilot)
        assert Candidacy.get_by_id(candidacy).stage == "rejected"
        # four months after the rejection (Mon 23 Nov 2026): Tue 23 Mar 2027, tied to the mission
        assert _calls(talent) == [(dt.date(2027, 3, 23), candidacy)]
        assert Talent.get_by_id(talent).keep_in_touch_months == 4

        # the day before, nothing; on the day, the row says the mission and the last feedback
        clock.current = dt.datetime(2027, 3, 22, 9, 0)
        app.screen.check_outside()
        await settle(pilot)
        assert "shortlist check-in" not in screen_text(app)
        clock.current = dt.datetime(2027, 3, 23, 9, 0)
        app.screen.check_outside()
        await settle(pilot)
        await wait_for_text(pilot, "Check-in")
        today = app.screen.query_one("#today")
        assert today.list.rows.total == 1
        # the whole row, as the pane draws it when wide enough (the screen cuts it at the pane's edge)
        assert today.render_row(today.list.rows.get(0), 200).plain == (
            "today    Check-in       Zoé Martin — Data Engineer · last: The client chose an internal move")

        # d: log the call made (c); the next check-in is four months later, still tied
        await pilot.press("2", "d")
        await wait_for_text(pilot, "Log a contact with Zoé Martin")
        await pilot.press("c")
        await settle(pilot)
        call = Touchpoint.select().where(Touchpoint.talent == talent).order_by(Touchpoint.id.desc()).first()
        assert (call.kind, call.candidacy_id, call.happened_at) == ("call", None, dt.datetime(2027, 3, 23, 9, 0))
        assert _calls(talent) == [(dt.date(2027, 7, 23), candidacy)]  # Fri 23 Jul 2027


async def test_esc_declines_the_check_in(make_app, zoe):
    _mission, talent, candidacy = zoe
    pipeline.move_stage(candidacy, "offer", NOW)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _select(pilot, "Zoé Martin")
        await pilot.press("s")
        await type_text(pilot, "rejected")
        await pilot.press("enter")
        await settle(pilot)
        app.screen.form.set_values({"reason": "salary gap"})
        await pilot.click("#field-feedback")
        await type_text(pilot, "Above the budget")
        await pilot.press("ctrl+s")
        await wait_for_text(pilot, "was on the shortlist")
        await pilot.press("escape")
        await settle(pilot)
        assert Candidacy.get_by_id(candidacy).stage == "rejected"
        assert _calls(talent) == [] and Talent.get_by_id(talent).keep_in_touch_months is None


async def test_closing_a_mission_offers_the_check_in_to_its_shortlist_at_once(make_app, zoe, settings):
    mission, zoe_id, zoe_candidacy = zoe
    adam = talents.create_talent({"name": "Adam Petit"}, ["other"], NOW)
    adam_candidacy = pipeline.add_to_mission(adam, mission, NOW, "offer")
    early = talents.create_talent({"name": "Bruno Lefèvre"}, ["other"], NOW)
    pipeline.add_to_mission(early, mission, NOW, "approached")
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("m", *"Data", "enter")  # the mission on screen: E edits it
        await settle(pilot)
        await pilot.press("1", "E")
        await settle(pilot)
        app.screen.form.set_values({"status": "closed"})
        await pilot.press("ctrl+s")
        await wait_for_text(pilot, "2 talents reached interview without being hired")
        assert app.screen.question == ("Data Engineer is closed. 2 talents reached interview without being hired: "
                                       "Adam Petit, Zoé Martin. Check in with them regularly?")
        await pilot.press("y")
        await settle(pilot)
        # counted from each one's last contact: Zoé's interview (Fri 20 Nov 2026) → Sat 20 Mar 2027 → Mon 22 Mar;
        # Adam, never contacted: from today, Mon 23 Nov 2026 → Tue 23 Mar 2027
        assert _calls(zoe_id) == [(dt.date(2027, 3, 22), zoe_candidacy)]
        assert _calls(adam) == [(dt.date(2027, 3, 23), adam_candidacy)]
        assert _calls(early) == []
        # one change, undone at once
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert _calls(zoe_id) == [] and _calls(adam) == []
        assert Talent.get_by_id(adam).keep_in_touch_months is None
