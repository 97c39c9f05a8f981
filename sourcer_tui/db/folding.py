"""Names folded for sorting: case and accents set aside, so that *Élodie*
sorts with the E's, between *Eddy* and *Emile*, not after *Zoé*.

SQLite compares text byte by byte (``É`` comes after ``z``): ``sourcer_fold``,
registered on every connection by ``open_database`` (:func:`register`), gives
the folded text.  PostgreSQL has it as an SQL function over the ``unaccent``
extension (:func:`install_postgres`, migration 0002): ``Œ`` -> ``OE``, ``ß`` ->
``ss`` as here.
"""

from __future__ import annotations

import functools
import unicodedata

import peewee

from .dialect import keeps_derived

__all__ = ["FUNCTION", "fold", "fold_as", "folded", "register", "install_postgres"]

FUNCTION = "sourcer_fold"


@functools.lru_cache(maxsize=4096)
def fold(text: str | None) -> str:
    """``"Élodie"`` -> ``"elodie"``; ``"Œuvre"`` -> ``"oeuvre"``; ``"Straße"`` -> ``"strasse"``."""
    if not text:
        return ""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.replace("Œ", "OE").replace("œ", "oe").replace("Æ", "AE").replace("æ", "ae").casefold()


_SERVER_FOLDS: dict[str, str] = {}


def fold_as(db: peewee.Database, text: str) -> str:
    """*text* folded as *db* folds its columns (``sourcer_fold``): :func:`fold` on
    SQLite; on PostgreSQL the server's ``lower(unaccent(...))``, whose rules are
    not Unicode's decomposition (``ø`` -> ``o``; Hangul syllables and the kana's
    voicing marks kept whole): a search folded by :func:`fold` found no *Bjørn*,
    no Korean name, and かおり for が.  Asked once per text (ASCII folds alike), kept."""
    if keeps_derived(db) or text.isascii():
        return fold(text)
    found = _SERVER_FOLDS.get(text)
    if found is None:
        (found,) = db.execute_sql(f"SELECT {FUNCTION}(?)", (text,)).fetchone()
        if len(_SERVER_FOLDS) >= 4096:
            _SERVER_FOLDS.clear()
        _SERVER_FOLDS[text] = found
    return found


def register(db: peewee.Database) -> None:
    """Make ``sourcer_fold(text)`` known to every connection of *db*."""
    if keeps_derived(db):
        db.register_function(fold, FUNCTION, 1, deterministic=True)


def install_postgres(db: peewee.Database) -> None:
    """``sourcer_fold(text)`` on a PostgreSQL database: ``lower(unaccent(text))``,
    declared IMMUTABLE (the dictionary named) so that an index may use it."""
    db.execute_sql("CREATE EXTENSION IF NOT EXISTS unaccent")
    db.execute_sql(
        "CREATE OR REPLACE FUNCTION sourcer_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS "
        "$$ SELECT lower(unaccent('unaccent'::regdictionary, COALESCE($1, ''))) $$")


def folded(column: peewee.Node) -> peewee.Node:
    """SQL for *column* folded as :func:`fold` does (``sourcer_fold`` on both databases)."""
    return peewee.fn.sourcer_fold(column)
