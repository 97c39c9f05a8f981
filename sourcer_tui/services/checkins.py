"""Shortlist check-ins: who was on a mission's shortlist, and planning their calls.

Accepting a check-in is keeping the talent in touch every N months
(``[talent] shortlist_checkin_months``), the call tied to the closed candidacy
(services/snoozes.py, :func:`~.snoozes.check_in`): no parallel mechanism, so a
reply, a contact, ``d``, ``x`` and stopping keeping in touch treat it as they
treat any keep-in-touch call.  What "on the shortlist" means: domain/checkins.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..db.database import write_transaction
from ..db.models import Candidacy, Talent, Touchpoint
from ..domain.checkins import HIRED, INTERVIEW_KINDS, reached_shortlist
from ..i18n import _
from . import snoozes
from .errors import NotFound

__all__ = ["Shortlisted", "shortlisted", "mission_shortlist", "accept"]


@dataclass(frozen=True)
class Shortlisted:
    """A talent of a mission's shortlist, not hired."""

    talent_id: int
    candidacy_id: int
    name: str


def _interviewed(candidacy_ids: Iterable[int]) -> set[int]:
    ids = list(candidacy_ids)
    if not ids:
        return set()
    query = Touchpoint.select(Touchpoint.candidacy).where(Touchpoint.candidacy.in_(ids) & Touchpoint.kind.in_(sorted(INTERVIEW_KINDS))).distinct()
    return {cid for (cid,) in query.tuples()}


def shortlisted(candidacy_id: int, stages: Sequence[str]) -> bool:
    """Whether the candidacy reached interview or later and was not hired (asked
    before it closes: its stage is still known), its talent not kept in touch yet
    (their calls are planned already, at the rhythm chosen for them)."""
    candidacy = Candidacy.get_or_none(Candidacy.id == candidacy_id)
    if candidacy is None:
        raise NotFound(_("candidacy {id} does not exist").format(id=candidacy_id))
    if Talent.select().where((Talent.id == candidacy.talent_id) & Talent.keep_in_touch_months.is_null(False)).exists():
        return False
    return reached_shortlist(candidacy.stage, stages, bool(_interviewed([candidacy_id])))


def mission_shortlist(mission_id: int, stages: Sequence[str]) -> list[Shortlisted]:
    """The mission's candidacies that reached interview or later, of talents hired
    nowhere, not anonymised and not kept in touch yet, by name."""
    rows = list(
        Candidacy.select(Candidacy.id, Candidacy.stage, Talent.id, Talent.name)
        .join(Talent)
        .where((Candidacy.mission == mission_id) & Talent.anonymised_at.is_null() & Talent.keep_in_touch_months.is_null())
        .order_by(Talent.name_key, Talent.id)
        .tuples()
    )
    interviewed = _interviewed(cid for cid, *_rest in rows)
    hired = {tid for (tid,) in Candidacy.select(Candidacy.talent).where(
        Candidacy.talent.in_([tid for _c, _s, tid, _n in rows]) & (Candidacy.stage == HIRED)).tuples()} if rows else set()
    return [
        Shortlisted(tid, cid, name) for cid, stage, tid, name in rows
        if tid not in hired and reached_shortlist(stage, stages, cid in interviewed)
    ]


def accept(checkins: Iterable[tuple[int, int]], months: int, now: dt.datetime, skip_weekends: bool) -> int:
    """Check in with each ``(talent id, candidacy id)`` every *months*, in one
    transaction (all or none).  Returns how many."""
    pairs = list(checkins)
    with write_transaction():
        for talent_id, candidacy_id in pairs:
            snoozes.check_in(talent_id, candidacy_id, months, now, skip_weekends)
    return len(pairs)
