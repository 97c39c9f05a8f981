"""Past feedback, searchable per talent: ``feedback_fts`` (Pool matches, issue 21).

One FTS5 row per talent holding the distinct feedback given and private
impressions of their touchpoints, kept by triggers on ``touchpoint``
(db/feedback_index.py), filled here once: 1.9 s at 1,000,000 touchpoints.
And ``talent_fts_vocab`` and ``feedback_fts_vocab``, the two indexes'
vocabularies (how many talents hold a word, read by db/pool_fit.py): views
of the indexes, nothing stored.

The SQL is frozen here as it was on the day (db/feedback_index.py may move
on); nothing here rebuilds a table (that would drop the derived tables' triggers).
"""

STATEMENTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS feedback_fts USING fts5(feedback, tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS feedback_fts_insert AFTER INSERT ON touchpoint WHEN new.feedback_given <> '' OR new.impression <> '' BEGIN DELETE FROM feedback_fts WHERE rowid = new.talent_id; INSERT INTO feedback_fts(rowid, feedback) SELECT new.talent_id, x FROM (SELECT (SELECT COALESCE(GROUP_CONCAT(f, ' '), '') FROM (SELECT feedback_given AS f FROM touchpoint WHERE talent_id = new.talent_id AND feedback_given <> '' UNION SELECT impression FROM touchpoint WHERE talent_id = new.talent_id AND impression <> '')) AS x) WHERE x <> ''; END",
    "CREATE TRIGGER IF NOT EXISTS feedback_fts_delete AFTER DELETE ON touchpoint WHEN old.feedback_given <> '' OR old.impression <> '' BEGIN DELETE FROM feedback_fts WHERE rowid = old.talent_id; INSERT INTO feedback_fts(rowid, feedback) SELECT old.talent_id, x FROM (SELECT (SELECT COALESCE(GROUP_CONCAT(f, ' '), '') FROM (SELECT feedback_given AS f FROM touchpoint WHERE talent_id = old.talent_id AND feedback_given <> '' UNION SELECT impression FROM touchpoint WHERE talent_id = old.talent_id AND impression <> '')) AS x) WHERE x <> ''; END",
    "CREATE TRIGGER IF NOT EXISTS feedback_fts_update AFTER UPDATE OF talent_id, feedback_given, impression ON touchpoint WHEN old.talent_id IS NOT new.talent_id OR old.feedback_given IS NOT new.feedback_given OR old.impression IS NOT new.impression BEGIN DELETE FROM feedback_fts WHERE rowid = old.talent_id; INSERT INTO feedback_fts(rowid, feedback) SELECT old.talent_id, x FROM (SELECT (SELECT COALESCE(GROUP_CONCAT(f, ' '), '') FROM (SELECT feedback_given AS f FROM touchpoint WHERE talent_id = old.talent_id AND feedback_given <> '' UNION SELECT impression FROM touchpoint WHERE talent_id = old.talent_id AND impression <> '')) AS x) WHERE x <> ''; DELETE FROM feedback_fts WHERE rowid = new.talent_id; INSERT INTO feedback_fts(rowid, feedback) SELECT new.talent_id, x FROM (SELECT (SELECT COALESCE(GROUP_CONCAT(f, ' '), '') FROM (SELECT feedback_given AS f FROM touchpoint WHERE talent_id = new.talent_id AND feedback_given <> '' UNION SELECT impression FROM touchpoint WHERE talent_id = new.talent_id AND impression <> '')) AS x) WHERE x <> ''; END",
    "CREATE VIRTUAL TABLE IF NOT EXISTS talent_fts_vocab USING fts5vocab(talent_fts, row)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS feedback_fts_vocab USING fts5vocab(feedback_fts, row)",
)

FILL = (
    "INSERT INTO feedback_fts(rowid, feedback) SELECT talent_id, GROUP_CONCAT(f, ' ') FROM ("
    "SELECT talent_id, feedback_given AS f FROM touchpoint WHERE feedback_given <> '' "
    "UNION SELECT talent_id, impression FROM touchpoint WHERE impression <> '') GROUP BY talent_id"
)


def up(migrator, db):
    import peewee

    if not isinstance(db, peewee.SqliteDatabase):  # other databases keep no derived tables
        return
    for sql in STATEMENTS:
        db.execute_sql(sql)
    db.execute_sql(FILL)
