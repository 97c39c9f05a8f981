"""Which kind of contact to log: one key each."""

from __future__ import annotations

from ..domain.vocab import kind_label
from ..i18n import N_, _
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
    "approach": N_("first approach message"),
    "followup": N_("follow-up sent (relance)"),
    "inbound": N_("a message from them, e.g. after an interview"),
    "reply_positive": N_("they replied: interested"),
    "reply_negative": N_("they replied: not interested (asks why)"),
    "event": N_("invited to an event (talent pool)"),
    "content": N_("shared content (talent pool)"),
}


def kind_picker(name: str) -> ChoiceModal:
    choices = [
        (key, kind, f"{kind_label(kind)} — {_(_HINTS[kind])}" if kind in _HINTS else kind_label(kind))
        for key, kind in KIND_KEYS
    ]
    choices.append(("escape", None, _("Cancel")))
    return ChoiceModal(_("Log a contact with {name} (now):").format(name=name), choices)
