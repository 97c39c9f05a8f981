"""``sourcer-tui secrets``: put the SMTP password in the OS keyring, check the keyring.

The password is read with :func:`getpass.getpass` (no echo), stored in the OS
keyring and never printed, logged or written to the config or the database.
"""

from __future__ import annotations

import getpass
import os
import sys

from .errors import CliError
from ..config import Settings
from ..services import mail

__all__ = ["run", "set_smtp", "check"]


def run(args, settings: Settings) -> int:
    """Dispatch ``secrets set smtp`` / ``secrets check``."""
    if args.secrets_command == "set":
        return set_smtp(settings)
    return check(settings)


def _ask(prompt: str) -> str:
    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise CliError("no password entered: nothing stored") from None


def set_smtp(settings: Settings) -> int:
    """Prompt twice for the SMTP password and store it in the OS keyring."""
    username = settings.smtp.username
    if not username:
        where = f" ({settings.path})" if settings.path else ""
        raise CliError(f"set [smtp] username in the config{where} first")
    usable, detail = mail.keyring_status()
    if not usable:
        raise CliError(detail)
    password = _ask(f"SMTP password for {username}: ")
    if not password:
        raise CliError("empty password: nothing stored")
    if _ask("Again: ") != password:
        raise CliError("the two passwords differ: nothing stored")
    try:
        mail.store_password(username, password)
    except mail.MailError as error:
        raise CliError(str(error)) from None
    print(f"stored the SMTP password for {username} in the OS keyring ({detail}); read back to check")
    warning = mail.keyring_warning()
    if warning:
        print(warning)
    return 0


def check(settings: Settings) -> int:
    """Report whether the keyring works and holds the SMTP password; exit 1 if it does not work."""
    usable, detail = mail.keyring_status()
    if usable:
        print(f"keyring: usable ({detail})")
        warning = mail.keyring_warning()
        if warning:
            print(warning)
    else:
        print(f"keyring: not usable: {detail}")
    username = settings.smtp.username
    if os.environ.get(mail.PASSWORD_ENV):
        print(f"{mail.PASSWORD_ENV} is set: it is used instead of the keyring for this session")
    if not username:
        print("SMTP password: [smtp] username is not set in the config")
    elif usable:
        try:
            mail.smtp_password(settings.smtp, environ={})  # the keyring only; never printed
            state = "stored"
        except mail.MailError as error:
            missing = str(error).startswith("no SMTP password stored")
            state = "not stored (run `sourcer-tui secrets set smtp`)" if missing else f"unknown: {error}"
        print(f"SMTP password for {username}: {state}")
    sys.stdout.flush()
    return 0 if usable else 1
