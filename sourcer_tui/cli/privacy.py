"""``sourcer-tui privacy``: the GDPR retention review, consent renewal, anonymisation,
erasure, and the export for a subject access request.  No Textual here."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from .args import iso_day, record_id

__all__ = ["register", "run"]


def register(sub, common) -> None:
    """Add ``privacy review|export|erase|anonymise|extend`` to the *sub* parsers action."""
    privacy = sub.add_parser("privacy", help="GDPR: retention review, export, erase, anonymise, renew consent")
    _shared(privacy, common)
    actions = privacy.add_subparsers(dest="privacy_command", metavar="ACTION", required=True)

    review = actions.add_parser("review", help="talents past the retention limit (oldest first), not in an open pipeline")
    _shared(review, common)
    review.add_argument("--date", type=iso_day, metavar="YYYY-MM-DD", help="stand on another day")

    export = actions.add_parser("export", help="write everything held on a talent to a JSON file (subject access request)")
    _shared(export, common)
    export.add_argument("talent_id", type=record_id, metavar="TALENT_ID")
    export.add_argument("out", metavar="OUT.json")
    export.add_argument("--force", action="store_true", help="replace OUT.json if it exists (never a database)")

    erase = actions.add_parser("erase", help="delete a talent and everything about them, for good")
    _shared(erase, common)
    erase.add_argument("talent_id", type=record_id, metavar="TALENT_ID")
    erase.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    anonymise = actions.add_parser("anonymise", help="remove a talent's identity and notes, keep the statistics")
    _shared(anonymise, common)
    anonymise.add_argument("talent_id", type=record_id, metavar="TALENT_ID")
    anonymise.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    extend = actions.add_parser("extend", help="the talent agreed to stay in the pool: consent renewed today")
    _shared(extend, common)
    extend.add_argument("talent_id", type=record_id, metavar="TALENT_ID")


def _shared(parser: argparse.ArgumentParser, common) -> None:
    common(parser)
    parser.add_argument("--demo", action="store_true", default=argparse.SUPPRESS, help="use the demo database")


def run(args, settings, open_db) -> int:
    """Run one ``privacy`` action; expected failures raise :class:`~sourcer_tui.cli.CliError`."""
    from .errors import CliError
    from ..clock import SystemClock
    from ..services import privacy
    from ..services.errors import NotFound

    now = SystemClock().now()
    months = settings.privacy.retention_months
    action = args.privacy_command
    today = args.date if action == "review" and args.date else now.date()
    if action == "export":
        from .exchange import writable

        writable(Path(args.out).expanduser(), args.force)
    open_db()
    try:
        if action == "review":
            return _review(privacy, today, months)
        if action == "export":
            return _export(privacy.export_person(args.talent_id), Path(args.out).expanduser(), args.force, CliError)
        if action == "extend":
            privacy.extend(args.talent_id, today)
            limit = privacy.limit_date(privacy.last_activity(args.talent_id), months)
            print(f"talent {args.talent_id}: consent renewed on {today.isoformat()}; next retention limit {limit.isoformat()}")
            return 0
        talent = privacy.export_person(args.talent_id)  # NotFound before asking anything
        if not _confirmed(args, action, talent, CliError):
            print(f"Nothing {'erased' if action == 'erase' else 'anonymised'}.")
            return 0
        if action == "anonymise":
            privacy.anonymise(args.talent_id, now)
            print(f"anonymised talent {args.talent_id}: identity and notes removed, statistics kept")
            return 0
        return _erase(privacy, talent, now, args, CliError, settings.backups.keep)
    except NotFound:
        raise CliError(f"no talent with id {args.talent_id}") from None


def _review(privacy, today: dt.date, months: int) -> int:
    rows = privacy.review(today, months)
    print(f"Retention review {today.isoformat()} ({months} months after the last activity) — {len(rows)} talent(s)")
    for row in rows:
        print(f"{row.talent_id:>7}  {row.name:<32} last activity {row.last_activity.isoformat()}  limit passed {row.limit_passed_on.isoformat()}")
    if rows:
        print("For each: `privacy extend ID` (they agreed to stay), `privacy anonymise ID` or `privacy erase ID`.")
    return 0


def _export(data: dict, out: Path, force: bool, error) -> int:
    """Write *data* as JSON to *out*, readable by the owner only, atomically, never over a database."""
    from ..db.models import database_proxy
    from ..services.errors import ServiceError
    from ..services.outputs import write_atomically

    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    try:
        write_atomically(out, lambda handle: handle.write(text), database=database_proxy.obj.database, force=force, what="export")
    except ServiceError as exc:
        raise error(str(exc)) from None
    counts = ", ".join(f"{len(data[k])} {k}" for k in ("candidacies", "touchpoints", "reminders", "snoozes"))
    print(f"exported talent {data['profile']['id']} to {out} ({counts})")
    return 0


def _confirmed(args, action: str, talent: dict, error) -> bool:
    from .output import terminal_text

    if args.yes:
        return True
    if not sys.stdin.isatty():
        raise error(f"not a terminal: add --yes to {action} without confirmation")
    what = "delete them and everything about them for good" if action == "erase" else "remove their identity and notes"
    # input() may write its prompt to the terminal itself, past sys.stdout's cleaning
    answer = input(terminal_text(f"{talent['profile']['name']} (talent {args.talent_id}): {what}? Type yes: "))
    return answer.strip().lower() == "yes"


#: How long ``privacy erase`` waits for another program reading the file to let go.
ERASE_WAIT_SECONDS = 30.0


def _erase(privacy, talent: dict, now: dt.datetime, args, error, keep: int) -> int:
    import peewee

    from ..db.models import Talent, database_proxy
    from ..locations import backups_dir

    def waiting(seconds: float) -> None:
        print(f"another program is reading {database_proxy.obj.database}: waiting up to {seconds:g} s for it, to wipe the file…", flush=True)

    backups = None if getattr(args, "demo", False) else backups_dir()
    try:
        older = privacy.erase(args.talent_id, now, backups=backups, wait=ERASE_WAIT_SECONDS, on_busy=waiting)
    except privacy.NotWiped as exc:
        raise error(str(exc)) from None
    except (OSError, peewee.DatabaseError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if Talent.get_or_none(Talent.id == args.talent_id) is not None:
            raise error(f"talent {args.talent_id} not erased: {reason}") from None
        # The deletion is committed before the file is compacted (VACUUM).
        raise error(f"talent {args.talent_id} is deleted, but NOT wiped from the file ({reason}): freed bytes may "
                    "remain until the file is compacted (the next erase does it)") from None
    counts = ", ".join(f"{len(talent[k])} {k}" for k in ("candidacies", "touchpoints", "reminders", "snoozes"))
    print(f"erased talent {args.talent_id} ({counts}); the erasure is logged without personal data")
    if older:
        print(f"{len(older)} backup(s) made before now still hold them until pruned: the backups folder keeps the newest "
              f"{keep} ([backups] keep) daily copies and the newest {keep} `sourcer-tui backup` copies; delete these to be sure now:")
        for path in older:
            print(f"  {path}")
    return 0
