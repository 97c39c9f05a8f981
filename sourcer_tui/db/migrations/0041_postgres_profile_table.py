"""PostgreSQL: the profile vectors in a narrow table of their own (nothing on SQLite).

Pool matches rank the profiles holding a mission's words (db/pool_fit_pg.py).
Migration 0030 kept each talent's vector in a generated column of the
talent, whose rows are wide: ranking a mission's matching profiles read
one page per match.  ``talent_fit`` holds the id and the vector alone,
kept by a row trigger (:func:`.pool_fit_pg.install_postgres`); the
talent's column and its index go.
"""

import peewee

from sourcer_tui.db import pool_fit_pg


def up(migrator, db):
    if isinstance(db, peewee.SqliteDatabase):
        return
    pool_fit_pg.install_postgres(db)
    db.execute_sql("ALTER TABLE talent DROP COLUMN IF EXISTS fit_tsv")  # its index with it
