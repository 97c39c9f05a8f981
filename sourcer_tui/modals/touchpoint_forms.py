"""Forms about touchpoints: log one with details, edit one, close a candidacy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from ..domain.text import clean_text
from ..domain.touchpoints import WhenParseError, parse_when, validate_closing
from ..domain.vocab import CHANNELS, DEFAULT_DECLINE_REASONS, DEFAULT_REJECTION_REASONS, TOUCHPOINT_KINDS, kind_label, label
from ..i18n import _, formats
from .form import Field, FormModal

__all__ = ["touchpoint_form", "closing_form", "reason_label"]


def reason_label(reason: str) -> str:
    """A closing reason as shown: the app's own ones translated, the config's as written."""
    return label(reason) if reason in DEFAULT_DECLINE_REASONS or reason in DEFAULT_REJECTION_REASONS else reason


def touchpoint_form(title: str, now: Callable[[], dt.datetime], values: Mapping[str, str] | None = None) -> FormModal:
    """Kind, channel, when (``now``, ``yesterday 14:30``, ``-2h``, ISO) and message.

    The cleaned data has ``kind``, ``channel``, ``when`` (a datetime) and ``summary``."""
    fields = [
        Field("kind", _("Kind *"), "select", [(kind_label(k), k) for k in TOUCHPOINT_KINDS]),
        Field("channel", _("Channel"), "select", [(label(c), c) for c in CHANNELS]),
        Field("when", _("When"), "date", placeholder=_("now · -2h · yesterday 14:30 · 2026-11-20 15:00")),
        Field("summary", _("Message / notes"), "text"),
    ]

    def validate(data: Mapping[str, str]):
        errors: dict[str, str] = {}
        kind = data.get("kind", "")
        if kind not in TOUCHPOINT_KINDS:
            errors["kind"] = _("pick what kind of contact it was")
        channel = data.get("channel") or (TOUCHPOINT_KINDS[kind][1] if kind in TOUCHPOINT_KINDS else "other")
        try:
            when = parse_when(data.get("when", ""), now())
        except WhenParseError as error:
            errors["when"] = str(error)
            when = None
        return {"kind": kind, "channel": channel, "when": when, "summary": clean_text(data.get("summary", ""))}, errors

    def preview(text: str) -> tuple[str, bool]:
        try:
            return f"→ {formats.weekday_date_time(parse_when(text, now()))}", False
        except WhenParseError as error:
            return str(error), True

    return FormModal(title, fields, validate, {"when": _("now"), **(values or {})}, preview=preview)


def closing_form(outcome: str, name: str, reasons: Sequence[str], *, reply: bool = False) -> FormModal:
    """Why the candidacy closes and what feedback the candidate was given (*reply*: their
    negative reply is logged with it, on save)."""
    if outcome == "rejected":
        title = _("{name} — rejected by us: why, and what feedback did you give? (esc: nothing is logged)")
    elif reply:
        title = _("{name} — replied no: why, and what feedback did you give? (esc: nothing is logged)")
    else:
        title = _("{name} — declined: why, and what feedback did you give? (esc: nothing is logged)")
    feedback_label = _("Feedback given *") if outcome == "rejected" else _("Feedback given")
    fields = [
        Field("reason", _("Reason *"), "select", [(reason_label(r), r) for r in reasons]),
        Field("detail", _("Detail"), placeholder=_("free text (required for 'other')")),
        Field("feedback", feedback_label, "text", placeholder=_("what you told them, so they can learn from it")),
    ]
    return FormModal(title.format(name=name), fields, lambda data: validate_closing(data, outcome, reasons))
