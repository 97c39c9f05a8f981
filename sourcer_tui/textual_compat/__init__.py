"""Every use of Textual's private API, and the version gate that guards it.

The app is plain Textual everywhere else.  The modules here make it fast
where Textual lays out or repaints far more than a keystroke changed; to do
so they reach into private code that moves between releases.  They are on
only for the Textual versions they were tested on (:data:`TESTED`).  On any
other version, or with ``SOURCER_TUI_PLAIN_TEXTUAL=1``, every name they
export is the plain Textual class or does nothing: the app behaves the same,
only slower.  When the version is the cause it says so once at start-up
(:func:`untested_warning`).

Each module says in its first line what upstream behaviour it works around,
and when it can go.  Two hooks are not speed-ups and stay on any version that
has them, each falling back to Textual's own when it does not: the crash
report without local variables (:mod:`.crash`) and a modal's own keys
(:mod:`.bindings`).  Only this package may import ``textual._*`` or touch a
private name of a Textual class (an AST test in ``tests/unit/test_layers.py``:
import-linter cannot forbid an external subpackage); tests of the patches
live in ``tests/textual_compat``.
"""

from __future__ import annotations

import os

import textual

from ..i18n import _

__all__ = ["TESTED", "VERSION", "PATCHED", "plain_reason", "untested_warning"]

#: The Textual releases the patches were tested on (the suite and the benchmark).
TESTED = frozenset({"8.2.8"})

#: Turn the patches off whatever the version (to compare, or to rule them out).
PLAIN_VARIABLE = "SOURCER_TUI_PLAIN_TEXTUAL"


def _installed_version() -> str:
    """Textual's version: the one it set, else the name of its ``dist-info``
    folder beside the package (one folder read), else ``textual.__version__``,
    which (lazy on recent releases) goes through
    ``importlib.metadata`` (with email, zipfile, csv) and a search of every
    ``sys.path`` entry, 16-19 ms of each start."""
    known = vars(textual).get("__version__")  # set by Textual itself on some releases (or by a test)
    if known:
        return known
    site = os.path.dirname(os.path.dirname(os.path.abspath(textual.__file__)))
    try:
        found = [n for n in os.listdir(site) if n.startswith("textual-") and n.endswith(".dist-info")]
    except OSError:
        found = []
    if len(found) == 1:
        return found[0][len("textual-") : -len(".dist-info")]
    return textual.__version__


#: The Textual version running.
VERSION = _installed_version()


def _turned_off() -> bool:
    return os.environ.get(PLAIN_VARIABLE, "") not in ("", "0")


def plain_reason() -> str | None:
    """Why the patches are off, for the one warning at start-up (None: they are on)."""
    if _turned_off():
        return _("{variable} is set").format(variable=PLAIN_VARIABLE)
    if VERSION not in TESTED:
        return _("Textual {version} is not one it was tested on ({tested})").format(
            version=VERSION, tested=", ".join(sorted(TESTED))
        )
    return None


#: Whether the speed-ups are on (decided once, at import).
PATCHED = not _turned_off() and VERSION in TESTED


_warned = False


def untested_warning() -> str | None:
    """The one message to show when the patches are off because of the Textual
    version (not when the user turned them off), the first time it is asked for."""
    global _warned
    if PATCHED or _warned or VERSION in TESTED:
        return None
    _warned = True
    return _(
        "Running without its speed-ups: {reason}. Everything works, a little slower; install the tested version to get them back."
    ).format(reason=plain_reason())
