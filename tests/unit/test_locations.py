"""Where files live: flag > environment > config > platform default."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from sourcer_tui import locations
from sourcer_tui.locations import (
    backups_dir,
    config_path,
    data_dir,
    db_path,
    default_db_path,
    demo_db_path,
    log_dir,
)


@pytest.fixture()
def fake_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point platformdirs at *tmp_path* so nothing depends on the real home."""
    monkeypatch.setattr(platformdirs, "user_config_path", lambda *a, **k: tmp_path / "config" / a[0])
    monkeypatch.setattr(platformdirs, "user_data_path", lambda *a, **k: tmp_path / "data" / a[0])
    monkeypatch.setattr(platformdirs, "user_log_path", lambda *a, **k: tmp_path / "log" / a[0])
    return tmp_path


def test_platform_defaults(fake_dirs: Path) -> None:
    assert config_path(environ={}) == fake_dirs / "config" / "sourcer-tui" / "config.toml"
    assert data_dir() == fake_dirs / "data" / "sourcer-tui"
    assert default_db_path() == fake_dirs / "data" / "sourcer-tui" / "sourcer.db"
    assert demo_db_path() == fake_dirs / "data" / "sourcer-tui" / "demo.db"
    assert backups_dir() == fake_dirs / "data" / "sourcer-tui" / "backups"
    assert log_dir() == fake_dirs / "log" / "sourcer-tui"


def test_real_platformdirs_use_the_app_name() -> None:
    assert locations.APP_NAME == "sourcer-tui"
    assert config_path(environ={}).name == "config.toml"
    assert config_path(environ={}).parent.name == "sourcer-tui"
    assert data_dir().name == "sourcer-tui"
    assert default_db_path() == data_dir() / "sourcer.db"
    assert demo_db_path() == data_dir() / "demo.db"
    assert backups_dir() == data_dir() / "backups"
    assert "sourcer-tui" in log_dir().parts


def test_nothing_is_created(fake_dirs: Path) -> None:
    config_path(environ={})
    db_path(None, None, environ={})
    backups_dir()
    log_dir()
    assert sorted(p.name for p in fake_dirs.iterdir()) == []


def test_config_path_precedence(fake_dirs: Path, tmp_path: Path) -> None:
    env = {"SOURCER_TUI_CONFIG": str(tmp_path / "env.toml")}
    explicit = str(tmp_path / "flag.toml")
    assert config_path(explicit, environ=env) == tmp_path / "flag.toml"
    assert config_path(None, environ=env) == tmp_path / "env.toml"
    assert config_path(None, environ={}) == fake_dirs / "config" / "sourcer-tui" / "config.toml"
    assert config_path("", environ={"SOURCER_TUI_CONFIG": ""}) == (
        fake_dirs / "config" / "sourcer-tui" / "config.toml"
    )


def test_config_path_reads_os_environ_by_default(
    fake_dirs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCER_TUI_CONFIG", str(tmp_path / "from-env.toml"))
    assert config_path() == tmp_path / "from-env.toml"
    monkeypatch.delenv("SOURCER_TUI_CONFIG")
    assert config_path() == fake_dirs / "config" / "sourcer-tui" / "config.toml"


def test_db_path_precedence(fake_dirs: Path, tmp_path: Path) -> None:
    env = {"SOURCER_TUI_DB": str(tmp_path / "env.db")}
    flag = str(tmp_path / "flag.db")
    conf = str(tmp_path / "conf.db")
    default = fake_dirs / "data" / "sourcer-tui" / "sourcer.db"
    assert db_path(flag, conf, environ=env) == tmp_path / "flag.db"
    assert db_path(None, conf, environ=env) == tmp_path / "env.db"
    assert db_path(None, conf, environ={}) == tmp_path / "conf.db"
    assert db_path(None, "", environ={}) == default
    assert db_path(None, None, environ={}) == default
    assert db_path("", "", environ={"SOURCER_TUI_DB": ""}) == default


def test_db_path_reads_os_environ_by_default(
    fake_dirs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCER_TUI_DB", str(tmp_path / "from-env.db"))
    assert db_path(None, str(tmp_path / "conf.db")) == tmp_path / "from-env.db"


def test_tilde_is_expanded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert db_path(None, "~/work/sourcer.db", environ={}) == tmp_path / "work" / "sourcer.db"
    assert db_path("~/flag.db", None, environ={}) == tmp_path / "flag.db"
    assert db_path(None, None, environ={"SOURCER_TUI_DB": "~/env.db"}) == tmp_path / "env.db"
    assert config_path("~/c.toml", environ={}) == tmp_path / "c.toml"
    assert config_path(None, environ={"SOURCER_TUI_CONFIG": "~/e.toml"}) == tmp_path / "e.toml"
