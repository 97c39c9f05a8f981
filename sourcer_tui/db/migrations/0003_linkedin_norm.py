"""Talent.linkedin_norm: the profile URL normalised, indexed, to find duplicates on import.

Added with a plain ALTER TABLE: Peewee's SQLite migrator would rebuild the
table for a NOT NULL column, and a rebuild drops the full-text triggers.
Back-fills the rows already in the file (same rule as domain.text.normalise_url).
"""
from sourcer_tui.domain.text import normalise_url


def up(migrator, db):
    db.execute_sql("ALTER TABLE talent ADD COLUMN linkedin_norm VARCHAR(255) NOT NULL DEFAULT ''")
    db.execute_sql("CREATE INDEX talent_linkedin_norm ON talent (linkedin_norm)")
    rows = db.execute_sql("SELECT id, linkedin_url FROM talent WHERE linkedin_url != ''").fetchall()
    for talent_id, url in rows:
        db.execute_sql(f"UPDATE talent SET linkedin_norm = {db.param} WHERE id = {db.param}", (normalise_url(url), talent_id))
