"""A keyboard list over any number of rows, drawn with the Line API.

Only the lines on screen are rendered and only their pages are fetched
(see :mod:`sourcer_tui.services.paging`), so a list of 100,000 rows costs
what a list of 40 does.  Subclasses say how a row looks in
:meth:`VirtualList.render_item`; every cell is a ``rich.text.Text`` built
from plain strings, never parsed as markup.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import partial
from typing import Any, ClassVar, NamedTuple, Protocol, cast

from rich.cells import cell_len
from rich.cells import get_character_cell_size as character_cells
from rich.control import strip_control_codes
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from ..i18n import N_, _
from ..services.paging import MISSING
from ..textual_compat.scroll_view import QuietScrollView
from ..worker_failures import ReportsWorkerFailures
from .segments import text_segments

__all__ = ["Rows", "Runs", "VirtualList", "EmptyRows", "fit"]

#: A line as runs of plain text and their style (None: the line's own), which
#: render_item may return instead of a Text: drawn without Rich's Text layout
#: (cheaper a line; the Pipeline list repaints 40 lines per keystroke).
Runs = list[tuple[str, "Style | None"]]


#: Characters of one cell each: Rich's own fast test (Latin, Greek, Cyrillic,
#: box drawing and shapes up to U+25FC) and the dashes, quotes and ellipsis of U+2010–2027.
#: Lines kept drawn per list (least recently drawn go first): a few screens' worth
#: of rows in each look (cursor, focus) a list goes back and forth between.
LINES_KEPT = 2000

_ONE_CELL = re.compile("[\u0020-\u007e\u00a0-\u02ff\u0370-\u0482\u2010-\u2027\u2500-\u25fc]*")


def _one_cell_each(value: str) -> bool:
    return _ONE_CELL.fullmatch(value) is not None or all(character_cells(c) == 1 for c in value)


def _cells(value: str) -> int:
    """``cell_len(value)``, by length when every character is one cell (a row's
    cut text ends with "…", which Rich's cache measures a character at a time)."""
    return len(value) if _ONE_CELL.fullmatch(value) is not None else cell_len(value)


def fit(value: str, width: int) -> str:
    """*value* on exactly *width* cells: cut with an ellipsis, or padded.
    Printable text of one cell a character (most names) is cut by length;
    anything else as Rich's Text does it (wide characters, and the control
    codes Text leaves out)."""
    if width > 0 and value.isprintable() and _one_cell_each(value):
        if len(value) <= width:
            return value.ljust(width)
        return value[: width - 1] + "…"
    text = Text(value)
    text.truncate(width, overflow="ellipsis", pad=True)
    return text.plain


class Frame(NamedTuple):
    """What every line of one paint shares, looked up once per paint, not per line."""

    width: int
    top: int
    base: Style
    signature: tuple[int, int]
    focused: bool
    key: tuple
    now: dt.datetime


class View(NamedTuple):
    """Where a list stands, captured on the UI thread: a worker reads this, never the widget."""

    top: int
    height: int
    cursor: int

    def window(self, cursor: int | None = None) -> tuple[int, int]:
        """``(first line, count)`` shown once the cursor is at *cursor* (default: where
        it was) — what a worker prefetches before handing new rows over."""
        at = self.cursor if cursor is None else cursor
        top = self.top
        if at < top:
            top = at
        elif at >= top + self.height:
            top = at - self.height + 1
        return top, self.height


class Rows(Protocol):
    total: int

    def get(self, index: int) -> Any: ...


class EmptyRows:
    total = 0

    def get(self, index: int) -> None:
        return None


class VirtualList(ReportsWorkerFailures, QuietScrollView, can_focus=True):
    """A cursor over ``rows``; posts :class:`Highlighted` and :class:`Selected`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1)", N_("Up"), show=False, id="list.up"),
        Binding("down,j", "cursor(1)", N_("Down"), show=False, id="list.down"),
        Binding("pageup", "page(-1)", N_("Page up"), show=False, id="list.page_up"),
        Binding("pagedown", "page(1)", N_("Page down"), show=False, id="list.page_down"),
        Binding("home,g", "jump(0)", N_("First"), show=False, id="list.first"),
        Binding("end,G", "jump(-1)", N_("Last"), show=False, id="list.last"),
        Binding("enter", "select", N_("Open"), id="list.open"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "virtual-list--cursor",
        "virtual-list--cursor-focused",
        "virtual-list--header",
        "virtual-list--dim",
        "virtual-list--empty",
    }

    # no repaint of the whole list when it moves: watch_cursor repaints its two lines
    cursor: reactive[int] = reactive(0, always_update=True, init=False, repaint=False)

    class Highlighted(Message):
        def __init__(self, source: "VirtualList", index: int, item: Any) -> None:
            super().__init__()
            self.source = source
            self.index = index
            self.item = item

        @property
        def control(self) -> "VirtualList":
            return self.source

    class Selected(Highlighted):
        """Enter pressed (or a double click) on a row."""

    #: English, marked with N_(): translated where drawn (subclasses and screens set their own).
    empty_text = N_("Nothing here.")

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.rows: Rows = EmptyRows()
        self._styles: dict[str, Style] | None = None
        # Lines already drawn, by (row, width, styles of the line, render_key()):
        # a focus move restyles the list but changes only the cursor line's look,
        # and a reload brings back mostly the same rows.
        self._lines: LRUCache[tuple, Strip] = LRUCache(LINES_KEPT)
        self._signature: tuple[int, int] = (0, 0)  # hash of the row styles, of the cursor style

    # -- styles (computed once per style change, not once per line) ------------
    def style_of(self, part: str) -> Style:
        """``base``, or a component: ``cursor`` (as the focus has it), ``header``, ``dim``, ``empty``."""
        if self._styles is None:
            self._styles = {"base": self.rich_style}
            for component in ("cursor", "cursor-focused", "header", "dim", "empty"):
                self._styles[component] = self.get_component_rich_style(f"virtual-list--{component}")
            styles = self._styles
            self._signature = (hash((styles["base"], styles["header"], styles["dim"], styles["empty"])), hash((styles["cursor"], styles["cursor-focused"])))
        if part == "cursor" and self.has_focus:
            part = "cursor-focused"
        return self._styles[part]

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None

    # A focus move changes the look of the cursor line only (see QuietScrollView).
    def watch_has_focus(self, has_focus: bool) -> None:
        self._refresh_row(self.cursor)

    # -- data ---------------------------------------------------------------
    _shown_key: tuple | None = None  # render_key() when rows were last set

    def set_rows(self, rows: Rows, *, cursor: int | None = None) -> None:
        """Show *rows*; the cursor stays where it was unless told otherwise.

        Only the lines that differ from what is on screen are repainted: a
        reload after a save brings back mostly the same rows, and repainting a
        whole list draws again every unchanged line (a line is drawn from the
        row alone, see the line cache in render_line)."""
        old, top, key = self.rows, self.scroll_offset.y, self.render_key()
        changed = self._changed_lines(old, rows, top) if key == self._shown_key else None
        self.rows, self._shown_key = rows, key
        self._resize_content(max(rows.total, 1))
        target = self.cursor if cursor is None else cursor
        self.cursor = max(0, min(target, rows.total - 1))  # repaints its old and new line
        if changed is None or self.scroll_offset.y != top:
            self.refresh()
            return
        if changed:  # one region per run of changed lines (a search changes them all)
            width, runs = self.size.width, []
            for y in changed:
                if runs and runs[-1][1] == y:
                    runs[-1][1] = y + 1
                else:
                    runs.append([y, y + 1])
            self.refresh(*(Region(0, start, width, end - start) for start, end in runs))

    def _changed_lines(self, old: Rows, new: Rows, top: int) -> list[int] | None:
        """The screen lines whose row differs between *old* and *new* (None: all)."""
        if not self.is_mounted or old.total == 0 or new.total == 0:
            return None  # the empty text comes or goes
        peek_old, peek_new = getattr(old, "peek", old.get), getattr(new, "peek", new.get)
        return [y for y in range(self.scrollable_content_region.height) if peek_old(top + y) is MISSING or peek_old(top + y) != peek_new(top + y)]

    def _resize_content(self, height: int) -> None:
        """Set the scrollable height.  A change of ``virtual_size`` makes Textual lay
        the whole screen out again, but here it changes nothing of the layout: the
        scrollbar is always shown (overflow-y: scroll in virtual_list.tcss) and
        nothing scrolls sideways.  So it is stored without a layout, and only the
        scrollbar's thumb is moved."""
        new = Size(self.scrollable_content_region.width, height)
        if new == self.virtual_size:
            return
        if self.styles.overflow_y != "scroll":  # a subclass styled otherwise: Textual's way
            self.virtual_size = new
            return
        self.set_reactive(VirtualList.virtual_size, new)
        if self.is_mounted and self.show_vertical_scrollbar:
            self.vertical_scrollbar.window_virtual_size = new.height
            if self.scroll_offset.y > self.max_scroll_y:
                self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)

    def view(self) -> View:
        """Where the list is now (on the UI thread), for a worker to prefetch from."""
        # not laid out yet (the first load, read before the first frame): the
        # terminal's height is as many lines as it can show
        height = self.scrollable_content_region.height or self.app.size.height
        return View(self.scroll_offset.y, max(1, height), self.cursor)

    @property
    def item(self) -> Any:
        """The row under the cursor (None when empty)."""
        return self.rows.get(self.cursor) if self.rows.total else None

    # -- rendering ----------------------------------------------------------
    def render_item(self, item: Any, width: int) -> Text | Runs:
        return Text(str(item))

    def is_header(self, item: Any) -> bool:
        return False

    _frame: Frame | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        # Textual asks render_line for each line of the crop: what the lines
        # share is looked up here once (a search repaints 40 new lines).
        self._frame = self._new_frame()
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None

    def _new_frame(self) -> Frame:
        base = self.style_of("base")
        return Frame(
            self.scrollable_content_region.width, self.scroll_offset.y, base, self._signature, self.has_focus, self.render_key(), self.app.clock.now()
        )

    def now(self) -> dt.datetime:
        """The app's clock, read once per paint (for ages drawn in rows)."""
        return self._frame.now if self._frame is not None else self.app.clock.now()

    def render_line(self, y: int) -> Strip:
        frame = self._frame or self._new_frame()
        width, base = frame.width, frame.base
        index = y + frame.top
        if self.rows.total == 0:
            if y == 0:
                return self._strip(Text(_(self.empty_text) if self.empty_text else "", style=self.style_of("empty")), width, base)
            return Strip.blank(width, base)
        item = self.peek(index)
        if item is None:
            return Strip.blank(width, base)
        if item is MISSING:  # its page comes from a worker; this line is drawn again then
            self._placeholders = True
            self.call_later(self._want_rows)
            return self._strip(Text(" …"), width, base + self.style_of("dim"))
        rows_look, cursor_look = frame.signature
        cursor = (cursor_look, frame.focused) if index == self.cursor else None
        key = (item, width, rows_look, cursor, frame.key)
        try:
            line = self._lines.get(key)
        except TypeError:  # a row that cannot be a key: drawn each time
            return self._render_row(index, item, width, base)
        if line is None:
            line = self._render_row(index, item, width, base)
            self._lines.set(key, line)
        return line

    def render_key(self) -> tuple:
        """What, besides the row and the width, a drawn line depends on (ages are in days)."""
        return (self.app.clock.today(),)

    def _render_row(self, index: int, item: Any, width: int, base: Style) -> Strip:
        text = self.render_item(item, width)
        style = base
        if self.is_header(item):
            style = base + self.style_of("header")
        if index == self.cursor:
            style = style + self.style_of("cursor")
        return self._strip(text, width, style)

    def _strip(self, text: Text | Runs, width: int, style: Style) -> Strip:
        if isinstance(text, list):  # runs of plain text: no Rich Text to lay out
            # the control codes a Text leaves out (BEL, BS, VT, FF, CR) are left out here too
            runs = [(run if run.isprintable() else strip_control_codes(run), look) for run, look in text]
            cells = sum(_cells(run) for run, _look in runs)
            if cells <= width:
                segments = [Segment(run, style + look if look else style) for run, look in runs if run]
                if cells < width:
                    segments.append(Segment(" " * (width - cells), style))
                return Strip(segments, width)
            text = Text.assemble(*runs)  # too wide: cut with an ellipsis, as any line
        text.no_wrap = True
        text.end = ""
        text.truncate(width, overflow="ellipsis", pad=True)
        return Strip(text_segments(text, self.app.console, style)).adjust_cell_length(width, style)

    # -- moving -------------------------------------------------------------
    def watch_cursor(self, old: int, new: int) -> None:
        self._refresh_row(old)
        self._refresh_row(new)
        self._scroll_to_cursor()
        if self.rows.total:
            item = self.peek(new)
            if item is MISSING:  # said when its page is here
                self._highlight_owed = True
                self.call_later(self._want_rows)
            else:
                self.post_message(self.Highlighted(self, new, item))

    # -- rows not fetched yet: a worker fetches them, painting never queries --
    _fetching: Rows | None = None  # the rows a fetch is under way for
    _failed: Rows | None = None  # rows whose fetch failed (reported once; not tried again)
    _highlight_owed = False
    _placeholders = False  # a line was drawn as a placeholder since the last fetch

    def peek(self, index: int) -> Any:
        """The row at *index* if it is here, :data:`MISSING` if its page is not
        fetched yet (rows kept in memory are always here)."""
        peek = getattr(self.rows, "peek", None)
        return self.rows.get(index) if peek is None else peek(index)

    def _want_rows(self, *, ahead: bool = False) -> None:
        """Fetch what the list shows (and its cursor's row) in a worker; *ahead*: a
        screenful above and below it too, before a key moves there."""
        rows = self.rows
        if rows is self._fetching or rows is self._failed or not self.is_attached:
            return
        view = self.view()
        start, count = view.window()
        if ahead:
            start, count = max(0, start - count), 3 * count
        self._fetching = rows
        self.run_worker(partial(self._fetch_rows, rows, start, count, view.cursor, self.app.readers), thread=True,
                        group="list-rows", exit_on_error=False)

    def _fetch_ahead(self) -> None:
        """After a move: the pages a screenful away are fetched now, in a worker, so
        that the next page down (or up) is drawn at once, not as placeholders."""
        peek = getattr(self.rows, "peek", None)
        if peek is None:
            return
        start, count = self.view().window()
        first, last = max(0, start - count), min(self.rows.total, start + 2 * count)
        if any(peek(index) is MISSING for index in (*range(first, last, 25), last - 1)):
            self._want_rows(ahead=True)

    def _fetch_rows(self, rows: Rows, start: int, count: int, cursor: int, readers) -> None:
        """In a worker: the pages of lines ``start..start+count-1`` and of the cursor."""
        arrived = False
        try:
            with readers.use():
                cast(Any, rows).prefetch(start, count)  # rows that peek are paged: they prefetch
                rows.get(cursor)
            arrived = True
        finally:
            try:
                self.app.call_from_thread(self._rows_here, rows, arrived)
            except RuntimeError:  # the app has ended
                pass

    def _rows_here(self, rows: Rows, arrived: bool) -> None:
        self._fetching = None
        if rows is not self.rows:
            return
        if not arrived:
            self._failed = rows
            return
        if self._placeholders:  # drawn while the rows were away: drawn again now
            self._placeholders = False
            self.refresh()
        if self._highlight_owed:
            self._highlight_owed = False
            self.post_message(self.Highlighted(self, self.cursor, self.rows.get(self.cursor)))

    def _refresh_row(self, index: int) -> None:
        y = index - self.scroll_offset.y
        self.refresh(Region(0, y, self.size.width, 1))

    def _scroll_to_cursor(self) -> None:
        height = self.scrollable_content_region.height
        top = self.scroll_offset.y
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif height and self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def move_to(self, index: int) -> None:
        if self.rows.total:
            self.cursor = max(0, min(index, self.rows.total - 1))
            self._fetch_ahead()

    def action_cursor(self, delta: int) -> None:
        self.move_to(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self.move_to(self.cursor + direction * max(1, self.scrollable_content_region.height - 1))

    def action_jump(self, where: int) -> None:
        self.move_to(self.rows.total - 1 if where < 0 else where)

    def action_select(self) -> None:
        item = self.item
        if item is not None and not self.is_header(item):
            self.post_message(self.Selected(self, self.cursor, item))

    async def on_click(self, event: events.Click) -> None:
        index = event.y + self.scroll_offset.y
        if 0 <= index < self.rows.total:
            self.cursor = index
            if event.chain >= 2:
                self.action_select()

    def on_resize(self, event: events.Resize) -> None:
        self._resize_content(max(self.rows.total, 1))
        self._scroll_to_cursor()
