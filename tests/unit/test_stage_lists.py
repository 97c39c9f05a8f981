"""Migration 0021: the stages of each talent's candidacies kept on the talent's row
(db/stage_lists.py) — exact through every write, and what all missions count under a filter."""

from __future__ import annotations

import datetime as dt

from sourcer_tui.config import Settings
from sourcer_tui.db import derived, stage_lists
from sourcer_tui.db.database import open_database
from sourcer_tui.db.models import Candidacy, Talent, database_proxy
from sourcer_tui.domain.pipeline_filter import PipelineFilter
from sourcer_tui.domain.vocab import DEFAULT_SOURCES, DEFAULT_STAGES
from sourcer_tui.services import bulk, merge, missions, pipeline, privacy, talents, undo
from sourcer_tui.services.pipeline import Scope

from .old_files import file_at, insert_talent

SETTINGS = Settings()
T0 = dt.datetime(2026, 11, 2, 9, 0)
NOW = dt.datetime(2026, 12, 1, 10, 0)
S = stage_lists.SEPARATOR


def _talent(name: str, **extra) -> int:
    return talents.create_talent({"name": name, **extra}, DEFAULT_SOURCES, T0)


def _kept(db) -> dict[int, str]:
    return dict(db.execute_sql("SELECT id, candidacy_stages FROM talent").fetchall())


def _recount(db) -> dict[int, str]:
    """Every talent's list computed afresh, in Python, from the candidacies."""
    stages: dict[int, list[str]] = {}
    for talent, stage in db.execute_sql("SELECT talent_id, stage FROM candidacy").fetchall():
        stages.setdefault(talent, []).append(stage)
    return {tid: S.join(sorted(stages.get(tid, []))) for (tid,) in db.execute_sql("SELECT id FROM talent").fetchall()}


def test_split_counts_each_candidacy():
    assert stage_lists.split([("", 7), ("sourced", 2), (f"offer{S}sourced", 3), (f"offer{S}offer", 1)]) == {
        "sourced": 5, "offer": 5}
    assert stage_lists.split([]) == {}


def test_migration_0021_fills_the_lists_of_an_older_file(tmp_path):
    path = tmp_path / "old.db"
    old = file_at(path, "0020_talent_sort_keys")
    stamp = "2025-01-02 10:00:00"
    for name in ("Zoé Martin", "Élodie Roux", "Adam Noir"):
        insert_talent(old, name, stamp)
    for title in ("Java", "Data"):
        old.execute_sql("INSERT INTO mission (title, client, status, notes, created_at, updated_at) VALUES (?, '', 'open', '', ?, ?)", (title, stamp, stamp))
    for talent, mission, stage in ((1, 1, "sourced"), (1, 2, "offer"), (2, 1, "declined")):
        old.execute_sql("INSERT INTO candidacy (talent_id, mission_id, stage, stage_changed_at, sequence_state, "
                        "decline_detail, created_at, updated_at) VALUES (?, ?, ?, ?, 'none', '', ?, ?)", (talent, mission, stage, stamp, stamp, stamp))
    old.close()
    db = open_database(path)
    assert _kept(db) == {1: f"offer{S}sourced", 2: "declined", 3: ""}
    # all missions' counts under a filter on the talents read the covering index, no talent row
    plan = " ".join(r[3] for r in db.execute_sql(
        "EXPLAIN QUERY PLAN SELECT candidacy_stages, COUNT(*) FROM talent WHERE source = 'other' AND location LIKE '%a%' "
        "GROUP BY candidacy_stages").fetchall())
    assert "COVERING INDEX talent_filter_cover" in plan and "TEMP B-TREE" not in plan
    counts = {g.key: g.count for g in pipeline.groups(Scope(None, "", PipelineFilter(source="other")), DEFAULT_STAGES) if g.count}
    assert counts == {"sourced": 1, "offer": 1, "declined": 1}
    db.close()


def test_every_write_of_a_candidacy_keeps_the_list(db):
    java = missions.create_mission({"title": "Java"}, T0)
    data = missions.create_mission({"title": "Data"}, T0)
    ana, bea, cid = _talent("Ana"), _talent("Bea"), _talent("Cid")
    first = pipeline.add_to_mission(ana, java, T0)
    assert _kept(db)[ana] == "sourced"
    second = pipeline.add_to_mission(ana, data, T0, "sourced")
    assert _kept(db)[ana] == f"sourced{S}sourced"
    pipeline.move_stage(second, "offer", NOW)
    assert _kept(db)[ana] == f"offer{S}sourced"
    bulk.move([first], "approached", NOW)
    assert _kept(db)[ana] == f"approached{S}offer"
    pipeline.add_to_mission(bea, java, T0, "replied")
    pipeline.add_to_mission(cid, data, T0, "declined")
    assert _kept(db) == _recount(db) == {ana: f"approached{S}offer", bea: "replied", cid: "declined"}
    # undone: the candidacy's stage put back, and the list with it
    with undo.recorded("move", [bea]) as step:
        bulk.move([Candidacy.get(Candidacy.talent == bea).id], "offer", NOW)
    assert _kept(db)[bea] == "offer"
    undo.undo(step)
    assert _kept(db)[bea] == "replied"
    # a model saved with every column (a stale copy of the list) is corrected at once
    stale = Talent.get_by_id(bea)
    stale.candidacy_stages = "zzz"
    stale.save()
    Talent.update(candidacy_stages="x").where(Talent.id == cid).execute()
    assert _kept(db) == _recount(db)
    # merged: both in Java, the further stage stays (Bea's reply)
    merge.merge_talents(ana, bea, {}, NOW, DEFAULT_STAGES)
    assert _kept(db) == _recount(db) == {ana: f"offer{S}replied", cid: "declined"}
    # a mission deleted with its candidacies, a talent erased
    Candidacy.delete().where(Candidacy.mission == data).execute()
    privacy.erase(cid, NOW)
    assert _kept(db) == _recount(db) == {ana: "replied"}


def test_a_bulk_load_rebuilds_the_lists(db):
    java = missions.create_mission({"title": "Java"}, T0)
    ana = _talent("Ana")
    with db.atomic(), derived.triggers_suspended(db):
        Candidacy.insert(talent=ana, mission=java, stage="offer", stage_changed_at=T0, created_at=T0, updated_at=T0).execute()
        database_proxy.obj.execute_sql("UPDATE talent SET candidacy_stages = 'stale'")
    assert _kept(db) == _recount(db) == {ana: "offer"}
