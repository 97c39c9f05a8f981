"""Helpers for Pilot tests: wait for the app to settle, read the screen."""

from __future__ import annotations


async def settle(pilot) -> None:
    """Let workers finish and the screen catch up (no fixed sleeps)."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def screen_text(app) -> str:
    """The plain text currently on screen (what a user would read: under a
    modal, the screen it was opened from shows through)."""
    from textual._context import visible_screen_stack

    token = visible_screen_stack.set(app._background_screens)
    try:
        return "\n".join(strip.text for strip in app.screen._compositor.render_strips())
    finally:
        visible_screen_stack.reset(token)


async def type_text(pilot, text: str) -> None:
    """Type *text* key by key, as a user would."""
    await pilot.press(*text)


def burst(app, *keys: str) -> None:
    """Keys as a terminal delivers a fast burst: posted at once, no pause
    between them (``pilot.press`` waits after each)."""
    from textual import events

    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


async def wait_for_text(pilot, text: str, tries: int = 50) -> str:
    """The screen once *text* is on it (a modal may need a few refreshes); fails otherwise."""
    for _ in range(tries):
        shown = screen_text(pilot.app)
        if text in shown:
            return shown
        await pilot.pause(0.02)
    raise AssertionError(f"{text!r} never appeared on screen:\n{shown}")


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


def on_every_connection(app, db, pragma: str, value) -> None:
    """``PRAGMA pragma = value`` on the app's connections, the worker threads' too
    (the capture form saves on one): set on this thread's, kept for every
    connection opened later, and the workers' kept ones closed so that they
    open again with it."""
    db.execute_sql(f"PRAGMA {pragma} = {value}")
    db._pragmas = [(name, v) for name, v in db._pragmas if name != pragma] + [(pragma, value)]
    app.readers.close_all()
