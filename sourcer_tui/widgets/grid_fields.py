"""An interview's grid in the capture form: a score and a line of evidence per criterion.

Under the feedback fields: ``tab`` walks the criteria (a criterion's score,
then its evidence), a digit 1–4 sets the score, ``0`` or backspace clears
it; the chosen level's description shows beside the scale.  The values read
back as ``score:<criterion id>`` / ``evidence:<criterion id>``
(domain/grids.form_scores), so drafts and the save carry them with the feedback.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input, Label

from ..domain.grids import LEVELS, Criterion, parse_score
from ..i18n import N_, _

__all__ = ["GridFields", "ScoreBox"]


class ScoreBox(Widget, can_focus=True):
    """A criterion's score: the scale 1–4, the chosen one lit, its level's description beside it."""

    BINDINGS = [
        Binding("1", "score(1)", N_("Score 1–4"), id="grid.score", tooltip=N_("A digit from 1 to 4 scores the criterion")),
        Binding("2", "score(2)", N_("Score 2"), show=False),
        Binding("3", "score(3)", N_("Score 3"), show=False),
        Binding("4", "score(4)", N_("Score 4"), show=False),
        Binding("0,backspace,delete", "score(0)", N_("Clear score"), show=False, id="grid.clear"),
    ]

    score: reactive[int | None] = reactive(None)

    class Changed(Message):
        """The score changed (for drafts)."""

    def __init__(self, criterion: Criterion, score: int | None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.criterion = criterion
        self.set_reactive(ScoreBox.score, score)

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        for level in LEVELS:
            text.append(f" {level} ", "reverse bold" if level == self.score else "dim")
        if self.score is not None:
            description = self.criterion.levels[self.score - 1]
            if description:
                text.append(f"  {description}")
        else:
            text.append("  " + _("not scored"), "dim italic")
        return text

    def watch_score(self) -> None:
        self.post_message(self.Changed())

    def action_score(self, level: int) -> None:
        self.score = level or None


class GridFields(VerticalScroll, can_focus=False):
    """The criteria of one interview's grid (none: nothing shown)."""

    class Edited(Message):
        """A score or an evidence changed."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.criteria: list[Criterion] = []

    def load(self, criteria: Sequence[Criterion], values: Mapping[str, str]) -> None:
        """Show *criteria* with *values* (``score:<id>``, ``evidence:<id>``)."""
        self.criteria = list(criteria)
        self.remove_children()
        self.display = bool(self.criteria)
        if not self.criteria:
            return
        rows: list[Widget] = [Label(Text(_("Interview grid — tab: next · 1–4: score · 0: clear")), classes="grid-title")]
        for criterion in self.criteria:
            ident = criterion.id
            rows.append(Horizontal(
                Label(Text(criterion.name, no_wrap=True, overflow="ellipsis"), classes="grid-name"),
                ScoreBox(criterion, parse_score(values.get(f"score:{ident}", "")), id=f"score-{ident}"),
                classes="grid-row",
            ))
            rows.append(Horizontal(
                Label(Text(_("evidence")), classes="grid-evidence-label"),
                Input(values.get(f"evidence:{ident}", ""), placeholder=_("what they said or did that shows it"), id=f"evidence-{ident}"),
                classes="grid-row",
            ))
        self.mount_all(rows)

    def values(self) -> dict[str, str]:
        data: dict[str, str] = {}
        for criterion in self.criteria:
            ident = criterion.id
            boxes = self.query(f"#score-{ident}").results(ScoreBox)
            inputs = self.query(f"#evidence-{ident}").results(Input)
            box, line = next(boxes, None), next(inputs, None)
            data[f"score:{ident}"] = "" if box is None or box.score is None else str(box.score)
            data[f"evidence:{ident}"] = "" if line is None else line.value
        return data

    def set_values(self, values: Mapping[str, str]) -> None:
        for criterion in self.criteria:
            ident = criterion.id
            if f"score:{ident}" in values:
                for box in self.query(f"#score-{ident}").results(ScoreBox):
                    box.score = parse_score(values[f"score:{ident}"])
            if f"evidence:{ident}" in values:
                for line in self.query(f"#evidence-{ident}").results(Input):
                    line.value = values[f"evidence:{ident}"]

    @on(ScoreBox.Changed)
    @on(Input.Changed)
    def _changed(self, event: Message) -> None:
        event.stop()
        self.post_message(self.Edited())

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.focus_next()
