"""Interview grids with the keys alone: score an interview, see the grid, the average column."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sourcer_tui.db.models import GridScore, Touchpoint
from sourcer_tui.services import grids, missions, pipeline, talents

from ..conftest import NOW
from .helpers import screen_text, settle, type_text

SIZE = (160, 45)


@pytest.fixture
def zoe(db):
    mission = missions.create_mission({"title": "Data Engineer", "client": "Vélo Cargo"}, NOW)
    grids.adopt_starter(mission)
    talent = talents.create_talent({"name": "Zoé Martin"}, ["other"], NOW)
    candidacy = pipeline.add_to_mission(talent, mission, NOW)
    return mission, talent, candidacy


async def test_an_interview_is_scored_on_the_missions_grid(make_app, zoe):
    mission, talent, candidacy = zoe
    criteria = grids.mission_grid(mission)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        # the cursor starts on the first talent, not on the "Sourced" header
        await pilot.press("i")  # log an interview: the form opens with the grid
        await settle(pilot)
        assert app.focused.id == "field-feedback_given"
        assert "Interview grid" in screen_text(app) and "Technical depth" in screen_text(app)
        await type_text(pilot, "Told her the next step is the CTO")
        for _ in range(5):  # impression, next step, date, sentiment, then the first criterion
            await pilot.press("tab")
        assert app.focused.id == f"score-{criteria[0].id}"
        await pilot.press("3")
        await settle(pilot)
        assert "Explains trade-offs and limits" in screen_text(app)  # the level's description
        await pilot.press("tab")
        await type_text(pilot, "explained [b]B-trees[/b] vs LSM")
        await pilot.press("tab", "tab")  # the second criterion's score, then past it
        assert app.focused.id == f"evidence-{criteria[1].id}"
        await pilot.press("tab")
        await pilot.press("4")  # problem solving
        await pilot.press("2", "backspace")  # changed the mind: cleared
        await pilot.press("tab", "tab")
        await pilot.press("2")  # communication
        await pilot.press("ctrl+s")
        await settle(pilot)
        tp = Touchpoint.get(Touchpoint.talent == talent, Touchpoint.kind == "interview")
        assert tp.feedback_given == "Told her the next step is the CTO"
        rows = list(GridScore.select(GridScore.criterion, GridScore.score, GridScore.evidence).where(GridScore.touchpoint == tp.id)
                    .order_by(GridScore.criterion).tuples())
        assert rows == [(criteria[0].id, 3, "explained [b]B-trees[/b] vs LSM"), (criteria[3].id, 2, "")]

        # the talent's screen shows the filled grid
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(app)
        assert "Interview grids" in text and "explained [b]B-trees[/b] vs LSM" in text and "2.5" in text
        await pilot.press("escape")
        await settle(pilot)

        # A: the Pipeline's grid-average column, in one mission
        await pilot.press("A")
        await settle(pilot)
        assert "Show one mission first" in screen_text(app)
        await pilot.press("m")
        await type_text(pilot, "Data Engineer")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)
        assert " 2.5 " in screen_text(app)
        # O reaches the grid average's order in a mission with a grid
        for _ in range(4):  # name, last contact, time in stage, grid average
            await pilot.press("O")
            await settle(pilot)
        assert "Sort: grid average" in screen_text(app)
        await pilot.press("A")
        await settle(pilot)
        assert " 2.5 " not in screen_text(app)


async def _open_grid_editor(pilot, title: str) -> None:
    await settle(pilot)
    await pilot.press("m")
    await type_text(pilot, title)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("E")
    await settle(pilot)
    await pilot.press("ctrl+g")
    await settle(pilot)


async def test_the_grid_is_edited_from_the_mission_form(make_app, db):
    mission = missions.create_mission({"title": "Platform"}, NOW)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _open_grid_editor(pilot, "Platform")
        assert "No criteria" in screen_text(app)
        await pilot.press("ctrl+t")  # the starter grid
        await settle(pilot)
        assert "Technical depth" in screen_text(app)
        await pilot.press("ctrl+down")  # Technical depth after System design
        await settle(pilot)
        await pilot.press("ctrl+n")  # a new criterion after it
        await settle(pilot)
        await type_text(pilot, "Kubernetes")
        await pilot.press("tab")
        await type_text(pilot, "never ran a cluster")
        await pilot.press("ctrl+s")
        await settle(pilot)
        names = [c.name for c in grids.mission_grid(mission)]
        assert names == ["System design", "Technical depth", "Kubernetes", "Problem solving", "Communication", "Motivation"]
        assert grids.mission_grid(mission)[2].levels == ("never ran a cluster", "", "", "")
        assert "Interview grid saved" in screen_text(app)
        await pilot.press("escape")  # the mission form, unchanged
        await settle(pilot)


async def test_removing_a_scored_criterion_asks_first(make_app, zoe):
    mission, talent, candidacy = zoe
    from sourcer_tui.services import touchpoints
    from sourcer_tui.config import Settings

    criteria = grids.mission_grid(mission)
    tp = touchpoints.log_touchpoint(talent, candidacy, "interview", NOW, Settings())
    touchpoints.save_feedback(tp, {"impression": "ok", f"score:{criteria[0].id}": "3"}, NOW)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _open_grid_editor(pilot, "Data Engineer")
        await pilot.press("ctrl+r")  # Technical depth: scored once
        await settle(pilot)
        assert "was scored in 1 interview" in screen_text(app)
        await pilot.press("escape")  # keep it
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("ctrl+r")  # System design: never scored, no question
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [c.name for c in grids.mission_grid(mission)] == ["Problem solving", "Communication", "Motivation"]
        assert GridScore.select().count() == 0


async def test_the_average_column_follows_a_saved_grid(make_app, zoe):
    mission, talent, candidacy = zoe
    criteria = grids.mission_grid(mission)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await type_text(pilot, "Data Engineer")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)
        # the cursor starts on the first talent, not on the "Sourced" header
        await pilot.press("i")
        await settle(pilot)
        await type_text(pilot, "Good talk")
        for _ in range(5):
            await pilot.press("tab")
        assert app.focused.id == f"score-{criteria[0].id}"
        await pilot.press("4")
        await pilot.press("tab", "tab", "1")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert " 2.5 " in screen_text(app)  # no reload asked: the pane followed the save


NAMES = st.one_of(st.text(max_size=30), st.sampled_from(["", " ", "[b]x[/b]", "\x1b[2J", "Python", "python ", "a" * 300]))


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
async def test_the_grid_editor_takes_any_text(make_app, db, data):
    """Any names and level texts: the grid saves as validate_grid cleans it, or the problem is shown."""
    from textual.widgets import Input

    from sourcer_tui.domain.grids import Criterion, validate_grid

    from sourcer_tui.db.models import Mission

    title = f"Fuzz {chr(ord('A') + Mission.select().count())}"  # each example its own mission (one db for all)
    mission = missions.create_mission({"title": title}, NOW)
    drawn = data.draw(st.lists(st.tuples(NAMES, st.lists(NAMES, min_size=4, max_size=4)), min_size=1, max_size=3))
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _open_grid_editor(pilot, title)
        editor = app.screen
        for _ in drawn:
            await pilot.press("ctrl+n")
            await settle(pilot)
        g = editor._generation
        for index, (name, levels) in enumerate(drawn):
            editor.query_one(f"#name-{g}-{index}", Input).value = name
            for level, text in enumerate(levels, start=1):
                editor.query_one(f"#level-{g}-{index}-{level}", Input).value = text
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.is_running and app._exception is None
        typed = [Criterion(Input(name).value, tuple(Input(t).value for t in levels)) for name, levels in drawn]
        cleaned, error = validate_grid(typed)
        saved = grids.mission_grid(mission)
        if error:
            assert saved == [] and app.screen is editor and editor.query_one("#grid-editor-error").has_class("-shown")
        else:
            assert [(c.name, c.levels) for c in saved] == [(c.name, c.levels) for c in cleaned]


async def test_a_kept_draft_keeps_the_scores(make_app, zoe):
    from sourcer_tui.db.models import Draft

    mission, talent, candidacy = zoe
    criteria = grids.mission_grid(mission)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        for _ in range(5):
            await pilot.press("tab")
        await pilot.press("4", "tab")
        await type_text(pilot, "ran the incident review")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("k")  # keep a draft
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert GridScore.select().count() == 0 and Draft.select().count() == 1
        await pilot.press("F")  # the feedback owed: the draft comes back, scores and evidence too
        await settle(pilot)
        form = app.screen.capture.form
        assert form.grid.values()[f"score:{criteria[0].id}"] == "4"
        assert form.grid.values()[f"evidence:{criteria[0].id}"] == "ran the incident review"
        assert "Draft restored" in screen_text(app)
