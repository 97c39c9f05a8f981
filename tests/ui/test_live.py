"""Live refresh: what a second window writes to the same SQLite file shows in
the open app without a key press, without moving the focus, the cursor off its
row, or a letter of a form being typed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading

from sourcer_tui.config import LiveSettings, Settings
from sourcer_tui.db.database import WorkerConnections
from sourcer_tui.services import missions, pipeline, talents, touchpoints

from ..conftest import NOW
from .helpers import screen_text, settle, type_text, wait_for_text

SIZE = (160, 45)
SETTINGS = Settings()


def in_another_window(db, work) -> None:
    """*work* on a second connection to the same file (its own thread), as a second app."""
    connections = WorkerConnections(db)
    failure: list[BaseException] = []

    def run() -> None:
        try:
            with connections.use():
                work()
        except BaseException as error:  # noqa: BLE001  (handed back to the test)
            failure.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(20)
    connections.close_all()
    assert not failure, failure


def _people() -> dict[str, int]:
    backend = missions.create_mission({"title": "Backend"}, NOW)
    people = {}
    for name in ("Zoé Martin", "Éli Durand", "Paul Petit"):
        people[name] = talents.create_talent({"name": name}, ["other"], NOW)
        pipeline.add_to_mission(people[name], backend, NOW)
    # two calls still owing their feedback: Zoé's the newest, first in Capture
    touchpoints.log_touchpoint(people["Éli Durand"], None, "call", NOW, SETTINGS, when=NOW - dt.timedelta(hours=2))
    touchpoints.log_touchpoint(people["Zoé Martin"], None, "call", NOW, SETTINGS, when=NOW - dt.timedelta(hours=1))
    return people


async def _on_the_page_of(pilot, app, talent_id: int) -> None:
    """The app up, then the talent's page, as Enter on their row."""
    await settle(pilot)
    app.show_talent(talent_id)
    await settle(pilot)


def _call_paul(db, people) -> None:
    in_another_window(db, lambda: touchpoints.log_touchpoint(people["Paul Petit"], None, "call", NOW, SETTINGS, when=NOW))


async def test_a_call_logged_in_another_window_shows_by_itself(make_app, db):
    people = _people()
    app = make_app(settings=dataclasses.replace(SETTINGS, live=LiveSettings(check_seconds=1)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "feedback owed (2)" in screen_text(app)
        _call_paul(db, people)
        # no key pressed: the check every second (a timer) finds it
        shown = await wait_for_text(pilot, "feedback owed (3)", tries=400)
        assert "Paul Petit" in shown


async def test_the_refresh_keeps_the_focus_and_the_cursor_on_its_row(make_app, db):
    people = _people()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3", "down")  # Capture, on Éli (the second row)
        await settle(pilot)
        capture = app.screen.query_one("#capture")
        focused = app.focused
        assert capture.list.item.talent_id == people["Éli Durand"] and capture.list.cursor == 1
        _call_paul(db, people)  # a row comes above Éli's
        app.screen.check_outside()  # what the timer does
        await settle(pilot)
        assert "feedback owed (3)" in screen_text(app)
        assert capture.list.item.talent_id == people["Éli Durand"] and capture.list.cursor == 2
        assert app.focused is focused


async def test_the_refresh_never_touches_a_form_being_typed(make_app, db):
    people = _people()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3", "enter")  # Zoé's feedback
        await wait_for_text(pilot, "Feedback à chaud")
        await type_text(pilot, "Told her about the team")
        field = app.screen.query_one("#field-feedback_given")
        _call_paul(db, people)
        app.screen.check_outside()
        await settle(pilot)
        assert "3 feedback owed" in screen_text(app)  # the title line (the sheet covers the pane)
        assert field.text == "Told her about the team" and app.focused is field
        await type_text(pilot, " and the salary")
        assert field.text == "Told her about the team and the salary"


async def test_nothing_reloads_when_no_one_else_wrote(make_app, db):
    _people()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        loads = app.screen.query_one("#capture")._request
        app.screen.check_outside()
        await settle(pilot)
        assert app.screen.query_one("#capture")._request == loads


async def test_the_talent_screen_shows_a_contact_logged_elsewhere(make_app, db):
    from sourcer_tui.screens.talent_detail import TalentDetailScreen
    from sourcer_tui.widgets.timeline_list import TimelineList

    people = _people()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.show_talent(people["Éli Durand"])  # as Enter on their row
        await settle(pilot)
        assert isinstance(app.screen, TalentDetailScreen) and "Timeline (1)" in screen_text(app)
        timeline = app.screen.query_one(TimelineList)
        first = timeline.item.id
        eli = people["Éli Durand"]
        in_another_window(db, lambda: touchpoints.log_touchpoint(eli, None, "note", NOW, SETTINGS, when=NOW))
        app.main_screen.check_outside()  # what the timer does
        await settle(pilot)
        assert "Timeline (2)" in screen_text(app)
        assert timeline.item.id == first and timeline.cursor == 1  # the newest came above: the cursor stays on its contact
        assert app.focused is timeline


async def test_the_talent_screen_goes_when_the_talent_is_erased_elsewhere(make_app, db):
    """A teammate (or a second window) erases Éli while his page is open: it says so and goes."""
    from sourcer_tui.screens.main import MainScreen
    from sourcer_tui.services import privacy

    people = _people()
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _on_the_page_of(pilot, app, people["Éli Durand"])
        in_another_window(db, lambda: privacy.erase(people["Éli Durand"], NOW))
        app.main_screen.check_outside()  # what the timer does
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        shown = screen_text(app)
        assert "Éli Durand is no longer in the file: erased or merged in" in shown  # the toast wraps
        assert "does not exist" not in shown


async def test_a_row_taken_away_by_another_window_is_not_replaced_under_the_next_key(make_app, db):
    """Today, the cursor on Zoé's follow-up; another window marks it sent: Éli's
    comes under the cursor, and d is refused once, saying why (it was meant for
    Zoé's); d again marks Éli's."""
    from sourcer_tui.db.models import Reminder
    from sourcer_tui.services import reminders

    thursday = NOW - dt.timedelta(days=4)
    backend = missions.create_mission({"title": "Backend"}, thursday)
    people = {}
    for name in ("Zoé Martin", "Éli Durand"):
        people[name] = talents.create_talent({"name": name}, ["other"], thursday)
        touchpoints.log_touchpoint(people[name], pipeline.add_to_mission(people[name], backend, thursday), "approach", thursday, SETTINGS)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("2")
        today = app.screen.query_one("#today")
        while today.list.item.name != "Zoé Martin":
            await pilot.press("down")
        zoe_due = Reminder.get((Reminder.talent == people["Zoé Martin"]) & (Reminder.kind == "followup"))
        in_another_window(db, lambda: reminders.complete(zoe_due.id, NOW, SETTINGS))
        app.main_screen.check_outside()  # what the timer does
        await settle(pilot)
        assert today.list.item.name == "Éli Durand"
        eli_due = Reminder.get((Reminder.talent == people["Éli Durand"]) & (Reminder.kind == "followup") & (Reminder.step == 1))
        await pilot.press("d")
        await settle(pilot)
        assert Reminder.get_by_id(eli_due.id).status == "pending"  # not marked: the key was meant for Zoé's
        assert "The row under the cursor was done or moved elsewhere" in " ".join(n.message for n in app._notifications)
        await pilot.press("d")
        await settle(pilot)
        assert Reminder.get_by_id(eli_due.id).status == "done"


async def test_a_talent_without_contacts_shows_no_one_else_s_contact(make_app, db):
    """Éli's page (a call), back, then Paul's (no contact): Paul's page describes nothing."""
    thursday = NOW - dt.timedelta(days=4)
    eli = talents.create_talent({"name": "Éli Durand"}, ["other"], thursday)
    paul = talents.create_talent({"name": "Paul Petit"}, ["other"], thursday)
    touchpoints.log_touchpoint(eli, None, "note", thursday, SETTINGS, summary="met at a meetup")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.show_talent(eli)
        await settle(pilot)
        assert "met at a meetup" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        app.show_talent(paul)
        await settle(pilot)
        shown = screen_text(app)
        assert "Timeline (0)" in shown and "Paul Petit" in shown
        assert "met at a meetup" not in shown and "Note" not in shown


async def test_the_talent_page_goes_after_a_dialog_when_erased_meanwhile(make_app, db):
    """Éli's page, e (his form open); another window erases him; Esc: the page says
    so and goes, his profile not left on screen."""
    from sourcer_tui.screens.main import MainScreen
    from sourcer_tui.services import privacy

    people = _people()
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _on_the_page_of(pilot, app, people["Éli Durand"])
        await pilot.press("e")
        await settle(pilot)
        in_another_window(db, lambda: privacy.erase(people["Éli Durand"], NOW))
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert any(n.message.startswith("Éli Durand is no longer in the file") for n in app._notifications)
