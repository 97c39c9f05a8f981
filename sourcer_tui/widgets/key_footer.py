"""The footer: the keys of what has focus, drawn by one widget, whole: on a
second line when they do not all fit on one (never cut while a search adds
its keys, nor in a longer language).

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

from ..domain.layout import by_priority
from ..i18n import _

__all__ = ["KeyFooter"]

_DIM = Style(dim=True)
#: Always in the footer, at its right end when the others do not all fit.
_ESSENTIAL_ACTIONS = frozenset({"help", "quit", "app.help", "app.quit"})
#: The most lines the keys take (then a "…"): a narrow terminal keeps its panes.
#: The main screen sets ``max_lines`` from the terminal's height (domain/layout.py).
MAX_LINES = 3


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
        self._ids: tuple[str, ...] = ()  # the binding id of each of _keys: their priority when some are cut
        self._max_lines = MAX_LINES
        self._spans: list[tuple[int, int, int, str, bool]] = []  # (start, end, line, key, enabled) in cells
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
        ids = []
        essential = set()
        for _node, binding, enabled, _tooltip in screen.active_bindings.values():
            if not binding.show or binding.action in seen:  # one entry per action, as Textual's footer
                continue
            seen.add(binding.action)
            if binding.action in _ESSENTIAL_ACTIONS:
                essential.add(binding.key)
            keys.append((binding.key, self.app.get_key_display(binding), _(binding.description), enabled))
            ids.append(binding.id or binding.action)
        palette = None
        if self.app.ENABLE_COMMAND_PALETTE and self.app.COMMAND_PALETTE_BINDING in screen.active_bindings:
            _node, binding, enabled, _tooltip = screen.active_bindings[self.app.COMMAND_PALETTE_BINDING]
            palette = (binding.key, self.app.get_key_display(binding), _(binding.description), enabled)
        shown = (tuple(keys), palette, frozenset(essential))
        if shown != (self._keys, self._palette, self._essential):
            self._keys, self._palette, self._essential = shown
            self._ids = tuple(ids)
            self.refresh()
            self._fit()

    # Drawn with the Line API: one Strip of plain segments per line, kept until
    # the keys, the width or the styles change.  (A Rich Text went through
    # Textual's Content conversion at each change of keys, every pane switch.)
    _lines: tuple[Strip, ...] | None = None

    def refresh(self, *regions, **kwargs):
        self._lines = None
        return super().refresh(*regions, **kwargs)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines = None
        self._drawn.clear()

    @property
    def max_lines(self) -> int:
        """The most lines the keys take; past them a "…" (``?`` lists every key)."""
        return self._max_lines

    @max_lines.setter
    def max_lines(self, lines: int) -> None:
        if lines != self._max_lines:
            self._max_lines = lines
            self._drawn.clear()
            self._height_kept = 1
            self.styles.height = 1
            self.refresh()
            self._fit()

    _measured_width = 0

    def on_resize(self) -> None:
        width = self.size.width
        if width != self._measured_width:  # measured again at this width (not when only the height changed)
            self._measured_width = width
            self._lines = None
            self._height_kept = len(self._lines_at(width)) if self._keys and width else 1
            self.styles.height = self._height_kept
            self.refresh()

    #: The most lines the keys needed at this width (kept: the footer does not
    #: grow and shrink at every pane switch, each time a layout of the screen).
    _height_kept = 1

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        lines = self._lines_at(width)
        if len(lines) > self._height_kept:
            self._height_kept = len(lines)
            self.call_later(self._grow)
        if y < len(lines):
            return lines[y]
        return Strip.blank(width, self.rich_style)

    def _lines_at(self, width: int) -> tuple[Strip, ...]:
        """The keys' lines at *width* (drawn once per keys and width)."""
        if self._lines is None or self._lines[0].cell_length != width:
            # the keys go back and forth between a few sets (a form opens and
            # closes at each feedback): the lines of the last few are kept
            base = self.rich_style
            styles = (base + self.get_component_rich_style("footer-key--key"), base + self.get_component_rich_style("footer-key--description"))
            key = (self._keys, self._ids, self._palette, self._essential, self._max_lines, width, base, styles)
            drawn = self._drawn.get(key)
            if drawn is None:
                drawn = (self._draw(width, base, styles), self._spans)
                self._drawn.set(key, drawn)
            self._lines, self._spans = drawn
        return self._lines

    def _fit(self) -> None:
        """Grow to the lines the keys need now, in the layout that shows them: grown
        when first drawn, the footer took one more frame, the panes above it a
        second layout (the first frame at 80×24: two more frames)."""
        width = self.size.width or self.screen.size.width  # the screen's: before the first layout
        if not width or not self._keys or not self.is_mounted:
            return
        needed = len(self._lines_at(width))
        if needed > self._height_kept:
            self._height_kept = needed
            self.styles.height = needed

    def _grow(self) -> None:
        if self._lines is not None:
            self.styles.height = len(self._lines)

    def _draw(self, width: int, base: Style, styles: tuple[Style, Style]) -> tuple[Strip, ...]:
        """One line when every key fits (the palette's on the right when it fits too);
        else more, up to :attr:`max_lines`, whole keys on each, help and quit at the
        right end of the last; a "…" only when that is not enough."""
        self._spans = []
        gap = len(" " if self.compact else "  ")
        if sum(self._width(entry) + gap for entry in self._keys) <= width:
            return (self._line_of(0, self._keys, (), width, base, styles, palette=True, cut=False),)
        right = tuple(entry for entry in self._keys if entry[0] in self._essential)
        rest = [entry for entry in self._keys if entry[0] not in self._essential]
        last_limit = width - sum(self._width(entry) + gap for entry in right) - self._palette_size()
        if self._cut(list(rest), width, last_limit, gap):  # not all fit: the most useful ones first
            ids = [key_id for entry, key_id in zip(self._keys, self._ids) if entry[0] not in self._essential]
            rest = [rest[i] for i in by_priority(ids)]
        lines = []
        max_lines = self._max_lines
        for y in range(max_lines):
            final = y == max_lines - 1 or sum(self._width(entry) + gap for entry in rest) <= last_limit
            limit = last_limit if final else width
            line: list = []
            x = 0
            while rest and x + self._width(rest[0]) <= (limit if len(rest) == 1 or not final else limit - 2):
                entry = rest.pop(0)
                line.append(entry)
                x += self._width(entry) + gap
            if final:
                lines.append(self._line_of(y, tuple(line), right, width, base, styles, palette=True, cut=bool(rest)))
                break
            lines.append(self._line_of(y, tuple(line), (), width, base, styles, palette=False, cut=False))
        return tuple(lines)

    def _cut(self, rest: list, width: int, last_limit: int, gap: int) -> bool:
        """Would some of *rest* be left out, in this order, on :attr:`max_lines` lines?"""
        for y in range(self._max_lines):
            final = y == self._max_lines - 1 or sum(self._width(entry) + gap for entry in rest) <= last_limit
            limit = last_limit if final else width
            x = 0
            while rest and x + self._width(rest[0]) <= (limit if len(rest) == 1 or not final else limit - 2):
                x += self._width(rest.pop(0)) + gap
            if final:
                return bool(rest)
        return bool(rest)

    def _palette_size(self) -> int:
        if self._palette is None:
            return 0
        _key, display, description, _enabled = self._palette
        return cell_len(f"▏{display} {description} ")

    def _line_of(self, y: int, keys, right, width: int, base: Style, styles: tuple[Style, Style], *, palette: bool, cut: bool) -> Strip:
        """Line *y*: *keys* from the left, then a "…" if *cut*, *right* (help, quit) and the
        command palette's key (*palette*, when it fits) at the right end."""
        segments: list[Segment] = []
        gap = Segment(" " if self.compact else "  ", base)
        palette_size = self._palette_size() if palette else 0
        limit = width - sum(self._width(entry) + len(gap.text) for entry in right) - palette_size
        x = 0
        for entry in keys:
            x = self._append(segments, x, y, entry, styles)
            segments.append(gap)
            x += len(gap.text)
        if cut:
            segments += [Segment("…", styles[1]), gap]
            x += 1 + len(gap.text)
        if right:
            segments.append(Segment(" " * max(0, limit - x), base))
            x = max(x, limit)
            for entry in right:
                x = self._append(segments, x, y, entry, styles)
                segments.append(gap)
                x += len(gap.text)
        if palette_size and x + palette_size <= width:  # on the right, as Textual's footer
            if width - palette_size > x:
                segments.append(Segment(" " * (width - palette_size - x), base))
            segments.append(Segment("▏", styles[1]))
            self._append(segments, width - palette_size + 1, y, self._palette, styles)
        return Strip(segments).adjust_cell_length(width, Style(bgcolor=base.bgcolor))

    def _width(self, entry: tuple[str, str, str, bool]) -> int:
        _key, display, description, _enabled = entry
        return cell_len(display if self.compact else f" {display} ") + 1 + cell_len(description)

    def _append(self, segments: list[Segment], x: int, y: int, entry: tuple[str, str, str, bool], styles: tuple[Style, Style]) -> int:
        """Add one key at column *x* of line *y*; returns the column after it."""
        key, display, description, enabled = entry
        key_style, description_style = styles if enabled else (styles[0] + _DIM, styles[1] + _DIM)
        shown, said = (display if self.compact else f" {display} "), f" {description}"
        segments += [Segment(shown, key_style), Segment(said, description_style)]
        end = x + cell_len(shown) + cell_len(said)
        self._spans.append((x, end, y, key, enabled))
        return end

    def key_at(self, x: int, y: int = 0) -> tuple[str, bool] | None:
        """The key drawn at column *x* of line *y* (and whether it is enabled), if any."""
        for start, end, line, key, enabled in self._spans:
            if line == y and start <= x < end:
                return key, enabled
        return None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        hit = self.key_at(event.x, event.y)
        if hit is None:
            return
        key, enabled = hit
        if enabled:
            self.app.simulate_key(key)
        else:
            self.app.bell()
