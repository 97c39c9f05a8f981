"""Short human forms of ages and counts for narrow columns."""

from __future__ import annotations

import datetime as dt

from ..i18n import _, formats, pgettext

__all__ = ["age", "count"]


def age(since: dt.datetime | dt.date | None, now: dt.datetime | dt.date) -> str:
    """``"today"``, ``"3d"``, ``"5w"``, ``"7mo"``, ``"2y"`` since *since*
    (``auj.``, ``3 j``, ``5 sem``, ``7 mois``, ``2 a`` in French)."""
    if since is None:
        return ""
    if isinstance(since, dt.datetime):
        since = since.date()
    if isinstance(now, dt.datetime):
        now = now.date()
    days = (now - since).days
    if days <= 0:
        return pgettext("age", "today") if days == 0 else pgettext("age", "soon")  # a narrow column: "auj." in French
    if days < 14:
        return _("{n}d").format(n=days)
    if days < 60:
        return _("{n}w").format(n=days // 7)
    if days < 730:
        return _("{n}mo").format(n=days // 30)
    return _("{n}y").format(n=days // 365)


def count(n: int) -> str:
    """``1234567`` -> ``"1,234,567"`` (``1 234 567`` in French)."""
    return formats.number(n)
