"""Which kind of contact to log: one key each."""

from __future__ import annotations

from ..domain.vocab import TOUCHPOINT_KINDS
from .choice import ChoiceModal

__all__ = ["KIND_KEYS", "kind_picker"]

#: key -> kind, in the order shown.
KIND_KEYS = (
    ("o", "approach"),
    ("f", "followup"),
    ("c", "call"),
    ("i", "interview"),
    ("v", "reverse_interview"),
    ("b", "inbound"),
    ("y", "reply_positive"),
    ("x", "reply_negative"),
    ("e", "event"),
    ("s", "content"),
    ("n", "note"),
)

_HINTS = {
    "approach": "first approach message",
    "followup": "follow-up sent (relance)",
    "inbound": "a message from them, e.g. after an interview",
    "reply_positive": "they replied: interested",
    "reply_negative": "they replied: not interested (asks why)",
    "event": "invited to an event (talent pool)",
    "content": "shared content (talent pool)",
}


def kind_picker(name: str) -> ChoiceModal:
    choices = [
        (key, kind, f"{TOUCHPOINT_KINDS[kind][0]}" + (f" — {_HINTS[kind]}" if kind in _HINTS else ""))
        for key, kind in KIND_KEYS
    ]
    choices.append(("escape", None, "Cancel"))
    return ChoiceModal(f"Log a contact with {name} (now):", choices)
