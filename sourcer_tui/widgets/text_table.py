"""Small tables as lines of Rich ``Text``, drawn in one pass.

Rich's ``Table`` measures every cell, then renders, for each of Textual's
passes (height, then lines) — again at each visit of the Stats screen, for
each of its three tables.  These tables are a few rows of short cells: their
column widths are the widest cell, and every line is built once, as ``Text``
(cells are never markup).  Drawn with the same box characters as Rich's default
(``HEAVY_HEAD``).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text

__all__ = ["text_table"]

Cell = Text | str


def text_table(
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    right: Sequence[bool],
    *,
    box: bool = True,
    min_width: int = 0,
) -> list[Text]:
    """The lines of a table: *title* (italic, left), then with *box* a boxed
    table with a bold header row, else the bare rows (no header), cells padded
    by one space.  *right*: which columns are right-aligned.  *min_width*
    widens the first column so that the whole table is at least that wide."""
    cells = [[cell if isinstance(cell, Text) else Text(cell) for cell in row] for row in rows]
    widths = [cell_len(h) if box else 0 for h in headers]
    for row in cells:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], cell.cell_len)
    total = sum(widths) + (3 * len(widths) + 1 if box else 2 * len(widths))
    if total < min_width:
        widths[0] += min_width - total
    lines = [Text(title, style="italic")]

    def row_line(row: Sequence[Text], bar: str, style: str = "") -> Text:
        line = Text(bar if box else "")
        for width, cell, align_right in zip(widths, row, right, strict=True):
            pad = " " * (width - cell.cell_len)
            line.append(" ")
            if align_right:
                line.append(pad)
            line.append_text(cell if not style else Text(cell.plain, style=style))
            if not align_right:
                line.append(pad)
            line.append(" " + bar if box else " ")
        return line

    def rule(left: str, middle: str, right_: str, fill: str) -> Text:
        return Text(left + middle.join(fill * (w + 2) for w in widths) + right_)

    if not box:
        return lines + [row_line(row, "") for row in cells]
    lines.append(rule("┏", "┳", "┓", "━"))
    lines.append(row_line([Text(h) for h in headers], "┃", style="bold"))
    lines.append(rule("┡", "╇", "┩", "━"))
    lines += [row_line(row, "│") for row in cells]
    lines.append(rule("└", "┴", "┘", "─"))
    return lines
