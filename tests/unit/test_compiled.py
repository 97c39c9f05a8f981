"""db.compiled: a query built once per key, its SQL run again with each page."""

from __future__ import annotations

from sourcer_tui.db import compiled
from sourcer_tui.db.models import Talent
from sourcer_tui.services import talents

from ..conftest import NOW


def test_a_query_is_built_once_and_paged_by_its_parameters(db):
    for n in range(7):
        talents.create_talent({"name": f"T{n}"}, ["other"], NOW)
    built: list[int] = []

    def build():
        built.append(1)
        return Talent.select(Talent.name).order_by(Talent.name)

    pages = [compiled.rows(("test-names",), build, (offset, 3)) for offset in (0, 3, 6, 9)]
    assert pages == [[("T0",), ("T1",), ("T2",)], [("T3",), ("T4",), ("T5",)], [("T6",)], []]
    assert len(built) == 1  # built for the first page, its text run again for the others
    assert compiled.rows(("test-names",), build) == [(f"T{n}",) for n in range(7)]  # unpaged: its own entry
    assert len(built) == 2
    assert compiled.rows(("test-names", "other key"), lambda: Talent.select(Talent.name).where(Talent.name == "T4")) == [("T4",)]


def test_a_query_over_ids_is_built_once_and_run_in_runs_of_its_slots(db):
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
    assert len(built) == 1


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
