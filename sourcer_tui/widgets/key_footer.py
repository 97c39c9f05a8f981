"""The footer: the keys of what has focus, drawn as one line by one widget.

Textual's Footer mounts one widget per key and recomposes them all whenever the
bindings change — every focus move between panes, every modal closed.  At
100,000 talents that was most of a pane switch (~20 widgets mounted and
removed each time, and removed ones kept alive by Textual: ~200 ms after an
hour's use).  This one renders a single line and repaints only when the keys
shown change.  Same look (the footer's own theme variables), same behaviour:
a click on a key presses it; a disabled key is dimmed and rings the bell.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

__all__ = ["KeyFooter"]

_DIM = Style(dim=True)


class KeyFooter(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"footer-key--key", "footer-key--description"}
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
        .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def __init__(self, *, compact: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.compact = compact
        # (key, key display, description, enabled) of every key shown, in order
        self._keys: tuple[tuple[str, str, str, bool], ...] = ()
        self._palette: tuple[str, str, str, bool] | None = None  # the command palette's key, on the right
        self._spans: list[tuple[int, int, str, bool]] = []  # (start, end, key, enabled) in cells

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.call_after_refresh(self.bindings_changed, self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        if screen is not self.screen:
            return
        seen: set[str] = set()
        keys = []
        for _, binding, enabled, _tooltip in screen.active_bindings.values():
            if not binding.show or binding.action in seen:  # one entry per action, as Textual's footer
                continue
            seen.add(binding.action)
            keys.append((binding.key, self.app.get_key_display(binding), binding.description, enabled))
        palette = None
        if self.app.ENABLE_COMMAND_PALETTE and self.app.COMMAND_PALETTE_BINDING in screen.active_bindings:
            _, binding, enabled, _tooltip = screen.active_bindings[self.app.COMMAND_PALETTE_BINDING]
            palette = (binding.key, self.app.get_key_display(binding), binding.description, enabled)
        shown = (tuple(keys), palette)
        if shown != (self._keys, self._palette):
            self._keys, self._palette = shown
            self.refresh()

    def render(self) -> Text:
        styles = (self.get_component_rich_style("footer-key--key"), self.get_component_rich_style("footer-key--description"))
        line = Text(no_wrap=True, overflow="crop")
        self._spans = []
        for entry in self._keys:
            self._append(line, entry, styles)
            line.append(" " if self.compact else "  ")
        if self._palette is not None:  # on the right, as Textual's footer
            _, display, description, _ = self._palette
            right = cell_len(f"▏{display} {description} ")
            if line.cell_len + right <= self.size.width:
                line.append(" " * (self.size.width - right - line.cell_len))
                line.append("▏", styles[1])
                self._append(line, self._palette, styles)
        return line

    def _append(self, line: Text, entry: tuple[str, str, str, bool], styles: tuple[Style, Style]) -> None:
        key, display, description, enabled = entry
        key_style, description_style = styles if enabled else (styles[0] + _DIM, styles[1] + _DIM)
        start = line.cell_len
        line.append(display if self.compact else f" {display} ", key_style)
        line.append(f" {description}", description_style)
        self._spans.append((start, line.cell_len, key, enabled))

    def key_at(self, x: int) -> tuple[str, bool] | None:
        """The key drawn at column *x* (and whether it is enabled), if any."""
        for start, end, key, enabled in self._spans:
            if start <= x < end:
                return key, enabled
        return None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        hit = self.key_at(event.x)
        if hit is None:
            return
        key, enabled = hit
        if enabled:
            self.app.simulate_key(key)
        else:
            self.app.bell()
