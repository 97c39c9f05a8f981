"""A question answered with one key."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from ..textual_compat.bindings import bind_key

__all__ = ["ChoiceModal"]


class ChoiceModal(ModalScreen[Any]):
    """*choices* are ``(key, value, label)``; the pressed key's value is returned."""

    def __init__(self, question: str, choices: Sequence[tuple[str, Any, str]]) -> None:
        super().__init__()
        self.question = question
        self.choices = list(choices)
        self._bindings_from_choices()

    def _bindings_from_choices(self) -> None:
        for index, (key, _, label) in enumerate(self.choices):
            bind_key(self, key, f"choose({index})", label)

    def compose(self) -> ComposeResult:
        with Vertical(id="choice"):
            yield Label(Text(self.question), id="choice-question")
            for key, _, label in self.choices:
                yield Label(Text.assemble((f" {'esc' if key == 'escape' else key} ", "bold reverse"), "  ", label), classes="choice-option")

    def action_choose(self, index: int) -> None:
        self.dismiss(self.choices[index][1])
