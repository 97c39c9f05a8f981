"""Hostile text in every user field: stored without control bytes, shown literally,
the app stays usable (markup, escape sequences, NUL, right-to-left, emoji, 1 MB)."""

from __future__ import annotations

import pytest
from textual import events

from sourcer_tui.db.models import Candidacy, Mission, Reminder, Talent, Touchpoint
from sourcer_tui.screens.talent_detail import TalentDetailScreen
from sourcer_tui.services import missions, pipeline, talents, touchpoints

from ..conftest import NOW
from .helpers import screen_text, settle

PAYLOADS = {
    "markup": ("[b]x[/b] [/] [@click=app.quit]q", "[b]x[/b] [/] [@click=app.quit]q"),
    "ansi": ("\x1b[31mred\x1b[0m", "[31mred[0m"),
    "osc-link": ("\x1b]8;;http://evil.example\x07link\x1b]8;;\x07", "]8;;http://evil.examplelink]8;;"),
    "nul-and-c1": ("a\x00b\x9bc\x7fd", "abcd"),
    "right-to-left": ("\u202eevil.exe", "\u202eevil.exe"),
    "emoji-zwj": ("👩\u200d💻 dev", "👩\u200d💻 dev"),
}
CONTROL = {chr(c) for c in range(0x20) if chr(c) not in "\t\n"} | {chr(0x7F)} | {chr(c) for c in range(0x80, 0xA0)}


def _clean(value: str) -> bool:
    return not (set(value) & CONTROL)


@pytest.mark.parametrize("name", list(PAYLOADS))
async def test_hostile_text_everywhere(make_app, db, clock, name):
    raw, shown = PAYLOADS[name]
    mission_id = missions.create_mission({"title": f"M {raw}", "client": raw, "notes": raw}, NOW)
    talent_id = talents.create_talent(
        {"name": f"T {raw}", "headline": raw, "company": raw, "tags": f"a,{raw}", "notes": raw + "\n" + "n" * 1_000_000, "referred_by": raw, "location": raw},
        ["other"], NOW,
    )
    candidacy = pipeline.add_to_mission(talent_id, mission_id, NOW)
    call = touchpoints.log_touchpoint(talent_id, candidacy, "call", NOW, make_app().settings, summary=raw)
    touchpoints.save_feedback(call, {"feedback_given": raw, "impression": raw, "next_step": raw, "next_step_due": "+1d"}, NOW)

    stored = [*Mission.select().tuples().get(), *Talent.select().tuples().get(), *Touchpoint.select().tuples().get()]
    stored += [v for row in Reminder.select().tuples() for v in row]
    assert Reminder.select().where(Reminder.kind == "next_step").count() == 1  # the next step's text is checked too
    assert all(_clean(v) for v in stored if isinstance(v, str))
    assert len(Talent.get().notes) > 1_000_000  # the big note is kept whole

    app = make_app()
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert f"T {shown}"[:19] in text  # the pipeline row, literally (its name column: 20 cells)
        # the search box gets the payload pasted (a terminal sends it to the app):
        # it finds the talent, shows no control byte, fails nowhere
        await pilot.press("slash")
        app.post_message(events.Paste(raw))
        await settle(pilot)
        pane = app.screen.query_one("#pipeline")
        assert pane.list.item.talent_id == talent_id
        assert _clean(pane.scope.search) and _clean(screen_text(app))
        assert not [n.message for n in app._notifications if n.severity == "error"]
        await pilot.press("escape")
        await settle(pilot)
        # the detail screen: profile, timeline and the touchpoint panel
        await pilot.press("home", "down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, TalentDetailScreen)
        text = screen_text(app)
        assert shown[:12] in text
        profile = app.screen.query_one("#profile-body").content.plain
        # name, headline, company, location, referred by, tags, mission, notes, and under
        # "Coming up" the next step with its mission: each literally
        assert profile.count(shown) == 10
        assert len(profile) < 10_000 and "more characters" in profile  # the 1 MB note is cut for display
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running
    assert Candidacy.select().count() == 1
