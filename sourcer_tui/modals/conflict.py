"""Two versions of one record: what is stored now (theirs) and what I typed (mine).

Shown when a save finds the record changed elsewhere since the form read it
(another window, a teammate: domain/conflicts.py).  Field by field where the
two differ, then one key per answer.  Every value is shown literally.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, Static

from ..domain.conflicts import Difference
from ..i18n import _
from .choice import ChoiceModal

__all__ = ["ConflictModal", "difference_table"]


def difference_table(found: Sequence[Difference], headings: tuple[str, str] | None = None) -> Table:
    """Field · theirs (stored now) · mine (typed here); *headings*: the two columns' own."""
    theirs, mine = headings or (_("Theirs (saved)"), _("Mine (typed here)"))
    table = Table(box=None, padding=(0, 1), show_edge=False, expand=True)
    table.add_column(Text(_("Field")), style="bold", no_wrap=True)
    table.add_column(Text(theirs), ratio=1)
    table.add_column(Text(mine), ratio=1)
    for difference in found:
        table.add_row(Text(_(difference.label)), Text(difference.theirs or "—"), Text(difference.mine or "—"))
    return table


class ConflictModal(ChoiceModal):
    """*question*, the table of *differences*, then *choices* (``(key, value, label)``)."""

    def __init__(self, question: str, differences: Sequence[Difference], choices: Sequence[tuple[str, Any, str]],
                 *, headings: tuple[str, str] | None = None) -> None:
        self.differences, self.headings = list(differences), headings
        super().__init__(question, choices)

    def compose(self) -> ComposeResult:
        with Vertical(id="choice"):
            yield Label(Text(self.question), id="choice-question")
            with VerticalScroll(id="conflict-rows"):
                yield Static(difference_table(self.differences, self.headings), id="conflict-table")
            yield from self.options()
