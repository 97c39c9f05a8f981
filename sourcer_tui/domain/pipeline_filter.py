"""The Pipeline's filter and sort orders: what the filter form's text means,
and how an active filter reads in the pane's title.

Pure rules, no SQL (the services turn a :class:`PipelineFilter` into a WHERE:
services/filtering.py).  Every field left blank filters nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence

from ..i18n import N_, _, formats, pgettext
from .dates import DateParseError, parse_date
from .facts import REMOTE_MODES, parse_amount, remote_label
from .text import clean_line, field_text
from .vocab import label, stage_label

__all__ = [
    "PipelineFilter", "SORTS", "POOL_OWN", "SNOOZED_CHOICES", "next_sort", "sort_label", "validate_filter",
    "filter_form_data", "summary", "MAX_DAYS",
]

#: The orders ``O`` cycles through: "" is each list's own (a stage's most recently
#: moved first, the pool by name: there, ``name`` is that order and not offered).
SORTS: tuple[str, ...] = ("", "name", "contact", "stage_time", "grid")
#: Orders the talent pool has not (no stage) or has already (by name).
POOL_OWN = ("stage_time", "name")
_SORT_LABELS = {"contact": N_("last contact"), "stage_time": N_("time in stage"), "grid": N_("grid average")}
#: The snoozed field's choices: code -> label.
SNOOZED_CHOICES: dict[str, str] = {"yes": N_("snoozed"), "no": N_("awake")}
#: A day count of the contact fields: at most ten years.
MAX_DAYS = 3650


@dataclasses.dataclass(frozen=True)
class PipelineFilter:
    """What the Pipeline shows, besides the search.  Blank fields filter nothing."""

    stage: str = ""
    tag: str = ""
    source: str = ""
    location: str = ""
    #: No contact for this many days or more (never contacted included).
    quiet_days: int | None = None
    #: Contacted within this many days.
    recent_days: int | None = None
    snoozed: str = ""  # "" | yes | no
    salary_min: int | None = None
    salary_max: int | None = None
    remote: str = ""  # "" | onsite | hybrid | remote
    #: Available on or before this date (a talent with no date is left out).
    available_by: dt.date | None = None
    language: str = ""
    notice: str = ""

    @property
    def active(self) -> bool:
        return self != PipelineFilter()

    @property
    def on_talents(self) -> bool:
        """Whether a field other than the stage filters (the talent's own data)."""
        return dataclasses.replace(self, stage="") != PipelineFilter()

    @property
    def on_row(self) -> bool:
        """Whether a field read in the talent's own row filters (tags, source,
        location, facts) — not only the stage, the contacts or the snooze."""
        return dataclasses.replace(self, stage="", quiet_days=None, recent_days=None, snoozed="") != PipelineFilter()


def next_sort(current: str, *, pool: bool = False, grid: bool = False) -> str:
    """The order after *current* in :data:`SORTS` (round and round); the talent
    pool has no stage, so no time in stage, and is by name already; the grid
    average only in one mission that has an interview grid (*grid*)."""
    orders = tuple(s for s in SORTS if not (pool and s in POOL_OWN) and (grid or s != "grid"))
    at = orders.index(current) if current in orders else 0
    return orders[(at + 1) % len(orders)]


def sort_label(code: str) -> str:
    if code == "name":  # "name" alone is a person's full name elsewhere
        return pgettext("sort", "name")
    known = _SORT_LABELS.get(code)
    return _(known) if known is not None else ""


def _days(text: str) -> tuple[int | None, str | None]:
    raw = clean_line(text).strip().lower().removesuffix("d").removesuffix("j").strip()
    if not raw:
        return None, None
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_DAYS:
        return None, _("a number of days from 1 to {most}").format(most=MAX_DAYS)
    return int(raw), None


def validate_filter(
    data: Mapping[str, str], stages: Sequence[str], sources: Sequence[str], today: dt.date
) -> tuple[PipelineFilter | None, dict[str, str]]:
    """The form's text as a :class:`PipelineFilter`, or None and an error per field."""
    errors: dict[str, str] = {}
    text = {name: clean_line(field_text(data.get(name))) for name in data}

    def line(name: str) -> str:
        return text.get(name, "").strip()

    stage = line("stage")
    if stage and stage not in stages:
        errors["stage"] = _("unknown stage: {value}").format(value=repr(stage))
    source = line("source")
    if source and source not in sources:
        errors["source"] = _("unknown source: {value}").format(value=repr(source))
    snoozed = line("snoozed")
    if snoozed and snoozed not in SNOOZED_CHOICES:
        errors["snoozed"] = _("snoozed or awake")
    remote = line("remote")
    if remote and remote not in REMOTE_MODES:
        errors["remote"] = _("on-site, hybrid or remote")
    numbers: dict[str, int | None] = {}
    for name in ("quiet_days", "recent_days"):
        numbers[name], error = _days(line(name))
        if error:
            errors[name] = error
    for name in ("salary_min", "salary_max"):
        numbers[name], error = parse_amount(line(name))
        if error:
            errors[name] = error
    low, high = numbers["salary_min"], numbers["salary_max"]
    if low is not None and high is not None and low > high:
        errors["salary_max"] = _("less than the lower bound")
    available = None
    if line("available_by"):
        try:
            available = parse_date(line("available_by"), today)
        except DateParseError as exc:
            errors["available_by"] = str(exc)
    if errors:
        return None, errors
    tag = line("tag").lower().strip(", ")
    return PipelineFilter(
        stage=stage, tag=tag, source=source, location=line("location"),
        quiet_days=numbers["quiet_days"], recent_days=numbers["recent_days"], snoozed=snoozed,
        salary_min=low, salary_max=high, remote=remote, available_by=available,
        language=line("language"), notice=line("notice"),
    ), {}


def filter_form_data(active: PipelineFilter) -> dict[str, str]:
    """*active* as the form's text (to change it)."""
    def shown(value) -> str:
        return "" if value is None else value.isoformat() if isinstance(value, dt.date) else str(value)

    return {field.name: shown(getattr(active, field.name)) for field in dataclasses.fields(active)}


def summary(active: PipelineFilter) -> str:
    """The filter, short, for the pane's title: ``stage=offer · tag=java · 30d+``."""
    parts: list[str] = []
    if active.stage:
        parts.append(_("stage={stage}").format(stage=stage_label(active.stage).lower()))
    if active.tag:
        parts.append(_("tag={tag}").format(tag=active.tag))
    if active.source:
        parts.append(_("source={source}").format(source=label(active.source)))
    if active.location:
        parts.append(_("in {location}").format(location=active.location))
    if active.quiet_days is not None:
        parts.append(_("{n}d+").format(n=active.quiet_days))
    if active.recent_days is not None:
        parts.append(_("≤{n}d").format(n=active.recent_days))
    if active.snoozed:
        parts.append(_(SNOOZED_CHOICES[active.snoozed]))
    if active.salary_min is not None and active.salary_max is not None:
        parts.append(_("salary {low}–{high}").format(low=formats.number(active.salary_min), high=formats.number(active.salary_max)))
    elif active.salary_min is not None:
        parts.append(_("salary ≥{low}").format(low=formats.number(active.salary_min)))
    elif active.salary_max is not None:
        parts.append(_("salary ≤{high}").format(high=formats.number(active.salary_max)))
    if active.remote:
        parts.append(remote_label(active.remote))
    if active.available_by is not None:
        parts.append(_("available by {day}").format(day=formats.full_date(active.available_by)))
    if active.language:
        parts.append(_("speaks {language}").format(language=active.language))
    if active.notice:
        parts.append(_("notice {notice}").format(notice=active.notice))
    return " · ".join(parts)
