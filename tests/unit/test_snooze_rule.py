"""Where snoozes meet the rest: keep-in-touch, replies, follow-ups, next steps (issue 16).

Exact dates over a real database file; each case was seen with real keys."""

from __future__ import annotations

import datetime as dt

import peewee
from playhouse import migrations

from sourcer_tui.config import Settings
from sourcer_tui.db.database import MIGRATIONS_DIR, open_database
from sourcer_tui.db.models import Candidacy, Reminder, Snooze, Talent
from sourcer_tui.services import missions, panes, pipeline, reminders, snoozes, talents, touchpoints

SETTINGS = Settings()
MON = dt.datetime(2026, 11, 23, 9, 0)


def _talent(name="Zoé", mission="Backend"):
    mission_id = missions.create_mission({"title": mission}, MON)
    talent = talents.create_talent({"name": name}, ["other"], MON)
    return talent, pipeline.add_to_mission(talent, mission_id, MON)


def _pending(talent, kind):
    return [r.due for r in Reminder.select().where((Reminder.talent == talent) & (Reminder.kind == kind) & (Reminder.status == "pending"))]


def _active(talent):
    return [s.kind for s in Snooze.select().where((Snooze.talent == talent) & (Snooze.active == True))]  # noqa: E712


def _today(day):
    return [(r.kind, r.name) for r in panes.fetch_due(day, 0, 100)]


def test_a_positive_reply_ends_keep_in_touch_and_its_next_step_shows_on_its_date(db):
    """Case 1: z k 4, then l y with a next step +3d: the next step is in Today on its date."""
    talent, cid = _talent()
    snoozes.keep_in_touch(talent, 4, MON, skip_weekends=True)
    assert _active(talent) == ["keep_in_touch"]
    now = dt.datetime(2026, 12, 1, 10)
    reply = touchpoints.log_touchpoint(talent, cid, "reply_positive", now, SETTINGS)
    touchpoints.save_feedback(reply, {"feedback_given": "great", "next_step": "call with the CTO", "next_step_due": "+3d"}, now)
    assert _active(talent) == []  # any reply ends any snooze, keep-in-touch included
    assert _today(dt.date(2026, 12, 4)) == [("next_step", "Zoé")]
    # keep-in-touch goes on: the next call is 4 months after that reply, not hiding them
    assert _pending(talent, "keep_in_touch") == [dt.date(2027, 4, 1)]
    # and a later contact of yours moves the call without snoozing them again
    touchpoints.log_touchpoint(talent, cid, "call", dt.datetime(2026, 12, 4, 15), SETTINGS)
    assert _active(talent) == [] and _pending(talent, "keep_in_touch") == [dt.date(2027, 4, 5)]  # Apr 4 is a Sunday


def test_waking_a_keep_in_touch_snooze_lasts_past_the_next_contact(db):
    talent, cid = _talent()
    snooze = snoozes.keep_in_touch(talent, 4, MON, skip_weekends=True)
    snoozes.wake(snooze, dt.datetime(2026, 11, 24, 9))
    touchpoints.log_touchpoint(talent, cid, "call", dt.datetime(2026, 11, 25, 9), SETTINGS)
    assert _active(talent) == []
    assert _pending(talent, "keep_in_touch") == [dt.date(2027, 3, 25)]


def test_stopping_keep_in_touch_ends_the_setting_the_call_and_the_snooze(db):
    talent, cid = _talent()
    snoozes.keep_in_touch(talent, 4, MON, skip_weekends=True)
    assert snoozes.stop_keep_in_touch(talent, dt.datetime(2026, 11, 24, 9)) is True
    assert Talent.get_by_id(talent).keep_in_touch_months is None
    assert _active(talent) == [] and _pending(talent, "keep_in_touch") == []
    touchpoints.log_touchpoint(talent, cid, "call", dt.datetime(2026, 11, 25, 9), SETTINGS)
    assert _active(talent) == [] and _pending(talent, "keep_in_touch") == []
    assert snoozes.stop_keep_in_touch(talent, dt.datetime(2026, 11, 25, 10)) is False


def test_the_talent_form_setting_plans_one_call_without_snoozing(db):
    talent, cid = _talent()
    touchpoints.log_touchpoint(talent, cid, "call", dt.datetime(2026, 11, 20, 9), SETTINGS)
    snoozes.set_keep_in_touch(talent, 3, MON, skip_weekends=True)
    assert _active(talent) == [] and _pending(talent, "keep_in_touch") == [dt.date(2027, 2, 22)]  # Feb 20 is a Saturday
    snoozes.set_keep_in_touch(talent, 6, MON, skip_weekends=True)
    assert _pending(talent, "keep_in_touch") == [dt.date(2027, 5, 20)]
    snoozes.set_keep_in_touch(talent, None, MON, skip_weekends=True)
    assert _pending(talent, "keep_in_touch") == [] and Talent.get_by_id(talent).keep_in_touch_months is None


def test_a_skipped_call_plans_the_next_one_from_today(db):
    talent, _ = _talent()
    snoozes.set_keep_in_touch(talent, 2, MON, skip_weekends=True)
    call = Reminder.get(Reminder.kind == "keep_in_touch")
    reminders.skip(call.id, dt.datetime(2027, 1, 27, 9), SETTINGS)
    assert _pending(talent, "keep_in_touch") == [dt.date(2027, 3, 29)]  # Mar 27 is a Saturday


def test_one_keep_in_touch_call_per_talent_whatever_the_order(db):
    """The demo's old call left pending beside the new one (the same talent twice in Today)."""
    talent, cid = _talent()
    Talent.update(keep_in_touch_months=4).where(Talent.id == talent).execute()
    Reminder.create(talent=talent, kind="keep_in_touch", due=dt.date(2026, 11, 20), detail="old call", status="pending")
    touchpoints.log_touchpoint(talent, cid, "call", MON, SETTINGS)  # d on it in Today logs a contact
    assert _pending(talent, "keep_in_touch") == [dt.date(2027, 3, 23)]
    snoozes.keep_in_touch(talent, 4, MON, skip_weekends=True)
    assert _pending(talent, "keep_in_touch") == [dt.date(2027, 3, 23)]


def test_a_reply_stops_the_followups_of_every_mission(db):
    talent, first = _talent()
    second = pipeline.add_to_mission(talent, missions.create_mission({"title": "Data"}, MON), MON)
    touchpoints.log_touchpoint(talent, first, "approach", MON, SETTINGS)
    touchpoints.log_touchpoint(talent, second, "approach", MON, SETTINGS)
    assert len(_pending(talent, "followup")) == 2
    touchpoints.log_touchpoint(talent, first, "reply_positive", dt.datetime(2026, 11, 24, 9), SETTINGS)
    assert _pending(talent, "followup") == []
    # the other mission's sequence resumes with the next message you send in it
    touchpoints.log_touchpoint(talent, second, "followup", dt.datetime(2026, 11, 30, 9), SETTINGS)
    assert _pending(talent, "followup") == [dt.date(2026, 12, 4)]


def test_a_followup_planned_while_snoozed_waits_for_the_wake_up(db):
    talent, cid = _talent()
    snoozes.snooze_talent(talent, dt.date(2027, 2, 1), "busy", MON)
    touchpoints.log_touchpoint(talent, cid, "approach", dt.datetime(2026, 11, 24, 9), SETTINGS)
    assert _pending(talent, "followup") == [dt.date(2027, 2, 3)]  # Nov 26 was 2 days away
    assert Candidacy.get_by_id(cid).sequence_state == "active"


def test_rescheduling_a_paused_followup_keeps_the_date_chosen(db):
    talent, cid = _talent()
    touchpoints.log_touchpoint(talent, cid, "approach", MON, SETTINGS)
    snooze = snoozes.snooze_talent(talent, dt.date(2027, 2, 1), "busy", MON)
    followup = Reminder.get(Reminder.kind == "followup")
    reminders.reschedule(followup.id, dt.date(2027, 1, 4))
    snoozes.wake(snooze, dt.datetime(2026, 12, 1, 9))
    assert _pending(talent, "followup") == [dt.date(2027, 1, 4)]


def test_migration_0012_pauses_what_old_snoozes_hid(tmp_path):
    path = tmp_path / "old.db"
    old = peewee.SqliteDatabase(str(path), pragmas={"foreign_keys": 1})
    runner = migrations.Runner(old, str(MIGRATIONS_DIR))
    runner.up(target="0011_name_initials")
    old.execute_sql("INSERT INTO talent (id, name, headline, company, email, email_norm, phone, linkedin_url, location, source, referred_by, tags, notes, "
                    "keep_in_touch_months, created_at, updated_at, linkedin_norm) VALUES (1, 'Zoé', '', '', '', '', '', '', '', 'other', '', '', '', 4, "
                    "'2026-01-01 09:00:00', '2026-01-01 09:00:00', '')")
    old.execute_sql("INSERT INTO snooze (id, talent_id, since, until, reason, kind, active, created_at) VALUES "
                    "(1, 1, '2026-06-01', '2026-09-01', 'old', 'keep_in_touch', 0, '2026-06-01 09:00:00'), "
                    "(2, 1, '2026-11-01', '2027-03-01', 'kit', 'keep_in_touch', 1, '2026-11-01 09:00:00')")
    rows = [("followup", "2026-11-04", None), ("next_step", "2026-11-10", None), ("keep_in_touch", "2026-09-01", 1),
            ("keep_in_touch", "2027-03-01", 2), ("keep_in_touch", "2026-10-01", None)]
    for kind, due, snooze in rows:
        old.execute_sql("INSERT INTO reminder (talent_id, snooze_id, kind, due, detail, status, created_at) VALUES (1, ?, ?, ?, '', 'pending', '2026-01-01 09:00:00')",
                        (snooze, kind, due))
    old.close()
    db = open_database(path)
    pending = {(r.kind, r.due, r.paused_days) for r in Reminder.select().where(Reminder.status == "pending")}
    assert pending == {
        ("followup", dt.date(2027, 3, 4), 3),  # three days were left to wait when the snooze began
        ("next_step", dt.date(2026, 11, 10), None),  # never hidden, never moved
        ("keep_in_touch", dt.date(2027, 3, 1), None),  # the active snooze's call, and only it
    }
    db.close()


def test_the_longest_snooze_is_allowed_on_every_day_of_four_years(db):
    """24 months from a Wednesday crosses a Feb 29 and lands on a Saturday: 733 days,
    once refused by a 732-day limit (every Wednesday for two years)."""
    from sourcer_tui.domain.cadence import latest_snooze_end, snooze_until

    start = dt.date(2026, 1, 1)
    for offset in range(4 * 366):
        day = start + dt.timedelta(days=offset)
        for months in (1, 12, 24):
            assert snooze_until(day, months, True) <= latest_snooze_end(day)
    assert latest_snooze_end(dt.date(2026, 12, 2)) == dt.date(2028, 12, 4)
    talent, _ = _talent()
    wednesday = dt.datetime(2026, 12, 2, 9)
    snoozes.snooze_talent(talent, snooze_until(wednesday.date(), 24, True), "", wednesday)
    assert _pending(talent, "wake_up") == [dt.date(2028, 12, 4)]
    snoozes.keep_in_touch(talent, 24, wednesday, skip_weekends=True)
    assert _active(talent) == ["keep_in_touch"] and _pending(talent, "keep_in_touch") == [dt.date(2028, 12, 4)]


def test_a_contact_corrected_into_a_reply_acts_as_a_reply(db):
    """A message logged as a call, then corrected (talent screen, e) into the reply it was:
    the follow-ups stop, the snooze ends and its cadence is gone, the candidacy counts as replied."""
    talent, cid = _talent()
    touchpoints.log_touchpoint(talent, cid, "approach", MON, SETTINGS)
    assert _pending(talent, "followup") != []
    call = touchpoints.log_touchpoint(talent, cid, "call", dt.datetime(2026, 11, 24, 9), SETTINGS)
    snoozes.snooze_talent(talent, dt.date(2027, 2, 1), "busy", dt.datetime(2026, 11, 24, 10))
    when = dt.datetime(2026, 11, 24, 9)
    touchpoints.update_touchpoint(call, kind="reply_positive", channel="email", happened_at=when, summary="yes!",
                                  now=dt.datetime(2026, 11, 25, 9))
    assert _active(talent) == [] and _pending(talent, "wake_up") == []
    assert _pending(talent, "followup") == [] and _pending(talent, "auto_snooze") == []
    candidacy = Candidacy.get_by_id(cid)
    assert (candidacy.sequence_state, candidacy.replied_at, candidacy.reply_sentiment) == ("replied", when, "positive")
    # correcting it again (still a reply) changes nothing more
    touchpoints.update_touchpoint(call, kind="reply_negative", channel="email", happened_at=when, summary="no",
                                  now=dt.datetime(2026, 11, 26, 9))
    assert Candidacy.get_by_id(cid).reply_sentiment == "positive"


def test_a_snooze_end_moved_to_the_calendars_end_does_not_stop_the_app(db):
    """A wake-up rescheduled as far as a date can be written moves the follow-ups its
    snooze pauses past it: the calendar's last day at the latest, never an overflow."""
    talent, cid = _talent()
    touchpoints.log_touchpoint(talent, cid, "approach", MON, SETTINGS)
    snoozes.snooze_talent(talent, dt.date(2027, 2, 1), "busy", MON)
    [wake_up] = Reminder.select().where((Reminder.kind == "wake_up") & (Reminder.status == "pending"))
    reminders.reschedule(wake_up.id, dt.date(9999, 12, 31))
    assert _pending(talent, "followup") == [dt.date.max]
    assert Snooze.get(Snooze.active == True).until == dt.date(9999, 12, 31)  # noqa: E712


def test_a_bulk_snooze_wakes_on_the_monday_a_single_one_does(db):
    """+3 months from Mon 2026-12-07 is Sun 2027-03-07: the single snooze's length (z 1),
    its "until a date" (3m) and the bulk form's suggested +3m all wake on Mon 2027-03-08,
    through the services; a day typed (07/03/2027) is kept, and without skip_weekends
    the Sunday stays."""
    from sourcer_tui.modals.bulk_forms import bulk_snooze_form
    from sourcer_tui.modals.snooze_forms import snooze_details
    from sourcer_tui.services import bulk

    now = dt.datetime(2026, 12, 7, 9)
    today = now.date()
    single, by_date, typed, in_bulk, other, unshifted = (talents.create_talent({"name": n}, ["other"], now)
                                                         for n in ("Ana", "Bea", "Cid", "Dan", "Eva", "Flo"))
    length, _ = snooze_details(("months", 3), "Ana", today, True).validate({"reason": ""})
    snoozes.snooze_talent(single, length["until"], "", now, skip_weekends=True)
    until, _ = snooze_details(("date", None), "Bea", today, True).validate({"until": "3m", "reason": ""})
    snoozes.snooze_talent(by_date, until["until"], "", now, skip_weekends=True)
    day, _ = snooze_details(("date", None), "Cid", today, True).validate({"until": "07/03/2027", "reason": ""})
    snoozes.snooze_talent(typed, day["until"], "", now, skip_weekends=True)
    data, errors = bulk_snooze_form("Snooze 2 talents", today, True).validate({"until": "+3m", "reason": "later"})
    assert errors == {}
    assert bulk.snooze([in_bulk, other], data["until"], data["reason"], now, skip_weekends=True) == 2
    data, _ = bulk_snooze_form("Snooze 1 talent", today, False).validate({"until": "+3m", "reason": ""})
    bulk.snooze([unshifted], data["until"], "", now, skip_weekends=False)
    monday, sunday = dt.date(2027, 3, 8), dt.date(2027, 3, 7)
    wake_ups = {t: (_pending(t, "wake_up"), Snooze.get((Snooze.talent == t) & (Snooze.active == True)).until)  # noqa: E712
                for t in (single, by_date, typed, in_bulk, other, unshifted)}
    assert wake_ups == {single: ([monday], monday), by_date: ([monday], monday), typed: ([sunday], sunday),
                        in_bulk: ([monday], monday), other: ([monday], monday), unshifted: ([sunday], sunday)}
