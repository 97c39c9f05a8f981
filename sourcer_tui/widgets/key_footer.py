"""A Footer that rebuilds its keys only when the keys shown actually change.

Textual's Footer recomposes every key widget on each bindings update (focus
moves, modal closes…); at start-up that alone cost ~100 ms here, and a pane
switch paid it again.  Same look, same behaviour, less work.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer

__all__ = ["KeyFooter"]


class KeyFooter(Footer):
    _shown: tuple | None = None

    def bindings_changed(self, screen: Screen) -> None:
        shown = tuple(
            (binding.key, binding.description, enabled, tooltip)
            for (_, binding, enabled, tooltip) in screen.active_bindings.values()
            if binding.show
        )
        if shown == self._shown and self._bindings_ready:
            return
        self._shown = shown
        super().bindings_changed(screen)
