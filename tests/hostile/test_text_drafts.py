"""Issue 17, item 9: what is typed in Capture is kept, whatever the typing and the other windows.

* A typist who never pauses half a second still gets a draft at least every
  two seconds (the draft timer restarted at every key: 8 s of typing, then
  ``kill -9``, lost all 155 characters).  Time is the app's injected clock.
* A draft waiting for another window's write lock waits in a worker: the
  keys keep being handled, and the draft lands when the lock goes.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time

import pytest

from sourcer_tui.db.models import Draft, Touchpoint
from sourcer_tui.services import missions, pipeline, talents
from sourcer_tui.widgets import capture_form

from ..conftest import NOW
from ..ui.helpers import settle, type_text, wait_for_text

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
    await pilot.press("down", "c")  # a call with Zoé: Capture opens
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
