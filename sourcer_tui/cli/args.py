"""Argument parsing that fails in one line: the parser class and the value types.

argparse prints its usage and then the error (2 to 5 lines); :class:`Parser`
prints one line and exits 2, like every other error of the command line.
The types keep numbers and dates inside what the code can compute with: an
id past SQLite's 64-bit integers, a date whose next day is past year 9999 or
a count that would run for days are refused here, by name.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

__all__ = ["Parser", "record_id", "iso_day", "bounded", "csv_dialect", "FIRST_DAY", "LAST_DAY", "MAX_ID"]

MAX_ID = 2**63 - 1  # SQLite's largest integer
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2999, 12, 31)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line on stderr, exit code 2."""

    def error(self, message: str):  # noqa: D102 (argparse's hook)
        text = " ".join(message.split())
        self.exit(2, f"{self.prog}: error: {text} (see {self.prog} --help)\n")

    def exit(self, status: int = 0, message: str | None = None):  # noqa: D102
        if message:
            sys.stderr.write(message)
        raise SystemExit(status)


def record_id(text: str) -> int:
    """An id: a whole number from 1 to 2**63 - 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 1 <= value <= MAX_ID:
        raise argparse.ArgumentTypeError(f"{text}: an id is a whole number from 1 to {MAX_ID}")
    return value


def iso_day(text: str) -> dt.date:
    """A date written YYYY-MM-DD, from 1900-01-01 to 2999-12-31."""
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (expected YYYY-MM-DD)") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise argparse.ArgumentTypeError(f"{text}: out of range ({FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()})")
    return day


def bounded(low: int, high: int):
    """A whole number from *low* to *high*."""

    def number(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text}: must be from {low:,} to {high:,}")
        return value

    number.__name__ = f"number from {low} to {high}"
    return number


def csv_dialect(parser) -> None:
    """``--csv-dialect fr|en``: semicolons and French headers (French Excel), or commas;
    by default French when the environment's language is (domain/spreadsheets.py)."""
    import os

    from ..domain.spreadsheets import DIALECTS, default_dialect

    parser.add_argument(
        "--csv-dialect", choices=DIALECTS, default=default_dialect(os.environ),
        help="fr: semicolons, French headers and decimal commas (French Excel); en: commas "
             "(default: fr when LC_ALL / LC_MESSAGES / LANG is French)",
    )
