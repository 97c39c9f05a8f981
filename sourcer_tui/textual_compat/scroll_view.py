"""Speed-up: a ScrollView whose focus moves and layouts repaint one line, not all.

Works around ``focus()``, ``Widget._on_focus`` / ``_on_blur`` refreshing the
whole widget (and the ``:focus`` restyle its scrollbar), and ScrollView
redrawing its scrollbar at every layout of the screen; can go when Textual
repaints only what a focus change restyles.  Its scrollbar keeps its lines
(:mod:`.line_scrollbar`).

A subclass repaints its cursor line in ``watch_has_focus`` (plain Textual);
with the patches off, Textual's own handlers repaint it whole as well.
"""

from __future__ import annotations

from typing import Self

from textual import events
from textual.dom import NoScreen
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.widget import Widget

from . import PATCHED

__all__ = ["QuietScrollView"]


class _PatchedScrollView(ScrollView):
    # A focus move changes the look of the cursor line only.  These do what
    # Textual's handlers do, minus their refreshes.
    def focus(self, scroll_visible: bool = True) -> Self:
        def set_focus(widget: Widget) -> None:
            try:
                widget.screen.set_focus(self, scroll_visible=scroll_visible)
            except NoScreen:
                pass

        self.app.call_later(set_focus, self)
        return self

    def _on_focus(self, event: events.Focus) -> None:
        event.prevent_default()
        self.has_focus = True
        if self.parent is not None:
            self.parent.post_message(events.DescendantFocus(self))

    def _on_blur(self, event: events.Blur) -> None:
        event.prevent_default()
        self.has_focus = False
        if self.parent is not None:
            self.parent.post_message(events.DescendantBlur(self))

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """Textual's, drawing each kind of line once (see :mod:`.line_scrollbar`)."""
        from .line_scrollbar import LineScrollBar

        if self._vertical_scrollbar is None:
            self._vertical_scrollbar = bar = LineScrollBar(vertical=True, name="vertical", thickness=self.scrollbar_size_vertical)
            bar.display = False
            self.app._start_widget(self, bar)
        return self._vertical_scrollbar

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        """After every layout of the screen Textual hands a ScrollView the virtual
        size it arranged, which never equals a list's row count (kept without a
        layout) — so ScrollView redraws the scrollbar at each layout.  When
        neither the size nor the container changed there is nothing to do."""
        if size == self._size and container_size == self.container_size:
            return False
        return super()._size_updated(size, virtual_size, container_size, layout)


class _PlainScrollView(ScrollView):
    """Textual's ScrollView (the patches are off)."""


#: The base of :class:`~sourcer_tui.widgets.virtual_list.VirtualList`.
QuietScrollView: type[ScrollView] = _PatchedScrollView if PATCHED else _PlainScrollView
