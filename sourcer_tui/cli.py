"""Command line: parse → load config → open db → migrate → run the app or a subcommand.

Subcommands never import Textual, so they start fast.  Every expected failure
(bad config, unusable database) is one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__

__all__ = ["main", "build_parser"]

EXIT_USAGE = 2


class CliError(Exception):
    """An expected failure: printed as one line, exit 2."""


def _common(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--config", metavar="PATH", default=default, help="config file (default: platform config dir; env SOURCER_TUI_CONFIG)")
    parser.add_argument("--db", metavar="PATH", default=default, help="database file (default: platform data dir; env SOURCER_TUI_DB)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sourcer-tui", description="A keyboard-driven terminal app for a solo sourcer.")
    parser.add_argument("--version", action="version", version=f"sourcer-tui {__version__}")
    _common(parser, suppress=False)
    parser.add_argument("--demo", action="store_true", help="open the demo database (created on first use)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    today = sub.add_parser("today", help="print what is due today, overdue first")
    _common(today, suppress=True)
    today.add_argument("--demo", action="store_true", default=argparse.SUPPRESS, help="use the demo database")
    today.add_argument("--date", metavar="YYYY-MM-DD", help="stand on another day")
    today.add_argument("--json", action="store_true", help="print JSON")

    stats = sub.add_parser("stats", help="response rates per follow-up step, reasons for no, by source")
    _common(stats, suppress=True)
    stats.add_argument("--demo", action="store_true", default=argparse.SUPPRESS, help="use the demo database")
    stats.add_argument("--mission", type=int, metavar="ID", help="one mission (default: all)")
    stats.add_argument("--since", metavar="YYYY-MM-DD", help="only talents first contacted on or after this day")
    output = stats.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print JSON")
    output.add_argument("--csv", action="store_true", help="print the step table as CSV (for a client report)")

    backup = sub.add_parser("backup", help="copy the database now (consistent, safe while the app runs)")
    _common(backup, suppress=True)
    backup.add_argument("--demo", action="store_true", default=argparse.SUPPRESS, help="the demo database")
    backup.add_argument("target", nargs="?", metavar="PATH", help="where to write it (default: the backups folder, dated)")

    send = sub.add_parser("send-due", help="email today's due follow-ups through your SMTP server")
    _common(send, suppress=True)
    send.add_argument("--demo", action="store_true", default=argparse.SUPPRESS, help="use the demo database")
    send.add_argument("--dry-run", action="store_true", help="only list what would be sent")
    send.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    from . import exchange_cli, import_cli, privacy_cli

    common = lambda p: _common(p, suppress=True)  # noqa: E731
    import_cli.register(sub, common)
    exchange_cli.register(sub, common)
    privacy_cli.register(sub, common)

    demo = sub.add_parser("demo-data", help="generate demo data at any scale into a new database file")
    _common(demo, suppress=True)
    demo.add_argument("--talents", type=int, default=None, help="number of talents (default: the ~150-talent demo)")
    demo.add_argument("--touchpoints", type=int, default=None, help="number of touchpoints (with --talents)")
    demo.add_argument("--seed", type=int, default=7)

    secrets = sub.add_parser("secrets", help="store the SMTP password in the OS keyring, check the keyring")
    _common(secrets, suppress=True)
    actions = secrets.add_subparsers(dest="secrets_command", metavar="ACTION", required=True)
    store = actions.add_parser("set", help="prompt for a password (no echo) and store it in the OS keyring")
    store.add_argument("what", choices=["smtp"], help="which password: smtp")
    _common(store, suppress=True)
    check = actions.add_parser("check", help="is a keyring usable, is the SMTP password stored (exit 1: no keyring)")
    _common(check, suppress=True)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from .cli_output import cleaned_output

    with cleaned_output():  # every line printed, errors included, without control characters
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "today":
            return _today(args)
        if args.command in ("import", "export", "ics", "privacy"):
            return _delegated(args)
        if args.command == "backup":
            return _backup(args)
        if args.command == "send-due":
            from .send_due_cli import run as send_due

            return send_due(args, _settings(args), lambda: _database(args, _settings(args)))
        if args.command == "stats":
            return _stats(args)
        if args.command == "demo-data":
            return _demo_data(args)
        if args.command == "secrets":
            return _secrets(args)
        return _run_app(args)
    except CliError as error:
        print(f"sourcer-tui: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `sourcer-tui today | head`: the reader left, that is fine
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


# -- shared start-up -----------------------------------------------------------
def _settings(args):
    from .config import ConfigError, load_settings
    from .locations import config_path

    try:
        return load_settings(config_path(args.config))
    except ConfigError as error:
        raise CliError(str(error)) from None


def _open(path: Path, *, demo: bool = False):
    from .db.database import DatabaseOpenError, open_database

    try:
        if demo:
            from .clock import SystemClock
            from .services.demo import ensure_demo

            clock = SystemClock()
            return ensure_demo(path, clock.today(), clock.now())
        return open_database(path)
    except DatabaseOpenError as error:
        raise CliError(str(error)) from None


def _database(args, settings) -> tuple[object, Path]:
    from .locations import db_path, demo_db_path

    if getattr(args, "demo", False):
        path = Path(args.db).expanduser() if args.db else demo_db_path()
        return _open(path, demo=True), path
    path = db_path(args.db, settings.database.path)
    return _open(path), path


# -- commands ------------------------------------------------------------------
def _run_app(args) -> int:
    settings = _settings(args)
    db, path = _database(args, settings)
    from .app import make_app

    from .locations import backups_dir

    from .cli_output import raw_output

    label = f"demo · {path}" if args.demo else str(path)
    app = make_app(settings, db, db_label=label, backup_dir=None if args.demo else backups_dir())
    with raw_output():  # Textual writes its own escape sequences
        app.run()
    app.readers.close_all()
    if app.crash_log is not None:
        print(
            f"sourcer-tui stopped on an unexpected error; the details are in {app.crash_log}. "
            "Everything saved is in the database; an unsaved feedback is offered back at the next start.",
            file=sys.stderr,
        )
        return 1
    return 0


def _today(args) -> int:
    from .services.today_report import due_report

    from .clock import SystemClock
    from .services.cadence import sweep

    settings = _settings(args)
    now = SystemClock().now()
    if args.date:
        try:
            day = dt.date.fromisoformat(args.date)
        except ValueError:
            raise CliError(f"--date: not a date: {args.date!r} (expected YYYY-MM-DD)") from None
    else:
        day = now.date()
    _database(args, settings)
    sweep(min(day, now.date()), now, settings)  # never snooze anyone on a day that has not come
    items = due_report(day)
    if args.json:
        json.dump(items, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    from .domain.text import clean_line

    print(f"Today {day.isoformat()} — {len(items)} due")
    for item in items:
        late = (day - dt.date.fromisoformat(item["due"])).days
        when = f"{late}d late" if late > 0 else "today"
        mission = f" [{item['mission']}]" if item["mission"] else ""
        print(f"{when:>9}  {item['kind']:<16} {item['talent']}{mission}  {clean_line(item['detail'])}")  # one line each
    return 0


def _delegated(args) -> int:
    """Subcommands whose code lives in their own module."""
    from . import exchange_cli, import_cli, privacy_cli

    run = {
        "import": import_cli.run,
        "export": exchange_cli.run_export,
        "ics": exchange_cli.run_ics,
        "privacy": privacy_cli.run,
    }[args.command]
    settings = _settings(args)
    return run(args, settings, lambda: _database(args, settings)[0])


def _backup(args) -> int:
    from .clock import SystemClock
    from .locations import backups_dir
    from .services.backup import backup_to

    settings = _settings(args)
    db, path = _database(args, settings)
    db.close()
    now = SystemClock().now()
    target = Path(args.target).expanduser() if args.target else backups_dir() / f"{path.stem}-{now:%Y-%m-%d-%H%M%S}.db"
    try:
        written = backup_to(path, target)
    except (OSError, ValueError, sqlite3.Error) as error:
        raise CliError(f"{target}: cannot write the backup ({error})") from None
    print(f"backed up {path} to {written} ({written.stat().st_size / 1e6:.1f} MB)")
    return 0


def _stats(args) -> int:
    from .services import missions
    from .services.errors import NotFound
    from .services.stats import compute
    from .services.stats_report import csv_steps, text_report

    settings = _settings(args)
    since = None
    if args.since:
        try:
            since = dt.date.fromisoformat(args.since)
        except ValueError:
            raise CliError(f"--since: not a date: {args.since!r} (expected YYYY-MM-DD)") from None
    _database(args, settings)
    title = "All missions"
    if args.mission is not None:
        try:
            title = missions.get_mission(args.mission).title
        except NotFound:
            raise CliError(f"--mission: no mission with id {args.mission}") from None
    report = compute(args.mission, since, settings.talent.decline_reasons, settings.talent.sources, rejection_reasons=settings.talent.rejection_reasons)
    if args.json:
        json.dump(report.as_dict(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif args.csv:
        sys.stdout.write(csv_steps(report))
    else:
        scope = f"{title}, first messages since {since.isoformat()}" if since else f"{title}, all time"
        sys.stdout.write(text_report(report, scope))
    return 0


def _demo_data(args) -> int:
    import time

    from .clock import SystemClock
    from .db.models import Mission
    from .services.demo import build_demo, build_scale

    if not args.db:
        raise CliError("demo-data needs --db PATH (a new file)")
    path = Path(args.db).expanduser()
    db = _open(path)
    if Mission.select().exists():
        raise CliError(f"{path}: already holds data; demo-data only fills a new, empty file")
    today = SystemClock().today()
    started = time.perf_counter()
    if args.talents is None:
        counts = build_demo(db, today, seed=args.seed, now=SystemClock().now())
    else:
        touchpoints = args.touchpoints if args.touchpoints is not None else args.talents * 10
        if args.talents < 1 or touchpoints < 0:
            raise CliError("--talents must be at least 1 and --touchpoints at least 0")
        counts = build_scale(db, today, talents=args.talents, touchpoints=touchpoints, seed=args.seed, progress=lambda line: print(line, file=sys.stderr))
    elapsed = time.perf_counter() - started
    size = os.path.getsize(path) / 1e6
    summary = ", ".join(f"{value:,} {key}" for key, value in counts.items())
    print(f"{path}: {summary} in {elapsed:.1f} s ({size:.0f} MB)")
    return 0


def _secrets(args) -> int:
    from .secrets_cli import run

    return run(args, _settings(args))
