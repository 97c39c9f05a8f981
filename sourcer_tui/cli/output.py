"""What the command line prints goes through one cleaning, whatever prints it.

The data layer stores no control character (db/fields.py), but a file made
by an older version, a config value, an argument echoed in an error or a
server's answer could still carry one: an escape sequence printed raw
retitles or blanks the terminal, and a DCS query can make some terminals
answer on stdin.  :func:`cleaned_output` puts a :class:`CleanStream` in
front of ``sys.stdout`` and ``sys.stderr`` for the whole command, so every
``print``, ``json.dump`` or error line is cleaned by
:func:`~sourcer_tui.domain.text.pasteable` on its way out (tab and newline
kept, a CR becomes a newline).  The app itself never runs behind it: Textual
writes its own escape sequences (:func:`raw_output`).
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from ..domain.text import pasteable
from ..i18n import ngettext

__all__ = ["CleanStream", "cleaned_output", "raw_output", "terminal_text", "table_count"]

#: A count of a table's rows, named as the table and agreed with the count
#: (``1 talent``, ``2 talents``).  Called when shown, never at import.
_TABLE_COUNTS = {
    "missions": lambda n: ngettext("{n} mission", "{n} missions", n),
    "talents": lambda n: ngettext("{n} talent", "{n} talents", n),
    "candidacies": lambda n: ngettext("{n} candidacy", "{n} candidacies", n),
    "touchpoints": lambda n: ngettext("{n} touchpoint", "{n} touchpoints", n),
    "reminders": lambda n: ngettext("{n} reminder", "{n} reminders", n),
    "snoozes": lambda n: ngettext("{n} snooze", "{n} snoozes", n),
    "templates": lambda n: ngettext("{n} template", "{n} templates", n),
    "grid_criteria": lambda n: ngettext("{n} grid criterion", "{n} grid criteria", n),
    "grid_scores": lambda n: ngettext("{n} grid score", "{n} grid scores", n),
    "introducers": lambda n: ngettext("{n} introducer", "{n} introducers", n),
    "recognitions": lambda n: ngettext("{n} recognition", "{n} recognitions", n),
    "teammates": lambda n: ngettext("{n} teammate", "{n} teammates", n),
    "drafts": lambda n: ngettext("{n} draft", "{n} drafts", n),
    "erasure_logs": lambda n: ngettext("{n} erasure record", "{n} erasure records", n),
}


def table_count(table: str, n: int, shown: str | None = None) -> str:
    """``12 touchpoints`` (``12 échanges``): *n* rows of *table*, written *shown* (default ``str(n)``)."""
    text = shown if shown is not None else str(n)
    counted = _TABLE_COUNTS.get(table)
    return counted(n).format(n=text) if counted is not None else f"{text} {table}"


def terminal_text(text: str) -> str:
    """*text* as it may reach a terminal (for a prompt ``input()`` writes itself)."""
    return pasteable(text)


class CleanStream(io.TextIOBase):
    """A text stream that writes to *stream* what :func:`terminal_text` leaves."""

    def __init__(self, stream) -> None:
        super().__init__()
        self.stream = stream
        self._cr = False  # a write ended on CR: a LF starting the next one belongs to it

    def write(self, text: str) -> int:
        if not text:
            return 0
        out = text
        if self._cr and out.startswith("\n"):
            out = out[1:]  # CRLF split across two writes: one newline, already written
        self._cr = out.endswith("\r")
        self.stream.write(terminal_text(out))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def fileno(self) -> int:
        return self.stream.fileno()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self):  # type: ignore[override]
        return getattr(self.stream, "encoding", "utf-8")

    @property
    def errors(self):  # type: ignore[override]
        return getattr(self.stream, "errors", "strict")


@contextmanager
def cleaned_output() -> Iterator[None]:
    """``sys.stdout`` and ``sys.stderr`` cleaned for the block (nesting is harmless)."""
    saved = sys.stdout, sys.stderr
    if not isinstance(sys.stdout, CleanStream):
        sys.stdout = CleanStream(sys.stdout)
    if not isinstance(sys.stderr, CleanStream):
        sys.stderr = CleanStream(sys.stderr)
    try:
        yield
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):
            pass
        sys.stdout, sys.stderr = saved


@contextmanager
def raw_output() -> Iterator[None]:
    """The streams as they were before :func:`cleaned_output`, for the block (the app)."""
    saved = sys.stdout, sys.stderr
    if isinstance(sys.stdout, CleanStream):
        sys.stdout = sys.stdout.stream
    if isinstance(sys.stderr, CleanStream):
        sys.stderr = sys.stderr.stream
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
