"""What other connections wrote: the seam the open app listens to (live refresh).

A second window on the same SQLite file, a teammate on the same PostgreSQL
database, a cron job: when one of them commits, the open app refreshes the
panes that read what changed, without a key press.  No Textual here: the main
screen holds a :class:`ChangeFeed` and asks it.

- **SQLite** (:class:`DataVersionFeed`): ``PRAGMA data_version`` on the
  asking thread's connection changes when another connection committed since
  it last asked.  It reads no page of the file (a counter in shared memory):
  cheap enough to ask every couple of seconds.  It cannot say which tables:
  :data:`EVERYTHING`.
- **PostgreSQL** (:class:`NotifyFeed`): ``LISTEN sourcer_changes`` on a
  connection of its own, in autocommit mode (NOTIFY is delivered between
  transactions).  The triggers of migration 0027 send ``NOTIFY
  sourcer_changes, '<table>'`` on every write, so only the panes reading that
  table refresh.  :meth:`NotifyFeed.wait` blocks (psycopg 3's
  ``Connection.notifies``): the app runs it in a :class:`Listener`, a
  thread of its own.  The notifications of the app's own connections
  (``db.own_pids``) are left out: the screen that wrote shows it already.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Container
from typing import Any, Protocol

import peewee

from ..db.dialect import data_version

__all__ = ["CHANNEL", "EVERYTHING", "ChangeFeed", "DataVersionFeed", "NotifyFeed", "NoFeed", "Listener", "open_feed"]

#: The PostgreSQL channel the write triggers notify (migration 0027).
CHANNEL = "sourcer_changes"
#: "Something changed, which tables is not known": every pane refreshes.
EVERYTHING = frozenset({"*"})


class ChangeFeed(Protocol):
    #: True: :meth:`wait` blocks until a change (run it in a worker thread);
    #: False: :meth:`poll` is asked on a timer.
    blocking: bool

    def poll(self) -> frozenset[str]:
        """The tables others changed since the last call (empty: nothing); never blocks."""

    def wait(self, timeout: float) -> frozenset[str]:
        """As :meth:`poll`, waiting up to *timeout* seconds for a first change."""

    def close(self) -> None:
        ...


class NoFeed:
    """A database that says nothing of others' writes: nothing ever refreshes by itself."""

    blocking = False

    def poll(self) -> frozenset[str]:
        return frozenset()

    def wait(self, timeout: float) -> frozenset[str]:
        return frozenset()

    def close(self) -> None:
        pass


class DataVersionFeed:
    """SQLite: ``PRAGMA data_version`` of the asking thread's connection (ask from one thread)."""

    blocking = False

    def __init__(self, db: peewee.Database) -> None:
        self.db = db
        self._last = self._read()

    def _read(self) -> int | None:
        try:
            return data_version(self.db)
        except peewee.DatabaseError:  # a busy or vanished file: the next ask will tell
            return None

    def poll(self) -> frozenset[str]:
        version = self._read()
        if version is None or version == self._last:
            return frozenset()
        self._last = version
        return EVERYTHING

    def wait(self, timeout: float) -> frozenset[str]:
        return self.poll()

    def close(self) -> None:
        pass


class NotifyFeed:
    """PostgreSQL: ``LISTEN`` on a connection of its own (*connect* opens it, in
    autocommit mode); each notification's payload names a table.

    *lazy*: connected by the first :meth:`wait` (in the listener's thread: no
    network round trip before the app's first frame), which then answers
    :data:`EVERYTHING` — what was written between the app's first read and the
    ``LISTEN`` is read again, never missed."""

    blocking = True

    def __init__(self, connect: Callable[[], Any], channel: str = CHANNEL, *, lazy: bool = False,
                 own: Callable[[], Container[int]] = frozenset) -> None:
        self._connect, self._channel, self._own = connect, channel, own
        self._connection = None
        self._lock = threading.Lock()
        self._closing = False
        if not lazy:
            self._listen()

    def _listen(self) -> None:
        connection = self._connect()
        connection.execute(f"LISTEN {self._channel}")
        self._connection = connection

    def wait(self, timeout: float) -> frozenset[str]:
        tables: set[str] = set()
        with self._lock:
            if self._closing:
                self._close_now()
                return frozenset()
            if self._connection is None:
                self._listen()
                return EVERYTHING  # catch up with what came before the LISTEN
            connection, own = self._connection, self._own()
            for notice in connection.notifies(timeout=timeout, stop_after=1):
                if notice.pid not in own:
                    tables.add(notice.payload or "*")
            # and whatever came with it, without waiting
            tables.update(n.payload or "*" for n in connection.notifies(timeout=0) if n.pid not in own)
            if self._closing:  # asked while this thread waited: closed here, not under its feet
                self._close_now()
        return EVERYTHING if "*" in tables else frozenset(tables)

    def poll(self) -> frozenset[str]:
        return self.wait(0)

    def _close_now(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()

    def close(self) -> None:
        """Close now, or (a thread waiting) as soon as its wait ends: never blocks."""
        self._closing = True
        if self._lock.acquire(blocking=False):
            try:
                self._close_now()
            finally:
                self._lock.release()


def _postgres_connection(db: peewee.PostgresqlDatabase) -> Any:
    """A psycopg 3 connection to *db*'s database with *db*'s parameters, in autocommit mode."""
    import psycopg

    params = {key: value for key, value in db.connect_params.items() if key not in ("autocommit", "isolation_level")}
    if db.database.startswith(("postgresql://", "postgres://")):  # as peewee does: a URL is the conninfo
        params.setdefault("conninfo", db.database)
    else:
        params.setdefault("dbname", db.database)
    return psycopg.connect(autocommit=True, **params)


def open_feed(db: peewee.Database) -> ChangeFeed:
    """The feed that fits *db*: SQLite's data version, PostgreSQL's LISTEN, or nothing."""
    if isinstance(db, peewee.SqliteDatabase):
        return DataVersionFeed(db)
    if isinstance(db, peewee.PostgresqlDatabase):
        # the app's own writes (its connections' server processes) are shown by the
        # screen that made them: a second reload of the panes doubled a save's work
        return NotifyFeed(lambda: _postgres_connection(db), lazy=True, own=lambda: getattr(db, "own_pids", ()))
    return NoFeed()


class Listener:
    """A blocking feed waited on in a daemon thread of its own: each batch of
    tables goes to *deliver*, a failure (the server gone) to *failed*; both are
    called from that thread, so they must be thread-safe (Textual's
    ``post_message`` is).  A daemon thread, not a Textual worker: it never ends
    by itself, and neither a quit nor a test waiting for the workers waits for it."""

    def __init__(self, feed: ChangeFeed, deliver: Callable[[frozenset[str]], None],
                 failed: Callable[[BaseException], None] | None = None, *, patience: float = 0.5) -> None:
        self.feed, self.deliver, self.failed, self.patience = feed, deliver, failed, patience
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sourcer-changes", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Stop listening; the thread ends within *patience* (its wait's bound)."""
        self._stop.set()
        self.feed.close()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                tables = self.feed.wait(self.patience)
            except Exception as error:  # noqa: BLE001  (said by *failed*, the app goes on without)
                if not self._stop.is_set() and self.failed is not None:
                    self.failed(error)
                return
            if tables and not self._stop.is_set():
                self.deliver(tables)
