"""How well talents fit a list of words on PostgreSQL: ``ts_rank`` over full-text vectors.

SQLite ranks with FTS5's bm25 over its kept indexes (:mod:`.pool_fit`);
PostgreSQL has no bm25, so the order differs in its details, while the
talents found are those whose profile holds every word of the title or one
of the rare words, the title's included (whole words, folded by ``sourcer_fold``: *go* does not
find *google*, *Développeur* finds *developpeur*).  The profile's vector is
kept in a narrow table of its own, ``talent_fit`` (migration 0041, by a
trigger on the talent: :func:`install_postgres`), the feedback's is the
expression of migration 0029's index; both are GIN-indexed, so a match
reads the index and only the matching rows are ranked.  Ranking reads each
matching row's vector: in the talent's own wide rows (migration 0030's
column) that was a page per match.  Which words are ranked follows
SQLite's rules (:func:`.pool_fit.chosen`: the title's words together, the
rare words alone); how many rows hold a word comes from the server's
statistics.
"""

from __future__ import annotations

from collections.abc import Sequence

import peewee

__all__ = ["PROFILE", "FEEDBACK", "PROFILE_STATS", "FEEDBACK_STATS", "PG_TRIGGERS", "doc_counts", "profile_fit", "feedback_fit",
           "feedback_texts", "install_postgres", "rebuild"]

#: The profile as one weighted vector, a column of ``talent_fit`` (one row per
#: talent): the headline counts most, then the tags, the notes, the languages
#: (bm25's weights on SQLite: 3, 2, 1, 0.5).
PROFILE = "fit_tsv"
#: The profile's columns, each with its weight.
_WEIGHTED = (("headline", "A"), ("tags", "B"), ("notes", "C"), ("languages", "D"))
#: The row trigger that keeps ``talent_fit`` (off during a bulk load, db/derived.py).
PG_TRIGGERS = (("talent", "talent_fit_row"),)
#: A touchpoint's feedback: what was told to the talent, and the private impression
#: (migration 0029's index holds this expression).
FEEDBACK = "to_tsvector('simple', sourcer_fold(feedback_given || ' ' || impression))"
_WEIGHTS = "'{0.1, 0.33, 0.67, 1.0}'"  # D, C, B, A

#: Where the server's statistics count the words: (relation, column), the
#: profile's column and the feedback's index (whose one column is its expression).
PROFILE_STATS = ("talent_fit", "fit_tsv")
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
    others = list(dict.fromkeys(words))  # a rare word of the title too, on its own: as SQLite's expression
    clauses += [_WORD] * len(others)
    params += others
    return " || ".join(clauses), params


def profile_fit(db: peewee.Database, together: Sequence[str], words: Sequence[str], limit: int) -> list[tuple[int, float]]:
    """The *limit* profiles that best fit every word of *together* or any of *words*."""
    if not together and not words:
        return []
    query, params = _query(together, words)
    rows = db.execute_sql(
        f"SELECT talent_id, ts_rank({_WEIGHTS}, {PROFILE}, q) AS fit FROM talent_fit, (SELECT {query} AS q) AS w WHERE {PROFILE} @@ q "
        "ORDER BY fit DESC, talent_id LIMIT ?", (*params, limit)).fetchall()
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


def _vector(row: str) -> str:
    """SQL: the profile's weighted vector of the talent *row* (``NEW``, or an alias)."""
    return " || ".join(f"setweight(to_tsvector('simple', sourcer_fold({row}.{column})), '{weight}')" for column, weight in _WEIGHTED)


def install_postgres(db: peewee.Database) -> None:
    """``talent_fit`` and the trigger that keeps it: a talent written, its vector
    written (unless none of its columns changed); deleted, its vector gone."""
    same = " AND ".join(f"OLD.{column} IS NOT DISTINCT FROM NEW.{column}" for column, _weight in _WEIGHTED)
    columns = ", ".join(column for column, _weight in _WEIGHTED)
    for sql in (
        "CREATE TABLE IF NOT EXISTS talent_fit (talent_id INTEGER PRIMARY KEY, fit_tsv tsvector NOT NULL)",
        "CREATE OR REPLACE FUNCTION sourcer_talent_fit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF TG_OP = 'UPDATE' AND OLD.id = NEW.id AND {same} THEN RETURN NULL; END IF; "
        "IF TG_OP <> 'INSERT' THEN DELETE FROM talent_fit WHERE talent_id = OLD.id; END IF; "
        f"IF TG_OP <> 'DELETE' THEN INSERT INTO talent_fit (talent_id, fit_tsv) VALUES (NEW.id, {_vector('NEW')}) "
        "ON CONFLICT (talent_id) DO UPDATE SET fit_tsv = EXCLUDED.fit_tsv; END IF; "
        "RETURN NULL; END $$",
        "DROP TRIGGER IF EXISTS talent_fit_row ON talent",
        f"CREATE TRIGGER talent_fit_row AFTER INSERT OR DELETE OR UPDATE OF id, {columns} ON talent "
        "FOR EACH ROW EXECUTE FUNCTION sourcer_talent_fit()",
    ):
        db.execute_sql(sql)
    rebuild(db)


def rebuild(db: peewee.Database) -> None:
    """Every talent's vector again (after a bulk load), and its statistics: the
    ranking reads how many profiles hold a word from them (:func:`doc_counts`)."""
    if isinstance(db, peewee.SqliteDatabase):
        return
    with db.atomic():
        db.execute_sql("DELETE FROM talent_fit")
        db.execute_sql(f"INSERT INTO talent_fit (talent_id, fit_tsv) SELECT t.id, {_vector('t')} FROM talent t")
        # made here, after the first fill (migration 0041): quicker than entry by entry
        db.execute_sql("CREATE INDEX IF NOT EXISTS talent_fit_words ON talent_fit USING gin (fit_tsv)")
    db.execute_sql("ANALYZE talent_fit")
