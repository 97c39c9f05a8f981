"""Issue 20, item 8: small frictions, with the keys alone — Enter in one-field
dialogs, a resumed draft's cursor, a date error that follows the typing."""

from __future__ import annotations

import datetime as dt

import pytest

from sourcer_tui.db.models import Reminder, Snooze, Talent, Touchpoint
from sourcer_tui.services import missions, pipeline, talents

from ..conftest import NOW
from .helpers import screen_text, settle, type_text, wait_for_text

SIZE = (160, 45)


def _zoe_in_a_mission() -> int:
    zoe = talents.create_talent({"name": "Zoé Martin"}, ["other"], NOW)
    pipeline.add_to_mission(zoe, missions.create_mission({"title": "Data Engineer"}, NOW), NOW)
    return zoe


def _toasts(app) -> str:
    return " ".join(str(n.message) for n in app._notifications)


async def test_enter_confirms_the_reschedule_dialog(make_app, db):
    talent = Talent.create(name="Zoé")
    step = Reminder.create(talent=talent, kind="next_step", due=NOW.date(), detail="call back")
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("2", "r")
        await settle(pilot)
        assert "enter save · esc cancel" in screen_text(app)
        await type_text(pilot, "+1d")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is app.main_screen  # the dialog is gone
        assert Reminder.get_by_id(step.id).due == NOW.date() + dt.timedelta(days=1)
        assert "Zoé: moved to Tue 24 Nov" in _toasts(app)


async def test_enter_on_a_wrong_date_keeps_the_dialog_and_says_why(make_app, db):
    talent = Talent.create(name="Zoé")
    step = Reminder.create(talent=talent, kind="next_step", due=NOW.date(), detail="call back")
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("2", "r", *"xy", "enter")
        await settle(pilot)
        assert app.screen is not app.main_screen
        assert app.screen.query_one("#error-date").has_class("-shown")
        assert Reminder.get_by_id(step.id).due == NOW.date()


async def test_enter_confirms_a_snooze_with_its_one_reason_field(make_app, db):
    zoe = _zoe_in_a_mission()
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("z", "1")
        await settle(pilot)
        await type_text(pilot, "on leave")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is app.main_screen
        snooze = Snooze.get(Snooze.talent == zoe)
        assert snooze.reason == "on leave"


async def test_z_on_a_snoozed_talent_says_the_snooze_it_replaces(make_app, db):
    zoe = _zoe_in_a_mission()
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("z", "1")
        await type_text(pilot, "moving to Lyon")
        await pilot.press("enter")
        await settle(pilot)
        until = Snooze.get(Snooze.talent == zoe).until
        await pilot.press("z")
        shown = await wait_for_text(pilot, "a new snooze replaces it")
        assert f"Snoozed until {until:%a %Y-%m-%d} now (moving to Lyon): a new snooze replaces it." in shown
        await pilot.press("escape")
        await settle(pilot)
        assert Snooze.select().count() == 1


async def test_enter_in_a_form_of_several_fields_still_goes_to_the_next_field(make_app, db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("M")  # new mission: title, client…
        await settle(pilot)
        first = app.focused
        await type_text(pilot, "Data Engineer")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is not app.main_screen  # not saved
        assert app.focused is not first
        assert "ctrl+s save · esc cancel · tab next field" in screen_text(app)


async def test_a_resumed_draft_puts_the_cursor_after_its_text(make_app, db):
    from sourcer_tui.services import touchpoints

    talent = talents.create_talent({"name": "Ada Owed"}, ["other"], NOW)
    owed = Touchpoint.create(talent=talent, kind="call", needs_feedback=True, happened_at=NOW - dt.timedelta(days=1))
    touchpoints.save_draft(owed.id, {"feedback_given": "half a thought\nand a second line"}, NOW)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_text(pilot, "Unsaved feedback from last time")
        await pilot.press("r")
        await settle(pilot)
        field = app.screen.query_one("#field-feedback_given")
        assert app.focused is field
        assert field.cursor_location == (1, len("and a second line"))
        await type_text(pilot, ", more")
        await settle(pilot)
        assert field.text == "half a thought\nand a second line, more"


async def test_a_date_error_follows_the_typing(make_app, db):
    talent = Talent.create(name="Zoé")
    Reminder.create(talent=talent, kind="next_step", due=NOW.date(), detail="call back")
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("2", "r", *"xy", "ctrl+s")
        await settle(pilot)
        error = app.screen.query_one("#error-date")
        assert error.has_class("-shown")
        assert "can't read \"xy\" as a date" in screen_text(app)
        await pilot.press("backspace", "backspace", *"+1d")
        await settle(pilot)
        assert not error.has_class("-shown")  # fixed: the error is gone before any save
        assert not app.screen.query_one("#field-date").has_class("-invalid")
        assert "can't read" not in screen_text(app)
        await pilot.press("z")  # wrong again: it is back at once
        await settle(pilot)
        assert error.has_class("-shown")
        assert "can't read \"+1dz\" as a date" in screen_text(app)


# -- u where no browser can open -------------------------------------------------------------------

URL = "https://www.linkedin.com/in/zoe-martin"


def _profile_row(db):
    zoe = talents.create_talent({"name": "Zoé Martin", "linkedin_url": URL}, ["other"], NOW)
    Reminder.create(talent=zoe, kind="next_step", due=NOW.date(), detail="call back")


@pytest.fixture
def fresh_webbrowser(monkeypatch):
    """Python's webbrowser reads $BROWSER once, at its first use: read it again."""
    import webbrowser

    monkeypatch.setattr(webbrowser, "_tryorder", None)
    monkeypatch.setattr(webbrowser, "_browsers", {})
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER", "SSH_CONNECTION", "SSH_TTY"):
        monkeypatch.delenv(var, raising=False)
    return monkeypatch


async def test_u_over_ssh_copies_the_url_and_says_so(make_app, db, fresh_webbrowser):
    fresh_webbrowser.setenv("SSH_CONNECTION", "10.0.0.2 5555 10.0.0.1 22")
    _profile_row(db)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("2", "u")
        await settle(pilot)
        assert app.clipboard == URL
        said = _toasts(app)
        assert f"No browser can open from this ssh session: {URL} is copied, paste it into your browser." in said
        assert "Opening" not in said


async def test_u_when_the_browser_fails_copies_the_url(make_app, db, fresh_webbrowser):
    fresh_webbrowser.setenv("BROWSER", "false")  # a browser command that fails: webbrowser.open() is False
    _profile_row(db)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("2", "u")
        await settle(pilot)
        await wait_for_text(pilot, "No browser opened")
        assert app.clipboard == URL
        assert f"No browser opened: {URL} is copied, paste it into your browser." in _toasts(app)


async def test_u_with_a_browser_opens_it(make_app, db, fresh_webbrowser):
    fresh_webbrowser.setenv("BROWSER", "true")
    _profile_row(db)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("2", "u")
        await settle(pilot)
        assert f"Opening {URL}" in _toasts(app)
        assert "No browser" not in _toasts(app)
        assert app.clipboard != URL


async def test_o_without_a_browser_says_the_profile_did_not_open(make_app, db, fresh_webbrowser):
    """o, ctrl+s: the message is copied; no browser here, so the question says the
    profile did not open and gives its address."""
    mission = missions.create_mission({"title": "Data Engineer"}, NOW)
    zoe = talents.create_talent({"name": "Zoé Martin", "linkedin_url": URL}, ["other"], NOW)
    pipeline.add_to_mission(zoe, mission, NOW)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("ctrl+s")
        shown = await wait_for_text(pilot, "Log as sent")
        assert "Message copied: paste it and send it." in shown
        assert f"No browser opened their profile here: {URL}" in shown
