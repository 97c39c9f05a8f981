"""Issue 21 item 3, with the keys: Introduced by (completed) in the talent form, the
thank-you in Today (d), the introducers (W) and an introducer's page (Enter)."""

from __future__ import annotations

from sourcer_tui.db.models import Candidacy, Introducer, Mission, Recognition, Reminder, Talent

from sourcer_tui.services import talents

from ..conftest import NOW
from .helpers import screen_text, settle, wait_for_text


async def test_introduced_then_thanked_then_their_page(make_app, db):
    mission = Mission.create(title="Backend")
    paul = Introducer.create(name="Paul Durand", company="Acme")
    Talent.create(name="Bea", introducer=paul, referred_by="Paul Durand")
    ana = Talent.get_by_id(talents.create_talent({"name": "Ana Martin"}, ["other"], NOW))  # added today (the fixed clock)
    Candidacy.create(talent=ana, mission=mission, stage="sourced", stage_changed_at=NOW)
    app = make_app()
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(pilot)
        # the cursor starts on the first talent, not on the "Sourced" header
        # the talent form: Introduced by, after 8 fields; "Pa" completed with →
        await pilot.press("e")
        await wait_for_text(pilot, "Introduced by")
        await pilot.press(*["tab"] * 8, "P", "a", "right", "ctrl+s")
        await settle(pilot)
        assert Talent.get_by_id(ana.id).introducer_id == paul.id
        # screening: nothing owed yet; interview reached: the thank-you is in Today
        await pilot.press(*["right_square_bracket"] * 3)
        await settle(pilot)
        assert not Reminder.select().where(Reminder.kind == "thank_introducer").exists()
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert Candidacy.get(Candidacy.talent == ana.id).stage == "interviewing"
        [thank] = Reminder.select().where(Reminder.kind == "thank_introducer")
        assert (thank.talent_id, thank.detail, thank.status) == (ana.id, "interview", "pending")
        await pilot.press("2")
        await settle(pilot)
        assert "Thank          Ana Martin — Paul Durand · reac" in screen_text(app)
        await pilot.press("d")
        await wait_for_text(pilot, "how?")
        await pilot.press(*"T-shirt", "enter")
        await settle(pilot)
        assert [(r.introducer_id, r.talent_id, r.milestone, r.note) for r in Recognition.select()] == [(paul.id, ana.id, "interview", "T-shirt")]
        assert Reminder.get_by_id(thank.id).status == "done"
        # W: the introducers, Enter: Paul's page
        await pilot.press("W")
        shown = await wait_for_text(pilot, "2 introductions")
        assert "Paul Durand" in shown
        await pilot.press("enter")
        shown = await wait_for_text(pilot, "Thanks given")
        assert "Ana Martin" in shown and "Interviewing" in shown and "T-shirt" in shown and "1 reached interview" in shown
        await pilot.press("escape", "escape")
        await settle(pilot)


async def test_w_on_a_talent_opens_their_introducer(make_app, db):
    paul = Introducer.create(name="Paul Durand")
    ana = Talent.create(name="Ana Martin", introducer=paul, referred_by="Paul Durand")
    app = make_app()
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(pilot)
        app.show_talent(ana.id)
        await wait_for_text(pilot, "Introduced by: Paul Durand")
        await pilot.press("W")
        shown = await wait_for_text(pilot, "1 introduction")
        assert "not a talent of the pool" in shown


async def test_an_introducer_who_is_a_talent_says_so_on_their_screen(make_app, db):
    paul_talent = Talent.get_by_id(talents.create_talent({"name": "Paul Durand"}, ["other"], NOW))
    paul = Introducer.create(name="Paul Durand", talent=paul_talent)
    Talent.create(name="Ana Martin", introducer=paul, referred_by="Paul Durand")
    app = make_app()
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(pilot)
        app.show_talent(paul_talent.id)
        await wait_for_text(pilot, "Introduced: 1 talent (W: their page)")
        await pilot.press("W")
        shown = await wait_for_text(pilot, "in the pool: Paul Durand (t)")
        assert "Ana Martin" in shown
