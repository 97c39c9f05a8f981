"""The files the commands write (exports, calendars, backups): never over a database.

Every command that writes a file asks :func:`check_target` first, and writes
through :func:`write_atomically` (or, for a backup, its own temporary file):

* never over the open database, its ``-wal``, ``-shm`` or ``-journal``, nor
  over any SQLite file (its first 16 bytes say ``SQLite format 3``), nor over
  a ``-wal``/``-shm`` beside one — not even with ``--force``;
* never over any other existing file unless ``force`` (``--force``);
* the data goes to a private temporary file in the same folder, which
  replaces the target only once it is complete and synced: a full disk, a
  size limit or an interrupt leaves the old file as it was and no temporary
  file behind.

:func:`private_dir` makes the folders that are missing ``0700`` and leaves
the mode of those that exist alone.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from ..i18n import N_, _
from .errors import ServiceError

__all__ = ["SQLITE_MAGIC", "WriteRefused", "is_sqlite_file", "check_target", "write_atomically", "private_dir", "temporary_beside"]

SQLITE_MAGIC = b"SQLite format 3\x00"
_SIDE_FILES = ("-wal", "-shm", "-journal")
#: What a command writes (its ``what``), as a sentence names it.
_WHAT = {"file": N_("the file"), "export": N_("the export"), "backup": N_("the backup")}


class WriteRefused(ServiceError):
    """The target must not be written (a database, or an existing file without --force)."""


def is_sqlite_file(path: str | os.PathLike) -> bool:
    """Whether *path* is an existing regular file that starts with SQLite's 16-byte header."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # never open a FIFO or a device to look
            return False
        with open(path, "rb") as handle:
            return handle.read(16) == SQLITE_MAGIC
    except OSError:
        return False


def _the(what: str) -> str:
    """``the export``: *what* as the messages name it, in the reader's language."""
    return _(_WHAT[what]) if what in _WHAT else _("the {what}").format(what=what)


def _same(a: Path, b: Path) -> bool:
    """The same file: by inode when both exist (hard links, symlinks), else by resolved path."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a.expanduser().resolve()) == os.path.abspath(b.expanduser().resolve())


def _database_side(target: Path, database: Path | None) -> str | None:
    """Why *target* is part of a database (the open one, or any SQLite file), or None."""
    if database is not None:
        if _same(target, database):
            return _("is the database itself")
        for suffix in _SIDE_FILES:
            if _same(target, database.with_name(database.name + suffix)):
                return _("is the database's {suffix} file").format(suffix=suffix[1:])
    for suffix in _SIDE_FILES:
        if target.name.endswith(suffix) and is_sqlite_file(target.with_name(target.name[: -len(suffix)])):
            return _("is the {suffix} file of the database {name}").format(suffix=suffix[1:], name=target.name[: -len(suffix)])
    if is_sqlite_file(target):
        return _("is an SQLite database")
    return None


def check_target(target: str | os.PathLike, *, database: str | os.PathLike | None = None, force: bool = False, what: str = "file") -> Path:
    """*target*, if a command may write it; else :class:`WriteRefused` (one sentence naming it).

    *database* is the database the command has open (or will open).  A folder,
    a database file or one of its side files are always refused; another
    existing file only without *force*.  *what* is a code name (``file``,
    ``export``, ``backup``): the message names it in the reader's language.
    """
    target = Path(target).expanduser()
    db = Path(database).expanduser() if database is not None else None
    side = _database_side(target, db)
    if side is not None:
        raise WriteRefused(
            _("{target}: {side}; refusing to write {what} over it (give another file name)").format(
                target=target, side=side, what=_the(what))
        )
    if target.is_dir():
        raise WriteRefused(_("{target}: is a folder; give a file name for {what}").format(target=target, what=_the(what)))
    if target.exists() and not target.is_file():
        raise WriteRefused(
            _("{target}: is not a regular file; give a file name for {what}").format(target=target, what=_the(what))
        )
    if (target.exists() or target.is_symlink()) and not force:
        raise WriteRefused(
            _("{target}: already exists; add --force to replace it, or give another file name").format(target=target)
        )
    return target


def _reason(error: OSError) -> str:
    return (error.strerror or str(error) or type(error).__name__).splitlines()[0]


def private_dir(path: str | os.PathLike) -> Path:
    """Make *path* and its missing parents, each new one ``0700``; existing ones keep their mode."""
    path = Path(path).expanduser()
    missing = []
    for folder in (path, *path.parents):
        if folder.is_dir():
            break
        missing.append(folder)
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            if not folder.is_dir():
                raise
            continue
        with contextlib.suppress(OSError):
            os.chmod(folder, 0o700)  # the umask may have taken bits away; a setgid parent may have added one
    return path


@contextlib.contextmanager
def temporary_beside(target: Path, what: str = "file"):
    """A new private (0600) temporary file in *target*'s folder, removed if the block fails.

    Yields its path; the block replaces *target* with it (``os.replace``) once
    complete.  OSError becomes a ServiceError naming *target*.
    """
    try:
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".partial")
    except OSError as error:
        raise ServiceError(
            _("{target}: cannot write {what} ({reason})").format(target=target, what=_the(what), reason=_reason(error))
        ) from None
    try:
        with contextlib.suppress(OSError):
            os.fchmod(fd, 0o600)
    finally:
        os.close(fd)
    try:
        yield Path(temporary)
    except BaseException as error:
        for leftover in (temporary, *(temporary + suffix for suffix in _SIDE_FILES)):  # SQLite's, for a backup
            with contextlib.suppress(OSError):
                os.unlink(leftover)
        if isinstance(error, OSError):
            raise ServiceError(
                _("{target}: cannot write {what} ({reason}); nothing was written").format(
                    target=target, what=_the(what), reason=_reason(error))
            ) from None
        raise


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomically(
    target: str | os.PathLike,
    write: Callable[[IO], None],
    *,
    database: str | os.PathLike | None = None,
    force: bool = False,
    binary: bool = False,
    encoding: str = "utf-8",
    newline: str | None = None,
    what: str = "file",
) -> Path:
    """Write *target* (mode 0600) with ``write(handle)``, all or nothing (see the module doc)."""
    target = check_target(target, database=database, force=force, what=what)
    if not target.parent.is_dir():
        raise ServiceError(
            _("{target}: cannot write {what}, the folder {folder} does not exist").format(
                target=target, what=_the(what), folder=target.parent)
        )
    with temporary_beside(target, what) as temporary:
        handle = open(temporary, "wb") if binary else open(temporary, "w", encoding=encoding, newline=newline)
        with handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        check_target(target, database=database, force=force, what=what)  # nothing appeared there meanwhile
        os.replace(temporary, target)
    _sync_folder(target.parent)
    return target
