"""Random edits of candidacies, for the tests of tables kept by triggers."""

from __future__ import annotations

import peewee

from sourcer_tui.db.models import Candidacy, Talent
from sourcer_tui.services import pipeline

from ..conftest import NOW

#: what the hypothesis tests draw: (operation, who, stage, where)
OPERATIONS = ("add", "move", "remission", "retalent", "delete", "replace")


def edit_candidacy(op: str, talent_id: int, stage: str, mission_id: int, other_talent: int | None = None) -> None:
    """Apply one edit to the talent's first candidacy (or add one): each way a
    candidacy changes its count — a move, a mission change, another talent,
    a delete, an INSERT OR REPLACE over it."""
    existing = Candidacy.select().where(Candidacy.talent == talent_id).first()
    if op == "add":
        if existing is None and Talent.select().where(Talent.id == talent_id).exists():
            pipeline.add_to_mission(talent_id, mission_id, NOW, stage=stage)
        return
    if existing is None:
        return
    if op == "move":
        pipeline.move_stage(existing.id, stage, NOW)
    elif op == "remission":  # a talent is in a mission once: only to a mission it is not in
        taken = Candidacy.select().where((Candidacy.talent == existing.talent) & (Candidacy.mission == mission_id) & (Candidacy.id != existing.id)).exists()
        if not taken:
            Candidacy.update(mission=mission_id).where(Candidacy.id == existing.id).execute()
    elif op == "retalent" and other_talent is not None:
        taken = Candidacy.select().where((Candidacy.talent == other_talent) & (Candidacy.mission == existing.mission)).exists()
        if not taken and Talent.select().where(Talent.id == other_talent).exists():
            Candidacy.update(talent=other_talent).where(Candidacy.id == existing.id).execute()
    elif op == "delete":
        Candidacy.delete().where(Candidacy.id == existing.id).execute()
    elif op == "replace":  # INSERT OR REPLACE over the existing row: its old stage and mission go
        if isinstance(Candidacy._meta.database.obj, peewee.SqliteDatabase):
            Candidacy.insert(id=existing.id, talent=talent_id, mission=mission_id, stage=stage).on_conflict_replace().execute()
        else:  # what REPLACE does, where there is none (PostgreSQL)
            with Candidacy._meta.database.obj.atomic():
                Candidacy.delete().where(Candidacy.id == existing.id).execute()
                Candidacy.insert(id=existing.id, talent=talent_id, mission=mission_id, stage=stage).execute()
