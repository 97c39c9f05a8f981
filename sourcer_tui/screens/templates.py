"""Message templates: one per step and channel, for all missions or one; edited here.

The panel under the list previews the template rendered for a talent (the
one selected when the screen was opened), literally: data is never markup.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from ..domain.templates import ALL_PLACEHOLDERS, TemplateError, check
from ..domain.vocab import label
from ..i18n import N_, _
from ..services import missions, outreach, talents, templates
from ..services.errors import ServiceError
from ..services.paging import ListRows
from ..services.templates import StoredTemplate
from ..widgets.key_footer import KeyFooter
from ..widgets.title_bar import TitleBar
from ..widgets.virtual_list import VirtualList

__all__ = ["TemplatesScreen"]

STEPS = 3  # first message + 3 follow-ups (more are added by the cadence if configured)
#: Where a template comes from (StoredTemplate.origin), as the list shows it.
ORIGINS = {"mission": N_("this mission"), "global": N_("custom"), "default": N_("built-in")}


class TemplateList(VirtualList):
    empty_text = N_("No template.")

    def render_item(self, item: StoredTemplate, width: int) -> Text:
        origin = _(ORIGINS[item.origin])
        channel = label(item.channel)
        step = f"{item.label:<{_step_width()}}"
        return Text.assemble(step, (f"{channel:<10}", "cyan"), (f"{origin:<13}", "dim"), item.subject or item.body.split("\n")[0])


def _step_width() -> int:
    """The step column: 15 cells, or wider when a translated step name needs it."""
    return max(15, cell_len(_("first message")) + 1, cell_len(_("follow-up {step}").format(step=STEPS)) + 1)


class TemplatesScreen(Screen):
    BINDINGS = [
        Binding("escape,q", "app.pop_screen", N_("Back"), id="templates.back"),
        Binding("e", "edit", N_("Edit"), id="templates.edit", tooltip=N_("Enter does the same")),
        Binding("x", "reset", N_("Reset"), id="templates.reset", tooltip=N_("Back to the template of all missions, or the built-in one")),
        Binding("m", "choose_mission", N_("Mission"), id="templates.mission", tooltip=N_("Templates for all missions, or one mission's own")),
        Binding("y", "copy(True)", N_("Copy"), id="templates.copy", tooltip=N_("Copy the message as the preview shows it, filled in for the talent")),
        Binding("Y", "copy(False)", N_("Copy template"), show=False, id="templates.copy_raw", tooltip=N_("Copy the template itself, placeholders and all")),
    ]

    def __init__(self, preview_talent: int | None = None, mission_id: int | None = None) -> None:
        super().__init__()
        self.preview_talent = preview_talent
        self.mission_id = mission_id

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="templates-scope")
        with Vertical(id="templates-box"):
            yield TemplateList(id="templates-list")
            yield Static(id="templates-preview")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.sub_title = _("Message templates")
        if self.preview_talent is None:
            self.preview_talent = talents.first_talent_id()
        self.refresh_list()
        self.query_one(TemplateList).focus()

    def refresh_list(self) -> None:
        if self.mission_id is None:
            scope = _("all missions")
        else:
            scope = _("the mission {title}").format(title=missions.get_mission(self.mission_id).title)
        before, _scope, after = _("Templates for {scope}").partition("{scope}")
        placeholders = " ".join("{" + p + "}" for p in ALL_PLACEHOLDERS)
        shown = Text.assemble(
            (before, "bold"), (scope, "bold"), (after, "bold"), ("   " + _("placeholders: {names}").format(names=placeholders), "dim")
        )
        self.query_one("#templates-scope", Static).update(shown)
        self.query_one(TemplateList).set_rows(ListRows(templates.list_templates(self.mission_id, STEPS)))
        self._preview(self.query_one(TemplateList).item)

    def on_virtual_list_highlighted(self, event: VirtualList.Highlighted) -> None:
        self._preview(event.item)

    def on_virtual_list_selected(self, event: VirtualList.Selected) -> None:
        self.action_edit()

    def _preview(self, item: StoredTemplate | None) -> None:
        panel = self.query_one("#templates-preview", Static)
        if item is None:
            panel.update("")
            return
        if self.preview_talent is None:
            panel.update(Text(_("Add a talent to see a preview."), style="italic"))
            return
        try:
            composed = outreach.compose(self.preview_talent, talents.latest_candidacy(self.preview_talent), item.step, item.channel, self.app.settings, self.app.clock.today())
        except TemplateError as error:
            panel.update(Text(_("Cannot render: {error}").format(error=error), style="red"))
            return
        except ServiceError as error:
            panel.update(Text(str(error), style="red"))
            return
        before, _name, after = _("Preview for {name}").partition("{name}")
        text = Text(before, style="dim")
        text.append(talents.get_talent(self.preview_talent).name, "bold")
        text.append(after, "dim")
        if composed.subject:
            text.append("\n" + _("Subject:") + " ", "bold")
            text.append(composed.subject)
        text.append("\n\n")
        text.append(composed.body)
        panel.update(text)

    def action_copy(self, filled: bool) -> None:
        """The selected template to the clipboard: filled in for the preview's talent, or as written."""
        item = self.query_one(TemplateList).item
        if item is None:
            return
        subject, body = item.subject, item.body
        if filled and self.preview_talent is not None:
            try:
                composed = outreach.compose(self.preview_talent, talents.latest_candidacy(self.preview_talent), item.step, item.channel,
                                            self.app.settings, self.app.clock.today())
                subject, body = composed.subject, composed.body
            except (TemplateError, ServiceError):
                filled = False  # as written, then
        else:
            filled = False
        text = _("Subject: {subject}\n\n{body}").format(subject=subject, body=body) if subject else body
        self.app.copy_to_clipboard(text)
        self.notify(_("Copied, filled in for the preview's talent.") if filled else _("Copied the template as written."), markup=False)

    def action_edit(self) -> None:
        from ..modals.form import Field, FormModal

        item = self.query_one(TemplateList).item
        if item is None:
            return

        def validate(data: Mapping[str, str]):
            errors = {}
            for field in ("subject", "body"):
                problems = check(data.get(field, ""))
                if problems:
                    errors[field] = str(TemplateError(problems))
            if not data.get("body", "").strip():
                errors["body"] = _("the message is empty")
            return dict(data), errors

        def saved(data: dict | None) -> None:
            if data is None:
                return
            try:
                templates.save_template(item.step, item.channel, self.mission_id, data["subject"], data["body"], self.app.clock.now())
            except ServiceError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            self.notify(_("Template saved."))
            self.refresh_list()

        fields = [Field("subject", _("Subject (email)")), Field("body", _("Message"), "longtext")]
        if self.mission_id is None:
            title = _("Template: {step}, {channel}").format(step=item.label, channel=label(item.channel))
        else:
            title = _("Template: {step}, {channel} — this mission only").format(step=item.label, channel=label(item.channel))
        self.app.push_screen(FormModal(title, fields, validate, {"subject": item.subject, "body": item.body}), saved)

    def action_reset(self) -> None:
        item = self.query_one(TemplateList).item
        if item is None or item.origin == "default" or (self.mission_id is not None and item.origin != "mission"):
            self.notify(_("Nothing to reset here: this is not a template stored for this scope."), severity="warning")
            return
        from ..modals.choice import ChoiceModal

        which = _("{step}, {channel}").format(step=item.label, channel=label(item.channel))
        if self.mission_id is None:
            question = _("Reset the template {which} to the built-in one? Your text is replaced (ctrl+z brings it back).")
        else:
            question = _("Reset this mission's template {which} to the one of all missions? Its text is replaced (ctrl+z brings it back).")

        def chosen(ok: bool | None) -> None:
            if not ok:
                return
            try:
                with self.app.undoable(_("reset the template {which}").format(which=which), templates=True):
                    templates.reset_template(item.step, item.channel, self.mission_id)
            except ServiceError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            self.notify(_("Template reset."))
            self.refresh_list()

        self.app.push_screen(ChoiceModal(question.format(which=which), [("y", True, _("Yes, reset it")), ("escape", None, _("No, keep it"))]), chosen)

    def action_choose_mission(self) -> None:
        from ..modals.picker import PickerModal

        every = "__all__"
        options = [(every, _("All missions"))] + [(m.id, m.display) for m in missions.list_missions()]

        def chosen(value) -> None:
            if value is not None:
                self.mission_id = None if value == every else value
                self.refresh_list()

        self.app.push_screen(PickerModal(_("Templates of which mission?"), options), chosen)
