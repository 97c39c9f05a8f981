"""Validation of what the user types into the mission and talent forms.

Each validator returns ``(cleaned, errors)``: *cleaned* is ready to store,
*errors* maps a field name to one human sentence shown at that field.  An
empty *errors* means the data may be saved.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

from ..i18n import _, formats
from .text import clean_line, clean_text, field_text, normalise_email, normalise_tags, normalise_url
from .vocab import MISSION_STATUSES

__all__ = ["TALENT_FIELDS", "MISSION_FIELDS", "validate_talent", "validate_mission", "is_web_url"]

TALENT_FIELDS = (
    "name",
    "headline",
    "company",
    "email",
    "phone",
    "linkedin_url",
    "location",
    "source",
    "referred_by",
    "tags",
    "notes",
)
MISSION_FIELDS = ("title", "client", "status", "notes")

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_PHONE = re.compile(r"^[+()0-9 .\-/]{4,32}$")
MAX_LINE = 300

Errors = dict[str, str]


def is_web_url(value: str) -> bool:
    """True for an absolute http(s) URL with a host (the only ones we open)."""
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _too_long(cleaned: Mapping[str, str], fields: Iterable[str], errors: Errors) -> None:
    for field in fields:
        if len(cleaned.get(field, "")) > MAX_LINE:
            errors.setdefault(field, _("at most {n} characters").format(n=formats.number(MAX_LINE)))


def validate_talent(data: Mapping[str, str], sources: Iterable[str]) -> tuple[dict[str, str], Errors]:
    """Clean and check a talent form."""
    cleaned = {f: clean_line(field_text(data.get(f))) for f in TALENT_FIELDS if f != "notes"}
    cleaned["notes"] = clean_text(field_text(data.get("notes")))
    cleaned["tags"] = normalise_tags(cleaned["tags"])
    errors: Errors = {}
    if not cleaned["name"]:
        errors["name"] = _("a name is required")
    email = cleaned["email"]
    if email and not _EMAIL.match(email):
        errors["email"] = _("not an email address: {value} (expected name@domain.tld)").format(value=repr(email))
    phone = cleaned["phone"]
    if phone and not _PHONE.match(phone):
        errors["phone"] = _("digits, spaces and + ( ) . - / only")
    url = cleaned["linkedin_url"]
    if url and not is_web_url(url):
        errors["linkedin_url"] = _("must be an http:// or https:// address")
    sources = tuple(sources)
    if not cleaned["source"]:
        cleaned["source"] = "other" if "other" in sources else sources[0]
    elif cleaned["source"] not in sources:
        errors["source"] = _("unknown source; one of: {sources}").format(sources=", ".join(sources))
    _too_long(cleaned, [f for f in TALENT_FIELDS if f != "notes"], errors)
    cleaned["email_norm"] = normalise_email(email)
    cleaned["linkedin_norm"] = normalise_url(url)
    return cleaned, errors


def validate_mission(data: Mapping[str, str]) -> tuple[dict, Errors]:
    """Clean and check a mission form, with its cadence overrides (blank = the defaults)."""
    from .cadence import validate_mission_cadence

    cadence, errors = validate_mission_cadence(data)
    cleaned: dict = {f: clean_line(field_text(data.get(f))) for f in MISSION_FIELDS if f != "notes"}
    cleaned["notes"] = clean_text(field_text(data.get("notes")))
    cleaned.update(cadence)
    if not cleaned["title"]:
        errors["title"] = _("a title is required")
    cleaned["status"] = cleaned["status"] or "open"
    if cleaned["status"] not in MISSION_STATUSES:
        errors["status"] = _("one of: {choices}").format(choices=", ".join(MISSION_STATUSES))
    _too_long(cleaned, ("title", "client"), errors)
    return cleaned, errors
