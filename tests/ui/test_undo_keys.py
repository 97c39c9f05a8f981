"""ctrl+z with the real keys: a stage move, done, a snooze, a template reset undone;
the database and the screen back; erase says it can't be undone; a text field
keeps ctrl+z to itself."""

from __future__ import annotations

from sourcer_tui.db.models import Candidacy, Reminder, Snooze, Talent, Template
from sourcer_tui.screens.templates import TemplatesScreen
from sourcer_tui.services import missions, pipeline, talents, templates

from ..conftest import NOW
from .helpers import screen_text, settle, wait_for_text

SIZE = (160, 45)


def _in_mission(name: str = "Élodie Martin", stage: str = "sourced") -> tuple[int, int]:
    mission = missions.create_mission({"title": "Backend"}, NOW)
    talent = talents.create_talent({"name": name}, ["other"], NOW)
    return talent, pipeline.add_to_mission(talent, mission, NOW, stage=stage)


def _undo_steps(app) -> list[str]:
    return [step.label for step in app.undo_steps]


async def test_a_stage_move_undone_with_ctrl_z(make_app, db):
    talent, candidacy = _in_mission()
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket")  # sourced -> approached
        await settle(pilot)
        assert Candidacy.get_by_id(candidacy).stage == "approached"
        await pilot.press("right_square_bracket")  # -> replied: two steps deep
        await settle(pilot)
        assert Candidacy.get_by_id(candidacy).stage == "replied"
        pane = app.screen.query_one("#pipeline")
        assert pane.list.item.stage == "replied"
        assert "Replied  1" in screen_text(app)

        await pilot.press("ctrl+z")
        await settle(pilot)
        assert Candidacy.get_by_id(candidacy).stage == "approached"
        text = screen_text(app)
        assert "Undone: moved Élodie Martin to Replied" in text
        assert "Approached  1" in text and "Replied  0" in text  # the screen shows it back
        assert pane.list.item.stage == "approached"  # the cursor follows her
        await pilot.press("ctrl+z")
        await settle(pilot)
        after = Candidacy.get_by_id(candidacy)
        assert (after.stage, after.stage_changed_at, after.updated_at) == ("sourced", NOW, NOW)  # exactly as before
        text = screen_text(app)
        assert "Undone: moved Élodie Martin to Approached" in text
        assert "Sourced  1" in text and "Approached  0" in text
        assert pane.list.item.stage == "sourced"
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert "Nothing to undo" in screen_text(app)
        assert Candidacy.get_by_id(candidacy).stage == "sourced"


async def test_done_then_undo_brings_the_item_back_to_today(make_app, db):
    talent = Talent.create(name="Zoé")
    due = Reminder.create(talent=talent, kind="next_step", due=NOW.date(), detail="call back")
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("2", "d")
        await settle(pilot)
        assert Reminder.get_by_id(due.id).status == "done"
        assert "Today (0)" in screen_text(app)
        await pilot.press("ctrl+z")
        await settle(pilot)
        back = Reminder.get_by_id(due.id)
        assert (back.status, back.done_at) == ("pending", None)
        text = screen_text(app)
        assert "Undone: marked done: Next step — Zoé" in text
        assert "Today (1)" in text and "call back" in text


async def test_skip_then_undo(make_app, db):
    talent = Talent.create(name="Zoé")
    due = Reminder.create(talent=talent, kind="next_step", due=NOW.date(), detail="call back")
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("2", "x")
        await settle(pilot)
        assert Reminder.get_by_id(due.id).status == "skipped"
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert Reminder.get_by_id(due.id).status == "pending"
        assert "Undone: skipped: Next step — Zoé" in screen_text(app)


async def test_snooze_then_undo_then_wake_then_undo(make_app, db):
    talent, _candidacy = _in_mission("Zoé")
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("z", "2", *"parental leave", "ctrl+s")  # 6 months
        await settle(pilot)
        assert Snooze.select().where(Snooze.talent == talent).count() == 1
        assert "Snoozed (1)" in screen_text(app) and "│z Zoé" in screen_text(app)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert Snooze.select().count() == 0
        text = await wait_for_text(pilot, "Undone: snoozed Zoé until Mon 24 May 2027")
        assert "Snoozed (0)" in text and "│  Zoé" in text

        # snoozed again, then woken from the Snoozed pane: the wake undone
        await pilot.press("z", "1", "ctrl+s")
        await settle(pilot)
        await pilot.press("4", "w")
        await settle(pilot)
        assert Snooze.get(Snooze.talent == talent).active is False
        await pilot.press("ctrl+z")
        await settle(pilot)
        snooze = Snooze.get(Snooze.talent == talent)
        assert (snooze.active, snooze.woken_at) == (True, None)
        text = await wait_for_text(pilot, "Undone: woke Zoé up")
        assert "│z Zoé" in text  # the Pipeline marks her snoozed again
        assert _undo_steps(app) == ["snoozed Zoé until Tue 23 Feb 2027"]


async def test_a_contact_logged_is_what_ctrl_z_takes_back_not_an_older_change(make_app, db):
    """Éli snoozed, then a follow-up logged to Zoé (l f): ctrl+z takes back Zoé's
    follow-up; Éli's snooze stays, the next ctrl+z's."""
    from sourcer_tui.db.models import Touchpoint

    zoe, candidacy = _in_mission("Zoé")
    eli = talents.create_talent({"name": "Éli"}, ["other"], NOW)
    pipeline.add_to_mission(eli, Candidacy.get_by_id(candidacy).mission_id, NOW)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("z", "2", *"parental leave", "ctrl+s")  # Éli, the first row (the latest added)
        await settle(pilot)
        await pilot.press("slash", *"zoe", "enter")
        await settle(pilot)
        await pilot.press("l", "f")  # Zoé: a follow-up sent
        await settle(pilot)
        assert Touchpoint.select().where(Touchpoint.talent == zoe).count() == 1
        await pilot.press("ctrl+z")
        await settle(pilot)
        await wait_for_text(pilot, "Undone: logged: Follow-up — Zoé")
        assert Touchpoint.select().count() == 0 and Snooze.get().talent_id == eli and Snooze.get().active
        assert _undo_steps(app) == ["snoozed Éli until Mon 24 May 2027"]


async def test_a_template_reset_asks_first_and_is_undone(make_app, db):
    templates.save_template(1, "linkedin", None, "", "Bonjour {first_name}, toujours partante ?", NOW)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("T")
        await settle(pilot)
        assert isinstance(app.screen, TemplatesScreen)
        await pilot.press("down", "down")  # follow-up 1, LinkedIn: custom
        await settle(pilot)
        assert app.screen.query_one("#templates-list").item.origin == "global"
        await pilot.press("x")
        text = await wait_for_text(pilot, "ctrl+z brings it back")
        assert "Reset the template follow-up 1, linkedin to the built-in one?" in text
        await pilot.press("escape")  # no: kept
        await settle(pilot)
        assert Template.select().count() == 1
        await pilot.press("x", "y")
        await settle(pilot)
        assert Template.select().count() == 0
        assert "Template reset." in screen_text(app)
        await pilot.press("ctrl+z")
        await settle(pilot)
        stored = Template.get()
        assert (stored.step, stored.channel, stored.body) == (1, "linkedin", "Bonjour {first_name}, toujours partante ?")
        text = screen_text(app)
        assert "Undone: reset the template follow-up 1, linkedin" in text
        assert app.screen.query_one("#templates-list").item.origin == "global"  # the list shows it back


async def test_erase_says_it_cannot_be_undone(make_app, db):
    _in_mission("Zoé")
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("D")
        await wait_for_text(pilot, "This cannot be undone (ctrl+z won't bring it back)")
        await pilot.press("escape")


async def test_ctrl_z_in_a_text_field_is_not_the_app_undo(make_app, db):
    talent, candidacy = _in_mission("Zoé")
    ada = talents.create_talent({"name": "Ada"}, ["other"], NOW)
    pipeline.add_to_mission(ada, Candidacy.get_by_id(candidacy).mission_id, NOW, stage="replied")
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert Candidacy.get_by_id(candidacy).stage == "approached"
        # a one-line field (the search) has no undo of its own: ctrl+z there does nothing
        await pilot.press("slash", "z", "o", "ctrl+z")
        await settle(pilot)
        assert Candidacy.get_by_id(candidacy).stage == "approached"
        assert app.screen.query_one("#pipeline-search").value == "zo"
        assert "Undone" not in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        # the Capture form's feedback (a multi-line field) keeps its own undo
        pane = app.screen.query_one("#pipeline")
        while pane.list.item is None or getattr(pane.list.item, "name", "") != "Ada":
            await pilot.press("down")
        await pilot.press("c")  # a call with Ada: Capture opens for its feedback
        await settle(pilot)
        assert app.focused.id == "field-feedback_given"
        await pilot.press(*"bien")
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert app.focused.text != "bien"  # the field's own undo
        assert Candidacy.get_by_id(candidacy).stage == "approached"
        assert "Undone" not in screen_text(app)
        await pilot.press("escape", "d")  # close it, discarding the draft
        await settle(pilot)
        await pilot.press("1")
        await pilot.press("ctrl+z")  # in the list: the app's undo, the call with Ada first
        await settle(pilot)
        assert "Undone: logged: Call — Ada" in screen_text(app)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert Candidacy.get_by_id(candidacy).stage == "sourced"
        assert "Undone: moved Zoé to Approached" in screen_text(app)


async def test_refused_when_another_window_changed_the_talent(make_app, db, tmp_path):
    from sourcer_tui.db.database import open_database

    talent, candidacy = _in_mission("Zoé")
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        other = open_database(tmp_path / "test.db")
        try:
            other.execute_sql("UPDATE candidacy SET stage = 'offer' WHERE id = ?", (candidacy,))
        finally:
            other.close()
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert Candidacy.get_by_id(candidacy).stage == "offer"  # the other window's write stays
        assert "can't be undone: changed since" in screen_text(app)
        assert app.undo_steps == type(app.undo_steps)([], maxlen=app.undo_steps.maxlen)  # dropped, not retried


async def test_undo_is_in_the_help_and_the_palette(make_app, db):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        text = await wait_for_text(pilot, "app.undo")
        assert "Undo" in text and "ctrl+z" in text
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"undo")
        await wait_for_text(pilot, "Undo the last change")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await wait_for_text(pilot, "Nothing to undo")


