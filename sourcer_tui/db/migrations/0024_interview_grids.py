"""Structured interview grids: a mission's criteria, and the scores of an interview.

``grid_criterion``: one criterion of a mission's grid (its ``position`` in the
grid, ``name``, and ``levels``: the descriptions of the levels 1 to 4, one a
line, any of them blank).  A mission has a grid when it has criteria.
``grid_score``: one criterion scored on one touchpoint (``score`` 1 to 4, or
NULL when only evidence was written) with its line of ``evidence``.  A score
goes with its touchpoint (erasing a talent erases them) and with its
criterion (removing a criterion, after the confirmation, removes its scores).

Plain CREATE TABLE (a table rebuild elsewhere would drop the triggers that
keep the derived tables); the SQL is written here, frozen.
"""


from sourcer_tui.db.dialect import ddl


def up(migrator, db):
    for sql in (
        "CREATE TABLE grid_criterion ("
        " id INTEGER NOT NULL PRIMARY KEY,"
        " mission_id INTEGER NOT NULL REFERENCES mission (id) ON DELETE CASCADE,"
        " position INTEGER NOT NULL DEFAULT 0,"
        " name VARCHAR(255) NOT NULL,"
        " levels TEXT NOT NULL DEFAULT '')",
        "CREATE INDEX grid_criterion_mission ON grid_criterion (mission_id, position)",
        "CREATE TABLE grid_score ("
        " id INTEGER NOT NULL PRIMARY KEY,"
        " touchpoint_id INTEGER NOT NULL REFERENCES touchpoint (id) ON DELETE CASCADE,"
        " criterion_id INTEGER NOT NULL REFERENCES grid_criterion (id) ON DELETE CASCADE,"
        " score INTEGER,"
        " evidence TEXT NOT NULL DEFAULT '')",
        # the scores of a touchpoint (and the pipeline's average: score read from the index)
        "CREATE UNIQUE INDEX grid_score_touchpoint ON grid_score (touchpoint_id, criterion_id, score)",
        "CREATE INDEX grid_score_criterion ON grid_score (criterion_id)",
    ):
        db.execute_sql(ddl(db, sql))
