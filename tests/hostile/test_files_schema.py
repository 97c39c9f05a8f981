"""Files that are not this version's: a newer schema, another program's
SQLite file, a damaged file.  Every command refuses in one line and leaves
the file as it was (a damaged one: naming the last backup)."""

from __future__ import annotations

import random
import sqlite3

import pytest

from sourcer_tui.db.database import close_database, known_migrations, open_database

from ..ui.helpers import settle
from .files_helpers import cli, demo_file, digest, leftovers

OURS = max(int(name[:4]) for name in known_migrations())

#: Every command that opens the database, then the app itself (no command).
COMMANDS = {
    "today": ["today"],
    "stats": ["stats"],
    "export": ["export", "OUT.json"],
    "ics": ["ics", "OUT.ics"],
    "import": ["import", "IN.csv"],
    "backup": ["backup", "COPY.db"],
    "privacy review": ["privacy", "review"],
    "send-due": ["send-due", "--dry-run"],
    "the app": [],
}


def argv(tmp_path, path, name):
    return ["--db", str(path), *[str(tmp_path / a) if a.isupper() or "." in a else a for a in COMMANDS[name]]]


@pytest.fixture
def inputs(tmp_path, monkeypatch):
    (tmp_path / "IN.csv").write_text("name,email\nAda Lovelace,ada@example.org\n")

    def started(self, *args, **kwargs):
        raise AssertionError("the app started on this file")

    monkeypatch.setattr("sourcer_tui.app.SourcerApp.run", started)  # "the app": refused before Textual starts
    return tmp_path




def tables(path):
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return sorted(row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
    finally:
        connection.close()


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_newer_schema_is_refused_and_left_as_it_was(inputs, tmp_path, name):
    path = demo_file(tmp_path / "newer.db")
    connection = sqlite3.connect(path)
    connection.execute("INSERT INTO schema_migration (name, applied) VALUES ('0099_from_the_future', '2027-06-01')")
    connection.commit()
    connection.close()
    before = digest(path)
    line = cli(*argv(tmp_path, path, name)).one_line_error()
    assert line == f"sourcer-tui: error: {path}: made by a newer sourcer-tui (schema 99 > {OURS}); upgrade sourcer-tui to open it"
    assert digest(path) == before
    assert not (tmp_path / "OUT.json").exists() and not (tmp_path / "COPY.db").exists()


def test_an_unknown_migration_of_a_lower_number_is_refused_too(tmp_path):
    path = demo_file(tmp_path / "branch.db")
    connection = sqlite3.connect(path)
    connection.execute("INSERT INTO schema_migration (name, applied) VALUES ('0003_someone_elses', '2027-06-01')")
    connection.commit()
    connection.close()
    before = digest(path)
    line = cli("--db", path, "today").one_line_error()
    assert "made by another version of sourcer-tui (its schema has 0003_someone_elses, unknown here)" in line
    assert digest(path) == before


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_another_programs_database_is_refused_and_left_as_it_was(inputs, tmp_path, name):
    path = tmp_path / "firefox-places.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    connection.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
    connection.commit()
    connection.close()
    before = digest(path)
    line = cli(*argv(tmp_path, path, name)).one_line_error()
    assert line == (f"sourcer-tui: error: {path}: not a sourcer-tui database (it holds other tables: moz_places); "
                    "refusing to change it — give another --db file")
    assert digest(path) == before and tables(path) == ["moz_places"]
    assert not path.with_name(path.name + "-wal").exists()  # not even turned to WAL mode


def test_a_file_with_a_schema_migration_table_of_its_own_is_not_ours(tmp_path):
    path = tmp_path / "other-app.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE schema_migration (id INTEGER PRIMARY KEY, name TEXT, applied TEXT)")
    connection.execute("INSERT INTO schema_migration (name, applied) VALUES ('001_users', '2020-01-01')")
    connection.execute("CREATE TABLE users (id INTEGER PRIMARY KEY)")
    connection.commit()
    connection.close()
    before = digest(path)
    assert "not a sourcer-tui database (it holds other tables: schema_migration, users)" in cli("--db", path, "stats").one_line_error()
    assert digest(path) == before


# -- a damaged file ----------------------------------------------------------------------


@pytest.fixture
def damaged(inputs, tmp_path, monkeypatch):
    """A demo database with pages in its middle overwritten (a bad disk, a
    half-copied file), and a good backup in the data dir's backups/."""
    path = demo_file(tmp_path / "sourcer.db")
    backups = tmp_path / "data" / "sourcer-tui" / "backups"
    backups.mkdir(parents=True)
    good = backups / "sourcer-2026-11-22.db"
    good.write_bytes(path.read_bytes())
    (backups / "sourcer-2026-11-20.db").write_bytes(path.read_bytes())
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    page = 4096
    pages = path.stat().st_size // page
    noise = random.Random(17)
    with open(path, "r+b") as handle:
        for number in range(pages * 2 // 5, pages * 3 // 5):
            handle.seek(number * page)
            handle.write(noise.randbytes(page))
    return path, good


@pytest.mark.parametrize("name", [n for n in sorted(COMMANDS) if n != "the app"])
def test_a_damaged_file_is_one_line_naming_it_and_the_last_backup(damaged, tmp_path, name):
    path, good = damaged
    line = cli(*argv(tmp_path, path, name)).one_line_error()
    assert line.startswith(f"sourcer-tui: error: {path}: the database file is damaged (")
    assert line.endswith(f"); the last backup is {good} (README: Restore)")
    assert leftovers(tmp_path) == [] and not (tmp_path / "COPY.db").exists()


def test_a_damaged_file_without_backups_says_there_is_none(damaged, tmp_path):
    path, good = damaged
    for backup in good.parent.iterdir():
        backup.unlink()
    line = cli("--db", path, "today").one_line_error()
    assert line.endswith(f"there is no backup of it in {good.parent} (README: Restore)")


async def test_the_app_on_a_damaged_file_names_it_and_the_last_backup(damaged, tmp_path):
    from sourcer_tui.app import make_app
    from sourcer_tui.clock import FixedClock
    from sourcer_tui.config import Settings

    from ..conftest import NOW

    path, good = damaged
    db = open_database(path)
    app = make_app(Settings(), db, FixedClock(NOW), db_label=str(path), backup_dir=good.parent)
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(pilot)
        messages = [n.message for n in app._notifications]
    close_database(db, app.readers)
    assert any(f"the database file {path} is damaged" in m and f"restore the last backup, {good}," in m for m in messages), messages
    assert any(m.startswith("Daily backup failed:") and "damaged" in m for m in messages), messages
    assert sorted(p.name for p in good.parent.iterdir()) == ["sourcer-2026-11-20.db", "sourcer-2026-11-22.db"]  # no damaged copy pushed a good one out
