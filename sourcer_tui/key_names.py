"""Keys as the footer and the help name them, in the user's language: ``esc``
is ``Échap`` in French, ``del`` ``Suppr``; the help lists ``↑ / k``, not
``up,k``."""

from __future__ import annotations

from .i18n import N_, _

__all__ = ["word_of", "keys_shown"]

#: Keys named by a word (Textual's word in English, translated in the catalog).
WORDS = {
    "escape": N_("esc"), "delete": N_("del"), "space": N_("space"), "home": N_("home"),
    "end": N_("end"), "pageup": N_("pgup"), "pagedown": N_("pgdn"), "enter": N_("enter"), "backspace": N_("backspace"),
}
#: Keys named by a sign.
SIGNS = {
    "up": "↑", "down": "↓", "left": "←", "right": "→", "right_square_bracket": "]", "left_square_bracket": "[",
    "question_mark": "?", "asterisk": "*", "slash": "/", "plus": "+", "minus": "-",
}


def word_of(key: str) -> str | None:
    """The translated word of a key named by one, when it differs from English (the
    footer then shows it instead of Textual's ``esc``, ``del``…); None otherwise."""
    word = WORDS.get(key)
    if word is None or key == "enter":  # Textual's ⏎ says Enter in any language
        return None
    shown = _(word)
    return shown if shown != word else None


def keys_shown(keys: str) -> str:
    """``escape,backspace`` → ``esc / backspace``; ``up,k`` → ``↑ / k``; modifiers kept (``ctrl+z``)."""
    return " / ".join(_one(key.strip()) for key in keys.split(",") if key.strip())


def _one(key: str) -> str:
    if key in SIGNS:
        return SIGNS[key]
    if key in WORDS:
        return _(WORDS[key])
    return key
