"""Two covering indexes for the Stats' summary rows (see db/outreach.py).

The all-time figures of one mission group its rows by (source, steps, reply
step, reply kind) and read its reply delays in order: with the rows already
in those orders in an index, SQLite sorts nothing.  The price is the
indexes' room in the file.
"""

from sourcer_tui.db.dialect import keeps, refresh_statistics


def up(migrator, db):
    if not keeps(db, "outreach"):
        return
    db.execute_sql(
        "CREATE INDEX IF NOT EXISTS outreach_summary_groups ON outreach_summary (mission_id, source, steps, reply_step, reply_kind, first_at)"
    )
    db.execute_sql("CREATE INDEX IF NOT EXISTS outreach_summary_days ON outreach_summary (mission_id, reply_days, first_at, source)")
    refresh_statistics(db, "outreach_summary")
