"""The one seam where tests read Textual's private state: what is on screen.

Behaviour tests read the screen through :func:`screen_text` (re-exported by
``tests/ui/helpers``); the tests of the engine patches also compare what a
terminal shows with a full repaint (:class:`ScreenMirror`).  Both ride the
screen's compositor, which Textual does not expose.
"""

from __future__ import annotations

import pytest

from sourcer_tui.textual_compat import PATCHED

__all__ = ["screen_text", "ScreenMirror", "patches_only"]

#: A test of a speed-up itself: nothing to test when the patches are off (another Textual).
patches_only = pytest.mark.skipif(not PATCHED, reason="tests a speed-up, and the patches are off")


def screen_text(app) -> str:
    """The plain text currently on screen (what a user would read: under a
    modal, the screen it was opened from shows through)."""
    from textual._context import visible_screen_stack

    token = visible_screen_stack.set(app._background_screens)
    try:
        return "\n".join(strip.text for strip in app.screen._compositor.render_strips())
    finally:
        visible_screen_stack.reset(token)


class ScreenMirror:
    """What a terminal shows: the app's partial updates applied cell by cell.

    Textual repaints only the regions it marked dirty; the app skips some of
    Textual's whole-widget repaints (a focus move repaints a list's cursor
    line and a pane's frame only).  :meth:`stale_cells` compares the mirror
    with a full repaint from scratch: a cell that differs is one a user would
    see wrong until something else repaints it."""

    def __init__(self, app) -> None:
        from rich.console import Console

        self.app = app
        self.cells: dict[tuple[int, int], tuple[str, object]] = {}
        self._console = Console(width=app.size.width, height=app.size.height, color_system="truecolor", legacy_windows=False)
        self._display = app._display

        def display(screen, renderable) -> None:
            if renderable is not None and screen is app.screen:
                self.apply(renderable)
            self._display(screen, renderable)

        app._display = display
        self.apply(app.screen._compositor.render_full_update())

    def apply(self, renderable) -> None:
        from rich.cells import cell_len
        from rich.segment import ControlType

        x = y = 0
        for segment in self._console.render(renderable, self._console.options):
            if segment.control:
                for code in segment.control:
                    if code[0] == ControlType.CURSOR_MOVE_TO:
                        x, y = code[1], code[2]
                continue
            if segment.text == "\n":
                continue
            for char in segment.text:
                self.cells[(x, y)] = (char, str(segment.style or ""))  # without meta (click targets)
                x += max(1, cell_len(char))

    def stale_cells(self) -> list[tuple[int, int, str, str]]:
        """(x, y, shown, should be) of every cell a full repaint would draw differently."""
        screen = self.app.screen
        for widget in screen.walk_children(with_self=True):
            widget._styles_cache.clear()  # truly from scratch, not from cached lines
        fresh = ScreenMirror.__new__(ScreenMirror)
        fresh.cells, fresh._console = {}, self._console
        fresh.apply(screen._compositor.render_full_update())
        return [
            (x, y, f"{self.cells.get((x, y))}", f"{cell}")
            for (x, y), cell in sorted(fresh.cells.items(), key=lambda kv: (kv[0][1], kv[0][0]))
            if self.cells.get((x, y)) != cell
        ]
