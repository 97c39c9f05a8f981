"""Speed-up: a vertical scrollbar that draws each kind of line once.

Works around ScrollBar drawing every one-cell line through the whole styling
pipeline; can go when Textual caches a scrollbar's lines.  Used only by
:mod:`.scroll_view` when the patches are on.

A list's scrollbar is redrawn whenever its row count changes — at every
search keystroke.  Textual draws its 40 one-cell lines through the whole
styling pipeline (as much as 15 lines of the list itself), yet a vertical bar holds at most five kinds of line: track above the thumb,
track below it, thumb, and the two partial glyphs at its ends.  Each line is
drawn by Textual the first time its kind is seen (same pipeline, same
result) and kept, keyed by the line's segment and everything else the
pipeline reads — colours behind, filters, opacity, theme — so a theme
switch, a hover or a grab draws afresh.  Anything unusual (a border,
padding, tint, a horizontal bar) takes Textual's path unchanged.
"""

from __future__ import annotations

from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.geometry import Region
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip

__all__ = ["LineScrollBar"]

_KEPT = 64


class LineScrollBar(ScrollBar):
    """Textual's vertical ScrollBar, its lines kept by kind (see the module)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._kept: LRUCache[tuple, Strip] = LRUCache(_KEPT)

    def render_lines(self, crop: Region) -> list[Strip]:
        segments = self._line_segments()
        if segments is None:
            return super().render_lines(crop)
        context = self._line_context()
        kept = self._kept
        strips: list[Strip] = []
        for y in crop.line_range:
            segment = segments[y] if y < len(segments) else None
            key = (segment, crop.x, crop.width, context)
            strip = kept.get(key)
            if strip is None:
                [strip] = super().render_lines(Region(crop.x, y, crop.width, 1))
                kept.set(key, strip)
            strips.append(strip)
        return strips

    def _line_segments(self) -> list[Segment] | None:
        """The segment of each line, as Textual's renderer lays them out (None: not a plain vertical bar)."""
        styles = self.styles
        if not self.vertical or self.BLANK or styles.gutter != (0, 0, 0, 0) or any(edge for edge, _ in styles.outline):
            return None
        if styles.tint.a or styles.text_opacity != 1.0 or (styles.has_rule("hatch") and styles.hatch != "none"):
            return None
        renderable = self.render()
        if type(renderable) is not ScrollBarRender or not isinstance(renderable.style, Style):
            return None
        style = renderable.style
        width, height = self.size
        bar = renderable.render_bar(
            size=height,
            window_size=renderable.window_size,
            virtual_size=renderable.virtual_size,
            position=renderable.position,
            vertical=True,
            thickness=width,
            back_color=style.bgcolor or Color.parse("#555555"),
            bar_color=style.color or Color.parse("bright_magenta"),
        )
        return list(bar.segments)

    def _line_context(self) -> tuple:
        """Everything besides its segment that Textual's drawing of a line reads."""
        app = self.app
        return (
            self.size.width,
            self.visual_style,
            self.background_colors,
            tuple(self.get_line_filters()),
            self.opacity,
            id(app.ansi_theme),
            app.native_ansi_color,
        )

