"""The footer: one line of the focused pane's keys; a click on a key presses it."""

from __future__ import annotations

from sourcer_tui.db.models import Mission
from sourcer_tui.widgets.key_footer import KeyFooter

from .helpers import screen_text, settle


def footer_line(app) -> str:
    return screen_text(app).splitlines()[-1]


async def test_footer_follows_focus_and_clicks_press_keys(make_app, db):
    Mission.create(title="Data engineer")
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        line = footer_line(app)
        assert "/ Search" in line and "? Help" in line and "^p Commands" in line
        assert "Reschedule" not in line
        await pilot.press("2")  # Today: its own keys
        await settle(pilot)
        line = footer_line(app)
        assert "d Done" in line and "r Reschedule" in line and "/ Search" not in line
        await pilot.press("1")
        await settle(pilot)
        assert "/ Search" in footer_line(app)
        # a click on "? Help" opens the help, as the key does
        footer = app.screen.query_one(KeyFooter)
        column = footer_line(app).index("? Help")
        assert footer.key_at(column) == ("question_mark", True)
        await pilot.click(KeyFooter, offset=(column + 2, 0))
        await settle(pilot)
        assert type(app.screen).__name__ == "HelpScreen"
        assert footer.key_at(footer.size.width - 1) is None or footer.key_at(footer.size.width - 1)[0] == "ctrl+p"


async def test_footer_keeps_one_widget_across_pane_switches(make_app, db):
    """The point of KeyFooter: switching panes mounts no widget (Textual's footer mounts one per key)."""
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        before = sum(1 for _ in app.screen.walk_children())
        for key in "2341":
            await pilot.press(key)
            await settle(pilot)
        assert sum(1 for _ in app.screen.walk_children()) == before
        assert len(app.screen.query(KeyFooter)) == 1 and not app.screen.query(KeyFooter).first().children


async def test_kept_footer_lines_follow_keys_and_theme(make_app, db):
    """Lines are kept per set of keys (a pane switch and back draws nothing new)
    and drawn afresh after a theme switch: the keys' colours change with it."""
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(KeyFooter)

        def drawn():
            footer._line = None
            return footer.render_line(0)

        pipeline_keys = drawn()
        await pilot.press("2")
        await settle(pilot)
        assert drawn() != pipeline_keys and "d Done" in footer_line(app)
        await pilot.press("1")
        await settle(pilot)
        assert drawn() is pipeline_keys  # the kept line, clicks mapped as before
        assert footer.key_at(footer_line(app).index("? Help")) == ("question_mark", True)
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await settle(pilot)
        fresh = drawn()
        assert fresh is not pipeline_keys and list(fresh) != list(pipeline_keys)
        assert "/ Search" in footer_line(app)


async def test_a_narrow_footer_keeps_help_and_quit_at_its_right_end(make_app, db):
    """At 100 columns not every key fits: ? and q stay, at the right end, the
    others up to a "…", none cut mid-word; a click on q still quits."""
    Mission.create(title="Data engineer")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(KeyFooter)
        line = footer_line(app).rstrip()
        assert line.endswith("? Help q Quit") and " … " in line
        shown = line[: line.rindex(" … ")]  # (a description may hold its own "…": "Stage…")
        descriptions = [f"{display} {description}" for _key, display, description, _on in footer._keys]
        assert shown.strip().startswith(descriptions[0]) and shown.rstrip().endswith(tuple(descriptions))
        assert footer.key_at(len(line) - 2) == ("q", True)
    wide = make_app()
    async with wide.run_test(size=(160, 45)) as pilot:  # all fit: as before, the palette on the right
        await settle(pilot)
        line = footer_line(wide)
        assert " … " not in line and "^p Commands" in line
