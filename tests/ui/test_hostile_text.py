"""User text is shown literally everywhere: never markup, never an action."""

from __future__ import annotations

from textual import events

from sourcer_tui.db.models import Talent
from sourcer_tui.screens.talent_detail import TalentDetailScreen

from .helpers import screen_text, settle, type_text

HOSTILE = "[@click=app.quit]Zoé [bold]Ü[/bold] \x1b[31m"
STORED = "[@click=app.quit]Zoé [bold]Ü[/bold] [31m"
SHOWN = "[@click=app.quit]Zoé [bold]Ü[/bold]"


async def test_hostile_name_is_stored_clean_and_shown_literally(make_app, clock):
    from sourcer_tui.services import missions

    missions.create_mission({"title": "[b]Mission[/b] [@click=app.quit]x"}, clock.now())
    app = make_app()
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await type_text(pilot, "click")
        await pilot.press("enter")
        await settle(pilot)
        assert "[b]Mission[/b] [@click=app.quit]x" in screen_text(app)

        await pilot.press("n")
        await settle(pilot)
        # A terminal delivers pasted text (escape bytes included) as one Paste event, to the app.
        app.post_message(events.Paste(HOSTILE))
        await settle(pilot)
        assert app.screen.query_one("#field-name").value == STORED  # no escape byte drawn in the field
        await pilot.press("ctrl+s")
        await settle(pilot)

        talent = Talent.get()
        assert talent.name == STORED
        assert "\x1b" not in talent.name
        text = screen_text(app)
        assert SHOWN in text.split("Pipeline", 1)[1]  # in the pipeline list
        assert f"{SHOWN} [31m added to" in text  # in the notification, literally

        # the row under the cursor: clicks and keys do not run the embedded action
        await pilot.click("#pipeline-list", offset=(10, 1))
        await pilot.press("down", "up", "right_square_bracket")
        await settle(pilot)
        assert app.is_running

        await pilot.press("slash")
        await type_text(pilot, "Zoé")
        await settle(pilot)
        assert SHOWN in screen_text(app)
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, TalentDetailScreen)
        assert SHOWN in screen_text(app)
        await pilot.click("#profile-body", offset=(2, 0))
        await settle(pilot)
        assert app.is_running
