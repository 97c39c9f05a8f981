"""What every flow shares: the app, saying what happened, running one write."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text

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

    def done(self, write: Callable[[], Any], said: str) -> None:
        """Run one service call (one transaction): say *said* and reload, or say why not."""
        try:
            write()
        except ServiceError as error:
            self.failed(error)
            return
        self.say(said)
        self.app.data_changed()
