"""Speed-up: partial repaints that draw only the widgets and lines they update.

Works around Textual's Compositor drawing every widget under the rectangle
around all dirty regions; can go when Textual renders partial updates by span.

Textual (8.2) paints a partial update — a cursor line, a pane's frame, the
region a closed sheet uncovers — by taking the rectangle around *all* the
dirty regions, asking every widget that overlaps that rectangle for *all* its
lines, and cutting every line at every widget edge.  A focus move from the
Pipeline to Today dirties the two panes' frames, two cursor lines and the
footer: their rectangle is the whole screen, so every widget is drawn and cut
to send a few hundred cells to the terminal.

:class:`SpanCompositor` fills the same chops from the same strips, but only
for the widgets that cover a dirty span, and asks each for the band of lines
those spans cross.  What reaches the terminal is the same: the chops a span
reads are filled by the same front-most widget (a widget that covers no dirty
cell cannot be the front-most at one), and Textual's style cache draws a band
of lines as it draws a clipped widget's (lines outside the band stay dirty
until drawn).  Full repaints (a resize, a new screen) are Textual's own.

Tested by ``tests/textual_compat`` (``ScreenMirror``), which applies each partial update
cell by cell and compares the result with a full repaint from scratch.
"""

from __future__ import annotations

from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.strip import Strip

__all__ = ["SpanCompositor"]


class SpanCompositor(Compositor):
    def render_partial_update(self) -> ChopsUpdate | None:
        update_regions = self._dirty_regions.copy()
        self._dirty_regions.clear()
        if not update_regions:
            return None
        spans = list(self._regions_to_spans(update_regions))
        chops = self._render_spans(spans)
        return ChopsUpdate(chops, spans, [cut_set[1:] for cut_set in self.cuts])

    def _render_spans(self, spans: list[tuple[int, int, int]]) -> list[dict[int, Strip | None]]:
        """The chops of the lines *spans* (``(y, x1, x2)``, screen cells) cross,
        filled front to back as :meth:`Compositor._render_chops` fills them."""
        cuts = self.cuts
        chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
        height = len(cuts)
        by_line: dict[int, list[tuple[int, int]]] = {}
        for y, x1, x2 in spans:
            if 0 <= y < height:
                by_line.setdefault(y, []).append((x1, x2))
        if not by_line:
            return chops
        top, bottom = min(by_line), max(by_line) + 1
        intersection = Region.intersection

        for widget, (region, clip) in self.visible_widgets.items():  # front-most first
            x, y, width, rows = intersection(region, clip)
            if not (width and rows) or y >= bottom or y + rows <= top:
                continue
            right = x + width
            # the lines it crosses a dirty span on and still has an empty chop
            # on (widgets in front filled the others): a container behind its
            # children is seldom asked for a line, and never cut for nothing
            todo: list[tuple[int, list[int]]] = []
            for line in range(max(y, top), min(y + rows, bottom)):
                if not any(x1 < right and x2 > x for x1, x2 in by_line.get(line, ())):
                    continue
                chops_line = chops[line]
                final_cuts = [cut for cut in cuts[line] if right >= cut >= x]
                if any(chops_line[cut] is None for cut in final_cuts[:-1]):
                    todo.append((line, final_cuts))
            if not todo:
                continue
            first = todo[0][0]
            strips = widget.render_lines(Region(x - region.x, first - region.y, width, todo[-1][0] + 1 - first))
            for line, final_cuts in todo:
                strip = strips[line - first]
                chops_line = chops[line]
                # as Compositor._render_chops: a strip between two cuts goes whole
                pieces = [strip] if len(final_cuts) <= 2 else strip.divide([cut - x for cut in final_cuts[1:]])
                for cut, piece in zip(final_cuts, pieces):
                    if chops_line[cut] is None:
                        chops_line[cut] = piece
        return chops
