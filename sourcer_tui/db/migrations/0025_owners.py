"""Who made each candidacy, touchpoint, reminder and snooze: ``owner``, and the
team's names: ``teammate``.

``owner`` is the login of the user who wrote the row (``[profile] login``, or
the database role on a shared server); NULL is the single user of a file
written before teammates, or with no login set — every existing row stays
NULL, so that a solo file shows nothing of owners.  ``teammate`` maps a login
to the name shown (*Camille contacted them 3 days ago*); each user's app
writes its own row when it opens the database with a login.

Plain ALTER TABLE (a table rebuild would drop the triggers that keep the
derived tables); the teammate warning reads a talent's touchpoints on
``touchpoint_talent_time`` (0001): no index of its own.  The SQL is SQLite's,
as in the other migrations; ``ddl`` turns it into PostgreSQL's where the
PostgreSQL backend has it (``db/dialect.py``).
"""

try:
    from sourcer_tui.db.dialect import ddl
except ImportError:  # a version without the PostgreSQL backend: SQLite only
    def ddl(db, sql):
        return sql


def up(migrator, db):
    for sql in (
        *(f"ALTER TABLE {table} ADD COLUMN owner VARCHAR(255)" for table in ("candidacy", "touchpoint", "reminder", "snooze")),
        "CREATE TABLE teammate ("
        " id INTEGER NOT NULL PRIMARY KEY,"
        " login VARCHAR(255) NOT NULL,"
        " name VARCHAR(255) NOT NULL DEFAULT '',"
        " created_at DATETIME NOT NULL)",
        "CREATE UNIQUE INDEX teammate_login ON teammate (login)",
    ):
        db.execute_sql(ddl(db, sql))
