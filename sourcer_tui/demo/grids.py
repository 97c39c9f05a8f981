"""The demo's interview grids: the starter grid on the tech missions, a few interviews scored.

Missions 1 (Senior Backend Engineer) and 3 (Data Engineer) get the built-in
grid for tech roles in the demo's language; up to :data:`SCORED` interviews
of each whose feedback was written get scores and a line of evidence.  The
draws are their own (*seed*): the rest of the demo is the same with or
without them.
"""

from __future__ import annotations

import random

import peewee

from ..db.dialect import insert_id

from ..domain.grids import STARTER_GRID, format_levels
from ..i18n import in_language

__all__ = ["add_grids"]

#: The missions given the starter grid (their ids in the demo).
GRID_MISSIONS = (1, 3)
#: Interviews scored per mission.
SCORED = 6

_EVIDENCE = {
    "en": (
        "explained why their team moved off the ORM for the hot path",
        "sketched a queue with retries and a dead-letter table",
        "found the off-by-one in the pagination exercise alone",
        "clear about what they did vs what the team did",
        "asked about on-call and how incidents are reviewed",
        "knows the product; wants smaller teams",
        "hesitated on indexes, fine once given a hint",
        "",
    ),
    "fr": (
        "a expliqué pourquoi l’équipe a quitté l’ORM sur le chemin critique",
        "a dessiné une file avec reprises et table des messages en échec",
        "a trouvé seul·e l’erreur de bornes dans l’exercice de pagination",
        "distingue bien ce qu’il ou elle a fait de ce qu’a fait l’équipe",
        "a posé des questions sur les astreintes et les post-mortems",
        "connaît le produit ; veut une équipe plus petite",
        "a hésité sur les index, bien avec un indice",
        "",
    ),
}


def add_grids(db: peewee.Database, *, seed: int = 7, language: str = "en") -> int:
    """Give the demo's tech missions the starter grid and score a few interviews; returns the scores written."""
    translate = in_language(language)
    evidence = _EVIDENCE.get(language, _EVIDENCE["en"])
    rng = random.Random(seed * 31 + 25)
    written = 0
    for mission in GRID_MISSIONS:
        if not db.execute_sql("SELECT 1 FROM mission WHERE id = ?", (mission,)).fetchone():
            continue
        criteria = []
        for position, (name, levels) in enumerate(STARTER_GRID):
            criteria.append(insert_id(
                db, "INSERT INTO grid_criterion (mission_id, position, name, levels) VALUES (?, ?, ?, ?)",
                (mission, position, translate(name), format_levels([translate(level) for level in levels]))))
        interviews = db.execute_sql(
            "SELECT t.id FROM touchpoint t JOIN candidacy c ON c.id = t.candidacy_id "
            "WHERE c.mission_id = ? AND t.kind = 'interview' AND t.feedback_at IS NOT NULL ORDER BY t.happened_at DESC, t.id LIMIT ?",
            (mission, SCORED)).fetchall()
        for (touchpoint,) in interviews:
            level = rng.choice((2, 3, 3, 4))  # a candidate's overall level, each criterion around it
            for criterion in criteria:
                score = max(1, min(4, level + rng.choice((-1, 0, 0, 1))))
                if rng.random() < 0.1:
                    score = None  # not asked in this interview
                line = rng.choice(evidence)
                if score is None and not line:
                    continue  # the app keeps no row for a criterion left blank
                db.execute_sql("INSERT INTO grid_score (touchpoint_id, criterion_id, score, evidence) VALUES (?, ?, ?, ?)",
                               (touchpoint, criterion, score, line))
                written += 1
    return written
