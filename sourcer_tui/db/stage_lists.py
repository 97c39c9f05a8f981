"""The stages of each talent's candidacies, on the talent's row:
``talent.candidacy_stages``, kept by triggers.

*All missions* under a filter on the talents (source, location, facts, last
contact) counts each stage's candidacies whose talent matches.  Joining
93,000 candidacies to their talents for that took 37 to 53 ms at 100,000
talents; with the stages on the talent's row, one scan of a narrow covering
index over the filtered columns (``talent_filter_cover``) groups the talents
by their list of stages, 6 to 11 ms, and the lists are split in Python
(:func:`split`): a few dozen distinct lists.

The list holds every candidacy's stage (twice the same stage twice), sorted,
joined by :data:`SEPARATOR` — a control character, which the cleaning of
every text (domain/text.py) keeps out of a stage; "" without a candidacy.
Triggers keep it exact: candidacy inserts, deletes (cascades included),
stage moves and moves between talents recompute the talents concerned; a
talent row written with another value (a model saved with every column, an
old copy put back by undo) is corrected at once.  :func:`rebuild` recomputes
every row (the bulk loads, db/derived.py).  PostgreSQL keeps it
the same way, by PL/pgSQL triggers on PostgreSQL (:func:`install_postgres`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import peewee

from .dialect import keeps_derived, refresh_statistics

__all__ = ["COLUMN", "SEPARATOR", "TRIGGERS", "COVERED", "install", "rebuild", "split"]

COLUMN = "candidacy_stages"
SEPARATOR = "\x1f"
TRIGGERS = ("stage_list_insert", "stage_list_delete", "stage_list_update", "stage_list_talent")
#: The talent's columns the filters read (services/filtering.py), but tags: in
#: the covering index after the list of stages, so that a count reads no row.
COVERED = ("source", "remote_pref", "salary_amount", "available_from", "location", "languages", "notice_period",
           "last_contact_at")


def _stages(talent_id: str) -> str:
    """SQL: the talent's list of stages, read in order on ``candidacy (talent_id, stage, mission_id)``."""
    return (f"(SELECT COALESCE(GROUP_CONCAT(s.stage, char(31)), '') FROM "
            f"(SELECT c.stage FROM candidacy c WHERE c.talent_id = {talent_id} ORDER BY c.stage) s)")


def _recount(talent_id: str) -> str:
    return (f"UPDATE talent SET {COLUMN} = {_stages(talent_id)} "
            f"WHERE id = {talent_id} AND {COLUMN} IS NOT {_stages(talent_id)};")


def install(db: peewee.Database) -> None:
    if not keeps_derived(db):
        install_postgres(db)
        return
    # The database runs with recursive_triggers on: the correcting UPDATE fires
    # stage_list_talent again, whose WHEN is then false.
    for sql in (
        f"CREATE INDEX IF NOT EXISTS talent_filter_cover ON talent ({COLUMN}, {', '.join(COVERED)})",
        f"CREATE TRIGGER IF NOT EXISTS stage_list_insert AFTER INSERT ON candidacy BEGIN {_recount('new.talent_id')} END",
        f"CREATE TRIGGER IF NOT EXISTS stage_list_delete AFTER DELETE ON candidacy BEGIN {_recount('old.talent_id')} END",
        "CREATE TRIGGER IF NOT EXISTS stage_list_update AFTER UPDATE OF talent_id, stage ON candidacy "
        "WHEN old.talent_id IS NOT new.talent_id OR old.stage IS NOT new.stage "
        f"BEGIN {_recount('old.talent_id')} {_recount('new.talent_id')} END",
        f"CREATE TRIGGER IF NOT EXISTS stage_list_talent AFTER UPDATE OF id, {COLUMN} ON talent "
        f"WHEN new.{COLUMN} IS NOT {_stages('new.id')} BEGIN "
        f"UPDATE talent SET {COLUMN} = {_stages('new.id')} WHERE id = new.id; END",
    ):
        db.execute_sql(sql)
    rebuild(db)
    refresh_statistics(db, "talent")


def _pg_stages(talent_id: str) -> str:
    """PostgreSQL's :func:`_stages`: the same list, in the same (byte) order."""
    return (f"(SELECT COALESCE(string_agg(c.stage, chr(31) ORDER BY c.stage COLLATE \"C\"), '') "
            f"FROM candidacy c WHERE c.talent_id = {talent_id})")


def install_postgres(db: peewee.Database) -> None:
    """The same column kept on PostgreSQL, by PL/pgSQL triggers: a BEFORE
    trigger on the talent computes it on every insert and update of the row,
    and the candidacies' changes touch their talents' rows."""
    for sql in (
        f"CREATE INDEX IF NOT EXISTS talent_filter_cover ON talent ({COLUMN}, {', '.join(COVERED)})",
        "CREATE OR REPLACE FUNCTION sourcer_stage_list() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"NEW.{COLUMN} := {_pg_stages('NEW.id')}; RETURN NEW; END $$",
        "CREATE OR REPLACE FUNCTION sourcer_stage_list_candidacy() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF TG_OP <> 'INSERT' THEN UPDATE talent SET {COLUMN} = '' WHERE id = OLD.talent_id "
        f"AND {COLUMN} IS DISTINCT FROM {_pg_stages('OLD.talent_id')}; END IF; "
        f"IF TG_OP <> 'DELETE' THEN UPDATE talent SET {COLUMN} = '' WHERE id = NEW.talent_id "
        f"AND {COLUMN} IS DISTINCT FROM {_pg_stages('NEW.talent_id')}; END IF; "
        "RETURN NULL; END $$",
        "DROP TRIGGER IF EXISTS stage_list_talent ON talent",
        "CREATE TRIGGER stage_list_talent BEFORE INSERT OR UPDATE ON talent FOR EACH ROW EXECUTE FUNCTION sourcer_stage_list()",
        "DROP TRIGGER IF EXISTS stage_list_candidacy ON candidacy",
        "CREATE TRIGGER stage_list_candidacy AFTER INSERT OR DELETE OR UPDATE OF talent_id, stage ON candidacy "
        "FOR EACH ROW EXECUTE FUNCTION sourcer_stage_list_candidacy()",
    ):
        db.execute_sql(sql)
    db.execute_sql(f"UPDATE talent SET {COLUMN} = {COLUMN}")  # the BEFORE trigger fills it


def rebuild(db: peewee.Database) -> None:
    """Every talent's list of stages again, from the candidacies."""
    if not keeps_derived(db):
        db.execute_sql(f"UPDATE talent SET {COLUMN} = {COLUMN}")  # PostgreSQL: the BEFORE trigger recomputes it
        return
    with db.atomic():
        db.execute_sql(f"UPDATE talent SET {COLUMN} = {_stages('talent.id')} WHERE {COLUMN} IS NOT {_stages('talent.id')}")


def split(lists: Iterable[tuple[str, int]]) -> dict[str, int]:
    """Candidacies per stage from ``(list of stages, talents)`` pairs."""
    counts: Counter[str] = Counter()
    for stages, talents in lists:
        if stages:
            for stage in stages.split(SEPARATOR):
                counts[stage] += talents
    return dict(counts)
