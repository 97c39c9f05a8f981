"""``sourcer-tui export`` and ``sourcer-tui ics``: the data as JSON or CSV, the due items as a calendar.

* ``export --format json|csv [--mission ID] OUT`` — JSON is the lossless,
  re-importable document; CSV one spreadsheet row per candidacy.  Without
  ``--format`` the format is read from OUT's extension (``.json``/``.csv``).
* ``ics OUT [--days N]`` — the pending due items (overdue ones included, up
  to N days ahead, default 90) as events for a calendar app: all-day, or a
  30-minute event in the local time zone with an alarm (``[calendar]
  alarm_minutes``) for a next step typed with its time (``demain 14h30``).

No Textual here: these start fast.  Expected failures raise
:class:`sourcer_tui.cli.errors.CliError` (one line, exit 2).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from ..i18n import _, formats, ngettext
from .args import bounded, csv_dialect, record_id

__all__ = ["register", "run_export", "run_ics", "MAX_DAYS"]

MAX_DAYS = 3660  # ten years ahead

#: The export's tables, in order (their counts read as cli/output.table_count writes them).
_TABLES = ("missions", "talents", "candidacies", "touchpoints", "reminders", "snoozes", "templates", "grid_criteria", "grid_scores")


def register(sub, common: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add the ``export`` and ``ics`` subcommands to *sub* (argparse subparsers)."""
    export = sub.add_parser(
        "export",
        help=_("write the data to a file: json (complete, re-importable) or csv (one row per candidacy)"),
        description=_(
            "Write the data to OUT (written atomically, readable by you only: it holds personal data). "
            "Never over a database; over an existing file only with --force."
        ),
    )
    common(export)
    export.add_argument("--demo", action="store_true", default=argparse.SUPPRESS, help=_("use the demo database"))
    export.add_argument("--format", choices=("csv", "json"), help=_("csv or json (default: from OUT's extension)"))
    csv_dialect(export)
    export.add_argument("--mission", type=record_id, metavar="ID", help=_("only one mission (default: everything)"))
    export.add_argument("--force", action="store_true", help=_("replace {what} if it exists (never a database)").format(what=_("OUT")))
    export.add_argument("out", metavar=_("OUT"), help=_("the file to write"))

    ics = sub.add_parser(
        "ics",
        help=_("write what is due (overdue and the next days) as an iCalendar file of all-day events"),
        description=_("Write the pending due items as all-day events; re-exporting updates them in your calendar."),
    )
    common(ics)
    ics.add_argument("--demo", action="store_true", default=argparse.SUPPRESS, help=_("use the demo database"))
    ics.add_argument(
        "--days", type=bounded(0, MAX_DAYS), default=90, metavar="N",
        help=_("how many days ahead, 0 to {most} (default: 90)").format(most=MAX_DAYS),
    )
    ics.add_argument("--force", action="store_true", help=_("replace {what} if it exists (never a database)").format(what=_("OUT")))
    ics.add_argument("out", metavar=_("OUT"), help=_("the .ics file to write"))


def _format_of(args, out: Path) -> str:
    from .errors import CliError

    if args.format:
        return args.format
    suffix = out.suffix.lower().lstrip(".")
    if suffix in ("csv", "json"):
        return suffix
    raise CliError(_("--format: say csv or json (cannot tell from the name {name})").format(name=repr(out.name)))


def writable(out: Path, force: bool) -> Path:
    """*out* if a command may write it (:func:`.services.outputs.check_target`), else CliError.

    Asked before the database is opened; the export itself asks again with
    the open database's path."""
    from .errors import CliError
    from ..services.outputs import WriteRefused, check_target

    try:
        return check_target(out, force=force, what="export")
    except WriteRefused as error:
        raise CliError(str(error)) from None


def run_export(args, settings, open_db) -> int:
    """``sourcer-tui export``: one summary line on stdout."""
    from .errors import CliError
    from ..services import exchange
    from ..services.errors import NotFound, ServiceError

    out = writable(Path(args.out).expanduser(), args.force)
    kind = _format_of(args, out)
    open_db()
    try:
        if kind == "json":
            counts = exchange.export_json(out, mission_id=args.mission, force=args.force)
        else:
            counts = exchange.export_csv(out, mission_id=args.mission, force=args.force, dialect=args.csv_dialect)
    except NotFound:
        raise CliError(_("--mission: no mission with id {id}").format(id=args.mission)) from None
    except ServiceError as error:
        raise CliError(str(error)) from None
    from .output import table_count

    def counted(key: str) -> str:
        return table_count(key, counts[key], formats.number(counts[key]))

    if kind == "json":
        summary = ", ".join(counted(key) for key in _TABLES)
    else:
        summary = ngettext(
            "{talents}, {candidacies} ({rows} row)", "{talents}, {candidacies} ({rows} rows)", counts["rows"]
        ).format(talents=counted("talents"), candidacies=counted("candidacies"), rows=formats.number(counts["rows"]))
    print(_("exported {summary} to {path}").format(summary=summary, path=out))
    return 0


def run_ics(args, settings, open_db) -> int:
    """``sourcer-tui ics``: one summary line on stdout."""
    from .errors import CliError
    from ..clock import SystemClock
    from ..services import exchange
    from ..services.errors import ServiceError

    if args.days < 0:
        raise CliError(_("--days must be 0 or more"))
    out = writable(Path(args.out).expanduser(), args.force)
    open_db()
    today = SystemClock().today()
    try:
        count = exchange.export_ics(out, today, days=args.days, force=args.force,
                                    alarm_minutes=settings.calendar.alarm_minutes)
    except ServiceError as error:
        raise CliError(str(error)) from None
    print(
        ngettext(
            "exported {count} due item (overdue and the next {days} days) to {path}",
            "exported {count} due items (overdue and the next {days} days) to {path}",
            count,
        ).format(count=formats.number(count), days=args.days, path=out)
    )
    return 0
