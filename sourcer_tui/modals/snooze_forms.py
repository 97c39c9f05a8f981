"""Snoozing a talent: pick a preset with one key, then its details.

Presets: the configured lengths (3, 6, 12, 24 months…), until a date,
"joined elsewhere — recontact at the end of the trial period", and "keep in
touch every N months" (recurring, counted from the last actual contact).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from ..domain.cadence import latest_snooze_end, snooze_until, trial_end_wake
from ..domain.dates import HINT, DateParseError, describe, parse_date, parse_due
from ..domain.text import clean_line
from ..i18n import N_, _, ngettext
from .choice import ChoiceModal
from .form import Field, FormModal

__all__ = ["snooze_presets", "snooze_details"]

#: The reason a trial-period snooze gets when none is typed (translate where used).
TRIAL_REASON = N_("joined elsewhere — recontact at end of trial period")


def _snooze_for(n: int) -> str:
    """``Snooze 3 months``, ``Snooze 1 year`` (12 and 24 months are said in years)."""
    if n in (12, 24):
        years = n // 12
        return ngettext("Snooze {n} year", "Snooze {n} years", years).format(n=years)
    return ngettext("Snooze {n} month", "Snooze {n} months", n).format(n=n)


def _stop_keeping(n: int) -> str:
    """``Stop keeping in touch (now every 6 months)``."""
    if n in (12, 24):
        years = n // 12
        return ngettext("Stop keeping in touch (now every {n} year)", "Stop keeping in touch (now every {n} years)", years).format(n=years)
    return ngettext("Stop keeping in touch (now every {n} month)", "Stop keeping in touch (now every {n} months)", n).format(n=n)


def snooze_presets(name: str, choices_months: Sequence[int], effect: str = "", keeping_in_touch: int | None = None,
                   replaces: str = "") -> ChoiceModal:
    """The snooze lengths, one key each; *effect* says what a snooze pauses and what stays
    in Today, *replaces* the snooze it would end; a talent kept in touch can be stopped
    from here (``s``)."""
    choices = [(str(i), ("months", m), _snooze_for(m)) for i, m in enumerate(choices_months[:9], start=1)]
    choices += [
        ("d", ("date", None), _("Until a date…")),
        ("t", ("trial", None), _("Joined elsewhere: recontact a week before the trial period ends…")),
        ("k", ("keep", None), _("Keep in touch every N months (recurring, from the last contact)…")),
    ]
    if keeping_in_touch:
        choices.append(("s", ("stop", None), _stop_keeping(keeping_in_touch)))
    choices.append(("escape", None, _("Cancel")))
    if effect:
        question = _("Snooze {name} — {effect}:").format(name=name, effect=effect)
    else:
        question = _("Snooze {name}:").format(name=name)
    if replaces:
        question = f"{replaces}\n{question}"
    return ChoiceModal(question, choices)


def snooze_details(preset: tuple[str, int | None], name: str, today: dt.date, skip_weekends: bool, reason: str = "") -> FormModal:
    """The form for one preset; its cleaned data: ``until``, ``reason``, ``kind`` (or ``months`` for keep)."""
    mode, months = preset

    def date_of(text: str, *, past: bool) -> dt.date:
        """A day started (*past*: as typed) or a snooze's end: a day counted to (``3m``) that
        lands on a weekend moves to the Monday, as a length's does (:func:`snooze_until`)."""
        day = parse_date(text, today) if past else parse_due(text, today, skip_weekends)
        if day is None:
            raise DateParseError(_("a date is required: {hint}").format(hint=_(HINT)), "empty")
        if not past and day <= today:
            raise DateParseError(_("pick a day after today"))
        return day

    def preview_date(past: bool):
        def preview(text: str) -> tuple[str, bool]:
            try:
                return f"→ {describe(date_of(text, past=past), today)}", False
            except DateParseError as error:
                return str(error), True

        return preview

    reason_field = Field("reason", _("Why"), placeholder=_("e.g. on parental leave until spring"))

    if mode == "months":
        until = snooze_until(today, months, skip_weekends)

        def validate(data: Mapping[str, str]):
            return {"until": until, "reason": clean_line(data.get("reason", "")), "kind": "manual"}, {}

        return FormModal(_("Snooze {name} until {day}").format(name=name, day=describe(until, today)), [reason_field], validate, {"reason": reason})

    if mode == "date":

        def validate(data: Mapping[str, str]):
            try:
                until = date_of(data.get("until", ""), past=False)
            except DateParseError as error:
                return {}, {"until": str(error)}
            if until > latest_snooze_end(today):
                return {}, {"until": _("at most 2 years ahead")}
            return {"until": until, "reason": clean_line(data.get("reason", "")), "kind": "manual"}, {}

        fields = [Field("until", _("Until *"), "date", placeholder=_("3m · 2027-03-01 · mon")), reason_field]
        return FormModal(_("Snooze {name} until…").format(name=name), fields, validate, {"reason": reason}, preview=preview_date(False))

    if mode == "trial":

        def validate(data: Mapping[str, str]):
            errors: dict[str, str] = {}
            try:
                start = date_of(data.get("start", ""), past=True)
            except DateParseError as error:
                errors["start"] = str(error)
            text = data.get("trial_months", "").strip()
            if not text.isdigit() or not 1 <= int(text) <= 12:
                errors["trial_months"] = _("a number of months, 1 to 12 (often 4 for a cadre in France)")
            if errors:
                return {}, errors
            until = trial_end_wake(start, int(text), skip_weekends=skip_weekends)
            if until <= today:
                return {}, {"start": _("that trial period is already over ({day})").format(day=describe(until, today))}
            return {"until": until, "reason": clean_line(data.get("reason", "")) or _(TRIAL_REASON), "kind": "trial_end"}, {}

        fields = [
            Field("start", _("Started on *"), "date", placeholder=_("2026-11-02 · -3w")),
            Field("trial_months", _("Trial period (months) *")),
            Field("reason", _("Why")),
        ]
        values = {"trial_months": "4", "reason": reason or _(TRIAL_REASON)}
        return FormModal(_("{name} joined elsewhere: wake a week before the trial ends").format(name=name), fields, validate, values, preview=preview_date(True))

    def validate(data: Mapping[str, str]):
        text = data.get("months", "").strip()
        if not text.isdigit() or not 1 <= int(text) <= 24:
            return {}, {"months": _("a number of months, 1 to 24")}
        return {"months": int(text)}, {}

    return FormModal(_("Keep in touch with {name} every…").format(name=name), [Field("months", _("Every N months *"))], validate, {"months": "6"})
