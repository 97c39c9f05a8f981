"""Editing a mission's interview grid: read it, open the editor, save what comes back."""

from __future__ import annotations

from ..domain.grids import starter_grid
from ..i18n import _
from ..services import grids, missions
from ..services.errors import ServiceError
from .base import Flow

__all__ = ["GridFlow"]


class GridFlow(Flow):
    def edit(self, mission_id: int) -> None:
        """The grid editor over whatever is open; the grid is saved in one transaction."""
        from ..modals.grid_editor import GridEditor

        try:
            title = missions.get_mission(mission_id).title
            criteria, scored = grids.mission_grid(mission_id), grids.scored_criteria(mission_id)
        except ServiceError as error:
            self.failed(error)
            return

        def edited(result) -> None:
            if result is None:
                return
            self.done(lambda: grids.save_grid(mission_id, result), _("Interview grid saved: {title}").format(title=title))

        self.app.push_screen(GridEditor(_("Interview grid — {title}").format(title=title), criteria, scored, starter_grid()), edited)
