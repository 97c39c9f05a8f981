"""The facts recruiters ask about: salary, notice, availability, remote, languages, CV.

Pure rules, no SQL: how a typed amount, currency, work mode or CV reference
is read and checked, how a salary is shown, and when a talent is outside a
mission's brief (the pipeline's ``€!`` and ``⌂!`` marks).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..i18n import N_, _, formats
from .text import clean_line

__all__ = [
    "REMOTE_MODES", "SALARY_PERIODS", "DEFAULT_CURRENCY", "remote_label", "period_label", "parse_amount",
    "parse_currency", "parse_remote", "is_reference", "salary_text", "salary_short",
    "outside_salary", "outside_remote", "brief_marks", "SALARY_MARK", "REMOTE_MARK",
]

#: A talent's wish or a mission's policy: code -> label.
REMOTE_MODES: dict[str, str] = {"onsite": N_("on-site"), "hybrid": N_("hybrid"), "remote": N_("remote")}
#: What a salary amount is: gross per year, or a freelance day rate.
SALARY_PERIODS: dict[str, str] = {"year": N_("gross / year"), "day": N_("day rate")}
DEFAULT_CURRENCY = "EUR"
SALARY_MARK = "€!"
REMOTE_MARK = "⌂!"

#: Words a spreadsheet or a person uses for each mode (accents already folded by the caller's lower()).
_REMOTE_WORDS = {
    "onsite": ("onsite", "on-site", "on site", "office", "sur site", "présentiel", "presentiel", "bureau", "non"),
    "hybrid": ("hybrid", "hybride", "partiel", "mixte", "flex"),
    "remote": ("remote", "full remote", "télétravail", "teletravail", "100% remote", "distanciel", "oui", "yes"),
}
_AMOUNT = re.compile(r"^(\d+(?:[.,]\d+)?)\s*(k)?$", re.IGNORECASE)
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP", "chf": "CHF"}
#: Which wishes a policy suits: an on-site job suits those who come in, a remote one those who need not.
_SUITS = {"onsite": {"onsite"}, "hybrid": {"onsite", "hybrid"}, "remote": {"hybrid", "remote"}}


def remote_label(code: str) -> str:
    known = REMOTE_MODES.get(code)
    return _(known) if known is not None else code


def period_label(code: str) -> str:
    known = SALARY_PERIODS.get(code)
    return _(known) if known is not None else code


def parse_amount(text: str | None) -> tuple[int | None, str | None]:
    """``"55000"``, ``"55 000 €"``, ``"55k"``, ``"52,5k"`` -> (whole amount, None); blank -> (None, None);
    anything else -> (None, the error to show)."""
    raw = clean_line(text)
    if not raw:
        return None, None
    compact = re.sub(r"[\s\u202f\u00a0_']", "", raw)
    for symbol in ("€", "$", "£", "eur", "usd", "gbp", "chf"):
        if compact.lower().endswith(symbol):
            compact = compact[: -len(symbol)]
            break
    match = _AMOUNT.match(compact)
    if match is None:
        return None, _("not an amount: {value} (e.g. 55000 or 55k)").format(value=repr(raw))
    value = float(match.group(1).replace(",", "."))
    if match.group(2):
        value *= 1000
    if value <= 0:
        return None, _("the amount must be more than 0")
    if value >= 100_000_000:
        return None, _("the amount is too large")
    return round(value), None


def parse_currency(text: str | None) -> tuple[str, str | None]:
    """A three-letter code (``eur``, ``€`` -> ``EUR``); blank -> the default."""
    raw = clean_line(text).strip()
    if not raw:
        return DEFAULT_CURRENCY, None
    code = _SYMBOLS.get(raw.lower(), raw.upper())
    if not _CURRENCY.match(code):
        return raw, _("a three-letter currency code, e.g. EUR")
    return code, None


def parse_remote(text: str | None) -> str | None:
    """A code of REMOTE_MODES for what a person or a spreadsheet wrote; "" for blank; None when unknown."""
    raw = clean_line(text).strip().lower()
    if not raw:
        return ""
    if raw in REMOTE_MODES:
        return raw
    for code, words in _REMOTE_WORDS.items():
        if raw in words or raw == _(REMOTE_MODES[code]).lower():
            return code
    for code, words in _REMOTE_WORDS.items():  # "hybride (2 j/sem.)"
        if any(raw.startswith(word) for word in words if len(word) > 3):
            return code
    return None


def is_reference(value: str) -> bool:
    """A CV reference: an http(s) URL with a host, or a file path (absolute, ``~/`` or relative with a name)."""
    if "://" in value:
        try:
            parts = urlsplit(value)
        except ValueError:
            return False
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    return bool(value.strip()) and not value.startswith(("javascript:", "data:")) and not value.endswith(("/", "\\"))


def salary_text(amount: int | None, currency: str, period: str) -> str:
    """``55,000 EUR gross / year`` (empty without an amount)."""
    if not amount:
        return ""
    return _("{amount} {currency} {period}").format(amount=formats.number(amount), currency=currency, period=period_label(period))


def salary_short(amount: int | None, currency: str, period: str) -> str:
    """A pipeline column: ``55,000 EUR`` a year, ``600 EUR/d`` a day (empty without an amount)."""
    if not amount:
        return ""
    if period == "day":
        return _("{amount} {currency}/d").format(amount=formats.number(amount), currency=currency)
    return f"{formats.number(amount)} {currency}"


def outside_salary(amount: int | None, currency: str | None, period: str | None,
                   low: int | None, high: int | None, mission_currency: str | None) -> bool:
    """A yearly salary wish outside the mission's range, in the same currency (a day rate is not compared)."""
    if not amount or period != "year" or (currency or DEFAULT_CURRENCY) != (mission_currency or DEFAULT_CURRENCY):
        return False
    return bool(high and amount > high) or bool(low and amount < low)


def outside_remote(wish: str | None, policy: str | None) -> bool:
    """A wish the mission's policy does not suit (a remote-only talent for an on-site job…)."""
    if not wish or not policy or policy not in _SUITS:
        return False
    return wish not in _SUITS[policy]


def brief_marks(salary: bool, remote: bool) -> str:
    """The pipeline row's marks: ``€!`` salary outside the range, ``⌂!`` remote wish not met."""
    return " ".join(mark for mark, on in ((SALARY_MARK, salary), (REMOTE_MARK, remote)) if on)
