"""Worker threads keep their own connection between reads (a warm page cache)."""

from __future__ import annotations

import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor

import peewee
import pytest

from sourcer_tui.db.database import WorkerConnections


def test_a_thread_reuses_its_connection_until_close_all(db):
    readers = WorkerConnections(db)
    pool = ThreadPoolExecutor(max_workers=1)

    def read():
        with readers.use() as connection:
            assert connection.execute("SELECT COUNT(*) FROM talent").fetchone() == (0,)
            return connection, threading.get_ident()

    (first, thread), (second, same_thread) = pool.submit(read).result(), pool.submit(read).result()
    assert same_thread == thread and second is first  # kept open, reused
    assert first is not db.connection()  # not the UI thread's

    readers.close_all()
    closed = sqlite3.ProgrammingError if isinstance(db, peewee.SqliteDatabase) else __import__("psycopg").OperationalError
    with pytest.raises(closed):  # really closed (from this thread)
        first.execute("SELECT 1")
    third, _ = pool.submit(read).result()  # the closed one is replaced, not used
    assert third is not first
    readers.close_all()
    pool.shutdown()


def test_threads_do_not_share_a_connection(db):
    readers = WorkerConnections(db)
    barrier = threading.Barrier(2)

    def read():
        with readers.use() as connection:
            barrier.wait(timeout=5)  # both threads hold theirs at once
            return connection

    with ThreadPoolExecutor(max_workers=2) as pool:
        a, b = [f.result() for f in [pool.submit(read), pool.submit(read)]]
    assert a is not b
    readers.close_all()


def test_close_all_leaves_a_connection_in_use_to_its_thread(db):
    """The app quits while a pane still reads: that read's connection is not
    closed under it (sqlite3 can crash the process) but by its thread, after."""
    readers = WorkerConnections(db)
    holding, go_on = threading.Event(), threading.Event()

    def read():
        with readers.use() as connection:
            holding.set()
            assert go_on.wait(timeout=5)
            count = connection.execute("SELECT COUNT(*) FROM talent").fetchone()  # still open
        return connection, count

    with ThreadPoolExecutor(max_workers=1) as pool:
        reading = pool.submit(read)
        assert holding.wait(timeout=5)
        readers.close_all()
        go_on.set()
        connection, count = reading.result(timeout=5)
    assert count == (0,)
    closed = sqlite3.ProgrammingError if isinstance(db, peewee.SqliteDatabase) else __import__("psycopg").OperationalError
    with pytest.raises(closed):  # closed once the read was over
        connection.execute("SELECT 1")
