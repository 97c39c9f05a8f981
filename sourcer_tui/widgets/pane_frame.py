"""The accent frame of the pane holding the focus, repainting only the frame.

Setting ``styles.border`` / ``styles.border_title_color`` the usual way makes
Textual repaint the whole pane, and the title colour repaints every widget in
it (``refresh(children=True)``), when only the frames change.  Here the same
inline rules are set without those refreshes, then only the frame's four
edges are marked dirty (a :class:`~sourcer_tui.textual_compat.frame_looks.FrameLooks`
pane also swaps in the lines it kept for that colour).
"""

from __future__ import annotations

from textual.color import Color
from textual.widget import Widget

from ..textual_compat.frame_looks import FrameLooks, refresh_frame

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
            refresh_frame(pane)
