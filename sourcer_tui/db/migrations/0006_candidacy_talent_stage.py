"""A covering index for counting a search's candidacies per stage.

A search counts, per stage, the candidacies of the talents it matches: with
(talent_id, stage, mission_id) each is read from the index alone, not the
table.  Measured at 100,000 talents, one-letter search: 40 → 27 ms.
"""

import peewee


def up(migrator, db):
    db.execute_sql("CREATE INDEX IF NOT EXISTS candidacy_talent_stage ON candidacy (talent_id, stage, mission_id)")
    # the planner's statistics, where the file has them, must know the new index
    # (else it keeps the (talent_id, mission_id) one, which is not covering)
    if isinstance(db, peewee.SqliteDatabase) and db.execute_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone():
        db.execute_sql("ANALYZE candidacy")
