"""The demo's legal bases (migration 0019): every talent gets the one its source gives
(domain/legal_basis.py), consent when it was renewed, since the day it was added or
first contacted, whichever came first: as an upgraded file has them."""

from __future__ import annotations

import peewee

from ..domain.legal_basis import DEFAULT_BASIS, SOURCE_BASES

__all__ = ["add_legal_bases"]


from ..db.dialect import least


def add_legal_bases(db: peewee.Database) -> None:
    """Fill every talent's basis not yet set (one UPDATE, no draw: the demo's other draws stay as they were)."""
    cases = " ".join(f"WHEN source = '{source}' THEN '{basis}'" for source, basis in SOURCE_BASES.items())
    db.execute_sql(
        "UPDATE talent SET "
        f"legal_basis = CASE WHEN consent_renewed_at IS NOT NULL THEN 'consent' {cases} ELSE '{DEFAULT_BASIS}' END, "
        "legal_basis_at = CASE WHEN consent_renewed_at IS NOT NULL THEN consent_renewed_at ELSE "
        f"COALESCE({least(db)}(date(created_at), (SELECT date(MIN(p.happened_at)) FROM touchpoint p WHERE p.talent_id = talent.id)), "
        "date(created_at)) END "
        "WHERE legal_basis = ''"
    )
