"""``sourcer-tui privacy``: the GDPR retention review, consent renewal, anonymisation,
erasure, and the export for a subject access request.  No Textual here."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from ..i18n import _, formats, ngettext
from .args import iso_day, record_id

__all__ = ["register", "run"]


def register(sub, common) -> None:
    """Add ``privacy review|export|erase|anonymise|extend`` to the *sub* parsers action."""
    privacy = sub.add_parser("privacy", help=_("GDPR: retention review, export, erase, anonymise, renew consent"))
    _shared(privacy, common)
    actions = privacy.add_subparsers(dest="privacy_command", metavar="ACTION", required=True)

    review = actions.add_parser("review", help=_("talents past the retention limit (oldest first), not in an open pipeline"))
    _shared(review, common)
    review.add_argument("--date", type=iso_day, metavar=_("YYYY-MM-DD"), help=_("stand on another day"))

    export = actions.add_parser("export", help=_("write everything held on a talent to a JSON file (subject access request)"))
    _shared(export, common)
    export.add_argument("talent_id", type=record_id, metavar="TALENT_ID")
    export.add_argument("out", metavar=_("OUT.json"))
    export.add_argument("--force", action="store_true", help=_("replace {what} if it exists (never a database)").format(what=_("OUT.json")))

    erase = actions.add_parser("erase", help=_("delete a talent and everything about them, for good"))
    _shared(erase, common)
    erase.add_argument("talent_id", type=record_id, metavar="TALENT_ID")
    erase.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))

    anonymise = actions.add_parser("anonymise", help=_("remove a talent's identity and notes, keep the statistics"))
    _shared(anonymise, common)
    anonymise.add_argument("talent_id", type=record_id, metavar="TALENT_ID")
    anonymise.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))

    extend = actions.add_parser("extend", help=_("the talent agreed to stay in the pool: consent renewed today"))
    _shared(extend, common)
    extend.add_argument("talent_id", type=record_id, metavar="TALENT_ID")


def _shared(parser: argparse.ArgumentParser, common) -> None:
    common(parser)
    parser.add_argument("--demo", action="store_true", default=argparse.SUPPRESS, help=_("use the demo database"))


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
            print(
                _("talent {id}: consent renewed on {day}; next retention limit {limit}").format(
                    id=args.talent_id, day=formats.full_date(today), limit=formats.full_date(limit)
                )
            )
            return 0
        talent = privacy.export_person(args.talent_id)  # NotFound before asking anything
        if not _confirmed(args, action, talent, CliError):
            print(_("Nothing erased.") if action == "erase" else _("Nothing anonymised."))
            return 0
        if action == "anonymise":
            privacy.anonymise(args.talent_id, now)
            print(_("anonymised talent {id}: identity and notes removed, statistics kept").format(id=args.talent_id))
            return 0
        return _erase(privacy, talent, now, args, CliError, settings.backups.keep)
    except NotFound:
        raise CliError(_("no talent with id {id}").format(id=args.talent_id)) from None


def _review(privacy, today: dt.date, months: int) -> int:
    from ..domain.legal_basis import basis_label

    rows = privacy.review(today, months)
    print(
        ngettext(
            "Retention review {day} ({months} months after the last activity) — {n} talent",
            "Retention review {day} ({months} months after the last activity) — {n} talents",
            len(rows),
        ).format(day=formats.full_date(today), months=months, n=len(rows))
    )
    for row in rows:
        print(
            _("{id}  {name} last activity {last}  limit passed {limit}").format(
                id=f"{row.talent_id:>7}",
                name=f"{row.name:<32}",
                last=formats.full_date(row.last_activity),
                limit=formats.full_date(row.limit_passed_on),
            )
        )
    if rows:
        print(_("For each: `privacy extend ID` (they agreed to stay), `privacy anonymise ID` or `privacy erase ID`."))
    uninformed = privacy.to_inform(today)
    if uninformed:
        print()
        print(
            ngettext(
                "Never told their data is held (GDPR art. 14) — {n} talent found on a public profile or referred, "
                "not contacted within a month",
                "Never told their data is held (GDPR art. 14) — {n} talents found on a public profile or referred, "
                "not contacted within a month",
                len(uninformed),
            ).format(n=len(uninformed))
        )
        for row in uninformed:
            print(
                _("{id}  {name} {basis} since {since}  tell them by {day}").format(
                    id=f"{row.talent_id:>7}", name=f"{row.name:<32}", basis=basis_label(row.legal_basis),
                    since=formats.full_date(row.legal_basis_at), day=formats.full_date(row.limit_passed_on),
                )
            )
        print(_("For each: contact them (the first message tells them), `privacy extend ID` if they agreed, or `privacy erase ID`."))
    return 0


def _export(data: dict, out: Path, force: bool, error) -> int:
    """Write *data* as JSON to *out*, readable by the owner only, atomically, never over a database."""
    from .output import table_count
    from ..db.models import database_proxy
    from ..services.errors import ServiceError
    from ..services.outputs import write_atomically

    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    try:
        write_atomically(out, lambda handle: handle.write(text), database=database_proxy.obj.database, force=force, what="export")
    except ServiceError as exc:
        raise error(str(exc)) from None
    counts = ", ".join(table_count(k, len(data[k])) for k in ("candidacies", "touchpoints", "reminders", "snoozes"))
    print(_("exported talent {id} to {path} ({counts})").format(id=data["profile"]["id"], path=out, counts=counts))
    return 0


def _confirmed(args, action: str, talent: dict, error) -> bool:
    from .output import terminal_text

    if args.yes:
        return True
    if not sys.stdin.isatty():
        if action == "erase":
            raise error(_("not a terminal: add --yes to erase without confirmation"))
        raise error(_("not a terminal: add --yes to anonymise without confirmation"))
    if action == "erase":
        question = _("{name} (talent {id}): delete them and everything about them for good? Type yes: ")
    else:
        question = _("{name} (talent {id}): remove their identity and notes? Type yes: ")
    # input() may write its prompt to the terminal itself, past sys.stdout's cleaning
    answer = input(terminal_text(question.format(name=talent["profile"]["name"], id=args.talent_id)))
    # "yes" in the reader's language (oui), or in English
    return answer.strip().lower() in ("yes", _("yes").lower())


#: How long ``privacy erase`` waits for another program reading the file to let go.
ERASE_WAIT_SECONDS = 30.0


def _erase(privacy, talent: dict, now: dt.datetime, args, error, keep: int) -> int:
    import peewee

    from .output import table_count
    from ..db.models import Talent, database_proxy
    from ..locations import backups_dir

    def waiting(seconds: float) -> None:
        print(
            _("another program is reading {path}: waiting up to {seconds} s for it, to wipe the file…").format(
                path=database_proxy.obj.database, seconds=f"{seconds:g}"
            ),
            flush=True,
        )

    backups = None if getattr(args, "demo", False) else backups_dir()
    try:
        older = privacy.erase(args.talent_id, now, backups=backups, wait=ERASE_WAIT_SECONDS, on_busy=waiting)
    except privacy.NotWiped as exc:
        raise error(str(exc)) from None
    except (OSError, peewee.DatabaseError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if Talent.get_or_none(Talent.id == args.talent_id) is not None:
            raise error(_("talent {id} not erased: {reason}").format(id=args.talent_id, reason=reason)) from None
        # The deletion is committed before the file is compacted (VACUUM).
        raise error(
            _(
                "talent {id} is deleted, but NOT wiped from the file ({reason}): freed bytes may "
                "remain until the file is compacted (the next erase does it)"
            ).format(id=args.talent_id, reason=reason)
        ) from None
    counts = ", ".join(table_count(k, len(talent[k])) for k in ("candidacies", "touchpoints", "reminders", "snoozes"))
    print(_("erased talent {id} ({counts}); the erasure is logged without personal data").format(id=args.talent_id, counts=counts))
    if older:
        print(
            ngettext(
                "{n} backup(s) made before now still hold them until pruned: the backups folder keeps the newest "
                "{keep} ([backups] keep) daily copies and the newest {keep} `sourcer-tui backup` copies; delete these to be sure now:",
                "{n} backup(s) made before now still hold them until pruned: the backups folder keeps the newest "
                "{keep} ([backups] keep) daily copies and the newest {keep} `sourcer-tui backup` copies; delete these to be sure now:",
                len(older),
            ).format(n=len(older), keep=keep)
        )
        for path in older:
            print(f"  {path}")
    return 0
