"""The demo: 4 missions, 150 talents, every stage, source, reminder and snooze kind
the panes show; and the demo file, built the first time and marked as demo."""

from __future__ import annotations

import datetime as dt
import random

import peewee

from ..db import meta
from ..services import snooze_repair
from ..db.database import open_database, read_only_reason
from ..db.models import Mission, Talent
from ..domain.dates import add_months as _add_months_date
from ..domain.text import normalise_tags
from ..domain.vocab import DEFAULT_SOURCES
from .words import DEFAULT_DELAYS, MANUAL_SNOOZES, SNOOZE_AFTER_DAYS, SNOOZE_MONTHS
from .plans import _IN_PROCESS, _Mission, _TalentPlan, _dts, _manual_until, _plan
from .texts import texts as _texts
from .facts import add_facts
from .grids import add_grids
from .legal_bases import add_legal_bases
from .checkins import add_checkins
from .introductions import add_introducers
from .writing import _Renderer, _Sink

# --------------------------------------------------------------------- demo

_DEMO_MISSIONS = (  # title, client, status, track, age (days), end (days ago), cadence overrides
    ("Senior Backend Engineer", "Lumen Health", "open", "backend", 110, 0, None),
    ("Product Designer", "Kiosk", "open", "design", 70, 0, None),
    ("Data Engineer", "Vélo Cargo", "open", "data", 150, 0, None),
    ("Engineering Manager", "Atelier Nord", "on_hold", "management", 240, 35, ((3, 7), 7, 6)),
)
# Each mission's brief is in the demo's language: .texts (mission_notes).


def _demo_specs() -> list[list[dict]]:
    """The candidacies the Today, Snoozed and Capture panes should show, per mission."""
    A = "approached"

    def due(k, d):
        return {"stage": A, "v": "due", "k": k, "due": d}

    backend = [
        due(1, -3), due(2, -1), due(0, 0), due(1, 0), due(2, 0), due(0, 1), due(1, 2), due(2, 4),
        {"stage": A, "v": "waiting"},
        {"stage": A, "v": "snoozed", "left": 9}, {"stage": A, "v": "snoozed", "left": 40},
        {"stage": A, "v": "woke", "ago": 0, "pending": True},
        {"stage": "replied", "v": "recent", "ago": 1}, {"stage": "replied", "v": "recent", "ago": 3},
        {"stage": "screening", "v": "due", "due": -2}, {"stage": "screening", "v": "due", "due": 0},
        {"stage": "screening", "v": "missing", "ago": 0},
        {"stage": "interviewing", "v": "due", "due": -1}, {"stage": "interviewing", "v": "due", "due": 3},
        {"stage": "interviewing", "v": "missing", "ago": 1},
        {"stage": "reverse_interview", "v": "due", "due": 1},
        {"stage": "offer", "v": "due", "due": 0},
        {"stage": "declined", "early": True, "reason": "not looking"},
        {"stage": "declined", "early": True, "reason": "timing", "snooze": "manual", "manual": "april"},
        {"stage": "declined", "early": False, "reason": "counter-offer"},
        {"stage": "declined", "early": True, "reason": "joined a competitor", "snooze": "trial", "left": 30},
        {"stage": "rejected"},
    ]
    designer = [
        due(0, -2), due(1, 0), due(0, 2), due(2, 1), due(1, 3),
        {"stage": A, "v": "snoozed", "left": 75},
        {"stage": A, "v": "woke", "ago": 2, "pending": True},
        {"stage": "replied", "v": "recent", "ago": 2},
        {"stage": "screening", "v": "due", "due": 2}, {"stage": "screening", "v": "missing", "ago": 2},
        {"stage": "interviewing", "v": "due", "due": 0}, {"stage": "interviewing", "v": "due", "due": 5},
        {"stage": "reverse_interview", "v": "missing", "ago": 1},
        {"stage": "offer", "v": "due", "due": 2},
        {"stage": "declined", "early": True, "reason": "location / remote"},
        {"stage": "declined", "early": False, "reason": "salary"},
        {"stage": "rejected"},
    ]
    data = [
        due(0, -1), due(1, 1), due(2, 0), {"stage": A, "v": "waiting"},
        {"stage": "replied", "v": "recent", "ago": 4},
        {"stage": "screening", "v": "due", "due": -1},
        {"stage": "interviewing", "v": "missing", "ago": 0},
        {"stage": "screening", "v": "missing", "ago": 1},
        {"stage": "offer", "v": "due", "due": 1},
        {"stage": "hired", "ago": 20},
        {"stage": "declined", "early": True, "reason": "role or seniority"},
        {"stage": "declined", "early": False, "reason": "joined a competitor", "snooze": "trial", "left": 100},
        {"stage": "declined", "early": False, "reason": "other"},
        {"stage": "rejected", "filled": False},
    ]
    manager = [
        {"stage": A, "v": "stopped"}, {"stage": A, "v": "stopped"}, {"stage": A, "v": "stopped"},
        {"stage": A, "v": "snoozed", "left": 120},
        {"stage": "screening", "v": "stale"}, {"stage": "screening", "v": "stale"},
        {"stage": "interviewing", "v": "stale"},
        {"stage": "declined", "early": True, "reason": "not looking"},
        {"stage": "declined", "early": True, "reason": "company or product"},
        {"stage": "rejected"},
    ]
    return [backend, designer, data, manager]


_DEMO_FILLER = (  # (spec, weight) for the quiet part of each mission: no Today items
    ({"stage": "sourced"}, 30), ({"stage": "approached", "v": "woke", "pending": False}, 22),
    ({"stage": "approached", "v": "stopped"}, 8), ({"stage": "declined"}, 24), ({"stage": "rejected"}, 16),
)
_DEMO_QUOTAS = (50, 34, 42, 24)  # candidacies per mission: 150 = 135 talents + 15 in two missions
_DEMO_TALENTS = 150
_DEMO_POOL = 15


def _assert_empty(db: peewee.Database) -> None:
    if Mission.select().exists() or Talent.select().exists():
        raise ValueError("the database already holds missions or talents; demo data needs an empty one")


def build_demo(db: peewee.Database, today: dt.date, *, seed: int = 7, now: dt.datetime | None = None,
               language: str = "en") -> dict[str, int]:
    """Fill an empty, migrated database with a believable demo; returns row counts.

    4 missions, 150 talents (15 only in the talent pool, 15 in two
    missions), 150 candidacies over every stage, ~600 touchpoints, follow-ups
    and next steps due (overdue, today, upcoming), 6 touchpoints still
    missing their feedback, ~15 active snoozes (a week to a year ahead, plus
    two already due) each with its pending wake-up reminder on ``until``.
    Raises ValueError if the database already holds missions or talents.
    With *now*, today's contacts all happened before it.  *language* (``en``,
    ``fr``) is the language of what the sourcer wrote (feedback, notes,
    reasons...); the draws, and so every count and date, are the same in all.
    """
    _assert_empty(db)
    words = _texts(language)
    rng = random.Random(seed)
    t = today.toordinal()
    missions = []
    for i, (title, client, status, track, age, end, cadence) in enumerate(_DEMO_MISSIONS, start=1):
        delays, after, months = cadence or (DEFAULT_DELAYS, SNOOZE_AFTER_DAYS, SNOOZE_MONTHS)
        missions.append(_Mission(i, title, client, status, track, t - age, t - end, tuple(delays), after,
                                 months, words.mission_notes[title], custom_cadence=cadence is not None))
    # Specs: the featured ones, topped up with quiet history to each mission's quota.
    filler, weights = zip(*_DEMO_FILLER)
    specs: list[tuple[_Mission, dict]] = []
    for m, featured, quota in zip(missions, _demo_specs(), _DEMO_QUOTAS):
        extra = [dict(s, filler=True) for s in rng.choices(filler, weights, k=max(quota - len(featured), 0))]
        specs += [(m, s) for s in list(featured) + extra]
    rng.shuffle(specs)
    # Talents: 15 in the pool only, the rest get one candidacy, the leftovers a second one.
    tids = list(range(1, _DEMO_TALENTS + 1))
    pool_ids = set(rng.sample(tids, _DEMO_POOL))
    in_missions = [tid for tid in tids if tid not in pool_ids]
    compatible = {"backend": ("data", "management"), "data": ("backend", "management"),
                  "management": ("backend", "data")}
    movable = [i for i, (m, s) in enumerate(specs) if m.track in compatible and s.get("filler")]
    doubles = set(rng.sample(movable, len(specs) - len(in_missions)))
    first = dict(zip(in_missions, (s for i, s in enumerate(specs) if i not in doubles)))
    second: dict[int, tuple[_Mission, dict]] = {}
    for m, spec in (specs[i] for i in sorted(doubles)):
        options = [tid for tid in in_missions if tid not in second and first[tid][0] is not m
                   and first[tid][0].track in compatible[m.track]]
        second[rng.choice(options)] = (m, spec)
    # Sources: every source present; inbound only where the history starts with an inbound message.
    sources = list(DEFAULT_SOURCES)
    weights_src = {"linkedin": 40, "referral": 8, "social_referral": 5, "job_board": 8, "community": 6,
                   "event": 5, "talent_pool": 10, "inbound": 0, "other": 5}
    inbound_ok = [tid for tid in in_missions if first[tid][1]["stage"] in _IN_PROCESS + ("hired", "rejected")
                  and tid not in second]
    inbound_ids = set(rng.sample(inbound_ok, min(6, len(inbound_ok))))
    sources_of: dict[int, str] = {}
    must = [s for s in sources if s != "inbound"]
    others = [tid for tid in tids if tid not in inbound_ids]
    rng.shuffle(others)
    for tid, src in zip(others, must):
        sources_of[tid] = src
    for tid in tids:
        if tid in inbound_ids:
            sources_of[tid] = "inbound"
        elif tid not in sources_of:
            sources_of[tid] = rng.choices(sources, [weights_src[s] for s in sources])[0]
    # Pool talents: keep in touch (2 snoozed, 2 due), manual snoozes, plain pool.
    pool = sorted(pool_ids)
    rng.shuffle(pool)
    kits = {pool[0]: (6, t + 45, "snooze"), pool[1]: (12, t + 150, "snooze"),
            pool[2]: (6, t - 3, "reminder"), pool[3]: (6, t, "reminder")}
    manual_keys = [k for _, k in MANUAL_SNOOZES if k != "april"]
    manuals = {}
    for tid, key in zip(pool[4:], manual_keys):
        reason = words.manual_snoozes[key]
        manuals[tid] = (reason, t - rng.randint(2, 40), _manual_until(key, t))

    sink = _Sink(db, batch=10**9)
    with db.atomic():
        latest = max(now.hour * 60 + now.minute - 1, 0) if now is not None and now.date() == today else 1439
        renderer = _Renderer(sink, rng, t, unique_names=True, latest_minute=latest, texts=words)
        cid = 0
        tplans = []
        for tid in tids:
            track = rng.choice(("backend", "data", "design", "devops", "product", "frontend")) \
                if tid in pool_ids else first[tid][0].track
            tp = _TalentPlan(tid, sources_of[tid], track, t - rng.randint(20, 720))
            can_snooze = True
            for m, spec in filter(None, (first.get(tid), second.get(tid))):
                cid += 1
                p = _plan(rng, cid, m, spec, t, inbound=tp.source == "inbound", can_snooze=can_snooze, texts=words)
                can_snooze = can_snooze and not p.snoozed_now
                tp.plans.append(p)
            if tid in pool_ids:
                tp.extra = rng.randint(1, 5)
                tp.kit = kits.get(tid)
                tp.manual = manuals.get(tid)
            elif rng.random() < 0.25:
                tp.extra = rng.randint(1, 3)
            tplans.append(tp)
        for m in missions:
            _write_mission(sink, rng, m, t)
        for tp in tplans:
            renderer.talent_all(tp)
        sink.flush()
        add_facts(db, today, seed=seed, language=language)
        add_legal_bases(db)
        add_grids(db, seed=seed, language=language)
        _silver_medallist(db)
        # the plans draw contacts and snoozes apart: a reply drawn after a snooze
        # began ends it, as it does in the app (services/snoozes)
        snooze_repair.repair(now or dt.datetime.combine(today, dt.time(8)))
        sink.counts["reminder"] += add_checkins(now or dt.datetime.combine(today, dt.time(8)), language)
        sink.counts["reminder"] += add_introducers(db, now or dt.datetime.combine(today, dt.time(8)))
        meta.put(meta.DEMO, "1")  # a demo file mails nobody (services/mail.check_sending)
    return _counts(sink)


def _silver_medallist(db: peewee.Database) -> None:
    """Pool matches (``R``) on the first mission open on a silver medallist who
    fits it: the first talent interviewed for another mission who declined it
    for timing has the skills too (no draw: every other figure stays)."""
    row = db.execute_sql(
        "SELECT c.talent_id FROM candidacy c WHERE c.mission_id <> 1 AND c.stage = 'declined' AND c.decline_reason = 'timing' "
        "AND EXISTS (SELECT 1 FROM touchpoint p WHERE p.candidacy_id = c.id AND p.kind = 'interview') "
        "AND NOT EXISTS (SELECT 1 FROM candidacy o WHERE o.talent_id = c.talent_id AND o.mission_id = 1) "
        "ORDER BY c.talent_id LIMIT 1").fetchone()
    if row is not None:
        tags = Talent.get_by_id(row[0]).tags
        Talent.update(tags=normalise_tags(f"{tags},backend,go")).where(Talent.id == row[0]).execute()


def _write_mission(sink: _Sink, rng: random.Random, m: _Mission, today: int) -> None:
    created = _dts(m.start, rng.randint(470, 479))
    updated = _dts(m.end if m.status != "open" else today - rng.randint(0, 10), rng.randint(480, 1140))
    sink.add("mission", (
        m.id, m.title, m.client, m.status, m.notes,
        ",".join(map(str, m.delays)) if m.custom_cadence else None,
        m.snooze_after if m.custom_cadence else None,
        m.snooze_months if m.custom_cadence else None, created, updated,
    ))


def _counts(sink: _Sink) -> dict[str, int]:
    c = sink.counts
    return {"missions": c["mission"], "talents": c["talent"], "candidacies": c["candidacy"],
            "touchpoints": c["touchpoint"], "reminders": c["reminder"], "snoozes": c["snooze"]}


def ensure_demo(path, today: dt.date, now: dt.datetime | None = None, *, language: str = "en") -> peewee.Database:
    """Open the demo database at *path*, building it in *language* if it holds no
    mission yet (a file already built stays in the language it was built in:
    each language has its own demo file, see cli/main.py)."""
    db = open_database(path)
    if not Mission.select().exists():
        build_demo(db, today, now=now, language=language)
        _retention_examples(db, today)
    else:
        mark_demo()  # a demo file made before the mark: the demo, all the same
    return db


def mark_demo() -> None:
    """Mark the open file as demo data (a file at the demo path is one, whatever
    its ``meta`` says): it then mails nobody (services/mail.check_sending).  A
    read-only file stays as it is: nothing can be sent from it either (each
    email is claimed first, a write)."""
    if meta.get(meta.DEMO) is None and not read_only_reason():
        meta.put(meta.DEMO, "1")


#: Talents nobody contacted for more than two years: what the Privacy review (P) is for.
_OLD_TALENTS = (
    ("Gaspard Lemaire", "Data analyst chez Octave", 26),
    ("Ophélie Vasseur", "UX designer freelance", 29),
    ("Bastien Carré", "Développeur Java @ Banque Rive", 31),
)


def _retention_examples(db: peewee.Database, today: dt.date) -> None:
    from ..db.models import Touchpoint

    with db.atomic():
        for name, headline, months in _OLD_TALENTS:
            when = dt.datetime.combine(_add_months_date(today, -months), dt.time(11, 0))
            talent = Talent.create(name=name, headline=headline, source="talent_pool", created_at=when, updated_at=when,
                                   legal_basis="legitimate_interest", legal_basis_at=when.date())
            Touchpoint.create(
                talent=talent, kind="call", channel="phone", happened_at=when, needs_feedback=True, feedback_at=when,
                feedback_given="Pas le bon moment ; on garde le contact.", created_at=when, updated_at=when,
            )


