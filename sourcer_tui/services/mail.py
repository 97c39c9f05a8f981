"""Sending one plain-text email over SMTP, with the password kept in the OS keyring.

The password never lives in the config file or the database: it is read from the
OS keyring (``keyring``), or from ``$SOURCER_TUI_SMTP_PASSWORD`` for a session
without a keyring.  Every failure becomes a :class:`MailError` whose ``str()`` is
one sentence for the user; the password never appears in any message.

``keyring`` and ``aiosmtplib`` are imported lazily: importing this module is cheap.
"""

from __future__ import annotations

import asyncio
import ipaddress
import os
import socket
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from sourcer_tui.config import SmtpSettings
from sourcer_tui.services.errors import ServiceError

__all__ = [
    "KEYRING_SERVICE",
    "PASSWORD_ENV",
    "KEYRING_FIX",
    "MailError",
    "smtp_password",
    "store_password",
    "keyring_status",
    "keyring_warning",
    "check_smtp_settings",
    "check_sending",
    "build_message",
    "send_message",
    "send_message_sync",
]

KEYRING_SERVICE = "sourcer-tui"
PASSWORD_ENV = "SOURCER_TUI_SMTP_PASSWORD"

#: How to get a usable keyring, in one sentence fragment.
KEYRING_FIX = (
    "install or unlock a keyring backend (GNOME Keyring, KWallet; or `pip install keyrings.alt`, "
    "whose file backend keeps the password only base64-encoded, not encrypted), "
    f"or set {PASSWORD_ENV} for this session"
)

_T = TypeVar("_T")


class MailError(ServiceError):
    """Email could not be sent or the SMTP password is not available; ``str()`` is one sentence."""


# -- the password ---------------------------------------------------------------------------


def _keyring_call(action: str, call: Callable[[], _T]) -> _T:
    """Run a keyring *call*; any keyring failure becomes a MailError saying how to fix it."""
    import keyring.errors

    try:
        return call()
    except keyring.errors.NoKeyringError:
        raise MailError(f"no usable OS keyring: {KEYRING_FIX}") from None
    except keyring.errors.KeyringError as error:
        reason = _one_line(str(error)) or type(error).__name__
        raise MailError(f"the OS keyring could not {action} ({reason}): {KEYRING_FIX}") from None
    except Exception as error:  # a backend failing in its own way (D-Bus, file backend, ...)
        raise MailError(
            f"the OS keyring could not {action} ({type(error).__name__}): {KEYRING_FIX}"
        ) from None


def smtp_password(smtp: SmtpSettings, environ: Mapping[str, str] = os.environ) -> str:
    """The SMTP password: ``$SOURCER_TUI_SMTP_PASSWORD`` if set, else the OS keyring's."""
    from_env = environ.get(PASSWORD_ENV)
    if from_env:
        return from_env
    if not smtp.username:
        raise MailError("set [smtp] username in the config")
    import keyring

    password = _keyring_call(
        "read the SMTP password", lambda: keyring.get_password(KEYRING_SERVICE, smtp.username)
    )
    if not password:
        raise MailError(
            f"no SMTP password stored for {smtp.username}: run `sourcer-tui secrets set smtp`"
        )
    return password


def store_password(username: str, password: str) -> None:
    """Store *password* for *username* in the OS keyring (service ``sourcer-tui``),
    then read it back: a backend that keeps nothing (keyring's "null" one)
    raises MailError instead of passing for stored."""
    if not username:
        raise MailError("set [smtp] username in the config")
    if not password:
        raise MailError("an empty password cannot be stored")
    import keyring

    try:
        _keyring_call(
            "store the SMTP password", lambda: keyring.set_password(KEYRING_SERVICE, username, password)
        )
        kept = _keyring_call("read the SMTP password back", lambda: keyring.get_password(KEYRING_SERVICE, username))
    except MailError as error:  # a backend's own message must not echo the password
        raise MailError(_scrub(str(error), password)) from None
    if kept != password:
        raise MailError(f"the keyring backend {_backend_name(keyring.get_keyring())} did not keep the password "
                        f"(read back: {'nothing' if not kept else 'another value'}): nothing is stored; {KEYRING_FIX}")


def _backend_name(backend: Any) -> str:
    return f"{type(backend).__module__}.{type(backend).__name__}"


def _is_null(backend: Any) -> bool:
    return type(backend).__module__ == "keyring.backends.null"


def keyring_status() -> tuple[bool, str]:
    """``(True, backend name)`` when the OS keyring works, else ``(False, how to fix it)``."""
    import keyring

    try:
        backend = _keyring_call("start", keyring.get_keyring)
        # A harmless read: the "fail" backend and locked keyrings raise here.
        _keyring_call("read a test entry", lambda: backend.get_password(KEYRING_SERVICE, "sourcer-tui-probe"))
    except MailError as error:
        return False, str(error)
    if _is_null(backend):
        return False, f"the keyring backend is keyring's null one, which stores nothing (set by PYTHON_KEYRING_BACKEND or keyringrc.cfg): {KEYRING_FIX}"
    return True, str(getattr(backend, "name", "") or type(backend).__name__)


def keyring_warning() -> str | None:
    """What the user should know about where the backend keeps the password, if anything."""
    import keyring

    try:
        backend = keyring.get_keyring()
    except Exception:
        return None
    if type(backend).__name__ == "PlaintextKeyring":  # keyrings.alt.file
        where = getattr(backend, "file_path", "a file")
        return f"note: this backend ({_backend_name(backend)}) keeps the password base64-encoded, NOT encrypted, in {where}"
    return None


# -- settings -------------------------------------------------------------------------------


def _is_loopback(host: str) -> bool:
    name = host.strip().lower().rstrip(".")
    if name.startswith("[") and name.endswith("]"):
        name = name[1:-1]
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return address.is_loopback or bool(mapped and mapped.is_loopback)


def check_smtp_settings(smtp: SmtpSettings) -> None:
    """MailError when sending cannot or must not happen with these settings."""
    if not smtp.host.strip() or not smtp.from_address.strip():
        raise MailError("email sending is off: set [smtp] host, username and from_address")
    if smtp.security not in ("starttls", "ssl", "none"):
        raise MailError(f'[smtp] security must be "starttls", "ssl" or "none", not {smtp.security!r}')
    if smtp.security == "none" and not _is_loopback(smtp.host):
        raise MailError('plaintext SMTP is only allowed to localhost; use security = "starttls" or "ssl"')


def check_sending(smtp: SmtpSettings, *, demo: bool) -> None:
    """MailError when mail must not go out now: the settings' problems, or a
    file of demo data (``--demo``, ``demo-data``) with a server that is not on
    this machine — demo addresses are reserved names, but a sourcer who typed
    a real one into the demo must not mail them from it."""
    check_smtp_settings(smtp)
    if demo and not _is_loopback(smtp.host):
        raise MailError(
            f"this is demo data: it sends mail only to a test server on this machine "
            f'([smtp] host = "localhost"), never through {smtp.host.strip()}'
        )


# -- sending --------------------------------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def build_message(smtp: SmtpSettings, to: str, subject: str, body: str):
    """The ``email.message.EmailMessage`` :func:`send_message` sends."""
    from email.headerregistry import Address
    from email.message import EmailMessage
    from email.utils import formatdate, make_msgid

    to = to.strip()
    if not to or any(c in to for c in "\r\n") or "@" not in to:
        raise MailError(f"not an email address: {_one_line(to)!r}")
    message = EmailMessage()
    try:
        message["From"] = smtp.from_address
        message["To"] = to
        message["Subject"] = _one_line(subject)
        domain = smtp.from_address.rpartition("@")[2].strip(" >") or "localhost"
        message["Message-ID"] = make_msgid(domain=domain)
        message["Date"] = formatdate(localtime=True)
    except (ValueError, TypeError, IndexError) as error:
        raise MailError(f"cannot build the email: {_one_line(str(error))}") from None
    if not message["To"].addresses or not all(isinstance(a, Address) and a.domain for a in message["To"].addresses):
        raise MailError(f"not an email address: {to!r}")
    message.set_content(body, subtype="plain", charset="utf-8")
    return message


def _reason(error: Any) -> str:
    """``550 no such user`` for an SMTP response error, else its message."""
    code = getattr(error, "code", None)
    text = _one_line(getattr(error, "message", "") or str(error))
    return f"{code} {text}".strip() if code is not None else text


def _os_reason(error: BaseException | None) -> str:
    """``Connection refused`` rather than ``[Errno 111] Connect call failed ('1.2.3.4', 587)``."""
    if not isinstance(error, OSError):
        return ""
    import ssl

    if isinstance(error, ssl.SSLError):  # errno is an SSL code, not an OS one
        detail = getattr(error, "verify_message", None) or error.reason or error.strerror or str(error)
        return f"TLS failed ({_one_line(detail)})"
    if isinstance(error, socket.gaierror):
        return f"unknown host ({error.strerror})" if error.strerror else "unknown host"
    if error.errno and error.errno > 0:
        return os.strerror(error.errno)
    return _one_line(error.strerror or str(error))


def _explain(error: BaseException, smtp: SmtpSettings, to: str) -> str:
    """One sentence for the user about a failed send."""
    import aiosmtplib

    where = f"{smtp.host}:{smtp.port}"
    if isinstance(error, aiosmtplib.SMTPConnectTimeoutError):
        return f"could not connect to {where}: timed out"
    if isinstance(error, aiosmtplib.SMTPConnectResponseError):
        return f"{where} is not ready to accept mail: {_reason(error)}"
    if isinstance(error, aiosmtplib.SMTPConnectError):
        import ssl

        reason = _os_reason(error.__cause__) or _reason(error)
        if isinstance(error.__cause__, ssl.SSLError) and not isinstance(error.__cause__, ssl.SSLCertVerificationError):
            reason += '; check [smtp] port and security ("ssl" is usually port 465, "starttls" port 587)'
        return f"could not connect to {where}: {reason}"
    if isinstance(error, aiosmtplib.SMTPAuthenticationError):
        return f"the server refused the username or password for {smtp.username}: {_reason(error)}"
    if isinstance(error, aiosmtplib.SMTPRecipientsRefused):
        refused = "; ".join(f"{r.recipient.strip('<>')}: {_reason(r)}" for r in error.recipients)
        return f"the server refused the recipient {refused or to}"
    if isinstance(error, aiosmtplib.SMTPRecipientRefused):
        return f"the server refused the recipient {error.recipient.strip('<>') or to}: {_reason(error)}"
    if isinstance(error, aiosmtplib.SMTPSenderRefused):
        return f"the server refused the sender {smtp.from_address}: {_reason(error)}"
    if isinstance(error, aiosmtplib.SMTPDataError):
        return f"the server refused the message: {_reason(error)}"
    if isinstance(error, aiosmtplib.SMTPResponseException):
        return f"the SMTP server {where} answered with an error: {_reason(error)}"
    if isinstance(error, aiosmtplib.SMTPServerDisconnected):
        return f"the SMTP server {where} closed the connection: {_reason(error)}"
    if isinstance(error, (aiosmtplib.SMTPTimeoutError, asyncio.TimeoutError, TimeoutError)):
        return f"the SMTP server {where} did not answer in time"
    if isinstance(error, aiosmtplib.SMTPException):
        text = _reason(error)
        if "STARTTLS" in text.upper():
            return (
                f"the SMTP server {where} does not offer STARTTLS ({text.rstrip('.')}); "
                'use security = "ssl" if it expects TLS from the start'
            )
        if "AUTH" in text.upper():
            return f"the SMTP server {where} does not accept a login: {text}"
        return f"sending through {where} failed: {text}"
    if isinstance(error, OSError):
        return f"could not talk to {where}: {_os_reason(error) or type(error).__name__}"
    return f"sending through {where} failed ({type(error).__name__}): {_one_line(str(error))}"


def _scrub(text: str, password: str) -> str:
    return text.replace(password, "***") if password else text


async def send_message(
    smtp: SmtpSettings,
    password: str,
    to: str,
    subject: str,
    body: str,
    *,
    timeout: float = 15,
) -> None:
    """Send one UTF-8 plain-text email to *to*; every failure is a :class:`MailError`."""
    check_smtp_settings(smtp)
    message = build_message(smtp, to, subject, body)
    import aiosmtplib

    options: dict[str, Any] = {
        "hostname": smtp.host.strip(),
        "port": smtp.port,
        "timeout": timeout,
        "use_tls": smtp.security == "ssl",
        # ssl: the connection is already encrypted, no STARTTLS on top of it.
        "start_tls": smtp.security == "starttls",
    }
    if password and smtp.username:
        options["username"] = smtp.username
        options["password"] = password
    try:
        await aiosmtplib.send(message, **options)
    except (aiosmtplib.SMTPException, OSError, asyncio.TimeoutError, ValueError) as error:
        raise MailError(_scrub(_explain(error, smtp, to), password)) from None


def send_message_sync(
    smtp: SmtpSettings,
    password: str,
    to: str,
    subject: str,
    body: str,
    *,
    timeout: float = 15,
) -> None:
    """:func:`send_message` for synchronous callers (the CLI)."""
    asyncio.run(send_message(smtp, password, to, subject, body, timeout=timeout))
