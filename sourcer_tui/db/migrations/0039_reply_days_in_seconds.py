"""The days to a reply counted from whole seconds, the same on both databases (db/dialect.py).

SQLite's difference of two julian days is a little off (3.13402777770534
for 3.134027777777778), PostgreSQL's epoch difference is exact: a median of
two such values could round to 3.1 days on one and 3.2 on the other (mission
39's job board at 100,000 talents), where issue 22 asks every Stats figure
to be the same to the digit.  ``reply_days`` is now the whole seconds over
86,400 on both; the triggers are made again with it and every row is
written again, once.
"""

from sourcer_tui.db import outreach


def up(migrator, db):
    outreach.reinstall(db)
