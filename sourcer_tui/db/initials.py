"""Talents by the initials of their name, and candidacies counted per initial,
kept up to date by triggers (SQLite).

A one-letter search lists the people a word of whose name starts with that
letter.  At 100,000 talents one letter matches up to 22,000 of them: looking
them up in the full-text index and counting their candidacies per stage took
most of the keystroke.  Two tables answer it instead:

- ``talent_initial (letter, talent_id)``: one row per initial of a talent's
  name (:func:`name_initials`, registered in SQLite as ``sourcer_initials``,
  which returns them as a JSON list) — the first letter of each word as the
  search index reads the name: its own tokenizer splits and folds the words;
- ``initial_count (letter, mission_id, stage, n)``: the candidacies of the
  talents with that initial, per mission and stage — the Pipeline's group
  headers read it at the same small cost, whatever the letter.

Triggers keep both exact through talent inserts, renames and deletes
(cascades included) and candidacy inserts, moves and deletes;
:func:`rebuild` recomputes them.  The triggers call ``sourcer_initials``, so
a connection that writes talents must have it (:func:`register`, done by
``open_database`` for every connection); another program writing talent
names into the file gets "no such function" — an error, not a wrong count.
PostgreSQL keeps the same two tables by PL/pgSQL triggers
(:func:`install_postgres`, migration 0034), the initials read by its own
``sourcer_initials(name)`` (migration 0028), which its search read before.
"""

from __future__ import annotations

import functools
import json
import sqlite3
import threading

import peewee

from .dialect import keeps, keeps_derived
from .tokenizer import TOKENIZE

__all__ = ["FUNCTION", "TRIGGERS", "PG_TRIGGERS", "install", "install_postgres", "rebuild", "register", "name_initials", "letter_initial"]

FUNCTION = "sourcer_initials"

TRIGGERS = (
    "talent_initial_insert", "talent_initial_delete", "talent_initial_update",
    "initial_count_insert", "initial_count_delete", "initial_count_update",
)

#: PostgreSQL's row triggers, as (table, trigger) (:func:`install_postgres`).
PG_TRIGGERS = (("talent", "talent_initial_row"), ("talent", "talent_initial_delete"), ("candidacy", "initial_count_row"))

_reader_lock = threading.Lock()
_reader: sqlite3.Connection | None = None


def _words_of(text: str) -> list[str]:
    """The words of *text* as the search index stores them (folded: lower case,
    accents removed), read by SQLite's own tokenizer in a private in-memory
    table — no rule of ours could agree with it on every script (Korean
    syllables, kana, ligatures, decomposed accents...)."""
    global _reader
    with _reader_lock:
        if _reader is None:
            reader = sqlite3.connect(":memory:", check_same_thread=False)
            reader.execute(f"CREATE VIRTUAL TABLE words USING fts5(w, tokenize='{TOKENIZE}')")
            reader.execute("CREATE VIRTUAL TABLE vocabulary USING fts5vocab(words, 'row')")
            _reader = reader
        _reader.execute("INSERT INTO words (rowid, w) VALUES (1, ?)", (text,))
        try:
            return [term for (term,) in _reader.execute("SELECT term FROM vocabulary")]
        finally:
            _reader.execute("DELETE FROM words")


def name_initials(name: str | None) -> list[str]:
    """The first letter of each word of *name* as the search index reads it,
    each once, sorted: a one-letter search finds exactly what the index's
    ``{name} : "x"*`` finds.  ``"Élodie Martin-Éluard"`` -> ``["e", "m"]``."""
    if not name:
        return []
    return sorted({word[0] for word in _words_of(name)})


@functools.lru_cache(maxsize=1024)
def letter_initial(letter: str) -> str | None:
    """What a one-letter search for *letter* looks for (``"É"`` -> ``"e"``), or
    None; kept, as a search's read asks it several times per keystroke."""
    found = name_initials(letter)
    return found[0] if found else None


def _initials_json(name: str | None) -> str:
    return json.dumps(name_initials(name), ensure_ascii=False)


def register(db: peewee.Database) -> None:
    """Make ``sourcer_initials(name)`` known to every connection of *db*."""
    if keeps_derived(db):
        db.register_function(_initials_json, FUNCTION, 1, deterministic=True)


# As in db/counts.py: no conflict clause (an outer INSERT OR REPLACE would
# impose its own on these statements); a missing row is added at 0 first.
def _candidacy(row: str, sign: str) -> str:
    """Count one candidacy (*row*: new or old) in or out of its talent's letters."""
    add = (
        "INSERT INTO initial_count (letter, mission_id, stage, n) "
        f"SELECT i.letter, {row}.mission_id, {row}.stage, 0 FROM talent_initial i WHERE i.talent_id = {row}.talent_id "
        "AND NOT EXISTS (SELECT 1 FROM initial_count x "
        f"WHERE x.letter = i.letter AND x.mission_id = {row}.mission_id AND x.stage = {row}.stage); "
    ) if sign == "+" else ""
    return add + (
        f"UPDATE initial_count SET n = n {sign} 1 WHERE mission_id = {row}.mission_id AND stage = {row}.stage "
        f"AND letter IN (SELECT letter FROM talent_initial WHERE talent_id = {row}.talent_id);"
    )


def _talent(row: str, sign: str) -> str:
    """Count every candidacy of a talent (*row*: new or old) in or out of its letters."""
    add = (
        "INSERT INTO initial_count (letter, mission_id, stage, n) "
        "SELECT DISTINCT i.letter, c.mission_id, c.stage, 0 FROM talent_initial i "
        f"JOIN candidacy c ON c.talent_id = i.talent_id WHERE i.talent_id = {row}.id "
        "AND NOT EXISTS (SELECT 1 FROM initial_count x "
        "WHERE x.letter = i.letter AND x.mission_id = c.mission_id AND x.stage = c.stage); "
    ) if sign == "+" else ""
    return add + (
        f"UPDATE initial_count SET n = n {sign} (SELECT COUNT(*) FROM candidacy c WHERE c.talent_id = {row}.id "
        "AND c.mission_id = initial_count.mission_id AND c.stage = initial_count.stage) "
        f"WHERE letter IN (SELECT letter FROM talent_initial WHERE talent_id = {row}.id) "
        f"AND (mission_id, stage) IN (SELECT mission_id, stage FROM candidacy WHERE talent_id = {row}.id);"
    )


def _letters_in(row: str) -> str:
    return f"INSERT INTO talent_initial (letter, talent_id) SELECT value, {row}.id FROM json_each({FUNCTION}({row}.name));"


def _letters_out(row: str) -> str:
    return f"DELETE FROM talent_initial WHERE talent_id = {row}.id;"


def install(db: peewee.Database) -> None:
    if not keeps_derived(db):
        return
    register(db)
    # A talent deleted with candidacies: whether SQLite runs the cascade before
    # or after the talent's trigger, each candidacy is counted out once — by
    # the talent's trigger (candidacies still there) or by its own (initials
    # still there), never both.
    for sql in (
        "CREATE TABLE IF NOT EXISTS talent_initial ("
        "letter TEXT NOT NULL, talent_id INTEGER NOT NULL, PRIMARY KEY (letter, talent_id)) WITHOUT ROWID",
        "CREATE INDEX IF NOT EXISTS talent_initial_talent ON talent_initial (talent_id)",
        "CREATE TABLE IF NOT EXISTS initial_count ("
        "letter TEXT NOT NULL, mission_id INTEGER NOT NULL, stage TEXT NOT NULL, n INTEGER NOT NULL, "
        "PRIMARY KEY (letter, mission_id, stage)) WITHOUT ROWID",
        f"CREATE TRIGGER IF NOT EXISTS talent_initial_insert AFTER INSERT ON talent BEGIN {_letters_in('new')} {_talent('new', '+')} END",
        f"CREATE TRIGGER IF NOT EXISTS talent_initial_delete AFTER DELETE ON talent BEGIN {_talent('old', '-')} {_letters_out('old')} END",
        "CREATE TRIGGER IF NOT EXISTS talent_initial_update AFTER UPDATE OF id, name ON talent "
        f"WHEN old.id IS NOT new.id OR {FUNCTION}(old.name) IS NOT {FUNCTION}(new.name) BEGIN "
        f"{_talent('old', '-')} {_letters_out('old')} {_letters_in('new')} {_talent('new', '+')} END",
        f"CREATE TRIGGER IF NOT EXISTS initial_count_insert AFTER INSERT ON candidacy BEGIN {_candidacy('new', '+')} END",
        f"CREATE TRIGGER IF NOT EXISTS initial_count_delete AFTER DELETE ON candidacy BEGIN {_candidacy('old', '-')} END",
        "CREATE TRIGGER IF NOT EXISTS initial_count_update AFTER UPDATE OF talent_id, mission_id, stage ON candidacy "
        "WHEN old.talent_id IS NOT new.talent_id OR old.mission_id IS NOT new.mission_id OR old.stage IS NOT new.stage "
        f"BEGIN {_candidacy('old', '-')} {_candidacy('new', '+')} END",
    ):
        db.execute_sql(sql)
    rebuild(db)


def install_postgres(db: peewee.Database) -> None:
    """The same tables on PostgreSQL, kept by PL/pgSQL row triggers; a talent's
    initials are ``sourcer_initials(name)`` (migration 0028).  A talent deleted
    with candidacies is counted out *before* its row goes: the key's cascade
    deletes the candidacies, but their own triggers fire only once the whole
    statement is done, after the talent's AFTER triggers — by then the talent's
    initials and its candidacies would both be gone.  Before, the talent's
    trigger counts its candidacies out and removes its initials; theirs then
    find no initial to count out."""
    for sql in (
        "CREATE TABLE IF NOT EXISTS talent_initial ("
        "letter TEXT NOT NULL, talent_id INTEGER NOT NULL, PRIMARY KEY (letter, talent_id))",
        "CREATE INDEX IF NOT EXISTS talent_initial_talent ON talent_initial (talent_id)",
        "CREATE TABLE IF NOT EXISTS initial_count ("
        "letter TEXT NOT NULL, mission_id INTEGER NOT NULL, stage TEXT NOT NULL, n INTEGER NOT NULL, "
        "PRIMARY KEY (letter, mission_id, stage))",
        "CREATE OR REPLACE FUNCTION sourcer_talent_initial() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF TG_OP = 'UPDATE' AND OLD.id = NEW.id AND sourcer_initials(OLD.name) = sourcer_initials(NEW.name) THEN RETURN NULL; END IF; "
        "IF TG_OP <> 'INSERT' THEN "
        "UPDATE initial_count x SET n = x.n - o.n FROM (SELECT i.letter, c.mission_id, c.stage, COUNT(*) AS n FROM talent_initial i "
        "JOIN candidacy c ON c.talent_id = i.talent_id WHERE i.talent_id = OLD.id GROUP BY i.letter, c.mission_id, c.stage) o "
        "WHERE x.letter = o.letter AND x.mission_id = o.mission_id AND x.stage = o.stage; "
        "DELETE FROM talent_initial WHERE talent_id = OLD.id; "
        "END IF; "
        "IF TG_OP <> 'DELETE' THEN "
        "INSERT INTO talent_initial (letter, talent_id) SELECT unnest(sourcer_initials(NEW.name)), NEW.id; "
        "INSERT INTO initial_count (letter, mission_id, stage, n) SELECT i.letter, c.mission_id, c.stage, COUNT(*) FROM talent_initial i "
        "JOIN candidacy c ON c.talent_id = i.talent_id WHERE i.talent_id = NEW.id GROUP BY i.letter, c.mission_id, c.stage "
        "ON CONFLICT (letter, mission_id, stage) DO UPDATE SET n = initial_count.n + EXCLUDED.n; "
        "END IF; "
        "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NULL; END $$",
        "DROP TRIGGER IF EXISTS talent_initial_row ON talent",
        "CREATE TRIGGER talent_initial_row AFTER INSERT OR UPDATE OF id, name ON talent "
        "FOR EACH ROW EXECUTE FUNCTION sourcer_talent_initial()",
        "DROP TRIGGER IF EXISTS talent_initial_delete ON talent",
        "CREATE TRIGGER talent_initial_delete BEFORE DELETE ON talent FOR EACH ROW EXECUTE FUNCTION sourcer_talent_initial()",
        "CREATE OR REPLACE FUNCTION sourcer_initial_count() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF TG_OP = 'UPDATE' AND OLD.talent_id = NEW.talent_id AND OLD.mission_id = NEW.mission_id AND OLD.stage = NEW.stage THEN "
        "RETURN NULL; END IF; "
        "IF TG_OP <> 'INSERT' THEN UPDATE initial_count SET n = n - 1 WHERE mission_id = OLD.mission_id AND stage = OLD.stage "
        "AND letter IN (SELECT letter FROM talent_initial WHERE talent_id = OLD.talent_id); END IF; "
        "IF TG_OP <> 'DELETE' THEN INSERT INTO initial_count (letter, mission_id, stage, n) "
        "SELECT letter, NEW.mission_id, NEW.stage, 1 FROM talent_initial WHERE talent_id = NEW.talent_id "
        "ON CONFLICT (letter, mission_id, stage) DO UPDATE SET n = initial_count.n + 1; END IF; "
        "RETURN NULL; END $$",
        "DROP TRIGGER IF EXISTS initial_count_row ON candidacy",
        "CREATE TRIGGER initial_count_row AFTER INSERT OR DELETE OR UPDATE OF talent_id, mission_id, stage ON candidacy "
        "FOR EACH ROW EXECUTE FUNCTION sourcer_initial_count()",
    ):
        db.execute_sql(sql)
    rebuild(db)


def rebuild(db: peewee.Database) -> None:
    """Every talent's initials and every count again, from the talents and candidacies."""
    if not keeps(db, "initials"):
        return
    if not keeps_derived(db):  # PostgreSQL
        with db.atomic():
            db.execute_sql("DELETE FROM talent_initial")
            db.execute_sql("INSERT INTO talent_initial (letter, talent_id) SELECT unnest(sourcer_initials(name)), id FROM talent")
            db.execute_sql("DELETE FROM initial_count")
            db.execute_sql(_RECOUNT)
        db.execute_sql("ANALYZE talent_initial")
        db.execute_sql("ANALYZE initial_count")
        return
    register(db)
    with db.atomic():
        db.execute_sql("DELETE FROM talent_initial")
        # Every name through the index's tokenizer at once, in a temporary
        # table (the function, called once per name, was far slower at 100,000 talents)
        db.execute_sql("DROP TABLE IF EXISTS temp.name_words_v")
        db.execute_sql("DROP TABLE IF EXISTS temp.name_words")
        db.execute_sql(f"CREATE VIRTUAL TABLE temp.name_words USING fts5(name, tokenize='{TOKENIZE}')")
        try:
            db.execute_sql("INSERT INTO temp.name_words (rowid, name) SELECT id, name FROM talent")
            db.execute_sql("CREATE VIRTUAL TABLE temp.name_words_v USING fts5vocab(temp, name_words, instance)")
            db.execute_sql("INSERT INTO talent_initial (letter, talent_id) SELECT DISTINCT substr(term, 1, 1), doc FROM temp.name_words_v")
        finally:
            db.execute_sql("DROP TABLE IF EXISTS temp.name_words_v")
            db.execute_sql("DROP TABLE IF EXISTS temp.name_words")
        db.execute_sql("DELETE FROM initial_count")
        db.execute_sql(_RECOUNT)


_RECOUNT = (
    "INSERT INTO initial_count (letter, mission_id, stage, n) SELECT i.letter, c.mission_id, c.stage, COUNT(*) "
    "FROM candidacy c JOIN talent_initial i ON i.talent_id = c.talent_id GROUP BY i.letter, c.mission_id, c.stage"
)
