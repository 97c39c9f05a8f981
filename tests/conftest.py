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


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "test.db")
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

