"""Command-palette entries (ctrl+p) for the app's own actions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import SystemCommand

if TYPE_CHECKING:
    from .app import SourcerApp

__all__ = ["app_commands"]

PIPELINE_ACTIONS = (
    ("Choose mission", "Show one mission, all missions or the talent pool", "choose_mission"),
    ("New mission", "Create a mission", "new_mission"),
    ("New talent", "Create a talent (added to the current mission)", "new_talent"),
    ("Edit talent", "Edit the selected talent", "edit_talent"),
    ("Add to mission", "Add the selected talent to a mission", "add_to_mission"),
    ("Move to stage…", "Pick a stage for the selected candidacy", "pick_stage"),
    ("Search talents", "Full-text search in the pipeline", "search"),
)
PANES = (("Pipeline", "pipeline"), ("Today", "today"), ("Capture", "capture"), ("Snoozed", "snoozed"))


def app_commands(app: "SourcerApp") -> Iterable[SystemCommand]:
    main = getattr(app, "main_screen", None)
    if main is None:
        return
    pipeline = main.query_one("#pipeline")

    for title, help_text, action in PIPELINE_ACTIONS:
        yield SystemCommand(title, help_text, app.guard(action, getattr(pipeline, f"action_{action}")))
    for title, pane in PANES:
        yield SystemCommand(f"Go to {title}", f"Focus the {title} pane", lambda pane=pane: main.action_focus_pane(pane))
    yield SystemCommand("Stats", "Response rates per follow-up step, reasons for no, by source", main.action_stats)
    yield SystemCommand("Templates", "Message templates per step and channel, with a preview", main.action_templates)
    yield SystemCommand("Privacy review", "Talents past the retention limit: renew consent, anonymise, erase", main.action_privacy)
    yield SystemCommand("Import CSV", "Import talents from a CSV file (preview first)", app.guard("import_file", main.action_import_file))
    yield SystemCommand("Edit mission", "Title, status and cadence of the mission shown", app.guard("edit_mission", pipeline.action_edit_mission))
    yield SystemCommand("Next feedback owed", "Write the newest feedback still owed", app.guard("next_feedback", main.action_next_feedback))
    yield SystemCommand("Keys", "Show every key (help)", app.action_help)
