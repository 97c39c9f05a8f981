"""Short human forms of ages and counts for narrow columns."""

from __future__ import annotations

import datetime as dt

__all__ = ["age", "count"]


def age(since: dt.datetime | dt.date | None, now: dt.datetime | dt.date) -> str:
    """``"today"``, ``"3d"``, ``"5w"``, ``"7mo"``, ``"2y"`` since *since*."""
    if since is None:
        return ""
    if isinstance(since, dt.datetime):
        since = since.date()
    if isinstance(now, dt.datetime):
        now = now.date()
    days = (now - since).days
    if days <= 0:
        return "today" if days == 0 else "soon"
    if days < 14:
        return f"{days}d"
    if days < 60:
        return f"{days // 7}w"
    if days < 730:
        return f"{days // 30}mo"
    return f"{days // 365}y"


def count(n: int) -> str:
    """``1234567`` -> ``"1,234,567"``."""
    return f"{n:,}"
