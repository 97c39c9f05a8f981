"""Cleaning user text before it enters the database."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["clean_text", "clean_line", "normalise_tags", "normalise_email", "normalise_url", "initials"]

# C0 controls except tab and newline, DEL, and C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_WHITESPACE = re.compile(r"\s+")
_WORD = re.compile(r"[^\W_]+")  # letters and digits, as the search index splits words


def clean_text(value: str | None) -> str:
    """Multi-line text: control characters removed (tab and newline kept), CRLF folded."""
    if not value:
        return ""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", value).strip()


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


def initials(value: str | None) -> list[str]:
    """The first letter of every word of *value*, as a one-letter search
    matches them: lower case, accents removed, each once, in order.

    ``"Élodie Martin-Éluard"`` -> ``["e", "m"]``; ``"O'Neil 2B"`` -> ``["o", "n", "2"]``.
    Words are runs of letters and digits (``_``, ``-``, ``'`` and spaces split
    them), as in the search index (SQLite FTS5, ``remove_diacritics``).
    """
    found: dict[str, None] = {}
    for word in _WORD.finditer(value or ""):
        for char in unicodedata.normalize("NFKD", word.group()[0].lower()):
            if not unicodedata.combining(char):
                found.setdefault(char, None)
                break
    return list(found)
