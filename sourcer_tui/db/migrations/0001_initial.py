"""Initial schema: the whole domain of DESIGN.md and the indexes its views use.

A frozen copy of the models as they were at this version, on purpose
independent of ``sourcer_tui.db.models``.
"""
import datetime

from peewee import *  # noqa: F403


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    now = datetime.datetime.now

    class Mission(Base):
        title = CharField()
        client = CharField(default="")
        status = CharField(default="open")
        notes = TextField(default="")
        followup_delays_days = CharField(null=True)
        snooze_after_days = IntegerField(null=True)
        snooze_months = IntegerField(null=True)
        created_at = DateTimeField(default=now)
        updated_at = DateTimeField(default=now)

    class Talent(Base):
        name = CharField()
        headline = CharField(default="")
        company = CharField(default="")
        email = CharField(default="")
        email_norm = CharField(default="", index=True)
        phone = CharField(default="")
        linkedin_url = CharField(default="")
        location = CharField(default="")
        source = CharField(default="other")
        referred_by = CharField(default="")
        tags = CharField(default="")
        notes = TextField(default="")
        keep_in_touch_months = IntegerField(null=True)
        consent_renewed_at = DateField(null=True)
        anonymised_at = DateTimeField(null=True)
        created_at = DateTimeField(default=now)
        updated_at = DateTimeField(default=now)

    class Candidacy(Base):
        # Covered by the unique (talent, mission) and (mission, stage, …) indexes.
        talent = ForeignKeyField(Talent, on_delete="CASCADE", index=False)
        mission = ForeignKeyField(Mission, on_delete="CASCADE", index=False)
        stage = CharField(default="sourced")
        stage_changed_at = DateTimeField(default=now)
        sequence_state = CharField(default="none")
        last_step_sent = IntegerField(null=True)
        first_contact_at = DateTimeField(null=True)
        replied_at = DateTimeField(null=True)
        reply_sentiment = CharField(null=True)
        decline_reason = CharField(null=True)
        decline_detail = TextField(default="")
        closed_at = DateTimeField(null=True)
        created_at = DateTimeField(default=now)
        updated_at = DateTimeField(default=now)

        class Meta:
            indexes = ((("talent", "mission"), True),)

    class Touchpoint(Base):
        # Covered by the (talent_id, happened_at) and (candidacy_id, happened_at) indexes.
        talent = ForeignKeyField(Talent, on_delete="CASCADE", index=False)
        candidacy = ForeignKeyField(Candidacy, null=True, on_delete="SET NULL", index=False)
        kind = CharField()
        channel = CharField(default="other")
        direction = CharField(default="out")
        happened_at = DateTimeField(default=now)
        step = IntegerField(null=True)
        summary = TextField(default="")
        needs_feedback = BooleanField(default=False)
        feedback_at = DateTimeField(null=True)
        feedback_given = TextField(default="")
        impression = TextField(default="")
        sentiment = CharField(null=True)
        next_step = TextField(default="")
        next_step_due = DateField(null=True)
        created_at = DateTimeField(default=now)
        updated_at = DateTimeField(default=now)

    class Snooze(Base):
        talent = ForeignKeyField(Talent, on_delete="CASCADE")
        candidacy = ForeignKeyField(Candidacy, null=True, on_delete="SET NULL")
        since = DateField()
        until = DateField()
        reason = TextField(default="")
        kind = CharField(default="manual")
        active = BooleanField(default=True)
        woken_at = DateTimeField(null=True)
        created_at = DateTimeField(default=now)

    class Reminder(Base):
        talent = ForeignKeyField(Talent, on_delete="CASCADE")
        candidacy = ForeignKeyField(Candidacy, null=True, on_delete="CASCADE")
        touchpoint = ForeignKeyField(Touchpoint, null=True, on_delete="CASCADE")
        snooze = ForeignKeyField(Snooze, null=True, on_delete="CASCADE")
        kind = CharField()
        due = DateField()
        step = IntegerField(null=True)
        detail = TextField(default="")
        status = CharField(default="pending")
        done_at = DateTimeField(null=True)
        created_at = DateTimeField(default=now)

    class Draft(Base):
        touchpoint = ForeignKeyField(Touchpoint, null=True, unique=True, on_delete="CASCADE")
        payload = TextField(default="{}")
        updated_at = DateTimeField(default=now)

    class Template(Base):
        mission = ForeignKeyField(Mission, null=True, on_delete="CASCADE")
        step = IntegerField()
        channel = CharField(default="linkedin")
        subject = CharField(default="")
        body = TextField(default="")
        created_at = DateTimeField(default=now)
        updated_at = DateTimeField(default=now)

    class ErasureLog(Base):
        erased_at = DateTimeField(default=now)
        talents = IntegerField(default=1)
        note = CharField(default="")

    db.create_tables(
        [Mission, Talent, Candidacy, Touchpoint, Snooze, Reminder, Draft, Template, ErasureLog]
    )
    for sql in (
        # Pipeline: candidacies of a mission (or all) by stage, most recent first.
        "CREATE INDEX candidacy_mission_stage ON candidacy (mission_id, stage, stage_changed_at)",
        "CREATE INDEX candidacy_stage ON candidacy (stage, stage_changed_at)",
        # Talent pool view, ordered by name.
        "CREATE INDEX talent_name ON talent (name)",
        # Today: pending reminders by due date.
        "CREATE INDEX reminder_status_due ON reminder (status, due)",
        # Snoozed: active snoozes, soonest first; the snooze of a talent.
        "CREATE INDEX snooze_active_until ON snooze (active, until)",
        # Talent timeline, newest first; a candidacy's touchpoints.
        "CREATE INDEX touchpoint_talent_time ON touchpoint (talent_id, happened_at)",
        "CREATE INDEX touchpoint_candidacy_time ON touchpoint (candidacy_id, happened_at)",
        # Feedback debt: touchpoints still missing their feedback.
        "CREATE INDEX touchpoint_missing_feedback ON touchpoint (happened_at)"
        " WHERE needs_feedback AND feedback_at IS NULL",
    ):
        db.execute_sql(sql)
