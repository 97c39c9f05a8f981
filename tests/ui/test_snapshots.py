"""Screen snapshots on the demo data with a fixed clock (pytest-textual-snapshot).

Update after an intended visual change with ``pytest tests/ui/test_snapshots.py --snapshot-update``
and look at the new SVGs before committing them.
"""

from __future__ import annotations

import pytest

from sourcer_tui.services import demo

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
