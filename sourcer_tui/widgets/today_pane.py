"""Today pane: everything due on or before today, most overdue first."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message

from ..domain.vocab import label
from ..services import panes
from ..services.panes import DueRow
from .list_pane import ListPane
from .talent_actions import LOG_BINDINGS, TalentActions

__all__ = ["TodayPane"]

KIND_LABELS = {
    "followup": "Follow-up",
    "next_step": "Next step",
    "wake_up": "Wake-up",
    "keep_in_touch": "Keep in touch",
}


class TodayPane(TalentActions, ListPane):
    title = "Today"
    empty_text = "Nothing due today. Enjoy."

    BINDINGS = [
        Binding("d", "act('done')", "Done", id="today.done", tooltip="A follow-up is logged as sent"),
        Binding("r", "act('reschedule')", "Reschedule", id="today.reschedule"),
        Binding("x", "act('skip')", "Skip", id="today.skip"),
        *LOG_BINDINGS,
    ]

    class Act(Message):
        """Ask the screen to act on a due item."""

        def __init__(self, row: DueRow, what: str) -> None:
            super().__init__()
            self.row = row
            self.what = what

    def count_rows(self) -> int:
        return panes.count_due(self.app.clock.today())

    def fetch_rows(self, offset: int, limit: int):
        return panes.fetch_due(self.app.clock.today(), offset, limit)

    def selection(self):
        row = self.list.item
        return None if row is None else (row.talent_id, row.candidacy_id)

    def action_act(self, what: str) -> None:
        row = self.list.item
        if isinstance(row, DueRow):
            self.post_message(self.Act(row, what))

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
