"""The whole data model of DESIGN.md, as Peewee models bound to a proxy.

Nothing is opened at import time: :data:`database_proxy` is initialised by
:func:`sourcer_tui.db.database.open_database`.  The schema itself is created
and upgraded by the numbered scripts in ``db/migrations``; these classes only
describe it for queries.  Keep them in step with the latest migration
(``tests/unit/test_migrations.py`` checks that they agree).
"""

from __future__ import annotations

import datetime as _dt

from peewee import (
    AutoField,
    CompositeKey,
    BooleanField,
    DatabaseProxy,
    DateField,
    DeferredForeignKey,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TimeField,
)

# Text columns clean what they store (no control character ever reaches the file).
from .fields import CharField, TextField
from .owners import owner_default

__all__ = [
    "database_proxy",
    "BaseModel",
    "Mission",
    "Talent",
    "Candidacy",
    "Touchpoint",
    "Reminder",
    "Snooze",
    "Draft",
    "Template",
    "ErasureLog",
    "Introducer",
    "Recognition",
    "CandidacyCount",
    "TalentInitial",
    "InitialCount",
    "GridCriterion",
    "GridScore",
    "Teammate",
    "ALL_MODELS",
]

database_proxy = DatabaseProxy()


def _now() -> _dt.datetime:
    return _dt.datetime.now().replace(microsecond=0)


class BaseModel(Model):
    class Meta:
        database = database_proxy
        legacy_table_names = False


class Mission(BaseModel):
    """A position being filled."""

    id = AutoField()
    title = CharField()
    client = CharField(default="")
    status = CharField(default="open")  # open | on_hold | closed
    notes = TextField(default="")
    # Cadence overrides; NULL means "use the config default".
    followup_delays_days = CharField(null=True)  # e.g. "2,4,7"
    snooze_after_days = IntegerField(null=True)
    snooze_months = IntegerField(null=True)
    created_at = DateTimeField(default=_now)
    updated_at = DateTimeField(default=_now)
    # Migration 0017: the brief (domain/facts.py); a range bound NULL is open.
    salary_min = IntegerField(null=True)
    salary_max = IntegerField(null=True)
    salary_currency = CharField(default="EUR")
    location = CharField(default="")
    remote_policy = CharField(default="")  # "" | onsite | hybrid | remote
    must_haves = TextField(default="")


class Talent(BaseModel):
    """A person worth knowing."""

    id = AutoField()
    name = CharField()
    headline = CharField(default="")
    company = CharField(default="")
    email = CharField(default="")
    email_norm = CharField(default="", index=True)  # lower-cased, for dedupe
    phone = CharField(default="")
    linkedin_url = CharField(default="")
    location = CharField(default="")
    source = CharField(default="other")
    referred_by = CharField(default="")
    tags = CharField(default="")  # comma-separated, normalised
    notes = TextField(default="")
    keep_in_touch_months = IntegerField(null=True)
    consent_renewed_at = DateField(null=True)
    anonymised_at = DateTimeField(null=True)
    created_at = DateTimeField(default=_now)
    updated_at = DateTimeField(default=_now)
    linkedin_norm = CharField(default="", index=True)  # migration 0003: duplicates on import
    # Migration 0017: the facts recruiters ask about (domain/facts.py).
    salary_amount = IntegerField(null=True)  # whole units of salary_currency
    salary_currency = CharField(default="EUR")
    salary_period = CharField(default="year")  # year (gross) | day (day rate)
    notice_period = CharField(default="")  # free text: "3 months", "3 mois"
    available_from = DateField(null=True)
    remote_pref = CharField(default="")  # "" | onsite | hybrid | remote
    languages = CharField(default="")  # free text list: "français, anglais"
    cv_ref = CharField(default="")  # a path or an http(s) URL
    # Migration 0019: how the talent entered the pool (domain/legal_basis.py) and since when.
    legal_basis = CharField(default="")  # legitimate_interest | consent | referral | application ("": from the source)
    legal_basis_at = DateField(null=True)  # None: the day the talent was added
    # Migration 0020: kept by triggers (db/talent_keys.py), never written by the services.
    name_key = CharField(default="", index=True)  # the name folded (db/folding.py): the order by name
    last_contact_at = DateTimeField(null=True)  # the latest touchpoint that is a contact (not a note)
    # Migration 0021: kept by triggers (db/stage_lists.py): the stages of the talent's candidacies.
    candidacy_stages = CharField(default="")
    # Migration 0023: who introduced the talent (social referral); ``referred_by`` keeps their name.
    introducer = DeferredForeignKey("Introducer", null=True, on_delete="SET NULL", index=True, backref="introductions")
    # Migration 0026: bumped by a trigger on each change of an edited column (db/row_versions.py).
    version = IntegerField(default=0)


class Candidacy(BaseModel):
    """A talent inside one mission's pipeline."""

    id = AutoField()
    talent = ForeignKeyField(Talent, backref="candidacies", on_delete="CASCADE", index=False)
    mission = ForeignKeyField(Mission, backref="candidacies", on_delete="CASCADE", index=False)
    stage = CharField(default="sourced")  # a configured stage, or declined / rejected
    stage_changed_at = DateTimeField(default=_now)
    # Outreach sequence: none | active | replied | completed | stopped
    sequence_state = CharField(default="none")
    last_step_sent = IntegerField(null=True)  # 0 = first message, k = follow-up k
    first_contact_at = DateTimeField(null=True)
    replied_at = DateTimeField(null=True)
    reply_sentiment = CharField(null=True)  # positive | negative
    decline_reason = CharField(null=True)
    decline_detail = TextField(default="")
    closed_at = DateTimeField(null=True)
    created_at = DateTimeField(default=_now)
    updated_at = DateTimeField(default=_now)
    # Migration 0025: the login of who made it (db/owners.py); NULL: the single user.
    owner = CharField(null=True, default=owner_default)

    class Meta:
        indexes = ((("talent", "mission"), True),)


class Touchpoint(BaseModel):
    """One contact with a talent, and the feedback written right after it."""

    id = AutoField()
    talent = ForeignKeyField(Talent, backref="touchpoints", on_delete="CASCADE", index=False)
    candidacy = ForeignKeyField(
        Candidacy, backref="touchpoints", null=True, on_delete="SET NULL", index=False
    )
    kind = CharField()  # see domain.vocab.TOUCHPOINT_KINDS
    channel = CharField(default="other")
    direction = CharField(default="out")  # out | in
    happened_at = DateTimeField(default=_now)
    step = IntegerField(null=True)  # outreach step: 0 first message, k follow-up k
    summary = TextField(default="")
    # Feedback à chaud
    needs_feedback = BooleanField(default=False)
    feedback_at = DateTimeField(null=True)
    feedback_given = TextField(default="")
    impression = TextField(default="")
    sentiment = CharField(null=True)  # positive | mixed | negative
    next_step = TextField(default="")
    next_step_due = DateField(null=True)
    next_step_time = TimeField(null=True)  # migration 0016: the time announced, if any
    created_at = DateTimeField(default=_now)
    updated_at = DateTimeField(default=_now)
    version = IntegerField(default=0)  # migration 0013: saves of the feedback; 0026: any edit (db/row_versions.py)
    template_key = CharField(default="")  # migration 0018: "step:channel[:mission id]" of the template sent, "" if none
    # Migration 0025: the login of who made it (db/owners.py); NULL: the single user.
    owner = CharField(null=True, default=owner_default)


class Snooze(BaseModel):
    """A talent hidden until a date, and why."""

    id = AutoField()
    talent = ForeignKeyField(Talent, backref="snoozes", on_delete="CASCADE")
    candidacy = ForeignKeyField(
        Candidacy, backref="snoozes", null=True, on_delete="SET NULL"
    )
    since = DateField()
    until = DateField()
    reason = TextField(default="")
    kind = CharField(default="manual")  # manual | no_reply | trial_end | keep_in_touch
    active = BooleanField(default=True)
    woken_at = DateTimeField(null=True)
    created_at = DateTimeField(default=_now)
    # Migration 0025: the login of who made it (db/owners.py); NULL: the single user.
    owner = CharField(null=True, default=owner_default)


class Reminder(BaseModel):
    """Something due on a date: a follow-up, a next step, a wake-up..."""

    id = AutoField()
    talent = ForeignKeyField(Talent, backref="reminders", on_delete="CASCADE")
    candidacy = ForeignKeyField(
        Candidacy, backref="reminders", null=True, on_delete="CASCADE"
    )
    touchpoint = ForeignKeyField(
        Touchpoint, backref="reminders", null=True, on_delete="CASCADE"
    )
    snooze = ForeignKeyField(Snooze, backref="reminders", null=True, on_delete="CASCADE")
    kind = CharField()  # followup | next_step | wake_up | keep_in_touch
    due = DateField()
    due_time = TimeField(null=True)  # migration 0016: a time of day (an interview at 14:30); None: the whole day
    step = IntegerField(null=True)
    detail = TextField(default="")
    status = CharField(default="pending")  # pending | done | skipped | cancelled
    done_at = DateTimeField(null=True)
    created_at = DateTimeField(default=_now)
    # Migration 0012: a follow-up paused by the talent's snooze is due this many
    # days after the wake-up (NULL: not paused).
    paused_days = IntegerField(null=True)
    # migration 0013: who is emailing it right now (services/sending.py)
    claimed_by = CharField(null=True)
    claimed_at = DateTimeField(null=True)
    # Migration 0025: the login of who made it (db/owners.py); NULL: the single user.
    owner = CharField(null=True, default=owner_default)


class Draft(BaseModel):
    """An unsaved feedback, written as it is typed so that a crash loses nothing."""

    id = AutoField()
    touchpoint = ForeignKeyField(
        Touchpoint, backref="drafts", null=True, unique=True, on_delete="CASCADE"
    )
    payload = TextField(default="{}")  # JSON of the form's fields
    updated_at = DateTimeField(default=_now)


class Template(BaseModel):
    """A message template for one outreach step and channel (optionally per mission)."""

    id = AutoField()
    mission = ForeignKeyField(Mission, null=True, on_delete="CASCADE")
    step = IntegerField()
    channel = CharField(default="linkedin")
    subject = CharField(default="")
    body = TextField(default="")
    created_at = DateTimeField(default=_now)
    updated_at = DateTimeField(default=_now)


class ErasureLog(BaseModel):
    """A record that an erasure happened, holding no personal data."""

    id = AutoField()
    erased_at = DateTimeField(default=_now)
    talents = IntegerField(default=1)
    note = CharField(default="")


class GridCriterion(BaseModel):
    """One criterion of a mission's interview grid (migration 0024): scored 1 to 4."""

    id = AutoField()
    mission = ForeignKeyField(Mission, backref="criteria", on_delete="CASCADE", index=False)
    position = IntegerField(default=0)
    name = CharField()
    levels = TextField(default="")  # the descriptions of levels 1 to 4, one a line

    class Meta:
        table_name = "grid_criterion"


class GridScore(BaseModel):
    """One criterion scored in one interview (migration 0024), with its evidence."""

    id = AutoField()
    touchpoint = ForeignKeyField(Touchpoint, backref="scores", on_delete="CASCADE", index=False)
    criterion = ForeignKeyField(GridCriterion, backref="scores", on_delete="CASCADE", index=False)
    score = IntegerField(null=True)  # 1..4, None: evidence only
    evidence = TextField(default="")

    class Meta:
        table_name = "grid_score"


class Introducer(BaseModel):
    """A person who introduces talents (migration 0023): a talent of the pool, an
    employee of the client or a contact."""

    id = AutoField()
    name = CharField(index=True)
    talent = ForeignKeyField(Talent, null=True, on_delete="SET NULL", backref="introducer_records")
    company = CharField(default="")
    channel = CharField(default="")  # a channel of the vocabulary: how they introduce (linkedin, email...)
    created_at = DateTimeField(default=_now)
    updated_at = DateTimeField(default=_now)


class Recognition(BaseModel):
    """A thank-you for one introduction reaching a milestone (migration 0023)."""

    id = AutoField()
    introducer = ForeignKeyField(Introducer, on_delete="CASCADE", backref="recognitions")
    talent = ForeignKeyField(Talent, null=True, on_delete="CASCADE")  # the talent introduced
    touchpoint = ForeignKeyField(Touchpoint, null=True, on_delete="SET NULL")  # on the introducer's timeline, if a talent
    milestone = CharField()  # interview | hired
    note = TextField(default="")
    thanked_at = DateTimeField(default=_now)


class Teammate(BaseModel):
    """A user who writes to this database (migration 0025): their login and the name shown."""

    id = AutoField()
    login = CharField(unique=True)
    name = CharField(default="")
    created_at = DateTimeField(default=_now)


class CandidacyCount(BaseModel):
    """Candidacies per mission and stage, kept by triggers (db/counts.py, SQLite
    only): derived data, not in ALL_MODELS (nor exports)."""

    mission_id = IntegerField()
    stage = CharField()
    n = IntegerField()

    class Meta:
        table_name = "candidacy_count"
        primary_key = CompositeKey("mission_id", "stage")


class TalentInitial(BaseModel):
    """One initial of a talent's name, kept by triggers (db/initials.py; on
    PostgreSQL from migration 0034): derived data, not in ALL_MODELS (nor exports)."""

    letter = CharField()
    talent_id = IntegerField()

    class Meta:
        table_name = "talent_initial"
        primary_key = CompositeKey("letter", "talent_id")


class InitialCount(BaseModel):
    """Candidacies per initial of their talent's name, mission and stage, kept
    by triggers (db/initials.py; on PostgreSQL from migration 0034): derived data."""

    letter = CharField()
    mission_id = IntegerField()
    stage = CharField()
    n = IntegerField()

    class Meta:
        table_name = "initial_count"
        primary_key = CompositeKey("letter", "mission_id", "stage")


ALL_MODELS = [Mission, Talent, Candidacy, Touchpoint, Snooze, Reminder, Draft, Template, ErasureLog, Introducer, Recognition,
              GridCriterion, GridScore, Teammate]
