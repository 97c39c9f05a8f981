"""``sourcer-tui secrets``: put the SMTP or the database password in the OS keyring, check the keyring.

The password is read with :func:`getpass.getpass` (no echo), stored in the OS
keyring and never printed, logged or written to the config or the database.
"""

from __future__ import annotations

import getpass
import os
import sys

from .errors import CliError
from ..config import Settings
from ..i18n import _
from ..services import mail

__all__ = ["run", "set_smtp", "set_database", "database_password", "check"]


def run(args, settings: Settings) -> int:
    """Dispatch ``secrets set smtp`` / ``secrets set database`` / ``secrets check``."""
    if args.secrets_command == "set":
        if args.what == "database":
            return set_database(args, settings)
        return set_smtp(settings)
    return check(settings)


def _database_url(args, settings: Settings) -> str:
    from ..locations import DB_ENV, is_db_url

    for url in (getattr(args, "db", None), os.environ.get(DB_ENV), settings.database.url):
        if url:
            if not is_db_url(url):
                break
            return url
    raise CliError(_("no PostgreSQL database to store a password for: set [database] url in the config, or give --db postgresql://…"))


def set_database(args, settings: Settings) -> int:
    """Prompt twice for the PostgreSQL password of the database's URL and store it in the OS keyring."""
    from ..db.postgres import keyring_user

    user = keyring_user(_database_url(args, settings))
    usable, detail = mail.keyring_status()
    if not usable:
        raise CliError(detail)
    password = _ask(_("Password of {database}: ").format(database=user))
    if not password:
        raise CliError(_("empty password: nothing stored"))
    if _ask(_("Again: ")) != password:
        raise CliError(_("the two passwords differ: nothing stored"))
    try:
        mail.store_password(user, password)
    except mail.MailError as error:
        raise CliError(str(error)) from None
    print(_("stored the password of {database} in the OS keyring ({detail}); read back to check").format(database=user, detail=detail))
    return 0


def database_password(url: str) -> str | None:
    """The password stored for *url* (``secrets set database``), or None: libpq then
    reads ``$PGPASSWORD`` or ``~/.pgpass`` by itself.  A password written in the URL
    (``--db``, never the config) wins; no keyring is no password."""
    from ..db.postgres import keyring_user

    import urllib.parse

    if "PGPASSWORD" in os.environ or urllib.parse.urlsplit(url).password is not None:
        return None
    try:
        import keyring
        import keyring.errors

        return keyring.get_password(mail.KEYRING_SERVICE, keyring_user(url))
    except Exception:  # no usable keyring (headless): libpq's own sources remain
        return None


def _ask(prompt: str) -> str:
    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise CliError(_("no password entered: nothing stored")) from None


def set_smtp(settings: Settings) -> int:
    """Prompt twice for the SMTP password and store it in the OS keyring."""
    username = settings.smtp.username
    if not username:
        if settings.path:
            raise CliError(_("set [smtp] username in the config ({path}) first").format(path=settings.path))
        raise CliError(_("set [smtp] username in the config first"))
    usable, detail = mail.keyring_status()
    if not usable:
        raise CliError(detail)
    password = _ask(_("SMTP password for {username}: ").format(username=username))
    if not password:
        raise CliError(_("empty password: nothing stored"))
    if _ask(_("Again: ")) != password:
        raise CliError(_("the two passwords differ: nothing stored"))
    try:
        mail.store_password(username, password)
    except mail.MailError as error:
        raise CliError(str(error)) from None
    print(_("stored the SMTP password for {username} in the OS keyring ({detail}); read back to check").format(username=username, detail=detail))
    warning = mail.keyring_warning()
    if warning:
        print(warning)
    return 0


def check(settings: Settings) -> int:
    """Report whether the keyring works and holds the SMTP password; exit 1 if it does not work."""
    usable, detail = mail.keyring_status()
    if usable:
        print(_("keyring: usable ({detail})").format(detail=detail))
        warning = mail.keyring_warning()
        if warning:
            print(warning)
    else:
        print(_("keyring: not usable: {detail}").format(detail=detail))
    username = settings.smtp.username
    if os.environ.get(mail.PASSWORD_ENV):
        print(_("{variable} is set: it is used instead of the keyring for this session").format(variable=mail.PASSWORD_ENV))
    if not username:
        print(_("SMTP password: [smtp] username is not set in the config"))
    elif usable:
        try:
            mail.smtp_password(settings.smtp, environ={})  # the keyring only; never printed
            print(_("SMTP password for {username}: stored").format(username=username))
        except mail.MailError as error:
            # "no SMTP password stored for …: run `sourcer-tui secrets set smtp`", in any language
            if "secrets set smtp" in str(error):
                print(_("SMTP password for {username}: not stored (run `sourcer-tui secrets set smtp`)").format(username=username))
            else:
                print(_("SMTP password for {username}: unknown: {error}").format(username=username, error=error))
    sys.stdout.flush()
    return 0 if usable else 1
