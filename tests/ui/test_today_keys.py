"""Today's row keys: copy email, open profile (http/https only), reschedule, skip."""

from __future__ import annotations

import datetime as dt
import webbrowser

from sourcer_tui.db.models import Reminder, Talent

from ..conftest import NOW
from .helpers import screen_text, settle


async def test_today_row_keys(make_app, db, monkeypatch):
    opened: list[str] = []
    monkeypatch.setenv("BROWSER", "a-browser")  # a browser can open here (app.open_link asks)
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)  # no browser here
    safe = Talent.create(name="Zoé", email="zoe@example.org", linkedin_url="https://www.linkedin.com/in/zoe")
    hostile = Talent.create(name="Mallory", linkedin_url="javascript:alert(1)")
    first = Reminder.create(talent=safe, kind="next_step", due=NOW.date() - dt.timedelta(days=1), detail="call back")
    second = Reminder.create(talent=hostile, kind="next_step", due=NOW.date(), detail="ping")
    app = make_app()
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("2", "y")
        assert app.clipboard == "zoe@example.org"
        await pilot.press("u")
        await settle(pilot)
        assert opened == ["https://www.linkedin.com/in/zoe"]
        await pilot.press("down", "u")
        await settle(pilot)
        assert opened == ["https://www.linkedin.com/in/zoe"]  # javascript: is never opened
        assert "No http(s) profile URL" in screen_text(app)
        # reschedule the first to next Monday, skip the second
        await pilot.press("up", "r", *"mon", "ctrl+s")
        await settle(pilot)
        assert Reminder.get_by_id(first.id).due == dt.date(2026, 11, 30)
        await pilot.press("x")
        await settle(pilot)
        assert Reminder.get_by_id(second.id).status == "skipped"
        assert "Today (0)" in screen_text(app)


async def test_a_date_past_ten_years_is_refused_at_its_field(make_app, db):
    """r on a Today row, 9999-12-31: said at the field, nothing moved."""
    talent = Talent.create(name="Zoé")
    due = Reminder.create(talent=talent, kind="next_step", due=NOW.date(), detail="call back")
    app = make_app()
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("2", "r", *"9999-12-31")
        await settle(pilot)
        assert "at most 10 years ahead" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert Reminder.get_by_id(due.id).due == NOW.date() and "at most 10 years ahead" in screen_text(app)


async def test_a_row_months_late_keeps_a_space_before_its_kind(make_app, db):
    """270 days late: ``270d``, then the kind; 99 days: ``99d late``."""
    old = Talent.create(name="Zoé")
    Reminder.create(talent=old, kind="next_step", due=NOW.date() - dt.timedelta(days=270), detail="call back")
    Reminder.create(talent=Talent.create(name="Léa"), kind="next_step", due=NOW.date() - dt.timedelta(days=99), detail="ping")
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        lines = screen_text(app).splitlines()
        zoe = next(line for line in lines if "Zoé" in line)
        lea = next(line for line in lines if "Léa" in line)
        assert "270d     Next step" in zoe and "late" not in zoe
        assert "99d late Next step" in lea
