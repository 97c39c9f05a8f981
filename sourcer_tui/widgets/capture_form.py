"""The feedback à chaud form, written right after a contact.

Everything typed is written as a draft half a second after the last
keystroke — and at least every two seconds while typing goes on — so a
crash loses nothing; ctrl+s saves for real (one transaction), Escape asks
whether to keep the draft.  Drafts are written by a worker thread, one after
the other: another window holding the database (a long write) delays the
draft, never the keys.  A save names the version of the feedback the form
was filled from: when another window (or a teammate) saved it meanwhile,
nothing is written and the form shows both versions, field by field where
they differ, and offers to keep both texts, mine, or theirs.
"""

from __future__ import annotations

import threading

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Label

from ..domain.dates import DateParseError, describe_when, parse_due_time
from ..domain.touchpoints import SENTIMENTS
from ..domain.vocab import kind_label
from ..i18n import N_, _, formats
from ..services import touchpoints
from ..services.errors import InvalidInput, ServiceError, storage_trouble
from ..services.touchpoints import FeedbackConflict, TouchpointView
from .form_fields import Field, FormFields
from .grid_fields import GridFields
from .text_line import TextLine

__all__ = ["CaptureForm", "CAPTURE_FIELDS"]

DRAFT_DELAY = 0.5  # seconds after the last keystroke
SAVE_PATIENCE = 0.3  # seconds a save may wait for the database before the form says so
DRAFT_MAX_WAIT = 2.0  # seconds after the first keystroke not in a draft, however fast the typing

#: How a feedback went: code name -> label (English, marked; FormFields translates it).
SENTIMENT_LABELS = {"positive": N_("positive"), "mixed": N_("mixed"), "negative": N_("negative")}

#: Labels and placeholders in English, marked: FormFields translates them where shown.
CAPTURE_FIELDS = [
    Field("feedback_given", N_("Feedback given to them"), "text", placeholder=N_("what you told the candidate")),
    Field("impression", N_("Private impression"), "text", placeholder=N_("only for you")),
    Field("next_step", N_("Next step"), placeholder=N_("what was announced, e.g. interview with the CTO")),
    Field("next_step_due", N_("Next step date"), "date", placeholder=N_("+2d · 1w · 3m · fri · 2026-12-01")),
    Field("sentiment", N_("Sentiment"), "select", [(SENTIMENT_LABELS.get(s, s), s) for s in SENTIMENTS]),
]


class CaptureForm(Vertical):
    """Feedback for one touchpoint; tells its screen :class:`Saved` or :class:`Closed`."""

    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save feedback"), id="capture.save"),
        Binding("escape", "close", N_("Close"), id="capture.close"),
    ]

    class Saved(Message):
        def __init__(self, touchpoint_id: int, due: object, at: object = None, graded: bool = False) -> None:
            super().__init__()
            self.touchpoint_id = touchpoint_id
            self.due = due
            self.at = at  # the next step's time of day, or None
            self.graded = graded  # saved with an interview grid (the Pipeline's average may change)

    class Closed(Message):
        def __init__(self, touchpoint_id: int, kept_draft: bool) -> None:
            super().__init__()
            self.touchpoint_id = touchpoint_id
            self.kept_draft = kept_draft

    def _tell(self, message: Message) -> None:
        """To the screen at once: one hop, not a bubble through the sheet and the columns."""
        self.screen.post_message(message)

    def __init__(self, touchpoint: TouchpointView, values: dict[str, str] | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.touchpoint = touchpoint
        self.fields = FormFields(CAPTURE_FIELDS, values or touchpoint.form_values(), preview=self._preview, id="capture-fields")
        self.grid = GridFields(id="capture-grid")
        self._grid_values = {**touchpoint.form_values(), **(values or {})}
        self._saved_values = touchpoint.form_values()
        self._loaded_values = None  # read once mounted (the grid's fields with the feedback's)
        self._version = touchpoint.version
        self._draft_timer: Timer | None = None
        self._unsaved_since: float | None = None  # the clock's monotonic time of the first edit not in a draft
        #: drafts waiting to be written, one per touchpoint (None: discard it), oldest first
        self._draft_jobs: dict[int, tuple[dict[str, str] | None, dict[str, str], object]] = {}
        self._draft_worker = None
        self._save_worker = None
        self._save_timer: Timer | None = None
        self._writes = threading.Lock()  # a draft and the save, written one after the other
        self._generation = 0  # saves asked for: a draft asked for before the last one is not written

    def _title(self) -> Text:
        tp = self.touchpoint
        title = _title_text(_("Feedback à chaud — {kind} with {talent}"), kind=kind_label(tp.kind), talent=tp.talent)
        if tp.mission:
            title.append(f" · {tp.mission}")
        title.append(f" · {formats.day_month_time(tp.happened_at)}", "dim")
        title.no_wrap, title.overflow = True, "ellipsis"
        return title

    def compose(self) -> ComposeResult:
        yield TextLine(self._title(), id="capture-title")
        yield self.fields
        yield self.grid
        yield Label(Text(_("ctrl+s save · esc close (keeps a draft if you wish) · tab next field")), id="capture-hint")

    def on_mount(self) -> None:
        for box in self.fields.query(Input):  # tab into a field of a draft goes on after its text, never selects it to be typed over
            box.select_on_focus = False
        self.grid.load(_criteria(self.touchpoint), self._grid_values)
        self._loaded_values = self.values()
        self.fields.focus_first()

    def values(self) -> dict[str, str]:
        """What is typed: the feedback's fields and the grid's scores and evidence."""
        return {**self.fields.values(), **self.grid.values()}

    def load(self, touchpoint: TouchpointView, values: dict[str, str] | None = None) -> None:
        """Show another touchpoint in this same form (the pane keeps one form:
        mounting a new one for every contact cost a layout and a leak)."""
        self.stop_draft_timer()
        self.touchpoint = touchpoint
        self._saved_values = touchpoint.form_values()
        self._version = touchpoint.version
        shown = values or touchpoint.form_values()
        self.query_one("#capture-title", TextLine).update(self._title())
        self.fields.reset(shown)  # editors' undo history cleared too
        self.grid.load(_criteria(touchpoint), shown)
        self._loaded_values = self.values()

    def stop_draft_timer(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        self._unsaved_since = None

    def _preview(self, text: str) -> tuple[str, bool]:
        today = self.app.clock.today()
        try:
            due, at = parse_due_time(text, today, self.app.settings.cadence.skip_weekends)
        except DateParseError as error:
            return str(error), True
        return (_("no date: no reminder") if due is None else f"→ {describe_when(due, at, today)}"), False

    # -- drafts -------------------------------------------------------------------
    @on(FormFields.Edited)
    @on(GridFields.Edited)
    def _edited(self) -> None:
        if self._loaded_values is None:
            return  # the grid being filled at mount
        if self.values() == self._loaded_values:
            self.stop_draft_timer()
            return  # the echo of load(), or typed back to what was loaded: nothing to keep
        # Half a second after the last key, but never more than DRAFT_MAX_WAIT
        # after the first key not in a draft: a typist who never pauses that
        # long (8 s of notes, then the machine dies) still has a draft.
        now = self.app.clock.monotonic()
        if self._unsaved_since is None:
            self._unsaved_since = now
        delay = max(0.001, min(DRAFT_DELAY, self._unsaved_since + DRAFT_MAX_WAIT - now))  # (a 0 s timer divides by 0)
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(delay, self._draft_due)

    def _draft_due(self) -> None:
        self._draft_timer = None
        self._unsaved_since = None
        self.write_draft_soon()

    def write_draft_soon(self, *, discard: bool = False) -> None:
        """Keep what is typed as the touchpoint's draft (or *discard* it), in a
        worker thread: a database busy with another window's write makes the
        draft wait, never the keys.  What is kept is read now."""
        values = None if discard else self.values()
        self._draft_jobs[self.touchpoint.id] = (values, dict(self._saved_values), self.app.clock.now())
        self._next_draft_job()

    def _next_draft_job(self) -> None:
        if not self._draft_jobs or (self._draft_worker is not None and not self._draft_worker.is_finished):
            return  # one at a time, in order: the running one's end starts the next
        touchpoint_id = next(iter(self._draft_jobs))
        values, saved, now = self._draft_jobs.pop(touchpoint_id)
        readers, writes, generation = self.app.readers, self._writes, self._generation

        def write() -> None:
            with writes, readers.use():
                if generation == self._generation:  # no save since it was asked for
                    _keep_draft(touchpoint_id, values, saved, now)

        self._draft_worker = self.run_worker(write, thread=True, group="draft", exit_on_error=False)

    def on_worker_state_changed(self, event) -> None:
        from textual.worker import WorkerState

        if event.state not in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            return
        if event.worker is self._save_worker:
            self._save_done(event.worker)
        elif event.worker is self._draft_worker:
            error = event.worker.error
            if event.state == WorkerState.ERROR and isinstance(error, ServiceError):  # the contact went (erased elsewhere)
                self.notify(_("No draft kept: {reason}.").format(reason=error), severity="error", markup=False)
            elif event.state == WorkerState.ERROR:  # disk full, read-only…: keep the text, say so
                self.notify(_("Could not keep a draft: {trouble}. Your text is still here.").format(trouble=storage_trouble(error)), severity="error", markup=False)
            self._next_draft_job()

    def write_draft(self) -> None:
        """Write what is typed as the draft now, on this thread (the app is
        stopping on an error: no worker will run any more)."""
        self.stop_draft_timer()
        try:
            _keep_draft(self.touchpoint.id, self.values(), self._saved_values, self.app.clock.now())
        except ServiceError:
            pass
        except Exception as error:  # disk full, read-only…: keep the text, say so
            self.notify(_("Could not keep a draft: {trouble}. Your text is still here.").format(trouble=storage_trouble(error)), severity="error", markup=False)

    # -- actions ------------------------------------------------------------------
    def action_save(self) -> None:
        """Save what is typed in a worker thread, on its own connection: another
        window writing makes the save wait (up to the busy timeout), never the
        screen.  It is written after any draft being written, and no draft asked
        for before it is written after it.  Past SAVE_PATIENCE the form says so and
        takes no more keys until the save is done (see :meth:`_save_done`)."""
        self.stop_draft_timer()
        if self._save_worker is not None and not self._save_worker.is_finished:
            return  # ctrl+s again while saving
        self._draft_jobs.clear()
        self._generation += 1
        touchpoint_id, values, now = self.touchpoint.id, self.values(), self.app.clock.now()
        version, skip, readers, writes = self._version, self.app.settings.cadence.skip_weekends, self.app.readers, self._writes

        def save() -> dict:
            with writes, readers.use():
                return touchpoints.save_feedback(touchpoint_id, values, now, version=version, skip_weekends=skip)

        self._save_timer = self.set_timer(SAVE_PATIENCE, self._save_waits)
        self._save_worker = self.run_worker(save, thread=True, group="save", exit_on_error=False)

    def _save_waits(self) -> None:
        self.fields.disabled = self.grid.disabled = True
        self.notify(_("Saving… another window is writing to the database: waiting for it."), markup=False, timeout=4)

    def _save_done(self, worker) -> None:
        from textual.worker import WorkerState

        self._save_timer.stop()
        self.fields.disabled = self.grid.disabled = False
        if worker.state == WorkerState.SUCCESS:
            self._tell(self.Saved(self.touchpoint.id, worker.result["next_step_due"], worker.result.get("next_step_time"),
                                  graded=bool(self.grid.criteria)))
            return
        error = worker.error
        if isinstance(error, InvalidInput):
            self.fields.show_errors(error.errors)
            self.notify(_("Not saved: fix the highlighted field."), severity="warning")
        elif isinstance(error, FeedbackConflict):
            self._offer_both(error.theirs)
        elif isinstance(error, ServiceError):
            self.notify(str(error), severity="error", markup=False)
        elif error is not None:
            self.notify(_("Not saved: {trouble}. Your text is still here: press ctrl+s again.").format(trouble=storage_trouble(error)), severity="error", markup=False)

    def _offer_both(self, theirs: TouchpointView) -> None:
        """Another window (or a teammate) saved this feedback while this one was written:
        both versions, field by field where they differ; keep both, keep mine (over
        theirs, knowingly), keep theirs, or back to writing."""
        from ..domain.conflicts import differences
        from ..domain.feedback_merge import merge_feedback
        from ..modals.conflict import ConflictModal

        mine = self.values()
        stored = theirs.form_values()
        labels = [(field.name, field.label) for field in CAPTURE_FIELDS]
        shown = lambda values: {field.name: _shown_value(field, values.get(field.name, "")) for field in CAPTURE_FIELDS}  # noqa: E731
        found = differences(labels, stored, {name: mine.get(name, "") for name, _label in labels},
                            theirs_shown=shown(stored), mine_shown=shown(mine))
        if not found and not any(name.startswith(("score:", "evidence:")) for name in {*stored, *mine}
                                 if stored.get(name, "") != mine.get(name, "")):
            self._version = theirs.version  # they saved what I wrote: nothing of theirs is lost
            self.call_later(self.action_save)
            return

        def chosen(choice: str | None) -> None:
            if choice == "both":
                self._take_theirs(theirs, merge_feedback(stored, mine))
                self.notify(_("Both texts are in the form: read them, then ctrl+s."), markup=False, timeout=6)
            elif choice == "mine":
                self._version = theirs.version  # saved over theirs, knowingly
                self.call_later(self.action_save)
            elif choice == "theirs":
                self.write_draft_soon(discard=True)
                self._tell(self.Closed(self.touchpoint.id, kept_draft=False))
            else:
                self._version = theirs.version  # seen: the next save goes over it
                self.fields.focus_first()

        self.app.push_screen(
            ConflictModal(
                _("Another window saved feedback on this contact while you wrote:"), found,
                [("b", "both", _("Keep both: their text and yours, in the form to read before ctrl+s")),
                 ("m", "mine", _("Keep mine: save over theirs")),
                 ("t", "theirs", _("Keep theirs: drop what I wrote")),
                 ("escape", None, _("Back to writing"))],
            ),
            chosen,
        )

    def _take_theirs(self, theirs: TouchpointView, values: dict[str, str]) -> None:
        self.touchpoint = theirs
        self._saved_values = theirs.form_values()
        self._version = theirs.version
        self.fields.set_values(values)
        self.grid.set_values(values)
        self.fields.focus_first()

    def action_close(self) -> None:
        self.stop_draft_timer()
        if self.values() == self._saved_values:
            self.write_draft_soon(discard=True)
            self._tell(self.Closed(self.touchpoint.id, kept_draft=False))
            return
        from ..modals.choice import ChoiceModal

        def chosen(choice: str | None) -> None:
            if choice == "keep":
                self.write_draft_soon()
                self._tell(self.Closed(self.touchpoint.id, kept_draft=True))
            elif choice == "discard":
                self.write_draft_soon(discard=True)
                self._tell(self.Closed(self.touchpoint.id, kept_draft=False))
            else:
                self.fields.focus_first()

        self.app.push_screen(
            ChoiceModal(
                _("Close this feedback without saving it?"),
                [("k", "keep", _("Keep a draft (resume it later)")), ("d", "discard", _("Discard what I typed")), ("escape", None, _("Back to writing"))],
            ),
            chosen,
        )


def _criteria(touchpoint: TouchpointView) -> list:
    return [line.criterion for line in touchpoint.grid]


def _shown_value(field: Field, value: str) -> str:
    """A saved value as the form shows it: a choice by its label."""
    for shown, code in field.choices:
        if code == value:
            return _(shown)
    return value


def _title_text(template: str, **values: str) -> Text:
    """The form's title from its translated *template*: the words before the
    first value and the values bold, the words between them plain."""
    title = Text()
    rest, first = template, True
    while rest:
        start = rest.find("{")
        end = rest.find("}", start)
        if start < 0 or end < 0 or rest[start + 1 : end] not in values:
            title.append(rest, "bold" if first else None)
            break
        title.append(rest[:start], "bold" if first else None)
        title.append(values[rest[start + 1 : end]], "bold")
        rest, first = rest[end + 1 :], False
    return title


def _keep_draft(touchpoint_id: int, values: dict[str, str] | None, saved: dict[str, str], now) -> None:
    """The draft of *touchpoint_id*: *values*, none when they are what is saved (or None: discard)."""
    if values is None or values == saved:
        touchpoints.discard_draft(touchpoint_id)
    else:
        touchpoints.save_draft(touchpoint_id, values, now)
