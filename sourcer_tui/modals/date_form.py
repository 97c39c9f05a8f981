"""Ask for one date (``+1d``, ``mon``, ``2026-12-01``…) with a live preview."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from ..domain.dates import HINT, DateParseError, describe_when, parse_due_time
from ..i18n import _
from .form import Field, FormModal

__all__ = ["date_form"]


def date_form(title: str, today: dt.date, *, allow_past: bool = False, skip_weekends: bool = False) -> FormModal:
    """The cleaned data is ``{"date": datetime.date, "time": datetime.time | None}`` (a time
    when one is typed: ``demain 14h30``); a day counted to (``+1d``) that lands on a
    weekend moves to the Monday when *skip_weekends*."""

    def read(text: str) -> tuple[dt.date, dt.time | None]:
        day, at = parse_due_time(text, today, skip_weekends)
        if day is None:
            raise DateParseError(_("a date is required: {hint}").format(hint=_(HINT)), "empty")
        if day < today and not allow_past:
            raise DateParseError(_("that date is in the past"))
        return day, at

    def validate(data: Mapping[str, str]):
        try:
            day, at = read(data.get("date", ""))
            return {"date": day, "time": at}, {}
        except DateParseError as error:
            return {}, {"date": str(error)}

    def preview(text: str) -> tuple[str, bool]:
        try:
            return f"→ {describe_when(*read(text), today)}", False
        except DateParseError as error:
            return str(error), True

    return FormModal(title, [Field("date", _("New date"), "date", placeholder=_("+1d · mon · 2w · 2026-12-01"))], validate, preview=preview)
