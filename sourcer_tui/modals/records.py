"""The mission and talent forms, built on :class:`FormModal`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..config import CadenceSettings
from ..domain.cadence import format_delays
from ..domain.cadence import parse_keep_in_touch
from ..domain.forms import validate_mission, validate_talent
from ..domain.vocab import MISSION_STATUSES, label
from .form import Field, FormModal, Validator

__all__ = ["mission_form", "talent_form"]


def _as_typed(validate: Validator) -> Validator:
    """Check with the service's own validator, and hand the service what was typed:
    it validates again, and cleaning twice is not cleaning once (a mission's
    follow-ups "none" is stored as "", which typed means "the default")."""

    def check(data: Mapping[str, str]):
        _, errors = validate(data)
        return dict(data), errors

    return check


def _talent_form_errors(data: Mapping[str, str], sources: Sequence[str]):
    cleaned, errors = validate_talent(data, sources)
    _, error = parse_keep_in_touch(data.get("keep_in_touch_months"))
    if error:
        errors["keep_in_touch_months"] = error
    return cleaned, errors


def mission_form(values: Mapping[str, str] | None = None, defaults: CadenceSettings | None = None) -> FormModal:
    """Title, client, status, notes and the mission's own cadence (blank = the config's)."""
    defaults = defaults or CadenceSettings()
    fields = [
        Field("title", "Title *", placeholder="Senior Backend Engineer"),
        Field("client", "Client / team", placeholder="Acme — Platform team"),
        Field("status", "Status", "select", [(label(s), s) for s in MISSION_STATUSES]),
        Field("followup_delays_days", "Follow-ups after (days)", placeholder=f"default {format_delays(defaults.followup_delays_days)} · none"),
        Field("snooze_after_days", "Snooze silent after (days)", placeholder=f"default {defaults.snooze_after_days}"),
        Field("snooze_months", "Snooze for (months)", placeholder=f"default {defaults.snooze_months}"),
        Field("notes", "Notes", "text"),
    ]
    values = {"status": "open", **(values or {})}
    return FormModal("Edit mission" if values.get("title") else "New mission", fields, _as_typed(validate_mission), values)


def talent_form(sources: Sequence[str], values: Mapping[str, str] | None = None) -> FormModal:
    fields = [
        Field("name", "Name *", placeholder="Zoé Martin"),
        Field("headline", "Headline", placeholder="Senior backend engineer, Python & Go"),
        Field("company", "Company"),
        Field("email", "Email", placeholder="name@domain.tld"),
        Field("phone", "Phone"),
        Field("linkedin_url", "LinkedIn / profile URL", placeholder="https://www.linkedin.com/in/…"),
        Field("location", "Location"),
        Field("source", "Source", "select", [(label(s), s) for s in sources]),
        Field("referred_by", "Referred by", placeholder="who introduced them (referral)"),
        Field("tags", "Tags", placeholder="comma, separated"),
        Field("keep_in_touch_months", "Keep in touch every (months)", placeholder="blank = not kept in touch · 1–24"),
        Field("notes", "Notes", "text"),
    ]
    default_source = "other" if "other" in sources else sources[0]
    values = {"source": default_source, **(values or {})}
    title = "Edit talent" if values.get("name") else "New talent"
    return FormModal(title, fields, _as_typed(lambda data: _talent_form_errors(data, sources)), values)
