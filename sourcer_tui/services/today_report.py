"""The Today list as plain data, for ``sourcer-tui today`` (and its --json)."""

from __future__ import annotations

import datetime as dt

from ..domain.vocab import TOUCHPOINT_KINDS, kind_label
from ..i18n import _, formats
from . import panes

__all__ = ["due_report"]

_PAGE = 1000


def _owed(kind: str, day: str) -> str:
    """``feedback owed for the call of 2026-12-01``: one sentence per kind (French
    changes the article with it)."""
    if kind == "call":
        return _("feedback owed for the call of {day}").format(day=day)
    if kind == "interview":
        return _("feedback owed for the interview of {day}").format(day=day)
    if kind == "reverse_interview":
        return _("feedback owed for the reverse interview of {day}").format(day=day)
    if kind == "inbound":
        return _("feedback owed for the inbound message of {day}").format(day=day)
    shown = kind_label(kind) if kind in TOUCHPOINT_KINDS else kind
    return _("feedback owed for the {kind} of {day}").format(kind=shown.lower(), day=day)


def _detail(row: panes.DueRow) -> str:
    if row.kind == "missing_feedback":
        return _owed(row.detail, formats.full_date(row.due))
    if row.last_feedback:
        return _("{detail} — last feedback: {feedback}").format(detail=row.detail, feedback=row.last_feedback)
    return row.detail


def due_report(today: dt.date, owner: str | None = None) -> list[dict]:
    """Everything due on or before *today*, most overdue first (the Today pane's lines);
    ``time`` is the time of day it is due at (``"14:30"``), or None for the whole day.
    *owner*: only that login's items (and the single user's), as the Today pane's
    mine view; None: everyone's."""
    total, _late = panes.count_due(today, owner)
    rows: list[panes.DueRow] = []
    for offset in range(0, total, _PAGE):
        rows.extend(panes.fetch_due(today, offset, _PAGE, owner))
    return [
        {
            "kind": row.kind,
            "due": row.due.isoformat(),
            "time": None if row.time is None else f"{row.time:%H:%M}",
            "talent": row.name,
            "talent_id": row.talent_id,
            "mission": row.mission or None,
            "detail": _detail(row),
            "step": row.step,
        }
        for row in rows
    ]
