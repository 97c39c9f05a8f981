"""A one-line search box that does not lay the screen out at every keystroke.

Textual's Input sets its ``virtual_size`` to the text's width on every change,
and ``virtual_size`` is a layout reactive: each keystroke re-laid the whole
screen out (~16 ms at 160×45) before the search could even start.  The box
has a fixed size; its text scrolls inside it, which needs a repaint only.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Input

__all__ = ["SearchBox"]


class SearchBox(Input):
    def _watch_value(self, value: str) -> None:
        # Store the new virtual size without its layout refresh; Input's own
        # watcher then finds it unchanged (and does the rest: Changed, cursor).
        self.set_reactive(Widget.virtual_size, Size(self.content_width, 1))
        super()._watch_value(value)
