"""The talent's kept sort keys: ``talent.last_contact_at`` and ``talent.name_key``,
kept by triggers.

- ``last_contact_at``: the latest ``happened_at`` of the talent's touchpoints
  that count as a contact (every kind but :data:`NOT_CONTACTS`: a note is not
  one), NULL when never contacted — the Pipeline's "no contact for N days",
  "contacted within N days" and its order by last contact read it on an index
  instead of looking up every talent's touchpoints (230 ms at 100,000 talents);
- ``name_key``: the name folded (``sourcer_fold``, db/folding.py) — the order
  by name walks its index instead of folding and sorting every name.

Triggers keep both exact: touchpoint inserts, deletes (cascades included) and
changes of talent, kind or time recompute the talents concerned; a talent
inserted, or updated with a value that is not the right one (a model saved
with every column, an old copy put back by undo), is corrected at once.
Rather triggers than the services that write names: a name is written in
many places (form, import, merge, anonymisation, JSON import, undo) and
``sourcer_fold`` is registered on every connection by ``open_database``
already (the one-letter search's triggers need ``sourcer_initials`` the same
way): another program writing names gets "no such function", never a stale
key.  :func:`rebuild` recomputes every row (the bulk loads, db/derived.py).
PostgreSQL keeps both too, by PL/pgSQL triggers (:func:`install_postgres`).
"""

from __future__ import annotations

import peewee

from .dialect import keeps_derived, refresh_statistics
from . import folding
from .folding import FUNCTION as FOLD, register

__all__ = ["NOT_CONTACTS", "COLUMNS", "TRIGGERS", "install", "rebuild"]

#: Logged kinds that are not a contact with the talent (do not push keep-in-touch back).
NOT_CONTACTS = ("note",)
#: The derived columns of ``talent``: not exported, never typed (with the
#: stages of its candidacies, db/stage_lists.py).
COLUMNS = ("name_key", "last_contact_at", "candidacy_stages")

TRIGGERS = (
    "talent_keys_insert", "talent_keys_update",
    "last_contact_touchpoint_insert", "last_contact_touchpoint_delete", "last_contact_touchpoint_update",
)

_KINDS = ", ".join(f"'{kind}'" for kind in NOT_CONTACTS)


def _latest(talent_id: str) -> str:
    """SQL: the talent's last contact, on ``touchpoint (talent_id, happened_at)``."""
    return f"(SELECT MAX(p.happened_at) FROM touchpoint p WHERE p.talent_id = {talent_id} AND p.kind NOT IN ({_KINDS}))"


def _recount(talent_id: str) -> str:
    return (f"UPDATE talent SET last_contact_at = {_latest(talent_id)} "
            f"WHERE id = {talent_id} AND last_contact_at IS NOT {_latest(talent_id)};")


def install(db: peewee.Database) -> None:
    if not keeps_derived(db):
        install_postgres(db)
        return
    register(db)
    # The database runs with recursive_triggers on: the correcting UPDATE fires
    # talent_keys_update again, whose WHEN is then false.
    for sql in (
        "CREATE INDEX IF NOT EXISTS talent_name_key ON talent (name_key)",
        "CREATE INDEX IF NOT EXISTS talent_last_contact ON talent (last_contact_at, name_key)",
        "CREATE TRIGGER IF NOT EXISTS talent_keys_insert AFTER INSERT ON talent BEGIN "
        f"UPDATE talent SET name_key = {FOLD}(new.name), last_contact_at = {_latest('new.id')} WHERE id = new.id; END",
        "CREATE TRIGGER IF NOT EXISTS talent_keys_update AFTER UPDATE OF id, name, name_key, last_contact_at ON talent "
        f"WHEN new.name_key IS NOT {FOLD}(new.name) OR new.last_contact_at IS NOT {_latest('new.id')} BEGIN "
        f"UPDATE talent SET name_key = {FOLD}(new.name), last_contact_at = {_latest('new.id')} WHERE id = new.id; END",
        "CREATE TRIGGER IF NOT EXISTS last_contact_touchpoint_insert AFTER INSERT ON touchpoint "
        f"BEGIN {_recount('new.talent_id')} END",
        "CREATE TRIGGER IF NOT EXISTS last_contact_touchpoint_delete AFTER DELETE ON touchpoint "
        f"BEGIN {_recount('old.talent_id')} END",
        "CREATE TRIGGER IF NOT EXISTS last_contact_touchpoint_update AFTER UPDATE OF talent_id, kind, happened_at ON touchpoint "
        f"BEGIN {_recount('old.talent_id')} {_recount('new.talent_id')} END",
    ):
        db.execute_sql(sql)
    rebuild(db)
    refresh_statistics(db, "talent")


def install_postgres(db: peewee.Database) -> None:
    """The same two columns kept on PostgreSQL, by PL/pgSQL triggers: a BEFORE
    trigger on the talent computes both on every insert and update of the row
    (no value written by hand survives: as SQLite's correcting trigger), and
    the touchpoints' changes touch their talents' rows."""
    folding.install_postgres(db)  # sourcer_fold, also made by migration 0002
    for sql in (
        "CREATE INDEX IF NOT EXISTS talent_name_key ON talent (name_key)",
        "CREATE INDEX IF NOT EXISTS talent_last_contact ON talent (last_contact_at, name_key)",
        "CREATE OR REPLACE FUNCTION sourcer_talent_keys() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"NEW.name_key := sourcer_fold(NEW.name); NEW.last_contact_at := {_latest('NEW.id')}; RETURN NEW; END $$",
        "CREATE OR REPLACE FUNCTION sourcer_last_contact() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF TG_OP <> 'INSERT' THEN "
        f"UPDATE talent SET last_contact_at = NULL WHERE id = OLD.talent_id AND last_contact_at IS DISTINCT FROM {_latest('OLD.talent_id')}; "
        "END IF; "
        "IF TG_OP <> 'DELETE' THEN "
        f"UPDATE talent SET last_contact_at = NULL WHERE id = NEW.talent_id AND last_contact_at IS DISTINCT FROM {_latest('NEW.talent_id')}; "
        "END IF; RETURN NULL; END $$",
        "DROP TRIGGER IF EXISTS talent_keys_row ON talent",
        "CREATE TRIGGER talent_keys_row BEFORE INSERT OR UPDATE ON talent FOR EACH ROW EXECUTE FUNCTION sourcer_talent_keys()",
        "DROP TRIGGER IF EXISTS last_contact_touchpoint ON touchpoint",
        "CREATE TRIGGER last_contact_touchpoint AFTER INSERT OR DELETE OR UPDATE OF talent_id, kind, happened_at ON touchpoint "
        "FOR EACH ROW EXECUTE FUNCTION sourcer_last_contact()",
    ):
        db.execute_sql(sql)
    db.execute_sql("UPDATE talent SET name_key = name_key")  # the BEFORE trigger fills both


def rebuild(db: peewee.Database) -> None:
    """Every talent's last contact and folded name again, from the touchpoints and names."""
    if not keeps_derived(db):
        db.execute_sql("UPDATE talent SET name_key = name_key")  # PostgreSQL: the BEFORE trigger recomputes both
        return
    register(db)
    with db.atomic():
        # One pass over the touchpoints grouped by talent, not one lookup per talent
        db.execute_sql("DROP TABLE IF EXISTS temp.last_contact")
        db.execute_sql(
            "CREATE TEMP TABLE last_contact AS SELECT talent_id, MAX(happened_at) AS at FROM touchpoint "
            f"WHERE kind NOT IN ({_KINDS}) GROUP BY talent_id")
        try:
            db.execute_sql("CREATE UNIQUE INDEX temp.last_contact_talent ON last_contact (talent_id, at)")
            db.execute_sql(
                f"UPDATE talent SET name_key = {FOLD}(name), "
                "last_contact_at = (SELECT l.at FROM temp.last_contact l WHERE l.talent_id = talent.id)")
        finally:
            db.execute_sql("DROP TABLE IF EXISTS temp.last_contact")
