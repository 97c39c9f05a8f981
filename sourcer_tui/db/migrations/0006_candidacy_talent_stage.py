"""A covering index for counting a search's candidacies per stage.

A search counts, per stage, the candidacies of the talents it matches: with
(talent_id, stage, mission_id) each is read from the index alone, not the
table.
"""

from sourcer_tui.db.dialect import refresh_statistics


def up(migrator, db):
    db.execute_sql("CREATE INDEX IF NOT EXISTS candidacy_talent_stage ON candidacy (talent_id, stage, mission_id)")
    refresh_statistics(db, "candidacy")  # else the planner keeps the (talent_id, mission_id) one
