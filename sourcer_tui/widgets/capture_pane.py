"""Capture pane: the touchpoints still waiting for their feedback à chaud."""

from __future__ import annotations

from rich.text import Text

from ..domain.humanize import age
from ..domain.vocab import TOUCHPOINT_KINDS, label
from ..services import panes
from ..services.panes import AwaitingRow
from .list_pane import ListPane

__all__ = ["CapturePane"]


class CapturePane(ListPane):
    title = "Capture — feedback owed"
    empty_text = "Every call and interview has its feedback."

    def count_rows(self) -> int:
        return panes.count_awaiting_feedback()

    def fetch_rows(self, offset: int, limit: int):
        return panes.fetch_awaiting_feedback(offset, limit)

    def render_row(self, row: AwaitingRow, width: int) -> Text:
        kind = TOUCHPOINT_KINDS.get(row.kind, (label(row.kind),))[0]
        when = age(row.happened_at, self.app.clock.now())
        text = Text.assemble((f"{when:>6} ", "dim"), (f"{kind:<18.18}", "yellow"), " ", row.name)
        if row.mission:
            text.append(f" — {row.mission}", "dim")
        return text
