"""Issue 17, item 2: escape sequences never reach a terminal, a file or the database.

A JSON export whose every text carries an OSC title change, a CSI that
blanks the screen, a DCS query, a C1 CSI, NUL, a bare CR and DEL
(text_payloads.py) is imported with the real command; then every command's
output, every file written from it, every stored row and the app's screens
hold none of them.  A file written by an older version (raw rows) is cleaned
by migration 0014, and printed clean even before.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sourcer_tui.clock import FixedClock
from sourcer_tui.config import load_settings
from sourcer_tui.db.database import open_database
from sourcer_tui.domain.text import normalise_url

from ..ui.helpers import screen_text, settle
from .text_payloads import NASTY, control_characters, stored_controls, write_hostile_json

ARGUMENT = NASTY.replace("\x00", "")  # a command line cannot carry NUL
TODAY = dt.date.today()  # the CLI stands on the machine's day: the file's due items are today's

CONFIG = r'''
[profile]
name = "Camille\u001b]0;PWNED\u0007 Sourceuse"
[talent]
decline_reasons = ["Salary\u001b[2J", "Too far\u009b31m", "other"]
[smtp]
host = "127.0.0.1"
security = "none"
username = "me\u001bP+q\u001b\\"
from_address = "me@example.org"
'''


def _cli(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sourcer_tui", *args], capture_output=True, env=env, timeout=60)


def _clean(label: str, raw: bytes) -> str:
    text = raw.decode("utf-8")  # strict: never half a character either
    assert not control_characters(text), (label, control_characters(text))
    return text


def _clean_file(label: str, raw: bytes) -> str:
    """A CSV or a calendar ends its lines with CRLF (their formats say so): no other CR."""
    return _clean(label, raw.replace(b"\r\n", b"\n"))


@pytest.fixture
def hostile(tmp_path):
    """The hostile export imported by ``sourcer-tui import`` into a new file."""
    config = tmp_path / "config.toml"
    config.write_text(CONFIG, encoding="utf-8")
    env = {**os.environ, "SOURCER_TUI_CONFIG": str(config), "SOURCER_TUI_DB": str(tmp_path / "x.db")}
    source = write_hostile_json(tmp_path / "hostile.json", TODAY)
    result = _cli("import", str(source), env=env)
    assert result.returncode == 0, result.stderr
    _clean("import", result.stdout + result.stderr)
    return tmp_path, env


def test_every_stored_text_is_clean(hostile):
    folder, _ = hostile
    db = open_database(folder / "x.db")
    try:
        assert stored_controls(db) == []
        name = db.execute_sql("SELECT name FROM talent WHERE id = 1").fetchone()[0]
        assert name == "Zoé Martin]0;PWNED[2JP+q544e\\31mX end"  # readable words kept, one line
        notes = db.execute_sql("SELECT notes FROM talent WHERE id = 1").fetchone()[0]
        assert notes == "Notes\nsecond line]0;PWNED[2JP+q544e\\31m\nX end"  # the bare CR is a newline
        url, norm = db.execute_sql("SELECT linkedin_url, linkedin_norm FROM talent WHERE id = 1").fetchone()
        assert norm == normalise_url(url) == "linkedin.com/in/zoe]0;pwned[2jp+q544e\\31mx"  # found again by the stored URL
    finally:
        db.close()


def test_every_command_prints_and_writes_no_control_character(hostile):
    folder, env = hostile
    bad_csv = folder / "bad.csv"
    bad_csv.write_text(f"Who{NASTY},Where\nZoé,Paris\n", encoding="utf-8")
    people = folder / "people.csv"
    people.write_text(f"Name,Headline,Notes\nNew{NASTY} Person,Dev{NASTY},\"a\r\nb{NASTY}\"\n", encoding="utf-8")
    commands = [
        ("today",), ("today", "--json"),
        ("stats",), ("stats", "--json"), ("stats", "--csv"),
        ("send-due", "--dry-run"),
        ("export", "--format", "json", str(folder / "again.json")),
        ("export", "--format", "csv", str(folder / "out.csv")),
        ("ics", str(folder / "out.ics"), "--days", "30"),
        ("privacy", "review"),
        ("privacy", "export", "1", str(folder / "zoe.json")),
        ("import", str(people), "--dry-run"),
        ("import", str(bad_csv)),  # an error naming the file's columns
        ("import", str(people), "--map", f"Who{ARGUMENT}=name"),  # an error echoing an argument
        ("today", "--date", f"x{ARGUMENT}"),
        ("secrets", "check"),
        ("backup", str(folder / "copy.db")),
        ("privacy", "erase", "3", "--yes"),
    ]
    for command in commands:
        result = _cli(*command, env=env)
        assert b"Traceback" not in result.stderr, (command, result.stderr)
        _clean(" ".join(command), result.stdout + result.stderr)
        if result.returncode == 2:  # an expected error: one line
            assert len(result.stderr.decode().strip().splitlines()) == 1, (command, result.stderr)
    today = _cli("today", env=env).stdout.decode()
    assert "Zoé Martin]0;PWNED" in today  # the talent is there, shown literally
    assert "Camille]0;PWNED Sourceuse" not in today
    dry_run = _cli("send-due", "--dry-run", env=env).stdout.decode()
    assert "zoe@example.org" in dry_run and "Hello Zoé" in dry_run

    for name in ("again.json", "out.csv", "out.ics", "zoe.json"):
        _clean_file(name, (folder / name).read_bytes())
    again = json.loads((folder / "again.json").read_text(encoding="utf-8"))
    assert again["talents"][0]["name"].startswith("Zoé Martin")
    with (folder / "out.csv").open(encoding="utf-8-sig", newline="") as handle:
        names = [row[1] for row in csv.reader(handle)]
    assert any(name.startswith("Zoé Martin") for name in names), names
    assert "Zoé Martin" in (folder / "out.ics").read_text(encoding="utf-8")


def test_an_older_file_prints_clean_and_is_cleaned_when_opened(hostile):
    """Rows written around the data layer (an older version's JSON import, another
    program): every command prints them clean; migration 0014 cleans them."""
    folder, env = hostile
    db = open_database(folder / "x.db")
    db.execute_sql("UPDATE talent SET name = ?, headline = ? WHERE id = 1", (f"Zoé{NASTY}", f"Lead{NASTY}"))
    db.execute_sql("UPDATE reminder SET detail = ? WHERE id = 1", (f"Follow-up{NASTY}",))
    db.execute_sql("UPDATE template SET subject = ? WHERE id = 1", (f"Hello{NASTY} {{first_name}}",))
    assert stored_controls(db)
    db.close()
    for command in (("today",), ("today", "--json"), ("send-due", "--dry-run"), ("privacy", "export", "1", str(folder / "z.json"))):
        result = _cli(*command, env=env)
        _clean(" ".join(command), result.stdout + result.stderr)
    _cli("ics", str(folder / "old.ics"), env=env)
    _cli("export", "--format", "csv", str(folder / "old.csv"), env=env)
    for name in ("old.ics", "old.csv"):
        _clean_file(name, (folder / name).read_bytes())

    db = open_database(folder / "x.db")
    db.execute_sql("DELETE FROM schema_migration WHERE name = '0014_clean_text'")
    db.close()
    db = open_database(folder / "x.db")  # as a file of the previous version is opened: 0014 runs
    try:
        assert stored_controls(db) == []
        assert db.execute_sql("SELECT name FROM talent WHERE id = 1").fetchone()[0] == "Zoé]0;PWNED[2JP+q544e\\31mX"
    finally:
        db.close()


async def test_the_app_shows_no_control_character_anywhere(hostile):
    """Every pane, the talent screen, the capture form, Stats and the templates."""
    from sourcer_tui.app import make_app

    folder, _ = hostile
    settings = load_settings(folder / "config.toml")
    db = open_database(folder / "x.db")
    app = make_app(settings, db, FixedClock(dt.datetime.combine(TODAY, dt.time(10, 30))), db_label="hostile")
    seen: dict[str, str] = {}
    try:
        async with app.run_test(size=(160, 45)) as pilot:
            await settle(pilot)
            seen["main"] = screen_text(app)
            for key in ("2", "3", "4", "1"):
                await pilot.press(key)
                await settle(pilot)
                seen[f"pane {key}"] = screen_text(app)
            await pilot.press("m")
            await settle(pilot)
            seen["missions"] = screen_text(app)
            await pilot.press("down", "enter")
            await settle(pilot)
            await pilot.press("down", "enter")  # the first talent of the mission
            await settle(pilot)
            seen["talent from the pipeline"] = screen_text(app)
            await pilot.press("escape")
            for talent_id in (1, 2, 3):
                app.show_talent(talent_id)
                await settle(pilot)
                seen[f"talent {talent_id}"] = screen_text(app)
                await pilot.press("escape")
                await settle(pilot)
            await pilot.press("F")  # the feedback owed
            await settle(pilot)
            seen["capture"] = screen_text(app)
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("S")
            await settle(pilot)
            seen["stats"] = screen_text(app)
            await pilot.press("escape", "T")
            await settle(pilot)
            seen["templates"] = screen_text(app)
    finally:
        app.readers.close_all()
        db.close()
    assert "Zoé Martin]0;PWNED" in seen["talent 1"] and "Notes" in seen["talent 1"]
    assert "Told her" in seen["talent 1"] and "Understood" in seen["talent 2"] and "Ada Lovelace" in seen["pane 4"]
    assert "Zoé Martin" in seen["main"] and "Wake" not in seen["pane 2"]
    assert "Salary" in seen["stats"]
    for where, text in seen.items():
        assert not control_characters(text), (where, control_characters(text))
