"""Focus that moves before the next key is read.

``Widget.focus()`` moves the focus with ``call_later``: the keys already typed
(``2 z`` in a burst) had their bindings looked up from the widget being left,
and ``z`` snoozed the Pipeline's talent instead of Today's.  Screen.set_focus
moves it at once; Focus and Blur events follow as usual.  (The keys' order
itself is kept by :mod:`sourcer_tui.key_order`.)
"""

from __future__ import annotations

from textual.widget import Widget


def focus_now(widget: Widget) -> None:
    """Give *widget* the focus now: the next key in the queue is its."""
    widget.screen.set_focus(widget)
