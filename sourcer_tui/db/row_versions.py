"""Optimistic versions: ``talent.version`` and ``touchpoint.version`` count the
changes of what a person edits, so that a save names the version it was
filled from and a change made meanwhile elsewhere (a second window, a
teammate) is said instead of overwritten (services/talents.update_talent,
services/touchpoints.save_feedback).

A trigger bumps them, not the services: a talent is written in many places
(the form, bulk tags, merge, import, anonymisation, keep in touch, undo) and
any of them must make an open form's version stale.  The new value is always
``old.version + 1`` whatever the statement wrote, so an undo that puts an old
copy of the row back (version included) still moves the version forward; a
statement that bumps it itself (save_feedback counts every save) keeps its
bump, and none moves it back.
Only a real change of an edited column counts: a form saved unchanged, or the
derived columns kept by other triggers (``name_key``, ``last_contact_at``,
``candidacy_stages``), leave it as it is.

On SQLite an ``AFTER UPDATE OF … WHEN`` trigger; on PostgreSQL a ``BEFORE
UPDATE`` row trigger in PL/pgSQL that sets ``NEW.version``.
"""

from __future__ import annotations

__all__ = ["WATCHED", "sqlite_statements", "postgres_statements"]

#: The columns whose change is a new version, per table.
WATCHED = {
    "talent": (
        "name", "headline", "company", "email", "phone", "linkedin_url", "location", "source", "referred_by",
        "tags", "notes", "keep_in_touch_months", "consent_renewed_at", "anonymised_at", "salary_amount",
        "salary_currency", "salary_period", "notice_period", "available_from", "remote_pref", "languages",
        "cv_ref", "legal_basis", "legal_basis_at", "introducer_id",
    ),
    "touchpoint": (
        "kind", "channel", "happened_at", "summary", "feedback_given", "impression", "sentiment", "next_step",
        "next_step_due", "next_step_time", "feedback_at",
    ),
}


def sqlite_statements() -> list[str]:
    statements = []
    for table, columns in WATCHED.items():
        changed = " OR ".join(f"old.{c} IS NOT new.{c}" for c in columns) + " OR new.version < old.version"
        statements.append(
            f"CREATE TRIGGER IF NOT EXISTS {table}_version AFTER UPDATE OF {', '.join(columns)}, version ON {table} "
            f"WHEN {changed} BEGIN UPDATE {table} SET version = old.version + 1 WHERE id = new.id; END"
        )
    return statements


def postgres_statements() -> list[str]:
    statements = []
    for table, columns in WATCHED.items():
        old = ", ".join(f"OLD.{c}" for c in columns)
        new = ", ".join(f"NEW.{c}" for c in columns)
        statements += [
            f"CREATE OR REPLACE FUNCTION sourcer_{table}_version() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN IF ROW({old}) IS DISTINCT FROM ROW({new}) THEN NEW.version := OLD.version + 1; "
            f"ELSE NEW.version := GREATEST(NEW.version, OLD.version); END IF; RETURN NEW; END $$",
            f"DROP TRIGGER IF EXISTS {table}_version ON {table}",
            f"CREATE TRIGGER {table}_version BEFORE UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION sourcer_{table}_version()",
        ]
    return statements
