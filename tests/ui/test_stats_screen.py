"""The Stats screen with keys: open it, switch mission and range, read the figures."""

from __future__ import annotations

import datetime as dt

from sourcer_tui.db.models import Candidacy, Mission, Talent, Touchpoint
from sourcer_tui.screens.stats import StatsScreen

from ..conftest import NOW
from .helpers import screen_text, settle


async def test_stats_screen_keys(make_app, db):
    m1, m2 = Mission.create(title="Designer"), Mission.create(title="[b]Data[/b]")
    for i, (mission, replied) in enumerate([(m1, True), (m1, False), (m2, False)]):
        talent = Talent.create(name=f"T{i}", source="referral")
        candidacy = Candidacy.create(talent=talent, mission=mission)
        Touchpoint.create(talent=talent, candidacy=candidacy, kind="approach", step=0, happened_at=NOW - dt.timedelta(days=100 if mission is m2 else 10))
        if replied:
            Touchpoint.create(talent=talent, candidacy=candidacy, kind="reply_positive", happened_at=NOW - dt.timedelta(days=8))
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        assert isinstance(app.screen, StatsScreen)
        text = screen_text(app)
        assert "All missions" in text and "all time" in text
        assert "contacted 3 · replied 1 (33.3%)" in text
        assert "│ first message │    3 │       1 │" in text
        assert "referral" in text
        await pilot.press("r")  # 30 days: the M2 talent (first message 100 days ago) is out
        await settle(pilot)
        assert "30 days" in screen_text(app) and "contacted 2 · replied 1 (50.0%)" in screen_text(app)
        await pilot.press("m", *"Data", "enter")  # markup in a title stays literal
        await settle(pilot)
        text = screen_text(app)
        assert "[b]Data[/b]" in text and "No first messages in this range" in text
        await pilot.press("R")  # back round to all time
        await settle(pilot)
        assert "contacted 1 · replied 0 (0.0%)" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, StatsScreen)
        # again: the same screen, its range kept, the figures computed afresh (a new reply since)
        stats = app.get_screen("stats")
        talent = Talent.get(Talent.name == "T1")
        Touchpoint.create(talent=talent, candidacy=Candidacy.get(Candidacy.talent == talent), kind="reply_negative", happened_at=NOW - dt.timedelta(days=1))
        await pilot.press("S")
        await settle(pilot)
        assert app.screen is stats and stats.range_name == "all time"
        assert "All missions" in screen_text(app) and "contacted 3 · replied 2 (66.7%)" in screen_text(app)
