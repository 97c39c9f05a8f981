"""PostgreSQL: the talent's id in the index of its last contact (nothing on SQLite).

SQLite's every index holds the row's id (the rowid): "the talents contacted
since a day" is read on ``talent_last_contact`` alone, ids included.
PostgreSQL's held no id: to join those talents to their candidacies it read
the table instead (for all missions' "no contact for 30 days", far more
than the index).  The same index, with the id included.
"""

import peewee


def up(migrator, db):
    if isinstance(db, peewee.SqliteDatabase):
        return
    db.execute_sql("DROP INDEX IF EXISTS talent_last_contact")
    db.execute_sql("CREATE INDEX talent_last_contact ON talent (last_contact_at, name_key) INCLUDE (id)")
