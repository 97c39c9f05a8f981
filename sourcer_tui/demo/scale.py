"""Benchmark data: the same kind of data at any scale (100,000 talents and
1,000,000 touchpoints in well under two minutes)."""

from __future__ import annotations

import datetime as dt
import random

import peewee

from ..db import derived, meta
from ..services import snooze_repair
from .words import DEFAULT_DELAYS, MANUAL_SNOOZES, Progress, SNOOZE_AFTER_DAYS, SNOOZE_MONTHS
from .plans import _IN_PROCESS, _Mission, _TalentPlan, _manual_until, _plan, _weighted
from .texts import ENGLISH, DemoTexts, texts as _texts
from ..i18n import _, formats
from .facts import add_facts
from .legal_bases import add_legal_bases
from .introductions import add_introducers
from .writing import _Renderer, _Sink
from .small import _assert_empty, _counts, _write_mission

# --------------------------------------------------------------------- scale

_SCALE_TITLES = (
    ("Senior Backend Engineer", "backend"), ("Backend Engineer (Go)", "backend"),
    ("Staff Engineer", "backend"), ("Frontend Engineer (React)", "frontend"),
    ("Fullstack Developer", "frontend"), ("Mobile Engineer (iOS)", "frontend"),
    ("Data Engineer", "data"), ("Analytics Engineer", "data"), ("Machine Learning Engineer", "data"),
    ("Data Scientist", "data"), ("Product Designer", "design"), ("UX Researcher", "design"),
    ("Lead Designer", "design"), ("Product Manager", "product"), ("Head of Product", "product"),
    ("SRE / Platform Engineer", "devops"), ("DevOps Engineer", "devops"), ("Security Engineer", "devops"),
    ("Engineering Manager", "management"), ("CTO", "management"),
)
_SCALE_CLIENTS = ("Lumen Health", "Kiosk", "Vélo Cargo", "Atelier Nord", "Papyrus Pay", "Hexa Santé",
                  "Quai 14", "Comptoir Data", "Nuage Bleu", "Trame", "Fjord Analytics", "Galette Systems")
_TRACK_WEIGHTS = (("backend", 25), ("frontend", 15), ("data", 18), ("design", 12), ("product", 10),
                  ("devops", 12), ("management", 8))
_SOURCE_WEIGHTS = {"linkedin": 45, "referral": 8, "social_referral": 5, "job_board": 8, "community": 6,
                   "event": 5, "talent_pool": 10, "inbound": 8, "other": 5}
_STAGE_WEIGHTS = (("sourced", 220), ("approached", 410), ("replied", 30), ("screening", 20),
                  ("interviewing", 15), ("reverse_interview", 3), ("offer", 2), ("hired", 1),
                  ("declined", 170), ("rejected", 129))


def _scale_missions(rng: random.Random, today: int, count: int = 40, words: DemoTexts = ENGLISH) -> list[_Mission]:
    missions = []
    for i in range(count):
        title, track = _SCALE_TITLES[i % len(_SCALE_TITLES)]
        client = _SCALE_CLIENTS[(i * 7 + i // len(_SCALE_TITLES)) % len(_SCALE_CLIENTS)]
        status = "closed" if i % 13 == 5 else ("on_hold" if i % 13 == 9 else "open")
        if status == "closed":
            start = today - rng.randint(700, 1800)
            end = start + rng.randint(90, 360)
        elif status == "on_hold":
            start = today - rng.randint(200, 900)
            end = today - rng.randint(20, 150)
        else:
            start, end = today - rng.randint(60, 900), today
        custom = i % 10 == 3
        delays, after, months = ((3, 5, 7), 7, 6) if custom else (DEFAULT_DELAYS, SNOOZE_AFTER_DAYS, SNOOZE_MONTHS)
        missions.append(_Mission(i + 1, title, client, status, track, start, end, delays, after, months,
                                 words.scale_mission_note(title, client), custom_cadence=custom))
    return missions


def _scale_spec(rng: random.Random, m: _Mission, stage: str, can_snooze: bool) -> dict:
    """A funnel-shaped spec for one candidacy of *m* (see :func:`_plan`)."""
    is_open = m.status == "open"
    if m.status == "closed" and stage in _IN_PROCESS + ("replied",):
        return {"stage": "rejected", "filled": True}
    if stage == "approached":
        r = rng.random()
        if is_open and r < 0.055:
            k = rng.randrange(len(m.delays))
            return {"stage": stage, "v": "due", "k": k, "due": rng.randint(-3, m.delays[k])}
        if is_open and r < 0.065:
            return {"stage": stage, "v": "waiting"}
        if is_open and can_snooze and r < 0.075:
            return {"stage": stage, "v": "snoozed", "left": rng.randint(1, 30 * m.snooze_months - 1)}
        if not is_open and r < 0.5 or r > 0.9:
            return {"stage": stage, "v": "stopped"}
        return {"stage": stage, "v": "woke"}
    if stage in _IN_PROCESS or stage == "replied":
        if not is_open or rng.random() > 0.25:
            return {"stage": stage, "v": "stale"}
        if rng.random() < 0.04:
            return {"stage": stage, "v": "missing"}
        return {"stage": stage, "v": "due", "due": rng.randint(-5, 10)}
    return {"stage": stage}


def build_scale(db: peewee.Database, today: dt.date, *, talents: int, touchpoints: int, seed: int = 7,
                progress: Progress | None = None, language: str = "en") -> dict[str, int]:
    """Fill an empty, migrated database with *exactly* ``talents`` talents and
    ``touchpoints`` touchpoints of demo-like data (40 missions, a real funnel,
    a long tail of touchpoints per talent, a backlog of reminders, ~2%
    snoozed).  Built in one transaction with the derived tables' triggers
    suspended and those tables rebuilt once (:mod:`..db.derived`); runs
    ``ANALYZE`` at the end.  Returns row counts.  *language* (``en``, ``fr``)
    is the language of the texts; the counts are the same in all.
    """
    _assert_empty(db)
    words = _texts(language)
    say = progress or (lambda _msg: None)
    rng = random.Random(seed)
    t = today.toordinal()
    missions = _scale_missions(rng, t, words=words)
    by_track: dict[str, list[_Mission]] = {}
    for m in missions:
        by_track.setdefault(m.track, []).append(m)
    tracks, track_cum = _weighted(_TRACK_WEIGHTS)
    sources = list(_SOURCE_WEIGHTS)
    _sources, source_cum = _weighted(_SOURCE_WEIGHTS.items())
    stages, stage_cum = _weighted(_STAGE_WEIGHTS)

    say(_("planning {n} talents").format(n=formats.number(talents)))
    plans: list[_TalentPlan] = []
    cid = 0
    for tid in range(1, talents + 1):
        source = rng.choices(sources, cum_weights=source_cum)[0]
        track = rng.choices(tracks, cum_weights=track_cum)[0]
        tp = _TalentPlan(tid, source, track, t - int(rng.random() ** 0.8 * 5 * 365) - 1)
        r = rng.random()
        n_cand = 0 if r < 0.22 else (1 if r < 0.85 else 2)
        options = by_track[track] + (by_track["management"] if track in ("backend", "devops", "data") else [])
        can_snooze = True
        for m in rng.sample(options, min(n_cand, len(options))):
            cid += 1
            stage = rng.choices(stages, cum_weights=stage_cum)[0]
            spec = _scale_spec(rng, m, stage, can_snooze)
            p = _plan(rng, cid, m, spec, t, inbound=source == "inbound", can_snooze=can_snooze, texts=words)
            can_snooze = can_snooze and not p.snoozed_now
            tp.plans.append(p)
        if not tp.plans:
            r = rng.random()
            if r < 0.03:
                months = rng.choice((6, 6, 12))
                due = t + rng.randint(-10, 120)
                tp.kit = (months, due, "snooze" if due > t + 7 else "reminder")
            elif r < 0.04:
                _reason, key = rng.choice(MANUAL_SNOOZES)
                tp.manual = (words.manual_snoozes[key], t - rng.randint(1, 60), _manual_until(key, t))
        plans.append(tp)

    _ensure_every_stage(rng, plans, missions, t, words)
    # Fit the natural histories into the touchpoint budget, then spread the rest as a long tail.
    base = sum(tp.base for tp in plans)
    if base > touchpoints:
        order = [(tp, i) for tp in plans for i in range(len(tp.plans))]
        rng.shuffle(order)
        for tp, i in order:
            if base <= touchpoints:
                break
            p = tp.plans[i]
            base -= p.n_events
            tp.plans[i] = _plan(rng, p.cid, p.mission, {"stage": "sourced"}, t, texts=words)
        for tp in plans:
            if base > touchpoints and tp.kit:
                tp.kit, base = None, base - 1
    _spread(rng, plans, touchpoints - base)

    say(_("writing"))
    sqlite = isinstance(db, peewee.SqliteDatabase)
    if sqlite:
        synchronous = db.execute_sql("PRAGMA synchronous").fetchone()[0]
        cache = db.execute_sql("PRAGMA cache_size").fetchone()[0]
        db.execute_sql("PRAGMA synchronous = OFF")
        db.execute_sql("PRAGMA cache_size = -200000")
    try:
        sink = _Sink(db)
        with db.atomic(), derived.triggers_suspended(db, rebuild=False):
            renderer = _Renderer(sink, rng, t, p_missing=0.5, texts=words)
            for m in missions:
                _write_mission(sink, rng, m, t)
            step = max(talents // 10, 1)
            for i, tp in enumerate(plans, start=1):
                renderer.talent_all(tp)
                sink.maybe_flush()
                if i % step == 0:
                    say(_("talents {done}/{total}, touchpoints {touchpoints}").format(done=formats.number(i), total=formats.number(talents), touchpoints=formats.number(renderer.tp_id - 1)))
            sink.flush()
            add_facts(db, today, seed=seed, language=language)
            add_legal_bases(db)
            snooze_repair.repair(dt.datetime.combine(today, dt.time(8)))  # a reply drawn after a snooze ends it
            add_introducers(db, dt.datetime.combine(today, dt.time(8)), plan_thanks=False)  # one per referrer's name
            meta.put(meta.DEMO, "1")
            say(_("indexing talents for search, counting stages, summing up outreach"))
            derived.rebuild_all(db)
    finally:
        if sqlite:
            db.execute_sql(f"PRAGMA synchronous = {int(synchronous)}")
            db.execute_sql(f"PRAGMA cache_size = {int(cache)}")
    say(_("analyzing"))
    db.execute_sql("ANALYZE")
    return _counts(sink)


def _ensure_every_stage(rng: random.Random, plans: list[_TalentPlan], missions: list[_Mission],
                        today: int, words: DemoTexts) -> None:
    """Re-plan a few sourced candidacies of open missions so that no pipeline column is empty."""
    present = {p.stage for tp in plans for p in tp.plans}
    missing = [s for s, _weight in _STAGE_WEIGHTS if s not in present]
    if not missing:
        return
    spare = [(tp, i) for tp in plans for i, p in enumerate(tp.plans)
             if p.stage == "sourced" and p.mission.status == "open" and tp.source != "inbound"]
    for stage, (tp, i) in zip(missing, rng.sample(spare, min(len(missing), len(spare)))):
        p = tp.plans[i]
        spec = {"stage": stage, "v": "stale"} if stage in _IN_PROCESS + ("replied",) else {"stage": stage}
        tp.plans[i] = _plan(rng, p.cid, p.mission, spec, today, can_snooze=False, texts=words)


def _spread(rng: random.Random, plans: list[_TalentPlan], extra: int) -> None:
    """Give *extra* talent-level touchpoints to the talents, heavy-tailed (some get 50+)."""
    if extra <= 0 or not plans:
        return
    weights = [min(rng.paretovariate(1.3) - 1.0, 120.0) for _plan in plans]
    total = sum(weights) or 1.0
    given = 0
    for tp, w in zip(plans, weights):
        tp.extra = int(extra * w / total)
        given += tp.extra
    for i in rng.choices(range(len(plans)), k=extra - given):
        plans[i].extra += 1

