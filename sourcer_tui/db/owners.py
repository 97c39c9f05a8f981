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
import threading
from collections.abc import Iterator

import peewee

__all__ = ["current_login", "set_login", "acting_as", "owner_default", "is_shared", "session_role"]

_login: str = ""
_acting = threading.local()  # acting_as: this thread only


def current_login() -> str:
    """The login of the user writing now ("" for the single user)."""
    return getattr(_acting, "login", _login)


def set_login(login: str) -> None:
    """Every row written from now on is owned by *login* ("": by the single user, NULL)."""
    global _login
    _login = login or ""


@contextlib.contextmanager
def acting_as(login: str | None) -> Iterator[None]:
    """The block, in this thread, writes as *login* (None or "": the single user) —
    the daily planning writing on behalf of whoever planned it (services/cadence.py)."""
    missing = object()
    before = getattr(_acting, "login", missing)
    _acting.login = login or ""
    try:
        yield
    finally:
        if before is missing:
            del _acting.login
        else:
            _acting.login = before


def owner_default() -> str | None:
    """The ``owner`` column's default: the current login, NULL for the single user."""
    return current_login() or None


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
