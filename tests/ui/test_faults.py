"""Faults while working: the disk fills up mid-save, a bug in a handler."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sourcer_tui.db.models import Draft, Touchpoint
from sourcer_tui.services import missions, pipeline, talents

from ..conftest import NOW
from .helpers import on_every_connection, screen_text, settle, type_text, wait_for_text

SIZE = (160, 45)
LONG = "Feedback " * 2000  # ~18 KB: needs new pages (the limit is 20,000 characters)


@pytest.fixture
def zoe(db):
    mission = missions.create_mission({"title": "Data"}, NOW)
    talent = talents.create_talent({"name": "Zoé"}, ["other"], NOW)
    pipeline.add_to_mission(talent, mission, NOW)
    return talent


async def test_disk_full_while_saving_feedback_keeps_the_text(make_app, db, zoe):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        call = Touchpoint.get(Touchpoint.kind == "call")
        app.screen.query_one("#field-feedback_given").text = LONG
        pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
        on_every_connection(app, db, "max_page_count", pages)  # the disk is full from now on
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Not saved" in screen_text(app) and "full" in screen_text(app)
        assert app.screen.query_one("#field-feedback_given").text == LONG  # nothing lost
        assert Touchpoint.get_by_id(call.id).feedback_at is None  # nothing half-written
        assert Touchpoint.get_by_id(call.id).feedback_given == ""
        on_every_connection(app, db, "max_page_count", 1073741823)  # space again: save works
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = Touchpoint.get_by_id(call.id)
        assert saved.feedback_given == LONG.strip() and saved.feedback_at is not None


async def test_read_only_database_while_saving_feedback_keeps_everything(make_app, db, zoe):
    """The file (or its folder) turned read-only under the app: SQLite refuses
    every write — the save, the draft, the reminder of the next step. Simulated
    with query_only, which fails a write with SQLite's read-only error, as
    permissions do (they do not stop root, who runs CI)."""
    from playhouse.shortcuts import model_to_dict

    from sourcer_tui.db.models import Reminder

    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        call = Touchpoint.get(Touchpoint.kind == "call", Touchpoint.talent == zoe)
        before = model_to_dict(call)
        reminders = Reminder.select().count()
        on_every_connection(app, db, "query_only", "ON")  # read-only from now on
        await type_text(pilot, "Told them the next step")
        await pilot.press("tab", "tab")
        await type_text(pilot, "Interview with the CTO")
        await pilot.press("tab")
        await type_text(pilot, "+2d")
        app.screen.query_one("CaptureForm").write_draft()  # what the draft timer does
        await pilot.press("ctrl+s")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("Could not keep a draft: the database is read-only — check the permissions") for m in messages), messages
        assert any(m.startswith("Not saved: the database is read-only — check the permissions") and m.endswith("press ctrl+s again.") for m in messages), messages
        assert app.screen.query_one("#field-feedback_given").text == "Told them the next step"  # nothing lost
        assert app.screen.query_one("#field-next_step").value == "Interview with the CTO"
        assert model_to_dict(Touchpoint.get_by_id(call.id)) == before  # nothing half-written
        assert Reminder.select().count() == reminders and Draft.select().count() == 0
        on_every_connection(app, db, "query_only", "OFF")  # writable again: the same keys save it all
        await pilot.press("ctrl+s")
        await settle(pilot)
    saved = Touchpoint.get_by_id(call.id)
    assert (saved.feedback_given, saved.next_step, saved.next_step_due) == ("Told them the next step", "Interview with the CTO", NOW.date() + dt.timedelta(days=2))
    assert Reminder.select().count() == reminders + 1


async def test_a_bug_in_a_handler_leaves_a_log_and_the_draft(make_app, db, zoe, monkeypatch, tmp_path):
    from sourcer_tui.widgets.capture_form import CaptureForm

    def broken(self):
        raise RuntimeError("simulated bug in a key handler")

    monkeypatch.setattr(CaptureForm, "action_save", broken)
    app = make_app()
    with pytest.raises(RuntimeError, match="simulated bug"):
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("c")
            await settle(pilot)
            await type_text(pilot, "typed just before the crash")  # no time for the draft timer
            await pilot.press("ctrl+s")  # the broken handler
            await pilot.pause()
    assert app.crash_log is not None and app.crash_log.exists()
    log = app.crash_log.read_text()
    assert "simulated bug in a key handler" in log and "Traceback" in log
    assert app.crash_log.stat().st_mode & 0o777 == 0o600 and app.crash_log.parent.stat().st_mode & 0o777 == 0o700
    call = Touchpoint.get(Touchpoint.kind == "call")
    assert '"typed just before the crash"' in Draft.get(Draft.touchpoint == call.id).payload
    assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"


def _search_fails(monkeypatch, message: str, when) -> None:
    """The Pipeline's counts raise RuntimeError(*message*) for the searches *when* accepts."""
    from sourcer_tui.services import pipeline as pipeline_service

    real = pipeline_service.groups

    def broken(scope, stages):
        if when(scope.search):
            raise RuntimeError(message)
        return real(scope, stages)

    monkeypatch.setattr(pipeline_service, "groups", broken)


async def test_a_bug_in_a_background_read_is_logged_and_said_and_the_work_goes_on(make_app, db, zoe, monkeypatch):
    """A worker that raises (here the Pipeline's read of a search) stops
    nothing: the message names the log, the log holds the traceback, and the
    next feedback is written and saved as usual."""
    _search_fails(monkeypatch, "simulated bug in a read", lambda search: search == "zz")
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("slash", "z", "z")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        failed = [m for m in messages if m.startswith("Loading the Pipeline failed: simulated bug in a read — the details are in ")]
        assert len(failed) == 1, messages
        log = Path(failed[0].rsplit(" ", 1)[1])
        assert "Traceback" in log.read_text() and "simulated bug in a read" in log.read_text()
        assert log.name.startswith("error-") and log.stat().st_mode & 0o777 == 0o600
        assert app.is_running and app.crash_log is None  # the app goes on
        await pilot.press("escape")  # the search cleared: the Pipeline reads again
        await settle(pilot)
        assert app.screen.query_one("#pipeline").list.item.name == "Zoé"
        await pilot.press("c")
        await settle(pilot)
        await type_text(pilot, "still here")
        await pilot.press("ctrl+s")
        await settle(pilot)
    call = Touchpoint.get(Touchpoint.kind == "call", Touchpoint.talent == zoe)
    assert call.feedback_given == "still here"


async def test_a_save_waits_for_another_window_writing(make_app, db, zoe):
    """Another instance holds the write lock (a long write of its own) when
    ctrl+s is pressed: the save waits for it and lands, nobody sees "locked"."""
    import sqlite3
    import threading

    from sourcer_tui.db.models import Talent

    other = sqlite3.connect(db.database, check_same_thread=False, isolation_level=None, timeout=10)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await type_text(pilot, "written while the other window wrote")
        other.execute("BEGIN IMMEDIATE")  # the other window's write, not finished yet
        other.execute("UPDATE talent SET notes = 'from the other window' WHERE id = ?", (zoe,))
        finish = threading.Timer(0.3, other.execute, ("COMMIT",))  # any time within the 10 s wait
        finish.start()
        await pilot.press("ctrl+s")
        await settle(pilot)
        finish.join()
        messages = [n.message for n in app._notifications]
    other.close()
    call = Touchpoint.get(Touchpoint.kind == "call", Touchpoint.talent == zoe)
    assert call.feedback_given == "written while the other window wrote" and call.feedback_at is not None
    assert Talent.get_by_id(zoe).notes == "from the other window"  # both writes landed
    assert not [m for m in messages if "locked" in m or "busy" in m], messages


async def test_the_screen_stays_alive_while_a_save_waits_for_another_window(make_app, db, zoe):
    """ctrl+s while another window holds the write lock: the save waits in a worker
    thread, the screen goes on (it says it is waiting, the panes still move), and
    the save lands once the other write is done.  The save on the screen's own
    thread froze everything until the lock was released."""
    import sqlite3

    other = sqlite3.connect(db.database, check_same_thread=False, isolation_level=None, timeout=10)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await type_text(pilot, "written while the other window wrote")
        call = Touchpoint.get(Touchpoint.kind == "call", Touchpoint.talent == zoe)
        other.execute("BEGIN IMMEDIATE")  # the other window's write, held until we say
        await pilot.press("ctrl+s")
        await wait_for_text(pilot, "another window is writing to the database", tries=200)
        await type_text(pilot, "xyz")  # keys still handled, but the form takes no more text while saving
        assert app.screen.query_one("#field-feedback_given").text == "written while the other window wrote"
        assert Touchpoint.get_by_id(call.id).feedback_at is None  # still waiting
        other.execute("COMMIT")
        await settle(pilot)
        assert Touchpoint.get_by_id(call.id).feedback_given == "written while the other window wrote"
        assert app.screen.capture.form is None  # saved and closed
    other.close()


async def test_a_failure_that_repeats_is_said_once_and_any_message_can_be_logged(make_app, db, zoe, monkeypatch):
    """Every keystroke of a search failing the same way: one message, one log
    (not one per letter); a message that cannot be encoded as it is still logs."""
    _search_fails(monkeypatch, "caf\udce9 is not text", bool)  # a lone surrogate, as os errors may carry
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        for letter in "zoe":
            await pilot.press(letter)
            await settle(pilot)
        failed = [n.message for n in app._notifications if n.message.startswith("Loading the Pipeline failed")]
        assert len(failed) == 1, failed
        log = Path(failed[0].rsplit(" ", 1)[1])
        assert "caf\\udce9 is not text" in log.read_text()
        assert sorted(p.name for p in log.parent.iterdir()) == [log.name] and app.is_running


async def test_a_failure_in_one_of_the_apps_own_workers_is_said_too(make_app):
    """The app runs workers of its own (opening a link, the daily backup)."""
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)

        def broken() -> None:
            raise RuntimeError("no browser here")

        app.run_worker(broken, thread=True, group="links", exit_on_error=False)  # as open_link does
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("Opening the link failed: no browser here — the details are in ") for m in messages), messages
