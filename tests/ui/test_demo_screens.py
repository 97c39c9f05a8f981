"""The app on the demo data: every pane shows rows, a talent's timeline opens."""

from __future__ import annotations

import pytest

from sourcer_tui.db.models import Touchpoint
from sourcer_tui.screens.talent_detail import TalentDetailScreen
from sourcer_tui import demo
from sourcer_tui.services import panes

from ..conftest import TODAY
from .helpers import screen_text, settle

SIZE = (160, 45)


@pytest.fixture
def demo_db(db):
    demo.build_demo(db, TODAY)
    return db


async def test_four_panes_show_demo_rows(make_app, demo_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        due, _ = panes.count_due(TODAY)
        assert due > 0
        assert f"Today ({due}" in text
        assert f"Snoozed ({panes.count_snoozed()})" in text
        assert f"feedback owed ({panes.count_awaiting_feedback()})" in text
        first_due = panes.fetch_due(TODAY, 0, 1)[0]
        assert first_due.name in text and "late" in text
        assert panes.fetch_snoozed(0, 1)[0].name in text
        assert "Sourced" in text and "Approached" in text


async def test_open_talent_with_timeline_from_today(make_app, demo_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")  # Today pane
        row = app.screen.query_one("#today").list.item
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TalentDetailScreen)
        assert app.screen.talent_id == row.talent_id
        total = Touchpoint.select().where(Touchpoint.talent == row.talent_id).count()
        assert total > 0
        text = screen_text(app)
        assert f"Timeline ({total})" in text
        newest = Touchpoint.select().where(Touchpoint.talent == row.talent_id).order_by(Touchpoint.happened_at.desc(), Touchpoint.id.desc()).first()
        assert newest.happened_at.strftime("%Y-%m-%d %H:%M") in text
        await pilot.press("end")
        await settle(pilot)
        oldest = Touchpoint.select().where(Touchpoint.talent == row.talent_id).order_by(Touchpoint.happened_at, Touchpoint.id).first()
        assert oldest.happened_at.strftime("%Y-%m-%d %H:%M") in screen_text(app)
        # back, then another talent: the same screen, refilled, from the top of their timeline
        detail = app.screen
        await pilot.press("escape", "down", "enter")
        await settle(pilot)
        other = app.main_screen.query_one("#today").list.item
        assert other.talent_id != row.talent_id
        assert app.screen is detail and detail.talent_id == other.talent_id
        other_total = Touchpoint.select().where(Touchpoint.talent == other.talent_id).count()
        assert f"Timeline ({other_total})" in screen_text(app) and other.name in screen_text(app)
        assert detail.query_one("#timeline").cursor == 0


async def test_capture_pane_lists_touchpoints_missing_feedback(make_app, demo_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3")
        row = app.screen.query_one("#capture").list.item
        assert row is not None
        tp = Touchpoint.get_by_id(row.touchpoint_id)
        assert tp.needs_feedback and tp.feedback_at is None
        await pilot.press("enter")  # Enter writes its feedback
        await settle(pilot)
        assert app.screen.query_one("#capture").capturing == tp.id
        assert f"with {row.name}" in screen_text(app)
        await pilot.press("escape")  # nothing typed: closes at once
        await settle(pilot)
        await pilot.press("o")  # o opens the talent
        await settle(pilot)
        assert isinstance(app.screen, TalentDetailScreen)
        assert "feedback owed" in screen_text(app)
