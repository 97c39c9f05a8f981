"""Importing talents from the TUI: file and options, a preview of what happens, then confirm.

The same service as ``sourcer-tui import``: nothing is written until you
confirm, and then everything in one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..services import importer, missions
from ..services.errors import ServiceError

__all__ = ["start_import"]


def start_import(screen) -> None:
    """Ask for the file (``I`` on the main screen)."""
    from ..domain.vocab import label
    from ..modals.form import Field, FormModal

    app = screen.app
    sources = app.settings.talent.sources
    mission_choices = [(m.display, str(m.id)) for m in missions.list_missions() if m.status != "closed"]
    fields = [
        Field("path", "CSV file *", placeholder="~/Downloads/export.csv"),
        Field("mission", "Add them to mission", "select", mission_choices),
        Field("source", "Source (new talents)", "select", [(label(s), s) for s in sources]),
    ]

    def validate(data: Mapping[str, str]):
        path = Path(data.get("path", "").strip()).expanduser()
        if not data.get("path", "").strip():
            return {}, {"path": "the path of a .csv file"}
        if not path.is_file():
            return {}, {"path": f"no file at {path}"}
        return {"path": path, "mission": int(data["mission"]) if data.get("mission") else None, "source": data.get("source") or None}, {}

    app.push_screen(FormModal("Import talents from a CSV file", fields, validate), lambda data: data and _preview(screen, data))


def _preview(screen, data: dict) -> None:
    from ..modals.choice import ChoiceModal

    app = screen.app
    try:
        plan = importer.plan_import(data["path"], source=data["source"], sources=app.settings.talent.sources, mission_id=data["mission"])
    except ServiceError as error:
        screen.notify(str(error), severity="error", markup=False)
        return
    mapping = ", ".join(f"{column} → {field}" for column, field in plan.mapping.items())
    lines = [
        f"{data['path'].name}: {plan.encoding}, {plan.delimiter_name}-separated",
        f"columns: {mapping}" + (f" (ignored: {', '.join(plan.ignored)})" if plan.ignored else ""),
        f"{plan.new} new · {plan.merged} merged into existing talents (empty fields only) · {plan.skipped} duplicates skipped · {len(plan.rejected)} bad rows",
    ]
    if data["mission"]:
        lines.append(f"{plan.added_to_mission} added to the mission")
    lines += _listed(plan.rejected_lines())
    if plan.conflicts:
        lines.append(f"{len(plan.conflicts)} different values of duplicates, not imported (the talent keeps its own):")
        lines += _listed(plan.conflict_lines())
    if plan.possible_duplicates:
        lines.append(f"{len(plan.possible_duplicates)} possible duplicates by name (no email or profile URL to be sure):")
        lines += _listed(plan.possible_duplicate_lines())
    choices = [("s", "skip", "Import the good rows, skip the bad ones")] if plan.rejected else [("y", "all", "Import")]
    choices.append(("escape", None, "Cancel: nothing is written"))
    app.push_screen(ChoiceModal("\n".join(lines), choices), lambda choice: choice and _run(screen, data, skip_bad=choice == "skip"))


def _listed(lines: list[str], shown: int = 6) -> list[str]:
    more = [f"  … and {len(lines) - shown} more"] if len(lines) > shown else []
    return [f"  {line}" for line in lines[:shown]] + more


def _run(screen, data: dict, *, skip_bad: bool) -> None:
    app = screen.app
    try:
        plan = importer.run_import(
            data["path"], now=app.clock.now(), source=data["source"], mission_id=data["mission"],
            skip_bad=skip_bad, sources=app.settings.talent.sources,
        )
    except ServiceError as error:
        screen.notify(str(error), severity="error", markup=False)
        return
    screen.notify(f"Imported: {plan.new} new, {plan.merged} merged, {plan.skipped} skipped, {len(plan.rejected)} bad rows left out.", markup=False)
    screen.reload_all()
