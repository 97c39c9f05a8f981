"""Pipeline stage order and moves between stages."""

from __future__ import annotations

from collections.abc import Sequence

from .vocab import CLOSED_STAGES

__all__ = ["all_stages", "adjacent_stage", "is_closed", "past_outreach"]


def all_stages(stages: Sequence[str], extra: Sequence[str] = ()) -> list[str]:
    """Configured stages, then the closed outcomes, then any *extra* stage found in
    the data but no longer configured (so that nothing ever disappears from view)."""
    ordered = list(stages) + [s for s in CLOSED_STAGES if s not in stages]
    ordered += [s for s in extra if s not in ordered]
    return ordered


def is_closed(stage: str) -> bool:
    return stage in CLOSED_STAGES


def past_outreach(stages: Sequence[str], stage: str) -> bool:
    """Whether a candidacy moved to *stage* is past outreach: a configured stage
    after ``approached`` (replied, screening…), so that the talent answered and
    no follow-up is to go out.  False when ``approached`` is not configured."""
    if stage not in stages or "approached" not in stages:
        return False
    return list(stages).index(stage) > list(stages).index("approached")


def adjacent_stage(stages: Sequence[str], current: str, delta: int) -> str | None:
    """The open stage *delta* steps from *current*, or None at either end.

    Closed outcomes and unknown stages have no neighbour: reopening a
    candidacy is an explicit choice of stage.
    """
    if current not in stages:
        return None
    index = list(stages).index(current) + delta
    if 0 <= index < len(stages):
        return stages[index]
    return None
