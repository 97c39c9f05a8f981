"""Command line: parse → load config → open db → migrate → run the app or a subcommand.

Subcommands never import Textual, so they start fast.  Every expected failure
(bad config, unusable or damaged database, a file that must not be written,
bad arguments) is one line on stderr and exit code 2; an unexpected one (a
bug) is one line naming the log file that holds its traceback, exit code 1.
Whatever the command, the database is checkpointed and closed when it ends:
the ``.db`` file alone then holds everything.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .. import __version__
from .args import Parser, bounded, csv_dialect, iso_day, record_id
from .errors import EXIT_USAGE, CliError

__all__ = ["main", "build_parser"]



def _common(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--config", metavar="PATH", default=default, help="config file (default: platform config dir; env SOURCER_TUI_CONFIG)")
    parser.add_argument("--db", metavar="PATH", default=default, help="database file (default: platform data dir; env SOURCER_TUI_DB)")


#: How far ``demo-data`` goes: 10x the scale the app is built for (100,000 talents, 1,000,000 touchpoints).
MAX_DEMO_TALENTS = 1_000_000
MAX_DEMO_TOUCHPOINTS = 10_000_000


def _force(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--force", action="store_true", help=f"replace {what} if it exists (never a database)")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="sourcer-tui", description="A keyboard-driven terminal app for a solo sourcer.")
    parser.add_argument("--version", action="version", version=f"sourcer-tui {__version__}")
    _common(parser, suppress=False)
    parser.add_argument("--demo", action="store_true", help="open the demo database (created on first use)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    today = sub.add_parser("today", help="print what is due today, overdue first")
    _common(today, suppress=True)
    today.add_argument("--demo", action="store_true", default=argparse.SUPPRESS, help="use the demo database")
    today.add_argument("--date", type=iso_day, metavar="YYYY-MM-DD", help="stand on another day")
    today.add_argument("--json", action="store_true", help="print JSON")

    stats = sub.add_parser("stats", help="response rates per follow-up step, reasons for no, by source")
    _common(stats, suppress=True)
    stats.add_argument("--demo", action="store_true", default=argparse.SUPPRESS, help="use the demo database")
    stats.add_argument("--mission", type=record_id, metavar="ID", help="one mission (default: all)")
    stats.add_argument("--since", type=iso_day, metavar="YYYY-MM-DD", help="only talents first contacted on or after this day")
    output = stats.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print JSON")
    output.add_argument("--csv", action="store_true", help="print the step table as CSV (for a client report)")
    csv_dialect(stats)

    backup = sub.add_parser("backup", help="copy the database now (consistent, safe while the app runs)")
    _common(backup, suppress=True)
    backup.add_argument("--demo", action="store_true", default=argparse.SUPPRESS, help="the demo database")
    backup.add_argument("target", nargs="?", metavar="PATH", help="where to write it (default: the backups folder, dated)")
    _force(backup, "PATH")

    send = sub.add_parser("send-due", help="email today's due follow-ups through your SMTP server")
    _common(send, suppress=True)
    send.add_argument("--demo", action="store_true", default=argparse.SUPPRESS, help="use the demo database")
    send.add_argument("--dry-run", action="store_true", help="only list what would be sent")
    send.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    from . import exchange as exchange_cli, importing as import_cli, privacy as privacy_cli

    common = lambda p: _common(p, suppress=True)  # noqa: E731
    import_cli.register(sub, common)
    exchange_cli.register(sub, common)
    privacy_cli.register(sub, common)

    demo = sub.add_parser("demo-data", help="generate demo data at any scale into a new database file")
    _common(demo, suppress=True)
    demo.add_argument("--talents", type=bounded(1, MAX_DEMO_TALENTS), default=None, help="number of talents (default: the ~150-talent demo)")
    demo.add_argument("--touchpoints", type=bounded(0, MAX_DEMO_TOUCHPOINTS), default=None, help="number of touchpoints (with --talents)")
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
    from .output import cleaned_output

    with cleaned_output():  # every line printed, errors included, without control characters
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as stop:  # --help, --version, or a one-line argument error
        return stop.code if isinstance(stop.code, int) else (0 if stop.code is None else EXIT_USAGE)
    try:
        return _dispatch(args)
    except CliError as error:
        print(f"sourcer-tui: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `sourcer-tui today | head`: the reader left, that is fine
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:  # noqa: BLE001 — each kind is told apart in _explain
        code, line = _explain(error)
        print(f"sourcer-tui: error: {line}", file=sys.stderr)
        return code
    finally:
        _close_all()


def _dispatch(args) -> int:
    if args.command == "today":
        return _today(args)
    if args.command in ("import", "export", "ics", "privacy"):
        return _delegated(args)
    if args.command == "backup":
        return _backup(args)
    if args.command == "send-due":
        from .send_due import run as send_due

        return send_due(args, _settings(args), lambda: _database(args, _settings(args)))
    if args.command == "stats":
        return _stats(args)
    if args.command == "demo-data":
        return _demo_data(args)
    if args.command == "secrets":
        return _secrets(args)
    return _run_app(args)


def _writes(args) -> bool:
    """Whether the command changes the database: on a read-only file it stops
    at once (exit 2).  The others read (``today`` skips its snooze sweep) and
    the app opens read-only, with a banner."""
    if args.command in ("import", "send-due"):
        return not args.dry_run
    if args.command == "privacy":
        return args.privacy_command in ("erase", "anonymise", "extend")
    return args.command == "demo-data"


def _explain(error: BaseException) -> tuple[int, str]:
    """Exit code and one line for an error no command caught."""
    import sqlite3

    import peewee

    from ..services.errors import ServiceError, storage_trouble

    opened = _opened[-1][1] if _opened else None
    if isinstance(error, ServiceError):
        return EXIT_USAGE, str(error)
    if isinstance(error, (sqlite3.Error, peewee.DatabaseError)):
        from ..db.database import is_damage

        reason = (str(error).strip() or type(error).__name__).splitlines()[0]
        if is_damage(error) and opened is not None:
            return EXIT_USAGE, _damaged(opened, reason)
        return EXIT_USAGE, f"{opened}: {storage_trouble(error)}" if opened else storage_trouble(error)
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        return EXIT_USAGE, f"{where}{error.strerror or error}"
    return 1, _unexpected(error)


def _unexpected(error: BaseException) -> str:
    """A bug: the traceback goes to a private log file, the line says where."""
    import datetime as dt

    from ..crash_log import write_crash_log

    what = f"{type(error).__name__}: {' '.join(str(error).split())}"[:200]
    try:
        return f"unexpected error ({what}); the details are in {write_crash_log(error, dt.datetime.now())}"
    except OSError:
        return f"unexpected error ({what})"


def _damaged(path: Path, reason: str) -> str:
    """One line for a damaged database file: what SQLite said and the last backup to restore."""
    from ..locations import backups_dir
    from ..services.backup import last_backup

    folder = backups_dir()
    last = last_backup(path, folder) if folder.is_dir() else None
    where = f"the last backup is {last}" if last else f"there is no backup of it in {folder}"
    return f"{path}: the database file is damaged ({' '.join(reason.split())}); {where} (README: Restore)"


# -- shared start-up -----------------------------------------------------------
#: The databases this run opened (closed, after a checkpoint, when main ends).
_opened: list[tuple[object, Path]] = []


def _close_all() -> None:
    from ..db.database import close_database

    while _opened:
        db, _ = _opened.pop()
        close_database(db)


def _settings(args):
    from ..config import ConfigError, load_settings
    from ..locations import config_path

    try:
        return load_settings(config_path(args.config))
    except ConfigError as error:
        raise CliError(str(error)) from None


def _open(path: Path, *, demo: bool = False, writes: bool = False):
    from ..db.database import DatabaseOpenError, open_database

    try:
        if demo:
            from ..clock import SystemClock
            from ..demo import ensure_demo

            clock = SystemClock()
            db = ensure_demo(path, clock.today(), clock.now())
        else:
            db = open_database(path, writes=writes)
    except DatabaseOpenError as error:
        if error.damaged:
            raise CliError(_damaged(path, str(error).split("(", 1)[-1].rstrip(")"))) from None
        raise CliError(str(error)) from None
    _opened.append((db, path))
    return db


def _database(args, settings, *, writes: bool | None = None) -> tuple[object, Path]:
    from ..locations import db_path, demo_db_path

    writes = _writes(args) if writes is None else writes
    if getattr(args, "demo", False):
        path = Path(args.db).expanduser() if args.db else demo_db_path()
        return _open(path, demo=True, writes=writes), path
    path = db_path(args.db, settings.database.path)
    db = _open(path, writes=writes)
    if _same_path(path, demo_db_path()):  # the demo's file, opened by its path: demo data all the same
        from ..demo import mark_demo

        mark_demo()
    return db, path


def _same_path(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):
        return False


# -- commands ------------------------------------------------------------------
def _run_app(args) -> int:
    settings = _settings(args)
    db, path = _database(args, settings)
    from ..app import make_app
    from ..db.database import close_database, is_damage

    from ..locations import backups_dir

    from .output import raw_output

    label = f"demo · {path}" if args.demo else str(path)
    app = make_app(settings, db, db_label=label, backup_dir=None if args.demo else backups_dir())
    try:
        with raw_output():  # Textual writes its own escape sequences
            app.run()
    finally:
        close_database(db, app.readers)  # every connection closed, the WAL in the .db
    if app.crash_log is not None:
        error = app.crash_error
        if error is not None and is_damage(error):
            reason = (str(error).strip() or type(error).__name__).splitlines()[0]
            print(f"sourcer-tui: error: {_damaged(path, reason)}", file=sys.stderr)
            return EXIT_USAGE
        print(
            f"sourcer-tui stopped on an unexpected error; the details are in {app.crash_log}. "
            "Everything saved is in the database; an unsaved feedback is offered back at the next start.",
            file=sys.stderr,
        )
        return 1
    return 0


def _today(args) -> int:
    from ..services.today_report import due_report

    from ..clock import SystemClock
    from ..services.cadence import sweep

    settings = _settings(args)
    now = SystemClock().now()
    day = args.date or now.date()
    _database(args, settings)
    sweep(min(day, now.date()), now, settings)  # never snooze anyone on a day that has not come
    items = due_report(day)
    if args.json:
        json.dump(items, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    from ..domain.text import clean_line

    print(f"Today {day.isoformat()} — {len(items)} due")
    for item in items:
        late = (day - dt.date.fromisoformat(item["due"])).days
        when = f"{late}d late" if late > 0 else "today"
        mission = f" [{item['mission']}]" if item["mission"] else ""
        print(f"{when:>9}  {item['kind']:<16} {item['talent']}{mission}  {clean_line(item['detail'])}")  # one line each
    return 0


def _delegated(args) -> int:
    """Subcommands whose code lives in their own module."""
    from . import exchange as exchange_cli, importing as import_cli, privacy as privacy_cli

    run = {
        "import": import_cli.run,
        "export": exchange_cli.run_export,
        "ics": exchange_cli.run_ics,
        "privacy": privacy_cli.run,
    }[args.command]
    settings = _settings(args)
    return run(args, settings, lambda: _database(args, settings)[0])


def _backup(args) -> int:
    from ..clock import SystemClock
    from ..locations import backups_dir
    from ..services.backup import DamagedDatabase, backup_to, manual_backups_of, prune

    settings = _settings(args)
    _, path = _database(args, settings)
    now = SystemClock().now()
    folder = backups_dir()
    target = Path(args.target).expanduser() if args.target else folder / f"{path.stem}-{now:%Y-%m-%d-%H%M%S}.db"
    try:
        written = backup_to(path, target, force=args.force)
    except DamagedDatabase as error:
        raise CliError(_damaged(path, error.reason)) from None
    print(f"backed up {path} to {written} ({written.stat().st_size / 1e6:.1f} MB)")
    if not args.target:  # the dated copies in the backups folder: the newest [backups] keep are kept
        keep = settings.backups.keep
        pruned = prune(manual_backups_of(path, folder), keep)
        if pruned:
            names = ", ".join(p.name for p in pruned)
            print(f"deleted {len(pruned)} older `backup` cop{'y' if len(pruned) == 1 else 'ies'} (keeping the newest {keep}): {names}")
    return 0


def _stats(args) -> int:
    from ..services import missions
    from ..services.errors import NotFound
    from ..services.stats import compute
    from ..services.stats_report import csv_steps, text_report

    settings = _settings(args)
    since = args.since
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
        sys.stdout.write(csv_steps(report, args.csv_dialect))
    else:
        scope = f"{title}, first messages since {since.isoformat()}" if since else f"{title}, all time"
        sys.stdout.write(text_report(report, scope))
    return 0


def _demo_data(args) -> int:
    import time

    from ..clock import SystemClock
    from ..db.models import Mission
    from ..demo import build_demo, build_scale

    if not args.db:
        raise CliError("demo-data needs --db PATH (a new file)")
    path = Path(args.db).expanduser()
    db = _open(path, writes=True)
    if Mission.select().exists():
        raise CliError(f"{path}: already holds data; demo-data only fills a new, empty file")
    today = SystemClock().today()
    started = time.perf_counter()
    if args.talents is None:
        counts = build_demo(db, today, seed=args.seed, now=SystemClock().now())
    else:
        touchpoints = args.touchpoints if args.touchpoints is not None else args.talents * 10
        counts = build_scale(db, today, talents=args.talents, touchpoints=touchpoints, seed=args.seed, progress=lambda line: print(line, file=sys.stderr))
    elapsed = time.perf_counter() - started
    size = os.path.getsize(path) / 1e6
    summary = ", ".join(f"{value:,} {key}" for key, value in counts.items())
    print(f"{path}: {summary} in {elapsed:.1f} s ({size:.0f} MB)")
    return 0


def _secrets(args) -> int:
    from .secrets import run

    return run(args, _settings(args))
