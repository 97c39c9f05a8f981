"""Candidacies per mission and stage in a table kept by triggers (see db/counts.py).

The Pipeline's group counts, needed at every reload, are read from a small
table instead of counting every candidacy again.
"""
from sourcer_tui.db import counts


def up(migrator, db):
    counts.install(db)
