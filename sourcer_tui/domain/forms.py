"""Validation of what the user types into the mission and talent forms.

Each validator returns ``(cleaned, errors)``: *cleaned* is ready to store,
*errors* maps a field name to one human sentence shown at that field.  An
empty *errors* means the data may be saved.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

from ..i18n import _, formats
from .dates import DateParseError, parse_date
from .legal_basis import FROM_SOURCE, LEGAL_BASES, basis_label, default_basis, parse_basis
from .facts import REMOTE_MODES, SALARY_PERIODS, is_reference, parse_amount, parse_currency, parse_remote
from .text import clean_line, clean_text, field_text, normalise_email, normalise_tags, normalise_url
from .vocab import MISSION_STATUSES

__all__ = ["TALENT_FIELDS", "FACT_FIELDS", "MISSION_FIELDS", "BRIEF_FIELDS", "validate_talent", "validate_legal_basis", "validate_mission", "is_web_url"]

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
#: Migration 0017: the facts recruiters ask about (not plain text: see validate_facts).
FACT_FIELDS = (
    "salary_amount", "salary_currency", "salary_period", "notice_period", "available_from",
    "remote_pref", "languages", "cv_ref",
)
MISSION_FIELDS = ("title", "client", "status", "notes")
#: Migration 0017: the mission's brief.
BRIEF_FIELDS = ("salary_min", "salary_max", "salary_currency", "location", "remote_policy", "must_haves")

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


def validate_talent(data: Mapping[str, str], sources: Iterable[str], today: dt.date | None = None) -> tuple[dict, Errors]:
    """Clean and check a talent form, its facts too (*today*: for a relative availability date)."""
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
    facts, fact_errors = validate_facts(data, today)
    cleaned.update(facts)
    for field, error in fact_errors.items():
        errors.setdefault(field, error)
    basis, basis_errors = validate_legal_basis(data, cleaned["source"], today)
    cleaned.update(basis)
    for field, error in basis_errors.items():
        errors.setdefault(field, error)
    return cleaned, errors


def validate_legal_basis(data: Mapping[str, str], source: str, today: dt.date | None = None) -> tuple[dict, Errors]:
    """How the talent entered the pool (migration 0019): a basis (blank or "from the source":
    the source's, see domain/legal_basis.py) and the day it started (blank: None, which the
    services store as the day the talent is added; never in the future)."""
    today = today or dt.date.today()
    errors: Errors = {}
    raw = clean_line(field_text(data.get("legal_basis")))
    basis = "" if raw == FROM_SOURCE else parse_basis(raw)
    if basis is None:
        errors["legal_basis"] = _("one of: {choices}").format(choices=", ".join(basis_label(b) for b in LEGAL_BASES))
        basis = ""
    cleaned: dict = {"legal_basis": basis or default_basis(source), "legal_basis_at": None}
    since = clean_line(field_text(data.get("legal_basis_at")))
    if since:
        try:
            cleaned["legal_basis_at"] = parse_date(since, today)
        except DateParseError as exc:
            errors["legal_basis_at"] = str(exc)
        else:
            if cleaned["legal_basis_at"] > today:
                errors["legal_basis_at"] = _("not in the future: the day they entered the pool, or gave consent")
    return cleaned, errors


def _remote(data: Mapping[str, str], field: str, errors: Errors) -> str:
    raw = clean_line(field_text(data.get(field)))
    code = parse_remote(raw)
    if code is None:
        errors[field] = _("one of: {choices}").format(choices=", ".join(REMOTE_MODES))
        return raw
    return code


def validate_facts(data: Mapping[str, str], today: dt.date | None = None) -> tuple[dict, Errors]:
    """The talent's salary wish, notice, availability, remote wish, languages and CV.

    Blank fields store blank (an amount None, a currency EUR, a period year);
    *today* reads a relative availability (``+3m``)."""
    errors: Errors = {}
    cleaned: dict = {f: clean_line(field_text(data.get(f))) for f in ("notice_period", "languages", "cv_ref")}
    amount, error = parse_amount(field_text(data.get("salary_amount")))
    if error:
        errors["salary_amount"] = error
    cleaned["salary_amount"] = amount
    cleaned["salary_currency"], error = parse_currency(field_text(data.get("salary_currency")))
    if error:
        errors["salary_currency"] = error
    period = clean_line(field_text(data.get("salary_period"))).lower() or "year"
    if period not in SALARY_PERIODS:
        errors["salary_period"] = _("one of: {choices}").format(choices=", ".join(SALARY_PERIODS))
    cleaned["salary_period"] = period
    available = clean_line(field_text(data.get("available_from")))
    cleaned["available_from"] = None
    if available:
        try:
            cleaned["available_from"] = parse_date(available, today or dt.date.today())
        except DateParseError as exc:
            errors["available_from"] = str(exc)
    cleaned["remote_pref"] = _remote(data, "remote_pref", errors)
    cleaned["languages"] = ", ".join(p.strip() for p in re.split(r"[,;/|]", cleaned["languages"]) if p.strip())
    if cleaned["cv_ref"] and not is_reference(cleaned["cv_ref"]):
        errors["cv_ref"] = _("a file path or an http:// or https:// address")
    _too_long(cleaned, ("notice_period", "languages", "cv_ref"), errors)
    return cleaned, errors


def validate_brief(data: Mapping[str, str]) -> tuple[dict, Errors]:
    """A mission's brief: salary range (min ≤ max), currency, location, remote policy, must-haves."""
    errors: Errors = {}
    cleaned: dict = {"location": clean_line(field_text(data.get("location"))),
                     "must_haves": clean_text(field_text(data.get("must_haves")))}
    for field in ("salary_min", "salary_max"):
        cleaned[field], error = parse_amount(field_text(data.get(field)))
        if error:
            errors[field] = error
    low, high = cleaned["salary_min"], cleaned["salary_max"]
    if low and high and low > high:
        errors["salary_max"] = _("the maximum is below the minimum")
    cleaned["salary_currency"], error = parse_currency(field_text(data.get("salary_currency")))
    if error:
        errors["salary_currency"] = error
    cleaned["remote_policy"] = _remote(data, "remote_policy", errors)
    _too_long(cleaned, ("location",), errors)
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
    brief, brief_errors = validate_brief(data)
    cleaned.update(brief)
    for field, error in brief_errors.items():
        errors.setdefault(field, error)
    return cleaned, errors
