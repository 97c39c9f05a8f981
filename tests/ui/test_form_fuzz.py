"""Every form takes any text in any field: it saves, or it shows the problem at its
field — never an exception (a mission's own cadence crashed the app on a number).

Each form is opened with its key, filled with hypothesis-drawn text and numbers
(a select gets one of its options, or nothing), and saved with ctrl+s, the
path the keys take; one example is a run of the real app over several
fillings in a row.  The forms: mission, talent, capture, log (L), snooze (its
date, trial, keep-in-touch and length forms), reschedule, template, closing."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sourcer_tui.db.models import Candidacy, Reminder
from sourcer_tui.screens.main import MainScreen
from sourcer_tui.services import missions, pipeline, talents
from sourcer_tui.widgets.form_fields import FormFields

from ..conftest import NOW
from .helpers import settle

SIZE = (160, 45)
NASTY = ["", " ", "0", "-1", "10", "25", "none", "+3d", "-2h", "2026-02-30", "9999-12-31", "0001-01-01", "１０", "٣", "1e9",
         "\x1b[2J", "\x00", "[b]x[/b]", "[@click=app.quit]", "\u202e", "a" * 400, "3, 5", "14h30", "yesterday 14:30", "mon"]
TEXT = st.one_of(
    st.text(max_size=30),
    st.integers(-(10**20), 10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(NASTY),
)
#: What a sourcer would type in each field: the first filling of a run is made of these
#: (so it saves), the others draw from them and from anything at all.
VALID = {
    "title": "Data Engineer", "name": "Zoé Martin", "email": "zoe@example.org", "phone": "+33 6 12 34 56 78",
    "linkedin_url": "https://www.linkedin.com/in/zoe", "followup_delays_days": "3, 5", "snooze_after_days": "10",
    "snooze_months": "10", "keep_in_touch_months": "4", "next_step_due": "+3d", "when": "-2h", "until": "+3m",
    "start": "-3w", "trial_months": "4", "months": "6", "date": "+2d", "subject": "Bonjour {first_name}",
    "body": "Bonjour {first_name}, un mot sur {mission} ?", "feedback": "Thanked them", "feedback_given": "Told her the next steps",
}
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzé ", min_size=1, max_size=20).filter(str.strip)

#: form -> the keys that open it from the main screen (a talent selected in the Pipeline)
FORMS = {
    "mission": ["M"],
    "mission-edit": ["E"],
    "talent": ["e"],
    "capture": ["c"],
    "log": ["L"],
    "snooze-date": ["z", "d"],
    "snooze-trial": ["z", "t"],
    "keep-in-touch": ["z", "k"],
    "snooze-length": ["z", "1"],
    "reschedule": ["2", "r"],
    "template": ["T", "e"],
    "closing": ["s", *"rejected", "enter"],
}


def _form(app) -> FormFields | None:
    """The form on screen: a modal's, or the capture sheet's."""
    screen = app.screen
    if isinstance(screen, MainScreen):
        capture = screen.capture.form
        return capture.fields if capture is not None else None
    found = list(screen.query(FormFields))
    return found[0] if found else None


async def _back_to_main(pilot) -> None:
    for _ in range(4):
        if isinstance(pilot.app.screen, MainScreen) and pilot.app.screen.capture.form is None:
            return
        await pilot.press("escape")
        await settle(pilot)
        if _form(pilot.app) is not None and not isinstance(pilot.app.screen, MainScreen):
            await pilot.press("escape")  # "press Escape again to discard"
            await settle(pilot)


async def _fill_and_save(pilot, form: FormFields, draw, plausible: bool) -> None:
    values = {}
    for field in form.fields:
        options = [value for _, value in field.choices]
        if field.kind == "select":
            values[field.name] = draw(st.sampled_from(options if plausible else ["", *options]))
            continue
        valid = st.just(VALID[field.name]) if field.name in VALID else WORDS
        values[field.name] = draw(valid if plausible else st.one_of(valid, TEXT))
    form.set_values(values)
    await settle(pilot)
    await pilot.press("ctrl+s")
    await settle(pilot)


async def _drive(make_app, name: str, draw, fillings: int) -> None:
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("m", *"Data", "enter")  # the mission on screen: E edits it
        await settle(pilot)
        await pilot.press("1", "home", "down")  # a talent selected
        await settle(pilot)
        for filling in range(fillings):
            await pilot.press(*FORMS[name])
            await settle(pilot)
            form = _form(app)
            assert form is not None, f"{name}: the keys {FORMS[name]} opened no form"
            await _fill_and_save(pilot, form, draw, plausible=filling == 0)
            assert app.is_running and app._exception is None
            still = _form(app)
            if still is form and still.is_attached:  # not saved: the problem is shown at a field
                shown = [e for e in form.query(".-shown")]
                assert shown, f"{name}: not saved, and no error at any field"
            await _back_to_main(pilot)
            assert app.is_running and app._exception is None
            if name == "closing":  # open again for the next filling
                for candidacy in Candidacy.select():
                    pipeline.move_stage(candidacy.id, "sourced", NOW)
                await pilot.press("ctrl+r", "1", "home", "down")
                await settle(pilot)


@pytest.fixture
def world(db):
    mission = missions.create_mission({"title": "Data Engineer"}, NOW)
    for name in ("Zoé Martin", "Yann Le Gall"):
        talent = talents.create_talent({"name": name}, ["other"], NOW)
        pipeline.add_to_mission(talent, mission, NOW)
    for i in range(60):  # Today has rows to reschedule, whatever the fillings did
        Reminder.create(talent=1, kind="next_step", due=NOW.date(), detail=f"step {i}", status="pending")
    return mission


@pytest.mark.parametrize("name", list(FORMS))
@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_any_text_in_any_field_saves_or_is_shown_at_its_field(make_app, world, name, data):
    asyncio.run(_drive(make_app, name, data.draw, fillings=5))
