"""The facts recruiters ask about, as fields; a mission's brief.

Talent: salary wish (``salary_amount`` whole units, ``salary_currency``,
``salary_period`` year | day), ``notice_period`` (free text: "3 mois"),
``available_from`` (a date), ``remote_pref`` (onsite | hybrid | remote),
``languages`` (free text list) and ``cv_ref`` (a path or a URL).
Mission: ``salary_min`` / ``salary_max`` / ``salary_currency``, ``location``,
``remote_policy`` and ``must_haves``.

Added with plain ALTER TABLE (a table rebuild would drop the triggers).  The
search index is made again with two more columns, ``languages`` and
``remote_pref`` (the columns are written here, not read from db/search.py:
a later change of the index must not change what this migration did).
"""

from sourcer_tui.db import search

TALENT = (
    "salary_amount INTEGER",
    "salary_currency VARCHAR(255) NOT NULL DEFAULT 'EUR'",
    "salary_period VARCHAR(255) NOT NULL DEFAULT 'year'",
    "notice_period VARCHAR(255) NOT NULL DEFAULT ''",
    "available_from DATE",
    "remote_pref VARCHAR(255) NOT NULL DEFAULT ''",
    "languages VARCHAR(255) NOT NULL DEFAULT ''",
    "cv_ref VARCHAR(255) NOT NULL DEFAULT ''",
)
MISSION = (
    "salary_min INTEGER",
    "salary_max INTEGER",
    "salary_currency VARCHAR(255) NOT NULL DEFAULT 'EUR'",
    "location VARCHAR(255) NOT NULL DEFAULT ''",
    "remote_policy VARCHAR(255) NOT NULL DEFAULT ''",
    "must_haves TEXT NOT NULL DEFAULT ''",
)
FTS_COLUMNS = ("name", "headline", "company", "email", "tags", "notes", "languages", "remote_pref")


def up(migrator, db):
    for column in TALENT:
        db.execute_sql(f"ALTER TABLE talent ADD COLUMN {column}")
    for column in MISSION:
        db.execute_sql(f"ALTER TABLE mission ADD COLUMN {column}")
    if "talent_fts" in db.get_tables():
        for trigger in ("talent_fts_insert", "talent_fts_delete", "talent_fts_update"):
            db.execute_sql(f'DROP TRIGGER IF EXISTS "{trigger}"')
        db.execute_sql("DROP TABLE talent_fts")
        search.install(db, FTS_COLUMNS)
