"""The footer: the focused pane's keys, whole (on more lines when they do not fit
on one); a click on a key presses it."""

from __future__ import annotations

from sourcer_tui.db.models import Mission
from sourcer_tui.widgets.key_footer import KeyFooter

from .helpers import screen_text, settle


def footer_lines(app) -> list[str]:
    footer = app.screen.query_one(KeyFooter)
    return screen_text(app).splitlines()[-footer.size.height:]


def footer_line(app) -> str:
    """Every line of the footer, one after the other."""
    return " ".join(line.rstrip() for line in footer_lines(app))


def where(app, text: str) -> tuple[int, int]:
    """The column and line of *text* in the footer."""
    for y, line in enumerate(footer_lines(app)):
        if text in line:
            return line.index(text), y
    raise AssertionError(f"{text!r} not in the footer")


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
        column, y = where(app, "? Help")
        assert footer.key_at(column, y) == ("question_mark", True)
        await pilot.click(KeyFooter, offset=(column + 2, y))
        await settle(pilot)
        assert type(app.screen).__name__ == "HelpScreen"
        assert footer.key_at(footer.size.width - 1, y) is None or footer.key_at(footer.size.width - 1, y)[0] == "ctrl+p"


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
            footer._lines = None
            return footer.render_line(0)

        pipeline_keys = drawn()
        await pilot.press("2")
        await settle(pilot)
        assert drawn() != pipeline_keys and "d Done" in footer_line(app)
        await pilot.press("1")
        await settle(pilot)
        assert drawn() is pipeline_keys  # the kept line, clicks mapped as before
        assert footer.key_at(*where(app, "? Help")) == ("question_mark", True)
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await settle(pilot)
        fresh = drawn()
        assert fresh is not pipeline_keys and list(fresh) != list(pipeline_keys)
        assert "/ Search" in footer_line(app)


async def test_a_narrow_footer_keeps_every_key_whole_on_more_lines(make_app, db):
    """At 100 columns not every key fits on one line: the footer takes more,
    each key whole, ? and q at the right end of the last; a click on q still quits."""
    Mission.create(title="Data engineer")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(KeyFooter)
        assert footer.size.height > 1
        lines = [line.rstrip() for line in footer_lines(app)]
        assert lines[-1].endswith("? Help q Quit ▏^p Commands") and " … " not in " ".join(lines)
        descriptions = [f"{display} {description}" for _key, display, description, _on in footer._keys]
        shown = " ".join(lines)
        for entry in descriptions:
            assert entry in shown, entry
        for line in lines:
            assert line.endswith(tuple(descriptions) + ("^p Commands",)), line  # none cut mid-word
        column, y = where(app, "q Quit")
        assert footer.key_at(column, y) == ("q", True)
    wide = make_app()
    async with wide.run_test(size=(200, 45)) as pilot:  # all fit: one line, as before, the palette on the right
        await settle(pilot)
        assert wide.screen.query_one(KeyFooter).size.height == 1
        line = footer_line(wide)
        assert " … " not in line and "^p Commands" in line


async def test_the_footer_is_not_cut_while_a_search_is_active(make_app, db):
    """A search adds its key (esc Clear search): every other key stays, whole."""
    Mission.create(title="Data engineer")
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        before = footer_line(app)
        await pilot.press("slash", *"mar", "down")
        await settle(pilot)
        during = footer_line(app)
        assert "esc Clear search" in during and "…  " not in during
        for entry in ("c Call", "l Log…", "z Snooze…", "S Stats", "? Help", "q Quit"):
            assert entry in before and entry in during, entry
