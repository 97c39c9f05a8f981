"""The template each first reply answered, on the Stats' summary row (db/outreach.py).

Replies per template were counted by joining the cohort's rows with their
templated messages and, for each, looking for a later one of the same step.
The triggers now keep that template on the row, and the count is
one aggregate over the cohort's rows.  Every row is written again, once.
"""

from sourcer_tui.db import outreach
from sourcer_tui.db.dialect import refresh_statistics


def up(migrator, db):
    outreach.add_column(db, "reply_template")
    refresh_statistics(db, "outreach_summary")
