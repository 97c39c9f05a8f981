"""Every key of the app, by where it works; remapped keys shown as remapped."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..i18n import N_, _
from ..key_names import keys_shown

__all__ = ["HelpScreen", "key_label", "key_table"]


def key_label(binding: Binding, keymap: Mapping[str, str]) -> str:
    """The key of *binding* as shown to the user (remapped in *keymap* by its id)."""
    if binding.id and binding.id in keymap:
        return keymap[binding.id]
    return binding.key_display or keys_shown(binding.key)


def key_table(sections: Sequence[tuple[str, Sequence[Binding]]], keymap: Mapping[str, str]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold cyan", justify="right", min_width=12)
    table.add_column()
    table.add_column(style="dim")
    for title, bindings in sections:
        table.add_row("", Text(_(title), style="bold underline"), "")
        for binding in bindings:
            if isinstance(binding, Binding) and binding.description:
                description = _(binding.description)
                table.add_row(key_label(binding, keymap), f"{description} — {_(binding.tooltip)}" if binding.tooltip else description, binding.id or "")
        table.add_row("", "", "")
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", N_("Close"))]

    def __init__(self, sections: Sequence[tuple[str, Sequence[Binding]]], keymap: Mapping[str, str]) -> None:
        super().__init__()
        self.sections = sections
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Text(_("Keys — remap any of them in config.toml [keymap] with the id on the right"), style="bold"))
            yield Static(key_table(self.sections, self.keymap))
            yield Static(Text(_("Outside the mission's brief: €! salary outside its range, ⌂! remote wish it does not offer"), style="dim"))

    def on_mount(self) -> None:
        self.query_one("#help").border_title = _("Help")
