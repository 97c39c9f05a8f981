"""After a quit, or after any command, the .db file alone holds everything;
an erase wipes the file or says it could not — never "erased" while the
bytes are still in the main file or the WAL."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from sourcer_tui.db.database import checkpoint, close_database, open_database
from sourcer_tui.db.models import Mission, Talent, Touchpoint
from sourcer_tui.services import privacy

from ..conftest import NOW
from ..ui.helpers import settle, type_text, wait_for_text
from .files_helpers import cli

SECRETS = [f"Quixotic-Marker-{n:02d}" for n in range(17)]


def only_the_db(path, tmp_path):
    """What a user carries away: the .db file alone, opened elsewhere."""
    copy = tmp_path / "elsewhere" / path.name
    copy.parent.mkdir()
    shutil.copyfile(path, copy)
    return sqlite3.connect(copy)


async def test_after_a_quit_the_db_file_alone_holds_the_last_change(make_app, db, tmp_path):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("M")
        await wait_for_text(pilot, "Title")
        await type_text(pilot, "Mission saved just before quitting")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert Mission.select().count() == 1
        await pilot.press("q")
    # the test's own connection (another window) is still open: only the quit's checkpoint put it there
    copy = only_the_db(tmp_path / "test.db", tmp_path)
    assert copy.execute("SELECT title FROM mission").fetchall() == [("Mission saved just before quitting",)]
    assert (tmp_path / "test.db-wal").stat().st_size == 0


def test_a_command_that_writes_leaves_the_db_file_complete(tmp_path):
    path = tmp_path / "sourcer.db"
    people = tmp_path / "people.csv"
    people.write_text("name,email\n" + "".join(f"Person {n},p{n}@example.org\n" for n in range(50)))
    keeper = sqlite3.connect(path)  # another program keeps the file open: no checkpoint on the last close
    run = cli("--db", path, "import", people)
    assert run.code == 0, run
    copy = only_the_db(path, tmp_path)
    assert copy.execute("SELECT COUNT(*) FROM talent").fetchone() == (50,)
    keeper.close()


# -- erasing while another program reads ---------------------------------------------------


@pytest.fixture
def person(db):
    """A talent whose every field holds a unique marker, all of it in the main file."""
    talent = Talent.create(name=SECRETS[0], headline=SECRETS[1], company=SECRETS[2], email=f"{SECRETS[3].lower()}@example.org",
                           notes=" ".join(SECRETS[4:8]), tags=SECRETS[8])
    for n in range(9, 17):
        Touchpoint.create(talent=talent, kind="call", summary=SECRETS[n], feedback_given=SECRETS[n] + " feedback")
    Talent.update(headline=SECRETS[1] + " (older)").where(Talent.id == talent.id).execute()  # an old version in a page too
    assert checkpoint(db)
    return talent


def left_in_the_file(path) -> list[str]:
    """The markers still somewhere in the database's files (main file and WAL)."""
    blobs = b"".join(p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists()).lower()
    return [s for s in SECRETS if s.lower().encode() in blobs]  # the email is stored lowercased


@pytest.fixture
def reader(tmp_path):
    """Another program in the middle of a read: its snapshot needs the old pages."""
    connection = sqlite3.connect(tmp_path / "test.db", isolation_level=None)
    connection.execute("BEGIN")
    assert connection.execute("SELECT COUNT(*) FROM talent").fetchone() == (1,)
    yield connection
    connection.close()


def test_an_erase_waits_for_a_reader_then_wipes_the_file(db, person, reader, tmp_path):
    path = tmp_path / "test.db"
    assert len(left_in_the_file(path)) == 17
    waited = []

    def busy(seconds):
        waited.append(seconds)
        assert left_in_the_file(path)  # what the wait is for
        reader.execute("COMMIT")  # the other program finishes its read

    privacy.erase(person.id, NOW, wait=5.0, on_busy=busy)
    assert waited == [5.0]
    assert left_in_the_file(path) == []


def test_an_erase_held_back_says_so_and_the_bytes_are_indeed_there(db, person, reader, tmp_path):
    path = tmp_path / "test.db"
    with pytest.raises(privacy.NotWiped, match="NOT yet wiped from the file: another program kept reading"):
        privacy.erase(person.id, NOW, wait=0.1)
    assert Talent.select().count() == 0  # deleted from the database…
    assert left_in_the_file(path) != []  # …but, as said, not from the file
    reader.execute("COMMIT")
    assert checkpoint(db)  # what any later command or quit does
    assert left_in_the_file(path) == []


def test_the_erase_command_never_says_erased_while_a_reader_holds_the_bytes(db, person, reader, tmp_path, monkeypatch):
    from sourcer_tui.cli import privacy as privacy_cli

    monkeypatch.setattr(privacy_cli, "ERASE_WAIT_SECONDS", 0.1)
    run = cli("--db", tmp_path / "test.db", "privacy", "erase", str(person.id), "--yes")
    line = run.one_line_error()
    assert "NOT yet wiped from the file" in line and "erased talent" not in run.out
    assert "another program is reading" in run.out and "waiting up to 0.1 s" in run.out
    assert left_in_the_file(tmp_path / "test.db") != []
    reader.execute("COMMIT")
    assert cli("--db", tmp_path / "test.db", "today").code == 0  # any command ends with the checkpoint
    assert left_in_the_file(tmp_path / "test.db") == []


def test_the_erase_command_wipes_the_file(db, person, tmp_path):
    run = cli("--db", tmp_path / "test.db", "privacy", "erase", str(person.id), "--yes")
    assert run.code == 0 and f"erased talent {person.id}" in run.out
    assert left_in_the_file(tmp_path / "test.db") == []


async def test_erasing_in_the_app_while_another_program_reads(make_app, db, person, reader, tmp_path):
    app = make_app()
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("m", *"pool", "enter")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        await pilot.press("D")
        await wait_for_text(pilot, "cannot be undone")
        await pilot.press("y")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any(m.startswith(f"Talent {person.id} is deleted, but NOT yet wiped from the file") for m in messages), messages
        assert not any(m.startswith("Erased") for m in messages)
        assert left_in_the_file(tmp_path / "test.db") != []
        reader.execute("COMMIT")
        await pilot.press("q")
    assert left_in_the_file(tmp_path / "test.db") == []  # the quit's checkpoint wiped them
