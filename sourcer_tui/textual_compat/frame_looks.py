"""Speed-up: a pane keeps the lines it drew in each frame colour.

Works around Textual's style cache being cleared by any refresh of a widget;
can go when Textual caches a widget's lines per look (or repaints a border
without its content).

A focus move back and forth between two panes then draws nothing again (each
frame's lines go through Textual's style cache, line by line, at every
switch).  Whatever else marks the pane dirty marks every kept look dirty the
same way, so a kept line is never shown stale.  :func:`refresh_frame` is
plain Textual: it marks only a pane's four edges dirty.
"""

from __future__ import annotations

from textual.color import Color
from textual.geometry import Region
from textual.widget import Widget

from . import PATCHED

__all__ = ["FrameLooks", "refresh_frame"]


def refresh_frame(pane: Widget) -> None:
    """Mark the four edges of *pane*'s outer region dirty (``refresh`` takes
    regions relative to the content region, hence the offset)."""
    width, height = pane.outer_size
    if not width or not height:
        pane.refresh()
        return
    dx, dy = pane.content_offset
    edges = (
        Region(0, 0, width, 1),
        Region(0, height - 1, width, 1),
        Region(0, 0, 1, height),
        Region(width - 1, 0, 1, height),
    )
    pane.refresh(*(edge.translate((-dx, -dy)) for edge in edges))


class _PlainFrameLooks(Widget):
    """A pane (base class before the container) whose frame is repainted alone."""

    def show_look(self, accent: Color | None) -> None:
        refresh_frame(self)


if PATCHED:
    from textual._styles_cache import StylesCache

    class _HeldLines(StylesCache):
        """A style cache whose lines are up to date for one frame repaint."""

        held = False

        def set_dirty(self, *regions: Region) -> None:
            if not self.held:
                super().set_dirty(*regions)

    class _PatchedFrameLooks(Widget):
        """A pane (base class before the container) keeping its lines per frame colour."""

        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._styles_cache = _HeldLines()
            self._looks: dict[Color | None, _HeldLines] = {}  # the looks not shown, by accent
            self._look: Color | None = None

        def show_look(self, accent: Color | None) -> None:
            """Swap in the lines kept for *accent* (empty the first time) and repaint the frame."""
            self._looks[self._look] = self._styles_cache
            lines = self._looks.pop(accent, None) or _HeldLines()
            self._styles_cache, self._look = lines, accent
            lines.held = True  # its lines are this look's: only the screen needs to know
            try:
                refresh_frame(self)
            finally:
                lines.held = False

        def _set_dirty(self, *regions: Region) -> None:
            super()._set_dirty(*regions)
            if self._looks and not self._styles_cache.held:  # the kept looks go stale the same way
                offset = self.content_offset
                for kept in self._looks.values():
                    if regions:
                        kept.set_dirty(*(region.translate(offset) for region in regions))
                    else:
                        kept.clear()

    FrameLooks: type[Widget] = _PatchedFrameLooks
else:
    FrameLooks = _PlainFrameLooks
