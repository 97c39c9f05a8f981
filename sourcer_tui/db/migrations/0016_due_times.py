"""Times, not only dates: ``reminder.due_time`` and ``touchpoint.next_step_time``.

A next step announced to a candidate is often at a time of day (an
interview at 14:30): it is typed with its day (``demain 14h30``,
``tomorrow 2:30pm``), kept here, shown in Today (which orders a day's items
by time, the untimed ones first) and exported to the calendar as a timed
event.  NULL is the whole day, as every row written before.

The covering index of what is due (migration 0007) gains the time, so that
Today still orders its page without reading the table.

Plain ALTER TABLE (no table rebuild: a rebuild drops the triggers that keep
the derived tables).
"""
from peewee import TimeField

from sourcer_tui.db.dialect import refresh_statistics


def up(migrator, db):
    migrator.add_column("reminder", "due_time", TimeField(null=True)).run()
    migrator.add_column("touchpoint", "next_step_time", TimeField(null=True)).run()
    db.execute_sql("DROP INDEX IF EXISTS reminder_due_cover")
    db.execute_sql("CREATE INDEX IF NOT EXISTS reminder_due_cover ON reminder (status, due, kind, talent_id, due_time)")
    refresh_statistics(db, "reminder")
