"""No silent overwrite: a talent changed behind the app's back while its form is
open is not saved over; the save shows both versions and asks."""

from __future__ import annotations

import sqlite3

from sourcer_tui.db.models import Talent
from sourcer_tui.services import missions, pipeline, talents

from ..conftest import NOW
from .helpers import screen_text, settle, type_text, wait_for_text

SIZE = (160, 45)


def _zoe() -> int:
    backend = missions.create_mission({"title": "Backend"}, NOW)
    zoe = talents.create_talent({"name": "Zoé Martin", "company": "Acme"}, ["other"], NOW)
    pipeline.add_to_mission(zoe, backend, NOW)
    return zoe


def _behind_the_back(db, sql: str, *args) -> None:
    """Another program (a second window) writes to the same file."""
    other = sqlite3.connect(db.database, timeout=10)
    with other:
        other.execute(sql, args)
    other.close()


async def _edit_headline(pilot, text: str) -> None:
    await pilot.press("e")  # the cursor is on the first talent
    await wait_for_text(pilot, "Edit talent")
    await pilot.press("tab")  # the headline, after the name
    await type_text(pilot, text)


async def test_a_save_over_a_change_made_elsewhere_shows_both_versions(make_app, db):
    zoe = _zoe()
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await _edit_headline(pilot, "Staff engineer")
        _behind_the_back(db, "UPDATE talent SET headline = 'CTO', company = 'Globex' WHERE id = ?", zoe)
        await pilot.press("ctrl+s")
        shown = await wait_for_text(pilot, "was changed elsewhere")
        assert "Zoé Martin was changed elsewhere (another window or a teammate) while you edited" in shown
        rows = [line for line in shown.splitlines() if "Headline" in line or "Company" in line]
        assert len(rows) == 2
        assert "CTO" in rows[0] and "Staff engineer" in rows[0]  # theirs, then mine
        assert rows[0].index("CTO") < rows[0].index("Staff engineer")
        assert "Globex" in rows[1] and "Acme" in rows[1]
        assert "Keep theirs" in shown and "Overwrite with mine" in shown and "Back to editing" in shown
        stored = Talent.get_by_id(zoe)
        assert (stored.headline, stored.company) == ("CTO", "Globex")  # nothing written

        await pilot.press("e")  # back to editing: my text is still in the form
        await wait_for_text(pilot, "Edit talent")
        assert app.screen.query_one("#field-headline").value == "Staff engineer"
        await pilot.press("ctrl+s")  # saved knowingly over the version just seen
        await settle(pilot)
        stored = Talent.get_by_id(zoe)
        assert (stored.headline, stored.company) == ("Staff engineer", "Acme")
        assert "Saved: Zoé Martin" in screen_text(app)


async def test_keep_theirs_or_overwrite_with_mine(make_app, db):
    zoe = _zoe()
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await _edit_headline(pilot, "Mine")
        _behind_the_back(db, "UPDATE talent SET headline = 'Theirs' WHERE id = ?", zoe)
        await pilot.press("ctrl+s")
        await wait_for_text(pilot, "Keep theirs")
        await pilot.press("t")
        await settle(pilot)
        assert Talent.get_by_id(zoe).headline == "Theirs"
        assert "Edit talent" not in screen_text(app)

        await pilot.press("e")
        await wait_for_text(pilot, "Edit talent")
        await pilot.press("tab", "ctrl+u")
        await type_text(pilot, "Mine again")
        _behind_the_back(db, "UPDATE talent SET headline = 'Theirs again' WHERE id = ?", zoe)
        await pilot.press("ctrl+s")
        await wait_for_text(pilot, "Overwrite with mine")
        await pilot.press("m")
        await settle(pilot)
        assert Talent.get_by_id(zoe).headline == "Mine again"


async def test_a_contact_corrected_elsewhere_shows_both_versions(make_app, db):
    from sourcer_tui.config import Settings
    from sourcer_tui.db.models import Touchpoint
    from sourcer_tui.screens.talent_detail import TalentDetailScreen
    from sourcer_tui.services import touchpoints

    zoe = _zoe()
    call = touchpoints.log_touchpoint(zoe, None, "call", NOW, Settings(), summary="Intro")
    touchpoints.save_feedback(call, {"feedback_given": "Told her"}, NOW)  # owes nothing: Capture stays shut
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TalentDetailScreen)
        await pilot.press("t")
        await wait_for_text(pilot, "Edit this contact")
        await pilot.press("tab", "tab", "tab", "end")
        await type_text(pilot, " mine")
        _behind_the_back(db, "UPDATE touchpoint SET summary = 'Intro theirs' WHERE id = ?", call)
        await pilot.press("ctrl+s")
        shown = await wait_for_text(pilot, "This contact was changed elsewhere")
        row = next(line for line in shown.splitlines() if "Message / notes" in line)
        assert row.index("Intro theirs") < row.index("Intro mine")
        assert Touchpoint.get_by_id(call).summary == "Intro theirs"
        await pilot.press("m")
        await settle(pilot)
        assert Touchpoint.get_by_id(call).summary == "Intro mine"
        assert "Contact updated." in screen_text(app)


async def test_both_versions_are_shown_literally(make_app, db):
    zoe = _zoe()
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await _edit_headline(pilot, "[bold]mine[/]")
        _behind_the_back(db, "UPDATE talent SET headline = '[@click=app.quit]theirs' WHERE id = ?", zoe)
        await pilot.press("ctrl+s")
        shown = await wait_for_text(pilot, "was changed elsewhere")
        row = next(line for line in shown.splitlines() if "Headline" in line)
        assert "[@click=app.quit]theirs" in row and "[bold]mine[/]" in row
        await pilot.press("t")
        await settle(pilot)
        assert app.is_running and Talent.get_by_id(zoe).headline == "[@click=app.quit]theirs"
