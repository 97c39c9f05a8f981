"""A titled pane holding one paged list: the base of Today, Capture and Snoozed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any, ClassVar, NamedTuple

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.worker import get_current_worker

from ..i18n import N_, _, formats
from ..services.paging import MISSING, PagedRows
from ..worker_failures import ReportsWorkerFailures
from .pane_bar import PaneCounted
from .pane_frame import FrameLooks
from .virtual_list import View, VirtualList

__all__ = ["ListPane", "RowList", "Load", "row_key", "find_row"]


class Load(NamedTuple):
    """A pane's load, as asked on the UI thread: its number, the day, where the list
    stands, whose rows (``owner``: a login, mine; None: everyone's — services/team.py), and
    the row under the cursor (``follow``, its key: the cursor stays on it)."""

    number: int
    day: dt.date
    view: View
    owner: str | None = None
    follow: Any = None


#: How far from its old place the row under the cursor is looked for after a reload.
FOLLOW_REACH = 200


def row_key(item: Any) -> Any:
    """What says a row is the same one after a reload: its ids (a reminder's, a
    touchpoint's, a snooze's, the talent's), whatever else changed."""
    if dataclasses.is_dataclass(item):
        return tuple(getattr(item, f.name) for f in dataclasses.fields(item) if f.name.endswith("_id"))
    return item


def find_row(rows: PagedRows, key: Any, near: int) -> int | None:
    """The index of the row with *key* nearest to *near*, among the rows already read
    (no query: the UI thread asks)."""
    peek = getattr(rows, "peek", None)
    if peek is None:
        return None
    for distance in range(FOLLOW_REACH):
        for index in {near - distance, near + distance}:
            if 0 <= index < rows.total:
                item = peek(index)
                if item is not MISSING and item is not None and row_key(item) == key:
                    return index
    return None


class RowList(VirtualList):
    """A VirtualList whose rows are drawn by its pane."""

    def render_item(self, item: Any, width: int) -> Text:
        return self.parent.render_row(item, width)  # type: ignore[union-attr]


class ListPane(ReportsWorkerFailures, FrameLooks, Vertical):
    """Subclasses give a title, ``count()``, ``fetch_rows()`` and ``render_row()``.
    ``title`` and ``empty_text`` are English marked with ``N_()``, translated where shown."""

    title: ClassVar[str] = ""
    empty_text: ClassVar[str] = N_("Nothing here.")

    class OpenTalent(Message):
        def __init__(self, talent_id: int) -> None:
            super().__init__()
            self.talent_id = talent_id

    def compose(self) -> ComposeResult:
        rows = RowList()
        rows.empty_text = N_("Loading…")  # until the first load: never "nothing due" before we know
        yield rows

    def on_mount(self) -> None:
        self.border_title = _(self.title) if self.title else ""
        # The data: MainScreen loads the four panes at once (the first time before
        # the first frame, then in a worker).

    def allow_focus_children(self) -> bool:
        """Out of the focus chain while the capture sheet covers the pane: its keys
        would act on rows no one can see."""
        return not getattr(self.screen, "sheet_open", False) and super().allow_focus_children()

    @property
    def list(self) -> RowList:
        return self.query_one(RowList)

    # -- to override (called in a worker: services only, no widget) ---------------
    def count(self, day: dt.date, owner: str | None = None) -> tuple[int, dict[str, Any]]:
        """How many rows on *day* (of *owner*, if the pane lists by owner), and what
        else the heading says (``PagedRows.facts``)."""
        raise NotImplementedError

    def fetch_rows(self, day: dt.date, offset: int, limit: int, owner: str | None = None) -> Sequence[Any]:
        raise NotImplementedError

    #: Whether the pane lists my rows only in team mode (Today, Capture: the screen's switch).
    by_owner: ClassVar[bool] = False

    def owner_filter(self) -> str | None:
        """Whose rows to read (on the UI thread): mine or everyone's, by the screen's switch."""
        if not self.by_owner:
            return None
        from ..services.team import mine

        return mine(self.app.team, getattr(self.screen, "team_view", False))

    def render_row(self, item: Any, width: int) -> Text:
        return Text(str(item))

    def talent_of(self, item: Any) -> int | None:
        return getattr(item, "talent_id", None)

    # -- loading ----------------------------------------------------------------
    # A load is prepare() on the UI thread, read() in a worker (a connection
    # open), show() back on the UI thread; the main screen batches several
    # panes' loads into one worker and one repaint (MainScreen.reload_panes).
    _request = 0

    def prepare(self, *, keep_row: bool = False) -> Load:
        """Start a load: what it reads for, captured here (a later load makes it stale).
        *keep_row*: the cursor stays on the row it is on, wherever the reload puts it
        (a refresh for others' writes); else on its line (a row done here goes, the
        next one comes under the cursor)."""
        self._request += 1
        return Load(self._request, self.app.clock.today(), self.list.view(), self.owner_filter(), self._cursor_key() if keep_row else None)

    def _cursor_key(self) -> Any:
        """The key of the row under the cursor, if read already (no query here)."""
        rows = self.list.rows
        peek = getattr(rows, "peek", None)
        if not rows.total or peek is None:
            return None
        item = peek(self.list.cursor)
        return None if item is MISSING or item is None else row_key(item)

    def read(self, load: Load) -> PagedRows:
        """The count and the rows on screen, both here: drawing them costs no query.
        In a worker: reads *load* and the services, never a widget."""
        total, facts = self.count(load.day, load.owner)
        fetch = self.fetch_rows
        rows = PagedRows(total, lambda offset, limit: fetch(load.day, offset, limit, load.owner), facts=facts)
        rows.prefetch(*load.view.window())
        return rows

    def show(self, load: Load, data: PagedRows) -> None:
        if load.number == self._request and self.is_attached:
            self._show(data)
            if load.follow is not None:  # a row came or went above it: the cursor stays on its row
                found = find_row(data, load.follow, load.view.cursor)
                if found is None:  # its row went (done or moved elsewhere): the next came under the cursor
                    self._slid_in = self._cursor_key()
                elif found != self.list.cursor:
                    self.list.cursor = found

    #: The key of a row that came under the cursor when another's change took away the one there.
    _slid_in: Any = None

    def refuse_slid_row(self) -> bool:
        """Whether the key just pressed is refused: the row under the cursor came there
        when a teammate (or another window) took away the one that was, a moment ago —
        the key was meant for that one (``d`` marked Chloé's follow-up sent, meant for
        Pablo's).  Said once: the same key again acts on the row now shown."""
        slid, self._slid_in = self._slid_in, None
        if slid is None or slid != self._cursor_key():
            return False
        self.notify(_("The row under the cursor was done or moved elsewhere just now; the next one is there. "
                      "Check it, then press the key again."), severity="warning")
        return True

    def reload(self) -> None:
        self._load(self.prepare(), self.app.readers)

    @work(thread=True, exclusive=True, group="list", exit_on_error=False)
    def _load(self, load: Load, readers) -> None:
        with readers.use():
            rows = self.read(load)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show, load, rows)

    def _show(self, rows: PagedRows) -> None:
        heading = self.heading(rows)
        if self.border_title != heading:  # setting it repaints the whole pane, even when unchanged
            self.border_title = heading
        self.list.empty_text = self.empty_text
        self.list.set_rows(rows)
        if self.id:  # the narrow layout's pane bar (main screen)
            self.post_message(PaneCounted(self.id, rows.total, rows.facts.get("overdue", 0)))

    def heading(self, rows: PagedRows) -> str:
        return f"{_(self.title)}{self.whose()} ({formats.number(rows.total)})"

    def whose(self) -> str:
        """In team mode, whose rows the pane lists: `` · mine`` or `` · team``; else ""."""
        if not self.by_owner or not self.app.team.mode:
            return ""
        return " · " + (_("team") if getattr(self.screen, "team_view", False) else _("mine"))

    @on(RowList.Selected)
    async def _selected(self, event: RowList.Selected) -> None:
        event.stop()
        await self.row_selected(event.item)

    async def row_selected(self, item: Any) -> None:
        """Enter on a row: open the talent (panes may do something else)."""
        talent_id = self.talent_of(item)
        if talent_id is not None:
            self.post_message(self.OpenTalent(talent_id))
