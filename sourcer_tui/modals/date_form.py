"""Ask for one date (``+1d``, ``mon``, ``2026-12-01``…) with a live preview."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from ..domain.dates import DateParseError, describe, parse_date
from .form import Field, FormModal

__all__ = ["date_form"]


def date_form(title: str, today: dt.date, *, allow_past: bool = False) -> FormModal:
    """The cleaned data is ``{"date": datetime.date}``."""

    def read(text: str) -> dt.date:
        day = parse_date(text, today)
        if day < today and not allow_past:
            raise DateParseError("that date is in the past")
        return day

    def validate(data: Mapping[str, str]):
        try:
            return {"date": read(data.get("date", ""))}, {}
        except DateParseError as error:
            return {}, {"date": str(error)}

    def preview(text: str) -> tuple[str, bool]:
        try:
            return f"→ {describe(read(text), today)}", False
        except DateParseError as error:
            return str(error), True

    return FormModal(title, [Field("date", "New date", "date", placeholder="+1d · mon · 2w · 2026-12-01")], validate, preview=preview)
