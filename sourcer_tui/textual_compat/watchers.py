"""Fix: let removed widgets go (Textual keeps them in the app's watcher list).

Works around textual.reactive keeping a watcher until the watched attribute
next changes; can go when Textual drops the watchers of a removed widget.

A widget that watches an app attribute (``self.watch(self.app, "theme", …)``:
Textual's TextArea, Header…) is listed in the app's watchers until that
attribute next changes; a removed widget stays alive with everything it holds
(each closed capture form left its editors, each closed screen its header:
hundreds of widgets after a day's use, and slower garbage collections).
This drops the entries of widgets no longer in the DOM.  (Input and
TextArea also subscribe to their screen's signals and never leave them: that
ends with the screen; the capture form, on the main screen, is kept and
reused rather than removed.)
"""

from __future__ import annotations

from typing import Any

from . import PATCHED

__all__ = ["prune_watchers"]


def prune_watchers(obj: Any) -> int:
    """Forget the watchers of *obj* (usually the app) whose widget has left; returns how many
    (none when the patches are off)."""
    if not PATCHED:
        return 0
    watchers = getattr(obj, "__watchers", None)  # where textual.reactive keeps them
    if not isinstance(watchers, dict):
        return 0
    dropped = 0
    for entries in watchers.values():
        kept = [(node, callback) for node, callback in entries if _staying(node)]
        dropped += len(entries) - len(kept)
        entries[:] = kept
    return dropped


def _staying(node: Any) -> bool:
    """Still in the DOM, and not on its way out (Textual marks a whole removed subtree at once)."""
    return getattr(node, "is_attached", True) and not getattr(node, "_pruning", False)

