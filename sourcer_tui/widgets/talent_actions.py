"""Keys that act on "the talent under the cursor", shared by every pane and screen.

A widget that shows talents mixes in :class:`TalentActions` and says which
talent (and candidacy) is selected; the keys post :class:`LogRequest` up to
the screen, which does the work (attributes down, messages up).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.message import Message

from ..i18n import N_, _

if TYPE_CHECKING:  # a mixin for widgets and screens: typed as one
    from textual.widget import Widget as _Host
else:
    _Host = object

__all__ = ["LOG_BINDINGS", "APPROACH_BINDINGS", "LogRequest", "FirstMessageRequest", "CloseRequest", "SnoozeRequest", "TalentActions", "Selection"]

Selection = tuple[int, int | None]  # (talent id, candidacy id or None)

LOG_BINDINGS = [
    Binding("c", "log('call')", N_("Call"), id="log.call", tooltip=N_("Log a call now; Capture opens for its feedback")),
    Binding("i", "log('interview')", N_("Interview"), show=False, id="log.interview", tooltip=N_("Log an interview now; Capture opens")),
    Binding("l", "log('')", N_("Log…"), id="log.menu", tooltip=N_("Log any kind of contact now (first message, follow-up, reply…)")),
    Binding("L", "log('?')", N_("Log with details…"), show=False, id="log.details", tooltip=N_("Log a contact with its channel, date/time and message (past entries)")),
    Binding("z", "snooze", N_("Snooze…"), id="talent.snooze", tooltip=N_("Hide the talent until a date (3/6/12/24 months, a date, end of trial, keep in touch)")),
]

#: Approaching a talent, from every list of talents (Pipeline, Today, Snoozed, the talent
#: screen; not Capture, where ``o`` opens the talent).
APPROACH_BINDINGS = [
    Binding("o", "first_message", N_("First message…"), id="talent.first_message",
            tooltip=N_("Preview the first message filled in for them, edit it, copy it and open their profile; then log it as sent")),
]


class LogRequest(Message):
    """Log a touchpoint for a talent. kind "" = ask which kind, "?" = full form."""

    def __init__(self, talent_id: int, candidacy_id: int | None, kind: str) -> None:
        super().__init__()
        self.talent_id = talent_id
        self.candidacy_id = candidacy_id
        self.kind = kind


class FirstMessageRequest(Message):
    """Preview, copy and log the first message to a talent (the screen does it)."""

    def __init__(self, talent_id: int, candidacy_id: int | None) -> None:
        super().__init__()
        self.talent_id = talent_id
        self.candidacy_id = candidacy_id


class CloseRequest(Message):
    """Close a candidacy as declined / rejected: the screen asks why and the feedback given.
    With *talent_id*, a negative reply (with *details*: channel, when, summary) is logged with it."""

    def __init__(self, candidacy_id: int, name: str, outcome: str, *, talent_id: int | None = None, details: dict | None = None) -> None:
        super().__init__()
        self.candidacy_id = candidacy_id
        self.name = name
        self.outcome = outcome
        self.talent_id = talent_id
        self.details = details or {}


class SnoozeRequest(Message):
    """Snooze a talent (the screen asks how long and why)."""

    def __init__(self, talent_id: int, candidacy_id: int | None, reason: str = "") -> None:
        super().__init__()
        self.talent_id = talent_id
        self.candidacy_id = candidacy_id
        self.reason = reason


class TalentActions(_Host):
    """Mixin for widgets and screens: implement :meth:`selection`."""

    def selection(self) -> Selection | None:
        raise NotImplementedError

    def action_log(self, kind: str) -> None:
        if self._slid():
            return
        selected = self.selection()
        if selected is None:
            self.notify(_("Select a talent first."), severity="warning")
            return
        self.ask_screen("on_log_request", LogRequest(selected[0], selected[1], kind))

    def action_first_message(self) -> None:
        if self._slid():
            return
        selected = self.selection()
        if selected is None:
            self.notify(_("Select a talent first."), severity="warning")
            return
        self.ask_screen("on_first_message_request", FirstMessageRequest(selected[0], selected[1]))

    def action_snooze(self) -> None:
        if self._slid():
            return
        selected = self.selection()
        if selected is None:
            self.notify(_("Select a talent first."), severity="warning")
            return
        self.ask_screen("on_snooze_request", SnoozeRequest(selected[0], selected[1]))

    def _slid(self) -> bool:
        """A list pane's row that came under the cursor by another's change is not acted
        on at once (ListPane.refuse_slid_row); other hosts have none."""
        refuse = getattr(self, "refuse_slid_row", None)
        return refuse is not None and refuse()

    def ask_screen(self, handler: str, request: Message) -> None:
        """The screen handles *request* now, before the next key is read: the modal it
        opens takes the keys typed after it.  Posted as a message, the keys of a burst
        (``l x``, ``z d``) reached the list underneath first — ``d`` marked a Today
        follow-up as sent that never went out.  A screen without *handler* gets the message."""
        handle = getattr(self.screen, handler, None)
        if handle is None:
            self.post_message(request)
        else:
            handle(request)
