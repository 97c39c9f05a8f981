"""Privacy review: talents kept past the retention limit, and what to do with each.

A talent is listed when their last activity (last contact, legal basis date, or
consent renewed) is older than ``[privacy] retention_months`` and they are in no
open pipeline; after them, the talents held on a public profile or a referral
never contacted a month after their basis date (GDPR art. 14: tell them within
a month).  Each row shows the talent's legal basis and its date; Enter opens
the talent (to contact them).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from ..domain.legal_basis import basis_label
from ..i18n import N_, _, formats, ngettext
from ..services import privacy
from ..services.errors import ServiceError
from ..services.paging import PagedRows
from ..widgets.key_footer import KeyFooter
from ..widgets.title_bar import TitleBar
from ..widgets.virtual_list import VirtualList

__all__ = ["PrivacyScreen"]


class ReviewList(VirtualList):
    empty_text = N_("Nobody is past the retention limit.")

    def render_item(self, row: privacy.ReviewRow, width: int) -> Text:
        basis = ("   " + _("{basis} since {day}").format(
            basis=basis_label(row.legal_basis), day=formats.full_date(row.legal_basis_at)), "dim") if row.legal_basis_at else ""
        if row.why == "inform":
            return Text.assemble(
                (f"#{row.talent_id:<7}", "dim"), f"{row.name[:40]:<41}",
                (_("never contacted: tell them by") + " ", "dim"), (formats.full_date(row.limit_passed_on), "bold yellow"), basis,
            )
        return Text.assemble(
            (f"#{row.talent_id:<7}", "dim"), f"{row.name[:40]:<41}",
            (_("last activity") + " ", "dim"), formats.full_date(row.last_activity),
            ("   " + _("limit passed") + " ", "dim"), (formats.full_date(row.limit_passed_on), "bold red"), basis,
        )


class PrivacyScreen(Screen):
    BINDINGS = [
        Binding("escape,q", "app.pop_screen", N_("Back"), id="privacy.back"),
        Binding("x", "extend", N_("Consent renewed"), id="privacy.extend", tooltip=N_("They agreed to stay in the pool: keep them from today")),
        Binding("a", "anonymise", N_("Anonymise…"), id="privacy.anonymise", tooltip=N_("Keep the statistics, remove identity and free text")),
        Binding("delete", "erase", N_("Erase…"), id="privacy.erase", tooltip=N_("Remove the talent and everything about them")),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="privacy-scope")
        yield ReviewList(id="privacy-list")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.sub_title = _("Privacy review")
        self.refresh_list()
        self.query_one(ReviewList).focus()

    @property
    def months(self) -> int:
        return self.app.settings.privacy.retention_months

    def refresh_list(self) -> None:
        today = self.app.clock.today()
        total = privacy.count_review(today, self.months)
        talents = ngettext("{n} talent", "{n} talents", total).format(n=formats.number(total))
        sentence = ngettext(
            "{talents} past the retention limit ({months} months without activity, in no open pipeline)",
            "{talents} past the retention limit ({months} months without activity, in no open pipeline)",
            self.months,
        ).format(months=self.months, talents="{talents}")  # the count, bold, goes in below
        before, _talents, after = sentence.partition("{talents}")
        scope = Text.assemble(before, (talents, "bold"), after)
        uninformed = privacy.count_to_inform(today)
        if uninformed:
            scope.append("\n" + ngettext(
                "{n} talent found on a public profile or referred, never contacted a month later: "
                "tell them their data is held (GDPR art. 14), or erase them",
                "{n} talents found on a public profile or referred, never contacted a month later: "
                "tell them their data is held (GDPR art. 14), or erase them",
                uninformed,
            ).format(n=formats.number(uninformed)), "yellow")
        self.query_one("#privacy-scope", Static).update(scope)
        months = self.months

        def fetch(offset: int, limit: int) -> list[privacy.ReviewRow]:
            """The rows past the retention limit, then those to inform."""
            rows = privacy.review(today, months, offset=offset, limit=limit) if offset < total else []
            if len(rows) < limit:
                start = max(offset - total, 0)
                rows += privacy.to_inform(today, offset=start, limit=limit - len(rows))
            return rows

        self.query_one(ReviewList).set_rows(PagedRows(total + uninformed, fetch))

    _away = False  # a talent was opened from here

    def on_screen_resume(self) -> None:
        """Back from a talent (Enter): contacted, edited or erased there."""
        if self._away:
            self._away = False
            self.refresh_list()

    @on(ReviewList.Selected)
    def _open(self, event: ReviewList.Selected) -> None:
        """Enter: the talent's screen, to contact them (a first message tells them) or edit their basis."""
        event.stop()
        if event.item is not None:
            self._away = True
            self.app.show_talent(event.item.talent_id)

    def _row(self):
        return self.query_one(ReviewList).item

    def _done(self, message: str) -> None:
        self.notify(message, markup=False)
        self.refresh_list()
        self.app.data_changed()

    def action_extend(self) -> None:
        row = self._row()
        if row is None:
            return
        try:
            privacy.extend(row.talent_id, self.app.clock.today())
        except ServiceError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self._done(_("Consent renewed today for {name}").format(name=row.name))

    def _confirm(self, question: str, then) -> None:
        from ..modals.choice import ChoiceModal

        self.app.push_screen(ChoiceModal(question, [("y", True, _("Yes")), ("escape", None, _("No, keep them as they are"))]), lambda ok: ok and then())

    def action_anonymise(self) -> None:
        row = self._row()
        if row is None:
            return

        def go() -> None:
            try:
                privacy.anonymise(row.talent_id, self.app.clock.now())
            except ServiceError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            self._done(_("Anonymised talent #{id}: statistics kept, identity and notes removed").format(id=row.talent_id))

        self._confirm(
            _("Anonymise {name}? Their name, contact details and every note and feedback are removed for good; the statistics stay.").format(name=row.name),
            go,
        )

    def action_erase(self) -> None:
        from ..flows.erasure import ErasureFlow

        row = self._row()
        if row is not None:
            ErasureFlow(self.app).erase(row.talent_id, row.name, self.refresh_list)
