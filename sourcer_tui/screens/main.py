"""The main screen: the four panes — Pipeline, Today, Capture, Snoozed.

The panes post what the user asked for; this screen (with the flows of
:mod:`.talent_flows`) does it with the services and reloads the panes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.color import Color
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.worker import get_current_worker

from ..services import cadence, changes, introducers, reminders, snoozes, talents, touchpoints
from ..services.errors import ServiceError
from ..domain.dates import describe_when
from ..domain.layout import footer_lines, is_narrow
from ..domain.vocab import kind_label
from ..i18n import N_, _, formats, ngettext
from ..widgets.capture_pane import CapturePane
from ..widgets.key_footer import KeyFooter
from ..widgets.list_pane import ListPane
from ..widgets.pane_bar import PaneBar, PaneCounted
from ..widgets.pane_frame import set_accent_frame
from ..widgets.pipeline_pane import PipelinePane
from ..widgets.snoozed_pane import SnoozedPane
from ..widgets.talent_actions import CloseRequest, FirstMessageRequest, LogRequest, SnoozeRequest
from ..widgets.title_bar import TitleBar
from ..widgets.today_pane import TodayPane, due_kind_label
from ..textual_compat.watchers import prune_watchers
from ..worker_failures import ReportsWorkerFailures
from ..textual_compat.kept_screen import KeptScreen
from ..widgets.focus import focus_now

if TYPE_CHECKING:  # imported when first opened (its editors are slow to import)
    from ..widgets.capture_form import CaptureForm

__all__ = ["MainScreen"]

PANES = ("pipeline", "today", "capture", "snoozed")
FRAMED = (*PANES, "capture-sheet")  # what shows the focus by an accent frame
#: The tables each pane reads: another connection's write to one of them
#: refreshes it (services/changes.py; "*": every pane).
READS = {
    "pipeline": frozenset({"talent", "candidacy", "mission", "touchpoint", "snooze", "grid_score", "grid_criterion", "introducer"}),
    "today": frozenset({"reminder", "talent", "candidacy", "mission", "touchpoint", "snooze", "recognition", "introducer"}),
    "capture": frozenset({"touchpoint", "talent", "candidacy", "mission"}),
    "snoozed": frozenset({"snooze", "talent", "candidacy", "mission"}),
}


def panes_reading(tables: frozenset[str]) -> tuple[str, ...]:
    """The panes (in :data:`PANES` order) that read one of *tables*."""
    if "*" in tables:
        return PANES
    return tuple(name for name in PANES if READS[name] & tables)


class MainScreen(ReportsWorkerFailures, KeptScreen):
    # Textual repaints the whole screen when focus moves (a full render of
    # every widget on it); the widgets whose look depends on focus (the pane
    # borders set by watch_focused, the cursor row) repaint themselves already.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    _active_pane: Widget | None = None

    def watch_focused(self, focused: Widget | None) -> None:
        """The pane holding the focus shows it by its accent frame (see main.tcss)."""
        pane = None
        if focused is not None:
            pane = next((node for node in focused.ancestors_with_self if node.id in FRAMED), None)
        shown = next((node.id for node in focused.ancestors_with_self if node.id in PANES), None) if focused is not None else None
        if shown is not None and shown != self.shown_pane:
            self.show_pane(shown)
        if pane is self._active_pane:
            return
        if self._active_pane is not None:  # back to its look in main.tcss
            set_accent_frame(self._active_pane, None)
        if pane is not None:
            set_accent_frame(pane, Color.parse(self.app.get_css_variables()["accent"]))
        self._active_pane = pane

    BINDINGS = [
        Binding("1", "focus_pane('pipeline')", N_("Go to Pipeline"), show=False, id="focus.pipeline", tooltip=N_("Focus the Pipeline pane")),
        Binding("2", "focus_pane('today')", N_("Go to Today"), show=False, id="focus.today", tooltip=N_("Focus the Today pane")),
        Binding("3", "focus_pane('capture')", N_("Go to Capture"), show=False, id="focus.capture", tooltip=N_("Focus the Capture pane")),
        Binding("4", "focus_pane('snoozed')", N_("Go to Snoozed"), show=False, id="focus.snoozed", tooltip=N_("Focus the Snoozed pane")),
        Binding("F", "next_feedback", N_("Owed feedback"), id="capture.next", tooltip=N_("Open the newest touchpoint still missing its feedback")),
        Binding("S", "stats", N_("Stats"), id="main.stats", tooltip=N_("Response rates per step, reasons for no, by source")),
        Binding("W", "introducers", N_("Introducers"), show=False, id="main.introducers", tooltip=N_("Who introduced talents (social referral), with their counts; Enter: their page")),
        Binding("T", "templates", N_("Templates"), show=False, id="main.templates", tooltip=N_("Message templates per step and channel, with a preview")),
        Binding("P", "privacy", N_("Privacy"), show=False, id="main.privacy", tooltip=N_("Talents past the retention limit: renew consent, anonymise or erase")),
        Binding("I", "import_file", N_("Import"), show=False, id="main.import", tooltip=N_("Import talents from a CSV file (preview first)")),
        Binding("ctrl+r", "reload", N_("Reload"), show=False, id="main.reload"),
        Binding("U", "toggle_team", N_("Mine / team"), id="main.toggle_team",
                tooltip=N_("Today and Capture: my items, or the whole team's (on a shared database)")),
    ]

    #: Today and Capture list the whole team's items (else mine); only in team mode.
    team_view = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_team":  # nothing of owners shows on a solo file
            return self.app.team.mode
        return True

    def action_toggle_team(self) -> None:
        if not self.app.team.mode:
            return
        self.team_view = not self.team_view
        self.reload_panes("today", "capture")
        self.app.talent_flow.say(_("Today and Capture: the whole team's items") if self.team_view else _("Today and Capture: my items"))

    def compose(self) -> ComposeResult:
        # the layout's class before the panes mount: added in on_mount, it styled every
        # node a second time (most of what the first frame at 80×24 took more)
        self.set_class(is_narrow(self.app.size.width, self.app.size.height), "-narrow")
        yield TitleBar()
        yield PaneBar(id="pane-bar")
        if self.app.read_only:
            from ..widgets.read_only_banner import ReadOnlyBanner

            yield ReadOnlyBanner(self.app.read_only, self.app.db_label)
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

    def on_compose(self) -> None:
        # Before the panes load: silent talents whose snooze day came are snoozed.
        self._day = self.app.clock.today()
        self._sweep()

    # The Pipeline's list has the focus from the first frame (Textual's auto
    # focus would give it to the search box first; None would mean the app's "*").
    AUTO_FOCUS = ""

    def on_mount(self) -> None:
        self.set_layout(self.app.size.width, self.app.size.height)
        self._first_load()
        self.set_focus(self.query_one("#pipeline").query_one("VirtualList"))
        self.query_one(KeyFooter).bindings_changed(self)  # the keys of that focus in the first frame
        self.call_after_refresh(self._offer_drafts)
        self.call_after_refresh(self.app.startup_done)
        # What other windows, teammates or cron jobs write shows by itself (services/changes.py):
        # SQLite's data version asked every [live] check_seconds, PostgreSQL's NOTIFY listened to.
        every = self.app.settings.live.check_seconds
        try:
            self._feed = changes.open_feed(self.app.db)
        except Exception as error:  # no listener (a driver, a server refusing): the app works, refreshed by hand
            self._feed = changes.NoFeed()
            self.notify(_("Live refresh is off ({reason}): ctrl+r reloads.").format(reason=error), severity="warning", markup=False)
        self.set_interval(every, self.check_outside)
        if self._feed.blocking:  # PostgreSQL: a thread of its own waits for NOTIFY
            self._listener = changes.Listener(self._feed, lambda tables: self.post_message(self.OutsideChanged(tables)),
                                              lambda error: self.post_message(self.ListenerFailed(error)))
            self._listener.start()

    _listener: changes.Listener | None = None

    def on_unmount(self) -> None:
        if self._listener is not None:
            self._listener.stop()
        self._feed.close()
        self.app.collection_back_to_normal()

    def on_screen_resume(self) -> None:
        prune_watchers(self.app)  # a closed screen or modal (on its way out): let its widgets go
        self.set_layout(self.app.size.width, self.app.size.height)  # the terminal may have changed size meanwhile

    def _sweep(self) -> None:
        try:
            cadence.sweep(self.app.clock.today(), self.app.clock.now(), self.app.settings)
        except ServiceError as error:
            self._failed(error)

    _feed: changes.ChangeFeed = changes.NoFeed()

    def check_outside(self) -> None:
        """The app stays open all day: at midnight Today is a new day (its planning runs),
        and what another process wrote shows without ctrl+r (also when the terminal
        window gets the focus back)."""
        if self.app.clock.today() != self._day:
            self._day = self.app.clock.today()
            self._sweep()
            self.reload_all()
            return
        if not self._feed.blocking:  # PostgreSQL's feed is listened to by its Listener
            self.outside_changed(self._feed.poll())

    class OutsideChanged(Message):
        """Another connection wrote these tables (posted by the PostgreSQL listener's thread)."""

        def __init__(self, tables: frozenset[str]) -> None:
            super().__init__()
            self.tables = tables

    class ListenerFailed(Message):
        def __init__(self, error: BaseException) -> None:
            super().__init__()
            self.error = error

    def on_main_screen_outside_changed(self, event: OutsideChanged) -> None:
        self.outside_changed(event.tables)

    def on_main_screen_listener_failed(self, event: ListenerFailed) -> None:
        self.notify(_("Live refresh stopped ({reason}): ctrl+r reloads.").format(reason=event.error), severity="warning", markup=False)

    def outside_changed(self, tables: frozenset[str]) -> None:
        """Another connection wrote *tables*: the panes that read them reload — the
        focus stays where it is, each list's cursor on its row, an open form as typed."""
        if tables and self.app.refresh_team():  # a teammate's first write: the owner UI shows
            self.refresh_bindings()
            self.query_one(PipelinePane).team_changed()
        names = panes_reading(tables)
        if names:
            self._load_panes(self._requests(*names, keep_row=True), None)
        shown = self.app.screen
        if shown is not self and hasattr(shown, "outside_changed"):  # a talent's screen over this one
            shown.outside_changed(tables)

    @property
    def sheet_open(self) -> bool:
        """The capture sheet covers the right column (see ListPane.allow_focus_children)."""
        return self.capture.form is not None

    def action_focus_pane(self, pane: str) -> None:
        if (pane != "pipeline" or self.narrow) and self.sheet_open:  # the sheet covers the other three (narrow: all four)
            self.capture.form.fields.focus_first()
            return
        self.show_pane(pane)
        focus_now(self.query_one(f"#{pane}").query_one("VirtualList"))  # `2 z`: z is Today's

    def cycle_panes(self, step: int) -> bool:
        """``tab`` in the narrow layout: the next pane (the others are out of the focus
        chain, being off the screen).  False: not narrow, or a form has the keys."""
        if not self.narrow or self.sheet_open or self.app.screen is not self:
            return False
        focused = self.focused
        if focused is not None and self.shown_pane == "pipeline" and focused.id == "pipeline-search":
            return False  # the search box and its list: tab goes between them as before
        at = PANES.index(self.shown_pane)
        self.action_focus_pane(PANES[(at + step) % len(PANES)])
        return True

    # -- the narrow layout (issue 23): one pane at a time -------------------------------
    narrow = False
    shown_pane = "pipeline"

    def on_resize(self, event) -> None:
        self.set_layout(event.size.width, event.size.height)

    def set_layout(self, width: int, height: int) -> None:
        """Wide: the four panes side by side; narrow (see domain/layout.py): the one
        holding the focus, full width, under a bar of the four titles and counts.
        Only what is shown changes: no widget is made again, so the focus, the
        cursors and the text being typed stay as they are."""
        narrow = is_narrow(width, height)
        self.query_one(KeyFooter).max_lines = footer_lines(height)
        if narrow == self.narrow and self.is_mounted and self._layout_set:
            return
        self.narrow, self._layout_set = narrow, True
        self.set_class(narrow, "-narrow")
        self.query_one(PaneBar).display = narrow
        self._show_only(self.shown_pane if narrow else None)

    _layout_set = False

    def show_pane(self, pane: str) -> None:
        """Narrow: *pane* is the one shown (wide: all are, this is remembered)."""
        self.shown_pane = pane
        self.query_one(PaneBar).show_pane(pane)
        if self.narrow:
            self._show_only(pane)

    def _show_only(self, pane: str | None) -> None:
        """Show *pane* alone (None: all four)."""
        for name in PANES:
            self.query_one(f"#{name}").display = pane is None or pane == name
        self.query_one("#side").display = pane != "pipeline"

    @on(PaneCounted)
    def _counted(self, event: PaneCounted) -> None:
        self.query_one(PaneBar).count(event.pane, event.total, event.late)

    def _first_load(self) -> None:
        """The panes' first rows, read here before the first frame, so that
        the first frame is the full one.  In worker threads they took far
        longer: the UI thread, busy starting up, holds the GIL, which each
        SQLite step gives back and must wait to take again."""
        try:
            found = [(pane, request, pane.read(request)) for pane, request in self._requests(*PANES)]
        except Exception:  # the worker's way reports it (a message, not a crash)
            self.reload_all()
            return
        self._show_panes(found)

    def _requests(self, *names: str, keep_row: bool = False) -> list:
        panes = [self.query_one(f"#{name}") for name in names]
        return [(pane, pane.prepare(keep_row=True) if keep_row and isinstance(pane, ListPane) else pane.prepare()) for pane in panes]

    def reload_all(self) -> None:
        if not self._feed.blocking:
            self._feed.poll()  # what this reload reads: not to be read again at the next check
        self.reload_panes(*PANES)

    def reload_side(self) -> None:
        self.reload_panes(*PANES[1:])

    def reload_panes(self, *names: str, then: Callable[[], None] | None = None) -> None:
        """Reload these panes together: one worker has them read side by side (each
        in a kept thread and connection), one batched repaint shows them — not one
        layout and repaint per pane.
        *then* runs in that same batch (even if the reading failed)."""
        self._load_panes(self._requests(*names), then)

    @work(thread=True, group="panes", exit_on_error=False)
    def _load_panes(self, requests: list, then: Callable[[], None] | None) -> None:
        found: list = []
        try:
            found = _read_in_parallel(self.app.readers, requests)
        finally:
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(self._show_panes, found, then)

    def _show_panes(self, found: list, then: Callable[[], None] | None = None) -> None:
        with self.app.batch_update():
            if then is not None:
                then()
            for pane, request, data in found:
                pane.show(request, data)  # each ignores a load overtaken by a newer one

    def action_reload(self) -> None:
        if self.app.refresh_team():
            self.refresh_bindings()
            self.query_one(PipelinePane).team_changed()
        self._sweep()
        self.reload_all()

    def action_stats(self) -> None:
        mission = self.query_one(PipelinePane).scope.mission
        self.app.show_stats(mission if isinstance(mission, int) else None)

    def action_introducers(self) -> None:
        from .introducers import IntroducersScreen

        self.app.push_screen(IntroducersScreen())

    def action_privacy(self) -> None:
        from .privacy import PrivacyScreen

        self.app.push_screen(PrivacyScreen())

    def action_import_file(self) -> None:
        from .import_flow import start_import

        start_import(self)

    def action_templates(self) -> None:
        from .templates import TemplatesScreen

        focused = self.focused.parent if self.focused is not None else None
        selected = focused.selection() if hasattr(focused, "selection") else None
        mission = self.query_one(PipelinePane).scope.mission
        self.app.push_screen(TemplatesScreen(selected[0] if selected else None, mission if isinstance(mission, int) else None))

    # -- drafts left by a crash -------------------------------------------------------
    def _offer_drafts(self) -> None:
        if self.app.read_only:  # a draft can be neither resumed nor discarded: it waits
            return
        pending = touchpoints.drafts()
        if not pending:
            return
        touchpoint_id, _draft = pending[0]
        try:
            view = touchpoints.get_touchpoint(touchpoint_id)
        except ServiceError:
            return
        from ..modals.choice import ChoiceModal

        what = {"kind": kind_label(view.kind), "name": view.talent, "when": formats.day_month_time(view.happened_at)}
        more = len(pending) - 1
        if more:
            question = ngettext(
                "Unsaved feedback from last time: {kind} with {name}, {when} (and {n} more).",
                "Unsaved feedback from last time: {kind} with {name}, {when} (and {n} more).",
                more,
            ).format(n=more, **what)
        else:
            question = _("Unsaved feedback from last time: {kind} with {name}, {when}.").format(**what)

        async def chosen(choice: str | None) -> None:
            if choice == "resume":
                await self.capture.open_capture(touchpoint_id)
            elif choice == "discard":
                touchpoints.discard_draft(touchpoint_id)

        self.app.push_screen(
            ChoiceModal(question, [("r", "resume", _("Resume it now")), ("l", None, _("Later (it stays a draft)")), ("d", "discard", _("Discard it"))]),
            chosen,
        )

    # -- capture ------------------------------------------------------------------------
    async def action_next_feedback(self) -> None:
        touchpoint_id = touchpoints.next_missing_feedback(owner=self.capture.owner_filter())  # mine, in team mode
        if touchpoint_id is None:
            self.notify(_("No feedback owed. Nice."))
            return
        await self.capture.open_capture(touchpoint_id)

    @on(CapturePane.DebtChanged)
    def _debt(self, event: CapturePane.DebtChanged) -> None:
        owed = " · " + ngettext("{n} feedback owed", "{n} feedback owed", event.count).format(n=event.count) if event.count else ""
        # A screen's sub_title repaints the whole screen when it changes (a
        # reactive's default) — after every saved feedback, and once after the
        # first frame: only the title line shows it.
        self.set_reactive(Screen.sub_title, f"{self.app.db_label}{owed}")
        self.query_one(TitleBar).refresh()

    # -- the capture form, saved or closed (it tells this screen at once) --------------------
    def on_capture_form_saved(self, event: CaptureForm.Saved) -> None:
        if event.due:
            said = _("Feedback saved · next step {when}").format(when=describe_when(event.due, event.at, self.app.clock.today()))
        else:
            said = _("Feedback saved")
        # an interview's grid scores are the Pipeline's grid average (A, or its order)
        graded = event.graded and self.query_one(PipelinePane).scope.reads_grid
        self._form_done(event.touchpoint_id, said, panes=("pipeline",) if graded else ())

    def on_capture_form_closed(self, event: CaptureForm.Closed) -> None:
        self._form_done(event.touchpoint_id, _("Draft kept: Enter on the row (or F) resumes it.") if event.kept_draft else "", timeout=4)

    def _form_done(self, touchpoint_id: int, say: str, timeout: float | None = None, panes: tuple[str, ...] = ()) -> None:
        # the form goes, and the message comes, with the reloaded panes: one layout, one repaint
        def close() -> None:
            self.capture.close_form(touchpoint_id)
            if say:
                self.notify(say, markup=False, **({"timeout": timeout} if timeout else {}))

        # a feedback touches its touchpoint and its next step only: nothing the
        # Pipeline shows (talent, stage, since when, snooze) changes — but the grid average
        self.reload_panes(*panes, "today", "capture", then=close)

    # -- Today ------------------------------------------------------------------------
    @on(TodayPane.Act)
    async def _today_act(self, event: TodayPane.Act) -> None:
        await self.act_on_today(event.row, event.what)

    async def act_on_today(self, row, what: str) -> None:
        """Today's keys on a row (called by the pane at once: see TalentActions.ask_screen)."""
        now = self.app.clock.now()
        if what == "profile":
            self._open_profile(row.talent_id)
            return
        if what == "email":
            self._copy_email(row.talent_id)
            return
        if what in ("copy", "send") and row.kind != "followup":
            self.notify(_("Only a follow-up has a message to send (T edits the templates)."), severity="warning")
            return
        outreach = self.app.outreach_flow
        if what == "copy":  # before the message goes out: a teammate who reached them lately is said first
            outreach.unless_teammate(row.talent_id, "followup", lambda: outreach.copy_followup(row), _("Nothing copied."))
            return
        if what == "send":
            outreach.unless_teammate(row.talent_id, "followup", lambda: outreach.email_followup(row), _("Not sent, nothing logged."))
            return
        if row.kind == "missing_feedback":
            if what == "done":
                await self.capture.open_capture(row.touchpoint_id)
            else:
                self.notify(_("Feedback owed: Enter writes it."), severity="warning")
            return
        try:
            if what == "reschedule":
                self._reschedule(row)
                return
            item, whose = due_kind_label(row.kind, row.detail, row.step), [row.talent_id]
            if what == "skip":
                with self.app.undoable(_("skipped: {item} — {name}").format(item=item, name=row.name), whose):
                    reminders.skip(row.reminder_id, now, self.app.settings)
                self._say(_("Skipped: {name}").format(name=row.name))
            elif row.kind == "keep_in_touch":
                # any contact pushes it back; a shortlist check-in's mission is closed: the call is the pool's
                self.app.talent_flow.log_contact(row.talent_id, None, "")
                return
            elif row.kind == "thank_introducer":
                self._thank(row)
                return
            elif row.kind == "wake_up" and row.snooze_id:
                with self.app.undoable(_("woke {name} up").format(name=row.name), whose):
                    snoozes.wake(row.snooze_id, now, self.app.settings.cadence.skip_weekends)
                self._say(_("{name} is back: recontact them").format(name=row.name))
            else:
                done = _("marked sent: {item} — {name}") if row.kind == "followup" else _("marked done: {item} — {name}")
                with self.app.undoable(done.format(item=item, name=row.name), whose):
                    copied = self.app.outreach_flow
                    reminders.complete(row.reminder_id, now, self.app.settings, message=copied.copied_message(row.reminder_id),
                                       template_key=copied.copied_template(row.reminder_id))
                if row.kind == "followup":
                    self._say(_("Sent: {detail} — {name}").format(detail=row.detail, name=row.name))
                else:
                    self._say(_("Done: {name}").format(name=row.name))
        except ServiceError as error:
            self._failed(error)
            return
        self.reload_all()

    def _thank(self, row) -> None:
        """`d` on a thank-you: how the introducer was thanked (a message, a T-shirt…), then recorded."""
        from ..modals.form import Field, FormModal

        def chosen(data: dict | None) -> None:
            if data is None:
                return
            try:
                whose = [row.talent_id, *introducers.talent_of_introducer(row.talent_id)]  # the note on their timeline, if a talent
                with self.app.undoable(_("thanked: {item}").format(item=row.detail), whose):
                    reminders.complete(row.reminder_id, self.app.clock.now(), self.app.settings, message=data.get("note", ""))
            except ServiceError as error:
                self._failed(error)
                return
            self._say(_("Thanks recorded: {item}").format(item=row.detail))
            self.reload_all()

        title = _("Thank {item} — how? (Enter saves)").format(item=row.detail)
        field = Field("note", _("Thanked with"), placeholder=_("a message, a call, a T-shirt…"))
        self.app.push_screen(FormModal(title, [field], lambda data: (dict(data), {})), chosen)

    def _reschedule(self, row) -> None:
        from ..modals.date_form import date_form

        def chosen(data: dict | None) -> None:
            if data is None:
                return
            try:
                item = due_kind_label(row.kind, row.detail, row.step)
                with self.app.undoable(_("rescheduled: {item} — {name}").format(item=item, name=row.name), [row.talent_id]):
                    reminders.reschedule(row.reminder_id, data["date"], data.get("time"))
            except ServiceError as error:
                self._failed(error)
                return
            at = data.get("time")
            day = formats.day_month(data["date"]) if at is None else formats.day_month_time(dt.datetime.combine(data["date"], at))
            self._say(_("{name}: moved to {day}").format(name=row.name, day=day))
            self.reload_side()

        today, skip = self.app.clock.today(), self.app.settings.cadence.skip_weekends
        self.app.push_screen(date_form(_("Reschedule: {name}").format(name=row.name), today, skip_weekends=skip), chosen)

    def _open_profile(self, talent_id: int) -> None:
        from ..domain.forms import is_web_url

        url = talents.get_talent(talent_id).linkedin_url
        if not is_web_url(url):
            self.notify(_("No http(s) profile URL for this talent (e to add one)."), severity="warning")
            return
        if self.app.open_link(url):  # otherwise: copied, and it said so
            self._say(_("Opening {url}").format(url=url))

    def _copy_email(self, talent_id: int) -> None:
        email = talents.get_talent(talent_id).email
        if not email:
            self.notify(_("No email for this talent (e to add one)."), severity="warning")
            return
        self.app.copy_to_clipboard(email)
        self._say(_("Copied {email}").format(email=email))

    # -- Snoozed ----------------------------------------------------------------------
    # -- a talent's flows, asked by the panes (flows/talent.py) -------------------------------
    def on_log_request(self, event: LogRequest) -> None:
        event.stop()
        self.app.talent_flow.log_contact(event.talent_id, event.candidacy_id, event.kind)

    def on_first_message_request(self, event: FirstMessageRequest) -> None:
        event.stop()
        self.app.outreach_flow.first_message(event.talent_id, event.candidacy_id)

    def on_close_request(self, event: CloseRequest) -> None:
        event.stop()
        self.app.talent_flow.close(event.candidacy_id, event.name, event.outcome, talent_id=event.talent_id, details=event.details)

    def on_snooze_request(self, event: SnoozeRequest) -> None:
        event.stop()
        self.app.talent_flow.snooze(event.talent_id, event.candidacy_id, event.reason)

    def data_changed(self, *, added: tuple[int, int] | None = None) -> None:
        """What a flow wrote shows: every pane reloads (the Pipeline follows a talent
        just *added* to a mission)."""
        if added is None:
            self.reload_all()
            return
        self.query_one(PipelinePane).show_added(*added)
        self.reload_side()

    def _say(self, text: str) -> None:
        self.app.talent_flow.say(text)

    def _failed(self, error: ServiceError) -> None:
        self.app.talent_flow.failed(error)

    # -- opening a talent -------------------------------------------------------------------
    @on(PipelinePane.OpenTalent)
    @on(ListPane.OpenTalent)
    def _open_talent(self, event) -> None:
        self.app.show_talent(event.talent_id)

    @on(PipelinePane.Changed)
    def _changed(self) -> None:
        self.reload_side()


def _read_in_parallel(readers, requests: list) -> list:
    """Each pane's read in its own thread and connection (SQLite lets go of the
    GIL while it reads: on two cores, Today and the Pipeline load side by side)."""
    futures = [(pane, request, readers.submit(lambda pane=pane, request=request: pane.read(request))) for pane, request in requests]
    return [(pane, request, future.result()) for pane, request, future in futures]


