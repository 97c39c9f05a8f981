"""Today pane: everything due on or before today, most overdue first."""

from __future__ import annotations

from rich.text import Text

from ..domain.vocab import label
from ..services import panes
from ..services.panes import DueRow
from .list_pane import ListPane

__all__ = ["TodayPane"]

KIND_LABELS = {
    "followup": "Follow-up",
    "next_step": "Next step",
    "wake_up": "Wake-up",
    "keep_in_touch": "Keep in touch",
}


class TodayPane(ListPane):
    title = "Today"
    empty_text = "Nothing due today. Enjoy."

    def count_rows(self) -> int:
        return panes.count_due(self.app.clock.today())

    def fetch_rows(self, offset: int, limit: int):
        return panes.fetch_due(self.app.clock.today(), offset, limit)

    def render_row(self, row: DueRow, width: int) -> Text:
        today = self.app.clock.today()
        late = (today - row.due).days
        when = Text(f"{late}d late " if late > 0 else "today   ", style="bold red" if late > 0 else "bold")
        when.truncate(9, pad=True)
        kind = KIND_LABELS.get(row.kind, label(row.kind))
        if row.kind == "followup" and row.step:
            kind = f"{kind} {row.step}"
        text = Text.assemble(when, (f"{kind:<14.14}", "cyan"), " ", row.name)
        detail = row.detail or ""
        if row.mission:
            detail = f"{row.mission} · {detail}" if detail else row.mission
        if detail:
            text.append(f" — {detail}", "dim")
        return text
