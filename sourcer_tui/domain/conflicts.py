"""Two versions of one record side by side: what a save found changed meanwhile.

A form names the version of the record it was filled from
(db/row_versions.py); when another window or a teammate saved a newer one, the
save writes nothing and the user sees, field by field, what is stored now
(*theirs*) and what they typed (*mine*), where the two differ.  Pure rules,
no SQL: the services compare canonical values (as validated), the screens
show the values as the form writes them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..i18n import N_
from .talent_fields import labelled

__all__ = ["TALENT_LABELS", "CONTACT_LABELS", "Difference", "differences"]

#: The talent form's fields, in the form's order, with their labels (English, marked).
TALENT_LABELS: tuple[tuple[str, str], ...] = labelled((
    "name", "headline", "company", "email", "phone", "linkedin_url", "location", "source", "referred_by", "tags",
    "keep_in_touch_months", "salary_amount", "salary_currency", "salary_period", "notice_period", "available_from",
    "remote_pref", "languages", "cv_ref", "legal_basis", "legal_basis_at", "notes",
))

#: The contact form's fields (a logged contact corrected: modals/touchpoint_forms.py).
CONTACT_LABELS: tuple[tuple[str, str], ...] = (
    ("kind", N_("Kind")),
    ("channel", N_("Channel")),
    ("when", N_("When")),
    ("summary", N_("Message / notes")),
)


@dataclass(frozen=True)
class Difference:
    """One field stored (*theirs*) and typed (*mine*) differently, as the form writes them."""

    field: str
    label: str  # English, marked: shown through _()
    theirs: str
    mine: str


def differences(labels: Sequence[tuple[str, str]], theirs: Mapping[str, object], mine: Mapping[str, object],
                *, theirs_shown: Mapping[str, str] | None = None, mine_shown: Mapping[str, str] | None = None) -> list[Difference]:
    """The fields of *labels* present in *mine* whose canonical values differ, in
    *labels*' order; each shown as *theirs_shown* / *mine_shown* write it
    (default: the canonical value as text, blank for None)."""

    def text(shown: Mapping[str, str] | None, values: Mapping[str, object], field: str) -> str:
        if shown is not None and field in shown:
            return str(shown[field])
        value = values.get(field)
        return "" if value is None else str(value)

    found = []
    for field, label in labels:
        if field not in mine:
            continue
        a, b = theirs.get(field), mine.get(field)
        if isinstance(a, str) and isinstance(b, str):
            a, b = a.strip(), b.strip()
        if a != b:
            found.append(Difference(field, label, text(theirs_shown, theirs, field), text(mine_shown, mine, field)))
    return found
