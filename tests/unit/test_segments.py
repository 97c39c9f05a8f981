"""text_segments: a line of Rich Text over a base style, its own style kept."""

from __future__ import annotations

from rich.console import Console
from rich.style import Style
from rich.text import Text

from sourcer_tui.widgets.segments import text_segments

CONSOLE = Console(width=80, color_system="truecolor")
BASE = Style(color="white", bgcolor="black")


def test_a_text_without_spans_keeps_its_own_style():
    """Rich's Text.render drops the style of a text without spans: a list's
    italic "Loading…" and the Stats tables' italic titles came out plain."""
    [segment] = text_segments(Text("Loading…", style="italic"), CONSOLE, BASE)
    assert segment.text == "Loading…" and segment.style == BASE + Style(italic=True)
    assert text_segments(Text(""), CONSOLE, BASE) == []
    [plain] = text_segments(Text("plain"), CONSOLE, BASE)
    assert plain.style == BASE


def test_spans_over_the_text_style_over_the_base():
    text = Text("ab", style="italic")
    text.stylize("bold", 1, 2)
    segments = text_segments(text, CONSOLE, BASE)
    assert [s.text for s in segments] == ["a", "b"]
    assert segments[0].style == BASE + Style(italic=True)
    assert segments[1].style == BASE + Style(italic=True, bold=True)
