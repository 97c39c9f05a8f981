"""Import from the TUI, the privacy review, and a person's rights from the detail screen."""

from __future__ import annotations

import datetime as dt
import json

from sourcer_tui.db.models import Candidacy, ErasureLog, Mission, Talent, Touchpoint
from sourcer_tui.screens.privacy import PrivacyScreen
from sourcer_tui.screens.talent_detail import TalentDetailScreen

from ..conftest import NOW
from .helpers import screen_text, settle, type_text, wait_for_text


async def test_import_from_the_tui_previews_then_writes(make_app, db, tmp_path):
    Mission.create(title="Data Engineer")
    Talent.create(name="Zoé Martin", email="zoe@example.org", email_norm="zoe@example.org")
    csv = tmp_path / "people.csv"
    csv.write_text("Prénom;Nom;E-mail;Poste\nZoé;Martin;ZOE@example.org;Data engineer\nHélène;Roux;helene@example.org;Designer\n;;x@example.org;\n", encoding="cp1252")
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("I")
        await type_text(pilot, str(csv))
        await pilot.press("ctrl+s")
        text = await wait_for_text(pilot, "1 new · 1 merged")
        assert "1 bad rows" in text and "line 4: no name" in text
        assert Talent.select().count() == 1  # nothing written yet
        await pilot.press("s")  # import the good rows
        await settle(pilot)
        assert sorted(t.name for t in Talent.select()) == ["Hélène Roux", "Zoé Martin"]
        assert Talent.get(Talent.name == "Zoé Martin").headline == "Data engineer"  # the empty field was filled


async def test_privacy_review_with_keys(make_app, db):
    old = [Talent.create(name=f"Old {i}") for i in range(3)]
    for talent in old:
        Touchpoint.create(talent=talent, kind="call", happened_at=dt.datetime(2024, 1, 10), feedback_given=f"secret about {talent.name}")
    Talent.create(name="Recent")
    app = make_app()
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("P")
        await settle(pilot)
        assert isinstance(app.screen, PrivacyScreen)
        assert "3 talents past the retention limit" in screen_text(app)
        assert "Recent" not in screen_text(app)
        await pilot.press("x")  # consent renewed for Old 0
        await settle(pilot)
        assert Talent.get_by_id(old[0].id).consent_renewed_at == NOW.date()
        await pilot.press("a", "y")  # anonymise Old 1
        await settle(pilot)
        anonymised = Talent.get_by_id(old[1].id)
        assert anonymised.name == f"Anonymised talent #{old[1].id}" and anonymised.anonymised_at is not None
        assert Touchpoint.get(Touchpoint.talent == old[1].id).feedback_given == ""
        await pilot.press("delete", "y")  # erase Old 2
        await settle(pilot)
        assert not Talent.select().where(Talent.id == old[2].id).exists()
        assert ErasureLog.select().count() == 1
        assert "0 talents past the retention limit" in screen_text(app)


async def test_export_and_erase_from_the_detail_screen(make_app, db, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    mission = Mission.create(title="Data")
    talent = Talent.create(name="Zéphyrine Q", email="zq@example.org")
    Candidacy.create(talent=talent, mission=mission)
    Touchpoint.create(talent=talent, kind="call", feedback_given="told her the truth")
    app = make_app()
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TalentDetailScreen)
        await pilot.press("X")
        await settle(pilot)
        [exported] = (tmp_path / "data").rglob("talent-*.json")
        data = json.loads(exported.read_text())
        assert "Zéphyrine Q" in json.dumps(data, ensure_ascii=False) and "told her the truth" in json.dumps(data, ensure_ascii=False)
        assert exported.stat().st_mode & 0o777 == 0o600
        await pilot.press("D")
        await wait_for_text(pilot, "cannot be undone")
        await pilot.press("y")
        await settle(pilot)
        assert not isinstance(app.screen, TalentDetailScreen)
        assert Talent.select().count() == 0 and Touchpoint.select().count() == 0


async def test_the_erase_question_names_the_backups_that_still_hold_them(make_app, db, tmp_path, monkeypatch):
    """Five daily backups made before now, one after (a clock moved back): the question
    names the newest three, counts the others and says where; the toast counts them."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    folder = tmp_path / "data" / "sourcer-tui" / "backups"
    folder.mkdir(parents=True)
    for day in (*range(16, 21), 28):
        (folder / f"test-2026-11-{day}.db").write_bytes(b"")
    talent = Talent.create(name="Zéphyrine Q")
    app = make_app()
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(pilot)
        app.show_talent(talent.id)
        await settle(pilot)
        await pilot.press("D")
        shown = await wait_for_text(pilot, "cannot be undone")
        assert "5 older backups may still hold them until they are pruned: test-2026-11-18.db," in shown
        assert "test-2026-11-19.db, test-2026-11-20.db and 2 older (in" in shown  # then the folder, wrapped
        assert "test-2026-11-28.db" not in shown
        await pilot.press("y")
        await settle(pilot)
        assert not Talent.select().where(Talent.id == talent.id).exists()
        said = [n.message for n in app._notifications]
        assert f"Erased talent #{talent.id} and everything about them. 5 older backup(s) may still hold them until they are pruned." in said


async def test_snooze_past_the_retention_limit_is_flagged(make_app, db):
    talent = Talent.create(name="Émile")
    Touchpoint.create(talent=talent, kind="call", happened_at=dt.datetime(2025, 1, 10))
    app = make_app()
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("m", *"pool", "enter")
        await settle(pilot)
        await pilot.press("z", "4", "ctrl+s")  # 2 years
        await settle(pilot)
        assert "after the retention limit" in screen_text(app)
