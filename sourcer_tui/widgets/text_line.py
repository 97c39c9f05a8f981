"""One line of text that changes often (a pane's scope line, a status).

``Static.update`` asks for a new layout of the whole screen each time, in
case the text changed size; a line of fixed height needs only a repaint.
The text is a ``rich.text.Text`` built by the caller: never parsed as markup.
It is drawn with the Line API, cut with an ellipsis at the width: no Text is
turned into Textual's Content at each search keystroke.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget

from .segments import text_strip

__all__ = ["TextLine"]


class TextLine(Widget):
    DEFAULT_CSS = """
    TextLine {
        height: 1;
        width: 1fr;
    }
    """

    def __init__(self, text: Text | None = None, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._text = text if text is not None else Text()
        self._line: tuple[tuple[int, Style], Strip] | None = None  # (width, base style), the line drawn

    @property
    def text(self) -> Text:
        return self._text

    def update(self, text: Text) -> None:
        self._text = text
        self._line = None
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._line = None

    def render_line(self, y: int) -> Strip:
        width, base = self.content_size.width, self.rich_style
        if y != 0:
            return Strip.blank(width, base)
        key = (width, base)
        if self._line is None or self._line[0] != key:
            self._line = (key, text_strip(self._text, width, self.app.console, base, overflow="ellipsis"))
        return self._line[1]
