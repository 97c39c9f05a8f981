"""The tables derived from others and kept by triggers (SQLite), as one set.

``talent_fts`` (the search index, :mod:`.search`), ``candidacy_count`` (stage
counts, :mod:`.counts`), ``talent_initial`` and ``initial_count`` (one-letter
searches, :mod:`.initials`), ``outreach_summary`` (the Stats' rows,
:mod:`.outreach`), the talent's ``last_contact_at`` and ``name_key``
(:mod:`.talent_keys`), ``candidacy_stages`` (:mod:`.stage_lists`) and
``feedback_fts`` (past feedback per talent, :mod:`.feedback_index`).  Triggers keep them exact row by row; a bulk load (the
scale demo, a JSON import) drops the triggers, writes, puts them back and
rebuilds each table once — for a million touchpoints, far sooner than a
million rounds of triggers.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import peewee

from . import counts, feedback_index, initials, outreach, pool_fit_pg, search, stage_lists, talent_keys

__all__ = ["TRIGGERS", "triggers_suspended", "rebuild_all"]

TRIGGERS = (
    "talent_fts_insert", "talent_fts_delete", "talent_fts_update",  # search (db/search.py)
    "candidacy_count_insert", "candidacy_count_delete", "candidacy_count_update",  # stage counts (db/counts.py)
    *initials.TRIGGERS,  # one-letter searches (db/initials.py)
    *outreach.TRIGGERS,  # the Stats' summary rows (db/outreach.py)
    *talent_keys.TRIGGERS,  # the talent's last contact and folded name (db/talent_keys.py)
    *stage_lists.TRIGGERS,  # the stages of the talent's candidacies (db/stage_lists.py)
    *feedback_index.TRIGGERS,  # past feedback, searchable per talent (db/feedback_index.py)
)


#: PostgreSQL's row triggers of the derived data: off for a bulk load, then one pass.
PG_TRIGGERS = (
    ("touchpoint", "last_contact_touchpoint"), ("candidacy", "stage_list_candidacy"),  # the talent's columns
    ("candidacy", "candidacy_count_row"),  # stage counts (db/counts.py)
    ("touchpoint", "outreach_touchpoint"), ("candidacy", "outreach_candidacy"), ("talent", "outreach_talent_source"),  # Stats' rows
    *initials.PG_TRIGGERS,  # one-letter searches (db/initials.py)
    *pool_fit_pg.PG_TRIGGERS,  # the profiles' vectors (db/pool_fit_pg.py)
)


@contextlib.contextmanager
def _postgres_suspended(db: peewee.Database, *, rebuild: bool) -> Iterator[None]:
    """:func:`triggers_suspended` on PostgreSQL: its row triggers disabled in the
    bulk load's transaction (ALTER TABLE: no other connection writes meanwhile),
    what they keep recomputed once after."""
    if not db.in_transaction():  # else an error would leave them off for good
        raise RuntimeError("triggers_suspended needs the bulk load's transaction on PostgreSQL")
    for table, trigger in PG_TRIGGERS:
        db.execute_sql(f"ALTER TABLE {table} DISABLE TRIGGER {trigger}")
    # On an error the load's transaction rolls back, and these ALTERs with it (in
    # PostgreSQL DDL is transactional): nothing to put back, and a statement now
    # would hide the error ("current transaction is aborted").
    yield
    db.execute_sql("SET CONSTRAINTS ALL IMMEDIATE")  # the keys a load deferred, checked now: ALTER TABLE refuses pending checks
    for table, trigger in PG_TRIGGERS:
        db.execute_sql(f"ALTER TABLE {table} ENABLE TRIGGER {trigger}")
    if rebuild:
        rebuild_all(db)


def rebuild_all(db: peewee.Database) -> None:
    """Every derived table again, from its sources."""
    search.rebuild(db)
    counts.rebuild(db)
    initials.rebuild(db)
    outreach.rebuild(db)
    talent_keys.rebuild(db)
    stage_lists.rebuild(db)
    feedback_index.rebuild(db)
    pool_fit_pg.rebuild(db)


@contextlib.contextmanager
def triggers_suspended(db: peewee.Database, *, rebuild: bool = True) -> Iterator[list[str]]:
    """Drop the triggers that keep the derived tables in sync for a bulk load,
    then put them back.

    The exact ``CREATE TRIGGER`` statements are read from ``sqlite_master``
    before dropping and re-executed afterwards (also on error); on success
    (and with *rebuild*) every derived table is rebuilt once.  Yields the
    statements.  A no-op on databases without the triggers.  Run it inside
    the bulk load's transaction: no other connection sees the tables stale.
    """
    if not isinstance(db, peewee.SqliteDatabase):
        with _postgres_suspended(db, rebuild=rebuild):
            yield []
        return
    placeholders = ",".join("?" * len(TRIGGERS))
    saved = [sql for (sql,) in db.execute_sql(
        f"SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({placeholders}) ORDER BY name",
        TRIGGERS).fetchall()]
    for name in TRIGGERS:
        db.execute_sql(f'DROP TRIGGER IF EXISTS "{name}"')
    ok = False
    try:
        yield saved
        ok = True
    finally:
        for sql in saved:
            db.execute_sql(sql)
    if ok and saved and rebuild:
        rebuild_all(db)
