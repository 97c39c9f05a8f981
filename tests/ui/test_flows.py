"""One home per use-case (flows/): the talent screen edits a talent and adds them to
a mission through the same flows as the Pipeline, without reaching into it."""

from __future__ import annotations

from sourcer_tui.db.models import Candidacy, Talent
from sourcer_tui.screens.talent_detail import TalentDetailScreen
from sourcer_tui.services import missions, pipeline, talents

from ..conftest import NOW
from .helpers import screen_text, settle, wait_for_text


async def test_the_talent_screen_edits_and_adds_through_the_flows(make_app, db):
    backend = missions.create_mission({"title": "Backend"}, NOW)
    missions.create_mission({"title": "Data"}, NOW)
    zoe = talents.create_talent({"name": "Zoé Martin"}, ["other"], NOW)
    pipeline.add_to_mission(zoe, backend, NOW)
    app = make_app()
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TalentDetailScreen)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("tab", *"Staff engineer", "ctrl+s")  # the headline, after the name
        await settle(pilot)
        assert Talent.get_by_id(zoe).headline == "Staff engineer"
        assert isinstance(app.screen, TalentDetailScreen) and "Staff engineer" in screen_text(app)
        await pilot.press("a")
        await wait_for_text(pilot, "Add Zoé Martin to which mission?")
        await pilot.press(*"Data", "enter")
        await settle(pilot)
        titles = sorted(c.mission.title for c in Candidacy.select().where(Candidacy.talent == zoe))
        assert titles == ["Backend", "Data"]
        await pilot.press("escape")
        await settle(pilot)
        shown = screen_text(app)
        assert "Staff engineer" in shown and "2 candidacies" in shown  # the Pipeline shows both
