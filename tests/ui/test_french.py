"""The app in French: the demo's four panes, the glossary's words, whole keys in
the footer, and snapshots of the main screen and the capture form at two sizes."""

from __future__ import annotations

import re

import pytest

from sourcer_tui import demo
from sourcer_tui.config import Settings, UiSettings
from sourcer_tui.widgets.key_footer import KeyFooter

from ..conftest import TODAY
from .helpers import screen_text, settle

FRENCH = Settings(ui=UiSettings(language="fr"))
SIZES = {"160x45": (160, 45), "100x30": (100, 30)}


@pytest.fixture
def french_demo(db, make_app):
    demo.build_demo(db, TODAY, language="fr")
    return make_app(settings=FRENCH)


async def _settled(pilot) -> None:
    await settle(pilot)


def _capture_form(pilot):
    async def run(pilot):
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        from textual.widgets import Input, TextArea

        for widget in [*pilot.app.screen.query(Input), *pilot.app.screen.query(TextArea)]:
            widget.cursor_blink = False
        await pilot.pause()

    return run


@pytest.mark.parametrize("size", list(SIZES))
def test_main_screen_in_french(snap_compare, french_demo, size):
    assert snap_compare(french_demo, terminal_size=SIZES[size], run_before=_settled)


@pytest.mark.parametrize("size", list(SIZES))
def test_capture_form_in_french(snap_compare, french_demo, size):
    assert snap_compare(french_demo, terminal_size=SIZES[size], run_before=_capture_form(None))


async def test_the_four_panes_speak_french(french_demo):
    async with french_demo.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        shown = screen_text(pilot.app)
    assert "Pipeline" in shown
    assert "Aujourd'hui (" in shown
    assert "Feedback à chaud" in shown
    assert "En veille (" in shown
    assert "Relance 1/3" in shown
    assert "de retard" in shown
    for english in ("Today", "Snoozed", "Follow-up", "Capture", "Help", "Quit", "late"):
        assert not re.search(rf"\b{english}\b", shown), english


def _footer_entries(footer: KeyFooter) -> list[str]:
    entries = [f"{display} {description}" for _key, display, description, _on in footer._keys]
    if footer._palette is not None:
        entries.append(f"{footer._palette[1]} {footer._palette[2]}")
    return entries


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("keys", [[], ["2"], ["3"], ["4"], ["c"], ["S"], ["enter"]])
async def test_no_key_in_the_footer_is_cut_mid_word(french_demo, size, keys):
    async with french_demo.run_test(size=SIZES[size]) as pilot:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        footers = list(pilot.app.screen.query(KeyFooter))
        for footer in footers:
            line = footer.render_line(0).text.rstrip()
            entries = _footer_entries(footer)
            assert line, "an empty footer"
            assert any(line.endswith(entry) for entry in entries), line


async def test_a_french_yes_is_o(french_demo, db):
    """Confirmations show ``o`` (oui) in French, and ``o`` answers them (``y`` still does)."""
    from sourcer_tui.db.models import Touchpoint

    async with french_demo.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("3", "o")  # the talent of the first feedback owed, its contacts
        await settle(pilot)
        await pilot.press("delete")
        await settle(pilot)
        shown = screen_text(pilot.app)
        assert " o   Oui, supprimer" in shown and " y " not in shown, shown
        before = Touchpoint.select().count()
        await pilot.press("o")
        await settle(pilot)
        assert Touchpoint.select().count() == before - 1


async def test_where_o_is_another_answer_a_french_yes_stays_y(french_demo, db):
    """The ``l`` menu's ``o`` is a first message: its positive reply shows and
    takes ``y``, never a second ``o`` that would log the first message instead."""
    from sourcer_tui.db.models import Touchpoint

    async with french_demo.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        shown = screen_text(pilot.app)
        assert " o   Premier message —" in shown and " y   Réponse (positive) —" in shown, shown
        assert " o   Réponse (positive)" not in shown
        before = Touchpoint.select().count()
        await pilot.press("y")
        await settle(pilot)
        latest = Touchpoint.select().order_by(Touchpoint.id.desc()).get()
    assert Touchpoint.select().count() == before + 1 and latest.kind == "reply_positive"


@pytest.mark.parametrize("size", list(SIZES) + ["80x24"])
async def test_a_long_form_title_wraps_whole(french_demo, size):
    """The closing form's French title is longer than the form: it wraps, and
    what esc does is still read at its end."""
    from sourcer_tui.domain.vocab import DEFAULT_REJECTION_REASONS
    from sourcer_tui.modals.touchpoint_forms import closing_form

    async with french_demo.run_test(size={**SIZES, "80x24": (80, 24)}[size]) as pilot:
        await settle(pilot)
        pilot.app.push_screen(closing_form("rejected", "Inès Rousseau", DEFAULT_REJECTION_REASONS))
        await settle(pilot)
        lines = screen_text(pilot.app).splitlines()
    # the modal's lines, between its borders (the panes show on either side)
    inside = [line[line.index("█") + 1:line.rindex("█")] for line in lines if line.count("█") >= 2]
    shown = " ".join(" ".join(inside).split())
    assert "refus de notre part : pourquoi, et quel feedback avez-vous donné ? (esc : rien n'est noté)" in shown, shown


async def test_a_long_answer_wraps_under_itself_not_under_its_key(french_demo):
    """The snooze question's French ``t`` answer is longer than the dialog: its
    second line starts under the answer's first letter, the key column stays clear."""
    async with french_demo.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("z")
        await settle(pilot)
        lines = screen_text(pilot.app).splitlines()
    first = next(i for i, line in enumerate(lines) if "En poste ailleurs : recontacter" in line)
    start = lines[first].index("En poste")
    follow = lines[first + 1]
    assert follow[:start].rstrip(" ").endswith(("█", "┃", "│", "▊", "▌")) or not follow[:start].strip(), follow
    assert follow[start:].strip() and not follow[start].isspace(), (lines[first], follow)
