"""Backups: a consistent copy of the database with SQLite's online backup API.

* At start-up, at most once a day, a copy goes to the data dir's ``backups/``
  (``<name>-YYYY-MM-DD.db``), keeping the newest ``[backups] keep`` (14).
* ``sourcer-tui backup`` makes one on demand in the same folder
  (``<name>-YYYY-MM-DD-HHMMSS.db``), also keeping the newest ``keep`` of them;
  ``sourcer-tui backup PATH`` writes where you say and is never pruned.
* Restoring: quit the app, copy a backup over the database file (see README).

A copy is written to a temporary file beside the target, checked
(``PRAGMA quick_check``: a damaged database gives a damaged copy, which must
not push a good one out), then renamed into place: a full disk leaves no
partial file.  Never over a database (:func:`.outputs.check_target`).  Files
are created 0600; the folders it creates are 0700 (existing ones keep their
mode).  Safe while the app writes (WAL).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from pathlib import Path
from urllib.parse import quote

from ..i18n import _, ngettext
from . import outputs
from .errors import ServiceError

__all__ = ["BackupError", "DamagedDatabase", "backup_to", "daily_backup", "backups_of", "manual_backups_of", "prune", "last_backup"]


class BackupError(ServiceError):
    """The copy could not be made; nothing was left behind."""


class DamagedDatabase(BackupError):
    """The database is damaged: its copy failed the integrity check (and was not kept)."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


def read_only_uri(path: str | os.PathLike) -> str:
    """An SQLite URI opening *path* read-only (any ``?``, ``#`` or ``%`` in the name escaped)."""
    return f"file:{quote(os.path.abspath(path))}?mode=ro"


def _check_copy(copy: Path) -> str:
    """``ok``, or the first problem ``PRAGMA quick_check`` found (one line)."""
    connection = sqlite3.connect(copy)
    try:
        rows = [row[0] for row in connection.execute("PRAGMA quick_check(10)")]
    finally:
        connection.close()
    if rows == ["ok"]:
        return "ok"
    lines = [line for row in rows for line in row.splitlines() if line.strip() and not line.startswith("***")]
    first = lines[0] if lines else _("integrity check failed")
    if len(lines) > 1:
        more = len(lines) - 1
        return ngettext("{first} (and {n} more)", "{first} (and {n} more)", more).format(first=first, n=more)
    return first


def backup_to(source: str | os.PathLike, target: str | os.PathLike, *, force: bool = False) -> Path:
    """Copy the database at *source* to *target* (a new file, all or nothing).

    Raises :class:`~.outputs.WriteRefused` for a target that is a database (or,
    without *force*, any existing file), :class:`DamagedDatabase` when the
    copy fails its check, :class:`BackupError` when it cannot be written.
    """
    source = Path(source)
    target = outputs.check_target(target, database=source, force=force, what="backup")
    try:
        outputs.private_dir(target.parent)
    except OSError as error:
        raise BackupError(_("{target}: cannot make its folder ({reason})").format(target=target, reason=error.strerror or error)) from None
    try:
        with outputs.temporary_beside(target, "backup") as partial:
            src = sqlite3.connect(read_only_uri(source), uri=True)
            try:
                dst = sqlite3.connect(partial)
                try:
                    src.backup(dst)
                finally:
                    dst.close()
            finally:
                src.close()
            verdict = _check_copy(partial)
            if verdict != "ok":
                raise DamagedDatabase(
                    _("{source}: the database is damaged ({reason}); its copy was not kept").format(source=source, reason=verdict), verdict
                )
            outputs.check_target(target, database=source, force=force, what="backup")
            os.replace(partial, target)
    except sqlite3.Error as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        if "malformed" in reason or "not a database" in reason:
            raise DamagedDatabase(
                _("{source}: the database is damaged ({reason}); no copy was made").format(source=source, reason=reason), reason
            ) from None
        raise BackupError(_("{target}: cannot write the backup ({reason}); nothing was written").format(target=target, reason=reason)) from None
    return target


def backups_of(database: Path, directory: Path) -> list[Path]:
    """This database's daily backups in *directory*, oldest first."""
    return sorted(directory.glob(f"{database.stem}-????-??-??.db"))


def manual_backups_of(database: Path, directory: Path) -> list[Path]:
    """This database's ``sourcer-tui backup`` copies in *directory*, oldest first."""
    stamped = re.compile(re.escape(database.stem) + r"-\d{4}-\d{2}-\d{2}-\d{6}\.db")
    return sorted(p for p in directory.glob(f"{database.stem}-????-??-??-??????.db") if stamped.fullmatch(p.name))


def last_backup(database: Path, directory: Path) -> Path | None:
    """The newest backup (daily or manual) of *database* in *directory*, if any."""
    found = [*backups_of(database, directory), *manual_backups_of(database, directory)]
    return max(found, key=lambda p: p.name[len(database.stem) + 1:].removesuffix(".db").ljust(17, "-"), default=None)


def prune(backups: list[Path], keep: int) -> list[Path]:
    """Delete all but the newest *keep* of *backups* (oldest first); returns those deleted."""
    gone = []
    for old in backups[: max(len(backups) - max(keep, 1), 0)]:
        try:
            old.unlink()
        except FileNotFoundError:
            continue
        gone.append(old)
    return gone


def daily_backup(database: str | os.PathLike, directory: str | os.PathLike, keep: int, today: dt.date) -> Path | None:
    """Today's backup if there is none yet; prunes to the last *keep*. Returns the new file."""
    database, directory = Path(database), Path(directory)
    target = directory / f"{database.stem}-{today.isoformat()}.db"
    made = None
    if not target.exists():
        made = backup_to(database, target)
    prune(backups_of(database, directory), keep)
    return made
