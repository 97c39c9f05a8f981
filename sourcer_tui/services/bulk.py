"""Bulk actions on the rows selected in the Pipeline: each is ONE transaction.

Each action runs the single-row service once per row (a stage move, a close
with its reason, a snooze, an add to a mission) inside one outer write
transaction: the derived tables (search index, stage counts, initials,
Stats rows) are kept by their triggers row by row, exactly as for a single
change, and an error in any row leaves every row as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path

from ..db.database import write_transaction
from ..db.models import Candidacy, Talent
from ..domain.stages import is_closed
from ..domain.text import normalise_tags
from ..domain.vocab import DEFAULT_STAGES
from ..i18n import _
from . import exchange, pipeline, snoozes, touchpoints
from .errors import InvalidInput, NotFound

__all__ = ["move", "close", "snooze", "add_to_mission", "tag", "export_csv", "talents_of", "MAX_CHANGED"]

#: The most rows one bulk change takes (an export takes any number): each row is
#: written by its own service call and read twice for undo, in the app's thread.
MAX_CHANGED = 1000


def _unique(values: Iterable[int | None]) -> list[int]:
    return list(dict.fromkeys(v for v in values if v is not None))


def move(candidacy_ids: Iterable[int], stage: str, now: dt.datetime, stages: Sequence[str] = DEFAULT_STAGES) -> int:
    """Every candidacy to *stage* (an open stage or hired: declined and rejected ask
    their reason, :func:`close`).  Returns how many moved (those already there stay).
    *stages*: the pipeline's order (an introducer's thank-you, services/introducers)."""
    if is_closed(stage):
        raise InvalidInput({"stage": _("a closing stage needs its reason")})
    moved = 0
    with write_transaction():
        for candidacy_id in _unique(candidacy_ids):
            current = pipeline.stage_of(candidacy_id)
            if current is None:
                raise NotFound(_("candidacy {id} does not exist").format(id=candidacy_id))
            if current != stage:
                pipeline.move_stage(candidacy_id, stage, now, stages)
                moved += 1
    return moved


def close(candidacy_ids: Iterable[int], outcome: str, data: Mapping[str, str], reasons: Sequence[str], now: dt.datetime) -> int:
    """Close every candidacy as *outcome* (declined / rejected) with one reason and
    feedback, as the single close does (touchpoints.close_candidacy), each its own
    decision in its timeline.  Those already closed that way stay.  Returns how many closed."""
    closed = 0
    with write_transaction():
        for candidacy_id in _unique(candidacy_ids):
            if pipeline.stage_of(candidacy_id) == outcome:
                continue
            touchpoints.close_candidacy(candidacy_id, outcome, data, reasons, now)
            closed += 1
    return closed


def snooze(talent_ids: Iterable[int], until: dt.date, reason: str, now: dt.datetime, *, kind: str = "manual",
           skip_weekends: bool = True) -> int:
    """Snooze every talent until *until* (replacing each one's active snooze)."""
    chosen = _unique(talent_ids)
    with write_transaction():
        for talent_id in chosen:
            snoozes.snooze_talent(talent_id, until, reason, now, kind=kind, skip_weekends=skip_weekends)
    return len(chosen)


def add_to_mission(talent_ids: Iterable[int], mission_id: int, now: dt.datetime, stage: str = "sourced") -> tuple[int, int]:
    """Every talent into the mission at *stage*; ``(added, already there)``."""
    added = already = 0
    with write_transaction():
        there = set(Candidacy.select(Candidacy.talent).where(Candidacy.mission == mission_id).tuples())
        there = {talent for (talent,) in there}
        for talent_id in _unique(talent_ids):
            if talent_id in there:
                already += 1
                continue
            pipeline.add_to_mission(talent_id, mission_id, now, stage)
            added += 1
    return added, already


def tag(talent_ids: Iterable[int], tags: str, now: dt.datetime) -> int:
    """Add *tags* (comma separated) to every talent; returns how many changed."""
    extra = normalise_tags(tags)
    if not extra:
        raise InvalidInput({"tags": _("a tag is required")})
    changed = 0
    with write_transaction():
        for talent_id in _unique(talent_ids):
            current = Talent.select(Talent.tags).where(Talent.id == talent_id).scalar()
            if current is None:
                raise NotFound(_("talent {id} does not exist").format(id=talent_id))
            merged = normalise_tags(f"{current},{extra}")
            if merged != current:
                Talent.update(tags=merged, updated_at=now).where(Talent.id == talent_id).execute()
                changed += 1
    return changed


def export_csv(talent_ids: Collection[int], out: Path, *, dialect: str = "en", force: bool = False) -> dict[str, int]:
    """The selected talents (every candidacy of theirs, or their pool row) as the CSV export writes them."""
    return exchange.export_csv(out, talent_ids=_unique(talent_ids), dialect=dialect, force=force)


def talents_of(candidacy_ids: Iterable[int]) -> dict[int, int]:
    """candidacy id -> talent id."""
    ids = _unique(candidacy_ids)
    return dict(Candidacy.select(Candidacy.id, Candidacy.talent).where(Candidacy.id.in_(ids)).tuples()) if ids else {}
