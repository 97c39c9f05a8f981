"""PostgreSQL: the talents' tags as a list, indexed (nothing on SQLite).

The Pipeline's tag filter keeps the talents whose tags (``java,python``,
domain/text.normalise_tags) hold the tag.  SQLite first looks the tag's words
up in its search index (FTS5, db/search.column_match); PostgreSQL had no
index for it and read every talent's row, four ``ILIKE`` each.  A GIN index of the tags split at the commas, lower-cased
as ``ILIKE`` compares, answers ``@> ARRAY[tag]`` with the few talents that
hold it (db/search.tags_hold writes the same expression to use it).
The expression is frozen here as it was on the day.
"""

import peewee

TAG_LIST = "string_to_array(lower(tags), ',')"


def up(migrator, db):
    if isinstance(db, peewee.SqliteDatabase):
        return
    db.execute_sql(f"CREATE INDEX IF NOT EXISTS talent_tag_list ON talent USING gin (({TAG_LIST}))")
    db.execute_sql("ANALYZE talent")  # the expression's statistics: how many talents hold a tag
