"""Nothing on screen escapes translation.

The test-only ``pseudo`` locale turns every translated text into look-alike
accented letters (``Today`` -> ``Ŧöđàý``).  Every screen, pane, form and
confirmation is opened with its keys; a word on screen made of plain ASCII
letters then came from a string that never went through ``_()`` — unless it is
the user's own data (names, notes…, all read from the database) or a key name.
"""

from __future__ import annotations

import re

import pytest

from sourcer_tui import demo
from sourcer_tui.i18n import set_language

from ..conftest import TODAY
from .helpers import screen_text, settle

SIZE = (160, 45)
#: What the user types as written: binding ids (``pipeline.search``, the help's
#: right column, for [keymap]) and template placeholders (``{first_name}``).
_SYNTAX = re.compile(r"\b[a-z_]+\.[a-z_]+\b|\{[a-z_]+\}")
_WORD = re.compile(r"(?<![^\W\d_])[A-Za-z]{2,}(?![^\W\d_])")
#: Key names in the footer and help, and the app's name: the same in every language.
KEY_WORDS = {"ctrl", "shift", "tab", "esc", "enter", "space", "up", "down", "left", "right", "home", "end", "pgup", "pgdn", "del",
             "sourcer", "tui", "toml", "csv", "json", "ics", "id", "keymap", "config", "app"}
#: Each screen, modal and confirmation, opened with its keys from the settled main screen.
OPENED_BY = {
    "pipeline": [],
    "today": ["2"],
    "capture": ["3"],
    "snoozed": ["4"],
    "help": ["question_mark"],
    "stats": ["S"],
    "talent screen": ["enter"],
    "templates": ["T"],
    "privacy review": ["P"],
    "pool matches": ["m", *"Senior", "enter", "R"],
    "capture form": ["c"],
    "talent form": ["n"],
    "mission form": ["M"],
    "mission picker": ["m"],
    "stage picker": ["s"],
    "log kind picker": ["l"],
    "log details form": ["L"],
    "snooze presets": ["z"],
    "keep in touch form": ["z", "k"],
    "reschedule form": ["2", "r"],
    "search": ["slash"],
    "command palette": ["ctrl+p"],
    "closing form": ["s", "end", "enter"],
    "talent screen timeline": ["enter", "tab"],
    "talent screen with contacts": ["3", "o"],
    "delete contact confirmation": ["3", "o", "delete"],
    "edit contact form": ["3", "o", "t"],
    "erase confirmation": ["3", "o", "D"],
    "edit talent form": ["e"],
    "add to mission picker": ["a"],
    "feedback owed form": ["F"],
    "template editor": ["T", "enter"],
    "quit confirmation": ["c", *"ça été", "escape"],
}


def _data_words(db) -> set[str]:
    """Every word of the user's data (text columns of every table, and the
    built-in message templates, which are the user's to edit), with each of
    their beginnings: a narrow column cuts a name short."""
    from sourcer_tui.domain.templates import DEFAULT_TEMPLATES

    words: set[str] = {word.lower() for texts in DEFAULT_TEMPLATES.values() for text in texts for word in _WORD.findall(text)}
    cursor = db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'")
    for (table,) in cursor.fetchall():
        columns = [row[1] for row in db.execute_sql(f'PRAGMA table_info("{table}")').fetchall() if any(kind in row[2].upper() for kind in ("TEXT", "CHAR")) or not row[2]]
        for column in columns:
            for (value,) in db.execute_sql(f'SELECT DISTINCT "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL').fetchall():
                if isinstance(value, str):
                    words.update(word.lower() for word in _WORD.findall(value))
    # a narrow column or a modal's edge shows part of a word
    return {word[start:end] for word in words for start in range(len(word)) for end in range(start + 2, len(word) + 1)}


@pytest.fixture
def pseudo_demo(db, make_app):
    demo.build_demo(db, TODAY)
    app = make_app()
    set_language("pseudo")
    return app, _data_words(db)


@pytest.mark.parametrize("name", list(OPENED_BY))
async def test_every_word_on_screen_is_translated(pseudo_demo, name):
    app, data = pseudo_demo
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in OPENED_BY[name]:
            await pilot.press(key)
            await settle(pilot)
        shown = screen_text(app)
    untranslated = sorted({word for word in _WORD.findall(_SYNTAX.sub(" ", shown)) if word.lower() not in data and word.lower() not in KEY_WORDS})
    assert untranslated == [], f"{untranslated}\n{shown}"


@pytest.mark.parametrize("keys", [[], ["2"], ["c"]])
async def test_the_narrow_layout_is_translated(pseudo_demo, keys):
    """At 80×24: the pane bar's titles and "late", the footer's "…" line, the form over the screen."""
    app, data = pseudo_demo
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        shown = screen_text(app)
    untranslated = sorted({word for word in _WORD.findall(_SYNTAX.sub(" ", shown)) if word.lower() not in data and word.lower() not in KEY_WORDS})
    assert untranslated == [], f"{untranslated}\n{shown}"
