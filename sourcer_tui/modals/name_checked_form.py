"""The new-talent form that says when the name is already here.

Saving a name with the same words as a stored talent's (accents, case and
order aside: *martin elodie* is *Élodie Martin*) asks first: open the one
already here, create anyway, or go back to the form with nothing lost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..i18n import _
from ..services import duplicates
from .choice import ChoiceModal
from .form import FormModal

__all__ = ["NameCheckedForm", "duplicate_question"]

SHOWN = 3


def _who(found: duplicates.Similar) -> str:
    return f"{found.name} ({found.company})" if found.company else found.name


def duplicate_question(found: list[duplicates.Similar]) -> tuple[str, list[tuple[str, Any, str]]]:
    """The question and its choices (a talent's id opens them, ``"create"`` saves, None goes back)."""
    if len(found) == 1:
        question = _("Looks like {who}, already here.").format(who=_who(found[0]))
        opens = [("o", found[0].id, _("Open {name}").format(name=found[0].name))]
    else:
        question = _("Looks like talents already here:") + "".join(f"\n  {_who(f)}" for f in found)
        opens = [(str(n), f.id, _("Open {name}").format(name=_who(f))) for n, f in enumerate(found, 1)]
    return question, [*opens, ("c", "create", _("Create anyway")), ("escape", None, _("Back to the form"))]


class NameCheckedForm(FormModal):
    """A :class:`FormModal` whose save first looks for the name among the talents."""

    def __init__(self, *args, open_talent: Callable[[int], None], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.open_talent = open_talent
        self._create_anyway: str | None = None  # the name already asked about and confirmed

    def dismiss(self, result: Any = None):
        if result is None or self._create_anyway == result.get("name"):
            return super().dismiss(result)
        found = duplicates.similar_names(str(result.get("name", "")), limit=SHOWN)
        if not found:
            return super().dismiss(result)
        question, choices = duplicate_question(found)
        self.app.push_screen(ChoiceModal(question, choices), lambda choice: self._answered(choice, result))
        return None

    def _answered(self, choice: Any, result: dict) -> None:
        if choice == "create":
            self._create_anyway = result.get("name")
            self.dismiss(result)
        elif isinstance(choice, int):
            super().dismiss(None)
            self.open_talent(choice)
        else:
            self.form.focus_first()
