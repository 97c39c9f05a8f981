"""The feedback à chaud form, written right after a contact.

Everything typed is written as a draft within about a second of the last
keystroke, so a crash loses nothing; ctrl+s saves for real (one
transaction), Escape asks whether to keep the draft.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Label

from ..domain.dates import DateParseError, describe, parse_due
from ..domain.touchpoints import SENTIMENTS
from ..services import touchpoints
from ..services.errors import InvalidInput, ServiceError, storage_trouble
from ..services.touchpoints import TouchpointView
from .form_fields import Field, FormFields
from .text_line import TextLine

__all__ = ["CaptureForm", "CAPTURE_FIELDS"]

DRAFT_DELAY = 0.5  # seconds after the last keystroke

CAPTURE_FIELDS = [
    Field("feedback_given", "Feedback given to them", "text", placeholder="what you told the candidate"),
    Field("impression", "Private impression", "text", placeholder="only for you"),
    Field("next_step", "Next step", placeholder="what was announced, e.g. interview with the CTO"),
    Field("next_step_due", "Next step date", "date", placeholder="+2d · 1w · 3m · fri · 2026-12-01"),
    Field("sentiment", "Sentiment", "select", [(s, s) for s in SENTIMENTS]),
]


class CaptureForm(Vertical):
    """Feedback for one touchpoint; posts :class:`Saved` or :class:`Closed`."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save feedback", id="capture.save"),
        Binding("escape", "close", "Close", id="capture.close"),
    ]

    class Saved(Message):
        def __init__(self, touchpoint_id: int, due: object) -> None:
            super().__init__()
            self.touchpoint_id = touchpoint_id
            self.due = due

    class Closed(Message):
        def __init__(self, touchpoint_id: int, kept_draft: bool) -> None:
            super().__init__()
            self.touchpoint_id = touchpoint_id
            self.kept_draft = kept_draft

    def __init__(self, touchpoint: TouchpointView, values: dict[str, str] | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.touchpoint = touchpoint
        self.fields = FormFields(CAPTURE_FIELDS, values or touchpoint.form_values(), preview=self._preview, id="capture-fields")
        self._saved_values = touchpoint.form_values()
        self._loaded_values = self.fields.initial
        self._draft_timer: Timer | None = None

    def _title(self) -> Text:
        tp = self.touchpoint
        title = Text.assemble(("Feedback à chaud — ", "bold"), (tp.label, "bold"), " with ", (tp.talent, "bold"))
        if tp.mission:
            title.append(f" · {tp.mission}")
        title.append(f" · {tp.happened_at:%a %d %b %H:%M}", "dim")
        title.no_wrap, title.overflow = True, "ellipsis"
        return title

    def compose(self) -> ComposeResult:
        yield TextLine(self._title(), id="capture-title")
        yield self.fields
        yield Label(Text("ctrl+s save · esc close (keeps a draft if you wish) · tab next field"), id="capture-hint")

    def on_mount(self) -> None:
        self.fields.focus_first()

    def load(self, touchpoint: TouchpointView, values: dict[str, str] | None = None) -> None:
        """Show another touchpoint in this same form (the pane keeps one form:
        mounting a new one for every contact cost a layout and a leak)."""
        self.stop_draft_timer()
        self.touchpoint = touchpoint
        self._saved_values = touchpoint.form_values()
        shown = values or touchpoint.form_values()
        self.query_one("#capture-title", TextLine).update(self._title())
        self.fields.reset(shown)  # editors' undo history cleared too
        self._loaded_values = self.fields.values()

    def stop_draft_timer(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None

    def _preview(self, text: str) -> tuple[str, bool]:
        today = self.app.clock.today()
        try:
            due = parse_due(text, today, self.app.settings.cadence.skip_weekends)
        except DateParseError as error:
            return str(error), True
        return ("no date: no reminder" if due is None else f"→ {describe(due, today)}"), False

    # -- drafts -------------------------------------------------------------------
    @on(FormFields.Edited)
    def _edited(self) -> None:
        self.stop_draft_timer()
        if self.fields.values() == self._loaded_values:
            return  # the echo of load(), or typed back to what was loaded: nothing to keep
        self._draft_timer = self.set_timer(DRAFT_DELAY, self.write_draft)

    def write_draft(self) -> None:
        """Write what is typed as the touchpoint's draft (if it differs from what is saved)."""
        self._draft_timer = None
        values = self.fields.values()
        try:
            if values == self._saved_values:
                touchpoints.discard_draft(self.touchpoint.id)
            else:
                touchpoints.save_draft(self.touchpoint.id, values, self.app.clock.now())
        except ServiceError:
            pass
        except Exception as error:  # disk full, read-only…: keep the text, say so
            self.notify(f"Could not keep a draft: {storage_trouble(error)}. Your text is still here.", severity="error", markup=False)

    # -- actions ------------------------------------------------------------------
    def action_save(self) -> None:
        self.stop_draft_timer()
        try:
            cleaned = touchpoints.save_feedback(self.touchpoint.id, self.fields.values(), self.app.clock.now(),
                                                skip_weekends=self.app.settings.cadence.skip_weekends)
        except InvalidInput as error:
            self.fields.show_errors(error.errors)
            self.notify("Not saved: fix the highlighted field.", severity="warning")
            return
        except ServiceError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        except Exception as error:
            self.notify(f"Not saved: {storage_trouble(error)}. Your text is still here: press ctrl+s again.", severity="error", markup=False)
            return
        self.post_message(self.Saved(self.touchpoint.id, cleaned["next_step_due"]))

    def action_close(self) -> None:
        self.stop_draft_timer()
        if self.fields.values() == self._saved_values:
            touchpoints.discard_draft(self.touchpoint.id)
            self.post_message(self.Closed(self.touchpoint.id, kept_draft=False))
            return
        from ..modals.choice import ChoiceModal

        def chosen(choice: str | None) -> None:
            if choice == "keep":
                self.write_draft()
                self.post_message(self.Closed(self.touchpoint.id, kept_draft=True))
            elif choice == "discard":
                touchpoints.discard_draft(self.touchpoint.id)
                self.post_message(self.Closed(self.touchpoint.id, kept_draft=False))
            else:
                self.fields.focus_first()

        self.app.push_screen(
            ChoiceModal(
                "Close this feedback without saving it?",
                [("k", "keep", "Keep a draft (resume it later)"), ("d", "discard", "Discard what I typed"), ("escape", None, "Back to writing")],
            ),
            chosen,
        )
