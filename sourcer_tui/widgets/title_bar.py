"""The title line at the top of every screen: "⭘  sourcer-tui — <sub-title>".

Looks like Textual's Header, costs less: one widget instead of four, and a
title change (the feedback owed, after every save) repaints one line where
Header's asks for a new layout of the whole screen.  Titles are shown as
plain text (a file path or a talent's name is never read as markup).
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.strip import Strip
from textual.widget import Widget

from .segments import text_strip

__all__ = ["TitleBar"]

ICON_WIDTH = 8  # as Textual's Header: the icon on the left, room for a clock on the right
CLOCK_WIDTH = 10


class TitleBar(Widget):
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def on_mount(self) -> None:
        for owner in (self.app, self.screen):
            self.watch(owner, "title", self._changed, init=False)
            self.watch(owner, "sub_title", self._changed, init=False)

    def _changed(self) -> None:
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        if event.x < ICON_WIDTH:  # the icon opens the command palette, as Header's does
            event.stop()
            self.app.action_command_palette()

    @property
    def titles(self) -> tuple[str, str]:
        screen = self.screen
        title = screen.title if screen.title is not None else self.app.title
        sub_title = screen.sub_title if screen.sub_title is not None else self.app.sub_title
        return title or "", sub_title or ""

    # Drawn with the Line API, kept until the titles, the width or the styles
    # change (a Text went through Textual's Content conversion at each save).
    _line: tuple[tuple, Strip] | None = None

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._line = None

    def render_line(self, y: int) -> Strip:
        width, base = self.content_size.width, self.rich_style
        key = (self.titles, width, base)
        if self._line is None or self._line[0] != key:
            self._line = (key, text_strip(self._text(), width, self.app.console, base))
        return self._line[1] if y == 0 else Strip.blank(width, base)

    def _text(self) -> Text:
        title, sub_title = self.titles
        middle = Text(title, no_wrap=True, overflow="ellipsis")
        if sub_title:
            middle.append(" — ", "dim")
            middle.append(sub_title, "dim")
        room = max(0, self.size.width - ICON_WIDTH - CLOCK_WIDTH)
        middle.truncate(room, overflow="ellipsis")
        left = (room - cell_len(middle.plain)) // 2
        line = Text(" ⭘" + " " * (ICON_WIDTH - 2 + left), no_wrap=True, overflow="crop")
        line.append_text(middle)
        return line
