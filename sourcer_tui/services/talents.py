"""Talents: create, edit, read a profile and its timeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from peewee import JOIN

from ..db.database import write_transaction
from ..db.models import Candidacy, Mission, Talent, Touchpoint
from ..domain.forms import TALENT_FIELDS, validate_talent
from .errors import NotFound, valid

__all__ = [
    "create_talent",
    "update_talent",
    "get_talent",
    "talent_form_data",
    "first_talent_id",
    "talent_exists",
    "latest_candidacy",
    "talent_candidacies",
    "TimelineEntry",
    "count_timeline",
    "fetch_timeline",
]


def create_talent(data: Mapping[str, str], sources: Iterable[str], now: dt.datetime) -> int:
    cleaned = valid(validate_talent(data, sources))
    with write_transaction():
        return Talent.insert(**cleaned, created_at=now, updated_at=now).execute()


def update_talent(talent_id: int, data: Mapping[str, str], sources: Iterable[str], now: dt.datetime) -> None:
    cleaned = valid(validate_talent(data, sources))
    with write_transaction():
        if not Talent.update(**cleaned, updated_at=now).where(Talent.id == talent_id).execute():
            raise NotFound(f"talent {talent_id} does not exist")


def get_talent(talent_id: int) -> Talent:
    talent = Talent.get_or_none(Talent.id == talent_id)
    if talent is None:
        raise NotFound(f"talent {talent_id} does not exist")
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
    return {field: getattr(talent, field) or "" for field in TALENT_FIELDS}


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
