"""Pick a talent among all of them, typing to search (the merge's "with whom?").

A :class:`PickerModal` whose options come from the search index, read in a
worker as you type: 100,000 talents are never listed.  Before anything is
typed it offers the talents whose name is the same as the one being merged.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.widgets import OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from ..services import duplicates
from .picker import PickerModal

__all__ = ["TalentPickerModal"]

LIMIT = 20


def _label(found: duplicates.Similar) -> str:
    details = " · ".join(d for d in (found.company, found.email) if d)
    return f"{found.name}  ({details})" if details else found.name


class TalentPickerModal(PickerModal):
    """Returns the chosen talent's id, or None."""

    def __init__(self, title: str, name: str, exclude: int) -> None:
        super().__init__(title, [])
        self.name_ = name
        self.exclude = exclude

    def _fill(self, needle: str) -> None:
        self._search(needle)

    @work(thread=True, exclusive=True, group="talent-picker", exit_on_error=False)
    def _search(self, needle: str) -> None:
        with self.app.readers.use():
            found = duplicates.similar_names(self.name_, exclude=self.exclude, limit=LIMIT) if not needle.strip() else []
            if not found:
                found = duplicates.find_talents(needle, exclude=self.exclude, limit=LIMIT)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, found)

    def _show(self, found: list[duplicates.Similar]) -> None:
        if not self.is_attached:
            return
        self.options = [(f.id, _label(f)) for f in found]
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(Text(text), id=str(i)) for i, (_value, text) in enumerate(self.options)])
        if self.options:
            options.highlighted = 0
