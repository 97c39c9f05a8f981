"""Composing the message of an outreach step for a talent, and recording it as sent."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..config import Settings
from ..db.models import Candidacy, Mission, Reminder, Talent, Touchpoint
from ..domain.templates import placeholder_values, render, template_key
from ..i18n import _
from .errors import NotFound
from .templates import get_template

__all__ = ["Composed", "compose", "compose_for_reminder", "due_email_followups"]


@dataclass(frozen=True)
class Composed:
    talent_id: int
    candidacy_id: int | None
    step: int
    channel: str
    subject: str
    body: str
    to: str  # the talent's email
    profile_url: str
    warning: str  # "" or why to personalise
    template_key: str = ""  # which template it came from (domain.templates.template_key)


def compose(talent_id: int, candidacy_id: int | None, step: int, channel: str, settings: Settings, today: dt.date) -> Composed:
    """The rendered template for this talent (raises TemplateError / NotFound)."""
    talent = Talent.get_or_none(Talent.id == talent_id)
    if talent is None:
        raise NotFound(_("talent {id} does not exist").format(id=talent_id))
    candidacy = Candidacy.get_or_none(Candidacy.id == candidacy_id) if candidacy_id else None
    mission = Mission.get_or_none(Mission.id == candidacy.mission_id) if candidacy else None
    days = (today - candidacy.first_contact_at.date()).days if candidacy and candidacy.first_contact_at else None
    values = placeholder_values(
        {field: getattr(talent, field, "") or "" for field in ("name", "headline", "company", "email", "phone", "linkedin_url", "location", "source", "referred_by", "tags")},
        mission=mission.title if mission else "",
        company=mission.client if mission else "",
        my_name=settings.profile.name,
        days_since_first_message=days,
    )
    template = get_template(step, channel, mission.id if mission else None)
    subject, body = render(template.subject, values), render(template.body, values)
    key = template_key(step, channel, template.mission_id if template.origin == "mission" else None)
    return Composed(talent_id, candidacy_id, step, channel, subject, body, talent.email, talent.linkedin_url, _warning(candidacy_id, body), key)


def _warning(candidacy_id: int | None, body: str) -> str:
    """A nudge, never a block: the same text as the previous message of the sequence."""
    if candidacy_id is None:
        return ""
    previous = (
        Touchpoint.select(Touchpoint.summary)
        .where((Touchpoint.candidacy == candidacy_id) & Touchpoint.kind.in_(("approach", "followup")))
        .order_by(Touchpoint.happened_at.desc(), Touchpoint.id.desc())
        .scalar()
    )
    if previous and previous.strip() == body.strip():
        return _("same text as the previous message: personalise it!")
    return ""


def compose_for_reminder(reminder_id: int, channel: str, settings: Settings, today: dt.date) -> Composed:
    reminder = Reminder.get_or_none(Reminder.id == reminder_id)
    if reminder is None or reminder.kind != "followup":
        raise NotFound(_("only a follow-up has a message to send"))
    return compose(reminder.talent_id, reminder.candidacy_id, reminder.step or 1, channel, settings, today)


def due_email_followups(today: dt.date, owner: str | None = None) -> list[Reminder]:
    """Follow-ups due on or before *today* whose talent has an email (a snoozed
    talent's follow-ups wait past the snooze's end: services/snoozes); *owner*:
    only that login's (and the single user's), None: everyone's."""
    from .team import owned_by

    where = (Reminder.kind == "followup") & (Reminder.status == "pending") & (Reminder.due <= today) & (Talent.email != "")
    if owner is not None:
        where &= owned_by(Reminder.owner, owner)
    return list(Reminder.select(Reminder).join(Talent).where(where).order_by(Reminder.due, Reminder.id))
