"""The talent's kept sort keys: ``talent.last_contact_at`` and ``talent.name_key``.

The Pipeline's filters "no contact for N days" / "contacted within N days"
and its orders by last contact and by name looked up every talent's
touchpoints or folded every name (120 to 500 ms at 100,000 talents): both
are now columns of the talent, indexed, kept by triggers (db/talent_keys.py)
and filled here for the talents already there.

Plain ALTER TABLE (a table rebuild would drop the triggers that keep the
derived tables).
"""
from sourcer_tui.db import talent_keys
from sourcer_tui.db.dialect import ddl


def up(migrator, db):
    db.execute_sql("ALTER TABLE talent ADD COLUMN name_key VARCHAR(255) NOT NULL DEFAULT ''")
    db.execute_sql(ddl(db, "ALTER TABLE talent ADD COLUMN last_contact_at DATETIME"))
    talent_keys.install(db)
