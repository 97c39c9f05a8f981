"""Screen snapshots on the demo data with a fixed clock (pytest-textual-snapshot).

Update after an intended visual change with ``pytest tests/ui/test_snapshots.py --snapshot-update``
and look at the new SVGs before committing them.
"""

from __future__ import annotations

import pytest

from sourcer_tui import demo

from ..conftest import TODAY

SIZE = (160, 45)


@pytest.fixture
def demo_app(db, make_app):
    demo.build_demo(db, TODAY)
    return make_app()


async def _settled(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_main_screen_on_demo_data(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=_settled)


def test_talent_form_with_errors(snap_compare, demo_app):
    async def fill(pilot):
        await _settled(pilot)
        await pilot.press("n")
        await pilot.press("tab", "tab", "tab", *"not-an-email", "ctrl+s")
        await pilot.pause()
        pilot.app.screen.query_one("#field-email").cursor_blink = False

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=fill)


def _still(app) -> None:
    """No blinking cursor anywhere on screen (a snapshot must not depend on the moment)."""
    from textual.widgets import Input, TextArea

    for screen in app.screen_stack:
        for widget in [*screen.query(Input), *screen.query(TextArea)]:
            widget.cursor_blink = False


def _after(*keys: str):
    """Press *keys* on the settled demo, then let everything settle again."""

    async def run(pilot):
        await _settled(pilot)
        for key in keys:
            await pilot.press(key)
            await _settled(pilot)
        _still(pilot.app)
        await pilot.pause()

    return run


#: Every screen and modal, opened with its keys from the main screen (the
#: Pipeline's first talent selected where one is needed).
SCREENS = {
    "help": ["question_mark"],
    "stats": ["S"],
    "talent_detail": ["enter"],
    "templates": ["T"],
    "privacy_review": ["P"],
    "pool_matches": ["m", *"Senior", "enter", "R"],
    "capture_form": ["c"],
    "mission_form": ["M"],
    "log_kind_picker": ["l"],
    "log_details_form": ["L"],
    "snooze_presets": ["z"],
    "keep_in_touch_form": ["z", "k"],
    "closing_form": ["s", *"rejected", "enter"],
    "mission_picker": ["m"],
    "reschedule_form": ["2", "r"],
    # interview grids: the demo's Senior Backend Engineer has the starter grid
    "pipeline_grid_average": ["m", *"Senior", "enter", "A", "1", *["right"] * 5],
    "capture_form_with_grid": ["m", *"Senior", "enter", "i"],
    "grid_editor": ["m", *"Senior", "enter", "E", "ctrl+g"],
    "introducers": ["W"],
    "introducer_page": ["W", "enter"],
    "thank_form": ["2", "end", "k", "k", "k", "k", "d"],
}


@pytest.mark.parametrize("name", list(SCREENS))
def test_every_screen_and_modal(snap_compare, demo_app, name):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=_after(*SCREENS[name]))
