"""Optimistic versions (issue 22): ``talent.version``, and triggers that bump
``talent.version`` and ``touchpoint.version`` on every change of what a person
edits (db/row_versions.py), so that no save overwrites silently a change made
meanwhile in another window or by a teammate.

``touchpoint.version`` exists since migration 0013 (saves of the feedback);
from here the trigger counts any change of the contact (kind, channel, time, text) and its feedback too.
Plain ALTER TABLE (no table rebuild: that would drop the derived tables'
triggers); the triggers' SQL is frozen here as it was on the day.
"""

import peewee

TALENT = (
    "name", "headline", "company", "email", "phone", "linkedin_url", "location", "source", "referred_by",
    "tags", "notes", "keep_in_touch_months", "consent_renewed_at", "anonymised_at", "salary_amount",
    "salary_currency", "salary_period", "notice_period", "available_from", "remote_pref", "languages",
    "cv_ref", "legal_basis", "legal_basis_at", "introducer_id",
)
TOUCHPOINT = (
    "kind", "channel", "happened_at", "summary", "feedback_given", "impression", "sentiment", "next_step",
    "next_step_due", "next_step_time", "feedback_at",
)


def _sqlite(table, columns):
    changed = " OR ".join(f"old.{c} IS NOT new.{c}" for c in columns) + " OR new.version < old.version"
    return [f"CREATE TRIGGER IF NOT EXISTS {table}_version AFTER UPDATE OF {', '.join(columns)}, version ON {table} "
            f"WHEN {changed} BEGIN UPDATE {table} SET version = old.version + 1 WHERE id = new.id; END"]


def _postgres(table, columns):
    old = ", ".join(f"OLD.{c}" for c in columns)
    new = ", ".join(f"NEW.{c}" for c in columns)
    return [
        f"CREATE OR REPLACE FUNCTION sourcer_{table}_version() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN IF ROW({old}) IS DISTINCT FROM ROW({new}) THEN NEW.version := OLD.version + 1; "
        f"ELSE NEW.version := GREATEST(NEW.version, OLD.version); END IF; RETURN NEW; END $$",
        f"DROP TRIGGER IF EXISTS {table}_version ON {table}",
        f"CREATE TRIGGER {table}_version BEFORE UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION sourcer_{table}_version()",
    ]


def up(migrator, db):
    db.execute_sql("ALTER TABLE talent ADD COLUMN version INTEGER NOT NULL DEFAULT 0")
    build = _postgres if isinstance(db, peewee.PostgresqlDatabase) else _sqlite
    for table, columns in (("talent", TALENT), ("touchpoint", TOUCHPOINT)):
        for sql in build(table, columns):
            db.execute_sql(sql)
