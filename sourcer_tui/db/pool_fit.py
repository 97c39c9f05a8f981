"""How well talents fit a list of words: bm25 over the search index (SQLite FTS5).

Pool matches (services/rediscover.py) look a mission's words up in the
talents' profiles (``talent_fts``: headline, tags, notes, languages) and past
feedback (``feedback_fts``, :mod:`.feedback_index`), and rank with ``bm25``.

bm25 costs about a microsecond per matching row: at 100,000 talents, a word
such as *engineer* (40,000 headlines) alone made the ranking 50 ms.  A word
in more than :data:`COMMON` profiles is left out of the ranking (so common,
its bm25 weight is small anyway) — the rarest two words are kept if every
word is that common; the row's reasons still name every word it holds.  Words are looked up whole (no prefix: *go* must
not find *google*).  Other databases get no ranking (an empty list).
"""

from __future__ import annotations

from collections.abc import Sequence

import peewee

from .dialect import keeps_derived

__all__ = ["profile_fit", "feedback_fit", "feedback_texts", "COMMON", "COLUMNS"]

#: A word in more profiles than this is not ranked on (its cost, not its meaning).
COMMON = 20_000
#: The profile columns searched, and bm25's weight of each column of talent_fts
#: (name, headline, company, email, tags, notes, languages, remote_pref).
COLUMNS = "{headline tags notes languages}"
_WEIGHTS = "0, 3.0, 0, 0, 2.0, 1.0, 0.5, 0"


def _phrase(key: str) -> str:
    return '"' + key.replace('"', "") + '"'


def _rankable(db: peewee.Database, keys: Sequence[str]) -> list[str]:
    """The words worth ranking on: in at most COMMON profiles (the rarest two if none is)."""
    counts = []
    for key in keys:
        n = db.execute_sql("SELECT COUNT(*) FROM talent_fts WHERE talent_fts MATCH ?", (f"{COLUMNS} : {_phrase(key)}",)).fetchone()[0]
        if n:
            counts.append((n, key))
    counts.sort()
    kept = [key for n, key in counts if n <= COMMON]
    return kept or [key for _n, key in counts[:2]]


def profile_fit(db: peewee.Database, keys: Sequence[str], limit: int) -> list[tuple[int, float]]:
    """The *limit* talents whose profile fits *keys* best: ``(talent id, fit > 0)``, best first."""
    if not keys or not keeps_derived(db):
        return []
    ranked = _rankable(db, keys)
    if not ranked:
        return []
    expression = f"{COLUMNS} : (" + " OR ".join(_phrase(k) for k in ranked) + ")"
    rows = db.execute_sql(
        f"SELECT rowid, -bm25(talent_fts, {_WEIGHTS}) AS fit FROM talent_fts WHERE talent_fts MATCH ? ORDER BY fit DESC LIMIT ?",
        (expression, limit)).fetchall()
    return [(talent_id, fit) for talent_id, fit in rows]


def feedback_fit(db: peewee.Database, keys: Sequence[str], limit: int) -> list[tuple[int, float]]:
    """The *limit* talents whose past feedback fits *keys* best: ``(talent id, fit > 0)``."""
    if not keys or not keeps_derived(db):
        return []
    expression = " OR ".join(_phrase(k) for k in keys)
    rows = db.execute_sql(
        "SELECT rowid, -bm25(feedback_fts) AS fit FROM feedback_fts WHERE feedback_fts MATCH ? ORDER BY fit DESC LIMIT ?",
        (expression, limit)).fetchall()
    return [(talent_id, fit) for talent_id, fit in rows]


def feedback_texts(db: peewee.Database, talent_ids: Sequence[int]) -> dict[int, str]:
    """Each talent's past feedback as the index holds it (for the reasons)."""
    if not talent_ids or not keeps_derived(db):
        return {}
    marks = ",".join("?" * len(talent_ids))
    return dict(db.execute_sql(f"SELECT rowid, feedback FROM feedback_fts WHERE rowid IN ({marks})", tuple(talent_ids)).fetchall())
