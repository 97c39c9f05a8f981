"""The command line: clear one-line errors with exit code 2, no Textual for subcommands."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from sourcer_tui.cli import main


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environ = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "sourcer_tui", *args], capture_output=True, text=True, env=environ, timeout=60)


def one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2, result
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


@pytest.mark.parametrize(
    "content, expected",
    [
        ("[cadence\nsnooze_months = 3\n", "invalid TOML"),
        ("[cadense]\nsnooze_months = 3\n", 'unknown key "cadense"'),
        ("[cadence]\nsnooze_months = \"three\"\n", "cadence.snooze_months"),
        ("[cadence]\nfollowup_delays_days = [2, true]\n", "cadence.followup_delays_days"),
    ],
)
def test_invalid_config_exits_2_with_one_line(tmp_path, content, expected):
    config = tmp_path / "config.toml"
    config.write_text(content, encoding="utf-8")
    line = one_line_error(run_cli("--config", str(config), "--db", str(tmp_path / "x.db"), "today"))
    assert str(config) in line and expected in line


def test_config_from_environment_variable(tmp_path):
    config = tmp_path / "env.toml"
    config.write_text("[nope]\n", encoding="utf-8")
    line = one_line_error(run_cli("--db", str(tmp_path / "x.db"), "today", env={"SOURCER_TUI_CONFIG": str(config)}))
    assert str(config) in line


def test_garbage_file_as_database_exits_2(tmp_path):
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not a database, just some words " * 200)
    line = one_line_error(run_cli("--db", str(garbage), "today"))
    assert str(garbage) in line and "not a database" in line
    assert garbage.read_bytes().startswith(b"this is not a database")  # left untouched


def test_unwritable_database_path_exits_2(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    path = blocker / "sub" / "sourcer.db"  # its parent can never be created
    line = one_line_error(run_cli("--db", str(path), "today"))
    assert str(path) in line


def test_read_only_database_file_exits_2_for_a_write(tmp_path):
    """As a user without write permission (CI runs as root: the child drops to
    nobody): a command that writes exits 2 naming the file; one that reads works."""
    from sourcer_tui.db.database import close_database, open_database

    from ..hostile.files_helpers import give_away, home_env, in_child, unprivileged_dir

    with unprivileged_dir() as folder:
        path = folder / "ro.db"
        close_database(open_database(path))
        give_away(path)
        path.chmod(0o400)
        run = in_child("--db", path, "privacy", "extend", "1", unprivileged=True, env=home_env(folder))
        assert str(path) in run.one_line_error()
        assert in_child("--db", path, "today", unprivileged=True, env=home_env(folder)).code == 0


def test_database_directory_exits_2(tmp_path):
    line = one_line_error(run_cli("--db", str(tmp_path), "today"))
    assert "is a directory" in line


def test_today_json_lists_due_items_overdue_first(db_target, capsys):
    import datetime as dt

    from sourcer_tui.db.database import open_database
    from sourcer_tui.db.models import Reminder, Talent

    path = db_target  # a file's path, or a PostgreSQL database's URL
    open_database(path)
    talent = Talent.create(name="Émile [b]Zola[/b]")
    Reminder.create(talent=talent, kind="next_step", due=dt.date(2026, 11, 23), detail="call back")
    Reminder.create(talent=talent, kind="followup", step=2, due=dt.date(2026, 11, 20), detail="Follow-up 2/3")
    Reminder.create(talent=talent, kind="followup", step=3, due=dt.date(2026, 11, 30), detail="later")
    assert main(["--db", str(path), "today", "--date", "2026-11-23", "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert [(i["kind"], i["due"]) for i in items] == [("followup", "2026-11-20"), ("next_step", "2026-11-23")]
    assert items[0]["talent"] == "Émile [b]Zola[/b]" and items[0]["mission"] is None
    assert main(["--db", str(path), "today", "--date", "2026-11-23"]) == 0
    out = capsys.readouterr().out
    assert "3d late" in out and "Émile [b]Zola[/b]" in out


def test_today_bad_date_is_one_line(tmp_path):
    line = one_line_error(run_cli("--db", str(tmp_path / "x.db"), "today", "--date", "11/23/2026"))
    assert "--date" in line


def test_subcommands_do_not_import_textual(tmp_path):
    code = (
        "import sys; from sourcer_tui.cli import main; "
        f"main(['--db', {str(tmp_path / 'x.db')!r}, 'today']); "
        "print('textual' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_new_database_is_private(tmp_path):
    from sourcer_tui.db.database import open_database

    path = tmp_path / "data" / "sourcer.db"
    open_database(path).close()
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
