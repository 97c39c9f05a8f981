"""PostgreSQL: the names' initials and the candidacies counted per initial, kept
by triggers as on SQLite (nothing on SQLite: migration 0011 made them there).

A one-letter search looked the talents up on the GIN index of
``sourcer_initials(name)``, then read a few percent of the talents and joined
their candidacies to count them per stage, at each keystroke.  ``talent_initial`` and
``initial_count`` (db/initials.py) answer it with the same reads as SQLite.
"""

import peewee

from sourcer_tui.db import initials


def up(migrator, db):
    if isinstance(db, peewee.SqliteDatabase):
        return
    initials.install_postgres(db)
