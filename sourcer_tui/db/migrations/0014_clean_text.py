"""Every text already in the file cleaned as new text now is, and profile
URLs normalised again by the new rule.

* Text columns: before the data layer cleaned what it stores (db/fields.py),
  a JSON import stored strings as given — an escape sequence in a name
  reached the terminal drawing it.  Each row holding a control character is
  cleaned as the column would clean it now (one-line columns by
  ``clean_line``, multi-line by ``clean_text``).  The rows are found by SQLite
  itself (a GLOB on the control characters, ``instr`` for NUL).  The scan
  reads every text once, at the first start after the upgrade: on a file of
  100,000 talents and 1,000,000 touchpoints, 67 million characters (GLOB's
  character classes are the cost; a scan of the rows in Python was measured
  too: benchmarks/README.md).
* ``talent.linkedin_norm`` (and ``email_norm``): the rule now also folds
  ``m.``/``fr.linkedin.com``, a language after the profile (``/en``) and
  percent-encoding, so the duplicates an import finds include these.
"""
from sourcer_tui.domain.text import clean_line, clean_text, normalise_email, normalise_url

#: The app's own tables (derived tables and the search index follow by their triggers).
TABLES = ("mission", "talent", "candidacy", "touchpoint", "snooze", "reminder", "draft", "template", "erasure_log")
_ONE_LINE_TYPES = ("VARCHAR", "CHARACTER VARYING", "CHAR")
_BATCH = 500


def _text_columns(db, table):
    """``(name, one_line)`` of the text columns of *table*."""
    columns = []
    for column in db.get_columns(table):
        kind = column.data_type.upper()
        if kind.startswith(_ONE_LINE_TYPES):
            columns.append((column.name, True))
        elif kind.startswith("TEXT"):
            columns.append((column.name, False))
    return columns


def _dirty(db, name, one_line):
    """SQL true when column *name* holds a control character (tab and newline
    are allowed in multi-line text)."""
    low = "\x01-\x1f" if one_line else "\x01-\x08\x0b-\x1f"
    if db.param == "?":  # SQLite
        return f"({name} GLOB '*[{low}\x7f-\x9f]*' OR instr({name}, char(0)) > 0)"
    return f"({name} ~ '[{low}\x7f-\x9f]')"  # PostgreSQL text never holds NUL


def _clean_rows(db, table):
    columns = _text_columns(db, table)
    if not columns:
        return
    where = " OR ".join(_dirty(db, name, one_line) for name, one_line in columns)
    names = ", ".join(name for name, _ in columns)
    rows = db.execute_sql(f"SELECT id, {names} FROM {table} WHERE {where}").fetchall()
    for row in rows:
        changes = {}
        for (name, one_line), value in zip(columns, row[1:]):
            if isinstance(value, str):
                cleaned = clean_line(value) if one_line else clean_text(value)
                if cleaned != value:
                    changes[name] = cleaned
        if table == "talent":
            if "linkedin_url" in changes:
                changes["linkedin_norm"] = normalise_url(changes["linkedin_url"])
            if "email" in changes:
                changes["email_norm"] = normalise_email(changes["email"])
        if changes:
            assignments = ", ".join(f"{name} = {db.param}" for name in changes)
            db.execute_sql(f"UPDATE {table} SET {assignments} WHERE id = {db.param}", (*changes.values(), row[0]))


def _normalise_urls(db):
    rows = db.execute_sql("SELECT id, linkedin_url, linkedin_norm FROM talent WHERE linkedin_url != ''").fetchall()
    for talent_id, url, stored in rows:
        norm = normalise_url(url)
        if norm != stored:
            db.execute_sql(f"UPDATE talent SET linkedin_norm = {db.param} WHERE id = {db.param}", (norm, talent_id))


def up(migrator, db):
    tables = set(db.get_tables())
    for table in TABLES:
        if table in tables:
            _clean_rows(db, table)
    _normalise_urls(db)
