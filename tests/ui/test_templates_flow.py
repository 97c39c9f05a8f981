"""Templates in use: copy a follow-up for LinkedIn, mark it sent, edit a template."""

from __future__ import annotations

import dataclasses
import datetime as dt
import webbrowser

from sourcer_tui.config import ProfileSettings
from sourcer_tui.db.models import Reminder, Template, Touchpoint
from sourcer_tui.screens.templates import TemplatesScreen
from sourcer_tui.services import missions, pipeline, talents, touchpoints

from ..conftest import NOW
from .helpers import screen_text, settle


def _setup(settings):
    mission = missions.create_mission({"title": "Data Engineer", "client": "Vélo Cargo"}, NOW)
    talent = talents.create_talent({"name": "Zoé [b]Martin[/b]", "linkedin_url": "https://www.linkedin.com/in/zoe"}, ["other"], NOW)
    candidacy = pipeline.add_to_mission(talent, mission, NOW)
    touchpoints.log_touchpoint(talent, candidacy, "approach", NOW - dt.timedelta(days=2), settings)
    return talent, candidacy


async def test_copy_then_mark_sent_plans_the_next(make_app, settings, monkeypatch):
    opened = []
    monkeypatch.setenv("BROWSER", "a-browser")  # a browser can open here (app.open_link asks)
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)  # no browser here
    settings = dataclasses.replace(settings, profile=ProfileSettings(name="Camille"))
    talent, candidacy = _setup(settings)
    Template.create(step=1, channel="linkedin", subject="", body="Bonjour {first_name}, {mission} chez {company} ? — {my_name} ({days_since_first_message} j)")
    app = make_app(settings=settings)
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("2", "t")
        await settle(pilot)
        assert opened == [] and "Bonjour Zoé, Data Engineer chez Vélo Cargo ? — Camille (2 j)" in screen_text(app)  # the preview first
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.clipboard == "Bonjour Zoé, Data Engineer chez Vélo Cargo ? — Camille (2 j)"
        assert opened == ["https://www.linkedin.com/in/zoe"]
        await pilot.press("d")
        await settle(pilot)
        sent = Touchpoint.get(Touchpoint.kind == "followup")
        assert (sent.step, sent.summary, sent.channel) == (1, app.clipboard, "linkedin")
        nxt = Reminder.get(Reminder.kind == "followup", Reminder.status == "pending")
        assert (nxt.step, nxt.due) == (2, dt.date(2026, 11, 27))  # Mon 23 + 4 days


async def test_same_text_twice_warns_but_does_not_block(make_app, settings):
    talent, candidacy = _setup(settings)
    Touchpoint.update(summary="Bonjour Zoé").where(Touchpoint.kind == "approach").execute()
    Template.create(step=1, channel="linkedin", subject="", body="Bonjour {first_name}")
    app = make_app()
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("2", "t")
        await settle(pilot)
        assert "personalise it" in screen_text(app)  # said in the preview, before anything is copied
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.clipboard == "Bonjour Zoé"
        assert "personalise it" in screen_text(app)


async def test_edit_a_template_with_a_bad_placeholder_then_fix_it(make_app, settings):
    _setup(settings)
    app = make_app()
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("T")
        await settle(pilot)
        assert isinstance(app.screen, TemplatesScreen)
        assert "Preview for Zoé [b]Martin[/b]" in screen_text(app)  # markup in data stays literal
        await pilot.press("e")
        await settle(pilot)
        body = app.screen.query_one("#field-body")
        body.text = "Salut {first_name.__class__} et {frist_name}"
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = screen_text(app)
        assert "no attribute or index access" in text
        assert Template.select().count() == 0  # nothing saved
        body.text = "Salut {first_name}, toujours partante pour {mission} ?"
        await pilot.press("ctrl+s")
        await settle(pilot)
        stored = Template.get()
        assert (stored.step, stored.channel, stored.mission_id, stored.body) == (0, "linkedin", None, "Salut {first_name}, toujours partante pour {mission} ?")
        assert "Salut Zoé, toujours partante pour Data Engineer ?" in screen_text(app)
