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
from ..i18n import N_, _, formats, ngettext
from .args import Parser, bounded, csv_dialect, iso_day, record_id
from .errors import EXIT_USAGE, CliError

__all__ = ["main", "build_parser"]


def _common(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--config", metavar=_("PATH"), default=default, help=_("config file (default: platform config dir; env SOURCER_TUI_CONFIG)"))
    parser.add_argument("--db", metavar=_("PATH"), default=default,
                        help=_("database file or postgresql:// URL (default: platform data dir; env SOURCER_TUI_DB)"))


#: How far ``demo-data`` goes: 10x the scale the app is built for (100,000 talents, 1,000,000 touchpoints).
MAX_DEMO_TALENTS = 1_000_000
MAX_DEMO_TOUCHPOINTS = 10_000_000


def _force(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--force", action="store_true", help=_("replace {what} if it exists (never a database)").format(what=what))


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="sourcer-tui", description=_("A keyboard-driven terminal app for a solo sourcer."))
    parser.add_argument("--version", action="version", version=f"sourcer-tui {__version__}", help=_("show program's version number and exit"))
    _common(parser, suppress=False)
    parser.add_argument("--demo", action="store_true", help=_("open the demo database (created on first use)"))
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"))

    today = sub.add_parser("today", help=_("print what is due today, overdue first"))
    _common(today, suppress=True)
    today.add_argument("--demo", action="store_true", default=argparse.SUPPRESS, help=_("use the demo database"))
    today.add_argument("--date", type=iso_day, metavar=_("YYYY-MM-DD"), help=_("stand on another day"))
    today.add_argument("--json", action="store_true", help=_("print JSON"))
    today.add_argument("--team", action="store_true", help=_("on a shared database: the whole team's items, not only mine"))

    stats = sub.add_parser("stats", help=_("response rates per follow-up step, reasons for no, by source"))
    _common(stats, suppress=True)
    stats.add_argument("--demo", action="store_true", default=argparse.SUPPRESS, help=_("use the demo database"))
    stats.add_argument("--mission", type=record_id, metavar="ID", help=_("one mission (default: all)"))
    stats.add_argument("--since", type=iso_day, metavar=_("YYYY-MM-DD"), help=_("only talents first contacted on or after this day"))
    output = stats.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help=_("print JSON"))
    output.add_argument("--csv", action="store_true", help=_("print the step table as CSV (for a client report)"))
    csv_dialect(stats)

    backup = sub.add_parser("backup", help=_("copy the database now (consistent, safe while the app runs)"))
    _common(backup, suppress=True)
    backup.add_argument("--demo", action="store_true", default=argparse.SUPPRESS, help=_("the demo database"))
    backup.add_argument("target", nargs="?", metavar=_("PATH"), help=_("where to write it (default: the backups folder, dated)"))
    _force(backup, _("PATH"))

    send = sub.add_parser("send-due", help=_("email today's due follow-ups through your SMTP server"))
    _common(send, suppress=True)
    send.add_argument("--demo", action="store_true", default=argparse.SUPPRESS, help=_("use the demo database"))
    send.add_argument("--dry-run", action="store_true", help=_("only list what would be sent"))
    send.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))

    from . import exchange as exchange_cli, importing as import_cli, move as move_cli, privacy as privacy_cli, rediscover as rediscover_cli

    common = lambda p: _common(p, suppress=True)  # noqa: E731
    import_cli.register(sub, common)
    exchange_cli.register(sub, common)
    privacy_cli.register(sub, common)
    rediscover_cli.register(sub, common)
    move_cli.register(sub, common)

    demo = sub.add_parser("demo-data", help=_("generate demo data at any scale into a new database file"))
    _common(demo, suppress=True)
    demo.add_argument("--talents", type=bounded(1, MAX_DEMO_TALENTS), default=None, help=_("number of talents (default: the ~150-talent demo)"))
    demo.add_argument("--touchpoints", type=bounded(0, MAX_DEMO_TOUCHPOINTS), default=None, help=_("number of touchpoints (with --talents)"))
    demo.add_argument("--seed", type=int, default=7)

    secrets = sub.add_parser("secrets", help=_("store the SMTP or database password in the OS keyring, check the keyring"))
    _common(secrets, suppress=True)
    actions = secrets.add_subparsers(dest="secrets_command", metavar="ACTION", required=True)
    store = actions.add_parser("set", help=_("prompt for a password (no echo) and store it in the OS keyring"))
    store.add_argument("what", choices=["smtp", "database"], help=_("which password: smtp, or database (the PostgreSQL server's)"))
    _common(store, suppress=True)
    check = actions.add_parser("check", help=_("is a keyring usable, is the SMTP password stored (exit 1: no keyring)"))
    _common(check, suppress=True)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from .output import cleaned_output

    with cleaned_output():  # every line printed, errors included, without control characters
        return _main(argv)


def _choose_language(argv: Sequence[str]) -> None:
    """The language of every line printed, ``--help`` included: ``[ui] language``
    of the config (``--config`` read ahead of the parser), else the environment."""
    from ..config import load_settings
    from ..i18n import resolve_language, set_language
    from ..locations import config_path

    explicit = None
    for i, arg in enumerate(argv):
        if arg == "--config" and i + 1 < len(argv):
            explicit = argv[i + 1]
        elif arg.startswith("--config="):
            explicit = arg.partition("=")[2]
    try:
        setting = load_settings(config_path(explicit)).ui.language
    except Exception:  # noqa: BLE001 — a bad config is reported later, in the user's language from the environment
        setting = "auto"
    set_language(resolve_language(setting, os.environ))


def _main(argv: Sequence[str] | None) -> int:
    _choose_language(list(sys.argv[1:] if argv is None else argv))
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as stop:  # --help, --version, or a one-line argument error
        return stop.code if isinstance(stop.code, int) else (0 if stop.code is None else EXIT_USAGE)
    try:
        return _dispatch(args)
    except CliError as error:
        print(_("{prog}: error: {message}").format(prog="sourcer-tui", message=error), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `sourcer-tui today | head`: the reader left, that is fine
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:  # noqa: BLE001 — each kind is told apart in _explain
        code, line = _explain(error)
        print(_("{prog}: error: {message}").format(prog="sourcer-tui", message=line), file=sys.stderr)
        return code
    finally:
        _close_all()


def _dispatch(args) -> int:
    if args.command == "today":
        return _today(args)
    if args.command in ("import", "export", "ics", "privacy", "rediscover"):
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
    if args.command == "migrate-to":
        return _migrate_to(args)
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
        return _("unexpected error ({what}); the details are in {path}").format(what=what, path=write_crash_log(error, dt.datetime.now()))
    except OSError:
        return _("unexpected error ({what})").format(what=what)


def _damaged(path: Path, reason: str) -> str:
    """One line for a damaged database file: what SQLite said and the last backup to restore."""
    from ..locations import backups_dir
    from ..services.backup import last_backup

    folder = backups_dir()
    last = last_backup(path, folder) if folder.is_dir() else None
    reason = " ".join(reason.split())
    if last:
        return _("{path}: the database file is damaged ({reason}); the last backup is {backup} (README: Restore)").format(
            path=path, reason=reason, backup=last
        )
    return _("{path}: the database file is damaged ({reason}); there is no backup of it in {folder} (README: Restore)").format(
        path=path, reason=reason, folder=folder
    )


# -- shared start-up -----------------------------------------------------------
#: The databases this run opened (closed, after a checkpoint, when main ends).
_opened: list[tuple[object, Path]] = []


def _close_all() -> None:
    from ..db.database import close_database

    while _opened:
        db, _path = _opened.pop()
        close_database(db)


def _settings(args):
    from ..config import ConfigError, load_settings
    from ..locations import config_path

    try:
        return load_settings(config_path(args.config))
    except ConfigError as error:
        raise CliError(str(error)) from None


def _open(path: Path | str, *, demo: bool = False, writes: bool = False):
    from ..db.database import DatabaseOpenError, open_database

    try:
        if isinstance(path, str):  # a PostgreSQL URL (locations.db_target)
            from .secrets import database_password

            db = open_database(path, writes=writes, password=database_password(path))
        elif demo:
            from ..clock import SystemClock
            from ..demo import ensure_demo
            from ..i18n import language

            clock = SystemClock()
            db = ensure_demo(path, clock.today(), clock.now(), language=language())  # built in the language shown
        else:
            db = open_database(path, writes=writes)
    except DatabaseOpenError as error:
        if error.damaged and isinstance(path, Path):
            raise CliError(_damaged(path, str(error).split("(", 1)[-1].rstrip(")"))) from None
        raise CliError(str(error)) from None
    _opened.append((db, path))
    return db


def _database(args, settings, *, writes: bool | None = None) -> tuple[object, Path | str]:
    """The database opened, and its path (or its PostgreSQL URL, a ``str``)."""
    from ..i18n import language
    from ..locations import db_target, demo_db_path, is_db_url

    writes = _writes(args) if writes is None else writes
    # one demo file per language, so that switching language gives the matching demo
    demos = {"en": demo_db_path(), "fr": demo_db_path().with_name("demo-fr.db")}
    if getattr(args, "demo", False):
        if is_db_url(args.db):
            raise CliError(_("--demo opens the demo file: fill a PostgreSQL database with `sourcer-tui demo-data --db URL`"))
        path = Path(args.db).expanduser() if args.db else demos.get(language(), demos["en"])
        return _open(path, demo=True, writes=writes), path
    path = db_target(args.db, settings.database.path, settings.database.url)
    db = _open(path, writes=writes)
    from ..services.team import identify

    identify(settings, db)  # the rows a command writes record the login (services/team.py)
    if isinstance(path, str):
        return db, path
    if any(_same_path(path, demo) for demo in demos.values()):  # a demo's file, opened by its path: demo data all the same
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

    label = _("demo · {path}").format(path=path) if args.demo else _label(path)
    # a server's backups are its own (pg_dump): no daily copy of it
    backup_dir = None if args.demo or isinstance(path, str) else backups_dir()
    app = make_app(settings, db, db_label=label, backup_dir=backup_dir)
    try:
        with raw_output():  # Textual writes its own escape sequences
            app.run()
    finally:
        close_database(db, app.readers)  # every connection closed, the WAL in the .db
    if app.crash_log is not None:
        error = app.crash_error
        if error is not None and is_damage(error):
            reason = (str(error).strip() or type(error).__name__).splitlines()[0]
            print(_("{prog}: error: {message}").format(prog="sourcer-tui", message=_damaged(path, reason)), file=sys.stderr)
            return EXIT_USAGE
        print(
            _(
                "sourcer-tui stopped on an unexpected error; the details are in {path}. "
                "Everything saved is in the database; an unsaved feedback is offered back at the next start."
            ).format(path=app.crash_log),
            file=sys.stderr,
        )
        return 1
    return 0


def _label(path: Path | str) -> str:
    """The database as the title bar names it (a URL without any password)."""
    if isinstance(path, str):
        from ..db.postgres import redacted

        return redacted(path)
    return str(path)


def _today(args) -> int:
    from ..services.today_report import due_report

    from ..clock import SystemClock
    from ..services.cadence import sweep

    settings = _settings(args)
    now = SystemClock().now()
    day = args.date or now.date()
    db, _target = _database(args, settings)
    sweep(min(day, now.date()), now, settings)  # never snooze anyone on a day that has not come
    from ..services.team import mine, team_of

    items = due_report(day, mine(team_of(settings, db), args.team))  # as the Today pane: mine, unless --team
    if args.json:
        json.dump(items, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    from ..domain.text import clean_line

    print(ngettext("Today {day} — {n} due", "Today {day} — {n} due", len(items)).format(day=formats.full_date(day), n=len(items)))
    # The columns as wide as their longest text in the reader's language (9 and 16 in English).
    when_width = max(len(_("{n}d late").format(n=999)), len(_("today")))
    kind_width = max(len(_(text)) for text in _DUE_KINDS.values())
    for item in items:
        late = (day - dt.date.fromisoformat(item["due"])).days
        when = _("{n}d late").format(n=late) if late > 0 else _("today")
        known = _DUE_KINDS.get(item["kind"])
        kind = _(known) if known is not None else item["kind"]
        mission = f" [{item['mission']}]" if item["mission"] else ""
        at = f"{item['time']} " if item.get("time") else ""  # 14:30: an interview's time
        print(f"{when:>{when_width}}  {kind:<{kind_width}} {at}{item['talent']}{mission}  {clean_line(item['detail'])}")  # one line each
    return 0


#: The kind column of ``today``: English shows the code name itself, as it always
#: has; French shows the Today pane's words.
_DUE_KINDS = {
    "followup": N_("followup"),
    "next_step": N_("next_step"),
    "wake_up": N_("wake_up"),
    "keep_in_touch": N_("keep_in_touch"),
    "missing_feedback": N_("missing_feedback"),
    "thank_introducer": N_("thank_introducer"),
}


def _delegated(args) -> int:
    """Subcommands whose code lives in their own module."""
    from . import exchange as exchange_cli, importing as import_cli, privacy as privacy_cli, rediscover as rediscover_cli

    run = {
        "import": import_cli.run,
        "export": exchange_cli.run_export,
        "ics": exchange_cli.run_ics,
        "privacy": privacy_cli.run,
        "rediscover": rediscover_cli.run,
    }[args.command]
    settings = _settings(args)
    return run(args, settings, lambda: _database(args, settings)[0])


def _backup(args) -> int:
    from ..clock import SystemClock
    from ..locations import backups_dir
    from ..services.backup import DamagedDatabase, backup_to, manual_backups_of, prune

    settings = _settings(args)
    _db, path = _database(args, settings)
    if isinstance(path, str):
        raise CliError(_("{url}: a PostgreSQL database is backed up with the server's own tools: pg_dump -Fc -d '{url}' -f FILE").format(url=_label(path)))
    now = SystemClock().now()
    folder = backups_dir()
    target = Path(args.target).expanduser() if args.target else folder / f"{path.stem}-{now:%Y-%m-%d-%H%M%S}.db"
    try:
        written = backup_to(path, target, force=args.force)
    except DamagedDatabase as error:
        raise CliError(_damaged(path, error.reason)) from None
    print(_("backed up {path} to {target} ({size} MB)").format(path=path, target=written, size=formats.decimal(written.stat().st_size / 1e6, 1)))
    if not args.target:  # the dated copies in the backups folder: the newest [backups] keep are kept
        keep = settings.backups.keep
        pruned = prune(manual_backups_of(path, folder), keep)
        if pruned:
            names = ", ".join(p.name for p in pruned)
            print(
                ngettext(
                    "deleted {n} older `backup` copy (keeping the newest {keep}): {names}",
                    "deleted {n} older `backup` copies (keeping the newest {keep}): {names}",
                    len(pruned),
                ).format(n=len(pruned), keep=keep, names=names)
            )
    return 0


def _stats(args) -> int:
    from ..services import missions
    from ..services.errors import NotFound
    from ..services.stats import compute
    from ..services.stats_report import csv_steps, text_report

    settings = _settings(args)
    since = args.since
    db, _path = _database(args, settings)
    from ..services.team import team_of
    title = _("All missions")
    if args.mission is not None:
        try:
            title = missions.get_mission(args.mission).title
        except NotFound:
            raise CliError(_("--mission: no mission with id {id}").format(id=args.mission)) from None
    report = compute(args.mission, since, settings.talent.decline_reasons, settings.talent.sources, rejection_reasons=settings.talent.rejection_reasons,
                     stages=settings.pipeline.stages, by_owner=team_of(settings, db).mode)  # solo: the JSON as it was
    if args.json:
        json.dump(report.as_dict(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif args.csv:
        sys.stdout.write(csv_steps(report, args.csv_dialect))
    else:
        if since:
            scope = _("{title}, first messages since {day}").format(title=title, day=formats.full_date(since))
        else:
            scope = _("{title}, all time").format(title=title)
        sys.stdout.write(text_report(report, scope))
    return 0


def _demo_data(args) -> int:
    import time

    from ..clock import SystemClock
    from ..db.models import Mission
    from ..demo import build_demo, build_scale
    from .output import table_count
    from ..i18n import language

    from ..locations import is_db_url

    if not args.db:
        raise CliError(_("demo-data needs --db PATH (a new file)"))
    path = args.db if is_db_url(args.db) else Path(args.db).expanduser()
    db = _open(path, writes=True)
    if Mission.select().exists():
        raise CliError(_("{path}: already holds data; demo-data only fills a new, empty file").format(path=_label(path)))
    today = SystemClock().today()
    started = time.perf_counter()
    if args.talents is None:
        counts = build_demo(db, today, seed=args.seed, now=SystemClock().now(), language=language())
    else:
        touchpoints = args.touchpoints if args.touchpoints is not None else args.talents * 10
        counts = build_scale(db, today, talents=args.talents, touchpoints=touchpoints, seed=args.seed, progress=lambda line: print(line, file=sys.stderr), language=language())
    elapsed = time.perf_counter() - started
    summary = ", ".join(table_count(key, value, formats.number(value)) for key, value in counts.items())
    if isinstance(path, str):
        size = db.execute_sql("SELECT pg_database_size(current_database())").fetchone()[0]
    else:
        size = _size_on_disk(db, path)
    print(_("{path}: {summary} in {seconds} s ({size})").format(path=_label(path), summary=summary, seconds=formats.decimal(elapsed, 1), size=formats.file_size(size)))
    return 0


def _migrate_to(args) -> int:
    from .move import run

    settings = _settings(args)
    source_target = None

    def source():
        nonlocal source_target
        db, where = _database(args, settings)
        source_target = where
        return db, _shown(where)

    def target():
        from ..locations import db_target

        where = db_target(args.target, None, None, {})
        if isinstance(where, Path) and isinstance(source_target, Path) and _same_path(where, source_target) or where == source_target:
            raise CliError(_("{target}: is the database being copied").format(target=_shown(where)))
        is_new = isinstance(where, Path) and not where.exists()

        def discard() -> None:  # only a file this command made, still empty
            if is_new:
                for leftover in (where, Path(f"{where}-wal"), Path(f"{where}-shm")):
                    leftover.unlink(missing_ok=True)

        return _open(where, writes=True), _shown(where), discard

    return run(args, source, target)


def _shown(where: Path | str) -> str:
    """A database as a line may name it: a URL without its password."""
    if isinstance(where, str):
        from ..db.postgres import redacted

        return redacted(where)
    return str(where)


def _size_on_disk(db, path: Path) -> int:
    """The bytes the new database takes once written: the WAL copied into the
    file first (a checkpoint), and whatever a reader kept in the WAL counted too."""
    from ..db.database import checkpoint

    try:
        checkpoint(db, wait=1.0)
    except Exception:  # the size is then the file and its WAL, as they are
        pass
    return sum(os.path.getsize(f) for f in (path, Path(f"{path}-wal")) if os.path.exists(f))


def _secrets(args) -> int:
    from .secrets import run

    return run(args, _settings(args))
