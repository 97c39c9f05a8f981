"""Numbered migrations: an older file upgrades with every row intact."""

from __future__ import annotations

import peewee
import pytest
from playhouse import migrations

from sourcer_tui.db import search
from sourcer_tui.db.database import MIGRATIONS_DIR, open_database
from sourcer_tui.db.models import ALL_MODELS, Candidacy, Talent


def test_upgrade_from_version_1_keeps_rows_and_indexes_them(tmp_path):
    path = tmp_path / "old.db"
    old = peewee.SqliteDatabase(str(path), pragmas={"foreign_keys": 1})
    runner = migrations.Runner(old, str(MIGRATIONS_DIR))
    assert runner.up(target="0001_initial") == ["0001_initial"]
    old.execute_sql("INSERT INTO mission (title, client, status, notes, created_at, updated_at) VALUES ('Designer', 'Kiosk', 'open', '', '2025-01-02 10:00:00', '2025-01-02 10:00:00')")
    for i in range(50):
        old.execute_sql(
            "INSERT INTO talent (name, headline, company, email, email_norm, phone, linkedin_url, location, source, referred_by, tags, notes, created_at, updated_at) "
            "VALUES (?, 'Designer', '', ?, ?, '', ?, 'Paris', 'linkedin', '', 'ux', '', '2025-01-02 10:00:00', '2025-01-02 10:00:00')",
            (f"Talent {i} Émile", f"t{i}@x.io", f"t{i}@x.io", f"https://www.LinkedIn.com/in/t{i}/"),
        )
        old.execute_sql(
            "INSERT INTO candidacy (talent_id, mission_id, stage, stage_changed_at, sequence_state, decline_detail, created_at, updated_at) "
            "VALUES (?, 1, 'sourced', '2025-01-02 10:00:00', 'none', '', '2025-01-02 10:00:00', '2025-01-02 10:00:00')",
            (i + 1,),
        )
    assert "talent_fts" not in old.get_tables()
    old.close()

    db = open_database(path)  # applies 0002 and anything later
    assert {m.name for m in migrations.Runner(db, str(MIGRATIONS_DIR)).status() if m.applied} >= {"0001_initial", "0002_talent_search", "0003_linkedin_norm"}
    assert Talent.select().count() == 50
    assert Candidacy.select().count() == 50
    assert Talent.get(Talent.name == "Talent 3 Émile").linkedin_norm == "linkedin.com/in/t3"  # 0003 back-filled
    # the rows that were already there are found by the new full-text index
    found = Talent.select().where(search.talent_filter("emile 17")).get()
    assert found.name == "Talent 17 Émile"
    # later migrations keep the triggers: they keep the index in sync from now on
    Talent.update(name="Renamed Person").where(Talent.id == found.id).execute()
    assert Talent.select().where(search.talent_filter("emile 17")).count() == 0
    assert Talent.select().where(search.talent_filter("renamed")).count() == 1
    # 0011: the initials of the names already there ("Talent 17 Émile" -> t, 1, e;
    # #17 renamed "Renamed Person" -> r, p), their candidacies counted per initial
    assert Talent.select().where(search.talent_filter("É")).count() == 49
    assert db.execute_sql("SELECT letter, mission_id, stage, n FROM initial_count ORDER BY letter").fetchall() == [
        ("0", 1, "sourced", 1), ("1", 1, "sourced", 10), ("2", 1, "sourced", 11), ("3", 1, "sourced", 11), ("4", 1, "sourced", 11),
        ("5", 1, "sourced", 1), ("6", 1, "sourced", 1), ("7", 1, "sourced", 1), ("8", 1, "sourced", 1), ("9", 1, "sourced", 1),
        ("e", 1, "sourced", 49), ("p", 1, "sourced", 1), ("r", 1, "sourced", 1), ("t", 1, "sourced", 49),
    ]
    db.close()


def test_reopening_applies_nothing_twice(tmp_path):
    path = tmp_path / "x.db"
    open_database(path).close()
    db = open_database(path)
    assert migrations.Runner(db, str(MIGRATIONS_DIR)).up() == []
    db.close()


def test_models_match_migrated_schema(db):
    for model in ALL_MODELS:
        table = model._meta.table_name
        columns = {c.name for c in db.get_columns(table)}
        fields = {f.column_name for f in model._meta.sorted_fields}
        assert fields == columns, table


@pytest.mark.sqlite_only("SQLite's query plan")
def test_stats_read_touchpoints_through_their_index(db):
    names = {index.name for index in db.get_indexes("touchpoint")}
    assert "touchpoint_candidacy_kind" in names
    plan = " ".join(
        str(row[-1])
        for row in db.execute_sql(
            "EXPLAIN QUERY PLAN SELECT MIN(happened_at) FROM touchpoint WHERE candidacy_id = 1 AND kind = 'approach'"
        ).fetchall()
    )
    assert "COVERING INDEX touchpoint_candidacy_kind" in plan


@pytest.mark.sqlite_only("SQLite's pragmas")
def test_pragmas_are_set(db):
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL


@pytest.mark.sqlite_only("SQLite's query plan")
def test_todays_count_reads_the_snoozed_talents_from_an_index_alone(db):
    """Migration 0010: snooze (active, until, id, talent_id) replaces (active, until)."""
    names = {index.name for index in db.get_indexes("snooze")}
    assert "snooze_active_cover" in names and "snooze_active_until" not in names
    plan = " ".join(
        str(row[-1])
        for row in db.execute_sql(
            "EXPLAIN QUERY PLAN SELECT talent_id FROM snooze WHERE active = 1 AND until > '2026-12-01' ORDER BY until, id"
        ).fetchall()
    )
    assert "COVERING INDEX snooze_active_cover" in plan and "TEMP B-TREE" not in plan  # the Snoozed pane's order too


def test_0022_indexes_the_feedback_already_written(tmp_path):
    from sourcer_tui.db.models import Touchpoint

    path = tmp_path / "old.db"
    db = open_database(path)
    ada = Talent.create(name="Ada")
    Touchpoint.create(talent=ada, kind="call", feedback_given="Knows dbt well", impression="sharp")
    db.close()
    old = peewee.SqliteDatabase(str(path))  # back to the day before 0022
    for trigger in ("feedback_fts_insert", "feedback_fts_delete", "feedback_fts_update"):
        old.execute_sql(f"DROP TRIGGER {trigger}")
    old.execute_sql("DROP TABLE feedback_fts")
    old.execute_sql("DROP TABLE talent_fts_vocab")
    old.execute_sql("DROP TABLE feedback_fts_vocab")
    old.execute_sql("DELETE FROM schema_migration WHERE name = '0022_feedback_search'")
    old.close()
    db = open_database(path)  # applies 0022
    assert db.execute_sql("SELECT rowid, feedback FROM feedback_fts").fetchall() == [(ada.id, "Knows dbt well sharp")]
    assert db.execute_sql("SELECT doc FROM talent_fts_vocab WHERE term = 'ada'").fetchall() == [(1,)]
    assert db.execute_sql("SELECT doc FROM feedback_fts_vocab WHERE term = 'dbt'").fetchall() == [(1,)]
    db.close()
