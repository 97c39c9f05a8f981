"""Issue 17, item 5: two senders never send one email twice.

Two ``send-due`` at once, and ``send-due`` against ``E`` in the app, on one
database file and one real SMTP server (aiosmtpd on 127.0.0.1): each due
follow-up is claimed before it is sent, so each recipient gets exactly one
email, every item is logged once, and the sender that finds an item claimed
skips it with a line saying who has it — never a traceback.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import os
import subprocess
import sys
import threading
import time

import pytest

from sourcer_tui.clock import SystemClock
from sourcer_tui.config import Settings, SmtpSettings
from sourcer_tui.db.models import Reminder, Template, Touchpoint
from sourcer_tui.services import mail, missions, pipeline, sending, talents, touchpoints
from sourcer_tui.services.errors import Conflict

from ..smtp_helpers import Collector, RefuseRecipient
from ..ui.helpers import settle, wait_for_text

SETTINGS = Settings()


def _due_followups(count: int, now: dt.datetime) -> list[str]:
    """*count* talents, each with an email follow-up due today; returns their addresses."""
    mission = missions.create_mission({"title": "Data Engineer"}, now)
    Template.create(step=1, channel="email", subject="Re : {mission}", body="Bonjour {first_name}")
    addresses = []
    for n in range(count):
        address = f"talent{n}@example.org"
        talent = talents.create_talent({"name": f"Talent {n}", "email": address}, ["other"], now)
        candidacy = pipeline.add_to_mission(talent, mission, now)
        touchpoints.log_touchpoint(talent, candidacy, "approach", now - dt.timedelta(days=3), SETTINGS)
        addresses.append(address)
    Reminder.update(due=now.date()).where(Reminder.kind == "followup").execute()
    return addresses


def _env(tmp_path, port: int) -> dict:
    config = tmp_path / "config.toml"
    config.write_text(f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nusername = ""\nfrom_address = "me@example.org"\n'
                      'security = "none"\n', encoding="utf-8")
    return {**os.environ, "SOURCER_TUI_CONFIG": str(config), "SOURCER_TUI_SMTP_PASSWORD": "unused"}


class BothAtOnce(Collector):
    """Holds the first message until a second one arrives: both senders are then
    mid-batch at the same moment, whatever the speed of their start-up."""

    def __init__(self) -> None:
        super().__init__()
        self.arrived = 0
        self.both: asyncio.Event | None = None

    async def handle_DATA(self, server, session, envelope):
        if self.both is None:
            self.both = asyncio.Event()
        self.arrived += 1
        if self.arrived >= 2:
            self.both.set()
        try:
            await asyncio.wait_for(self.both.wait(), 10)
        except asyncio.TimeoutError:
            pass
        return await super().handle_DATA(server, session, envelope)


class Held(Collector):
    """Holds every message until the test lets it through."""

    def __init__(self) -> None:
        super().__init__()
        self.go = threading.Event()
        self.waiting = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.waiting.set()
        await asyncio.get_running_loop().run_in_executor(None, self.go.wait, 20)
        return await super().handle_DATA(server, session, envelope)


def _recipients(handler) -> list[str]:
    return sorted(r for envelope in handler.envelopes for r in envelope.rcpt_tos)


def test_two_send_due_at_once_send_each_email_once(db, tmp_path, smtp_server):
    handler, port = smtp_server(BothAtOnce())
    addresses = _due_followups(8, SystemClock().now())
    command = [sys.executable, "-m", "sourcer_tui", "--db", db.database, "send-due", "--yes"]
    env = _env(tmp_path, port)
    senders = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) for _ in range(2)]
    results = [(p.wait(timeout=60), *p.communicate()) for p in senders]
    for code, out, err in results:
        assert code == 0 and "Traceback" not in err, (code, out, err)
    assert handler.arrived >= 2  # they did overlap
    assert _recipients(handler) == sorted(addresses)  # one email each, none twice
    assert Touchpoint.select().where(Touchpoint.kind == "followup").count() == 8  # logged once each
    assert Reminder.select().where((Reminder.kind == "followup") & (Reminder.step == 1) & (Reminder.status == "done")).count() == 8
    assert Reminder.select().where(Reminder.claimed_by.is_null(False)).count() == 0
    sent = [line for _, out, _ in results for line in out.splitlines() if line.startswith("sent to")]
    assert len(sent) == 8
    skipped = [line for _, _, err in results for line in err.splitlines() if line.startswith("skipped")]
    assert all(" is emailing it since " in line or "already done" in line for line in skipped), skipped


async def test_the_app_and_send_due_never_send_one_email_twice(make_app, db, settings, tmp_path, smtp_server, monkeypatch):
    """The app claims first (its send held by the server): send-due skips it,
    saying who has it.  Then send-due claims first: E says who has it."""
    monkeypatch.setenv("SOURCER_TUI_SMTP_PASSWORD", "unused")
    handler, port = smtp_server(Held())
    clock = SystemClock()
    first, second = _due_followups(2, clock.now())
    settings = dataclasses.replace(settings, smtp=SmtpSettings(host="127.0.0.1", port=port, username="", from_address="me@example.org", security="none"))
    command = [sys.executable, "-m", "sourcer_tui", "--db", db.database, "send-due", "--yes"]
    app = make_app(settings=settings, clock=clock)
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("2", "E")
        await wait_for_text(pilot, f"Send to {first}")
        await pilot.press("ctrl+s")  # the editable preview sends on ctrl+s
        assert await asyncio.to_thread(handler.waiting.wait, 20)  # the app is mid-send of the first
        runner = asyncio.create_task(asyncio.to_thread(
            subprocess.run, command, capture_output=True, text=True, env=_env(tmp_path, port), timeout=60))
        # send-due skips the first (claimed by the app) and sends the second: let the server through
        await asyncio.to_thread(_wait_until, lambda: _claimed(second))
        handler.go.set()
        cli = await runner
        await settle(pilot)
        await wait_for_text(pilot, f"Sent to {first}")
        assert cli.returncode == 0 and "Traceback" not in cli.stderr, cli
        assert f"skipped {first}: the app (pid " in cli.stderr and " is emailing it since " in cli.stderr
        assert _recipients(handler) == sorted([first, second])  # one each

        # Now send-due holds the next one mid-send, and E is pressed on it.
        handler.go.clear()
        handler.waiting.clear()
        Reminder.update(due=clock.today()).where((Reminder.kind == "followup") & (Reminder.status == "pending")).execute()
        third = Reminder.get((Reminder.kind == "followup") & (Reminder.status == "pending") & (Reminder.talent == 1))
        Reminder.delete().where((Reminder.kind == "followup") & (Reminder.status == "pending") & (Reminder.id != third.id)).execute()
        runner = asyncio.create_task(asyncio.to_thread(
            subprocess.run, command, capture_output=True, text=True, env=_env(tmp_path, port), timeout=60))
        assert await asyncio.to_thread(handler.waiting.wait, 20)  # send-due is mid-send
        app.screen.reload_all()
        await settle(pilot)
        await pilot.press("2", "E")
        await wait_for_text(pilot, f"Send to {first}")
        await pilot.press("ctrl+s")  # the editable preview sends on ctrl+s
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("Not sent: send-due (pid ") and " is emailing it since " in m for m in messages), messages
        handler.go.set()
        cli = await runner
        assert cli.returncode == 0 and "Traceback" not in cli.stderr, cli
    assert _recipients(handler) == sorted([first, first, second])  # the first talent's two follow-ups, once each
    assert Reminder.get_by_id(third.id).status == "done"
    assert Touchpoint.select().where(Touchpoint.kind == "followup").count() == 3


def _claimed(address: str) -> bool:
    from sourcer_tui.db.models import Talent

    talent = Talent.get(Talent.email == address)
    return Reminder.select().where((Reminder.talent == talent.id) & Reminder.claimed_by.is_null(False)).exists()


def _wait_until(condition, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.02)


def test_a_claim_skips_a_fresh_one_takes_over_a_stale_one_and_a_failure_releases(db):
    now = dt.datetime(2026, 11, 23, 10, 30)
    _due_followups(1, now)
    reminder = Reminder.get(Reminder.kind == "followup")
    sending.claim(reminder.id, "send-due (pid 1, host) #aaaa", now)
    with pytest.raises(sending.ClaimedElsewhere, match=r"^send-due \(pid 1, host\) is emailing it since 10:30$"):
        sending.claim(reminder.id, "the app (pid 2, host) #bbbb", now + dt.timedelta(minutes=9))
    taken = sending.claim(reminder.id, "the app (pid 2, host) #bbbb", now + dt.timedelta(minutes=11))
    assert taken.took_over_text() == "took it over from send-due (pid 1, host), whose claim of 10:30 was over 10 minutes old"
    sending.release(reminder.id, "send-due (pid 1, host) #aaaa")  # not its claim any more: nothing happens
    assert Reminder.get_by_id(reminder.id).claimed_by == "the app (pid 2, host) #bbbb"
    sending.release(reminder.id, "the app (pid 2, host) #bbbb")
    assert Reminder.get_by_id(reminder.id).claimed_by is None
    sending.claim(reminder.id, "x #1", now)
    sending.complete(reminder.id, "x #1", now, SETTINGS, message="Bonjour")
    done = Reminder.get_by_id(reminder.id)
    assert (done.status, done.claimed_by, done.claimed_at) == ("done", None, None)
    with pytest.raises(Conflict, match="already done"):
        sending.claim(reminder.id, "y #2", now)


def test_a_refused_send_releases_the_claim(db, tmp_path, smtp_server):
    _, port = smtp_server(RefuseRecipient())
    (address,) = _due_followups(1, SystemClock().now())
    result = subprocess.run([sys.executable, "-m", "sourcer_tui", "--db", db.database, "send-due", "--yes"],
                            capture_output=True, text=True, env=_env(tmp_path, port), timeout=60)
    assert result.returncode == 1 and f"NOT sent to {address}, nothing logged" in result.stderr
    reminder = Reminder.get(Reminder.kind == "followup")
    assert (reminder.status, reminder.claimed_by, reminder.claimed_at) == ("pending", None, None)  # due, anyone may send it


def test_d_or_x_on_a_follow_up_being_emailed_waits_for_the_send(db):
    """Today's d (or x) while send-due is emailing that follow-up: refused with who is
    sending it, instead of "sent, but not logged" for the sender; once the claim is
    released (a failed send), d works."""
    from sourcer_tui.services import reminders

    now = dt.datetime(2026, 11, 23, 9, 0)
    _due_followups(1, now)
    item = Reminder.get(Reminder.kind == "followup")
    owner = sending.sender_name("send-due")
    sending.claim(item.id, owner, now)
    for act in (lambda: reminders.complete(item.id, now, SETTINGS), lambda: reminders.skip(item.id, now, SETTINGS)):
        with pytest.raises(Conflict, match="send-due .* is emailing it right now"):
            act()
    assert Reminder.get_by_id(item.id).status == "pending"
    sending.release(item.id, owner)
    reminders.complete(item.id, now, SETTINGS)
    assert Reminder.get_by_id(item.id).status == "done"
