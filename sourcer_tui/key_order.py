"""One key at a time: a key is handed out when the one before it is done.

Textual hands each key to the widget focused *when the key arrives*, and a
key's binding is found only once the key has bubbled up to the app, a queue
hop per widget.  In a burst (a fast typist, a paste of keys, a busy moment)
the next keys were handed out before the first one's binding had run: ``/zoé``
gave ``z`` to the Pipeline (its snooze dialog) instead of the search box the
``/`` opens, and ``enter l`` in the search typed an ``l`` into it.

Here the app holds the keys that arrive while one is under way.  After
handing a key out it posts :class:`KeyDone` to the same widget: the marker
follows the key up the same queues, so when it reaches the app the key has
been typed or its binding has run, and the next key goes to the focus of now.
If the marker is lost with its widget (a dialog closed), the next key goes
after :data:`RELEASE_AFTER` seconds anyway.
"""

from __future__ import annotations

from collections import deque

from typing import TYPE_CHECKING

from textual import events
from textual.message import Message
from textual.timer import Timer

if TYPE_CHECKING:  # a mixin for the App: typed as one
    from textual.app import App as _Host
else:
    _Host = object

__all__ = ["KeyDone", "KeysInOrder"]

#: The longest a key waits for the one before it (a marker lost with its widget).
RELEASE_AFTER = 0.5


class KeyDone(Message):
    """Posted after a key to the widget it went to; reaches the app after it."""


class KeysInOrder(_Host):
    """Mixin for the App (before ``App`` in its bases)."""

    _held: deque[events.Key] | None = None
    _under_way: KeyDone | None = None
    _release_timer: Timer | None = None

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            if self._under_way is not None:
                if self._held is None:
                    self._held = deque()
                self._held.append(event)
                return
            await self._hand_out(event)
            return
        await super().on_event(event)

    async def _hand_out(self, key: events.Key) -> None:
        target = self.focused or self.screen
        done = self._under_way = KeyDone()
        await super().on_event(key)  # Textual's way: priority bindings, then the widget
        if self._under_way is done:
            target.post_message(done)
            self._release_timer = self.set_timer(RELEASE_AFTER, lambda: self._key_done(done))

    async def on_key_done(self, message: KeyDone) -> None:
        message.stop()
        await self._key_done(message)

    async def _key_done(self, done: KeyDone) -> None:
        if self._under_way is not done:
            return  # already released (the timer, or the marker after the timer)
        self._under_way = None
        if self._release_timer is not None:
            self._release_timer.stop()
            self._release_timer = None
        if self._held:
            await self._hand_out(self._held.popleft())
