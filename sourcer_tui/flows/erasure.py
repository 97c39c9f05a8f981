"""Erasing a person on request (GDPR art. 17), from their page or the Privacy
review: ask first, naming the backups that may still hold them; erase; say it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..i18n import _, ngettext
from ..services import privacy
from ..services.errors import ServiceError
from .base import Flow

__all__ = ["ErasureFlow", "backups_named"]

#: How many backups the question names (the newest); the others are counted.
NAMED = 3


def backups_named(older: list[Path]) -> str:
    """``2 older backups may still hold them until they are pruned: a.db, b.db (in /…/backups).``"""
    n = len(older)
    names = ", ".join(path.name for path in older[-NAMED:])
    if n > NAMED:
        names = ngettext("{names} and {n} older", "{names} and {n} older", n - NAMED).format(names=names, n=n - NAMED)
    return ngettext(
        "{n} older backup may still hold them until it is pruned: {names} (in {folder}).",
        "{n} older backups may still hold them until they are pruned: {names} (in {folder}).",
        n,
    ).format(n=n, names=names, folder=older[-1].parent)


class ErasureFlow(Flow):
    def erase(self, talent_id: int, name: str, after: Callable[[], None]) -> None:
        """Ask, then erase the talent and everything about them; *after* runs once
        they are gone (their page closes, the review reloads)."""
        from ..locations import backups_dir
        from ..modals.choice import ChoiceModal

        folder = backups_dir()
        older = privacy.backups_holding(folder, self.app.clock.now())
        question = _("Erase {name} and everything about them (contacts, feedback, reminders, snoozes)? "
                     "This cannot be undone (ctrl+z won't bring it back).").format(name=name)
        if older:
            question += "\n" + backups_named(older)

        def chosen(choice) -> None:
            if choice == "erase":
                self._erase(talent_id, folder, after)

        self.app.push_screen(ChoiceModal(question, [("y", "erase", _("Yes, erase them")), ("escape", None, _("No, keep them as they are"))]), chosen)

    def _erase(self, talent_id: int, folder: Path, after: Callable[[], None]) -> None:
        try:
            older = privacy.erase(talent_id, self.app.clock.now(), backups=folder)
            said, severity = _("Erased talent #{id} and everything about them.").format(id=talent_id), "information"
        except privacy.NotWiped as error:  # deleted, but a reader holds the old bytes in the file
            older, said, severity = error.older, f"{str(error)[0].upper()}{str(error)[1:]}.", "warning"
        except ServiceError as error:
            self.failed(error)
            return
        if older:
            said += " " + ngettext(
                "{n} older backup(s) may still hold them until they are pruned.", "{n} older backup(s) may still hold them until they are pruned.", len(older)
            ).format(n=len(older))
        after()
        self.app.data_changed()
        self.say(said, severity=severity, timeout=8 if severity == "information" else 20)
