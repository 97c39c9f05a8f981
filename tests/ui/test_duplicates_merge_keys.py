"""Duplicates and merge with the real keys (issue 20, item 5): a near-duplicate
name is said before it is created, and J merges two talents through the preview."""

from __future__ import annotations

import datetime as dt

from sourcer_tui.db.models import Candidacy, Talent, Touchpoint
from sourcer_tui.domain.vocab import DEFAULT_SOURCES
from sourcer_tui.modals.form import FormModal
from sourcer_tui.modals.merge_preview import MergeModal
from sourcer_tui.screens.talent_detail import TalentDetailScreen
from sourcer_tui.services import missions, pipeline, talents, touchpoints
from sourcer_tui.config import Settings

from ..conftest import NOW
from .helpers import screen_text, settle, type_text, wait_for_text

SIZE = (160, 45)


def _toasts(app) -> str:
    return " ".join(str(n.message) for n in app._notifications)


async def _merge_the_one_found(pilot, search: str) -> None:
    """``J`` on the talent the pool's search for *search* finds."""
    await pilot.press("slash")
    await type_text(pilot, search)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("J")
    await settle(pilot)


def _talent(name: str, **extra) -> int:
    return talents.create_talent({"name": name, **extra}, DEFAULT_SOURCES, NOW)


async def test_a_near_duplicate_is_said_and_open_existing_opens_it(make_app):
    elodie = _talent("Élodie Martin", company="Acme")
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await type_text(pilot, "martin ELODIE")
        await pilot.press("ctrl+s")
        await settle(pilot)
        shown = await wait_for_text(pilot, "Looks like Élodie Martin (Acme), already here.")
        assert " o   Open Élodie Martin" in shown and " c   Create anyway" in shown and " esc   Back to the form" in shown
        # esc: back to the form, the name still typed, nothing created
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, FormModal)
        assert app.screen.form.values()["name"] == "martin ELODIE"
        assert Talent.select().count() == 1
        # again, and o opens the one already here
        await pilot.press("ctrl+s")
        await settle(pilot)
        await wait_for_text(pilot, "Looks like Élodie Martin (Acme), already here.")
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, TalentDetailScreen) and app.screen.talent_id == elodie
        await wait_for_text(pilot, "Company: Acme")
        assert Talent.select().count() == 1


async def test_create_anyway_creates_the_namesake(make_app):
    _talent("Élodie Martin", company="Acme")
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await type_text(pilot, "Elodie Martin")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await wait_for_text(pilot, "Looks like Élodie Martin (Acme), already here.")
        await pilot.press("c")
        await settle(pilot)
        assert [t.name for t in Talent.select().order_by(Talent.id)] == ["Élodie Martin", "Elodie Martin"]
        assert "Talent created: Elodie Martin" in _toasts(app)
        # a name no one has is created at once
        await pilot.press("escape")  # the mission picker offered after a creation
        await pilot.press("n")
        await type_text(pilot, "Zoé Durand")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert Talent.select().where(Talent.name == "Zoé Durand").exists()


async def test_j_merges_two_talents_through_the_preview(make_app, db):
    backend = missions.create_mission({"title": "Backend"}, NOW)
    kept = _talent("Élodie Martin", company="Acme", tags="python", email="elodie@acme.io")
    other = _talent("martin elodie", company="Globex", tags="rust", phone="+33 6 12 34 56 78")
    _talent("Zoé Durand")
    pipeline.add_to_mission(kept, backend, NOW)
    candidacy = pipeline.add_to_mission(other, backend, NOW)
    approach = touchpoints.log_touchpoint(other, candidacy, "approach", NOW, Settings())
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        # the talent pool's search finds Élodie of Acme; J on her row
        await _merge_the_one_found(pilot, "Acme")
        # the picker offers the same name first, before anything is typed
        shown = await wait_for_text(pilot, "Merge Élodie Martin with which talent?")
        assert "martin elodie  (Globex)" in shown and "Zoé Durand" not in shown
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MergeModal)
        shown = await wait_for_text(pilot, "Merge martin elodie into Élodie Martin")
        assert "Backend: both are in it — Approached stays, Sourced goes (its history is kept)." in shown
        assert "martin elodie is then deleted: this cannot be undone." in shown
        # name: keep this one's; company (down): the other's; tags (down): both, as proposed
        await pilot.press("down", "right")
        await settle(pilot)
        row = next(line for line in screen_text(app).splitlines() if "Company" in line)
        assert "○ Acme" in row and "● Globex" in row
        await pilot.press("ctrl+s")
        await settle(pilot)
        await wait_for_text(pilot, "Merge martin elodie into Élodie Martin? Everything of martin elodie moves to")
        await pilot.press("y")
        await settle(pilot)
        assert "Merged martin elodie into Élodie Martin." in _toasts(app)
        assert [t.id for t in Talent.select()] == [kept, Talent.get(Talent.name == "Zoé Durand").id]
        talent = Talent.get_by_id(kept)
        assert (talent.name, talent.company, talent.tags, talent.phone, talent.email) == (
            "Élodie Martin", "Globex", "python,rust", "+33 6 12 34 56 78", "elodie@acme.io")
        assert [(c.id, c.talent_id, c.stage) for c in Candidacy.select()] == [(candidacy, kept, "approached")]
        assert Touchpoint.get_by_id(approach).talent_id == kept
        # the pipeline shows her once, in the stage that stayed
        await pilot.press("escape")
        await settle(pilot)
        text = screen_text(app)
        rows = [line for line in text.splitlines() if "Élodie Martin" in line and "Merged" not in line]
        assert len(rows) == 1 and "Globex" in rows[0] and "martin elodie" not in text.replace("Merged martin elodie", "")


async def test_the_preview_shows_a_differing_legal_basis_and_the_one_chosen_stays_with_its_date(make_app, db):
    ines = _talent("Inès Rousseau", headline="Data engineer", legal_basis="consent", legal_basis_at="2025-04-26")
    again = _talent("rousseau ines", headline="Data eng.", company="Globex", source="linkedin")  # since NOW, from its source
    pipeline.add_to_mission(again, missions.create_mission({"title": "Data"}, NOW), NOW)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await _merge_the_one_found(pilot, "Globex")
        await wait_for_text(pilot, "Merge rousseau ines with which talent?")
        await pilot.press("enter")
        await settle(pilot)
        shown = await wait_for_text(pilot, "Merge Inès Rousseau into rousseau ines")
        labels = ("Name", "Headline", "Source", "Legal basis")
        rows = {label: line for line in shown.splitlines() if "●" in line for label in labels if f" {label} " in line}
        assert list(rows) == list(labels) and sum("●" in line for line in shown.splitlines()) == 4
        assert "● linkedin" in rows["Source"] and "○ other" in rows["Source"]
        assert "● legitimate interest since 2026-11-23" in rows["Legal basis"] and "○ consent since 2025-04-26" in rows["Legal basis"]
        # her name, headline and consent; the source stays this one's
        await pilot.press("right", "down", "right", "down", "down", "right")
        await settle(pilot)
        row = next(line for line in screen_text(app).splitlines() if "Legal basis" in line)
        assert "○ legitimate interest since 2026-11-23" in row and "● consent since 2025-04-26" in row
        await pilot.press("ctrl+s")
        await settle(pilot)
        await wait_for_text(pilot, "Merge Inès Rousseau into rousseau ines? Everything of Inès Rousseau moves to")
        await pilot.press("y")
        await settle(pilot)
        assert "Merged Inès Rousseau into rousseau ines." in _toasts(app)
        talent = Talent.get_by_id(again)
        assert not Talent.select().where(Talent.id == ines).exists()
        assert (talent.name, talent.headline, talent.source, talent.legal_basis, talent.legal_basis_at) == (
            "Inès Rousseau", "Data engineer", "linkedin", "consent", dt.date(2025, 4, 26))


async def test_j_on_the_talent_screen_and_esc_merges_nothing(make_app):
    kept = _talent("Ana Lima")
    _talent("Lima Ana", company="Globex")
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        app.show_talent(kept)
        await settle(pilot)
        await pilot.press("J")
        await settle(pilot)
        await wait_for_text(pilot, "Lima Ana  (Globex)")
        await pilot.press(*"glob")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await wait_for_text(pilot, "Merge Lima Ana into Ana Lima")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TalentDetailScreen)
        assert "Not merged." in _toasts(app)
        assert Talent.select().count() == 2


async def test_the_import_preview_marks_a_name_in_another_order(make_app, tmp_path):
    _talent("Élodie Martin", email="elodie@acme.io")
    path = tmp_path / "people.csv"
    path.write_text("Name,Headline\nmartin élodie,Data Lead\nZoé Durand,Designer\n", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("I")
        await type_text(pilot, str(path))
        await pilot.press("ctrl+s")
        text = await wait_for_text(pilot, "1 possible duplicates by name")
        assert "line 2: martin élodie: no email or profile URL, and the name of talent #1" in text
        await pilot.press("y")
        await settle(pilot)
        assert Talent.select().count() == 3  # imported: only said, as before
