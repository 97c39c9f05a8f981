"""An index for the analytics: a candidacy's touchpoints by kind, with their time and step.

The Stats screen reads, per candidacy of the cohort, its first message, its
first reply and the step that reply answered; with this index each is read
from the index alone, not the table.
"""


def up(migrator, db):
    db.execute_sql("CREATE INDEX IF NOT EXISTS touchpoint_candidacy_kind ON touchpoint (candidacy_id, kind, happened_at, step)")
