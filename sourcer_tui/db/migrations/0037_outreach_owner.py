"""The candidacy's owner on the Stats' summary row (db/outreach.py).

Stats split by owner (team mode) joined the cohort's rows with their
candidacies, on every visit of the Stats screen of a shared database.  The row now keeps
the owner (a trigger follows a change of it), and the split is two
aggregates over the cohort's rows, as the split by source.  Every row is
written again, once.
"""

from sourcer_tui.db import outreach
from sourcer_tui.db.dialect import refresh_statistics


def up(migrator, db):
    outreach.add_column(db, "owner")
    refresh_statistics(db, "outreach_summary")
