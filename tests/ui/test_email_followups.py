"""Emailing follow-ups through a real SMTP server on 127.0.0.1 (aiosmtpd)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import email
import email.policy

from sourcer_tui.cli import main
from sourcer_tui.clock import SystemClock
from sourcer_tui.config import ProfileSettings, Settings, SmtpSettings
from sourcer_tui.db.models import Reminder, Template, Touchpoint
from sourcer_tui.services import missions, pipeline, talents, touchpoints

from ..smtp_helpers import RefuseRecipient
from .helpers import screen_text, settle, wait_for_text

BODY = "Bonjour {first_name}, toujours partant·e pour {mission} ? [b]pas de markup[/b] — {my_name}"


def _due_followup(now: dt.datetime, settings: Settings):
    mission = missions.create_mission({"title": "Data Engineer"}, now)
    talent = talents.create_talent({"name": "Zoé Martin", "email": "zoe@example.org"}, ["other"], now)
    candidacy = pipeline.add_to_mission(talent, mission, now)
    touchpoints.log_touchpoint(talent, candidacy, "approach", now - dt.timedelta(days=3), settings)
    Reminder.update(due=now.date()).where(Reminder.kind == "followup").execute()
    Template.create(step=1, channel="email", subject="Re : {mission}", body=BODY)
    return Reminder.get(Reminder.kind == "followup")


def _config(tmp_path, port: int):
    path = tmp_path / "config.toml"
    path.write_text(
        f'[profile]\nname = "Sam"\n[smtp]\nhost = "127.0.0.1"\nport = {port}\nusername = ""\n'
        'from_address = "sam@example.org"\nsecurity = "none"\n',
        encoding="utf-8",
    )
    return path


def _received(handler):
    return [email.message_from_bytes(e.content, policy=email.policy.default) for e in handler.envelopes]


def test_send_due_delivers_and_logs(db, smtp_server, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SOURCER_TUI_SMTP_PASSWORD", "not-used-by-this-server")
    handler, port = smtp_server()
    reminder = _due_followup(SystemClock().now(), Settings())
    args = ["--config", str(_config(tmp_path, port)), "--db", db.database, "send-due"]
    assert main([*args, "--dry-run"]) == 0
    assert "zoe@example.org" in capsys.readouterr().out and handler.envelopes == []
    assert main([*args, "--yes"]) == 0
    [message] = _received(handler)
    assert handler.envelopes[0].rcpt_tos == ["zoe@example.org"]
    assert message["Subject"] == "Re : Data Engineer"
    assert message.get_content().strip() == "Bonjour Zoé, toujours partant·e pour Data Engineer ? [b]pas de markup[/b] — Sam"
    assert Reminder.get_by_id(reminder.id).status == "done"
    sent = Touchpoint.get(Touchpoint.kind == "followup")
    assert (sent.step, sent.channel, sent.summary) == (1, "email", message.get_content().strip())
    assert sent.template_key == "1:email"  # the template it came from (Stats: By template)
    assert Reminder.get(Reminder.kind == "followup", Reminder.status == "pending").step == 2  # the next one is planned


def test_refusing_server_leaves_the_followup_due_and_unlogged(db, smtp_server, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SOURCER_TUI_SMTP_PASSWORD", "a-long-test-password")
    _, port = smtp_server(RefuseRecipient())
    reminder = _due_followup(SystemClock().now(), Settings())
    assert main(["--config", str(_config(tmp_path, port)), "--db", db.database, "send-due", "--yes"]) == 1
    assert "550 no such user" in capsys.readouterr().err
    assert Reminder.get_by_id(reminder.id).status == "pending"
    assert Touchpoint.select().where(Touchpoint.kind == "followup").count() == 0


async def test_email_key_in_today(make_app, clock, settings, smtp_server, monkeypatch):
    monkeypatch.setenv("SOURCER_TUI_SMTP_PASSWORD", "a-long-test-password")
    handler, port = smtp_server()
    settings = dataclasses.replace(
        settings,
        profile=ProfileSettings(name="Sam"),
        smtp=SmtpSettings(host="127.0.0.1", port=port, username="", from_address="sam@example.org", security="none"),
    )
    reminder = _due_followup(clock.now(), settings)
    app = make_app(settings=settings)
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("2", "E")
        await wait_for_text(pilot, "Send to zoe@example.org")  # the editable preview: ctrl+s sends
        assert "Bonjour Zoé, toujours partant·e pour Data Engineer ? [b]pas de markup[/b] — Sam" in screen_text(app)
        assert handler.envelopes == []  # nothing sent before the confirm key
        await pilot.press("ctrl+s")
        await settle(pilot)
        await wait_for_text(pilot, "Sent to zoe@example.org")
        [message] = _received(handler)
        assert message.get_content().strip().startswith("Bonjour Zoé")
        assert Reminder.get_by_id(reminder.id).status == "done"
        assert "Today (0)" in screen_text(app)


async def test_email_key_without_smtp_config_says_how_to_fix(make_app, clock, settings):
    _due_followup(clock.now(), settings)
    app = make_app()
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("2", "E")
        await wait_for_text(pilot, "email sending is off")
        assert Reminder.get(Reminder.kind == "followup").status == "pending"
