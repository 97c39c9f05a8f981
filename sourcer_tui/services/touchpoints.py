"""Touchpoints: log a contact, write its feedback à chaud, close a candidacy.

Every function here is one transaction: a touchpoint, the stage it moves,
the reminder it plans and the draft it clears are written together or not
at all.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from peewee import JOIN

from ..config import Settings
from ..db.database import write_transaction
from ..db.models import Candidacy, Draft, Mission, Reminder, Talent, Touchpoint
from ..domain import touchpoints as rules
from ..domain.stages import is_closed
from ..domain.text import clean_line, clean_text
from ..domain.vocab import CLOSED_STAGES, FEEDBACK_KINDS, TOUCHPOINT_KINDS, kind_label
from ..i18n import _
from ..domain.grids import form_values as grid_form_values
from . import cadence, grids, introducers, snoozes
from .errors import Conflict, InvalidInput, NotFound, valid

__all__ = [
    "TouchpointView",
    "FeedbackConflict",
    "ContactConflict",
    "log_touchpoint",
    "next_followup_due",
    "first_message_sent",
    "get_touchpoint",
    "save_feedback",
    "update_touchpoint",
    "delete_touchpoint",
    "close_candidacy",
    "log_decline",
    "open_candidacies",
    "talent_of_candidacy",
    "next_missing_feedback",
    "save_draft",
    "load_draft",
    "discard_draft",
    "drafts",
]


@dataclass(frozen=True)
class TouchpointView:
    """A touchpoint with what the Capture form shows about it."""

    id: int
    talent_id: int
    talent: str
    candidacy_id: int | None
    mission: str
    kind: str
    channel: str
    happened_at: dt.datetime
    step: int | None
    summary: str
    feedback_given: str
    impression: str
    sentiment: str | None
    next_step: str
    next_step_due: dt.date | None
    feedback_at: dt.datetime | None
    #: how many times its feedback was saved (migration 0013): a save names the version it edited
    version: int = 0
    #: the next step's time of day, if one was typed (migration 0016)
    next_step_time: dt.time | None = None
    #: the mission's interview grid with what was scored (migration 0024; empty: no grid)
    grid: tuple = ()

    @property
    def label(self) -> str:
        return kind_label(self.kind) if self.kind in TOUCHPOINT_KINDS else self.kind

    def form_values(self) -> dict[str, str]:
        return {
            "feedback_given": self.feedback_given,
            "impression": self.impression,
            "sentiment": self.sentiment or "",
            "next_step": self.next_step,
            "next_step_due": _typed_due(self.next_step_due, self.next_step_time),
            **grid_form_values((line.criterion.id, line.score, line.evidence) for line in self.grid),
        }


def _typed_due(day: dt.date | None, at: dt.time | None) -> str:
    """A due as the form reads it back: ``2026-12-08`` or ``2026-12-08 14:30``."""
    if day is None:
        return ""
    return day.isoformat() if at is None else f"{day.isoformat()} {at:%H:%M}"


#: A reply, and what it says of the talent's answer (``Candidacy.reply_sentiment``).
REPLY_SENTIMENT = {"reply_positive": "positive", "reply_negative": "negative"}


def log_touchpoint(
    talent_id: int,
    candidacy_id: int | None,
    kind: str,
    now: dt.datetime,
    settings: Settings,
    *,
    channel: str | None = None,
    when: dt.datetime | None = None,
    summary: str = "",
    template_key: str = "",
) -> int:
    """Record a contact; moves the candidacy's stage and sequence where the kind says so.
    A message sent from a template carries the text sent (*summary*) and the
    template's *template_key* (domain.templates.template_key)."""
    if kind not in TOUCHPOINT_KINDS:
        raise InvalidInput({"kind": _("unknown kind {kind}").format(kind=repr(kind))})
    _label, default_channel, direction = TOUCHPOINT_KINDS[kind]
    happened = when or now
    with write_transaction():
        if not Talent.select().where(Talent.id == talent_id).exists():
            raise NotFound(_("talent {id} does not exist").format(id=talent_id))
        candidacy = Candidacy.get_or_none(Candidacy.id == candidacy_id) if candidacy_id else None
        step = rules.next_step_number(kind, candidacy.last_step_sent if candidacy else _last_step_outside_missions(talent_id))
        touchpoint_id = Touchpoint.insert(
            talent=talent_id,
            candidacy=candidacy.id if candidacy else None,
            kind=kind,
            channel=channel or default_channel,
            direction=direction,
            happened_at=happened,
            step=step,
            summary=clean_text(summary),
            template_key=clean_line(template_key),
            needs_feedback=kind in FEEDBACK_KINDS,
            created_at=now,
            updated_at=now,
        ).execute()
        if candidacy is not None:
            _advance(candidacy, kind, step, happened, now, settings)
        if kind in snoozes.WAKING_KINDS or kind in FEEDBACK_KINDS:
            # a reply, or a conversation (a call, an interview): no follow-up goes out to them any more
            cadence.stop_talent_sequences(talent_id, now)
        snoozes.after_contact(talent_id, kind, now, settings.cadence.skip_weekends)
        introducers.note_progress([talent_id], now, settings.pipeline.stages)  # an interview: their introducer's thank-you
    return touchpoint_id


def next_followup_due(touchpoint_id: int) -> dt.date | None:
    """When the follow-up planned after an outreach message is due (None: none planned)."""
    candidacy_id = Touchpoint.select(Touchpoint.candidacy).where(Touchpoint.id == touchpoint_id).scalar()
    if candidacy_id is None:
        return None
    planned = (Reminder.select(Reminder.due)
               .where((Reminder.candidacy == candidacy_id) & (Reminder.kind == "followup") & (Reminder.status == "pending"))
               .order_by(Reminder.due).first())
    return None if planned is None else planned.due


def _last_step_outside_missions(talent_id: int) -> int | None:
    """The step of the talent's latest message logged outside any mission (a
    follow-up to a pool talent is the one after it, not follow-up 1 again)."""
    return (Touchpoint.select(Touchpoint.step)
            .where((Touchpoint.talent == talent_id) & Touchpoint.candidacy.is_null() & Touchpoint.step.is_null(False))
            .order_by(Touchpoint.happened_at.desc(), Touchpoint.id.desc()).scalar())


def _advance(candidacy: Candidacy, kind: str, step: int | None, happened: dt.datetime, now: dt.datetime, settings: Settings) -> None:
    changes: dict = {"updated_at": now}
    if step is not None and candidacy.sequence_state in ("none", "active"):
        # Outreach goes on only while the talent is silent.
        changes["last_step_sent"] = step
        changes["sequence_state"] = "active"
        if kind == "approach" and candidacy.first_contact_at is None:
            changes["first_contact_at"] = happened
        cadence.after_outreach(candidacy, step, happened.date(), now, settings)
    elif step is not None:
        changes["last_step_sent"] = step
    if kind in REPLY_SENTIMENT:
        if candidacy.replied_at is None:
            changes["replied_at"] = happened
            changes["reply_sentiment"] = REPLY_SENTIMENT[kind]
        changes["sequence_state"] = "replied"
    target = rules.stage_after(kind, candidacy.stage, settings.pipeline.stages)
    if target is not None:
        changes.update(stage=target, stage_changed_at=now, closed_at=now if is_closed(target) else None)
    Candidacy.update(**changes).where(Candidacy.id == candidacy.id).execute()


def get_touchpoint(touchpoint_id: int) -> TouchpointView:
    row = (
        Touchpoint.select(
            Touchpoint.id, Talent.id, Talent.name, Touchpoint.candidacy, Mission.title, Touchpoint.kind,
            Touchpoint.channel, Touchpoint.happened_at, Touchpoint.step, Touchpoint.summary,
            Touchpoint.feedback_given, Touchpoint.impression, Touchpoint.sentiment, Touchpoint.next_step,
            Touchpoint.next_step_due, Touchpoint.feedback_at, Touchpoint.version, Touchpoint.next_step_time,
        )
        .join_from(Touchpoint, Talent)
        .join_from(Touchpoint, Candidacy, JOIN.LEFT_OUTER)
        .join_from(Candidacy, Mission, JOIN.LEFT_OUTER)
        .where(Touchpoint.id == touchpoint_id)
        .tuples()
        .first()
    )
    if row is None:
        raise NotFound(_("touchpoint {id} does not exist (deleted?)").format(id=touchpoint_id))
    return TouchpointView(*row[:4], row[4] or "", *row[5:], grid=grids.touchpoint_grid(row[0], row[5], row[3]))


class FeedbackConflict(Conflict):
    """The feedback was saved by someone else (another window) since *version*
    was read; ``theirs`` is what is stored now."""

    def __init__(self, theirs: TouchpointView) -> None:
        self.theirs = theirs
        super().__init__(_("another window saved feedback on this contact while you wrote"))


def save_feedback(touchpoint_id: int, data: Mapping[str, str], now: dt.datetime, *, version: int | None = None,
                  skip_weekends: bool = False) -> dict:
    """Store the feedback à chaud; a dated next step becomes a due item (never hidden by a
    snooze: services/snoozes). Returns the cleaned data.

    With *version* (the touchpoint's ``version`` when the form was filled), a
    feedback saved since by another window raises :class:`FeedbackConflict`
    instead of being replaced without a word.  Every save counts one version.
    """
    cleaned = valid(rules.validate_feedback(data, now.date(), skip_weekends))
    with write_transaction():
        touchpoint = Touchpoint.get_or_none(Touchpoint.id == touchpoint_id)
        if touchpoint is None:
            raise NotFound(_("touchpoint {id} does not exist (deleted?)").format(id=touchpoint_id))
        if version is not None and touchpoint.version != version:
            raise FeedbackConflict(get_touchpoint(touchpoint_id))
        # the version read: on PostgreSQL a teammate's commit landing since fails it (READ COMMITTED)
        if not Touchpoint.update(**cleaned, feedback_at=now, updated_at=now, version=Touchpoint.version + 1).where(
            (Touchpoint.id == touchpoint_id) & (Touchpoint.version == touchpoint.version)
        ).execute():
            raise FeedbackConflict(get_touchpoint(touchpoint_id))
        _plan_next_step(touchpoint, cleaned["next_step"], cleaned["next_step_due"], now, cleaned["next_step_time"])
        grids.write_scores(touchpoint, data)  # the interview's grid, with its feedback
        Draft.delete().where(Draft.touchpoint == touchpoint_id).execute()
    return cleaned


def _plan_next_step(touchpoint: Touchpoint, text: str, due: dt.date | None, now: dt.datetime,
                    at: dt.time | None = None) -> None:
    pending = Reminder.select().where(
        (Reminder.touchpoint == touchpoint.id) & (Reminder.kind == "next_step") & (Reminder.status == "pending")
    )
    if due is None:
        Reminder.update(status="cancelled", done_at=now).where(Reminder.id.in_(pending)).execute()
        return
    existing = pending.first()
    if existing is not None:
        Reminder.update(due=due, due_time=at, detail=text).where(Reminder.id == existing.id).execute()
        return
    Reminder.insert(
        talent=touchpoint.talent_id, candidacy=touchpoint.candidacy_id, touchpoint=touchpoint.id,
        kind="next_step", due=due, due_time=at, detail=text, status="pending", created_at=now,
    ).execute()


class ContactConflict(Conflict):
    """The contact was changed elsewhere (another window, a teammate) since the form
    read *version*: nothing written.  ``theirs``: the form's values as stored now,
    ``version``: the stored one, ``differences``: theirs and mine where they differ."""

    def __init__(self, theirs: dict[str, str], version: int, found: list) -> None:
        self.theirs, self.version, self.differences = theirs, version, found
        super().__init__(_("this contact was changed in another window while you edited it"))


def contact_form_values(kind: str, channel: str, happened_at: dt.datetime, summary: str) -> dict[str, str]:
    """A logged contact as its form writes it."""
    return {"kind": kind, "channel": channel, "when": happened_at.strftime("%Y-%m-%d %H:%M"), "summary": summary}


def update_touchpoint(touchpoint_id: int, *, kind: str, channel: str, happened_at: dt.datetime, summary: str, now: dt.datetime,
                      skip_weekends: bool = True, version: int | None = None) -> None:
    """Correct what was logged (kind, channel, date, message); feedback is edited with save_feedback.

    A contact corrected into a reply has a reply's effects, as if logged so: the
    follow-ups to the talent stop, any snooze ends, the candidacy counts as replied.
    With *version* (the touchpoint's when the form was filled), a contact changed
    since elsewhere raises :class:`ContactConflict`: nothing is written."""
    from ..db.values import as_datetime
    from ..domain.conflicts import CONTACT_LABELS, differences

    if kind not in TOUCHPOINT_KINDS:
        raise InvalidInput({"kind": _("unknown kind {kind}").format(kind=repr(kind))})
    with write_transaction():
        before = Touchpoint.get_or_none(Touchpoint.id == touchpoint_id)
        if before is None:
            raise NotFound(_("touchpoint {id} does not exist (deleted?)").format(id=touchpoint_id))
        if version is not None and before.version != version:
            theirs = contact_form_values(before.kind, before.channel, as_datetime(before.happened_at), before.summary)
            found = differences(CONTACT_LABELS, theirs, contact_form_values(kind, channel, happened_at, clean_text(summary)))
            if found:
                raise ContactConflict(theirs, before.version, found)
        written = Touchpoint.update(
            kind=kind, channel=channel, happened_at=happened_at, summary=clean_text(summary),
            needs_feedback=kind in FEEDBACK_KINDS, direction=TOUCHPOINT_KINDS[kind][2], updated_at=now,
        ).where((Touchpoint.id == touchpoint_id) & (Touchpoint.version == before.version)).execute()
        if not written:  # PostgreSQL: a teammate's commit landed since the read
            raise Conflict(_("this contact was changed in another window while you edited it"))
        if kind in snoozes.WAKING_KINDS and before.kind not in snoozes.WAKING_KINDS:
            _became_a_reply(before, kind, happened_at, now, skip_weekends)


def _became_a_reply(before: Touchpoint, kind: str, happened: dt.datetime, now: dt.datetime, skip_weekends: bool) -> None:
    cadence.stop_talent_sequences(before.talent_id, now)
    snoozes.after_contact(before.talent_id, kind, now, skip_weekends)
    if before.candidacy_id is None or kind not in REPLY_SENTIMENT:
        return
    candidacy = Candidacy.get_by_id(before.candidacy_id)
    changes: dict = {"sequence_state": "replied", "updated_at": now}
    if candidacy.replied_at is None:
        changes.update(replied_at=happened, reply_sentiment=REPLY_SENTIMENT[kind])
    Candidacy.update(**changes).where(Candidacy.id == candidacy.id).execute()


def delete_touchpoint(touchpoint_id: int) -> None:
    """Delete a touchpoint with its draft and its reminders (the caller asked for confirmation)."""
    with write_transaction():
        if not Touchpoint.delete().where(Touchpoint.id == touchpoint_id).execute():
            raise NotFound(_("touchpoint {id} does not exist (deleted?)").format(id=touchpoint_id))


def talent_of_candidacy(candidacy_id: int) -> int:
    candidacy = Candidacy.get_or_none(Candidacy.id == candidacy_id)
    if candidacy is None:
        raise NotFound(_("candidacy {id} does not exist").format(id=candidacy_id))
    return candidacy.talent_id


def first_message_sent(candidacy_id: int | None) -> tuple[dt.datetime, int] | None:
    """When the candidacy's first message went and the last step sent since (0: none
    after it), or None when none was logged (or no candidacy)."""
    if candidacy_id is None:
        return None
    from ..db.values import as_datetime

    row = (Candidacy.select(Candidacy.first_contact_at, Candidacy.last_step_sent)
           .where(Candidacy.id == candidacy_id).tuples().first())
    if row is None or row[0] is None:
        return None
    return as_datetime(row[0]), row[1] or 0


def open_candidacies(talent_id: int) -> list[tuple[int, str]]:
    """``(candidacy id, mission title)`` of the talent's candidacies that are not closed."""
    query = (
        Candidacy.select(Candidacy.id, Mission.title)
        .join(Mission)
        .where((Candidacy.talent == talent_id) & Candidacy.stage.not_in(CLOSED_STAGES))
        .order_by(Candidacy.stage_changed_at.desc())
    )
    return list(query.tuples())


def close_candidacy(
    candidacy_id: int,
    outcome: str,
    data: Mapping[str, str],
    reasons: Sequence[str],
    now: dt.datetime,
    *,
    attach_to: int | None = None,
) -> int:
    """Close as ``declined`` (by the talent) or ``rejected`` (by us) with the reason and the
    feedback given; the decision is a touchpoint in the timeline — a new one, or the
    touchpoint *attach_to* (e.g. the negative reply just logged). Returns its id."""
    cleaned = valid(rules.validate_closing(data, outcome, reasons))
    with write_transaction():
        candidacy = Candidacy.get_or_none(Candidacy.id == candidacy_id)
        if candidacy is None:
            raise NotFound(_("candidacy {id} does not exist").format(id=candidacy_id))
        Candidacy.update(
            stage=outcome, stage_changed_at=now, closed_at=now, updated_at=now,
            decline_reason=cleaned["reason"], decline_detail=cleaned["detail"],
            sequence_state="stopped" if candidacy.sequence_state == "active" else candidacy.sequence_state,
        ).where(Candidacy.id == candidacy_id).execute()
        cadence.stop_sequence(candidacy_id, now)
        summary = rules.closing_summary(outcome, cleaned["reason"], cleaned["detail"])
        if attach_to is not None:
            updated = Touchpoint.update(
                summary=summary, feedback_given=cleaned["feedback"], feedback_at=now, updated_at=now, version=Touchpoint.version + 1
            ).where(
                (Touchpoint.id == attach_to) & (Touchpoint.candidacy == candidacy_id)
            ).execute()
            if updated:
                return attach_to
        return Touchpoint.insert(
            talent=candidacy.talent_id, candidacy=candidacy_id,
            kind="rejection" if outcome == "rejected" else "decline",
            channel=TOUCHPOINT_KINDS["rejection" if outcome == "rejected" else "decline"][1],
            direction="out" if outcome == "rejected" else "in",
            happened_at=now, summary=summary,
            feedback_given=cleaned["feedback"], feedback_at=now, created_at=now, updated_at=now,
        ).execute()


def log_decline(
    talent_id: int,
    candidacy_id: int,
    data: Mapping[str, str],
    now: dt.datetime,
    settings: Settings,
    **details,
) -> int:
    """A negative reply and the candidacy it closes, whole: the reply, the stage
    *declined*, its reason and the feedback given, in one transaction — or nothing
    (an invalid reason raises before anything is written).  Returns the reply's id."""
    reasons = settings.talent.closing_reasons("declined")
    valid(rules.validate_closing(data, "declined", reasons))
    with write_transaction():
        touchpoint_id = log_touchpoint(talent_id, candidacy_id, "reply_negative", now, settings, **details)
        return close_candidacy(candidacy_id, "declined", data, reasons, now, attach_to=touchpoint_id)


def next_missing_feedback(after: dt.datetime | None = None, owner: str | None = None) -> int | None:
    """The newest touchpoint still owing its feedback (*owner*: that login's or the
    single user's, as Capture lists them in team mode; None: anyone's)."""
    owed = Touchpoint.needs_feedback & Touchpoint.feedback_at.is_null()
    if owner is not None:
        from .team import owned_by

        owed &= owned_by(Touchpoint.owner, owner)
    query = Touchpoint.select(Touchpoint.id).where(owed)
    return query.order_by(Touchpoint.happened_at.desc(), Touchpoint.id.desc()).scalar()


# -- drafts: what is typed survives a crash ----------------------------------------
def save_draft(touchpoint_id: int, values: Mapping[str, str], now: dt.datetime) -> None:
    payload = json.dumps(dict(values), ensure_ascii=False)
    with write_transaction():
        updated = Draft.update(payload=payload, updated_at=now).where(Draft.touchpoint == touchpoint_id).execute()
        if not updated:
            if not Touchpoint.select().where(Touchpoint.id == touchpoint_id).exists():  # deleted, or its talent erased, elsewhere
                raise NotFound(_("touchpoint {id} does not exist (deleted?)").format(id=touchpoint_id))
            Draft.insert(touchpoint=touchpoint_id, payload=payload, updated_at=now).execute()


def load_draft(touchpoint_id: int) -> dict[str, str] | None:
    draft = Draft.get_or_none(Draft.touchpoint == touchpoint_id)
    return None if draft is None else _payload(draft.payload)


def discard_draft(touchpoint_id: int) -> None:
    with write_transaction():
        Draft.delete().where(Draft.touchpoint == touchpoint_id).execute()


def drafts() -> list[tuple[int, dt.datetime]]:
    """``(touchpoint id, saved at)`` of every draft, newest first."""
    query = Draft.select(Draft.touchpoint, Draft.updated_at).where(Draft.touchpoint.is_null(False))
    return list(query.order_by(Draft.updated_at.desc()).tuples())


def _payload(text: str) -> dict[str, str]:
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
