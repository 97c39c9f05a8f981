"""A plan per talent: its candidacies and the shape of each outreach history
(shared by the demo and the scale builder)."""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass, field

from ..domain.dates import add_months as _add_months_date
from .texts import ENGLISH, DemoTexts
from .words import DEFAULT_DELAYS, LOCATIONS, SNOOZE_AFTER_DAYS, SNOOZE_MONTHS, _EARLY_REASONS, _LATE_REASONS, _NEXT, _REJECTION_REASONS

# --------------------------------------------------------------------- helpers

_ROLE_KIND = {  # role -> (kind, direction, default channel or None for the plan's channel)
    "approach": ("approach", "out", None),
    "followup": ("followup", "out", None),
    "reply+": ("reply_positive", "in", None),
    "reply-": ("reply_negative", "in", None),
    "apply": ("inbound", "in", "email"),
    "screen": ("call", "out", "phone"),
    "interview": ("interview", "out", "video"),
    "reverse": ("reverse_interview", "out", "video"),
    "offer": ("call", "out", "phone"),
    "accept": ("call", "out", "phone"),
    "decline": ("inbound", "in", "email"),
    "reject": ("call", "out", "phone"),
    "p_content": ("content", "out", "email"),
    "p_event": ("event", "out", "email"),
    "p_note": ("note", "out", "other"),
    "p_call": ("call", "out", "phone"),
    "p_inbound": ("inbound", "in", "email"),
}
_STAGE_OF_ROLE = {
    "approach": "approached", "reply+": "replied", "apply": "replied", "screen": "screening",
    "interview": "interviewing", "reverse": "reverse_interview", "offer": "offer",
    "accept": "hired", "reply-": "declined", "decline": "declined", "reject": "rejected",
}
_POST_GAPS = {"screen": (1, 5), "interview": (3, 8), "reverse": (3, 7), "offer": (2, 6),
              "accept": (1, 5), "decline": (1, 6), "reject": (1, 4)}
_POOL_ROLES = ("p_content",) * 6 + ("p_event",) * 3 + ("p_note",) * 4 + ("p_call",) * 5 + ("p_inbound",) * 2
_IN_PROCESS = ("screening", "interviewing", "reverse_interview", "offer")
_HM = [f"{h:02d}:{m:02d}:00" for h in range(24) for m in range(60)]
_DATES: dict[int, str] = {}


def _d(day: int) -> str:
    """ISO text of a date ordinal (as Peewee stores a DateField)."""
    text = _DATES.get(day)
    if text is None:
        text = _DATES[day] = dt.date.fromordinal(day).isoformat()
    return text


def _dts(day: int, minute: int) -> str:
    """'YYYY-MM-DD HH:MM:00' (as Peewee stores a DateTimeField)."""
    return _d(day) + " " + _HM[minute]


def _add_months(day: int, months: int) -> int:
    return _add_months_date(dt.date.fromordinal(day), months).toordinal()


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c if c.isalnum() else "-" for c in ascii_text.lower()).strip("-").replace("--", "-")


_SLUGS: dict[str, str] = {}


def _cached_slug(text: str) -> str:
    slug = _SLUGS.get(text)
    if slug is None:
        slug = _SLUGS[text] = _slug(text)
    return slug


def _weighted(pairs):
    values = [v for v, _ in pairs]
    cum, total = [], 0
    for _, w in pairs:
        total += w
        cum.append(total)
    return values, cum


_LOC_VALUES, _LOC_CUM = _weighted(LOCATIONS)


def _manual_until(key: str, today: int) -> int:
    date = dt.date.fromordinal(today)

    def next_date(month: int, day: int) -> int:
        candidate = dt.date(date.year, month, day)
        if candidate.toordinal() < today + 7:
            candidate = dt.date(date.year + 1, month, day)
        return candidate.toordinal()

    return {
        "spring": lambda: next_date(3, 21),
        "april": lambda: next_date(4, 1),
        "summer": lambda: next_date(7, 1),
        "year": lambda: _add_months(today - 5, 12),
        "week": lambda: today + 8,
        "three_weeks": lambda: today + 21,
    }[key]()


# --------------------------------------------------------------------- plans


@dataclass(slots=True)
class _Mission:
    id: int
    title: str
    client: str
    status: str
    track: str
    start: int  # ordinal: created
    end: int  # ordinal: last day with activity (today if open)
    delays: tuple[int, ...] = DEFAULT_DELAYS
    snooze_after: int = SNOOZE_AFTER_DAYS
    snooze_months: int = SNOOZE_MONTHS
    notes: str = ""
    custom_cadence: bool = False
    offsets: tuple[int, ...] = ()

    def __post_init__(self):
        offs = [0]
        for gap in self.delays:
            offs.append(offs[-1] + gap)
        self.offsets = tuple(offs)


@dataclass(slots=True)
class _Plan:
    """One candidacy: its stage and the dated events of its history."""

    cid: int
    mission: _Mission
    stage: str
    created: int = 0
    events: list = field(default_factory=list)  # [(day, role, step)]
    seq: str = "none"
    channel: str = "linkedin"
    reason: str | None = None
    detail: str = ""
    pending: tuple | None = None  # ("followup", step, due)
    next_due: int | None = None  # next step announced in the last feedback
    next_status: str | None = None  # pending | skipped | cancelled
    missing: bool = False  # last touchpoint still waits for its feedback
    snooze: tuple | None = None  # (kind, reason, since, until, wake: pending|done)

    @property
    def n_events(self) -> int:
        return len(self.events)

    @property
    def snoozed_now(self) -> bool:
        return self.snooze is not None and self.snooze[4] == "pending"


@dataclass(slots=True)
class _TalentPlan:
    tid: int
    source: str
    track: str
    born: int
    plans: list = field(default_factory=list)
    extra: int = 0  # talent-level touchpoints (talent pool nurturing)
    kit: tuple | None = None  # keep in touch: (months, due, "snooze" | "reminder")
    manual: tuple | None = None  # (reason, since, until)

    @property
    def base(self) -> int:
        return sum(p.n_events for p in self.plans) + (1 if self.kit else 0)


def _reply_steps(rng: random.Random, n: int) -> int:
    """How many messages were sent before the reply (1 = first message)."""
    weights = (45, 25, 18, 12, 8, 5)[: n + 1]
    return rng.choices(range(1, n + 2), weights=weights)[0]


def _path(rng: random.Random, m: _Mission, inbound: bool, steps: int, roles) -> list:
    """Events as day offsets from day 0: the outreach (or inbound) prefix, then *roles*."""
    events = []
    if inbound:
        events.append((0, "apply", None))
        last = 0
    else:
        for k in range(steps):
            events.append((m.offsets[k], "approach" if k == 0 else "followup", k))
        last = m.offsets[steps - 1]
    for role in roles:
        if role in ("reply+", "reply-"):
            gap = m.delays[steps - 1] if steps - 1 < len(m.delays) else m.snooze_after
            last += rng.randint(0, max(gap - 1, 0))
        else:
            lo, hi = _POST_GAPS[role]
            last += rng.randint(lo, hi)
        events.append((last, role, None))
    return events


def _post_roles(rng: random.Random, stage: str) -> list:
    interviews = ["interview"] * rng.randint(1, 2)
    if stage == "screening":
        return ["screen"]
    if stage == "interviewing":
        return ["screen"] + interviews
    if stage == "reverse_interview":
        return ["screen"] + interviews + ["reverse"]
    extra = ["interview"] * rng.randint(2, 3) + (["reverse"] if rng.random() < 0.5 else [])
    if stage == "offer":
        return ["screen"] + extra + ["offer"]
    return ["screen"] + extra + ["offer", "accept"]  # hired


def _place(rng: random.Random, m: _Mission, span: int, today: int, ago: int | None) -> int:
    """The day of the last event: *ago* days before today, or anywhere the mission allows."""
    if ago is not None:
        return today - ago
    lo, hi = m.start + span, min(m.end, today - 1)
    return rng.randint(lo, hi) if lo <= hi else hi


def _plan(rng: random.Random, cid: int, m: _Mission, spec: dict, today: int, *,
          inbound: bool = False, can_snooze: bool = True, texts: DemoTexts = ENGLISH) -> _Plan:
    """Turn a spec (``{"stage": ..., "v": variant, ...}``) into a dated history.

    Variants: sourced; approached ``due`` (k sent, next follow-up *due* days
    from today), ``waiting``, ``snoozed`` (*left* days of no-reply snooze),
    ``woke`` (snooze over *ago* days ago, wake-up *pending* or done),
    ``stopped``; replied/in-process ``recent``/``due``/``missing``/``stale``;
    hired; declined (``early``, ``reason``, ``snooze`` trial|manual); rejected.
    """
    stage, v, n = spec["stage"], spec.get("v"), len(m.delays)
    if v == "snoozed" and not can_snooze:  # one active snooze per talent
        v, spec = "woke", {"stage": stage, "v": "woke", "pending": False}
    if inbound and stage in ("sourced", "approached"):  # an application starts further down
        if rng.random() < 0.5:
            stage, v = "replied", ("recent" if m.status == "open" and rng.random() < 0.25 else "stale")
        else:
            stage = "rejected"
    p = _Plan(cid, m, stage)
    p.channel = "email" if rng.random() < 0.18 else "linkedin"
    ago = spec.get("ago")
    snooze = None
    if stage == "sourced":
        p.created = today - ago if ago is not None else rng.randint(m.start, m.end)
        return p
    if stage == "approached":
        if v == "due":
            k, due = spec["k"], spec["due"]
            rel = _path(rng, m, False, k + 1, ())
            start = today + due - m.offsets[k + 1]
            p.pending = ("followup", k + 1, today + due)
            p.seq = "active"
        elif v == "waiting":
            rel = _path(rng, m, False, n + 1, ())
            start = today - m.offsets[n] - rng.randint(0, m.snooze_after - 1)
            p.seq = "active"
        elif v in ("snoozed", "woke"):
            rel = _path(rng, m, False, n + 1, ())
            if v == "snoozed":
                since = _add_months(today + spec["left"], -m.snooze_months)
                wake = "pending"
            else:
                if ago is not None:
                    since = _add_months(today - ago, -m.snooze_months)
                else:
                    hi = min(m.end + m.snooze_after, _add_months(today, -m.snooze_months))
                    lo = m.start + m.offsets[n] + m.snooze_after
                    if lo > hi:
                        return _plan(rng, cid, m, {"stage": "approached", "v": "stopped"}, today, texts=texts)
                    since = rng.randint(lo, hi)
                until = _add_months(since, m.snooze_months)
                wake = spec.get("pending")
                if wake is None:
                    wake = today - until <= 14 and can_snooze and rng.random() < 0.3
                wake = "pending" if wake else "done"
            start = since - m.snooze_after - m.offsets[n]
            p.seq = "completed"
            reason = texts.no_reply_reason(n)
            snooze = ("no_reply", reason, since, _add_months(since, m.snooze_months), wake)
        else:  # stopped: the sourcer ended the sequence (mission on hold, profile changed...)
            steps = rng.randint(1, n + 1)
            rel = _path(rng, m, False, steps, ())
            start = _place(rng, m, rel[-1][0], today, ago) - rel[-1][0]
            p.seq = "stopped"
    else:
        roles: list = []
        steps = 0 if inbound else _reply_steps(rng, n)
        early = False
        if stage == "declined":
            early = not inbound and spec.get("early", rng.random() < 0.7)
            p.reason = spec.get("reason") or rng.choice(_EARLY_REASONS if early else _LATE_REASONS)
            p.detail = texts.decline_detail[p.reason]
            if early:
                roles = ["reply-"]
            else:
                roles = ["screen"] + ["interview"] * rng.randint(0, 2)
                if p.reason in ("salary", "counter-offer") and rng.random() < 0.5:
                    roles.append("offer")
                roles.append("decline")
        elif stage == "rejected":
            roles = ["screen"] + ["interview"] * (rng.randint(1, 2) if rng.random() < 0.4 else 0) + ["reject"]
            # our reasons, not the talent's; chosen without a draw (the rest of the demo stays as it was)
            p.reason = "position filled" if spec.get("filled") else _REJECTION_REASONS[cid % len(_REJECTION_REASONS)]
            if spec.get("filled"):
                p.detail = texts.position_filled
        elif stage != "replied":
            roles = _post_roles(rng, stage)
        if not inbound and not early:
            roles = ["reply+"] + roles
        rel = _path(rng, m, inbound, steps, roles)
        span = rel[-1][0]
        p.seq = "none" if inbound else "replied"
        if stage in _IN_PROCESS or stage == "replied":
            last_role = rel[-1][1]
            if v == "due":
                due = spec["due"]
                last = today + due - rng.randint(1, 4) if due <= 0 else today - rng.randint(0, 3)
                p.next_due, p.next_status = today + due, "pending"
            elif v == "missing":
                last = today - (ago if ago is not None else rng.randint(0, 2))
                p.missing = True
            elif v == "recent":
                last = today - (ago if ago is not None else rng.randint(0, 6))
                p.next_due, p.next_status = last + rng.randint(1, 7), "pending"
            else:  # stale: went quiet long ago
                last = _place(rng, m, span, today, ago)
                p.next_due = last + rng.randint(2, 7)
                p.next_status = "cancelled" if m.status == "on_hold" else "skipped"
            if last_role not in _NEXT:
                p.next_due = p.next_status = None
        elif "left" in spec:
            months = 4 if spec.get("snooze") == "trial" else 6
            last = _add_months(today + spec["left"], -months)
        else:
            last = _place(rng, m, span, today, ago)
        start = last - span
        if stage == "declined":
            snooze = _decline_snooze(rng, p, spec, last, today, can_snooze, texts)
    p.events = [(start + off, role, step) for off, role, step in rel]
    p.created = start - rng.randint(0, 5)
    p.snooze = snooze
    if p.created < m.start:  # the mission existed before anyone was sourced for it
        m.start = p.created
    return p


def _decline_snooze(rng, p: _Plan, spec: dict, last: int, today: int, can_snooze: bool, texts: DemoTexts):
    kind = spec.get("snooze")
    if kind is None:
        if p.reason == "joined a competitor" and rng.random() < 0.6:
            kind = "trial"
        elif p.reason == "timing" and rng.random() < 0.3:
            kind = "manual"
    if kind == "trial":
        reason, until = texts.trial_reason, _add_months(last, 4)
        snooze_kind = "trial_end"
    elif kind == "manual":
        key = spec.get("manual")
        if key:
            reason = texts.manual_snoozes[key]
            until = _manual_until(key, today)
        else:
            reason, until = texts.later_reason, _add_months(last, 6)
        snooze_kind = "manual"
    else:
        return None
    wake = "pending" if until > today and can_snooze else "done"
    if until > today and wake == "done":
        return None
    return (snooze_kind, reason, last, until, wake)


