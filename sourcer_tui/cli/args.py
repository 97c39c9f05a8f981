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
import re
import sys

from ..i18n import N_, _, formats, ngettext

__all__ = ["Parser", "record_id", "iso_day", "bounded", "csv_dialect", "FIRST_DAY", "LAST_DAY", "MAX_ID"]

MAX_ID = 2**63 - 1  # SQLite's largest integer
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2999, 12, 31)


#: argparse's section titles (from the stdlib's own gettext, English here) and their msgids.
_HEADINGS = {
    "positional arguments": N_("positional arguments"),
    "options": N_("options"),
}

#: argparse's own error messages, as it writes them in English, and their msgids
#: (None: "expected N arguments", a plural).
_ARGPARSE_ERRORS = tuple(
    (re.compile(pattern, re.DOTALL), msgid)
    for pattern, msgid in (
        (r"the following arguments are required: (?P<names>.+)", N_("the following arguments are required: {names}")),
        (r"one of the arguments (?P<names>.+) is required", N_("one of the arguments {names} is required")),
        (r"invalid choice: (?P<value>.+) \(choose from (?P<choices>.*)\)", N_("invalid choice: {value} (choose from {choices})")),
        (r"unrecognized arguments: (?P<arguments>.+)", N_("unrecognized arguments: {arguments}")),
        (r"expected one argument", N_("expected one argument")),
        (r"expected at most one argument", N_("expected at most one argument")),
        (r"expected at least one argument", N_("expected at least one argument")),
        (r"expected (?P<n>\d+) arguments?", None),
        (r"not allowed with argument (?P<other>.+)", N_("not allowed with argument {other}")),
        (r"invalid (?P<type>.+?) value: (?P<value>.+)", N_("invalid {type} value: {value}")),
        (r"ambiguous option: (?P<option>.+?) could match (?P<matches>.+)", N_("ambiguous option: {option} could match {matches}")),
        (r"ignored explicit argument (?P<value>.+)", N_("ignored explicit argument {value}")),
        (r"unexpected option string: (?P<option>.+)", N_("unexpected option string: {option}")),
    )
)
_ARGUMENT = re.compile(r"argument (?P<argument>.+?): (?P<message>.+)", re.DOTALL)


def _argparse_message(message: str) -> str:
    """One of argparse's English error messages in the user's language (itself when unknown)."""
    found = _ARGUMENT.fullmatch(message)
    if found:
        inner = _argparse_message(found["message"])
        return _("argument {argument}: {message}").format(argument=found["argument"], message=inner)
    for pattern, msgid in _ARGPARSE_ERRORS:
        found = pattern.fullmatch(message)
        if found is None:
            continue
        if msgid is None:
            return ngettext("expected {n} argument", "expected {n} arguments", int(found["n"])).format(n=found["n"])
        return _(msgid).format(**found.groupdict())
    return message


class _Formatter(argparse.HelpFormatter):
    """argparse's help with its usage prefix and section titles in the user's language."""

    def add_usage(self, usage, actions, groups, prefix=None):  # noqa: D102
        if prefix is None:
            prefix = _("usage: ")
        super().add_usage(usage, actions, groups, prefix)

    def start_section(self, heading):  # noqa: D102
        known = _HEADINGS.get(heading)
        super().start_section(_(known) if known is not None else heading)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line on stderr, exit code 2, and whose
    help and errors (argparse's own words included) are in the user's language."""

    def __init__(self, *args, add_help: bool = True, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, add_help=False, **kwargs)
        if add_help:  # argparse's own -h, with its help text translated
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=_("show this help message and exit"))

    def error(self, message: str):  # noqa: D102 (argparse's hook)
        text = _argparse_message(" ".join(message.split()))
        self.exit(2, _("{prog}: error: {message} (see {prog} --help)").format(prog=self.prog, message=text) + "\n")

    def exit(self, status: int = 0, message: str | None = None):  # noqa: D102
        if message:
            sys.stderr.write(message)
        raise SystemExit(status)


def record_id(text: str) -> int:
    """An id: a whole number from 1 to 2**63 - 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("not a whole number: {text}").format(text=repr(text))) from None
    if not 1 <= value <= MAX_ID:
        raise argparse.ArgumentTypeError(_("{text}: an id is a whole number from 1 to {largest}").format(text=text, largest=MAX_ID))
    return value


_DAY_FIRST = re.compile(r"([0-9]{1,2})[/.]([0-9]{1,2})[/.]([0-9]{4})")


def iso_day(text: str) -> dt.date:
    """A date written YYYY-MM-DD, or day first as in France (DD/MM/YYYY), from
    1900-01-01 to 2999-12-31."""
    try:
        day_first = _DAY_FIRST.fullmatch(text.strip())
        day = dt.date(int(day_first[3]), int(day_first[2]), int(day_first[1])) if day_first else dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("not a date: {text} (expected YYYY-MM-DD or DD/MM/YYYY)").format(text=repr(text))) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise argparse.ArgumentTypeError(
            _("{text}: out of range ({first} to {last})").format(text=text, first=FIRST_DAY.isoformat(), last=LAST_DAY.isoformat())
        )
    return day


def bounded(low: int, high: int):
    """A whole number from *low* to *high*."""

    def number(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(_("not a whole number: {text}").format(text=repr(text))) from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                _("{text}: must be from {low} to {high}").format(text=text, low=formats.number(low), high=formats.number(high))
            )
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
        help=_("fr: semicolons, French headers and decimal commas (French Excel); en: commas "
               "(default: fr when LC_ALL / LC_MESSAGES / LANG is French)"),
    )
