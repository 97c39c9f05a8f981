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

from ..i18n import N_, _

__all__ = [
    "KEYRING_SERVICE",
    "PASSWORD_ENV",
    "KEYRING_FIX",
    "keyring_fix",
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

#: How to get a usable keyring, in one sentence fragment (English, ``{env}`` to
#: fill in: :func:`keyring_fix` gives it in the reader's language).
KEYRING_FIX = N_(
    "install or unlock a keyring backend (GNOME Keyring, KWallet; or `pip install keyrings.alt`, "
    "whose file backend keeps the password only base64-encoded, not encrypted), "
    "or set {env} for this session"
)

_T = TypeVar("_T")


class MailError(ServiceError):
    """Email could not be sent or the SMTP password is not available; ``str()`` is one sentence."""


def keyring_fix() -> str:
    """How to get a usable keyring, in the reader's language."""
    return _(KEYRING_FIX).format(env=PASSWORD_ENV)


#: What a keyring call was doing (``action`` of :func:`_keyring_call`), said after "could not".
_READ_PASSWORD = N_("read the SMTP password")
_STORE_PASSWORD = N_("store the SMTP password")
_READ_BACK = N_("read the SMTP password back")
_START = N_("start")
_READ_PROBE = N_("read a test entry")


# -- the password ---------------------------------------------------------------------------


def _keyring_call(action: str, call: Callable[[], _T]) -> _T:
    """Run a keyring *call* (doing *action*, an ``N_()`` constant above); any keyring
    failure becomes a MailError saying how to fix it."""
    import keyring.errors

    try:
        return call()
    except keyring.errors.NoKeyringError:
        raise MailError(_("no usable OS keyring: {fix}").format(fix=keyring_fix())) from None
    except keyring.errors.KeyringError as error:
        reason = _one_line(str(error)) or type(error).__name__
        raise MailError(
            _("the OS keyring could not {action} ({reason}): {fix}").format(action=_(action), reason=reason, fix=keyring_fix())
        ) from None
    except Exception as error:  # a backend failing in its own way (D-Bus, file backend, ...)
        raise MailError(
            _("the OS keyring could not {action} ({reason}): {fix}").format(
                action=_(action), reason=type(error).__name__, fix=keyring_fix()
            )
        ) from None


def smtp_password(smtp: SmtpSettings, environ: Mapping[str, str] = os.environ) -> str:
    """The SMTP password: ``$SOURCER_TUI_SMTP_PASSWORD`` if set, else the OS keyring's."""
    from_env = environ.get(PASSWORD_ENV)
    if from_env:
        return from_env
    if not smtp.username:
        raise MailError(_("set [smtp] username in the config"))
    import keyring

    password = _keyring_call(
        _READ_PASSWORD, lambda: keyring.get_password(KEYRING_SERVICE, smtp.username)
    )
    if not password:
        raise MailError(
            _("no SMTP password stored for {username}: run `sourcer-tui secrets set smtp`").format(username=smtp.username)
        )
    return password


def store_password(username: str, password: str) -> None:
    """Store *password* for *username* in the OS keyring (service ``sourcer-tui``),
    then read it back: a backend that keeps nothing (keyring's "null" one)
    raises MailError instead of passing for stored."""
    if not username:
        raise MailError(_("set [smtp] username in the config"))
    if not password:
        raise MailError(_("an empty password cannot be stored"))
    import keyring

    try:
        _keyring_call(
            _STORE_PASSWORD, lambda: keyring.set_password(KEYRING_SERVICE, username, password)
        )
        kept = _keyring_call(_READ_BACK, lambda: keyring.get_password(KEYRING_SERVICE, username))
    except MailError as error:  # a backend's own message must not echo the password
        raise MailError(_scrub(str(error), password)) from None
    if kept != password:
        backend = _backend_name(keyring.get_keyring())
        if not kept:
            message = _("the keyring backend {backend} did not keep the password (read back: nothing): nothing is stored; {fix}")
        else:
            message = _("the keyring backend {backend} did not keep the password (read back: another value): nothing is stored; {fix}")
        raise MailError(message.format(backend=backend, fix=keyring_fix()))


def _backend_name(backend: Any) -> str:
    return f"{type(backend).__module__}.{type(backend).__name__}"


def _is_null(backend: Any) -> bool:
    return type(backend).__module__ == "keyring.backends.null"


def keyring_status() -> tuple[bool, str]:
    """``(True, backend name)`` when the OS keyring works, else ``(False, how to fix it)``."""
    import keyring

    try:
        backend = _keyring_call(_START, keyring.get_keyring)
        # A harmless read: the "fail" backend and locked keyrings raise here.
        _keyring_call(_READ_PROBE, lambda: backend.get_password(KEYRING_SERVICE, "sourcer-tui-probe"))
    except MailError as error:
        return False, str(error)
    if _is_null(backend):
        return False, _(
            "the keyring backend is keyring's null one, which stores nothing (set by PYTHON_KEYRING_BACKEND or keyringrc.cfg): {fix}"
        ).format(fix=keyring_fix())
    return True, str(getattr(backend, "name", "") or type(backend).__name__)


def keyring_warning() -> str | None:
    """What the user should know about where the backend keeps the password, if anything."""
    import keyring

    try:
        backend = keyring.get_keyring()
    except Exception:
        return None
    if type(backend).__name__ == "PlaintextKeyring":  # keyrings.alt.file
        where = getattr(backend, "file_path", None)
        if where is None:
            where = _("a file")
        return _("note: this backend ({backend}) keeps the password base64-encoded, NOT encrypted, in {where}").format(
            backend=_backend_name(backend), where=where
        )
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
        raise MailError(_("email sending is off: set [smtp] host, username and from_address"))
    if smtp.security not in ("starttls", "ssl", "none"):
        raise MailError(_('[smtp] security must be "starttls", "ssl" or "none", not {value}').format(value=repr(smtp.security)))
    if smtp.security == "none" and not _is_loopback(smtp.host):
        raise MailError(_('plaintext SMTP is only allowed to localhost; use security = "starttls" or "ssl"'))


def check_sending(smtp: SmtpSettings, *, demo: bool) -> None:
    """MailError when mail must not go out now: the settings' problems, or a
    file of demo data (``--demo``, ``demo-data``) with a server that is not on
    this machine — demo addresses are reserved names, but a sourcer who typed
    a real one into the demo must not mail them from it."""
    check_smtp_settings(smtp)
    if demo and not _is_loopback(smtp.host):
        raise MailError(
            _('this is demo data: it sends mail only to a test server on this machine ([smtp] host = "localhost"), never through {host}').format(
                host=smtp.host.strip()
            )
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
        raise MailError(_("not an email address: {address}").format(address=repr(_one_line(to))))
    message = EmailMessage()
    try:
        message["From"] = smtp.from_address
        message["To"] = to
        message["Subject"] = _one_line(subject)
        domain = smtp.from_address.rpartition("@")[2].strip(" >") or "localhost"
        message["Message-ID"] = make_msgid(domain=domain)
        message["Date"] = formatdate(localtime=True)
    except (ValueError, TypeError, IndexError) as error:
        raise MailError(_("cannot build the email: {reason}").format(reason=_one_line(str(error)))) from None
    if not message["To"].addresses or not all(isinstance(a, Address) and a.domain for a in message["To"].addresses):
        raise MailError(_("not an email address: {address}").format(address=repr(to)))
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
        return _("TLS failed ({reason})").format(reason=_one_line(detail))
    if isinstance(error, socket.gaierror):
        return _("unknown host ({reason})").format(reason=error.strerror) if error.strerror else _("unknown host")
    if error.errno and error.errno > 0:
        return os.strerror(error.errno)
    return _one_line(error.strerror or str(error))


def _explain(error: BaseException, smtp: SmtpSettings, to: str) -> str:
    """One sentence for the user about a failed send."""
    import aiosmtplib

    where = f"{smtp.host}:{smtp.port}"
    if isinstance(error, aiosmtplib.SMTPConnectTimeoutError):
        return _("could not connect to {server}: timed out").format(server=where)
    if isinstance(error, aiosmtplib.SMTPConnectResponseError):
        return _("{server} is not ready to accept mail: {reason}").format(server=where, reason=_reason(error))
    if isinstance(error, aiosmtplib.SMTPConnectError):
        import ssl

        reason = _os_reason(error.__cause__) or _reason(error)
        if isinstance(error.__cause__, ssl.SSLError) and not isinstance(error.__cause__, ssl.SSLCertVerificationError):
            reason = _('{reason}; check [smtp] port and security ("ssl" is usually port 465, "starttls" port 587)').format(reason=reason)
        return _("could not connect to {server}: {reason}").format(server=where, reason=reason)
    if isinstance(error, aiosmtplib.SMTPAuthenticationError):
        return _("the server refused the username or password for {username}: {reason}").format(
            username=smtp.username, reason=_reason(error)
        )
    if isinstance(error, aiosmtplib.SMTPRecipientsRefused):
        refused = "; ".join(f"{r.recipient.strip('<>')}: {_reason(r)}" for r in error.recipients)
        return _("the server refused the recipient {recipient}").format(recipient=refused or to)
    if isinstance(error, aiosmtplib.SMTPRecipientRefused):
        return _("the server refused the recipient {recipient}: {reason}").format(
            recipient=error.recipient.strip("<>") or to, reason=_reason(error)
        )
    if isinstance(error, aiosmtplib.SMTPSenderRefused):
        return _("the server refused the sender {sender}: {reason}").format(sender=smtp.from_address, reason=_reason(error))
    if isinstance(error, aiosmtplib.SMTPDataError):
        return _("the server refused the message: {reason}").format(reason=_reason(error))
    if isinstance(error, aiosmtplib.SMTPResponseException):
        return _("the SMTP server {server} answered with an error: {reason}").format(server=where, reason=_reason(error))
    if isinstance(error, aiosmtplib.SMTPServerDisconnected):
        return _("the SMTP server {server} closed the connection: {reason}").format(server=where, reason=_reason(error))
    if isinstance(error, (aiosmtplib.SMTPTimeoutError, asyncio.TimeoutError, TimeoutError)):
        return _("the SMTP server {server} did not answer in time").format(server=where)
    if isinstance(error, aiosmtplib.SMTPException):
        text = _reason(error)
        if "STARTTLS" in text.upper():
            return _('the SMTP server {server} does not offer STARTTLS ({reason}); use security = "ssl" if it expects TLS from the start').format(
                server=where, reason=text.rstrip(".")
            )
        if "AUTH" in text.upper():
            return _("the SMTP server {server} does not accept a login: {reason}").format(server=where, reason=text)
        return _("sending through {server} failed: {reason}").format(server=where, reason=text)
    if isinstance(error, OSError):
        return _("could not talk to {server}: {reason}").format(server=where, reason=_os_reason(error) or type(error).__name__)
    return _("sending through {server} failed ({error}): {reason}").format(
        server=where, error=type(error).__name__, reason=_one_line(str(error))
    )


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
