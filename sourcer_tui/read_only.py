"""What the app does on a read-only database: which actions would write.

The app (:meth:`SourcerApp.run_action`) refuses these, with the reason,
before anything opens; the command palette and the Capture form ask the app
the same way.  Whatever slips through is still refused by
``write_transaction`` (a :class:`~.services.errors.ReadOnly` every flow
shows).  No Textual here.
"""

from __future__ import annotations

import ast
import re

from .i18n import _

__all__ = ["WRITING_ACTIONS", "WRITING_TODAY_ACTS", "writes", "refusal"]

#: Action names (as in BINDINGS, without namespace or arguments) that change the database.
WRITING_ACTIONS = frozenset({
    # Pipeline
    "new_mission", "edit_mission", "new_talent", "edit_talent", "add_to_mission", "move_stage", "pick_stage",
    # logging a contact, snoozing (Pipeline, Today, Capture, Snoozed, talent detail)
    "log", "snooze", "wake",
    # Capture: write the feedback owed
    "feedback", "next_feedback",
    # talent detail
    "edit", "edit_touchpoint", "delete_touchpoint", "erase_person",
    # duplicates (Pipeline, talent detail)
    "merge",
    # privacy review
    "extend", "anonymise", "erase",
    # pool matches
    "add_matches",
    # templates (edit is above), import
    "reset", "import_file",
    # ctrl+z (app.py)
    "undo",
})
#: Today's ``act(...)`` arguments that change the database (copy, profile, email do not).
WRITING_TODAY_ACTS = frozenset({"done", "reschedule", "skip", "send"})

_ACTION = re.compile(r"^(?:[\w.]+\.)?(\w+)(?:\((.*)\))?$", re.DOTALL)


def writes(action: str) -> bool:
    """Whether the action string of a binding (``"log('call')"``, ``"app.quit"``) changes the database."""
    match = _ACTION.match(action.strip())
    if match is None:
        return False
    name, arguments = match[1], match[2]
    if name == "act":
        try:
            value = ast.literal_eval(arguments or "None")
        except (ValueError, SyntaxError):
            return False
        return value in WRITING_TODAY_ACTS
    return name in WRITING_ACTIONS


def refusal(reason: str) -> str:
    """What a writing key says on a read-only database."""
    return _(
        "Read-only database ({reason}): nothing can be changed. Quit, fix the file's permissions, and start again to write."
    ).format(reason=reason)
