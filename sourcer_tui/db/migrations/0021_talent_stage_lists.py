"""The stages of each talent's candidacies on the talent's row: ``talent.candidacy_stages``.

*All missions* under a filter on the talents joined every candidacy to its
talent to count a stage (37 to 53 ms at 100,000 talents): the list is now a
column of the talent, kept by triggers (db/stage_lists.py), with a covering
index over it and the columns the filters read, and filled here for the
talents already there.

Plain ALTER TABLE (a table rebuild would drop the triggers that keep the
derived tables).
"""
from sourcer_tui.db import stage_lists


def up(migrator, db):
    db.execute_sql("ALTER TABLE talent ADD COLUMN candidacy_stages VARCHAR(255) NOT NULL DEFAULT ''")
    stage_lists.install(db)
