"""A snooze pauses the cadence instead of hiding it: ``reminder.paused_days``.

Until now Today left out every due item of a snoozed talent, next steps
announced to the candidate included, and a follow-up came back months later
"179d late".  From now on a snooze moves the talent's pending follow-ups (and
the day a silent talent would be snoozed) past its end: ``paused_days`` keeps
what was left to wait when the snooze began, and the item is due that many
days after the wake-up.  Today no longer looks at snoozes at all.

The rows already in the file get the same treatment: each active snooze's
pending follow-ups are re-planned from its end, counting what was left to
wait on the day it began.  Keep-in-touch reminders left pending by an older
snooze (the same talent twice in Today) are cancelled; the active snooze's
own stays.
"""

import datetime as dt

from sourcer_tui.db.values import as_date

PAUSED = ("followup", "auto_snooze")


def up(migrator, db):
    p = db.param
    db.execute_sql("ALTER TABLE reminder ADD COLUMN paused_days INTEGER")
    now = dt.datetime.now().replace(microsecond=0)
    snoozes = db.execute_sql(f"SELECT id, talent_id, since, until FROM snooze WHERE active = {p}", (True,)).fetchall()
    for snooze_id, talent_id, since, until in snoozes:
        since, until = as_date(since), as_date(until)
        rows = db.execute_sql(
            f"SELECT id, due FROM reminder WHERE talent_id = {p} AND status = 'pending' AND kind IN ({p}, {p})",
            (talent_id, *PAUSED),
        ).fetchall()
        for reminder_id, due in rows:
            paused = max(0, (as_date(due) - since).days)
            db.execute_sql(
                f"UPDATE reminder SET due = {p}, paused_days = {p} WHERE id = {p}",
                (until + dt.timedelta(days=paused), paused, reminder_id),
            )
    # A talent's keep-in-touch reminders other than their active snooze's.
    db.execute_sql(
        f"UPDATE reminder SET status = 'cancelled', done_at = {p} WHERE kind IN ('keep_in_touch', 'wake_up') "
        f"AND status = 'pending' AND snooze_id IS NOT NULL AND snooze_id NOT IN (SELECT id FROM snooze WHERE active = {p})",
        (now, True),
    )
    db.execute_sql(
        f"UPDATE reminder SET status = 'cancelled', done_at = {p} WHERE kind = 'keep_in_touch' AND status = 'pending' "
        f"AND snooze_id IS NULL AND talent_id IN (SELECT talent_id FROM snooze WHERE active = {p} AND kind = 'keep_in_touch')",
        (now, True),
    )
