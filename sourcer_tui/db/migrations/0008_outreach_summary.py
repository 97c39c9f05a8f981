"""One row of outreach figures per contacted candidacy, kept by triggers (see db/outreach.py).

Stats read these rows instead of every touchpoint of the cohort, and find the
same figures to the last digit.  Logging an outreach touchpoint costs a little
more (the triggers' work).  The migration reads every touchpoint already in
the file once, to fill the table.
"""
from sourcer_tui.db import outreach
from sourcer_tui.db.dialect import refresh_statistics


def up(migrator, db):
    outreach.install(db)
    refresh_statistics(db, "outreach_summary")
