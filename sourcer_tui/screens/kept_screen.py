"""A screen kept for the whole session and shown again and again.

Textual restyles every widget of a screen each time it comes back (pushed
again, or a modal above it closed), in case the CSS changed meanwhile: at
160×45 that is a layout and a repaint of the whole screen (~25 ms) before
anything new is drawn.  The app counts its CSS changes (a theme switch is
one): when none happened since this screen was last styled, the restyle is
skipped.

It also paints its partial updates with :class:`~.span_compositor.SpanCompositor`
(only the widgets and lines a dirty region covers).
"""

from __future__ import annotations

from textual import events
from textual.screen import Screen

from .span_compositor import SpanCompositor

__all__ = ["KeptScreen"]


class KeptScreen(Screen):
    _styled_at: int | None = None

    def __init__(self, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._compositor = SpanCompositor()

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # runs before Screen._on_screen_resume, which reads refresh_styles
        changes = self.app._css_update_count
        if event.refresh_styles and self._styled_at == changes:
            event.refresh_styles = False
        self._styled_at = changes
