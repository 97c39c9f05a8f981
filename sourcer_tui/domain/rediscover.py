"""Pool matches: who in the talent pool fits a mission, and why (no SQL here).

A mission's words (its title, then its must-haves) are looked up in the
talents' profiles and past feedback (services/rediscover.py ranks them with
the search index).  The fit, from 0 to 1, is half the bm25 rank relative to
the best one, half the share of the mission's words the talent holds (a
title word counts twice): bm25 alone let one rare word of a brief (*call*
in "on call once a month") outrank a talent with the title's words.  It is
multiplied by 1 + the boosts of what makes a talent worth calling again:

* a *silver medallist*: reached an interview, a reverse interview or an offer
  in another mission (+0.5);
* declined another mission for *timing*, or for a reason this mission
  removes: *salary* when its range reaches their expectation, *location /
  remote* when it is fully remote (+0.3);
* their snooze ends within a month (+0.2).

Left out: talents contacted in the last ``[rediscover] recent_contact_days``,
anonymised, past the retention limit, already in the mission, or snoozed
beyond a month (a keep-in-touch plan is not a snooze: they stay).  Each row
says why it is there (:func:`describe`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..i18n import _
from .dates import add_months

__all__ = [
    "Term", "Reason", "Eligibility", "Past", "mission_terms", "fold", "matched", "silver_reason", "decline_reason",
    "snooze_reason", "left_out", "coverage", "score", "describe", "SILVER_STAGES", "SILVER_BOOST", "DECLINE_BOOST",
    "SNOOZE_BOOST", "MAX_TERMS",
]

#: The stages that make a silver medallist (reached in an earlier mission), furthest last.
SILVER_STAGES = ("interviewing", "reverse_interview", "offer")
SILVER_BOOST = 0.5
DECLINE_BOOST = 0.3
SNOOZE_BOOST = 0.2
#: The decline reasons (as configured by default) that a mission can remove.
TIMING, SALARY, LOCATION = "timing", "salary", "location / remote"
#: The words of a mission looked up, at most.
MAX_TERMS = 12

_WORD = re.compile(r"\w+", re.UNICODE)
#: Words that say nothing of a fit, English and French (folded).
_STOP = frozenset("""
a an and or of the to in on at for with by from as is are be has have was were will this that these those
it its we you our your their who what when how any all some more most than then also per via into over under
year years month months day days week weeks plus least once twice good great strong solid experience
le la les un une des du de d l et ou en au aux pour par sur avec sans dans chez est sont ans an mois jour jours
semaine semaines une bonne bon tres plus moins ce cette ces son sa ses leur leurs nous vous qui que quoi dont
""".split())


def _base(c: str) -> str:
    return "".join(d for d in unicodedata.normalize("NFKD", c) if not unicodedata.combining(d))


#: Latin letters with accents -> without (a table: str.translate folds a page of notes at C speed).
_ACCENTS = {cp: _base(chr(cp)) for cp in range(0xC0, 0x250) if _base(chr(cp)) != chr(cp)}


def fold(text: str) -> str:
    """Lower case without accents, as the search index compares words (*Élodie* → *elodie*)."""
    if text.isascii():
        return text.lower()
    folded = text.translate(_ACCENTS)
    if any(ord(c) >= 0x250 for c in folded):  # other scripts: the slow, general way
        folded = _base(folded)
    return folded.casefold()


@dataclass(frozen=True)
class Term:
    """One word of the mission: *key* as the index holds it, *shown* as the mission spells it."""

    key: str
    shown: str
    in_title: bool = False


def mission_terms(title: str, must_haves: str = "", *, most: int = MAX_TERMS) -> list[Term]:
    """The words a talent should have for the mission: its title's, then its
    must-haves', each once, without the words that say nothing (*and*, *years*,
    *des*), numbers or single letters."""
    terms: dict[str, Term] = {}
    for text, in_title in ((title, True), (must_haves, False)):
        for word in _WORD.findall(text or ""):
            key = fold(word)
            if len(key) < 2 or key.isdigit() or key in _STOP or key in terms:
                continue
            terms[key] = Term(key, word, in_title)
            if len(terms) == most:
                return list(terms.values())
    return list(terms.values())


def matched(terms: Sequence[Term], texts: Iterable[str]) -> list[str]:
    """The terms (as the mission spells them) found as whole words in *texts*."""
    words = {w for text in texts for w in _WORD.findall(fold(text or ""))}
    return [t.shown for t in terms if t.key in words]


@dataclass(frozen=True)
class Reason:
    """Why a talent is in the list. *kind*: ``matches`` (profile words),
    ``feedback`` (words of past feedback), one of SILVER_STAGES (reached in
    *mission* in *month*, ``YYYY-MM``), ``declined`` (*detail*: the reason),
    ``snooze`` (*day*: when it ends; *detail*: ``ended`` before today, ``today``)."""

    kind: str
    words: tuple[str, ...] = ()
    mission: str = ""
    month: str = ""
    detail: str = ""
    day: dt.date | None = None


@dataclass(frozen=True)
class Past:
    """One candidacy of the talent in another mission."""

    mission: str
    stage: str  # its stage now
    reached: str  # the furthest of SILVER_STAGES it reached ("" none)
    reached_on: dt.date | None  # when
    decline_reason: str | None


def silver_reason(pasts: Iterable[Past]) -> Reason | None:
    """The furthest stage reached in another mission (the latest, at equal stage)."""
    best: Past | None = None
    for past in pasts:
        if past.reached not in SILVER_STAGES or past.stage == "hired":
            continue
        rank = (SILVER_STAGES.index(past.reached), past.reached_on or dt.date.min)
        if best is None or rank > (SILVER_STAGES.index(best.reached), best.reached_on or dt.date.min):
            best = past
    if best is None:
        return None
    month = best.reached_on.strftime("%Y-%m") if best.reached_on else ""
    return Reason(best.reached, mission=best.mission, month=month)


def decline_reason(pasts: Iterable[Past], *, remote_policy: str, salary_max: int | None, salary_currency: str,
                   salary_amount: int | None, talent_currency: str, salary_period: str) -> Reason | None:
    """A no that this mission may turn: timing; salary when the mission's range
    reaches the talent's yearly expectation (same currency); location / remote
    when the mission is fully remote."""
    for past in pasts:
        if past.stage != "declined" or not past.decline_reason:
            continue
        reason = past.decline_reason
        if reason == TIMING:
            return Reason("declined", detail=reason)
        if (reason == SALARY and salary_max is not None and salary_amount is not None and salary_period == "year"
                and salary_currency == talent_currency and salary_max >= salary_amount):
            return Reason("declined", detail=reason)
        if reason == LOCATION and remote_policy == "remote":
            return Reason("declined", detail=reason)
    return None


def snooze_reason(until: dt.date | None, kind: str | None, today: dt.date) -> Reason | None:
    """Their snooze ends within a month, or has ended and is still to be woken
    (a keep-in-touch plan is not a snooze)."""
    if until is None or kind == "keep_in_touch" or until > add_months(today, 1):
        return None
    return Reason("snooze", day=until, detail="ended" if until < today else "today" if until == today else "")


@dataclass(frozen=True)
class Eligibility:
    """What leaves a talent out, as read for them."""

    anonymised: bool
    in_mission: bool
    last_contact: dt.date | None
    snoozed_until: dt.date | None
    snooze_kind: str | None
    past_retention: bool


def left_out(e: Eligibility, today: dt.date, recent_contact_days: int) -> bool:
    """Anonymised, already in the mission, contacted within *recent_contact_days*,
    snoozed beyond a month, or past the retention limit."""
    if e.anonymised or e.in_mission or e.past_retention:
        return True
    if e.last_contact is not None and e.last_contact > today - dt.timedelta(days=recent_contact_days):
        return True
    return e.snoozed_until is not None and e.snooze_kind != "keep_in_touch" and e.snoozed_until > add_months(today, 1)


def coverage(terms: Sequence[Term], found: Iterable[str]) -> float:
    """The share of the mission's words *found* (as shown), a title word counting twice."""
    weight = {t.shown: 2 if t.in_title else 1 for t in terms}
    whole = sum(weight.values())
    return sum(weight.get(word, 0) for word in set(found)) / whole if whole else 0.0


def score(fit: float, best_fit: float, share: float, reasons: Iterable[Reason]) -> float:
    """Half the fit relative to the best one, half the *share* of the mission's
    words held (:func:`coverage`), raised by each boost: ``× (1 + boosts)``,
    so that a silver medallist who fits ranks first and one who barely
    does stays below a talent who fits well; three decimals."""
    base = 0.5 * (fit / best_fit if best_fit > 0 else 0.0) + 0.5 * share
    boost = 0.0
    for reason in reasons:
        if reason.kind in SILVER_STAGES:
            boost += SILVER_BOOST
        elif reason.kind == "declined":
            boost += DECLINE_BOOST
        elif reason.kind == "snooze":
            boost += SNOOZE_BOOST
    return round(base * (1 + boost), 3)


def describe(reason: Reason) -> str:
    """The reason in a few words, in the user's language:
    *interviewed for Data Engineer (2025-03)*, *matches: Python, dbt*."""
    from ..i18n import formats
    from .vocab import label

    when = f" ({reason.month})" if reason.month else ""
    if reason.kind == "interviewing":
        return _("interviewed for {mission}").format(mission=reason.mission) + when
    if reason.kind == "reverse_interview":
        return _("reverse interview for {mission}").format(mission=reason.mission) + when
    if reason.kind == "offer":
        return _("offer for {mission}").format(mission=reason.mission) + when
    if reason.kind == "declined":
        return _("declined: {reason}").format(reason=label(reason.detail))
    if reason.kind == "snooze":
        if not reason.day:
            return _("snooze ends soon")
        if reason.detail == "ended":
            return _("snooze ended {day}").format(day=formats.full_date(reason.day))
        if reason.detail == "today":
            return _("snooze ends today")
        return _("snooze ends {day}").format(day=formats.full_date(reason.day))
    if reason.kind == "feedback":
        return _("feedback mentions: {words}").format(words=", ".join(reason.words))
    return _("matches: {words}").format(words=", ".join(reason.words))
