"""The demo's facts: salaries, notice, availability, remote wishes, languages,
CVs, the missions' briefs and the hour of some next steps.

Drawn after the rest with a random generator of their own, so the demo's
other draws (and every count the tests know) stay what they were.  The
same draws in every language; only the words of the notice period, the
languages and the must-haves differ.
"""

from __future__ import annotations

import datetime as dt
import random

import peewee

__all__ = ["add_facts"]

#: Gross yearly salary range (thousands of euros) by what the headline says.
_BRACKETS = (
    (("cto", "vp ", "head of", "manager", "director"), (85, 130)),
    (("staff", "principal", "lead"), (70, 95)),
    (("senior",), (55, 75)),
    (("designer", "ux", "researcher"), (42, 60)),
    ((), (45, 65)),
)
_WORDS = {
    "en": {
        "notice": ("1 month", "2 months", "3 months", "3 months", "3 months", "none (freelance)"),
        "languages": ("French, English", "French, English", "French", "French, English, Spanish",
                      "English, German", "French, English, Portuguese"),
        "must_haves": ("5+ years of production code, fluent English, on call once a month",
                       "Python or Go, SQL, has shipped a data pipeline end to end",
                       "Figma, user research, a portfolio with shipped work",
                       "has led a team of 5+, hiring experience"),
    },
    "fr": {
        "notice": ("1 mois", "2 mois", "3 mois", "3 mois", "3 mois", "aucun (freelance)"),
        "languages": ("français, anglais", "français, anglais", "français", "français, anglais, espagnol",
                      "anglais, allemand", "français, anglais, portugais"),
        "must_haves": ("5 ans de code en production, anglais courant, astreinte une fois par mois",
                       "Python ou Go, SQL, a livré un pipeline de données de bout en bout",
                       "Figma, recherche utilisateur, un portfolio de projets livrés",
                       "a encadré une équipe de 5+, a déjà recruté"),
    },
}
_REMOTE = (("onsite", 20), ("hybrid", 55), ("remote", 25))
_TIMES = (dt.time(9, 0), dt.time(10, 30), dt.time(11, 0), dt.time(14, 0), dt.time(14, 30), dt.time(16, 0),
          dt.time(17, 30))
_LOCATIONS = ("Paris", "Paris", "Lyon", "Nantes", "Bordeaux")


def _bracket(headline: str) -> tuple[int, int]:
    text = headline.lower()
    return next(span for words, span in _BRACKETS if not words or any(w in text for w in words))


def add_facts(db: peewee.Database, today: dt.date, *, seed: int = 7, language: str = "en") -> None:
    """Fill the facts of an already written demo (inside the caller's transaction)."""
    words = _WORDS["fr" if language == "fr" else "en"]
    rng = random.Random(seed * 7919 + 13)
    p = db.param
    modes, weights = zip(*_REMOTE)
    rows = []
    for talent_id, headline, source in db.execute_sql("SELECT id, headline, source FROM talent ORDER BY id").fetchall():
        if rng.random() < 0.35:  # not asked yet
            continue
        low, high = _bracket(headline or "")
        freelance = rng.random() < 0.12
        amount = rng.randrange(450, 850, 25) if freelance else rng.randrange(low, high + 1) * 1000
        available = (today + dt.timedelta(days=rng.choice((0, 14, 30, 60, 90, 120)))).isoformat() if rng.random() < 0.6 else None
        cv = f"https://cv.example.org/{talent_id}.pdf" if rng.random() < 0.3 else ""
        rows.append((amount, "day" if freelance else "year", words["notice"][5 if freelance else rng.randrange(5)],
                     available, rng.choices(modes, weights)[0], rng.choice(words["languages"]), cv, talent_id))
    db.cursor().executemany(
        f"UPDATE talent SET salary_amount = {p}, salary_period = {p}, notice_period = {p}, available_from = {p},"
        f" remote_pref = {p}, languages = {p}, cv_ref = {p} WHERE id = {p}", rows)
    briefs = []
    for mission_id, title in db.execute_sql("SELECT id, title FROM mission ORDER BY id").fetchall():
        low, high = _bracket(title or "")
        text = (title or "").lower()
        must = words["must_haves"][3 if _bracket(text) == _BRACKETS[0][1] else 2 if "design" in text
                                   else 1 if "data" in text else 0]
        briefs.append((low * 1000, high * 1000, rng.choice(_LOCATIONS), rng.choices(modes, weights)[0], must,
                       mission_id))
    db.cursor().executemany(
        f"UPDATE mission SET salary_min = {p}, salary_max = {p}, location = {p}, remote_policy = {p},"
        f" must_haves = {p} WHERE id = {p}", briefs)
    timed = [(rng.choice(_TIMES), rid, tid) for rid, tid in db.execute_sql(
        "SELECT id, touchpoint_id FROM reminder WHERE kind = 'next_step' AND status = 'pending' ORDER BY id"
    ).fetchall() if rng.random() < 0.6]
    db.cursor().executemany(f"UPDATE reminder SET due_time = {p} WHERE id = {p}",
                            [(t.strftime("%H:%M:%S"), rid) for t, rid, _tid in timed])
    db.cursor().executemany(f"UPDATE touchpoint SET next_step_time = {p} WHERE id = {p}",
                            [(t.strftime("%H:%M:%S"), tid) for t, _rid, tid in timed if tid is not None])
    # the demo's messages came from the built-in templates (Stats: By template)
    db.execute_sql("UPDATE touchpoint SET template_key = step || ':' || channel WHERE step IS NOT NULL"
                   " AND direction = 'out' AND channel IN ('linkedin', 'email')")
