"""Snoozed pane: talents hidden until a date, soonest wake-up first, with why."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding

from ..domain.vocab import SNOOZE_KINDS
from ..services import panes
from ..services.panes import SnoozedRow
from .list_pane import ListPane
from .talent_actions import LOG_BINDINGS, TalentActions

__all__ = ["SnoozedPane"]



class SnoozedPane(TalentActions, ListPane):
    title = "Snoozed"
    empty_text = "Nobody is snoozed."
    BINDINGS = [
        Binding("w", "wake", "Wake now", id="snoozed.wake", tooltip="End the snooze early: the talent is back, their follow-ups resume (keep in touch: or stop it)"),
        *LOG_BINDINGS,
    ]

    def action_wake(self) -> None:
        row = self.list.item
        if not isinstance(row, SnoozedRow):
            return
        # at once (not a message): its question takes the next key
        self.app.talent_flow.wake(row.snooze_id, row.talent_id, row.name, row.kind)

    def selection(self):
        row = self.list.item
        return None if row is None else (row.talent_id, row.candidacy_id)

    def count(self, day):
        return panes.count_snoozed(), {}

    def fetch_rows(self, day, offset: int, limit: int):
        return panes.fetch_snoozed(offset, limit)

    def render_row(self, row: SnoozedRow, width: int) -> Text:
        kind = SNOOZE_KINDS.get(row.kind, row.kind)
        text = Text.assemble((row.until.isoformat(), "bold"), "  ", (f"{kind:<9.9}", "cyan"), " ", row.name)
        if row.reason:
            text.append(f" — {row.reason}", "dim")
        return text
