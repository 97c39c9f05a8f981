"""The forms of the Pipeline's bulk actions (``b``): snooze until, tags to add, the CSV file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from ..domain.cadence import latest_snooze_end
from ..domain.dates import HINT, DateParseError, describe, parse_due
from ..domain.text import clean_line, normalise_tags
from ..i18n import _
from .form import Field, FormModal

__all__ = ["bulk_snooze_form", "bulk_tag_form", "bulk_export_form"]


def bulk_snooze_form(title: str, today: dt.date, skip_weekends: bool) -> FormModal:
    """``{"until": date, "reason": str}``; a day counted to (``+3m``) that lands on a weekend
    moves to the Monday when *skip_weekends*, as a single snooze's does (a day typed is kept)."""

    def read(text: str) -> dt.date:
        day = parse_due(text, today, skip_weekends)
        if day is None:
            raise DateParseError(_("a date is required: {hint}").format(hint=_(HINT)), "empty")
        if day <= today:
            raise DateParseError(_("a snooze ends in the future"))
        if day > latest_snooze_end(today):  # what the service refuses: said at the field, as you type
            raise DateParseError(_("at most 2 years ahead"))
        return day

    def validate(data: Mapping[str, str]):
        try:
            return {"until": read(data.get("until", "")), "reason": clean_line(data.get("reason", ""))}, {}
        except DateParseError as error:
            return {}, {"until": str(error)}

    def preview(text: str) -> tuple[str, bool]:
        try:
            return f"→ {describe(read(text), today)}", False
        except DateParseError as error:
            return str(error), True

    fields = [
        Field("until", _("Snooze until"), "date", placeholder=_("+3m · 2027-06-01")),
        Field("reason", _("Why"), placeholder=_("not looking before the summer")),
    ]
    return FormModal(title, fields, validate, {"until": "+3m"}, preview=preview)


def bulk_tag_form(title: str) -> FormModal:
    """``{"tags": "a,b"}`` (normalised)."""

    def validate(data: Mapping[str, str]):
        tags = normalise_tags(data.get("tags", ""))
        return ({"tags": tags}, {}) if tags else ({}, {"tags": _("a tag is required")})

    return FormModal(title, [Field("tags", _("Tags to add"), placeholder=_("comma, separated"))], validate)


def bulk_export_form(title: str, default: Path) -> FormModal:
    """``{"path": Path}`` (``~`` expanded)."""

    def validate(data: Mapping[str, str]):
        text = clean_line(data.get("path", "")).strip()
        if not text:
            return {}, {"path": _("a file name is required")}
        return {"path": Path(text).expanduser()}, {}

    return FormModal(title, [Field("path", _("CSV file"))], validate, {"path": str(default)})
