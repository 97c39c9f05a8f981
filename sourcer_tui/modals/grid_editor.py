"""A mission's interview grid, edited with the keys: criteria and their level descriptions.

Each criterion is a name and four lines, the descriptions of levels 1 to 4
(any left blank).  ``ctrl+n`` adds a criterion after the one the cursor is
in, ``ctrl+r`` removes it (asking first when interviews scored it: their
scores go with it once the grid is saved), ``ctrl+up``/``ctrl+down`` move it,
``ctrl+t`` starts from the built-in grid for tech roles; ``ctrl+s`` returns
the grid, ``escape`` drops the changes (twice when there are some).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from ..domain.grids import LEVELS, MAX_CRITERIA, Criterion, validate_grid
from ..i18n import N_, _, ngettext

__all__ = ["GridEditor"]


class GridEditor(ModalScreen[list[Criterion] | None]):
    """Returns the edited criteria (in order, ids kept), or None when dropped."""

    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save grid"), id="grid.save"),
        Binding("escape", "cancel", N_("Cancel"), id="grid.cancel"),
        Binding("ctrl+n", "add", N_("Add criterion"), id="grid.add", tooltip=N_("A new criterion after the one the cursor is in")),
        Binding("ctrl+r", "remove", N_("Remove criterion"), id="grid.remove",
                tooltip=N_("Remove the criterion the cursor is in (asks first when interviews scored it)")),
        Binding("ctrl+up", "move(-1)", N_("Move up"), id="grid.up", tooltip=N_("Move the criterion up the grid")),
        Binding("ctrl+down", "move(1)", N_("Move down"), id="grid.down", tooltip=N_("Move the criterion down the grid")),
        Binding("ctrl+t", "starter", N_("Starter grid"), id="grid.starter", tooltip=N_("Start from the built-in grid for tech roles")),
    ]

    def __init__(self, title: str, criteria: Sequence[Criterion], scored: Mapping[int, int], starter: Sequence[Criterion]) -> None:
        super().__init__()
        self.grid_title = title
        self.criteria = list(criteria)
        self.initial = list(criteria)
        self.scored = dict(scored)
        self.starter = list(starter)
        self._generation = 0  # the rows' ids change with every redraw (removed rows linger until gone)
        self._discard_armed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="grid-editor"):
            yield Label(Text(self.grid_title), id="grid-editor-title")
            yield VerticalScroll(id="grid-editor-rows")
            yield Static("", id="grid-editor-error")
            yield Label(Text(_("ctrl+s save · esc cancel · ctrl+n add · ctrl+r remove · ctrl+↑/↓ move · ctrl+t starter grid")),
                        id="grid-editor-hint")

    async def on_mount(self) -> None:
        await self._redraw(0)

    # -- reading and drawing ----------------------------------------------------
    def _read(self) -> list[Criterion]:
        """The criteria as typed now."""
        read = []
        for index, criterion in enumerate(self.criteria):
            name = self.query_one(f"#name-{self._generation}-{index}", Input).value
            levels = tuple(self.query_one(f"#level-{self._generation}-{index}-{level}", Input).value for level in LEVELS)
            read.append(Criterion(name, levels, criterion.id))  # type: ignore[arg-type]
        return read

    async def _redraw(self, focus: int | None) -> None:
        rows = self.query_one("#grid-editor-rows", VerticalScroll)
        await rows.remove_children()
        self._generation += 1
        blocks = []
        for index, criterion in enumerate(self.criteria):
            g = self._generation
            lines = [Horizontal(Label(Text(f"{index + 1}."), classes="grid-number"),
                                Input(criterion.name, placeholder=_("criterion, e.g. Python depth"), id=f"name-{g}-{index}"),
                                classes="grid-editor-row")]
            for level in LEVELS:
                lines.append(Horizontal(
                    Label(Text(_("level {n}").format(n=level)), classes="grid-level"),
                    Input(criterion.levels[level - 1], placeholder=_("what a {n} looks like (optional)").format(n=level),
                          id=f"level-{g}-{index}-{level}"),
                    classes="grid-editor-row"))
            blocks.append(Vertical(*lines, classes="grid-criterion"))
        if not blocks:
            blocks.append(Label(Text(_("No criteria: ctrl+n adds one, ctrl+t starts from the grid for tech roles.")), classes="grid-empty"))
        await rows.mount_all(blocks)
        if focus is not None and self.criteria:
            self.query_one(f"#name-{self._generation}-{max(0, min(focus, len(self.criteria) - 1))}", Input).focus()

    def _current(self) -> int | None:
        """The criterion the cursor is in."""
        focused = self.focused
        ident = getattr(focused, "id", None) or ""
        parts = ident.split("-")
        if len(parts) >= 3 and parts[0] in ("name", "level") and parts[1] == str(self._generation):
            return int(parts[2])
        return None

    # -- keys -----------------------------------------------------------------
    async def action_add(self) -> None:
        self.criteria = self._read()
        if len(self.criteria) >= MAX_CRITERIA:
            self.notify(_("at most {n} criteria").format(n=MAX_CRITERIA), severity="warning")
            return
        at = self._current()
        at = len(self.criteria) if at is None else at + 1
        self.criteria.insert(at, Criterion(""))
        await self._redraw(at)

    async def action_remove(self) -> None:
        at = self._current()
        if at is None:
            return
        self.criteria = self._read()
        criterion = self.criteria[at]
        count = self.scored.get(criterion.id, 0) if criterion.id is not None else 0
        if not count:
            del self.criteria[at]
            await self._redraw(at)
            return
        from .choice import ChoiceModal

        async def chosen(choice) -> None:
            if choice:
                del self.criteria[at]
                await self._redraw(at)

        question = ngettext(
            "“{name}” was scored in {n} interview: removing it removes that score when the grid is saved.",
            "“{name}” was scored in {n} interviews: removing it removes those scores when the grid is saved.", count,
        ).format(name=criterion.name, n=count)
        self.app.push_screen(ChoiceModal(question, [("y", True, _("Remove it and its scores")), ("escape", False, _("Keep it"))]), chosen)

    async def action_move(self, delta: int) -> None:
        at = self._current()
        if at is None:
            return
        self.criteria = self._read()
        to = at + delta
        if not 0 <= to < len(self.criteria):
            return
        self.criteria[at], self.criteria[to] = self.criteria[to], self.criteria[at]
        await self._redraw(to)

    async def action_starter(self) -> None:
        self.criteria = self._read()
        if self.criteria:
            self.notify(_("The grid already has criteria: the starter grid is for an empty one."), severity="warning")
            return
        self.criteria = list(self.starter)
        await self._redraw(0)

    def action_save(self) -> None:
        cleaned, error = validate_grid(self._read())
        error_line = self.query_one("#grid-editor-error", Static)
        error_line.update(Text(error))
        error_line.set_class(bool(error), "-shown")
        if error:
            self.notify(_("Not saved: {error}.").format(error=error), severity="warning", markup=False)
            return
        self.dismiss(cleaned)

    def action_cancel(self) -> None:
        if self._read() != self.initial and not self._discard_armed:
            self._discard_armed = True
            self.notify(_("Unsaved changes: press Escape again to discard, ctrl+s to save."), severity="warning")
            return
        self.dismiss(None)
