"""LineScrollBar draws every line as Textual's ScrollBar does, whatever it kept."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.scrollbar import ScrollBar

from sourcer_tui.clock import FixedClock
from sourcer_tui.textual_compat.line_scrollbar import LineScrollBar
from sourcer_tui.widgets import virtual_list
from sourcer_tui.widgets.virtual_list import VirtualList

from ..conftest import NOW
from .seam import patches_only


class Numbers:
    def __init__(self, total: int) -> None:
        self.total = total

    def get(self, index: int):
        return index if 0 <= index < self.total else None


class ListApp(App):
    CSS_PATH = [Path(virtual_list.__file__).with_suffix(".tcss")]  # the scrollbar always shown, as in the app
    clock = FixedClock(NOW)  # the lists read the app's clock (ages)

    def compose(self) -> ComposeResult:
        yield VirtualList(id="numbers")


def _segments(strips) -> list[list]:
    return [list(strip) for strip in strips]


@patches_only
async def test_kept_lines_are_textuals_lines_through_rows_scrolls_hover_grab_themes_and_backgrounds():
    app = ListApp()
    async with app.run_test(size=(40, 20)) as pilot:
        listing = app.query_one(VirtualList)
        bar = listing.vertical_scrollbar
        assert isinstance(bar, LineScrollBar)
        compared = 0
        # the themes and the list's own background vary last: the bar has kept
        # lines from the earlier ones, which must not be served again
        # with an opaque track the segments no longer hold the list's background:
        # the thumb's cells (reverse, no colour of their own) still take it
        for background, track in ((None, None), ("darkred", None), ("darkred", "blue"), ("navy", "blue")):
            listing.styles.background = background
            listing.styles.scrollbar_background = track
            for theme in ("textual-dark", "textual-light", "nord"):
                app.theme = theme
                for total in (1, 7, 19, 20, 21, 60, 1000, 123_457):
                    listing.set_rows(Numbers(total))
                    await pilot.pause()
                    for at in sorted({0, total // 3, total - 1}):
                        listing.move_to(at)
                        for over, grabbed in ((False, False), (True, False), (True, True)):
                            bar.mouse_over = over
                            bar.grabbed = (0, 0) if grabbed else None
                            await pilot.pause()
                            crop = Region(0, 0, bar.size.width, bar.size.height)
                            kept = bar.render_lines(crop)
                            bar.refresh()
                            drawn = ScrollBar.render_lines(bar, crop)
                            assert _segments(kept) == _segments(drawn), (background, track, theme, total, at, over, grabbed)
                            compared += 1
        assert compared >= 600 and 0 < len(bar._kept) <= 64


@patches_only
async def test_a_bar_with_a_border_is_drawn_by_textual_alone():
    app = ListApp()
    async with app.run_test(size=(40, 20)) as pilot:
        listing = app.query_one(VirtualList)
        listing.set_rows(Numbers(500))
        bar = listing.vertical_scrollbar
        bar.styles.padding = (1, 0)
        await pilot.pause()
        bar._kept.clear()
        bar.render_lines(Region(0, 0, bar.size.width, bar.size.height))
        assert len(bar._kept) == 0
