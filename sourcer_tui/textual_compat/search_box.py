"""Speed-up: a one-line search box that does not lay the screen out at every keystroke.

Works around Input setting its ``virtual_size`` (a layout reactive) to the
text's width on every change; can go when Input scrolls without a layout.
The box has a fixed size; its text scrolls inside it, which needs a repaint only.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Input

from . import PATCHED

__all__ = ["SearchBox"]


class SearchBox(Input):
    if PATCHED:

        def _watch_value(self, value: str) -> None:
            # Store the new virtual size without its layout refresh; Input's own
            # watcher then finds it unchanged (and does the rest: Changed, cursor).
            self.set_reactive(Widget.virtual_size, Size(self.content_width, 1))
            super()._watch_value(value)
