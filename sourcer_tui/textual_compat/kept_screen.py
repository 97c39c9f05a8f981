"""Speed-up: skip a kept screen's restyle and double repaint when it comes back.

Works around Textual restyling a whole screen at every ScreenResume and
repainting the screens below an opaque one; can go when Textual restyles only
on a CSS change (it counts them already) and paints only the top opaque screen.

Textual restyles every widget of a screen each time it comes back (pushed
again, or a modal above it closed), in case the CSS changed meanwhile: a
layout and a repaint of the whole screen before anything new is drawn.  The
app counts its CSS changes (a theme switch is one): when none happened since
this screen was last styled, the restyle is skipped.

It also paints its partial updates with :class:`~.span_compositor.SpanCompositor`
(only the widgets and lines a dirty region covers).

Under an opaque screen (Stats or a talent over the main screen) it paints
nothing: Textual has the top screen repaint whatever changed below it, in
case it shows through — and pushing a screen repaints the one below whole,
so every push drew the new screen twice.  Its changes are kept for when it
comes back on top, where it is repainted whole anyway.  And when the whole
screen is due for a repaint (a screen coming back asks for one) the next
update draws it whole, once: Textual drew what a layout changed, then
everything again.
"""

from __future__ import annotations

from textual import events
from textual.screen import Screen

from . import PATCHED

__all__ = ["KeptScreen"]


class _PatchedKeptScreen(Screen):
    _styled_at: int | None = None

    def __init__(self, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        from .span_compositor import SpanCompositor

        super().__init__(name=name, id=id, classes=classes)
        self._compositor = SpanCompositor()

    def _compositor_refresh(self) -> None:
        app = self.app
        top = app.screen
        if top is not self and not app.is_inline and _opaque(top) and self in app._background_screens:
            self._compositor._dirty_regions.clear()
            self._dirty_widgets.clear()
            self._repaint_required = True  # all of it, when it is on top again
            app._update_mouse_over(self)
            return
        if top is self and not app.is_inline and self._repaint_required:
            # The whole screen is to be repainted anyway (a screen coming back
            # asks for it): this update does it, instead of the part a layout
            # changed now and the whole screen again right after.
            self._compositor._dirty_regions.add(self._compositor.size.region)
            self._repaint_required = False
            self._dirty_widgets.clear()
        super()._compositor_refresh()

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # runs before Screen._on_screen_resume, which reads refresh_styles
        changes = self.app._css_update_count
        if event.refresh_styles and self._styled_at == changes:
            event.refresh_styles = False
        self._styled_at = changes


class _PlainKeptScreen(Screen):
    """Textual's Screen (the patches are off)."""


def _opaque(screen: Screen) -> bool:
    """Whether nothing below *screen* shows through (a modal dims what is below: it shows)."""
    return not screen.is_modal and screen.styles.background.a == 1


#: A screen kept for the whole session and shown again and again.
KeptScreen: type[Screen] = _PatchedKeptScreen if PATCHED else _PlainKeptScreen
