"""What a command says when it stops: one line, and the exit code.

Its own module so that the subcommands (exchange.py, importing.py,
privacy.py…) raise it without importing :mod:`.main`, which imports them
(and, for the app, Textual)."""

from __future__ import annotations

__all__ = ["EXIT_USAGE", "CliError"]

EXIT_USAGE = 2


class CliError(Exception):
    """An expected failure: printed as one line, exit 2."""
