"""db.compiled: a query built once per key, its SQL run again with each page."""

from __future__ import annotations

import threading

import pytest

from sourcer_tui.db import compiled
from sourcer_tui.db.models import Talent
from sourcer_tui.services import missions, pipeline, talents

from ..conftest import NOW


def test_a_query_is_built_once_and_paged_by_its_parameters(db, monkeypatch):
    monkeypatch.setattr(compiled, "VERIFY", False)  # which builds it again each time
    for n in range(7):
        talents.create_talent({"name": f"T{n}"}, ["other"], NOW)
    built: list[int] = []

    def build():
        built.append(1)
        return Talent.select(Talent.name).order_by(Talent.name)

    pages = [compiled.rows(("test-names",), build, (offset, 3)) for offset in (0, 3, 6, 9)]
    assert pages == [[("T0",), ("T1",), ("T2",)], [("T3",), ("T4",), ("T5",)], [("T6",)], []]
    assert len(built) == 2  # built for the first page (with each set of stand-ins), its text run again for the others
    assert compiled.rows(("test-names",), build) == [(f"T{n}",) for n in range(7)]  # unpaged: its own entry
    assert len(built) == 4
    assert compiled.rows(("test-names", "other key"), lambda: Talent.select(Talent.name).where(Talent.name == "T4")) == [("T4",)]


def test_a_query_over_ids_is_built_once_and_run_in_runs_of_its_slots(db, monkeypatch):
    monkeypatch.setattr(compiled, "VERIFY", False)
    made = [talents.create_talent({"name": f"N{n:03}"}, ["other"], NOW) for n in range(230)]
    built: list[int] = []

    def build():
        built.append(1)
        return Talent.select(Talent.id, Talent.name).where(Talent.id.in_(compiled.IDS) & (Talent.name != "N005"))

    def names(ids):
        return sorted(name for _, name in compiled.rows(("test-ids",), build, ids=ids))

    assert names([made[1], made[2]]) == ["N001", "N002"]  # the 98 empty slots match nothing
    assert names(made[:5] + [made[5]]) == ["N000", "N001", "N002", "N003", "N004"]  # the query's own condition holds
    assert names(made) == [f"N{n:03}" for n in range(230) if n != 5]  # 230 ids: three runs of at most 100
    assert names([]) == []
    assert len(built) == 2  # once with each set of stand-ins


def test_kept_sql_is_written_in_the_dialect_of_the_database_it_runs_on():
    """A bare Select over a sub-select (Today's page) is bound to no database:
    written by Peewee's default it had SQLite's '?' placeholders on PostgreSQL too."""
    import datetime as dt

    import peewee

    from sourcer_tui.services import panes

    postgres = peewee.PostgresqlDatabase("never-connected")  # only its way of writing SQL
    sql, params = compiled.sql_of(postgres, panes._due_page(dt.date(2026, 12, 1)))
    assert "?" not in sql and sql.count("%s") == len(params) > 0
    sqlite_sql, _ = compiled.sql_of(peewee.SqliteDatabase(":memory:"), panes._due_page(dt.date(2026, 12, 1)))
    assert "%s" not in sqlite_sql and sqlite_sql.count("?") == len(params)


# The stand-ins of a page's limit and offset and of an IN list's ids (the
# first set was how slots were found, by value; the second is the second build's).
PAGE_STAND_INS = (987_654_321, 123_456_789, 876_543_219, 234_567_891)
ID_STAND_INS = (-555_000_000, -555_000_003, -555_000_099, -666_000_003)


@pytest.mark.parametrize("value", PAGE_STAND_INS)
def test_a_real_parameter_equal_to_a_page_stand_in_is_left_alone(db, value):
    """Slots were found by value: ``id < 987654321`` became ``id < 3`` (the page's limit)."""
    for n in range(7):
        talents.create_talent({"name": f"T{n}"}, ["other"], NOW)

    def build():
        return Talent.select(Talent.name).where(Talent.id < value).order_by(Talent.name)

    assert compiled.rows(("test-real-page", value), build, (0, 3)) == [("T0",), ("T1",), ("T2",)]
    assert compiled.rows(("test-real-page", value), build, (3, 3)) == [("T3",), ("T4",), ("T5",)]


@pytest.mark.parametrize("value", PAGE_STAND_INS + ID_STAND_INS)
def test_a_real_parameter_equal_to_an_id_stand_in_is_left_alone(db, value):
    """``id <> -555000003`` became ``id <> <the run's 4th id>`` (or ``<> NULL``: no row)."""
    made = [talents.create_talent({"name": f"N{n}"}, ["other"], NOW) for n in range(6)]

    def build():
        return Talent.select(Talent.name).where(Talent.id.in_(compiled.IDS) & (Talent.id != value)).order_by(Talent.name)

    assert compiled.rows(("test-real-ids", value), build, ids=made) == [(f"N{n}",) for n in range(6)]
    assert compiled.rows(("test-real-ids", value), build, (1, 2), ids=made[:3]) == [("N1",), ("N2",)]


@pytest.mark.parametrize("mission_id", PAGE_STAND_INS)
def test_a_mission_whose_id_is_a_page_stand_in_shows_its_candidacies(db, mission_id):
    """The pipeline's page of mission 987654321 asked for mission 50 (the page's size): empty."""
    mission = missions.create_mission({"title": "Backend"}, NOW)
    db.execute_sql("UPDATE mission SET id = ? WHERE id = ?", (mission_id, mission))
    for n in range(3):
        pipeline.add_to_mission(talents.create_talent({"name": f"C{n}"}, ["other"], NOW), mission_id, NOW)

    scope = pipeline.Scope(mission=mission_id)
    assert [g.count for g in pipeline.groups(scope, ["sourced"]) if g.key == "sourced"] == [3]
    assert [r.name for r in pipeline.fetch_rows(scope, "sourced", 0, 50)] == ["C2", "C1", "C0"]  # last added first
    assert [r.name for r in pipeline.fetch_rows(scope, "sourced", 1, 50)] == ["C1", "C0"]


def test_a_key_that_forgets_what_its_query_depends_on_fails_the_tests(db):
    """Under the tests (tests/conftest.py), every kept query is built again and
    compared: a key missing a value of its query served the first value's rows."""
    assert compiled.VERIFY
    for n in range(3):
        talents.create_talent({"name": f"T{n}"}, ["other"], NOW)
    name = "T1"

    def build():
        return Talent.select(Talent.name).where(Talent.name == name)

    assert compiled.rows(("test-forgets",), build) == [("T1",)]
    assert compiled.rows(("test-forgets",), build) == [("T1",)]  # same value: same SQL and parameters
    name = "T2"
    with pytest.raises(AssertionError, match="test-forgets"):
        compiled.rows(("test-forgets",), build)
    shape = "plain"

    def shaped():
        query = Talent.select(Talent.name)
        return query if shape == "plain" else query.order_by(Talent.name)

    assert compiled.rows(("test-forgets-shape",), shaped, (0, 2)) == [("T0",), ("T1",)]
    shape = "ordered"
    with pytest.raises(AssertionError, match="test-forgets-shape"):
        compiled.rows(("test-forgets-shape",), shaped, (0, 2))


def test_a_query_that_cannot_be_kept_is_refused_at_once(db):
    """Its two builds differ otherwise than by the stand-ins, or it places
    none of the slots it is asked to fill."""
    builds = iter(["T1", "T2"])
    with pytest.raises(RuntimeError, match="test-moving.*parameter"):
        compiled.rows(("test-moving",), lambda: Talent.select(Talent.name).where(Talent.name == next(builds)))
    shapes = iter([Talent.name, Talent.id])
    with pytest.raises(RuntimeError, match="test-shape.*SQL"):
        compiled.rows(("test-shape",), lambda: Talent.select(next(shapes)))
    with pytest.raises(RuntimeError, match="test-unplaced.*PAGE"):
        compiled.rows(("test-unplaced",), lambda: Talent.select(Talent.name), (0, 5), placed=True)
    with pytest.raises(RuntimeError, match="test-no-ids.*IDS"):
        compiled.rows(("test-no-ids",), lambda: Talent.select(Talent.name), ids=[1])
    with pytest.raises(RuntimeError, match="test-stray.*PAGE"):
        compiled.rows(("test-stray",), lambda: Talent.select(Talent.name).limit(compiled.PAGE[0]))


def test_the_stand_ins_of_a_build_are_its_threads_own(db):
    """The panes read in parallel threads: a build under way in one thread
    does not change what compiled.PAGE and IDS are in another."""
    seen: list[tuple] = []

    def build():
        elsewhere: list[tuple] = []
        thread = threading.Thread(target=lambda: elsewhere.append((compiled.PAGE, compiled.IDS[:2])))
        thread.start()
        thread.join()
        seen.append(((compiled.PAGE, compiled.IDS[:2]), elsewhere[0]))
        return Talent.select(Talent.name).limit(compiled.PAGE[0]).offset(compiled.PAGE[1])

    compiled.rows(("test-threads",), build, (0, 5), placed=True)
    [(here_a, there_a), (here_b, there_b)] = seen[:2]
    assert here_a != here_b  # two sets of stand-ins…
    assert there_a == there_b == here_a == (compiled.PAGE, compiled.IDS[:2])  # …the second seen by its thread alone
