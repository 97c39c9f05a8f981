"""Interview grids: a mission's criteria, the scores of an interview, averages.

A mission's grid is edited as a whole (one transaction); an interview's
scores are written with its feedback, in the feedback's transaction
(services/touchpoints.save_feedback).  The form's values carry them as
``score:<criterion id>`` and ``evidence:<criterion id>``
(domain/grids.form_scores).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from peewee import JOIN, fn

from ..db.database import write_transaction
from ..db.models import Candidacy, GridCriterion, GridScore, Mission, Touchpoint
from ..db.values import as_datetime
from ..domain.grids import Criterion, GRID_KINDS, form_scores, format_levels, parse_levels, starter_grid, validate_grid
from ..i18n import _
from .errors import InvalidInput, NotFound

__all__ = [
    "GridLine", "FilledGrid", "mission_grid", "has_grid", "save_grid", "scored_criteria", "adopt_starter",
    "touchpoint_grid", "write_scores", "talent_grids", "candidacy_averages", "average_expression",
]


@dataclass(frozen=True)
class GridLine:
    """One criterion of an interview's grid, and what was written for it."""

    criterion: Criterion
    score: int | None = None
    evidence: str = ""


@dataclass(frozen=True)
class FilledGrid:
    """An interview's filled grid, as the talent's screen shows it."""

    touchpoint_id: int
    happened_at: dt.datetime
    mission: str
    lines: tuple[GridLine, ...]

    @property
    def scores(self) -> list[int | None]:
        return [line.score for line in self.lines]


def _criterion(row: GridCriterion) -> Criterion:
    return Criterion(row.name, parse_levels(row.levels), row.id)


def mission_grid(mission_id: int) -> list[Criterion]:
    """The mission's criteria in their order (empty: the mission has no grid)."""
    query = GridCriterion.select().where(GridCriterion.mission == mission_id).order_by(GridCriterion.position, GridCriterion.id)
    return [_criterion(row) for row in query]


def has_grid(mission_id: int | None) -> bool:
    return isinstance(mission_id, int) and GridCriterion.select().where(GridCriterion.mission == mission_id).exists()


def scored_criteria(mission_id: int) -> dict[int, int]:
    """How many interviews scored each criterion of the mission (criteria never scored left out)."""
    query = (GridScore.select(GridScore.criterion, fn.COUNT(GridScore.id))
             .join(GridCriterion).where(GridCriterion.mission == mission_id).group_by(GridScore.criterion).tuples())
    return dict(query)


def save_grid(mission_id: int, criteria: Sequence[Criterion]) -> list[Criterion]:
    """Make the mission's grid *criteria*, in this order, one transaction: a
    criterion with an id is updated, one without is added, one left out is
    removed with its scores (the caller asked first, see :func:`scored_criteria`)."""
    cleaned, error = validate_grid(criteria)
    if error:
        raise InvalidInput({"grid": error})
    with write_transaction():
        if not Mission.select().where(Mission.id == mission_id).exists():
            raise NotFound(_("mission {id} does not exist").format(id=mission_id))
        kept = {c.id for c in cleaned if c.id is not None}
        GridCriterion.delete().where((GridCriterion.mission == mission_id) & GridCriterion.id.not_in(kept)).execute()
        for position, criterion in enumerate(cleaned):
            values = {"position": position, "name": criterion.name, "levels": format_levels(criterion.levels)}
            updated = 0
            if criterion.id is not None:
                updated = GridCriterion.update(**values).where(
                    (GridCriterion.id == criterion.id) & (GridCriterion.mission == mission_id)).execute()
            if not updated:
                GridCriterion.insert(mission=mission_id, **values).execute()
    return mission_grid(mission_id)


def adopt_starter(mission_id: int) -> list[Criterion]:
    """Give the mission the built-in starter grid (in the reader's language) if it has none."""
    if has_grid(mission_id):
        return mission_grid(mission_id)
    return save_grid(mission_id, starter_grid())


def touchpoint_grid(touchpoint_id: int, kind: str, candidacy_id: int | None) -> tuple[GridLine, ...]:
    """The grid an interview is scored on: its mission's criteria with the scores
    written so far (none for a contact that is not an interview, or outside a mission)."""
    if kind not in GRID_KINDS or candidacy_id is None:
        return ()
    query = (
        GridCriterion.select(GridCriterion.id, GridCriterion.name, GridCriterion.levels, GridScore.score, GridScore.evidence)
        .join_from(GridCriterion, Candidacy, on=(Candidacy.mission == GridCriterion.mission))
        .join_from(GridCriterion, GridScore, JOIN.LEFT_OUTER,
                   on=((GridScore.criterion == GridCriterion.id) & (GridScore.touchpoint == touchpoint_id)))
        .where(Candidacy.id == candidacy_id)
        .order_by(GridCriterion.position, GridCriterion.id)
        .tuples()
    )
    return tuple(GridLine(Criterion(name, parse_levels(levels), cid), score, evidence or "")
                 for cid, name, levels, score, evidence in query)


def write_scores(touchpoint: Touchpoint, data: Mapping[str, str]) -> None:
    """The scores in the form's *data*, for the criteria of the touchpoint's
    mission; call inside the feedback's transaction.  A criterion left blank
    (no score, no evidence) has no row."""
    typed = form_scores(data)
    if not typed or touchpoint.kind not in GRID_KINDS or touchpoint.candidacy_id is None:
        return
    mission = Candidacy.select(Candidacy.mission).where(Candidacy.id == touchpoint.candidacy_id).scalar()
    known = {cid for (cid,) in GridCriterion.select(GridCriterion.id).where(GridCriterion.mission == mission).tuples()}
    for criterion_id, (score, evidence) in typed.items():
        if criterion_id not in known:
            continue  # removed from the grid while the form was open
        GridScore.delete().where((GridScore.touchpoint == touchpoint.id) & (GridScore.criterion == criterion_id)).execute()
        if score is not None or evidence:
            GridScore.insert(touchpoint=touchpoint.id, criterion=criterion_id, score=score, evidence=evidence).execute()


def talent_grids(talent_id: int) -> list[FilledGrid]:
    """The talent's filled grids, newest interview first."""
    query = (
        GridScore.select(GridScore.touchpoint, Touchpoint.happened_at, Mission.title, GridCriterion.id, GridCriterion.name,
                         GridCriterion.levels, GridScore.score, GridScore.evidence)
        .join_from(GridScore, Touchpoint)
        .join_from(GridScore, GridCriterion)
        .join_from(GridCriterion, Mission)
        .where(Touchpoint.talent == talent_id)
        .order_by(Touchpoint.happened_at.desc(), GridScore.touchpoint.desc(), GridCriterion.position, GridCriterion.id)
        .tuples()
    )
    grids: list[FilledGrid] = []
    for tp, at, mission, cid, name, levels, score, evidence in query:
        line = GridLine(Criterion(name, parse_levels(levels), cid), score, evidence)
        if grids and grids[-1].touchpoint_id == tp:
            grids[-1] = FilledGrid(tp, grids[-1].happened_at, mission, grids[-1].lines + (line,))
        else:
            grids.append(FilledGrid(tp, as_datetime(at), mission, (line,)))
    return grids


def average_expression(candidacy_field=Candidacy.id):
    """Correlated: the mean score of every grid of the candidacy's interviews
    (NULL when none): read on touchpoint_candidacy_time and grid_score_touchpoint."""
    return (GridScore.select(fn.AVG(GridScore.score))
            .join(Touchpoint, on=(GridScore.touchpoint == Touchpoint.id))
            .where(Touchpoint.candidacy == candidacy_field))


def candidacy_averages(candidacy_ids: Sequence[int]) -> dict[int, float]:
    """The grid average of each candidacy given that has a score."""
    if not candidacy_ids:
        return {}
    query = (GridScore.select(Touchpoint.candidacy, fn.AVG(GridScore.score))
             .join(Touchpoint, on=(GridScore.touchpoint == Touchpoint.id))
             .where(Touchpoint.candidacy.in_(list(candidacy_ids)) & GridScore.score.is_null(False))
             .group_by(Touchpoint.candidacy).tuples())
    return {cid: avg for cid, avg in query}
