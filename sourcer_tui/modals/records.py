"""The mission and talent forms, built on :class:`FormModal`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..config import CadenceSettings
from ..domain.cadence import format_delays
from ..domain.cadence import parse_keep_in_touch
from ..domain.forms import validate_mission, validate_talent
from ..domain.legal_basis import FROM_SOURCE, LEGAL_BASES, basis_label
from ..domain.facts import REMOTE_MODES, SALARY_PERIODS, period_label, remote_label
from ..domain.vocab import MISSION_STATUSES, label
from ..i18n import _
from .form import Field, FormModal, Validator

__all__ = ["mission_form", "talent_form"]


def _as_typed(validate: Validator) -> Validator:
    """Check with the service's own validator, and hand the service what was typed:
    it validates again, and cleaning twice is not cleaning once (a mission's
    follow-ups "none" is stored as "", which typed means "the default")."""

    def check(data: Mapping[str, str]):
        _cleaned, errors = validate(data)
        return dict(data), errors

    return check


def _talent_form_errors(data: Mapping[str, str], sources: Sequence[str]):
    cleaned, errors = validate_talent(data, sources)
    _months, error = parse_keep_in_touch(data.get("keep_in_touch_months"))
    if error:
        errors["keep_in_touch_months"] = error
    return cleaned, errors


def mission_form(values: Mapping[str, str] | None = None, defaults: CadenceSettings | None = None, *,
                 form_class: type[FormModal] = FormModal, **extra) -> FormModal:
    """Title, client, status, notes and the mission's own cadence (blank = the config's)
    (*form_class* and *extra*: an existing mission's, with its grid: modals/mission_form.py)."""
    defaults = defaults or CadenceSettings()
    fields = [
        Field("title", _("Title *"), placeholder=_("Senior Backend Engineer")),
        Field("client", _("Client / team"), placeholder=_("Acme — Platform team")),
        Field("status", _("Status"), "select", [(label(s), s) for s in MISSION_STATUSES]),
        Field("followup_delays_days", _("Follow-ups after (days)"),
              placeholder=_("default {delays} · none").format(delays=format_delays(defaults.followup_delays_days))),
        Field("snooze_after_days", _("Snooze silent after (days)"), placeholder=_("default {value}").format(value=defaults.snooze_after_days)),
        Field("snooze_months", _("Snooze for (months)"), placeholder=_("default {value}").format(value=defaults.snooze_months)),
        Field("salary_min", _("Salary from"), placeholder=_("45000 or 45k · blank = open")),
        Field("salary_max", _("Salary up to"), placeholder=_("60000 or 60k · blank = open")),
        Field("salary_currency", _("Currency"), placeholder="EUR"),
        Field("location", _("Location"), placeholder=_("Paris, Lyon…")),
        Field("remote_policy", _("Remote policy"), "select", [(remote_label(m), m) for m in REMOTE_MODES]),
        Field("must_haves", _("Must-haves"), "text"),
        Field("notes", _("Notes"), "text"),
    ]
    values = {"status": "open", **(values or {})}
    return form_class(_("Edit mission") if values.get("title") else _("New mission"), fields, _as_typed(validate_mission), values, **extra)


def talent_form(sources: Sequence[str], values: Mapping[str, str] | None = None, *, form_class: type[FormModal] = FormModal,
                introducers: Sequence[str] = (), **extra) -> FormModal:
    """The talent form (*form_class* and *extra*: a new talent's, that checks the name: modals/name_checked_form.py);
    *introducers*: the names completed in *Introduced by*."""
    fields = [
        Field("name", _("Name *"), placeholder=_("Zoé Martin")),
        Field("headline", _("Headline"), placeholder=_("Senior backend engineer, Python & Go")),
        Field("company", _("Company")),
        Field("email", _("Email"), placeholder=_("name@domain.tld")),
        Field("phone", _("Phone")),
        Field("linkedin_url", _("LinkedIn / profile URL"), placeholder=_("https://www.linkedin.com/in/…")),
        Field("location", _("Location")),
        Field("source", _("Source"), "select", [(label(s), s) for s in sources]),
        Field("referred_by", _("Introduced by"), placeholder=_("who introduced them: a name (→ completes)"), suggestions=tuple(introducers)),
        Field("tags", _("Tags"), placeholder=_("comma, separated")),
        Field("keep_in_touch_months", _("Keep in touch every (months)"), placeholder=_("blank = not kept in touch · 1–24")),
        Field("salary_amount", _("Salary expectation"), placeholder=_("55000 or 55k")),
        Field("salary_currency", _("Currency"), placeholder="EUR"),
        Field("salary_period", _("Salary is"), "select", [(period_label(p), p) for p in SALARY_PERIODS]),
        Field("notice_period", _("Notice period"), placeholder=_("4 weeks, 3 months…")),
        Field("available_from", _("Available from"), placeholder=_("2027-03-01 · +3m · blank")),
        Field("remote_pref", _("Remote preference"), "select", [(remote_label(m), m) for m in REMOTE_MODES]),
        Field("languages", _("Languages"), placeholder=_("French, English")),
        Field("cv_ref", _("CV (path or URL)"), placeholder=_("~/cv/zoe-martin.pdf or https://…")),
        Field("legal_basis", _("Legal basis"), "select",
              [(_("from the source"), FROM_SOURCE), *((basis_label(b), b) for b in LEGAL_BASES)]),
        Field("legal_basis_at", _("Basis since"), placeholder=_("blank = today · 2026-11-02 · -3w")),
        Field("notes", _("Notes"), "text"),
    ]
    default_source = "other" if "other" in sources else sources[0]
    values = {"source": default_source, "legal_basis": FROM_SOURCE, "salary_currency": "EUR", "salary_period": "year", **(values or {})}
    title = _("Edit talent") if values.get("name") else _("New talent")
    return form_class(title, fields, _as_typed(lambda data: _talent_form_errors(data, sources)), values, **extra)
