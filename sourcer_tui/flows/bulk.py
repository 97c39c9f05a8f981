"""Bulk actions on the Pipeline's selected rows (``b``): move to a stage, snooze,
add to a mission, tag, export.  Each asks once, then runs as one transaction
(services/bulk.py) that ctrl+z can undo."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..domain.stages import all_stages, is_closed
from ..domain.vocab import stage_label
from ..i18n import N_, _, formats, language, ngettext
from ..services import bulk, missions, snoozes
from ..services.errors import ServiceError
from .base import Flow

__all__ = ["BulkFlow", "BULK_ACTIONS"]

#: The bulk menu: code -> label.
BULK_ACTIONS: dict[str, str] = {
    "move": N_("Move to a stage…"),
    "snooze": N_("Snooze…"),
    "mission": N_("Add to a mission…"),
    "tag": N_("Add tags…"),
    "export": N_("Export as CSV…"),
}

#: A selected row: (talent id, candidacy id or None).
Row = tuple[int, int | None]


class BulkFlow(Flow):
    def menu(self, rows: Sequence[Row], after: Callable[[], None]) -> None:
        """What to do with *rows*; *after* runs once an action has written (the pane clears its selection)."""
        from ..modals.picker import PickerModal

        if not rows:
            self.app.notify(_("Select rows first: space selects one, * every row shown."), severity="warning")
            return
        talents = _talents(rows)
        title = ngettext("{n} talent selected: do what?", "{n} talents selected: do what?", len(talents)).format(n=len(talents))
        options = [(code, _(text)) for code, text in BULK_ACTIONS.items()]

        def chosen(code: str | None) -> None:
            if code is None:
                return
            if code != "export" and len(rows) > bulk.MAX_CHANGED:
                self.app.notify(_("A bulk change takes at most {most} rows ({n} selected): narrow the filter.").format(
                    most=formats.number(bulk.MAX_CHANGED), n=formats.number(len(rows))), severity="warning")
                return
            getattr(self, f"_{code}")(list(rows), after)

        self.app.push_screen(PickerModal(title, options), chosen)

    # -- each action: ask, then one write -----------------------------------------------
    def _confirm(self, question: str, write: Callable[[], Any], undo_label: str, talent_ids: list[int],
                 said: Callable[[Any], str], after: Callable[[], None]) -> None:
        from ..modals.choice import ChoiceModal

        def answered(value: str | None) -> None:
            if value == "yes":
                self._run(write, undo_label, talent_ids, said, after)

        self.app.push_screen(ChoiceModal(question, [("y", "yes", _("Yes")), ("escape", None, _("Cancel"))]), answered)

    def _run(self, write: Callable[[], Any], undo_label: str, talent_ids: list[int], said: Callable[[Any], str],
             after: Callable[[], None]) -> None:
        try:
            with self.app.undoable(undo_label, talent_ids):
                result = write()
        except ServiceError as error:
            self.failed(error)
            return
        self.say(said(result))
        after()
        self.app.data_changed()

    def _move(self, rows: list[Row], after: Callable[[], None]) -> None:
        from ..modals.picker import PickerModal

        candidacies = [c for _t, c in rows if c is not None]
        if not candidacies:
            self.app.notify(_("These talents are in no mission here: add them to one first."), severity="warning")
            return
        talent_ids = _talents(rows)
        options = [(s, stage_label(s)) for s in all_stages(self.app.settings.pipeline.stages)]
        n = len(candidacies)

        def chosen(stage: str | None) -> None:
            if stage is None:
                return
            label = stage_label(stage)
            undo = ngettext("moved {n} candidacy to {stage}", "moved {n} candidacies to {stage}", n).format(n=n, stage=label)
            if is_closed(stage):
                self._close(candidacies, talent_ids, stage, undo, after)
                return
            question = ngettext("Move {n} candidacy to {stage}?", "Move {n} candidacies to {stage}?", n).format(n=n, stage=label)
            now = self.app.clock.now()
            self._confirm(question, lambda: bulk.move(candidacies, stage, now, self.app.settings.pipeline.stages), undo, talent_ids,
                          lambda moved: ngettext("Moved {n} candidacy to {stage}", "Moved {n} candidacies to {stage}", moved).format(
                              n=moved, stage=label), after)

        self.app.push_screen(PickerModal(ngettext("Move {n} candidacy to which stage?", "Move {n} candidacies to which stage?", n).format(n=n),
                                         options), chosen)

    def _close(self, candidacies: list[int], talent_ids: list[int], outcome: str, undo: str, after: Callable[[], None]) -> None:
        """Declined / rejected: the reason and feedback asked once, for every row (its form is the question)."""
        from ..modals.touchpoint_forms import closing_form

        reasons = self.app.settings.talent.closing_reasons(outcome)
        n = len(candidacies)
        who = ngettext("{n} candidacy", "{n} candidacies", n).format(n=n)

        def filled(data: dict | None) -> None:
            if data is None:
                self.say(_("Nothing moved"))
                return
            now = self.app.clock.now()
            label = stage_label(outcome)
            self._run(lambda: bulk.close(candidacies, outcome, data, reasons, now), undo, talent_ids,
                      lambda closed: ngettext("Moved {n} candidacy to {stage}", "Moved {n} candidacies to {stage}", closed).format(
                          n=closed, stage=label), after)

        self.app.push_screen(closing_form(outcome, who, reasons), filled)

    def _snooze(self, rows: list[Row], after: Callable[[], None]) -> None:
        from ..modals.bulk_forms import bulk_snooze_form

        talent_ids = _talents(rows)
        n = len(talent_ids)

        def filled(data: dict | None) -> None:
            if data is None:
                return
            now = self.app.clock.now()
            skip = self.app.settings.cadence.skip_weekends
            self._run(lambda: bulk.snooze(talent_ids, data["until"], data["reason"], now, skip_weekends=skip),
                      ngettext("snoozed {n} talent", "snoozed {n} talents", n).format(n=n), talent_ids,
                      lambda done: ngettext("Snoozed {n} talent", "Snoozed {n} talents", done).format(n=done), after)

        title = ngettext("Snooze {n} talent", "Snooze {n} talents", n).format(n=n)
        try:
            snoozed = snoozes.count_snoozed(talent_ids)
        except ServiceError as error:
            self.failed(error)
            return
        if snoozed:  # said before it goes: a new snooze ends theirs
            title += " · " + ngettext("{n} snoozed now: this replaces their snooze", "{n} snoozed now: this replaces their snoozes", snoozed).format(n=snoozed)
        self.app.push_screen(bulk_snooze_form(title, self.app.clock.today(), self.app.settings.cadence.skip_weekends), filled)

    def _mission(self, rows: list[Row], after: Callable[[], None]) -> None:
        from ..modals.picker import PickerModal

        talent_ids = _talents(rows)
        n = len(talent_ids)
        options = [(m.id, m.display) for m in missions.list_missions() if m.status != "closed"]
        if not options:
            self.app.notify(_("No open mission yet: press M to create one."), severity="warning")
            return
        titles = dict(options)

        def chosen(mission_id: int | None) -> None:
            if mission_id is None:
                return
            title = titles[mission_id]
            now = self.app.clock.now()
            first = self.app.settings.pipeline.stages[0]
            question = ngettext("Add {n} talent to {mission}?", "Add {n} talents to {mission}?", n).format(n=n, mission=title)

            def said(result: tuple[int, int]) -> str:
                added, already = result
                text = ngettext("Added {n} talent to {mission}", "Added {n} talents to {mission}", added).format(n=added, mission=title)
                if already:
                    text += " · " + ngettext("{n} was there already", "{n} were there already", already).format(n=already)
                return text

            self._confirm(question, lambda: bulk.add_to_mission(talent_ids, mission_id, now, first),
                          ngettext("added {n} talent to {mission}", "added {n} talents to {mission}", n).format(n=n, mission=title),
                          talent_ids, said, after)

        self.app.push_screen(PickerModal(ngettext("Add {n} talent to which mission?", "Add {n} talents to which mission?", n).format(n=n),
                                         options), chosen)

    def _tag(self, rows: list[Row], after: Callable[[], None]) -> None:
        from ..modals.bulk_forms import bulk_tag_form

        talent_ids = _talents(rows)
        n = len(talent_ids)

        def filled(data: dict | None) -> None:
            if data is None:
                return
            tags = data["tags"]
            now = self.app.clock.now()
            question = ngettext("Tag {n} talent with {tags}?", "Tag {n} talents with {tags}?", n).format(n=n, tags=tags)
            self._confirm(question, lambda: bulk.tag(talent_ids, tags, now),
                          ngettext("tagged {n} talent", "tagged {n} talents", n).format(n=n), talent_ids,
                          lambda changed: ngettext("Tagged {n} talent with {tags}", "Tagged {n} talents with {tags}", changed).format(
                              n=changed, tags=tags), after)

        self.app.push_screen(bulk_tag_form(ngettext("Add tags to {n} talent", "Add tags to {n} talents", n).format(n=n)), filled)

    def _export(self, rows: list[Row], after: Callable[[], None]) -> None:
        """A file, not a change: no question beyond its name (an existing file is not overwritten)."""
        from ..modals.bulk_forms import bulk_export_form

        talent_ids = _talents(rows)
        n = len(talent_ids)
        default = Path.home() / f"sourcer-selection-{self.app.clock.today().isoformat()}.csv"

        def filled(data: dict | None) -> None:
            if data is None:
                return
            try:
                counts = bulk.export_csv(talent_ids, data["path"], dialect=_csv_dialect())
            except ServiceError as error:
                self.failed(error)
                return
            self.say(ngettext("Exported {n} row to {path}", "Exported {n} rows to {path}", counts["rows"]).format(
                n=counts["rows"], path=str(data["path"])))

        self.app.push_screen(bulk_export_form(ngettext("Export {n} talent as CSV", "Export {n} talents as CSV", n).format(n=n), default), filled)


def _talents(rows: Sequence[Row]) -> list[int]:
    return list(dict.fromkeys(talent for talent, _c in rows))


def _csv_dialect() -> str:
    """French headers and semicolons when the app speaks French (as French Excel reads them)."""
    return "fr" if language() == "fr" else "en"
