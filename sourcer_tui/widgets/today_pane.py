"""Today pane: everything due on or before today, most overdue first."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message

from ..domain.vocab import TOUCHPOINT_KINDS, label
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
    "missing_feedback": "Feedback owed",
}


class TodayPane(TalentActions, ListPane):
    title = "Today"
    empty_text = "Nothing due today. Enjoy."

    BINDINGS = [
        Binding("d", "act('done')", "Done", id="today.done", tooltip="Follow-up: logged as sent and the next one planned; wake-up: back in the pool; keep in touch: log the contact; feedback owed: write it"),
        Binding("r", "act('reschedule')", "Reschedule", id="today.reschedule", tooltip="+1d, mon, 2w or a date"),
        Binding("x", "act('skip')", "Skip", id="today.skip", tooltip="Drop this item (a skipped follow-up plans the next one)"),
        Binding("t", "act('copy')", "Copy message", id="today.copy_message", tooltip="Follow-up: copy the message from its template and open their profile (LinkedIn); then d marks it sent"),
        Binding("E", "act('send')", "Email it", id="today.send_email", tooltip="Follow-up: send the message by email through your SMTP server, then log it as sent"),
        Binding("u", "act('profile')", "Profile", id="today.profile", tooltip="Open the talent's LinkedIn / profile URL (http/https only)"),
        Binding("y", "act('email')", "Copy email", show=False, id="today.copy_email"),
        *LOG_BINDINGS,
    ]

    class Act(Message):
        """Ask the screen to act on a due item."""

        def __init__(self, row: DueRow, what: str) -> None:
            super().__init__()
            self.row = row
            self.what = what

    def count(self, day):
        total, overdue = panes.count_due(day)
        return total, {"overdue": overdue}

    def heading(self, rows) -> str:
        overdue = rows.facts.get("overdue", 0)
        if overdue:
            return f"Today ({rows.total:,} · {overdue:,} overdue)"
        return super().heading(rows)

    def fetch_rows(self, day, offset: int, limit: int):
        return panes.fetch_due(day, offset, limit)

    def selection(self):
        row = self.list.item
        return None if row is None else (row.talent_id, row.candidacy_id)

    async def action_act(self, what: str) -> None:
        """The screen acts now, so that a dialog it opens (reschedule…) takes the next key."""
        row = self.list.item
        if not isinstance(row, DueRow):
            return
        act = getattr(self.screen, "act_on_today", None)
        if act is None:
            self.post_message(self.Act(row, what))
        else:
            await act(row, what)

    def render_row(self, row: DueRow, width: int) -> Text:
        today = self.app.clock.today()
        late = (today - row.due).days
        when = Text(f"{late}d late " if late > 0 else "today   ", style="bold red" if late > 0 else "bold")
        when.truncate(9, pad=True)
        kind = KIND_LABELS.get(row.kind, label(row.kind))
        detail = row.detail
        if row.kind == "followup":
            kind, detail = row.detail or f"Follow-up {row.step}", ""
        elif row.kind == "missing_feedback":
            detail = TOUCHPOINT_KINDS.get(row.detail, (row.detail,))[0]
        text = Text.assemble(when, (f"{kind:<14.14}", "yellow" if row.kind == "missing_feedback" else "cyan"), " ", row.name)
        parts = [p for p in (row.mission, detail, row.last_feedback and f"last: {row.last_feedback}") if p]
        if parts:
            text.append(" — " + " · ".join(parts).replace("\n", " "), "dim")
        return text
