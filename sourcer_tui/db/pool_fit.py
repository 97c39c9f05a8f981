"""How well talents fit a list of words: bm25 over the search index (SQLite FTS5).

Pool matches (services/rediscover.py) look a mission's words up in the
talents' profiles (``talent_fts``: headline, tags, notes, languages) and past
feedback (``feedback_fts``, :mod:`.feedback_index`), and rank with ``bm25``.

bm25 costs about a microsecond per matching row, and so does reading a
word's rows: at 100,000 talents the words of *Senior Backend Engineer* and
its brief match 125,000 rows (*engineer* 40,064, *english* 55,472) — 90 ms
to rank them all.  So the rows ranked are those holding **every word of the
title** (one AND, which the index intersects without returning rows: 4,102
talents) **or any other word held by at most** :data:`RARE` profiles (a
skill: *go*, *sql*, *dbt*); how many profiles hold a word is read from the
index's own vocabulary (``talent_fts_vocab``, migration 0022) in a fraction
of a millisecond.  16 to 26 ms at 100,000 talents.  Past feedback, likewise:
a word of more than RARE talents' feedback is not ranked on.  Words are looked up whole
(no prefix: *go* must not find *google*).  PostgreSQL ranks with its own
full-text search (:mod:`.pool_fit_pg`) on the words chosen by the same rules,
how many profiles hold each read from the server's statistics.
"""

from __future__ import annotations

from collections.abc import Sequence

import peewee

from . import pool_fit_pg
from .dialect import keeps_derived

__all__ = ["profile_fit", "feedback_fit", "feedback_texts", "doc_counts", "chosen", "expression", "rare_words", "RARE", "ROWS", "COLUMNS"]

#: A word held by more profiles than this is ranked on only within the title's AND.
RARE = 10_000
#: The rows the rare words may match together (the rarest kept first): at 100,000
#: talents *Mobile Engineer (iOS)*'s *call*, *ios* and *mobile* matched 17,920
#: rows, 31 ms to rank; *mobile* (7,843) is then left to the title's AND, 20 ms.
ROWS = 12_000
#: The profile columns searched, and bm25's weight of each column of talent_fts
#: (name, headline, company, email, tags, notes, languages, remote_pref).
COLUMNS = "{headline tags notes languages}"
_WEIGHTS = "0, 3.0, 0, 0, 2.0, 1.0, 0.5, 0"


def _phrase(key: str) -> str:
    return '"' + key.replace('"', "") + '"'


def doc_counts(db: peewee.Database, keys: Sequence[str], vocabulary: str = "talent_fts_vocab") -> dict[str, int]:
    """How many talents hold each word (0: none), from an index's vocabulary."""
    if not keys:
        return {}
    marks = ",".join("?" * len(keys))
    found = dict(db.execute_sql(f"SELECT term, doc FROM {vocabulary} WHERE term IN ({marks})", tuple(keys)).fetchall())
    return {key: found.get(key, 0) for key in keys}


def rare_words(keys: Sequence[str], counts: dict[str, int]) -> list[str]:
    """The words ranked on their own: the rarest first, each held by at most RARE
    profiles, while the rows they match together stay within ROWS."""
    chosen, rows = [], 0
    for key in sorted((k for k in dict.fromkeys(keys) if 0 < counts.get(k, 0) <= RARE), key=lambda k: (counts[k], k)):
        if chosen and rows + counts[key] > ROWS:
            break
        chosen.append(key)
        rows += counts[key]
    return [k for k in keys if k in chosen]


def chosen(title_keys: Sequence[str], keys: Sequence[str], counts: dict[str, int]) -> tuple[list[str], list[str]] | None:
    """The words ranked: the title's words held by some profile (all of them
    together, when two or more) and the rare words; the rarest word held when
    there are neither; None when no word is held at all."""
    title = [k for k in title_keys if counts.get(k)]
    together = title if len(title) > 1 else []
    words = rare_words(keys, counts)
    if not together and not words:
        held = sorted((counts[k], k) for k in keys if counts.get(k))
        if not held:
            return None
        words = [held[0][1]]
    return together, words


def expression(title_keys: Sequence[str], keys: Sequence[str], counts: dict[str, int]) -> str | None:
    """The FTS5 query ranked: every title word together, or any rare word."""
    picked = chosen(title_keys, keys, counts)
    if picked is None:
        return None
    together, words = picked
    clauses = ["(" + " AND ".join(_phrase(k) for k in together) + ")"] if together else []
    clauses += [_phrase(k) for k in words]
    return f"{COLUMNS} : (" + " OR ".join(dict.fromkeys(clauses)) + ")"


def profile_fit(db: peewee.Database, title_keys: Sequence[str], keys: Sequence[str], limit: int) -> list[tuple[int, float]]:
    """The *limit* talents whose profile fits best the mission's *keys* (its
    *title_keys* first): ``(talent id, bm25 > 0)``, best first."""
    if not keys:
        return []
    if not keeps_derived(db):
        picked = chosen(title_keys, keys, pool_fit_pg.doc_counts(db, keys, pool_fit_pg.PROFILE_STATS))
        return pool_fit_pg.profile_fit(db, *picked, limit) if picked else []
    query = expression(title_keys, keys, doc_counts(db, keys))
    if query is None:
        return []
    rows = db.execute_sql(
        f"SELECT rowid, -bm25(talent_fts, {_WEIGHTS}) AS fit FROM talent_fts WHERE talent_fts MATCH ? ORDER BY fit DESC LIMIT ?",
        (query, limit)).fetchall()
    return [(talent_id, fit) for talent_id, fit in rows]


def feedback_fit(db: peewee.Database, keys: Sequence[str], limit: int) -> list[tuple[int, float]]:
    """The *limit* talents whose past feedback fits *keys* best: ``(talent id, bm25 > 0)``;
    a word of more than RARE talents' feedback (*team*: 49,098 of 66,383 at 100k, 90 ms)
    is not ranked on."""
    if not keys:
        return []
    if keeps_derived(db):
        counts = doc_counts(db, keys, "feedback_fts_vocab")
    else:
        counts = pool_fit_pg.doc_counts(db, keys, pool_fit_pg.FEEDBACK_STATS)
    rare = rare_words(keys, counts)
    if not rare:
        return []
    if not keeps_derived(db):
        return pool_fit_pg.feedback_fit(db, rare, limit)
    query = " OR ".join(_phrase(k) for k in rare)
    rows = db.execute_sql(
        "SELECT rowid, -bm25(feedback_fts) AS fit FROM feedback_fts WHERE feedback_fts MATCH ? ORDER BY fit DESC LIMIT ?",
        (query, limit)).fetchall()
    return [(talent_id, fit) for talent_id, fit in rows]


def feedback_texts(db: peewee.Database, talent_ids: Sequence[int]) -> dict[int, str]:
    """Each talent's past feedback as the index holds it (for the reasons)."""
    if not talent_ids:
        return {}
    if not keeps_derived(db):
        return pool_fit_pg.feedback_texts(db, talent_ids)
    marks = ",".join("?" * len(talent_ids))
    return dict(db.execute_sql(f"SELECT rowid, feedback FROM feedback_fts WHERE rowid IN ({marks})", tuple(talent_ids)).fetchall())
