"""The message about to go out, filled in for the talent and editable before it is copied or sent.

A first message (``o``), a follow-up copied (Today ``t``) or emailed (Today ``E``)
shows here first: the template filled in, the cursor at the end of the text.
ctrl+s copies it (and opens the profile) or sends it; Escape cancels and nothing
is copied, sent or logged.  F2 switches between LinkedIn and email when the
talent has both: the caller gives *recompose*, which fills in the template of
the other channel (the modal reads no database).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, TextArea

from ..i18n import N_, _

__all__ = ["Draft", "MessagePreviewModal"]


@dataclass(frozen=True)
class Draft:
    """A message as shown (and as edited): *subject* None on LinkedIn."""

    channel: str
    subject: str | None
    body: str
    note: str = ""  # who it goes to, a warning…
    template_key: str = ""


class MessagePreviewModal(ModalScreen[Draft | None]):
    """Returns the edited :class:`Draft` on ctrl+s, None on Escape."""

    BINDINGS = [
        Binding("ctrl+s", "confirm", N_("Copy / send"), id="preview.confirm", tooltip=N_("Copy the message and open the profile, or send the email")),
        Binding("f2", "switch_channel", N_("LinkedIn / email"), id="preview.channel", tooltip=N_("Switch channel when the talent has both")),
        Binding("escape", "cancel", N_("Cancel"), id="preview.cancel", tooltip=N_("Nothing is copied, sent or logged")),
    ]

    def __init__(self, title: str, draft: Draft, confirm_label: str, *, channels: Sequence[str] = (),
                 recompose: Callable[[str], Draft | None] | None = None) -> None:
        super().__init__()
        self.preview_title = title
        self.draft = draft
        self.confirm_label = confirm_label
        self.channels = [c for c in channels if c]
        self.recompose = recompose

    def compose(self) -> ComposeResult:
        with Vertical(id="preview"):
            yield Label(Text(self.preview_title), id="preview-title")
            yield Label(Text(self.draft.note), id="preview-note")
            subject = Input(self.draft.subject or "", placeholder=_("Subject"), id="preview-subject")
            subject.display = self.draft.subject is not None
            yield subject
            body = TextArea(self.draft.body, id="preview-body", soft_wrap=True)
            body.cursor_blink = False
            yield body
            yield Label(Text(self._hint()), id="preview-hint")

    def _hint(self) -> str:
        if len(self.channels) > 1:
            return _("ctrl+s {action} · F2 LinkedIn / email · esc cancel").format(action=self.confirm_label)
        return _("ctrl+s {action} · esc cancel").format(action=self.confirm_label)

    def on_mount(self) -> None:
        self.query_one("#preview-note", Label).display = bool(self.draft.note)
        self._focus_body()

    def _focus_body(self) -> None:
        body = self.query_one("#preview-body", TextArea)
        body.focus()
        body.move_cursor(body.document.end)  # the cursor at the end: a word added, a line signed

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "switch_channel":
            return len(self.channels) > 1 and self.recompose is not None
        return True

    def action_switch_channel(self) -> None:
        if len(self.channels) < 2 or self.recompose is None:
            return
        index = self.channels.index(self.draft.channel) if self.draft.channel in self.channels else -1
        other = self.channels[(index + 1) % len(self.channels)]
        draft = self.recompose(other)
        if draft is None:
            return
        self.draft = draft
        subject = self.query_one("#preview-subject", Input)
        subject.value = draft.subject or ""
        subject.display = draft.subject is not None
        note = self.query_one("#preview-note", Label)
        note.update(Text(draft.note))
        note.display = bool(draft.note)
        self.query_one("#preview-body", TextArea).load_text(draft.body)
        self._focus_body()

    def edited(self) -> Draft:
        subject = self.query_one("#preview-subject", Input).value if self.draft.subject is not None else None
        body = self.query_one("#preview-body", TextArea).text
        return Draft(self.draft.channel, subject, body, self.draft.note, self.draft.template_key)

    def action_confirm(self) -> None:
        draft = self.edited()
        if not draft.body.strip():
            self.notify(_("The message is empty."), severity="warning")
            return
        self.dismiss(draft)

    def action_cancel(self) -> None:
        self.dismiss(None)
