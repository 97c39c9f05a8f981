"""The main screen: the four panes — Pipeline, Today, Capture, Snoozed."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header

from ..widgets.capture_pane import CapturePane
from ..widgets.key_footer import KeyFooter
from ..widgets.list_pane import ListPane
from ..widgets.pipeline_pane import PipelinePane
from ..widgets.snoozed_pane import SnoozedPane
from ..widgets.today_pane import TodayPane

__all__ = ["MainScreen"]

PANES = ("pipeline", "today", "capture", "snoozed")


class MainScreen(Screen):
    BINDINGS = [
        Binding("1", "focus_pane('pipeline')", "Pipeline", show=False, id="focus.pipeline"),
        Binding("2", "focus_pane('today')", "Today", show=False, id="focus.today"),
        Binding("3", "focus_pane('capture')", "Capture", show=False, id="focus.capture"),
        Binding("4", "focus_pane('snoozed')", "Snoozed", show=False, id="focus.snoozed"),
        Binding("ctrl+r", "reload", "Reload", show=False, id="main.reload"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            yield PipelinePane(id="pipeline")
            with Vertical(id="side"):
                yield TodayPane(id="today")
                yield CapturePane(id="capture")
                yield SnoozedPane(id="snoozed")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.action_focus_pane("pipeline")

    def action_focus_pane(self, pane: str) -> None:
        self.query_one(f"#{pane}").query_one("VirtualList").focus()

    def action_reload(self) -> None:
        for pane in PANES:
            self.query_one(f"#{pane}").reload()

    @on(PipelinePane.OpenTalent)
    @on(ListPane.OpenTalent)
    def _open_talent(self, event) -> None:
        from .talent_detail import TalentDetailScreen

        self.app.push_screen(TalentDetailScreen(event.talent_id))

    @on(PipelinePane.Changed)
    def _changed(self) -> None:
        for pane in PANES[1:]:
            self.query_one(f"#{pane}").reload()
