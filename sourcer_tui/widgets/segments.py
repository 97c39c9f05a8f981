"""One line of Rich Text as segments, or as a Strip, over a widget's base style."""

from __future__ import annotations

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

__all__ = ["text_segments", "text_strip"]


def text_segments(text: Text, console: Console, base: Style) -> list[Segment]:
    """The segments of a one-line *text* drawn over *base*, the text's own
    style included: Rich's ``Text.render`` leaves it out of a text without
    spans (``Text("Loading…", style="italic")`` would lose its italic)."""
    if not text.spans:
        if not text.plain:
            return []
        return [Segment(text.plain, base + console.get_style(text.style) if text.style else base)]
    return [Segment(s.text, base + s.style if s.style else base) for s in text.render(console)]


def text_strip(text: Text, width: int, console: Console, base: Style, overflow: str | None = None) -> Strip:
    """*text* on one line of *width* cells over *base*: cut (*overflow*: "crop",
    "ellipsis", or None for the text's own), then padded as Textual pads a
    line (the background alone)."""
    line = text.copy()
    line.no_wrap, line.end = True, ""
    line.truncate(width, overflow=overflow)
    return Strip(text_segments(line, console, base)).adjust_cell_length(width, Style.from_color(bgcolor=base.bgcolor))
