"""Issue 20, item 8: the command palette (ctrl+p) lists every action of the
help screen by name, made from the same bindings, and runs it where its key would."""

from __future__ import annotations

import datetime as dt

import pytest

from sourcer_tui.db.models import Reminder, Snooze, Talent, Touchpoint
from sourcer_tui.services import missions, pipeline, snoozes, talents

from ..conftest import NOW
from .helpers import screen_text, settle, type_text, wait_for_text

SIZE = (160, 45)

#: Keys that only move, and the palette's own key: never entries.
NOT_ENTRIES = {"app.focus_next", "app.focus_previous", "app.command_palette", "app.quit", "pipeline.clear_search",
               "pipeline.next_group", "pipeline.previous_group", "list.open", "detail.back", "stats.back", "templates.back",
               "privacy.back", "list.up", "list.down", "list.page_up", "list.page_down", "list.first", "list.last"}


def _form_keys():
    """Keys that only mean something inside a form."""
    from sourcer_tui.modals.form import FormModal
    from sourcer_tui.widgets.capture_form import CaptureForm

    return [*FormModal.BINDINGS, *CaptureForm.BINDINGS]


def _named_here(app):
    """Every key of the help screen with a name whose owner is on the screen shown
    (a widget of it, the screen or the app), but moves and form keys."""
    from textual.actions import parse

    here = [app, app.screen, *app.screen.walk_children(with_self=False)]

    def owners(binding):
        return [node for node in here if any(binding in vars(cls).get("BINDINGS", ()) for cls in type(node).__mro__)]

    for section, bindings in app.key_sections():
        for binding in bindings:
            if not (getattr(binding, "description", "") and binding.action and binding.id not in NOT_ENTRIES
                    and binding not in _form_keys()):
                continue
            _ns, name, params = parse(binding.action)
            if any(node.check_action(name, params) is True for node in owners(binding)):  # on screen, and on now
                yield section, binding


@pytest.fixture
def zoe(db):
    mission = missions.create_mission({"title": "Data Engineer", "client": "Vélo Cargo"}, NOW)
    zoe = talents.create_talent({"name": "Zoé Martin", "linkedin_url": "https://www.linkedin.com/in/zoe"}, ["other"], NOW)
    pipeline.add_to_mission(zoe, mission, NOW)
    ada = talents.create_talent({"name": "Ada Today"}, ["other"], NOW)
    Reminder.create(talent=ada, kind="next_step", due=NOW.date(), detail="call back")
    leo = talents.create_talent({"name": "Léo Asleep"}, ["other"], NOW)
    snoozes.snooze_talent(leo, NOW.date() + dt.timedelta(days=90), "on leave", NOW)
    return zoe, ada


def _titles(app) -> list[str]:
    return [command.title for command in app.get_system_commands(app.screen)]


async def _palette(pilot, name: str) -> None:
    """ctrl+p, the name typed, Enter: as a user runs a command."""
    await pilot.press("ctrl+p")
    await settle(pilot)
    await type_text(pilot, name)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def test_every_named_key_of_the_main_screen_is_in_the_palette(make_app, zoe):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # the cursor starts on the first talent, not on the "Sourced" header
        titles = _titles(app)
        named = list(_named_here(app))
        assert len(named) > 30
        for section, binding in named:
            assert binding.description in titles, (section, binding.id)
        for name in ("Call", "Snooze…", "Log…", "Log with details…", "Interview", "New talent", "Reschedule", "Done",
                     "Wake now", "Stats", "Templates", "Help"):
            assert name in titles, name
        assert "Quit" in titles and "Theme" in titles  # Textual's own commands stay
        assert len(titles) == len(set(titles))  # one entry per action


async def test_every_named_key_of_the_other_screens_is_in_the_palette_there(make_app, zoe):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for keys, section in ((["S"], "Stats"), (["T"], "Templates"), (["P"], "Privacy review"), (["enter"], "Talent detail")):
            await pilot.press(*keys)
            await settle(pilot)
            titles = _titles(app)
            named = list(_named_here(app))
            assert any(s == section for s, _b in named), section
            for _section, binding in named:
                assert binding.description in titles, (section, binding.id)
            await pilot.press("escape")
            await settle(pilot)
        assert app.screen is app.main_screen


async def test_call_snooze_and_log_by_name(make_app, zoe):
    talent, _ada = zoe
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        # the cursor starts on the first talent, not on the "Sourced" header
        await _palette(pilot, "Call")
        call = Touchpoint.get(Touchpoint.talent == talent, Touchpoint.kind == "call")
        assert call.happened_at == NOW
        assert app.focused.id == "field-feedback_given"  # Capture opened for its feedback, as `c` does
        await pilot.press("escape")
        await settle(pilot)

        await pilot.press("1", "home", "down")
        assert app.screen.query_one("#pipeline").list.item.name == "Zoé Martin"
        await _palette(pilot, "Snooze")
        await wait_for_text(pilot, "Snooze Zoé Martin")
        await pilot.press("1", *"on leave", "enter")
        await settle(pilot)
        assert Snooze.get(Snooze.talent == talent).reason == "on leave"

        await _palette(pilot, "Log…")
        await wait_for_text(pilot, "Log a contact with")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is app.main_screen


async def test_an_entry_runs_on_the_focused_pane_or_on_the_pipeline(make_app, zoe):
    _zoe, ada = zoe
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("2")  # Today, on Ada's next step
        await _palette(pilot, "Call")  # the focused pane's row: Ada, not the Pipeline's
        assert Touchpoint.get(Touchpoint.kind == "call").talent_id == ada
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("2")
        await _palette(pilot, "New talent")  # a Pipeline key, from Today
        await wait_for_text(pilot, "New talent")
        await type_text(pilot, "Nina Palette")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert Talent.get(Talent.name == "Nina Palette")


async def test_the_palette_in_french(make_app, zoe, monkeypatch):
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = _titles(app)
        assert {"Appel", "Nouveau talent"} <= set(titles)
        await pilot.press("ctrl+p")
        await type_text(pilot, "Appel")
        await settle(pilot)
        assert "Appel" in screen_text(app)


async def test_an_esc_action_is_an_entry_while_it_can_run(make_app, zoe):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Clear search" not in _titles(app)  # no search: nothing to clear
        await pilot.press("slash", *"zo", "down")
        await settle(pilot)
        pane = app.screen.query_one("#pipeline")
        assert pane.scope.search
        assert "Clear search" in _titles(app)
        await _palette(pilot, "Clear search")
        assert not pane.scope.search and not pane.query_one("#pipeline-search").display
