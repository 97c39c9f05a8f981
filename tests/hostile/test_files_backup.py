"""Backups and a full disk: folders keep their mode, old copies are pruned as
said, a write that cannot finish leaves nothing behind and says so in one line."""

from __future__ import annotations

import sqlite3
import stat

import pytest

from sourcer_tui.db.database import close_database, open_database

from .files_helpers import cli, demo_file, digest, in_child, leftovers


@pytest.fixture
def path(tmp_path):
    return demo_file(tmp_path / "sourcer.db")


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def test_backup_leaves_an_existing_folder_as_it_is(path, tmp_path):
    team = tmp_path / "team"
    team.mkdir()
    team.chmod(0o2775)  # a shared folder: group-writable, setgid
    assert cli("--db", path, "backup", team / "copy.db").code == 0
    assert mode(team) == 0o2775
    assert mode(team / "copy.db") == 0o600


def test_backup_makes_the_folders_it_creates_private(path, tmp_path):
    base = tmp_path / "shared"
    base.mkdir()
    base.chmod(0o755)
    assert cli("--db", path, "backup", base / "a" / "b" / "copy.db").code == 0
    assert (mode(base), mode(base / "a"), mode(base / "a" / "b")) == (0o755, 0o700, 0o700)


def test_manual_backups_are_pruned_to_keep_and_the_command_says_which(path, tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text("[backups]\nkeep = 2\n")
    monkeypatch.setenv("SOURCER_TUI_CONFIG", str(config))
    folder = tmp_path / "data" / "sourcer-tui" / "backups"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    folder.mkdir(parents=True)
    older = [folder / f"sourcer-2026-11-{day}-093000.db" for day in (18, 19, 20)]
    daily = [folder / f"sourcer-2026-11-{day}.db" for day in (18, 19, 20)]
    mine = folder / "sourcer-before-migration.db"  # not one of ours: never touched
    for file in (*older, *daily, mine):
        file.write_bytes(path.read_bytes())
    run = cli("--db", path, "backup")
    assert run.code == 0, run
    made = sorted(set(folder.iterdir()) - {*older, *daily, mine})
    assert len(made) == 1 and made[0].name.startswith("sourcer-20")
    assert run.out.splitlines()[1] == (
        "deleted 2 older `backup` copies (keeping the newest 2): sourcer-2026-11-18-093000.db, sourcer-2026-11-19-093000.db"
    )
    assert sorted(folder.iterdir()) == sorted([older[2], made[0], *daily, mine])  # daily copies follow their own rotation


def test_a_backup_never_replaces_an_older_backup(path, tmp_path):
    copy = tmp_path / "copy.db"
    assert cli("--db", path, "backup", copy).code == 0
    before = digest(copy)
    line = cli("--db", path, "backup", "--force", copy).one_line_error()
    assert "is an SQLite database; refusing to write the backup over it" in line
    assert digest(copy) == before


# -- a full disk (writes past a file-size limit fail for real, with EFBIG) --------------


def test_backup_on_a_full_disk_is_one_line_and_leaves_nothing(path, tmp_path):
    folder = tmp_path / "copies"
    folder.mkdir()
    run = in_child("--db", path, "backup", folder / "copy.db", file_size_limit=path.stat().st_size // 3)
    line = run.one_line_error()
    assert line.startswith(f"sourcer-tui: error: {folder / 'copy.db'}: cannot write the backup (") and "nothing was written" in line
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_on_a_full_disk_is_one_line_and_leaves_nothing(path, tmp_path, fmt):
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / f"export.{fmt}").write_text("the previous export\n")
    run = in_child("--db", path, "export", "--force", folder / f"export.{fmt}", file_size_limit=40 * 1024)  # above SQLite's 32 KiB -shm, under an export
    line = run.one_line_error()
    assert "cannot write the export (File too large); nothing was written" in line
    assert [p.name for p in folder.iterdir()] == [f"export.{fmt}"]
    assert (folder / f"export.{fmt}").read_text() == "the previous export\n"  # the old one is still whole


def test_import_on_a_full_disk_is_one_line_and_changes_nothing(tmp_path):
    path = tmp_path / "sourcer.db"
    close_database(open_database(path))
    people = tmp_path / "people.csv"
    people.write_text("name,email,notes\n" + "".join(f"Person {n},p{n}@example.org,{'x' * 300}\n" for n in range(3000)))
    limit = max(path.stat().st_size, people.stat().st_size) + 64 * 1024
    run = in_child("--db", path, "import", people, file_size_limit=limit)
    line = run.one_line_error()
    # over the limit a write fails with EFBIG, which SQLite reports as an I/O error (ENOSPC: "disk is full")
    assert line.startswith(f"sourcer-tui: error: {path}: nothing imported: the disk reported an I/O error"), line
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert connection.execute("SELECT COUNT(*) FROM talent").fetchone() == (0,)
    connection.close()
    assert leftovers(tmp_path) == []
