"""``sourcer-tui import FILE``: talents from a CSV export (or a JSON export of this app).

A CSV is read, checked and deduplicated first; the detected encoding,
delimiter and column mapping are printed with the counts, so a ``--dry-run``
shows exactly what an import would do.  A bad row stops everything (nothing
written, exit 2) unless ``--skip-bad``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..i18n import _, ngettext
from .args import record_id

__all__ = ["register", "run"]


def register(sub, common) -> None:
    """Add the ``import`` subcommand to the argparse subparsers *sub*."""
    from ..services.importer import IGNORE, IMPORT_FIELDS, field_label  # the fields as the reader names them

    parser = sub.add_parser(
        "import",
        help=_("import talents from a CSV export (LinkedIn, Lever, a spreadsheet) or a JSON export"),
        description=_(
            "Import talents from a CSV file (encoding, delimiter and columns are detected; "
            "English or French headers) or from a JSON export. Duplicates (same email or LinkedIn URL) "
            "only fill empty fields: nothing stored is overwritten."
        ),
    )
    common(parser)
    parser.add_argument("--demo", action="store_true", default=argparse.SUPPRESS, help=_("use the demo database"))
    parser.add_argument("file", metavar=_("FILE"), help=_("a .csv file (or a .json export)"))
    parser.add_argument("--mission", type=record_id, metavar="ID", help=_("also put every imported talent in this mission"))
    parser.add_argument("--source", metavar=_("CHANNEL"), help=_("source of new talents whose row has none (e.g. linkedin)"))
    parser.add_argument("--dry-run", action="store_true", help=_("show what would happen, write nothing"))
    parser.add_argument("--skip-bad", action="store_true", help=_("import the good rows even when some are bad"))
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar=_("COL=FIELD"),
        help=_("read column COL as FIELD ({fields}, or {ignore}); repeatable").format(
            fields=", ".join(field_label(name) for name in IMPORT_FIELDS), ignore=field_label(IGNORE)
        ),
    )


def _mapping(pairs: list[str] | None) -> dict[str, str]:
    from .errors import CliError

    mapping: dict[str, str] = {}
    for pair in pairs or []:
        column, sep, target = pair.partition("=")
        if not sep or not column.strip() or not target.strip():
            raise CliError(_("--map: expected COLUMN=FIELD, got {pair}").format(pair=repr(pair)))
        mapping[column.strip()] = target.strip()
    return mapping


def _report(path: Path, plan, *, mission: str | None = None, dry_run: bool = False, written: bool = True) -> None:
    from ..services.importer import field_label

    print(_("{path}: encoding {encoding}, delimiter {delimiter}").format(path=path, encoding=plan.encoding, delimiter=plan.delimiter_name))
    width = max((len(column) for column in plan.mapping), default=0)
    for column, target in plan.mapping.items():
        print(f"  {column:<{width}}  -> {field_label(target)}")
    if plan.ignored:
        print("  " + _("ignored: {columns}").format(columns=", ".join(plan.ignored)))
    if dry_run and plan.preview:
        print(_("preview:"))
        for row in plan.preview:
            details = " · ".join(v for v in (row["headline"], row["company"], row["email"] or row["linkedin_url"]) if v)
            print(f"  {row['name']}" + (f" — {details}" if details else ""))
    print(
        _("new {new} · merged {merged} · skipped {skipped} · rejected {rejected}").format(
            new=plan.new, merged=plan.merged, skipped=plan.skipped, rejected=len(plan.rejected)
        )
    )
    for line in plan.rejected_lines():
        print(f"  {line}")
    if plan.conflicts:
        print(_("different values of duplicates, not imported (the talent keeps its own): {n}").format(n=len(plan.conflicts)))
        for line in plan.conflict_lines():
            print(f"  {line}")
    if plan.possible_duplicates:
        print(_("possible duplicates by name (no email or profile URL to be sure): {n}").format(n=len(plan.possible_duplicates)))
        for line in plan.possible_duplicate_lines():
            print(f"  {line}")
    if mission is not None:
        n = plan.added_to_mission
        if dry_run:
            text = ngettext("{n} talent would be added to the mission {mission}", "{n} talents would be added to the mission {mission}", n)
        else:
            text = ngettext("{n} talent added to the mission {mission}", "{n} talents added to the mission {mission}", n)
        print(text.format(n=n, mission=repr(mission)))
    if dry_run:
        print(_("dry run: nothing written"))
    elif not written:
        print(_("nothing written"))


def _run_json(path: Path, args, settings, open_db) -> int:
    from .errors import CliError
    from .output import table_count
    from ..clock import SystemClock
    from ..services.errors import ServiceError

    extra = [flag for flag, value in (("--mission", args.mission), ("--source", args.source),
                                      ("--dry-run", args.dry_run), ("--skip-bad", args.skip_bad),
                                      ("--map", args.map)) if value]
    if extra:
        raise CliError(_("{options}: only for CSV files, not for a JSON export").format(options=", ".join(extra)))
    try:
        from ..services.exchange import import_json
    except ImportError:
        raise CliError(_("JSON import is not available in this version (sourcer_tui.services.exchange is missing)")) from None
    open_db()
    try:
        result = import_json(path, SystemClock().now(), skip_weekends=settings.cadence.skip_weekends)
    except ServiceError as error:
        raise CliError(str(error)) from None
    if isinstance(result, dict):
        print(f"{path}: " + ", ".join(table_count(key, value) for key, value in result.items()))
    elif result is not None:
        print(f"{path}: {result}")
    else:
        print(_("{path}: imported").format(path=path))
    return 0


def run(args, settings, open_db) -> int:
    """Run ``import``; expected failures raise :class:`~sourcer_tui.cli.CliError` (one line, exit 2)."""
    from .errors import CliError

    path = Path(args.file).expanduser()
    if not path.exists():
        raise CliError(_("{path}: no such file").format(path=path))
    if not path.is_file():
        raise CliError(_("{path}: not a file").format(path=path))
    if path.suffix.lower() == ".json":
        return _run_json(path, args, settings, open_db)

    import sqlite3

    import peewee

    from ..clock import SystemClock
    from ..services.errors import ServiceError
    from ..services.importer import ImportRejected, check_mission, plan_import, run_import

    mapping = _mapping(args.map)
    open_db()
    sources = settings.talent.sources
    mission = None
    try:
        if args.mission is not None:
            mission = check_mission(args.mission).title
        if args.dry_run:
            plan = plan_import(path, mapping=mapping, source=args.source, sources=sources, mission_id=args.mission)
            _report(path, plan, mission=mission, dry_run=True)
            if plan.rejected and not args.skip_bad:
                count = len(plan.rejected)
                raise CliError(
                    ngettext(
                        "{n} bad row: an import would write nothing; fix them or use --skip-bad",
                        "{n} bad rows: an import would write nothing; fix them or use --skip-bad",
                        count,
                    ).format(n=count)
                )
            return 0
        plan = run_import(
            path,
            now=SystemClock().now(),
            mapping=mapping,
            source=args.source,
            mission_id=args.mission,
            skip_bad=args.skip_bad,
            sources=sources,
            stage=settings.pipeline.stages[0],
        )
    except (peewee.DatabaseError, sqlite3.Error) as error:  # the disk filled up, an I/O error: one transaction, so nothing
        from ..db.database import is_damage
        from ..db.models import database_proxy
        from ..services.errors import storage_trouble

        if is_damage(error):
            raise  # a damaged file: the command line names it and the last backup
        raise CliError(
            _("{path}: nothing imported: {reason}").format(path=database_proxy.obj.database, reason=storage_trouble(error))
        ) from None
    except ImportRejected as rejected:
        _report(path, rejected.plan, written=False)
        count = len(rejected.plan.rejected)
        raise CliError(
            ngettext(
                "{n} bad row: nothing imported; fix them or use --skip-bad",
                "{n} bad rows: nothing imported; fix them or use --skip-bad",
                count,
            ).format(n=count)
        ) from None
    except ServiceError as error:
        raise CliError(str(error)) from None
    _report(path, plan, mission=mission)
    return 0
