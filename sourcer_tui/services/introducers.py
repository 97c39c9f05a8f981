"""Introducers (social referral): who presented which talent, how far each
introduction went, the thank-you owed when one reaches interview or is hired,
and the figures by introducer.

The thank-you is a due item (``Reminder`` of kind ``thank_introducer`` on the
talent introduced, its detail the milestone): Today shows it, `d` records a
:class:`~..db.models.Recognition`, `r` and `x` work as on any item.  It is
written by :func:`note_progress`, which every write that can move a talent
forward calls (a stage move, a contact logged, a mission added, an introducer
set, a merge, an import); it is never hidden by a snooze (Today shows every
pending item) and no other feature cancels it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from peewee import JOIN, SQL, NodeList, fn

from ..db import compiled
from ..db.database import write_transaction
from ..db.dialect import is_sqlite
from ..db.models import Candidacy, Introducer, Recognition, Reminder, Talent, Touchpoint, database_proxy
from ..domain.introductions import MILESTONES, IntroducerFigures, Progress, figures, milestone_due, progress
from ..domain.text import clean_line
from ..domain.vocab import CHANNELS, DEFAULT_STAGES
from ..i18n import _
from .errors import NotFound

__all__ = [
    "THANK", "IntroducerRow", "Introduction", "RecognitionRow", "IntroducerPage",
    "list_introducers", "names", "find_or_create", "set_introducer", "link_by_name", "introducer_as_talent", "talent_of_introducer", "edit_introducer", "introducer_of",
    "page", "progress_of", "note_progress", "after_merge", "thank", "by_introducer", "adopt_referred_by",
]

#: The kind of the due item "thank the introducer".
THANK = "thank_introducer"


@dataclass(frozen=True)
class IntroducerRow:
    id: int
    name: str
    company: str
    channel: str
    talent_id: int | None
    introductions: int


@dataclass(frozen=True)
class Introduction:
    talent_id: int
    name: str
    added: dt.date
    progress: Progress
    thanked: tuple[str, ...]  # milestones thanked for


@dataclass(frozen=True)
class RecognitionRow:
    thanked_at: dt.datetime
    milestone: str
    talent: str
    note: str


@dataclass(frozen=True)
class IntroducerPage:
    row: IntroducerRow
    talent_name: str  # the linked talent's, "" if none
    introductions: list[Introduction]
    recognitions: list[RecognitionRow]


def list_introducers() -> list[IntroducerRow]:
    """Every introducer with their number of introductions, most first, then by name."""
    count = fn.COUNT(Talent.id)
    query = (
        Introducer.select(Introducer.id, Introducer.name, Introducer.company, Introducer.channel, Introducer.talent, count)
        .join(Talent, JOIN.LEFT_OUTER, on=(Talent.introducer == Introducer.id))
        .group_by(Introducer.id)
        .order_by(count.desc(), Introducer.name, Introducer.id)
    )
    return [IntroducerRow(*row) for row in query.tuples()]


def names() -> list[str]:
    """The introducers' names, for completion in the talent form."""
    return [n for (n,) in Introducer.select(Introducer.name).distinct().order_by(Introducer.name).tuples()]


def find_or_create(name: str, now: dt.datetime) -> int | None:
    """The introducer named exactly *name* (spaces around it aside), or a new one;
    None for a blank name.  Called inside the caller's transaction."""
    name = clean_line(name or "").strip()
    if not name:
        return None
    found = Introducer.select(Introducer.id).where(Introducer.name == name).order_by(Introducer.id).scalar()
    if found is not None:
        return found
    return Introducer.insert(name=name, created_at=now, updated_at=now).execute()


def introducer_of(talent_id: int) -> IntroducerRow | None:
    introducer_id = Talent.select(Talent.introducer).where(Talent.id == talent_id).scalar()
    if introducer_id is None:
        return None
    return next((r for r in _rows(Introducer.id == introducer_id)), None)


def introducer_as_talent(talent_id: int) -> IntroducerRow | None:
    """The introducer who is this talent (linked), if any."""
    return next(iter(_rows(Introducer.talent == talent_id)), None)


def talent_of_introducer(talent_id: int) -> list[int]:
    """``[id]`` of the talent who introduced *talent_id*, when the introducer is linked to one; else ``[]``."""
    found = (Introducer.select(Introducer.talent).join(Talent, on=(Talent.introducer == Introducer.id))
             .where((Talent.id == talent_id) & Introducer.talent.is_null(False)).scalar())
    return [found] if found is not None else []


def _rows(where) -> list[IntroducerRow]:
    count = Talent.select(fn.COUNT(Talent.id)).where(Talent.introducer == Introducer.id)
    query = Introducer.select(Introducer.id, Introducer.name, Introducer.company, Introducer.channel, Introducer.talent, count).where(where)
    return [IntroducerRow(*row) for row in query.tuples()]


def set_introducer(talent_id: int, name: str, now: dt.datetime, stages: Sequence[str] = DEFAULT_STAGES) -> int | None:
    """Record who introduced the talent (a blank *name*: nobody); one transaction.
    ``referred_by`` keeps the name (templates, older exports read it)."""
    with write_transaction():
        before = Talent.select(Talent.introducer).where(Talent.id == talent_id).scalar()
        introducer_id = find_or_create(name, now)
        shown = Introducer.get_by_id(introducer_id).name if introducer_id else ""
        if not Talent.update(introducer=introducer_id, referred_by=shown, updated_at=now).where(Talent.id == talent_id).execute():
            raise NotFound(_("talent {id} does not exist").format(id=talent_id))
        _changed(talent_id, before, introducer_id, now)
        note_progress([talent_id], now, stages)
    return introducer_id


def link_by_name(talent_id: int, name: str, now: dt.datetime, stages: Sequence[str] = DEFAULT_STAGES) -> None:
    """The talent form's *Introduced by*, inside its transaction: the introducer of
    that name (made if new; blank: none); kept as it is when the name is theirs."""
    name = clean_line(name or "").strip()
    current = (Talent.select(Introducer.id, Introducer.name).join(Introducer, on=(Introducer.id == Talent.introducer))
               .where(Talent.id == talent_id).tuples().first())
    if current is not None and current[1] == name:
        introducer_id = current[0]
    else:
        introducer_id = find_or_create(name, now)
    Talent.update(introducer=introducer_id, referred_by=name if introducer_id else "").where(Talent.id == talent_id).execute()
    _changed(talent_id, current[0] if current else None, introducer_id, now)
    note_progress([talent_id], now, stages)


def _changed(talent_id: int, before: int | None, after: int | None, now: dt.datetime) -> None:
    """Another introducer (or none): a thank-you still pending was owed to the one
    before, so it is cancelled; :func:`note_progress` then plans the new one's."""
    if before != after:
        Reminder.update(status="cancelled", done_at=now).where(
            (Reminder.talent == talent_id) & (Reminder.kind == THANK) & (Reminder.status == "pending")).execute()


def edit_introducer(introducer_id: int, data: dict, now: dt.datetime) -> None:
    """Change an introducer's name, company, channel or linked talent (``talent_id``, None: none)."""
    with write_transaction():
        name = clean_line(data.get("name", "")).strip()
        channel = data.get("channel", "") or ""
        changes = {"company": data.get("company", ""), "channel": channel if channel in CHANNELS else "", "updated_at": now}
        if name:
            changes["name"] = name
        if "talent_id" in data:
            changes["talent"] = data["talent_id"]
        if not Introducer.update(**changes).where(Introducer.id == introducer_id).execute():
            raise NotFound(_("introducer {id} does not exist").format(id=introducer_id))
        if name:
            Talent.update(referred_by=name).where(Talent.introducer == introducer_id).execute()


#: The touchpoints that are interviews, written as the partial index
#: ``touchpoint_interviewed`` (migration 0023) names them: literal values, so that
#: the database knows the index holds them.
_INTERVIEWS = NodeList((Touchpoint.kind, SQL("IN ('interview', 'reverse_interview')")))


#: :func:`progress_of`'s two queries on PostgreSQL, over an array of the ids.
_CANDIDACIES_POSTGRES = ("SELECT talent_id, stage, first_contact_at IS NOT NULL, replied_at IS NOT NULL "
                         "FROM candidacy WHERE talent_id = ANY(%s)")
_INTERVIEWED_POSTGRES = ("SELECT DISTINCT talent_id FROM touchpoint "
                         "WHERE talent_id = ANY(%s) AND kind IN ('interview', 'reverse_interview')")


def progress_of(talent_ids: Iterable[int], stages: Sequence[str] = DEFAULT_STAGES) -> dict[int, Progress]:
    """How far each talent went (domain/introductions.py): their candidacies and
    whether they were interviewed, two queries kept as SQL and run on runs of
    ids (db/compiled.py: binding hundreds of ids through Peewee took longer than
    the queries); on PostgreSQL, written by hand over one array of the ids."""
    ids = sorted(set(talent_ids))
    if not ids:
        return {}
    current: dict[int, list[str]] = {i: [] for i in ids}
    contacted: set[int] = set()
    replied: set[int] = set()

    def candidacies():
        return (Candidacy.select(Candidacy.talent, Candidacy.stage, Candidacy.first_contact_at.is_null(False),
                                 Candidacy.replied_at.is_null(False))
                .where(Candidacy.talent.in_(compiled.IDS)))

    def interviews():
        return Touchpoint.select(Touchpoint.talent).distinct().where(Touchpoint.talent.in_(compiled.IDS) & _INTERVIEWS)

    db = database_proxy.obj
    if is_sqlite(db):
        found = compiled.rows("introducers.candidacies", candidacies, ids=ids)
        interviewed = {t for (t,) in compiled.rows("introducers.interviews", interviews, ids=ids)}
    else:  # one array of every id: a third of the time of runs of 100 ids
        found = db.execute_sql(_CANDIDACIES_POSTGRES, (ids,)).fetchall()
        interviewed = {t for (t,) in db.execute_sql(_INTERVIEWED_POSTGRES, (ids,)).fetchall()}
    for talent, stage, first, reply in found:
        current[talent].append(stage)
        if first:
            contacted.add(talent)
        if reply:
            replied.add(talent)
    return {i: progress(current[i], i in contacted, i in replied, i in interviewed, stages) for i in ids}


def note_progress(talent_ids: Iterable[int], now: dt.datetime, stages: Sequence[str] = DEFAULT_STAGES) -> int:
    """Plan the thank-you owed for each introduced talent among *talent_ids* who
    reached a milestone not yet thanked for, planned or skipped (a thank-you
    cancelled by a change of introducer does not count): due today.  A hired
    talent's thank-you covers the interview.  Inside the caller's transaction;
    returns the number of items planned."""
    introduced = [t for (t,) in Talent.select(Talent.id).where(Talent.id.in_(sorted(set(talent_ids))) & Talent.introducer.is_null(False)).tuples()]
    if not introduced:
        return 0
    planned: dict[int, set[str]] = {}
    for talent, detail in Reminder.select(Reminder.talent, Reminder.detail).where(
            (Reminder.kind == THANK) & Reminder.talent.in_(introduced) & (Reminder.status != "cancelled")).tuples():
        planned.setdefault(talent, set()).add(detail)
    made = 0
    for talent, p in progress_of(introduced, stages).items():
        milestone = milestone_due(p)
        have = planned.get(talent, set())
        if milestone is None or milestone in have:
            continue
        Reminder.insert(talent=talent, kind=THANK, due=now.date(), detail=milestone, created_at=now).execute()
        made += 1
    return made


def after_merge(talent_id: int, now: dt.datetime, stages: Sequence[str] = DEFAULT_STAGES) -> None:
    """Two talents made one: one pending thank-you per milestone (the older stays),
    and the one the merged talent's progress now owes."""
    seen: set[str] = set()
    for reminder_id, detail in (Reminder.select(Reminder.id, Reminder.detail).where(
            (Reminder.talent == talent_id) & (Reminder.kind == THANK) & (Reminder.status == "pending")).order_by(Reminder.id).tuples()):
        if detail in seen:
            Reminder.update(status="cancelled", done_at=now).where(Reminder.id == reminder_id).execute()
        seen.add(detail)
    note_progress([talent_id], now, stages)


def thank(reminder: Reminder, note: str, now: dt.datetime) -> int:
    """Record the thank-you of a due item (inside its transaction): a recognition
    of the introducer; if the introducer is a talent, a note on their timeline
    too.  Returns the recognition's id."""
    introducer_id = Talent.select(Talent.introducer).where(Talent.id == reminder.talent_id).scalar()
    if introducer_id is None:
        raise NotFound(_("this talent no longer has an introducer"))
    introducer = Introducer.get_by_id(introducer_id)
    milestone = reminder.detail if reminder.detail in MILESTONES else "interview"
    note = note.strip() or _("Thanked for the introduction")
    touchpoint = None
    if introducer.talent_id is not None:  # a note (not a contact: it moves no stage, wakes no snooze)
        touchpoint = Touchpoint.insert(talent=introducer.talent_id, kind="note", channel=introducer.channel or "other", direction="out",
                                       happened_at=now, summary=note, created_at=now, updated_at=now).execute()
    return Recognition.insert(introducer=introducer_id, talent=reminder.talent_id, touchpoint=touchpoint, milestone=milestone,
                              note=note, thanked_at=now).execute()


def page(introducer_id: int, stages: Sequence[str] = DEFAULT_STAGES) -> IntroducerPage:
    """An introducer's page: their introductions, how far each went, the thanks given."""
    rows = _rows(Introducer.id == introducer_id)
    if not rows:
        raise NotFound(_("introducer {id} does not exist").format(id=introducer_id))
    row = rows[0]
    talent_name = Talent.select(Talent.name).where(Talent.id == row.talent_id).scalar() if row.talent_id else ""
    introduced = list(Talent.select(Talent.id, Talent.name, Talent.created_at).where(Talent.introducer == introducer_id)
                      .order_by(Talent.created_at.desc(), Talent.id.desc()).tuples())
    done: dict[int, list[str]] = {}
    recognitions = []
    for talent, milestone, note, at, name in (Recognition.select(Recognition.talent, Recognition.milestone, Recognition.note, Recognition.thanked_at, Talent.name)
                                              .join(Talent, JOIN.LEFT_OUTER, on=(Talent.id == Recognition.talent))
                                              .where(Recognition.introducer == introducer_id)
                                              .order_by(Recognition.thanked_at.desc(), Recognition.id.desc()).tuples()):
        done.setdefault(talent, []).append(milestone)
        recognitions.append(RecognitionRow(_datetime(at), milestone, name or "", note))
    progress_by = progress_of([t for t, _n, _a in introduced], stages)
    introductions = [Introduction(t, name or "", _datetime(added).date(), progress_by[t], tuple(done.get(t, ()))) for t, name, added in introduced]
    return IntroducerPage(row, talent_name or "", introductions, recognitions)


def _datetime(value) -> dt.datetime:
    from ..db.values import as_datetime

    return as_datetime(value)


def by_introducer(mission_id: int | None = None, since: dt.date | None = None, until: dt.date | None = None,
                  stages: Sequence[str] = DEFAULT_STAGES) -> list[IntroducerFigures]:
    """The Stats' *by introducer* lines: the talents introduced (added in the range;
    in the mission, if one), and how far they went."""
    def build():
        query = (Talent.select(Talent.id, Talent.introducer, Introducer.name, Talent.source)
                 .join(Introducer, on=(Introducer.id == Talent.introducer)))
        # the introduced talents (with a candidacy in the mission), read on the index of
        # talent.introducer_id (each checked on its candidacy's), then their rows: 8 ms
        # for one mission at 100,000 talents, where reading the mission's 6,740
        # candidacies' talents took 23 ms
        introduced = Talent.alias("introduced")
        among = introduced.select(introduced.id).where(introduced.introducer.is_null(False))
        if mission_id is not None:
            among = among.where(fn.EXISTS(Candidacy.select(SQL("1")).where(
                (Candidacy.talent == introduced.id) & (Candidacy.mission == mission_id))))
        query = query.where(Talent.id.in_(among))
        if since is not None:
            query = query.where(Talent.created_at >= dt.datetime.combine(since, dt.time()))
        if until is not None:
            query = query.where(Talent.created_at < dt.datetime.combine(until + dt.timedelta(days=1), dt.time()))
        return query

    rows = compiled.rows(("introducers.by_introducer", mission_id, since, until), build)
    progress_by = progress_of([r[0] for r in rows], stages)
    return figures((introducer, name, source, progress_by[talent]) for talent, introducer, name, source in rows)


def adopt_referred_by(talent_ids: Iterable[int], now: dt.datetime, stages: Sequence[str] = DEFAULT_STAGES, *, plan_thanks: bool = True) -> int:
    """Talents written with a ``referred_by`` and no introducer (an import) get the
    introducer of that name (made if new); inside the caller's transaction.
    Without *plan_thanks* (a file's history, as migration 0023 treats it), no
    thank-you is planned for what happened before."""
    ids = sorted(set(talent_ids))
    adopted = []
    for start in range(0, len(ids), 500):
        rows = (Talent.select(Talent.id, Talent.referred_by)
                .where(Talent.id.in_(ids[start:start + 500]) & Talent.introducer.is_null() & (Talent.referred_by != "")).tuples())
        for talent, name in rows:
            introducer_id = find_or_create(name, now)
            if introducer_id is not None:
                Talent.update(introducer=introducer_id).where(Talent.id == talent).execute()
                adopted.append(talent)
    if plan_thanks:
        note_progress(adopted, now, stages)
    return len(adopted)
