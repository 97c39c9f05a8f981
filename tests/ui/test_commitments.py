"""Nothing a sourcer committed to is hidden: each case of issue 16, replayed with the keys.

Every case was seen on an empty database with real keys; each test fails on
the code before the fix (snoozes hid next steps, keep-in-touch could not be
stopped, a mission's own cadence crashed the app, declines were half-written
or miscounted)."""

from __future__ import annotations

import datetime as dt

import pytest
from textual import events

from sourcer_tui.db.models import Candidacy, Mission, Reminder, Snooze, Talent, Touchpoint
from sourcer_tui.services import missions, panes, pipeline, talents, touchpoints

from ..conftest import NOW
from .helpers import screen_text, settle, type_text, wait_for_text

SIZE = (160, 45)


@pytest.fixture
def zoe(db):
    mission = missions.create_mission({"title": "Data Engineer", "client": "Vélo Cargo"}, NOW)
    talent = talents.create_talent({"name": "Zoé Martin"}, ["other"], NOW)
    return talent, pipeline.add_to_mission(talent, mission, NOW)


async def _select_zoe(pilot) -> None:
    await settle(pilot)
    pane = pilot.app.screen.query_one("#pipeline")
    await pilot.press("home")
    for _ in range(6):
        await pilot.press("down")
        if getattr(pane.list.item, "name", None) == "Zoé Martin":
            return
    raise AssertionError("Zoé is not in the Pipeline")


def _today(day: dt.date):
    return [(r.kind, r.name) for r in panes.fetch_due(day, 0, 100)]


def _active_snoozes(talent):
    return [s.kind for s in Snooze.select().where((Snooze.talent == talent) & (Snooze.active == True))]  # noqa: E712


async def test_case_1_a_reply_wakes_a_kept_in_touch_talent_and_its_next_step_shows(make_app, zoe):
    talent, candidacy = zoe
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _select_zoe(pilot)
        await pilot.press("z", "k")
        await settle(pilot)
        await pilot.press("ctrl+a", "ctrl+k", "4", "ctrl+s")  # every 4 months
        await settle(pilot)
        assert _active_snoozes(talent) == ["keep_in_touch"]
        await pilot.press("l", "y")  # a positive reply: Capture opens for the next step
        await settle(pilot)
        await type_text(pilot, "Keen")
        await pilot.press("tab", "tab")
        await type_text(pilot, "Call with the CTO")
        await pilot.press("tab")
        await type_text(pilot, "+3d")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "next step Thu 2026-11-26" in " ".join(str(n.message) for n in app._notifications)
    assert _active_snoozes(talent) == []  # any reply ends any snooze
    assert _today(dt.date(2026, 11, 26)) == [("next_step", "Zoé Martin")]
    # the keep-in-touch call stays planned, 4 months after the reply
    assert [r.due for r in Reminder.select().where((Reminder.kind == "keep_in_touch") & (Reminder.status == "pending"))] == [dt.date(2027, 3, 23)]


async def test_case_1_keep_in_touch_can_be_stopped_from_z_and_from_w(make_app, zoe):
    talent, _ = zoe
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _select_zoe(pilot)
        await pilot.press("z", "k")
        await settle(pilot)
        await pilot.press("ctrl+s")  # every 6 months (the form's default)
        await settle(pilot)
        # w in Snoozed asks: wake only, or stop keeping in touch
        await pilot.press("4")
        await settle(pilot)
        assert "in touch  Zoé Martin — keep in touch every 6 mon" in screen_text(app)  # with what kind of snooze
        await pilot.press("w")
        await wait_for_text(pilot, "Stop keeping in touch")
        await pilot.press("w")  # wake only
        await settle(pilot)
        assert _active_snoozes(talent) == [] and Talent.get_by_id(talent).keep_in_touch_months == 6
        # z on a kept-in-touch talent offers to stop it
        await pilot.press("1")
        await _select_zoe(pilot)
        await pilot.press("z")
        await wait_for_text(pilot, "Stop keeping in touch (now every 6 months)")
        await pilot.press("s")
        await settle(pilot)
        assert Talent.get_by_id(talent).keep_in_touch_months is None
        assert not Reminder.select().where((Reminder.kind == "keep_in_touch") & (Reminder.status == "pending")).exists()
        # the next contact snoozes nobody
        await pilot.press("l", "e")
        await settle(pilot)
        assert _active_snoozes(talent) == []


async def test_case_1_keep_in_touch_from_the_talent_form(make_app, zoe):
    talent, _ = zoe
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _select_zoe(pilot)
        await pilot.press("e")
        await settle(pilot)
        app.screen.form.set_values({"keep_in_touch_months": "25"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "a number of months, 1 to 24" in screen_text(app)
        app.screen.form.set_values({"keep_in_touch_months": "3"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert Talent.get_by_id(talent).keep_in_touch_months == 3
        assert [r.due for r in Reminder.select().where(Reminder.kind == "keep_in_touch")] == [dt.date(2027, 2, 23)]
        await pilot.press("e")
        await settle(pilot)
        app.screen.form.set_values({"keep_in_touch_months": ""})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert Talent.get_by_id(talent).keep_in_touch_months is None
        assert [r.status for r in Reminder.select().where(Reminder.kind == "keep_in_touch")] == ["cancelled"]


@pytest.mark.parametrize("field", ["snooze_after_days", "snooze_months"])
async def test_case_2_a_missions_own_cadence_saves(make_app, field):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("M")
        await settle(pilot)
        await type_text(pilot, "Data Engineer")
        await pilot.click(f"#field-{field}")
        await type_text(pilot, "10")
        await pilot.click("#field-followup_delays_days")
        await type_text(pilot, "none")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.is_running
        mission = Mission.get()
        assert (mission.title, getattr(mission, field), mission.followup_delays_days) == ("Data Engineer", 10, "")  # "none" kept
        # E shows it back as typed, and saves it again unchanged
        await pilot.press("E")
        await settle(pilot)
        assert app.screen.form.values()[field] == "10" and app.screen.form.values()["followup_delays_days"] == "none"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert (getattr(Mission.get(), field), Mission.get().followup_delays_days) == (10, "")


async def test_case_3_the_snooze_dialog_says_what_it_pauses_and_nothing_comes_back_late(make_app, clock, zoe):
    talent, candidacy = zoe
    touchpoints.log_touchpoint(talent, candidacy, "approach", NOW, make_app().settings)
    call = touchpoints.log_touchpoint(talent, candidacy, "call", NOW, make_app().settings)
    touchpoints.save_feedback(call, {"feedback_given": "ok", "next_step": "Send the brief", "next_step_due": "2026-12-07"}, NOW)
    touchpoints.log_touchpoint(talent, candidacy, "followup", NOW, make_app().settings)  # the call stopped the sequence: a follow-up starts it again
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _select_zoe(pilot)
        await pilot.press("z")
        shown = await wait_for_text(pilot, "pauses 1 follow-up until the wake-up; the next step of Mon")
        assert "7 Dec stays in Today" in shown
        await pilot.press("2")  # 6 months
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert _active_snoozes(talent) == ["manual"]
    assert _today(dt.date(2026, 12, 7)) == [("next_step", "Zoé Martin")]  # never hidden
    # six months later: the wake-up, and the follow-up re-planned from it — never "179d late"
    wake = dt.date(2027, 5, 24)
    later = [(r.kind, r.due) for r in panes.fetch_due(wake + dt.timedelta(days=4), 0, 10)]
    assert later == [("next_step", dt.date(2026, 12, 7)), ("wake_up", wake), ("followup", wake + dt.timedelta(days=4))]  # follow-up 2: 4 days


async def test_case_4_esc_on_the_reason_of_a_no_leaves_everything_as_it_was(make_app, zoe):
    talent, candidacy = zoe
    touchpoints.log_touchpoint(talent, candidacy, "approach", NOW, make_app().settings)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _select_zoe(pilot)
        await pilot.press("l", "x")
        await wait_for_text(pilot, "replied no: why")
        await pilot.press("escape")
        await settle(pilot)
        row = Candidacy.get_by_id(candidacy)
        assert (row.stage, row.decline_reason, row.sequence_state) == ("approached", None, "active")
        assert [t.kind for t in Touchpoint.select()] == ["approach"]  # the reply is not logged either
        assert Reminder.get(Reminder.kind == "followup").status == "pending"
        assert "nothing logged" in " ".join(str(n.message) for n in app._notifications)


async def test_case_4_stats_count_every_no_and_ours_apart(make_app, zoe, db):
    talent, candidacy = zoe
    mission = Candidacy.get_by_id(candidacy).mission_id
    other = pipeline.add_to_mission(talents.create_talent({"name": "Yann"}, ["other"], NOW), mission, NOW)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _select_zoe(pilot)
        await pilot.press("l", "x")  # no first message was ever logged for Zoé
        await settle(pilot)
        app.screen.form.set_values({"reason": "salary"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("escape")  # no snooze offered after the no
        await settle(pilot)
        assert Candidacy.get_by_id(candidacy).stage == "declined"
        touchpoints.close_candidacy(other, "rejected", {"reason": "client said no", "feedback": "not this time"}, app.settings.talent.rejection_reasons, NOW)
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("enter")  # the mission
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        text = await wait_for_text(pilot, "Why we said no (rejected by us)")
        reasons = text[text.index("Reasons for no"):]
        assert "salary" in reasons.split("Why we said no")[0] and "none recorded" not in reasons.split("Why we said no")[0]
        assert "client said no" in reasons.split("Why we said no")[1]


async def test_case_5_a_next_step_counted_in_days_never_lands_on_a_weekend(make_app, clock, zoe):
    clock.current = dt.datetime(2026, 11, 27, 10)  # a Friday
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _select_zoe(pilot)
        await pilot.press("c")
        await settle(pilot)
        await type_text(pilot, "ok")
        await pilot.press("tab", "tab")
        await type_text(pilot, "Send the brief")
        await pilot.press("tab")
        await type_text(pilot, "+2d")
        await settle(pilot)
        assert "Mon 2026-11-30" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert Reminder.get(Reminder.kind == "next_step").due == dt.date(2026, 11, 30)  # Sunday -> Monday, like follow-ups


async def test_case_5_what_another_process_plans_shows_without_ctrl_r(make_app, zoe, db, tmp_path):
    """cron's `sourcer-tui today` snoozed a silent talent: the open app shows it when the
    window gets the focus back (and at its next periodic check)."""
    import subprocess
    import sys

    talent, candidacy = zoe
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Nobody is snoozed." in screen_text(app)
        path = db.database
        code = (
            "import datetime as dt\n"
            "from sourcer_tui.db.database import open_database\n"
            "from sourcer_tui.services import snoozes\n"
            f"open_database({path!r})\n"
            f"snoozes.snooze_talent({talent}, dt.date(2027, 3, 1), 'no reply after 3 follow-ups', dt.datetime(2026, 11, 23, 7), kind='no_reply')\n"
        )
        subprocess.run([sys.executable, "-c", code], check=True)
        await settle(pilot)
        assert "Nobody is snoozed." in screen_text(app)  # nothing read yet
        app.post_message(events.AppFocus())
        await settle(pilot)
        await wait_for_text(pilot, "Snoozed (1)")


async def test_case_5_the_demo_has_no_contact_later_today(tmp_path):
    from sourcer_tui.db.database import open_database
    from sourcer_tui import demo

    db = open_database(tmp_path / "demo.db")
    now = dt.datetime(2026, 11, 23, 9, 5)  # built early in the morning
    demo.build_demo(db, now.date(), now=now)
    assert not Touchpoint.select().where(Touchpoint.happened_at > now).exists()
    assert Touchpoint.select().where(Touchpoint.happened_at >= dt.datetime(2026, 11, 23)).exists()  # today's are kept, earlier
    db.close()


async def test_keys_typed_in_a_burst_after_l_or_z_go_to_its_dialog_not_to_the_row(make_app, zoe):
    """`z d` or `l x` typed fast on a Today follow-up: the second key is the dialog's
    (until a date / a no), never Today's own d (marked sent) or x (skipped)."""
    from .helpers import burst

    talent, candidacy = zoe
    followup = Reminder.create(talent=talent, candidacy=candidacy, kind="followup", step=1, due=NOW.date(), detail="Follow-up 1/3")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        burst(app, "z", "d")
        await settle(pilot)
        await wait_for_text(pilot, "Until *")
        assert Reminder.get_by_id(followup.id).status == "pending" and not Touchpoint.select().exists()
        await pilot.press("escape")
        await settle(pilot)
        burst(app, "l", "x")
        await settle(pilot)
        await wait_for_text(pilot, "replied no: why")
        assert Reminder.get_by_id(followup.id).status == "pending"


async def test_a_key_typed_right_after_a_pane_number_is_that_panes(make_app, zoe):
    """`2 z` in a burst: z snoozes Today's row, not the Pipeline's (its cursor on a
    header said "Select a talent first.")."""
    from .helpers import burst

    talent, candidacy = zoe
    Reminder.create(talent=talent, candidacy=candidacy, kind="followup", step=1, due=NOW.date(), detail="Follow-up 1/3")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, "2", "z")
        await settle(pilot)
        await wait_for_text(pilot, "Snooze Zoé Martin")
