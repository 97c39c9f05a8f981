"""Stats: response rates per step, reasons for no, by source — for one mission or all.

Figures are computed in a worker (one mission takes a few tens of ms at a
million touchpoints, all missions a second or two): the screen never freezes.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from ..domain.stats import RANGES, GlobalFigures, Report, percent
from ..domain.vocab import label
from ..services import missions
from ..services.stats import compute, since_for
from ..services.stats_report import bar
from ..widgets.key_footer import KeyFooter
from ..widgets.title_bar import TitleBar
from .kept_screen import KeptScreen

__all__ = ["StatsScreen"]

RANGE_NAMES = list(RANGES)


class StatsScreen(KeptScreen):
    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back", id="stats.back"),
        Binding("m", "choose_mission", "Mission", id="stats.mission"),
        Binding("r", "range(1)", "Range", id="stats.range", tooltip="30 / 90 / 365 days / all time, by date of the first message"),
        Binding("R", "range(-1)", "Previous range", show=False, id="stats.range_back"),
    ]

    def __init__(self, mission_id: int | None = None, range_name: str = "all time") -> None:
        super().__init__()
        self.mission_id = mission_id
        self.range_name = range_name
        self.report: Report | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="stats-scope")
        with VerticalScroll(id="stats-body"):
            yield Static(id="stats-content")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Stats"
        self.query_one("#stats-body").focus()

    def show(self, mission_id: int | None) -> None:
        """The figures of this mission (None: all), computed afresh (the data may
        have changed since the last visit), next time the screen comes up."""
        self.mission_id = mission_id
        self._shown = None

    def on_screen_resume(self) -> None:
        self.refill()

    def refill(self) -> None:
        """Compute the figures unless those on screen are for this mission and range
        (first visit included; back from the mission picker, they are)."""
        if self._shown != (self.mission_id, self.range_name):
            self.refresh_stats()

    _shown: tuple | None = None

    def _mission_title(self) -> str:
        return "All missions" if self.mission_id is None else missions.get_mission(self.mission_id).title

    def refresh_stats(self) -> None:
        self._shown = (self.mission_id, self.range_name)
        scope = Text.assemble(("◆ ", "bold"), (self._mission_title(), "bold"), "  ·  first messages: ", (self.range_name, "bold"), ("   m: mission · r: range", "dim"))
        self.query_one("#stats-scope", Static).update(scope)
        self.query_one("#stats-body").loading = True
        self._compute(self.mission_id, since_for(RANGES[self.range_name], self.app.clock.today()))

    @work(thread=True, exclusive=True, exit_on_error=False, group="stats")
    def _compute(self, mission_id, since) -> Report:
        with self.app.readers.use():
            return compute(mission_id, since, self.app.settings.talent.decline_reasons, self.app.settings.talent.sources)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "stats":
            return
        if event.state == WorkerState.SUCCESS:
            self.report = event.worker.result
            self.query_one("#stats-content", Static).update(render_report(self.report))
            self.query_one("#stats-body").loading = False
        elif event.state == WorkerState.ERROR:
            self.query_one("#stats-body").loading = False
            self.notify(f"Stats failed: {event.worker.error}", severity="error", markup=False)

    def action_range(self, step: int) -> None:
        self.range_name = RANGE_NAMES[(RANGE_NAMES.index(self.range_name) + step) % len(RANGE_NAMES)]
        self.refresh_stats()

    def action_choose_mission(self) -> None:
        from ..modals.picker import PickerModal

        every = "__all__"
        options = [(every, "All missions")] + [(m.id, f"{m.display}  [{m.status}]") for m in missions.list_missions()]

        def chosen(value) -> None:
            if value is not None:
                self.mission_id = None if value == every else value
                self.refresh_stats()

        self.app.push_screen(PickerModal("Stats for which mission?", options, current=every if self.mission_id is None else self.mission_id), chosen)


def _num(n: int) -> Text:
    return Text(f"{n:,}", justify="right")


def _pct(value: float | None) -> Text:
    return Text(percent(value), justify="right")


def _days(value: float | None) -> Text:
    return Text("—" if value is None else f"{value:.1f} d", justify="right")


def render_report(report: Report) -> Group:
    """Everything on the Stats screen, from plain data (every cell a Text: never markup)."""
    g = report.overall
    if not g.contacted:
        return Group(Text("No first messages in this range: nothing to measure yet.", style="italic"))
    steps = Table(title="Response rate per step", title_justify="left", expand=False, header_style="bold")
    for column in ("step", "sent", "replies", "positive", "negative", "rate", "share of replies"):
        steps.add_column(column, justify="left" if column in ("step", "share of replies") else "right")
    for step in report.steps:
        share = report.reply_share(step)
        steps.add_row(Text(step.label), _num(step.sent), _num(step.replies), _num(step.positive), _num(step.negative), _pct(step.response_rate), Text(f"{bar(share, 24)} {percent(share)}", style="cyan"))
    overall = Text.assemble(
        ("Global  ", "bold"), f"contacted {g.contacted:,} · replied {g.replied:,} ", (f"({percent(g.response_rate)})", "bold"),
        f" · positive {percent(g.positive_share)} · negative {percent(g.negative_share)} · median time to reply ",
        ("—" if g.median_days_to_reply is None else f"{g.median_days_to_reply:.1f} days", "bold"),
    )
    reasons = Table(title="Reasons for no (declined by the talent)", title_justify="left", show_header=False, box=None, min_width=48)
    reasons.add_column()
    reasons.add_column(justify="right")
    reasons.add_column()
    total = sum(report.decline_reasons.values())
    for reason, n in report.decline_reasons.items():
        reasons.add_row(Text(reason), _num(n), Text(bar(n / total, 24), style="magenta"))
    if not total:
        reasons.add_row(Text("none recorded", style="italic"), Text(""), Text(""))
    sources = Table(title="By source channel", title_justify="left", header_style="bold")
    for column in ("source", "contacted", "replied", "rate", "positive", "negative", "median"):
        sources.add_column(column, justify="left" if column == "source" else "right")
    for source, figures in report.by_source.items():
        sources.add_row(Text(label(source)), *_source_cells(figures))
    return Group(steps, Text(""), overall, Text(""), reasons, Text(""), sources)


def _source_cells(g: GlobalFigures) -> list[Text]:
    return [_num(g.contacted), _num(g.replied), _pct(g.response_rate), _pct(g.positive_share), _pct(g.negative_share), _days(g.median_days_to_reply)]
