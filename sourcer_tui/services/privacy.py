"""GDPR: the retention review, consent renewal, anonymisation, erasure, access export.

The CNIL recommends keeping a candidate's data for recontact no longer than
two years after the last contact (``[privacy] retention_months``).  A talent's
*last activity* is the latest of their last touchpoint (with no touchpoint at
all, the day they were added), their legal basis date (migration 0019: the day
they entered the pool, or gave consent) and their last consent renewal.
Talents in an open pipeline (a candidacy not declined/rejected, in a mission
not closed) are never due: they are being worked with.

A talent held on a public profile or a referral (their data did not come from
them, GDPR art. 14) must be told within a month: those never contacted a
month after their basis date are listed too (:func:`to_inform`), open
pipeline or not, until they are contacted, give consent, or are erased.

Anonymising keeps every figure of the Stats screen (touchpoint kinds, steps and
dates, candidacy stages and decline reasons, the talent's source) and drops
identity and free text.  Erasing deletes everything, logs that an erasure
happened (no personal data), and scrubs the file itself: secure_delete, FTS5
segments merged, WAL checkpointed, VACUUM, checkpointed again.  A program
reading the file at that moment holds the last checkpoint back (the old
pages stay in the file for its snapshot): erase waits for it, and if it does
not let go says so (:class:`NotWiped`) rather than "erased".
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path

import peewee

from ..db import feedback_index, talent_keys
from ..db.database import checkpoint, write_transaction
from ..db.models import (
    Candidacy, Draft, ErasureLog, GridCriterion, GridScore, Introducer, Mission, Recognition, Reminder, Snooze, Talent, Touchpoint,
    database_proxy,
)
from ..db.values import as_date, as_datetime
from ..domain.dates import add_months
from ..domain.grids import parse_levels
from ..domain.legal_basis import DEFAULT_BASIS, INFORM_BASES, INFORM_MONTHS, SOURCE_BASES, basis_explained, default_basis, inform_by
from ..domain.legal_basis import retention_start
from ..domain.vocab import CLOSED_STAGES
from ..i18n import N_, _, formats
from .errors import NotFound, ServiceError

__all__ = [
    "ReviewRow", "last_activity", "legal_basis", "limit_date", "review_cutoff", "review", "count_review", "to_inform", "count_to_inform",
    "extend", "anonymise", "erase", "export_person", "retention_warning", "ANONYMOUS_NAME", "NotWiped",
]

#: The name an anonymised talent keeps (written in the language of the moment: it is
#: a name, shown as stored).
ANONYMOUS_NAME = N_("Anonymised talent #{id}")
_BLANK_TALENT = dict.fromkeys(
    ("headline", "company", "email", "email_norm", "phone", "linkedin_url", "linkedin_norm",
     "location", "referred_by", "tags", "notes",
     "notice_period", "remote_pref", "languages", "cv_ref"), "")
# migration 0017: the facts recruiters ask about are about the person too
_BLANK_TALENT.update(salary_amount=None, available_from=None, salary_currency="EUR", salary_period="year")
_BLANK_TOUCHPOINT = dict.fromkeys(("summary", "feedback_given", "impression", "next_step"), "")


@dataclass(frozen=True)
class ReviewRow:
    talent_id: int
    name: str
    last_activity: dt.date
    limit_passed_on: dt.date  # to_inform(): the day they should have been told by
    # migration 0019: shown, not compared (a row is the same talent at the same limit)
    legal_basis: str = dataclass_field(default="", compare=False)
    legal_basis_at: dt.date | None = dataclass_field(default=None, compare=False)
    #: ``retention`` (past the retention limit) | ``inform`` (never told their data is held)
    why: str = dataclass_field(default="retention", compare=False)


# -- pure date rules -------------------------------------------------------------
def limit_date(last: dt.date, retention_months: int) -> dt.date:
    """The day the retention limit is reached (the talent is listed from that day)."""
    return add_months(last, retention_months)


def review_cutoff(today: dt.date, retention_months: int) -> dt.date:
    """The latest last-activity day whose limit is passed by *today*.

    ``add_months`` clips to the end of the month, so several days can share a
    limit (Dec 29-31 + 2 months -> Feb 28): walk forward from the naive answer.
    """
    cutoff = add_months(today, -retention_months)
    while limit_date(cutoff + dt.timedelta(days=1), retention_months) <= today:
        cutoff += dt.timedelta(days=1)
    return cutoff


# -- queries ---------------------------------------------------------------------
def _talent(talent_id: int) -> Talent:
    talent = Talent.get_or_none(Talent.id == talent_id)
    if talent is None:
        raise NotFound(_("no talent with id {id}").format(id=talent_id))
    return talent


def last_activity(talent: Talent | int) -> dt.date:
    """Latest of: last touchpoint (creation when never contacted), legal basis date, consent renewal."""
    if not isinstance(talent, Talent):
        talent = _talent(talent)
    touched = as_date(Touchpoint.select(peewee.fn.MAX(Touchpoint.happened_at)).where(Touchpoint.talent == talent.id).scalar())
    return retention_start(as_date(talent.legal_basis_at), as_date(talent.consent_renewed_at), touched, as_date(talent.created_at))


def legal_basis(talent: Talent) -> tuple[str, dt.date]:
    """``(basis, since)`` of *talent*: as recorded, else (a row an older version wrote)
    the basis of its source, since the day it was added."""
    return talent.legal_basis or default_basis(talent.source), as_date(talent.legal_basis_at) or as_date(talent.created_at)


def _quoted(codes) -> str:
    return ", ".join(f"'{c}'" for c in codes)  # constants, not user input


_CLOSED = _quoted(CLOSED_STAGES)
#: The talent's basis, or its source's when none was recorded (domain.legal_basis.default_basis).
_BASIS = "CASE WHEN t.legal_basis <> '' THEN t.legal_basis " + "".join(
    f"WHEN t.source IN ({_quoted(s for s, b in SOURCE_BASES.items() if b == basis)}) THEN '{basis}' "
    for basis in sorted(set(SOURCE_BASES.values()))
) + f"ELSE '{DEFAULT_BASIS}' END"
_TALENTS_SQL = f"""
  SELECT t.id AS id, t.name AS name, {_BASIS} AS basis, t.legal_basis_at AS basis_at,
    COALESCE(t.legal_basis_at, date(t.created_at)) AS since, t.consent_renewed_at AS consent,
    (SELECT date(MAX(p.happened_at)) FROM touchpoint p WHERE p.talent_id = t.id) AS touched, date(t.created_at) AS added
  FROM talent t
  WHERE t.anonymised_at IS NULL"""
_DUE_SQL = f"""
FROM (
  SELECT id, name, basis, since,
    CASE WHEN consent IS NOT NULL AND consent > base THEN consent ELSE base END AS last
  FROM (
    SELECT id, name, basis, since, consent,
      CASE WHEN basis_at IS NOT NULL AND basis_at > COALESCE(touched, added) THEN basis_at ELSE COALESCE(touched, added) END AS base
    FROM ({_TALENTS_SQL}) tb
    WHERE NOT EXISTS (SELECT 1 FROM candidacy c JOIN mission m ON m.id = c.mission_id
                      WHERE c.talent_id = tb.id AND c.stage NOT IN ({_CLOSED}) AND m.status <> 'closed')
  ) ta
) due
WHERE due.last <= ?"""
_INFORM_SQL = f"""
FROM (
  SELECT t.id AS id, t.name AS name, {_BASIS} AS basis, COALESCE(t.legal_basis_at, date(t.created_at)) AS since
  FROM talent t
  WHERE t.anonymised_at IS NULL AND NOT EXISTS (SELECT 1 FROM touchpoint p WHERE p.talent_id = t.id)
) due
WHERE due.basis IN ({_quoted(INFORM_BASES)}) AND due.since <= ?"""


def _no_limit(db: peewee.Database) -> int | None:
    """``LIMIT ?`` without a limit: SQLite's -1, PostgreSQL's NULL (it refuses a negative one)."""
    return -1 if isinstance(db, peewee.SqliteDatabase) else None


def _sql(db: peewee.Database, sql: str, params: list) -> list[tuple]:
    return list(db.execute_sql(sql.replace("?", db.param), params).fetchall())


def review(today: dt.date, retention_months: int, *, offset: int = 0, limit: int | None = None) -> list[ReviewRow]:
    """Talents past their retention limit on *today*, oldest activity first."""
    db = database_proxy.obj
    params = [review_cutoff(today, retention_months).isoformat(), _no_limit(db) if limit is None else limit, offset]
    rows = _sql(db, f"SELECT due.id, due.name, due.last, due.basis, due.since {_DUE_SQL} ORDER BY due.last, due.id LIMIT ? OFFSET ?", params)
    return [ReviewRow(tid, name, as_date(last), limit_date(as_date(last), retention_months), basis, as_date(since))
            for tid, name, last, basis, since in rows]


def count_review(today: dt.date, retention_months: int) -> int:
    db = database_proxy.obj
    return _sql(db, f"SELECT COUNT(*) {_DUE_SQL}", [review_cutoff(today, retention_months).isoformat()])[0][0]


def to_inform(today: dt.date, *, offset: int = 0, limit: int | None = None) -> list[ReviewRow]:
    """Talents held on a public profile or a referral, never contacted, a month or more
    after their basis date (GDPR art. 14: tell them within a month), oldest first.
    ``last_activity`` is the basis date, ``limit_passed_on`` the day they should have been told by."""
    db = database_proxy.obj
    params = [review_cutoff(today, INFORM_MONTHS).isoformat(), _no_limit(db) if limit is None else limit, offset]
    rows = _sql(db, f"SELECT due.id, due.name, due.basis, due.since {_INFORM_SQL} ORDER BY due.since, due.id LIMIT ? OFFSET ?", params)
    return [ReviewRow(tid, name, as_date(since), inform_by(as_date(since)), basis, as_date(since), "inform")
            for tid, name, basis, since in rows]


def count_to_inform(today: dt.date) -> int:
    db = database_proxy.obj
    return _sql(db, f"SELECT COUNT(*) {_INFORM_SQL}", [review_cutoff(today, INFORM_MONTHS).isoformat()])[0][0]


def retention_warning(until: dt.date, talent_id: int, retention_months: int) -> str | None:
    """A warning when a snooze ending on *until* wakes after the talent's retention limit."""
    limit = limit_date(last_activity(talent_id), retention_months)
    if until <= limit:
        return None
    return _("wakes on {day}, after the retention limit ({limit}): renew consent or anonymise before then").format(
        day=formats.full_date(until), limit=formats.full_date(limit)
    )


# -- changes ---------------------------------------------------------------------
def extend(talent_id: int, today: dt.date) -> None:
    """The talent agreed to stay in the pool: consent renewed *today*, their legal basis consent since *today*."""
    with write_transaction():
        _talent(talent_id)
        Talent.update(consent_renewed_at=today, legal_basis="consent", legal_basis_at=today).where(Talent.id == talent_id).execute()


def _touchpoint_ids(talent_id: int):
    return Touchpoint.select(Touchpoint.id).where(Touchpoint.talent == talent_id)


@contextlib.contextmanager
def _scrubbing(db: peewee.Database):
    """Freed bytes are overwritten with zeros while inside (SQLite ``secure_delete``)."""
    if not isinstance(db, peewee.SqliteDatabase):
        yield False
        return
    previous = db.execute_sql("PRAGMA secure_delete").fetchone()[0]
    db.execute_sql("PRAGMA secure_delete = ON")
    try:
        yield True
    finally:
        db.execute_sql(f"PRAGMA secure_delete = {int(previous)}")


def _merge_search_index(db: peewee.Database) -> None:
    """FTS5 keeps old tokens (and delete markers) in its segments until they are merged."""
    db.execute_sql("INSERT INTO talent_fts(talent_fts) VALUES('optimize')")
    feedback_index.optimize(db)  # past feedback per talent (migration 0022)


def anonymise(talent_id: int, now: dt.datetime) -> None:
    """Drop identity and free text, keep what the statistics count (one transaction)."""
    db = database_proxy.obj
    with _scrubbing(db) as sqlite, write_transaction():
        _talent(talent_id)
        Talent.update(name=_(ANONYMOUS_NAME).format(id=talent_id), anonymised_at=now, updated_at=now, **_BLANK_TALENT).where(
            Talent.id == talent_id
        ).execute()
        Touchpoint.update(**_BLANK_TOUCHPOINT).where(Touchpoint.talent == talent_id).execute()
        # interview grids: the scores stay (they count, like a stage), the evidence is their words: blanked
        GridScore.update(evidence="").where(GridScore.touchpoint.in_(_touchpoint_ids(talent_id))).execute()
        Draft.delete().where(Draft.touchpoint.in_(_touchpoint_ids(talent_id))).execute()
        Reminder.update(status="cancelled", done_at=now).where((Reminder.talent == talent_id) & (Reminder.status == "pending")).execute()
        Reminder.update(detail="").where(Reminder.talent == talent_id).execute()
        Snooze.update(active=False, woken_at=now).where((Snooze.talent == talent_id) & (Snooze.active == True)).execute()  # noqa: E712
        Snooze.update(reason="").where(Snooze.talent == talent_id).execute()
        Candidacy.update(decline_detail="").where(Candidacy.talent == talent_id).execute()
        # migration 0023: the thanks for their introduction lose their free text; if they
        # introduced others, the introducer who is them takes their anonymous name
        # (the by-introducer figures stay: who introduced whom is not who they are)
        Recognition.update(note="").where(Recognition.talent == talent_id).execute()
        for (introducer_id,) in Introducer.select(Introducer.id).where(Introducer.talent == talent_id).tuples():
            anonymous = _(ANONYMOUS_NAME).format(id=talent_id)
            Introducer.update(name=anonymous, company="", updated_at=now).where(Introducer.id == introducer_id).execute()
            Talent.update(referred_by=anonymous).where(Talent.introducer == introducer_id).execute()
            Recognition.update(note="").where(Recognition.introducer == introducer_id).execute()
        if sqlite:
            _merge_search_index(db)


class NotWiped(ServiceError):
    """The talent is deleted from the database, but another program kept reading
    the file: their old bytes are still in it until the next checkpoint."""

    def __init__(self, message: str, older: list[Path]) -> None:
        super().__init__(message)
        self.older = older


def _backups_before(database: Path, directory: Path, now: dt.datetime) -> list[Path]:
    """This database's daily (``backups_of``) and ``sourcer-tui backup`` copies made before *now*."""
    from .backup import backups_of, manual_backups_of

    stamped = re.compile(re.escape(database.stem) + r"-(\d{4}-\d{2}-\d{2})(?:-(\d{6}))?\.db")
    found = set(backups_of(database, directory)) | set(manual_backups_of(database, directory))
    older = []
    for path in sorted(found):
        match = stamped.fullmatch(path.name)
        if match and dt.datetime.strptime(match[1] + (match[2] or "000000"), "%Y-%m-%d%H%M%S") <= now:
            older.append(path)
    return older


def backups_holding(backups: Path | None, now: dt.datetime) -> list[Path]:
    """The backups in *backups* of the open database made before *now*, oldest
    first: an erasure leaves the person in them until they are pruned."""
    database = database_proxy.obj.database
    if backups is None or not Path(database).name:
        return []
    return _backups_before(Path(database), Path(backups), now)


def _seconds(wait: float) -> str:
    """``2``, ``0.5`` (``0,5`` in French): a number of seconds as short as it goes."""
    text = f"{wait:g}"
    return text if "e" in text else text.replace(".", formats.decimal(0.5)[1])


def erase(talent_id: int, now: dt.datetime, backups: Path | None = None, *, wait: float = 2.0,
          on_busy: Callable[[float], None] | None = None) -> list[Path]:
    """Delete the talent and everything about them, leaving no trace in the file.

    Must not be called inside a transaction (VACUUM cannot run in one).  Returns
    the backups in *backups* made before *now*, which may still hold the person.
    When another connection reads the file, the last checkpoint cannot complete:
    ``on_busy(wait)`` is called, then it is retried for up to *wait* seconds;
    if it still cannot, :class:`NotWiped` (the deletion itself is committed).
    """
    db = database_proxy.obj
    wiped = True
    with _scrubbing(db) as sqlite:
        with write_transaction():
            _talent(talent_id)
            touchpoints = _touchpoint_ids(talent_id)
            Draft.delete().where(Draft.touchpoint.in_(touchpoints)).execute()
            GridScore.delete().where(GridScore.touchpoint.in_(touchpoints)).execute()  # their interview grids
            Reminder.delete().where(Reminder.talent == talent_id).execute()
            Snooze.delete().where(Snooze.talent == talent_id).execute()
            Touchpoint.delete().where(Touchpoint.talent == talent_id).execute()
            Candidacy.delete().where(Candidacy.talent == talent_id).execute()
            # migration 0023: the thanks for their introduction; the introducer who is
            # them (named as they are): gone, and the name it left on the talents they introduced
            Recognition.delete().where(Recognition.talent == talent_id).execute()
            theirs = [i for (i,) in Introducer.select(Introducer.id).where(Introducer.talent == talent_id).tuples()]
            if theirs:
                Talent.update(introducer=None, referred_by="").where(Talent.introducer.in_(theirs)).execute()
                Introducer.delete().where(Introducer.id.in_(theirs)).execute()  # their recognitions with them
            Talent.delete().where(Talent.id == talent_id).execute()
            ErasureLog.insert(erased_at=now, talents=1, note="erasure on request").execute()
            if sqlite:
                _merge_search_index(db)
        if sqlite:
            checkpoint(db, wait=0)  # old page images leave the WAL (unless someone reads)
            db.execute_sql("VACUUM")  # rewrites the file: no free page or slack keeps old bytes
            wiped = checkpoint(db, wait=0)  # VACUUM itself went through the WAL
            if not wiped:
                if on_busy is not None:
                    on_busy(wait)
                wiped = checkpoint(db, wait=wait)
    older = backups_holding(backups, now)
    if not wiped:
        raise NotWiped(
            _(
                "talent {id} is deleted, but NOT yet wiped from the file: another program kept reading "
                "{file} (waited {seconds} s); close it, then run any sourcer-tui command or quit the app "
                "(each ends with a checkpoint that wipes the old bytes)"
            ).format(id=talent_id, file=db.database, seconds=_seconds(wait)),
            older,
        )
    return older


# -- subject access request ------------------------------------------------------
def _plain(value):
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def _fields(row: peewee.Model, skip: tuple[str, ...] = ()) -> dict:
    """Every column of *row* (a foreign key as its id), dates as ISO text."""
    return {f.name: _plain(row.__data__.get(f.name)) for f in row._meta.sorted_fields if f.name not in skip}


def export_person(talent_id: int) -> dict:
    """Everything held on the talent, readable (a subject access request)."""
    talent = _talent(talent_id)
    candidacies = []
    for candidacy in Candidacy.select().where(Candidacy.talent == talent_id).order_by(Candidacy.id):
        row = _fields(candidacy, ("talent",))
        row["mission_title"] = candidacy.mission.title
        row["mission_client"] = candidacy.mission.client
        candidacies.append(row)
    touchpoints = Touchpoint.select().where(Touchpoint.talent == talent_id).order_by(Touchpoint.happened_at, Touchpoint.id)
    drafts = Draft.select().where(Draft.touchpoint.in_(_touchpoint_ids(talent_id))).order_by(Draft.id)
    basis, since = legal_basis(talent)
    return {
        "exported_for": _("subject access request (GDPR art. 15)"),
        "profile": _fields(talent, talent_keys.COLUMNS),  # not the kept sort keys (db/talent_keys.py)
        # migration 0019: why their data is held, since when, in words they read (the app's language)
        "legal_basis": {"basis": basis, "since": since.isoformat(), "explained": basis_explained(basis, since)},
        "last_activity": last_activity(talent).isoformat(),
        "candidacies": candidacies,
        "touchpoints": [_fields(t, ("talent",)) for t in touchpoints],
        "reminders": [_fields(r, ("talent",)) for r in Reminder.select().where(Reminder.talent == talent_id).order_by(Reminder.id)],
        "snoozes": [_fields(s, ("talent",)) for s in Snooze.select().where(Snooze.talent == talent_id).order_by(Snooze.id)],
        "drafts": [_fields(d) for d in drafts],
        # migration 0024: each criterion scored in their interviews, with its evidence
        "interview_grids": _grid_scores(talent_id),
        # migration 0023: who introduced them, the thanks for it, and the introductions they made
        "introduced_by": _introducer(talent.introducer_id),
        "recognitions_of_their_introduction": [_fields(r, ("talent",)) for r in Recognition.select().where(Recognition.talent == talent_id).order_by(Recognition.id)],
        "as_introducer": [
            {**_introducer(i.id), "introduced_talents": Talent.select().where(Talent.introducer == i.id).count(),
             "recognitions": [_fields(r, ("introducer",)) for r in Recognition.select().where(Recognition.introducer == i.id).order_by(Recognition.id)]}
            for i in Introducer.select().where(Introducer.talent == talent_id).order_by(Introducer.id)
        ],
    }


def _grid_scores(talent_id: int) -> list[dict]:
    query = (
        GridScore.select(GridScore.touchpoint, Touchpoint.happened_at, Mission.title, GridCriterion.name, GridCriterion.levels,
                         GridScore.score, GridScore.evidence)
        .join_from(GridScore, Touchpoint).join_from(GridScore, GridCriterion).join_from(GridCriterion, Mission)
        .where(Touchpoint.talent == talent_id)
        .order_by(Touchpoint.happened_at, GridScore.touchpoint, GridCriterion.position, GridCriterion.id)
        .tuples()
    )
    rows = []
    for touchpoint, at, mission, criterion, levels, score, evidence in query:
        level = parse_levels(levels)[score - 1] if score else ""
        rows.append({"touchpoint": touchpoint, "happened_at": _plain(as_datetime(at)), "mission": mission, "criterion": criterion,
                     "score": score, "level": level, "evidence": evidence})
    return rows


def _introducer(introducer_id: int | None) -> dict | None:
    introducer = Introducer.get_or_none(Introducer.id == introducer_id) if introducer_id is not None else None
    return None if introducer is None else _fields(introducer)
