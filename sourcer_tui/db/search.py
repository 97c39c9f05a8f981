"""Talent full-text search: FTS5 on SQLite, word prefixes of the folded text on PostgreSQL.

User text never reaches ``MATCH`` raw: :func:`match_expression` keeps only
word characters and quotes each word as a prefix term, so ``covid-19``,
``"`` or ``*`` can never raise.  A lone letter is looked up among the
initials of the names (:mod:`.initials`), not in the index.  PostgreSQL
matches each word as the prefix of a word (``\\m`` in a regular expression)
of the text folded by ``sourcer_fold`` (``lower(unaccent(...))``): the same
talents as the index, one-letter and accent-insensitive searches included;
without an index of its own (a scan of the talents).
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Hashable, Iterator

import peewee

from ..domain.text import clean_line
from . import initials as kept_initials
from .dialect import keeps, keeps_derived
from .folding import fold_as
from .models import Talent, TalentInitial
from .tokenizer import TOKENIZE

__all__ = [
    "install", "match_expression", "matching_ids", "matching_form", "matched_once", "talent_filter",
    "talent_matches", "by_initial", "rebuild", "FTS_COLUMNS", "name_holds", "tags_hold",
]

#: The talent columns the index holds (migration 0017 added languages and remote_pref).
FTS_COLUMNS = ("name", "headline", "company", "email", "tags", "notes", "languages", "remote_pref")
#: What PostgreSQL searches: the FTS columns folded, joined by a space (all NOT NULL);
#: the very expression of the trigram index of migration 0028.
SEARCH_TEXT = "sourcer_fold(" + " || ' ' || ".join(FTS_COLUMNS) + ")"
_WORD = re.compile(r"\w+", re.UNICODE)
_MAX_TERMS = 8


def install(db: peewee.Database, columns: tuple[str, ...] = FTS_COLUMNS) -> None:
    """Create the FTS5 table over *columns*, its sync triggers, and index existing rows.

    A migration names its own *columns* (the file's talent table at that step).
    On PostgreSQL: the ``unaccent`` extension and ``sourcer_fold`` (what the
    search reads: :func:`_like_filter`), nothing kept."""
    if not keeps_derived(db):
        from .folding import install_postgres

        install_postgres(db)
        return
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    for sql in (
        f"CREATE VIRTUAL TABLE talent_fts USING fts5({cols}, content='talent', "
        f"content_rowid='id', tokenize='{TOKENIZE}')",
        f"CREATE TRIGGER talent_fts_insert AFTER INSERT ON talent BEGIN "
        f"INSERT INTO talent_fts(rowid, {cols}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER talent_fts_delete AFTER DELETE ON talent BEGIN "
        f"INSERT INTO talent_fts(talent_fts, rowid, {cols}) VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER talent_fts_update AFTER UPDATE OF {cols} ON talent BEGIN "
        f"INSERT INTO talent_fts(talent_fts, rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO talent_fts(rowid, {cols}) VALUES (new.id, {new}); END",
    ):
        db.execute_sql(sql)
    rebuild(db)


def rebuild(db: peewee.Database) -> None:
    """Re-index every talent (after a bulk load with triggers off, or a repair)."""
    if keeps_derived(db):
        db.execute_sql("INSERT INTO talent_fts(talent_fts) VALUES ('rebuild')")


def _words(text: str | None) -> list[str]:
    """The words of a search as stored text holds them: control characters
    go first, as they went before saving (a pasted ``ex\x07ample`` is the
    word ``example``, not ``ex`` and ``ample``)."""
    return _WORD.findall(clean_line(text))


def match_expression(text: str) -> str | None:
    """An FTS5 query for *text*: every word must match as a prefix.

    A lone letter matches the start of a name only (``m`` → Marie, Jean Martin):
    a first keystroke then lists people, not the half of the file whose notes
    hold a word starting with "m" — and answers in a third of the time.
    Returns None when the text holds no word (nothing to filter on).
    """
    words = _words(text)[:_MAX_TERMS]
    if not words:
        return None
    if len(words) == 1 and len(words[0]) == 1:
        return f'{{name}} : "{words[0]}"*'
    return " ".join(f'"{word}"*' for word in words)


def _database() -> peewee.Database:
    db = Talent._meta.database
    return db.obj if isinstance(db, peewee.DatabaseProxy) else db


def by_initial(text: str) -> str | None:
    """The initial a one-letter search *text* looks for, when the database
    keeps the names' initials (:mod:`.initials`); None for any other search.

    ``"M"``, ``" m "`` and ``"é"`` are one letter (``m``, ``m``, ``e``) and
    match the same names as the index's ``{name} : "m"*`` would."""
    words = _words(text)
    if len(words) != 1:
        return None
    db = _database()
    if not keeps_derived(db):  # PostgreSQL: the letter its search looked for (_like_filter)
        letter = fold_as(db, words[0])
        return letter if len(letter) == 1 and keeps(db, "initials") else None
    if len(words[0]) != 1:
        return None
    return kept_initials.letter_initial(words[0])


def matching_ids(text: str) -> peewee.Node | None:
    """A subquery of the ids of the talents matching *text* (for ``IN``), or None for no filter."""
    expression = match_expression(text)
    if expression is None:
        return None
    letter = by_initial(text)
    if letter is not None:
        return peewee.SQL("(SELECT talent_id FROM talent_initial WHERE letter = ?)", [letter])
    if getattr(_matched, "text", None) == text:
        return peewee.SQL("(SELECT id FROM temp.search_hits)")
    if keeps_derived(_database()):
        return peewee.SQL("(SELECT rowid FROM talent_fts WHERE talent_fts MATCH ?)", [expression])
    return Talent.select(Talent.id).where(_like_filter(text))


def matching_form(text: str) -> Hashable:
    """What :func:`matching_ids` of *text* would be, as a key for kept SQL
    (see :mod:`.compiled`): its SQL and parameters depend on this alone."""
    expression = match_expression(text)
    if expression is None:
        return None
    letter = by_initial(text)
    if letter is not None:
        return ("initial", letter)
    if getattr(_matched, "text", None) == text:
        return "hits"
    return ("fts", expression) if keeps_derived(_database()) else ("like", text)


_matched = threading.local()  # the search whose matches this thread's connection holds


@contextlib.contextmanager
def matched_once(text: str) -> Iterator[None]:
    """Within this block (on this thread), the talents matching *text* are
    looked up once, into a temporary table of this connection, and every
    :func:`matching_ids` of the same text reads them from there.

    A search's read counts its matches per stage, then reads a page of one
    or two stages: three lookups of the index where one does, and a short
    search at 100,000 talents matches many.  No-op for an empty search, a
    one-letter one (read from the initials' tables) or on other databases."""
    expression = match_expression(text)
    db = _database()
    if expression is None or not keeps_derived(db) or getattr(_matched, "text", None) is not None or by_initial(text):
        yield
        return
    # created once per connection and emptied after use: creating or dropping
    # it changes the connection's schema, which makes every statement kept
    # by the sqlite3 module prepare again
    db.execute_sql("CREATE TEMPORARY TABLE IF NOT EXISTS search_hits (id INTEGER PRIMARY KEY)")
    db.execute_sql("DELETE FROM temp.search_hits")  # in case an interrupted read could not empty it
    try:
        db.execute_sql("INSERT INTO temp.search_hits SELECT rowid FROM talent_fts WHERE talent_fts MATCH ?", (expression,))
        _matched.text = text
        yield
    finally:
        _matched.text = None
        db.execute_sql("DELETE FROM temp.search_hits")


def talent_matches(column: peewee.Node, text: str, *, walk: bool = False) -> peewee.Node | None:
    """A WHERE condition: the talent whose id is *column* matches *text* (None: no filter).

    *walk* is for a query read in its own order (an index on other columns)
    that keeps the rows that match: each row is then checked alone — one
    lookup of its initial, or ``+ 0`` so that the database cannot drive the
    query by the talent id instead."""
    letter = by_initial(text) if walk else None
    if letter is not None:
        return peewee.fn.EXISTS(TalentInitial.select(peewee.SQL("1")).where((TalentInitial.letter == letter) & (TalentInitial.talent_id == column)))
    ids = matching_ids(text)
    if ids is None:
        return None
    return ((column + 0) if walk else column).in_(ids)


def column_match(column: str, text: str) -> peewee.Node | None:
    """The ids of the talents whose *column* (one of FTS_COLUMNS) holds the words of
    *text* in that order, from the index (for ``IN``); None where no index is kept or
    *text* has no word.  A first cut: the caller checks the exact value."""
    words = _words(text)[:_MAX_TERMS]
    if not words or column not in FTS_COLUMNS or not keeps_derived(_database()):
        return None
    phrase = " ".join(words)
    return peewee.SQL("(SELECT rowid FROM talent_fts WHERE talent_fts MATCH ?)", [f'{{{column}}} : "{phrase}"'])


def tags_hold(tag: str) -> peewee.Node | None:
    """PostgreSQL: a condition on the talent's row — its tags, split at the commas
    and lower-cased, hold *tag* — that reads the GIN index of migration 0031 (the
    very expression); a first cut, as :func:`column_match` is on SQLite, which
    has its search index for it (None there).  The caller checks the exact value."""
    if keeps_derived(_database()) or not tag:
        return None
    tags = peewee.fn.string_to_array(peewee.fn.lower(Talent.tags), peewee.SQL("','"))
    return peewee.NodeList((tags, peewee.SQL("@> ARRAY[lower(?)]", [tag])))


def talent_filter(text: str) -> peewee.Expression | None:
    """A WHERE expression on ``Talent.id`` matching *text*, or None for no filter."""
    ids = matching_ids(text)
    return None if ids is None else Talent.id.in_(ids)


def name_holds(text: str) -> peewee.Node | None:
    """A subquery of the ids of the talents whose name holds every word of
    *text* as a whole word (accents and case aside, in any order): the few
    names that may be *text*'s, looked up in the index, for a duplicate check
    (services/duplicates.py compares them).  None when *text* has no word."""
    words = _words(text)[:_MAX_TERMS]
    if not words:
        return None
    if keeps_derived(_database()):
        expression = " AND ".join(f'{{name}} : "{word}"' for word in words)
        return peewee.SQL("(SELECT rowid FROM talent_fts WHERE talent_fts MATCH ?)", [expression])
    condition = None
    for word in words:  # a whole word: from a word's start to its end
        term = peewee.SQL("sourcer_fold(name) ~ ?", [rf"\m{_literal(fold_as(_database(), word))}\M"])
        condition = term if condition is None else condition & term
    return Talent.select(Talent.id).where(condition)


def _literal(word: str) -> str:
    """*word* as a literal in a PostgreSQL regular expression: a folded word may
    hold punctuation (``㈠`` folds to ``(一)``)."""
    return "".join(c if c.isalnum() or c == "_" else "\\" + c for c in word)


def _like_filter(text: str) -> peewee.Node | None:
    """The search off SQLite (PostgreSQL): every word the prefix of a word of
    the talent's columns, accents and case aside (``sourcer_fold``, migration
    0002: ``unaccent``) — what the index's ``"word"*`` finds; a lone letter,
    the start of a word of the name."""
    words = [fold_as(_database(), word) for word in _words(text)[:_MAX_TERMS]]
    if not words:
        return None
    if len(words) == 1 and len(words[0]) == 1:  # as match_expression: a name's start
        return peewee.SQL("sourcer_initials(name) @> ARRAY[?]::text[]", [words[0]])  # migration 0028
    condition = None
    for word in words:
        term = peewee.SQL(f"{SEARCH_TEXT} ~ ?", [rf"\m{_literal(word)}"])
        condition = term if condition is None else condition & term
    return condition
