"""The Pipeline pane's list: stage headers with counts, candidacies below."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from rich.style import Style
from textual.binding import Binding

from ..domain.grids import average_short
from ..domain.humanize import age
from ..domain.layout import Column, Placed, fit_columns
from ..domain.vocab import label
from ..i18n import N_, formats
from ..services.paging import GroupedRows, Header
from ..services.pipeline import PipelineRow
from .virtual_list import Runs, VirtualList, fit

__all__ = ["PipelineList", "COLUMNS"]

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

    def row_below_header(self) -> Any:
        """On a header: the first row of its group (None when the group is empty)."""
        below = self.cursor + 1
        if below >= self.rows.total:
            return None
        item = self.rows.get(below)
        return None if self.is_header(item) else item

    def action_select(self) -> None:
        """Enter on a stage's header opens its first talent (the one just below)."""
        if self.is_header(self.item):
            below = self.row_below_header()
            if below is not None:
                self.post_message(self.Selected(self, self.cursor + 1, below))
            return
        super().action_select()

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
        placed = _columns(width - 2, self._shown_columns(row))
        # a snoozed talent is not an active row: badge, and the name dimmed like the rest
        runs: Runs = [("z ", _SNOOZED)] if row.snoozed_until else [("  ", None)]
        if self.marked and (row.talent_id, row.candidacy_id) in self.marked:
            runs[0] = (MARK + ("z" if row.snoozed_until else " "), _MARKED)
        for n, column in enumerate(placed):
            if n:
                runs.append((" ", None))
            runs.extend(self._cell(column.name, column.width, row, dim))
        return runs

    def _shown_columns(self, row: PipelineRow) -> tuple[str, ...]:
        """The columns this row may show, before the width has its say."""
        wanted = {
            # All missions: the same talent may be on two rows, the mission tells them apart
            "mission": bool(row.mission) and self.show_mission,
            "facts": self.show_facts,
            "grid": self.show_grid,
            # team mode: who owns the candidacy (services/team.py)
            "owner": self.show_owner and row.candidacy_id is not None,
            "age": row.since is not None,
        }
        return tuple(column.name for column in COLUMNS if wanted.get(column.name, True))

    def _cell(self, name: str, width: int, row: PipelineRow, dim: Style) -> Runs:
        """The runs of column *name* of *row*, on exactly *width* cells."""
        if name == "name":
            return [(fit(row.name, width), dim if row.snoozed_until else None)]
        if name == "detail":
            detail = row.headline if not row.company else f"{row.headline} · {row.company}" if row.headline else row.company
            if row.marks and width > len(row.marks) + 1:  # before the detail: it is cut first
                return [(row.marks + " ", _MARKS), (fit(detail, width - len(row.marks) - 1), dim)]
            return [(fit(detail, width), dim)]
        if name == "facts":
            available = formats.full_date(row.available_from) if row.available_from else ""
            salary = row.salary.rjust(14) if len(row.salary) <= 14 else fit(row.salary, 14)
            return [(f"{salary} {available:>10}"[:width].rjust(width), None)]
        if name == "grid":
            return [(f"{average_short(row.grid_average):>{width}}", None)]
        if name == "mission":
            return [(fit(row.mission, width), dim)]
        if name == "owner":
            return [(fit(self.app.team.owner_name(row.owner), width), None)]
        if name == "source":
            return [(fit(label(row.source), width), dim)]
        if name == "age":
            return [(f"{age(row.since, self.now()):>{width}}", dim)]
        return [(" " * width, None)]


#: The Pipeline row's columns, in their order (after the two cells of the
#: selection and snooze marks).  The name never gives way: the headline goes
#: before it is cut; the age stays at the right end.  A new column is one
#: line here and one case in ``PipelineList._cell``.
COLUMNS: tuple[Column, ...] = (
    Column("name", min_width=12, width=20),
    Column("detail", min_width=12, gives_way=6),  # headline · company: takes the room left
    Column("facts", min_width=25, width=25, gives_way=4, align="right"),  # v: salary wish, available from
    Column("grid", min_width=4, width=4, gives_way=5, align="right"),  # A: interview-grid average
    Column("mission", min_width=10, width=20, gives_way=2),
    Column("owner", min_width=8, width=14, gives_way=3),  # team mode only
    Column("source", min_width=15, width=15, gives_way=1),
    Column("age", min_width=6, width=6, align="right"),
)
_BY_NAME = {column.name: column for column in COLUMNS}


@lru_cache(maxsize=64)
def _columns(width: int, names: tuple[str, ...]) -> tuple[Placed, ...]:
    return fit_columns([_BY_NAME[name] for name in names], width)
