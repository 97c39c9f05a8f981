"""Snapshots of the narrow layout (issue 23): the main screen, Today, the capture
form and the help at 80×24 and 100×30, in English and in French.

Update after an intended visual change with
``pytest tests/ui/test_narrow_snapshots.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

import pytest

from sourcer_tui import demo
from sourcer_tui.config import Settings, UiSettings

from ..conftest import TODAY

SIZES = {"80x24": (80, 24), "100x30": (100, 30)}
#: What each snapshot shows, opened with its keys from the settled demo.
VIEWS = {
    "main": [],
    "today": ["2"],
    "capture_form": ["c"],
    "help": ["question_mark"],
}


@pytest.fixture(params=["en", "fr"])
def demo_app(request, db, make_app):
    demo.build_demo(db, TODAY, language=request.param)
    return make_app(settings=Settings(ui=UiSettings(language=request.param)))


def _after(*keys: str):
    async def run(pilot):
        from textual.widgets import Input, TextArea

        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        for screen in pilot.app.screen_stack:  # no blinking cursor: the snapshot must not depend on the moment
            for widget in [*screen.query(Input), *screen.query(TextArea)]:
                widget.cursor_blink = False
        await pilot.pause()

    return run


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("view", list(VIEWS))
def test_narrow(snap_compare, demo_app, view, size):
    assert snap_compare(demo_app, terminal_size=SIZES[size], run_before=_after(*VIEWS[view]))
