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
from urllib.parse import unquote

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


#: LinkedIn's own hosts for one profile: www., m. (mobile), fr., de.… (a country's).
_LINKEDIN_HOST = re.compile(r"(?:(?:www|m|mobile|[a-z]{2})\.)?linkedin\.com")
#: A public profile's path with a language after it: ``in/zoe/en``, ``in/zoe/pt-br``.
_PROFILE_LANGUAGE = re.compile(r"((?:in|pub)/[^/]+)/[a-z]{2}(?:[-_][a-z]{2})?")


def _unquoted(text: str) -> str:
    """Percent-encoding undone until nothing is left to undo (``zo%25C3%25A9`` -> ``zoé``)."""
    for _ in range(4):
        decoded = unquote(text)
        if decoded == text:
            break
        text = decoded
    return text


def normalise_url(value: str | None) -> str:
    """The form of a profile URL used to find duplicates:
    ``HTTPS://www.LinkedIn.com/in/Zoe/?trk=x`` -> ``linkedin.com/in/zoe``.

    The scheme, ``www.``, the query, the fragment and trailing slashes go;
    percent-encoding is decoded (``zo%C3%A9`` is ``zoé``); LinkedIn's mobile and
    country hosts (``m.``, ``fr.``) are ``linkedin.com`` and a language after a
    profile (``/in/zoe/en``) is dropped.  Applying it again changes nothing.
    """
    url = clean_line(value)
    if not url:
        return ""
    for cut in ("?", "#"):
        url = url.split(cut, 1)[0]
    url = clean_line(_unquoted(url)).lower()
    for cut in ("?", "#"):  # an encoded ? or # decodes to one: what follows is not the profile
        url = url.split(cut, 1)[0]
    for prefix in ("https://", "http://"):
        if url.startswith(prefix):
            url = url[len(prefix):]
    host, slash, path = url.partition("/")
    if host.startswith("www."):
        host = host[4:]
    if _LINKEDIN_HOST.fullmatch(host):
        host = "linkedin.com"
    path = path.strip("/")
    if host == "linkedin.com":
        path = _PROFILE_LANGUAGE.sub(r"\1", path) if _PROFILE_LANGUAGE.fullmatch(path) else path
    return f"{host}/{path}" if path else host


def field_text(value: object) -> str:
    """What a form field holds, as text: None is blank, a number its digits.  A form's
    result may reach a validator again (the form checks, the service checks)."""
    return "" if value is None else str(value).strip()
