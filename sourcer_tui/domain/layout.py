"""What fits the terminal: the narrow layout's thresholds, the columns of a
row that give way, and the footer's keys in priority order (no Textual here).

Measured on the demo (see docs/keys.md, *Small terminals*):

* **Under 120 columns** the side column (two fifths) is under 48 cells: a
  Today row is then *lateness · kind* and the first 4 letters of the name,
  and the Pipeline's names are cut to 14 letters beside their headline.
* **Under 30 lines** Capture and Snoozed show 4 rows or fewer each (3 at 24).

Either way the main screen shows one pane at a time, full width.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "NARROW_COLUMNS",
    "NARROW_LINES",
    "is_narrow",
    "footer_lines",
    "Column",
    "Placed",
    "fit_columns",
    "by_priority",
    "KEY_PRIORITY",
]

#: Under this many columns, one pane at a time.
NARROW_COLUMNS = 120
#: Under this many lines, one pane at a time.
NARROW_LINES = 30


def is_narrow(columns: int, lines: int) -> bool:
    """One pane at a time on a terminal of *columns* × *lines*?"""
    return columns < NARROW_COLUMNS or lines < NARROW_LINES


def footer_lines(lines: int) -> int:
    """The most lines the footer's keys may take on a terminal *lines* high:
    a short terminal keeps its rows for the list (a "…" says more keys exist;
    ``?`` lists them all)."""
    if lines < 20:
        return 1
    if lines < NARROW_LINES:
        return 2
    return 3


@dataclass(frozen=True)
class Column:
    """One column of a row.

    *min_width* is the least it is shown at; *width* the most it takes (None:
    any width — it takes what the others leave).  *gives_way* is its place in
    the order of the columns dropped when the row is too narrow: 1 goes first,
    then 2…; None never goes (it is cut instead, once every column that gives
    way is gone).  *align* ``right`` for dates and counts.
    """

    name: str
    min_width: int
    width: int | None = None
    gives_way: int | None = None
    align: Literal["left", "right"] = "left"


@dataclass(frozen=True)
class Placed:
    """A column as drawn: its name, its width in cells, its alignment."""

    name: str
    width: int
    align: Literal["left", "right"] = "left"


def fit_columns(columns: Sequence[Column], width: int, gap: int = 1) -> tuple[Placed, ...]:
    """The columns that fit in *width* cells (with *gap* cells between two), in
    their order, each with its width.

    The columns that give way go one by one, lowest ``gives_way`` first,
    until the others fit at their widths (a flexible column at its minimum).
    Then a flexible column takes the room left, so that the columns after it
    (dates, counts) end at the right edge.  Columns that never give way are cut
    (down to their minimum, the last ones first) only when nothing else is left
    to drop.
    """
    shown = list(columns)

    def needed(cols: Iterable[Column]) -> int:
        cols = list(cols)
        return sum(c.min_width if c.width is None else c.width for c in cols) + gap * max(0, len(cols) - 1)

    while needed(shown) > width:
        droppable = [c for c in shown if c.gives_way is not None]
        if not droppable:
            break
        shown.remove(min(droppable, key=lambda c: c.gives_way))  # type: ignore[arg-type, return-value]
    widths = [c.min_width if c.width is None else c.width for c in shown]
    room = width - sum(widths) - gap * max(0, len(shown) - 1)
    flexible = [i for i, c in enumerate(shown) if c.width is None]
    if room > 0 and flexible:
        widths[flexible[0]] += room
    elif room < 0:  # nothing left to drop: cut, the last columns first, down to their minimum
        for i in reversed(range(len(shown))):
            take = min(-room, widths[i] - shown[i].min_width)
            widths[i] -= take
            room += take
            if room >= 0:
                break
    return tuple(Placed(c.name, w, c.align) for c, w in zip(shown, widths))


#: The footer's keys, most useful first (binding ids): what a new user needs
#: to find before the rest.  Keys not listed follow, in their own order.
KEY_PRIORITY = (
    "list.open",
    "log.call",
    "today.done",
    "snoozed.wake",
    "capture.save",
    "talent.snooze",
    "log.menu",
    "pipeline.search",
    "pipeline.next_stage",
    "pipeline.pick_stage",
    "today.reschedule",
    "today.skip",
    "pipeline.new_talent",
    "pipeline.filter",
    "main.stats",
    "capture.next",
    "talent.first_message",
    "pipeline.edit_talent",
)


def by_priority(ids: Sequence[str], priority: Sequence[str] = KEY_PRIORITY) -> list[int]:
    """The positions of *ids* in priority order: those in *priority* first, in
    its order, then the others in theirs."""
    rank = {key: n for n, key in enumerate(priority)}
    return sorted(range(len(ids)), key=lambda i: (rank.get(ids[i], len(rank)), i))
