"""Errors the services raise for the UI or CLI to show as one clear message."""

from __future__ import annotations

from ..i18n import N_, _

__all__ = ["ServiceError", "InvalidInput", "NotFound", "Conflict", "ReadOnly", "valid", "storage_trouble"]


class ServiceError(Exception):
    """Base class: ``str(error)`` is a sentence fit for the user."""


class InvalidInput(ServiceError):
    """Form data that cannot be saved; ``errors`` maps field -> message."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(_("{field}: {message}").format(field=field, message=message) for field, message in errors.items()))


class NotFound(ServiceError):
    """The row asked for does not exist (any more)."""


class Conflict(ServiceError):
    """The change contradicts what is stored (e.g. already in that mission)."""


class ReadOnly(ServiceError):
    """The database was opened read-only: no write is even tried (see db.database.read_only_reason)."""


#: SQLite's words for a write the storage refused -> what it means for the user.
_STORAGE_TROUBLE = (
    ("readonly", N_("the database is read-only — check the permissions of its file and folder")),
    ("disk is full", N_("the disk is full — free some space")),  # "database or disk is full"
    ("disk i/o error", N_("the disk reported an I/O error")),
    ("unable to open", N_("the database file could not be opened — was it moved, or its folder made read-only?")),
    ("database is locked", N_("another program kept the database busy too long")),
)


def storage_trouble(error: BaseException) -> str:
    """Why a write failed, in the user's words, with the database's own after
    it (any other error: its own words)."""
    import sqlite3

    import peewee

    said = str(error)
    if isinstance(error, (sqlite3.Error, peewee.DatabaseError)):
        for words, meaning in _STORAGE_TROUBLE:
            if words in said.lower():
                return f"{_(meaning)} ({said})"
    return said


def valid(result: tuple[dict, dict[str, str]]) -> dict:
    """The cleaned data of a domain validator's ``(cleaned, errors)``, or InvalidInput."""
    cleaned, errors = result
    if errors:
        raise InvalidInput(errors)
    return cleaned
