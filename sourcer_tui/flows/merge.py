"""Merging two talents who are one person: pick the other (a search), choose
each differing field's value in the preview, confirm, one transaction."""

from __future__ import annotations

from ..i18n import _
from ..services import merge, talents
from ..services.errors import ServiceError
from .base import Flow

__all__ = ["MergeFlow"]


class MergeFlow(Flow):
    def start(self, talent_id: int) -> None:
        """``J``: the talent under the cursor stays; the one picked is merged into them."""
        from ..modals.talent_picker import TalentPickerModal

        try:
            name = talents.get_talent(talent_id).name
        except ServiceError as error:
            self.failed(error)
            return

        def picked(other_id: int | None) -> None:
            if other_id is not None:
                self.preview(talent_id, other_id)

        title = _("Merge {name} with which talent? Type to search (esc: none)").format(name=name)
        self.app.push_screen(TalentPickerModal(title, name, talent_id), picked)

    def preview(self, kept_id: int, other_id: int) -> None:
        from ..modals.merge_preview import MergeModal

        try:
            plan = merge.plan_merge(kept_id, other_id, self.app.settings.pipeline.stages)
        except ServiceError as error:
            self.failed(error)
            return

        def chosen(choices: dict[str, str] | None) -> None:
            if choices is None:
                self.say(_("Not merged."))
            else:
                self.confirm(plan, choices)

        self.app.push_screen(MergeModal(plan), chosen)

    def confirm(self, plan: merge.MergePlan, choices: dict[str, str]) -> None:
        from ..modals.choice import ChoiceModal

        kept, other = plan.kept, plan.other

        def answered(value: str | None) -> None:
            if value != "merge":
                self.say(_("Not merged."))
                return
            app = self.app
            try:
                merge.merge_talents(kept.id, other.id, choices, app.clock.now(), app.settings.pipeline.stages,
                                    skip_weekends=app.settings.cadence.skip_weekends, plan=plan)
            except merge.ChangedSincePreview as changed:
                self.changed(plan, changed)
                return
            except ServiceError as error:
                self.failed(error)
                return
            self.say(_("Merged {other} into {kept}.").format(other=other.name, kept=kept.name))
            app.data_changed()

        question = _("Merge {other} into {kept}? Everything of {other} moves to {kept}, then {other} is deleted. This cannot be undone.").format(
            other=other.name, kept=kept.name)
        self.app.push_screen(ChoiceModal(question, [("y", "merge", _("Yes, merge them")), ("escape", None, _("No"))]), answered)

    def changed(self, plan: merge.MergePlan, changed: merge.ChangedSincePreview) -> None:
        """A talent changed elsewhere since the preview: what changed (now and as
        previewed), then the preview again on the values as they are now, or nothing."""
        from ..modals.conflict import ConflictModal

        self.app.data_changed()

        def chosen(value: str | None) -> None:
            if value == "again":
                self.preview(plan.kept.id, plan.other.id)
            else:
                self.say(_("Not merged."))

        question = _("{name} was changed elsewhere (another window or a teammate) since the preview. Nothing is merged:").format(
            name=changed.name)
        self.app.push_screen(ConflictModal(question, changed.differences, [
            ("p", "again", _("Preview again, with the values as they are now")),
            ("escape", None, _("Don't merge")),
        ], headings=(_("Now (saved)"), _("In the preview"))), chosen)
