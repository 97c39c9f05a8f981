"""Snoozed pane: talents hidden until a date, soonest wake-up first, with why."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding

from ..domain.vocab import SNOOZE_KINDS, snooze_kind_label
from ..i18n import N_, formats
from ..services import panes
from ..services.panes import SnoozedRow
from .list_pane import ListPane
from .talent_actions import APPROACH_BINDINGS, LOG_BINDINGS, TalentActions

__all__ = ["SnoozedPane"]


def _kind_width() -> int:
    """The kind column: 9 cells, or the longest translated kind (up to 16)."""
    return max(9, min(16, max(cell_len(snooze_kind_label(kind)) for kind in SNOOZE_KINDS)))


class SnoozedPane(TalentActions, ListPane):
    title = N_("Snoozed")
    empty_text = N_("Nobody is snoozed.")
    BINDINGS = [
        Binding("w", "wake", N_("Wake now"), id="snoozed.wake", tooltip=N_("End the snooze early: the talent is back, their follow-ups resume (keep in touch: or stop it)")),
        *LOG_BINDINGS,
        *APPROACH_BINDINGS,
    ]

    def action_wake(self) -> None:
        row = self.list.item
        if not isinstance(row, SnoozedRow) or self.refuse_slid_row():
            return
        # at once (not a message): its question takes the next key
        self.app.talent_flow.wake(row.snooze_id, row.talent_id, row.name, row.kind)

    def selection(self):
        row = self.list.item
        return None if row is None else (row.talent_id, row.candidacy_id)

    def count(self, day, owner=None):
        return panes.count_snoozed(), {}

    def fetch_rows(self, day, offset: int, limit: int, owner=None):
        return panes.fetch_snoozed(offset, limit)

    def render_row(self, row: SnoozedRow, width: int) -> Text:
        kind = snooze_kind_label(row.kind)
        width = _kind_width()
        text = Text.assemble((formats.full_date(row.until), "bold"), "  ", (f"{kind:<{width}.{width}}", "cyan"), " ", row.name)
        if row.reason:
            text.append(f" — {row.reason}", "dim")
        return text
