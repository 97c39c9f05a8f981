"""The Pipeline pane, driven with the real keys; the database checked after each step."""

from __future__ import annotations

from sourcer_tui.db.models import Candidacy, Mission, Talent
from sourcer_tui.screens.main import MainScreen
from sourcer_tui.screens.talent_detail import TalentDetailScreen

from .helpers import burst, screen_text, settle, type_text, wait_for_text

SIZE = (160, 45)


async def test_whole_pipeline_flow_with_keys_only(make_app):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        for title in ("Pipeline", "Today", "Capture", "Snoozed"):
            assert title in screen_text(app)

        # 1. create a mission: M, title, tab, client, ctrl+s
        await pilot.press("M")
        await type_text(pilot, "Backend Engineer")
        await pilot.press("tab")
        await type_text(pilot, "Acme")
        await pilot.press("ctrl+s")
        await settle(pilot)
        mission = Mission.get()
        assert (mission.title, mission.client, mission.status) == ("Backend Engineer", "Acme", "open")
        assert "Backend Engineer — Acme" in screen_text(app)

        # 2. create a talent inside that mission: n, name, tab×3, email, ctrl+s
        await pilot.press("n")
        await type_text(pilot, "Zoé Martin")
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "zoe@example.org")
        await pilot.press("ctrl+s")
        await settle(pilot)
        talent = Talent.get()
        assert (talent.name, talent.email, talent.email_norm) == ("Zoé Martin", "zoe@example.org", "zoe@example.org")
        # 3. ...which adds it to the current mission, at the first stage
        candidacy = Candidacy.get()
        assert (candidacy.talent_id, candidacy.mission_id, candidacy.stage) == (talent.id, mission.id, "sourced")
        assert "Zoé Martin" in screen_text(app)

        # 4. move its stage: ] twice, [ once, then pick "offer" with s
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert Candidacy.get().stage == "approached"
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert Candidacy.get().stage == "replied"
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert Candidacy.get().stage == "approached"
        await pilot.press("s")
        await type_text(pilot, "offer")
        await pilot.press("enter")
        await settle(pilot)
        assert Candidacy.get().stage == "offer"

        # 5. search: / then a prefix of the surname, without its accent-free form issue
        await pilot.press("slash")
        await type_text(pilot, "mart")
        await settle(pilot)
        pane = app.screen.query_one("#pipeline")
        assert pane.scope.search == "mart"
        assert "Zoé Martin" in screen_text(app)
        await pilot.press("enter")  # back to the list, cursor on the first match
        await settle(pilot)
        assert pane.list.item.talent_id == talent.id

        # 6. open its detail
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TalentDetailScreen)
        text = screen_text(app)
        assert "Zoé Martin" in text and "zoe@example.org" in text and "Backend Engineer" in text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_search_without_match_and_clear(make_app, db, clock):
    from sourcer_tui.services import talents

    talents.create_talent({"name": "Ada Lovelace"}, ["other"], clock.now())
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await type_text(pilot, "pool")
        await pilot.press("enter")
        await settle(pilot)
        assert "Ada Lovelace" in screen_text(app)
        await pilot.press("slash")
        await type_text(pilot, 'covid-19 " *')
        await settle(pilot)
        assert "Ada Lovelace" not in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert "Ada Lovelace" in screen_text(app)
        # search again, go down into the list: escape there clears the search too
        await pilot.press("slash")
        await type_text(pilot, "zzz")
        await pilot.press("enter")
        await settle(pilot)
        assert "Ada Lovelace" not in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert "Ada Lovelace" in screen_text(app)
        assert app.screen.query_one("#pipeline").scope.search == ""


async def test_invalid_talent_form_shows_errors_and_saves_nothing(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "not-an-email")
        await pilot.press("tab", "tab")
        await type_text(pilot, "javascript:alert(1)")
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = screen_text(app)
        assert "a name is required" in text
        assert "not an email address" in text
        assert "must be an http:// or https:// address" in text
        assert Talent.select().count() == 0
        # fix the name only: still refused, typed text kept
        await pilot.press("shift+tab", "shift+tab", "shift+tab", "shift+tab", "shift+tab")
        await type_text(pilot, "Ada")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert Talent.select().count() == 0
        assert app.screen.query_one("#field-email").value == "not-an-email"
        # escape twice discards
        await pilot.press("escape")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert Talent.select().count() == 0


async def test_add_existing_talent_to_second_mission_and_duplicate_refused(make_app, clock):
    from sourcer_tui.services import missions, pipeline, talents

    first = missions.create_mission({"title": "Designer"}, clock.now())
    second = missions.create_mission({"title": "Data Engineer"}, clock.now())
    talent_id = talents.create_talent({"name": "Hélène Roux"}, ["other"], clock.now())
    pipeline.add_to_mission(talent_id, first, clock.now())
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        # the cursor starts on the first talent, not on the "Sourced" header
        assert pilot.app.screen.query_one("#pipeline").list.item.name == "Hélène Roux"
        await pilot.press("a")
        await type_text(pilot, "Data")
        await pilot.press("enter")
        await settle(pilot)
        assert {c.mission_id for c in Candidacy.select()} == {first, second}
        # the same again is refused with a message, nothing written
        await pilot.press("a")
        await type_text(pilot, "Data")
        await pilot.press("enter")
        await settle(pilot)
        assert Candidacy.select().count() == 2
        assert "already in the mission" in screen_text(app)


async def test_help_lists_every_pipeline_key(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        text = await wait_for_text(pilot, "Keys — remap")
        for _ in range(4):  # the help is longer than the screen: read it page by page
            await pilot.press("pagedown")
            await pilot.pause()
            text += screen_text(app)
        for description in ("New mission", "New talent", "Add to mission", "Next stage", "Search", "pipeline.new_talent", "Call", "after l: First message", "Reschedule", "Save feedback", "Delete contact"):
            assert description in text
        await pilot.press("escape")


async def test_keymap_from_config_remaps_a_key(make_app, settings):
    import dataclasses
    from types import MappingProxyType

    remapped = dataclasses.replace(settings, keymap=MappingProxyType({"pipeline.new_talent": "t"}))
    app = make_app(settings=remapped)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert app.screen.query_one("#form-title")  # the talent form opened on "t"


async def test_unknown_keymap_id_is_reported(make_app, settings):
    import dataclasses
    from types import MappingProxyType

    app = make_app(settings=dataclasses.replace(settings, keymap=MappingProxyType({"pipeline.new_talnet": "t"})))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert "unknown binding id pipeline.new_talnet" in screen_text(app)


async def test_a_form_saved_right_after_fast_typing_keeps_every_character(make_app):
    """ctrl+s in a form waits for the keys typed before it (see test_capture)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        burst(app, *"Zoé Rapide", "ctrl+s")
        await settle(pilot)
    assert [t.name for t in Talent.select()] == ["Zoé Rapide"]


async def test_a_search_typed_in_one_burst_lands_in_the_search_box(make_app, db, clock):
    """`/zoé` typed fast: every letter is the search's (z once opened the Pipeline's
    snooze dialog); `enter l` then logs for the match, the l is not searched for."""
    from sourcer_tui.services import talents

    talents.create_talent({"name": "Zoé Martin"}, ["other"], clock.now())
    talents.create_talent({"name": "Ada Lovelace"}, ["other"], clock.now())
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await type_text(pilot, "pool")
        await pilot.press("enter")
        await settle(pilot)
        burst(app, "slash", *"zoé")
        await settle(pilot)
        pane = app.screen.query_one("#pipeline")
        assert pane.query_one("#pipeline-search").value == "zoé"
        assert pane.scope.search == "zoé"
        assert "Select a talent first" not in screen_text(app)
        burst(app, "enter", "down", "l")
        await settle(pilot)
        await wait_for_text(pilot, "Log a contact with Zoé Martin")
        assert pane.scope.search == "zoé"


async def test_n_in_a_closed_mission_offers_an_open_one(make_app):
    """A closed mission shown in the Pipeline: n creates the talent, says the mission is
    closed and offers the open ones; nothing joins the closed mission."""
    import datetime as dt

    from sourcer_tui.services import missions

    at = dt.datetime(2026, 11, 20, 9, 0)
    old = missions.create_mission({"title": "Old search", "status": "closed"}, at)
    new = missions.create_mission({"title": "Data lead"}, at)
    assert Mission.get_by_id(old).status == "closed"
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await type_text(pilot, "Old search")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("n")
        await type_text(pilot, "Zoé Martin")
        await pilot.press("ctrl+s")
        await wait_for_text(pilot, "Add Zoé Martin to which mission?")
        said = [n.message for n in app._notifications]
        assert "Talent created: Zoé Martin. Old search is closed: pick an open mission for them (esc: none)." in said
        assert not Candidacy.select().exists()
        await pilot.press("enter")  # the one open mission
        await settle(pilot)
        assert [(c.talent.name, c.mission_id) for c in Candidacy.select()] == [("Zoé Martin", new)]


async def test_moving_to_replied_takes_the_follow_up_out_of_today(make_app, db):
    """Zoé answered by phone: ] from Approached to Replied, and her follow-up leaves Today at once."""
    import datetime as dt

    from sourcer_tui.config import Settings
    from sourcer_tui.services import missions, pipeline, talents, touchpoints

    thursday = dt.datetime(2026, 11, 19, 9, 0)
    mission = missions.create_mission({"title": "Backend"}, thursday)
    zoe = talents.create_talent({"name": "Zoé Martin"}, ["other"], thursday)
    touchpoints.log_touchpoint(zoe, pipeline.add_to_mission(zoe, mission, thursday), "approach", thursday, Settings())
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert "Today (1)" in screen_text(app) and "Follow-up 1/3" in screen_text(app)
        await pilot.press("m")
        await type_text(pilot, "Backend")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("right_square_bracket")  # the cursor is on Zoé, the only row
        await settle(pilot)
        assert Candidacy.get().stage == "replied"
        assert "Today (0)" in screen_text(app) and "Follow-up 1/3" not in screen_text(app)
