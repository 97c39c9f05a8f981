"""Issue 20, item 8: small frictions — counts agreed with their number, a true size from ``demo-data``."""

from __future__ import annotations

import re

import pytest

from sourcer_tui.cli import main
from sourcer_tui.cli.output import table_count
from sourcer_tui.i18n import formats, set_language


@pytest.fixture
def english():
    set_language("en")
    yield
    set_language("en")


@pytest.mark.parametrize(
    ("table", "n", "shown"),
    [
        ("talents", 1, "1 talent"),
        ("talents", 2, "2 talents"),
        ("talents", 0, "0 talents"),
        ("missions", 1, "1 mission"),
        ("candidacies", 1, "1 candidacy"),
        ("candidacies", 3, "3 candidacies"),
        ("touchpoints", 1, "1 touchpoint"),
        ("reminders", 1, "1 reminder"),
        ("snoozes", 1, "1 snooze"),
        ("snoozes", 2, "2 snoozes"),
        ("templates", 1, "1 template"),
    ],
)
def test_one_talent_is_not_one_talents(english, table, n, shown):
    assert table_count(table, n) == shown


def test_counts_in_french():
    set_language("fr")
    try:
        assert table_count("talents", 1) == "1 talent"
        assert table_count("touchpoints", 2) == "2 échanges"
    finally:
        set_language("en")


@pytest.mark.parametrize(
    ("n_bytes", "english", "french"),
    [
        (0, "0 bytes", "0 octets"),
        (999, "999 bytes", "999 octets"),
        (1_000, "1.0 kB", "1,0\u00a0ko"),
        (340_123, "340 kB", "340\u00a0ko"),
        (4_210_000, "4.2 MB", "4,2\u00a0Mo"),
        (9_960_000, "10 MB", "10\u00a0Mo"),
        (12_600_000, "13 MB", "13\u00a0Mo"),
        (1_500_000_000, "1.5 GB", "1,5\u00a0Go"),
    ],
)
def test_file_size(n_bytes, english, french):
    set_language("en")
    assert formats.file_size(n_bytes) == english
    set_language("fr")
    try:
        assert formats.file_size(n_bytes) == french
    finally:
        set_language("en")


def test_demo_data_prints_the_size_of_the_file_it_leaves(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LANG", "C.UTF-8")
    path = tmp_path / "made.db"
    assert main(["demo-data", "--db", str(path), "--seed", "7"]) == 0
    line = capsys.readouterr().out.strip().splitlines()[-1]
    size = re.search(r"\(([^()]*)\)$", line).group(1)
    assert not (tmp_path / "made.db-wal").exists() or (tmp_path / "made.db-wal").stat().st_size == 0
    set_language("en")
    assert size == formats.file_size(path.stat().st_size)
    assert size != "0 MB"
    assert "1 talents" not in line


# -- u over ssh: is there a browser to open? ---------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "platform", "reason"),
    [
        ({"SSH_CONNECTION": "10.0.0.2 5555 10.0.0.1 22"}, "linux", "ssh"),
        ({"SSH_TTY": "/dev/pts/3"}, "linux", "ssh"),
        ({}, "linux", "no display"),
        ({"DISPLAY": ":0"}, "linux", None),
        ({"WAYLAND_DISPLAY": "wayland-0", "SSH_CONNECTION": "x"}, "linux", None),  # ssh -X / a local terminal
        ({"BROWSER": "firefox"}, "linux", None),
        ({"BROWSER": "  "}, "linux", "no display"),
        ({}, "darwin", None),
        ({"SSH_CONNECTION": "x"}, "darwin", "ssh"),
        ({}, "win32", None),
        ({}, "freebsd14", "no display"),
    ],
)
def test_no_browser_reason(environ, platform, reason):
    from sourcer_tui.domain.browser import no_browser_reason

    assert no_browser_reason(environ, platform) == reason
