"""The mission form with a way to its interview grid (``ctrl+g``)."""

from __future__ import annotations

from collections.abc import Callable

from textual.binding import Binding

from ..i18n import N_
from .form import FormModal

__all__ = ["MissionForm"]


class MissionForm(FormModal):
    """:class:`FormModal` whose ``ctrl+g`` opens the mission's grid (saved on its own, over this form)."""

    BINDINGS = [
        Binding("ctrl+g", "grid", N_("Interview grid…"), id="mission.grid",
                tooltip=N_("The criteria this mission's interviews are scored on (saved on their own)")),
    ]

    def __init__(self, *args, on_grid: Callable[[], None] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.on_grid = on_grid

    def action_grid(self) -> None:
        if self.on_grid is not None:
            self.on_grid()
