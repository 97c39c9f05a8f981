"""The templates of each candidacy's messages, on the Stats' summary row (db/outreach.py).

The Stats counted the messages sent per template by looking up each cohort
row's messages on the partial index of templated touchpoints.  The row now keeps them as a JSON array, and the count reads the cohort's rows
alone.  Every row is written again, once.
"""

from sourcer_tui.db import outreach
from sourcer_tui.db.dialect import refresh_statistics


def up(migrator, db):
    outreach.add_column(db, "sent_templates")
    refresh_statistics(db, "outreach_summary")
