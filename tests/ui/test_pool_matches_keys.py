"""Pool matches with the real keys (issue 21, item 1): R in the Pipeline, space, a,
ctrl+z; M opens it after a new mission is saved."""

from __future__ import annotations

import datetime as dt

from sourcer_tui.db.models import Candidacy
from sourcer_tui.domain.vocab import DEFAULT_SOURCES
from sourcer_tui.screens.pool_matches import PoolMatchesScreen
from sourcer_tui.services import missions, pipeline, talents

from .helpers import screen_text, settle, type_text, wait_for_text

SIZE = (160, 45)
T0 = dt.datetime(2026, 11, 2, 9, 0)


def _pool() -> dict:
    data = missions.create_mission({"title": "Data Engineer", "must_haves": "Python, dbt"}, T0)
    ids = {"data": data}
    for name, tags in (("Élodie Roux", "python,dbt"), ("Emile Blanc", "python"), ("Zoé Martin", "figma")):
        ids[name] = talents.create_talent({"name": name, "headline": "Engineer", "tags": tags}, DEFAULT_SOURCES, T0)
    pipeline.add_to_mission(ids["Zoé Martin"], data, T0)
    return ids


def _in_mission(mission_id: int) -> set[int]:
    return {t for (t,) in Candidacy.select(Candidacy.talent).where(Candidacy.mission == mission_id).tuples()}


async def _open_mission(pilot, title: str) -> None:
    await pilot.press("m")
    await type_text(pilot, title)
    await pilot.press("enter")
    await settle(pilot)


async def _pool_matches_of(pilot, title: str) -> None:
    """R on the mission *title*, until Pool matches are on screen."""
    await _open_mission(pilot, title)
    await pilot.press("R")
    await wait_for_text(pilot, "Pool matches")


async def test_r_lists_the_pool_space_selects_a_adds_ctrl_z_undoes(make_app):
    ids = _pool()
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await _pool_matches_of(pilot, "Data Engineer")
        assert isinstance(app.screen, PoolMatchesScreen)
        text = screen_text(app)
        assert "Élodie Roux" in text and "matches: Engineer, Python, dbt" in text
        assert "Emile Blanc" in text and "Zoé Martin" not in text  # already in the mission
        # the best first: Élodie, then Emile; select both and add them
        await pilot.press("space", "space")
        await settle(pilot)
        assert screen_text(app).count("✓") == 2
        await pilot.press("a")
        await settle(pilot)
        assert _in_mission(ids["data"]) == {ids["Zoé Martin"], ids["Élodie Roux"], ids["Emile Blanc"]}
        stages = {s for (s,) in Candidacy.select(Candidacy.stage).where(Candidacy.mission == ids["data"]).tuples()}
        assert stages == {"sourced"}
        assert "Élodie Roux" not in screen_text(app)  # in the mission now: not listed
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert _in_mission(ids["data"]) == {ids["Zoé Martin"]}
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, PoolMatchesScreen)


async def test_a_without_selection_adds_the_row_under_the_cursor(make_app):
    ids = _pool()
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await _pool_matches_of(pilot, "Data Engineer")
        await pilot.press("down", "a")
        await settle(pilot)
        assert _in_mission(ids["data"]) == {ids["Zoé Martin"], ids["Emile Blanc"]}


async def test_a_new_mission_opens_its_pool_matches(make_app):
    ids = _pool()
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("M")
        await wait_for_text(pilot, "Title")
        await type_text(pilot, "Figma designer")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await wait_for_text(pilot, "Pool matches")
        assert isinstance(app.screen, PoolMatchesScreen)
        assert "Zoé Martin" in screen_text(app)
        assert ids


async def test_e_saving_the_brief_opens_its_pool_matches(make_app):
    ids = _pool()
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await _open_mission(pilot, "Data Engineer")
        await pilot.press("E")
        await wait_for_text(pilot, "Title")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await wait_for_text(pilot, "Pool matches")
        assert isinstance(app.screen, PoolMatchesScreen) and app.screen.mission_id == ids["data"]
        assert "Élodie Roux" in screen_text(app)


async def test_r_needs_one_mission_shown(make_app):
    _pool()
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("R")  # all missions are shown at first
        await settle(pilot)
        assert not isinstance(app.screen, PoolMatchesScreen)
        assert "Show one mission first (m)" in screen_text(app)


async def test_the_matches_are_drawn_at_once_with_no_placeholder(make_app):
    """The rows are read before the screen comes up: each visit draws them in its
    first frame, not a line of "…" waiting for a worker to fetch a page."""
    from sourcer_tui.screens.pool_matches import MatchList

    _pool()
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await _pool_matches_of(pilot, "Data Engineer")
        screen = app.screen
        screen.refresh_list()  # what each visit does, then a frame
        listing = screen.query_one(MatchList)
        assert [listing.render_line(y).text.split()[1:3] for y in (0, 1)] == [["Élodie", "Roux"], ["Emile", "Blanc"]]
