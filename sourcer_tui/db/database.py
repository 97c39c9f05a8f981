"""Opening the database: pragmas, permissions, migrations, clear errors.

The one entry point for both backends: a file's path opens SQLite (this
module is the only place that knows the file is SQLite), a ``postgresql://``
URL a server (:mod:`.postgres`).  Every failure to open, read
or migrate the file becomes a :class:`DatabaseOpenError` naming the path, so
the CLI can print one line and exit 2.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import peewee

from ..i18n import _
from . import folding, initials, postgres
from .models import database_proxy

__all__ = [
    "DatabaseOpenError", "open_database", "migrate", "write_transaction", "MIGRATIONS_DIR", "InterruptibleRead", "Interrupted",
    "WorkerConnections", "read_only_reason", "checkpoint", "close_database", "is_damage", "known_migrations",
]

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
    """The database file cannot be used; the message names the path.

    ``damaged`` is true when SQLite found the file corrupt (the CLI then names
    the last backup)."""

    def __init__(self, message: str, *, damaged: bool = False) -> None:
        super().__init__(message)
        self.damaged = damaged


SQLITE_MAGIC = b"SQLite format 3\x00"
_DAMAGE_CODES = (11, 26)  # SQLITE_CORRUPT, SQLITE_NOTADB


def is_damage(error: BaseException) -> bool:
    """Whether *error* (SQLite's, or Peewee's wrapping of it) says the file is corrupt."""
    seen: list[BaseException] = []
    todo = [error]
    while todo:
        e = todo.pop()
        if e is None or e in seen:
            continue
        seen.append(e)
        code = getattr(e, "sqlite_errorcode", None)
        if isinstance(code, int) and code & 0xFF in _DAMAGE_CODES:
            return True
        todo += [e.__cause__, e.__context__, *(a for a in getattr(e, "args", ()) if isinstance(a, BaseException))]
    text = " ".join(str(e) for e in seen).lower()
    return "malformed" in text or "database corrupt" in text


def _prepare_directory(path: Path) -> None:
    parent = path.parent
    if not parent.exists():
        parent.mkdir(parents=True, mode=0o700, exist_ok=True)


@lru_cache(maxsize=1)
def known_migrations() -> frozenset[str]:
    """The names of this version's migrations (``0011_name_initials``…)."""
    return frozenset(p.stem for p in MIGRATIONS_DIR.glob("[0-9]*.py"))


def _number(name: str) -> int:
    head = name.split("_", 1)[0]
    return int(head) if head.isdigit() else 0


def _tables(db: peewee.Database) -> set[str]:
    if isinstance(db, peewee.SqliteDatabase):
        return {row[0] for row in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return set(db.get_tables())


def _schema_problem(db: peewee.Database, path: Path | str) -> str | None:
    """Why this file must not be opened (a newer schema, another program's
    file), or None.  Reads only: nothing is written before this is known."""
    tables = _tables(db)
    if not tables - {"schema_migration"}:
        return None  # new or empty: ours to fill
    applied = set()
    if "schema_migration" in tables:
        try:
            with db.atomic():  # PostgreSQL: a failed statement would spoil what follows
                applied = {row[0] for row in db.execute_sql("SELECT name FROM schema_migration")}
        except (peewee.OperationalError, peewee.ProgrammingError):  # a table of that name, not the runner's
            applied = set()
    known = known_migrations()
    if not applied & known:
        listed = sorted(tables)
        shown = ", ".join(listed[:4])
        if len(listed) > 4:
            shown = _("{names}… ({n} tables)").format(names=shown, n=len(listed))
        return _(
            "{path}: not a sourcer-tui database (it holds other tables: {tables}); refusing to change it — give another --db file"
        ).format(path=path, tables=shown)
    unknown = sorted(applied - known)
    if unknown:
        ours, theirs = max(map(_number, known)), max(map(_number, applied))
        if theirs > ours:
            return _("{path}: made by a newer sourcer-tui (schema {theirs} > {ours}); upgrade sourcer-tui to open it").format(
                path=path, theirs=theirs, ours=ours
            )
        return _(
            "{path}: made by another version of sourcer-tui (its schema has {migration}, unknown here); upgrade sourcer-tui to open it"
        ).format(path=path, migration=unknown[0])
    return None


def _probe_write(db: peewee.Database) -> bool:
    """Whether a real write succeeds.  ``BEGIN IMMEDIATE`` alone passes on a
    read-only file: the header's user_version is written (with its own value)
    in the transaction, then rolled back — a page write that leaves the
    schema alone (a CREATE TABLE rolled back made the next statement parse
    the whole schema again, at start-up)."""
    version = db.execute_sql("PRAGMA user_version").fetchone()[0]
    began = False
    try:
        db.execute_sql("BEGIN IMMEDIATE")
        began = True
        db.execute_sql(f"PRAGMA user_version = {int(version)}")
    except (peewee.OperationalError, sqlite3.OperationalError) as error:
        if "readonly" in str(error).lower():  # "attempt to write a readonly database"
            return False
        raise
    finally:
        if began:
            db.execute_sql("ROLLBACK")
    return True


def _why_read_only(path: Path, asked: bool) -> str:
    if asked:
        return _("opened read-only")
    if not os.access(path, os.W_OK):
        return _("no write permission on the file")
    for suffix in ("-wal", "-shm"):  # a read-only session leaves them with the file's mode
        side = path.with_name(path.name + suffix)
        if side.exists() and not os.access(side, os.W_OK):
            return _(
                "no write permission on {file}; if a read-only session left it, delete {wal} and {shm} while no program has the database open"
            ).format(file=side.name, wal=f"{path.name}-wal", shm=f"{path.name}-shm")
    if not os.access(path.parent, os.W_OK):
        return _("no write permission on its folder")
    return _("the system refuses writes to it")


def read_only_reason(db: peewee.Database | None = None) -> str | None:
    """Why *db* (default: the bound one) is read-only, or None when it can be written."""
    db = database_proxy.obj if db is None else db
    return getattr(db, "sourcer_read_only", None)


def open_database(path: str | os.PathLike, *, run_migrations: bool = True, read_only: bool = False, writes: bool = False,
                  password: str | None = None) -> peewee.Database:
    """Open (creating if absent) and migrate the database at *path*, a file's
    path or a ``postgresql://`` URL (:mod:`.postgres`; *password*, from the OS
    keyring, for a URL only).

    Binds :data:`~sourcer_tui.db.models.database_proxy` to it and returns it.
    Refuses (:class:`DatabaseOpenError`, file untouched) a file made by a newer
    version or by another program.  A file that cannot be written is opened
    read-only (:func:`read_only_reason` says why; every write transaction is
    refused with that reason) unless *writes* (the caller must write: then
    refused).  *read_only* opens it read-only on purpose.
    """
    if postgres.is_url(path):  # before any use of the filesystem
        return _open_url(str(path), run_migrations=run_migrations, read_only=read_only, writes=writes, password=password)
    path = Path(path).expanduser()
    if path.is_dir():
        raise DatabaseOpenError(_("{path}: is a directory, not a database file").format(path=path))
    db = None
    try:
        _prepare_directory(path)
        is_new = not path.exists()
        if not is_new and path.is_file() and path.stat().st_size and _header(path) != SQLITE_MAGIC:
            raise DatabaseOpenError(_("{path}: cannot use this database ({reason})").format(path=path, reason=_("file is not a database")))
        # check_same_thread off: WorkerConnections.close_all closes the worker
        # threads' connections from the UI thread once they are done
        db = peewee.SqliteDatabase(str(path), pragmas=(), timeout=10, check_same_thread=False)
        initials.register(db)  # before any connection: its triggers call it
        folding.register(db)  # the name order (services/filtering.py)
        db.connect()
        if is_new:
            try:
                os.chmod(path, 0o600)
            except OSError:
                pass
        # Reads the header: a file that is not SQLite fails here.
        db.execute_sql("PRAGMA schema_version").fetchone()
        problem = None if is_new else _schema_problem(db, path)
        if problem:
            raise DatabaseOpenError(problem)
        for key, value in PRAGMAS.items():  # for this connection and every later one
            db.pragma(key, value, permanent=True)
        if read_only:
            db.pragma("query_only", 1, permanent=True)
        # Proves the file can be written before the user types anything.
        db.sourcer_read_only = None if _probe_write(db) else _why_read_only(path, read_only)
        _bind_and_upgrade(db, path, writes=writes, run_migrations=run_migrations)
    except DatabaseOpenError:
        _close_quietly(db)
        raise
    except (peewee.DatabaseError, sqlite3.Error, OSError, peewee.InterfaceError) as exc:
        _close_quietly(db)
        if is_damage(exc):
            raise DatabaseOpenError(
                _("{path}: the database file is damaged ({reason})").format(path=path, reason=_reason(exc)), damaged=True
            ) from exc
        raise DatabaseOpenError(_("{path}: cannot use this database ({reason})").format(path=path, reason=_reason(exc))) from exc
    return db


def _bind_and_upgrade(db: peewee.Database, shown: object, *, writes: bool, run_migrations: bool) -> None:
    """Either backend, once opened and its read-only reason known: refuse a command
    that must write to a read-only database, bind the models, run the pending
    migrations (a read-only database that needs them is refused)."""
    if db.sourcer_read_only and writes:
        raise DatabaseOpenError(
            _("{path}: read-only database ({reason}); this command writes to it, nothing done").format(path=shown, reason=db.sourcer_read_only)
        )
    database_proxy.initialize(db)
    if run_migrations and _pending(db):
        if db.sourcer_read_only:
            raise DatabaseOpenError(
                _("{path}: needs an upgrade to this version's schema, but it is read-only ({reason})").format(
                    path=shown, reason=db.sourcer_read_only
                )
            )
        migrate(db)


def _open_url(url: str, *, run_migrations: bool, read_only: bool, writes: bool, password: str | None) -> peewee.Database:
    """:func:`open_database` for a PostgreSQL server: the same guard and
    migrations; the errors name the URL (its password, if any, hidden)."""
    shown = postgres.redacted(url)
    problem = postgres.driver_problem()
    if problem:
        raise DatabaseOpenError(_("{path}: {reason}").format(path=shown, reason=problem))
    db = None
    try:
        db = postgres.connect(url, password=password, read_only=read_only)
        db.connect()
        problem = _schema_problem(db, shown)
        if problem:
            raise DatabaseOpenError(problem)
        if read_only:
            db.sourcer_read_only = _("opened read-only")
        elif db.execute_sql("SELECT current_setting('transaction_read_only')").fetchone()[0] == "on":
            db.sourcer_read_only = _("the server accepts no writes")
        else:
            db.sourcer_read_only = None
        with db.atomic():  # the whole upgrade or nothing (PostgreSQL's DDL is transactional)
            _bind_and_upgrade(db, shown, writes=writes, run_migrations=run_migrations)
    except DatabaseOpenError:
        _close_quietly(db)
        raise
    except (peewee.DatabaseError, peewee.InterfaceError, OSError) as exc:
        _close_quietly(db)
        raise DatabaseOpenError(_("{path}: cannot use this database ({reason})").format(path=shown, reason=_reason(exc))) from exc
    return db


def _header(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(16)


def _close_quietly(db) -> None:
    """Close *db* (a Peewee database, or a sqlite3 or psycopg connection), if any."""
    if db is not None:
        try:
            db.close()
        except Exception:  # closing is all that is left to do
            pass


def checkpoint(db: peewee.Database, *, wait: float | None = None) -> bool:
    """``PRAGMA wal_checkpoint(TRUNCATE)``: True when everything is in the main
    file and the WAL is empty; False when a reader (another window, another
    program in a read) held it back.  *wait* (seconds) overrides the busy
    timeout for this one call (0: do not wait for a reader)."""
    if not isinstance(db, peewee.SqliteDatabase):
        return True  # a server keeps its own files
    previous = None
    if wait is not None:
        previous = db.execute_sql("PRAGMA busy_timeout").fetchone()[0]
        db.execute_sql(f"PRAGMA busy_timeout = {int(wait * 1000)}")
    try:
        busy, log, done = db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        if previous is not None:
            db.execute_sql(f"PRAGMA busy_timeout = {int(previous)}")
    return busy == 0 and log == done


def close_database(db: peewee.Database, readers: "WorkerConnections | None" = None) -> bool:
    """Close every connection (the worker threads' too) after a checkpoint, so
    that the ``.db`` file alone holds everything (copying it is enough).
    Returns whether the checkpoint completed; never raises for it (what is
    not checkpointed is safe in the WAL, and the next start reads it)."""
    if readers is not None:
        readers.close_all()
    done = False
    if not db.is_closed():
        if not read_only_reason(db):
            try:
                done = checkpoint(db, wait=1.0)
            except (peewee.DatabaseError, sqlite3.Error):
                done = False
        _close_quietly(db)
    return done


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def _pending(db: peewee.Database) -> bool:
    names = known_migrations()
    if "schema_migration" not in _tables(db):
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

    When SQLite rolls a transaction back by itself (disk full, I/O error, in
    the body or at COMMIT), Peewee's own rollback then fails with "no
    transaction is active" and that error would hide the real one: the real
    one is re-raised instead.
    """

    def __init__(self, atomic) -> None:
        self.atomic = atomic

    def __enter__(self):
        return self.atomic.__enter__()

    def __exit__(self, exc_type, exc, tb):
        try:
            return self.atomic.__exit__(exc_type, exc, tb)
        except peewee.OperationalError as rollback:
            if "no transaction is active" in str(rollback):
                if exc is not None:
                    raise exc from None
                # the COMMIT itself failed (the disk filled up as the WAL grew):
                # that is the error to tell, not the rollback's
                cause = rollback.__context__
                while cause is not None and "no transaction is active" in str(cause):
                    cause = cause.__context__
                if isinstance(cause, (peewee.DatabaseError, sqlite3.Error)):
                    raise cause from None
            raise


def write_transaction() -> _Write:
    """One write transaction; on SQLite taken IMMEDIATE so that two instances
    wait for each other (busy timeout) instead of failing with "locked"."""
    db = database_proxy.obj
    reason = read_only_reason(db)
    if reason:
        from ..services.errors import ReadOnly  # the services' error: every flow says it

        raise ReadOnly(_("read-only database ({reason}): nothing can be changed").format(reason=reason))
    if isinstance(db, peewee.SqliteDatabase):
        return _Write(db.atomic("IMMEDIATE"))
    return _Write(db.atomic())


_T = TypeVar("_T")
#: The readers' pool: the four panes read side by side at a reload.
READ_THREADS = 4


class WorkerConnections:
    """One connection per worker thread, kept open for that thread's next read.

    A new connection starts with a cold page cache and reads the schema again:
    at 100,000 talents a pane's read was markedly slower on it than on a warm
    one.  Worker threads (Textual's executor, the panes' pool) are reused, so
    their connections are too.  :meth:`close_all` closes them when the app
    ends; a thread that reads after that opens a fresh one."""

    def __init__(self, db: peewee.Database) -> None:
        self.db = db
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list = []
        self._busy: dict = {}  # connection -> how many blocks of use() hold it now
        self._orphans: list = []  # closed by close_all while held: its thread closes it
        self._generation = 0
        self._pool: ThreadPoolExecutor | None = None

    @contextmanager
    def use(self):
        """This thread's connection for the block (opened on first use)."""
        with self._lock:
            # an outer block of this thread may still hold one that close_all orphaned: kept till it ends
            current = not self.db.is_closed() and (
                getattr(self._local, "generation", None) == self._generation or self.db.connection() in self._busy
            )
            if current:
                connection = self.db.connection()
                self._busy[connection] = self._busy.get(connection, 0) + 1
        if not current:
            if not self.db.is_closed():
                self.db.close()  # closed by close_all: let Peewee forget it
            self.db.connect()
            # kept for the whole session, one per worker thread: a smaller page
            # cache than the UI thread's (the OS caches the file; stats at 100k
            # talents run as fast with 8 MB as with 32)
            if isinstance(self.db, peewee.SqliteDatabase):
                self.db.execute_sql(f"PRAGMA cache_size = -{WORKER_CACHE_KIB}")
            connection = self.db.connection()
            with self._lock:
                self._open.append(connection)
                self._local.generation = self._generation
                self._busy[connection] = self._busy.get(connection, 0) + 1
        try:
            yield connection
        finally:
            with self._lock:
                left = self._busy.pop(connection) - 1
                if left:
                    self._busy[connection] = left
                orphan = not left and connection in self._orphans
                if orphan:
                    self._orphans.remove(connection)
            if orphan:  # close_all came while this thread read on it: closed here, by its own thread
                _close_quietly(connection)

    def submit(self, read: Callable[[], _T]) -> Future[_T]:
        """*read* in a thread of the readers' own pool, on that thread's connection:
        a worker's reads side by side (SQLite lets go of the GIL while it reads; a
        server runs each connection's query in a process of its own).  The threads,
        and so their connections and page caches, are kept."""
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=READ_THREADS, thread_name_prefix="reader")
            pool = self._pool
        return pool.submit(self._read, read)

    def _read(self, read: Callable[[], _T]) -> _T:
        with self.use():
            return read()

    def close_all(self) -> None:
        """Close the threads' connections.  One that a thread is reading on is
        left to that thread, which closes it at the end of its block: closed
        under a running query, sqlite3 can crash the process."""
        with self._lock:
            connections, self._open = self._open, []
            self._generation += 1
            pool, self._pool = self._pool, None
            idle = [c for c in connections if c not in self._busy]
            self._orphans.extend(c for c in connections if c in self._busy)
        if pool is not None:
            pool.shutdown(wait=False)
        for connection in idle:
            _close_quietly(connection)


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
            except (peewee.OperationalError, peewee.DatabaseError) as error:
                # SQLite's "interrupted"; PostgreSQL's "canceling statement due to user request"
                if "interrupt" in str(error) or "canceling statement" in str(error):
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
            elif self._connection is not None and hasattr(self._connection, "cancel"):  # psycopg
                self._connection.cancel()
