"""The timeline's kind and channel columns hold the longest label of the language."""

from __future__ import annotations

from sourcer_tui.i18n import set_language
from sourcer_tui.widgets.timeline_list import _widths


def test_the_columns_fit_the_longest_label_in_english_and_french():
    assert _widths("en") == (21, 9)  # "Declined (by talent)" and a space; "in person"
    set_language("fr")
    try:
        assert _widths("fr") == (24, 11)  # "Invitation à un événement" is cut at 24; "en personne"
    finally:
        set_language("en")
