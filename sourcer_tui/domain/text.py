"""Cleaning user text before it enters the database."""

from __future__ import annotations

import re

__all__ = ["field_text", "clean_text", "clean_line", "pasteable", "normalise_tags", "normalise_email", "normalise_url"]

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
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def clean_line(value: str | None) -> str:
    """One-line text: control characters removed, runs of whitespace folded to one space."""
    if not value:
        return ""
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


def field_text(value: object) -> str:
    """What a form field holds, as text: None is blank, a number its digits.  A form's
    result may reach a validator again (the form checks, the service checks)."""
    return "" if value is None else str(value).strip()
