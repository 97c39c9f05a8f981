"""Talents by the initials of their name, and their candidacies counted per
initial, mission and stage, in tables kept by triggers (see db/initials.py).

A one-letter search (up to 22,000 matching talents at 100,000) reads its
counts from a small table and then one page, instead of looking every match
up in the full-text index.
"""
from sourcer_tui.db import initials


def up(migrator, db):
    initials.install(db)
