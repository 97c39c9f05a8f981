"""PostgreSQL: the filters' covering index holds the location, languages and
notice period lower-cased too (nothing on SQLite).

The filters "location", "language" and "notice" look for a text anywhere in
the column, whatever its case.  ``ILIKE`` lower-cases every row's text again
on a UTF-8 database, all of the index-only scan's time.  The filter now
compares ``lower(column)`` with the lower-cased text: read from the index,
kept with the row.  The plain columns stay in it, so that the scan stays
index-only.  The index is 0021's (db/stage_lists.py), frozen here as it was.
"""

import peewee

COLUMNS = ("candidacy_stages, source, remote_pref, salary_amount, available_from, location, languages, notice_period, "
           "last_contact_at, lower(location), lower(languages), lower(notice_period)")


def up(migrator, db):
    if isinstance(db, peewee.SqliteDatabase):
        return
    db.execute_sql("DROP INDEX IF EXISTS talent_filter_cover")
    db.execute_sql(f"CREATE INDEX talent_filter_cover ON talent ({COLUMNS})")
    db.execute_sql("ANALYZE talent")
