"""The Today list as plain data, for ``sourcer-tui today`` (and its --json)."""

from __future__ import annotations

import datetime as dt

from ..domain.vocab import TOUCHPOINT_KINDS
from . import panes

__all__ = ["due_report"]

_PAGE = 1000


def _detail(row: panes.DueRow) -> str:
    if row.kind == "missing_feedback":
        return f"feedback owed for the {TOUCHPOINT_KINDS.get(row.detail, (row.detail,))[0].lower()} of {row.due.isoformat()}"
    if row.last_feedback:
        return f"{row.detail} — last feedback: {row.last_feedback}"
    return row.detail


def due_report(today: dt.date) -> list[dict]:
    """Everything due on or before *today*, most overdue first (the Today pane's lines)."""
    total, _ = panes.count_due(today)
    rows: list[panes.DueRow] = []
    for offset in range(0, total, _PAGE):
        rows.extend(panes.fetch_due(today, offset, _PAGE))
    return [
        {
            "kind": row.kind,
            "due": row.due.isoformat(),
            "talent": row.name,
            "talent_id": row.talent_id,
            "mission": row.mission or None,
            "detail": _detail(row),
            "step": row.step,
        }
        for row in rows
    ]
