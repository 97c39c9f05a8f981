"""The one place that says what "today" is.  Tests and ``--date`` inject another."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

__all__ = ["Clock", "SystemClock", "FixedClock", "local_zone"]


def local_zone() -> dt.tzinfo:
    """The machine's time zone, by its IANA name when one is found (``TZ``, then
    ``/etc/localtime``'s link), so that a calendar reads it as ``Europe/Paris``
    with its summer time; else ``dateutil.tz.tzlocal()``."""
    import os
    from pathlib import Path
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    names = [os.environ.get("TZ", "").removeprefix(":")]
    try:
        target = str(Path("/etc/localtime").resolve())
        if "zoneinfo/" in target:
            names.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    for name in names:
        if name and not name.startswith("/"):
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError, OSError):
                continue
    from dateutil.tz import tzlocal

    return tzlocal()


class Clock:
    """Local date and time; subclass to move it."""

    def now(self) -> dt.datetime:
        return dt.datetime.now().replace(microsecond=0)

    def today(self) -> dt.date:
        return self.now().date()

    def monotonic(self) -> float:
        """Seconds for measuring how long something took (drafts' max wait)."""
        return time.monotonic()


class SystemClock(Clock):
    """The machine's local clock."""


@dataclass
class FixedClock(Clock):
    """A clock standing still at *current* (move it by assigning)."""

    current: dt.datetime

    def now(self) -> dt.datetime:
        return self.current

    def monotonic(self) -> float:
        """Moves only when *current* is moved: a test says how much time passed."""
        return self.current.timestamp()
