"""The Pipeline's filter as SQL: a WHERE over a talent (and a stage), and the sort keys.

:class:`..domain.pipeline_filter.PipelineFilter` says what is wanted; here it
becomes conditions that the database answers with its indexes — the
candidacies at a stage, the active snoozes, the words of the tags — a
talent's contacts since a day on ``touchpoint (talent_id, happened_at)``,
or a scan of the talents' own columns; never rows read into Python.  Portable SQL (peewee expressions), except
where each database has its own index: a tag is looked up first in SQLite's
search index, or in PostgreSQL's index of the tags (db/search.py).  The name
order and the contacts since a day read the talent's kept columns on both
(``name_key``, ``last_contact_at``: db/talent_keys.py).
"""

from __future__ import annotations

import datetime as dt

import peewee
from peewee import fn

from ..db.dialect import is_sqlite, keeps
from ..db.folding import folded
from ..db.search import column_match, tags_hold
from ..db.models import Candidacy, Snooze, Talent, Touchpoint, database_proxy
from ..domain.pipeline_filter import PipelineFilter
from ..db.talent_keys import NOT_CONTACTS

__all__ = ["talent_condition", "stage_condition", "last_contact", "folded_name", "contact_cutoffs"]


def contact_cutoffs(active: PipelineFilter, today: dt.date) -> tuple[dt.datetime | None, dt.datetime | None]:
    """``(quiet_from, recent_from)``: a talent is quiet with no contact at or
    after the first (last contact *quiet_days* or more days ago, or never), recent
    with one at or after the second (*recent_days* or fewer days ago), in days of the calendar."""
    midnight = dt.datetime.combine(today, dt.time())
    quiet = None if active.quiet_days is None else midnight - dt.timedelta(days=active.quiet_days - 1)
    recent = None if active.recent_days is None else midnight - dt.timedelta(days=active.recent_days)
    return quiet, recent


def _kept() -> bool:
    """Whether the talent's last contact and folded name are kept (db/talent_keys.py):
    on both databases now (PostgreSQL by PL/pgSQL triggers)."""
    return keeps(database_proxy.obj, "talent_keys")


def _holds(column: peewee.Field, text: str) -> peewee.Expression:
    """*column* holds *text*, whatever the case: SQLite's ``LIKE``; on PostgreSQL
    ``lower(column) LIKE lower(text)``, what ``ILIKE`` does on every row, read
    from the covering index that keeps the lowered column (migration 0040)."""
    if is_sqlite(database_proxy.obj):
        return column.contains(text)
    pattern = "%" + text.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%") + "%"  # the backslash escapes
    return peewee.Expression(fn.lower(column), peewee.OP.LIKE, fn.lower(pattern))


def _contacted_since(talent: peewee.Node, since: dt.datetime, *, pool: bool) -> peewee.Expression:
    """The talent whose id is *talent* has a contact at or after *since*.
    Where kept, on the index of ``talent.last_contact_at`` (in the pool the
    query's own row; elsewhere the set of the talents contacted since);
    else checked talent by talent on ``touchpoint (talent_id, happened_at)``."""
    if _kept():
        if pool:
            return Talent.last_contact_at >= since
        return talent.in_(Talent.select(Talent.id).where(Talent.last_contact_at >= since))
    return fn.EXISTS(Touchpoint.select(peewee.SQL("1")).where(
        (Touchpoint.talent == talent) & (Touchpoint.happened_at >= since) & Touchpoint.kind.not_in(NOT_CONTACTS)))


def _quiet(quiet: dt.datetime) -> peewee.Expression:
    """Never contacted, or not since *quiet*, on the talent's kept last contact."""
    return Talent.last_contact_at.is_null() | (Talent.last_contact_at < quiet)


def _quiet_in_row(quiet: dt.datetime) -> peewee.Expression:
    """:func:`_quiet`, read in the talent's joined row.  SQLite: one comparison
    that its planner cannot drive from the index of the column (NULL, never
    contacted, as ``''``: before any time); PostgreSQL compares a time with no
    text, and its planner keeps the join's order anyway."""
    if is_sqlite(database_proxy.obj):
        return fn.COALESCE(Talent.last_contact_at, "") < quiet
    return _quiet(quiet)


def _tag_words(tag: str) -> peewee.Node | None:
    """The talents whose tags hold the words of *tag*, from the search index (None: not kept)."""
    return column_match("tags", tag)


def _has_tag(tag: str) -> peewee.Expression:
    """Tags are stored normalised: ``java,python`` (domain/text.normalise_tags)."""
    tags = Talent.tags
    return (tags == tag) | tags.startswith(tag + ",") | tags.endswith("," + tag) | tags.contains("," + tag + ",")


def _all(conditions: list) -> peewee.Expression | None:
    if not conditions:
        return None
    condition = conditions[0]
    for more in conditions[1:]:
        condition = condition & more
    return condition


def talent_condition(active: PipelineFilter | None, today: dt.date, talent: peewee.Node, *, pool: bool,
                     joined: bool = False, walk: bool = False) -> peewee.Expression | None:
    """A WHERE condition on the talent whose id is *talent* (``Talent.id`` in the
    pool, ``Candidacy.talent`` elsewhere), None when nothing filters.  In the
    *pool* the stage means "has a candidacy at that stage"; elsewhere it is
    the candidacy's own (:func:`stage_condition`).

    Two kinds of parts: those on the talent's id — a set read on an index (a
    stage, the active snoozes, the words of the tags) or a lookup per talent
    (the contacts since a day) — checked on *talent* itself, so that a page
    walks its own index and checks each row; and those on the talent's own
    columns (tags, source, location, facts), read in the talent's row: in the
    pool that row is the query's; elsewhere the query joins the talent
    (*joined*) and reads it too — a set of the talents that match otherwise.

    Joined, a page walks its stage's index and checks each row's talent on its
    primary key: 0.1 ms for a first page at 100,000 talents, where the set cost
    a scan of every talent for each page (45 ms).  A tag's talents are a set
    read in the search index, unless the page *walks* its stage (joined):
    then each row's tags are read in its row (services/pipeline.py decides)."""
    in_row = pool or joined
    if active is None or not active.active:
        return None
    on_id: list[peewee.Expression] = []
    if pool and active.stage:
        on_id.append(talent.in_(Candidacy.select(Candidacy.talent).where(Candidacy.stage == active.stage)))
    if active.snoozed:
        snoozed = Snooze.select(Snooze.talent).where(Snooze.active == True)  # noqa: E712
        on_id.append(talent.in_(snoozed) if active.snoozed == "yes" else talent.not_in(snoozed))
    words = _tag_words(active.tag) if active.tag and not (walk and joined) else None
    if words is not None:
        on_id.append(talent.in_(words))
    quiet, recent = contact_cutoffs(active, today)
    if quiet is not None:
        if _kept() and pool:  # never contacted, or not since (elsewhere: not in the few contacted since)
            on_id.append(_quiet(quiet))
        elif _kept() and joined:  # the row is read anyway: its kept column, on no index
            on_id.append(_quiet_in_row(quiet))
        else:
            on_id.append(~_contacted_since(talent, quiet, pool=pool))
    if recent is not None:
        on_id.append(_contacted_since(talent, recent, pool=in_row))
    on_row: list[peewee.Expression] = []
    if active.tag:
        listed = tags_hold(active.tag)  # PostgreSQL: the talents holding it, on an index of the tags
        on_row.extend(([] if listed is None else [listed]) + [_has_tag(active.tag)])
    if active.source:
        on_row.append(Talent.source == active.source)
    if active.location:
        on_row.append(_holds(Talent.location, active.location))
    if active.language:
        on_row.append(_holds(Talent.languages, active.language))
    if active.notice:
        on_row.append(_holds(Talent.notice_period, active.notice))
    if active.remote:
        on_row.append(Talent.remote_pref == active.remote)
    if active.salary_min is not None:
        on_row.append(Talent.salary_amount >= active.salary_min)
    if active.salary_max is not None:
        on_row.append(Talent.salary_amount <= active.salary_max)
    if active.available_by is not None:
        on_row.append(Talent.available_from.is_null(False) & (Talent.available_from <= active.available_by))
    row = _all(on_row)
    if row is not None and not in_row:  # the words of a tag, when known, drive the set
        row = talent.in_(Talent.select(Talent.id).where(row if words is None else Talent.id.in_(words) & row))
    return _all(on_id + ([row] if row is not None else []))


def stage_condition(active: PipelineFilter | None) -> peewee.Expression | None:
    """The candidacy's stage, when the filter names one (mission scopes)."""
    if active is None or not active.stage:
        return None
    return Candidacy.stage == active.stage


def last_contact(talent: peewee.Node) -> peewee.Node:
    """When the talent was last contacted (NULL: never): the kept column of the
    talent's row (the query joins it), else correlated on the touchpoints."""
    if _kept():
        return Talent.last_contact_at
    return Touchpoint.select(fn.MAX(Touchpoint.happened_at)).where(
        (Touchpoint.talent == talent) & Touchpoint.kind.not_in(NOT_CONTACTS))


def folded_name() -> peewee.Node:
    """The talent's name as the name order reads it: accents and case folded
    (Élodie with the E's) — the kept, indexed ``talent.name_key`` where kept."""
    if _kept():
        return Talent.name_key
    return folded(Talent.name)
