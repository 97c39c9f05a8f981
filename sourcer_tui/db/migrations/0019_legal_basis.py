"""How a talent entered the pool: ``talent.legal_basis`` and ``talent.legal_basis_at``.

The legal basis of holding the talent's data (domain/legal_basis.py):
``legitimate_interest`` (a public profile found while sourcing), ``consent``,
``referral`` (cooptation) or ``application`` (candidature); and the day it
started.  The talents already there get one, so that none is left without a
basis until the retention limit: ``consent`` on the day of their last consent
renewal when they have one, else the basis of their source (referral and
social referral -> referral, inbound -> application, any other ->
legitimate interest) since the day they were added, or their first contact
when it is older (a history imported later): the retention review lists
exactly the talents it listed before.

The rule is written here, not read from domain/legal_basis.py: a later change
of the defaults must not change what this migration did.  Plain ALTER TABLE (a
table rebuild would drop the triggers that keep the derived tables).
"""

#: The day of the talent's first contact (a history imported after it happened is older than the row).
FIRST_CONTACT = "SELECT date(MIN(p.happened_at)) FROM touchpoint p WHERE p.talent_id = talent.id"


def up(migrator, db):
    import peewee

    # the smaller of two dates: SQLite's scalar min(), PostgreSQL's LEAST (which skips a NULL: the COALESCE's result is the same)
    least = "min" if isinstance(db, peewee.SqliteDatabase) else "LEAST"
    db.execute_sql("ALTER TABLE talent ADD COLUMN legal_basis VARCHAR(255) NOT NULL DEFAULT ''")
    db.execute_sql("ALTER TABLE talent ADD COLUMN legal_basis_at DATE")
    db.execute_sql(
        "UPDATE talent SET "
        "legal_basis = CASE WHEN consent_renewed_at IS NOT NULL THEN 'consent' "
        "WHEN source IN ('referral', 'social_referral') THEN 'referral' "
        "WHEN source = 'inbound' THEN 'application' ELSE 'legitimate_interest' END, "
        "legal_basis_at = CASE WHEN consent_renewed_at IS NOT NULL THEN consent_renewed_at ELSE "
        f"COALESCE({least}(date(created_at), ({FIRST_CONTACT})), date(created_at)) END"
    )
