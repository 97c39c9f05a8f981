"""virtual_list.fit: a value on exactly its cells, as Rich's Text would cut it (the
Pipeline list draws its rows as plain runs, without Text, for speed)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.text import Text

from sourcer_tui.widgets.virtual_list import _cells, fit


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


@settings(max_examples=300)
@given(st.lists(st.tuples(st.text(alphabet="ab é中\x07\x08\x0b\x0c\r\x1b[/]"), st.booleans()), max_size=5), st.integers(1, 30))
def test_a_line_of_runs_draws_as_the_same_line_as_a_rich_text(runs, width):
    """VirtualList draws runs of plain text without a Text: same cells, same styles."""
    from rich.console import Console
    from rich.segment import Segment
    from rich.style import Style
    from rich.text import Text

    from sourcer_tui.widgets.virtual_list import VirtualList

    class Probe:
        class app:
            console = Console(width=200)

    dim = Style(dim=True)
    runs = [(run, dim if styled else None) for run, styled in runs]
    base = Style(color="white")
    drawn = VirtualList._strip(Probe(), list(runs), width, base)
    text = Text.assemble(*runs)
    expected = VirtualList._strip(Probe(), text, width, base)
    assert list(Segment.simplify(list(drawn))) == list(Segment.simplify(list(expected)))


@settings(max_examples=400)
@given(st.one_of(st.text(), st.text(alphabet="a…—‘’·é中😀◽◾■\u0301\u200d\u2028\u2030 ")))
def test_cells_measures_as_rich_does(value):
    """The one-cell fast path (by length) agrees with Rich's measure for any text."""
    assert _cells(value) == cell_len(value)
    assert _cells("Élodie Martin-Éluard — Lead…") == 28


def test_every_character_the_fast_path_measures_by_length_is_one_cell_for_rich():
    """Exhaustive over the fast path's ranges (a range one too wide let two emoji
    squares, ◽ ◾, pass for one cell: rows overflowed and lost their last column)."""
    from rich.cells import get_character_cell_size

    from sourcer_tui.widgets.virtual_list import _ONE_CELL

    wrong = [hex(c) for c in range(0x2600) if _ONE_CELL.fullmatch(chr(c)) and get_character_cell_size(chr(c)) != 1]
    assert wrong == []
    assert _cells("Go ◾ AWS ◽ Python") == cell_len("Go ◾ AWS ◽ Python") == 19
