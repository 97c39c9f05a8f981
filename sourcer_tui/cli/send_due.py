"""``sourcer-tui send-due``: email the follow-ups due today, each logged as sent once accepted.

Each follow-up is claimed before it is sent (services/sending.py): two
``send-due`` at once, or one and ``E`` in the app, never send one email twice.
"""

from __future__ import annotations

import sys

from ..clock import SystemClock
from ..i18n import _, ngettext

__all__ = ["run"]


def run(args, settings, open_db) -> int:
    from .errors import CliError
    from ..db import meta
    from ..domain.templates import TemplateError
    from ..services import mail, outreach, sending
    from ..services.errors import ServiceError

    db, _target = open_db()
    demo = getattr(args, "demo", False) or meta.is_demo()
    if not args.dry_run:
        try:
            mail.check_sending(settings.smtp, demo=demo)  # before anything is listed: one line, exit 2
        except ServiceError as error:
            raise CliError(str(error)) from None
    clock = SystemClock()
    today = clock.today()
    from ..services.team import mine, team_of

    # on a shared database, my follow-ups only: a teammate's go from their own mailbox
    due = outreach.due_email_followups(today, mine(team_of(settings, db), everyone=False))
    composed = []
    for reminder in due:
        try:
            composed.append((reminder, outreach.compose_for_reminder(reminder.id, "email", settings, today)))
        except (TemplateError, ServiceError) as error:
            print(_("skipped {name}: {error}").format(name=reminder.talent.name, error=error), file=sys.stderr)
    if not composed:
        print(_("Nothing to email today."))
        return 0
    for reminder, message in composed:
        warning = f"  ({message.warning})" if message.warning else ""
        print(f"{reminder.detail:<14} {message.to:<32} {message.subject}{warning}")
    if args.dry_run:
        print(
            ngettext(
                "{n} email(s) would be sent (dry run: nothing sent).", "{n} email(s) would be sent (dry run: nothing sent).", len(composed)
            ).format(n=len(composed))
        )
        return 0
    try:
        password = mail.smtp_password(settings.smtp)
    except ServiceError as error:
        raise CliError(str(error)) from None
    if not args.yes:
        if not sys.stdin.isatty():
            raise CliError(_("not a terminal: add --yes to send without confirmation"))
        question = ngettext("Send these {n} email(s)? [y/N] ", "Send these {n} email(s)? [y/N] ", len(composed)).format(n=len(composed))
        if input(question).strip().lower() not in ("y", "yes", "o", "oui"):  # English or French
            print(_("Nothing sent."))
            return 0
    owner = sending.sender_name("send-due")
    failed = 0
    for reminder, message in composed:
        # Claimed first: another send-due, or E in the app, sending this one
        # right now makes this one skip it (never two emails).
        try:
            claim = sending.claim(reminder.id, owner, clock.now())
        except ServiceError as error:
            print(_("skipped {name}: {error}").format(name=message.to, error=error), file=sys.stderr)
            continue
        if claim.took_over:
            print(f"{message.to}: {claim.took_over_text()}", file=sys.stderr)
        done = False
        try:
            mail.send_message_sync(settings.smtp, password, message.to, message.subject, message.body)
            done = True
        except ServiceError as error:
            failed += 1
            print(_("NOT sent to {address}, nothing logged: {error}").format(address=message.to, error=error), file=sys.stderr)
            continue
        finally:
            if not done:
                sending.release(reminder.id, owner)  # still due: the next send-due (or E) sends it
        try:
            sending.complete(reminder.id, owner, clock.now(), settings, message=message.body, template_key=message.template_key)
        except ServiceError as error:
            failed += 1
            print(_("sent to {address}, but not logged: {error}").format(address=message.to, error=error), file=sys.stderr)
            continue
        print(_("sent to {address} — {detail} logged").format(address=message.to, detail=reminder.detail))
    return 1 if failed else 0
