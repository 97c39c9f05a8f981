"""Opening the database: pragmas, permissions, migrations, clear errors.

The only place that knows the file is SQLite.  Every failure to open, read
or migrate the file becomes a :class:`DatabaseOpenError` naming the path, so
the CLI can print one line and exit 2.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path

import peewee

from . import initials
from .models import database_proxy

__all__ = ["DatabaseOpenError", "open_database", "migrate", "write_transaction", "MIGRATIONS_DIR", "InterruptibleRead", "Interrupted", "WorkerConnections"]

MIGRATIONS_DIR = Path(__file__).with_name("migrations")

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "cache_size": -32000,  # KiB per connection (workers open their own): the OS caches the file too
    "synchronous": "normal",
    "recursive_triggers": 1,  # a REPLACE's deleted row fires the delete triggers (db/counts.py)
    # what an edit or a delete frees is overwritten with zeros, not left in the
    # file's free space (an old note, a discarded draft); a save costs the same
    "secure_delete": 1,
}


WORKER_CACHE_KIB = 8000


class DatabaseOpenError(Exception):
    """The database file cannot be used; the message names the path."""


def _prepare_directory(path: Path) -> None:
    parent = path.parent
    if not parent.exists():
        parent.mkdir(parents=True, mode=0o700, exist_ok=True)


def open_database(path: str | os.PathLike, *, run_migrations: bool = True) -> peewee.SqliteDatabase:
    """Open (creating if absent) and migrate the database at *path*.

    Binds :data:`~sourcer_tui.db.models.database_proxy` to it and returns it.
    """
    path = Path(path).expanduser()
    if path.is_dir():
        raise DatabaseOpenError(f"{path}: is a directory, not a database file")
    try:
        _prepare_directory(path)
        is_new = not path.exists()
        # check_same_thread off: WorkerConnections.close_all closes the worker
        # threads' connections from the UI thread once they are done
        db = peewee.SqliteDatabase(str(path), pragmas=PRAGMAS, timeout=10, check_same_thread=False)
        initials.register(db)  # before any connection: its triggers call it
        db.connect()
        if is_new:
            try:
                os.chmod(path, 0o600)
            except OSError:
                pass
        # Reads the header: a file that is not SQLite fails here.
        db.execute_sql("PRAGMA schema_version").fetchone()
        # Proves the file can be written before the user types anything.
        db.execute_sql("BEGIN IMMEDIATE")
        db.execute_sql("ROLLBACK")
        database_proxy.initialize(db)
        if run_migrations:
            migrate(db)
    except DatabaseOpenError:
        raise
    except (peewee.DatabaseError, sqlite3.Error, OSError, peewee.InterfaceError) as exc:
        raise DatabaseOpenError(f"{path}: cannot use this database ({_reason(exc)})") from exc
    return db


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def _pending(db: peewee.Database) -> bool:
    names = {p.stem for p in MIGRATIONS_DIR.glob("[0-9]*.py")}
    if "schema_migration" not in db.get_tables():
        return bool(names)
    applied = {row[0] for row in db.execute_sql("SELECT name FROM schema_migration")}
    return bool(names - applied)


def migrate(db: peewee.Database) -> list[str]:
    """Apply every pending numbered migration; returns the names applied.

    The runner (and its imports) is only loaded when something is pending,
    which keeps the everyday start-up short.
    """
    if not _pending(db):
        return []
    from playhouse import migrations

    return migrations.Runner(db, str(MIGRATIONS_DIR)).up()


class _Write:
    """A Peewee atomic block that reports the real cause of a failed write.

    When SQLite rolls a transaction back by itself (disk full, I/O error),
    Peewee's own rollback then fails with "no transaction is active" and that
    error would hide the real one: the real one is re-raised instead.
    """

    def __init__(self, atomic) -> None:
        self.atomic = atomic

    def __enter__(self):
        return self.atomic.__enter__()

    def __exit__(self, exc_type, exc, tb):
        try:
            return self.atomic.__exit__(exc_type, exc, tb)
        except peewee.OperationalError as rollback:
            if exc is not None and "no transaction is active" in str(rollback):
                raise exc from None
            raise


def write_transaction() -> _Write:
    """One write transaction; on SQLite taken IMMEDIATE so that two instances
    wait for each other (busy timeout) instead of failing with "locked"."""
    db = database_proxy.obj
    if isinstance(db, peewee.SqliteDatabase):
        return _Write(db.atomic("IMMEDIATE"))
    return _Write(db.atomic())


class WorkerConnections:
    """One connection per worker thread, kept open for that thread's next read.

    A new connection starts with a cold page cache and reads the schema again:
    at 100,000 talents a pane's read took ~20 ms longer on it than on a warm
    one.  Worker threads (Textual's executor, the panes' pool) are reused, so
    their connections are too.  :meth:`close_all` closes them when the app
    ends; a thread that reads after that opens a fresh one."""

    def __init__(self, db: peewee.Database) -> None:
        self.db = db
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list = []
        self._generation = 0

    @contextmanager
    def use(self):
        """This thread's connection for the block (opened on first use)."""
        if getattr(self._local, "generation", None) != self._generation or self.db.is_closed():
            if not self.db.is_closed():
                self.db.close()  # closed by close_all: let Peewee forget it
            self.db.connect()
            # kept for the whole session, one per worker thread: a smaller page
            # cache than the UI thread's (the OS caches the file; stats at 100k
            # talents run as fast with 8 MB as with 32)
            self.db.execute_sql(f"PRAGMA cache_size = -{WORKER_CACHE_KIB}")
            with self._lock:
                self._open.append(self.db.connection())
                self._local.generation = self._generation
        yield self.db.connection()

    def close_all(self) -> None:
        with self._lock:
            connections, self._open = self._open, []
            self._generation += 1
        for connection in connections:
            try:
                connection.close()
            except sqlite3.Error:
                pass


class Interrupted(Exception):
    """A read stopped by :meth:`InterruptibleRead.interrupt` (its result is no longer wanted)."""


class InterruptibleRead:
    """Reads in a worker thread, on that thread's own connection, that the UI
    thread may stop at once (a search typed on: the previous one is moot)."""

    def __init__(self, connections: WorkerConnections) -> None:
        self.connections = connections
        self._lock = threading.Lock()
        self._connection = None

    @contextmanager
    def reading(self):
        with self.connections.use() as connection:
            with self._lock:
                self._connection = connection
            try:
                yield
            except peewee.OperationalError as error:
                if "interrupt" in str(error):
                    raise Interrupted() from error
                raise
            finally:
                with self._lock:
                    if self._connection is connection:
                        self._connection = None

    def interrupt(self) -> None:
        """Stop the read in progress, if any (its ``reading()`` raises Interrupted)."""
        with self._lock:
            if self._connection is not None and hasattr(self._connection, "interrupt"):
                self._connection.interrupt()
