"""The Pipeline pane's data: candidacies by stage, the talent pool, stage moves."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

import peewee
from peewee import fn

from ..db import compiled, stage_lists
from ..db.dialect import keeps, keeps_derived
from ..db.database import write_transaction
from ..db.models import Candidacy, CandidacyCount, InitialCount, Mission, Snooze, Talent, TalentInitial
from ..db.search import by_initial, matched_once, matching_form, matching_ids, talent_matches
from ..db.values import as_date, as_datetime
from ..domain.facts import brief_marks, outside_remote, outside_salary, salary_short
from ..domain.pipeline_filter import PipelineFilter
from ..domain.stages import all_stages, is_closed, past_outreach
from ..domain.vocab import DEFAULT_STAGES, stage_label
from ..i18n import _
from . import cadence, grids, introducers
from .errors import Conflict, NotFound
from .filtering import folded_name, last_contact, stage_condition, talent_condition
from .paging import Group

__all__ = [
    "POOL", "Scope", "PipelineRow", "groups", "fetch_rows", "move_stage", "add_to_mission", "stage_of", "one_search",
    "matching_rows",
]

#: The scope showing every talent, in a mission or not.
POOL = "pool"


@dataclass(frozen=True)
class Scope:
    """What the pipeline shows: one mission (its id), all missions (None) or POOL;
    the search box's text, the filter (``f``) and the order (``O``,
    domain/pipeline_filter.SORTS).  *today* is the day the filter's contact ages count from."""

    mission: int | str | None = None
    search: str = ""
    filter: PipelineFilter | None = None
    sort: str = ""
    today: dt.date | None = None
    #: ``A``: read each candidacy's interview-grid average (one mission with a grid).
    grid: bool = False

    @property
    def is_pool(self) -> bool:
        return self.mission == POOL

    @property
    def filtered(self) -> bool:
        return self.filter is not None and self.filter.active

    @property
    def shape(self) -> tuple:
        """What a kept query of this scope depends on besides the mission and the search."""
        return ((self.filter, self.sort, self.today) if self.filtered else (None, self.sort, None)) + (self.reads_grid,)

    @property
    def reads_grid(self) -> bool:
        """Whether a page reads the grid average: the column shown or its order, in one mission."""
        return isinstance(self.mission, int) and (self.grid or self.sort == "grid")

    def talent_filter(self, talent, *, joined: bool = False, walk: bool = False) -> peewee.Expression | None:
        """The filter's condition on the talent whose id is *talent* (None: none);
        *joined*: the query reads the talent's row too; *walk*: a page walking its
        stage checks the tag in each row (services/filtering.py)."""
        return talent_condition(self.filter, self.today or dt.date.today(), talent, pool=self.is_pool, joined=joined,
                                walk=walk)


@dataclass(frozen=True)
class PipelineRow:
    talent_id: int
    candidacy_id: int | None
    name: str
    headline: str
    company: str
    source: str
    mission: str
    stage: str | None
    since: dt.datetime | None
    snoozed_until: dt.date | None = None
    #: ``€!`` / ``⌂!``: the talent's salary or remote wish is outside the mission's brief.
    marks: str = ""
    #: The optional columns (``v``): the salary wish and the availability date.
    salary: str = ""
    available_from: dt.date | None = None
    #: ``A``: the mean score of the candidacy's interview grids (None: none scored, or not read).
    grid_average: float | None = None
    #: Who made the candidacy (migration 0025): a login, None for the single user.
    owner: str | None = None


#: How a page of a search is read: walking its group in display order and
#: keeping the matching rows (about the page's end / the share of the group
#: that matches rows read), or looking up the talents that match — all of
#: them, whatever their stage — and sorting this group's.  A walked row costs
#: about 1.5 looked-up talents (measured at 100,000 talents).
WALK_COST = 1.5
#: Where the group's size is not kept (other databases): walk from this many matches on.
WALK_FROM = 1000


def _candidacies(scope: Scope, *columns, walk: bool = False, join: bool = False, talents_first: bool = False,
                 tag_walk: bool = False):
    """The scope's candidacies; *join*: the talent's columns are read too (a filter
    joins them anyway); *talents_first*: read from the talents, in the order of
    their index (see :func:`_walks_talents`); *walk*, *tag_walk*: a page walks its
    stage, checking each row's talent against the search, the tag."""
    if talents_first:  # CROSS JOIN: SQLite keeps the talents as the outer loop
        query = Talent.select(*columns).join_from(Talent, Candidacy, peewee.JOIN.CROSS).where(Candidacy.talent == Talent.id)
        join = True
    else:
        query = Candidacy.select(*columns)
        # joined when the filter reads the talent's row: each row's talent checked on its primary
        # key (the last contact on its kept column); a set of ids otherwise
        join = join or (scope.filtered and (scope.filter.on_row or scope.filter.recent_days is not None
                                            or scope.filter.quiet_days is not None))
        if join:
            query = query.join_from(Candidacy, Talent)
    on_talent = scope.talent_filter(Candidacy.talent, joined=join, walk=tag_walk)
    if on_talent is not None:
        query = query.where(on_talent)
    stage = stage_condition(scope.filter)
    if stage is not None:
        query = query.where(stage)
    if scope.mission is not None:
        query = query.where(Candidacy.mission == scope.mission)
    matches = talent_matches(Candidacy.talent, scope.search, walk=walk)
    return query if matches is None else query.where(matches)


def _talents(scope: Scope, *columns, walk: bool = False):
    query = Talent.select(*columns)
    on_talent = scope.talent_filter(Talent.id)
    if on_talent is not None:
        query = query.where(on_talent)
    matches = talent_matches(Talent.id, scope.search, walk=walk)
    return query if matches is None else query.where(matches)


def one_search(scope: Scope):
    """A context: reads of *scope* inside it (its counts, then its first pages)
    look the search up once (see :func:`..db.search.matched_once`)."""
    return matched_once(scope.search)


#: A count of the talents: ``COUNT(*)``, not of their id, so that PostgreSQL reads it
#: on the covering index of the filtered columns (an index holds no id there, where
#: SQLite's holds the rowid), instead of a scan of the table.
_ROWS = fn.COUNT(peewee.SQL("*"))


def groups(scope: Scope, stages: Sequence[str]) -> list[Group]:
    """The header of every group with its row count (empty stages included)."""
    letter = None if scope.filtered else by_initial(scope.search)  # a filter counts its rows
    if scope.is_pool:
        if letter is not None:  # one row per talent with that initial
            total = TalentInitial.select(fn.COUNT(TalentInitial.talent_id)).where(TalentInitial.letter == letter).scalar()
        else:
            key = ("pipeline.pool_count", matching_form(scope.search), scope.shape[0], scope.shape[2])
            [(total,)] = compiled.rows(key, lambda: _talents(scope, _ROWS))
        return [Group(POOL, _("All talents"), total)]
    if letter is not None:  # kept per initial (db/initials.py)
        counts = _kept_counts(InitialCount, scope, InitialCount.letter == letter)
    elif not scope.filtered and matching_ids(scope.search) is None and keeps(Candidacy._meta.database.obj, "counts"):
        counts = _kept_counts(CandidacyCount, scope)
    elif _only_quiet(scope):
        counts = _quiet_counts(scope)
    elif _on_stage_lists(scope):
        counts = _stage_list_counts(scope)
    else:
        key = ("pipeline.counts", scope.mission, matching_form(scope.search), scope.shape[0], scope.shape[2])
        # filtered: grouped by an expression, so that the rows are read on the covering
        # (talent, stage, mission) index, each talent checked once, not on the stage index
        # and the table (half the time, or a third, at 100,000 talents)
        stage = _stage_expression() if scope.filtered else Candidacy.stage
        counts = dict(compiled.rows(key, lambda: _candidacies(scope, stage, fn.COUNT(Candidacy.id)).group_by(stage)))
    return [Group(stage, stage_label(stage), counts.get(stage, 0)) for stage in all_stages(stages, sorted(counts))]


def _stage_expression() -> peewee.Node:
    """The stage as an expression (``stage || ''``) on SQLite, so that its planner reads
    the covering (talent, stage, mission) index; the column itself elsewhere
    (PostgreSQL cannot group by an expression holding a parameter)."""
    if isinstance(Candidacy._meta.database.obj, peewee.SqliteDatabase):
        return Candidacy.stage.concat("")
    return Candidacy.stage


def _only_quiet(scope: Scope) -> bool:
    """Whether the filter is "no contact for N days" alone (and a stage), with no search, on kept counts."""
    active = scope.filter
    return (scope.filtered and not scope.search and active.quiet_days is not None
            and active == PipelineFilter(stage=active.stage, quiet_days=active.quiet_days)
            and keeps(Candidacy._meta.database.obj, "counts"))


def _quiet_counts(scope: Scope) -> dict[str, int]:
    """Per stage, the candidacies whose talent has no contact for N days: all of them
    (kept counts) less those contacted since — few, read on the talents' kept last
    contact.  At 100,000 talents 9 ms, where checking every candidacy took 51 ms."""
    active = scope.filter
    since = replace(active, quiet_days=None, recent_days=active.quiet_days - 1)  # the same day (contact_cutoffs)
    recent = replace(scope, filter=since)
    key = ("pipeline.quiet_counts", scope.mission, since, scope.today)
    stage = _stage_expression()
    contacted = dict(compiled.rows(key, lambda: _candidacies(recent, stage, fn.COUNT(Candidacy.id)).group_by(stage)))
    counts = _kept_counts(CandidacyCount, scope)
    if active.stage:
        counts = {active.stage: counts.get(active.stage, 0)}
    return {name: n - contacted.get(name, 0) for name, n in counts.items()}


def _on_stage_lists(scope: Scope) -> bool:
    """Whether all missions' counts under a filter on the talents are read on their kept lists of stages."""
    return (scope.mission is None and scope.filtered and scope.filter.on_talents
            and keeps(Candidacy._meta.database.obj, "stage_lists"))


def _stage_list_counts(scope: Scope) -> dict[str, int]:
    """All missions' candidacies per stage whose talent matches: the matching talents
    grouped by their kept list of stages (db/stage_lists.py), on the covering index of
    the filtered columns.  At 100,000 talents 6 to 11 ms, where joining every
    candidacy to its talent took 37 to 53 ms."""
    talents = replace(scope, mission=POOL, filter=replace(scope.filter, stage=""))
    lists = Talent.candidacy_stages
    key = ("pipeline.stage_lists", matching_form(scope.search), *talents.shape)
    counts = stage_lists.split(compiled.rows(
        key, lambda: _talents(talents, lists, _ROWS).where(lists != "").group_by(lists)))
    if scope.filter.stage:
        return {scope.filter.stage: counts.get(scope.filter.stage, 0)}
    return counts


def _kept_counts(model, scope: Scope, *conditions) -> dict[str, int]:
    """Rows per stage in the scope's mission (or all), from a table of counts
    kept by triggers (``CandidacyCount``, ``InitialCount``) under *conditions*."""
    query = model.select(model.stage, fn.SUM(model.n)).where(model.n > 0, *conditions)
    if scope.mission is not None:
        query = query.where(model.mission_id == scope.mission)
    return dict(query.group_by(model.stage).tuples())


def _walks_tag(scope: Scope, key: str, end: int, matches: int | None, found: int | None) -> bool:
    """Whether a stage's page under a tag filter (no search) walks the stage, checking
    each row's tags: about ``end`` × stage size / *matches* rows, where the tag's talents
    looked up cost about *found*, the candidacies matching in every group.  At 100,000
    talents a first page of the tag ``python`` (6,244 talents) took 12 to 19 ms
    looked up, 1 ms walked."""
    if not (scope.filtered and scope.filter.tag) or scope.search or scope.is_pool or not matches:
        return False
    if not keeps_derived(Candidacy._meta.database.obj):
        return False
    return _walk_pays(end, _stage_size(scope, key), matches, found)


def _stage_size(scope: Scope, key: str) -> int:
    """The stage's candidacies in the scope's mission (or all), from the kept counts."""
    return sum(_kept_counts(CandidacyCount, scope, CandidacyCount.stage == key).values())


def _walk_pays(end: int, size: int, matches: int, found: int | None) -> bool:
    """Whether walking a group of *size* rows to its *matches*' row *end* costs less
    than looking up what matches in every group (*found*; see WALK_COST)."""
    return end * size * WALK_COST <= matches * max(found or 0, matches)


def _walks(scope: Scope, key: str, end: int, matches: int | None, found: int | None) -> bool:
    """Whether a search's page ending at row *end* of the group (*matches*
    rows; *found* in all groups) is read by walking the group (see WALK_COST)."""
    if not matches:
        return False
    if scope.is_pool:
        size = Talent.select(fn.MAX(Talent.id)).scalar() or 0  # about the number of talents, at once
    elif keeps_derived(Candidacy._meta.database.obj) and not scope.filtered:
        size = _stage_size(scope, key)
    else:
        return matches >= WALK_FROM
    return _walk_pays(end, size, matches, found)


#: A stage sorted by the talent's name or last contact is read walking the talents'
#: index in that order from this many candidacies on (kept counts): at 100,000
#: talents a walk costs 8 to 14 ms whatever the stage, sorting 18,000 candidacies 52 ms,
#: 2,000 about 5 ms.
TALENT_WALK_FROM = 2000


def _walks_talents(scope: Scope, key: str) -> bool:
    """Whether a stage's page in a talent order (name, last contact) walks the talents (no search)."""
    if scope.sort not in ("name", "contact") or scope.search or scope.is_pool:
        return False
    if not keeps_derived(Candidacy._meta.database.obj):
        return False
    return _stage_size(scope, key) >= TALENT_WALK_FROM


def _snoozed_until():
    """Correlated: the end of the talent's active snooze (NULL when awake)."""
    return Snooze.select(Snooze.until).where((Snooze.talent == Talent.id) & (Snooze.active == True)).limit(1)  # noqa: E712


def fetch_rows(
    scope: Scope, key: str, offset: int, limit: int, matches: int | None = None, found: int | None = None
) -> list[PipelineRow]:
    """One page of a group: a stage's candidacies (most recently moved first) or talents by name.

    *matches*, the group's row count, and *found*, the rows of every group,
    pick how a search page is read (see WALK_COST).
    The SQL is built once per scope, stage and plan, then run again with each
    page (:mod:`..db.compiled`): building it for every page was the same
    Python work done again for nothing."""
    form = matching_form(scope.search)
    walk = form is not None and _walks(scope, key, offset + limit, matches, found)
    if scope.is_pool:
        def pool():
            return _talents(scope, Talent.id, Talent.name, Talent.headline, Talent.company, Talent.source, _snoozed_until(),
                            Talent.salary_amount, Talent.salary_currency, Talent.salary_period, Talent.available_from,
                            walk=walk).order_by(*_pool_order(scope.sort))

        return [
            PipelineRow(tid, None, name, head, comp, src, "", None, None, as_date(until), "",
                        salary_short(amount, currency, period), as_date(available))
            for tid, name, head, comp, src, until, amount, currency, period, available
            in compiled.rows(("pipeline.pool", form, walk, *scope.shape), pool, (offset, limit))
        ]

    talents_first = _walks_talents(scope, key)
    tag_walk = not talents_first and _walks_tag(scope, key, offset + limit, matches, found)

    def page():
        order = _candidacy_order(scope.sort)
        # The offset is walked on the (stage, stage_changed_at) index alone; only the
        # page's rows are joined, so a deep page costs about what the first one does.
        chosen = (
            _candidacies(scope, Candidacy.id, walk=walk, join=scope.sort in ("name", "contact"), talents_first=talents_first,
                         tag_walk=tag_walk)
            .where(Candidacy.stage == key)
            .order_by(*order)
            .limit(compiled.PAGE[0])
            .offset(compiled.PAGE[1])
        )
        return (
            Candidacy.select(
                Candidacy.talent,
                Candidacy.id,
                Talent.name,
                Talent.headline,
                Talent.company,
                Talent.source,
                Mission.title,
                Candidacy.stage,
                Candidacy.stage_changed_at,
                _snoozed_until(),
                Talent.salary_amount,
                Talent.salary_currency,
                Talent.salary_period,
                Talent.remote_pref,
                Mission.salary_min,
                Mission.salary_max,
                Mission.salary_currency,
                Mission.remote_policy,
                Talent.available_from,
                Candidacy.owner,
                *((grids.average_expression(),) if scope.reads_grid else ()),
            )
            .join_from(Candidacy, Talent)
            .join_from(Candidacy, Mission)
            .where(Candidacy.id.in_(chosen))
            .order_by(*order)
        )

    found = compiled.rows(("pipeline.page", scope.mission, form, key, walk, talents_first, tag_walk, *scope.shape), page, (offset, limit), placed=True)
    return [PipelineRow(*row[:8], as_datetime(row[8]), as_date(row[9]), _marks(*row[10:18]),
                        salary_short(*row[10:13]), as_date(row[18]), row[20] if len(row) > 20 else None, row[19]) for row in found]


def _pool_order(sort: str) -> tuple:
    """The talent pool's order: by name, accents and case folded (Élodie with the
    E's; the kept ``name_key``'s index), or the longest without contact first."""
    if sort == "contact":
        return (_never_first(last_contact(Talent.id)), folded_name(), Talent.id)
    return (folded_name(), Talent.id)


def _never_first(when: peewee.Node) -> peewee.Node:
    """Ascending, the never contacted (NULL) first: SQLite's own order, which
    walks the index of ``talent.last_contact_at``; spelt out elsewhere."""
    if keeps_derived(Talent._meta.database.obj):
        return when.asc()
    return peewee.Asc(when, nulls="first")


def _candidacy_order(sort: str) -> tuple:
    """A stage's order: the most recently moved first (its index), the longest in the
    stage first (``stage_time``), by folded name, or the longest without contact first."""
    if sort == "stage_time":
        return (Candidacy.stage_changed_at.asc(), Candidacy.id.asc())
    if sort == "name":
        return (folded_name(), Candidacy.id)
    if sort == "contact":
        return (_never_first(last_contact(Candidacy.talent)), Candidacy.id)
    if sort == "grid":  # the best average first, the unscored last (one mission: a few thousand rows)
        average = grids.average_expression()
        return (peewee.Desc(average) if keeps_derived(Candidacy._meta.database.obj) else peewee.Desc(average, nulls="last"), Candidacy.id)
    return (Candidacy.stage_changed_at.desc(), Candidacy.id.desc())


def matching_rows(scope: Scope) -> list[tuple[int, int | None]]:
    """Every row the scope shows, as (talent id, candidacy id or None): what ``*`` selects."""
    if scope.is_pool:
        return [(tid, None) for (tid,) in _talents(scope, Talent.id).order_by(Talent.id).tuples()]
    return list(_candidacies(scope, Candidacy.talent, Candidacy.id).order_by(Candidacy.id).tuples())


def _marks(amount, currency, period, wish, low, high, mission_currency, policy) -> str:
    """The row's marks when the talent is outside the mission's brief (domain/facts.py)."""
    return brief_marks(outside_salary(amount, currency, period, low, high, mission_currency), outside_remote(wish, policy))


def stage_of(candidacy_id: int | None) -> str | None:
    if candidacy_id is None:
        return None
    return Candidacy.select(Candidacy.stage).where(Candidacy.id == candidacy_id).scalar()


def move_stage(candidacy_id: int, stage: str, now: dt.datetime, stages: Sequence[str] = DEFAULT_STAGES) -> int:
    """Put a candidacy at *stage*; closing stamps ``closed_at``, reopening clears it.
    A stage past outreach (replied, screening…: they answered) cancels the
    candidacy's pending follow-ups, as a reply does.  An introduced talent
    reaching interview or hired: their introducer's thank-you is planned
    (*stages*: the pipeline's order).  Returns the number of due items it
    planned or cancelled (Today changes when it is not 0)."""
    with write_transaction():
        updated = (
            Candidacy.update(
                stage=stage,
                stage_changed_at=now,
                updated_at=now,
                closed_at=now if is_closed(stage) else None,
            )
            .where(Candidacy.id == candidacy_id)
            .execute()
        )
        if not updated:
            raise NotFound(_("candidacy {id} does not exist").format(id=candidacy_id))
        cancelled = cadence.stop_sequence(candidacy_id, now) if past_outreach(stages, stage) else 0
        return cancelled + introducers.note_progress([Candidacy.get_by_id(candidacy_id).talent_id], now, stages)


def add_to_mission(talent_id: int, mission_id: int, now: dt.datetime, stage: str = "sourced", stages: Sequence[str] = DEFAULT_STAGES) -> int:
    """A new candidacy of the talent in the mission, at its first stage."""
    with write_transaction():
        if Candidacy.select().where((Candidacy.talent == talent_id) & (Candidacy.mission == mission_id)).exists():
            title = Mission.get_by_id(mission_id).title
            raise Conflict(_("already in the mission {title}").format(title=repr(title)))
        candidacy_id = Candidacy.insert(
            talent=talent_id, mission=mission_id, stage=stage, stage_changed_at=now, created_at=now, updated_at=now
        ).execute()
        introducers.note_progress([talent_id], now, stages)
        return candidacy_id
