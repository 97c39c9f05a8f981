"""The facts recruiters ask about, typed with the real keys (issue 20, item 3)."""

from __future__ import annotations

from sourcer_tui.db.models import Mission, Talent
from sourcer_tui.screens.talent_detail import TalentDetailScreen

from .helpers import screen_text, settle, type_text, wait_for_text

SIZE = (160, 45)


async def test_salary_and_remote_typed_saved_shown_and_marked(make_app):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        # a mission whose brief pays up to 60k: M, title, tab×7 to "Salary up to"
        await pilot.press("M")
        await type_text(pilot, "Backend Engineer")
        await pilot.press(*["tab"] * 7)
        await type_text(pilot, "60k")
        await pilot.press("ctrl+s")
        await settle(pilot)
        mission = Mission.get()
        assert (mission.title, mission.salary_min, mission.salary_max, mission.salary_currency) == ("Backend Engineer", None, 60000, "EUR")

        # n: name, tab×11 to the salary, tab×5 to the remote preference (a select)
        await pilot.press("n")
        await type_text(pilot, "Zoé Martin")
        await pilot.press(*["tab"] * 11)
        await type_text(pilot, "65k")
        await pilot.press(*["tab"] * 5)
        await pilot.press("enter", "down", "down", "down", "enter")  # blank, on-site, hybrid, remote
        await pilot.press("tab")
        await type_text(pilot, "français, anglais")
        await pilot.press("ctrl+s")
        await settle(pilot)
        talent = Talent.get()
        assert (talent.name, talent.salary_amount, talent.salary_currency, talent.salary_period, talent.remote_pref, talent.languages) == \
            ("Zoé Martin", 65000, "EUR", "year", "remote", "français, anglais")

        # above the mission's maximum: the row is marked
        row = next(line for line in screen_text(app).splitlines() if "Zoé Martin" in line)
        assert "€!" in row and "⌂!" not in row

        # the talent screen shows the facts
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TalentDetailScreen)
        shown = await wait_for_text(pilot, "Salary: 65,000 EUR gross / year")
        assert "Remote: remote" in shown and "Languages: français, anglais" in shown


async def test_a_bad_amount_is_shown_at_its_field_and_nothing_saved(make_app):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await type_text(pilot, "Paul")
        await pilot.press(*["tab"] * 11)
        await type_text(pilot, "lots")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await wait_for_text(pilot, "not an amount: 'lots'")
        assert Talent.select().count() == 0


async def test_v_shows_and_hides_the_salary_and_availability_columns(make_app):
    import datetime as dt

    from sourcer_tui.domain.vocab import DEFAULT_SOURCES
    from sourcer_tui.services import missions, pipeline, talents

    now = dt.datetime(2026, 11, 23, 10, 30)
    mission_id = missions.create_mission({"title": "Dev"}, now)
    talent_id = talents.create_talent({"name": "Zoé Martin", "salary_amount": "600", "salary_period": "day", "available_from": "2027-01-04"},
                          DEFAULT_SOURCES, now)
    pipeline.add_to_mission(talent_id, mission_id, now)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        row = next(line for line in screen_text(app).splitlines() if "Zoé Martin" in line)
        assert "600 EUR/d" not in row
        await pilot.press("v")
        await settle(pilot)
        row = next(line for line in screen_text(app).splitlines() if "Zoé Martin" in line)
        assert "600 EUR/d" in row and "2027-01-04" in row
        await pilot.press("v")
        await settle(pilot)
        row = next(line for line in screen_text(app).splitlines() if "Zoé Martin" in line)
        assert "600 EUR/d" not in row
