"""PostgreSQL: the row's id in the indexes of Today's two sources (nothing on SQLite).

As migration 0032 for the last contact: SQLite's every index holds the rowid,
so Today's page and count are chosen on ``reminder_due_cover`` and
``touchpoint_missing_feedback`` alone.  PostgreSQL's held no id: it read the
due items' and owed feedbacks' rows too.  With the id included both are
index-only scans: Today reloads after every saved feedback.
"""

import peewee


def up(migrator, db):
    if isinstance(db, peewee.SqliteDatabase):
        return
    db.execute_sql("DROP INDEX IF EXISTS reminder_due_cover")
    db.execute_sql("CREATE INDEX reminder_due_cover ON reminder (status, due, kind, talent_id, due_time) INCLUDE (id)")
    db.execute_sql("DROP INDEX IF EXISTS touchpoint_missing_feedback")
    db.execute_sql("CREATE INDEX touchpoint_missing_feedback ON touchpoint (happened_at) INCLUDE (id) WHERE needs_feedback AND feedback_at IS NULL")
