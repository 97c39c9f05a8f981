"""Outreach analytics from the touchpoints, as SQL aggregates.

Each contacted candidacy has one row of :mod:`..db.outreach` figures (first
message, steps sent, first reply, the step it answered, days to it), kept by
triggers in SQLite; the cohort (candidacies whose first message falls in the
range, for one mission or all) is a range of those rows, read in three
aggregates.  Where no triggers keep them (PostgreSQL), the rows of the
mission are built into a temporary table first, by the same query.  See
:mod:`..domain.stats` for the definitions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import peewee

from ..db import outreach
from ..db.dialect import keeps_derived
from ..db.models import database_proxy
from ..domain.stats import Report, group_reasons, merge_source_names, summarise

__all__ = ["compute", "since_for"]


def since_for(days: int | None, today: dt.date) -> dt.date | None:
    """The first day of a "last N days" range (None = all time)."""
    return None if days is None else today - dt.timedelta(days=days - 1)


def compute(mission_id: int | None, since: dt.date | None, reasons: Sequence[str], sources: Sequence[str] = (), until: dt.date | None = None) -> Report:
    """Every figure of the Stats screen for one mission (or all) and a range of first messages."""
    db = database_proxy.obj
    with db.atomic():  # one consistent read; a temporary table goes with it
        table = "outreach_summary" if keeps_derived(db) else _temporary_summary(db, mission_id)
        try:
            where, params = _cohort(mission_id, since, until)

            def rows(sql: str) -> list[tuple]:
                return list(db.execute_sql(sql.format(table=table, cohort=where).replace("?", db.param), params).fetchall())

            steps, overall, by_source = summarise(
                rows("SELECT s.source, s.steps, s.reply_step, s.reply_kind, COUNT(*) FROM {table} s WHERE {cohort} "
                     "GROUP BY s.source, s.steps, s.reply_step, s.reply_kind"),
                rows("SELECT s.source, s.reply_days FROM {table} s WHERE {cohort} AND s.reply_days IS NOT NULL ORDER BY s.reply_days"),
                outreach.MAX_STEP,
            )
            declined = rows(
                "SELECT c.decline_reason, COUNT(*) FROM candidacy c JOIN {table} s ON s.candidacy_id = c.id "
                "WHERE c.stage = 'declined' AND {cohort}" + (" AND c.mission_id = s.mission_id" if mission_id is not None else "")
                + " GROUP BY c.decline_reason"
            )
            return Report(steps=steps, overall=overall, decline_reasons=group_reasons(declined, reasons), by_source=merge_source_names(by_source, sources))
        finally:
            if table != "outreach_summary":
                db.execute_sql(f"DROP TABLE IF EXISTS {table}")


def _cohort(mission_id: int | None, since: dt.date | None, until: dt.date | None) -> tuple[str, list]:
    """The condition on the summary rows (alias ``s``) of the cohort, and its parameters."""
    where, params = [], []
    if mission_id is not None:
        where.append("s.mission_id = ?")
        params.append(mission_id)
    if since is not None:
        where.append("s.first_at >= ?")
        params.append(dt.datetime.combine(since, dt.time()).isoformat(" "))
    if until is not None:
        where.append("s.first_at < ?")
        params.append(dt.datetime.combine(until + dt.timedelta(days=1), dt.time()).isoformat(" "))
    return " AND ".join(where) or "1 = 1", params


def _temporary_summary(db: peewee.Database, mission_id: int | None) -> str:
    """The summary rows of one mission (or all), where no triggers keep them."""
    candidacies = "1 = 1" if mission_id is None else "{cid} IN (SELECT id FROM candidacy WHERE mission_id = %d)" % int(mission_id)
    db.execute_sql("DROP TABLE IF EXISTS stats_cohort")
    db.execute_sql(f"CREATE TEMPORARY TABLE stats_cohort AS {outreach.summary_select(db, candidacies)}")
    return "stats_cohort"
