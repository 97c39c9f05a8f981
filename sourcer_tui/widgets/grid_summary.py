"""A talent's filled interview grids as text, for the talent's screen."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from ..domain.grids import LEVELS, average, average_short
from ..i18n import _, formats
from ..services.grids import FilledGrid

__all__ = ["grid_summary"]


def grid_summary(grids: Sequence[FilledGrid]) -> Text:
    """Each interview's grid, newest first: its date, mission and average, then
    a line per criterion (score on the scale, level, evidence).  User text is
    appended as text, never parsed as markup."""
    body = Text()
    if not grids:
        return body
    body.append("\n\n" + _("Interview grids"), "bold")
    for grid in grids:
        mean = average(grid.scores)
        body.append(f"\n  {formats.day_month_year(grid.happened_at.date())}  ")
        body.append(grid.mission, "cyan")
        if mean is not None:
            body.append("  " + _("average {value}/4").format(value=average_short(mean)), "bold")
        for line in grid.lines:
            body.append("\n    " + _("{field}:").format(field=line.criterion.name) + " ")
            if line.score is None:
                body.append("–", "dim")
            else:
                body.append("●" * line.score + "○" * (len(LEVELS) - line.score), "green")
                body.append(f" {line.score}")
                level = line.criterion.levels[line.score - 1]
                if level:
                    body.append(f" ({level})", "dim")
            if line.evidence:
                body.append(" — " + line.evidence, "italic")
    return body
