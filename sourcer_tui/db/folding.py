"""Names folded for sorting: case and accents set aside, so that *Élodie*
sorts with the E's, between *Eddy* and *Emile*, not after *Zoé*.

SQLite compares text byte by byte (``É`` comes after ``z``): ``sourcer_fold``,
registered on every connection by ``open_database`` (:func:`register`), gives
the folded text; other databases get the lower-cased name.
"""

from __future__ import annotations

import functools
import unicodedata

import peewee

from .dialect import keeps_derived
from .models import database_proxy

__all__ = ["FUNCTION", "fold", "folded", "register"]

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


def register(db: peewee.Database) -> None:
    """Make ``sourcer_fold(text)`` known to every connection of *db*."""
    if keeps_derived(db):
        db.register_function(fold, FUNCTION, 1, deterministic=True)


def folded(column: peewee.Node) -> peewee.Node:
    """SQL for *column* folded as :func:`fold` does (lower case only, off SQLite)."""
    if keeps_derived(database_proxy.obj):
        return peewee.fn.sourcer_fold(column)
    return peewee.fn.LOWER(column)
