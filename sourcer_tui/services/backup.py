"""Backups: a consistent copy of the database with SQLite's online backup API.

* At start-up, at most once a day, a copy goes to the data dir's ``backups/``
  (``<name>-YYYY-MM-DD.db``), keeping the last ``[backups] keep`` (14).
* ``sourcer-tui backup [PATH]`` makes one on demand.
* Restoring: quit the app, copy a backup over the database file (see README).

Files are created 0600 in a 0700 directory.  Safe while the app writes (WAL).
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

__all__ = ["backup_to", "daily_backup", "backups_of"]


def _private_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        os.chmod(path, 0o700)
    except OSError:
        pass


def backup_to(source: str | os.PathLike, target: str | os.PathLike) -> Path:
    """Copy the database at *source* to *target* (a new file, written atomically)."""
    source, target = Path(source), Path(target)
    if target.exists() and target.samefile(source):
        raise ValueError("the backup must be another file than the database itself")
    _private_dir(target.parent)
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    os.replace(partial, target)
    return target


def backups_of(database: Path, directory: Path) -> list[Path]:
    """This database's dated backups in *directory*, oldest first."""
    return sorted(directory.glob(f"{database.stem}-????-??-??.db"))


def daily_backup(database: str | os.PathLike, directory: str | os.PathLike, keep: int, today: dt.date) -> Path | None:
    """Today's backup if there is none yet; prunes to the last *keep*. Returns the new file."""
    database, directory = Path(database), Path(directory)
    target = directory / f"{database.stem}-{today.isoformat()}.db"
    made = None
    if not target.exists():
        made = backup_to(database, target)
    for old in backups_of(database, directory)[:-keep]:
        old.unlink(missing_ok=True)
    return made
