"""Teammates over the database: who I am, whether the owner UI shows, names,
and a teammate's latest contact with a talent.

:func:`sign_in` runs once when a user opens the database (the app, and the
commands that write): it sets the login every new row records
(``db/owners.py``) and, with a login, writes the user's row of ``teammate``
(their name, for the others' screens).  :class:`Team` is what the UI asks:
``mode`` is off on a solo SQLite file (nothing of owners shows), on for a
shared database or once another login has written to the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import peewee

from ..config import Settings
from ..db import owners
from ..db.database import read_only_reason, write_transaction
from ..db.models import Candidacy, Teammate, Touchpoint
from ..db.values import as_datetime
from ..domain import teammates as rules
from ..domain.teammates import RecentContact
from ..domain.vocab import TOUCHPOINT_KINDS

__all__ = ["Team", "SOLO", "sign_in", "identify", "team_of", "mine", "recent_teammate_contact", "contact_warning"]


@dataclass(frozen=True)
class Team:
    """Who I am on this database, and whether the owner UI shows."""

    login: str = ""
    name: str = ""
    shared: bool = False
    #: the owner UI (owner column, mine/team switch, warning, Stats by owner) shows
    mode: bool = False
    #: login -> name of everyone who has written here with a login
    names: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def owner_name(self, owner: str | None) -> str:
        """The name shown for a row's *owner*."""
        return rules.owner_name(owner, self.names, self.login, self.name)


SOLO = Team()


def sign_in(settings: Settings, db: peewee.Database) -> Team:
    """The user of *settings* opens *db*: rows written from now on record their login
    (``[profile] login``, else the database role on a shared server), and their
    name is written for their teammates (once; not on a read-only database)."""
    login = identify(settings, db)
    name = settings.profile.name or login
    if login and read_only_reason(db) is None:
        try:
            known = Teammate.get_or_none(Teammate.login == login)
            if known is None or known.name != name:
                with write_transaction():
                    (Teammate.insert(login=login, name=name)
                     .on_conflict(conflict_target=[Teammate.login], update={Teammate.name: name}).execute())
        except peewee.DatabaseError:  # busy, or cannot be written after all: the name waits for the next start
            pass
    return team_of(settings, db)


def identify(settings: Settings, db: peewee.Database) -> str:
    """Set who writes from now on (no write: the commands of the command line) and return the login."""
    login = settings.profile.login or owners.session_role(db)
    owners.set_login(login)
    return login


def team_of(settings: Settings, db: peewee.Database) -> Team:
    """The team as the database holds it now (one read of the small ``teammate`` table)."""
    login = owners.current_login()
    try:
        names = dict(Teammate.select(Teammate.login, Teammate.name).tuples())
    except peewee.DatabaseError:  # a damaged file: the app says so where it reads the rows; no team until then
        names = {}
    shared = owners.is_shared(db)
    return Team(login, settings.profile.name, shared, rules.team_mode(shared, login, names), MappingProxyType(names))


def mine(team: Team, everyone: bool) -> str | None:
    """The owner filter of Today and Capture: None (every owner's items) on a solo
    file or in the team view, else my login ("" for the single user)."""
    return None if everyone or not team.mode else team.login


def owned_by(column: peewee.Field, login: str) -> peewee.Expression:
    """*column* is *login*'s: a row of the single user (NULL) counts as everyone's own,
    so that nothing written before teammates is hidden from anyone."""
    return column.is_null() if not login else (column.is_null() | (column == login))


def recent_teammate_contact(talent_id: int, now: dt.datetime, days: int, team: Team, settings: Settings) -> RecentContact | None:
    """The latest contact a teammate (any login but mine) made with the talent in the
    *days* days up to *now* (the days counted as dates: domain.teammates decides)."""
    if days <= 0:
        return None
    start = dt.datetime.combine(now.date() - dt.timedelta(days=days), dt.time())
    reaching = [k for k in TOUCHPOINT_KINDS if rules.is_contact_out(k)]
    others = Touchpoint.owner.is_null(False) & (Touchpoint.owner != team.login) if team.login else Touchpoint.owner.is_null(False)
    row = (
        Touchpoint.select(Touchpoint.owner, Touchpoint.happened_at, Touchpoint.kind, Touchpoint.step, Candidacy.mission)
        .join(Candidacy, peewee.JOIN.LEFT_OUTER, on=(Candidacy.id == Touchpoint.candidacy))
        .where((Touchpoint.talent == talent_id) & others & Touchpoint.kind.in_(reaching)
               & (Touchpoint.happened_at >= start) & (Touchpoint.happened_at <= now))
        .order_by(Touchpoint.happened_at.desc(), Touchpoint.id.desc())
        .limit(1)
        .tuples()
        .first()
    )
    if row is None:
        return None
    owner, at, kind, step, mission_id = row
    followups = 0
    if kind == "followup":
        from .cadence import mission_cadence

        followups = len(mission_cadence(mission_id, settings).delays)
    return RecentContact(team.owner_name(owner), as_datetime(at), kind, step, followups)


def contact_warning(talent_id: int, kind: str, now: dt.datetime, team: Team, settings: Settings) -> str | None:
    """What to say before logging *kind* with the talent, or None: only in team mode,
    for a contact that reaches out, when a teammate did within ``[team] warn_contact_days``."""
    days = settings.team.warn_contact_days
    if not team.mode or days <= 0 or not rules.is_contact_out(kind):
        return None
    return rules.contact_warning(recent_teammate_contact(talent_id, now, days, team, settings), now, days)
