"""Introductions (social referral): how far an introduced talent went, the
milestones worth a thank-you, and the figures by introducer (no SQL here).

Definitions (also in the README):

* a talent is *introduced* when someone is recorded as having presented them
  (``talent.introducer_id``), whatever the talent's source;
* *contacted*: a first message was logged in one of their candidacies;
  *replied*: they replied in one of them;
* *reached interview*: one of their candidacies is at the interview stage or
  further (offer, hired…), or an interview was logged with them — a candidacy
  closed after an interview still reached it;
* *hired*: one of their candidacies is at the last stage (``hired``).

The furthest stage of a talent is the furthest of those stages in the
pipeline's order; a talent whose candidacies are all closed shows the furthest
stage they reached, known from their contacts (approached, replied,
interviewing), with the closing stage beside it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..i18n import N_, _
from .vocab import CLOSED_STAGES

__all__ = ["MILESTONES", "Progress", "IntroducerFigures", "progress", "milestone_due", "figures", "milestone_label", "REFERRAL_SOURCES"]

#: The milestones that earn the introducer a thank-you, in order.
MILESTONES: tuple[str, ...] = ("interview", "hired")
_MILESTONE_LABELS = {"interview": N_("reached interview"), "hired": N_("hired")}
#: The sources that say "introduced": the Stats count how many introduced talents have one.
REFERRAL_SOURCES: tuple[str, ...] = ("referral", "social_referral")


def milestone_label(milestone: str) -> str:
    known = _MILESTONE_LABELS.get(milestone)
    return _(known) if known else milestone


def _interview_stage(stages: Sequence[str]) -> str | None:
    return "interviewing" if "interviewing" in stages else None


def _hired_stage(stages: Sequence[str]) -> str:
    return "hired" if "hired" in stages else stages[-1]


@dataclass(frozen=True)
class Progress:
    """How far one introduced talent went."""

    furthest: str  # a stage of the pipeline, "" if in no mission and never contacted
    closed: str  # "declined" | "rejected" when every candidacy is closed, else ""
    contacted: bool
    replied: bool
    interviewed: bool  # reached interview
    hired: bool


def progress(candidacy_stages: Iterable[str], contacted: bool, replied: bool, interview_logged: bool, stages: Sequence[str]) -> Progress:
    """The :class:`Progress` of a talent from their candidacies' stages and what
    their contacts say (a first message, a reply, an interview logged).  Kept
    per distinct answer: the Stats ask it for thousands of talents, who share a
    few dozen."""
    return _progress(tuple(sorted(candidacy_stages)), bool(contacted), bool(replied), bool(interview_logged), tuple(stages))


@functools.lru_cache(maxsize=4096)
def _progress(current_stages: tuple[str, ...], contacted: bool, replied: bool, interview_logged: bool, stages_order: tuple[str, ...]) -> Progress:
    stages = list(stages_order)
    current = list(current_stages)
    open_ = [s for s in current if s in stages]
    rank = {s: i for i, s in enumerate(stages)}
    known = set(open_)
    if contacted and "approached" in rank:
        known.add("approached")
    if replied and "replied" in rank:
        known.add("replied")
    interview = _interview_stage(stages)
    if interview_logged and interview:
        known.add(interview)
    if current and not known:
        known.add(stages[0])
    furthest = max(known, key=rank.__getitem__) if known else ""
    closed = ""
    if current and not open_:
        closed = "rejected" if "rejected" in current else next((s for s in current if s in CLOSED_STAGES), "")
    hired = _hired_stage(stages) in open_
    reached = hired or (interview is not None and furthest != "" and rank[furthest] >= rank[interview])
    return Progress(furthest, closed, contacted, replied, reached, hired)


def milestone_due(p: Progress) -> str | None:
    """The milestone a thank-you is owed for: ``hired`` covers ``interview``."""
    if p.hired:
        return "hired"
    if p.interviewed:
        return "interview"
    return None


@dataclass(frozen=True)
class IntroducerFigures:
    """One line of the Stats' *by introducer* section."""

    introducer_id: int
    name: str
    introductions: int = 0
    contacted: int = 0
    replied: int = 0
    interviewed: int = 0
    hired: int = 0
    #: introduced talents whose source is referral or social referral
    referral_source: int = 0

    def as_dict(self) -> dict:
        return {"introducer_id": self.introducer_id, "name": self.name, "introductions": self.introductions, "contacted": self.contacted,
                "replied": self.replied, "reached_interview": self.interviewed, "hired": self.hired, "referral_source": self.referral_source}


def figures(rows: Iterable[tuple[int, str, str, Progress]]) -> list[IntroducerFigures]:
    """The *by introducer* lines from ``(introducer id, name, talent source, progress)``
    per introduced talent: most introductions first, then by name."""
    by: dict[int, list] = {}
    for introducer_id, name, source, p in rows:
        line = by.setdefault(introducer_id, [name, 0, 0, 0, 0, 0, 0])
        line[1] += 1
        line[2] += p.contacted
        line[3] += p.replied
        line[4] += p.interviewed
        line[5] += p.hired
        line[6] += source in REFERRAL_SOURCES
    out = [IntroducerFigures(i, *v) for i, v in by.items()]
    return sorted(out, key=lambda f: (-f.introductions, f.name.casefold(), f.introducer_id))
