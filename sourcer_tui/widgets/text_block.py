"""Lines of Rich Text shown as they are, with the Line API.

For a block of text built line by line (the Stats screen's tables): no
wrapping, no markup, no conversion of the whole block into Textual's
Content at each update and paint.  Its height is its number of lines
(``height: auto``), so a scrolling container above it scrolls it.  Lines wider than the widget are cut.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget

from .segments import text_strip

__all__ = ["TextBlock"]


class TextBlock(Widget):
    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._lines: list[Text] = []
        self._width = 0
        self._drawn: dict[int, Strip] = {}
        self._drawn_for: tuple[int, Style] | None = None
        self._base: Style | None = None

    @property
    def lines(self) -> list[Text]:
        return self._lines

    def update(self, lines: list[Text], drawn: tuple[int, Style, list[Strip]] | None = None) -> None:
        """Show *lines* (one Text per line, none holding a newline).  *drawn*:
        ``(width, base, strips)`` made by :meth:`drawing` off the UI thread, used
        if the block is still *width* wide over *base* when it is painted."""
        self._lines = list(lines)
        self._width = max((line.cell_len for line in self._lines), default=0)
        self._drawn = {}
        if drawn is not None and len(drawn[2]) == len(self._lines):
            width, base, strips = drawn
            self._drawn, self._drawn_for = dict(enumerate(strips)), (width, base)
        self.refresh(layout=True)  # its height is its number of lines

    def drawing_for(self) -> tuple[int, Style] | None:
        """(UI thread) The width and base style the lines would be drawn for now,
        or None before the block has been laid out."""
        width = self.content_size.width
        return (width, self.rich_style) if width > 0 else None

    @staticmethod
    def drawing(lines: list[Text], width: int, base: Style, console) -> tuple[int, Style, list[Strip]]:  # noqa: ANN001
        """The strips of *lines* at *width* over *base*, for :meth:`update`: a
        worker thread draws them while the UI thread is free (Stats: 8 ms of
        41 lines at 160 columns)."""
        return width, base, [text_strip(line, width, console, base) for line in lines]

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn = {}

    def get_content_width(self, container, viewport) -> int:
        return self._width

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self._lines)

    def render_lines(self, crop):  # noqa: ANN001, ANN201 (Widget's)
        # the base style once per paint, not once per line (0.1 ms each: 4 ms of the Stats screen)
        self._base = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._base = None

    def render_line(self, y: int) -> Strip:
        width, base = self.content_size.width, self.rich_style if self._base is None else self._base
        if (width, base) != self._drawn_for:
            self._drawn, self._drawn_for = {}, (width, base)
        strip = self._drawn.get(y)
        if strip is None:
            if y >= len(self._lines):
                return Strip.blank(width, base)
            self._drawn[y] = strip = text_strip(self._lines[y], width, self.app.console, base)
        return strip
