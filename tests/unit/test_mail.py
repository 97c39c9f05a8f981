"""Sending email against a real aiosmtpd server on 127.0.0.1: no network, no mocks of SMTP."""

from __future__ import annotations

import email
import email.policy
from dataclasses import replace

import pytest
from aiosmtpd.smtp import AuthResult

from sourcer_tui.config import SmtpSettings

from ..smtp_helpers import RefuseRecipient, free_port
from sourcer_tui.services import mail
from sourcer_tui.services.mail import MailError, check_smtp_settings, send_message, send_message_sync

FAKE_PASSWORD = "S3cr3t-Fake-Pass!"
BODY = "Bonjour Zoé,\n[b]gras[/b] [@click=app.quit]x[/] — ça va ? 👋\n.\nFrom here on, naïve café.\n"


def _reject_all(server, session, envelope, mechanism, auth_data):
    return AuthResult(success=False, handled=False)


def settings(port: int, **changes) -> SmtpSettings:
    base = SmtpSettings(host="127.0.0.1", port=port, username="", from_address="Sam Sourcer <sam@example.org>", security="none")
    return replace(base, **changes)


async def test_plaintext_send_to_localhost_delivers_exact_utf8_body(smtp_server):
    handler, port = smtp_server()
    await send_message(settings(port), "", "zoe@example.org", "Café [b]chez[/b] nous — été", BODY, timeout=5)

    assert len(handler.envelopes) == 1
    envelope = handler.envelopes[0]
    assert envelope.rcpt_tos == ["zoe@example.org"]
    assert envelope.mail_from == "sam@example.org"
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert message["From"] == "Sam Sourcer <sam@example.org>"
    assert message["To"] == "zoe@example.org"
    assert message["Subject"] == "Café [b]chez[/b] nous — été"
    assert message["Message-ID"].endswith("@example.org>")
    assert message["Date"]
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    assert message.get_content().replace("\r\n", "\n") == BODY


def test_sync_wrapper_sends(smtp_server):
    handler, port = smtp_server()
    send_message_sync(settings(port, host="localhost"), "", "zoe@example.org", "Hi", "plain body\n", timeout=5)
    assert [e.rcpt_tos for e in handler.envelopes] == [["zoe@example.org"]]


async def test_refused_recipient_is_a_mail_error_with_the_servers_reason(smtp_server):
    handler, port = smtp_server(RefuseRecipient())
    with pytest.raises(MailError) as caught:
        await send_message(settings(port), "", "zoe@x.org", "Hi", "body\n", timeout=5)
    message = str(caught.value)
    assert "550" in message and "no such user" in message and "zoe@x.org" in message
    assert message == "the server refused the recipient zoe@x.org: 550 no such user"
    assert handler.envelopes == []


async def test_nobody_listening_is_could_not_connect():
    port = free_port()
    with pytest.raises(MailError) as caught:
        await send_message(settings(port), "", "zoe@example.org", "Hi", "body\n", timeout=5)
    message = str(caught.value)
    assert message.startswith(f"could not connect to 127.0.0.1:{port}: ")
    assert "Connection refused" in message
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


async def test_refused_login_never_shows_the_password(smtp_server):
    _, port = smtp_server(auth_require_tls=False, authenticator=_reject_all)
    with pytest.raises(MailError) as caught:
        await send_message(settings(port, username="sam"), FAKE_PASSWORD, "zoe@example.org", "Hi", "body\n", timeout=5)
    message = str(caught.value)
    assert "refused the username or password for sam" in message and "535" in message
    assert FAKE_PASSWORD not in message
    assert FAKE_PASSWORD not in repr(caught.value.args)


@pytest.mark.parametrize("host", ["smtp.example.org", "10.0.0.1", "192.168.1.20", "localhost.example.org", "::2"])
async def test_plaintext_to_a_remote_host_is_refused_before_connecting(monkeypatch, host):
    import aiosmtplib

    async def no_network(*args, **kwargs):
        raise AssertionError("must not connect")

    monkeypatch.setattr(aiosmtplib, "send", no_network)
    smtp = settings(25, host=host)
    expected = 'plaintext SMTP is only allowed to localhost; use security = "starttls" or "ssl"'
    with pytest.raises(MailError, match="plaintext SMTP is only allowed to localhost") as caught:
        check_smtp_settings(smtp)
    assert str(caught.value) == expected
    with pytest.raises(MailError) as caught:
        await send_message(smtp, "", "zoe@example.org", "Hi", "body\n")
    assert str(caught.value) == expected


@pytest.mark.parametrize("host", ["localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "::1", "[::1]"])
def test_plaintext_to_loopback_is_allowed(host):
    check_smtp_settings(settings(25, host=host))


@pytest.mark.parametrize("changes", [{"host": ""}, {"from_address": ""}, {"host": "  "}])
def test_missing_host_or_sender_means_sending_is_off(changes):
    with pytest.raises(MailError) as caught:
        check_smtp_settings(settings(587, security="starttls", **changes))
    assert str(caught.value) == "email sending is off: set [smtp] host, username and from_address"


@pytest.mark.parametrize(
    "security, use_tls, start_tls",
    [("ssl", True, False), ("starttls", False, True), ("none", False, False)],
)
async def test_security_maps_to_aiosmtplib_options(monkeypatch, security, use_tls, start_tls):
    import aiosmtplib

    calls = []

    async def record(message, **kwargs):
        calls.append((message, kwargs))

    monkeypatch.setattr(aiosmtplib, "send", record)
    host = "localhost" if security == "none" else "smtp.example.org"
    smtp = SmtpSettings(host=host, port=465, username="sam", from_address="sam@example.org", security=security)
    await send_message(smtp, FAKE_PASSWORD, "zoe@example.org", "Hi", "body\n", timeout=3)
    [(message, kwargs)] = calls
    assert kwargs["use_tls"] is use_tls and kwargs["start_tls"] is start_tls
    assert (kwargs["hostname"], kwargs["port"], kwargs["timeout"]) == (host, 465, 3)
    assert (kwargs["username"], kwargs["password"]) == ("sam", FAKE_PASSWORD)
    assert message["To"] == "zoe@example.org" and message["From"] == "sam@example.org"


async def test_no_login_without_a_password(monkeypatch):
    import aiosmtplib

    calls = []

    async def record(message, **kwargs):
        calls.append(kwargs)

    monkeypatch.setattr(aiosmtplib, "send", record)
    await send_message(settings(25, username="sam"), "", "zoe@example.org", "Hi", "body\n")
    assert "username" not in calls[0] and "password" not in calls[0]


async def test_starttls_against_a_server_without_tls_is_a_clear_mail_error(smtp_server):
    handler, port = smtp_server()
    with pytest.raises(MailError) as caught:
        await send_message(settings(port, security="starttls"), "", "zoe@example.org", "Hi", "body\n", timeout=5)
    assert "STARTTLS" in str(caught.value) and f"127.0.0.1:{port}" in str(caught.value)
    assert handler.envelopes == []


async def test_ssl_against_a_plaintext_server_is_a_mail_error(smtp_server):
    handler, port = smtp_server()
    with pytest.raises(MailError) as caught:
        await send_message(settings(port, security="ssl"), "", "zoe@example.org", "Hi", "body\n", timeout=5)
    assert f"127.0.0.1:{port}" in str(caught.value)
    assert "\n" not in str(caught.value)
    assert handler.envelopes == []


@pytest.mark.parametrize("to", ["", "not-an-address", "zoe@example.org\r\nBcc: all@example.org"])
async def test_bad_recipient_is_refused_before_connecting(monkeypatch, to):
    import aiosmtplib

    async def no_network(*args, **kwargs):
        raise AssertionError("must not connect")

    monkeypatch.setattr(aiosmtplib, "send", no_network)
    with pytest.raises(MailError, match="not an email address"):
        await send_message(settings(25), "", to, "Hi", "body\n")


async def test_subject_line_breaks_cannot_inject_headers(smtp_server):
    handler, port = smtp_server()
    await send_message(settings(port), "", "zoe@example.org", "Hi\r\nBcc: all@example.org", "body\n", timeout=5)
    [envelope] = handler.envelopes
    assert envelope.rcpt_tos == ["zoe@example.org"]
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert message["Bcc"] is None and message["Subject"] == "Hi Bcc: all@example.org"


def test_mail_error_is_a_service_error():
    from sourcer_tui.services.errors import ServiceError

    assert issubclass(mail.MailError, ServiceError)
