"""Capture pane: the feedback owed, and the form to write it.

It lists the touchpoints still waiting for their feedback à chaud; when a
contact is logged (or Enter is pressed on a row) the form opens, cursor in the
first field, on the capture sheet over the right of the screen (see
:mod:`.capture_sheet`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding
from textual.message import Message

from ..domain.humanize import age
from ..domain.vocab import kind_label
from ..i18n import N_, _
from ..services import panes, touchpoints
from ..services.errors import ServiceError
from ..services.panes import AwaitingRow
from .list_pane import ListPane
from .talent_actions import LOG_BINDINGS, TalentActions
from .focus import focus_now

if TYPE_CHECKING:
    from .capture_form import CaptureForm

__all__ = ["CapturePane"]


class CapturePane(TalentActions, ListPane):
    title = N_("Capture — feedback owed")
    empty_text = N_("Every call and interview has its feedback.")

    BINDINGS = [
        Binding("f", "feedback", N_("Write feedback"), id="capture.write", tooltip=N_("Enter does the same")),
        Binding("o", "open_talent", N_("Open talent"), id="capture.open_talent"),
        *LOG_BINDINGS,
    ]

    class DebtChanged(Message):
        """How many touchpoints still owe their feedback."""

        def __init__(self, count: int) -> None:
            super().__init__()
            self.count = count

    _return_focus = None  # where the cursor was before the form opened

    by_owner = True

    def count(self, day, owner=None):
        return panes.count_awaiting_feedback(owner), {}

    def fetch_rows(self, day, offset: int, limit: int, owner=None):
        return panes.fetch_awaiting_feedback(offset, limit, owner)

    def _show(self, rows) -> None:
        super()._show(rows)
        self.post_message(self.DebtChanged(rows.total))

    def render_row(self, row: AwaitingRow, width: int) -> Text:
        kind = kind_label(row.kind)
        when = age(row.happened_at, self.app.clock.now())
        text = Text.assemble((f"{when:>6} ", "dim"), (f"{kind:<18.18}", "yellow"), " ", row.name)
        if row.mission:
            text.append(f" — {row.mission}", "dim")
        return text

    def selection(self):
        row = self.list.item
        return None if row is None else (row.talent_id, None)

    # -- the form -------------------------------------------------------------------
    _editor: CaptureForm | None = None  # mounted on first use, then refilled for every contact

    @property
    def form(self) -> CaptureForm | None:
        """The form being written (None when the sheet is closed)."""
        editor = self._editor
        return editor if editor is not None and self._sheet is not None and self._sheet.is_open else None

    @property
    def capturing(self) -> int | None:
        form = self.form
        return None if form is None else form.touchpoint.id

    _sheet = None  # mounted over the panes on first use (see capture_sheet.py)

    async def open_capture(self, touchpoint_id: int, values: dict[str, str] | None = None) -> None:
        """Show the form for *touchpoint_id* (with a draft if one was kept) and focus it."""
        if self.app.refuse_write():  # feedback and drafts are writes
            return
        try:
            view = touchpoints.get_touchpoint(touchpoint_id)
            draft = values if values is not None else touchpoints.load_draft(touchpoint_id)
        except ServiceError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        current = self.form
        if current is not None:
            if current.touchpoint.id == touchpoint_id:
                current.fields.focus_first()
                return
            current.stop_draft_timer()
            current.write_draft_soon()  # never lose the other one (written off the UI thread)
        else:
            self._return_focus = self.app.focused
        if self._editor is None:
            from .capture_form import CaptureForm  # its editors are slow to import: not before needed
            from .capture_sheet import CaptureSheet

            self._sheet = CaptureSheet(id="capture-sheet")
            self._editor = CaptureForm(view, draft, id="capture-form")
            await self.screen.query_one("#panes").mount(self._sheet)
            self._sheet.open()
            await self._sheet.mount(self._editor)
        else:
            with self.app.batch_update():
                self._editor.load(view, draft)
                self._sheet.open()
            self._editor.fields.focus_first()
            self._editor.fields.bring_back()
        if draft and values is None:
            self.notify(_("Draft restored."), timeout=3)

    def close_form(self, touchpoint_id: int | None = None) -> None:
        """Take the form away (that touchpoint's, if given).  The main screen
        calls this in the same batch that shows the reloaded panes: one repaint
        for the whole change."""
        form = self.form
        if form is None or (touchpoint_id is not None and form.touchpoint.id != touchpoint_id):
            return  # already closed, or another contact's form opened meanwhile
        form.stop_draft_timer()
        form.fields.put_away()  # the field losing the focus is hidden with the sheet: no restyle now
        back, self._return_focus = self._return_focus, None
        # focus first: hiding the focused editor would make Textual search for a new focus
        if back is not None and back.is_attached and back.screen is self.screen and back.focusable:
            focus_now(back)
        else:
            focus_now(self.list)
        self._sheet.put_away()  # the form is kept for the next contact

    # -- keys -----------------------------------------------------------------------
    async def action_feedback(self) -> None:
        row = self.list.item
        if isinstance(row, AwaitingRow) and not self.refuse_slid_row():
            await self.open_capture(row.touchpoint_id)

    async def row_selected(self, item) -> None:
        """Enter on a row writes its feedback (o opens the talent)."""
        await self.action_feedback()

    def action_open_talent(self) -> None:
        row = self.list.item
        if isinstance(row, AwaitingRow):
            self.post_message(self.OpenTalent(row.talent_id))
