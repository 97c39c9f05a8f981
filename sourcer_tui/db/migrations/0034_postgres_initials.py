"""PostgreSQL: the names' initials and the candidacies counted per initial, kept
by triggers as on SQLite (nothing on SQLite: migration 0011 made them there).

A one-letter search looked the talents up on the GIN index of
``sourcer_initials(name)``, then read up to 22,000 of them and joined their
candidacies to count them per stage: 71 ms a keystroke at 100,000 talents
(the counts and the first two pages).  ``talent_initial`` and
``initial_count`` (db/initials.py) answer it with the same reads as SQLite.
"""

import peewee

from sourcer_tui.db import initials


def up(migrator, db):
    if isinstance(db, peewee.SqliteDatabase):
        return
    initials.install_postgres(db)
