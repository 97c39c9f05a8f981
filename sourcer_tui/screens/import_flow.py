"""Importing talents from the TUI: file and options, a preview of what happens, then confirm.

The same service as ``sourcer-tui import``: nothing is written until you
confirm, and then everything in one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..i18n import _
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
        Field("path", _("CSV file *"), placeholder=_("~/Downloads/export.csv")),
        Field("mission", _("Add them to mission"), "select", mission_choices),
        Field("source", _("Source (new talents)"), "select", [(label(s), s) for s in sources]),
    ]

    def validate(data: Mapping[str, str]):
        path = Path(data.get("path", "").strip()).expanduser()
        if not data.get("path", "").strip():
            return {}, {"path": _("the path of a .csv file")}
        if not path.is_file():
            return {}, {"path": _("no file at {path}").format(path=path)}
        return {"path": path, "mission": int(data["mission"]) if data.get("mission") else None, "source": data.get("source") or None}, {}

    app.push_screen(FormModal(_("Import talents from a CSV file"), fields, validate), lambda data: data and _preview(screen, data))


def _preview(screen, data: dict) -> None:
    from ..modals.choice import ChoiceModal

    app = screen.app
    try:
        plan = importer.plan_import(data["path"], source=data["source"], sources=app.settings.talent.sources, mission_id=data["mission"])
    except ServiceError as error:
        screen.notify(str(error), severity="error", markup=False)
        return
    mapping = ", ".join(f"{column} → {importer.field_label(field)}" for column, field in plan.mapping.items())
    if plan.ignored:
        columns = _("columns: {mapping} (ignored: {ignored})").format(mapping=mapping, ignored=", ".join(plan.ignored))
    else:
        columns = _("columns: {mapping}").format(mapping=mapping)
    lines = [
        _("{file}: {encoding}, {delimiter}-separated").format(file=data["path"].name, encoding=plan.encoding, delimiter=plan.delimiter_name),
        columns,
        _("{new} new · {merged} merged into existing talents (empty fields only) · {skipped} duplicates skipped · {bad} bad rows").format(
            new=plan.new, merged=plan.merged, skipped=plan.skipped, bad=len(plan.rejected)
        ),
    ]
    if data["mission"]:
        lines.append(_("{n} added to the mission").format(n=plan.added_to_mission))
    lines += _listed(plan.rejected_lines())
    if plan.conflicts:
        lines.append(_("{n} different values of duplicates, not imported (the talent keeps its own):").format(n=len(plan.conflicts)))
        lines += _listed(plan.conflict_lines())
    if plan.possible_duplicates:
        lines.append(_("{n} possible duplicates by name (no email or profile URL to be sure):").format(n=len(plan.possible_duplicates)))
        lines += _listed(plan.possible_duplicate_lines())
    choices = [("s", "skip", _("Import the good rows, skip the bad ones"))] if plan.rejected else [("y", "all", _("Import"))]
    choices.append(("escape", None, _("Cancel: nothing is written")))
    app.push_screen(ChoiceModal("\n".join(lines), choices), lambda choice: choice and _run(screen, data, skip_bad=choice == "skip"))


def _listed(lines: list[str], shown: int = 6) -> list[str]:
    more = ["  " + _("… and {n} more").format(n=len(lines) - shown)] if len(lines) > shown else []
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
    said = _("Imported: {new} new, {merged} merged, {skipped} skipped, {bad} bad rows left out.").format(
        new=plan.new, merged=plan.merged, skipped=plan.skipped, bad=len(plan.rejected)
    )
    screen.notify(said, markup=False)
    screen.reload_all()
