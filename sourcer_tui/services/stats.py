"""Outreach analytics from the touchpoints, as SQL aggregates.

The cohort (candidacies whose first message falls in the range, for one
mission or all) and each one's first reply are put in two temporary tables;
every figure is then one aggregate over them.  See :mod:`..domain.stats` for
the definitions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import peewee

from ..db.dialect import days_between
from ..db.models import database_proxy
from ..domain.stats import GlobalFigures, Report, StepFigures, group_reasons, merge_source_names

__all__ = ["compute", "since_for"]

OUTREACH = ("approach", "followup")
REPLIES = ("reply_positive", "reply_negative")


def since_for(days: int | None, today: dt.date) -> dt.date | None:
    """The first day of a "last N days" range (None = all time)."""
    return None if days is None else today - dt.timedelta(days=days - 1)


def compute(mission_id: int | None, since: dt.date | None, reasons: Sequence[str], sources: Sequence[str] = (), until: dt.date | None = None) -> Report:
    """Every figure of the Stats screen for one mission (or all) and a range of first messages."""
    db = database_proxy.obj
    with db.atomic():  # one consistent read; the temporary tables go with it
        _build(db, mission_id, since, until)
        try:
            return Report(
                steps=_steps(db),
                overall=_global(db, None),
                decline_reasons=group_reasons(_rows(db, "SELECT c.decline_reason, COUNT(*) FROM candidacy c JOIN stats_cohort k ON k.cid = c.id WHERE c.stage = 'declined' GROUP BY c.decline_reason"), reasons),
                by_source=merge_source_names(
                    {source: _global(db, source) for (source,) in _rows(db, "SELECT DISTINCT source FROM stats_cohort")}, sources
                ),
            )
        finally:
            db.execute_sql("DROP TABLE IF EXISTS stats_cohort")
            db.execute_sql("DROP TABLE IF EXISTS stats_replies")


def _rows(db: peewee.Database, sql: str, params: Sequence = ()) -> list[tuple]:
    return list(db.execute_sql(sql.replace("?", db.param), params).fetchall())


def _in(values: Sequence[str]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"  # constants of this module only


def _build(db: peewee.Database, mission_id: int | None, since: dt.date | None, until: dt.date | None) -> None:
    where, having, params = ["t.kind = 'approach'"], [], []
    if mission_id is not None:
        where.append("c.mission_id = ?")
        params.append(mission_id)
    if since is not None:
        having.append("MIN(t.happened_at) >= ?")
        params.append(dt.datetime.combine(since, dt.time()).isoformat(" "))
    if until is not None:
        having.append("MIN(t.happened_at) < ?")
        params.append(dt.datetime.combine(until + dt.timedelta(days=1), dt.time()).isoformat(" "))
    db.execute_sql("DROP TABLE IF EXISTS stats_cohort")
    db.execute_sql("DROP TABLE IF EXISTS stats_replies")
    # The cohort is small next to touchpoint: queries probe the (candidacy_id,
    # happened_at) index with "candidacy_id IN (SELECT cid FROM stats_cohort)".
    # (A join let SQLite pick a Bloom-filter plan that cost ~100 ms at 1M rows.)
    db.execute_sql("CREATE TEMPORARY TABLE stats_cohort (cid INTEGER PRIMARY KEY, first_at TIMESTAMP, source VARCHAR(255))")
    _rows(
        db,
        "INSERT INTO stats_cohort (cid, first_at, source) "
        "SELECT t.candidacy_id, MIN(t.happened_at), MIN(tal.source) "
        "FROM candidacy c JOIN touchpoint t ON t.candidacy_id = c.id JOIN talent tal ON tal.id = c.talent_id "
        f"WHERE {' AND '.join(where)} GROUP BY t.candidacy_id"
        + (f" HAVING {' AND '.join(having)}" if having else ""),
        params,
    )
    days = days_between(db, "k.first_at", "fr.at")
    _rows(
        db,
        "CREATE TEMPORARY TABLE stats_replies AS "
        "SELECT fr.cid AS cid, k.source AS source, "
        f"  (SELECT r.kind FROM touchpoint r WHERE r.candidacy_id = fr.cid AND r.kind IN {_in(REPLIES)} AND r.happened_at = fr.at ORDER BY r.id LIMIT 1) AS kind, "
        f"  COALESCE((SELECT MAX(o.step) FROM touchpoint o WHERE o.candidacy_id = fr.cid AND o.kind IN {_in(OUTREACH)} AND o.happened_at <= fr.at), 0) AS step, "
        f"  {days} AS days "
        "FROM (SELECT r.candidacy_id AS cid, MIN(r.happened_at) AS at FROM touchpoint r "
        f"      WHERE r.candidacy_id IN (SELECT cid FROM stats_cohort) AND r.kind IN {_in(REPLIES)} GROUP BY r.candidacy_id) fr "
        "JOIN stats_cohort k ON k.cid = fr.cid",
    )


def _steps(db: peewee.Database) -> list[StepFigures]:
    sent = dict(
        _rows(
            db,
            "SELECT o.step, COUNT(DISTINCT o.candidacy_id) FROM touchpoint o "
            f"WHERE o.candidacy_id IN (SELECT cid FROM stats_cohort) AND o.kind IN {_in(OUTREACH)} AND o.step IS NOT NULL GROUP BY o.step",
        )
    )
    replies: dict[int, dict[str, int]] = {}
    for step, kind, n in _rows(db, "SELECT step, kind, COUNT(*) FROM stats_replies GROUP BY step, kind"):
        replies.setdefault(step, {})[kind] = n
    steps = sorted(set(sent) | set(replies))
    return [
        StepFigures(
            step=k,
            sent=sent.get(k, 0),
            replies=sum(replies.get(k, {}).values()),
            positive=replies.get(k, {}).get("reply_positive", 0),
            negative=replies.get(k, {}).get("reply_negative", 0),
        )
        for k in steps
    ]


def _global(db: peewee.Database, source: str | None) -> GlobalFigures:
    where, params = ("WHERE source = ?", [source]) if source is not None else ("", [])
    (contacted,) = _rows(db, f"SELECT COUNT(*) FROM stats_cohort {where}", params)[0]
    replied, positive, negative = _rows(
        db,
        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN kind = 'reply_positive' THEN 1 ELSE 0 END), 0), "
        f"COALESCE(SUM(CASE WHEN kind = 'reply_negative' THEN 1 ELSE 0 END), 0) FROM stats_replies {where}",
        params,
    )[0]
    return GlobalFigures(contacted, replied, positive, negative, _median_days(db, where, params, replied))


def _median_days(db: peewee.Database, where: str, params: list, count: int) -> float | None:
    """The median, read in SQL: the middle one or two values of the sorted days."""
    if not count:
        return None
    middle = _rows(db, f"SELECT days FROM stats_replies {where} ORDER BY days LIMIT ? OFFSET ?", [*params, 2 - count % 2, (count - 1) // 2])
    values = [float(d) for (d,) in middle]
    return round(sum(values) / len(values), 1)
