"""Out-of-range and malformed arguments: one line, exit 2, never a traceback or a hang."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .files_helpers import cli, demo_file

HUGE = str(2**70)


@pytest.fixture
def path(tmp_path):
    (tmp_path / "in.csv").write_text("name\nAda\n")
    return demo_file(tmp_path / "sourcer.db")


OUT_OF_RANGE = {
    "today --date 9999-12-31": (["today", "--date", "9999-12-31"], "argument --date: 9999-12-31: out of range (1900-01-01 to 2999-12-31)"),
    "today --date 0001-01-01": (["today", "--date", "0001-01-01"], "argument --date: 0001-01-01: out of range"),
    "stats --since 9999-12-31": (["stats", "--since", "9999-12-31"], "argument --since: 9999-12-31: out of range"),
    "stats --mission 2**70": (["stats", "--mission", HUGE], f"argument --mission: {HUGE}: an id is a whole number from 1 to 9223372036854775807"),
    "stats --mission 0": (["stats", "--mission", "0"], "argument --mission: 0: an id is a whole number"),
    "export --mission 2**70": (["export", "--mission", HUGE, "OUT.json"], "argument --mission"),
    "import --mission 2**70": (["import", "IN.csv", "--mission", HUGE], "argument --mission"),
    "ics --days 3000000": (["ics", "--days", "3000000", "OUT.ics"], "argument --days: 3000000: must be from 0 to 3,660"),
    "ics --days -1": (["ics", "--days", "-1", "OUT.ics"], "argument --days: -1: must be from 0 to 3,660"),
    "privacy review --date 9999-12-31": (["privacy", "review", "--date", "9999-12-31"], "argument --date"),
    "privacy review --date 0001-01-01": (["privacy", "review", "--date", "0001-01-01"], "argument --date"),
    "privacy export 2**70": (["privacy", "export", HUGE, "OUT.json"], "argument TALENT_ID"),
    "privacy erase 2**70": (["privacy", "erase", HUGE, "--yes"], "argument TALENT_ID"),
    "privacy anonymise 2**70": (["privacy", "anonymise", HUGE, "--yes"], "argument TALENT_ID"),
    "privacy extend 2**70": (["privacy", "extend", HUGE], "argument TALENT_ID"),
    "privacy extend -3": (["privacy", "extend", "-3"], "argument TALENT_ID: -3: an id is a whole number"),
    "rediscover --mission 2**70": (["rediscover", "--mission", HUGE], "argument --mission"),
    "rediscover --limit 0": (["rediscover", "--mission", "1", "--limit", "0"], "argument --limit: 0: must be from 1 to 500"),
    "rediscover --limit 501": (["rediscover", "--mission", "1", "--limit", "501"], "argument --limit: 501: must be from 1 to 500"),
    "demo-data --talents 0": (["demo-data", "--talents", "0"], "argument --talents: 0: must be from 1 to 1,000,000"),
    "demo-data --touchpoints 2**70": (["demo-data", "--talents", "5", "--touchpoints", HUGE], "argument --touchpoints"),
}


@pytest.mark.parametrize("case", sorted(OUT_OF_RANGE))
def test_out_of_range_values_are_one_line(path, tmp_path, case):
    args, expected = OUT_OF_RANGE[case]
    args = [str(tmp_path / a) if a.isupper() or a.endswith(".csv") else a for a in args]
    line = cli("--db", path, *args).one_line_error()
    assert expected in line, line
    assert line.endswith("--help)")


def test_a_huge_demo_is_refused_at_once_not_built_for_ever(tmp_path):
    result = subprocess.run([sys.executable, "-m", "sourcer_tui", "demo-data", "--db", str(tmp_path / "new.db"), "--talents", HUGE],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"sourcer-tui demo-data: error: argument --talents: {HUGE}: must be from 1 to 1,000,000 (see sourcer-tui demo-data --help)"
    ]


MALFORMED = {
    "no OUT": (["export"], "sourcer-tui export: error: the following arguments are required: OUT"),
    "unknown command": (["exprot", "x.json"], "sourcer-tui: error: argument COMMAND: invalid choice: 'exprot'"),
    "unknown option": (["today", "--tomorrow"], "unrecognized arguments: --tomorrow"),
    "bad format": (["export", "--format", "xml", "x"], "argument --format: invalid choice: 'xml'"),
    "not a number": (["stats", "--mission", "three"], "argument --mission: not a whole number: 'three'"),
    "not a date": (["today", "--date", "11/23/2026"], "argument --date: not a date: '11/23/2026' (expected YYYY-MM-DD or DD/MM/YYYY)"),
    "two outputs": (["stats", "--json", "--csv"], "argument --csv: not allowed with argument --json"),
    "no privacy action": (["privacy"], "the following arguments are required: ACTION"),
    "no rediscover mission": (["rediscover"], "the following arguments are required: --mission"),
    "no secrets action": (["secrets", "set"], "the following arguments are required: what"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_argument_errors_are_one_line(path, case):
    args, expected = MALFORMED[case]
    line = cli("--db", path, *args).one_line_error()
    assert expected in line, line


def test_help_and_version_still_exit_0():
    assert cli("--version").code == 0
    run = cli("export", "--help")
    assert run.code == 0 and "--force" in run.out
