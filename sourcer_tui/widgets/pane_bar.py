"""The pane bar of the narrow layout: the four panes' titles and counts on one
line (``Pipeline 150 · Today 26 (13 late) · Capture 7 · Snoozed 18``), the
one on screen highlighted.  A click on a title shows that pane.

The panes say their counts when they load (:class:`PaneCounted`); the main
screen hands them to the bar, shown or not (a resize shows it at once,
counts and all).
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.message import Message

from ..i18n import _, formats, pgettext
from .text_line import TextLine

__all__ = ["PaneBar", "PaneCounted", "PANES", "pane_title"]

#: The panes in their key order (1–4).
PANES = ("pipeline", "today", "capture", "snoozed")


def pane_title(pane: str) -> str:
    """A pane's short title in the bar, translated (French: "Feedbacks" for Capture, which
    the pane's own title calls "Feedback à chaud": the bar must fit 80 columns)."""
    return {
        "pipeline": pgettext("pane bar", "Pipeline"),
        "today": pgettext("pane bar", "Today"),
        "capture": pgettext("pane bar", "Capture"),
        "snoozed": pgettext("pane bar", "Snoozed"),
    }[pane]
_SEPARATOR = " · "


class PaneCounted(Message):
    """A pane loaded: its row count (and, for Today, how many are late)."""

    def __init__(self, pane: str, total: int, late: int = 0) -> None:
        super().__init__()
        self.pane = pane
        self.total = total
        self.late = late


class PaneBar(TextLine):
    DEFAULT_CSS = """
    PaneBar {
        height: 1;
        width: 100%;
        padding: 0 1;
        background: $boost;
        display: none;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._counts: dict[str, tuple[int, int]] = {}
        self._shown = "pipeline"
        self._spans: list[tuple[int, int, str]] = []

    def count(self, pane: str, total: int, late: int = 0) -> None:
        if self._counts.get(pane) != (total, late):
            self._counts[pane] = (total, late)
            self._redraw()

    def show_pane(self, pane: str) -> None:
        if pane != self._shown:
            self._shown = pane
            self._redraw()

    def entries(self) -> list[tuple[str, str]]:
        """``(pane, text)`` for each pane: ``Today 26 (13 late)``."""
        shown = []
        for pane in PANES:
            total, late = self._counts.get(pane, (None, 0))
            name = pane_title(pane)
            text = name if total is None else f"{name} {formats.number(total)}"
            if late:
                text += " " + _("({n} late)").format(n=formats.number(late))
            shown.append((pane, text))
        return shown

    def _redraw(self) -> None:
        line = Text(no_wrap=True)
        self._spans = []
        for n, (pane, text) in enumerate(self.entries()):
            if n:
                line.append(_SEPARATOR, "dim")
            start = cell_len(line.plain)
            line.append(text, "bold reverse" if pane == self._shown else "")
            self._spans.append((start, cell_len(line.plain), pane))
        self.update(line)

    def on_mount(self) -> None:
        self._redraw()

    def on_click(self, event: events.Click) -> None:
        x = event.x - 1  # the padding
        for start, end, pane in self._spans:
            if start <= x < end:
                event.stop()
                self.app.simulate_key(str(1 + PANES.index(pane)))
                return
