"""`secrets set smtp` says "stored" only when the keyring kept the password."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import null

from sourcer_tui.services.mail import PASSWORD_ENV

from .files_helpers import cli

PASSWORD = "Not-A-Real-Pass-42"


@pytest.fixture
def null_keyring(monkeypatch):
    """keyring's null backend, as `PYTHON_KEYRING_BACKEND=keyring.backends.null.Keyring` gives: it keeps nothing."""
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(null.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def config(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[smtp]\nhost = "smtp.example.org"\nusername = "sam@example.org"\nfrom_address = "sam@example.org"\n')
    return path


def test_the_null_keyring_is_not_usable_and_nothing_is_said_stored(null_keyring, config, tmp_path, monkeypatch):
    answers = [PASSWORD, PASSWORD]
    monkeypatch.setattr("getpass.getpass", lambda prompt="", stream=None: answers.pop(0) if answers else "")
    run = cli("--config", config, "--db", tmp_path / "x.db", "secrets", "set", "smtp")
    line = run.one_line_error()
    assert "keyring's null one, which stores nothing" in line and "stored the SMTP password" not in run.out
    assert PASSWORD not in run.out + run.err
    run = cli("--config", config, "--db", tmp_path / "x.db", "secrets", "check")
    assert run.code == 1 and "keyring: not usable: the keyring backend is keyring's null one" in run.out


def test_a_backend_that_keeps_nothing_is_caught_by_reading_back(null_keyring):
    """Whatever the backend claims, store_password reads the password back."""
    from sourcer_tui.services import mail

    with pytest.raises(mail.MailError, match="did not keep the password \\(read back: nothing\\): nothing is stored"):
        mail.store_password("sam@example.org", PASSWORD)
