"""Talents: create, edit, read a profile and its timeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from peewee import JOIN

from ..db.database import write_transaction
from ..db.models import Candidacy, Mission, Reminder, Talent, Touchpoint
from ..db.values import as_date, as_time
from ..domain.cadence import parse_keep_in_touch
from ..domain.conflicts import TALENT_LABELS, Difference, differences
from ..domain.forms import FACT_FIELDS, TALENT_FIELDS, validate_talent
from ..domain.legal_basis import default_basis
from ..i18n import _
from . import introducers, snoozes
from .cadence import HIDDEN_KINDS
from .errors import Conflict, InvalidInput, NotFound, valid
from .panes import shown_detail

__all__ = [
    "create_talent",
    "update_talent",
    "TalentConflict",
    "talent_version",
    "get_talent",
    "talent_form_data",
    "first_talent_id",
    "talent_exists",
    "latest_candidacy",
    "talent_candidacies",
    "Upcoming",
    "upcoming",
    "TimelineEntry",
    "count_timeline",
    "fetch_timeline",
]


def _keep_in_touch(data: Mapping[str, str]) -> tuple[bool, int | None]:
    """Whether the form says how often to keep in touch, and how often (None: not)."""
    if "keep_in_touch_months" not in data:
        return False, None
    months, error = parse_keep_in_touch(data["keep_in_touch_months"])
    if error:
        raise InvalidInput({"keep_in_touch_months": error})
    return True, months


def create_talent(data: Mapping[str, str], sources: Iterable[str], now: dt.datetime, *, skip_weekends: bool = True) -> int:
    cleaned = valid(validate_talent(data, sources, now.date()))
    cleaned["legal_basis_at"] = cleaned["legal_basis_at"] or now.date()  # a talent is never without a basis
    _given, months = _keep_in_touch(data)
    with write_transaction():
        talent_id = Talent.insert(**cleaned, created_at=now, updated_at=now).execute()
        if cleaned.get("referred_by"):
            introducers.link_by_name(talent_id, cleaned["referred_by"], now)
        if months:
            snoozes.set_keep_in_touch(talent_id, months, now, skip_weekends)
        return talent_id


class TalentConflict(Conflict):
    """The talent was changed elsewhere (another window, a teammate) since the form
    read *version*: nothing was written.  ``theirs``: the form's values as stored
    now, ``version``: the stored version, ``differences``: field by field, theirs
    and mine where they differ."""

    def __init__(self, talent_id: int, theirs: dict[str, str], version: int, found: list[Difference]) -> None:
        self.talent_id, self.theirs, self.version, self.differences = talent_id, theirs, version, found
        super().__init__(_("{name} was changed in another window while you edited").format(name=theirs.get("name", "")))


def talent_version(talent_id: int) -> int:
    """The talent's version (db/row_versions.py): a form reads it with the values it shows."""
    version = Talent.select(Talent.version).where(Talent.id == talent_id).scalar()
    if version is None:
        raise NotFound(_("talent {id} does not exist").format(id=talent_id))
    return version


def _changed_elsewhere(talent_id: int, data: Mapping[str, str], cleaned: dict, months: int | None,
                       sources: Iterable[str], today: dt.date) -> TalentConflict | None:
    """The conflict to raise when the stored talent differs from what is being saved
    (None: the same values, nothing of theirs would be lost)."""
    stored = get_talent(talent_id)
    shown = talent_form_data(stored)
    theirs, _errors = validate_talent(shown, sources, today)
    theirs["keep_in_touch_months"] = stored.keep_in_touch_months
    mine = {**cleaned, "keep_in_touch_months": months}
    if "legal_basis_at" in mine and mine["legal_basis_at"] is None:
        mine["legal_basis_at"] = theirs.get("legal_basis_at")  # blank: as it is
    mine = {field: value for field, value in mine.items() if field in data}
    found = differences(TALENT_LABELS, theirs, mine, theirs_shown=shown, mine_shown=data)
    return TalentConflict(talent_id, shown, stored.version, found) if found else None


def update_talent(talent_id: int, data: Mapping[str, str], sources: Iterable[str], now: dt.datetime, *, skip_weekends: bool = True,
                  version: int | None = None) -> None:
    """Save the talent form; its *keep in touch every* (when given) starts, changes or stops the calls.

    With *version* (:func:`talent_version` when the form was filled), a talent
    changed since elsewhere raises :class:`TalentConflict` and nothing is written
    — unless the stored values are those being saved.  No silent overwrite."""
    cleaned = valid(validate_talent(data, sources, now.date()))
    given, months = _keep_in_touch(data)
    with write_transaction():
        where = Talent.id == talent_id
        if version is not None:
            stored = Talent.select(Talent.version).where(where).scalar()
            if stored is None:
                raise NotFound(_("talent {id} does not exist").format(id=talent_id))
            if stored != version:
                conflict = _changed_elsewhere(talent_id, data, cleaned, months, sources, now.date())
                if conflict is not None:
                    raise conflict
                version = stored
            where &= Talent.version == version  # PostgreSQL: a teammate's commit in between fails it
        _legal_basis(talent_id, data, cleaned, now.date())
        if not Talent.update(**cleaned, updated_at=now).where(where).execute():
            if version is not None and talent_exists(talent_id):
                raise _changed_elsewhere(talent_id, data, cleaned, months, sources, now.date()) or Conflict(
                    _("the talent was changed meanwhile: save again"))
            raise NotFound(_("talent {id} does not exist").format(id=talent_id))
        if "referred_by" in data:  # the form's "Introduced by": the introducer of that name
            introducers.link_by_name(talent_id, cleaned.get("referred_by", ""), now)
        if given:
            snoozes.set_keep_in_touch(talent_id, months, now, skip_weekends)


def _legal_basis(talent_id: int, data: Mapping[str, str], cleaned: dict, today: dt.date) -> None:
    """The legal basis *cleaned* stores on an edit.  Not in *data* (a caller that does
    not edit it): kept as it is.  A basis changed with its date left as it was: since
    *today* (consent given today); a date cleared: *today*."""
    if "legal_basis" not in data and "legal_basis_at" not in data:
        del cleaned["legal_basis"], cleaned["legal_basis_at"]
        return
    before = Talent.select(Talent.legal_basis, Talent.legal_basis_at).where(Talent.id == talent_id).tuples().first()
    if before is None:
        return  # NotFound from the update
    basis, since = before[0], as_date(before[1])
    if cleaned["legal_basis_at"] is None or (cleaned["legal_basis"] != basis and cleaned["legal_basis_at"] == since):
        cleaned["legal_basis_at"] = today


def get_talent(talent_id: int) -> Talent:
    talent = Talent.get_or_none(Talent.id == talent_id)
    if talent is None:
        raise NotFound(_("talent {id} does not exist").format(id=talent_id))
    return talent


def talent_exists(talent_id: int) -> bool:
    return Talent.select().where(Talent.id == talent_id).exists()


def first_talent_id() -> int | None:
    return Talent.select(Talent.id).order_by(Talent.id).limit(1).scalar()


def latest_candidacy(talent_id: int) -> int | None:
    """The talent's most recently moved candidacy (None when in no mission)."""
    return (
        Candidacy.select(Candidacy.id)
        .where(Candidacy.talent == talent_id)
        .order_by(Candidacy.stage_changed_at.desc(), Candidacy.id.desc())
        .limit(1)
        .scalar()
    )


def talent_form_data(talent: Talent) -> dict[str, str]:
    """The talent's fields as the form shows them."""
    months = talent.keep_in_touch_months
    facts = {field: getattr(talent, field) for field in FACT_FIELDS}
    facts = {field: "" if value is None else value if isinstance(value, str) else
             value.isoformat() if isinstance(value, dt.date) else str(value) for field, value in facts.items()}
    since = as_date(talent.legal_basis_at) or as_date(talent.created_at)
    basis = {"legal_basis": talent.legal_basis or default_basis(talent.source),
             "legal_basis_at": since.isoformat() if since else ""}
    return {**{field: getattr(talent, field) or "" for field in TALENT_FIELDS}, **facts, **basis,
            "keep_in_touch_months": str(months) if months else ""}


def talent_candidacies(talent_id: int) -> list[tuple[int, str, str]]:
    """``(candidacy id, mission title, stage)`` for each mission the talent is in."""
    query = (
        Candidacy.select(Candidacy.id, Mission.title, Candidacy.stage)
        .join(Mission)
        .where(Candidacy.talent == talent_id)
        .order_by(Candidacy.created_at.desc(), Candidacy.id.desc())
    )
    return list(query.tuples())


@dataclass(frozen=True)
class Upcoming:
    """A commitment to the talent still pending (its due item), as the talent screen lists it."""

    due: dt.date
    kind: str  # followup | next_step | wake_up | keep_in_touch
    detail: str
    mission: str
    paused: bool  # a follow-up waiting for the end of the talent's snooze
    time: dt.time | None = None  # its time of day (migration 0016), None: the whole day


def upcoming(talent_id: int) -> list[Upcoming]:
    """Every pending follow-up, next step, wake-up and keep-in-touch call of the talent, soonest first."""
    query = (
        Reminder.select(Reminder.due, Reminder.kind, Reminder.detail, Mission.title, Reminder.paused_days, Reminder.due_time)
        .join_from(Reminder, Candidacy, JOIN.LEFT_OUTER)
        .join_from(Candidacy, Mission, JOIN.LEFT_OUTER)
        .where((Reminder.talent == talent_id) & (Reminder.status == "pending") & Reminder.kind.not_in(HIDDEN_KINDS))
        .order_by(Reminder.due, Reminder.due_time.is_null(False), Reminder.due_time, Reminder.id)
    )
    return [
        Upcoming(as_date(due), kind, shown_detail(kind, detail or ""), mission or "", paused is not None, as_time(at))
        for due, kind, detail, mission, paused, at in query.tuples()
    ]


@dataclass(frozen=True)
class TimelineEntry:
    id: int
    happened_at: dt.datetime
    kind: str
    channel: str
    direction: str
    step: int | None
    mission: str
    summary: str
    feedback_given: str
    impression: str
    sentiment: str | None
    next_step: str
    next_step_due: dt.date | None
    needs_feedback: bool
    feedback_at: dt.datetime | None
    next_step_time: dt.time | None = None
    #: Who logged it (migration 0025): a login, None for the single user.
    owner: str | None = None
    version: int = 0  # the contact's (db/row_versions.py): its edit form names it

    @property
    def missing_feedback(self) -> bool:
        return self.needs_feedback and self.feedback_at is None


def count_timeline(talent_id: int) -> int:
    return Touchpoint.select().where(Touchpoint.talent == talent_id).count()


def fetch_timeline(talent_id: int, offset: int, limit: int) -> Sequence[TimelineEntry]:
    """A page of the talent's touchpoints, newest first."""
    query = (
        Touchpoint.select(
            Touchpoint.id,
            Touchpoint.happened_at,
            Touchpoint.kind,
            Touchpoint.channel,
            Touchpoint.direction,
            Touchpoint.step,
            Mission.title,
            Touchpoint.summary,
            Touchpoint.feedback_given,
            Touchpoint.impression,
            Touchpoint.sentiment,
            Touchpoint.next_step,
            Touchpoint.next_step_due,
            Touchpoint.needs_feedback,
            Touchpoint.feedback_at,
            Touchpoint.next_step_time,
            Touchpoint.owner,
            Touchpoint.version,
        )
        .join_from(Touchpoint, Candidacy, JOIN.LEFT_OUTER)
        .join_from(Candidacy, Mission, JOIN.LEFT_OUTER)
        .where(Touchpoint.talent == talent_id)
        .order_by(Touchpoint.happened_at.desc(), Touchpoint.id.desc())
        .offset(offset)
        .limit(limit)
    )
    return [
        TimelineEntry(*row[:6], row[6] or "", *row[7:]) for row in query.tuples()
    ]
