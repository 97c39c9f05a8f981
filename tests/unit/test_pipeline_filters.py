"""Issue 20 item 4: the Pipeline's filter (in SQL), its sort orders and the bulk actions — exact results."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from sourcer_tui.config import Settings
from sourcer_tui.db.folding import fold
from sourcer_tui.db.models import Candidacy, CandidacyCount, Snooze, Talent, Touchpoint
from sourcer_tui.domain.pipeline_filter import PipelineFilter, filter_form_data, next_sort, summary, validate_filter
from sourcer_tui.domain.vocab import DEFAULT_SOURCES, DEFAULT_STAGES
from sourcer_tui.services import bulk, missions, pipeline, snoozes, talents, touchpoints
from sourcer_tui.services.errors import InvalidInput
from sourcer_tui.services.pipeline import POOL, Scope

T0 = dt.datetime(2026, 11, 2, 9, 0)
TODAY = dt.date(2026, 12, 1)
NOW = dt.datetime(2026, 12, 1, 10, 0)
STAGES = tuple(DEFAULT_STAGES) + ("declined", "rejected")
SETTINGS = Settings()


def _talent(name: str, **extra) -> int:
    return talents.create_talent({"name": name, **extra}, DEFAULT_SOURCES, T0)


@pytest.fixture
def people(db):
    """Five talents in two missions, with facts, tags, contacts and a snooze."""
    java = missions.create_mission({"title": "Java lead"}, T0)
    data = missions.create_mission({"title": "Data"}, T0)
    ids = {
        "Élodie": _talent("Élodie Roux", tags="java, lead", source="linkedin", location="Lyon", salary_amount="60k",
                          remote_pref="remote", languages="français, anglais", available_from="2027-01-10", notice_period="3 months"),
        "Emile": _talent("Emile Blanc", tags="python", source="referral", location="Paris", salary_amount="45000",
                         remote_pref="hybrid", languages="français", available_from="2027-03-01", notice_period="1 month"),
        "Zoé": _talent("Zoé Martin", tags="java", source="linkedin", location="Paris 11e", salary_amount="52000",
                       remote_pref="onsite", languages="anglais"),
        "eddy": _talent("eddy Durand", tags="javascript"),
        "Adam": _talent("Adam Noir"),
    }
    cand = {
        ("Élodie", java): pipeline.add_to_mission(ids["Élodie"], java, T0, "offer"),
        ("Emile", java): pipeline.add_to_mission(ids["Emile"], java, T0 + dt.timedelta(hours=1), "sourced"),
        ("Zoé", java): pipeline.add_to_mission(ids["Zoé"], java, T0 + dt.timedelta(hours=2), "sourced"),
        ("Zoé", data): pipeline.add_to_mission(ids["Zoé"], data, T0 + dt.timedelta(hours=3), "offer"),
    }
    # contacts: Élodie 3 days ago, Emile 40 days ago, Zoé a note only (not a contact) yesterday
    touchpoints.log_touchpoint(ids["Élodie"], cand[("Élodie", java)], "call", NOW - dt.timedelta(days=3), SETTINGS)
    touchpoints.log_touchpoint(ids["Emile"], cand[("Emile", java)], "call", NOW - dt.timedelta(days=40), SETTINGS)
    touchpoints.log_touchpoint(ids["Zoé"], None, "note", NOW - dt.timedelta(days=1), SETTINGS)
    snoozes.snooze_talent(ids["eddy"], TODAY + dt.timedelta(days=90), "later", NOW)
    return {"talents": ids, "candidacies": cand, "java": java, "data": data}


def _pool_names(active: PipelineFilter | None = None, sort: str = "", search: str = "") -> list[str]:
    scope = Scope(POOL, search, active, sort, TODAY)
    count = pipeline.groups(scope, DEFAULT_STAGES)[0].count
    rows = pipeline.fetch_rows(scope, POOL, 0, 50)
    assert len(rows) == count
    return [row.name for row in rows]


def _mission_rows(mission, active: PipelineFilter | None = None, sort: str = "") -> dict[str, list[str]]:
    scope = Scope(mission, "", active, sort, TODAY)
    counts = {g.key: g.count for g in pipeline.groups(scope, DEFAULT_STAGES)}
    found = {}
    for key, count in counts.items():
        rows = pipeline.fetch_rows(scope, key, 0, 50)
        assert len(rows) == count
        if rows:
            found[key] = [row.name for row in rows]
    return found


def test_each_filter_field_in_the_pool(people):
    names = _pool_names
    assert names(PipelineFilter(tag="java")) == ["Élodie Roux", "Zoé Martin"]  # not "javascript"
    assert names(PipelineFilter(stage="offer")) == ["Élodie Roux", "Zoé Martin"]
    assert names(PipelineFilter(source="referral")) == ["Emile Blanc"]
    assert names(PipelineFilter(location="paris")) == ["Emile Blanc", "Zoé Martin"]
    assert names(PipelineFilter(quiet_days=30)) == ["Adam Noir", "eddy Durand", "Emile Blanc", "Zoé Martin"]  # a note is no contact
    assert names(PipelineFilter(recent_days=7)) == ["Élodie Roux"]
    assert names(PipelineFilter(recent_days=40)) == ["Élodie Roux", "Emile Blanc"]
    assert names(PipelineFilter(recent_days=39)) == ["Élodie Roux"]
    assert names(PipelineFilter(quiet_days=40)) == ["Adam Noir", "eddy Durand", "Emile Blanc", "Zoé Martin"]
    assert names(PipelineFilter(quiet_days=41)) == ["Adam Noir", "eddy Durand", "Zoé Martin"]
    assert names(PipelineFilter(snoozed="yes")) == ["eddy Durand"]
    assert names(PipelineFilter(snoozed="no")) == ["Adam Noir", "Élodie Roux", "Emile Blanc", "Zoé Martin"]
    assert names(PipelineFilter(salary_min=50000)) == ["Élodie Roux", "Zoé Martin"]
    assert names(PipelineFilter(salary_min=45000, salary_max=55000)) == ["Emile Blanc", "Zoé Martin"]
    assert names(PipelineFilter(remote="hybrid")) == ["Emile Blanc"]
    assert names(PipelineFilter(available_by=dt.date(2027, 2, 1))) == ["Élodie Roux"]
    assert names(PipelineFilter(language="anglais")) == ["Élodie Roux", "Zoé Martin"]
    assert names(PipelineFilter(notice="month")) == ["Élodie Roux", "Emile Blanc"]
    assert names(PipelineFilter(tag="java", salary_max=55000)) == ["Zoé Martin"]
    assert names(PipelineFilter()) == ["Adam Noir", "eddy Durand", "Élodie Roux", "Emile Blanc", "Zoé Martin"]


def test_a_text_filter_takes_percent_and_underscore_literally_whatever_the_case(db):
    for name, location in (("Ana", "Remote_EU"), ("Bea", "remoteXeu"), ("Cid", "100% REMOTE"), ("Dan", "1000 remote")):
        _talent(name, location=location)
    assert _pool_names(PipelineFilter(location="remote_eu")) == ["Ana"]
    assert _pool_names(PipelineFilter(location="0% rem")) == ["Cid"]
    assert _pool_names(PipelineFilter(location="REMOTE")) == ["Ana", "Bea", "Cid", "Dan"]
    assert _mission_rows(None, PipelineFilter(location="remote_eu")) == {}  # in no mission


def test_the_filter_combines_with_the_search(people):
    assert _pool_names(PipelineFilter(tag="java"), search="martin") == ["Zoé Martin"]
    assert _pool_names(PipelineFilter(tag="java"), search="z") == ["Zoé Martin"]  # one letter: its initials
    assert _pool_names(PipelineFilter(source="referral"), search="martin") == []


def test_filter_in_a_mission_and_all_missions(people):
    java, data = people["java"], people["data"]
    assert _mission_rows(java, PipelineFilter(stage="offer")) == {"offer": ["Élodie Roux"]}
    assert _mission_rows(java, PipelineFilter(tag="java")) == {"offer": ["Élodie Roux"], "sourced": ["Zoé Martin"]}
    assert _mission_rows(None, PipelineFilter(tag="java")) == {"offer": ["Zoé Martin", "Élodie Roux"], "sourced": ["Zoé Martin"]}
    assert _mission_rows(None, PipelineFilter(stage="offer", language="anglais")) == {"offer": ["Zoé Martin", "Élodie Roux"]}
    assert _mission_rows(data, PipelineFilter(quiet_days=30)) == {"offer": ["Zoé Martin"]}
    rows = pipeline.fetch_rows(Scope(None, "", PipelineFilter(stage="offer"), "name", TODAY), "offer", 0, 10)
    assert [(r.name, r.mission) for r in rows] == [("Élodie Roux", "Java lead"), ("Zoé Martin", "Data")]


def test_sorts_fold_accents_and_case(people):
    extra = [_talent(name) for name in ("Emma Zed", "Éric Blue", "Zacharie")]
    assert extra
    assert _pool_names(sort="name") == [
        "Adam Noir", "eddy Durand", "Élodie Roux", "Emile Blanc", "Emma Zed", "Éric Blue", "Zacharie", "Zoé Martin"]
    # the longest without contact first: never contacted (by name), then Emile (40 days), then Élodie (3 days)
    assert _pool_names(sort="contact")[-2:] == ["Emile Blanc", "Élodie Roux"]
    assert _mission_rows(people["java"], sort="name") == {"offer": ["Élodie Roux"], "sourced": ["Emile Blanc", "Zoé Martin"]}
    assert _mission_rows(people["java"], sort="stage_time")["sourced"] == ["Emile Blanc", "Zoé Martin"]
    assert _mission_rows(people["java"])["sourced"] == ["Zoé Martin", "Emile Blanc"]  # most recently moved first
    assert _mission_rows(people["java"], sort="contact")["sourced"] == ["Zoé Martin", "Emile Blanc"]


def test_fold():
    assert fold("Élodie") == "elodie"
    assert fold("ŒUVRE") == "oeuvre"
    assert fold("Zoé") < fold("Zoë Z") and fold("Élodie") < fold("Emile") < fold("Zoé")
    assert fold(None) == ""


def test_sort_cycle_and_summary():
    assert [next_sort(s) for s in ("", "name", "contact", "stage_time")] == ["name", "contact", "stage_time", ""]
    assert [next_sort(s, pool=True) for s in ("", "contact")] == ["contact", ""]  # the pool is by name already
    active = PipelineFilter(stage="offer", tag="java", quiet_days=30)
    assert summary(active) == "stage=offer · tag=java · 30d+"
    assert summary(PipelineFilter(recent_days=7, snoozed="no", salary_min=40000, remote="remote")) == "≤7d · awake · salary ≥40,000 · remote"


def test_validate_filter_reads_the_form():
    form = {"stage": "offer", "tag": " Java ", "source": "", "location": "", "quiet_days": "30", "recent_days": "",
            "snoozed": "no", "salary_min": "45k", "salary_max": "", "remote": "", "available_by": "2027-01-31",
            "language": "", "notice": ""}
    active, errors = validate_filter(form, STAGES, DEFAULT_SOURCES, TODAY)
    assert errors == {}
    assert active == PipelineFilter(stage="offer", tag="java", quiet_days=30, snoozed="no", salary_min=45000,
                                    available_by=dt.date(2027, 1, 31))
    assert validate_filter(filter_form_data(active), STAGES, DEFAULT_SOURCES, TODAY) == (active, {})
    bad, errors = validate_filter({"quiet_days": "soon", "salary_min": "60k", "salary_max": "50k", "available_by": "someday"},
                                  STAGES, DEFAULT_SOURCES, TODAY)
    assert bad is None and set(errors) == {"quiet_days", "salary_max", "available_by"}


def test_matching_rows_is_every_filtered_row(people):
    c, t = people["candidacies"], people["talents"]
    assert pipeline.matching_rows(Scope(None, "", PipelineFilter(tag="java"), "", TODAY)) == sorted(
        [(t["Élodie"], c[("Élodie", people["java"])]), (t["Zoé"], c[("Zoé", people["java"])]), (t["Zoé"], c[("Zoé", people["data"])])],
        key=lambda pair: pair[1])
    assert pipeline.matching_rows(Scope(POOL, "", PipelineFilter(snoozed="yes"), "", TODAY)) == [(t["eddy"], None)]


def _recount() -> dict:
    return {(m, s): n for m, s, n in Candidacy.select(Candidacy.mission, Candidacy.stage, peewee_count()).group_by(
        Candidacy.mission, Candidacy.stage).tuples()}


def peewee_count():
    from peewee import fn

    return fn.COUNT(Candidacy.id)


def _kept() -> dict:
    return {(m, s): n for m, s, n in CandidacyCount.select(CandidacyCount.mission_id, CandidacyCount.stage, CandidacyCount.n).where(
        CandidacyCount.n > 0).tuples()}


def test_bulk_move_close_add_tag_snooze(people):
    c, t, java, data = people["candidacies"], people["talents"], people["java"], people["data"]
    chosen = [c[("Emile", java)], c[("Zoé", java)], c[("Élodie", java)]]
    assert bulk.move(chosen, "offer", NOW) == 2  # Élodie was there already
    assert {Candidacy.get_by_id(i).stage for i in chosen} == {"offer"}
    assert _kept() == _recount()
    with pytest.raises(InvalidInput):
        bulk.move(chosen, "declined", NOW)
    reasons = SETTINGS.talent.closing_reasons("rejected")
    assert bulk.close(chosen[:2], "rejected", {"reason": reasons[0], "detail": "", "feedback": "Thanks"}, reasons, NOW) == 2
    assert [Candidacy.get_by_id(i).decline_reason for i in chosen[:2]] == [reasons[0], reasons[0]]
    assert Touchpoint.select().where(Touchpoint.kind == "rejection").count() == 2
    assert _kept() == _recount()
    assert bulk.add_to_mission([t["Emile"], t["Zoé"], t["Adam"]], data, NOW) == (2, 1)
    assert Candidacy.select().where(Candidacy.mission == data).count() == 3
    assert bulk.tag([t["Adam"], t["Zoé"]], "Urgent, java", NOW) == 2
    assert [Talent.get_by_id(t[n]).tags for n in ("Adam", "Zoé")] == ["urgent,java", "java,urgent"]
    assert _pool_names(PipelineFilter(tag="urgent")) == ["Adam Noir", "Zoé Martin"]  # the search index follows too
    assert _pool_names(search="urgent") == ["Adam Noir", "Zoé Martin"]
    until = TODAY + dt.timedelta(days=30)
    assert bulk.snooze([t["Adam"], t["Emile"], t["Adam"]], until, "busy", NOW) == 2
    assert Snooze.select().where(Snooze.active == True, Snooze.until == until).count() == 2  # noqa: E712


def test_a_bulk_action_is_one_transaction(people):
    c, java = people["candidacies"], people["java"]
    reasons = SETTINGS.talent.closing_reasons("declined")
    with pytest.raises(Exception):
        bulk.move([c[("Emile", java)], 999_999], "offer", NOW)
    assert Candidacy.get_by_id(c[("Emile", java)]).stage == "sourced"  # rolled back with the missing one
    with pytest.raises(InvalidInput):
        bulk.close([c[("Emile", java)]], "declined", {"reason": "not a reason", "detail": "", "feedback": ""}, reasons, NOW)
    assert Candidacy.get_by_id(c[("Emile", java)]).stage == "sourced"


def test_bulk_export_writes_only_the_selection(people, tmp_path):
    t = people["talents"]
    out = tmp_path / "chosen.csv"
    counts = bulk.export_csv([t["Zoé"], t["Adam"]], out)
    assert counts == {"rows": 3, "candidacies": 2, "talents": 2}
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["name"], r["mission"]) for r in rows] == [("Zoé Martin", "Java lead"), ("Zoé Martin", "Data"), ("Adam Noir", "")]


def test_a_long_selection_exports_the_same_rows(people, tmp_path):
    """Past 900 ids the selection is kept out row by row, not in an IN list (SQLite's variable limit)."""
    t = people["talents"]
    short, long = tmp_path / "short.csv", tmp_path / "long.csv"
    bulk.export_csv([t["Zoé"], t["Adam"]], short)
    counts = bulk.export_csv([t["Zoé"], t["Adam"], *range(100_000, 140_000)], long)
    assert counts == {"rows": 3, "candidacies": 2, "talents": 2}
    assert short.read_bytes() == long.read_bytes()


FILTERS = [None, PipelineFilter(quiet_days=30), PipelineFilter(quiet_days=1), PipelineFilter(quiet_days=41, stage="sourced"),
           PipelineFilter(recent_days=7), PipelineFilter(tag="java"), PipelineFilter(source="linkedin", quiet_days=30),
           PipelineFilter(location="paris", recent_days=40), PipelineFilter(snoozed="no", quiet_days=30),
           PipelineFilter(tag="java", quiet_days=30), PipelineFilter(language="anglais", stage="offer"),
           PipelineFilter(salary_min=50000), PipelineFilter(tag="lead")]


@pytest.mark.parametrize("active", FILTERS)
def test_the_fast_paths_read_what_the_plain_queries_read(people, monkeypatch, active):
    """The fast paths of services/pipeline.py against the plain queries, on every
    scope and order: a large stage sorted by name or last contact is read walking
    the talents (forced here from 0 rows on), a tag's page walking its stage (forced
    both ways), "no contact for N days" counts the stage less the contacted, and all
    missions count the talents' kept lists of stages (checked against every
    candidacy counted)."""
    for name, stage, mission in (("Anna Ölund", "sourced", "java"), ("anna olund", "sourced", "data"), ("Bob", "offer", "data")):
        tid = _talent(name, tags="java", source="linkedin", location="Paris")
        pipeline.add_to_mission(tid, people[mission], T0 + dt.timedelta(minutes=len(name)), stage)
        if name == "Bob":
            touchpoints.log_touchpoint(tid, None, "call", NOW - dt.timedelta(days=2), SETTINGS)
    scopes = [people["java"], people["data"], None]
    fast = {(m, sort): _mission_rows(m, active, sort) for m in scopes for sort in ("", "name", "contact", "stage_time")}
    assert any(fast.values())
    monkeypatch.setattr(pipeline, "TALENT_WALK_FROM", 10**9)
    monkeypatch.setattr(pipeline, "_only_quiet", lambda scope: False)
    monkeypatch.setattr(pipeline, "_on_stage_lists", lambda scope: False)
    monkeypatch.setattr(pipeline, "_walks_tag", lambda *args: False)
    plain = {(m, sort): _mission_rows(m, active, sort) for m in scopes for sort in ("", "name", "contact", "stage_time")}
    assert fast == plain
    monkeypatch.setattr(pipeline, "TALENT_WALK_FROM", 0)
    monkeypatch.setattr(pipeline, "_walks_tag", lambda *args: True)
    walked = {(m, sort): _mission_rows(m, active, sort) for m in scopes for sort in ("", "name", "contact", "stage_time")}
    assert walked == plain
