"""Where sourcer-tui keeps its files: config, database, demo database, backups, logs.

Pure path arithmetic through platformdirs; nothing here creates a directory.
Precedence is always: command-line flag > environment variable > config > default.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import platformdirs

__all__ = [
    "APP_NAME",
    "CONFIG_ENV",
    "DB_ENV",
    "config_path",
    "data_dir",
    "default_db_path",
    "demo_db_path",
    "backups_dir",
    "log_dir",
    "db_path",
    "db_target",
    "is_db_url",
]

APP_NAME = "sourcer-tui"
CONFIG_ENV = "SOURCER_TUI_CONFIG"
DB_ENV = "SOURCER_TUI_DB"


def _expand(value: str) -> Path:
    return Path(value).expanduser()


def config_path(explicit: str | None = None, environ: Mapping[str, str] = os.environ) -> Path:
    """The config file: ``--config`` > ``$SOURCER_TUI_CONFIG`` > the user config dir."""
    if explicit:
        return _expand(explicit)
    if environ.get(CONFIG_ENV):
        return _expand(environ[CONFIG_ENV])
    return platformdirs.user_config_path(APP_NAME, appauthor=False) / "config.toml"


def data_dir() -> Path:
    """The user data directory (database, demo database, backups)."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def default_db_path() -> Path:
    return data_dir() / "sourcer.db"


def demo_db_path() -> Path:
    return data_dir() / "demo.db"


def backups_dir() -> Path:
    return data_dir() / "backups"


def log_dir() -> Path:
    return platformdirs.user_log_path(APP_NAME, appauthor=False)


def db_path(
    explicit: str | None,
    settings_db_path: str | None,
    environ: Mapping[str, str] = os.environ,
) -> Path:
    """The database: ``--db`` > ``$SOURCER_TUI_DB`` > ``[database] path`` > default."""
    if explicit:
        return _expand(explicit)
    if environ.get(DB_ENV):
        return _expand(environ[DB_ENV])
    if settings_db_path:
        return _expand(settings_db_path)
    return default_db_path()


def is_db_url(value: str | None) -> bool:
    """Whether *value* is a ``postgresql://`` URL rather than a file's path."""
    scheme, sep, _rest = (value or "").partition("://")
    return bool(sep) and scheme.lower() in ("postgresql", "postgres")


def db_target(
    explicit: str | None,
    settings_db_path: str | None,
    settings_db_url: str | None = None,
    environ: Mapping[str, str] = os.environ,
) -> Path | str:
    """The database: a file's :class:`Path`, or a PostgreSQL URL (a ``str``).

    ``--db`` > ``$SOURCER_TUI_DB`` (each a path or a URL) > ``[database] url``
    > ``[database] path`` > default.  A URL is never made a Path (that would
    be a folder named ``postgresql:``)."""
    for value in (explicit, environ.get(DB_ENV)):
        if value:
            return value if is_db_url(value) else _expand(value)
    if settings_db_url:
        return settings_db_url
    return db_path(None, settings_db_path, environ)
