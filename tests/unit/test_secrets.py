"""The SMTP password in the OS keyring: an in-memory backend, a failing one, and the CLI."""

from __future__ import annotations

import keyring
import keyring.errors
import pytest
from keyring.backend import KeyringBackend

from sourcer_tui.cli import main
from sourcer_tui.config import SmtpSettings
from sourcer_tui.services import mail
from sourcer_tui.services.mail import KEYRING_SERVICE, PASSWORD_ENV, MailError, keyring_status, smtp_password, store_password

FAKE_PASSWORD = "S3cr3t-Fake-Pass!"
SMTP = SmtpSettings(host="smtp.example.org", port=587, username="sam@example.org", from_address="sam@example.org")


class MemoryKeyring(KeyringBackend):
    """A real keyring backend that keeps passwords in a dict."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.passwords.get((service, username))

    def set_password(self, service, username, password):
        self.passwords[(service, username)] = password

    def delete_password(self, service, username):
        self.passwords.pop((service, username), None)


class FailingKeyring(KeyringBackend):
    """What headless Linux without a keyring daemon looks like."""

    priority = -1  # below keyring's own "fail" backend: never picked by auto-detection

    def get_password(self, service, username):
        raise keyring.errors.NoKeyringError("No recommended backend was available.")

    def set_password(self, service, username, password):
        raise keyring.errors.NoKeyringError("No recommended backend was available.")

    def delete_password(self, service, username):
        raise keyring.errors.NoKeyringError("No recommended backend was available.")


def _install(backend):
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring(monkeypatch):
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    yield from _install(MemoryKeyring())


@pytest.fixture
def failing_keyring(monkeypatch):
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    yield from _install(FailingKeyring())


@pytest.fixture
def config(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(
        '[smtp]\nhost = "smtp.example.org"\nport = 587\nusername = "sam@example.org"\n'
        'from_address = "sam@example.org"\nsecurity = "starttls"\n',
        encoding="utf-8",
    )
    return path


def fake_getpass(monkeypatch, *answers: str) -> list[str]:
    """``getpass.getpass`` answering *answers* in turn; returns the prompts it was shown."""
    prompts: list[str] = []
    pending = list(answers)

    def ask(prompt="Password: ", stream=None):
        prompts.append(prompt)
        return pending.pop(0)

    monkeypatch.setattr("getpass.getpass", ask)
    return prompts


def cli(config, tmp_path, *args: str) -> int:
    return main(["--config", str(config), "--db", str(tmp_path / "sourcer.db"), "secrets", *args])


# -- the service ---------------------------------------------------------------------------


def test_store_then_read_back(memory_keyring):
    store_password("sam@example.org", FAKE_PASSWORD)
    assert memory_keyring.passwords == {(KEYRING_SERVICE, "sam@example.org"): FAKE_PASSWORD}
    assert smtp_password(SMTP, environ={}) == FAKE_PASSWORD


def test_nothing_stored_says_which_command_to_run(memory_keyring):
    with pytest.raises(MailError) as caught:
        smtp_password(SMTP, environ={})
    assert str(caught.value) == "no SMTP password stored for sam@example.org: run `sourcer-tui secrets set smtp`"


def test_no_username_in_config(memory_keyring):
    with pytest.raises(MailError, match=r"set \[smtp\] username in the config"):
        smtp_password(SmtpSettings(host="smtp.example.org"), environ={})


def test_environment_variable_wins_over_keyring(memory_keyring):
    store_password("sam@example.org", "from-the-keyring")
    assert smtp_password(SMTP, environ={PASSWORD_ENV: "from-the-env"}) == "from-the-env"
    assert smtp_password(SMTP, environ={PASSWORD_ENV: ""}) == "from-the-keyring"  # empty = unset


def test_environment_variable_works_without_any_keyring(failing_keyring, monkeypatch):
    monkeypatch.setenv(PASSWORD_ENV, "from-the-env")
    assert smtp_password(SMTP) == "from-the-env"


def test_no_keyring_is_a_mail_error_saying_how_to_fix_it(failing_keyring):
    with pytest.raises(MailError) as caught:
        smtp_password(SMTP, environ={})
    message = str(caught.value)
    assert PASSWORD_ENV in message and "keyrings.alt" in message and "GNOME Keyring" in message
    assert "\n" not in message
    # no traceback chained to the user's message
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    with pytest.raises(MailError, match="keyrings.alt"):
        store_password("sam@example.org", FAKE_PASSWORD)


def test_other_keyring_errors_are_mail_errors_too(monkeypatch):
    class Locked(MemoryKeyring):
        def get_password(self, service, username):
            raise keyring.errors.KeyringLocked("the collection is locked")

    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    for _ in _install(Locked()):
        with pytest.raises(MailError) as caught:
            smtp_password(SMTP, environ={})
        assert "locked" in str(caught.value) and PASSWORD_ENV in str(caught.value)
        assert keyring_status()[0] is False


def test_keyring_status(memory_keyring):
    assert keyring_status() == (True, MemoryKeyring.name)
    assert memory_keyring.passwords == {}  # the probe read stores nothing


def test_keyring_status_without_keyring(failing_keyring):
    usable, message = keyring_status()
    assert usable is False
    assert PASSWORD_ENV in message and "keyrings.alt" in message


def test_empty_password_or_username_is_not_stored(memory_keyring):
    with pytest.raises(MailError):
        store_password("sam@example.org", "")
    with pytest.raises(MailError):
        store_password("", FAKE_PASSWORD)
    assert memory_keyring.passwords == {}


# -- sourcer-tui secrets ---------------------------------------------------------------------


def test_secrets_set_smtp_stores_the_password(memory_keyring, config, tmp_path, monkeypatch, capsys):
    prompts = fake_getpass(monkeypatch, FAKE_PASSWORD, FAKE_PASSWORD)
    assert cli(config, tmp_path, "set", "smtp") == 0
    out, err = capsys.readouterr()
    assert out == f"stored the SMTP password for sam@example.org in the OS keyring ({MemoryKeyring.name}); read back to check\n"
    assert err == ""
    assert len(prompts) == 2 and "sam@example.org" in prompts[0]
    assert memory_keyring.passwords == {(KEYRING_SERVICE, "sam@example.org"): FAKE_PASSWORD}


@pytest.mark.parametrize(
    "answers, expected",
    [
        ((FAKE_PASSWORD, "S3cr3t-Fake-Pass?"), "the two passwords differ: nothing stored"),
        (("", ""), "empty password: nothing stored"),
    ],
)
def test_secrets_set_smtp_refuses_bad_input(memory_keyring, config, tmp_path, monkeypatch, capsys, answers, expected):
    fake_getpass(monkeypatch, *answers)
    assert cli(config, tmp_path, "set", "smtp") == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"sourcer-tui: error: {expected}\n"
    assert memory_keyring.passwords == {}
    assert FAKE_PASSWORD not in err


def test_secrets_set_smtp_needs_a_username(memory_keyring, tmp_path, monkeypatch, capsys):
    prompts = fake_getpass(monkeypatch)
    config = tmp_path / "empty.toml"
    config.write_text('[smtp]\nhost = "smtp.example.org"\n', encoding="utf-8")
    assert cli(config, tmp_path, "set", "smtp") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "set [smtp] username in the config" in err
    assert prompts == []  # refused before asking for anything


def test_secrets_set_smtp_without_keyring_fails_before_prompting(failing_keyring, config, tmp_path, monkeypatch, capsys):
    prompts = fake_getpass(monkeypatch)
    assert cli(config, tmp_path, "set", "smtp") == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert PASSWORD_ENV in err and "keyrings.alt" in err and "Traceback" not in err
    assert prompts == []


def test_secrets_set_smtp_bad_config_exits_2(memory_keyring, tmp_path, monkeypatch, capsys):
    fake_getpass(monkeypatch)
    config = tmp_path / "bad.toml"
    config.write_text('[smtp]\nsecurity = "tls"\n', encoding="utf-8")
    assert cli(config, tmp_path, "set", "smtp") == 2
    assert "smtp.security" in capsys.readouterr().err


def test_secrets_check_with_a_stored_password(memory_keyring, config, tmp_path, capsys):
    memory_keyring.set_password(KEYRING_SERVICE, "sam@example.org", FAKE_PASSWORD)
    assert cli(config, tmp_path, "check") == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"keyring: usable ({MemoryKeyring.name})",
        "SMTP password for sam@example.org: stored",
    ]
    assert err == "" and FAKE_PASSWORD not in out


def test_secrets_check_with_nothing_stored(memory_keyring, config, tmp_path, capsys):
    assert cli(config, tmp_path, "check") == 0
    out = capsys.readouterr().out
    assert "SMTP password for sam@example.org: not stored (run `sourcer-tui secrets set smtp`)" in out


def test_secrets_check_without_keyring_exits_1(failing_keyring, config, tmp_path, capsys):
    assert cli(config, tmp_path, "check") == 1
    out = capsys.readouterr().out
    assert out.startswith("keyring: not usable: ")
    assert PASSWORD_ENV in out and "keyrings.alt" in out


def test_secrets_check_mentions_the_environment_override(failing_keyring, config, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(PASSWORD_ENV, FAKE_PASSWORD)
    assert cli(config, tmp_path, "check") == 1
    out = capsys.readouterr().out
    assert f"{PASSWORD_ENV} is set" in out and FAKE_PASSWORD not in out


def test_secrets_needs_an_action(capsys):
    assert main(["secrets"]) == 2
    assert main(["secrets", "set", "imap"]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2 and "required: ACTION" in lines[0] and "invalid choice: 'imap'" in lines[1]


def test_password_never_lands_in_config_database_or_output(memory_keyring, config, tmp_path, monkeypatch, capsys):
    from sourcer_tui.db.database import open_database

    db_file = tmp_path / "sourcer.db"
    open_database(db_file).close()  # a real database file next to the config
    config_before = config.read_bytes()

    fake_getpass(monkeypatch, FAKE_PASSWORD, FAKE_PASSWORD)
    assert cli(config, tmp_path, "set", "smtp") == 0
    assert cli(config, tmp_path, "check") == 0
    assert mail.smtp_password(SmtpSettings(username="sam@example.org"), environ={}) == FAKE_PASSWORD

    out, err = capsys.readouterr()
    assert FAKE_PASSWORD not in out and FAKE_PASSWORD not in err
    assert config.read_bytes() == config_before
    secret = FAKE_PASSWORD.encode()
    files = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert db_file in files
    for path in files:
        assert secret not in path.read_bytes(), path
