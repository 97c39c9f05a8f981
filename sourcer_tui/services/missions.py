"""Missions: list, create, edit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from peewee import JOIN, fn

from ..db.database import write_transaction
from ..db.models import Candidacy, Mission
from ..domain.forms import validate_mission
from ..domain.vocab import CLOSED_STAGES
from ..i18n import _
from .errors import NotFound, valid

__all__ = ["MissionSummary", "list_missions", "create_mission", "update_mission", "get_mission", "mission_form_data"]


@dataclass(frozen=True)
class MissionSummary:
    id: int
    title: str
    client: str
    status: str
    active: int  # candidacies not closed

    @property
    def display(self) -> str:
        return f"{self.title} — {self.client}" if self.client else self.title


def list_missions() -> list[MissionSummary]:
    """Every mission, open ones first, then by title."""
    active = fn.COUNT(Candidacy.id).filter(Candidacy.stage.not_in(CLOSED_STAGES))
    query = (
        Mission.select(Mission.id, Mission.title, Mission.client, Mission.status, active.alias("active"))
        .join(Candidacy, JOIN.LEFT_OUTER)
        .group_by(Mission.id)
        .order_by(Mission.status != "open", Mission.status, fn.LOWER(Mission.title), Mission.id)
    )
    return [MissionSummary(*row) for row in query.tuples()]


def get_mission(mission_id: int) -> Mission:
    mission = Mission.get_or_none(Mission.id == mission_id)
    if mission is None:
        raise NotFound(_("mission {id} does not exist").format(id=mission_id))
    return mission


def create_mission(data: Mapping[str, str], now: dt.datetime) -> int:
    cleaned = valid(validate_mission(data))
    with write_transaction():
        return Mission.insert(**cleaned, created_at=now, updated_at=now).execute()


def mission_form_data(mission_id: int) -> dict[str, str]:
    """The mission's fields as the form shows them ("none" = no follow-ups, blank = default)."""
    mission = get_mission(mission_id)
    delays = mission.followup_delays_days
    return {
        "title": mission.title,
        "client": mission.client,
        "status": mission.status,
        "notes": mission.notes,
        "followup_delays_days": "" if delays is None else (delays or "none"),
        "snooze_after_days": "" if mission.snooze_after_days is None else str(mission.snooze_after_days),
        "snooze_months": "" if mission.snooze_months is None else str(mission.snooze_months),
        "salary_min": "" if mission.salary_min is None else str(mission.salary_min),
        "salary_max": "" if mission.salary_max is None else str(mission.salary_max),
        "salary_currency": mission.salary_currency,
        "location": mission.location,
        "remote_policy": mission.remote_policy,
        "must_haves": mission.must_haves,
    }


def update_mission(mission_id: int, data: Mapping[str, str], now: dt.datetime) -> None:
    cleaned = valid(validate_mission(data))
    with write_transaction():
        if not Mission.update(**cleaned, updated_at=now).where(Mission.id == mission_id).execute():
            raise NotFound(_("mission {id} does not exist").format(id=mission_id))
