"""The Pipeline's filter form (``f``): stage, tag, source, location, last contact,
snoozed, and the facts recruiters ask about.  Blank fields filter nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from ..domain.facts import REMOTE_MODES, remote_label
from ..domain.pipeline_filter import SNOOZED_CHOICES, PipelineFilter, filter_form_data, validate_filter
from ..domain.vocab import label, stage_label
from ..i18n import _
from .form import Field, FormModal

__all__ = ["filter_form"]


def filter_form(active: PipelineFilter | None, stages: Sequence[str], sources: Sequence[str], today: dt.date) -> FormModal:
    """Returns ``{"filter": PipelineFilter}`` (every field blank: no filter)."""
    fields = [
        Field("stage", _("Stage"), "select", [(stage_label(s), s) for s in stages]),
        Field("tag", _("Tag"), placeholder=_("java")),
        Field("source", _("Source"), "select", [(label(s), s) for s in sources]),
        Field("location", _("Location contains"), placeholder=_("Paris")),
        Field("quiet_days", _("No contact for (days)"), placeholder=_("30: nothing in 30 days or more")),
        Field("recent_days", _("Contacted within (days)"), placeholder=_("7: a contact in the last 7 days")),
        Field("snoozed", _("Snoozed"), "select", [(_(text), code) for code, text in SNOOZED_CHOICES.items()]),
        Field("salary_min", _("Salary from"), placeholder=_("45000 or 45k")),
        Field("salary_max", _("Salary up to"), placeholder=_("60000 or 60k")),
        Field("remote", _("Remote preference"), "select", [(remote_label(m), m) for m in REMOTE_MODES]),
        Field("available_by", _("Available before"), placeholder=_("2027-03-01 · +3m")),
        Field("language", _("Language contains"), placeholder=_("English")),
        Field("notice", _("Notice contains"), placeholder=_("month")),
    ]

    def validate(data: Mapping[str, str]):
        found, errors = validate_filter(data, stages, sources, today)
        return ({"filter": found} if found is not None else {}), errors

    values = filter_form_data(active or PipelineFilter())
    return FormModal(_("Filter the pipeline (blank: any; ctrl+s applies)"), fields, validate, values)
