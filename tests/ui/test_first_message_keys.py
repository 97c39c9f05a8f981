"""The first message, the most-used message of the day (issue 20, item 1), with the real keys:
``o`` previews it filled in, editable; ctrl+s copies it and opens the profile; ``l`` logs
the text actually sent and its template.  Today's ``t`` and ``E`` go through the same preview."""

from __future__ import annotations

import dataclasses
import datetime as dt
import email
import email.policy
import webbrowser

import pytest

from sourcer_tui.config import ProfileSettings, SmtpSettings
from sourcer_tui.db.models import Candidacy, Reminder, Template, Touchpoint
from sourcer_tui.modals.message_preview import MessagePreviewModal
from sourcer_tui.screens.stats import StatsScreen
from sourcer_tui.screens.talent_detail import TalentDetailScreen
from sourcer_tui.screens.templates import TemplatesScreen
from sourcer_tui.services import missions, pipeline, talents, touchpoints

from ..conftest import NOW
from .helpers import screen_text, settle, type_text, wait_for_text

SIZE = (160, 45)
FIRST = "Bonjour {first_name}, {mission} chez {company} ? — {my_name}"


@pytest.fixture
def opened(monkeypatch):
    urls: list[str] = []
    monkeypatch.setenv("BROWSER", "a-browser")  # a browser can open here (app.open_link asks)
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: urls.append(url) or True)  # no browser here
    return urls


@pytest.fixture
def camille(settings):
    return dataclasses.replace(settings, profile=ProfileSettings(name="Camille"))


def _zoe(*, email_address: str = "zoe@example.org", linkedin: str = "https://www.linkedin.com/in/zoe", missions_: tuple = (("Data Engineer", "Vélo Cargo"),)):
    talent = talents.create_talent({"name": "Zoé Martin", "email": email_address, "linkedin_url": linkedin}, ["other"], NOW)
    candidacies = []
    for title, client in missions_:
        mission = missions.create_mission({"title": title, "client": client}, NOW)
        candidacies.append(pipeline.add_to_mission(talent, mission, NOW))
    return talent, candidacies


async def test_o_in_the_pipeline_previews_edits_copies_opens_and_logs_the_text_sent(make_app, camille, opened):
    talent, [candidacy] = _zoe()
    Template.create(step=0, channel="linkedin", subject="", body=FIRST)
    app = make_app(settings=camille)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("o")  # the row under "Sourced"
        await settle(pilot)
        assert isinstance(app.screen, MessagePreviewModal)
        shown = screen_text(app)
        assert "First message to Zoé Martin" in shown
        assert "Bonjour Zoé, Data Engineer chez Vélo Cargo ? — Camille" in shown
        assert app.clipboard == "" and opened == []  # nothing copied before ctrl+s
        await type_text(pilot, " PS: 100% remote.")  # the cursor is at the end of the text
        await pilot.press("ctrl+s")
        await settle(pilot)
        sent = "Bonjour Zoé, Data Engineer chez Vélo Cargo ? — Camille PS: 100% remote."
        assert app.clipboard == sent
        assert opened == ["https://www.linkedin.com/in/zoe"]
        await wait_for_text(pilot, "Log as sent")
        assert Touchpoint.select().count() == 0  # not logged until l
        await pilot.press("l")
        await settle(pilot)
        first = Touchpoint.get()
        assert (first.kind, first.step, first.channel, first.summary, first.template_key, first.candidacy_id) == \
            ("approach", 0, "linkedin", sent, "0:linkedin", candidacy)
        followup = Reminder.get(Reminder.kind == "followup", Reminder.status == "pending")
        assert (followup.step, followup.due) == (1, dt.date(2026, 11, 25))  # Mon 23 + 2 days, as l o plans it
        assert Candidacy.get_by_id(candidacy).stage == "approached"
        shown = await wait_for_text(pilot, "Logged: first message — Zoé Martin · follow-up 1 on Wed")
        assert "25 Nov" in shown


async def test_o_again_after_a_first_message_asks_before_starting_over(make_app, camille, opened):
    """Zoé had her first message Thursday and follow-up 1 Saturday: o asks first (a new
    first message plans the follow-ups again); Esc writes and copies nothing, y goes on."""
    from sourcer_tui.config import Settings

    talent, [candidacy] = _zoe()
    thursday = NOW - dt.timedelta(days=4)
    touchpoints.log_touchpoint(talent, candidacy, "approach", thursday, Settings())
    touchpoints.log_touchpoint(talent, candidacy, "followup", thursday + dt.timedelta(days=2), Settings())
    app = make_app(settings=camille)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("1", "slash", *"zoe", "enter")
        await settle(pilot)
        await pilot.press("o")
        shown = await wait_for_text(pilot, "Zoé Martin had a first message on")
        assert "19 Nov, and follow-up 1 since" in shown
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, MessagePreviewModal) and app.clipboard == ""
        assert "Nothing copied, nothing logged." in screen_text(app)
        await pilot.press("o")
        await wait_for_text(pilot, "Zoé Martin had a first message on")
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, MessagePreviewModal)
    assert Touchpoint.select().count() == 2


async def test_escape_in_the_preview_copies_and_logs_nothing(make_app, camille, opened):
    _zoe()
    app = make_app(settings=camille)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("o")  # the row under "Sourced"
        await settle(pilot)
        assert isinstance(app.screen, MessagePreviewModal)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, MessagePreviewModal)
        assert (app.clipboard, opened, Touchpoint.select().count()) == ("", [], 0)
        await wait_for_text(pilot, "Nothing copied, nothing logged.")


async def test_copied_but_not_logged_when_escape_on_the_question(make_app, camille, opened):
    _zoe()
    app = make_app(settings=camille)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("o")  # the row under "Sourced"
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.clipboard.startswith("Bonjour Zoé,\n\nVotre parcours")  # the built-in template
        await pilot.press("escape")
        await settle(pilot)
        assert Touchpoint.select().count() == 0
        assert Reminder.select().where(Reminder.kind == "followup").count() == 0


async def test_f2_switches_to_email_and_the_subject_is_logged_too(make_app, camille, opened):
    talent, [candidacy] = _zoe()
    Template.create(step=0, channel="email", subject="{mission} ?", body="Bonjour {first_name}")
    app = make_app(settings=camille)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("o")  # the row under "Sourced"
        await settle(pilot)
        assert "F2 LinkedIn / email" in screen_text(app)
        await pilot.press("f2")
        await settle(pilot)
        shown = screen_text(app)
        assert "Send to zoe@example.org" in shown and "Data Engineer ?" in shown
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.clipboard == "Subject: Data Engineer ?\n\nBonjour Zoé"
        assert opened == []  # an email: no profile to open
        await pilot.press("l")
        await settle(pilot)
        first = Touchpoint.get()
        assert (first.channel, first.summary, first.template_key, first.step) == ("email", app.clipboard, "0:email", 0)


async def test_email_only_talent_gets_the_email_template(make_app, camille, opened):
    _zoe(linkedin="")
    app = make_app(settings=camille)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("o")  # the row under "Sourced"
        await settle(pilot)
        shown = screen_text(app)
        assert "Data Engineer chez Vélo Cargo : on en parle ?" in shown  # the built-in email subject
        assert "F2" not in shown  # one channel: nothing to switch


async def test_o_on_the_talent_screen_asks_which_mission(make_app, camille, opened):
    talent, [first, second] = _zoe(missions_=(("Data Engineer", "Vélo Cargo"), ("SRE", "Rail Co")))
    Template.create(step=0, channel="linkedin", subject="", body=FIRST)
    app = make_app(settings=camille)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        app.show_talent(talent)
        await settle(pilot)
        assert isinstance(app.screen, TalentDetailScreen)
        await pilot.press("o")
        await settle(pilot)
        await wait_for_text(pilot, "Which mission is the first message to Zoé Martin about?")
        await type_text(pilot, "SRE")
        await pilot.press("enter")
        await settle(pilot)
        assert "Bonjour Zoé, SRE chez Rail Co ? — Camille" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        logged = Touchpoint.get()
        assert (logged.candidacy_id, logged.summary, logged.step) == (second, "Bonjour Zoé, SRE chez Rail Co ? — Camille", 0)
        assert Reminder.get(Reminder.kind == "followup").candidacy_id == second


async def test_o_in_the_talent_pool_uses_the_template_without_mission_words(make_app, camille, opened):
    _zoe(missions_=(("Data Engineer", "Vélo Cargo"), ("SRE", "Rail Co")))
    Template.create(step=0, channel="linkedin", subject="", body="Bonjour {first_name} [{mission}]")
    app = make_app(settings=camille)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        app.show_talent(Candidacy.get().talent_id)
        await settle(pilot)
        await pilot.press("o")  # the row under "Sourced"
        await settle(pilot)
        await type_text(pilot, "talent pool")
        await pilot.press("enter")
        await settle(pilot)
        assert "Bonjour Zoé []" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        logged = Touchpoint.get()
        assert (logged.candidacy_id, logged.summary, logged.template_key) == (None, "Bonjour Zoé []", "0:linkedin")


async def test_o_from_today(make_app, camille, opened):
    talent, [candidacy] = _zoe()
    Template.create(step=0, channel="linkedin", subject="", body=FIRST)
    Reminder.create(talent=talent, candidacy=candidacy, kind="next_step", due=NOW.date(), detail="say hello")
    app = make_app(settings=camille)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("2", "o")
        await settle(pilot)
        assert "Bonjour Zoé, Data Engineer chez Vélo Cargo ? — Camille" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert Touchpoint.get().template_key == "0:linkedin"


async def test_today_t_edits_the_followup_then_d_logs_the_edited_text(make_app, camille, opened):
    talent, [candidacy] = _zoe()
    touchpoints.log_touchpoint(talent, candidacy, "approach", NOW - dt.timedelta(days=2), camille)
    mission = Candidacy.get_by_id(candidacy).mission_id
    Template.create(step=1, channel="linkedin", mission=mission, subject="", body="Re {first_name}")
    app = make_app(settings=camille)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("2", "t")
        await settle(pilot)
        assert isinstance(app.screen, MessagePreviewModal)
        await type_text(pilot, ", une idée ?")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.clipboard == "Re Zoé, une idée ?"
        assert opened == ["https://www.linkedin.com/in/zoe"]
        await pilot.press("d")
        await settle(pilot)
        sent = Touchpoint.get(Touchpoint.kind == "followup")
        assert (sent.step, sent.summary, sent.template_key) == (1, "Re Zoé, une idée ?", f"1:linkedin:{mission}")


async def test_today_t_escape_copies_nothing(make_app, camille, opened):
    talent, [candidacy] = _zoe()
    touchpoints.log_touchpoint(talent, candidacy, "approach", NOW - dt.timedelta(days=2), camille)
    app = make_app(settings=camille)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("2", "t")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert (app.clipboard, opened) == ("", [])
        await wait_for_text(pilot, "Nothing copied.")


def _received(handler):
    return [email.message_from_bytes(e.content, policy=email.policy.default) for e in handler.envelopes]


async def test_today_e_sends_the_edited_subject_and_text(make_app, camille, smtp_server, monkeypatch):
    monkeypatch.setenv("SOURCER_TUI_SMTP_PASSWORD", "a-long-test-password")
    handler, port = smtp_server()
    settings = dataclasses.replace(
        camille, smtp=SmtpSettings(host="127.0.0.1", port=port, username="", from_address="sam@example.org", security="none"))
    talent, [candidacy] = _zoe()
    touchpoints.log_touchpoint(talent, candidacy, "approach", NOW - dt.timedelta(days=2), settings)
    Template.create(step=1, channel="email", subject="Re : {mission}", body="Bonjour {first_name}")
    app = make_app(settings=settings)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("2", "E")
        await wait_for_text(pilot, "Send to zoe@example.org")
        await type_text(pilot, ", un café ?")
        await pilot.press("shift+tab")  # to the subject
        await pilot.press("end")
        await type_text(pilot, " (suite)")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await wait_for_text(pilot, "Sent to zoe@example.org")
        [message] = _received(handler)
        assert message["Subject"] == "Re : Data Engineer (suite)"
        assert message.get_content().strip() == "Bonjour Zoé, un café ?"
        sent = Touchpoint.get(Touchpoint.kind == "followup")
        assert (sent.channel, sent.summary, sent.template_key, sent.step) == ("email", "Bonjour Zoé, un café ?", "1:email", 1)


async def test_today_e_escape_sends_nothing(make_app, camille, smtp_server, monkeypatch):
    monkeypatch.setenv("SOURCER_TUI_SMTP_PASSWORD", "a-long-test-password")
    handler, port = smtp_server()
    settings = dataclasses.replace(
        camille, smtp=SmtpSettings(host="127.0.0.1", port=port, username="", from_address="sam@example.org", security="none"))
    talent, [candidacy] = _zoe()
    touchpoints.log_touchpoint(talent, candidacy, "approach", NOW - dt.timedelta(days=2), settings)
    app = make_app(settings=settings)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("2", "E")
        await wait_for_text(pilot, "Send to zoe@example.org")
        await pilot.press("escape")
        await settle(pilot)
        await wait_for_text(pilot, "Not sent, nothing logged.")
        assert handler.envelopes == []
        assert Reminder.get(Reminder.kind == "followup").status == "pending"
        assert Touchpoint.select().where(Touchpoint.kind == "followup").count() == 0


async def test_templates_y_copies_the_filled_in_message(make_app, camille):
    _zoe()
    Template.create(step=0, channel="linkedin", subject="", body=FIRST)
    app = make_app(settings=camille)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("T")
        await settle(pilot)
        assert isinstance(app.screen, TemplatesScreen)
        await pilot.press("y")
        await settle(pilot)
        assert app.clipboard == "Bonjour Zoé, Data Engineer chez Vélo Cargo ? — Camille"
        await pilot.press("Y")
        await settle(pilot)
        assert app.clipboard == FIRST


async def test_stats_count_replies_per_template(make_app, camille, opened):
    talent, [candidacy] = _zoe()
    Template.create(step=0, channel="linkedin", subject="", body=FIRST)
    app = make_app(settings=camille)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("o")  # the row under "Sourced"
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        touchpoints.log_touchpoint(talent, candidacy, "reply_positive", NOW + dt.timedelta(hours=2), camille)
        await pilot.press("S")
        await settle(pilot)
        assert isinstance(app.screen, StatsScreen)
        shown = await wait_for_text(pilot, "By template")
        row = next(line for line in shown.splitlines() if "first message · LinkedIn" in line)
        assert [cell.strip() for cell in row.split("│")[1:5]] == ["first message · LinkedIn", "1", "1", "100.0%"]


async def test_first_message_is_in_the_help_and_the_palette(make_app, camille, opened):
    _zoe()
    app = make_app(settings=camille)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        sections = dict(app.key_sections())
        assert [b.id for b in sections["Approach a talent (Pipeline, Today, Snoozed, talent detail)"]] == ["talent.first_message"]
        await pilot.press("ctrl+p")
        await settle(pilot)
        await type_text(pilot, "First message")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MessagePreviewModal)
        assert "First message to Zoé Martin" in screen_text(app)
