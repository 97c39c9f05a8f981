"""How a talent entered the pool: the legal basis of holding their data (GDPR art. 6), and its date.

Pure rules, no SQL.  Four bases, the ones a sourcer meets:

* ``legitimate_interest`` — a public professional profile found while sourcing
  (LinkedIn, a job board's CV base, a community, an event): art. 6(1)(f);
* ``consent`` — the person agreed to be kept in the pool (given or renewed): art. 6(1)(a);
* ``referral`` — someone recommended them (cooptation): legitimate interest too,
  their data came from a third person;
* ``application`` — they applied (candidature): steps at their request, art. 6(1)(b).

A talent is never without a basis: when none is given, :func:`default_basis`
reads it from the source, and its date is the day the talent was added.

When the data was not collected from the person (a public profile, a
referral: GDPR art. 14), they must be informed within a month, at the latest
at the first contact.  :func:`must_inform` says when a talent never contacted
is past that month: the Privacy review lists them.  The retention clock
(CNIL: two years after the last contact) runs from the latest of the basis
date, the consent renewal and the last contact (:func:`retention_start`).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable

from ..i18n import N_, _, formats
from .dates import add_months

__all__ = [
    "LEGAL_BASES", "LEGAL_FIELDS", "INFORM_BASES", "INFORM_MONTHS", "SOURCE_BASES", "DEFAULT_BASIS", "FROM_SOURCE",
    "basis_label", "default_basis", "parse_basis", "retention_start", "inform_by", "must_inform", "basis_explained",
]

#: code -> label (English, translated where shown).
LEGAL_BASES: dict[str, str] = {
    "legitimate_interest": N_("legitimate interest"),
    "consent": N_("consent"),
    "referral": N_("referral"),
    "application": N_("application"),
}
#: The talent's columns (migration 0019).
LEGAL_FIELDS = ("legal_basis", "legal_basis_at")
DEFAULT_BASIS = "legitimate_interest"
#: What the form's "from the source" choice sends: the basis the source gives.
FROM_SOURCE = "auto"
#: Sources (domain.vocab.DEFAULT_SOURCES) whose basis is not legitimate interest.
SOURCE_BASES: dict[str, str] = {"referral": "referral", "social_referral": "referral", "inbound": "application"}
#: Bases whose data came from someone else than the person: inform them within a month (GDPR art. 14).
INFORM_BASES = ("legitimate_interest", "referral")
INFORM_MONTHS = 1

#: Words a spreadsheet or a person uses for each basis (keys as :func:`_key` reduces them).
_WORDS: dict[str, tuple[str, ...]] = {
    "legitimate_interest": (
        "legitimateinterest", "legitimate", "interetlegitime", "publicprofile", "profilpublic", "sourcing",
    ),
    "consent": ("consent", "consentement", "consenti", "optin"),
    "referral": ("referral", "referred", "cooptation", "coopte", "recommandation", "recommande", "recommended"),
    "application": (
        "application", "applied", "candidature", "candidat", "candidaturespontanee", "postule", "inbound",
        "contract", "contrat",
    ),
}
_BY_WORD = {word: code for code, words in _WORDS.items() for word in words}


def _key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed.casefold() if c.isalnum() and not unicodedata.combining(c))


def basis_label(code: str, into: Callable[[str], str] | None = None) -> str:
    """``legitimate_interest`` -> ``legitimate interest``, in the reader's language (or through *into*)."""
    known = LEGAL_BASES.get(code)
    return (into or _)(known) if known is not None else code.replace("_", " ")


def default_basis(source: str) -> str:
    """The basis a talent of *source* has unless told otherwise (referral -> referral,
    inbound -> application, anything else found while sourcing -> legitimate interest)."""
    return SOURCE_BASES.get(source, DEFAULT_BASIS)


def parse_basis(text: str | None) -> str | None:
    """A basis code for what was typed or imported (``Intérêt légitime``, ``cooptation``,
    ``consent``); ``""`` for blank; None when not understood."""
    key = _key(text or "")
    if not key:
        return ""
    if key in _BY_WORD:
        return _BY_WORD[key]
    for code in LEGAL_BASES:
        if _key(code) == key or _key(_(LEGAL_BASES[code])) == key:
            return code
    return None


def retention_start(basis_at: dt.date | None, consent_renewed: dt.date | None, last_contact: dt.date | None,
                    added: dt.date) -> dt.date:
    """The day the retention clock starts: the latest of the last contact (the day the
    talent was added, when never contacted), the basis date and the consent renewal.
    A talent with no basis date (written by an older version) keeps the older rule."""
    return max(d for d in (last_contact or added, basis_at, consent_renewed) if d is not None)


def inform_by(basis_at: dt.date) -> dt.date:
    """The day a person whose data came from elsewhere must have been informed (one month on)."""
    return add_months(basis_at, INFORM_MONTHS)


def must_inform(basis: str, basis_at: dt.date, contacted: bool, today: dt.date) -> bool:
    """True when a talent held on a public profile or a referral, never contacted, is past
    the month within which they must be told (GDPR art. 14: at the latest at the first contact)."""
    return basis in INFORM_BASES and not contacted and inform_by(basis_at) <= today


_EXPLAINED = {
    "legitimate_interest": N_("Legitimate interest (GDPR art. 6(1)(f)): your public professional profile, "
                              "kept to offer you job opportunities, since {day}."),
    "consent": N_("Your consent (GDPR art. 6(1)(a)), given or renewed on {day}; you may withdraw it at any time."),
    "referral": N_("Legitimate interest (GDPR art. 6(1)(f)): someone who knows you recommended you, since {day}."),
    "application": N_("Your application (GDPR art. 6(1)(b): steps taken at your request), since {day}."),
}


def basis_explained(code: str, since: dt.date) -> str:
    """One sentence for the person (the subject access export): why their data is held, since when."""
    sentence = _EXPLAINED.get(code)
    if sentence is None:
        return _("{basis}, since {day}.").format(basis=basis_label(code), day=formats.full_date(since))
    return _(sentence).format(day=formats.full_date(since))
