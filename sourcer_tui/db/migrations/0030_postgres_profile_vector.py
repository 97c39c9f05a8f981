"""PostgreSQL: the talent's profile vector kept in a column (nothing on SQLite).

Pool matches rank the profiles holding a mission's words with ``ts_rank``
(db/pool_fit_pg.py).  Over migration 0029's expression index, every
matching row had its vector computed again to be ranked (``sourcer_fold``
and ``to_tsvector`` over four columns): 290 to 600 ms for one mission at
100,000 talents.  A generated column keeps the vector, written with the
row; ranking reads it (12 to 23 ms for the same rows).  ``ANALYZE`` gives
the column its statistics at once: how many profiles hold each common word,
which the ranking reads to leave the common words to the title's AND.
The expression is frozen here as it was on the day.
"""

import peewee

PROFILE = ("(setweight(to_tsvector('simple', sourcer_fold(headline)), 'A') || setweight(to_tsvector('simple', sourcer_fold(tags)), 'B')"
           " || setweight(to_tsvector('simple', sourcer_fold(notes)), 'C') || setweight(to_tsvector('simple', sourcer_fold(languages)), 'D'))")


def up(migrator, db):
    if isinstance(db, peewee.SqliteDatabase):
        return
    db.execute_sql(f"ALTER TABLE talent ADD COLUMN IF NOT EXISTS fit_tsv tsvector GENERATED ALWAYS AS ({PROFILE}) STORED")
    db.execute_sql("DROP INDEX IF EXISTS talent_fit_tsv")
    db.execute_sql("CREATE INDEX IF NOT EXISTS talent_fit_vector ON talent USING gin (fit_tsv)")
    db.execute_sql("ANALYZE talent")
