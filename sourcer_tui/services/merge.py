"""Merging two talents who are one person, in one transaction.

The kept talent takes the values chosen in the preview (domain/merge.py) and
everything of the other: missions, touchpoints (drafts with them), reminders,
snoozes — every row pointing at the other talent, found from the database's
own foreign keys, so that a table added later cannot be left pointing at a
talent that is gone.  Both in the same mission, the further-advanced
candidacy stays and takes the other's history.  Then one snooze stays, and
one keep-in-touch call (services/snoozes.py: ``after_merge``), and the other
talent is deleted.  The derived tables (search index, stage counts,
initials, Stats rows) follow through their triggers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import peewee

from ..db.database import write_transaction
from ..db.models import Candidacy, Mission, Reminder, Talent, Touchpoint, database_proxy
from ..domain.merge import CandidacyState, Conflict, conflicts, keeps_first, merged_candidacy, merged_values
from ..i18n import _
from .errors import Conflict as Refused
from .errors import NotFound

__all__ = ["MergeSide", "SharedMission", "MergePlan", "plan_merge", "merge_talents", "ChangedSincePreview"]


@dataclass(frozen=True)
class MergeSide:
    """One of the two talents, as the preview shows it."""

    id: int
    name: str
    company: str
    values: dict  # the talent's columns
    missions: list[tuple[str, str]] = field(default_factory=list)  # (mission title, stage)
    touchpoints: int = 0
    pending: int = 0  # reminders still to do


@dataclass(frozen=True)
class SharedMission:
    """A mission both are in: which stage stays."""

    title: str
    kept_stage: str
    other_stage: str
    keeps_kept: bool  # the kept talent's candidacy stays (else the other's)


@dataclass(frozen=True)
class MergePlan:
    kept: MergeSide
    other: MergeSide
    conflicts: list[Conflict]
    shared: list[SharedMission]


def _talent(talent_id: int) -> Talent:
    talent = Talent.get_or_none(Talent.id == talent_id)
    if talent is None:
        raise NotFound(_("talent {id} does not exist").format(id=talent_id))
    if talent.anonymised_at is not None:
        raise Refused(_("{name} is anonymised: it cannot be merged").format(name=talent.name))
    return talent


def _record(talent: Talent) -> dict:
    return {name: getattr(talent, name) for name in Talent._meta.fields}


def _state(candidacy: Candidacy) -> CandidacyState:
    return CandidacyState(
        candidacy.stage, candidacy.sequence_state, candidacy.last_step_sent, candidacy.first_contact_at,
        candidacy.replied_at, candidacy.reply_sentiment, candidacy.closed_at,
    )


def _candidacies(talent_id: int) -> dict[int, Candidacy]:
    """The talent's candidacies by mission."""
    return {c.mission_id: c for c in Candidacy.select().where(Candidacy.talent == talent_id).order_by(Candidacy.id)}


def _side(talent: Talent) -> MergeSide:
    missions = list(
        Candidacy.select(Mission.title, Candidacy.stage).join(Mission).where(Candidacy.talent == talent.id).order_by(Candidacy.id).tuples()
    )
    return MergeSide(
        talent.id, talent.name, talent.company, _record(talent), missions,
        Touchpoint.select().where(Touchpoint.talent == talent.id).count(),
        Reminder.select().where((Reminder.talent == talent.id) & (Reminder.status == "pending")).count(),
    )


def _pair(kept_id: int, other_id: int) -> tuple[Talent, Talent]:
    if kept_id == other_id:
        raise Refused(_("a talent cannot be merged with itself"))
    return _talent(kept_id), _talent(other_id)


def plan_merge(kept_id: int, other_id: int, stages: Sequence[str]) -> MergePlan:
    """What merging *other_id* into *kept_id* would do; writes nothing."""
    kept, other = _pair(kept_id, other_id)
    mine, theirs = _candidacies(kept_id), _candidacies(other_id)
    titles = dict(Mission.select(Mission.id, Mission.title).where(Mission.id.in_(list(mine.keys() & theirs.keys()))).tuples())
    shared = [
        SharedMission(titles.get(mission, ""), mine[mission].stage, theirs[mission].stage,
                      keeps_first(_state(mine[mission]), _state(theirs[mission]), stages))
        for mission in sorted(mine.keys() & theirs.keys())
    ]
    return MergePlan(_side(kept), _side(other), conflicts(_record(kept), _record(other)), shared)


class ChangedSincePreview(Refused):
    """One of the two talents was changed elsewhere (another window, a teammate)
    since the preview: nothing merged.  ``name``: whose; ``differences``: field by
    field, as stored now (*theirs*) and as the preview showed it (*mine*)."""

    def __init__(self, name: str, found: list) -> None:
        self.name, self.differences = name, found
        super().__init__(_("{name} was changed elsewhere since the preview: nothing merged").format(name=name))


def _unchanged(side: MergeSide, now: Talent) -> None:
    """Raise :class:`ChangedSincePreview` when *now* is not the version *side* showed."""
    from ..domain.conflicts import TALENT_LABELS, differences

    if now.version == side.values.get("version", now.version):
        return
    stored = _record(now)
    found = differences(TALENT_LABELS, stored, {field: side.values.get(field) for field, _label in TALENT_LABELS})
    raise ChangedSincePreview(now.name, found)


def _references(db: peewee.Database, target: str) -> list[tuple[str, str]]:
    """``(table, column)`` of every foreign key to *target*'s id, from the database itself."""
    found = []
    for table in db.get_tables():
        for key in db.get_foreign_keys(table):
            if key.dest_table == target:
                found.append((table, key.column))
    return sorted(found)


def _repoint(db: peewee.Database, references: list[tuple[str, str]], old: int, new: int) -> None:
    for table, column in references:
        db.execute_sql(f'UPDATE "{table}" SET "{column}" = ? WHERE "{column}" = ?', (new, old))


def _join_candidacies(db: peewee.Database, kept_id: int, other_id: int, stages: Sequence[str], now: dt.datetime) -> None:
    """Both in one mission: the further-advanced candidacy stays, with the other's history."""
    references = _references(db, "candidacy")
    mine, theirs = _candidacies(kept_id), _candidacies(other_id)
    for mission in sorted(mine.keys() & theirs.keys()):
        stay, drop = mine[mission], theirs[mission]
        if not keeps_first(_state(stay), _state(drop), stages):
            stay, drop = drop, stay
        changes, goes_on = merged_candidacy(_state(stay), _state(drop))
        if not goes_on:  # one sequence per candidacy: the dropped one's planned follow-ups end
            Reminder.update(status="cancelled", done_at=now).where(
                (Reminder.candidacy == drop.id) & Reminder.kind.in_(("followup", "auto_snooze")) & (Reminder.status == "pending")).execute()
        _repoint(db, references, drop.id, stay.id)
        Candidacy.delete().where(Candidacy.id == drop.id).execute()
        Candidacy.update(**changes, updated_at=now).where(Candidacy.id == stay.id).execute()


def merge_talents(
    kept_id: int, other_id: int, choices: Mapping[str, str], now: dt.datetime, stages: Sequence[str], *, skip_weekends: bool = True,
    plan: MergePlan | None = None,
) -> None:
    """Merge *other_id* into *kept_id* (*choices*: field -> kept / other / both, for
    each conflict of the plan); the other talent is then gone.  One transaction.
    With *plan* (the preview the choices were made on), a talent changed since
    elsewhere raises :class:`ChangedSincePreview`: nothing is merged."""
    from . import introducers, snoozes

    db = database_proxy.obj
    with write_transaction():
        kept, other = _pair(kept_id, other_id)
        if plan is not None:
            _unchanged(plan.kept, kept)
            _unchanged(plan.other, other)
        before, theirs = _record(kept), _record(other)
        values = merged_values(before, theirs, choices)
        for name, value in theirs.items():  # a column the preview does not know: filled if empty
            if name not in values and name not in ("id", "updated_at", "anonymised_at", "version") and before.get(name) in (None, "") and value not in (None, ""):
                values[name] = value
        if choices.get("referred_by") == "other":  # the introducer goes with the name chosen
            values["introducer"] = other.introducer_id
        _join_candidacies(db, kept_id, other_id, stages, now)
        _repoint(db, _references(db, "talent"), other_id, kept_id)
        Talent.update(**values, updated_at=now).where(Talent.id == kept_id).execute()
        Talent.delete().where(Talent.id == other_id).execute()
        snoozes.after_merge(kept_id, now, skip_weekends)
        introducers.after_merge(kept_id, now, stages)
