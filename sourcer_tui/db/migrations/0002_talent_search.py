"""Full-text search over talents (SQLite FTS5, kept in sync by triggers).

Back-fills the index from the rows already in the file.  On other databases
this is a no-op: ``db.search`` falls back to LIKE there.
"""
from sourcer_tui.db import search


def up(migrator, db):
    search.install(db, ("name", "headline", "company", "email", "tags", "notes"))  # the columns of that time
