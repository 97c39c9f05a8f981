"""The accent frame of the pane holding the focus, repainting only the frame.

Setting ``styles.border`` / ``styles.border_title_color`` the usual way makes
Textual repaint the whole pane, and the title colour repaints every widget in
it (``refresh(children=True)``): ~20 ms for the two panes of a focus move at
160×45, when only their frames change.  Here the same inline rules are set
without those refreshes, then only the frame's four edges are marked dirty.

A pane that is a :class:`FrameLooks` also keeps the lines it drew in each
frame colour: a focus move back and forth between two panes then draws
nothing again (each frame's 20–43 lines cost ~90 µs each in Textual's style
cache: ~6 ms a switch).  Whatever else marks the pane dirty marks every kept
look dirty the same way, so a kept line is never shown stale.
"""

from __future__ import annotations

from textual._styles_cache import StylesCache
from textual.color import Color
from textual.geometry import Region
from textual.widget import Widget

__all__ = ["FrameLooks", "set_accent_frame"]

_EDGES = ("border_top", "border_right", "border_bottom", "border_left")


def set_accent_frame(pane: Widget, accent: Color | None) -> None:
    """Frame *pane* in *accent* (its border kind kept), or back to its stylesheet look (None)."""
    inline = pane.styles.inline
    changed = False
    if accent is None:
        for rule in (*_EDGES, "border_title_color", "auto_border_title_color"):
            changed |= inline.clear_rule(rule)
    else:
        for rule in _EDGES:
            kind, _colour = pane.styles.get_rule(rule) or ("round", accent)
            changed |= inline.set_rule(rule, (kind, accent))
        changed |= inline.set_rule("border_title_color", accent)
        # the stylesheet's title colour may be an "auto" one, which would win
        changed |= inline.set_rule("auto_border_title_color", False)
    if changed:
        if isinstance(pane, FrameLooks):
            pane.show_look(accent)
        else:
            _refresh_frame(pane)


def _refresh_frame(pane: Widget) -> None:
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


class _HeldLines(StylesCache):
    """A style cache whose lines are up to date for one frame repaint."""

    held = False

    def set_dirty(self, *regions: Region) -> None:
        if not self.held:
            super().set_dirty(*regions)


class FrameLooks(Widget):
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
            _refresh_frame(self)
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
