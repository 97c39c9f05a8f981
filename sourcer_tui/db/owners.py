"""Who is writing: the login every new candidacy, touchpoint, reminder and
snooze records as its ``owner`` (migration 0025).

The login is set once when the database is opened for a user
(:func:`set_login`, from ``services/team.py``): the ``owner`` columns take it
as their default, so no write path has to pass it along — the same way the
text columns clean what they store (``fields.py``).  An empty login (the
single user of a SQLite file) writes NULL: a solo file stays as it was.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import peewee

__all__ = ["current_login", "set_login", "acting_as", "owner_default", "is_shared", "session_role"]

_login: str = ""


def current_login() -> str:
    """The login of the user writing now ("" for the single user)."""
    return _login


def set_login(login: str) -> None:
    """Every row written from now on is owned by *login* ("": by the single user, NULL)."""
    global _login
    _login = login or ""


@contextlib.contextmanager
def acting_as(login: str) -> Iterator[None]:
    """The block writes as *login* (tests: a teammate writing to the same file)."""
    before = _login
    set_login(login)
    try:
        yield
    finally:
        set_login(before)


def owner_default() -> str | None:
    """The ``owner`` column's default: the current login, NULL for the single user."""
    return _login or None


def is_shared(db: peewee.Database) -> bool:
    """Whether *db* is a database server that teammates share (PostgreSQL): the
    owner UI then shows even before a teammate has written anything."""
    return isinstance(db, peewee.PostgresqlDatabase)


def session_role(db: peewee.Database) -> str:
    """The database role of the connection on a shared database ("" elsewhere):
    the login when ``[profile] login`` is not set."""
    if not is_shared(db):
        return ""
    row = db.execute_sql("SELECT current_user").fetchone()
    return str(row[0]) if row and row[0] else ""
