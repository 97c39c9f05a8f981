"""Issue 17, item 9: what is typed in Capture is kept, whatever the typing and the other windows.

* A typist who never pauses half a second still gets a draft at least every
  two seconds (the draft timer restarted at every key: 8 s of typing, then
  ``kill -9``, lost all 155 characters).  Time is the app's injected clock.
* A draft waiting for another window's write lock waits in a worker: the
  keys keep being handled, and the draft lands when the lock goes.
* Two windows saving feedback on one touchpoint: the second is told, and
  may keep both texts.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
import time

import pytest

from sourcer_tui.db.database import WorkerConnections
from sourcer_tui.db.models import Draft, Touchpoint
from sourcer_tui.services import missions, pipeline, talents, touchpoints
from sourcer_tui.widgets import capture_form

from ..conftest import NOW
from ..ui.helpers import screen_text, settle, type_text, wait_for_text

SIZE = (160, 45)


@pytest.fixture
def zoe(db):
    mission = missions.create_mission({"title": "Data Engineer"}, NOW)
    talent = talents.create_talent({"name": "Zoé Martin", "email": "zoe@example.org"}, ["other"], NOW)
    pipeline.add_to_mission(talent, mission, NOW)
    return talent


def _draft(touchpoint_id: int) -> dict | None:
    draft = Draft.get_or_none(Draft.touchpoint == touchpoint_id)
    return None if draft is None else json.loads(draft.payload)


async def _open_call(pilot) -> int:
    await settle(pilot)
    await pilot.press("c")  # a call with Zoé: Capture opens
    await settle(pilot)
    return Touchpoint.get(Touchpoint.kind == "call").id


async def test_typing_without_a_pause_keeps_a_draft_every_two_seconds(make_app, clock, zoe, monkeypatch):
    """The typist never stops for the half-second the draft waits for: here
    the half-second never comes (DRAFT_DELAY is a minute), the clock moves
    on 0.4 s per key."""
    monkeypatch.setattr(capture_form, "DRAFT_DELAY", 60.0)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        call = await _open_call(pilot)
        typed, typed_at, drafts = "", [], []
        for letter in "Told her the team loves Spark":
            clock.current += dt.timedelta(seconds=0.4)
            await pilot.press(letter)
            typed += letter
            typed_at.append(clock.current)
            await settle(pilot)
            kept = (_draft(call) or {}).get("feedback_given", "")
            assert typed.startswith(kept)
            if len(kept) < len(typed):  # what is not in a draft was typed in the last 2 s
                assert clock.current - typed_at[len(kept)] < dt.timedelta(seconds=2), (kept, typed)
            if kept and (not drafts or drafts[-1] != kept):
                drafts.append(kept)
        # 29 keys over 11.6 s, never a pause: four drafts, each as the 2 s ran out
        assert drafts == ["Told h", "Told her the", "Told her the team ", "Told her the team loves "]


async def test_a_draft_waiting_for_another_windows_lock_never_stops_the_keys(make_app, db, zoe, monkeypatch):
    monkeypatch.setattr(capture_form, "DRAFT_DELAY", 0.01)  # a draft after every key
    other = sqlite3.connect(db.database, check_same_thread=False, isolation_level=None, timeout=10)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        call = await _open_call(pilot)
        other.execute("BEGIN IMMEDIATE")  # another window's long write holds the file
        try:
            await type_text(pilot, "abc")
            deadline = time.monotonic() + 10
            while not [w for w in app.workers if w.group == "draft" and w.state.name == "RUNNING"]:
                assert time.monotonic() < deadline, "no draft worker waiting"
                await pilot.pause(0.01)
            started = time.monotonic()
            await type_text(pilot, "def")  # handled while the draft waits for the lock
            await wait_for_text(pilot, "abcdef")
            assert time.monotonic() - started < 5  # not the 10 s the lock would hold a blocked loop
            assert app.screen.query_one("#field-feedback_given").text == "abcdef"
            assert _draft(call) is None  # still waiting
        finally:
            other.execute("COMMIT")
        await settle(pilot)
        assert _draft(call)["feedback_given"] == "abcdef"  # the latest text, once the lock went
        await pilot.press("ctrl+s")
        await settle(pilot)
    other.close()
    assert Touchpoint.get_by_id(call).feedback_given == "abcdef" and _draft(call) is None


def _save_in_another_window(db, touchpoint_id: int, version: int, text: str) -> None:
    """Another window: its own connection, in its own thread, saving with the version it read."""
    connections = WorkerConnections(db)
    done = []

    def save() -> None:
        with connections.use():
            touchpoints.save_feedback(touchpoint_id, {"feedback_given": text, "next_step": "Call the CTO",
                                                      "next_step_due": "2026-11-30"}, NOW, version=version)
        done.append(True)

    thread = threading.Thread(target=save)
    thread.start()
    thread.join(20)
    connections.close_all()
    assert done


async def test_two_windows_saving_one_feedback_keep_both(make_app, db, zoe):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        call = await _open_call(pilot)
        version = touchpoints.get_touchpoint(call).version
        await type_text(pilot, "Told her about the team")
        _save_in_another_window(db, call, version, "Told her the salary range")  # saved first, elsewhere
        await pilot.press("ctrl+s")
        shown = await wait_for_text(pilot, "Another window saved feedback on this contact while you wrote")
        assert "Told her the salary range" in shown and "Keep both" in shown
        assert Touchpoint.get_by_id(call).feedback_given == "Told her the salary range"  # nothing replaced silently
        await pilot.press("b")
        await settle(pilot)
        assert app.screen.query_one("#field-feedback_given").text == "Told her the salary range\nTold her about the team"
        assert app.screen.query_one("#field-next_step").value == "Call the CTO"  # theirs, I wrote none
        await pilot.press("ctrl+s")
        await settle(pilot)
    saved = Touchpoint.get_by_id(call)
    assert saved.feedback_given == "Told her the salary range\nTold her about the team"
    assert (saved.next_step, saved.next_step_due, saved.version) == ("Call the CTO", dt.date(2026, 11, 30), version + 2)
    assert _draft(call) is None


async def test_two_windows_keep_mine_or_theirs(make_app, db, zoe):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        call = await _open_call(pilot)
        version = touchpoints.get_touchpoint(call).version
        await type_text(pilot, "Mine")
        _save_in_another_window(db, call, version, "Theirs")
        await pilot.press("ctrl+s")
        await wait_for_text(pilot, "Keep mine")
        await pilot.press("m")
        await settle(pilot)
        assert Touchpoint.get_by_id(call).feedback_given == "Mine"

        await pilot.press("1", "c")  # a second call with Zoé, the same story, keeping theirs
        await settle(pilot)
        second = Touchpoint.select().where(Touchpoint.kind == "call").order_by(Touchpoint.id.desc()).get().id
        version = touchpoints.get_touchpoint(second).version
        await type_text(pilot, "Mine again")
        _save_in_another_window(db, second, version, "Theirs again")
        await pilot.press("ctrl+s")
        await wait_for_text(pilot, "Keep theirs")
        await pilot.press("t")
        await settle(pilot)
        assert "Feedback à chaud" not in screen_text(app)  # the form closed
    assert Touchpoint.get_by_id(second).feedback_given == "Theirs again" and _draft(second) is None
