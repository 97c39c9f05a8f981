"""The Stats screen with keys: open it, switch mission and range, read the figures."""

from __future__ import annotations

import datetime as dt
import threading

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


async def test_stats_screen_comes_up_with_its_figures_or_its_loading_indicator(make_app, db, monkeypatch):
    """From the second visit on, the figures are computed before the screen
    comes up; when they take longer than LOADING_AFTER, it comes up loading."""
    import sourcer_tui.screens.stats as stats_screen

    mission = Mission.create(title="Designer")
    talent = Talent.create(name="T", source="referral")
    candidacy = Candidacy.create(talent=talent, mission=mission)
    Touchpoint.create(talent=talent, candidacy=candidacy, kind="approach", step=0, happened_at=NOW - dt.timedelta(days=3))
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("S")  # first visit: pushed, then computed
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        stats = app.get_screen("stats")
        assert not stats.show(None) is False  # kept screen: it will push itself ...
        assert app.screen is not stats  # ... once its figures are drawn
        await settle(pilot)
        assert app.screen is stats and "contacted 1 · replied 0" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)

        # A slow computation: it waits until the loading indicator is up.
        shown: list[tuple] = []
        gate = threading.Event()
        real_compute, real_loading = stats_screen.compute, stats._show_loading
        monkeypatch.setattr(stats_screen, "compute", lambda *a, **k: (gate.wait(10), real_compute(*a, **k))[1])
        monkeypatch.setattr(stats_screen, "LOADING_AFTER", 0.01)

        def show_loading() -> None:
            real_loading()
            shown.append((app.screen is stats, stats.query_one("#stats-body").loading, screen_text(app).count("contacted")))
            gate.set()

        monkeypatch.setattr(stats, "_show_loading", show_loading)
        Touchpoint.create(talent=talent, candidacy=candidacy, kind="reply_positive", happened_at=NOW - dt.timedelta(days=1))
        await pilot.press("S")
        await settle(pilot)
        assert shown == [(True, True, 0)]  # up, loading, no figures (nor the last visit's)
        assert app.screen is stats and app.screen_stack.count(stats) == 1
        assert "contacted 1 · replied 1" in screen_text(app) and not stats.query_one("#stats-body").loading
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, StatsScreen)


async def test_a_key_pressed_before_the_figures_come_wins(make_app, db, monkeypatch):
    """S then ? at once (second visit, figures still computing): Help comes up
    and Stats, once computed, does not cover it."""
    import sourcer_tui.screens.stats as stats_screen
    from sourcer_tui.screens.help import HelpScreen

    mission = Mission.create(title="Designer")
    talent = Talent.create(name="T", source="referral")
    Touchpoint.create(talent=talent, candidacy=Candidacy.create(talent=talent, mission=mission), kind="approach", step=0, happened_at=NOW)
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        gate = threading.Event()
        real_compute = stats_screen.compute
        monkeypatch.setattr(stats_screen, "compute", lambda *a, **k: (gate.wait(10), real_compute(*a, **k))[1])
        monkeypatch.setattr(stats_screen, "LOADING_AFTER", 60)  # only the figures could bring it up
        await pilot.press("S")  # computing, not up yet
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        gate.set()
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert not any(isinstance(screen, stats_screen.StatsScreen) for screen in app.screen_stack)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is app.main_screen
