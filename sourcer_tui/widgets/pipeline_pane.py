"""Pipeline pane: one mission's (or every mission's) candidacies by stage."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input
from textual.worker import get_current_worker

from ..services.reads import Interrupted, InterruptibleRead
from ..domain.pipeline_filter import POOL_OWN, next_sort, sort_label, summary
from ..domain.stages import adjacent_stage, all_stages, is_closed
from ..domain.vocab import picker_status, stage_label
from ..i18n import N_, _, formats, ngettext
from ..services import missions as mission_service
from ..services import grids as grid_service
from ..services import introducers, pipeline, talents
from ..services.errors import ServiceError
from ..services.paging import GroupedRows
from ..services.pipeline import POOL, PipelineRow, Scope
from ..worker_failures import ReportsWorkerFailures
from .pane_bar import PaneCounted
from .pane_frame import FrameLooks
from .pipeline_list import PipelineList
from .virtual_list import View
from ..textual_compat.search_box import SearchBox
from .text_line import TextLine
from .talent_actions import APPROACH_BINDINGS, LOG_BINDINGS, CloseRequest, TalentActions
from .focus import focus_now

__all__ = ["PipelinePane"]


class PipelinePane(ReportsWorkerFailures, TalentActions, FrameLooks, Vertical):
    """Choose a mission, browse its candidacies by stage, move them along."""

    BINDINGS = [
        Binding("m", "choose_mission", N_("Mission"), show=False, id="pipeline.choose_mission", tooltip=N_("Show another mission, all missions or the whole talent pool")),
        Binding("M", "new_mission", N_("New mission"), show=False, id="pipeline.new_mission"),
        Binding("E", "edit_mission", N_("Edit mission"), show=False, id="pipeline.edit_mission", tooltip=N_("Title, status, the mission's own follow-up cadence and its interview grid (ctrl+g)")),
        Binding("R", "pool_matches", N_("Pool matches"), show=False, id="pipeline.pool_matches",
                tooltip=N_("Talents of your pool who fit the mission shown, best first, with why")),
        Binding("n", "new_talent", N_("New talent"), id="pipeline.new_talent"),
        Binding("e", "edit_talent", N_("Edit"), id="pipeline.edit_talent"),
        Binding("a", "add_to_mission", N_("Add to mission"), show=False, id="pipeline.add_to_mission"),
        Binding("right_square_bracket", "move_stage(1)", N_("Next stage"), id="pipeline.next_stage", key_display="]"),
        Binding("left_square_bracket", "move_stage(-1)", N_("Prev stage"), show=False, id="pipeline.previous_stage", key_display="["),
        Binding("s", "pick_stage", N_("Stage…"), id="pipeline.pick_stage"),
        Binding("slash", "search", N_("Search"), id="pipeline.search", key_display="/"),
        Binding("escape", "clear_search", N_("Clear search"), id="pipeline.clear_search"),
        Binding("escape", "clear_filter", N_("Clear filter"), id="pipeline.clear_filter",
                tooltip=N_("Esc clears the search first, then the filter")),
        Binding("f", "filter", N_("Filter…"), id="pipeline.filter",
                tooltip=N_("Show only some rows: stage, tag, source, location, last contact, snoozed, salary, remote, availability, languages, notice")),
        Binding("O", "cycle_sort", N_("Sort"), show=False, id="pipeline.sort",
                tooltip=N_("Order the rows by name, by last contact (the longest without first) or by time in stage, then back")),
        Binding("space", "toggle_mark", N_("Select"), show=False, id="pipeline.mark",
                tooltip=N_("Select the row for a bulk action, or unselect it")),
        Binding("asterisk", "mark_all", N_("Select all"), show=False, id="pipeline.mark_all", key_display="*",
                tooltip=N_("Select every row shown (with the filter and the search), or unselect them all")),
        Binding("b", "bulk", N_("Bulk…"), show=False, id="pipeline.bulk",
                tooltip=N_("Move the selected rows to a stage, snooze them, add them to a mission, tag them or export them")),
        Binding("v", "toggle_facts", N_("Salary and availability columns"), show=False, id="pipeline.toggle_facts",
                tooltip=N_("Show or hide each talent's salary wish and availability date")),
        Binding("A", "toggle_grid_average", N_("Grid average column"), show=False, id="pipeline.toggle_grid",
                tooltip=N_("Show or hide each candidacy's interview-grid average (one mission with a grid)")),
        Binding("J", "merge", N_("Merge with…"), show=False, id="pipeline.merge",
                tooltip=N_("Join the selected talent and a duplicate into one (a preview asks which values stay)")),
        *LOG_BINDINGS,
        *APPROACH_BINDINGS,
    ]

    class OpenTalent(Message):
        """Ask the screen to open a talent's detail."""

        def __init__(self, talent_id: int) -> None:
            super().__init__()
            self.talent_id = talent_id

    class Changed(Message):
        """Data behind other panes may have changed."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scope = Scope()
        self._reads: InterruptibleRead | None = None
        #: The rows selected for a bulk action: (talent id, candidacy id or None).
        self.marked: set[tuple[int, int | None]] = set()

    def compose(self) -> ComposeResult:
        yield TextLine(id="pipeline-scope")
        yield SearchBox(placeholder=_("search name, headline, email, tags, notes… (esc to clear)"), id="pipeline-search")
        yield PipelineList(id="pipeline-list")

    def on_mount(self) -> None:
        self._reads = InterruptibleRead(self.app.readers)
        self.border_title = _("Pipeline")
        self.query_one("#pipeline-search").display = False  # the data: MainScreen loads the panes at once

    def allow_focus_children(self) -> bool:
        """Out of the focus chain while the capture form covers it (the narrow layout)."""
        screen = self.screen
        covered = getattr(screen, "narrow", False) and getattr(screen, "sheet_open", False)
        return not covered and super().allow_focus_children()

    # -- loading --------------------------------------------------------------
    @property
    def list(self) -> PipelineList:
        return self.query_one(PipelineList)

    # A load is prepare() on the UI thread, read() in a worker, show() back on
    # the UI thread (see ListPane; MainScreen batches the panes' loads).
    _request = 0

    def prepare(self, *, follow: tuple[str, int | None] | None = None, keep: bool = True) -> tuple:
        """Start a load; *follow* = (group key, talent id) puts the cursor on that
        row once loaded; *keep* keeps it on the same talent, wherever they moved."""
        if follow is None and keep:
            row = self._row(under_header=False) if self.is_mounted else None
            if row is not None:
                stage = POOL if self.scope.is_pool else pipeline.stage_of(row.candidacy_id)
                follow = (stage, row.talent_id) if stage else None
        self._request += 1
        # the first load, and a new scope: the cursor starts on a talent, never on a header
        first_talent = not self._shown_once or not keep
        return (self._request, self.scope, tuple(self.app.settings.pipeline.stages), follow, self.list.view(), first_talent)

    _shown_once = False

    def read(self, request: tuple) -> tuple:
        """Counts, the cursor's place and the rows on screen, all here: the UI
        thread then draws without a query, however slow a search is.  In a
        worker: reads *request* and the services, never a widget."""
        _number, scope, stages, follow, view, first_talent = request
        return self._read(scope, stages, follow, view, first_talent)

    def show(self, request: tuple, data: tuple) -> None:
        number, scope, *_rest = request
        if number == self._request and scope == self.scope and self.is_attached:
            self._show(scope, *data)

    def reload(self, *, follow: tuple[str, int | None] | None = None, keep: bool = True) -> None:
        """Recount the groups (in a thread) and redraw."""
        self._load(self.prepare(follow=follow, keep=keep))

    @work(thread=True, exclusive=True, group="pipeline", exit_on_error=False)
    def _load(self, request: tuple) -> None:
        try:
            with self._reads.reading():
                found = self.read(request)
        except Interrupted:  # a newer search is on its way
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show, request, found)

    def _read(self, scope: Scope, stages: tuple[str, ...], follow, view: View, first_talent: bool = False) -> tuple:
        with pipeline.one_search(scope):
            return self._read_once(scope, stages, follow, view, first_talent)

    def _read_once(self, scope: Scope, stages: tuple[str, ...], follow, view: View, first_talent: bool = False) -> tuple:
        groups = pipeline.groups(scope, stages)
        label = self._scope_label(scope)
        counts = {group.key: group.count for group in groups}
        found = sum(counts.values())
        rows = GroupedRows(groups, lambda key, offset, limit: pipeline.fetch_rows(scope, key, offset, limit, counts.get(key), found))
        cursor = None
        if follow is not None:
            cursor = self._find(rows, *follow)
        if cursor is None and (scope.search or first_talent):  # the first talent of the first group, not its header
            first = next((i for i, g in enumerate(groups) if g.count), None)
            cursor = None if first is None else rows.group_start(first) + 1
        rows.prefetch(*view.window(cursor))
        return rows, label, cursor

    def _scope_label(self, scope: Scope) -> str:
        if scope.is_pool:
            return _("Talent pool — every talent")
        if scope.mission is None:
            return _("All missions")
        try:
            mission = mission_service.get_mission(scope.mission)
        except ServiceError:
            return _("Mission gone")
        return f"{mission.title} — {mission.client}" if mission.client else mission.title

    def _show(self, scope: Scope, rows: GroupedRows, label: str, cursor: int | None) -> None:
        total = sum(g.count for g in rows.groups)
        shown = formats.number(total)
        if scope.is_pool:
            many = ngettext("{n} talent", "{n} talents", total).format(n=shown)
        else:
            many = ngettext("{n} candidacy", "{n} candidacies", total).format(n=shown)
        line = Text.assemble(("◆ ", "bold"), (label, "bold"), "  ", (many, "dim"))
        if scope.search:
            line.append("  ")
            line.append_text(_styled(_("search: {search}"), search=(scope.search, "italic")))
        if self.marked:
            line.append("  ")
            line.append(ngettext("{n} selected", "{n} selected", len(self.marked)).format(n=formats.number(len(self.marked))), "bold")
            line.append("  " + _("b: bulk action"), "dim")
        line.append("   " + _("m: change"), "dim")
        self.query_one("#pipeline-scope", TextLine).update(line)
        self._title()
        self.list.show_mission = scope.mission is None
        self.list.show_grid = scope.grid and isinstance(scope.mission, int)  # a mission's column: not on all missions
        self.list.show_owner = self.app.team.mode  # who made each candidacy: only once there is a team
        if self.list.marked is not self.marked:
            self.list.show_marked(self.marked)
        self.list.empty_text = self.list.loaded_empty_text
        self.list.set_rows(rows, cursor=cursor)
        self._shown_once = True
        self.post_message(PaneCounted("pipeline", total))

    @staticmethod
    def _find(rows: GroupedRows, key: str, talent_id: int | None) -> int | None:
        for number, group in enumerate(rows.groups):
            if group.key == key:
                start = rows.group_start(number)
                for index in range(start + 1, start + 1 + min(group.count, 200)):
                    item = rows.get(index)
                    if talent_id is None or getattr(item, "talent_id", None) == talent_id:
                        return index
                return start
        return None

    # -- selection helpers ----------------------------------------------------
    def selection(self):
        row = self._row()
        return None if row is None else (row.talent_id, row.candidacy_id)

    def _row(self, *, under_header: bool = True) -> PipelineRow | None:
        """The row under the cursor; on a stage's header, the first row below it
        (*under_header*): `c`, `z`, Enter… act on the talent one sees first."""
        item = self.list.item
        if under_header and item is not None and self.list.is_header(item):
            item = self.list.row_below_header()
        return item if isinstance(item, PipelineRow) else None

    def _need_row(self, candidacy: bool = False) -> PipelineRow | None:
        row = self._row()
        if row is None:
            self.notify(_("Select a talent first."), severity="warning")
        elif candidacy and row.candidacy_id is None:
            self.notify(_("This talent is in no mission here: press a to add them to one."), severity="warning")
            return None
        return row

    def _report(self, error: ServiceError) -> None:
        self.notify(Text(str(error)).plain, severity="error", markup=False)

    # -- actions --------------------------------------------------------------
    def action_choose_mission(self) -> None:
        from ..modals.picker import PickerModal

        every = "__all__"  # the picker's None means "cancelled"
        options: list[tuple[Any, str]] = [(every, _("All missions")), (POOL, _("Talent pool (every talent)"))]
        options += [
            (m.id, _("{mission}  [{status}] · {active} active").format(mission=m.display, status=picker_status(m.status), active=m.active))
            for m in mission_service.list_missions()
        ]

        def chosen(value: Any) -> None:
            if value is not None:
                self._rescope(None if value == every else value)
                self.reload(keep=False)

        current = every if self.scope.mission is None else self.scope.mission
        self.app.push_screen(PickerModal(_("Show which mission?"), options, current=current), chosen)

    def action_new_mission(self) -> None:
        from ..modals.records import mission_form

        def saved(data: dict[str, str] | None) -> None:
            if data is None:
                return
            try:
                mission_id = mission_service.create_mission(data, self.app.clock.now())
            except ServiceError as error:
                self._report(error)
                return
            self.notify(Text(_("Mission created: {title}").format(title=data["title"])).plain, markup=False)
            self._rescope(mission_id)
            self.reload()
            self.app.show_pool_matches(mission_id, if_any=True)  # a new search starts: who in the pool fits?

        self.app.push_screen(mission_form(defaults=self.app.settings.cadence), saved)

    def action_pool_matches(self) -> None:
        mission_id = self.scope.mission
        if not isinstance(mission_id, int):
            self.notify(_("Show one mission first (m), then R lists the talents of your pool who fit it."), severity="warning")
            return
        self.app.show_pool_matches(mission_id)

    def action_toggle_facts(self) -> None:
        self.list.show_facts = not self.list.show_facts
        self.list.refresh()

    def action_toggle_grid_average(self) -> None:
        if not isinstance(self.scope.mission, int):
            self.notify(_("Show one mission first (m): the grid average is a mission's."), severity="warning")
            return
        self.scope = replace(self.scope, grid=not self.scope.grid)
        self.list.show_grid = self.scope.grid
        if self.scope.grid and not grid_service.has_grid(self.scope.mission):
            self.notify(_("This mission has no interview grid yet: E, then ctrl+g, gives it one."), severity="warning")
        self.reload()

    def action_edit_mission(self) -> None:
        from ..modals.records import mission_form

        mission_id = self.scope.mission
        if not isinstance(mission_id, int):
            self.notify(_("Show one mission first (m), then E edits it."), severity="warning")
            return
        values = mission_service.mission_form_data(mission_id)

        def saved(data: dict | None) -> None:
            if data is None:
                return
            try:
                mission_service.update_mission(mission_id, data, self.app.clock.now())
            except ServiceError as error:
                self._report(error)
                return
            self.notify(Text(_("Mission saved: {title}").format(title=data["title"])).plain, markup=False)
            self.reload()
            if data.get("status") == "closed" and values.get("status") != "closed":  # its shortlist: check in with them
                self.app.checkin_flow.offer_mission(mission_id, mission_service.get_mission(mission_id).title)
            elif data.get("status") != "closed":
                self.app.show_pool_matches(mission_id, if_any=True)  # the brief may have changed who fits

        from ..flows.grids import GridFlow
        from ..modals.mission_form import MissionForm

        def grid() -> None:  # ctrl+g in the form: the grid editor over it
            GridFlow(self.app).edit(mission_id)

        self.app.push_screen(mission_form(values, self.app.settings.cadence, form_class=MissionForm, on_grid=grid), saved)

    def action_new_talent(self) -> None:
        from ..modals.name_checked_form import NameCheckedForm
        from ..modals.records import talent_form

        sources = self.app.settings.talent.sources

        def saved(data: dict[str, str] | None) -> None:
            if data is None:
                return
            now = self.app.clock.now()
            try:
                talent_id = talents.create_talent(data, sources, now, skip_weekends=self.app.settings.cadence.skip_weekends)
            except ServiceError as error:
                self._report(error)
                return
            shown = mission_service.get_mission(self.scope.mission) if isinstance(self.scope.mission, int) else None
            if shown is not None and shown.status != "closed":
                self.app.talent_flow.add(talent_id, shown.id, data["name"])
                return
            # Not in a mission yet (or this one is closed): show them in the talent pool, offer an open mission.
            said = _("Talent created: {name}").format(name=data["name"])
            if shown is not None:
                said += ". " + _("{title} is closed: pick an open mission for them (esc: none).").format(title=shown.title)
            self.notify(Text(said).plain, markup=False)
            self._rescope(POOL)
            self.reload(follow=(POOL, talent_id))
            self.app.talent_flow.add_to_mission(talent_id, data["name"])

        self.app.push_screen(talent_form(sources, form_class=NameCheckedForm, open_talent=self.app.show_talent,
                                         introducers=introducers.names()), saved)

    def action_edit_talent(self) -> None:
        row = self._need_row()
        if row is not None:
            self.app.talent_flow.edit(row.talent_id)

    def action_merge(self) -> None:
        from ..flows.merge import MergeFlow

        row = self._need_row()
        if row is not None:
            MergeFlow(self.app).start(row.talent_id)

    def action_add_to_mission(self) -> None:
        row = self._need_row()
        if row is not None:
            self.app.talent_flow.add_to_mission(row.talent_id, row.name)

    def show_added(self, talent_id: int, mission_id: int) -> None:
        """A talent was just added to *mission_id*: show that mission if one is shown,
        with the cursor on them."""
        if self.scope.mission is not None:
            self._rescope(mission_id)
        self.reload(follow=(self.app.settings.pipeline.stages[0], talent_id))

    def action_move_stage(self, delta: int) -> None:
        row = self._need_row(candidacy=True)
        if row is None:
            return
        stages = self.app.settings.pipeline.stages
        target = adjacent_stage(stages, row.stage or "", delta)
        if target is None:
            stage = stage_label(row.stage or "")
            if is_closed(row.stage or ""):
                message = _("{stage} is closed: press s to pick a stage.").format(stage=stage)
            else:
                message = _("{stage} is at the end: press s to pick a stage.").format(stage=stage)
            self.notify(message, severity="warning")
            return
        self._move(row, target)

    def action_pick_stage(self) -> None:
        from ..modals.picker import PickerModal

        row = self._need_row(candidacy=True)
        if row is None:
            return
        options = [(s, stage_label(s)) for s in all_stages(self.app.settings.pipeline.stages)]

        def chosen(stage: str | None) -> None:
            if stage is None or stage == row.stage:
                return
            if is_closed(stage):  # ask why, and what feedback they were given
                self.post_message(CloseRequest(row.candidacy_id, row.name, stage))
            else:
                self._move(row, stage)

        self.app.push_screen(PickerModal(_("Move {name} to which stage?").format(name=row.name), options, current=row.stage), chosen)

    def _move(self, row: PipelineRow, stage: str) -> None:
        try:
            with self.app.undoable(_("moved {name} to {stage}").format(name=row.name, stage=stage_label(stage)), [row.talent_id]):
                today_changed = pipeline.move_stage(row.candidacy_id, stage, self.app.clock.now(), self.app.settings.pipeline.stages)
        except ServiceError as error:
            self._report(error)
            return
        self.notify(Text(f"{row.name} → {stage_label(stage)}").plain, markup=False)
        self.reload(follow=(stage, row.talent_id))
        if today_changed:  # a thank-you for their introducer due today, or follow-ups stopped: Today shows it
            self.app.main_screen.reload_side()

    def action_search(self) -> None:
        search = self.query_one("#pipeline-search", Input)
        search.display = True
        focus_now(search)
        self.refresh_bindings()

    @on(Input.Changed, "#pipeline-search")
    def _search_changed(self, event: Input.Changed) -> None:
        self._reads.interrupt()  # typing on: the previous search's query stops now
        self.scope = replace(self.scope, search=event.value)
        self.reload(keep=False)  # the cursor goes to the first match

    @on(Input.Submitted, "#pipeline-search")
    def _search_done(self) -> None:
        focus_now(self.list)

    def team_changed(self) -> None:
        """Team mode turned on (or off): the owner column with it."""
        self.list.show_owner = self.app.team.mode
        self.list.refresh()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        searching = bool(self.scope.search) or self.query_one("#pipeline-search").display
        if action == "clear_search":
            return searching
        if action == "clear_filter":  # the same key, once the search is cleared
            return self.scope.filtered and not searching
        return True

    def action_clear_search(self) -> None:
        search = self.query_one("#pipeline-search", Input)
        search.value = ""
        search.display = False
        focus_now(self.list)
        self.refresh_bindings()

    def on_key(self, event) -> None:
        search = self.query_one("#pipeline-search", Input)
        if event.key == "escape" and search.has_focus:
            event.stop()
            self.action_clear_search()
        elif event.key == "down" and search.has_focus:
            event.stop()
            focus_now(self.list)

    @on(PipelineList.Selected)
    def _open(self, event: PipelineList.Selected) -> None:
        event.stop()
        if isinstance(event.item, PipelineRow):
            self.post_message(self.OpenTalent(event.item.talent_id))


    # -- filter, sort, selection, bulk (issue 20) --------------------------------------
    def _rescope(self, mission: int | str | None) -> None:
        """Show *mission*, keeping the search, the filter and the order; the selection goes."""
        sort = "" if mission == POOL and self.scope.sort in POOL_OWN else self.scope.sort
        if sort == "grid" and not grid_service.has_grid(mission):  # only a mission with a grid has that order
            sort = ""
        self.scope = replace(self.scope, mission=mission, sort=sort)
        self.marked.clear()

    def _title(self) -> None:
        """The pane's title: the filter and the order when set (``Pipeline · Filter: stage=offer · 30d+``)."""
        parts = [_("Pipeline")]
        if self.scope.filtered:
            parts.append(_("Filter: {filter}").format(filter=summary(self.scope.filter)))
        if self.scope.sort:
            parts.append(_("Sort: {order}").format(order=sort_label(self.scope.sort)))
        title = " · ".join(parts)
        if self.border_title != title:
            self.border_title = title

    def action_filter(self) -> None:
        from ..modals.filter_form import filter_form

        stages = list(all_stages(self.app.settings.pipeline.stages))
        today = self.app.clock.today()

        def chosen(data: dict | None) -> None:
            if data is None:
                return
            active = data["filter"]
            self.scope = replace(self.scope, filter=active if active.active else None, today=today)
            self.marked.clear()
            self.refresh_bindings()
            self.reload(keep=False)

        self.app.push_screen(filter_form(self.scope.filter, stages, self.app.settings.talent.sources, today), chosen)

    def action_clear_filter(self) -> None:
        self.scope = replace(self.scope, filter=None, today=None)
        self.marked.clear()
        self.refresh_bindings()
        self.reload(keep=False)

    def action_cycle_sort(self) -> None:
        grid = grid_service.has_grid(self.scope.mission)
        self.scope = replace(self.scope, sort=next_sort(self.scope.sort, pool=self.scope.is_pool, grid=grid))
        self.notify(_("Sorted by {order}").format(order=sort_label(self.scope.sort)) if self.scope.sort else _("Default order"))
        self.reload(keep=False)

    def _key(self, row: PipelineRow) -> tuple[int, int | None]:
        return (row.talent_id, row.candidacy_id)

    def action_toggle_mark(self) -> None:
        on_header = self.list.item is not None and self.list.is_header(self.list.item)
        row = self._need_row()
        if row is None:
            return
        key = self._key(row)
        if key in self.marked:
            self.marked.discard(key)
        else:
            self.marked.add(key)
        self._marks_changed()
        # the next row: on a header, the row toggled was the one below it
        self.list.action_cursor(2 if on_header else 1)

    def action_mark_all(self) -> None:
        every = set(pipeline.matching_rows(self.scope))
        if every and every <= self.marked:
            self.marked.difference_update(every)
        else:
            self.marked.update(every)
        self._marks_changed()

    def _marks_changed(self) -> None:
        self.list.show_marked(self.marked)
        self.refresh_bindings()
        rows = self.list.rows
        if isinstance(rows, GroupedRows):  # the count in the scope line
            self._show(self.scope, rows, self._scope_label(self.scope), self.list.cursor)

    def action_bulk(self) -> None:
        from ..flows.bulk import BulkFlow

        def after() -> None:
            self.marked.clear()
            self.list.show_marked(self.marked)
            self.refresh_bindings()

        BulkFlow(self.app).menu(sorted(self.marked, key=lambda key: (key[0], key[1] or 0)), after)


def _styled(template: str, **values: tuple[str, str]) -> Text:
    """*template* (translated) as Text, each ``{name}`` replaced by its ``(text, style)``:
    the words around the values may move in a translation, the values keep their looks."""
    text = Text()
    rest = template
    while rest:
        start = rest.find("{")
        end = rest.find("}", start)
        if start < 0 or end < 0 or rest[start + 1 : end] not in values:
            text.append(rest)
            break
        text.append(rest[:start])
        text.append(*values[rest[start + 1 : end]])
        rest = rest[end + 1 :]
    return text
