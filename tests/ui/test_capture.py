"""Logging contacts and writing the feedback à chaud, with the keys alone."""

from __future__ import annotations

import datetime as dt

import pytest

from sourcer_tui.db.models import Candidacy, Draft, Reminder, Touchpoint
from sourcer_tui.services import missions, pipeline, talents

from ..conftest import NOW
from .helpers import burst, screen_text, settle, type_text, wait_for_text

SIZE = (160, 45)


@pytest.fixture
def zoe(db):
    """A mission with Zoé at 'sourced', and one older call still owing feedback."""
    mission = missions.create_mission({"title": "Data Engineer", "client": "Vélo Cargo"}, NOW)
    talent = talents.create_talent({"name": "Zoé Martin", "email": "zoe@example.org"}, ["other"], NOW)
    candidacy = pipeline.add_to_mission(talent, mission, NOW)
    other = talents.create_talent({"name": "Ada Owed"}, ["other"], NOW)
    Touchpoint.create(talent=other, kind="call", needs_feedback=True, happened_at=NOW - dt.timedelta(days=1))
    return talent, candidacy


async def _select_zoe(pilot) -> None:
    await settle(pilot)
    # the cursor starts on the first talent, not on the "Sourced" header
    assert pilot.app.screen.query_one("#pipeline").list.item.name == "Zoé Martin"


async def test_call_then_feedback_then_next_step_in_today(make_app, clock, zoe):
    talent, candidacy = zoe
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _select_zoe(pilot)
        assert "2 feedback owed" not in screen_text(app) and "1 feedback owed" in screen_text(app)

        await pilot.press("c")  # log a call: Capture opens by itself
        await settle(pilot)
        call = Touchpoint.get(Touchpoint.talent == talent, Touchpoint.kind == "call")
        assert (call.candidacy_id, call.channel, call.happened_at, call.feedback_at) == (candidacy, "phone", NOW, None)
        assert app.focused.id == "field-feedback_given"  # cursor already in the first field
        assert "2 feedback owed" in screen_text(app)

        await type_text(pilot, "Told her the team loves [b]Spark[/b]")
        await pilot.press("tab")
        await type_text(pilot, "Sharp, curious")
        await pilot.press("tab")
        await type_text(pilot, "Call with the CTO")
        await pilot.press("tab")
        await type_text(pilot, "+2d")
        await settle(pilot)
        assert "Wed 2026-11-25 (in 2 days)" in screen_text(app)  # the parsed date, shown as typed
        await pilot.press("ctrl+s")
        await settle(pilot)

        call = Touchpoint.get_by_id(call.id)
        assert call.feedback_given == "Told her the team loves [b]Spark[/b]"
        assert (call.impression, call.next_step, call.next_step_due) == ("Sharp, curious", "Call with the CTO", dt.date(2026, 11, 25))
        assert call.feedback_at == NOW
        reminder = Reminder.get(Reminder.touchpoint == call.id)
        assert (reminder.kind, reminder.due, reminder.status, reminder.detail) == ("next_step", dt.date(2026, 11, 25), "pending", "Call with the CTO")
        assert Draft.select().count() == 0
        text = screen_text(app)
        assert "1 feedback owed" in text  # the debt dropped back
        assert "Call with the CTO" not in text  # not due yet
        assert app.focused is app.screen.query_one("#pipeline-list")  # back where we were

    # two days later, the next step is in Today
    clock.current = NOW + dt.timedelta(days=2)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        today = app.screen.query_one("#today")
        rows = [today.list.rows.get(i) for i in range(today.list.rows.total)]
        assert [(r.kind, r.due, r.name) for r in rows] == [
            ("missing_feedback", dt.date(2026, 11, 22), "Ada Owed"),  # overdue first
            ("next_step", dt.date(2026, 11, 25), "Zoé Martin"),
        ]
        assert "today    Next step      Zoé Martin — Data Engineer · Call wi" in screen_text(app)
        assert "Today (2 · 1 overdue)" in screen_text(app)
        # done from there
        await pilot.press("2", "down", "d")
        await settle(pilot)
        assert Reminder.get_by_id(reminder.id).status == "done"
        assert "Today (1 · 1 overdue)" in screen_text(app)


async def test_bad_next_step_date_is_flagged_and_nothing_saved(make_app, zoe):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _select_zoe(pilot)
        await pilot.press("c")
        await settle(pilot)
        await type_text(pilot, "Good call")
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "next blursday")
        await settle(pilot)
        assert "can't read" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        call = Touchpoint.get(Touchpoint.kind == "call", Touchpoint.talent == zoe[0])
        assert call.feedback_at is None and call.feedback_given == ""
        assert Reminder.select().where(Reminder.touchpoint == call.id).count() == 0
        assert app.screen.query_one("#field-feedback_given").text == "Good call"  # nothing typed is lost
        # fix the date: saves
        date_input = app.screen.query_one("#field-next_step_due")
        date_input.value = ""
        await pilot.click("#field-next_step_due")
        await type_text(pilot, "fri")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "say what the next step is" in screen_text(app)  # a date needs its next step
        assert app.focused.id == "field-next_step"  # the cursor goes to the field to fix
        await type_text(pilot, "Send the offer details")
        await pilot.press("ctrl+s")
        await settle(pilot)
        call = Touchpoint.get_by_id(call.id)
        assert (call.feedback_given, call.next_step_due) == ("Good call", dt.date(2026, 11, 27))


async def test_escape_keeps_or_discards_the_draft(make_app, zoe):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _select_zoe(pilot)
        await pilot.press("c")
        await settle(pilot)
        await type_text(pilot, "half a thought")
        await pilot.press("escape")
        await settle(pilot)
        assert "Keep a draft" in screen_text(app)
        await pilot.press("k")
        await settle(pilot)
        call = Touchpoint.get(Touchpoint.kind == "call", Touchpoint.talent == zoe[0])
        assert '"half a thought"' in Draft.get(Draft.touchpoint == call.id).payload
        assert call.feedback_at is None
        # resume it from the Capture pane: the draft comes back
        await pilot.press("3")
        capture = app.screen.query_one("#capture")
        rows = [capture.list.rows.get(i) for i in range(capture.list.rows.total)]
        await pilot.press(*["down"] * [r.touchpoint_id for r in rows].index(call.id), "enter")
        await settle(pilot)
        assert app.screen.query_one("#field-feedback_given").text == "half a thought"
        await pilot.press("escape", "d")
        await settle(pilot)
        assert Draft.select().count() == 0


async def test_a_draft_from_last_time_is_offered_over_the_main_screen(make_app, zoe):
    """The question comes over the panes it is about, dimmed, not over a blank screen."""
    from sourcer_tui.services import touchpoints

    owed = Touchpoint.get(Touchpoint.kind == "call")
    touchpoints.save_draft(owed.id, {"feedback_given": "half a thought"}, NOW)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        shown = await wait_for_text(pilot, "Unsaved feedback from last time: Call with Ada Owed")
        assert "Pipeline" in shown and "Zoé Martin" in shown  # the main screen shows through
        assert app.screen.styles.background.a < 1
        await pilot.press("r")
        await settle(pilot)
        assert app.screen.query_one("#field-feedback_given").text == "half a thought"


async def test_ctrl_s_right_after_fast_typing_saves_every_character(make_app, zoe):
    """Keys a terminal delivers in one burst (a fast typist, a busy moment):
    ctrl+s waits for the characters typed before it (a priority binding ran
    before them and saved a truncated feedback)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _select_zoe(pilot)
        await pilot.press("c")
        await settle(pilot)
        typed = "Gave feedback: strong Spark, été"
        burst(app, *typed, "ctrl+s")
        await settle(pilot)
    call = Touchpoint.get(Touchpoint.kind == "call", Touchpoint.talent == zoe[0])
    assert call.feedback_given == typed and call.feedback_at is not None


async def test_keys_typed_right_after_tab_go_to_the_next_field(make_app, zoe):
    """One burst: text, tab, text, tab, text — each field gets its own (the
    focus moved only after the first field had taken every key of the burst)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _select_zoe(pilot)
        await pilot.press("c")
        await settle(pilot)
        burst(app, *"Told her", "tab", *"Sharp", "tab", *"Call the CTO", "shift+tab", "!")
        await settle(pilot)
        fields = {name: app.screen.query_one(f"#field-{name}") for name in ("feedback_given", "impression", "next_step")}
        assert (fields["feedback_given"].text, fields["impression"].text, fields["next_step"].value) == ("Told her", "Sharp!", "Call the CTO")


async def test_next_feedback_key_opens_the_newest_owed(make_app, zoe):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        assert "Call with Ada Owed" in screen_text(app)


async def test_log_menu_first_message_moves_stage_without_capture(make_app, zoe):
    talent, candidacy = zoe
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _select_zoe(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert "First message" in screen_text(app)
        await pilot.press("o")
        await settle(pilot)
        touchpoint = Touchpoint.get(Touchpoint.talent == talent, Touchpoint.kind == "approach")
        assert (touchpoint.step, touchpoint.channel, touchpoint.needs_feedback) == (0, "linkedin", False)
        row = Candidacy.get_by_id(candidacy)
        assert (row.stage, row.last_step_sent, row.sequence_state, row.first_contact_at) == ("approached", 0, "active", NOW)
        assert app.screen.query_one("#capture").form is None  # no feedback owed for a message
        assert "Logged: First message — Zoé Martin" in screen_text(app)


async def test_log_with_details_records_a_past_contact(make_app, zoe):
    talent, _ = zoe
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _select_zoe(pilot)
        await pilot.press("L")
        await settle(pilot)
        form = app.screen.form
        form.set_values({"kind": "interview", "channel": "in_person"})
        await pilot.click("#field-when")
        app.screen.query_one("#field-when").value = ""
        await type_text(pilot, "yesterday 14:30")
        await pilot.press("ctrl+s")
        await settle(pilot)
        interview = Touchpoint.get(Touchpoint.talent == talent, Touchpoint.kind == "interview")
        assert (interview.channel, interview.happened_at) == ("in_person", dt.datetime(2026, 11, 22, 14, 30))
        assert Candidacy.get(Candidacy.talent == talent).stage == "interviewing"
        assert app.focused.id == "field-feedback_given"  # an interview owes feedback


async def _refused_rejection(pilot) -> None:
    """Zoé's candidacy to "rejected" (``s``), the form saved empty: refused."""
    await _select_zoe(pilot)
    await pilot.press("s")
    await type_text(pilot, "rejected")
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("ctrl+s")
    await settle(pilot)


async def test_rejecting_asks_reason_and_feedback(make_app, zoe):
    talent, candidacy = zoe
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _refused_rejection(pilot)
        text = screen_text(app)
        assert "pick a reason" in text and "nobody is turned down without an explanation" in text
        assert Candidacy.get_by_id(candidacy).stage == "sourced"
        # our own reasons, not the talent's ("not looking" is theirs)
        assert "skills" in screen_text(app) or app.screen.form.query_one("#field-reason")  # the select holds [talent] rejection_reasons
        app.screen.form.set_values({"reason": "experience"})
        await settle(pilot)  # its error goes: the fields below move up a line
        await pilot.click("#field-detail")
        await type_text(pilot, "needs more Go")
        await pilot.press("tab")
        await type_text(pilot, "Great Python, but the team needs deep Go now")
        await pilot.press("ctrl+s")
        await settle(pilot)
        row = Candidacy.get_by_id(candidacy)
        assert (row.stage, row.decline_reason, row.decline_detail, row.closed_at) == ("rejected", "experience", "needs more Go", NOW)
        entry = Touchpoint.get(Touchpoint.candidacy == candidacy, Touchpoint.kind == "rejection")
        assert entry.feedback_given == "Great Python, but the team needs deep Go now"
        assert entry.summary == "Rejected by us — reason: experience (needs more Go)"
        # shown in the timeline
        await pilot.press("right", "right", "right", "right", "right", "right", "right", "right", "right", "down", "enter")
        await settle(pilot)
        assert "Rejected by us — reason: experience" in screen_text(app) or "Great Python" in screen_text(app)


async def test_an_error_goes_once_its_field_is_changed(make_app, zoe):
    """The closing form refused a save: picking a reason takes 'pick a reason'
    away at once, the feedback's error stays until the feedback is typed."""
    _talent, candidacy = zoe
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _refused_rejection(pilot)
        assert "pick a reason" in screen_text(app) and "nobody is turned down" in screen_text(app)
        await pilot.press("enter", "down", "enter")  # the reason's list (focused: the first field found wrong), its first reason
        await settle(pilot)
        assert app.screen.form.values()["reason"]
        assert "pick a reason" not in screen_text(app) and "nobody is turned down" in screen_text(app)
        await pilot.click("#field-feedback")
        await type_text(pilot, "Told her why")
        await settle(pilot)
        assert "nobody is turned down" not in screen_text(app)
    assert Candidacy.get_by_id(candidacy).stage == "sourced"  # nothing saved meanwhile


async def test_negative_reply_asks_why_and_stores_it_on_the_reply(make_app, zoe):
    talent, candidacy = zoe
    Reminder.create(talent=talent, candidacy=candidacy, kind="followup", step=1, due=NOW.date() + dt.timedelta(days=2))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _select_zoe(pilot)
        await pilot.press("l", "x")  # reply: not interested
        await settle(pilot)
        assert "replied no: why" in screen_text(app)
        assert not Touchpoint.select().where(Touchpoint.candidacy == candidacy).exists()  # nothing yet: whole or not at all
        app.screen.form.set_values({"reason": "salary"})
        await pilot.click("#field-feedback")
        await type_text(pilot, "Thanked her; will keep in touch")
        await pilot.press("ctrl+s")
        await settle(pilot)
        row = Candidacy.get_by_id(candidacy)
        assert (row.stage, row.decline_reason, row.reply_sentiment, row.sequence_state) == ("declined", "salary", "negative", "replied")
        replies = list(Touchpoint.select().where(Touchpoint.candidacy == candidacy))
        assert [(t.kind, t.feedback_given, t.summary) for t in replies] == [
            ("reply_negative", "Thanked her; will keep in touch", "Declined by talent — reason: salary")
        ]
        # the reply stopped the sequence: the planned follow-up is cancelled
        assert Reminder.get(Reminder.kind == "followup").status == "cancelled"


async def test_timeline_edit_and_delete_with_confirmation(make_app, zoe):
    from sourcer_tui.screens.talent_detail import TalentDetailScreen

    talent, candidacy = zoe
    Touchpoint.create(talent=talent, candidacy=candidacy, kind="approach", step=0, channel="linkedin", happened_at=NOW - dt.timedelta(days=3), summary="Hello [b]Zoé[/b]")
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _select_zoe(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TalentDetailScreen)
        assert "Hello [b]Zoé[/b]" in screen_text(app)
        await pilot.press("t")
        await settle(pilot)
        app.screen.form.set_values({"channel": "email"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert Touchpoint.get(Touchpoint.kind == "approach").channel == "email"
        await pilot.press("delete")
        await settle(pilot)
        await wait_for_text(pilot, "cannot be undone")
        await pilot.press("escape")  # no
        await settle(pilot)
        assert Touchpoint.select().where(Touchpoint.talent == talent).count() == 1
        await pilot.press("delete", "y")
        await settle(pilot)
        assert Touchpoint.select().where(Touchpoint.talent == talent).count() == 0
        assert "Timeline (0)" in screen_text(app)


async def test_one_form_serves_every_contact_without_mixing_them(make_app, zoe):
    """The pane keeps one form and refills it: another contact's text, errors or
    undo history never show through, and each keeps its own draft."""
    talent, candidacy = zoe
    owed = Touchpoint.get(Touchpoint.feedback_at.is_null() & (Touchpoint.talent != talent))
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _select_zoe(pilot)
        await pilot.press("c")  # a call with Zoé: the form opens
        await settle(pilot)
        main = app.screen
        form = main.capture.form
        zoe_call = form.touchpoint.id
        await type_text(pilot, "liked the team")
        await pilot.press("tab", "tab", "tab")  # to the next step date
        await type_text(pilot, "someday")
        await pilot.press("ctrl+s")  # refused: the date is flagged
        await settle(pilot)
        assert "Not saved" in screen_text(app)
        await main.capture.open_capture(owed.id)  # Ada's call: Zoé's text is kept as a draft
        await settle(pilot)
        assert main.capture.form is form and form.touchpoint.id == owed.id
        values = form.fields.values()
        assert values["feedback_given"] == "" and values["next_step_due"] == ""
        assert "someday" not in screen_text(app) and "Ada Owed" in screen_text(app)
        await pilot.press("ctrl+z")  # nothing of Zoé's to undo into
        assert form.fields.values()["feedback_given"] == ""
        assert Draft.get(Draft.touchpoint == zoe_call)  # Zoé's text waits as a draft
        await type_text(pilot, "ok for Tuesday")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert main.capture.form is None
        assert Touchpoint.get_by_id(owed.id).feedback_given == "ok for Tuesday"
        await main.capture.open_capture(zoe_call)  # back to Zoé: her draft, not Ada's text
        await settle(pilot)
        assert main.capture.form.fields.values()["feedback_given"] == "liked the team"


async def test_a_field_left_when_the_form_closed_looks_blurred_when_it_opens_again(make_app, zoe):
    """Closing the sheet leaves the focused field's restyle for when the form is
    shown again (form_fields.FieldTextArea): then it looks like any field without the focus."""
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _select_zoe(pilot)
        await pilot.press("c")
        await settle(pilot)
        form = app.screen.capture.form
        impression = form.query_one("#field-impression")
        blurred = impression.styles.border_top
        await pilot.press("tab")  # to the private impression
        await settle(pilot)
        assert impression.has_focus and impression.styles.border_top != blurred
        await type_text(pilot, "sharp")
        await pilot.press("ctrl+s")  # saved from the impression field: the sheet goes
        await settle(pilot)
        assert app.screen.capture.form is None
        await pilot.press("c")  # another call: the same form, the first field focused
        await settle(pilot)
        assert app.screen.capture.form is form and form.query_one("#field-feedback_given").has_focus
        assert not impression.has_focus and impression.styles.border_top == blurred


async def test_a_resumed_draft_goes_on_after_the_text_of_every_field(make_app, zoe):
    """The draft left by a crash, resumed with r: what is typed next goes after each
    field's text (the second field's cursor sat before it: "Entretien CTOimpression crash")."""
    from sourcer_tui.services import touchpoints

    owed = Touchpoint.get(Touchpoint.kind == "call")
    touchpoints.save_draft(owed.id, {"feedback_given": "Retour donné", "impression": "impression crash", "next_step": "Entretien"}, NOW)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_text(pilot, "Unsaved feedback from last time")
        await pilot.press("r")
        await settle(pilot)
        await type_text(pilot, " ok")
        await pilot.press("tab")
        await type_text(pilot, ", Entretien CTO")
        await pilot.press("tab")
        await type_text(pilot, " avec le CTO")
        await settle(pilot)
        shown = screen_text(app)
        assert "Retour donné ok" in shown and "impression crash, Entretien CTO" in shown and "Entretien avec le CTO" in shown
        await pilot.press("ctrl+s")
        await settle(pilot)
    call = Touchpoint.get_by_id(owed.id)
    assert (call.feedback_given, call.impression, call.next_step) == ("Retour donné ok", "impression crash, Entretien CTO", "Entretien avec le CTO")
    assert Draft.select().count() == 0


async def test_a_draft_opened_in_the_form_already_used_goes_on_after_its_text(make_app, zoe):
    """The pane's one form, refilled with another contact's draft: the cursor after each field's text too."""
    from sourcer_tui.services import touchpoints

    owed = Touchpoint.get(Touchpoint.kind == "call")
    touchpoints.save_draft(owed.id, {"feedback_given": "Retour", "impression": "impression crash", "next_step": "Entretien"}, NOW)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_text(pilot, "Unsaved feedback from last time")
        await pilot.press("l")  # later: it stays a draft
        await _select_zoe(pilot)
        await pilot.press("c")  # a call with Zoé: the form is made for it
        await settle(pilot)
        await type_text(pilot, "ok")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("3")  # Ada's draft, from the Capture pane: the same form, refilled
        capture = app.screen.query_one("#capture")
        rows = [capture.list.rows.get(i) for i in range(capture.list.rows.total)]
        await pilot.press(*["down"] * [r.touchpoint_id for r in rows].index(owed.id), "enter")
        await settle(pilot)
        await type_text(pilot, " donné")
        await pilot.press("tab")
        await type_text(pilot, ", Entretien CTO")
        await pilot.press("tab")
        await type_text(pilot, " CTO")
        await pilot.press("ctrl+s")
        await settle(pilot)
    call = Touchpoint.get_by_id(owed.id)
    assert (call.feedback_given, call.impression, call.next_step) == ("Retour donné", "impression crash, Entretien CTO", "Entretien CTO")


@pytest.mark.parametrize(
    "language, typed, preview, refused",
    [
        ("en", "yesterday", "Sun 2026-11-22 (yesterday)", "that date is in the past"),
        ("en", "yesterday 9am", "Sun 2026-11-22 09:00 (yesterday)", "that date is in the past"),
        ("fr", "hier", "dim. 22/11/2026 (hier)", "cette date est passée"),
        ("fr", "hier 14h", "dim. 22/11/2026 14:00 (hier)", "cette date est passée"),
        ("fr", "22/11", "dim. 22/11/2026 (hier)", "cette date est passée"),  # the same day typed as a date
    ],
)
async def test_a_next_step_yesterday_is_yesterday_and_refused_as_past(make_app, zoe, language, typed, preview, refused):
    """Typed on a Monday with weekends skipped, yesterday (a Sunday) was moved on to
    the Monday: shown as today and saved as a next step due today."""
    from sourcer_tui.config import Settings, UiSettings

    talent, _candidacy = zoe
    app = make_app(settings=Settings(ui=UiSettings(language=language)))
    assert app.settings.cadence.skip_weekends
    async with app.run_test(size=SIZE) as pilot:
        await _select_zoe(pilot)
        await pilot.press("c")
        await settle(pilot)
        await type_text(pilot, "Bon échange")
        await pilot.press("tab", "tab")
        await type_text(pilot, "Entretien CTO")
        await pilot.press("tab")
        await type_text(pilot, typed)
        await settle(pilot)
        assert str(app.screen.query_one("#preview-next_step_due").render()) == f"→ {preview}"
        assert preview.split(" (")[0] in screen_text(app)  # the day, not today (the rest may wrap)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert refused in screen_text(app)
    call = Touchpoint.get(Touchpoint.kind == "call", Touchpoint.talent == talent)
    assert (call.feedback_at, call.next_step_due) == (None, None)
    assert Reminder.select().where(Reminder.touchpoint == call.id).count() == 0
