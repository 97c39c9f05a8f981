"""One row of outreach figures per contacted candidacy, kept by triggers (see db/outreach.py).

Measured at 100,000 talents / 1,000,000 touchpoints: Stats for the largest
mission (6,800 candidacies) 150 → 18 ms, all missions 1,330 → 250 ms, the
same figures to the last digit.  Logging an outreach touchpoint costs ~90 µs
more.  The migration itself takes ~2 s on that file.
"""
from sourcer_tui.db import outreach
from sourcer_tui.db.dialect import refresh_statistics


def up(migrator, db):
    outreach.install(db)
    refresh_statistics(db, "outreach_summary")
