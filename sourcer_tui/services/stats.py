"""Outreach analytics from the touchpoints, as SQL aggregates.

Each contacted candidacy has one row of :mod:`..db.outreach` figures (first
message, steps sent, first reply, the step it answered, days to it, its
owner, the templates of its messages and of the one answered), kept by
triggers on both databases; the cohort (candidacies whose first message
falls in the range, for one mission or all) is a range of those rows, read
in a few aggregates.  Where no triggers keep them (a database that says so:
``dialect.keeps``), the rows of the mission are built into a temporary
table first, by the same query.  See :mod:`..domain.stats` for the
definitions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

import peewee

from ..db import outreach
from ..db.dialect import is_sqlite, keeps
from ..db.models import Mission, database_proxy
from ..domain.stats import Report, TemplateFigures, group_reasons, merge_source_names, summarise, template_figures
from ..domain.templates import parse_template_key
from ..domain.vocab import DEFAULT_REJECTION_REASONS, DEFAULT_STAGES
from . import introducers
from .reads import Beside, apart

__all__ = ["Beside", "compute", "since_for"]


def since_for(days: int | None, today: dt.date) -> dt.date | None:
    """The first day of a "last N days" range (None = all time)."""
    return None if days is None else today - dt.timedelta(days=days - 1)


def compute(mission_id: int | None, since: dt.date | None, reasons: Sequence[str], sources: Sequence[str] = (), until: dt.date | None = None,
            rejection_reasons: Sequence[str] = DEFAULT_REJECTION_REASONS, stages: Sequence[str] = DEFAULT_STAGES,
            by_owner: bool = False, beside: Beside | None = None) -> Report:
    """Every figure of the Stats screen for one mission (or all) and a range of first
    messages; the reasons for no (the talent's *reasons*, our *rejection_reasons*) count
    every candidacy closed in the range, whether or not a first message was logged.
    *By introducer* counts the talents introduced (added in the range; in the
    mission, if one) and how far they went (*stages*: the pipeline's order).
    *by_owner* (team mode): the global figures split by the candidacy's owner.

    *beside* (the Stats screen's: ``WorkerConnections.submit``) reads the figures
    by introducer, and the messages sent per template, in other threads and
    connections meanwhile, each in a transaction of its own.  A write between the reads' starts shows in one
    section before the others, as it would a moment later in all."""
    db = database_proxy.obj
    kept = keeps(db, "outreach")
    where, params = _cohort(mission_id, since, until)

    introduced = apart(beside, lambda: introducers.by_introducer(mission_id, since, until, stages))
    sent_query = _SENT_TEMPLATE if is_sqlite(db) else _SENT_TEMPLATE_POSTGRES
    sent = apart(beside, lambda: dict(_rows(sent_query, "outreach_summary", where, params))) if kept else None
    with db.atomic():  # one consistent read; a temporary table goes with it
        table = "outreach_summary" if kept else _temporary_summary(db, mission_id)
        try:
            def rows(sql: str) -> list[tuple]:
                return _rows(sql, table, where, params)

            steps, overall, by_source = summarise(
                rows("SELECT s.source, s.steps, s.reply_step, s.reply_kind, COUNT(*) FROM {table} s WHERE {cohort} "
                     "GROUP BY s.source, s.steps, s.reply_step, s.reply_kind"),
                rows("SELECT s.source, s.reply_days FROM {table} s WHERE {cohort} AND s.reply_days IS NOT NULL ORDER BY s.reply_days"),
                outreach.MAX_STEP,
            )
            closed, closed_params = _closed(mission_id, since, until)
            counts = list(db.execute_sql(
                f"SELECT c.stage, c.decline_reason, COUNT(*) FROM candidacy c WHERE {closed} GROUP BY c.stage, c.decline_reason".replace("?", db.param),
                closed_params,
            ).fetchall())
            replied = dict(rows(_REPLIED_TEMPLATE))
            by_owner_figures = _split(_by_owner(rows)) if by_owner else None
            return Report(
                steps=steps, overall=overall,
                decline_reasons=group_reasons([(r, n) for stage, r, n in counts if stage == "declined"], reasons),
                by_source=merge_source_names(by_source, sources),
                rejection_reasons=group_reasons([(r, n) for stage, r, n in counts if stage == "rejected"], rejection_reasons),
                # counted in the database: never one row per message read into Python
                by_template=_titled(template_figures(sent() if sent is not None else dict(rows(sent_query)), replied)),
                by_introducer=introduced(),
                by_owner=by_owner_figures,
            )
        finally:
            if table != "outreach_summary":
                db.execute_sql(f"DROP TABLE IF EXISTS {table}")


def _rows(sql: str, table: str, where: str, params: list) -> list[tuple]:
    """The rows of *sql*, its ``{table}`` and ``{cohort}`` filled, on this thread's connection."""
    db = database_proxy.obj
    return list(db.execute_sql(sql.format(table=table, cohort=where).replace("?", db.param), params).fetchall())


#: Messages sent per template: the summary rows' JSON arrays of them (db/outreach.py), spread.
_SENT_TEMPLATE = (
    "SELECT j.value, COUNT(*) FROM {table} s, json_each(s.sent_templates) j WHERE {cohort} AND s.sent_templates IS NOT NULL "
    "GROUP BY j.value"
)
_SENT_TEMPLATE_POSTGRES = (
    "SELECT j.value, COUNT(*) FROM {table} s CROSS JOIN LATERAL json_array_elements_text(s.sent_templates::json) AS j(value) "
    "WHERE {cohort} AND s.sent_templates IS NOT NULL GROUP BY j.value"
)

#: Replies per template: a reply counts for the template of the message of the step it
#: answered, the last one if the step was logged twice (domain.stats.by_template, the
#: recount), kept on the summary row (db/outreach.py).
_REPLIED_TEMPLATE = (
    "SELECT s.reply_template, COUNT(*) FROM {table} s WHERE {cohort} AND s.reply_template IS NOT NULL GROUP BY s.reply_template"
)


def _split(figures: dict) -> dict | None:
    """The split by owner, once a login owns a row: a shared database whose rows are
    all the single user's (a file moved there, a demo) reports as that file did."""
    return figures if set(figures) - {""} else None


def _by_owner(rows) -> dict:
    """The global figures per owner of the candidacy (a login, "" for the single user),
    by the same rules as per source (domain.stats.summarise), owners in order; the
    owner is kept on the summary row (db/outreach.py)."""
    owner = "COALESCE(s.owner, '')"
    _steps, _overall, figures = summarise(
        rows(f"SELECT {owner}, s.steps, s.reply_step, s.reply_kind, COUNT(*) FROM {{table}} s "
             f"WHERE {{cohort}} GROUP BY {owner}, s.steps, s.reply_step, s.reply_kind"),
        rows(f"SELECT {owner}, s.reply_days FROM {{table}} s WHERE {{cohort}} AND s.reply_days IS NOT NULL ORDER BY s.reply_days"),
        outreach.MAX_STEP,
    )
    return dict(sorted(figures.items()))


def _titled(figures: list[TemplateFigures]) -> list[TemplateFigures]:
    """A mission's own templates get the mission's title."""
    ids = {parsed[2] for parsed in map(parse_template_key, (f.key for f in figures)) if parsed and parsed[2] is not None}
    if not ids:
        return figures
    titles = dict(Mission.select(Mission.id, Mission.title).where(Mission.id.in_(sorted(ids))).tuples())
    out = []
    for f in figures:
        parsed = parse_template_key(f.key)
        mission = titles.get(parsed[2], "") if parsed and parsed[2] is not None else ""
        out.append(replace(f, mission=mission))
    return out


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


def _closed(mission_id: int | None, since: dt.date | None, until: dt.date | None) -> tuple[str, list]:
    """The candidacies (alias ``c``) declined or rejected in the range, and the parameters."""
    where, params = ["c.stage IN ('declined', 'rejected')"], []
    if mission_id is not None:
        where.append("c.mission_id = ?")
        params.append(mission_id)
    closed_at = "COALESCE(c.closed_at, c.stage_changed_at)"  # a row closed by an import or an older version
    if since is not None:
        where.append(f"{closed_at} >= ?")
        params.append(dt.datetime.combine(since, dt.time()).isoformat(" "))
    if until is not None:
        where.append(f"{closed_at} < ?")
        params.append(dt.datetime.combine(until + dt.timedelta(days=1), dt.time()).isoformat(" "))
    return " AND ".join(where), params


def _temporary_summary(db: peewee.Database, mission_id: int | None) -> str:
    """The summary rows of one mission (or all), where no triggers keep them."""
    candidacies = "1 = 1" if mission_id is None else "{cid} IN (SELECT id FROM candidacy WHERE mission_id = %d)" % int(mission_id)
    db.execute_sql("DROP TABLE IF EXISTS stats_cohort")
    db.execute_sql(f"CREATE TEMPORARY TABLE stats_cohort AS {outreach.summary_select(db, candidacies)}")
    return "stats_cohort"
