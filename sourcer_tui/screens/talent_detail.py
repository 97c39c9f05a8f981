"""A talent's profile, their missions and their whole timeline."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from ..domain.humanize import count
from ..domain.vocab import SNOOZE_KINDS, label, stage_label
from ..services import snoozes, talents
from ..services.errors import ServiceError
from ..services.paging import PagedRows
from ..services import touchpoints
from ..widgets.key_footer import KeyFooter
from ..widgets.title_bar import TitleBar
from ..widgets.talent_actions import LOG_BINDINGS, LogRequest, SnoozeRequest, TalentActions
from ..widgets.timeline_list import TimelineList, describe_entry
from ..widgets.today_pane import KIND_LABELS
from ..textual_compat.kept_screen import KeptScreen

__all__ = ["TalentDetailScreen"]

NOTES_SHOWN = 4000

PROFILE_FIELDS = (
    ("headline", "Headline"),
    ("company", "Company"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("linkedin_url", "Profile"),
    ("location", "Location"),
    ("source", "Source"),
    ("referred_by", "Referred by"),
    ("tags", "Tags"),
)


class TalentDetailScreen(TalentActions, KeptScreen):
    BINDINGS = [
        Binding("escape,backspace", "app.pop_screen", "Back", id="detail.back"),
        Binding("e", "edit", "Edit talent", id="detail.edit"),
        Binding("a", "add_to_mission", "Add to mission", id="detail.add_to_mission"),
        *LOG_BINDINGS,
        Binding("f", "feedback", "Feedback", id="detail.feedback", tooltip="Write or edit the feedback of the selected touchpoint"),
        Binding("t", "edit_touchpoint", "Edit contact", id="detail.edit_touchpoint", tooltip="Kind, channel, date/time and message of the selected touchpoint"),
        Binding("delete", "delete_touchpoint", "Delete contact", id="detail.delete_touchpoint"),
        Binding("X", "export_person", "Export their data", id="detail.export_person", tooltip="Everything held on them, as JSON (subject access request)"),
        Binding("D", "erase_person", "Erase…", id="detail.erase_person", tooltip="Erase the talent and everything about them (asks first)"),
    ]

    def __init__(self, talent_id: int) -> None:
        super().__init__()
        self.talent_id = talent_id
        self._shown: int | None = None  # the talent on screen (the screen is reused: see SourcerApp.show_talent)

    def show(self, talent_id: int) -> None:
        """Show another talent next time the screen comes up.

        A screen already composed (second visit on) is filled here, before it is
        pushed: it then comes up with the talent in one layout and paint, not
        the last talent painted, then laid out and painted again."""
        self.talent_id = talent_id
        if self.is_mounted and self not in self.app.screen_stack:
            self.refill()
            self._filled = True

    _filled = False  # by show(), for the coming resume

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="detail"):
            with VerticalScroll(id="profile"):
                yield Static(id="profile-body")
            with Vertical(id="timeline-box"):
                yield TimelineList(id="timeline")
                yield Static(id="timeline-entry")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#profile").border_title = "Profile"
        self.query_one("#timeline-box").border_title = "Timeline"
        self.query_one(TimelineList).focus()  # the data comes with on_screen_resume, first time included

    def refresh_data(self) -> None:
        try:
            talent = talents.get_talent(self.talent_id)
        except ServiceError as error:
            self.notify(str(error), severity="error", markup=False)
            self.app.pop_screen()
            return
        self.sub_title = talent.name
        body = Text(talent.name, style="bold")
        body.append("\n")
        for field, title in PROFILE_FIELDS:
            value = getattr(talent, field)
            if value:
                body.append(f"\n{title}: ", "dim")
                body.append(label(value) if field == "source" else value)
        missions = talents.talent_candidacies(self.talent_id)
        body.append("\n\nMissions", "bold")
        if not missions:
            body.append("\n  none — talent pool (press a to add to a mission)", "dim")
        for _, title, stage in missions:
            body.append(f"\n  {title}: ")
            body.append(stage_label(stage), "cyan")
        self._coming_up(body, talent)
        if talent.notes:
            body.append("\n\nNotes\n", "bold")
            body.append(talent.notes[:NOTES_SHOWN])
            if len(talent.notes) > NOTES_SHOWN:  # a pasted 1 MB note must not freeze the screen
                body.append(f"… ({len(talent.notes) - NOTES_SHOWN:,} more characters: e to read or edit them)", "dim")
        self.query_one("#profile-body", Static).update(body)
        total = talents.count_timeline(self.talent_id)
        self.query_one("#timeline-box").border_title = f"Timeline ({count(total)})"
        timeline = self.query_one(TimelineList)
        rows = PagedRows(total, lambda offset, limit: talents.fetch_timeline(self.talent_id, offset, limit), page_size=50)
        rows.prefetch(*timeline.view().window())  # read with the profile: the screen comes up whole
        timeline.set_rows(rows)
        self._describe(timeline.item)

    def _coming_up(self, body: Text, talent) -> None:
        """Every commitment still pending, soonest first: nothing is ever only in a database row."""
        snooze = snoozes.active_snooze(self.talent_id)
        if snooze is not None:
            body.append("\n\nSnoozed", "bold yellow")
            body.append(f" ({SNOOZE_KINDS.get(snooze.kind, snooze.kind)}) until {snooze.until:%a %Y-%m-%d}", "yellow")
            if snooze.reason:
                body.append(f" — {snooze.reason}", "dim")
        if talent.keep_in_touch_months:
            body.append(f"\nKept in touch every {talent.keep_in_touch_months} month(s)", "dim")
        items = talents.upcoming(self.talent_id)
        body.append("\n\nComing up", "bold")
        if not items:
            body.append("\n  nothing planned", "dim")
        for item in items:
            body.append(f"\n  {item.due:%a %Y-%m-%d}  ")
            body.append(item.detail if item.kind == "followup" and item.detail else KIND_LABELS.get(item.kind, item.kind), "cyan")
            details = [d for d in (item.mission, item.detail if item.kind != "followup" else "", "waits for the wake-up" if item.paused else "") if d]
            if details:
                body.append(" — " + " · ".join(details).replace("\n", " "), "dim")

    @on(TimelineList.Highlighted)
    def _highlighted(self, event: TimelineList.Highlighted) -> None:
        self._describe(event.item)

    _described: object = None

    def _describe(self, entry) -> None:
        # The cursor's Highlighted follows refresh_data's own call with the same
        # entry: describing it again would lay the screen out a second time.
        if entry is not None and entry == self._described:
            return
        self._described = entry
        self.query_one("#timeline-entry", Static).update(describe_entry(entry) if entry is not None else Text(""))

    def action_edit(self) -> None:
        self.app.talent_flow.edit(self.talent_id)

    def action_add_to_mission(self) -> None:
        try:
            name = talents.get_talent(self.talent_id).name
        except ServiceError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.app.talent_flow.add_to_mission(self.talent_id, name)

    def on_screen_resume(self) -> None:
        if self._filled:
            self._filled = False
            return
        self.refill()

    def refill(self) -> None:
        """Show the talent asked for (see SourcerApp.show_talent), from the top of
        the timeline if it is another one than last time."""
        if not talents.talent_exists(self.talent_id):
            return
        if self._shown != self.talent_id:  # another talent: from the top of their timeline
            self._shown = self.talent_id
            self.query_one(TimelineList).cursor = 0
            self.query_one(TimelineList).scroll_to(y=0, animate=False, immediate=True)
            self.query_one(TimelineList).focus()
        self.refresh_data()

    # -- contacts ------------------------------------------------------------------
    def selection(self):
        return (self.talent_id, None)

    def on_log_request(self, event: LogRequest) -> None:
        """Logging happens on the main screen, where Capture is."""
        event.stop()
        self.app.pop_screen()
        self.app.talent_flow.log_contact(event.talent_id, event.candidacy_id, event.kind)

    def action_export_person(self) -> None:
        import json

        from ..locations import data_dir
        from ..services import privacy
        from ..services.outputs import private_dir, write_atomically

        folder = data_dir() / "exports"
        path = folder / f"talent-{self.talent_id}-{self.app.clock.today().isoformat()}.json"
        try:
            private_dir(folder)
            data = privacy.export_person(self.talent_id)
            text = json.dumps(data, ensure_ascii=False, indent=1, default=str)
            # the same day's export of this talent is replaced; never a database
            write_atomically(path, lambda out: out.write(text), database=self.app.db.database, force=True, what="export")
        except (ServiceError, OSError) as error:
            self.notify(f"Not exported: {error}", severity="error", markup=False)
            return
        self.notify(f"Everything held on them is in {path}", markup=False, timeout=8)

    def action_erase_person(self) -> None:
        from ..locations import backups_dir
        from ..modals.choice import ChoiceModal
        from ..services import privacy

        name = talents.get_talent(self.talent_id).name

        def chosen(choice) -> None:
            if choice != "erase":
                return
            try:
                older = privacy.erase(self.talent_id, self.app.clock.now(), backups=backups_dir())
                said, severity = f"Erased talent #{self.talent_id} and everything about them.", "information"
            except privacy.NotWiped as error:  # deleted, but a reader holds the old bytes in the file
                older, said, severity = error.older, f"{str(error)[0].upper()}{str(error)[1:]}.", "warning"
            except ServiceError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            note = f" {len(older)} older backup(s) may still hold them until they are pruned." if older else ""
            self.app.pop_screen()
            self.app.data_changed()
            self.notify(f"{said}{note}", severity=severity, markup=False, timeout=8 if severity == "information" else 20)

        question = f"Erase {name} and everything about them (contacts, feedback, reminders, snoozes)? This cannot be undone."
        self.app.push_screen(ChoiceModal(question, [("y", "erase", "Yes, erase them"), ("escape", None, "No")]), chosen)

    def on_snooze_request(self, event: SnoozeRequest) -> None:
        """This screen refreshes when it resumes (after the dialog)."""
        event.stop()
        self.app.talent_flow.snooze(event.talent_id, event.candidacy_id, event.reason)

    def _entry(self):
        entry = self.query_one(TimelineList).item
        if entry is None:
            self.notify("No touchpoint selected.", severity="warning")
        return entry

    def action_feedback(self) -> None:
        entry = self._entry()
        if entry is not None:
            self.app.pop_screen()
            self.app.open_capture(entry.id)

    def action_edit_touchpoint(self) -> None:
        from ..modals.touchpoint_forms import touchpoint_form

        entry = self._entry()
        if entry is None:
            return
        values = {"kind": entry.kind, "channel": entry.channel, "when": entry.happened_at.strftime("%Y-%m-%d %H:%M"), "summary": entry.summary}

        def filled(data: dict | None) -> None:
            if data is None:
                return
            try:
                touchpoints.update_touchpoint(
                    entry.id, kind=data["kind"], channel=data["channel"], happened_at=data["when"], summary=data["summary"], now=self.app.clock.now(),
                    skip_weekends=self.app.settings.cadence.skip_weekends,
                )
            except ServiceError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            self.notify("Contact updated.")

        self.app.push_screen(touchpoint_form("Edit this contact", self.app.clock.now, values), filled)

    def action_delete_touchpoint(self) -> None:
        from ..modals.choice import ChoiceModal

        entry = self._entry()
        if entry is None:
            return

        def chosen(choice: str | None) -> None:
            if choice != "delete":
                return
            try:
                touchpoints.delete_touchpoint(entry.id)
            except ServiceError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            self.notify("Contact deleted.")
            self.refresh_data()
            self.app.data_changed()

        question = f"Delete this contact ({entry.happened_at:%Y-%m-%d %H:%M}) with its feedback and next step? This cannot be undone."
        self.app.push_screen(ChoiceModal(question, [("y", "delete", "Yes, delete it"), ("escape", None, "No, keep it")]), chosen)
