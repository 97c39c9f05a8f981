"""Cleaning user text before it enters the database, and before it is printed.

One rule, two shapes: no C0 control character but tab and newline, no DEL,
no C1 control (an ESC, a CSI ``\x9b``, a bare CR would reach the terminal that
draws the text).  :func:`clean_line` is the shape of a one-line value (a
name, a subject), :func:`clean_text` of a multi-line one (notes, feedback).
The data layer applies them to every text column it writes
(``db/fields.py``), so no write path can forget; :func:`pasteable` is the
same removal with nothing else touched (a paste, a line printed by the CLI).
"""

from __future__ import annotations

import re

__all__ = ["clean_text", "clean_line", "pasteable", "normalise_tags", "normalise_email", "normalise_url"]

# C0 controls except tab and newline, DEL, and C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_WHITESPACE = re.compile(r"\s+")


def clean_text(value: str | None) -> str:
    """Multi-line text: control characters removed (tab and newline kept), CRLF folded."""
    return pasteable(value).strip() if value else ""


def pasteable(value: str) -> str:
    """Pasted text as a field may take it: control characters removed (tab and
    newline kept), CRLF folded — nothing else touched (no stripping: a paste
    goes in the middle of a text).  An escape sequence in a field would be
    written to the terminal as it is drawn."""
    if value.isprintable() or _CONTROL.search(value) is None:
        return value  # nothing to remove (a CR is a control character too)
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def clean_line(value: str | None) -> str:
    """One-line text: control characters removed, runs of whitespace folded to one space."""
    if not value:
        return ""
    if value.isprintable() and "  " not in value and value[0] != " " != value[-1]:
        return value  # the usual case: the data layer checks every value it writes (db/fields.py)
    return _WHITESPACE.sub(" ", _CONTROL.sub("", value)).strip()


def normalise_tags(value: str | None) -> str:
    """``"Python, remote ,python"`` -> ``"python,remote"`` (lower case, unique, ordered)."""
    seen: dict[str, None] = {}
    for part in clean_line(value).split(","):
        tag = part.strip().lower()
        if tag:
            seen.setdefault(tag, None)
    return ",".join(seen)


def normalise_email(value: str | None) -> str:
    """The form of an email used to find duplicates."""
    return clean_line(value).lower()


def normalise_url(value: str | None) -> str:
    """The form of a profile URL used to find duplicates:
    ``HTTPS://www.LinkedIn.com/in/Zoe/?trk=x`` -> ``linkedin.com/in/zoe``."""
    url = clean_line(value).lower()
    if not url:
        return ""
    for prefix in ("https://", "http://"):
        if url.startswith(prefix):
            url = url[len(prefix):]
    if url.startswith("www."):
        url = url[4:]
    for cut in ("?", "#"):
        url = url.split(cut, 1)[0]
    return url.rstrip("/")
