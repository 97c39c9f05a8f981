"""The talent's fields as a person reads them: one label each (English, marked for translation).

The conflict message (domain/conflicts.py), the merge preview
(domain/merge.py) and the talent's screen (screens/talent_detail.py) each
list some of these fields, in their own order, with the same labels.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..i18n import N_

__all__ = ["LABELS", "labelled"]

LABELS: dict[str, str] = {
    "name": N_("Name"),
    "headline": N_("Headline"),
    "company": N_("Company"),
    "email": N_("Email"),
    "phone": N_("Phone"),
    "linkedin_url": N_("Profile"),
    "location": N_("Location"),
    "source": N_("Source"),
    "referred_by": N_("Introduced by"),
    "tags": N_("Tags"),
    "keep_in_touch_months": N_("Keep in touch"),
    "salary": N_("Salary"),  # the amount with its currency and period, as one value
    "salary_amount": N_("Salary expectation"),
    "salary_currency": N_("Currency"),
    "salary_period": N_("Salary is"),
    "notice_period": N_("Notice"),
    "available_from": N_("Available from"),
    "remote_pref": N_("Remote"),
    "languages": N_("Languages"),
    "cv_ref": N_("CV"),
    "legal_basis": N_("Legal basis"),
    "legal_basis_at": N_("Basis since"),
    "notes": N_("Notes"),
}


def labelled(names: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """``(field, label)`` for each of *names*, in that order."""
    return tuple((name, LABELS[name]) for name in names)
