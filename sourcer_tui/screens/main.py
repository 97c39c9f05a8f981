"""The main screen: the four panes — Pipeline, Today, Capture, Snoozed.

The panes post what the user asked for; this screen does it with the
services and tells the other panes to reload.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header

from ..domain.vocab import FEEDBACK_KINDS, TOUCHPOINT_KINDS
from ..services import reminders, talents, touchpoints
from ..services.errors import ServiceError
from ..widgets.capture_pane import CapturePane
from ..widgets.key_footer import KeyFooter
from ..widgets.list_pane import ListPane
from ..widgets.pipeline_pane import PipelinePane
from ..widgets.snoozed_pane import SnoozedPane
from ..widgets.talent_actions import CloseRequest, LogRequest
from ..widgets.today_pane import TodayPane

__all__ = ["MainScreen"]

PANES = ("pipeline", "today", "capture", "snoozed")


class MainScreen(Screen):
    BINDINGS = [
        Binding("1", "focus_pane('pipeline')", "Pipeline", show=False, id="focus.pipeline"),
        Binding("2", "focus_pane('today')", "Today", show=False, id="focus.today"),
        Binding("3", "focus_pane('capture')", "Capture", show=False, id="focus.capture"),
        Binding("4", "focus_pane('snoozed')", "Snoozed", show=False, id="focus.snoozed"),
        Binding("F", "next_feedback", "Next feedback owed", id="capture.next", tooltip="Open the newest touchpoint still missing its feedback"),
        Binding("ctrl+r", "reload", "Reload", show=False, id="main.reload"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            yield PipelinePane(id="pipeline")
            with Vertical(id="side"):
                yield TodayPane(id="today")
                yield CapturePane(id="capture")
                yield SnoozedPane(id="snoozed")
        yield KeyFooter(compact=True)

    @property
    def capture(self) -> CapturePane:
        return self.query_one(CapturePane)

    def on_mount(self) -> None:
        self.action_focus_pane("pipeline")
        self.call_after_refresh(self._offer_drafts)

    def action_focus_pane(self, pane: str) -> None:
        if pane == "capture" and self.capture.form is not None:
            self.capture.form.fields.focus_first()
            return
        self.query_one(f"#{pane}").query_one("VirtualList").focus()

    def action_reload(self) -> None:
        for pane in PANES:
            self.query_one(f"#{pane}").reload()

    def reload_side(self) -> None:
        for pane in PANES[1:]:
            self.query_one(f"#{pane}").reload()

    # -- drafts left by a crash -------------------------------------------------------
    def _offer_drafts(self) -> None:
        pending = touchpoints.drafts()
        if not pending:
            return
        touchpoint_id, _ = pending[0]
        try:
            view = touchpoints.get_touchpoint(touchpoint_id)
        except ServiceError:
            return
        from ..modals.choice import ChoiceModal

        more = f" (and {len(pending) - 1} more)" if len(pending) > 1 else ""
        question = f"Unsaved feedback from last time: {view.label} with {view.talent}, {view.happened_at:%a %d %b %H:%M}{more}."

        async def chosen(choice: str | None) -> None:
            if choice == "resume":
                await self.capture.open_capture(touchpoint_id)
            elif choice == "discard":
                touchpoints.discard_draft(touchpoint_id)

        self.app.push_screen(
            ChoiceModal(question, [("r", "resume", "Resume it now"), ("l", None, "Later (it stays a draft)"), ("d", "discard", "Discard it")]),
            chosen,
        )

    # -- logging contacts ---------------------------------------------------------------
    @on(LogRequest)
    def _log_request(self, event: LogRequest) -> None:
        event.stop()
        self.log_contact(event.talent_id, event.candidacy_id, event.kind)

    def log_contact(self, talent_id: int, candidacy_id: int | None, kind: str) -> None:
        """Log *kind* ("" asks which, "?" opens the full form) for a talent, asking which
        mission it is about when that is not known and the talent is in several."""
        try:
            name = talents.get_talent(talent_id).name
        except ServiceError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        if candidacy_id is None:
            options = touchpoints.open_candidacies(talent_id)
            if len(options) == 1:
                candidacy_id = options[0][0]
            elif len(options) > 1:
                from ..modals.picker import PickerModal

                choices = [(cid, title) for cid, title in options] + [(0, "No mission (talent pool)")]

                def picked(value: int | None) -> None:
                    if value is not None:
                        self.log_contact_in(talent_id, value or None, kind, name)

                self.app.push_screen(PickerModal(f"Which mission is this contact with {name} about?", choices), picked)
                return
        self.log_contact_in(talent_id, candidacy_id, kind, name)

    def log_contact_in(self, talent_id: int, candidacy_id: int | None, kind: str, name: str) -> None:
        if kind == "":
            from ..modals.kind_picker import kind_picker

            self.app.push_screen(kind_picker(name), lambda chosen: chosen and self.log_contact_in(talent_id, candidacy_id, chosen, name))
            return
        if kind == "?":
            from ..modals.touchpoint_forms import touchpoint_form

            def filled(data: dict | None) -> None:
                if data is not None:
                    self._write_log(talent_id, candidacy_id, data["kind"], name, channel=data["channel"], when=data["when"], summary=data["summary"])

            self.app.push_screen(touchpoint_form(f"Log a contact with {name}", self.app.clock.now), filled)
            return
        self._write_log(talent_id, candidacy_id, kind, name)

    def _write_log(self, talent_id: int, candidacy_id: int | None, kind: str, name: str, **details) -> None:
        try:
            touchpoint_id = touchpoints.log_touchpoint(
                talent_id, candidacy_id, kind, self.app.clock.now(), self.app.settings.pipeline.stages, **details
            )
        except ServiceError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.query_one(PipelinePane).reload()
        self.reload_side()
        label = TOUCHPOINT_KINDS[kind][0]
        if kind == "reply_negative" and candidacy_id is not None:
            self.post_message(CloseRequest(candidacy_id, name, "declined", attach_to=touchpoint_id))
        elif kind in FEEDBACK_KINDS:
            self.call_later(self.capture.open_capture, touchpoint_id)
        else:
            self.notify(Text(f"Logged: {label} — {name}").plain, markup=False)

    # -- closing a candidacy ------------------------------------------------------------
    @on(CloseRequest)
    def _close_request(self, event: CloseRequest) -> None:
        event.stop()
        from ..modals.touchpoint_forms import closing_form

        reasons = self.app.settings.talent.decline_reasons

        def filled(data: dict | None) -> None:
            if data is None:
                return
            try:
                touchpoints.close_candidacy(event.candidacy_id, event.outcome, data, reasons, self.app.clock.now(), attach_to=event.attach_to)
            except ServiceError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            self.notify(Text(f"{event.name}: {'rejected by us' if event.outcome == 'rejected' else 'declined'} — {data['reason']}").plain, markup=False)
            self.query_one(PipelinePane).reload()
            self.reload_side()

        self.app.push_screen(closing_form(event.outcome, event.name, reasons), filled)

    # -- capture ------------------------------------------------------------------------
    async def action_next_feedback(self) -> None:
        touchpoint_id = touchpoints.next_missing_feedback()
        if touchpoint_id is None:
            self.notify("No feedback owed. Nice.")
            return
        await self.capture.open_capture(touchpoint_id)

    @on(CapturePane.DebtChanged)
    def _debt(self, event: CapturePane.DebtChanged) -> None:
        owed = f" · {event.count} feedback owed" if event.count else ""
        self.sub_title = f"{self.app.db_label}{owed}"

    @on(CapturePane.Captured)
    def _captured(self) -> None:
        self.query_one(TodayPane).reload()
        self.query_one(PipelinePane).reload()

    # -- due items ------------------------------------------------------------------------
    @on(TodayPane.Act)
    def _today_act(self, event: TodayPane.Act) -> None:
        row, now = event.row, self.app.clock.now()
        try:
            if event.what == "done":
                reminders.complete(row.reminder_id, now, self.app.settings.pipeline.stages)
                self.notify(Text(f"Done: {row.name}").plain, markup=False)
            elif event.what == "skip":
                reminders.skip(row.reminder_id, now)
                self.notify(Text(f"Skipped: {row.name}").plain, markup=False)
            else:
                self._reschedule(row)
                return
        except ServiceError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.reload_side()
        self.query_one(PipelinePane).reload()

    def _reschedule(self, row) -> None:
        from ..modals.date_form import date_form

        def chosen(data: dict | None) -> None:
            if data is None:
                return
            try:
                reminders.reschedule(row.reminder_id, data["date"])
            except ServiceError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            self.notify(Text(f"{row.name}: moved to {data['date']:%a %d %b}").plain, markup=False)
            self.query_one(TodayPane).reload()

        self.app.push_screen(date_form(f"Reschedule: {row.name}", self.app.clock.today()), chosen)

    # -- opening a talent -------------------------------------------------------------------
    @on(PipelinePane.OpenTalent)
    @on(ListPane.OpenTalent)
    def _open_talent(self, event) -> None:
        from .talent_detail import TalentDetailScreen

        self.app.push_screen(TalentDetailScreen(event.talent_id))

    @on(PipelinePane.Changed)
    def _changed(self) -> None:
        self.reload_side()
