"""One line of text that changes often (a pane's scope line, a status).

``Static.update`` asks for a new layout of the whole screen each time, in
case the text changed size; a line of fixed height needs only a repaint.
The text is a ``rich.text.Text`` built by the caller: never parsed as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

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

    @property
    def text(self) -> Text:
        return self._text

    def update(self, text: Text) -> None:
        self._text = text
        self.refresh()

    def render(self) -> Text:
        return self._text
