"""The vocabulary of DESIGN.md as constants: stages, sources, kinds, channels."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..i18n import N_, _

__all__ = [
    "DEFAULT_STAGES",
    "CLOSED_STAGES",
    "STAGE_NAME",
    "DEFAULT_SOURCES",
    "DEFAULT_DECLINE_REASONS",
    "DEFAULT_REJECTION_REASONS",
    "MISSION_STATUSES",
    "TOUCHPOINT_KINDS",
    "FEEDBACK_KINDS",
    "CHANNELS",
    "DIRECTIONS",
    "SEQUENCE_STATES",
    "REPLY_SENTIMENTS",
    "SNOOZE_KINDS",
    "REMINDER_KINDS",
    "REMINDER_STATUSES",
    "stage_label",
    "label",
    "kind_label",
    "snooze_kind_label",
]

DEFAULT_STAGES: tuple[str, ...] = (
    "sourced",
    "approached",
    "replied",
    "screening",
    "interviewing",
    "reverse_interview",
    "offer",
    "hired",
)
#: Closed outcomes, shown after the configured stages.
CLOSED_STAGES: tuple[str, ...] = ("declined", "rejected")
#: What a stage name may be (the config's rule): a-z, 0-9 and _, starting with a letter.
STAGE_NAME = re.compile(r"[a-z][a-z0-9_]*")

DEFAULT_SOURCES: tuple[str, ...] = (
    "linkedin",
    "referral",
    "social_referral",
    "job_board",
    "community",
    "event",
    "talent_pool",
    "inbound",
    "other",
)

DEFAULT_DECLINE_REASONS: tuple[str, ...] = (
    "not looking",
    "salary",
    "location / remote",
    "company or product",
    "role or seniority",
    "timing",
    "counter-offer",
    "joined a competitor",
    "other",
)

#: Why we turn a candidate down (ours, not theirs: shown apart in Stats).
DEFAULT_REJECTION_REASONS: tuple[str, ...] = (
    "skills",
    "experience",
    "salary gap",
    "client said no",
    "culture",
    "position filled",
    "other",
)

MISSION_STATUSES: tuple[str, ...] = ("open", "on_hold", "closed")

#: Touchpoint kinds: code name -> (label, default channel, direction).
TOUCHPOINT_KINDS: dict[str, tuple[str, str, str]] = {
    "approach": (N_("First message"), "linkedin", "out"),
    "followup": (N_("Follow-up"), "linkedin", "out"),
    "call": (N_("Call"), "phone", "out"),
    "interview": (N_("Interview"), "video", "out"),
    "reverse_interview": (N_("Reverse interview"), "video", "out"),
    "inbound": (N_("Inbound message"), "email", "in"),
    "reply_positive": (N_("Reply (positive)"), "linkedin", "in"),
    "reply_negative": (N_("Reply (negative)"), "linkedin", "in"),
    "event": (N_("Event invitation"), "email", "out"),
    "content": (N_("Content shared"), "email", "out"),
    "note": (N_("Note"), "other", "out"),
    # Written when a candidacy is closed, with the reason and the feedback given.
    "rejection": (N_("Rejection (by us)"), "email", "out"),
    "decline": (N_("Declined (by talent)"), "other", "in"),
}

#: Kinds whose feedback à chaud is owed right after the contact.
FEEDBACK_KINDS: frozenset[str] = frozenset({"call", "interview", "reverse_interview", "inbound"})

CHANNELS: tuple[str, ...] = ("linkedin", "email", "phone", "video", "in_person", "sms", "other")

#: A touchpoint's direction: we reached out, or they did (the third item of a kind above).
DIRECTIONS: tuple[str, ...] = ("out", "in")

#: Where a candidacy's outreach sequence stands.
SEQUENCE_STATES: tuple[str, ...] = ("none", "active", "replied", "completed", "stopped")

#: How a candidacy's first reply went (``Candidacy.reply_sentiment``).
REPLY_SENTIMENTS: tuple[str, ...] = ("positive", "negative")

#: Snooze kinds: code name -> label in the Snoozed pane.
SNOOZE_KINDS: dict[str, str] = {"manual": N_("snoozed"), "no_reply": N_("no reply"), "trial_end": N_("trial end"), "keep_in_touch": N_("in touch")}

#: Due item kinds; ``auto_snooze`` (the day a silent talent is snoozed) is hidden bookkeeping.
REMINDER_KINDS: tuple[str, ...] = ("followup", "next_step", "wake_up", "keep_in_touch", "auto_snooze", "thank_introducer")
REMINDER_STATUSES: tuple[str, ...] = ("pending", "done", "skipped", "cancelled")

#: The label of every code name the app ships (stages, sources, channels,
#: statuses, reasons, kinds): English here, translated by :func:`label`.
#: A stage or reason from the user's own config is shown as written.
_LABELS = {
    "sourced": N_("sourced"),
    "approached": N_("approached"),
    "replied": N_("replied"),
    "screening": N_("screening"),
    "interviewing": N_("interviewing"),
    "reverse_interview": N_("reverse interview"),
    "offer": N_("offer"),
    "hired": N_("hired"),
    "declined": N_("declined by talent"),
    "rejected": N_("rejected by us"),
    "linkedin": N_("linkedin"),
    "referral": N_("referral"),
    "social_referral": N_("social referral"),
    "job_board": N_("job board"),
    "community": N_("community"),
    "event": N_("event"),
    "talent_pool": N_("talent pool"),
    "inbound": N_("inbound"),
    "other": N_("other"),
    "email": N_("email"),
    "phone": N_("phone"),
    "video": N_("video"),
    "in_person": N_("in person"),
    "sms": N_("sms"),
    "open": N_("open"),
    "on_hold": N_("on hold"),
    "closed": N_("closed"),
    "not looking": N_("not looking"),
    "salary": N_("salary"),
    "location / remote": N_("location / remote"),
    "company or product": N_("company or product"),
    "role or seniority": N_("role or seniority"),
    "timing": N_("timing"),
    "counter-offer": N_("counter-offer"),
    "joined a competitor": N_("joined a competitor"),
    "skills": N_("skills"),
    "experience": N_("experience"),
    "salary gap": N_("salary gap"),
    "client said no": N_("client said no"),
    "culture": N_("culture"),
    "position filled": N_("position filled"),
    # a reply's sentiment, an outreach sequence's state
    "positive": N_("positive"),
    "negative": N_("negative"),
    "none": N_("none"),
    "active": N_("active"),
    "completed": N_("completed"),
    "stopped": N_("stopped"),
}


def label(code: str, into: Callable[[str], str] | None = None) -> str:
    """Human label for a code name (``job_board`` -> ``job board``), in the
    user's language (or through *into*, see ``i18n.in_language``) when the app
    ships it, as written otherwise."""
    known = _LABELS.get(code)
    return (into or _)(known) if known is not None else code.replace("_", " ")


def picker_status(code: str) -> str:
    """A mission's status as the mission pickers show it, translated (``[on
    hold]``, ``[en pause]``); an unknown status as written."""
    return label(code) if code in MISSION_STATUSES else code


def stage_label(stage: str) -> str:
    """Capitalised label for a stage, for group headers."""
    text = label(stage)
    return text[:1].upper() + text[1:]


def kind_label(kind: str) -> str:
    """A touchpoint kind's label (``followup`` -> ``Follow-up``), translated."""
    known = TOUCHPOINT_KINDS.get(kind)
    return _(known[0]) if known is not None else label(kind)


def snooze_kind_label(kind: str) -> str:
    """A snooze kind as the Snoozed pane shows it (``no_reply`` -> ``no reply``), translated."""
    known = SNOOZE_KINDS.get(kind)
    return _(known) if known is not None else label(kind)
