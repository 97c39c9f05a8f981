"""Message templates: one per outreach step and channel, optionally per mission.

Lookup order: the mission's own template, then the one for all missions, then
the built-in default (not stored until edited).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..db.database import write_transaction
from ..db.models import Template
from ..domain.templates import DEFAULT_TEMPLATES, TemplateError, check
from ..domain.text import clean_line, clean_text
from ..i18n import _
from .errors import InvalidInput

__all__ = ["StoredTemplate", "get_template", "save_template", "reset_template", "list_templates", "CHANNELS"]

CHANNELS = ("linkedin", "email")


@dataclass(frozen=True)
class StoredTemplate:
    step: int
    channel: str
    mission_id: int | None
    subject: str
    body: str
    origin: str  # mission | global | default

    @property
    def label(self) -> str:
        return _("first message") if self.step == 0 else _("follow-up {step}").format(step=self.step)


def _stored(step: int, channel: str, mission_id: int | None) -> Template | None:
    where = (Template.step == step) & (Template.channel == channel)
    where &= Template.mission.is_null() if mission_id is None else (Template.mission == mission_id)
    return Template.select().where(where).first()


def get_template(step: int, channel: str, mission_id: int | None = None) -> StoredTemplate:
    if mission_id is not None:
        own = _stored(step, channel, mission_id)
        if own is not None:
            return StoredTemplate(step, channel, mission_id, own.subject, own.body, "mission")
    common = _stored(step, channel, None)
    if common is not None:
        return StoredTemplate(step, channel, None, common.subject, common.body, "global")
    subject, body = DEFAULT_TEMPLATES.get((step, channel)) or DEFAULT_TEMPLATES.get((min(step, 3), channel), ("", ""))
    return StoredTemplate(step, channel, None, subject, body, "default")


def save_template(step: int, channel: str, mission_id: int | None, subject: str, body: str, now: dt.datetime) -> None:
    """Store a template after checking every placeholder; problems come back per field."""
    subject, body = clean_line(subject), clean_text(body)
    errors = {}
    for field, text in (("subject", subject), ("body", body)):
        problems = check(text)
        if problems:
            errors[field] = str(TemplateError(problems))
    if not body:
        errors.setdefault("body", _("the message is empty"))
    if errors:
        raise InvalidInput(errors)
    with write_transaction():
        existing = _stored(step, channel, mission_id)
        if existing is None:
            Template.insert(step=step, channel=channel, mission=mission_id, subject=subject, body=body, created_at=now, updated_at=now).execute()
        else:
            Template.update(subject=subject, body=body, updated_at=now).where(Template.id == existing.id).execute()


def reset_template(step: int, channel: str, mission_id: int | None) -> None:
    """Back to the next template in the lookup order."""
    with write_transaction():
        existing = _stored(step, channel, mission_id)
        if existing is not None:
            existing.delete_instance()


def list_templates(mission_id: int | None, steps: int) -> list[StoredTemplate]:
    """What applies for each step 0..steps and channel, for one mission or all."""
    return [get_template(step, channel, mission_id) for step in range(steps + 1) for channel in CHANNELS]
