"""Live refresh and optimistic versions on PostgreSQL, with two real connections:
LISTEN/NOTIFY through services/changes.NotifyFeed and the triggers of migrations
0026 (versions) and 0027 (notifications).

Needs a server: ``$SOURCER_TEST_PG_URL`` (e.g. ``postgresql://postgres@127.0.0.1:55433/postgres``);
without it every test here is skipped, saying so.  Each test works in a schema
of its own, dropped after it.
"""

from __future__ import annotations

import importlib
import threading
import uuid

import pytest

from sourcer_tui.services.changes import EVERYTHING, NotifyFeed, open_feed

PG_ENV = "SOURCER_TEST_PG_URL"

import psycopg  # noqa: E402  (in the test extra: CI always has it)


@pytest.fixture
def pg_url():
    """The server (tests/conftest.py: skipped with its reason on a developer's
    machine without one, a failure under CI=1)."""
    from tests.conftest import _pg_server_url

    return _pg_server_url()


@pytest.fixture
def schema(pg_url):
    """A schema of its own: ``(name, connection options)``."""
    name = f"live_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_url, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {name}")
    yield name, f"-c search_path={name}"
    with psycopg.connect(pg_url, autocommit=True) as admin:
        admin.execute(f"DROP SCHEMA {name} CASCADE")


def _peewee(pg_url: str, options: str):
    import urllib.parse

    import peewee

    parts = urllib.parse.urlsplit(pg_url)
    return peewee.PostgresqlDatabase(
        parts.path.lstrip("/") or "postgres", host=parts.hostname, port=parts.port or 5432,
        user=parts.username or None, password=parts.password or None, options=options, prefer_psycopg3=True,
    )


def _migration(name: str):
    return importlib.import_module(f"sourcer_tui.db.migrations.{name}")


def test_a_notify_from_another_connection_names_its_table(pg_url):
    feed = NotifyFeed(lambda: psycopg.connect(pg_url, autocommit=True))
    try:
        assert feed.poll() == frozenset()
        with psycopg.connect(pg_url) as teammate:  # a teammate's transaction: delivered at its commit
            teammate.execute("NOTIFY sourcer_changes, 'touchpoint'")
            teammate.execute("NOTIFY sourcer_changes, 'reminder'")
            assert feed.poll() == frozenset()  # not committed yet
        assert feed.wait(5) == frozenset({"touchpoint", "reminder"})
        assert feed.poll() == frozenset()  # each said once
        with psycopg.connect(pg_url, autocommit=True) as teammate:
            teammate.execute("NOTIFY sourcer_changes")  # no payload: which tables is not known
        assert feed.wait(5) == EVERYTHING
    finally:
        feed.close()
    feed.close()  # twice: nothing


def test_the_app_s_own_writes_are_left_out_and_a_teammate_s_delivered(pg_url, pg_database):
    """A save of this app notifies too; the screen that saved shows it already, and a
    second reload of the panes cost each save on PostgreSQL 40 ms of CPU."""
    from sourcer_tui.db.database import open_database
    from sourcer_tui.services.changes import open_feed

    db = open_database(pg_database)
    try:
        feed = open_feed(db)
        assert feed.wait(0) == EVERYTHING  # the lazy LISTEN: what came before it is read again
        db.execute_sql("NOTIFY sourcer_changes, 'touchpoint'")  # this app's connection (autocommit)
        worker = threading.Thread(target=lambda: (db.connect(reuse_if_open=True),
                                                  db.execute_sql("NOTIFY sourcer_changes, 'snooze'"), db.close()))
        worker.start()
        worker.join()  # a worker thread's connection: the app's own too
        assert len(db.own_pids) == 2
        assert feed.wait(0.5) == frozenset()
        with psycopg.connect(pg_database, autocommit=True) as teammate:
            teammate.execute("NOTIFY sourcer_changes, 'reminder'")
        db.execute_sql("NOTIFY sourcer_changes, 'touchpoint'")
        assert feed.wait(5) == frozenset({"reminder"})
    finally:
        feed.close()
        db.close()


def test_the_write_triggers_notify_the_table_written(pg_url, schema):
    name, options = schema
    db = _peewee(pg_url, options)
    db.execute_sql("CREATE TABLE talent (id SERIAL PRIMARY KEY, name TEXT)")
    db.execute_sql("CREATE TABLE touchpoint (id SERIAL PRIMARY KEY, talent_id INTEGER, kind TEXT)")
    db.execute_sql("CREATE TABLE draft (id SERIAL PRIMARY KEY, payload TEXT)")
    _migration("0027_change_notifications").up(None, db)
    feed = open_feed(db)  # the app's way: LISTEN on a connection of its own, with db's parameters
    try:
        assert isinstance(feed, NotifyFeed) and feed.blocking
        assert feed.wait(0) == EVERYTHING  # connected by the first wait (the listener's thread): catch up once
        assert feed.wait(0) == frozenset()
        with psycopg.connect(pg_url, options=options) as teammate:
            teammate.execute("INSERT INTO talent (name) VALUES ('Zoé'), ('Éli')")
            teammate.execute("INSERT INTO touchpoint (talent_id, kind) VALUES (1, 'call')")
        assert feed.wait(5) == frozenset({"talent", "touchpoint"})
        with psycopg.connect(pg_url, options=options) as teammate:
            teammate.execute("INSERT INTO draft (payload) VALUES ('{}')")  # drafts: no pane shows them
            teammate.execute("DELETE FROM touchpoint")
        assert feed.wait(5) == frozenset({"touchpoint"})
    finally:
        feed.close()
        db.close()


def test_the_version_triggers_count_real_changes_and_never_go_back(pg_url, schema):
    name, options = schema
    migration = _migration("0026_row_versions")
    db = _peewee(pg_url, options)
    columns = ", ".join(f"{c} TEXT" for c in migration.TALENT)
    db.execute_sql(f"CREATE TABLE talent (id SERIAL PRIMARY KEY, {columns}, name_key TEXT)")
    columns = ", ".join(f"{c} TEXT" for c in migration.TOUCHPOINT)
    db.execute_sql(f"CREATE TABLE touchpoint (id SERIAL PRIMARY KEY, {columns}, version INTEGER NOT NULL DEFAULT 0)")
    migration.up(None, db)
    db.execute_sql("INSERT INTO talent (name, headline) VALUES ('Zoé', 'Backend')")

    def version() -> int:
        return db.execute_sql("SELECT version FROM talent").fetchone()[0]

    assert version() == 0
    db.execute_sql("UPDATE talent SET headline = 'CTO'")
    assert version() == 1
    db.execute_sql("UPDATE talent SET headline = 'CTO', name_key = 'zoe'")  # nothing edited changed
    assert version() == 1
    db.execute_sql("UPDATE talent SET headline = 'Backend', version = 0")  # an old copy put back
    assert version() == 2
    with psycopg.connect(pg_url, options=options) as teammate:  # the optimistic write of a teammate
        changed = teammate.execute("UPDATE talent SET headline = 'Lead' WHERE id = 1 AND version = 1").rowcount
    assert changed == 0 and db.execute_sql("SELECT headline FROM talent").fetchone()[0] == "Backend"
    db.execute_sql("INSERT INTO touchpoint (feedback_given) VALUES ('x')")
    db.execute_sql("UPDATE touchpoint SET feedback_given = 'x', version = version + 1")  # a save counts itself
    assert db.execute_sql("SELECT version FROM touchpoint").fetchone()[0] == 1
    db.close()


def test_a_teammate_logging_a_call_names_the_tables_the_panes_read(db):
    """The whole schema migrated (0027's triggers on it): a teammate's call reaches the
    open app's feed as the tables it wrote.  Runs where ``db`` is PostgreSQL (the
    parametrised fixture of the PostgreSQL backend); on SQLite, skipped."""
    import peewee

    from sourcer_tui.config import Settings
    from sourcer_tui.services import talents, touchpoints

    from ..conftest import NOW
    from .test_row_versions import in_another_window

    if not isinstance(db, peewee.PostgresqlDatabase):
        pytest.skip("PostgreSQL only: on SQLite the feed is the data version (tests/ui/test_live.py)")
    zoe = talents.create_talent({"name": "Zoé Martin"}, ["other"], NOW)
    feed = open_feed(db)
    try:
        assert feed.wait(0) == EVERYTHING  # the first wait listens, and catches up
        # the teammate's app: a database of its own (this one's connections are its own writes)
        from sourcer_tui.db.database import open_database
        from sourcer_tui.db.models import database_proxy

        teammate = open_database(db.database)
        try:
            in_another_window(teammate, lambda: touchpoints.log_touchpoint(zoe, None, "call", NOW, Settings()))
        finally:
            teammate.close()
            database_proxy.initialize(db)
        tables = feed.wait(5)
        assert "touchpoint" in tables and "draft" not in tables
        from sourcer_tui.screens.main import panes_reading

        # Today and Capture read touchpoints (a statement changing no row may notify too: a reload more)
        assert {"pipeline", "today", "capture"} <= set(panes_reading(tables))
    finally:
        feed.close()


def test_the_listener_thread_delivers_each_batch_and_stops(pg_url):
    import threading

    from sourcer_tui.services.changes import Listener

    got: list[frozenset[str]] = []
    arrived = threading.Event()

    def deliver(tables: frozenset[str]) -> None:
        got.append(tables)
        arrived.set()

    listener = Listener(NotifyFeed(lambda: psycopg.connect(pg_url, autocommit=True)), deliver, patience=0.1)
    listener.start()
    try:
        with psycopg.connect(pg_url, autocommit=True) as teammate:
            teammate.execute("NOTIFY sourcer_changes, 'reminder'")
        assert arrived.wait(5)
        assert got == [frozenset({"reminder"})]
    finally:
        listener.stop()
    listener._thread.join(5)
    assert not listener._thread.is_alive()


def _until_a_backend_waits_for_a_lock(url: str) -> None:
    """Return once another connection is blocked on a row lock (or after 10 s)."""
    import time

    deadline = time.monotonic() + 10
    with psycopg.connect(url, autocommit=True) as watcher:
        while time.monotonic() < deadline:
            if watcher.execute("SELECT count(*) FROM pg_locks WHERE NOT granted").fetchone()[0]:
                return


def test_two_teammates_marking_one_follow_up_done_at_once_log_it_once(pg_database):
    """Camille's d on Zoé's follow-up is being written when Anna's d comes: Anna's waits
    for it, then is refused ("already done"); one follow-up logged, not two."""
    import datetime as dt

    from sourcer_tui.config import Settings
    from sourcer_tui.db.database import open_database
    from sourcer_tui.db.models import Reminder, Touchpoint
    from sourcer_tui.services import missions, pipeline, reminders, talents, touchpoints
    from sourcer_tui.services.errors import Conflict

    thursday = dt.datetime(2026, 11, 19, 9, 0)
    db = open_database(pg_database)
    try:
        mission = missions.create_mission({"title": "Backend"}, thursday)
        zoe = talents.create_talent({"name": "Zoé"}, ["other"], thursday)
        touchpoints.log_touchpoint(zoe, pipeline.add_to_mission(zoe, mission, thursday), "approach", thursday, Settings())
        due = Reminder.get(Reminder.kind == "followup")
        with psycopg.connect(pg_database) as camille:  # her d, in its transaction: the row is hers until it commits
            camille.execute("UPDATE reminder SET status = 'done', done_at = now() WHERE id = %s", (due.id,))
            commit = threading.Thread(target=lambda: (_until_a_backend_waits_for_a_lock(pg_database), camille.commit()))
            commit.start()
            with pytest.raises(Conflict, match="already done"):
                reminders.complete(due.id, thursday + dt.timedelta(days=4), Settings())
            commit.join()
        assert Touchpoint.select().where(Touchpoint.kind == "followup").count() == 0  # Anna's d wrote nothing
    finally:
        db.close()
