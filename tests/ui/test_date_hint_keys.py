"""A date field's live hint is said whole, wrapped beside the field on as many
lines as it needs, never cut mid-sentence — in every date form, at 160x45 and
80x24, in English and in French; once a save says it under the field, it is not
said twice."""

from __future__ import annotations

import pytest

from sourcer_tui.config import Settings, UiSettings
from sourcer_tui.db.models import Reminder, Talent
from sourcer_tui.services import missions, pipeline, talents

from ..conftest import NOW
from .helpers import screen_text, settle, type_text

SIZES = {"160x45": (160, 45), "80x24": (80, 24)}
FRENCH = Settings(ui=UiSettings(language="fr"))

UNREADABLE = "can't read \"+2dx\" as a date: try today, tomorrow, +2d, 3w, 6m, 1y, mon…sun, 7/12 or 2026-12-01"
REQUIRED = "a date is required: try today, tomorrow, +2d, 3w, 6m, 1y, mon…sun, 7/12 or 2026-12-01"
NO_SUCH_TIME = "\"25h\" is not a time of day: try 14:30, 14h30, 9h or 2:30pm"
REQUIRED_FR = "date obligatoire : essayez aujourd'hui, demain, +2j, 3sem, 6mois, 1an, lundi, 7/12 ou 07/12/2026"
NO_SUCH_TIME_FR = "\"25h\" n'est pas une heure : essayez 14h30, 14:30, 9h ou 2:30pm"


def _said(app, widget_id: str) -> str:
    """What the screen shows in the widget *widget_id*, its lines joined by a space."""
    widget = app.screen.query_one(f"#{widget_id}")
    region = widget.region.intersection(widget.parent.region)  # what its row lets show
    lines = screen_text(app).splitlines()[region.y : region.bottom]
    return " ".join(filter(None, (line[region.x : region.right].strip() for line in lines)))


@pytest.fixture
def zoe(db):
    mission = missions.create_mission({"title": "Data Engineer"}, NOW)
    zoe = talents.create_talent({"name": "Zoé Martin"}, ["other"], NOW)
    pipeline.add_to_mission(zoe, mission, NOW)
    return zoe


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
@pytest.mark.parametrize(("typed", "hint"), [("+2dx", UNREADABLE), ("", REQUIRED)], ids=["unreadable", "empty"])
async def test_the_snooze_dates_hint_is_whole(make_app, zoe, size, typed, hint):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("z", "d")  # snooze until a date
        await settle(pilot)
        await type_text(pilot, typed)
        await settle(pilot)
        assert _said(app, "preview-until") == hint
        await pilot.press("ctrl+s")  # the save says it under the field: beside it, it is not said again
        await settle(pilot)
        assert _said(app, "error-until") == hint
        assert _said(app, "preview-until") == ""
        await pilot.press("x")  # typing on: the error line follows, the preview stays blank
        await settle(pilot)
        assert _said(app, "error-until") == UNREADABLE.replace('"+2dx"', f'"{typed}x"')
        assert _said(app, "preview-until") == ""
        await pilot.press("ctrl+u", *"+2d")  # right again: no error, the preview says the date
        await settle(pilot)
        assert _said(app, "error-until") == ""
        assert _said(app, "preview-until").startswith("→ ")


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
@pytest.mark.parametrize(("language", "hint"), [(None, NO_SUCH_TIME), (FRENCH, NO_SUCH_TIME_FR)], ids=["en", "fr"])
async def test_the_reschedule_hint_is_whole(make_app, db, size, language, hint):
    step = Reminder.create(talent=Talent.create(name="Zoé"), kind="next_step", due=NOW.date(), detail="call back")
    app = make_app(**({"settings": language} if language else {}))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("2", "r")  # Today: reschedule
        await settle(pilot)
        await type_text(pilot, "demain 25h")
        await settle(pilot)
        assert _said(app, "preview-date") == hint
        await pilot.press("ctrl+u")  # nothing typed: the other hint, as whole
        await settle(pilot)
        assert _said(app, "preview-date") == (REQUIRED_FR if language is FRENCH else REQUIRED)
        await pilot.press("escape")
        await settle(pilot)
        assert Reminder.get_by_id(step.id).due == NOW.date()
