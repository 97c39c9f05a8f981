"""Plans turned into rows (:class:`_Renderer`), written with ``executemany`` on the
raw sqlite3 connection (:class:`_Sink`)."""

from __future__ import annotations

import random

import peewee

from ..domain.text import normalise_url
from ..domain.vocab import FEEDBACK_KINDS
from .texts import ENGLISH, DemoTexts
from .words import COMPANIES, COMPANY_DOMAINS, EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, PROFILE_SITE, REFERRERS
from .plans import _LOC_CUM, _POOL_ROLES, _Plan, _ROLE_KIND, _STAGE_OF_ROLE, _TalentPlan, _add_months, _cached_slug, _d, _dts

# --------------------------------------------------------------------- writing

_SQL = {
    "mission": "INSERT INTO mission (id, title, client, status, notes, followup_delays_days, "
    "snooze_after_days, snooze_months, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
    "talent": "INSERT INTO talent (id, name, headline, company, email, email_norm, phone, linkedin_url, "
    "location, source, referred_by, tags, notes, keep_in_touch_months, consent_renewed_at, "
    "anonymised_at, created_at, updated_at, linkedin_norm) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "candidacy": "INSERT INTO candidacy (id, talent_id, mission_id, stage, stage_changed_at, "
    "sequence_state, last_step_sent, first_contact_at, replied_at, reply_sentiment, decline_reason, "
    "decline_detail, closed_at, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "touchpoint": "INSERT INTO touchpoint (id, talent_id, candidacy_id, kind, channel, direction, "
    "happened_at, step, summary, needs_feedback, feedback_at, feedback_given, impression, sentiment, "
    "next_step, next_step_due, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "snooze": "INSERT INTO snooze (id, talent_id, candidacy_id, since, until, reason, kind, active, "
    "woken_at, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
    "reminder": "INSERT INTO reminder (talent_id, candidacy_id, touchpoint_id, snooze_id, kind, due, step, "
    "detail, status, done_at, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
}
_TABLES = tuple(_SQL)  # parents first
#: Per table, the positions of its boolean columns in the row: SQLite takes 0/1,
#: PostgreSQL a boolean (an integer is refused there).
_BOOLEANS = {
    table: tuple(i for i, name in enumerate(sql.split("(", 1)[1].split(")", 1)[0].split(","))
                 if name.strip() in ("needs_feedback", "active"))
    for table, sql in _SQL.items()
}


class _Sink:
    """Buffers rows per table and writes them parents-first with executemany."""

    def __init__(self, db: peewee.Database, batch: int = 50_000):
        self.db = db
        # SQLite: executemany on the raw connection (no cursor per statement);
        # PostgreSQL: on a cursor, in psycopg's placeholders
        self.conn = db.connection() if isinstance(db, peewee.SqliteDatabase) else None
        self.batch = batch
        self.rows: dict[str, list] = {t: [] for t in _TABLES}
        self.counts = dict.fromkeys(_TABLES, 0)
        self.pending = 0

    def add(self, table: str, row: tuple) -> None:
        self.rows[table].append(row)
        self.pending += 1

    def maybe_flush(self) -> None:
        if self.pending >= self.batch:
            self.flush()

    def flush(self) -> None:
        for table in _TABLES:
            rows = self.rows[table]
            if rows:
                if self.conn is not None:
                    self.conn.executemany(_SQL[table], rows)
                else:
                    from ..db.dialect import follow_ids
                    from ..db.postgres import placeholders

                    flags = _BOOLEANS[table]
                    if flags:
                        rows = [tuple(bool(v) if i in flags and v is not None else v for i, v in enumerate(row)) for row in rows]
                    self.db.cursor().executemany(placeholders(_SQL[table]), rows)
                    if _SQL[table].startswith(f"INSERT INTO {table} (id,"):
                        follow_ids(self.db, table)
                self.counts[table] += len(rows)
                self.rows[table].clear()
        self.pending = 0


class _Renderer:
    """Turns plans into rows: the one code path of both builders."""

    def __init__(self, sink: _Sink, rng: random.Random, today: int, *, next_touchpoint_id: int = 1,
                 p_missing: float = 0.0, unique_names: bool = False, latest_minute: int = 1439,
                 texts: DemoTexts = ENGLISH):
        self.sink, self.rng, self.today = sink, rng, today
        self.texts = texts  # the words, in the demo's language (the draws are the same in all)
        self.latest_minute = latest_minute  # today's contacts happened before the demo was built
        self.tp_id = next_touchpoint_id
        self.snooze_id = 1
        self.p_missing = p_missing  # chance a recent talent-pool call still lacks its feedback
        self.emails: dict[str, int] = {}
        self.unique_names = unique_names
        self.names: set[tuple[str, str]] = set()

    # -- talents
    def talent(self, tp: _TalentPlan, kit_months: int | None) -> None:
        rng = self.rng
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        if self.unique_names:
            for _ in range(50):
                if (first, last) not in self.names:
                    break
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            self.names.add((first, last))
        words = self.texts
        track = words.tracks[tp.track]
        company = rng.choice(COMPANIES)
        role = rng.choice(track["roles"])
        r = rng.random()
        if company == "Freelance":
            headline = f"Freelance {role} · {rng.choice(track['skills'])}"
        elif r < 0.45:
            headline = f"{role} @ {company}"
        elif r < 0.7:
            headline = f"{role} chez {company} | " + ", ".join(rng.sample(track["skills"], 2))
        elif r < 0.85:
            headline = f"{role} [" + " | ".join(rng.sample(track["skills"], 2)) + "]"
        else:
            headline = f"{role} — {company}"
        fs, ls = _cached_slug(first), _cached_slug(last)
        email = ""
        if rng.random() < 0.85:
            r = rng.random()
            local = f"{fs}.{ls}" if r < 0.6 else (f"{fs[0]}{ls}" if r < 0.85 else f"{fs}{ls}")
            local = local.replace("-", "")
            domain = rng.choice(EMAIL_DOMAINS) if rng.random() < 0.7 or company == "Freelance" else (
                _cached_slug(company).replace("-", "") + rng.choice(COMPANY_DOMAINS))
            key = f"{local}@{domain}"
            seen = self.emails.get(key, 0)
            self.emails[key] = seen + 1
            email = f"{local}{seen + 1}@{domain}" if seen else key
            if rng.random() < 0.1:  # typed with capitals: email_norm is what dedupes
                local_part, _, domain_part = email.partition("@")
                email = ".".join(w[:1].upper() + w[1:] for w in local_part.split(".")) + "@" + domain_part
        phone = ""
        if rng.random() < 0.7:
            d = rng.randint(10_000_000, 99_999_999)
            digits = f"{d:08d}"
            pairs = " ".join(digits[i:i + 2] for i in range(0, 8, 2))
            phone = f"+33 {rng.choice('67')} {pairs}" if rng.random() < 0.6 else f"0{rng.choice('67')} {pairs}"
        linkedin = ""
        if rng.random() < 0.9:
            linkedin = f"{PROFILE_SITE}{fs}-{ls}"
            if rng.random() < 0.6:
                linkedin += f"-{rng.getrandbits(28):07x}"
        location = rng.choices(words.locations, cum_weights=_LOC_CUM)[0]
        referred = ""
        # The introducer's name alone (migration 0023: the same name is one introducer);
        # the context is still drawn, so every later draw stays the same.
        if tp.source == "referral":
            referred = rng.choice(REFERRERS)
            rng.choice(words.referral_contexts)
        elif tp.source == "social_referral":
            referred = rng.choice(REFERRERS)
            rng.choice(words.social_contexts)
        tags = rng.sample(track["tags"], rng.randint(1, 3))
        if rng.random() < 0.25:
            tags.append(rng.choice(words.general_tags))
        notes = rng.choice(words.talent_notes) if rng.random() < 0.3 else ""
        consent = None
        if rng.random() < 0.4 and tp.born < self.today - 30:
            consent = _d(rng.randint(tp.born, self.today - 1))
        created = _dts(tp.born, rng.randint(480, 499))
        self.sink.add("talent", (
            tp.tid, f"{first} {last}", headline, "" if company == "Freelance" else company, email,
            email.strip().lower(), phone, linkedin, location, tp.source, referred,
            ",".join(dict.fromkeys(tags)), notes, kit_months, consent, None, created, created,
            normalise_url(linkedin),
        ))

    # -- touchpoints
    def touch(self, talent_id: int, cand_id, role: str, day: int, minute: int, step, channel: str,
              ctx: dict, *, missing: bool = False, next_due: int | None = None,
              sentiment: str | None = None):
        """Append one touchpoint; returns (id, when, next_step text)."""
        rng, words = self.rng, self.texts
        kind, direction, default_channel = _ROLE_KIND[role]
        if default_channel == "video" and rng.random() < 0.3:
            default_channel = "in_person"
        if day >= self.today:  # an interview "later today" would already owe its feedback
            minute = min(minute, self.latest_minute)
        when = _dts(day, minute)
        summary = rng.choice(words.summary[role])
        if "{" in summary:
            summary = summary.format(step=step, **ctx)
        tid = self.tp_id
        self.tp_id += 1
        next_step = ""
        if kind in FEEDBACK_KINDS:
            if missing:
                row = (tid, talent_id, cand_id, kind, default_channel or channel, direction, when, step,
                       summary, 1, None, "", "", None, "", None, when, when)
            else:
                if sentiment is None:
                    r = rng.random()
                    sentiment = "positive" if r < 0.6 else ("mixed" if r < 0.9 else "negative")
                fb_at = _dts(day, min(minute + rng.randint(5, 60), 1439 if day < self.today else max(minute, self.latest_minute)))
                if next_due is not None and role in words.next_step:
                    next_step = words.next_step[role].format(**ctx)
                row = (tid, talent_id, cand_id, kind, default_channel or channel, direction, when, step,
                       summary, 1, fb_at, rng.choice(words.given[sentiment]), rng.choice(words.impression[sentiment]),
                       sentiment, next_step, _d(next_due) if next_step else None, when, fb_at)
        else:
            row = (tid, talent_id, cand_id, kind, default_channel or channel, direction, when, step,
                   summary, 0, None, "", "", None, "", None, when, when)
        self.sink.add("touchpoint", row)
        return tid, when, next_step

    def reminder(self, talent_id, cand_id, tp_id, kind, due, step, detail, status, done_at, created,
                 snooze_id=None):
        self.sink.add("reminder", (talent_id, cand_id, tp_id, snooze_id, kind, _d(due), step, detail,
                                   status, done_at, created))

    def snooze(self, talent_id, cand_id, kind, reason, since, until, wake, today):
        rng = self.rng
        created = _dts(since, rng.randint(480, 1140))
        snooze_id, self.snooze_id = self.snooze_id, self.snooze_id + 1
        if wake == "pending":
            self.sink.add("snooze", (snooze_id, talent_id, cand_id, _d(since), _d(until), reason, kind, 1, None, created))
            done = None
        else:
            done = _dts(min(until + rng.randint(0, 5), today), rng.randint(480, 1140))
            self.sink.add("snooze", (snooze_id, talent_id, cand_id, _d(since), _d(until), reason, kind, 0, done, created))
        if kind == "keep_in_touch":  # its end is the next call (services/snoozes)
            self.reminder(talent_id, cand_id, None, "keep_in_touch", until, None, reason, wake, done, created, snooze_id=snooze_id)
            return
        self.reminder(talent_id, cand_id, None, "wake_up", until, None, self.texts.wake_detail(reason),
                      wake, done, created, snooze_id=snooze_id)

    # -- one candidacy
    def candidacy(self, talent_id: int, p: _Plan) -> None:
        rng, m = self.rng, p.mission
        ctx = {"title": m.title, "client": m.client or self.texts.the_client, "company": rng.choice(COMPANIES)}
        n = len(m.delays)
        prev_day, minute = -1, 0
        first_at = replied_at = last_at = stage_at = None
        sentiment = None
        last_step = None
        prev_when = carry = None
        events = p.events
        last_i = len(events) - 1
        for i, (day, role, step) in enumerate(events):
            minute = min(minute + rng.randint(20, 150), 1379) if day == prev_day else rng.randint(540, 1140)
            prev_day = day
            is_last = i == last_i
            if is_last:
                next_due = p.next_due
            elif role in self.texts.next_step:
                next_due = events[i + 1][0]
            else:
                next_due = None
            forced = "negative" if role == "reject" else ("mixed" if role == "decline" else None)
            tid, when, next_step = self.touch(
                talent_id, p.cid, role, day, minute, step, p.channel, ctx,
                missing=is_last and p.missing, next_due=next_due, sentiment=forced)
            if first_at is None:
                first_at = when
            if carry:  # the next step announced at the previous contact happened now
                c_tid, c_due, c_text, c_when = carry
                self.reminder(talent_id, p.cid, c_tid, "next_step", c_due, None, c_text, "done", when, c_when)
                carry = None
            if role == "followup":
                self.reminder(talent_id, p.cid, None, "followup", day, step, self.texts.followup_detail(step, n),
                              "done", when, prev_when)
            if step is not None:
                last_step = step
            if role in ("reply+", "reply-"):
                replied_at, sentiment = when, ("positive" if role == "reply+" else "negative")
            if next_step:
                if is_last:
                    status, done = p.next_status, None
                    if status != "pending":
                        done = _dts(min(next_due + rng.randint(0, 10), self.today), 1020)
                    self.reminder(talent_id, p.cid, tid, "next_step", next_due, None, next_step, status,
                                  done, when)
                else:
                    carry = (tid, next_due, next_step, when)
            if stage_at is None and _STAGE_OF_ROLE.get(role) == p.stage:
                stage_at = when
            prev_when = last_at = when
        if p.pending:
            _, step, due = p.pending
            self.reminder(talent_id, p.cid, None, "followup", due, step, self.texts.followup_detail(step, n),
                          "pending", None, prev_when)
        created = _dts(p.created, rng.randint(500, 539))
        if p.stage == "sourced":
            stage_at = created
        closed = last_at if p.stage in ("declined", "rejected") else None
        self.sink.add("candidacy", (
            p.cid, talent_id, m.id, p.stage, stage_at or last_at or created, p.seq, last_step,
            first_at, replied_at, sentiment, p.reason, p.detail, closed, created, last_at or created,
        ))
        if p.snooze:
            kind, reason, since, until, wake = p.snooze
            self.snooze(talent_id, p.cid, kind, reason, since, until, wake, self.today)

    # -- one talent, everything attached to it
    def talent_all(self, tp: _TalentPlan, *, p_missing: float | None = None) -> None:
        rng, today = self.rng, self.today
        born = tp.born
        for p in tp.plans:
            born = min(born, p.created)
        kit_call = None
        if tp.kit:
            months, due, _mode = tp.kit
            kit_call = _add_months(due, -months)
            born = min(born, kit_call - rng.randint(0, 60))
        if tp.manual:
            born = min(born, tp.manual[1])
        tp.born = born
        self.talent(tp, tp.kit[0] if tp.kit else None)
        for p in tp.plans:
            self.candidacy(tp.tid, p)
        self.pool(tp, tp.extra, kit_call, self.p_missing if p_missing is None else p_missing)
        if tp.manual:
            reason, since, until = tp.manual
            self.snooze(tp.tid, None, "manual", reason, since, until, "pending", today)

    def pool(self, tp: _TalentPlan, n: int, kit_call: int | None, p_missing: float) -> None:
        """Talent-level nurturing touchpoints (no candidacy): the talent pool's long tail."""
        rng, today = self.rng, self.today
        ctx = {"title": "", "client": rng.choice(COMPANIES), "company": rng.choice(COMPANIES)}
        lo, hi = tp.born, today - 1
        if lo > hi:
            lo = hi
        days = sorted(rng.randint(lo, hi) for _ in range(n))
        for day in days:
            role = rng.choice(_POOL_ROLES)
            missing = day >= today - 2 and role in ("p_call", "p_inbound") and rng.random() < p_missing
            next_due = day + rng.randint(7, 45) if role in self.texts.next_step and rng.random() < 0.15 else None
            tid, when, next_step = self.touch(tp.tid, None, role, day, rng.randint(540, 1140), None,
                                              "email", ctx, missing=missing, next_due=next_due)
            if next_step:
                pending = next_due >= today - 5
                self.reminder(tp.tid, None, tid, "next_step", next_due, None, next_step,
                              "pending" if pending else "done",
                              None if pending else _dts(next_due, 600), when)
        if kit_call is not None:
            months, due, mode = tp.kit
            tid, when, _ = self.touch(tp.tid, None, "p_call", kit_call, rng.randint(540, 1140), None,
                                      "phone", ctx, sentiment="positive")
            if mode == "snooze":
                self.snooze(tp.tid, None, "keep_in_touch", self.texts.keep_in_touch_reason(months),
                            kit_call, due, "pending", today)
            else:
                self.reminder(tp.tid, None, tid, "keep_in_touch", due, None,
                              self.texts.keep_in_touch_detail(months), "pending", None, when)


