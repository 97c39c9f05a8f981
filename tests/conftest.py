"""Shared fixtures: a real SQLite file per test, an isolated config, a fixed clock."""

from __future__ import annotations

import datetime as dt

import os

import pytest
from hypothesis import settings

from sourcer_tui.clock import FixedClock
from sourcer_tui.config import Settings
from sourcer_tui.db import compiled
from sourcer_tui.db.database import open_database

from .smtp_helpers import smtp_server  # noqa: F401  (fixture for every test)

# CI draws the same examples every run (a red CI is then a real, repeatable
# failure); a developer's run keeps drawing new ones, and pins what it finds
# with @example.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# Every kept query asked for again is built again and compared: a key that
# misses something its query depends on fails here (not an environment
# variable: the benchmarks' subprocesses keep the fast path).
compiled.VERIFY = True

TODAY = dt.date(2026, 11, 23)  # a Monday
NOW = dt.datetime(2026, 11, 23, 10, 30)


@pytest.fixture(autouse=True)
def _isolated(tmp_path_factory, monkeypatch):
    """Never read or write the developer's own config or data."""
    home = tmp_path_factory.mktemp("home")
    for var in ("SOURCER_TUI_CONFIG", "SOURCER_TUI_DB", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")  # English unless a test asks for French
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    from sourcer_tui.i18n import set_language

    set_language("en")
    from sourcer_tui.db.owners import set_login

    set_login("")  # the single user, unless a test signs in as someone
    yield
    set_language("en")
    set_login("")


# -- the two backends ---------------------------------------------------------------
# The unit suite (domain, services, CLI) runs each test that opens a database on
# SQLite and on PostgreSQL: ``backend`` is parametrised there, ``db`` and
# ``db_target`` follow it.  The UI, hostile, perf and engine suites stay on
# SQLite (their snapshots and file tricks are the file's).  A test SQLite-only
# by nature says so: ``@pytest.mark.sqlite_only("why")``.
#
# PostgreSQL is the server at ``$SOURCER_TEST_PG_URL`` (tools/pg_cluster.sh
# starts one and prints it): each worker migrates one template database once,
# and each test gets a fresh copy of it (CREATE DATABASE ... TEMPLATE, ~50 ms).
# Without the variable the PostgreSQL half is skipped, with its reason shown;
# under CI=1 it fails instead: CI always has its server.

PG_ENV = "SOURCER_TEST_PG_URL"
BACKENDS = ("sqlite", "postgresql")
_BOTH = ("unit",)  # the folders of tests/ whose tests run on both backends


def pytest_generate_tests(metafunc):
    if "backend" not in metafunc.fixturenames:
        return
    folder = metafunc.definition.path.parent.name
    if folder in _BOTH and metafunc.definition.get_closest_marker("sqlite_only") is None:
        metafunc.parametrize("backend", BACKENDS, indirect=True)


def pytest_collection_modifyitems(config, items):
    """The tests marked ``slow`` first: under ``-n auto`` the workflow model (minutes
    alone), collected last, ran on one worker while the others had nothing left."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)  # stable: the rest keep their order


def pytest_terminal_summary(terminalreporter):
    """Say once, at the end, why the PostgreSQL half did not run (``-rs`` lists each test)."""
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if "[postgresql" in r.nodeid]
    if skipped and not os.environ.get(PG_ENV):
        terminalreporter.write_line(
            f"{len(skipped)} PostgreSQL tests skipped: ${PG_ENV} is not set "
            f"(SOURCER_TEST_PG_URL=$(tools/pg_cluster.sh start /tmp/sourcer-pg 55432) runs them)", yellow=True)


@pytest.fixture
def backend(request):
    """``sqlite`` or ``postgresql``: the database the test runs on."""
    return getattr(request, "param", "sqlite")


def _pg_server_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        why = f"PostgreSQL tests need ${PG_ENV} (start a server: tools/pg_cluster.sh start)"
        if os.environ.get("CI"):
            pytest.fail(why + "; CI always has one (.ci/run)")
        pytest.skip(why)
    return url


def _pg_admin(url: str):
    import psycopg

    return psycopg.connect(url, autocommit=True)


def _with_database(url: str, name: str) -> str:
    import urllib.parse

    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


@pytest.fixture(scope="session")
def pg_template(worker_id):
    """This worker's migrated template database: its URL (PostgreSQL only)."""
    url = _pg_server_url()
    name = f"sourcer_tpl_{os.getpid()}_{worker_id}"  # two runs at once never share one
    with _pg_admin(url) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    template = _with_database(url, name)
    database = open_database(template)
    database.close()
    yield template
    with _pg_admin(url) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


_pg_count = iter(range(10**9))


@pytest.fixture
def pg_database(request, worker_id):
    """A fresh, migrated PostgreSQL database for this test: its URL (dropped after)."""
    template = request.getfixturevalue("pg_template")
    url = _pg_server_url()
    name = f"sourcer_t_{os.getpid()}_{worker_id}_{next(_pg_count)}"
    tpl = template.rsplit("/", 1)[1].split("?", 1)[0]
    with _pg_admin(url) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{tpl}" STRATEGY FILE_COPY')  # no WAL of the copy: 5x sooner
    yield _with_database(url, name)
    with _pg_admin(url) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def db_target(backend, tmp_path, request):
    """Where the test's database is: a new file's path (SQLite) or a fresh
    database's URL (PostgreSQL), as ``--db`` takes it."""
    if backend == "postgresql":
        return request.getfixturevalue("pg_database")
    return str(tmp_path / "test.db")


@pytest.fixture
def db(db_target):
    database = open_database(db_target)
    yield database
    database.close()


@pytest.fixture
def clock():
    return FixedClock(NOW)


@pytest.fixture
def settings():
    return Settings()


@pytest.fixture
def make_app(db, clock, settings):
    """The same factory the CLI uses, on the test database."""
    import gc

    from sourcer_tui.app import make_app as factory

    built = []

    def build(**overrides):
        app = factory(overrides.get("settings", settings), db, overrides.get("clock", clock), db_label="test")
        built.append(app)
        return app

    yield build
    for app in built:  # what the CLI does when the app ends
        app.readers.close_all()
    gc.unfreeze()  # an app freezes what start-up made: in one test process, let it go

