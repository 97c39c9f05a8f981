"""Past feedback, searchable per talent: ``feedback_fts``, kept by triggers (SQLite).

Pool matches (services/rediscover.py) rank the talents against a mission's
words in their profile (``talent_fts``) *and* in what was written after
talking to them: the feedback given and the private impression of every
touchpoint.  One FTS5 row per talent (``rowid`` = the talent's id) holds the
distinct texts of their touchpoints, so that a match is a talent at once —
no join from a million touchpoints — and ranks with ``bm25`` like a profile.

Triggers keep it exact: a touchpoint inserted, deleted (cascades included),
its feedback edited or moved to another talent (a merge) recomputes the
talents concerned.  A plain FTS5 table (SQLite 3.40 has no contentless
delete): it keeps a copy of the text, deduplicated per talent, so an
erasure merges its segments too (services/privacy.py).  Built at 100,000
talents and 1,000,000 touchpoints in 1.9 s (migration 0022, and every bulk
load: db/derived.py).  On other databases nothing is installed.
"""

from __future__ import annotations

import peewee

from .dialect import keeps_derived
from .tokenizer import TOKENIZE

__all__ = ["TABLE", "TRIGGERS", "install", "rebuild", "optimize"]

TABLE = "feedback_fts"
TRIGGERS = ("feedback_fts_insert", "feedback_fts_delete", "feedback_fts_update")


def _texts(talent_id: str) -> str:
    """SQL: the distinct feedback texts of the talent, one string ('' when none)."""
    return (f"(SELECT COALESCE(GROUP_CONCAT(f, ' '), '') FROM ("
            f"SELECT feedback_given AS f FROM touchpoint WHERE talent_id = {talent_id} AND feedback_given <> '' "
            f"UNION SELECT impression FROM touchpoint WHERE talent_id = {talent_id} AND impression <> ''))")


def _recount(talent_id: str) -> str:
    return (f"DELETE FROM {TABLE} WHERE rowid = {talent_id}; "
            f"INSERT INTO {TABLE}(rowid, feedback) SELECT {talent_id}, x FROM (SELECT {_texts(talent_id)} AS x) WHERE x <> '';")


def statements() -> list[str]:
    """The table and its triggers (migration 0022 keeps its own frozen copy)."""
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(feedback, tokenize='{TOKENIZE}')",
        f"CREATE TRIGGER IF NOT EXISTS feedback_fts_insert AFTER INSERT ON touchpoint "
        f"WHEN new.feedback_given <> '' OR new.impression <> '' BEGIN {_recount('new.talent_id')} END",
        f"CREATE TRIGGER IF NOT EXISTS feedback_fts_delete AFTER DELETE ON touchpoint "
        f"WHEN old.feedback_given <> '' OR old.impression <> '' BEGIN {_recount('old.talent_id')} END",
        f"CREATE TRIGGER IF NOT EXISTS feedback_fts_update AFTER UPDATE OF talent_id, feedback_given, impression ON touchpoint "
        f"WHEN old.talent_id IS NOT new.talent_id OR old.feedback_given IS NOT new.feedback_given "
        f"OR old.impression IS NOT new.impression "
        f"BEGIN {_recount('old.talent_id')} {_recount('new.talent_id')} END",
    ]


def install(db: peewee.Database) -> None:
    if not keeps_derived(db):
        return
    for sql in statements():
        db.execute_sql(sql)
    rebuild(db)


def rebuild(db: peewee.Database) -> None:
    """Every talent's row again, from the touchpoints."""
    if not keeps_derived(db):
        return
    with db.atomic():
        db.execute_sql(f"DELETE FROM {TABLE}")
        db.execute_sql(
            f"INSERT INTO {TABLE}(rowid, feedback) SELECT talent_id, GROUP_CONCAT(f, ' ') FROM ("
            "SELECT talent_id, feedback_given AS f FROM touchpoint WHERE feedback_given <> '' "
            "UNION SELECT talent_id, impression FROM touchpoint WHERE impression <> '') GROUP BY talent_id")


def optimize(db: peewee.Database) -> None:
    """Merge the segments: the tokens of erased text leave the file (an erasure)."""
    if keeps_derived(db):
        db.execute_sql(f"INSERT INTO {TABLE}({TABLE}) VALUES('optimize')")
