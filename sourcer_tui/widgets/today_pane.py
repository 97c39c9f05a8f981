"""Today pane: everything due on or before today, most overdue first."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.message import Message

from ..domain.layout import Column, fit_columns
from ..domain.vocab import kind_label, label
from ..i18n import N_, _, formats
from ..services import panes
from ..services.panes import DueRow
from .list_pane import ListPane
from .talent_actions import APPROACH_BINDINGS, LOG_BINDINGS, TalentActions

__all__ = ["TodayPane", "KIND_LABELS", "due_kind_label"]

#: A due item's kind -> its label (English, marked: translate with :func:`due_kind_label`).
KIND_LABELS = {
    "followup": N_("Follow-up"),
    "next_step": N_("Next step"),
    "wake_up": N_("Wake-up"),
    "keep_in_touch": N_("Keep in touch"),
    "missing_feedback": N_("Feedback owed"),
    "thank_introducer": N_("Thank"),
}
#: What follows the name (" — mission · detail · last feedback"): the first to give way.
_REST = Column("rest", min_width=3 + 12, gives_way=1)
#: A keep-in-touch call tied to a mission: a shortlist check-in (services/checkins.py).
CHECKIN_LABEL = N_("Check-in")


def due_kind_label(kind: str, detail: str = "", step: int | None = None) -> str:
    """What a due item is, translated: ``Follow-up 2/3`` (from the reminder's
    *detail*, as stored or as :func:`panes.shown_detail` gives it, or from its
    *step*), ``Next step``, ``Wake-up``…"""
    if kind == "followup":
        if detail:
            return panes.shown_detail(kind, detail)
        if step is not None:
            return _("Follow-up {step}").format(step=step)
    known = KIND_LABELS.get(kind)
    return _(known) if known is not None else label(kind)


def _kind_width() -> int:
    """The kind column: 14 cells, or the longest translated label and a space."""
    return max(14, min(18, 1 + max(cell_len(_(text)) for text in (*KIND_LABELS.values(), CHECKIN_LABEL))))


def _late_width() -> int:
    """The lateness column: 9 cells, or what ``99d late`` and a space take."""
    return max(9, min(16, 1 + max(cell_len(_("{n}d late").format(n=99)), cell_len(_("today")))))


def _late_text(late: int) -> str:
    """``3d late``, ``today``; from 100 days on (or sooner where the words are
    long) only ``270d``, so that a space still parts it from the kind."""
    if late <= 0:
        return _("today")
    text = _("{n}d late").format(n=late)
    return text if cell_len(text) < _late_width() else _("{n}d").format(n=late)


class TodayPane(TalentActions, ListPane):
    title = N_("Today")
    empty_text = N_("Nothing due today. Enjoy.")

    BINDINGS = [
        Binding("d", "act('done')", N_("Done"), id="today.done", tooltip=N_("Follow-up: logged as sent and the next one planned; wake-up: back in the pool; keep in touch: log the contact; feedback owed: write it; thank: how you thanked the introducer")),
        Binding("r", "act('reschedule')", N_("Reschedule"), id="today.reschedule", tooltip=N_("+1d, mon, 2w or a date")),
        Binding("x", "act('skip')", N_("Skip"), id="today.skip", tooltip=N_("Drop this item (a skipped follow-up plans the next one)")),
        Binding("t", "act('copy')", N_("Copy message"), id="today.copy_message", tooltip=N_("Follow-up: copy the message from its template and open their profile (LinkedIn); then d marks it sent")),
        Binding("E", "act('send')", N_("Email it"), id="today.send_email", tooltip=N_("Follow-up: send the message by email through your SMTP server, then log it as sent")),
        Binding("u", "act('profile')", N_("Profile"), id="today.profile", tooltip=N_("Open the talent's LinkedIn / profile URL (http/https only)")),
        Binding("y", "act('email')", N_("Copy email"), show=False, id="today.copy_email"),
        *LOG_BINDINGS,
        *APPROACH_BINDINGS,
    ]

    class Act(Message):
        """Ask the screen to act on a due item."""

        def __init__(self, row: DueRow, what: str) -> None:
            super().__init__()
            self.row = row
            self.what = what

    by_owner = True

    def count(self, day, owner=None):
        total, overdue = panes.count_due(day, owner)
        return total, {"overdue": overdue}

    def heading(self, rows) -> str:
        overdue = rows.facts.get("overdue", 0)
        if overdue and self.whose():  # team mode: whose items, mine or the team's
            return _("Today{whose} ({total} · {overdue} overdue)").format(
                whose=self.whose(), total=formats.number(rows.total), overdue=formats.number(overdue))
        if overdue:
            return _("Today ({total} · {overdue} overdue)").format(total=formats.number(rows.total), overdue=formats.number(overdue))
        return super().heading(rows)

    def fetch_rows(self, day, offset: int, limit: int, owner=None):
        return panes.fetch_due(day, offset, limit, owner)

    def selection(self):
        row = self.list.item
        return None if row is None else (row.talent_id, row.candidacy_id)

    async def action_act(self, what: str) -> None:
        """The screen acts now, so that a dialog it opens (reschedule…) takes the next key."""
        row = self.list.item
        if not isinstance(row, DueRow) or self.refuse_slid_row():
            return
        act = getattr(self.screen, "act_on_today", None)
        if act is None:
            self.post_message(self.Act(row, what))
        else:
            await act(row, what)

    def render_row(self, row: DueRow, width: int) -> Text:
        today = self.app.clock.today()
        late = (today - row.due).days
        when = Text(_late_text(late), style="bold red" if late > 0 else "bold")
        when.truncate(_late_width(), pad=True)
        kind = due_kind_label(row.kind, row.detail, row.step)
        detail = row.detail
        if row.kind == "followup":
            detail = ""
        elif row.kind == "missing_feedback":
            detail = kind_label(row.detail) if row.detail else ""
        if row.kind == "keep_in_touch" and row.mission:  # a shortlist check-in: the mission they were shortlisted for,
            kind, detail = _(CHECKIN_LABEL), ""  # then the feedback given (the pane is narrow: no more words)
        kind_width = _kind_width()
        text = Text.assemble(when, (f"{kind:<{kind_width}.{kind_width}}", "yellow" if row.kind == "missing_feedback" else "cyan"), " ")
        name = row.name if row.time is None else f"{formats.time_of_day(row.time)} {row.name}"
        parts = [p for p in (row.mission, detail, row.last_feedback and _("last: {feedback}").format(feedback=row.last_feedback)) if p]
        # due · kind · name stay; the mission and the rest give way first (never cut to a stub)
        columns = (Column("due", _late_width(), _late_width()), Column("kind", kind_width, kind_width),
                   Column("name", min(10, cell_len(name)), cell_len(name)), *((_REST,) if parts else ()))
        shown = [placed.name for placed in fit_columns(columns, width, gap=0)]
        if row.time is not None:  # an interview at 14:30: its time before the name
            text.append(f"{formats.time_of_day(row.time)} ", "bold")
        text.append(row.name)
        if "rest" in shown:
            text.append(" — " + " · ".join(parts).replace("\n", " "), "dim")
        return text
