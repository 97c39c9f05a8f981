"""No command writes over the database, its -wal/-shm, any SQLite file, or
(without --force) any existing file; what it writes is all or nothing."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from sourcer_tui.db.database import close_database, open_database
from sourcer_tui.demo import build_demo

from ..conftest import TODAY
from .files_helpers import cli, digest, leftovers

#: Every command that writes a file it is given, with OUT where the file goes.
WRITERS = {
    "export csv": ["export", "--format", "csv", "OUT"],
    "export json": ["export", "--format", "json", "OUT"],
    "ics": ["ics", "OUT"],
    "privacy export": ["privacy", "export", "1", "OUT"],
    "backup": ["backup", "OUT"],
}


@pytest.fixture
def data(tmp_path):
    """A demo database with its -wal and -shm present (another window has it
    open), another program's SQLite file, and a text file."""
    path = tmp_path / "sourcer.db"
    db = open_database(path)
    build_demo(db, TODAY)
    other = tmp_path / "other.sqlite"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE notes (body TEXT)")
    connection.execute("INSERT INTO notes VALUES ('not yours')")
    connection.commit()
    connection.close()
    text = tmp_path / "notes.txt"
    text.write_text("my notes\n")
    assert (tmp_path / "sourcer.db-wal").exists() and (tmp_path / "sourcer.db-shm").exists()
    yield path, other, text
    close_database(db)


def argv(command: str, out: Path, db: Path, *extra: str) -> list[str]:
    return ["--db", str(db), *[str(out) if a == "OUT" else a for a in WRITERS[command]], *extra]


def still_what_it_was(path: Path) -> bool:
    """A database still starts with SQLite's header, a WAL is empty (checkpointed)
    or starts with its magic number, a shared-memory index keeps its 32 KiB
    blocks: none holds an export."""
    data = path.read_bytes()
    if path.name.endswith("-wal"):
        return data == b"" or data[:4] in (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")
    if path.name.endswith("-shm"):
        return len(data) % 32768 == 0 and b"BEGIN:VCALENDAR" not in data and b'"format"' not in data
    return data[:16] == b"SQLite format 3\x00"


def integrity(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()


@pytest.mark.parametrize("force", [False, True], ids=["plain", "--force"])
@pytest.mark.parametrize("command", sorted(WRITERS))
@pytest.mark.parametrize("target", ["sourcer.db", "sourcer.db-wal", "sourcer.db-shm", "other.sqlite"])
def test_no_command_writes_over_a_database(data, tmp_path, command, target, force):
    path, other, _ = data
    out = tmp_path / target
    other_before = digest(other)
    run = cli(*argv(command, out, path, *(["--force"] if force else [])))
    line = run.one_line_error()
    assert str(out) in line and "refusing to write" in line
    assert still_what_it_was(out)
    assert digest(other) == other_before
    assert integrity(path) == "ok" and integrity(other) == "ok"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_an_existing_file_is_replaced_only_with_force(data, tmp_path, command):
    path, _, text = data
    run = cli(*argv(command, text, path))
    line = run.one_line_error()
    assert str(text) in line and "already exists" in line and "--force" in line
    assert text.read_text() == "my notes\n"
    run = cli(*argv(command, text, path, "--force"))
    assert run.code == 0, run
    assert text.read_bytes() != b"my notes\n" and stat.S_IMODE(text.stat().st_mode) == 0o600
    assert leftovers(tmp_path) == []


def test_a_new_file_needs_no_force(data, tmp_path):
    path, _, _ = data
    for command in sorted(WRITERS):
        out = tmp_path / f"new-{command.replace(' ', '-')}.out"
        assert cli(*argv(command, out, path)).code == 0
        assert out.exists() and stat.S_IMODE(out.stat().st_mode) == 0o600


def test_the_database_is_refused_even_before_it_exists(tmp_path):
    """`export X.db --db X.db` on a path that is not there yet: the database
    the command opens is still never the file it writes."""
    path = tmp_path / "new.db"
    line = cli("--db", path, "export", "--format", "json", path).one_line_error()
    assert "is the database itself" in line
    assert integrity(path) == "ok"


def test_a_symlink_to_the_database_is_the_database(data, tmp_path):
    path, _, _ = data
    link = tmp_path / "export.json"
    link.symlink_to(path)
    line = cli("--db", path, "export", "--format", "json", "--force", link).one_line_error()
    assert "refusing to write" in line
    assert integrity(path) == "ok"


def test_demo_data_never_fills_a_file_that_is_not_a_new_database(data, tmp_path):
    path, other, text = data
    before = {p: digest(p) for p in (other, text)}
    assert "not a sourcer-tui database" in cli("demo-data", "--db", other).one_line_error()
    assert "not a database" in cli("demo-data", "--db", text).one_line_error()
    assert "already holds data" in cli("demo-data", "--db", path).one_line_error()
    assert {p: digest(p) for p in (other, text)} == before


def test_a_folder_or_a_device_is_refused(data, tmp_path):
    path, _, _ = data
    assert "is a folder" in cli("--db", path, "ics", tmp_path).one_line_error()
    assert "not a regular file" in cli("--db", path, "ics", "--force", "/dev/null").one_line_error()
    assert Path("/dev/null").is_char_device()
