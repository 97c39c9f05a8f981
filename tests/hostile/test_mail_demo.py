"""Issue 17, item 6: demo data mails nobody.

Demo and scale data use reserved names only (RFC 2606 / 6761: example.com,
.org, .net, .test, .invalid), in addresses and profile links alike; and a
demo file (``--demo``, or any file ``demo-data`` made) refuses to send mail
at all unless the SMTP server is on this machine — one line from the CLI,
one message in the app.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import subprocess
import sys
from urllib.parse import urlsplit

import pytest

from sourcer_tui.config import SmtpSettings
from sourcer_tui.db import meta
from sourcer_tui.db.database import open_database
from sourcer_tui.db.models import Talent
from sourcer_tui.demo import build_demo, build_scale

from ..ui.helpers import settle

RESERVED = ("example.com", "example.org", "example.net")
_ADDRESS = re.compile(r"[\w.+-]+@([\w.-]+)")
_URL = re.compile(r"https?://[^\s\"')]+")


def _reserved(domain: str) -> bool:
    domain = domain.lower().rstrip(".")
    return domain in RESERVED or domain.endswith((".example.com", ".example.org", ".example.net", ".test", ".invalid"))


def _every_text(db) -> list[str]:
    texts = []
    for table in ("mission", "talent", "candidacy", "touchpoint", "snooze", "reminder", "template"):
        columns = [c.name for c in db.get_columns(table) if c.data_type.upper().startswith(("VARCHAR", "TEXT"))]
        for row in db.execute_sql(f"SELECT {', '.join(columns)} FROM {table}").fetchall():
            texts += [value for value in row if isinstance(value, str) and value]
    return texts


@pytest.mark.parametrize("build", ["demo", "scale"])
def test_demo_and_scale_data_use_reserved_names_only(tmp_path, build):
    db = open_database(tmp_path / "demo.db")
    try:
        if build == "demo":
            build_demo(db, dt.date(2026, 11, 23))
        else:
            build_scale(db, dt.date(2026, 11, 23), talents=600, touchpoints=4000)
        texts = _every_text(db)
        domains = [m.group(1) for text in texts for m in _ADDRESS.finditer(text)]
        hosts = [urlsplit(m.group(0)).hostname for text in texts for m in _URL.finditer(text)]
        assert len(domains) > 100 and len(hosts) > 100
        assert [d for d in domains if not _reserved(d)] == []
        assert [h for h in hosts if not _reserved(h)] == []
        emails = [e for (e,) in db.execute_sql("SELECT email FROM talent WHERE email != ''").fetchall()]
        assert all(_reserved(e.rpartition("@")[2]) for e in emails)
        assert meta.is_demo()  # the file says it is a demo
    finally:
        db.close()


def _run(*args, env):
    return subprocess.run([sys.executable, "-m", "sourcer_tui", *args], capture_output=True, text=True, env=env, timeout=60)


def _config(tmp_path, host: str, port: int, security: str, username: str = "me"):
    path = tmp_path / "config.toml"
    path.write_text(f'[smtp]\nhost = "{host}"\nport = {port}\nusername = "{username}"\nfrom_address = "me@example.org"\n'
                    f'security = "{security}"\n', encoding="utf-8")
    return path


def _pending_emails(path) -> int:
    db = open_database(path)
    try:
        return db.execute_sql("SELECT COUNT(*) FROM reminder WHERE kind = 'followup' AND status = 'pending'").fetchone()[0]
    finally:
        db.close()


def test_a_demo_file_refuses_to_send_through_a_real_server(tmp_path):
    env = {**os.environ, "SOURCER_TUI_SMTP_PASSWORD": "x",
           "SOURCER_TUI_CONFIG": str(_config(tmp_path, "smtp.example.org", 587, "starttls"))}
    made = tmp_path / "made.db"
    assert _run("demo-data", "--db", str(made), env=env).returncode == 0
    before = _pending_emails(made)
    assert "would be sent" in _run("send-due", "--db", str(made), "--dry-run", env=env).stdout  # listing is fine
    for command in (("send-due", "--db", str(made), "--yes"), ("send-due", "--demo", "--yes"), ("--demo", "send-due", "--yes")):
        result = _run(*command, env=env)
        assert result.returncode == 2 and result.stdout == "", (command, result)
        assert result.stderr.strip().splitlines() == [
            'sourcer-tui: error: this is demo data: it sends mail only to a test server on this machine '
            '([smtp] host = "localhost"), never through smtp.example.org'
        ]
    assert _pending_emails(made) == before  # nothing sent, nothing logged


def test_a_demo_file_sends_to_a_test_server_on_this_machine(tmp_path, smtp_server):
    handler, port = smtp_server()
    env = {**os.environ, "SOURCER_TUI_SMTP_PASSWORD": "x",
           "SOURCER_TUI_CONFIG": str(_config(tmp_path, "127.0.0.1", port, "none", username=""))}
    made = tmp_path / "made.db"
    assert _run("demo-data", "--db", str(made), env=env).returncode == 0
    result = _run("send-due", "--db", str(made), "--yes", env=env)
    assert result.returncode == 0, result.stderr
    recipients = [r for envelope in handler.envelopes for r in envelope.rcpt_tos]
    assert recipients and all(_reserved(r.rpartition("@")[2]) for r in recipients)


async def test_the_app_on_demo_data_refuses_to_email_through_a_real_server(make_app, db, settings, clock, monkeypatch):
    monkeypatch.setenv("SOURCER_TUI_SMTP_PASSWORD", "x")
    build_demo(db, clock.today())
    settings = dataclasses.replace(settings, smtp=SmtpSettings(host="smtp.example.org", username="me", from_address="me@example.org"))
    app = make_app(settings=settings)
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(pilot)
        today = app.screen.query_one("#today")
        rows = [today.list.rows.get(i) for i in range(today.list.rows.total)]
        emailed = next(i for i, r in enumerate(rows) if r.kind == "followup" and Talent.get_by_id(r.talent_id).email)
        await pilot.press("2", *["down"] * emailed, "E")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("this is demo data: it sends mail only to a test server on this machine" in m for m in messages), messages
        assert app.screen is app.main_screen  # no "Send to …?" question
