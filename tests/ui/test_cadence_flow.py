"""A whole outreach sequence, keys only, on a clock that moves day by day."""

from __future__ import annotations

import datetime as dt

from sourcer_tui.db.models import Candidacy, Reminder, Snooze, Touchpoint
from sourcer_tui.services import missions, pipeline, talents

from .helpers import screen_text, settle

SIZE = (160, 45)
THURSDAY = dt.datetime(2026, 11, 19, 9, 0)


def _today_rows(app):
    today = app.screen.query_one("#today")
    return [today.list.rows.get(i) for i in range(today.list.rows.total)]


async def _open_on(make_app, clock, day: dt.date):
    clock.current = dt.datetime.combine(day, dt.time(9, 0))
    return make_app()


async def test_silent_talent_followed_up_snoozed_and_back(make_app, clock):
    mission = missions.create_mission({"title": "Data Engineer"}, THURSDAY)
    talent = talents.create_talent({"name": "Zoé Martin"}, ["other"], THURSDAY)
    candidacy = pipeline.add_to_mission(talent, mission, THURSDAY)

    # Thursday: first message, from the Pipeline (l, o)
    app = await _open_on(make_app, clock, THURSDAY.date())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l", "o")
        await settle(pilot)
        assert Candidacy.get_by_id(candidacy).stage == "approached"
        assert _today_rows(app) == []  # nothing due yet

    # Follow-ups: due Mon 23 (Sat 21 skipped), then +4 = Fri 27, then +7 = Fri Dec 4
    for due, step in ((dt.date(2026, 11, 23), 1), (dt.date(2026, 11, 27), 2), (dt.date(2026, 12, 4), 3)):
        app = await _open_on(make_app, clock, due - dt.timedelta(days=1))
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert _today_rows(app) == []  # not the day before
        app = await _open_on(make_app, clock, due)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            rows = _today_rows(app)
            assert [(r.kind, r.step, r.due, r.name) for r in rows] == [("followup", step, due, "Zoé Martin")]
            assert f"Follow-up {step}/3" in screen_text(app)
            await pilot.press("2", "d")  # done: logged as sent, the next one planned
            await settle(pilot)
            sent = Touchpoint.get(Touchpoint.kind == "followup", Touchpoint.step == step)
            assert sent.happened_at.date() == due
            assert _today_rows(app) == []

    # A week of silence after follow-up 3 (Dec 11): snoozed for 3 months, wake-up on Thu 2027-03-11
    app = await _open_on(make_app, clock, dt.date(2026, 12, 11))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        snooze = Snooze.get(Snooze.talent == talent)
        assert (snooze.active, snooze.kind, snooze.since, snooze.until, snooze.reason) == (
            True, "no_reply", dt.date(2026, 12, 11), dt.date(2027, 3, 11), "no reply after 3 follow-ups",
        )
        assert Candidacy.get_by_id(candidacy).sequence_state == "completed"
        assert "2027-03-11  no reply  Zoé Martin — no reply after 3 follow-u" in screen_text(app)  # in Snoozed, with its kind
        assert "z Zoé Martin" in screen_text(app)  # badge in the pipeline
        assert _today_rows(app) == []

    # On the wake date they come back in Today; d wakes them
    app = await _open_on(make_app, clock, dt.date(2027, 3, 11))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = _today_rows(app)
        assert [(r.kind, r.due, r.name, r.detail) for r in rows] == [("wake_up", dt.date(2027, 3, 11), "Zoé Martin", "no reply after 3 follow-ups")]
        await pilot.press("2", "d")
        await settle(pilot)
        assert not Snooze.get_by_id(snooze.id).active
        assert _today_rows(app) == []
        assert "Snoozed (0)" in screen_text(app)


async def test_reply_stops_the_sequence_and_positive_opens_capture(make_app, clock):
    mission = missions.create_mission({"title": "Data Engineer"}, THURSDAY)
    talent = talents.create_talent({"name": "Hélène"}, ["other"], THURSDAY)
    candidacy = pipeline.add_to_mission(talent, mission, THURSDAY)
    app = await _open_on(make_app, clock, THURSDAY.date())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l", "o")
        await settle(pilot)
        assert Reminder.get(Reminder.kind == "followup").status == "pending"
        await pilot.press("1", "l", "y")  # reply: interested (cursor followed her to Approached)
        await settle(pilot)
        assert Reminder.get(Reminder.kind == "followup").status == "cancelled"
        assert Candidacy.get_by_id(candidacy).stage == "replied"
        assert app.screen.query_one("#capture").form is not None  # Capture for the next step
        assert app.focused.id == "field-feedback_given"


async def test_snooze_presets_from_the_keyboard(make_app, clock):
    talent = talents.create_talent({"name": "Émile"}, ["other"], THURSDAY)
    app = await _open_on(make_app, clock, dt.date(2026, 11, 23))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await pilot.press(*"pool", "enter")
        await settle(pilot)
        # joined elsewhere on Sep 1 with a 4-month trial: wake a week before it ends
        await pilot.press("z", "t")
        await settle(pilot)
        await pilot.press(*"2026-09-01", "ctrl+s")
        await settle(pilot)
        snooze = Snooze.get(Snooze.talent == talent, Snooze.active == True)  # noqa: E712
        assert (snooze.kind, snooze.until, snooze.reason) == ("trial_end", dt.date(2026, 12, 25), "joined elsewhere — recontact at end of trial period")
        # 6 months instead, with a reason: replaces it
        await pilot.press("z", "2", *"parental leave", "ctrl+s")
        await settle(pilot)
        active = list(Snooze.select().where(Snooze.talent == talent, Snooze.active == True))  # noqa: E712
        assert [(s.kind, s.until, s.reason) for s in active] == [("manual", dt.date(2027, 5, 24), "parental leave")]
        # wake early from the Snoozed pane
        await pilot.press("4", "w")
        await settle(pilot)
        assert Snooze.select().where(Snooze.active == True).count() == 0  # noqa: E712
        assert "Snoozed (0)" in screen_text(app)
