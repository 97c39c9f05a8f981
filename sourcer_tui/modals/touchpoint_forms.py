"""Forms about touchpoints: log one with details, edit one, close a candidacy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from ..domain.text import clean_text
from ..domain.touchpoints import WhenParseError, parse_when, validate_closing
from ..domain.vocab import CHANNELS, TOUCHPOINT_KINDS, label
from .form import Field, FormModal

__all__ = ["touchpoint_form", "closing_form"]


def touchpoint_form(title: str, now: Callable[[], dt.datetime], values: Mapping[str, str] | None = None) -> FormModal:
    """Kind, channel, when (``now``, ``yesterday 14:30``, ``-2h``, ISO) and message.

    The cleaned data has ``kind``, ``channel``, ``when`` (a datetime) and ``summary``."""
    fields = [
        Field("kind", "Kind *", "select", [(v[0], k) for k, v in TOUCHPOINT_KINDS.items()]),
        Field("channel", "Channel", "select", [(label(c), c) for c in CHANNELS]),
        Field("when", "When", "date", placeholder="now · -2h · yesterday 14:30 · 2026-11-20 15:00"),
        Field("summary", "Message / notes", "text"),
    ]

    def validate(data: Mapping[str, str]):
        errors: dict[str, str] = {}
        kind = data.get("kind", "")
        if kind not in TOUCHPOINT_KINDS:
            errors["kind"] = "pick what kind of contact it was"
        channel = data.get("channel") or (TOUCHPOINT_KINDS[kind][1] if kind in TOUCHPOINT_KINDS else "other")
        try:
            when = parse_when(data.get("when", ""), now())
        except WhenParseError as error:
            errors["when"] = str(error)
            when = None
        return {"kind": kind, "channel": channel, "when": when, "summary": clean_text(data.get("summary", ""))}, errors

    def preview(text: str) -> tuple[str, bool]:
        try:
            return f"→ {parse_when(text, now()):%a %Y-%m-%d %H:%M}", False
        except WhenParseError as error:
            return str(error), True

    return FormModal(title, fields, validate, {"when": "now", **(values or {})}, preview=preview)


def closing_form(outcome: str, name: str, reasons: Sequence[str], *, reply: bool = False) -> FormModal:
    """Why the candidacy closes and what feedback the candidate was given (*reply*: their
    negative reply is logged with it, on save)."""
    what = "rejected by us" if outcome == "rejected" else "replied no" if reply else "declined"
    title = f"{name} — {what}: why, and what feedback did you give? (esc: nothing is logged)"
    feedback_label = "Feedback given *" if outcome == "rejected" else "Feedback given"
    fields = [
        Field("reason", "Reason *", "select", [(r, r) for r in reasons]),
        Field("detail", "Detail", placeholder="free text (required for 'other')"),
        Field("feedback", feedback_label, "text", placeholder="what you told them, so they can learn from it"),
    ]
    return FormModal(title, fields, lambda data: validate_closing(data, outcome, reasons))
