"""Private log files for tracebacks: the app's crashes and failed background
work, and the command line's unexpected errors.  No Textual here."""

from __future__ import annotations

import datetime as dt
import os
import traceback
from pathlib import Path

__all__ = ["write_crash_log"]


def write_crash_log(error: BaseException, now: dt.datetime, kind: str = "crash") -> Path:
    """The traceback (no local variables) in a new private file of the log
    directory: ``crash-…`` when the app stops, ``error-…`` when it goes on."""
    from .locations import log_dir

    directory = log_dir()
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    stem = f"{kind}-{now:%Y%m%d-%H%M%S}"
    n = 1
    while True:  # a new file: two in one second are both kept, none overwritten
        path = directory / (f"{stem}.log" if n == 1 else f"{stem}-{n}.log")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            break
        except FileExistsError:
            n += 1
    with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as out:
        out.write("".join(traceback.format_exception(error)))
    return path
