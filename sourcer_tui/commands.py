"""Command-palette entries (ctrl+p) for the app's own actions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from .i18n import N_, _

if TYPE_CHECKING:
    from .app import SourcerApp

__all__ = ["app_commands"]

PIPELINE_ACTIONS = (
    (N_("Choose mission"), N_("Show one mission, all missions or the talent pool"), "choose_mission"),
    (N_("New mission"), N_("Create a mission"), "new_mission"),
    (N_("New talent"), N_("Create a talent (added to the current mission)"), "new_talent"),
    (N_("Edit talent"), N_("Edit the selected talent"), "edit_talent"),
    (N_("Add to mission"), N_("Add the selected talent to a mission"), "add_to_mission"),
    (N_("Move to stage…"), N_("Pick a stage for the selected candidacy"), "pick_stage"),
    (N_("Search talents"), N_("Full-text search in the pipeline"), "search"),
)
PANES = (
    (N_("Go to Pipeline"), N_("Focus the Pipeline pane"), "pipeline"),
    (N_("Go to Today"), N_("Focus the Today pane"), "today"),
    (N_("Go to Capture"), N_("Focus the Capture pane"), "capture"),
    (N_("Go to Snoozed"), N_("Focus the Snoozed pane"), "snoozed"),
)


def app_commands(app: "SourcerApp") -> Iterable[SystemCommand]:
    main = getattr(app, "main_screen", None)
    if main is None:
        return
    pipeline = main.query_one("#pipeline")

    for title, help_text, action in PIPELINE_ACTIONS:
        yield SystemCommand(_(title), _(help_text), app.guard(action, getattr(pipeline, f"action_{action}")))
    for title, help_text, pane in PANES:
        yield SystemCommand(_(title), _(help_text), lambda pane=pane: main.action_focus_pane(pane))
    yield SystemCommand(_("Stats"), _("Response rates per follow-up step, reasons for no, by source"), main.action_stats)
    yield SystemCommand(_("Templates"), _("Message templates per step and channel, with a preview"), main.action_templates)
    yield SystemCommand(_("Privacy review"), _("Talents past the retention limit: renew consent, anonymise, erase"), main.action_privacy)
    yield SystemCommand(_("Import CSV"), _("Import talents from a CSV file (preview first)"), app.guard("import_file", main.action_import_file))
    yield SystemCommand(_("Edit mission"), _("Title, status and cadence of the mission shown"), app.guard("edit_mission", pipeline.action_edit_mission))
    yield SystemCommand(_("Next feedback owed"), _("Write the newest feedback still owed"), app.guard("next_feedback", main.action_next_feedback))
    yield SystemCommand(_("Keys"), _("Show every key (help)"), app.action_help)
