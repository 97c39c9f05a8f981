"""Live refresh between teammates (issue 22), PostgreSQL only: every write to a
table the panes read sends ``NOTIFY sourcer_changes, '<table>'``
(services/changes.py listens), so the open apps refresh the panes that read it
without polling the tables.

One PL/pgSQL function, and a statement-level trigger per table (one
notification per statement, and PostgreSQL folds the same notification sent
twice in one transaction into one): cheap for a bulk load.  A statement that
changes no row notifies too — a reload more, never one missed.  Drafts are left out: they are written as
the feedback is typed, and no pane shows them.  On SQLite nothing is done:
another connection's commit shows in ``PRAGMA data_version``.
"""

import peewee

TABLES = (
    "mission", "talent", "candidacy", "touchpoint", "reminder", "snooze", "template", "introducer",
    "recognition", "grid_criterion", "grid_score",
)


def up(migrator, db):
    if not isinstance(db, peewee.PostgresqlDatabase):
        return
    db.execute_sql(
        "CREATE OR REPLACE FUNCTION sourcer_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN PERFORM pg_notify('sourcer_changes', TG_TABLE_NAME); RETURN NULL; END $$"
    )
    for table in TABLES:
        if db.execute_sql("SELECT to_regclass(%s)", (table,)).fetchone()[0] is None:
            continue
        db.execute_sql(f"DROP TRIGGER IF EXISTS {table}_notify ON {table}")
        db.execute_sql(
            f"CREATE TRIGGER {table}_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION sourcer_notify_change()"
        )
