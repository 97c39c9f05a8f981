"""Shortlist check-ins: who was on a shortlist, and what their call says.

Sourcers call the people who were on a shortlist every few months, even with
no job to offer (seeds: *non-conférence recrutement*).  A candidacy was on the
shortlist when it **reached interview or later**: the stage has no history in
the file (closing it writes ``declined`` / ``rejected`` over it), so this is
known from two facts that are kept:

* its stage, while it is open: ``interviewing`` or any stage after it in the
  configured order (``reverse_interview``, ``offer``) — the hire excepted;
* an ``interview`` or ``reverse_interview`` touchpoint logged on it, which
  stays after it closes.

The flow that closes one candidacy asks before writing (the stage is still
there); closing a mission asks of every candidacy of the mission.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..i18n import ngettext

__all__ = ["SHORTLIST_FROM", "INTERVIEW_KINDS", "HIRED", "reached_shortlist", "checkin_reason"]

#: The first stage of the shortlist.
SHORTLIST_FROM = "interviewing"
#: Touchpoint kinds that prove a candidacy reached interview.
INTERVIEW_KINDS: frozenset[str] = frozenset({"interview", "reverse_interview"})
#: The stage of a hire: no check-in for them.
HIRED = "hired"
#: The shortlist's stages when the configured ones do not name ``interviewing``.
_DEFAULT_SHORTLIST = ("interviewing", "reverse_interview", "offer")


def reached_shortlist(stage: str, stages: Sequence[str], interviewed: bool) -> bool:
    """Whether a candidacy now at *stage* (*stages*: the configured order) reached
    interview or later without being hired; *interviewed*: an interview was logged on it."""
    if stage == HIRED:
        return False
    if interviewed:
        return True
    if SHORTLIST_FROM in stages and stage in stages:
        return list(stages).index(stage) >= list(stages).index(SHORTLIST_FROM)
    return stage in _DEFAULT_SHORTLIST


def checkin_reason(every_months: int) -> str:
    """What a shortlist check-in call says: ``shortlist check-in every 4 months``."""
    return ngettext("shortlist check-in every {n} month", "shortlist check-in every {n} months", every_months).format(n=every_months)
