"""Services over a real SQLite file: exact results for the pipeline queries."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from sourcer_tui.db.models import Candidacy, Talent
from sourcer_tui.db.search import match_expression, talent_filter
from sourcer_tui.domain.vocab import DEFAULT_SOURCES, DEFAULT_STAGES
from sourcer_tui.services import missions, pipeline, talents
from sourcer_tui.services.errors import Conflict, InvalidInput, NotFound
from sourcer_tui.services.paging import GroupedRows
from sourcer_tui.services.pipeline import POOL, Scope

T0 = dt.datetime(2026, 11, 1, 9, 0)


def _talent(name: str, **extra) -> int:
    return talents.create_talent({"name": name, **extra}, DEFAULT_SOURCES, T0)


def test_groups_count_every_stage_including_empty_and_closed(db):
    mission = missions.create_mission({"title": "Designer"}, T0)
    other = missions.create_mission({"title": "Data"}, T0)
    for i, stage in enumerate(["sourced", "sourced", "offer", "declined"]):
        pipeline.add_to_mission(_talent(f"T{i}"), mission, T0, stage)
    pipeline.add_to_mission(_talent("Elsewhere"), other, T0)
    groups = pipeline.groups(Scope(mission), DEFAULT_STAGES)
    assert [(g.key, g.count) for g in groups] == [
        ("sourced", 2), ("approached", 0), ("replied", 0), ("screening", 0), ("interviewing", 0),
        ("reverse_interview", 0), ("offer", 1), ("hired", 0), ("declined", 1), ("rejected", 0),
    ]
    assert sum(g.count for g in pipeline.groups(Scope(None), DEFAULT_STAGES)) == 5
    assert pipeline.groups(Scope(POOL), DEFAULT_STAGES)[0].count == 5


def test_stage_no_longer_configured_still_shows(db):
    mission = missions.create_mission({"title": "Designer"}, T0)
    pipeline.add_to_mission(_talent("Old"), mission, T0, "phone_screen")
    keys = [g.key for g in pipeline.groups(Scope(mission), DEFAULT_STAGES)]
    assert keys[-1] == "phone_screen"


def test_rows_are_most_recently_moved_first_and_paged(db):
    mission = missions.create_mission({"title": "Designer"}, T0)
    ids = []
    for i in range(25):
        talent_id = _talent(f"Person {i:02d}")
        ids.append(talent_id)
        pipeline.add_to_mission(talent_id, mission, T0 + dt.timedelta(minutes=i))
    scope = Scope(mission)
    first = pipeline.fetch_rows(scope, "sourced", 0, 10)
    assert [r.name for r in first[:3]] == ["Person 24", "Person 23", "Person 22"]
    rows = GroupedRows(pipeline.groups(scope, DEFAULT_STAGES), lambda k, o, n: pipeline.fetch_rows(scope, k, o, n))
    assert rows.total == 25 + len(DEFAULT_STAGES) + 2
    assert rows.get(25).name == "Person 00"  # header at 0, then 25 rows


def test_move_stage_and_closing(db):
    mission = missions.create_mission({"title": "Designer"}, T0)
    candidacy = pipeline.add_to_mission(_talent("Zoé"), mission, T0)
    later = T0 + dt.timedelta(days=3)
    pipeline.move_stage(candidacy, "rejected", later)
    row = Candidacy.get_by_id(candidacy)
    assert (row.stage, row.closed_at, row.stage_changed_at) == ("rejected", later, later)
    pipeline.move_stage(candidacy, "screening", later)
    assert Candidacy.get_by_id(candidacy).closed_at is None
    with pytest.raises(NotFound):
        pipeline.move_stage(9999, "offer", later)


def test_adding_twice_is_a_conflict_and_writes_nothing(db):
    mission = missions.create_mission({"title": "Designer"}, T0)
    talent_id = _talent("Zoé")
    pipeline.add_to_mission(talent_id, mission, T0)
    with pytest.raises(Conflict, match="already in the mission 'Designer'"):
        pipeline.add_to_mission(talent_id, mission, T0)
    assert Candidacy.select().count() == 1


def test_invalid_talent_is_refused_with_field_errors(db):
    with pytest.raises(InvalidInput) as error:
        talents.create_talent({"name": " ", "email": "x@", "linkedin_url": "ftp://x", "source": "carrier pigeon"}, DEFAULT_SOURCES, T0)
    assert set(error.value.errors) == {"name", "email", "linkedin_url", "source"}
    assert Talent.select().count() == 0


def test_talent_text_is_cleaned_on_the_way_in(db):
    talent_id = _talent("  Zoé\x1b[31m  Martin\x00 ", tags="Python, remote,python", email=" Zoe@Example.ORG ", notes="line1\r\nline2\x07")
    talent = Talent.get_by_id(talent_id)
    assert talent.name == "Zoé[31m Martin"
    assert talent.tags == "python,remote"
    assert (talent.email, talent.email_norm) == ("Zoe@Example.ORG", "zoe@example.org")
    assert talent.notes == "line1\nline2"


def test_search_matches_prefixes_across_fields_and_accents(db):
    zoe = _talent("Zoé Martin", headline="Staff engineer", email="zm@lumen.io", tags="python,go")
    _talent("Hélène Roux", headline="Designer")
    found = lambda text: {t.id for t in Talent.select().where(talent_filter(text))}  # noqa: E731
    assert found("zoe") == {zoe}
    assert found("ZOÉ mart") == {zoe}
    assert found("lumen") == {zoe}
    assert found("pyth") == {zoe}
    assert found("helene") != {zoe}
    assert talent_filter("  ") is None and talent_filter("***") is None


def test_one_letter_searches_the_start_of_names_only(db):
    zoe = _talent("Zoé Martin", headline="Staff engineer", notes="met at a meetup")
    marc = _talent("marc Dupont", headline="Designer")
    helene = _talent("Hélène Roux", headline="Manager", notes="mobile developer")  # "m" only outside her name
    found = lambda text: {t.id for t in Talent.select().where(talent_filter(text))}  # noqa: E731
    assert found("m") == {zoe, marc}  # Martin (last name), marc (first name)
    assert found("z") == {zoe}
    assert found("me") == {zoe}  # two letters: every field again ("meetup")
    assert found("mo") == {helene}


def test_missions_listing_counts_active_candidacies(db):
    mission = missions.create_mission({"title": "Designer", "client": "Kiosk"}, T0)
    missions.create_mission({"title": "Archived", "status": "closed"}, T0)
    pipeline.add_to_mission(_talent("A"), mission, T0)
    pipeline.add_to_mission(_talent("B"), mission, T0, "declined")
    listed = missions.list_missions()
    assert [(m.title, m.status, m.active) for m in listed] == [("Designer", "open", 1), ("Archived", "closed", 0)]
    assert listed[0].display == "Designer — Kiosk"
    with pytest.raises(InvalidInput):
        missions.create_mission({"title": ""}, T0)


@hsettings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(st.text())
def test_search_never_raises(db, text):
    if not Talent.select().exists():  # something to find (the database lives across examples)
        mission = missions.create_mission({"title": "Data"}, T0)
        pipeline.add_to_mission(talents.create_talent({"name": "Zoé Martin", "notes": "Spark, dbt"}, ["other"], T0), mission, T0)
    condition = talent_filter(text)
    expression = match_expression(text)
    assert (condition is None) == (expression is None)
    for scope in (Scope(None, text), Scope("pool", text)):  # what a pane reads first: its counts
        assert sum(group.count for group in pipeline.groups(scope, ("sourced", "approached"))) in (0, 1)  # one talent
    if condition is not None:
        list(Talent.select().where(condition).limit(5))
        list(pipeline.fetch_rows(Scope(None, text), "sourced", 0, 5))
        list(pipeline.fetch_rows(Scope(None, text), "sourced", 0, 5, matches=5000))  # the walking plan
        list(pipeline.fetch_rows(Scope("pool", text), "pool", 0, 5, matches=5000))
        with pipeline.one_search(Scope(None, text)):  # the matches read once, into a temporary table
            list(pipeline.fetch_rows(Scope(None, text), "sourced", 0, 5, matches=5000))


@pytest.mark.parametrize("typed", ["ex\x07ample", "\x1bexam\x00ple\x1b", "EX\x9bAMPLE", "exa\x7fmple zo\x01é"])
def test_control_characters_in_a_search_are_dropped_as_they_were_before_saving(db, typed):
    """A pasted search holds the bytes the stored text lost: it finds the same talents."""
    mission = missions.create_mission({"title": "Data"}, T0)
    zoe = talents.create_talent({"name": "Zoé Example"}, ["other"], T0)
    talents.create_talent({"name": "Ex Ample"}, ["other"], T0)
    pipeline.add_to_mission(zoe, mission, T0)
    assert match_expression(typed) == match_expression(typed.translate({c: None for c in range(32)} | {0x7F: None, 0x9B: None}))
    assert [t.id for t in Talent.select().where(talent_filter(typed))] == [zoe]
    assert {g.key: g.count for g in pipeline.groups(Scope(None, typed), ("sourced",))}["sourced"] == 1


@pytest.mark.sqlite_only("counts the lookups of SQLite's FTS5 index (a trace callback)")
def test_a_search_read_looks_the_index_up_once(db):
    """Counts and first pages read inside one_search: one FTS lookup, the same
    figures and rows as without, and the temporary table emptied afterwards
    (kept for the next search: creating it would make every kept statement of
    the connection prepare again)."""
    mission = missions.create_mission({"title": "Backend"}, T0)
    for n in range(30):
        pipeline.add_to_mission(_talent(f"Camille {n:02d}", headline="python" if n % 3 else "go"), mission, T0 + dt.timedelta(minutes=n))
    stages = ("sourced", "approached")
    lookups: list[str] = []
    db.connection().set_trace_callback(lambda sql: lookups.append(sql) if "talent_fts MATCH" in sql else None)
    try:
        for text in ("python", "ca"):
            scope = Scope(None, text)
            lookups.clear()
            without = (pipeline.groups(scope, stages), pipeline.fetch_rows(scope, "sourced", 0, 10), pipeline.fetch_rows(scope, "sourced", 0, 10, matches=5000))
            assert len(lookups) == 3
            lookups.clear()
            with pipeline.one_search(scope):
                within = (pipeline.groups(scope, stages), pipeline.fetch_rows(scope, "sourced", 0, 10), pipeline.fetch_rows(scope, "sourced", 0, 10, matches=5000))
                other = pipeline.fetch_rows(Scope(None, "go"), "sourced", 0, 10)  # another search inside: looked up as usual
            assert len(lookups) == 2 and within == without and len(other) == 10
            assert db.execute_sql("SELECT COUNT(*) FROM temp.search_hits").fetchone() == (0,)
    finally:
        db.connection().set_trace_callback(None)


@pytest.mark.sqlite_only("the FTS5 hits' temporary table of an SQLite connection")
def test_a_search_after_one_that_could_not_empty_its_table_reads_only_its_own_matches(db):
    mission = missions.create_mission({"title": "Backend"}, T0)
    for name in ("Camille", "Dora", "Dani"):
        pipeline.add_to_mission(_talent(name), mission, T0)
    with pipeline.one_search(Scope(None, "camille")):
        pass
    db.execute_sql("INSERT INTO temp.search_hits SELECT id FROM talent")  # as if the emptying was interrupted
    scope = Scope(None, "d")
    with pipeline.one_search(scope):
        assert [row.name for row in pipeline.fetch_rows(scope, "sourced", 0, 10)] == ["Dani", "Dora"]


def test_search_pages_are_the_same_whichever_plan_reads_them(db):
    """fetch_rows walks the stage in order for broad searches, looks talents up for narrow ones: same rows."""
    mission = missions.create_mission({"title": "Backend"}, T0)
    for n in range(60):
        talent = _talent(f"Camille {n:02d}", headline="python" if n % 3 else "go")
        pipeline.add_to_mission(talent, mission, T0 + dt.timedelta(minutes=n))
    for text in ("python", "camille", "c", "go"):
        for scope in (Scope(None, text), Scope(mission, text)):
            by_lookup = [r.candidacy_id for r in pipeline.fetch_rows(scope, "sourced", 5, 20)]
            by_walk = [r.candidacy_id for r in pipeline.fetch_rows(scope, "sourced", 5, 20, matches=10_000)]
            assert by_lookup == by_walk and by_lookup
        pool = Scope("pool", text)
        assert [r.talent_id for r in pipeline.fetch_rows(pool, "pool", 0, 30)] == [r.talent_id for r in pipeline.fetch_rows(pool, "pool", 0, 30, matches=10_000)]


@pytest.mark.parametrize(
    ("said", "meaning"),
    [
        ("attempt to write a readonly database", "the database is read-only — check the permissions of its file and folder (attempt to write a readonly database)"),
        ("database or disk is full", "the disk is full — free some space (database or disk is full)"),
        ("disk I/O error", "the disk reported an I/O error (disk I/O error)"),
        ("unable to open database file", "the database file could not be opened — was it moved, or its folder made read-only? (unable to open database file)"),
        ("database is locked", "another program kept the database busy too long (database is locked)"),
        ("no such table: x", "no such table: x"),
    ],
)
def test_storage_trouble_says_what_a_refused_write_means(said, meaning):
    import sqlite3

    import peewee

    from sourcer_tui.services.errors import storage_trouble

    assert storage_trouble(peewee.OperationalError(said)) == meaning
    assert storage_trouble(sqlite3.OperationalError(said)) == meaning
    assert storage_trouble(RuntimeError(said)) == said  # not the database's: its own words


def test_storage_trouble_reads_a_lock_only_where_the_database_says_it():
    import peewee

    from sourcer_tui.services.errors import storage_trouble

    assert storage_trouble(peewee.OperationalError("database table is locked")) == "database table is locked"
