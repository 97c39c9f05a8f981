"""A covering index for what is due: reminder (status, due, kind, talent_id).

Today counts and orders the pending reminders due by today, leaving out
hidden kinds and snoozed talents: with kind and talent in the index, none of
the 2,400 rows is read from the table.  It replaces (status, due), its prefix.
"""

from sourcer_tui.db.dialect import refresh_statistics


def up(migrator, db):
    db.execute_sql("CREATE INDEX IF NOT EXISTS reminder_due_cover ON reminder (status, due, kind, talent_id)")
    db.execute_sql("DROP INDEX IF EXISTS reminder_status_due")
    refresh_statistics(db, "reminder")
