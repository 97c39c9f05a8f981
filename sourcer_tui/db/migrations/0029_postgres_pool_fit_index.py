"""PostgreSQL: full-text indexes for Pool matches (nothing on SQLite).

Pool matches rank the talents' profiles and past feedback against a
mission's words (db/pool_fit_pg.py) with ``@@`` over two vectors; these GIN
indexes hold the same expressions, so a match reads the index instead of
every talent and every touchpoint.  The expressions are frozen here as they
were on the day (db/pool_fit_pg.py must write the same to use them).
"""

import peewee

PROFILE = ("(setweight(to_tsvector('simple', sourcer_fold(headline)), 'A') || setweight(to_tsvector('simple', sourcer_fold(tags)), 'B')"
           " || setweight(to_tsvector('simple', sourcer_fold(notes)), 'C') || setweight(to_tsvector('simple', sourcer_fold(languages)), 'D'))")
FEEDBACK = "to_tsvector('simple', sourcer_fold(feedback_given || ' ' || impression))"


def up(migrator, db):
    if isinstance(db, peewee.SqliteDatabase):
        return
    db.execute_sql(f"CREATE INDEX IF NOT EXISTS talent_fit_tsv ON talent USING gin (({PROFILE}))")
    db.execute_sql(f"CREATE INDEX IF NOT EXISTS touchpoint_feedback_tsv ON touchpoint USING gin (({FEEDBACK})) "
                   "WHERE feedback_given <> '' OR impression <> ''")
