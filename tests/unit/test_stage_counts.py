"""The candidacy_count table (migration 0005) stays equal to counting the candidacies."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sourcer_tui.db import counts
from sourcer_tui.db.models import Candidacy, Mission, Talent
from sourcer_tui.services import missions, pipeline, talents
from sourcer_tui.services.pipeline import Scope

from ..conftest import NOW
from .candidacy_edits import OPERATIONS, edit_candidacy

STAGES = ("sourced", "approached", "replied", "declined")


def kept(db) -> dict:
    return {(m, s): n for m, s, n in db.execute_sql("SELECT mission_id, stage, n FROM candidacy_count WHERE n != 0")}


def counted(db) -> dict:
    return {(m, s): n for m, s, n in db.execute_sql("SELECT mission_id, stage, COUNT(*) FROM candidacy GROUP BY mission_id, stage")}


def test_counts_follow_inserts_moves_and_cascading_deletes(db):
    backend = missions.create_mission({"title": "Backend"}, NOW)
    data = missions.create_mission({"title": "Data"}, NOW)
    people = [talents.create_talent({"name": f"T{i}"}, ["other"], NOW) for i in range(4)]
    a = pipeline.add_to_mission(people[0], backend, NOW)
    pipeline.add_to_mission(people[1], backend, NOW)
    pipeline.add_to_mission(people[2], data, NOW)
    c = pipeline.add_to_mission(people[3], data, NOW, stage="approached")
    assert kept(db) == {(backend, "sourced"): 2, (data, "sourced"): 1, (data, "approached"): 1}

    pipeline.move_stage(a, "replied", NOW)
    Candidacy.update(mission=data).where(Candidacy.id == c).execute()  # to another mission, same stage
    assert kept(db) == {(backend, "sourced"): 1, (backend, "replied"): 1, (data, "sourced"): 1, (data, "approached"): 1}
    Candidacy.update(mission=backend, stage="sourced").where(Candidacy.id == c).execute()  # both at once
    assert kept(db) == {(backend, "sourced"): 2, (backend, "replied"): 1, (data, "sourced"): 1}

    Talent.delete().where(Talent.id == people[0]).execute()  # its candidacy goes by cascade
    assert kept(db) == {(backend, "sourced"): 2, (data, "sourced"): 1}
    Mission.delete().where(Mission.id == backend).execute()
    assert kept(db) == {(data, "sourced"): 1} == counted(db)


def test_the_pipeline_groups_read_the_kept_counts(db):
    mission = missions.create_mission({"title": "Backend"}, NOW)
    for i in range(3):
        pipeline.add_to_mission(talents.create_talent({"name": f"Zoé {i}"}, ["other"], NOW), mission, NOW)
    stages = ("sourced", "approached")
    groups = {g.key: g.count for g in pipeline.groups(Scope(mission), stages)}
    assert groups == {"sourced": 3, "approached": 0, "declined": 0, "rejected": 0}
    db.execute_sql("UPDATE candidacy_count SET n = 7")  # proves where the figure comes from
    assert {g.key: g.count for g in pipeline.groups(Scope(), stages)}["sourced"] == 7
    assert {g.key: g.count for g in pipeline.groups(Scope(mission, search="zoé"), stages)}["sourced"] == 3  # a search counts rows
    counts.rebuild(db)
    assert {g.key: g.count for g in pipeline.groups(Scope(), stages)}["sourced"] == 3


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(OPERATIONS), st.integers(0, 5), st.integers(0, 3), st.integers(0, 1)), max_size=30))
@example([("add", 3, 0, 0), ("add", 4, 0, 1), ("retalent", 3, 0, 0), ("remission", 4, 0, 1)])  # two candidacies, one mission: CI found it
def test_any_sequence_of_changes_keeps_the_counts_exact(db, operations):
    db.execute_sql("DELETE FROM candidacy")
    db.execute_sql("DELETE FROM talent")
    db.execute_sql("DELETE FROM mission")
    mission_ids = [missions.create_mission({"title": t}, NOW) for t in ("A", "B")]
    people = [talents.create_talent({"name": f"P{i}"}, ["other"], NOW) for i in range(6)]
    for op, who, stage, where in operations:
        edit_candidacy(op, people[who], STAGES[stage], mission_ids[where], people[(who + 1) % len(people)])
        assert kept(db) == counted(db)
