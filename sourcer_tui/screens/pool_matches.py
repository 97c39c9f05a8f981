"""Pool matches: the talents of the pool who fit a mission, best first, each with why.

Opened by ``R`` in the Pipeline, and after a mission is created (``M``) or
edited (``E``): the sourcer's own pool is the first place to look when a
search starts.  ``space`` selects rows, ``a`` adds the selection (or the row
under the cursor) to the mission in its first stage, one transaction that
ctrl+z undoes; ``Enter`` opens the talent.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from ..i18n import N_, _, formats, ngettext
from ..services import rediscover
from ..services.errors import ServiceError
from ..services.paging import ListRows
from ..widgets.key_footer import KeyFooter
from ..widgets.text_line import TextLine
from ..widgets.title_bar import TitleBar
from ..widgets.virtual_list import VirtualList

__all__ = ["PoolMatchesScreen", "MatchList", "read_matches"]

#: Rows listed (the best ones: a longer list is not read).
SHOWN = 50


class MatchList(VirtualList):
    empty_text = N_("No talent of the pool fits this mission yet (or all are left out: contacted lately, snoozed, in it).")
    #: Talent ids selected for adding (PoolMatchesScreen.marked).
    marked: frozenset[int] | set[int] = frozenset()
    _marks_version = 0

    def show_marked(self, marked: set[int]) -> None:
        self.marked = marked
        self._marks_version += 1
        self.refresh()

    def render_key(self) -> tuple:
        return (*super().render_key(), self._marks_version)

    def render_item(self, row: rediscover.Match, width: int) -> Text:
        mark = "✓ " if row.talent_id in self.marked else "  "
        return Text.assemble(
            (mark, "bold green"), (f"{formats.decimal(row.score, 2):>5}  ", "dim"), (f"{row.name[:32]:<33}", "bold"),
            (row.why_line(), "italic"),
        )


def read_matches(app, mission_id: int) -> tuple[str, list[rediscover.Match]]:
    """The mission's title and its pool matches, as the app's settings say (raises ServiceError)."""
    from ..services import missions

    settings = app.settings
    title = missions.get_mission(mission_id).title
    rows = rediscover.pool_matches(mission_id, app.clock.today(), recent_contact_days=settings.rediscover.recent_contact_days,
                                   retention_months=settings.privacy.retention_months, limit=SHOWN, beside=app.readers.submit)
    return title, rows


class PoolMatchesScreen(Screen):
    BINDINGS = [
        Binding("escape,q", "app.pop_screen", N_("Back"), id="pool.back"),
        Binding("space", "toggle_mark", N_("Select"), id="pool.mark", tooltip=N_("Select the row (again: unselect it)")),
        Binding("a", "add_matches", N_("Add to the mission"), id="pool.add",
                tooltip=N_("Add the selected talents (or the one under the cursor) to the mission, in its first stage")),
    ]

    def __init__(self) -> None:
        """Built once and kept (app.show_pool_matches): each visit shows a mission."""
        super().__init__()
        self.mission_id = 0
        self.marked: set[int] = set()
        self._read: tuple[str, list[rediscover.Match]] | None = None

    def show(self, subject: tuple[int, tuple[str, list[rediscover.Match]] | None]) -> bool:
        """Show *subject*: ``(mission id, its title and rows just read or None)``;
        the selection and the cursor start afresh.  The app pushes the screen."""
        self.mission_id, self._read = subject
        self.marked = set()
        self._fresh = True
        return False

    _fresh = False
    _left_out = ""

    def on_screen_resume(self) -> None:
        """Each visit, and back from a talent (Enter): what is true now."""
        self.refill()

    def refill(self) -> None:
        self.refresh_list()

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield TextLine(id="pool-fit")  # how many fit: a new text at each visit, repainted without a layout
        yield Static(id="pool-scope")  # who is left out (wraps on a narrow terminal): the same text from visit to visit
        yield MatchList(id="pool-list")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.sub_title = _("Pool matches")
        self.query_one(MatchList).focus()

    def refresh_list(self) -> None:
        settings = self.app.settings
        try:
            title, rows = self._read or read_matches(self.app, self.mission_id)
        except ServiceError as error:
            self.notify(str(error), severity="error", markup=False)
            rows, title = [], ""
        self._read = None
        self.title_text = title
        self.marked &= {r.talent_id for r in rows}
        days = settings.rediscover.recent_contact_days
        self.query_one("#pool-fit", TextLine).update(Text(
            ngettext("{n} talent of your pool fits {mission}", "{n} talents of your pool fit {mission}", len(rows)).format(
                n=formats.number(len(rows)), mission=title), "bold"))
        left_out = ngettext("Not listed: in the mission, contacted in the last {n} day, snoozed beyond a month, anonymised or past retention.",
                            "Not listed: in the mission, contacted in the last {n} days, snoozed beyond a month, anonymised or past retention.",
                            days).format(n=days)
        if left_out != self._left_out:  # Static.update lays the whole screen out again: only when it changed
            self._left_out = left_out
            self.query_one("#pool-scope", Static).update(Text(left_out, "dim"))
        listing = self.query_one(MatchList)
        cursor = 0 if self._fresh else None
        self._fresh = False
        listing.set_rows(ListRows(rows), cursor=cursor)
        listing.show_marked(self.marked)

    @on(MatchList.Selected)
    def _open(self, event: MatchList.Selected) -> None:
        event.stop()
        if event.item is not None:
            self.app.show_talent(event.item.talent_id)

    def action_toggle_mark(self) -> None:
        listing = self.query_one(MatchList)
        row = listing.item
        if row is None:
            return
        self.marked.symmetric_difference_update({row.talent_id})
        listing.show_marked(self.marked)
        listing.action_cursor(1)

    def action_add_matches(self) -> None:
        listing = self.query_one(MatchList)
        chosen = sorted(self.marked) or ([listing.item.talent_id] if listing.item is not None else [])
        if not chosen:
            self.notify(_("Select a talent first."), severity="warning")
            return
        n, title = len(chosen), self.title_text
        now = self.app.clock.now()
        first = self.app.settings.pipeline.stages[0]
        undo = ngettext("added {n} talent to {mission}", "added {n} talents to {mission}", n).format(n=n, mission=title)
        try:
            with self.app.undoable(undo, chosen):
                added, _already = rediscover.add(chosen, self.mission_id, now, first)
        except ServiceError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.notify(ngettext("Added {n} talent to {mission}", "Added {n} talents to {mission}", added).format(n=added, mission=title),
                    markup=False)
        self.marked.clear()
        self.refresh_list()
        self.app.data_changed()
