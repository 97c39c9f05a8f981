"""PostgreSQL: trigram indexes for the talent search (nothing on SQLite).

On PostgreSQL the search (db/search.py) matches each word as the start of a
word of the talent's text folded by ``sourcer_fold``, with a regular
expression: without an index, a scan of every talent at each keystroke.
``pg_trgm``'s GIN indexes answer such a regular expression from the
trigrams of its words (a word of three letters or more), over the same
expressions the search writes: the folded text of the searched columns, and
the folded name (the duplicate check).  A one-letter search reads the
initials of the names (``sourcer_initials``, as SQLite's ``talent_initial``)
on an index of its own; a two-letter word still reads every talent.

The extension is in postgresql-contrib; where the database's owner may not
create it, the search keeps working without the indexes (slower), and the
migration says nothing.  The expressions are frozen here as they were on
the day (db/search.py must write the same to use them).
"""

import peewee

#: db/search.py's SEARCH_TEXT on the day: the FTS columns, joined by a space.
TEXT = ("sourcer_fold(name || ' ' || headline || ' ' || company || ' ' || email || ' ' || tags || ' ' || notes"
        " || ' ' || languages || ' ' || remote_pref)")


def up(migrator, db):
    if isinstance(db, peewee.SqliteDatabase):
        return
    # A one-letter search: the initials of the name's words (a word: letters, digits, _),
    # as SQLite's talent_initial holds them; a GIN index answers ``@> ARRAY['m']``
    db.execute_sql(
        "CREATE OR REPLACE FUNCTION sourcer_initials(text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS "
        "$$ SELECT COALESCE(array_agg(DISTINCT left(w, 1)), '{}') FROM regexp_split_to_table(sourcer_fold($1), '\\W+') AS w "
        "WHERE w <> '' $$")
    db.execute_sql("CREATE INDEX IF NOT EXISTS talent_initials ON talent USING gin (sourcer_initials(name))")
    try:
        with db.atomic():  # a savepoint: a refusal leaves the upgrade's transaction usable
            db.execute_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except peewee.DatabaseError:
        return
    db.execute_sql(f"CREATE INDEX IF NOT EXISTS talent_search_trgm ON talent USING gin (({TEXT}) gin_trgm_ops)")
    db.execute_sql("CREATE INDEX IF NOT EXISTS talent_name_trgm ON talent USING gin ((sourcer_fold(name)) gin_trgm_ops)")
