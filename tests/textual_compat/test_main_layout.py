"""The focused pane's accent border; Capture taking the right column while writing."""

from __future__ import annotations

import contextlib

from textual.color import Color

from sourcer_tui.db.models import Touchpoint
from sourcer_tui.services import missions, pipeline, talents

from ..conftest import NOW
from ..ui.helpers import settle
from .seam import ScreenMirror, patches_only, screen_text


def border_colour(pane) -> Color:
    return pane.styles.border_top[1]


async def test_the_focused_pane_has_the_accent_border(make_app, db):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        accent = Color.parse(app.get_css_variables()["accent"])
        main = app.screen
        panes = {name: main.query_one(f"#{name}") for name in ("pipeline", "today", "capture", "snoozed")}
        for key, name in (("2", "today"), ("4", "snoozed"), ("3", "capture"), ("1", "pipeline")):
            await pilot.press(key)
            await settle(pilot)
            assert [n for n, pane in panes.items() if border_colour(pane) == accent] == [name]


async def test_what_the_terminal_shows_is_what_a_full_repaint_draws(make_app, db):
    """Focus moves repaint only a pane's frame and a list's cursor line: the
    terminal, fed those partial updates, shows what a repaint from scratch would."""
    mission = missions.create_mission({"title": "Backend"}, NOW)
    for name in ("Zoé", "Yann", "Xavier", "Wanda"):
        pipeline.add_to_mission(talents.create_talent({"name": name}, ["other"], NOW), mission, NOW)
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        mirror = ScreenMirror(app)
        steps = (
            ["2"], ["1"], ["down", "down"], ["4"], ["3"], ["1"], ["up"], ["/", "y"], ["escape"], ["2"], ["1"],
            ["down", "]"],  # a stage move: the reloaded Pipeline repaints only the lines that changed
            ["ctrl+r"],  # a reload that changes nothing repaints nothing
            ["end"], ["home"], ["down"],
            ["c"], [*"told them", "ctrl+s"],  # a call, its feedback: Capture opens, then closes
            ["3"], ["1"],  # each pane's frame drawn once in each look: kept (pane_frame.FrameLooks)
            ["c"], ["x", "escape"], ["k"],  # a draft kept: one more feedback owed, Capture's title changes unfocused
            ["3"], ["1"], ["2"],  # the kept looks come back: none shows the old title
        )
        for keys in steps:
            await pilot.press(*keys)
            await settle(pilot)
            assert mirror.stale_cells() == [], f"after {keys}"
        # the steps did what they say: one feedback saved, one owed (the draft)
        assert Touchpoint.select().where(Touchpoint.feedback_at.is_null(False)).count() == 1
        assert app.screen.capture.border_title.endswith("(1)")


async def test_capture_opens_over_the_panes_and_lays_nothing_out(make_app, db):
    """The form opens on a sheet over the right three fifths of the screen; the
    panes below keep their size and place, so opening and closing it (after
    every saved feedback) lays nothing else out — and leaves no stale cell."""
    mission = missions.create_mission({"title": "Backend"}, NOW)
    talent = talents.create_talent({"name": "Zoé"}, ["other"], NOW)
    pipeline.add_to_mission(talent, mission, NOW)
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        main = app.screen
        mirror = ScreenMirror(app)
        regions = {name: main.query_one(f"#{name}").region for name in ("pipeline", "today", "capture", "snoozed")}
        await pilot.press("c")  # a call: the form opens
        await settle(pilot)
        sheet = main.query_one("#capture-sheet")
        assert main.capture.form is not None and sheet.is_open
        assert sheet.region.width == 96 and sheet.region.right == 160  # 3/5 of the width, on the right
        assert app.focused.id == "field-feedback_given" and "Feedback à chaud" in screen_text(app)
        assert {name: main.query_one(f"#{name}").region for name in regions} == regions
        assert mirror.stale_cells() == []
        # the panes under the sheet take no focus: their keys would act on rows no one sees
        side = main.query_one("#side")
        for keys in (["2"], ["4"], ["3"], ["shift+tab"], ["tab"], ["shift+tab", "shift+tab"]):
            main.query_one("#pipeline-list").focus()  # as a click on its visible part does
            await settle(pilot)
            await pilot.press(*keys)
            await settle(pilot)
            assert side not in app.focused.ancestors, f"{keys} focused {app.focused!r} under the sheet"
        main.query_one("#field-feedback_given").focus()
        await settle(pilot)
        await pilot.press(*"told them", "ctrl+s")
        await settle(pilot)
        assert main.capture.form is None and not sheet.is_open
        assert sheet not in main._compositor.visible_widgets  # put away off the screen (no Hide to its ~25 widgets)
        assert {name: main.query_one(f"#{name}").region for name in regions} == regions
        assert app.focused is main.query_one("#pipeline-list")
        assert mirror.stale_cells() == []
        for _ in range(8):  # the put-away form's fields are out of the focus chain
            await pilot.press("tab")
            await settle(pilot)
            assert sheet not in app.focused.ancestors_with_self, f"tab reached {app.focused!r} off the screen"
        await pilot.press("c")  # the next contact: the sheet comes back in place
        await settle(pilot)
        assert sheet.is_open and sheet.region.width == 96 and sheet.region.right == 160
        assert app.focused.id == "field-feedback_given"
        assert mirror.stale_cells() == []


async def test_closed_forms_and_screens_are_let_go(make_app, db):
    """Textual keeps removed editors and headers alive through the app's watchers and
    the screen's signals: after many captures and screens, no more are left than after one."""
    import gc

    from textual.widget import Widget

    from sourcer_tui.services import touchpoints

    mission = missions.create_mission({"title": "Backend"}, NOW)
    talent = talents.create_talent({"name": "Zoé"}, ["other"], NOW)
    candidacy = pipeline.add_to_mission(talent, mission, NOW)
    app = make_app()

    def left_behind() -> int:
        gc.collect()
        return sum(1 for o in gc.get_objects() if isinstance(o, Widget) and not o.is_attached and o is not app)

    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        main = app.screen
        counts = []
        for _ in range(4):
            touchpoint = touchpoints.log_touchpoint(talent, candidacy, "call", NOW, app.settings)
            await main.capture.open_capture(touchpoint)
            await settle(pilot)
            await pilot.press(*"ok", "ctrl+s")
            await settle(pilot)
            await pilot.press("S")  # Stats, then back
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)
            counts.append(left_behind())
        assert app.screen is main and main.capture.form is None
        assert counts[-1] <= counts[0], counts


async def test_a_long_search_scrolls_inside_its_box(make_app, db):
    """The search box keeps its size (no screen layout per keystroke) and its
    text scrolls: the end of what is typed stays in sight, as in any input."""
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        mirror = ScreenMirror(app)
        box = app.screen.query_one("#pipeline-search")
        await pilot.press("/")
        await settle(pilot)
        width = box.size.width
        typed = "the quick brown fox jumps over the lazy dog " * 3 + "zanzibar"
        await pilot.press(*typed)
        await settle(pilot)
        assert box.value == typed and box.size.width == width
        assert "zanzibar" in screen_text(app)
        assert mirror.stale_cells() == []
        await pilot.press("escape")
        await settle(pilot)
        assert box.value == "" and "zanzibar" not in screen_text(app)


async def test_a_kept_screen_takes_a_theme_changed_while_it_was_away(make_app, db):
    """Screens shown again skip Textual's restyle-everything unless the CSS
    changed meanwhile: a theme switched while the talent screen was closed
    shows on it when it opens again (and a modal closing on the main screen too)."""
    talent = talents.create_talent({"name": "Zoé"}, ["other"], NOW)
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        app.show_talent(talent)
        await settle(pilot)
        detail = app.screen
        before = detail.query_one("#timeline").styles.background
        await app.pop_screen()
        await settle(pilot)
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await settle(pilot)
        app.show_talent(talent)
        await settle(pilot)
        assert app.screen is detail
        after = detail.query_one("#timeline").styles.background
        assert after != before
        mirror = ScreenMirror(app)
        await app.pop_screen()
        await settle(pilot)
        assert mirror.stale_cells() == []


async def test_the_first_frame_has_the_data_and_collection_resumes_after_it(make_app, db):
    """The panes' first rows are read before the first frame (no "Loading…"
    frame, no worker), and the garbage collection held off during start-up is
    back on once that frame is drawn."""
    import gc

    mission = missions.create_mission({"title": "Backend"}, NOW)
    pipeline.add_to_mission(talents.create_talent({"name": "Zoé Martin"}, ["other"], NOW), mission, NOW)
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        first = screen_text(app)
        assert "Zoé Martin" in first and "Loading" not in first
        assert not [w for w in app.workers if w.group == "panes"]
        assert app.focused is app.screen.query_one("#pipeline-list")
        assert gc.isenabled()


async def test_full_collections_wait_for_a_pause_and_python_settings_come_back(make_app, db):
    """Full garbage collections (10-16 ms at 100k talents) run when the user has
    not pressed a key for a moment, not in the middle of a key press; Python's
    own settings are back once the app is gone."""
    import gc
    import time

    from sourcer_tui.app import FULL_COLLECTION_EVERY

    before = gc.get_threshold()
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        assert gc.isenabled() and gc.get_threshold()[2] == FULL_COLLECTION_EVERY
        gc.collect(1)  # something reached the oldest generation since the last full collection
        assert gc.get_count()[2] > 0
        app._last_input = time.monotonic()  # a key just pressed: not now
        app._collect_when_idle()
        assert gc.get_count()[2] > 0
        app._last_input = time.monotonic() - 10  # a pause: now
        app._collect_when_idle()
        assert gc.get_count()[2] == 0
    assert gc.get_threshold() == before and gc.isenabled()


async def test_the_talent_screen_comes_up_filled_with_the_talent_asked_for(make_app, db):
    """From the second visit on, the kept talent screen is filled before it comes
    up: the new talent from the top of their timeline, nothing left of the last
    one, and what the terminal shows equals a repaint from scratch."""
    from sourcer_tui.db.models import Touchpoint

    first = talents.create_talent({"name": "Zoé Premier"}, ["other"], NOW)
    second = talents.create_talent({"name": "Marc Second"}, ["other"], NOW)
    for n in range(40):
        Touchpoint.create(talent=first, kind="note", summary=f"note {n:02d} about Zoé", happened_at=NOW)
    Touchpoint.create(talent=second, kind="note", summary="the one note about Marc", happened_at=NOW)
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        app.show_talent(first)
        await settle(pilot)
        detail = app.screen
        await pilot.press("end")  # the bottom of Zoé's timeline
        await settle(pilot)
        await app.pop_screen()
        await settle(pilot)
        mirror = ScreenMirror(app)
        app.show_talent(second)
        await settle(pilot)
        assert app.screen is detail
        text = screen_text(app)
        assert "Marc Second" in text and "the one note about Marc" in text and "Zoé" not in text
        assert detail.query_one("#timeline").cursor == 0
        assert mirror.stale_cells() == []
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is not detail


@patches_only
async def test_a_layout_that_changes_nothing_of_a_list_leaves_its_scrollbar_alone(make_app, db):
    """Textual hands a ScrollView the virtual size it arranged, never the row count
    a VirtualList keeps: without VirtualList._size_updated every layout of the
    screen (a saved feedback's included) redrew every list's scrollbar."""
    _mission_with(60)
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        listing = app.screen.query_one("#pipeline-list")
        bar = listing.vertical_scrollbar
        assert bar.window_virtual_size == listing.rows.total > listing.size.height  # the thumb says 61 lines
        app.screen._refresh_layout()  # what a mount, a sheet put away or a resize of another widget does
        assert not bar._repaint_required and listing.virtual_size.height == listing.rows.total
        await pilot.resize_terminal(140, 40)  # a real change of size: the scrollbar follows
        await settle(pilot)
        assert bar.window_virtual_size == listing.rows.total and bar.window_size == listing.scrollable_content_region.height


def _mission_with(talent_count: int) -> int:
    mission = missions.create_mission({"title": "Backend"}, NOW)
    for n in range(talent_count):
        pipeline.add_to_mission(talents.create_talent({"name": f"T{n:02d}"}, ["other"], NOW), mission, NOW)
    return mission


@contextlib.contextmanager
def refreshes_of(screen):
    """The regions of every refresh() of *screen* within the block."""
    seen: list = []
    original = screen.refresh
    screen.refresh = lambda *regions, **kw: (seen.append(regions), original(*regions, **kw))[1]
    try:
        yield seen
    finally:
        del screen.refresh


@patches_only
async def test_a_screen_under_an_opaque_one_paints_nothing_and_comes_back_whole(make_app, db):
    """Textual repaints the top screen wherever the screen below changed (in case
    it shows through), and a push repaints the screen below whole: each push of
    Stats or a talent drew it twice.  Under an opaque screen the main screen now
    keeps its changes for later; under a modal (which shows it, dimmed) it does not."""
    from sourcer_tui.modals.choice import ChoiceModal

    _mission_with(5)
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        main = app.screen
        mirror = ScreenMirror(app)
        await pilot.press("S")
        await settle(pilot)
        stats = app.screen
        assert stats is not main and main in app._background_screens
        with refreshes_of(stats) as repainted:
            main.query_one("#pipeline-list").refresh()  # the main screen changes below Stats
            await settle(pilot)
        assert repainted == [] and main._repaint_required
        assert mirror.stale_cells() == []  # Stats as a full repaint draws it
        await pilot.press("escape")  # back: the main screen whole, as a full repaint draws it
        await settle(pilot)
        assert app.screen is main and mirror.stale_cells() == []
        # Stats again: drawn whole once (Textual drew what its layout changed, then all of it again)
        drawn = {"full": 0, "partial": 0}
        full, partial = stats._compositor.render_full_update, stats._compositor.render_partial_update
        stats._compositor.render_full_update = lambda *a, **k: (drawn.__setitem__("full", drawn["full"] + 1), full(*a, **k))[1]
        stats._compositor.render_partial_update = lambda: (partial_update := partial(), partial_update is not None and drawn.__setitem__("partial", drawn["partial"] + 1), partial_update)[0]
        await pilot.press("S")
        await settle(pilot)
        assert app.screen is stats and drawn == {"full": 1, "partial": 0} and mirror.stale_cells() == []
        await pilot.press("escape")
        await settle(pilot)
        # a modal shows the main screen through: its changes are drawn in it
        app.push_screen(ChoiceModal("Sure?", [("y", True, "Yes"), ("n", False, "No")]))
        await settle(pilot)
        modal = app.screen
        with refreshes_of(modal) as drawn:
            main.query_one("#pipeline-list").refresh()
            await settle(pilot)
        assert drawn and drawn[0]


async def test_the_main_screen_is_the_bottom_of_the_stack_and_its_title_repaints_alone(make_app, db):
    """No blank default screen below the main one (each of its changes repainted the
    screen above); the feedback owed in the title repaints the title line only."""
    from sourcer_tui.services import touchpoints

    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        main = app.screen
        assert app.screen_stack == [main] and main is app.main_screen
        talent = talents.create_talent({"name": "Ada"}, ["other"], NOW)
        touchpoints.log_touchpoint(talent, None, "call", NOW, app.settings)
        dirty: list = []
        original = main._compositor.render_partial_update

        def spy():
            dirty.extend(main._compositor._dirty_regions)
            return original()

        main._compositor.render_partial_update = spy
        main.capture.reload()  # the Capture pane recounts: one feedback owed now
        await settle(pilot)
        assert "1 feedback owed" in screen_text(app).splitlines()[0]
        title_line = [region for region in dirty if region.y == 0]
        assert title_line and all(region.height == 1 for region in title_line)
        assert not any(region.y == 0 and region.height > 1 for region in dirty)
