"""A database the user cannot write: read commands work, write commands stop
in one line, the app opens read-only with a banner and every writing key says
why it can't.  CI runs as root, whom permissions do not stop: the commands
run in a child that drops to ``nobody``; the app, in this process, opens the
file read-only on purpose (what the start-up probe finds on a 0400 file)."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from sourcer_tui.clock import FixedClock
from sourcer_tui.config import Settings
from sourcer_tui.db.database import close_database, open_database, read_only_reason
from sourcer_tui.db.models import Mission, Talent, Touchpoint

from ..conftest import NOW
from ..ui.helpers import screen_text, settle, wait_for_text
from .files_helpers import demo_file, digest, give_away, home_env, in_child, unprivileged_dir

READS = [["today"], ["today", "--json"], ["stats"], ["export", "OUT.json"], ["export", "OUT.csv"], ["ics", "OUT.ics"],
         ["privacy", "review"], ["privacy", "export", "3", "SAR.json"], ["send-due", "--dry-run"], ["import", "IN.csv", "--dry-run"]]
WRITES = [["import", "IN.csv"], ["privacy", "erase", "3", "--yes"], ["privacy", "anonymise", "3", "--yes"],
          ["privacy", "extend", "3"], ["send-due", "--yes"], ["demo-data"]]


@pytest.fixture
def read_only_file():
    """A demo database, mode 0400, owned by the unprivileged user, in a folder
    it can write (so only the file's own mode says no)."""
    with unprivileged_dir() as folder:
        path = demo_file(folder / "ro.db")
        (folder / "IN.csv").write_text("name,email\nAda Lovelace,ada@example.org\n")
        for item in folder.iterdir():
            give_away(item)
        path.chmod(0o400)
        yield folder, path


def args(folder, path, command):
    return ["--db", path, *[str(folder / a) if a.isupper() or a.endswith((".json", ".csv", ".ics")) else a for a in command]]


def test_the_probe_sees_what_begin_immediate_does_not(read_only_file):
    folder, path = read_only_file
    code = in_child("--db", path, "privacy", "extend", "3", unprivileged=True, env=home_env(folder))
    assert "read-only database (no write permission on the file)" in code.one_line_error()


@pytest.mark.parametrize("command", READS, ids=" ".join)
def test_read_commands_work_on_a_read_only_file(read_only_file, command):
    folder, path = read_only_file
    before = digest(path)
    run = in_child(*args(folder, path, command), unprivileged=True, env=home_env(folder))
    assert run.code == 0, run
    assert "Traceback" not in run.err
    assert digest(path) == before


@pytest.mark.parametrize("command", WRITES, ids=" ".join)
def test_write_commands_stop_in_one_line(read_only_file, command):
    folder, path = read_only_file
    before = digest(path)
    run = in_child(*args(folder, path, command), unprivileged=True, env=home_env(folder))
    line = run.one_line_error()
    assert line == f"sourcer-tui: error: {path}: read-only database (no write permission on the file); this command writes to it, nothing done"
    assert digest(path) == before


def test_a_side_file_left_read_only_is_named(read_only_file):
    """A read-only session leaves -wal/-shm with the file's mode: once the file
    is writable again, the message names them instead of saying nothing."""
    folder, path = read_only_file
    assert in_child("--db", path, "today", unprivileged=True, env=home_env(folder)).code == 0
    shm = folder / "ro.db-shm"
    assert shm.exists() and not (os.stat(shm).st_mode & 0o200)
    path.chmod(0o600)
    line = in_child("--db", path, "privacy", "extend", "3", unprivileged=True, env=home_env(folder)).one_line_error()
    assert "no write permission on ro.db-shm" in line and "delete ro.db-wal and ro.db-shm" in line


# -- the app -----------------------------------------------------------------------


@pytest.fixture
def read_only_app(tmp_path):
    from sourcer_tui.app import make_app

    path = demo_file(tmp_path / "shared.db")
    db = open_database(path, read_only=True)
    assert read_only_reason(db) == "opened read-only"
    app = make_app(Settings(), db, FixedClock(NOW), db_label=str(path))
    yield app, db, path
    close_database(db, app.readers)


def counts():
    return Mission.select().count(), Talent.select().count(), Touchpoint.select().count()


REFUSAL = "Read-only database (opened read-only): nothing can be changed."


async def test_the_app_shows_a_banner_and_every_writing_key_says_why(read_only_app):
    app, db, path = read_only_app
    before = counts()
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(pilot)
        assert f"READ-ONLY — opened read-only: {path}" in screen_text(app)
        main = app.screen
        # Pipeline: new talent, edit, new mission, stage moves, a call, a snooze
        for key in ("n", "e", "M", "E", "a", "right_square_bracket", "s", "c", "i", "l", "L", "z", "F", "I"):
            app.clear_notifications()
            await pilot.press(key)
            await settle(pilot)
            assert app.screen is main, key  # nothing opened
            assert [n.message.split(" Quit")[0] for n in app._notifications] == [REFUSAL], key
        # Today: done, reschedule, skip, email; Capture: write the feedback owed; Snoozed: wake
        for pane, keys in (("2", ("d", "r", "x", "E")), ("3", ("f", "enter")), ("4", ("w",))):
            await pilot.press(pane)
            for key in keys:
                app.clear_notifications()
                await pilot.press(key)
                await settle(pilot)
                assert app.screen is main, (pane, key)
                assert [n.message.split(" Quit")[0] for n in app._notifications] == [REFUSAL], (pane, key)
        # reading still works: templates (not their edits), a talent (not its edits), stats
        await pilot.press("1", "T")
        await settle(pilot)
        screen = app.screen
        assert screen is not main
        for key in ("e", "x"):
            app.clear_notifications()
            await pilot.press(key)
            await settle(pilot)
            assert app.screen is screen, key
            assert [n.message.split(" Quit")[0] for n in app._notifications] == [REFUSAL], key
        await pilot.press("escape", "1", "down", "enter")
        await settle(pilot)
        assert app.screen is not main
        for key in ("e", "a", "f", "t", "delete", "D"):
            app.clear_notifications()
            screen = app.screen
            await pilot.press(key)
            await settle(pilot)
            assert app.screen is screen, key
            assert [n.message.split(" Quit")[0] for n in app._notifications] == [REFUSAL], key
        await pilot.press("escape", "S")
        await wait_for_text(pilot, "By source channel")
    assert counts() == before


async def test_the_command_palette_refuses_the_same_way(read_only_app):
    app, db, path = read_only_app
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"New talent")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert any(n.message.startswith(REFUSAL) for n in app._notifications)
        assert app.screen is app.main_screen


def test_a_write_that_slips_through_is_refused_with_the_reason(tmp_path):
    """The last line of defence: any write transaction on a read-only
    database is a ServiceError every flow already shows, never a crash."""
    from sourcer_tui.services import talents
    from sourcer_tui.services.errors import ReadOnly

    path = tmp_path / "x.db"
    close_database(open_database(path))
    open_database(path, read_only=True)
    with pytest.raises(ReadOnly, match=r"read-only database \(opened read-only\): nothing can be changed"):
        talents.create_talent({"name": "Zoé"}, ["other"], dt.datetime(2026, 11, 23))
