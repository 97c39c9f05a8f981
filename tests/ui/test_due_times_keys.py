"""Times, not only dates, with the keys alone: ``demain 14h30`` in Capture, ``r`` in Today."""

from __future__ import annotations

import datetime as dt

from sourcer_tui.db.models import Reminder, Talent, Touchpoint
from sourcer_tui.services import missions, pipeline, talents

from ..conftest import NOW
from .helpers import screen_text, settle, type_text

SIZE = (160, 45)
TOMORROW = NOW.date() + dt.timedelta(days=1)  # NOW is a Monday: tomorrow is a Tuesday


def _toasts(app) -> str:
    return " ".join(str(n.message) for n in app._notifications)


def _today_rows(app):
    today = app.screen.query_one("#today")
    return [today.list.rows.get(i) for i in range(today.list.rows.total)]


async def test_a_next_step_typed_with_its_time_is_stored_and_ordered_in_today(make_app, clock, db):
    mission = missions.create_mission({"title": "Data Engineer", "client": "Vélo Cargo"}, NOW)
    zoe = talents.create_talent({"name": "Zoé Martin"}, ["other"], NOW)
    pipeline.add_to_mission(zoe, mission, NOW)
    ada = Talent.create(name="Ada Untimed")
    untimed = Reminder.create(talent=ada, kind="next_step", due=TOMORROW, detail="send the offer")
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        # the cursor starts on the first talent, not on the "Sourced" header
        assert app.screen.query_one("#pipeline").list.item.name == "Zoé Martin"
        await pilot.press("c")  # log a call: Capture opens by itself
        await settle(pilot)
        call = Touchpoint.get(Touchpoint.talent == zoe, Touchpoint.kind == "call")
        assert app.focused.id == "field-feedback_given"
        await type_text(pilot, "Told her about the team")
        await pilot.press("tab", "tab")
        await type_text(pilot, "Interview with the CTO")
        await pilot.press("tab")
        await type_text(pilot, "demain 14h30")
        await settle(pilot)
        assert "→ Tue 2026-11-24 14:30 (tomorrow)" in screen_text(app)  # the preview shows the time
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Feedback saved · next step Tue 2026-11-24 14:30 (tomorrow)" in _toasts(app)

        call = Touchpoint.get_by_id(call.id)
        assert (call.next_step, call.next_step_due, call.next_step_time) == ("Interview with the CTO", TOMORROW, dt.time(14, 30))
        timed = Reminder.get((Reminder.touchpoint == call.id) & (Reminder.kind == "next_step"))
        assert (timed.due, timed.due_time, timed.status) == (TOMORROW, dt.time(14, 30), "pending")

    # tomorrow: the untimed item first, then the interview at 14:30, its time shown
    clock.current = NOW + dt.timedelta(days=1)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = _today_rows(app)
        assert [(r.reminder_id, r.time) for r in rows] == [(untimed.id, None), (timed.id, dt.time(14, 30))]
        text = screen_text(app)
        assert "today    Next step      14:30 Zoé Martin — Data Engineer · I" in text
        assert "today    Next step      Ada Untimed — send the offer" in text
        assert text.index("Ada Untimed") < text.index("14:30 Zoé Martin")


async def test_reschedule_takes_a_time_and_today_reorders(make_app, db):
    talent = Talent.create(name="Zoé")
    first = Reminder.create(talent=talent, kind="next_step", due=NOW.date(), detail="call back")
    second = Reminder.create(talent=Talent.create(name="Ada"), kind="next_step", due=NOW.date(), detail="ping")
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert [r.reminder_id for r in _today_rows(app)] == [first.id, second.id]
        await pilot.press("2", "r", *"today 9h")
        await settle(pilot)
        assert "→ Mon 2026-11-23 09:00 (today)" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert (Reminder.get_by_id(first.id).due, Reminder.get_by_id(first.id).due_time) == (NOW.date(), dt.time(9, 0))
        assert "Zoé: moved to Mon 23 Nov 09:00" in _toasts(app)
        assert [r.reminder_id for r in _today_rows(app)] == [second.id, first.id]  # the untimed first
        assert "09:00 Zoé" in screen_text(app)
