"""How a talent entered the pool, with the real keys (issue 20, item 6): the basis stored
at creation with today's date, changed in the form, shown on the talent screen and in
the Privacy review (P), renewed there (x), in the subject access export (X)."""

from __future__ import annotations

import datetime as dt
import json

from sourcer_tui.db.models import Candidacy, Mission, Talent, Touchpoint
from sourcer_tui.screens.privacy import PrivacyScreen
from sourcer_tui.screens.talent_detail import TalentDetailScreen

from .helpers import screen_text, settle, type_text, wait_for_text

SIZE = (160, 45)
TODAY = dt.date(2026, 11, 23)  # the clock of the tests (conftest.NOW)
#: from the name to the legal basis (a select) in the talent form, then to its date
TO_BASIS = 19


async def test_a_talent_created_has_a_basis_since_today_and_the_form_changes_it(make_app):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await type_text(pilot, "Zoé Martin")
        await pilot.press("ctrl+s")
        await settle(pilot)
        talent = Talent.get()
        assert (talent.name, talent.source, talent.legal_basis, talent.legal_basis_at) == ("Zoé Martin", "other", "legitimate_interest", TODAY)

        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TalentDetailScreen)
        await wait_for_text(pilot, "Legal basis: legitimate interest since 2026-11-23")

        # e: the form; the basis (a select: blank, from the source, legitimate interest, consent…) set to consent
        await pilot.press("e")
        await settle(pilot)
        await pilot.press(*["tab"] * TO_BASIS)
        await pilot.press("enter", "down", "enter")
        await pilot.press("tab")
        await type_text(pilot, "2026-11-02")
        await pilot.press("ctrl+s")
        await settle(pilot)
        talent = Talent.get()
        assert (talent.legal_basis, talent.legal_basis_at) == ("consent", dt.date(2026, 11, 2))
        await wait_for_text(pilot, "Legal basis: consent since 2026-11-02")


async def test_a_basis_date_in_the_future_is_refused_at_its_field(make_app):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await type_text(pilot, "Paul")
        await pilot.press(*["tab"] * (TO_BASIS + 1))
        await type_text(pilot, "+3d")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert Talent.select().count() == 0
        assert "not in the future" in screen_text(app)


async def test_the_privacy_review_shows_bases_and_those_to_inform(make_app, db):
    def talent(name: str, basis: str, since: str, *touched: str) -> Talent:
        day = dt.date.fromisoformat(since)
        when = dt.datetime.combine(day, dt.time(9))
        row = Talent.create(name=name, legal_basis=basis, legal_basis_at=day, created_at=when, updated_at=when)
        for touch in touched:
            Touchpoint.create(talent=row, kind="call", happened_at=dt.datetime.fromisoformat(f"{touch} 10:00"))
        return row

    old = talent("Old Contact", "legitimate_interest", "2023-05-01", "2024-01-10")
    referred = talent("Never Told", "referral", "2026-09-01")
    talent("Applied Recently", "application", "2026-09-01")
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("P")
        await settle(pilot)
        assert isinstance(app.screen, PrivacyScreen)
        shown = screen_text(app)
        assert "1 talent past the retention limit" in shown
        assert "1 talent found on a public profile or referred, never contacted a month later" in shown
        lines = shown.splitlines()
        row = next(line for line in lines if "Old Contact" in line)
        assert "limit passed 2026-01-10" in row and "legitimate interest since 2023-05-01" in row
        row = next(line for line in lines if "Never Told" in line)
        assert "never contacted: tell them by 2026-10-01" in row and "referral since 2026-09-01" in row
        assert "Applied Recently" not in shown

        # Enter on the second row: their screen (to contact them); back with escape
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, TalentDetailScreen) and app.screen.talent_id == referred.id
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PrivacyScreen)

        # x: they agreed to stay: the basis is consent, since today; they leave the list
        await pilot.press("x")
        await settle(pilot)
        stored = Talent.get_by_id(referred.id)
        assert (stored.legal_basis, stored.legal_basis_at, stored.consent_renewed_at) == ("consent", TODAY, TODAY)
        shown = screen_text(app)
        assert "never contacted: tell them by" not in shown and "never contacted a month later" not in shown
        assert "Consent renewed today for Never Told" in shown
        assert Talent.get_by_id(old.id).legal_basis == "legitimate_interest"


async def test_the_subject_access_export_has_the_basis(make_app, db, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    when = dt.datetime(2026, 10, 2, 9)
    talent = Talent.create(name="Zéphyrine Q", source="referral", legal_basis="referral", legal_basis_at=when.date(),
                           created_at=when, updated_at=when)
    Candidacy.create(talent=talent, mission=Mission.create(title="Data"))
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TalentDetailScreen)
        await wait_for_text(pilot, "Legal basis: referral since 2026-10-02")
        await pilot.press("X")
        await settle(pilot)
        [exported] = (tmp_path / "data").rglob("talent-*.json")
        data = json.loads(exported.read_text())
        assert data["legal_basis"] == {
            "basis": "referral", "since": "2026-10-02",
            "explained": "Legitimate interest (GDPR art. 6(1)(f)): someone who knows you recommended you, since 2026-10-02.",
        }
        assert (data["profile"]["legal_basis"], data["profile"]["legal_basis_at"]) == ("referral", "2026-10-02")
