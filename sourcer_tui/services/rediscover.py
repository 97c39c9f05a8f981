"""Pool matches: the talents of the pool who fit a mission, best first, with why.

The mission's words (domain/rediscover.py) are ranked against the profiles
and past feedback by the search index (db/pool_fit.py): the best
:data:`CANDIDATES` (or twice the rows asked) of each.  Then, for those only, one query
reads what leaves a talent out (in the mission, contacted lately, snoozed
beyond a month, anonymised, past the retention limit) and one reads their
other candidacies (silver medallists, a no this mission may turn).  At
100,000 talents and 1,000,000 touchpoints: see benchmarks (``rediscover``).

Adding them to the mission is the bulk add (services/bulk.py): one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import peewee

from ..db import pool_fit
from ..db.models import Mission, database_proxy
from ..db.values import as_date
from ..domain import rediscover as rules
from ..domain.vocab import CLOSED_STAGES
from . import bulk
from .errors import NotFound
from .privacy import review_cutoff
from .reads import Beside, apart
from ..i18n import _, pgettext

__all__ = ["Match", "pool_matches", "add", "CANDIDATES", "FEEDBACK_WEIGHT"]

#: Talents ranked by each index before the rest is read, at least (twice the
#: rows asked for: about a third are left out at 100,000 talents).
CANDIDATES = 100
#: Past feedback counts half as much as the profile towards the fit.
FEEDBACK_WEIGHT = 0.5


@dataclass(frozen=True)
class Match:
    talent_id: int
    name: str
    headline: str
    score: float
    reasons: tuple[rules.Reason, ...]

    def why(self) -> list[str]:
        """The reasons, in words (translated)."""
        return [rules.describe(r) for r in self.reasons]

    def why_line(self) -> str:
        """The reasons on one line, joined as the language writes a list of clauses."""
        return pgettext("list of reasons", "; ").join(self.why())


def _db() -> peewee.Database:
    return database_proxy.obj


def _marks(ids: Sequence[int]) -> str:
    return ",".join("?" * len(ids))


_CLOSED = ", ".join(f"'{s}'" for s in CLOSED_STAGES)  # constants, not user input

# One row per candidate: what may leave them out, and their profile's text (the reasons).
_TALENTS_SQL = f"""
SELECT t.id, t.name, t.headline, t.tags, t.notes, t.languages, t.anonymised_at IS NOT NULL,
  EXISTS (SELECT 1 FROM candidacy c WHERE c.talent_id = t.id AND c.mission_id = ?),
  t.last_contact_at, t.salary_amount, t.salary_currency, t.salary_period,
  (SELECT s.until FROM snooze s WHERE s.talent_id = t.id AND s.active ORDER BY s.until DESC LIMIT 1),
  (SELECT s.kind FROM snooze s WHERE s.talent_id = t.id AND s.active ORDER BY s.until DESC LIMIT 1),
  (SELECT MAX(p.happened_at) FROM touchpoint p WHERE p.talent_id = t.id),
  t.legal_basis_at, t.consent_renewed_at, t.created_at,
  EXISTS (SELECT 1 FROM candidacy c JOIN mission m ON m.id = c.mission_id
          WHERE c.talent_id = t.id AND c.stage NOT IN ({_CLOSED}) AND m.status <> 'closed')
FROM talent t WHERE t.id IN ({{ids}})"""

# Their candidacies in other missions, with the furthest interview touchpoint.
_PASTS_SQL = """
SELECT c.talent_id, m.title, c.stage, c.stage_changed_at, c.decline_reason,
  (SELECT MAX(p.happened_at) FROM touchpoint p WHERE p.candidacy_id = c.id AND p.kind = 'interview'),
  (SELECT MAX(p.happened_at) FROM touchpoint p WHERE p.candidacy_id = c.id AND p.kind = 'reverse_interview')
FROM candidacy c JOIN mission m ON m.id = c.mission_id
WHERE c.talent_id IN ({ids}) AND c.mission_id <> ?"""


def _past(title: str, stage: str, changed, reason, interviewed, reversed_) -> rules.Past:
    """One candidacy elsewhere: the furthest silver stage it reached, and when."""
    reached, on = "", None
    if stage in rules.SILVER_STAGES:
        reached, on = stage, as_date(changed)
    elif reversed_ is not None:
        reached, on = "reverse_interview", as_date(reversed_)
    elif interviewed is not None:
        reached, on = "interviewing", as_date(interviewed)
    return rules.Past(title, stage, reached, on, reason)


def pool_matches(mission_id: int, today: dt.date, *, recent_contact_days: int = 30, retention_months: int = 24,
                 limit: int = 50, beside: Beside | None = None) -> list[Match]:
    """The talents not in *mission_id* who fit it best, with the reasons of each.

    *beside* (the app's ``WorkerConnections.submit``) reads the past feedback's
    fit while the profiles are ranked, and the candidates' other candidacies and
    feedback while their rows are read, in other threads and connections."""
    mission = Mission.get_or_none(Mission.id == mission_id)
    if mission is None:
        raise NotFound(_("mission {id} does not exist").format(id=mission_id))
    terms = rules.mission_terms(mission.title, mission.must_haves)
    keys = [t.key for t in terms]
    db = _db()
    wanted = max(CANDIDATES, 2 * limit)
    fits: dict[int, float] = defaultdict(float)
    title_keys = [t.key for t in terms if t.in_title]
    said_fits = apart(beside, lambda: pool_fit.feedback_fit(db, keys, wanted))
    for talent_id, fit in pool_fit.profile_fit(db, title_keys, keys, wanted):
        fits[talent_id] += fit
    for talent_id, fit in said_fits():
        fits[talent_id] += FEEDBACK_WEIGHT * fit
    if not fits:
        return []
    ids = sorted(fits, key=lambda t: -fits[t])[:wanted]
    # read for every candidate, beside their rows: those left out are dropped after
    read_pasts = apart(beside, lambda: db.execute_sql(_PASTS_SQL.format(ids=_marks(ids)), (*ids, mission_id)).fetchall())
    read_feedback = apart(beside, lambda: pool_fit.feedback_texts(db, ids))
    cutoff = review_cutoff(today, retention_months)
    kept: dict[int, tuple] = {}
    for row in db.execute_sql(_TALENTS_SQL.format(ids=_marks(ids)), (mission_id, *ids)).fetchall():
        (talent_id, _name, _headline, _tags, _notes, _languages, anonymised, in_mission, last_contact, _amount, _currency,
         _period, until, kind, touched, basis_at, consent, created, open_pipeline) = row
        last = max(d for d in (as_date(touched) or as_date(created), as_date(basis_at), as_date(consent)) if d is not None)
        eligibility = rules.Eligibility(bool(anonymised), bool(in_mission), as_date(last_contact), as_date(until), kind,
                                        past_retention=last <= cutoff and not open_pipeline)
        if not rules.left_out(eligibility, today, recent_contact_days):
            kept[talent_id] = row
    pasts: dict[int, list[rules.Past]] = defaultdict(list)
    for talent_id, *past in read_pasts():
        pasts[talent_id].append(_past(*past))
    feedback = read_feedback()
    if not kept:
        return []
    kept_ids = list(kept)
    best = max(fits[t] for t in kept_ids)
    matches = []
    for talent_id, row in kept.items():
        name, headline, tags, notes, languages = row[1:6]
        amount, currency, period, until, kind = row[9:14]
        reasons = []
        silver = rules.silver_reason(pasts[talent_id])
        if silver:
            reasons.append(silver)
        declined = rules.decline_reason(
            pasts[talent_id], remote_policy=mission.remote_policy, salary_max=mission.salary_max,
            salary_currency=mission.salary_currency, salary_amount=amount, talent_currency=currency, salary_period=period)
        if declined:
            reasons.append(declined)
        snooze = rules.snooze_reason(as_date(until), kind, today)
        if snooze:
            reasons.append(snooze)
        words = rules.matched(terms, (headline, tags.replace(",", " "), notes, languages))
        if words:
            reasons.append(rules.Reason("matches", words=tuple(words)))
        said = rules.matched(terms, (feedback.get(talent_id, ""),))
        if said and set(said) - set(words):
            reasons.append(rules.Reason("feedback", words=tuple(w for w in said if w not in words)))
        if not reasons:  # the index matched a form the words don't show (a rare tokenisation): nothing to say, not listed
            continue
        share = rules.coverage(terms, [*words, *said])
        matches.append(Match(talent_id, name, headline, rules.score(fits[talent_id], best, share, reasons), tuple(reasons)))
    matches.sort(key=lambda m: (-m.score, m.name.casefold(), m.talent_id))
    return matches[:limit]


def add(talent_ids: Iterable[int], mission_id: int, now: dt.datetime, stage: str = "sourced") -> tuple[int, int]:
    """The talents into the mission at *stage*, in one transaction: ``(added, already there)``."""
    return bulk.add_to_mission(talent_ids, mission_id, now, stage)
