"""How well talents fit a list of words on PostgreSQL: ``ts_rank`` over full-text vectors.

SQLite ranks with FTS5's bm25 over its kept indexes (:mod:`.pool_fit`);
PostgreSQL has no bm25, so the order differs in its details, while the
talents found are those whose profile holds every word of the title or one
of the other words (whole words, folded by ``sourcer_fold``: *go* does not
find *google*, *Développeur* finds *developpeur*).  The vectors are the
expressions of migration 0029's GIN indexes, so a match reads the index and
only the matching rows are ranked.
"""

from __future__ import annotations

from collections.abc import Sequence

import peewee

__all__ = ["PROFILE", "FEEDBACK", "profile_fit", "feedback_fit", "feedback_texts"]

#: The profile as one weighted vector: the headline counts most, then the tags,
#: the notes, the languages (bm25's weights on SQLite: 3, 2, 1, 0.5).
PROFILE = ("(setweight(to_tsvector('simple', sourcer_fold(headline)), 'A') || setweight(to_tsvector('simple', sourcer_fold(tags)), 'B')"
           " || setweight(to_tsvector('simple', sourcer_fold(notes)), 'C') || setweight(to_tsvector('simple', sourcer_fold(languages)), 'D'))")
#: A touchpoint's feedback: what was told to the talent, and the private impression.
FEEDBACK = "to_tsvector('simple', sourcer_fold(feedback_given || ' ' || impression))"
_WEIGHTS = "'{0.1, 0.33, 0.67, 1.0}'"  # D, C, B, A


#: One word as a query (its text a parameter), folded as the vectors are.
_WORD = "plainto_tsquery('simple', sourcer_fold(?))"


def _query(title_keys: Sequence[str], keys: Sequence[str]) -> tuple[str, list[str]]:
    """Every title word together, or any other word: a tsquery and its parameters."""
    title = list(dict.fromkeys(title_keys))
    others = [k for k in dict.fromkeys(keys) if k not in title or len(title) < 2]
    clauses, params = [], []
    if len(title) > 1:
        clauses.append("(" + " && ".join([_WORD] * len(title)) + ")")
        params += title
    clauses += [_WORD] * len(others)
    params += others
    return " || ".join(clauses), params


def profile_fit(db: peewee.Database, title_keys: Sequence[str], keys: Sequence[str], limit: int) -> list[tuple[int, float]]:
    if not keys:
        return []
    query, params = _query(title_keys, keys)
    rows = db.execute_sql(
        f"SELECT id, ts_rank({_WEIGHTS}, {PROFILE}, q) AS fit FROM talent, (SELECT {query} AS q) AS w WHERE {PROFILE} @@ q "
        "ORDER BY fit DESC, id LIMIT ?", (*params, limit)).fetchall()
    return [(talent_id, float(fit)) for talent_id, fit in rows if fit > 0]


def feedback_fit(db: peewee.Database, keys: Sequence[str], limit: int) -> list[tuple[int, float]]:
    if not keys:
        return []
    query, params = _query([], keys)
    rows = db.execute_sql(
        f"SELECT talent_id, SUM(ts_rank({FEEDBACK}, q)) AS fit FROM touchpoint, (SELECT {query} AS q) AS w WHERE {FEEDBACK} @@ q "
        "AND (feedback_given <> '' OR impression <> '') GROUP BY talent_id ORDER BY fit DESC, talent_id LIMIT ?", (*params, limit)).fetchall()
    return [(talent_id, float(fit)) for talent_id, fit in rows if fit > 0]


def feedback_texts(db: peewee.Database, talent_ids: Sequence[int]) -> dict[int, str]:
    """Each talent's distinct feedback texts, joined by a space (as SQLite's index holds them)."""
    if not talent_ids:
        return {}
    rows = db.execute_sql(
        "SELECT talent_id, string_agg(f, ' ') FROM (SELECT DISTINCT talent_id, f FROM ("
        "SELECT talent_id, feedback_given AS f FROM touchpoint WHERE talent_id = ANY(?) AND feedback_given <> '' "
        "UNION SELECT talent_id, impression FROM touchpoint WHERE talent_id = ANY(?) AND impression <> '') AS t) AS d "
        "GROUP BY talent_id", (list(talent_ids), list(talent_ids))).fetchall()
    return dict(rows)
