"""The footer: the keys of what has focus, drawn as one line by one widget.

Textual's Footer mounts one widget per key and recomposes them all whenever the
bindings change — every focus move between panes, every modal closed.  At
100,000 talents that was most of a pane switch (~20 widgets mounted and
removed each time, and removed ones kept alive by Textual: slower with every
hour's use).  This one renders a single line and repaints only when the keys
shown change.  Same look (the footer's own theme variables), same behaviour:
a click on a key presses it; a disabled key is dimmed and rings the bell.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.screen import Screen
from textual.cache import LRUCache
from textual.strip import Strip
from textual.widget import Widget

from ..i18n import _

__all__ = ["KeyFooter"]

_DIM = Style(dim=True)
#: Always in the footer, at its right end when the others do not all fit.
_ESSENTIAL_ACTIONS = frozenset({"help", "quit", "app.help", "app.quit"})


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
        self._essential: frozenset[str] = frozenset()  # the keys of help and quit: always shown
        self._spans: list[tuple[int, int, str, bool]] = []  # (start, end, key, enabled) in cells
        self._drawn: LRUCache[tuple, tuple[Strip, list]] = LRUCache(8)  # (keys, palette, width, styles) -> (line, spans)

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
        essential = set()
        for _node, binding, enabled, _tooltip in screen.active_bindings.values():
            if not binding.show or binding.action in seen:  # one entry per action, as Textual's footer
                continue
            seen.add(binding.action)
            if binding.action in _ESSENTIAL_ACTIONS:
                essential.add(binding.key)
            keys.append((binding.key, self.app.get_key_display(binding), _(binding.description), enabled))
        palette = None
        if self.app.ENABLE_COMMAND_PALETTE and self.app.COMMAND_PALETTE_BINDING in screen.active_bindings:
            _node, binding, enabled, _tooltip = screen.active_bindings[self.app.COMMAND_PALETTE_BINDING]
            palette = (binding.key, self.app.get_key_display(binding), _(binding.description), enabled)
        shown = (tuple(keys), palette, frozenset(essential))
        if shown != (self._keys, self._palette, self._essential):
            self._keys, self._palette, self._essential = shown
            self.refresh()

    # Drawn with the Line API: one Strip of plain segments, kept until the keys,
    # the width or the styles change.  (A Rich Text went through Textual's
    # Content conversion at each change of keys, every pane switch.)
    _line: Strip | None = None

    def refresh(self, *regions, **kwargs):
        self._line = None
        return super().refresh(*regions, **kwargs)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._line = None
        self._drawn.clear()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y:
            return Strip.blank(width, base)
        if self._line is None or self._line.cell_length != width:
            # the keys go back and forth between a few sets (a form opens and
            # closes at each feedback): the lines of the last few are kept
            styles = (base + self.get_component_rich_style("footer-key--key"), base + self.get_component_rich_style("footer-key--description"))
            key = (self._keys, self._palette, self._essential, width, base, styles)
            drawn = self._drawn.get(key)
            if drawn is None:
                drawn = (self._draw(width, base, styles), self._spans)
                self._drawn.set(key, drawn)
            self._line, self._spans = drawn
        return self._line

    def _draw(self, width: int, base: Style, styles: tuple[Style, Style]) -> Strip:
        segments: list[Segment] = []
        self._spans = []
        x = 0
        gap = Segment(" " if self.compact else "  ", base)
        keys, right = self._keys, ()
        if self._essential and sum(self._width(entry) + len(gap.text) for entry in keys) > width:
            # not all fit: help and quit go to the right end, the rest as many as fit, then "…"
            right = tuple(entry for entry in keys if entry[0] in self._essential)
            keys = tuple(entry for entry in keys if entry[0] not in self._essential)
        limit = width - sum(self._width(entry) + len(gap.text) for entry in right)
        for n, entry in enumerate(keys):
            last = n == len(keys) - 1
            if x + self._width(entry) > (limit if last or not right else limit - 2):  # shown whole or not at all
                if right:
                    segments += [Segment("…", styles[1]), gap]
                    x += 1 + len(gap.text)
                break
            x = self._append(segments, x, entry, styles)
            segments.append(gap)
            x += len(gap.text)
        if right:
            segments.append(Segment(" " * max(0, limit - x), base))
            x = max(x, limit)
            for entry in right:
                x = self._append(segments, x, entry, styles)
                segments.append(gap)
                x += len(gap.text)
        elif self._palette is not None:  # on the right, as Textual's footer
            _key, display, description, _enabled = self._palette
            palette = cell_len(f"▏{display} {description} ")
            if x + palette <= width:
                if width - palette > x:
                    segments.append(Segment(" " * (width - palette - x), base))
                segments.append(Segment("▏", styles[1]))
                self._append(segments, width - palette + 1, self._palette, styles)
        return Strip(segments).adjust_cell_length(width, Style(bgcolor=base.bgcolor))

    def _width(self, entry: tuple[str, str, str, bool]) -> int:
        _key, display, description, _enabled = entry
        return cell_len(display if self.compact else f" {display} ") + 1 + cell_len(description)

    def _append(self, segments: list[Segment], x: int, entry: tuple[str, str, str, bool], styles: tuple[Style, Style]) -> int:
        """Add one key at column *x*; returns the column after it."""
        key, display, description, enabled = entry
        key_style, description_style = styles if enabled else (styles[0] + _DIM, styles[1] + _DIM)
        shown, said = (display if self.compact else f" {display} "), f" {description}"
        segments += [Segment(shown, key_style), Segment(said, description_style)]
        end = x + cell_len(shown) + cell_len(said)
        self._spans.append((x, end, key, enabled))
        return end

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
