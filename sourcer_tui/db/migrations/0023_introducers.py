"""Introductions (social referral) as their own records: ``introducer``,
``talent.introducer_id`` and ``recognition``.

An introducer is a person who introduces talents — a talent of the pool, an
employee of the client, a contact: a name, an optional link to a talent, a
company and a channel.  A talent has at most one introducer (the person who
presented them), so the link is a column of the talent rather than a table of
introductions: one row to read for the talent's screen, one index to count an
introducer's introductions.  A ``recognition`` is a thank-you recorded for one
introduction reaching a milestone (``interview`` or ``hired``): it is the
record when the introducer is not a talent, and points to the touchpoint
written on the introducer's own timeline when they are.

The free-text ``talent.referred_by`` of older files becomes introducers here:
the same text (spaces around it aside, case kept: *Paul* and *paul* may be two
people) is one introducer.  The column stays, as the introducer's name at the
time (what a ``{referred_by}`` template and older exports read).

Plain CREATE TABLE / ALTER TABLE ADD COLUMN (a table rebuild would drop the
triggers of the derived tables); the SQL is written here, frozen.
"""


from sourcer_tui.db.dialect import ddl


def up(migrator, db):
    # talents and introducers point at each other: a JSON import writes one list
    # before the other, the keys checked at commit (SQLite: PRAGMA defer_foreign_keys)
    deferrable = "" if db.param == "?" else " DEFERRABLE INITIALLY IMMEDIATE"
    db.execute_sql(ddl(db,
        "CREATE TABLE introducer ("
        "id INTEGER NOT NULL PRIMARY KEY, "
        "name VARCHAR(255) NOT NULL, "
        f"talent_id INTEGER REFERENCES talent (id) ON DELETE SET NULL{deferrable}, "
        "company VARCHAR(255) NOT NULL DEFAULT '', "
        "channel VARCHAR(255) NOT NULL DEFAULT '', "
        "created_at DATETIME NOT NULL, "
        "updated_at DATETIME NOT NULL)"
    ))
    db.execute_sql("CREATE INDEX introducer_name ON introducer (name)")
    db.execute_sql("CREATE INDEX introducer_talent_id ON introducer (talent_id)")
    db.execute_sql(f"ALTER TABLE talent ADD COLUMN introducer_id INTEGER REFERENCES introducer (id) ON DELETE SET NULL{deferrable}")
    db.execute_sql("CREATE INDEX talent_introducer_id ON talent (introducer_id)")
    db.execute_sql(ddl(db,
        "CREATE TABLE recognition ("
        "id INTEGER NOT NULL PRIMARY KEY, "
        "introducer_id INTEGER NOT NULL REFERENCES introducer (id) ON DELETE CASCADE, "
        "talent_id INTEGER REFERENCES talent (id) ON DELETE CASCADE, "
        "touchpoint_id INTEGER REFERENCES touchpoint (id) ON DELETE SET NULL, "
        "milestone VARCHAR(255) NOT NULL, "
        "note TEXT NOT NULL DEFAULT '', "
        "thanked_at DATETIME NOT NULL)"
    ))
    db.execute_sql("CREATE INDEX recognition_introducer_id ON recognition (introducer_id)")
    db.execute_sql("CREATE INDEX recognition_talent_id ON recognition (talent_id)")
    # how far an introduction went reads whether the talent was interviewed: the
    # few touchpoints that are interviews, on their own index (Stats by introducer
    # read every touchpoint of 843 talents of one mission, 9 ms at 100,000 talents)
    db.execute_sql("CREATE INDEX touchpoint_interviewed ON touchpoint (talent_id) WHERE kind IN ('interview', 'reverse_interview')")
    # referred_by -> introducers: one per distinct text (trimmed), dated by its first talent
    db.execute_sql(
        "INSERT INTO introducer (name, company, channel, created_at, updated_at) "
        "SELECT TRIM(referred_by), '', '', MIN(created_at), MIN(created_at) FROM talent "
        "WHERE TRIM(referred_by) != '' GROUP BY TRIM(referred_by) ORDER BY MIN(id)"
    )
    db.execute_sql(
        "UPDATE talent SET introducer_id = (SELECT i.id FROM introducer i WHERE i.name = TRIM(talent.referred_by)) "
        "WHERE TRIM(referred_by) != ''"
    )
