"""Talents who may be someone already here: the same name, accents, case and
word order aside (*Élodie Martin* and *martin elodie*), and a search to pick
one by name (the merge's picker).

Fast at 100,000 talents: the search index finds the few names holding every
word (:func:`~sourcer_tui.db.search.name_holds`), then the words are compared
here (:func:`~sourcer_tui.domain.merge.same_name`) — no table scan, no column
of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..db import search
from ..db.models import Talent
from ..domain.merge import same_name

__all__ = ["Similar", "similar_names", "find_talents"]

#: Names holding every word, read to compare: far more than one person has namesakes.
_READ = 500


@dataclass(frozen=True)
class Similar:
    id: int
    name: str
    company: str
    email: str = ""
    linkedin_url: str = ""


def similar_names(name: str, *, exclude: int | None = None, limit: int = 5) -> list[Similar]:
    """The talents whose name is *name*'s words (accents, case and order aside), oldest first."""
    ids = search.name_holds(name)
    if ids is None:
        return []
    query = Talent.select(Talent.id, Talent.name, Talent.company, Talent.email, Talent.linkedin_url).where(Talent.id.in_(ids))
    if exclude is not None:
        query = query.where(Talent.id != exclude)
    found = [Similar(*row) for row in query.order_by(Talent.id).limit(_READ).tuples() if same_name(row[1], name)]
    return found[:limit]


def find_talents(text: str, *, exclude: int | None = None, limit: int = 20) -> list[Similar]:
    """Talents matching a search (as the Pipeline's ``/``), by name: the merge's picker."""
    condition = search.talent_filter(text)
    query = Talent.select(Talent.id, Talent.name, Talent.company, Talent.email, Talent.linkedin_url)
    if condition is not None:
        query = query.where(condition)
    if exclude is not None:
        query = query.where(Talent.id != exclude)
    return [Similar(*row) for row in query.order_by(Talent.name, Talent.id).limit(limit).tuples()]
