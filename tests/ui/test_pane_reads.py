"""A pane's read runs in a worker: it reads what the UI thread captured, never a widget
(PITFALLS: widget state read from a thread)."""

from __future__ import annotations

import datetime as dt
import threading

from sourcer_tui.db.models import Reminder, Talent
from sourcer_tui.services import pipeline

from ..conftest import NOW
from .helpers import settle


async def _read_without_widgets(pane, request):
    """*pane*'s read of *request* with its children gone (a widget read would fail),
    in a thread of its own as the workers do."""
    out = {}

    def run():
        try:
            out["rows"] = pane.read(request)
        except Exception as error:  # the failure is the test's finding
            out["error"] = error

    await pane.remove_children()
    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return out


async def test_a_list_pane_reads_from_what_was_captured(make_app, db):
    talent = Talent.create(name="Zoé")
    for days in range(3):
        Reminder.create(talent=talent, kind="next_step", due=NOW.date() - dt.timedelta(days=days), detail=f"step {days}")
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        today = app.screen.query_one("#today")
        load = today.prepare()
        await pilot.pause()
        out = await _read_without_widgets(today, load)
        await settle(pilot)
        assert "error" not in out, out.get("error")
        rows = out["rows"]
        assert (rows.total, rows.facts) == (3, {"overdue": 2})
        assert [rows.get(i).detail for i in range(3)] == ["step 2", "step 1", "step 0"]


async def test_the_pipeline_reads_from_what_was_captured(make_app, db):
    from sourcer_tui.services import missions

    mission = missions.create_mission({"title": "Backend"}, NOW)
    for name in ("Ana", "Bob"):
        pipeline.add_to_mission(Talent.create(name=name).id, mission, NOW)
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        pane = app.screen.query_one("#pipeline")
        request = pane.prepare(keep=False)
        await pilot.pause()
        out = await _read_without_widgets(pane, request)
        await settle(pilot)
        assert "error" not in out, out.get("error")
        rows, label, cursor = out["rows"]
        assert sum(group.count for group in rows.groups) == 2


async def test_painting_never_queries_a_page_comes_from_a_worker(make_app, db, monkeypatch):
    """G in a long Pipeline: the last rows' page is fetched in a worker (lines not
    here yet are drawn as a placeholder), never on the UI thread, then shown."""
    from sourcer_tui.services import missions
    from sourcer_tui.widgets import pipeline_pane

    mission = missions.create_mission({"title": "Backend"}, NOW)
    for n in range(300):
        pipeline.add_to_mission(Talent.create(name=f"T{n:03d}").id, mission, NOW)
    ui_thread, fetched_on = threading.current_thread(), []
    real = pipeline.fetch_rows

    def fetch_rows(*args, **kwargs):  # the real read, noting the thread it runs on
        fetched_on.append(threading.current_thread() is ui_thread)
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline_pane.pipeline, "fetch_rows", fetch_rows)
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        fetched_on.clear()  # the first frame's rows are read before it, by design
        await pilot.press("G")
        await settle(pilot)
        assert fetched_on and not any(fetched_on)
        from .helpers import screen_text

        shown = screen_text(app)
        assert "T000" in shown and "│ … " not in shown  # the last rows, all drawn


async def test_the_first_frame_has_its_rows_without_a_second_fetch(make_app, db, monkeypatch):
    """The first load reads before the lists are laid out: it reads a terminal's
    height of rows, so the first paint draws them all (no placeholder, no fetch after)."""
    from sourcer_tui.services import missions
    from sourcer_tui.widgets.virtual_list import VirtualList

    mission = missions.create_mission({"title": "Backend"}, NOW)
    for n in range(120):
        pipeline.add_to_mission(Talent.create(name=f"T{n:03d}").id, mission, NOW)
    wanted = []
    real = VirtualList._want_rows

    def want_rows(self, **kwargs):  # the real one, noting who asked
        wanted.append(self.id)
        return real(self, **kwargs)

    monkeypatch.setattr(VirtualList, "_want_rows", want_rows)
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        from .helpers import screen_text

        shown = screen_text(app)
        names = [line for line in shown.splitlines() if line.startswith("│  T")]
        assert wanted == [] and "│ … " not in shown and len(names) >= 35
