"""Pick one value from a short list, typing to filter."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from ..i18n import N_, _

__all__ = ["PickerModal"]


class PickerModal(ModalScreen[Any]):
    """Returns the chosen value, or None when dismissed with Escape."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel")),
        Binding("down", "move(1)", N_("Down"), show=False),
        Binding("up", "move(-1)", N_("Up"), show=False),
    ]

    def __init__(self, title: str, options: Sequence[tuple[Any, str]], current: Any = None) -> None:
        super().__init__()
        self.title_text = title
        self.options = list(options)
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Label(Text(self.title_text), id="picker-title")
            yield Input(placeholder=_("type to filter…"), id="picker-filter")
            yield OptionList(id="picker-options")

    def on_mount(self) -> None:
        self._fill("")
        options = self.query_one(OptionList)
        for index, (value, _text) in enumerate(self.options):
            if value == self.current:
                options.highlighted = index
                break

    def _fill(self, needle: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        needle = needle.casefold().strip()
        shown = [(i, text) for i, (_value, text) in enumerate(self.options) if needle in text.casefold()]
        options.add_options([Option(Text(text), id=str(i)) for i, text in shown])
        if shown:
            options.highlighted = 0

    @on(Input.Changed, "#picker-filter")
    def _filter(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#picker-filter")
    def _submit(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self._choose(options.get_option_at_index(options.highlighted))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option)

    def _choose(self, option: Option) -> None:
        self.dismiss(self.options[int(option.id)][0])

    def action_move(self, delta: int) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            current = options.highlighted if options.highlighted is not None else -delta
            options.highlighted = max(0, min(options.option_count - 1, current + delta))

    def action_cancel(self) -> None:
        self.dismiss(None)
