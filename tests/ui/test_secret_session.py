"""A whole session with an SMTP password — stored, used to send, refused, a
background failure — and not one file the app wrote holds it."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from aiosmtpd.smtp import AuthResult

from sourcer_tui.config import ProfileSettings, SmtpSettings
from sourcer_tui.db.models import Reminder
from sourcer_tui.services import mail

from ..unit.test_secrets import FAKE_PASSWORD, memory_keyring  # noqa: F401  (fixture)
from .helpers import settle, wait_for_text
from .test_email_followups import _due_followup

SIZE = (160, 45)


def _smtp(port: int) -> SmtpSettings:
    return SmtpSettings(host="127.0.0.1", port=port, username="sam@example.org", from_address="sam@example.org", security="none")


async def _send_due(app, pilot) -> list[str]:
    """Today's pane, E on the due follow-up, y to send; the messages shown."""
    await settle(pilot)
    await pilot.press("2", "E")
    await wait_for_text(pilot, "Send to zoe@example.org")
    await pilot.press("ctrl+s")  # the editable preview sends on ctrl+s
    await settle(pilot)
    await app.workers.wait_for_complete()
    await settle(pilot)
    return [n.message for n in app._notifications]


async def test_a_session_writes_the_password_nowhere(db, make_app, clock, settings, smtp_server, memory_keyring, monkeypatch, tmp_path):
    seen: list[bytes] = []

    def accept(server, session, envelope, mechanism, auth_data):
        seen.append(auth_data.password)
        return AuthResult(success=auth_data.password == FAKE_PASSWORD.encode())

    def refuse(server, session, envelope, mechanism, auth_data):
        return AuthResult(success=False, handled=False)  # aiosmtpd answers 535

    handler, good = smtp_server(auth_require_tls=False, authenticator=accept)
    _, bad = smtp_server(auth_require_tls=False, authenticator=refuse)
    mail.store_password("sam@example.org", FAKE_PASSWORD)  # the keyring, as `secrets set smtp` does
    settings = dataclasses.replace(settings, profile=ProfileSettings(name="Sam"), smtp=_smtp(good))
    reminder = _due_followup(clock.now(), settings)

    # 1. sent, with the password from the keyring
    app = make_app(settings=settings)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        shown = await _send_due(app, pilot)
    assert seen == [FAKE_PASSWORD.encode()] and len(handler.envelopes) == 1
    assert Reminder.get_by_id(reminder.id).status == "done"
    messages = list(shown)

    # 2. the server refuses the login: said, without the password
    Reminder.update(due=clock.today()).where(Reminder.status == "pending", Reminder.kind == "followup").execute()
    app = make_app(settings=dataclasses.replace(settings, smtp=_smtp(bad)))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        shown = await _send_due(app, pilot)
    assert any("refused the username or password" in m for m in shown), shown
    messages += shown

    # 3. an unexpected failure while sending: a log with the traceback (the
    # password was a local of the failing frames), and a message saying where
    import aiosmtplib

    async def broken(*args, **kwargs):
        raise RuntimeError("simulated failure inside the mail library")

    monkeypatch.setattr(aiosmtplib, "send", broken)
    app = make_app(settings=settings)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        shown = await _send_due(app, pilot)
    [failed] = [m for m in shown if m.startswith("Sending the email failed: simulated failure")]
    log = Path(failed.rsplit(" ", 1)[1])
    assert "send_message" in log.read_text()  # the frame that held the password
    messages += shown

    assert not [m for m in messages if FAKE_PASSWORD in m]
    home = Path(os.environ["HOME"])  # config, data and logs of this test (tests/conftest.py)
    files = [p for root in (home, tmp_path) for p in root.rglob("*") if p.is_file()]
    assert log in files and Path(db.database) in files
    secret = FAKE_PASSWORD.encode()
    assert not [p for p in files if secret in p.read_bytes()]
