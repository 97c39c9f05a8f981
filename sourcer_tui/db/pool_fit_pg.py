"""How well talents fit a list of words on PostgreSQL: ``ts_rank`` over full-text vectors.

SQLite ranks with FTS5's bm25 over its kept indexes (:mod:`.pool_fit`);
PostgreSQL has no bm25, so the order differs in its details, while the
talents found are those whose profile holds every word of the title or one
of the other words (whole words, folded by ``sourcer_fold``: *go* does not
find *google*, *Développeur* finds *developpeur*).  The profile's vector is a
column (migration 0030), the feedback's the expression of migration 0029's
index; both are GIN-indexed, so a match reads the index and only the
matching rows are ranked.  Which words are ranked follows SQLite's
rules (:func:`.pool_fit.chosen`: the title's words together, the rare words
alone); how many rows hold a word comes from the server's statistics.
"""

from __future__ import annotations

from collections.abc import Sequence

import peewee

__all__ = ["PROFILE", "FEEDBACK", "PROFILE_STATS", "FEEDBACK_STATS", "GENERATED_COLUMNS", "doc_counts", "profile_fit", "feedback_fit", "feedback_texts"]

#: The profile as one weighted vector, kept by migration 0030 in a generated column:
#: the headline counts most, then the tags, the notes, the languages (bm25's
#: weights on SQLite: 3, 2, 1, 0.5).
PROFILE = "fit_tsv"
#: The columns PostgreSQL keeps beside the models' own (generated: never written).
GENERATED_COLUMNS = {"talent": frozenset({PROFILE})}
#: A touchpoint's feedback: what was told to the talent, and the private impression
#: (migration 0029's index holds this expression).
FEEDBACK = "to_tsvector('simple', sourcer_fold(feedback_given || ' ' || impression))"
_WEIGHTS = "'{0.1, 0.33, 0.67, 1.0}'"  # D, C, B, A

#: Where the server's statistics count the words: (relation, column), the
#: profile's column and the feedback's index (whose one column is its expression).
PROFILE_STATS = ("talent", "fit_tsv")
FEEDBACK_STATS = ("touchpoint_feedback_tsv", None)

#: One word as a query (its text a parameter), folded as the vectors are.
_WORD = "plainto_tsquery('simple', sourcer_fold(?))"


def doc_counts(db: peewee.Database, keys: Sequence[str], stats: tuple[str, str | None]) -> dict[str, int]:
    """About how many rows hold each word, from ``ANALYZE``'s most common
    elements of the vectors.  A word not among them is held by fewer rows than
    the least common listed (a few percent of the rows at most), maybe none:
    it counts 1, so that it never crowds out a listed rare word (the rows it
    adds are few); every word counts 1 while the relation has no statistics
    yet (a new database: as few rows as it holds)."""
    relation, column = stats
    found = db.execute_sql(
        "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs, c.reltuples FROM pg_stats s "
        "JOIN pg_class c ON c.relname = s.tablename AND c.relnamespace = to_regnamespace(s.schemaname) "
        "WHERE s.schemaname = current_schema() AND s.tablename = ? AND s.most_common_elems IS NOT NULL"
        + (" AND s.attname = ?" if column else ""), (relation, column) if column else (relation,)).fetchone()
    if found is None or not found[0] or found[2] <= 0:
        return {key: 1 for key in keys}
    words, freqs, rows = found
    by_word = {word: max(1, round(freq * rows)) for word, freq in zip(words, freqs)}
    return {key: by_word.get(key, 1) for key in keys}


def _query(together: Sequence[str], words: Sequence[str]) -> tuple[str, list[str]]:
    """*together* (every one of them) or any of *words*: a tsquery and its parameters."""
    clauses, params = [], []
    if together:
        clauses.append("(" + " && ".join([_WORD] * len(together)) + ")")
        params += together
    others = [k for k in dict.fromkeys(words) if k not in together or len(together) < 2]
    clauses += [_WORD] * len(others)
    params += others
    return " || ".join(clauses), params


def profile_fit(db: peewee.Database, together: Sequence[str], words: Sequence[str], limit: int) -> list[tuple[int, float]]:
    """The *limit* profiles that best fit every word of *together* or any of *words*."""
    if not together and not words:
        return []
    query, params = _query(together, words)
    rows = db.execute_sql(
        f"SELECT id, ts_rank({_WEIGHTS}, {PROFILE}, q) AS fit FROM talent, (SELECT {query} AS q) AS w WHERE {PROFILE} @@ q "
        "ORDER BY fit DESC, id LIMIT ?", (*params, limit)).fetchall()
    return [(talent_id, float(fit)) for talent_id, fit in rows if fit > 0]


def feedback_fit(db: peewee.Database, words: Sequence[str], limit: int) -> list[tuple[int, float]]:
    """The *limit* talents whose past feedback best fits any of *words*."""
    if not words:
        return []
    query, params = _query([], words)
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
