"""Teammates: when the owner UI shows, whose items a view lists, and the
warning before contacting a talent a teammate contacted lately.  No SQL here:
the services read the rows, these rules decide.

On a solo SQLite file everything is owned by the single user (``owner`` NULL)
and none of this shows.  It shows on a shared database (PostgreSQL), or once
a second login has written to the same file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..i18n import _, ngettext
from .vocab import TOUCHPOINT_KINDS, kind_label

__all__ = [
    "RecentContact", "team_mode", "owner_name", "is_contact_out", "contact_label", "contact_warning",
]

#: Kinds logged that are not reaching out to the talent: no warning for them, and a
#: teammate's are not "contacted them".
_NOT_REACHING_OUT = frozenset({"note", "rejection", "decline"})


@dataclass(frozen=True)
class RecentContact:
    """A teammate's latest contact with a talent, as the warning tells it."""

    name: str  # the teammate's name (or login)
    at: dt.datetime
    kind: str  # a touchpoint kind
    step: int | None = None  # 0 first message, k follow-up k
    followups: int = 0  # the follow-ups the talent's cadence plans (the 3 of "follow-up 1/3")


def team_mode(shared: bool, my_login: str, logins: Iterable[str]) -> bool:
    """Whether the owner UI shows: a shared database, or a login besides mine has written here."""
    return shared or any(login != my_login for login in logins if login)


def owner_name(owner: str | None, names: Mapping[str, str], my_login: str = "", my_name: str = "") -> str:
    """The name shown for *owner* (a login; None: the single user of a solo file).
    A teammate's own name when known, else the login; mine is my ``[profile] name``."""
    if not owner:
        return my_name if not my_login else ""
    if owner == my_login and my_name:
        return my_name
    return names.get(owner) or owner


def is_contact_out(kind: str) -> bool:
    """Whether logging *kind* reaches out to the talent (a message, a call…): what a
    teammate's recent contact warns about."""
    known = TOUCHPOINT_KINDS.get(kind)
    return kind not in _NOT_REACHING_OUT and (known is None or known[2] == "out")


def contact_label(kind: str, step: int | None, followups: int) -> str:
    """``first message``, ``follow-up 1/3`` or the kind's label, in lower case."""
    if kind == "approach" or (kind == "followup" and step == 0):
        return _("first message")
    if kind == "followup" and step:
        if followups >= step:
            return _("follow-up {step}/{total}").format(step=step, total=followups)
        return _("follow-up {step}").format(step=step)
    return kind_label(kind).lower()


def contact_warning(contact: RecentContact | None, now: dt.datetime, warn_days: int) -> str | None:
    """The warning before logging a contact, or None when there is nothing to say:
    no teammate's contact, *warn_days* 0, or their contact is *warn_days* days
    old or more (within the last 14 days: 13 days ago warns, 14 does not)."""
    if contact is None or warn_days <= 0:
        return None
    days = (now.date() - contact.at.date()).days
    if days >= warn_days:
        return None
    what = contact_label(contact.kind, contact.step, contact.followups)
    if days <= 0:
        return _("{name} contacted them today ({what})").format(name=contact.name, what=what)
    return ngettext("{name} contacted them {n} day ago ({what})", "{name} contacted them {n} days ago ({what})", days).format(
        name=contact.name, n=days, what=what
    )
