"""Whether a web browser can open here, said before trying.

Over ssh, or on a server with no graphical session, Python's ``webbrowser``
finds no browser (``open`` returns False), or only a text one that would take
over the terminal the app is drawn in.  The app then copies the address
instead and says so (see ``SourcerApp.open_link``).
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["no_browser_reason"]

#: Systems whose browsers open without a display variable (their own window system).
_OWN_WINDOWS = ("darwin", "win32", "cygwin")


def no_browser_reason(environ: Mapping[str, str], platform: str) -> str | None:
    """Why no graphical browser can open from this session (``"ssh"``, ``"no display"``),
    or None when one may: ``$BROWSER`` names one, or the system has its own window
    system, or a display is there (``DISPLAY``, ``WAYLAND_DISPLAY``)."""
    if environ.get("BROWSER", "").strip():
        return None
    if platform.startswith(_OWN_WINDOWS):
        return "ssh" if environ.get("SSH_CONNECTION") or environ.get("SSH_TTY") else None
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    return "ssh" if environ.get("SSH_CONNECTION") or environ.get("SSH_TTY") else "no display"
