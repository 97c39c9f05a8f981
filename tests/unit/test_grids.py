"""Interview grids: the domain rules with exact values, and the services on a real file."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import peewee
import pytest
from hypothesis import given, strategies as st
from playhouse import migrations

from sourcer_tui.config import Settings
from sourcer_tui.db.database import MIGRATIONS_DIR, open_database
from sourcer_tui.db.models import GridCriterion, GridScore, Touchpoint
from sourcer_tui.domain import grids as rules
from sourcer_tui.domain.text import clean_text
from sourcer_tui.domain.grids import Criterion
from sourcer_tui.i18n import set_language
from sourcer_tui.services import grids, missions, pipeline, talents, touchpoints
from sourcer_tui.services.errors import InvalidInput

SETTINGS = Settings()
T0 = dt.datetime(2026, 11, 19, 9, 0)


def test_average_is_exact_and_leaves_blanks_out():
    assert rules.average([3, 4, None, 2]) == Fraction(3)
    assert rules.average([1, 2]) == Fraction(3, 2)
    assert rules.average([4, 4, 3]) == Fraction(11, 3)
    assert rules.average([None, None]) is None
    assert rules.average([]) is None
    assert rules.average_short(Fraction(11, 3)) == "3.7"
    assert rules.average_short(None) == ""


def test_average_short_in_french():
    set_language("fr")
    try:
        assert rules.average_short(2.25) == "2,2"
    finally:
        set_language("en")


def test_validate_grid():
    fine, error = rules.validate_grid([Criterion(" Python\tdepth ", ("weak", "", "good\n", "")), Criterion("Communication")])
    assert error == ""
    assert fine == [Criterion("Python depth", ("weak", "", "good", "")), Criterion("Communication", ("", "", "", ""))]
    assert rules.validate_grid([Criterion("  ")])[1] == "every criterion needs a name"
    assert rules.validate_grid([Criterion("Motivation"), Criterion("motivation ")])[1] == "“motivation” is in the grid twice"
    assert rules.validate_grid([Criterion(f"c{i}") for i in range(13)])[1] == "at most 12 criteria"
    assert rules.validate_grid([])[1] == ""


def test_levels_are_stored_as_a_list_that_trimming_keeps():
    assert rules.format_levels(("a", "", "c", "")) == '["a", "", "c"]'
    assert rules.parse_levels('["a", "", "c"]') == ("a", "", "c", "")
    # only level 4 described: trimming the stored text must not move it to level 1
    stored = rules.format_levels(("", "", "", "00"))
    assert clean_text(stored) == stored and rules.parse_levels(stored) == ("", "", "", "00")
    assert rules.format_levels(("", "", "", "")) == ""
    # one a line (an import written by hand) still reads
    assert rules.parse_levels("a\n\nc") == ("a", "", "c", "")
    assert rules.parse_levels("[not json") == ("[not json", "", "", "")
    assert rules.parse_levels("") == ("", "", "", "")
    assert rules.parse_levels("1\n2\n3\n4\n5") == ("1", "2", "3", "4")


@given(st.text())
def test_a_score_is_one_to_four_or_none(text):
    score = rules.parse_score(text)
    assert score is None or (score in rules.LEVELS and text.strip() == str(score))


@given(st.dictionaries(st.text(max_size=12), st.text(max_size=30)))
def test_form_scores_reads_only_grid_keys(data):
    for ident, (score, evidence) in rules.form_scores(data).items():
        assert score is None or score in rules.LEVELS
        assert "\n" not in evidence
        assert f"score:{ident}" in data or f"evidence:{ident}" in data


def test_form_values_round_trip():
    values = rules.form_values([(3, 4, "built a queue"), (5, None, "")])
    assert values == {"score:3": "4", "evidence:3": "built a queue", "score:5": "", "evidence:5": ""}
    assert rules.form_scores(values) == {3: (4, "built a queue"), 5: (None, "")}


def test_starter_grid_is_whole():
    """(Its French is in the catalog: tests/unit/test_catalog.py fails while a marked text has none.)"""
    starter = rules.starter_grid()
    assert [c.name for c in starter][:2] == ["Technical depth", "System design"]
    assert rules.validate_grid(starter)[1] == "" and all(all(c.levels) for c in starter)


@pytest.fixture
def interview(db):
    mission = missions.create_mission({"title": "Backend"}, T0)
    talent = talents.create_talent({"name": "Zoé"}, ["other"], T0)
    candidacy = pipeline.add_to_mission(talent, mission, T0)
    grids.adopt_starter(mission)
    touchpoint = touchpoints.log_touchpoint(talent, candidacy, "interview", T0, SETTINGS)
    return mission, talent, candidacy, touchpoint


def test_scores_are_saved_with_the_feedback(interview):
    mission, talent, candidacy, tp = interview
    view = touchpoints.get_touchpoint(tp)
    ids = [line.criterion.id for line in view.grid]
    assert len(ids) == 5 and view.form_values()[f"score:{ids[0]}"] == ""
    values = {**view.form_values(), "feedback_given": "thanks", f"score:{ids[0]}": "3", f"evidence:{ids[0]}": "sharded a DB",
              f"score:{ids[3]}": "4", f"evidence:{ids[4]}": "asked about the team"}
    touchpoints.save_feedback(tp, values, T0, version=view.version)
    rows = list(GridScore.select(GridScore.criterion, GridScore.score, GridScore.evidence).order_by(GridScore.criterion).tuples())
    assert rows == [(ids[0], 3, "sharded a DB"), (ids[3], 4, ""), (ids[4], None, "asked about the team")]
    assert Touchpoint.get_by_id(tp).feedback_given == "thanks"
    assert grids.candidacy_averages([candidacy]) == {candidacy: 3.5}
    again = touchpoints.get_touchpoint(tp)
    assert [line.score for line in again.grid] == [3, None, None, 4, None]
    filled = grids.talent_grids(talent)
    assert [(g.mission, g.scores) for g in filled] == [("Backend", [3, 4, None])]


def test_an_invalid_feedback_writes_no_score(interview):
    _mission, _talent, _candidacy, tp = interview
    cid = touchpoints.get_touchpoint(tp).grid[0].criterion.id
    with pytest.raises(InvalidInput):
        touchpoints.save_feedback(tp, {"next_step_due": "not a date", f"score:{cid}": "2"}, T0)
    assert GridScore.select().count() == 0


def test_a_call_or_a_contact_outside_a_mission_has_no_grid(interview):
    _mission, talent, candidacy, _tp = interview
    call = touchpoints.log_touchpoint(talent, candidacy, "call", T0, SETTINGS)
    assert touchpoints.get_touchpoint(call).grid == ()
    loose = touchpoints.log_touchpoint(talent, None, "interview", T0, SETTINGS)
    assert touchpoints.get_touchpoint(loose).grid == ()


def test_editing_the_grid_keeps_scores_of_kept_criteria(interview):
    mission, _talent, _candidacy, tp = interview
    grid = grids.mission_grid(mission)
    touchpoints.save_feedback(tp, {"impression": "ok", f"score:{grid[0].id}": "2", f"score:{grid[1].id}": "4"}, T0)
    assert grids.scored_criteria(mission) == {grid[0].id: 1, grid[1].id: 1}
    renamed = Criterion("Python depth", grid[0].levels, grid[0].id)
    after = grids.save_grid(mission, [grid[2], renamed, Criterion("Ownership")])
    assert [c.name for c in after] == ["Problem solving", "Python depth", "Ownership"]
    assert list(GridScore.select(GridScore.criterion, GridScore.score).tuples()) == [(grid[0].id, 2)]
    with pytest.raises(InvalidInput):
        grids.save_grid(mission, [Criterion("A"), Criterion("a")])
    assert GridCriterion.select().count() == 3


def test_migration_0024_adds_the_grid_tables_to_an_older_file(tmp_path):
    path = tmp_path / "old.db"
    old = peewee.SqliteDatabase(str(path), pragmas={"foreign_keys": 1})
    assert migrations.Runner(old, str(MIGRATIONS_DIR)).up(target="0021_talent_stage_lists")[-1] == "0021_talent_stage_lists"
    old.execute_sql("INSERT INTO mission (title, client, status, notes, created_at, updated_at) VALUES ('Backend', '', 'open', '', '2025-01-02', '2025-01-02')")
    old.close()
    db = open_database(path)
    assert {"grid_criterion", "grid_score"} <= set(db.get_tables())
    assert GridCriterion.select().count() == 0
    plan = " ".join(r[3] for r in db.execute_sql(
        "EXPLAIN QUERY PLAN SELECT AVG(score) FROM grid_score WHERE touchpoint_id = 1").fetchall())
    assert "COVERING INDEX grid_score_touchpoint" in plan
    db.close()


def test_the_grid_order_is_offered_only_with_a_grid():
    from sourcer_tui.domain.pipeline_filter import next_sort, sort_label

    assert [next_sort(s) for s in ("", "name", "contact", "stage_time")] == ["name", "contact", "stage_time", ""]
    assert [next_sort(s, grid=True) for s in ("stage_time", "grid")] == ["grid", ""]
    assert sort_label("grid") == "grid average"


def test_pipeline_sorts_by_grid_average_best_first(interview):
    mission, talent, candidacy, tp = interview
    cid = grids.mission_grid(mission)[0].id
    touchpoints.save_feedback(tp, {"impression": "x", f"score:{cid}": "2"}, T0)
    others = []
    for name, score in (("Ada", "4"), ("Bob", "")):
        t = talents.create_talent({"name": name}, ["other"], T0)
        c = pipeline.add_to_mission(t, mission, T0)
        others.append(c)
        other_tp = touchpoints.log_touchpoint(t, c, "interview", T0, SETTINGS)
        touchpoints.save_feedback(other_tp, {"impression": "x", f"score:{cid}": score}, T0)
    scope = pipeline.Scope(mission=mission, sort="grid", grid=True)
    rows = pipeline.fetch_rows(scope, "interviewing", 0, 10)
    assert [(r.name, r.grid_average) for r in rows] == [("Ada", 4.0), ("Zoé", 2.0), ("Bob", None)]
    plain = pipeline.fetch_rows(pipeline.Scope(mission=mission), "interviewing", 0, 10)
    assert {r.grid_average for r in plain} == {None}  # the column off: not read


def test_grids_round_trip_through_the_json_export(interview, tmp_path):
    import json

    from sourcer_tui.db.models import database_proxy
    from sourcer_tui.services import exchange

    mission, talent, candidacy, tp = interview
    grid = grids.mission_grid(mission)
    touchpoints.save_feedback(tp, {"impression": "x", f"score:{grid[0].id}": "4", f"evidence:{grid[0].id}": "led the migration"}, T0)
    out = tmp_path / "all.json"
    counts = exchange.export_json(out, now=T0)
    assert (counts["grid_criteria"], counts["grid_scores"]) == (5, 1)
    one = tmp_path / "one.json"
    assert exchange.export_json(one, mission_id=mission, now=T0)["grid_scores"] == 1
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["grid_scores"] == [{"id": 1, "touchpoint_id": tp, "criterion_id": grid[0].id, "score": 4, "evidence": "led the migration"}]
    source = database_proxy.obj
    target = open_database(tmp_path / "new.db")
    try:
        assert exchange.import_json(out, T0)["grid_scores"] == 1
        assert [(g.mission, g.scores, g.lines[0].evidence) for g in grids.talent_grids(talent)] == [("Backend", [4], "led the migration")]
        # an export written before grids existed (no grid lists) still reads
        older = tmp_path / "older.json"
        del document["grid_criteria"], document["grid_scores"]
        older.write_text(json.dumps(document), encoding="utf-8")
        third = open_database(tmp_path / "third.db")
        assert exchange.import_json(older, T0)["grid_criteria"] == 0
        third.close()
        bad = tmp_path / "bad.json"
        document = json.loads(out.read_text(encoding="utf-8"))
        document["grid_scores"][0]["score"] = 5
        bad.write_text(json.dumps(document), encoding="utf-8")
        fourth = open_database(tmp_path / "fourth.db")
        with pytest.raises(Exception, match="score"):
            exchange.import_json(bad, T0)
        fourth.close()
    finally:
        target.close()
        database_proxy.initialize(source)


def _scored(interview):
    mission, talent, candidacy, tp = interview
    grid = grids.mission_grid(mission)
    touchpoints.save_feedback(tp, {"impression": "x", f"score:{grid[1].id}": "3", f"evidence:{grid[1].id}": "drew the queue"}, T0)
    return grid


def test_the_subject_access_export_holds_their_grids(interview):
    from sourcer_tui.services import privacy

    _scored(interview)
    assert privacy.export_person(interview[1])["interview_grids"] == [{
        "touchpoint": interview[3], "happened_at": "2026-11-19T09:00:00", "mission": "Backend", "criterion": "System design",
        "score": 3, "level": "Sound design, names the risks", "evidence": "drew the queue"}]


def test_anonymising_keeps_the_scores_and_blanks_the_evidence(interview):
    from sourcer_tui.services import privacy

    grid = _scored(interview)
    privacy.anonymise(interview[1], T0)
    assert list(GridScore.select(GridScore.criterion, GridScore.score, GridScore.evidence).tuples()) == [(grid[1].id, 3, "")]
    assert grids.candidacy_averages([interview[2]]) == {interview[2]: 3.0}


def test_erasing_a_talent_removes_their_scores_not_the_grid(interview):
    from sourcer_tui.services import privacy

    _scored(interview)
    privacy.erase(interview[1], T0)
    assert GridScore.select().count() == 0 and GridCriterion.select().count() == 5


def test_merging_two_talents_keeps_both_grids(interview):
    from sourcer_tui.services import merge

    mission, zoe, candidacy, tp = interview
    grid = _scored(interview)
    twin = talents.create_talent({"name": "Zoe"}, ["other"], T0)
    other = missions.create_mission({"title": "Platform"}, T0)
    grids.save_grid(other, [Criterion("Kubernetes")])
    twin_candidacy = pipeline.add_to_mission(twin, other, T0)
    twin_tp = touchpoints.log_touchpoint(twin, twin_candidacy, "interview", T0 + dt.timedelta(days=1), SETTINGS)
    k8s = grids.mission_grid(other)[0].id
    touchpoints.save_feedback(twin_tp, {"impression": "y", f"score:{k8s}": "4"}, T0)
    # and both in Backend: the dropped candidacy's interviews join the kept one, scores with them
    same = pipeline.add_to_mission(twin, mission, T0)
    same_tp = touchpoints.log_touchpoint(twin, same, "interview", T0 + dt.timedelta(days=2), SETTINGS)
    touchpoints.save_feedback(same_tp, {"impression": "z", f"score:{grid[1].id}": "1"}, T0)
    merge.merge_talents(zoe, twin, {}, T0, SETTINGS.pipeline.stages)
    assert [(g.mission, g.scores) for g in grids.talent_grids(zoe)] == [("Backend", [1]), ("Platform", [4]), ("Backend", [3])]
    assert grids.candidacy_averages([candidacy]) == {candidacy: 2.0}


def test_deleting_an_interview_deletes_its_scores(interview):
    _scored(interview)
    touchpoints.delete_touchpoint(interview[3])
    assert GridScore.select().count() == 0 and grids.talent_grids(interview[1]) == []


@given(st.lists(st.text(), max_size=6))
def test_levels_round_trip(levels):
    stored = rules.format_levels(levels)
    read = rules.parse_levels(stored)
    assert len(read) == 4 and all("\n" not in level for level in read)
    assert rules.format_levels(read) == stored


@pytest.mark.sqlite_only("SQLite's query plan")
def test_the_average_is_read_from_the_indexes(db):
    from sourcer_tui.db.models import Candidacy

    query = Candidacy.select(Candidacy.id, grids.average_expression()).where(Candidacy.id == 1)
    sql, params = query.sql()
    plan = " ".join(str(r[3]) for r in db.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall())
    assert "COVERING INDEX grid_score_touchpoint" in plan
    assert "touchpoint_candidacy" in plan and "SCAN grid_score" not in plan and "SCAN touchpoint" not in plan


@pytest.mark.sqlite_only("reads the bytes of the database file")
@pytest.mark.parametrize("how", ["erase", "anonymise"])
def test_no_byte_of_the_evidence_stays_in_the_file(interview, tmp_path, how):
    from sourcer_tui.services import privacy

    mission, talent, _candidacy, tp = interview
    marker = "Evidence-Marker-31337"
    cid = grids.mission_grid(mission)[0].id
    touchpoints.save_feedback(tp, {"impression": "x", f"score:{cid}": "2", f"evidence:{cid}": marker}, T0)
    path = tmp_path / "test.db"
    db = GridScore._meta.database.obj
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    assert marker.encode() in path.read_bytes()
    if how == "erase":
        privacy.erase(talent, T0)
    else:
        privacy.anonymise(talent, T0)
    assert db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] == 0
    data = path.read_bytes() + (path.with_name("test.db-wal").read_bytes() if path.with_name("test.db-wal").exists() else b"")
    assert marker.encode() not in data
