"""A grid of twelve criteria in the capture form: the last one is reached and seen."""

from __future__ import annotations

from sourcer_tui.domain.grids import MAX_CRITERIA, Criterion
from sourcer_tui.services import grids, missions, pipeline, talents

from ..conftest import NOW
from .helpers import screen_text, settle

SIZE = (160, 45)


async def test_the_last_of_twelve_criteria_is_on_screen_when_reached(make_app, db):
    mission = missions.create_mission({"title": "Staff"}, NOW)
    grids.save_grid(mission, [Criterion(f"Criterion {n:02}") for n in range(1, MAX_CRITERIA + 1)])
    talent = talents.create_talent({"name": "Zoé Martin"}, ["other"], NOW)
    pipeline.add_to_mission(talent, mission, NOW)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        for _ in range(5 + 2 * MAX_CRITERIA - 1):  # to the last criterion's evidence
            await pilot.press("tab")
        await settle(pilot)
        last = grids.mission_grid(mission)[-1]
        assert app.focused.id == f"evidence-{last.id}"
        await pilot.press("2")  # typed into the evidence line
        await settle(pilot)
        text = screen_text(app)
        assert "Criterion 12" in text and "ctrl+s save" in text  # the hint stays under the form
