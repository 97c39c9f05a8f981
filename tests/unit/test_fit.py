"""virtual_list.fit: a value on exactly its cells, as Rich's Text would cut it (the
Pipeline list draws its rows as plain runs, without Text, for speed)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.text import Text

from sourcer_tui.widgets.virtual_list import fit


def rich_cut(value: str, width: int) -> str:
    text = Text(value)
    text.truncate(width, overflow="ellipsis", pad=True)
    return text.plain


def test_fit_pads_and_cuts_with_an_ellipsis():
    assert fit("Zoé", 5) == "Zoé  "
    assert fit("Alexandra", 5) == "Alex…"
    assert fit("中文名字", 5) == "中文…"  # wide characters: two cells each
    assert fit("", 3) == "   "


@settings(max_examples=400)
@given(st.one_of(st.text(), st.text(alphabet="ae\u0301中😀\u200d·é\x07\x1b\t [/]")), st.integers(0, 40))
def test_fit_cuts_as_rich_text_does(value, width):
    assert fit(value, width) == rich_cut(value, width)
