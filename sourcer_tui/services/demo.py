"""Demo and benchmark data: a believable French sourcer's database, built from ``today``.

* :func:`build_demo` — 4 missions, 150 talents, every stage, source, reminder
  and snooze kind the panes show, deterministic for a seed.
* :func:`build_scale` — the same data at benchmark scale (100,000 talents and
  1,000,000 touchpoints in well under two minutes).
* :func:`ensure_demo` — opens a demo file, building it the first time.

Both builders share one pipeline: a *plan* per talent (its candidacies and
the shape of each outreach history, see :func:`_plan`), then one renderer
(:class:`_Renderer`) turning plans into rows, written with ``executemany``
on the raw sqlite3 connection.  No wall clock: every date comes from
``today`` and every choice from ``random.Random(seed)``.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import peewee

from ..db import derived, meta
from ..db.database import open_database, read_only_reason
from ..db.models import Mission, Talent
from ..domain.dates import add_months as _add_months_date
from ..domain.text import normalise_url
from ..domain.vocab import DEFAULT_SOURCES, FEEDBACK_KINDS

__all__ = [
    "build_demo",
    "build_scale",
    "ensure_demo",
    "mark_demo",
    "DEFAULT_DELAYS",
    "SNOOZE_AFTER_DAYS",
    "SNOOZE_MONTHS",
    "RESERVED_SUFFIXES",
]

#: Default cadence (DESIGN.md): gaps between consecutive outreach messages.
DEFAULT_DELAYS: tuple[int, ...] = (2, 4, 7)
#: Days after the last follow-up with no reply before the talent is snoozed.
SNOOZE_AFTER_DAYS = 7
#: Length of the no-reply snooze.
SNOOZE_MONTHS = 3

Progress = Callable[[str], None]

# --------------------------------------------------------------------------- words

FIRST_NAMES = (
    "Zoé", "Hélène", "Émile", "François", "Chloé", "Léa", "Maëlle", "Noémie", "Agnès",
    "Jérôme", "Séverine", "Loïc", "Gaëlle", "Anaïs", "Benoît", "Cécile", "Clément",
    "Grégoire", "Raphaël", "Inès", "Joël", "Aurélien", "Estelle", "Théo", "Solène",
    "Frédéric", "Margaux", "Camille", "Lucas", "Hugo", "Manon", "Julie", "Thomas",
    "Nicolas", "Sophie", "Claire", "Antoine", "Pierre", "Marie", "Louise", "Jules",
    "Arthur", "Paul", "Sarah", "Yasmine", "Karim", "Mehdi", "Nadia", "Sofia", "Matteo",
    "Lukas", "Ana", "João", "Aleksandra", "Piotr", "Björn", "Ingrid", "Siobhán", "Lars",
    "Greta", "Elena", "Giulia", "Marco", "Pablo", "Lucía", "Álvaro", "Anouk", "Daan",
    "Kasia", "Mélanie", "Adèle", "Bérénice", "Céline", "Éloïse", "Timothée", "Héloïse",
    "Mathis", "Léon", "Amélie", "Jérémie", "Océane", "Rémi", "Aïcha", "Youssef", "Fatou",
    "Mamadou", "Linh", "Aurore", "Baptiste", "Victor", "Romain", "Julien", "Guillaume",
    "Alexandre", "Laura", "Emma", "Jade", "Alice", "Gabriel", "Louis", "Nathan",
    "Maxime", "Quentin", "Charlotte", "Pauline", "Elsa", "Valentin", "Diane", "Mathilde",
    "Juliette", "Noé", "Maël",
)
LAST_NAMES = (
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
    "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David",
    "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier",
    "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure",
    "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Perrin", "Morin", "Mathieu",
    "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson", "Gérard",
    "Nguyen", "Boyer", "Lemaire", "Duval", "Joly", "Roche", "Noël", "Meyer", "Meunier",
    "Pérez", "Marchand", "Dufour", "Blanchard", "Barbier", "Brun", "Dumas", "Brunet",
    "Schmitt", "Leroux", "Colin", "Fernandez", "Renard", "Arnaud", "Caron", "Aubert",
    "Giraud", "Leclerc", "Vidal", "Bourgeois", "Renaud", "Lemoine", "Picard", "Lacroix",
    "Dupuis", "Chéron", "Bénard", "Le Goff", "Le Gall", "Kerbrat", "Kowalski", "Rossi",
    "Ferrari", "Schneider", "Jansen", "de Vries", "Santos", "Silva", "Novak",
    "Andersson", "O'Brien", "Müller", "Hoffmann", "Benali", "Haddad", "Diallo", "Traoré",
    "Koné", "Ben Salah", "Tran", "Pham", "Da Costa", "Ferreira", "Lévêque", "Côté",
    "Huet", "Besnard", "Chauvin", "Pélissier",
)
COMPANIES = (
    "Octave", "Quai 14", "Nuage Bleu", "Papyrus Pay", "Hexa Santé", "Trame",
    "Comptoir Data", "Fjord Analytics", "Mistral Logistique", "Galette Systems",
    "Lumière Robotics", "Verdure", "Cargo & Co", "Brioche Labs", "Pivot Assurances",
    "Banque Lazare", "Orbe Mobility", "Salines Énergie", "Kermit Games", "Studio Ruche",
    "Atlas Retail", "Polaris Cloud", "Ferme Digitale", "Mosaïque Media", "Rivage Bank",
    "Tilleul", "Sémaphore", "Capgemini", "Freelance",
)
LOCATIONS = (
    ("Paris", 38), ("Lyon", 10), ("Nantes", 7), ("Bordeaux", 6), ("Lille", 5),
    ("Toulouse", 5), ("Rennes", 4), ("Marseille", 3), ("Grenoble", 3), ("Montpellier", 3),
    ("Strasbourg", 2), ("Remote (France)", 8), ("Remote", 4), ("Bruxelles", 2),
    ("Genève", 1), ("Lisbon", 1), ("Berlin", 1), ("Barcelona", 1),
)
#: Reserved names only (RFC 2606, RFC 6761): no demo address or profile is anybody's.
EMAIL_DOMAINS = (
    "example.com", "example.com", "example.com", "example.org", "example.net", "mail.test",
    "courriel.test", "boite.test", "inbox.test", "webmail.test", "poste.test",
)
#: Where a company's own addresses live: ``octave.example.com``.
COMPANY_DOMAINS = (".example.com", ".example.org", ".example.net")
#: Demo profile pages (a real site's profile may be somebody's).
PROFILE_SITE = "https://linkedin.example.com/in/"
#: Every domain demo data uses ends with one of these.
RESERVED_SUFFIXES = (".example.com", ".example.org", ".example.net", ".test", ".invalid", ".example")
TRACKS: dict[str, dict[str, Any]] = {
    "backend": {
        "roles": ("Senior Backend Engineer", "Backend Developer", "Staff Software Engineer",
                  "Software Engineer", "Tech Lead Backend", "Développeur Python"),
        "skills": ("Python", "Go", "Django", "FastAPI", "PostgreSQL", "Kafka", "Rust", "Java"),
        "tags": ("python", "go", "django", "postgres", "kubernetes", "aws", "api", "microservices"),
    },
    "frontend": {
        "roles": ("Frontend Engineer", "Fullstack Developer", "Développeuse React",
                  "iOS Engineer", "Mobile Developer"),
        "skills": ("React", "TypeScript", "Vue", "Swift", "Kotlin", "Node.js"),
        "tags": ("react", "typescript", "vue", "ios", "android", "design system"),
    },
    "data": {
        "roles": ("Data Engineer", "Analytics Engineer", "ML Engineer", "Data Scientist",
                  "Senior Data Engineer"),
        "skills": ("Spark", "dbt", "Airflow", "SQL", "Snowflake", "BigQuery", "PyTorch"),
        "tags": ("spark", "dbt", "airflow", "sql", "kafka", "gcp", "snowflake", "ml"),
    },
    "design": {
        "roles": ("Product Designer", "Senior UX/UI Designer", "UX Researcher",
                  "Lead Product Designer"),
        "skills": ("Figma", "Design System", "User Research", "Prototyping"),
        "tags": ("figma", "ux research", "design system", "b2b saas", "mobile"),
    },
    "product": {
        "roles": ("Product Manager", "Senior Product Manager", "Product Owner",
                  "Head of Product"),
        "skills": ("B2B SaaS", "Discovery", "Growth", "Marketplace"),
        "tags": ("b2b saas", "discovery", "growth", "marketplace", "healthtech"),
    },
    "devops": {
        "roles": ("SRE", "DevOps Engineer", "Platform Engineer", "Cloud Architect",
                  "Security Engineer"),
        "skills": ("Kubernetes", "Terraform", "AWS", "GCP", "Observability"),
        "tags": ("kubernetes", "terraform", "aws", "gcp", "on-call", "security"),
    },
    "management": {
        "roles": ("Engineering Manager", "Head of Engineering", "CTO", "VP Engineering",
                  "Lead Developer"),
        "skills": ("Leadership", "Hiring", "Delivery", "Remote teams"),
        "tags": ("leadership", "hiring", "agile", "remote-first", "staff+"),
    },
}
GENERAL_TAGS = ("bilingual", "open to relocation", "ex-founder", "télétravail", "freelance",
                "speaker", "open source")
TALENT_NOTES = (
    "Prefers email over LinkedIn.",
    "Stack: [Python, FastAPI, Postgres] — strong on testing.",
    "Available from March; 3-month notice period.",
    "Wants 2 days remote minimum.",
    "Salary expectations 65–70k€ fixed.",
    "Met at Devoxx France, great talk on [Kafka] backpressure.",
    "Only interested in health tech or climate.",
    "Ex-founder (company sold in 2023), would like a lead role.",
    "Mentors at a women-in-tech bootcamp on Saturdays.",
    "Speaks French, English and Portuguese.",
    "Not before their stock options vest (next June).",
    "Wrote the blog post \"Our migration to Postgres 16\".",
)
REFERRERS = (
    "Julien Marchand", "Hélène Lacroix", "Karim Benali", "Sophie Caron", "Émile Dufour",
    "Anouk Jansen", "Camille Roux", "Thomas Nguyen",
)
REFERRAL_CONTEXTS = (
    "(backend lead at Lumen Health)", "(ex-colleague at Kiosk)", "(designer at Kiosk)",
    "(data team, Vélo Cargo)", "(former manager)", "(school friend, INSA Lyon)",
)
SOCIAL_CONTEXTS = (
    "— shared the job post on LinkedIn", "— tagged them under our post",
    "— forwarded the offer in a Slack community", "— recommended them on Mastodon",
)

MANUAL_SNOOZES = (  # (reason, how to compute "until" from today)
    ("on parental leave until spring", "spring"),
    ("asked to be recontacted after their bonus is paid in March", "april"),
    ("sabbatical — travelling until the summer", "summer"),
    ("just started a new job — recontact in a year", "year"),
    ("moving to Lyon this month — back in touch after the move", "week"),
    ("asked to talk again after their product launch", "three_weeks"),
)

# --------------------------------------------------------------------- sentences

_SUMMARY = {
    "approach": ("First message: {title} at {client}", "Personalised approach for {title} ({client})",
                 "First message — mentioned their talk, pitched {title}"),
    "followup": ("Follow-up {step}: short nudge", "Follow-up {step}: shared the team's engineering blog",
                 "Follow-up {step}: new detail on the {title} role", "Follow-up {step}: last try, door stays open"),
    "reply+": ("Interested — happy to have a call", "Open to talk, available Thursday afternoon",
               "Curious about {client}, asks for the salary range first", "Yes, let's talk next week"),
    "reply-": ("Not looking right now, thanks", "Thanks but not for me", "Happy where they are for now",
               "No — timing is not right"),
    "apply": ("Applied through the careers page for {title}", "Wrote after seeing the post about {title}",
              "Sent their CV by email for {title}"),
    "screen": ("Screening call (30 min)", "Phone screen about {title}", "Discovery call"),
    "interview": ("Interview with the hiring manager", "Technical interview — system design",
                  "Case study presentation", "Team fit interview at {client}"),
    "reverse": ("Reverse interview with a future teammate", "Reverse interview with the CTO of {client}"),
    "offer": ("Offer call — presented the package", "Offer call with {client}'s CEO"),
    "accept": ("Offer accepted — start date agreed", "Signed! Starts in 2 months"),
    "decline": ("Declined by email", "Called to decline the process"),
    "reject": ("Debrief call: we stop here", "Told them {client} will not go further"),
    "p_content": ("Shared the article \"Scaling Postgres at {client}\"", "Sent our salary benchmark 2026",
                  "Shared a podcast episode on engineering management", "Sent the newsletter [talent pool]"),
    "p_event": ("Invited to the Paris Backend Meetup #42", "Invited to a breakfast at {client}",
                "Invited to our [design crit] evening"),
    "p_note": ("Changed jobs — now at {company}", "Promoted to lead", "Updated their headline"),
    "p_call": ("Catch-up call (talent pool)", "Coffee chat", "Call to hear their news"),
    "p_inbound": ("Asked for news about open roles", "Sent a friend's CV", "Congratulated us on the launch"),
}
_GIVEN = {
    "positive": ("Told them the profile matches well; next step is the hiring manager.",
                 "Shared the good feedback from the team and the next steps.",
                 "Said clearly they are among our top candidates.",
                 "Thanked them; explained the process and timing."),
    "mixed": ("Told them the team liked the product sense but wants more depth on scale.",
              "Was transparent: the budget is below their expectation, we are checking.",
              "Said we need one more conversation before deciding."),
    "negative": ("Explained the role needs more hands-on Kubernetes; will keep them in mind.",
                 "Told them honestly the seniority gap is too big for this role.",
                 "Gave detailed feedback on the case study; we stop here for this role."),
}
_IMPRESSION = {
    "positive": ("Sharp, curious, asks the right questions.", "Great energy, very clear communicator.",
                 "Strong on architecture, pragmatic.", "Would fit the team culture really well."),
    "mixed": ("Good skills but unsure about the move.", "Solid but a bit rehearsed.",
              "Motivated by salary more than the product."),
    "negative": ("Not enough depth on distributed systems.", "Seems disengaged.",
                 "Expectations far above the band."),
}
_NEXT = {
    "screen": "Send profile to {client}'s hiring manager",
    "interview": "Collect panel feedback and schedule the next round",
    "reverse": "Prepare the offer with {client}",
    "offer": "Get their answer on the offer",
    "apply": "Book a screening call",
    "p_call": "Send them the next role that fits",
    "p_inbound": "Reply with what is open right now",
}
_DECLINE_DETAIL = {
    "not looking": "Happy in their current team.",
    "salary": "Expects 15% above the band.",
    "location / remote": "Wants full remote, the role is 3 days on site.",
    "company or product": "Not convinced by the product.",
    "role or seniority": "Looking for a lead role.",
    "timing": "Too early, asked to talk again later.",
    "counter-offer": "Accepted a counter-offer from their employer.",
    "joined a competitor": "Signed elsewhere last week.",
    "other": "Personal reasons.",
}
_EARLY_REASONS = ("not looking", "not looking", "not looking", "timing", "salary", "location / remote",
                  "company or product", "role or seniority", "joined a competitor", "other")
_REJECTION_REASONS = ("skills", "experience", "salary gap", "client said no", "culture")
_LATE_REASONS = ("salary", "counter-offer", "joined a competitor", "company or product",
                 "location / remote", "timing", "other")

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
          inbound: bool = False, can_snooze: bool = True) -> _Plan:
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
                        return _plan(rng, cid, m, {"stage": "approached", "v": "stopped"}, today)
                    since = rng.randint(lo, hi)
                until = _add_months(since, m.snooze_months)
                wake = spec.get("pending")
                if wake is None:
                    wake = today - until <= 14 and can_snooze and rng.random() < 0.3
                wake = "pending" if wake else "done"
            start = since - m.snooze_after - m.offsets[n]
            p.seq = "completed"
            reason = f"no reply after {n} follow-up{'s' if n > 1 else ''}"
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
            p.detail = _DECLINE_DETAIL[p.reason]
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
                p.detail = "Position filled."
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
            snooze = _decline_snooze(rng, p, spec, last, today, can_snooze)
    p.events = [(start + off, role, step) for off, role, step in rel]
    p.created = start - rng.randint(0, 5)
    p.snooze = snooze
    if p.created < m.start:  # the mission existed before anyone was sourced for it
        m.start = p.created
    return p


def _decline_snooze(rng, p: _Plan, spec: dict, last: int, today: int, can_snooze: bool):
    kind = spec.get("snooze")
    if kind is None:
        if p.reason == "joined a competitor" and rng.random() < 0.6:
            kind = "trial"
        elif p.reason == "timing" and rng.random() < 0.3:
            kind = "manual"
    if kind == "trial":
        reason, until = "joined a competitor — recontact at end of trial period", _add_months(last, 4)
        snooze_kind = "trial_end"
    elif kind == "manual":
        key = spec.get("manual")
        if key:
            reason = next(r for r, k in MANUAL_SNOOZES if k == key)
            until = _manual_until(key, today)
        else:
            reason, until = "asked to talk again in six months", _add_months(last, 6)
        snooze_kind = "manual"
    else:
        return None
    wake = "pending" if until > today and can_snooze else "done"
    if until > today and wake == "done":
        return None
    return (snooze_kind, reason, last, until, wake)


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


class _Sink:
    """Buffers rows per table and writes them parents-first with executemany."""

    def __init__(self, db: peewee.Database, batch: int = 50_000):
        self.conn = db.connection()
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
                self.conn.executemany(_SQL[table], rows)
                self.counts[table] += len(rows)
                rows.clear()
        self.pending = 0


class _Renderer:
    """Turns plans into rows: the one code path of both builders."""

    def __init__(self, sink: _Sink, rng: random.Random, today: int, *, next_touchpoint_id: int = 1,
                 p_missing: float = 0.0, unique_names: bool = False, latest_minute: int = 1439):
        self.sink, self.rng, self.today = sink, rng, today
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
        track = TRACKS[tp.track]
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
        location = rng.choices(_LOC_VALUES, cum_weights=_LOC_CUM)[0]
        referred = ""
        if tp.source == "referral":
            referred = f"{rng.choice(REFERRERS)} {rng.choice(REFERRAL_CONTEXTS)}"
        elif tp.source == "social_referral":
            referred = f"{rng.choice(REFERRERS)} {rng.choice(SOCIAL_CONTEXTS)}"
        tags = rng.sample(track["tags"], rng.randint(1, 3))
        if rng.random() < 0.25:
            tags.append(rng.choice(GENERAL_TAGS))
        notes = rng.choice(TALENT_NOTES) if rng.random() < 0.3 else ""
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
        rng = self.rng
        kind, direction, default_channel = _ROLE_KIND[role]
        if default_channel == "video" and rng.random() < 0.3:
            default_channel = "in_person"
        if day >= self.today:  # an interview "later today" would already owe its feedback
            minute = min(minute, self.latest_minute)
        when = _dts(day, minute)
        summary = rng.choice(_SUMMARY[role])
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
                if next_due is not None and role in _NEXT:
                    next_step = _NEXT[role].format(**ctx)
                row = (tid, talent_id, cand_id, kind, default_channel or channel, direction, when, step,
                       summary, 1, fb_at, rng.choice(_GIVEN[sentiment]), rng.choice(_IMPRESSION[sentiment]),
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
        self.reminder(talent_id, cand_id, None, "wake_up", until, None, f"Snooze ends — {reason}",
                      wake, done, created, snooze_id=snooze_id)

    # -- one candidacy
    def candidacy(self, talent_id: int, p: _Plan) -> None:
        rng, m = self.rng, p.mission
        ctx = {"title": m.title, "client": m.client or "the client", "company": rng.choice(COMPANIES)}
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
            elif role in _NEXT:
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
                self.reminder(talent_id, p.cid, None, "followup", day, step, f"Follow-up {step}/{n}",
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
            self.reminder(talent_id, p.cid, None, "followup", due, step, f"Follow-up {step}/{n}",
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
            next_due = day + rng.randint(7, 45) if role in _NEXT and rng.random() < 0.15 else None
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
                self.snooze(tp.tid, None, "keep_in_touch", f"keep in touch every {months} months",
                            kit_call, due, "pending", today)
            else:
                self.reminder(tp.tid, None, tid, "keep_in_touch", due, None,
                              f"Keep in touch (every {months} months)", "pending", None, when)


# --------------------------------------------------------------------- demo

_DEMO_MISSIONS = (  # title, client, status, track, age (days), end (days ago), cadence overrides
    ("Senior Backend Engineer", "Lumen Health", "open", "backend", 110, 0, None),
    ("Product Designer", "Kiosk", "open", "design", 70, 0, None),
    ("Data Engineer", "Vélo Cargo", "open", "data", 150, 0, None),
    ("Engineering Manager", "Atelier Nord", "on_hold", "management", 240, 35, ((3, 7), 7, 6)),
)
_MISSION_NOTES = {
    "Senior Backend Engineer": "Python/Go, on-call light. 2 days on site in Paris 11e. Band 70–85k€.",
    "Product Designer": "B2B SaaS, owns the design system. Remote-friendly, Lyon or Paris.",
    "Data Engineer": "2 positions. Stack: [dbt, Airflow, BigQuery]. Nantes HQ, 3 days remote.",
    "Engineering Manager": "On hold until the Series B closes; keep candidates warm.",
}


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


def build_demo(db: peewee.Database, today: dt.date, *, seed: int = 7, now: dt.datetime | None = None) -> dict[str, int]:
    """Fill an empty, migrated database with a believable demo; returns row counts.

    4 missions, 150 talents (15 only in the talent pool, 15 in two
    missions), 150 candidacies over every stage, ~600 touchpoints, follow-ups
    and next steps due (overdue, today, upcoming), 6 touchpoints still
    missing their feedback, ~15 active snoozes (a week to a year ahead, plus
    two already due) each with its pending wake-up reminder on ``until``.
    Raises ValueError if the database already holds missions or talents.
    With *now*, today's contacts all happened before it.
    """
    _assert_empty(db)
    rng = random.Random(seed)
    t = today.toordinal()
    missions = []
    for i, (title, client, status, track, age, end, cadence) in enumerate(_DEMO_MISSIONS, start=1):
        delays, after, months = cadence or (DEFAULT_DELAYS, SNOOZE_AFTER_DAYS, SNOOZE_MONTHS)
        missions.append(_Mission(i, title, client, status, track, t - age, t - end, tuple(delays), after,
                                 months, _MISSION_NOTES[title], custom_cadence=cadence is not None))
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
        reason = next(r for r, k in MANUAL_SNOOZES if k == key)
        manuals[tid] = (reason, t - rng.randint(2, 40), _manual_until(key, t))

    sink = _Sink(db, batch=10**9)
    with db.atomic():
        latest = max(now.hour * 60 + now.minute - 1, 0) if now is not None and now.date() == today else 1439
        renderer = _Renderer(sink, rng, t, unique_names=True, latest_minute=latest)
        cid = 0
        tplans = []
        for tid in tids:
            track = rng.choice(("backend", "data", "design", "devops", "product", "frontend")) \
                if tid in pool_ids else first[tid][0].track
            tp = _TalentPlan(tid, sources_of[tid], track, t - rng.randint(20, 720))
            can_snooze = True
            for m, spec in filter(None, (first.get(tid), second.get(tid))):
                cid += 1
                p = _plan(rng, cid, m, spec, t, inbound=tp.source == "inbound", can_snooze=can_snooze)
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
        meta.put(meta.DEMO, "1")  # a demo file mails nobody (services/mail.check_sending)
    return _counts(sink)


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


def ensure_demo(path, today: dt.date, now: dt.datetime | None = None) -> peewee.Database:
    """Open the demo database at *path*, building it if it holds no mission yet."""
    db = open_database(path)
    if not Mission.select().exists():
        build_demo(db, today, now=now)
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
            talent = Talent.create(name=name, headline=headline, source="talent_pool", created_at=when, updated_at=when)
            Touchpoint.create(
                talent=talent, kind="call", channel="phone", happened_at=when, needs_feedback=True, feedback_at=when,
                feedback_given="Pas le bon moment ; on garde le contact.", created_at=when, updated_at=when,
            )


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


def _scale_missions(rng: random.Random, today: int, count: int = 40) -> list[_Mission]:
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
                                 f"{title} for {client}.", custom_cadence=custom))
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
                progress: Progress | None = None) -> dict[str, int]:
    """Fill an empty, migrated database with *exactly* ``talents`` talents and
    ``touchpoints`` touchpoints of demo-like data (40 missions, a real funnel,
    a long tail of touchpoints per talent, a backlog of reminders, ~2%
    snoozed).  Built in one transaction with the derived tables' triggers
    suspended and those tables rebuilt once (:mod:`..db.derived`); runs
    ``ANALYZE`` at the end.  Returns row counts.
    """
    _assert_empty(db)
    say = progress or (lambda _msg: None)
    rng = random.Random(seed)
    t = today.toordinal()
    missions = _scale_missions(rng, t)
    by_track: dict[str, list[_Mission]] = {}
    for m in missions:
        by_track.setdefault(m.track, []).append(m)
    tracks, track_cum = _weighted(_TRACK_WEIGHTS)
    sources = list(_SOURCE_WEIGHTS)
    _, source_cum = _weighted(_SOURCE_WEIGHTS.items())
    stages, stage_cum = _weighted(_STAGE_WEIGHTS)

    say(f"planning {talents:,} talents")
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
            p = _plan(rng, cid, m, spec, t, inbound=source == "inbound", can_snooze=can_snooze)
            can_snooze = can_snooze and not p.snoozed_now
            tp.plans.append(p)
        if not tp.plans:
            r = rng.random()
            if r < 0.03:
                months = rng.choice((6, 6, 12))
                due = t + rng.randint(-10, 120)
                tp.kit = (months, due, "snooze" if due > t + 7 else "reminder")
            elif r < 0.04:
                reason, key = rng.choice(MANUAL_SNOOZES)
                tp.manual = (reason, t - rng.randint(1, 60), _manual_until(key, t))
        plans.append(tp)

    _ensure_every_stage(rng, plans, missions, t)
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
            tp.plans[i] = _plan(rng, p.cid, p.mission, {"stage": "sourced"}, t)
        for tp in plans:
            if base > touchpoints and tp.kit:
                tp.kit, base = None, base - 1
    _spread(rng, plans, touchpoints - base)

    say("writing")
    synchronous = db.execute_sql("PRAGMA synchronous").fetchone()[0]
    cache = db.execute_sql("PRAGMA cache_size").fetchone()[0]
    db.execute_sql("PRAGMA synchronous = OFF")
    db.execute_sql("PRAGMA cache_size = -200000")
    try:
        sink = _Sink(db)
        with db.atomic(), derived.triggers_suspended(db, rebuild=False):
            renderer = _Renderer(sink, rng, t, p_missing=0.5)
            for m in missions:
                _write_mission(sink, rng, m, t)
            step = max(talents // 10, 1)
            for i, tp in enumerate(plans, start=1):
                renderer.talent_all(tp)
                sink.maybe_flush()
                if i % step == 0:
                    say(f"talents {i:,}/{talents:,}, touchpoints {renderer.tp_id - 1:,}")
            sink.flush()
            meta.put(meta.DEMO, "1")
            say("indexing talents for search, counting stages, summing up outreach")
            derived.rebuild_all(db)
    finally:
        db.execute_sql(f"PRAGMA synchronous = {int(synchronous)}")
        db.execute_sql(f"PRAGMA cache_size = {int(cache)}")
    say("analyzing")
    db.execute_sql("ANALYZE")
    return _counts(sink)


def _ensure_every_stage(rng: random.Random, plans: list[_TalentPlan], missions: list[_Mission],
                        today: int) -> None:
    """Re-plan a few sourced candidacies of open missions so that no pipeline column is empty."""
    present = {p.stage for tp in plans for p in tp.plans}
    missing = [s for s, _ in _STAGE_WEIGHTS if s not in present]
    if not missing:
        return
    spare = [(tp, i) for tp in plans for i, p in enumerate(tp.plans)
             if p.stage == "sourced" and p.mission.status == "open" and tp.source != "inbound"]
    for stage, (tp, i) in zip(missing, rng.sample(spare, min(len(missing), len(spare)))):
        p = tp.plans[i]
        spec = {"stage": stage, "v": "stale"} if stage in _IN_PROCESS + ("replied",) else {"stage": stage}
        tp.plans[i] = _plan(rng, p.cid, p.mission, spec, today, can_snooze=False)


def _spread(rng: random.Random, plans: list[_TalentPlan], extra: int) -> None:
    """Give *extra* talent-level touchpoints to the talents, heavy-tailed (some get 50+)."""
    if extra <= 0 or not plans:
        return
    weights = [min(rng.paretovariate(1.3) - 1.0, 120.0) for _ in plans]
    total = sum(weights) or 1.0
    given = 0
    for tp, w in zip(plans, weights):
        tp.extra = int(extra * w / total)
        given += tp.extra
    for i in rng.choices(range(len(plans)), k=extra - given):
        plans[i].extra += 1
