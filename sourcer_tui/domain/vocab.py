"""The vocabulary of DESIGN.md as constants: stages, sources, kinds, channels."""

from __future__ import annotations

import re

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
    "approach": ("First message", "linkedin", "out"),
    "followup": ("Follow-up", "linkedin", "out"),
    "call": ("Call", "phone", "out"),
    "interview": ("Interview", "video", "out"),
    "reverse_interview": ("Reverse interview", "video", "out"),
    "inbound": ("Inbound message", "email", "in"),
    "reply_positive": ("Reply (positive)", "linkedin", "in"),
    "reply_negative": ("Reply (negative)", "linkedin", "in"),
    "event": ("Event invitation", "email", "out"),
    "content": ("Content shared", "email", "out"),
    "note": ("Note", "other", "out"),
    # Written when a candidacy is closed, with the reason and the feedback given.
    "rejection": ("Rejection (by us)", "email", "out"),
    "decline": ("Declined (by talent)", "other", "in"),
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
SNOOZE_KINDS: dict[str, str] = {"manual": "snoozed", "no_reply": "no reply", "trial_end": "trial end", "keep_in_touch": "in touch"}

#: Due item kinds; ``auto_snooze`` (the day a silent talent is snoozed) is hidden bookkeeping.
REMINDER_KINDS: tuple[str, ...] = ("followup", "next_step", "wake_up", "keep_in_touch", "auto_snooze")
REMINDER_STATUSES: tuple[str, ...] = ("pending", "done", "skipped", "cancelled")

_LABELS = {
    "reverse_interview": "reverse interview",
    "social_referral": "social referral",
    "job_board": "job board",
    "talent_pool": "talent pool",
    "on_hold": "on hold",
    "in_person": "in person",
    "declined": "declined by talent",
    "rejected": "rejected by us",
}


def label(code: str) -> str:
    """Human label for a code name (``job_board`` -> ``job board``)."""
    return _LABELS.get(code, code.replace("_", " "))


def stage_label(stage: str) -> str:
    """Capitalised label for a stage, for group headers."""
    text = label(stage)
    return text[:1].upper() + text[1:]
