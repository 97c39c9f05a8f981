"""Two logins on one SQLite file: Camille writes through the services, the app
opens as Anna.  Today and Capture list Anna's items, U the team's; the Pipeline
shows who made each candidacy; a call to a talent Camille contacted lately asks
first.  On a solo file none of it shows."""

from __future__ import annotations

import datetime as dt

from sourcer_tui.config import ProfileSettings, Settings
from sourcer_tui.db.models import Touchpoint
from sourcer_tui.services import missions, pipeline, talents, team, touchpoints

from ..conftest import NOW
from .helpers import screen_text, settle, type_text, wait_for_text

SIZE = (180, 50)
ANNA = Settings(profile=ProfileSettings(name="Anna", login="anna"))
CAMILLE = Settings(profile=ProfileSettings(name="Camille", login="camille"))
THU = dt.datetime(2026, 11, 19, 9, 0)
FRI = dt.datetime(2026, 11, 20, 15, 0)


def _team_file(db) -> int:
    """Camille: Zoé approached Thursday and called Friday (feedback owed, late;
    the call stops her follow-ups), Yann approached Thursday (follow-up 1 due
    today).  Anna: Léa approached Thursday (follow-up 1 due today).  Returns
    Zoé's id."""
    mission = missions.create_mission({"title": "Backend"}, THU)
    team.sign_in(CAMILLE, db)
    zoe = talents.create_talent({"name": "Zoé Camille-side"}, ["other"], THU)
    cid = pipeline.add_to_mission(zoe, mission, THU)
    touchpoints.log_touchpoint(zoe, cid, "approach", THU, CAMILLE)
    touchpoints.log_touchpoint(zoe, cid, "call", FRI, CAMILLE)
    yann = talents.create_talent({"name": "Yann Camille-side"}, ["other"], THU)
    touchpoints.log_touchpoint(yann, pipeline.add_to_mission(yann, mission, THU), "approach", THU, CAMILLE)
    team.sign_in(ANNA, db)
    lea = talents.create_talent({"name": "Léa Anna-side"}, ["other"], THU)
    touchpoints.log_touchpoint(lea, pipeline.add_to_mission(lea, mission, THU), "approach", THU, ANNA)
    return zoe


def _line(app, text: str) -> str:
    return next(line for line in screen_text(app).splitlines() if text in line)


async def test_mine_and_team_views_owner_column_and_the_warning(make_app, db):
    zoe = _team_file(db)
    app = make_app(settings=ANNA)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        # Today and Capture: Anna's items only
        assert "Today · mine (1)" in shown and "Capture — feedback owed · mine (0)" in shown
        assert "Léa Anna-side" in _line(app, "Follow-up 1/3")
        # the Pipeline: who made each candidacy
        assert "Camille" in _line(app, "Zoé Camille-side") and "Anna" in _line(app, "Léa Anna-side")
        assert "Mine / team" in _line(app, "U ")  # in the footer
        # U: the whole team's
        await pilot.press("U")
        await settle(pilot)
        shown = screen_text(app)
        assert "Today · team (3 · 1 overdue)" in shown and "Capture — feedback owed · team (1)" in shown
        assert "Today and Capture: the whole team's items" in shown
        await pilot.press("U")
        await settle(pilot)
        assert "Today · mine (1)" in screen_text(app)
        # a call to Zoé, whom Camille called 3 days ago: asked first; Esc logs nothing
        await pilot.press("1", "slash")
        await type_text(pilot, "Zoé")
        await pilot.press("enter")
        await settle(pilot)
        before = Touchpoint.select().count()
        await pilot.press("c")
        shown = await wait_for_text(pilot, "Camille contacted them 3 days ago (call)")
        assert "Go on anyway" in shown
        await pilot.press("escape")
        await settle(pilot)
        assert Touchpoint.select().count() == before
        assert "Zoé Camille-side: nothing logged" in screen_text(app)
        # again, and go on: logged as Anna's
        await pilot.press("c")
        await wait_for_text(pilot, "Camille contacted them 3 days ago (call)")
        await pilot.press("y")
        await settle(pilot)
        call = Touchpoint.select().order_by(Touchpoint.id.desc()).get()
        assert (call.talent_id, call.kind, call.owner) == (zoe, "call", "anna")


async def test_the_first_message_asks_too(make_app, db):
    zoe = _team_file(db)
    app = make_app(settings=ANNA)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await type_text(pilot, "Zoé")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("o")
        await wait_for_text(pilot, "Camille contacted them 3 days ago (call)")
        await pilot.press("escape")
        await settle(pilot)
        assert "Nothing copied, nothing logged." in screen_text(app)
        assert Touchpoint.select().where(Touchpoint.talent == zoe).count() == 2


async def test_a_solo_file_shows_nothing_of_owners(make_app, db):
    mission = missions.create_mission({"title": "Backend"}, THU)
    zoe = talents.create_talent({"name": "Zoé"}, ["other"], THU)
    touchpoints.log_touchpoint(zoe, pipeline.add_to_mission(zoe, mission, THU), "approach", THU, Settings())
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        assert "Today (1)" in shown and "Capture — feedback owed (0)" in shown
        assert "mine" not in shown and "Mine / team" not in shown
        await pilot.press("U")  # off: nothing changes
        await settle(pilot)
        assert "Today (1)" in screen_text(app) and "team" not in screen_text(app)
        assert app.team.mode is False
        await pilot.press("question_mark")  # nor in the help
        await settle(pilot)
        assert "Go to Snoozed" in screen_text(app) and "Mine / team" not in screen_text(app)


async def test_u_is_in_the_help_and_the_palette_in_team_mode(make_app, db):
    _team_file(db)
    app = make_app(settings=ANNA)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert "main.toggle_team" in _line(app, "Mine / team")
        await pilot.press("escape", "ctrl+p")
        await type_text(pilot, "Mine / team")
        await settle(pilot)
        assert "Mine / team" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert "Today · team (3 · 1 overdue)" in screen_text(app)


async def test_copying_a_follow_up_asks_too(make_app, db):
    """t on Camille's follow-up to Yann, in the team view: Anna is told before copying."""
    _team_file(db)
    app = make_app(settings=ANNA)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("U", "2")
        await settle(pilot)
        await pilot.press("down")  # past the feedback owed (late), Yann's follow-up
        row = app.query_one("#today").list.item
        assert (row.kind, row.name) == ("followup", "Yann Camille-side")
        await pilot.press("t")
        await wait_for_text(pilot, "Camille contacted them 4 days ago (first message)")
        await pilot.press("escape")
        await settle(pilot)
        assert "Nothing copied." in screen_text(app) and app.clipboard == ""


async def test_f_writes_my_feedback_owed_or_the_team_s(make_app, db):
    _team_file(db)
    call = Touchpoint.get(Touchpoint.kind == "call")
    app = make_app(settings=ANNA)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        assert "No feedback owed. Nice." in screen_text(app) and app.screen.capture.capturing is None
        await pilot.press("U", "F")
        await settle(pilot)
        assert app.screen.capture.capturing == call.id


async def test_the_talent_s_timeline_says_who_made_each_contact(make_app, db):
    _team_file(db)
    app = make_app(settings=ANNA)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await type_text(pilot, "Zoé")
        await pilot.press("enter", "enter")
        await settle(pilot)
        shown = await wait_for_text(pilot, "by Camille")
        assert "Camille" in _line(app, "First message") and "Camille" in _line(app, "Call ")
