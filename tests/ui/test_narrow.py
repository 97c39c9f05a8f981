"""A laptop's 80×24 terminal (issue 23): one pane at a time under a bar of the
four titles and counts, a footer that always shows ? and q, a cursor that
starts on a talent, and a resize that loses nothing typed."""

from __future__ import annotations

import pytest
from textual.widgets import TextArea

from sourcer_tui import demo
from sourcer_tui.config import Settings, UiSettings
from sourcer_tui.db.models import Touchpoint
from sourcer_tui.services import missions, pipeline, talents
from sourcer_tui.services.paging import Header
from sourcer_tui.widgets.key_footer import KeyFooter

from ..conftest import NOW, TODAY
from .helpers import screen_text, settle

FRENCH = Settings(ui=UiSettings(language="fr"))


@pytest.fixture
def demo_app(db, make_app):
    demo.build_demo(db, TODAY)
    return make_app()


def _lines(app) -> list[str]:
    return screen_text(app).splitlines()


def _footer(app) -> str:
    footer = app.screen.query_one(KeyFooter)
    return " ".join(_lines(app)[-footer.size.height:])


def _shown(app) -> list[str]:
    """The panes on screen."""
    return [name for name in ("pipeline", "today", "capture", "snoozed") if app.screen.query_one(f"#{name}").display
            and (name == "pipeline" or app.screen.query_one("#side").display)]


async def test_at_80x24_one_pane_the_bar_the_footer_and_a_feedback_with_the_keys(demo_app, db):
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        main = demo_app.screen
        assert main.narrow and _shown(demo_app) == ["pipeline"]
        bar = _lines(demo_app)[1]
        assert bar.strip() == "Pipeline 150 · Today 28 (13 late) · Capture 6 · Snoozed 16"
        footer = _footer(demo_app)
        assert footer.rstrip().endswith("? Help q Quit ▏^p Commands") and "…" in footer
        assert "⏎ Open c Call z Snooze…" in footer  # the most useful keys first
        # the cursor is on the first talent: c calls them at once
        first = main.query_one("#pipeline").list.item
        assert first.name == "Paul Lacroix"
        await pilot.press("c")
        await settle(pilot)
        form = main.capture.form
        assert form is not None and form.touchpoint.talent == "Paul Lacroix"
        sheet = main.query_one("#capture-sheet")
        assert sheet.region.width == 80  # the form over the whole width
        await pilot.press(*"Told him about the team", "ctrl+s")
        await settle(pilot)
        saved = Touchpoint.select().where(Touchpoint.talent == first.talent_id, Touchpoint.kind == "call").order_by(Touchpoint.id.desc()).first()
        assert saved.feedback_given == "Told him about the team"
        assert main.capture.form is None


async def test_keys_1_to_4_and_tab_switch_the_one_pane_shown(demo_app):
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        seen = []
        for key in ("2", "3", "4", "1"):
            await pilot.press(key)
            await settle(pilot)
            seen.append((_shown(demo_app), demo_app.screen.focused.parent.id if key != "1" else demo_app.screen.focused.id))
        assert seen == [(["today"], "today"), (["capture"], "capture"), (["snoozed"], "snoozed"), (["pipeline"], "pipeline-list")]
        shown = []
        for _ in range(5):
            await pilot.press("tab")
            await settle(pilot)
            shown.append(_shown(demo_app)[0])
        assert shown == ["today", "capture", "snoozed", "pipeline", "today"]
        await pilot.press("shift+tab")
        await settle(pilot)
        assert _shown(demo_app) == ["pipeline"]
        # the bar highlights the pane shown, the pane's own title says its count
        await pilot.press("2")
        await settle(pilot)
        assert "Today (28 · 13 overdue)" in _lines(demo_app)[2]


async def test_resizing_keeps_the_focus_the_cursor_and_the_text_typed(demo_app):
    async with demo_app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        main = demo_app.screen
        assert not main.narrow and _shown(demo_app) == ["pipeline", "today", "capture", "snoozed"]
        await pilot.press("2", "down", "down", "down")
        await settle(pilot)
        today = main.query_one("#today").list
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert main.narrow and _shown(demo_app) == ["today"]
        assert main.focused is today and today.cursor == 3
        await pilot.resize_terminal(160, 45)
        await settle(pilot)
        assert not main.narrow and main.focused is today and today.cursor == 3
        # typing a feedback while the terminal changes size: every character stays, the form stays open
        await pilot.press("1", "c")
        await settle(pilot)
        await pilot.press(*"Salary ")
        await pilot.resize_terminal(80, 24)
        await pilot.press(*"ok, ")
        await pilot.resize_terminal(160, 45)
        await pilot.press(*"remote")
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        form = main.capture.form
        assert form is not None
        assert main.focused is main.query_one("#capture-form").query(TextArea).first()
        assert main.focused.text == "Salary ok, remote"
        assert main.query_one("#capture-sheet").region.width == 80
        await pilot.resize_terminal(160, 45)
        await settle(pilot)
        assert main.query_one("#capture-sheet").region.width == 96  # back to three fifths, beside the Pipeline


async def test_the_cursor_starts_on_a_talent_and_a_header_acts_on_the_row_below(make_app, db, clock):
    mission = missions.create_mission({"title": "Backend"}, NOW)
    zoe = talents.create_talent({"name": "Zoé Martin"}, ["other"], NOW)
    pipeline.add_to_mission(zoe, mission, NOW)
    app = make_app()
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(pilot)
        pane = app.screen.query_one("#pipeline")
        assert pane.list.cursor == 1 and pane.list.item.name == "Zoé Martin"
        await pilot.press("up")  # onto the "Sourced" header: possible
        assert isinstance(pane.list.item, Header)
        await pilot.press("c")  # acts on Zoé, below it
        await settle(pilot)
        assert "Select a talent first" not in screen_text(app)
        form = app.screen.capture.form
        assert form is not None and form.touchpoint.talent == "Zoé Martin"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("1", "home", "enter")  # Enter on the header opens Zoé
        await settle(pilot)
        assert type(app.screen).__name__ == "TalentDetailScreen" and app.screen.talent_id == zoe


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_the_french_footer_keeps_help_and_quit(db, make_app, size):
    demo.build_demo(db, TODAY, language="fr")
    app = make_app(settings=FRENCH)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for key in ("1", "2", "3", "4"):
            await pilot.press(key)
            await settle(pilot)
            footer = _footer(app)
            assert "? Aide" in footer and "q Quitter" in footer, footer
        bar = _lines(app)[1]
        assert bar.strip().startswith("Pipeline ") and "Aujourd'hui" in bar and "En veille" in bar


async def test_a_resize_behind_another_screen_shows_on_the_way_back(demo_app):
    async with demo_app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        main = demo_app.screen
        await pilot.press("enter")  # the first talent's screen
        await settle(pilot)
        assert demo_app.screen is not main
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert demo_app.screen is main and main.narrow and _shown(demo_app) == ["pipeline"]
        assert _lines(demo_app)[1].strip().startswith("Pipeline 150 · Today")


async def test_a_click_on_a_title_in_the_bar_shows_that_pane(demo_app):
    from sourcer_tui.widgets.pane_bar import PaneBar

    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        bar = _lines(demo_app)[1]
        await pilot.click(PaneBar, offset=(bar.index("Snoozed") + 2, 0))
        await settle(pilot)
        assert _shown(demo_app) == ["snoozed"] and demo_app.screen.focused.parent.id == "snoozed"
