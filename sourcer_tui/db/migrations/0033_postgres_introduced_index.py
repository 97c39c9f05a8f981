"""PostgreSQL: the introduced talents' ids in an index of their own (nothing on SQLite).

The Stats' *by introducer* of one mission asks which of the mission's
candidacies' talents were introduced.  PostgreSQL read each of those
talents' rows to look at ``introducer_id``; with the ids of the introduced
talents in a partial index, it merges them with the mission's candidacies
on two index-only scans.
SQLite looks the talents up by rowid, as before.
"""

import peewee


def up(migrator, db):
    if isinstance(db, peewee.SqliteDatabase):
        return
    db.execute_sql("CREATE INDEX IF NOT EXISTS talent_introduced ON talent (id) INCLUDE (introducer_id) WHERE introducer_id IS NOT NULL")
    db.execute_sql("ANALYZE talent")
