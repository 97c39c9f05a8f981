"""A talent's profile, their missions and their whole timeline."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from ..db.values import as_date
from ..domain.facts import remote_label, salary_text
from ..domain.legal_basis import basis_label
from ..domain.talent_fields import labelled
from ..domain.vocab import label, snooze_kind_label, stage_label
from ..i18n import N_, _, formats, ngettext
from ..services import grids, introducers, privacy, snoozes, talents
from ..services.errors import ServiceError
from ..services.paging import PagedRows
from ..services import touchpoints
from ..widgets.grid_summary import grid_summary
from ..widgets.key_footer import KeyFooter
from ..widgets.title_bar import TitleBar
from ..widgets.talent_actions import APPROACH_BINDINGS, LOG_BINDINGS, FirstMessageRequest, LogRequest, SnoozeRequest, TalentActions
from ..widgets.timeline_list import TimelineList, describe_entry
from ..widgets.today_pane import KIND_LABELS
from ..textual_compat.kept_screen import KeptScreen

__all__ = ["TalentDetailScreen"]

NOTES_SHOWN = 4000

PROFILE_FIELDS = labelled(("headline", "company", "email", "phone", "linkedin_url", "location", "source", "referred_by", "tags"))


class TalentDetailScreen(TalentActions, KeptScreen):
    BINDINGS = [
        Binding("escape,backspace", "app.pop_screen", N_("Back"), id="detail.back"),
        Binding("e", "edit", N_("Edit talent"), id="detail.edit"),
        Binding("a", "add_to_mission", N_("Add to mission"), id="detail.add_to_mission"),
        *LOG_BINDINGS,
        *APPROACH_BINDINGS,
        Binding("f", "feedback", N_("Feedback"), id="detail.feedback", tooltip=N_("Write or edit the feedback of the selected touchpoint")),
        Binding("t", "edit_touchpoint", N_("Edit contact"), id="detail.edit_touchpoint", tooltip=N_("Kind, channel, date/time and message of the selected touchpoint")),
        Binding("delete", "delete_touchpoint", N_("Delete contact"), id="detail.delete_touchpoint"),
        Binding("X", "export_person", N_("Export their data"), id="detail.export_person", tooltip=N_("Everything held on them, as JSON (subject access request)")),
        Binding("J", "merge", N_("Merge with…"), id="detail.merge",
                tooltip=N_("Join this talent and a duplicate into one (a preview asks which values stay)")),
        Binding("W", "introducer", N_("Introducer"), id="detail.introducer",
                tooltip=N_("The page of who introduced them (or, if they introduced others, their own)")),
        Binding("D", "erase_person", N_("Erase…"), id="detail.erase_person", tooltip=N_("Erase the talent and everything about them (asks first)")),
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

    def action_introducer(self) -> None:
        """`W`: who introduced them; if nobody did but they introduced others, their own page."""
        found = introducers.introducer_of(self.talent_id) or introducers.introducer_as_talent(self.talent_id)
        if found is None:
            self.notify(_("Nobody is recorded as having introduced them (e: Introduced by)."), severity="warning")
            return
        self.app.show_introducer(found.id)

    def on_mount(self) -> None:
        self.query_one("#profile").border_title = _("Profile")
        self.query_one("#timeline-box").border_title = _("Timeline")
        self.query_one(TimelineList).focus()  # the data comes with on_screen_resume, first time included

    #: The tables this screen reads: another connection's write to one refreshes it.
    READS = frozenset({"talent", "touchpoint", "candidacy", "mission", "reminder", "snooze", "introducer", "recognition"})

    def outside_changed(self, tables: frozenset[str]) -> None:
        """Another window or a teammate wrote *tables* (the main screen's change feed):
        the profile and the timeline again, the timeline's cursor on its contact."""
        if "*" not in tables and not self.READS & tables:
            return
        if self._gone():
            return
        timeline = self.query_one(TimelineList)
        entry = timeline.item
        self.refresh_data()
        if entry is None:
            return
        peek = getattr(timeline.rows, "peek", None)
        for index in range(min(timeline.rows.total, 200)):  # the page read with the profile
            found = peek(index) if peek else None
            if getattr(found, "id", None) == entry.id:
                if index != timeline.cursor:
                    timeline.cursor = index
                    self._describe(timeline.item)
                return

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
                body.append("\n" + _("{field}:").format(field=_(title)) + " ", "dim")
                body.append(label(value) if field == "source" else value)
        for title, value in _facts(talent):
            body.append("\n" + _("{field}:").format(field=title) + " ", "dim")
            body.append(value)
        as_introducer = introducers.introducer_as_talent(self.talent_id)  # migration 0023: they introduce others
        if as_introducer is not None:
            body.append("\n" + _("{field}:").format(field=_("Introduced")) + " ", "dim")
            body.append(ngettext("{n} talent (W: their page)", "{n} talents (W: their page)", as_introducer.introductions)
                        .format(n=as_introducer.introductions))
        basis, since = privacy.legal_basis(talent)  # migration 0019: how they entered the pool
        body.append("\n" + _("{field}:").format(field=_("Legal basis")) + " ", "dim")
        body.append(_("{basis} since {day}").format(basis=basis_label(basis), day=formats.full_date(since)))
        missions = talents.talent_candidacies(self.talent_id)
        body.append("\n\n" + _("Missions"), "bold")
        if not missions:
            body.append("\n  " + _("none — talent pool (press a to add to a mission)"), "dim")
        for _candidacy, title, stage in missions:
            body.append("\n  " + _("{field}:").format(field=title) + " ")
            body.append(stage_label(stage), "cyan")
        self._coming_up(body, talent)
        body.append_text(grid_summary(grids.talent_grids(self.talent_id)))
        if talent.notes:
            body.append("\n\n" + _("Notes") + "\n", "bold")
            body.append(talent.notes[:NOTES_SHOWN])
            if len(talent.notes) > NOTES_SHOWN:  # a pasted 1 MB note must not freeze the screen
                more = len(talent.notes) - NOTES_SHOWN
                hidden = ngettext("… ({n} more characters: e to read or edit them)", "… ({n} more characters: e to read or edit them)", more)
                body.append(hidden.format(n=formats.number(more)), "dim")
        self.query_one("#profile-body", Static).update(body)
        total = talents.count_timeline(self.talent_id)
        self.query_one("#timeline-box").border_title = _("Timeline ({n})").format(n=formats.number(total))
        timeline = self.query_one(TimelineList)
        rows = PagedRows(total, lambda offset, limit: talents.fetch_timeline(self.talent_id, offset, limit), page_size=50)
        rows.prefetch(*timeline.view().window())  # read with the profile: the screen comes up whole
        timeline.set_rows(rows)
        self._describe(timeline.item)

    def _coming_up(self, body: Text, talent) -> None:
        """Every commitment still pending, soonest first: nothing is ever only in a database row."""
        snooze = snoozes.active_snooze(self.talent_id)
        if snooze is not None:
            body.append("\n\n" + _("Snoozed"), "bold yellow")
            body.append(" " + _("({kind}) until {day}").format(kind=snooze_kind_label(snooze.kind), day=formats.weekday_date(snooze.until)), "yellow")
            if snooze.reason:
                body.append(f" — {snooze.reason}", "dim")
        if talent.keep_in_touch_months:
            months = talent.keep_in_touch_months
            body.append("\n" + ngettext("Kept in touch every {n} month(s)", "Kept in touch every {n} month(s)", months).format(n=months), "dim")
        items = talents.upcoming(self.talent_id)
        body.append("\n\n" + _("Coming up"), "bold")
        if not items:
            body.append("\n  " + _("nothing planned"), "dim")
        for item in items:
            when = formats.weekday_date(item.due) if item.time is None else formats.weekday_date_time(dt.datetime.combine(item.due, item.time))
            body.append(f"\n  {when}  ")
            kind = _(KIND_LABELS[item.kind]) if item.kind in KIND_LABELS else item.kind
            body.append(item.detail if item.kind == "followup" and item.detail else kind, "cyan")
            details = [d for d in (item.mission, item.detail if item.kind != "followup" else "", _("waits for the wake-up") if item.paused else "") if d]
            if details:
                body.append(" — " + " · ".join(details).replace("\n", " "), "dim")

    @on(TimelineList.Highlighted)
    def _highlighted(self, event: TimelineList.Highlighted) -> None:
        # the row under the cursor now, not the event's: one posted for the previous
        # talent's timeline can arrive after this talent's (empty) one is shown
        self._describe(self.query_one(TimelineList).item)

    _described: object = None

    def _describe(self, entry) -> None:
        # The cursor's Highlighted follows refresh_data's own call with the same
        # entry: describing it again would lay the screen out a second time.
        if entry is not None and entry == self._described:
            return
        self._described = entry
        team = self.app.team
        by = team.owner_name(entry.owner) if entry is not None and team.mode else ""
        self.query_one("#timeline-entry", Static).update(describe_entry(entry, by) if entry is not None else Text(""))

    def action_edit(self) -> None:
        self.app.talent_flow.edit(self.talent_id)

    def action_merge(self) -> None:
        from ..flows.merge import MergeFlow

        MergeFlow(self.app).start(self.talent_id)

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

    def _gone(self) -> bool:
        """Whether the talent is no longer in the file (erased or merged in another
        window, or by a teammate): then their page says so and goes, never left
        showing what was erased."""
        if talents.talent_exists(self.talent_id):
            return False
        self.notify(_("{name} is no longer in the file: erased or merged in another window.").format(name=self.sub_title),
                    severity="warning", markup=False)
        if self.app.screen is self:
            self.app.pop_screen()
        return True

    def refill(self) -> None:
        """Show the talent asked for (see SourcerApp.show_talent), from the top of
        the timeline if it is another one than last time."""
        if self._gone():
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

    def on_first_message_request(self, event: FirstMessageRequest) -> None:
        """The first message, previewed here; logged on the main screen (the Pipeline shows it)."""
        event.stop()
        self.app.pop_screen()
        self.app.outreach_flow.first_message(event.talent_id, event.candidacy_id)

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
            self.notify(_("Not exported: {error}").format(error=error), severity="error", markup=False)
            return
        self.notify(_("Everything held on them is in {path}").format(path=path), markup=False, timeout=8)

    def action_erase_person(self) -> None:
        from ..flows.erasure import ErasureFlow

        ErasureFlow(self.app).erase(self.talent_id, talents.get_talent(self.talent_id).name, self.app.pop_screen)

    def on_snooze_request(self, event: SnoozeRequest) -> None:
        """This screen refreshes when it resumes (after the dialog)."""
        event.stop()
        self.app.talent_flow.snooze(event.talent_id, event.candidacy_id, event.reason)

    def _entry(self):
        entry = self.query_one(TimelineList).item
        if entry is None:
            self.notify(_("No touchpoint selected."), severity="warning")
        return entry

    def action_feedback(self) -> None:
        entry = self._entry()
        if entry is not None:
            self.app.pop_screen()
            self.app.open_capture(entry.id)

    def action_edit_touchpoint(self) -> None:
        entry = self._entry()
        if entry is None:
            return
        values = touchpoints.contact_form_values(entry.kind, entry.channel, entry.happened_at, entry.summary)
        self._edit_contact(entry.id, values, entry.version)

    def _edit_contact(self, touchpoint_id: int, values: dict[str, str], version: int | None) -> None:
        """The contact's form; its save names the version it was filled from (a change
        made elsewhere meanwhile: both versions, then theirs, mine or back to the form)."""
        from ..modals.touchpoint_forms import touchpoint_form

        def filled(data: dict | None) -> None:
            if data is not None:
                self._save_contact(touchpoint_id, data, version)

        self.app.push_screen(touchpoint_form(_("Edit this contact"), self.app.clock.now, values), filled)

    def _save_contact(self, touchpoint_id: int, data: dict, version: int | None) -> None:
        try:
            touchpoints.update_touchpoint(
                touchpoint_id, kind=data["kind"], channel=data["channel"], happened_at=data["when"], summary=data["summary"],
                now=self.app.clock.now(), skip_weekends=self.app.settings.cadence.skip_weekends, version=version,
            )
        except touchpoints.ContactConflict as conflict:
            self._contact_conflict(touchpoint_id, data, conflict)
            return
        except ServiceError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.notify(_("Contact updated."))

    def _contact_conflict(self, touchpoint_id: int, mine: dict, conflict: touchpoints.ContactConflict) -> None:
        from ..modals.conflict import ConflictModal

        self.refresh_data()  # theirs, behind the question

        def chosen(choice: str | None) -> None:
            if choice == "mine":
                self._save_contact(touchpoint_id, mine, conflict.version)
            elif choice == "edit":
                shown = touchpoints.contact_form_values(mine["kind"], mine["channel"], mine["when"], mine["summary"])
                self._edit_contact(touchpoint_id, shown, conflict.version)

        question = _("This contact was changed elsewhere (another window or a teammate) while you edited. Yours is not saved yet:")
        self.app.push_screen(ConflictModal(question, conflict.differences, [
            ("t", "theirs", _("Keep theirs: drop my changes")),
            ("m", "mine", _("Overwrite with mine")),
            ("e,escape", "edit", _("Back to editing (my text stays in the form)")),
        ]), chosen)

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
            self.notify(_("Contact deleted."))
            self.refresh_data()
            self.app.data_changed()

        question = _("Delete this contact ({when}) with its feedback and next step? This cannot be undone.").format(when=formats.date_time(entry.happened_at))
        self.app.push_screen(ChoiceModal(question, [("y", "delete", _("Yes, delete it")), ("escape", None, _("No, keep it"))]), chosen)


def _facts(talent) -> list[tuple[str, str]]:
    """``(label, value)`` of the facts recruiters ask about that the talent has (migration 0017)."""
    available = as_date(talent.available_from)
    facts = [
        (_("Salary"), salary_text(talent.salary_amount, talent.salary_currency, talent.salary_period)),
        (_("Notice"), talent.notice_period),
        (_("Available from"), formats.weekday_date(available) if available else ""),
        (_("Remote"), remote_label(talent.remote_pref) if talent.remote_pref else ""),
        (_("Languages"), talent.languages),
        (_("CV"), talent.cv_ref),
    ]
    return [(title, value) for title, value in facts if value]

