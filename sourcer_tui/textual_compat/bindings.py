"""Hook: keys bound to one screen instance at run time (a question's own keys).

Textual binds keys per class (``BINDINGS``); a screen whose keys depend on
what it asks adds them to its private binding map.  Not a speed-up: on any
version.  Can go when Textual has a public way to bind a key on an instance.
"""

from __future__ import annotations

from textual.dom import DOMNode

__all__ = ["bind_key"]


def bind_key(node: DOMNode, key: str, action: str, description: str) -> None:
    """Bind *key* to *action* on *node* alone, shown as *description*."""
    node._bindings.bind(key, action, description)
