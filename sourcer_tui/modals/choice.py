"""A question answered with one key."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from ..i18n import language
from ..textual_compat.bindings import bind_key

__all__ = ["ChoiceModal"]


def _shown(key: str, taken: Collection[str] = ()) -> str:
    """The key as the user reads it: ``y`` (yes) is ``o`` (oui) in French, unless
    ``o`` is among the keys *taken* for another answer; keys given together
    (``y,enter``) read ``y/enter``."""
    if "," in key:
        return "/".join(_shown(one, taken) for one in key.split(","))
    if key == "escape":
        return "esc"
    return "o" if key == "y" and "o" not in taken and language() == "fr" else key


class ChoiceModal(ModalScreen[Any]):
    """*choices* are ``(key, value, label)``; the pressed key's value is returned.
    A yes (``y``) is also answered with ``o``, the French *oui*; a key may be
    several (``y,enter``: the one answer with either)."""

    def __init__(self, question: str, choices: Sequence[tuple[str, Any, str]]) -> None:
        super().__init__()
        self.question = question
        self.choices = list(choices)
        self._bindings_from_choices()

    def _bindings_from_choices(self) -> None:
        self._taken = taken = {one for key, _value, _label in self.choices for one in key.split(",")}
        for index, (key, _value, label) in enumerate(self.choices):
            keys = key.split(",")
            if keys[0] == "y" and "o" not in taken:
                keys.insert(1, "o")
            bind_key(self, ",".join(keys), f"choose({index})", label)

    def compose(self) -> ComposeResult:
        with Vertical(id="choice"):
            yield Label(Text(self.question), id="choice-question")
            yield from self.options()

    def options(self) -> Iterator[Static]:
        """A line per answer: its key as the user presses it, then its label,
        which wraps under itself (not under the key) when it is long."""
        for key, _value, label in self.choices:
            row = Table.grid(padding=(0, 2))
            row.add_column(no_wrap=True)
            row.add_column(ratio=1)
            row.add_row(Text(f" {_shown(key, self._taken)} ", style="bold reverse"), Text(label))
            yield Static(row, classes="choice-option")

    def action_choose(self, index: int) -> None:
        self.dismiss(self.choices[index][1])
