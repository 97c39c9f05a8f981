"""The command line in French: its own lines, argparse's words, the ``today`` list.

The tests marked *catalog* read the compiled French catalog
(``sourcer_tui/i18n/locale/fr/LC_MESSAGES/sourcer_tui.mo``); the pseudo-locale
ones show that every word goes through ``_()`` whatever the catalog holds.
"""

from __future__ import annotations

import pytest

from sourcer_tui.cli import build_parser, main
from sourcer_tui.i18n import pseudo, set_language


@pytest.fixture
def demo_copy(tmp_path):
    """A demo database (``today --demo --db PATH`` builds it on first use)."""
    path = tmp_path / "demo.db"
    assert main(["--db", str(path), "today", "--demo", "--json"]) == 0
    return path


def _today(path, capsys) -> str:
    capsys.readouterr()
    assert main(["--db", str(path), "today", "--demo"]) == 0
    return capsys.readouterr().out


# -- French (the compiled catalog) ----------------------------------------------------------


def test_today_in_french(demo_copy, capsys, monkeypatch):
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    out = _today(demo_copy, capsys)
    header = out.splitlines()[0]
    assert header.startswith("Aujourd'hui ") and "/" in header  # 05/12/2026, not 2026-12-05
    assert "Relance" in out and "de retard" in out
    assert "d late" not in out and "followup" not in out
    assert "Remercier" in out and "thank_introducer" not in out  # the demo's thank-you to an introducer


def test_today_in_english_is_unchanged(demo_copy, capsys, monkeypatch):
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    french = _today(demo_copy, capsys)
    monkeypatch.setenv("LANG", "C.UTF-8")
    english = _today(demo_copy, capsys)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert _today(demo_copy, capsys) == english
    assert english != french
    assert english.startswith("Today ") and "d late" in english and "followup" in english
    assert "Relance" not in english and "Aujourd'hui" not in english


def test_the_config_language_wins_over_the_environment(demo_copy, capsys, monkeypatch, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('[ui]\nlanguage = "fr"\n', encoding="utf-8")
    monkeypatch.setenv("LANG", "C.UTF-8")
    capsys.readouterr()
    assert main(["--config", str(config), "--db", str(demo_copy), "today", "--demo"]) == 0
    assert capsys.readouterr().out.startswith("Aujourd'hui ")


def test_help_in_french(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("utilisation : sourcer-tui")
    assert "\noptions:\n" in out and "\narguments positionnels:\n" in out  # argparse writes the colon
    assert "afficher cette aide et quitter" in out and "afficher la version du programme et quitter" in out
    assert "--demo" in out and "CHEMIN" in out
    assert "usage:" not in out and "show this help" not in out


def test_subcommand_help_in_french(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert main(["export", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("utilisation : sourcer-tui export")
    assert "FICHIER" in out and "--force" in out and "utiliser la base de démo" in out


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["exprot"], "sourcer-tui : erreur : argument COMMANDE : choix invalide : 'exprot'"),
        (["today", "--tomorrow"], "arguments inconnus : --tomorrow"),
        (["export"], "sourcer-tui export : erreur : arguments obligatoires manquants : FICHIER"),
        (["today", "--date", "11/23/2026"], "argument --date : pas une date : '11/23/2026'"),
        (["today", "--date"], "argument --date : une valeur attendue"),
        (["stats", "--json", "--csv"], "argument --csv : incompatible avec l'argument --json"),
        (["ics", "--days", "5000", "x.ics"], "doit être compris entre 0 et 3 660"),  # the line's spaces folded
    ],
)
def test_argument_errors_in_french(capsys, monkeypatch, argv, expected):
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and expected in lines[0], lines
    assert "(voir sourcer-tui" in lines[0] and " error" not in lines[0]


def test_command_error_in_french(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert main(["--db", str(tmp_path / "x.db"), "import", str(tmp_path / "none.csv")]) == 2
    assert capsys.readouterr().err.startswith("sourcer-tui : erreur : ")


# -- every word through _() (the pseudo-locale: no catalog needed) ---------------------------


def test_argparse_words_go_through_the_catalog(capsys):
    set_language("pseudo")
    text = build_parser().format_help()
    assert text.startswith(pseudo("usage: ") + "sourcer-tui")
    for english in ("options", "positional arguments", "show this help message and exit", "show program's version number and exit"):
        assert pseudo(english) in text, english
        assert english not in text, english
    assert "--demo" in text and "--version" in text


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["exprot"], ("argument", "invalid choice")),
        (["today", "--tomorrow"], ("unrecognized arguments",)),
        (["export"], ("the following arguments are required",)),
        (["today", "--date"], ("expected one argument",)),
        (["stats", "--json", "--csv"], ("not allowed with argument",)),
        (["demo-data", "--seed", "x"], ("invalid", "value")),
    ],
)
def test_argparse_errors_go_through_the_catalog(capsys, argv, words):
    set_language("pseudo")
    with pytest.raises(SystemExit) as stop:
        build_parser().parse_args(argv)
    assert stop.value.code == 2
    line = capsys.readouterr().err.strip()
    assert pseudo("error") in line and pseudo("see") in line
    for english in words:
        assert pseudo(english) in line and english not in line, line


def test_english_argparse_messages_are_untouched(capsys):
    set_language("en")
    with pytest.raises(SystemExit):
        build_parser().parse_args(["exprot"])
    assert capsys.readouterr().err.startswith(
        "sourcer-tui: error: argument COMMAND: invalid choice: 'exprot' (choose from "
    )
    assert build_parser().format_help().startswith("usage: sourcer-tui [-h] [--version] [--config PATH]")


def test_a_day_written_day_first_is_a_date_on_the_command_line():
    """The app reads 07/12/2026; so does --date (and --since)."""
    import datetime as dt

    from sourcer_tui.cli.args import iso_day

    assert iso_day("07/12/2026") == dt.date(2026, 12, 7)
    assert iso_day("7.12.2026") == dt.date(2026, 12, 7)
    assert iso_day("2026-12-07") == dt.date(2026, 12, 7)
