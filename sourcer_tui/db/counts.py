"""Candidacies per mission and stage, kept up to date by triggers.

The Pipeline's group headers need the count of every stage.  Counting
93,000 candidacies again at each reload (after every saved feedback, every
stage move) grew with the file; reading this small table costs the same
whatever the size of the file.  Triggers keep it exact through inserts,
deletes (cascades from a deleted talent or mission included), stage moves
and moves between missions; :func:`rebuild` recounts from scratch.
PostgreSQL keeps the same table by a PL/pgSQL trigger (:func:`install_postgres`).
"""

from __future__ import annotations

import peewee

from .dialect import keeps, keeps_derived

__all__ = ["install", "rebuild"]

# No conflict clause inside: an outer INSERT OR REPLACE on candidacy would
# impose its own on the trigger's statements (an OR IGNORE would become a
# REPLACE and reset the count).  The row the REPLACE deletes is counted out by
# the delete trigger: the database runs with recursive_triggers on.
_BUMP = (
    "INSERT INTO candidacy_count (mission_id, stage, n) SELECT {row}.mission_id, {row}.stage, 0 "
    "WHERE NOT EXISTS (SELECT 1 FROM candidacy_count WHERE mission_id = {row}.mission_id AND stage = {row}.stage); "
    "UPDATE candidacy_count SET n = n {sign} 1 WHERE mission_id = {row}.mission_id AND stage = {row}.stage;"
)


def install(db: peewee.Database) -> None:
    if not keeps_derived(db):
        install_postgres(db)
        return
    plus = lambda row: _BUMP.format(row=row, sign="+")  # noqa: E731
    minus = lambda row: _BUMP.format(row=row, sign="-")  # noqa: E731
    for sql in (
        "CREATE TABLE IF NOT EXISTS candidacy_count ("
        "mission_id INTEGER NOT NULL, stage TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (mission_id, stage)) WITHOUT ROWID",
        f"CREATE TRIGGER IF NOT EXISTS candidacy_count_insert AFTER INSERT ON candidacy BEGIN {plus('new')} END",
        f"CREATE TRIGGER IF NOT EXISTS candidacy_count_delete AFTER DELETE ON candidacy BEGIN {minus('old')} END",
        "CREATE TRIGGER IF NOT EXISTS candidacy_count_update AFTER UPDATE OF mission_id, stage ON candidacy "
        f"WHEN old.mission_id IS NOT new.mission_id OR old.stage IS NOT new.stage BEGIN {minus('old')} {plus('new')} END",
    ):
        db.execute_sql(sql)
    rebuild(db)


def install_postgres(db: peewee.Database) -> None:
    """The same table on PostgreSQL, kept by one PL/pgSQL row trigger (a missing
    row is added by ``ON CONFLICT``; a count left at 0 stays, as on SQLite)."""
    for sql in (
        "CREATE TABLE IF NOT EXISTS candidacy_count ("
        "mission_id INTEGER NOT NULL, stage TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (mission_id, stage))",
        "CREATE OR REPLACE FUNCTION sourcer_candidacy_count() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF TG_OP <> 'INSERT' THEN UPDATE candidacy_count SET n = n - 1 WHERE mission_id = OLD.mission_id AND stage = OLD.stage; END IF; "
        "IF TG_OP <> 'DELETE' THEN INSERT INTO candidacy_count (mission_id, stage, n) VALUES (NEW.mission_id, NEW.stage, 1) "
        "ON CONFLICT (mission_id, stage) DO UPDATE SET n = candidacy_count.n + 1; END IF; "
        "RETURN NULL; END $$",
        "DROP TRIGGER IF EXISTS candidacy_count_row ON candidacy",
        "CREATE TRIGGER candidacy_count_row AFTER INSERT OR DELETE OR UPDATE OF mission_id, stage ON candidacy "
        "FOR EACH ROW EXECUTE FUNCTION sourcer_candidacy_count()",
    ):
        db.execute_sql(sql)
    rebuild(db)


def rebuild(db: peewee.Database) -> None:
    """Recount every mission's stages from the candidacies."""
    if not keeps(db, "counts"):
        return
    with db.atomic():
        db.execute_sql("DELETE FROM candidacy_count")
        db.execute_sql(
            "INSERT INTO candidacy_count (mission_id, stage, n) SELECT mission_id, stage, COUNT(*) FROM candidacy GROUP BY mission_id, stage"
        )
