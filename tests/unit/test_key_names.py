"""Keys as the footer and the help name them, in English and in French."""

from __future__ import annotations

import pytest

from sourcer_tui.i18n import set_language
from sourcer_tui.key_names import keys_shown, word_of


@pytest.fixture
def french():
    set_language("fr")
    yield
    set_language("en")


def test_the_help_names_keys_by_sign_or_word_in_english():
    assert keys_shown("escape,backspace") == "esc / backspace"
    assert keys_shown("up,k") == "↑ / k"
    assert keys_shown("right_square_bracket") == "]"
    assert keys_shown("ctrl+z") == "ctrl+z"


def test_the_help_names_keys_in_french(french):
    assert keys_shown("escape,backspace") == "Échap / Retour arr."
    assert keys_shown("home,g") == "Début / g"
    assert keys_shown("delete") == "Suppr"


def test_the_footer_keeps_textual_s_words_in_english():
    assert word_of("escape") is None and word_of("delete") is None  # Textual's esc, del
    assert word_of("s") is None


def test_the_footer_says_them_in_french(french):
    assert (word_of("escape"), word_of("delete"), word_of("space")) == ("Échap", "Suppr", "Espace")
    assert word_of("enter") is None  # Textual's ⏎ in any language
