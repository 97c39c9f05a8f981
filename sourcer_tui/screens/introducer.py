"""An introducer's page: who they are, the talents they introduced and how far
each went (the furthest stage, hired or not), and the thanks given."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from ..domain.introductions import milestone_label
from ..domain.vocab import CHANNELS, label, stage_label
from ..i18n import N_, _, formats, ngettext
from ..services import introducers
from ..services.errors import ServiceError
from ..services.paging import ListRows
from ..widgets.key_footer import KeyFooter
from ..widgets.title_bar import TitleBar
from ..widgets.virtual_list import VirtualList

__all__ = ["IntroducerScreen"]


def progress_text(p) -> str:
    """How far an introduction went: ``Offer``, ``Interviewing (declined)``, ``not contacted yet``."""
    if not p.furthest:
        return _("in no mission yet")
    shown = stage_label(p.furthest)
    return _("{stage} ({closed})").format(stage=shown, closed=stage_label(p.closed)) if p.closed else shown


def _count(n: int, what: str) -> str:
    """``5 contacted``, ``1 reached interview``: agreed with *n* (French says it)."""
    if what == "contacted":
        return ngettext("{n} contacted", "{n} contacted", n).format(n=n)
    if what == "replied":
        return ngettext("{n} replied", "{n} replied", n).format(n=n)
    if what == "interview":
        return ngettext("{n} reached interview", "{n} reached interview", n).format(n=n)
    return ngettext("{n} hired", "{n} hired", n).format(n=n)


class IntroductionList(VirtualList):
    empty_text = N_("No talent introduced yet.")

    def render_item(self, item: introducers.Introduction, width: int) -> Text:
        text = Text.assemble((f"{formats.day_month_year(item.added):<18} ", "dim"), f"{item.name[:36]:<37}",
                             (f"{progress_text(item.progress)[:44]:<45}", "bold green" if item.progress.hired else "bold"))
        if item.thanked:
            text.append(_("thanked: {what}").format(what=", ".join(milestone_label(m) for m in item.thanked)), "dim")
        return text


class IntroducerScreen(Screen):
    BINDINGS = [
        Binding("escape,q", "app.pop_screen", N_("Back"), id="introducer.back"),
        Binding("e", "edit", N_("Edit introducer"), id="introducer.edit", tooltip=N_("Name, company and channel")),
        Binding("l", "link", N_("Link to a talent"), id="introducer.link", tooltip=N_("The introducer is a talent of the pool: their thanks go on their timeline")),
        Binding("t", "open_talent", N_("Their talent"), id="introducer.open_talent", tooltip=N_("Open the introducer's own talent screen, when linked")),
    ]

    def __init__(self, introducer_id: int) -> None:
        super().__init__()
        self.introducer_id = introducer_id
        self._page: introducers.IntroducerPage | None = None

    def show(self, introducer_id: int) -> bool:
        """The introducer shown next time the screen comes up (see SourcerApp._visit)."""
        self.introducer_id = introducer_id
        return False

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="introducer-head")
        with Vertical(id="introducer-box"):
            yield IntroductionList(id="introducer-list")
        yield Static(id="introducer-thanks")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#introducer-box").border_title = _("Introductions")
        self.query_one(IntroductionList).focus()

    def on_screen_resume(self) -> None:
        self.refill()

    def refill(self) -> None:
        try:
            page = introducers.page(self.introducer_id, self.app.settings.pipeline.stages)
        except ServiceError as error:
            self.notify(str(error), severity="error", markup=False)
            self.app.pop_screen()
            return
        self._page = page
        row = page.row
        self.sub_title = row.name
        head = Text(row.name, style="bold")
        about = [p for p in (row.company, label(row.channel) if row.channel else "") if p]
        about.append(_("in the pool: {name} (t)").format(name=page.talent_name) if page.talent_name else _("not a talent of the pool (l links one)"))
        head.append("  " + " · ".join(about), "dim")
        shown = page.introductions
        figures = (
            ngettext("{n} introduction", "{n} introductions", len(shown)).format(n=len(shown)),
            _count(sum(i.progress.contacted for i in shown), "contacted"),
            _count(sum(i.progress.replied for i in shown), "replied"),
            _count(sum(i.progress.interviewed for i in shown), "interview"),
            _count(sum(i.progress.hired for i in shown), "hired"),
        )
        head.append("\n" + " · ".join(figures))
        self.query_one("#introducer-head", Static).update(head)
        self.query_one(IntroductionList).set_rows(ListRows(shown))
        thanks = Text(_("Thanks given"), style="bold")
        if not page.recognitions:
            thanks.append("\n  " + _("none yet: Today says when an introduction reaches interview or is hired"), "dim")
        for r in page.recognitions[:8]:
            thanks.append(f"\n  {formats.day_month_year(r.thanked_at.date())}  ", "dim")
            thanks.append(_("{talent} {milestone}").format(talent=r.talent or _("(erased)"), milestone=milestone_label(r.milestone)))
            if r.note:
                thanks.append(" — " + r.note.replace("\n", " "), "dim")
        self.query_one("#introducer-thanks", Static).update(thanks)

    @on(IntroductionList.Selected)
    def _open(self, event: IntroductionList.Selected) -> None:
        event.stop()
        if event.item is not None:
            self.app.show_talent(event.item.talent_id)

    def action_open_talent(self) -> None:
        if self._page is None or self._page.row.talent_id is None:
            self.notify(_("Not a talent of the pool: l links one."), severity="warning")
            return
        self.app.show_talent(self._page.row.talent_id)

    def action_edit(self) -> None:
        from ..modals.form import Field, FormModal

        if self._page is None:
            return
        row = self._page.row
        fields = [
            Field("name", _("Name *")),
            Field("company", _("Company"), placeholder=_("the client, or where they work")),
            Field("channel", _("Channel"), "select", [(label(c), c) for c in CHANNELS]),
        ]

        def validate(data):
            name = (data.get("name") or "").strip()
            return ({**data, "name": name}, {}) if name else ({}, {"name": _("a name is required")})

        def saved(data: dict | None) -> None:
            if data is None:
                return
            self._write(lambda: introducers.edit_introducer(row.id, data, self.app.clock.now()), _("Saved: {name}").format(name=data["name"]))

        values = {"name": row.name, "company": row.company, "channel": row.channel}
        self.app.push_screen(FormModal(_("Edit introducer"), fields, validate, values), saved)

    def action_link(self) -> None:
        from ..modals.talent_picker import TalentPickerModal

        if self._page is None:
            return
        row = self._page.row

        def picked(talent_id: int | None) -> None:
            if talent_id is not None:
                self._write(lambda: introducers.edit_introducer(row.id, {"name": row.name, "company": row.company, "channel": row.channel,
                                                                          "talent_id": talent_id}, self.app.clock.now()),
                            _("{name} is linked to their talent").format(name=row.name))

        title = _("Which talent is {name}? Type to search (esc: none)").format(name=row.name)
        self.app.push_screen(TalentPickerModal(title, row.name, 0), picked)

    def _write(self, write, said: str) -> None:
        try:
            write()
        except ServiceError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.notify(Text(said).plain, markup=False)
        self.refill()
