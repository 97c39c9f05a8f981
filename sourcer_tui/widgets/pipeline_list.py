"""The Pipeline pane's list: stage headers with counts, candidacies below."""

from __future__ import annotations

from typing import Any

from rich.style import Style
from textual.binding import Binding

from ..domain.grids import average_short
from ..domain.humanize import age
from ..domain.vocab import label
from ..i18n import N_, formats
from ..services.paging import GroupedRows, Header
from ..services.pipeline import PipelineRow
from .virtual_list import Runs, VirtualList, fit

__all__ = ["PipelineList"]

_SNOOZED = Style.parse("bold yellow")
_MARKS = Style.parse("bold red")  # outside the mission's brief: €! salary, ⌂! remote
_DIM = Style(dim=True)  # a header's count: dimmed in the header's own colours
_MARKED = Style.parse("bold green")  # selected for a bulk action (space, *)
MARK = "✓"


class PipelineList(VirtualList):
    """Candidacies grouped by stage (or talents, in the talent-pool scope)."""

    BINDINGS = [
        Binding("right", "jump_group(1)", N_("Next stage group"), show=False, id="pipeline.next_group"),
        Binding("left", "jump_group(-1)", N_("Previous stage group"), show=False, id="pipeline.previous_group"),
    ]

    empty_text = N_("Loading…")  # until the first counts arrive (translated where drawn)
    loaded_empty_text = N_("No talents here yet: press n to add one, M to create a mission.")
    show_mission = True
    #: ``v``: the salary wish and availability columns (PipelinePane.action_toggle_facts).
    show_facts = False
    #: ``A``: the interview-grid average column (PipelinePane.action_toggle_grid_average).
    show_grid = False
    #: The owner column: in team mode only (services/team.py); its names from the app's team.
    show_owner = False
    #: The rows selected for a bulk action, (talent id, candidacy id) (PipelinePane.marked).
    marked: set | frozenset = frozenset()
    _marks_version = 0

    def show_marked(self, marked: set) -> None:
        """Draw *marked* rows with their mark (every line again: the selection changed)."""
        self.marked = marked
        self._marks_version += 1
        self.refresh()

    def action_jump_group(self, direction: int) -> None:
        rows = self.rows
        if isinstance(rows, GroupedRows) and rows.groups:
            current = rows.group_of(self.cursor) or 0
            target = max(0, min(len(rows.groups) - 1, current + direction))
            self.move_to(rows.group_start(target))

    def render_key(self) -> tuple:
        return (*super().render_key(), self.show_mission, self.show_facts, self.show_grid, self.show_owner and id(self.app.team),
                self._marks_version)

    def is_header(self, item: Any) -> bool:
        return isinstance(item, Header)

    def render_item(self, item: Any, width: int) -> Runs:
        if isinstance(item, Header):
            group = item.group
            return [("▾ " if group.count else "▸ ", None), (group.label, None), ("  ", None), (formats.number(group.count), _DIM)]
        row: PipelineRow = item
        dim = self.style_of("dim")
        # Columns from the most to the least useful; the narrow ones go first.
        name_width = max(14, min(26, width // 4))
        show_age = row.since is not None
        # All missions: the same talent may be on two rows, the mission tells them apart
        show_mission = bool(row.mission) and self.show_mission and width >= 50
        mission_width = max(10, min(22, width // 6))
        show_source = width >= (80 if not show_mission else 110)
        show_facts = self.show_facts and width >= 60
        fixed = 2 + name_width + 1 + (7 if show_age else 0) + (16 if show_source else 0) + (mission_width + 1 if show_mission else 0)
        fixed += 26 if show_facts else 0
        show_grid = self.show_grid and width >= 40
        fixed += 5 if show_grid else 0
        show_owner = self.show_owner and row.candidacy_id is not None and width >= 40
        owner_width = max(8, min(14, width // 8))
        fixed += owner_width + 1 if show_owner else 0
        detail = row.headline if not row.company else f"{row.headline} · {row.company}" if row.headline else row.company
        # a snoozed talent is not an active row: badge, and the name dimmed like the rest
        runs: Runs = [("z ", _SNOOZED), (fit(row.name, name_width), dim)] if row.snoozed_until else [("  ", None), (fit(row.name, name_width), None)]
        if self.marked and (row.talent_id, row.candidacy_id) in self.marked:
            runs[0] = (MARK + ("z" if row.snoozed_until else " "), _MARKED)
        runs.append((" ", None))
        left = max(0, width - fixed)
        if row.marks and left > len(row.marks):  # before the detail: it is cut first
            runs.append((row.marks + " ", _MARKS))
            left -= len(row.marks) + 1
        runs.append((fit(detail, left), dim))
        if show_facts:
            available = formats.full_date(row.available_from) if row.available_from else ""
            salary = row.salary.rjust(14) if len(row.salary) <= 14 else fit(row.salary, 14)
            runs.append((f" {salary} {available:>10}", None))
        if show_grid:
            runs.append((f" {average_short(row.grid_average):>4}", None))
        if show_mission:
            runs.append((" " + fit(row.mission, mission_width), dim))
        if show_owner:
            runs.append((" " + fit(self.app.team.owner_name(row.owner), owner_width), None))
        if show_source:
            runs.append((" " + fit(label(row.source), 15), dim))
        if show_age:
            runs.append((f" {age(row.since, self.now()):>6}", dim))
        return runs
