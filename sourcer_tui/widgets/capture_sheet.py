"""Where the capture form opens: a sheet over the right three fifths of the
main screen, on a layer of its own.

The panes below keep their size and place while it is open: opening it and
closing it (after every saved feedback) lays nothing else out.  Closed, it is
moved off the screen (and out of the focus chain), not hidden.  When the form
lived in the Capture pane, Today and Snoozed stepped aside and the columns
changed width — two layouts of the whole screen per save.
"""

from __future__ import annotations

from textual.containers import Vertical

from ..i18n import _
from .pane_frame import FrameLooks

__all__ = ["CaptureSheet"]


class CaptureSheet(FrameLooks, Vertical):
    # Put away, the sheet is moved off the screen rather than hidden
    # (display: none): hiding it made Textual post Hide to each of the form's
    # ~25 widgets after every save, and Show again at the next contact.
    _AWAY = (10_000, 0)
    is_open = False

    def on_mount(self) -> None:
        self.border_title = _("Capture — feedback à chaud")

    def open(self) -> None:
        self.is_open = True
        self.styles.offset = (0, 0)

    def put_away(self) -> None:
        self.is_open = False
        self.styles.offset = self._AWAY

    def allow_focus_children(self) -> bool:
        """Put away, its fields are out of the focus chain (tab never lands off the screen)."""
        return self.is_open and super().allow_focus_children()
