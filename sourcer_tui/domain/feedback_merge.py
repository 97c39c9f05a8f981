"""Two versions of one feedback à chaud, written in two windows, kept together.

When a window saves a feedback another window saved meanwhile, the user may
keep both: :func:`merge_feedback` puts the other window's text and theirs
in the form, to be read and saved again.  Nothing of either is lost.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["merge_feedback"]

#: Multi-line fields: the two texts one after the other.
_TEXTS = ("feedback_given", "impression")
#: One-line field: the two joined on the line.
_LINES = ("next_step",)
#: Choices: the one being saved wins, the other fills it when empty.
_CHOICES = ("next_step_due", "sentiment")


def _both(theirs: str, mine: str, joint: str) -> str:
    theirs, mine = theirs.strip(), mine.strip()
    if not theirs or mine == theirs or theirs in mine:
        return mine
    if not mine or mine in theirs:
        return theirs
    return f"{theirs}{joint}{mine}"


def merge_feedback(theirs: Mapping[str, str], mine: Mapping[str, str]) -> dict[str, str]:
    """*theirs* (saved by the other window) and *mine* (being saved) in one form:
    ``{"feedback_given": "Told her X\\nTold her Y", ...}``."""
    merged = {name: _both(theirs.get(name, ""), mine.get(name, ""), "\n") for name in _TEXTS}
    merged.update({name: _both(theirs.get(name, ""), mine.get(name, ""), " / ") for name in _LINES})
    merged.update({name: mine.get(name, "") or theirs.get(name, "") for name in _CHOICES})
    # the interview grid (domain/grids.form_values): a score is a choice, an evidence a line
    for name in sorted({*theirs, *mine}):
        if name.startswith("score:"):
            merged[name] = mine.get(name, "") or theirs.get(name, "")
        elif name.startswith("evidence:"):
            merged[name] = _both(theirs.get(name, ""), mine.get(name, ""), " / ")
    return merged
