"""The Today list as plain data, for ``sourcer-tui today`` (and its --json)."""

from __future__ import annotations

import datetime as dt

from . import panes

__all__ = ["due_report"]

_PAGE = 1000


def _all(count: int, fetch) -> list:
    rows: list = []
    for offset in range(0, count, _PAGE):
        rows.extend(fetch(offset, _PAGE))
    return rows


def due_report(today: dt.date) -> list[dict]:
    """Everything due on or before *today*, overdue first."""
    items = [
        {
            "kind": row.kind,
            "due": row.due.isoformat(),
            "talent": row.name,
            "talent_id": row.talent_id,
            "mission": row.mission or None,
            "detail": row.detail,
        }
        for row in _all(panes.count_due(today), lambda o, n: panes.fetch_due(today, o, n))
    ]
    items += [
        {
            "kind": "missing_feedback",
            "due": row.happened_at.date().isoformat(),
            "talent": row.name,
            "talent_id": row.talent_id,
            "mission": row.mission or None,
            "detail": f"feedback owed for {row.kind} of {row.happened_at:%Y-%m-%d %H:%M}",
        }
        for row in _all(panes.count_awaiting_feedback(), panes.fetch_awaiting_feedback)
        if row.happened_at.date() <= today
    ]
    items.sort(key=lambda item: item["due"])
    return items
