"""Privacy review: talents kept past the retention limit, and what to do with each.

A talent is listed when their last activity (last contact, or consent renewed)
is older than ``[privacy] retention_months`` and they are in no open pipeline.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from ..services import privacy
from ..services.errors import ServiceError
from ..services.paging import PagedRows
from ..widgets.key_footer import KeyFooter
from ..widgets.title_bar import TitleBar
from ..widgets.virtual_list import VirtualList

__all__ = ["PrivacyScreen"]


class ReviewList(VirtualList):
    empty_text = "Nobody is past the retention limit."

    def render_item(self, row: privacy.ReviewRow, width: int) -> Text:
        return Text.assemble(
            (f"#{row.talent_id:<7}", "dim"), f"{row.name[:40]:<41}",
            ("last activity ", "dim"), row.last_activity.isoformat(), ("   limit passed ", "dim"), (row.limit_passed_on.isoformat(), "bold red"),
        )


class PrivacyScreen(Screen):
    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back", id="privacy.back"),
        Binding("x", "extend", "Consent renewed", id="privacy.extend", tooltip="They agreed to stay in the pool: keep them from today"),
        Binding("a", "anonymise", "Anonymise…", id="privacy.anonymise", tooltip="Keep the statistics, remove identity and free text"),
        Binding("delete", "erase", "Erase…", id="privacy.erase", tooltip="Remove the talent and everything about them"),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="privacy-scope")
        yield ReviewList(id="privacy-list")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Privacy review"
        self.refresh_list()
        self.query_one(ReviewList).focus()

    @property
    def months(self) -> int:
        return self.app.settings.privacy.retention_months

    def refresh_list(self) -> None:
        today = self.app.clock.today()
        total = privacy.count_review(today, self.months)
        self.query_one("#privacy-scope", Static).update(
            Text.assemble((f"{total:,} talents", "bold"), f" past the retention limit ({self.months} months without activity, in no open pipeline)")
        )
        self.query_one(ReviewList).set_rows(PagedRows(total, lambda offset, limit: privacy.review(today, self.months, offset=offset, limit=limit)))

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
        self._done(f"Consent renewed today for {row.name}")

    def _confirm(self, question: str, then) -> None:
        from ..modals.choice import ChoiceModal

        self.app.push_screen(ChoiceModal(question, [("y", True, "Yes"), ("escape", None, "No, keep them as they are")]), lambda ok: ok and then())

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
            self._done(f"Anonymised talent #{row.talent_id}: statistics kept, identity and notes removed")

        self._confirm(f"Anonymise {row.name}? Their name, contact details and every note and feedback are removed for good; the statistics stay.", go)

    def action_erase(self) -> None:
        row = self._row()
        if row is None:
            return

        def go() -> None:
            from ..locations import backups_dir

            try:
                older = privacy.erase(row.talent_id, self.app.clock.now(), backups=backups_dir())
                said = f"Erased talent #{row.talent_id} and everything about them."
            except privacy.NotWiped as error:  # deleted, but a reader holds the old bytes in the file
                older, said = error.older, f"{str(error)[0].upper()}{str(error)[1:]}."
            except ServiceError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            note = f" {len(older)} older backup(s) may still hold them until they are pruned." if older else ""
            self._done(f"{said}{note}")

        self._confirm(f"Erase {row.name} and everything about them (contacts, feedback, reminders)? This cannot be undone.", go)
