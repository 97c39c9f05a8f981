"""Stats: response rates per step, reasons for no, by source — for one mission or all.

Figures are computed in a worker (at a million touchpoints, all missions'
figures take long enough to be felt): the screen never freezes.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from ..domain.stats import RANGES, GlobalFigures, Report
from ..domain.templates import template_label
from ..domain.vocab import DEFAULT_DECLINE_REASONS, DEFAULT_REJECTION_REASONS, label, picker_status
from ..i18n import N_, _, formats, pgettext
from ..services import missions
from ..services.stats import compute, since_for
from ..services.stats_report import bar, introduced_sentence
from ..widgets.key_footer import KeyFooter
from ..widgets.text_block import TextBlock
from ..widgets.text_line import TextLine
from ..widgets.text_table import text_table
from ..widgets.title_bar import TitleBar
from ..worker_failures import ReportsWorkerFailures
from ..textual_compat.kept_screen import KeptScreen

__all__ = ["StatsScreen"]

RANGE_NAMES = list(RANGES)
#: The ranges (domain/stats.py's names) as shown, translated where shown.
RANGE_LABELS = {"30 days": N_("30 days"), "90 days": N_("90 days"), "365 days": N_("365 days"), "all time": N_("all time")}
LOADING_AFTER = 0.1  # s: the loading indicator shows when the figures take longer


class StatsScreen(ReportsWorkerFailures, KeptScreen):
    BINDINGS = [
        Binding("escape,q", "app.pop_screen", N_("Back"), id="stats.back"),
        Binding("m", "choose_mission", N_("Mission"), id="stats.mission"),
        Binding("r", "range(1)", N_("Range"), id="stats.range", tooltip=N_("30 / 90 / 365 days / all time, by date of the first message")),
        Binding("R", "range(-1)", N_("Previous range"), show=False, id="stats.range_back"),
    ]

    def __init__(self, mission_id: int | None = None, range_name: str = "all time") -> None:
        super().__init__()
        self.mission_id = mission_id
        self.range_name = range_name
        self.report: Report | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield TextLine(id="stats-scope")
        with VerticalScroll(id="stats-body"):
            yield TextBlock(id="stats-content")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.sub_title = _("Stats")
        self.query_one("#stats-body").focus()

    def show(self, mission_id: int | None) -> bool:
        """The figures of this mission (None: all), computed afresh (the data may
        have changed since the last visit).

        Once the screen has been composed (second visit on), the figures are
        computed first and the screen pushes itself when they are drawn in
        it, or after ``LOADING_AFTER`` with its loading indicator: one layout
        and paint instead of a blank screen then the figures.  Returns whether
        it will push itself (else the app pushes it, and it computes then)."""
        self.mission_id = mission_id
        self._shown = None
        if not self.is_mounted or self in self.app.screen_stack:
            return False
        self._push_over = self.app.screen
        self.refresh_stats()
        return True

    _push_over = None  # while a push is pending: the screen S was pressed on

    def _come_up(self) -> None:
        """Push the screen, unless the user went elsewhere meanwhile (a key
        pressed before the figures came: Help, a talent, a form) — then the
        later key wins and Stats does not cover it."""
        over, self._push_over = self._push_over, None
        if over is not None and self.app.screen is over:
            self.app.push_screen(self)

    def on_screen_resume(self) -> None:
        self.refill()

    def refill(self) -> None:
        """Compute the figures unless those on screen are for this mission and range
        (first visit included; back from the mission picker, they are)."""
        if self._shown != (self.mission_id, self.range_name):
            self.refresh_stats()

    _shown: tuple | None = None

    def _mission_title(self) -> str:
        return _("All missions") if self.mission_id is None else missions.get_mission(self.mission_id).title

    def refresh_stats(self) -> None:
        self._shown = (self.mission_id, self.range_name)
        shown_range = _(RANGE_LABELS[self.range_name]) if self.range_name in RANGE_LABELS else self.range_name
        scope = Text.assemble(
            ("◆ ", "bold"), (self._mission_title(), "bold"), "  ·  " + _("first messages:") + " ", (shown_range, "bold"),
            ("   " + _("m: mission · r: range"), "dim"),
        )
        self.query_one("#stats-scope", TextLine).update(scope)
        # Figures of another scope never stay on screen; the loading indicator
        # only comes for a long computation (all missions): one mission's
        # figures arrive within a frame or two, and the indicator would cost
        # two layouts of the screen.
        self.query_one("#stats-content", TextBlock).update([])
        self._stop_loading_timer()
        # on the app: timers of a screen off the stack do not run
        self._loading_timer = self.app.set_timer(LOADING_AFTER, self._show_loading)
        self._compute(self.mission_id, since_for(RANGES[self.range_name], self.app.clock.today()), self.app.team,
                      self.query_one("#stats-content", TextBlock).drawing_for())

    _loading_timer: Timer | None = None

    def _show_loading(self) -> None:
        self.query_one("#stats-body").loading = True
        self._come_up()

    def _stop_loading_timer(self) -> None:
        if self._loading_timer is not None:
            self._loading_timer.stop()
            self._loading_timer = None

    @work(thread=True, exclusive=True, exit_on_error=False, group="stats")
    def _compute(self, mission_id, since, team, drawing) -> tuple[Report, list[Text], tuple | None]:
        with self.app.readers.use():
            talent = self.app.settings.talent
            report = compute(mission_id, since, talent.decline_reasons, talent.sources, rejection_reasons=talent.rejection_reasons,
                             stages=self.app.settings.pipeline.stages, by_owner=team.mode,
                             beside=self.app.readers.submit)
        lines = report_lines(report, team.owner_name)  # plain Rich Text: built here, off the UI thread
        # and drawn here too, for the width the block had (a second visit on)
        return report, lines, TextBlock.drawing(lines, *drawing, self.app.console) if drawing else None

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "stats":
            return
        if event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        self._stop_loading_timer()
        self.query_one("#stats-body").loading = False
        if event.state == WorkerState.SUCCESS:
            self.report, lines, drawn = event.worker.result
            self.query_one("#stats-content", TextBlock).update(lines, drawn)
        self._come_up()  # a failure is reported by the app (worker_failures.ReportsWorkerFailures)

    def action_range(self, step: int) -> None:
        self.range_name = RANGE_NAMES[(RANGE_NAMES.index(self.range_name) + step) % len(RANGE_NAMES)]
        self.refresh_stats()

    def action_choose_mission(self) -> None:
        from ..modals.picker import PickerModal

        every = "__all__"
        options = [(every, _("All missions"))] + [(m.id, f"{m.display}  [{picker_status(m.status)}]") for m in missions.list_missions()]

        def chosen(value) -> None:
            if value is not None:
                self.mission_id = None if value == every else value
                self.refresh_stats()

        self.app.push_screen(PickerModal(_("Stats for which mission?"), options, current=every if self.mission_id is None else self.mission_id), chosen)


def _num(n: int) -> Text:
    return Text(formats.number(n), justify="right")


def _pct(value: float | None) -> Text:
    return Text(formats.percent(value), justify="right")


def _days(value: float | None) -> Text:
    return Text("—" if value is None else _("{days} d").format(days=formats.decimal(value, 1)), justify="right")


def _step_label(step: int) -> str:
    """``first message``, ``follow-up 2`` (as ``sourcer-tui stats`` says them)."""
    return _("first message") if step == 0 else _("follow-up {step}").format(step=step)


def _reason_label(reason: str) -> str:
    """A reason for no the app ships, translated; one of the user's own, as written."""
    return label(reason) if reason in DEFAULT_DECLINE_REASONS or reason in DEFAULT_REJECTION_REASONS else reason


def report_lines(report: Report, owner_name: Callable[[str | None], str] = lambda owner: owner or "") -> list[Text]:
    """Everything on the Stats screen, line by line, from plain data (every cell a Text: never markup);
    *owner_name*: the name shown for an owner's login (team mode, *By owner*)."""
    percent = formats.percent
    g = report.overall
    reasons = _reasons_table(_("Reasons for no (declined by the talent)"), report.decline_reasons)
    rejections = _reasons_table(_("Why we said no (rejected by us)"), report.rejection_reasons)
    if not g.contacted:  # the reasons for no count all the same: a talent may say no before any message
        empty = Text(_("No first messages in this range: nothing to measure yet."), style="italic")
        if not (report.decline_reasons or report.rejection_reasons):
            return [empty, *_introducer_lines(report)]
        return [empty, Text(""), *reasons, Text(""), *rejections, *_introducer_lines(report)]
    steps = text_table(
        _("Response rate per step"),
        (_("step"), _("sent"), _("replies"), pgettext("column", "positive"), pgettext("column", "negative"), _("rate"), _("share of replies")),
        [
            (Text(_step_label(step.step)), _num(step.sent), _num(step.replies), _num(step.positive), _num(step.negative), _pct(step.response_rate),
             Text(f"{bar(share, 24)} {percent(share)}", style="cyan"))
            for step, share in ((step, report.reply_share(step)) for step in report.steps)
        ],
        right=(False, True, True, True, True, True, False),
    )
    overall = Text.assemble((_("Global") + "  ", "bold"))
    median = "—" if g.median_days_to_reply is None else _("{days} days").format(days=formats.decimal(g.median_days_to_reply, 1))
    _figures(
        overall,
        _("contacted {contacted} · replied {replied} {rate} · positive {positive} · negative {negative} · median time to reply {median}"),
        {"contacted": formats.number(g.contacted), "replied": formats.number(g.replied), "positive": percent(g.positive_share),
         "negative": percent(g.negative_share)},
        {"rate": f"({percent(g.response_rate)})", "median": median},
    )
    sources = text_table(
        _("By source channel"),
        (_("source"), _("contacted"), pgettext("column", "replied"), _("rate"), pgettext("column", "positive"), pgettext("column", "negative"), _("median")),
        [(Text(label(source)), *_source_cells(figures)) for source, figures in report.by_source.items()],
        right=(False, True, True, True, True, True, True),
    )
    lines = [*steps, Text(""), overall, Text(""), *reasons, Text(""), *rejections, Text(""), *sources]
    if report.by_owner:  # team mode: who contacted, and how it went
        lines += [Text(""), *text_table(
            _("By owner"),
            (_("owner"), _("contacted"), pgettext("column", "replied"), _("rate"), pgettext("column", "positive"), pgettext("column", "negative"), _("median")),
            [(Text(owner_name(owner or None) or "—"), *_source_cells(figures)) for owner, figures in report.by_owner.items()],
            right=(False, True, True, True, True, True, True),
        )]
    if report.by_template:  # messages sent from their preview (o, t, E) say which template they came from
        lines += [Text(""), *text_table(
            _("By template"),
            (_("template"), _("sent"), _("replies"), _("reply rate")),
            [(Text(template_label(t.key, t.mission)), _num(t.sent), _num(t.replies), _pct(t.reply_rate)) for t in report.by_template],
            right=(False, True, True, True),
        )]
    return lines + _introducer_lines(report)


def _introducer_lines(report: Report) -> list[Text]:
    """*By introducer* (social referral): introductions and how far they went, and how
    they relate to the by-source table (an introduced talent keeps the source set)."""
    if not report.by_introducer:
        return []
    table = text_table(
        _("By introducer"),
        (_("introducer"), _("introduced"), _("contacted"), pgettext("column", "replied"), _("interview"), pgettext("column", "hired")),
        [(Text(f.name), _num(f.introductions), _num(f.contacted), _num(f.replied), _num(f.interviewed), _num(f.hired)) for f in report.by_introducer],
        right=(False, True, True, True, True, True),
    )
    talents, referral = report.introduced
    note = Text(introduced_sentence(talents, referral), style="dim")
    return [Text(""), *table, note]


def _reasons_table(title: str, counts: dict[str, int]) -> list[Text]:
    total = sum(counts.values())
    return text_table(
        title,
        ("reason", "n", "bar"),  # not shown (box=False: no header row)
        [(Text(_reason_label(reason)), _num(n), Text(bar(n / total, 24), style="magenta")) for reason, n in counts.items()]
        or [(Text(_("none recorded"), style="italic"), Text(""), Text(""))],
        right=(False, True, False),
        box=False,
        min_width=48,
    )


def _figures(line: Text, sentence: str, plain: dict[str, str], bold: dict[str, str]) -> None:
    """*sentence* (translated, with ``{name}`` placeholders) appended to *line*, each
    placeholder's value from *plain* or, in bold, from *bold*; the words between
    them plain.  French may put the figures in another order."""
    values = {**plain, **bold}
    for piece in re.split(r"(\{[a-z_]+\})", sentence):
        name = piece[1:-1] if piece.startswith("{") and piece.endswith("}") else None
        if name in values:
            line.append(values[name], "bold" if name in bold else None)
        elif piece:
            line.append(piece)


def _source_cells(g: GlobalFigures) -> list[Text]:
    return [_num(g.contacted), _num(g.replied), _pct(g.response_rate), _pct(g.positive_share), _pct(g.negative_share), _days(g.median_days_to_reply)]
