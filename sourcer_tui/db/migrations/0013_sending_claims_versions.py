"""Claims on due items being emailed, a version on each touchpoint's
feedback, and a table of facts about the file itself.

* ``reminder.claimed_by`` / ``claimed_at``: a follow-up being emailed is
  claimed first, in one transaction, by whoever sends it (``send-due`` or the
  app's ``E``); a second sender skips it, so two senders never send one email
  twice (services/sending.py).
* ``touchpoint.version``: counts the saves of a touchpoint's feedback; a
  window that saves over a feedback it did not see is told, and offered to
  keep both texts (services/touchpoints.save_feedback).
* ``meta (key, value)``: ``demo = 1`` marks a file of demo data, which never
  sends mail but to a test server on this machine (services/mail.py).

Plain ALTER TABLE (no table rebuild: a rebuild drops the triggers that keep
the derived tables).
"""
from peewee import CharField, DateTimeField


def up(migrator, db):
    migrator.add_column("reminder", "claimed_by", CharField(null=True)).run()
    migrator.add_column("reminder", "claimed_at", DateTimeField(null=True)).run()
    db.execute_sql("ALTER TABLE touchpoint ADD COLUMN version INTEGER NOT NULL DEFAULT 0")
    db.execute_sql("CREATE TABLE IF NOT EXISTS meta (key VARCHAR(255) NOT NULL PRIMARY KEY, value TEXT NOT NULL)")
