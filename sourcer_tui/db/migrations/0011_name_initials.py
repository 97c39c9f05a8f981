"""Talents by the initials of their name, and their candidacies counted per
initial, mission and stage, in tables kept by triggers (see db/initials.py).

Measured at 100,000 talents: a one-letter search's reads (up to 22,000
matching talents) 40–45 ms → about 2 ms (counts) and one page.
"""
from sourcer_tui.db import initials


def up(migrator, db):
    initials.install(db)
