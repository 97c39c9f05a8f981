"""The prose of demo data, per language: what a sourcer wrote (summaries, feedback
à chaud, impressions, next steps, notes, snooze reasons, reminder details).

The demo is stored data, not interface: it is written once, in the language
chosen when the file is built (``language="fr"`` gives a French sourcer's
database), and the app shows it as written.  Every language has the *same
shape* (tuples of the same lengths, the same keys, location weights in the same
order), so the random draws, and with them every count, date and stage, are the
same whatever the language: only the words differ.  English is the reference
(:data:`ENGLISH`, built from :mod:`.words`, unchanged); French lives in
:mod:`.words_fr`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import words, words_fr

__all__ = ["DemoTexts", "ENGLISH", "FRENCH", "DEMO_LANGUAGES", "texts"]

#: The languages a demo can be written in; any other (the tests' ``pseudo``) gets English.
DEMO_LANGUAGES = ("en", "fr")


@dataclass(frozen=True, slots=True)
class DemoTexts:
    summary: dict[str, tuple[str, ...]]  # role -> touchpoint summaries
    given: dict[str, tuple[str, ...]]  # sentiment -> feedback given to the talent
    impression: dict[str, tuple[str, ...]]  # sentiment -> private impression
    next_step: dict[str, str]  # role -> next step announced
    decline_detail: dict[str, str]  # decline reason (code) -> detail
    position_filled: str
    talent_notes: tuple[str, ...]
    referral_contexts: tuple[str, ...]
    social_contexts: tuple[str, ...]
    general_tags: tuple[str, ...]
    tracks: dict[str, dict[str, Any]]
    locations: tuple[str, ...]  # aligned with words.LOCATIONS (same weights)
    manual_snoozes: dict[str, str]  # key -> reason
    mission_notes: dict[str, str]  # demo mission title -> brief
    the_client: str
    trial_reason: str
    later_reason: str  # a manual snooze with no preset
    no_reply_reason: Callable[[int], str]  # followups -> reason
    followup_detail: Callable[[int, int], str]  # step, followups
    wake_detail: Callable[[str], str]  # snooze reason -> wake-up reminder
    keep_in_touch_reason: Callable[[int], str]  # months -> snooze reason
    keep_in_touch_detail: Callable[[int], str]  # months -> call reminder
    scale_mission_note: Callable[[str, str], str]  # title, client


def _en_no_reply(n: int) -> str:
    return f"no reply after {n} follow-up{'s' if n > 1 else ''}"


ENGLISH = DemoTexts(
    summary=words._SUMMARY,
    given=words._GIVEN,
    impression=words._IMPRESSION,
    next_step=words._NEXT,
    decline_detail=words._DECLINE_DETAIL,
    position_filled="Position filled.",
    talent_notes=words.TALENT_NOTES,
    referral_contexts=words.REFERRAL_CONTEXTS,
    social_contexts=words.SOCIAL_CONTEXTS,
    general_tags=words.GENERAL_TAGS,
    tracks=words.TRACKS,
    locations=tuple(place for place, _ in words.LOCATIONS),
    manual_snoozes={key: reason for reason, key in words.MANUAL_SNOOZES},
    mission_notes={
        "Senior Backend Engineer": "Python/Go, on-call light. 2 days on site in Paris 11e. Band 70–85k€.",
        "Product Designer": "B2B SaaS, owns the design system. Remote-friendly, Lyon or Paris.",
        "Data Engineer": "2 positions. Stack: [dbt, Airflow, BigQuery]. Nantes HQ, 3 days remote.",
        "Engineering Manager": "On hold until the Series B closes; keep candidates warm.",
    },
    the_client="the client",
    trial_reason="joined a competitor — recontact at end of trial period",
    later_reason="asked to talk again in six months",
    no_reply_reason=_en_no_reply,
    followup_detail=lambda step, n: f"Follow-up {step}/{n}",
    wake_detail=lambda reason: f"Snooze ends — {reason}",
    keep_in_touch_reason=lambda months: f"keep in touch every {months} months",
    keep_in_touch_detail=lambda months: f"Keep in touch (every {months} months)",
    scale_mission_note=lambda title, client: f"{title} for {client}.",
)


FRENCH = DemoTexts(
    summary=words_fr._SUMMARY,
    given=words_fr._GIVEN,
    impression=words_fr._IMPRESSION,
    next_step=words_fr._NEXT,
    decline_detail=words_fr._DECLINE_DETAIL,
    position_filled=words_fr.POSITION_FILLED,
    talent_notes=words_fr._TALENT_NOTES,
    referral_contexts=words_fr._REFERRAL_CONTEXTS,
    social_contexts=words_fr._SOCIAL_CONTEXTS,
    general_tags=words_fr._GENERAL_TAGS,
    tracks=words_fr.TRACKS,
    locations=words_fr.LOCATIONS,
    manual_snoozes=words_fr._MANUAL_SNOOZES,
    mission_notes=words_fr._MISSION_NOTES,
    the_client=words_fr.THE_CLIENT,
    trial_reason=words_fr.TRIAL_REASON,
    later_reason=words_fr.LATER_REASON,
    no_reply_reason=words_fr.no_reply_reason,
    followup_detail=words_fr.followup_detail,
    wake_detail=words_fr.wake_detail,
    keep_in_touch_reason=words_fr.keep_in_touch_reason,
    keep_in_touch_detail=words_fr.keep_in_touch_detail,
    scale_mission_note=words_fr.scale_mission_note,
)
_BY_LANGUAGE = {"en": ENGLISH, "fr": FRENCH}


def texts(language: str = "en") -> DemoTexts:
    """The demo's words in *language* (``en`` or ``fr``; anything else is English)."""
    return _BY_LANGUAGE.get(language, ENGLISH)
