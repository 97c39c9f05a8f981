"""Facts about the database file itself (table ``meta``, migration 0013).

Not data of the sourcer's: neither exported nor imported.  One fact so far:
:data:`DEMO` marks a file of demo data (sourcer_tui/demo writes it), which
never sends mail but to a test server on this machine.
"""

from __future__ import annotations

from .models import database_proxy

__all__ = ["DEMO", "get", "put", "is_demo"]

DEMO = "demo"


def get(key: str) -> str | None:
    db = database_proxy.obj
    row = db.execute_sql(f"SELECT value FROM meta WHERE key = {db.param}", (key,)).fetchone()
    return None if row is None else row[0]


def put(key: str, value: str) -> None:
    """Set *key* (inside the caller's transaction, if any)."""
    db = database_proxy.obj
    with db.atomic():
        db.execute_sql(f"DELETE FROM meta WHERE key = {db.param}", (key,))
        db.execute_sql(f"INSERT INTO meta (key, value) VALUES ({db.param}, {db.param})", (key, value))


def is_demo() -> bool:
    """Whether the open database is a file of demo data (``--demo``, ``demo-data``)."""
    return get(DEMO) is not None
