"""What every flow shares: the app, saying what happened, running one write."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text

from ..i18n import _
from ..services.errors import ServiceError

if TYPE_CHECKING:
    from ..app import SourcerApp

__all__ = ["Flow"]


class Flow:
    def __init__(self, app: SourcerApp) -> None:
        self.app = app

    def say(self, text: str, **kwargs: Any) -> None:
        self.app.notify(Text(text).plain, markup=False, **kwargs)

    def failed(self, error: ServiceError) -> None:
        self.app.notify(str(error), severity="error", markup=False)

    def unless_teammate(self, talent_id: int, kind: str, go_on: Callable[[], Any], cancelled: str) -> None:
        """Run *go_on* — after asking, when a teammate contacted the talent lately
        (*"Camille contacted them 3 days ago (follow-up 1/3)"*, services/team.py);
        Esc says *cancelled* and does nothing."""
        from ..services import team

        app = self.app
        warning = team.contact_warning(talent_id, kind, app.clock.now(), app.team, app.settings) if app.team.mode else None
        if warning is None:
            go_on()
            return
        from ..modals.choice import ChoiceModal

        def chosen(answer: bool | None) -> None:
            if answer:
                go_on()
            else:
                self.say(cancelled)

        app.push_screen(ChoiceModal(warning, [("y", True, _("Go on anyway")), ("escape", False, _("Cancel"))]), chosen)

    def done(self, write: Callable[[], Any], said: str) -> None:
        """Run one service call (one transaction): say *said* and reload, or say why not."""
        try:
            write()
        except ServiceError as error:
            self.failed(error)
            return
        self.say(said)
        self.app.data_changed()
