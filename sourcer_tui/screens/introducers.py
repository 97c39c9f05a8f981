"""Introducers (`W`): everyone who introduced talents, with their counts; Enter opens their page."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from ..domain.vocab import label
from ..i18n import N_, _, formats, ngettext
from ..services import introducers
from ..services.paging import ListRows
from ..widgets.key_footer import KeyFooter
from ..widgets.title_bar import TitleBar
from ..widgets.virtual_list import VirtualList

__all__ = ["IntroducersScreen", "IntroducerList"]


class IntroducerList(VirtualList):
    empty_text = N_("No introducer yet: Introduced by, in the talent form (e), or a Cooptation column in an import.")

    def render_item(self, row: introducers.IntroducerRow, width: int) -> Text:
        count = ngettext("{n} introduction", "{n} introductions", row.introductions).format(n=formats.number(row.introductions))
        text = Text.assemble((f"{count:>18}  ", "bold"), row.name)
        extra = [p for p in (row.company, label(row.channel) if row.channel else "", _("in the pool") if row.talent_id else "") if p]
        if extra:
            text.append("  " + " · ".join(extra), "dim")
        return text


class IntroducersScreen(Screen):
    BINDINGS = [
        Binding("escape,q", "app.pop_screen", N_("Back"), id="introducers.back"),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="introducers-scope")
        yield IntroducerList(id="introducers-list")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.sub_title = _("Introducers")
        self.refresh_list()
        self.query_one(IntroducerList).focus()

    def refresh_list(self) -> None:
        rows = introducers.list_introducers()
        total = sum(r.introductions for r in rows)
        self.query_one("#introducers-scope", Static).update(Text(
            ngettext("{n} introducer", "{n} introducers", len(rows)).format(n=formats.number(len(rows))) + " · "
            + ngettext("{n} talent introduced", "{n} talents introduced", total).format(n=formats.number(total))
            + " · " + _("Enter: their page")))
        self.query_one(IntroducerList).set_rows(ListRows(rows))

    _away = False

    def on_screen_resume(self) -> None:
        if self._away:
            self._away = False
            self.refresh_list()

    @on(IntroducerList.Selected)
    def _open(self, event: IntroducerList.Selected) -> None:
        event.stop()
        if event.item is not None:
            self._away = True
            self.app.show_introducer(event.item.id)
