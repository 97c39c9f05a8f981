"""Typed, frozen settings read from a TOML file, and saved back atomically.

Validation is data-driven: ``_SCHEMA`` maps each table to a checker built from
its dataclass and one checker per key.  Every problem becomes a one-line :class:`ConfigError`
naming the file, the dotted key and what is wrong.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from sourcer_tui.domain.text import clean_line
from .i18n import N_, _
from sourcer_tui.domain.vocab import (
    CLOSED_STAGES, DEFAULT_DECLINE_REASONS, DEFAULT_REJECTION_REASONS, DEFAULT_SOURCES, DEFAULT_STAGES, STAGE_NAME,
)

__all__ = [
    "ConfigError", "CadenceSettings", "SnoozeSettings", "PipelineSettings", "TalentSettings",
    "DatabaseSettings", "PrivacySettings", "BackupSettings", "ProfileSettings", "SmtpSettings", "CalendarSettings",
    "RediscoverSettings", "TeamSettings",
    "Settings", "DEFAULT_SETTINGS",
    "load_settings", "save_settings",
]


class ConfigError(Exception):
    """A config file problem; ``str()`` is one line: file, key, problem."""


@dataclass(frozen=True)
class PipelineSettings:
    stages: tuple[str, ...] = DEFAULT_STAGES


@dataclass(frozen=True)
class CadenceSettings:
    followup_delays_days: tuple[int, ...] = (2, 4, 7)
    snooze_after_days: int = 7
    snooze_months: int = 3
    skip_weekends: bool = True


@dataclass(frozen=True)
class SnoozeSettings:
    choices_months: tuple[int, ...] = (3, 6, 12, 24)


@dataclass(frozen=True)
class TalentSettings:
    sources: tuple[str, ...] = DEFAULT_SOURCES
    decline_reasons: tuple[str, ...] = DEFAULT_DECLINE_REASONS
    rejection_reasons: tuple[str, ...] = DEFAULT_REJECTION_REASONS
    #: The shortlist check-in offered when a candidacy that reached interview closes without a hire.
    shortlist_checkin_months: int = 4

    def closing_reasons(self, outcome: str) -> tuple[str, ...]:
        """The reasons offered when a candidacy closes as *outcome*: the talent's, or ours."""
        return self.rejection_reasons if outcome == "rejected" else self.decline_reasons


@dataclass(frozen=True)
class DatabaseSettings:
    path: str = ""
    #: A PostgreSQL server instead of the file (``postgresql://user@host:5432/name``); never a password.
    url: str = ""


@dataclass(frozen=True)
class PrivacySettings:
    retention_months: int = 24


@dataclass(frozen=True)
class BackupSettings:
    keep: int = 14


@dataclass(frozen=True)
class ProfileSettings:
    #: Your name, for the {my_name} placeholder of message templates, and shown to teammates.
    name: str = ""
    #: Your login on a shared database (the database role, or a handle you choose);
    #: "" on SQLite: the single user.  Every candidacy, contact, reminder and snooze you make records it.
    login: str = ""


@dataclass(frozen=True)
class SmtpSettings:
    #: Empty host = email sending is off. The password lives in the OS keyring.
    host: str = ""
    port: int = 587
    username: str = ""
    from_address: str = ""
    security: str = "starttls"  # starttls | ssl | none (none: localhost only)


@dataclass(frozen=True)
class CalendarSettings:
    #: Minutes before a timed event (a next step at 14:30) its alarm rings in ``sourcer-tui ics``; 0: no alarm.
    alarm_minutes: int = 15


@dataclass(frozen=True)
class RediscoverSettings:
    #: Pool matches leave out the talents contacted within this many days.
    recent_contact_days: int = 30


@dataclass(frozen=True)
class TeamSettings:
    #: Logging a contact with a talent a teammate contacted within this many days warns first; 0: never.
    warn_contact_days: int = 14


@dataclass(frozen=True)
class LiveSettings:
    #: How often (seconds) the open app looks for what other windows wrote (SQLite's
    #: data version: no read of the tables); on PostgreSQL changes come by LISTEN/NOTIFY.
    check_seconds: int = 2


@dataclass(frozen=True)
class UiSettings:
    #: ``auto`` (French when LC_ALL, LC_MESSAGES or LANG starts with ``fr``), ``fr`` or ``en``.
    language: str = "auto"


@dataclass(frozen=True)
class Settings:
    pipeline: PipelineSettings = field(default_factory=PipelineSettings)
    cadence: CadenceSettings = field(default_factory=CadenceSettings)
    snooze: SnoozeSettings = field(default_factory=SnoozeSettings)
    talent: TalentSettings = field(default_factory=TalentSettings)
    database: DatabaseSettings = field(default_factory=DatabaseSettings)
    privacy: PrivacySettings = field(default_factory=PrivacySettings)
    backups: BackupSettings = field(default_factory=BackupSettings)
    profile: ProfileSettings = field(default_factory=ProfileSettings)
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    calendar: CalendarSettings = field(default_factory=CalendarSettings)
    rediscover: RediscoverSettings = field(default_factory=RediscoverSettings)
    team: TeamSettings = field(default_factory=TeamSettings)
    ui: UiSettings = field(default_factory=UiSettings)
    live: LiveSettings = field(default_factory=LiveSettings)
    #: binding id -> key, e.g. ``{"new_mission": "n"}`` (read-only).
    keymap: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}), hash=False)
    #: Where the settings came from; not part of equality.
    path: Path | None = field(default=None, compare=False)


DEFAULT_SETTINGS = Settings()


# --- validation -------------------------------------------------------------------------


class _Invalid(Exception):
    """A problem below the key being checked: *suffix* refines it (``[2]``, ``.foo``).

    ``problem=None`` means the key itself is unknown.
    """

    def __init__(self, problem: str | None, suffix: str = "") -> None:
        super().__init__(problem)
        self.problem, self.suffix = problem, suffix


_Check = Callable[[object], Any]
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _quote(text: str) -> str:
    """*text* in double quotes, escaped so that it stays on one line."""
    quoted = json.dumps(text, ensure_ascii=False)
    return quoted.translate({0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"})


def _dotted(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _quote(key)


def _show(value: object) -> str:
    """A short, single-line rendering of a TOML value for error messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _quote(value if len(value) <= 60 else value[:57] + "...")
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, dict):
        return _(_A_TABLE)
    if isinstance(value, list):
        return _(_A_LIST)
    return _("a {type}").format(type=type(value).__name__)


# What a value should have been (marked English: translated in the message).
_A_STRING, _TRUE_OR_FALSE, _A_TABLE = N_("a string"), N_("true or false"), N_("a table")
_AN_INTEGER, _A_LIST = N_("an integer"), N_("a list")


def _typed(kind: type, what: str) -> _Check:
    """A check that the value is a *kind*; *what* (marked with ``N_``) says so in the message."""
    def check(value: object) -> Any:
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise _Invalid(_("expected {what}, got {value}").format(what=_(what), value=_show(value)))
        return value
    return check


_str, _bool, _table = _typed(str, _A_STRING), _typed(bool, _TRUE_OR_FALSE), _typed(dict, _A_TABLE)


def _int(lo: int, hi: int) -> _Check:
    def check(value: object) -> int:
        if not lo <= _typed(int, _AN_INTEGER)(value) <= hi:
            raise _Invalid(_("must be between {low} and {high}, got {value}").format(low=lo, high=hi, value=value))
        return value  # type: ignore[return-value]
    return check


def _choice(*allowed: str) -> _Check:
    def check(value: object) -> str:
        if _str(value) not in allowed:
            raise _Invalid(_("must be one of {choices}, got {value}").format(choices=", ".join(allowed), value=_show(value)))
        return value  # type: ignore[return-value]
    return check


def _line(value: object) -> str:
    """Text shown on screen or sent in a message (your name, a source, a
    decline reason): the data layer's cleaning, so no control character
    reaches a terminal or the file through the config either."""
    return clean_line(_str(value))


def _database_url(value: object) -> str:
    """``[database] url``: a postgresql:// URL without a password ("" for none)."""
    url = _str(value)
    if url:
        from .db.postgres import config_problem  # only when one is set

        problem = config_problem(url)
        if problem:
            raise _Invalid(problem)
    return url


def _name(value: object) -> str:
    if not _line(value):
        raise _Invalid(_("must not be empty"))
    return _line(value)


def _stage(value: object) -> str:
    if not STAGE_NAME.fullmatch(_str(value)):  # a-z, 0-9 and _ only: nothing to clean
        _name(value)
        raise _Invalid(_("{value} is not a valid stage name (use a-z, 0-9 and _)").format(value=_show(value)))
    if value in CLOSED_STAGES:
        raise _Invalid(_("{value} is reserved for closed outcomes").format(value=_show(value)))
    return value  # type: ignore[return-value]


def _list(item: _Check, *, min_len: int = 1, max_len: int = 1000, unique: bool = False) -> _Check:
    def check(value: object) -> tuple[Any, ...]:
        items = _typed(list, _A_LIST)(value)
        if len(items) < min_len:
            raise _Invalid(_("must not be empty"))
        if len(items) > max_len:
            raise _Invalid(_("at most {most} values allowed, got {n}").format(most=max_len, n=len(items)))
        out: list[Any] = []
        for i, raw in enumerate(items):
            try:
                checked = item(raw)
            except _Invalid as exc:
                raise _Invalid(exc.problem, f"[{i}]") from None
            if unique and checked in out:
                raise _Invalid(_("duplicate value {value}").format(value=_show(checked)), f"[{i}]")
            out.append(checked)
        return tuple(out)
    return check


def _section(cls: type, checkers: dict[str, _Check] | None = None, values: _Check = _str) -> _Check:
    """A table: fixed keys built into *cls*, or (no *checkers*) free keys of *values*."""
    def check(value: object) -> Any:
        out: dict[str, Any] = {}
        for key, raw in _table(value).items():
            if checkers is not None and key not in checkers:
                raise _Invalid(None, "." + _dotted(key))
            try:
                out[key] = (checkers[key] if checkers is not None else values)(raw)
            except _Invalid as exc:
                raise _Invalid(exc.problem, "." + _dotted(key) + exc.suffix) from None
        return cls(out) if checkers is None else cls(**out)
    return check


#: table -> checker building its section of :class:`Settings`.
_SCHEMA: dict[str, _Check] = {
    "pipeline": _section(PipelineSettings, {"stages": _list(_stage, unique=True)}),
    "cadence": _section(CadenceSettings, {
        "followup_delays_days": _list(_int(1, 365), min_len=0, max_len=10),
        "snooze_after_days": _int(0, 365),
        "snooze_months": _int(1, 24),
        "skip_weekends": _bool,
    }),
    "snooze": _section(SnoozeSettings, {"choices_months": _list(_int(1, 24))}),
    "talent": _section(TalentSettings, {
        "sources": _list(_name, unique=True),
        "decline_reasons": _list(_name, unique=True),
        "rejection_reasons": _list(_name, unique=True),
        "shortlist_checkin_months": _int(1, 24),
    }),
    "database": _section(DatabaseSettings, {"path": _str, "url": _database_url}),
    "privacy": _section(PrivacySettings, {"retention_months": _int(1, 120)}),
    "backups": _section(BackupSettings, {"keep": _int(1, 365)}),
    "profile": _section(ProfileSettings, {"name": _line, "login": _line}),
    "smtp": _section(SmtpSettings, {
        "host": _str,
        "port": _int(1, 65535),
        "username": _str,
        "from_address": _str,
        "security": _choice("starttls", "ssl", "none"),
    }),
    "calendar": _section(CalendarSettings, {"alarm_minutes": _int(0, 10080)}),
    "rediscover": _section(RediscoverSettings, {"recent_contact_days": _int(0, 3650)}),
    "team": _section(TeamSettings, {"warn_contact_days": _int(0, 365)}),
    "ui": _section(UiSettings, {"language": _choice("auto", "fr", "en")}),
    "live": _section(LiveSettings, {"check_seconds": _int(1, 3600)}),
    "keymap": _section(MappingProxyType, values=_line),
}


def _build(doc: Mapping[str, Any], path: Path) -> Settings:
    """Validate a parsed TOML document into :class:`Settings`."""
    sections: dict[str, Any] = {}
    for name, raw in doc.items():
        try:
            if name not in _SCHEMA:
                raise _Invalid(None)
            sections[name] = _SCHEMA[name](raw)
        except _Invalid as exc:
            key = _dotted(name) + exc.suffix
            if exc.problem is None:
                raise ConfigError(_("{path}: unknown key {key}").format(path=path, key=_quote(key))) from None
            raise ConfigError(f"{path}: {key}: {exc.problem}") from None
    return Settings(**sections, path=path)


# --- reading and writing ----------------------------------------------------------------


def _read_document(path: Path) -> dict[str, Any] | None:
    """The parsed TOML at *path*, or None when the file does not exist."""
    try:
        raw = path.read_bytes().removeprefix(b"\xef\xbb\xbf")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ConfigError(_("{path}: cannot read file: {reason}").format(path=path, reason=exc.strerror or exc)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - raw.rfind(b"\n", 0, exc.start)
        raise ConfigError(_("{path}: not valid UTF-8 (at line {line}, column {column})").format(path=path, line=line, column=column)) from None
    import tomllib  # only when there is a file to read: keeps start-up lean

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = " ".join(str(exc).split())
        raise ConfigError(_("{path}: invalid TOML: {problem}").format(path=path, problem=message)) from None


def load_settings(path: Path) -> Settings:
    """Settings from *path*; a missing file means the defaults."""
    path = Path(path)
    doc = _read_document(path)
    return Settings(path=path) if doc is None else _build(doc, path)


def _plain(value: object) -> object:
    """Tuples and read-only mappings as TOML-writable lists and dicts."""
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    return value


def save_settings(path: Path, updates: dict[str, dict[str, object]]) -> None:
    """Merge *updates* (table -> key -> value; ``None`` removes a key) into the file.

    Every other key already in the file is kept (comments are not: TOML is
    re-serialised).  The merged document is validated first; nothing is written
    when it is invalid.  The write is atomic (temp file + ``os.replace``), mode 0600.
    """
    path = Path(path)
    doc = _read_document(path) or {}
    for table, changes in updates.items():
        current = doc.setdefault(table, {})
        if not isinstance(current, dict):
            _build({table: current}, path)  # reports "<table>: expected a table"
        for key, value in changes.items():
            if value is None:
                current.pop(key, None)
            else:
                current[key] = _plain(value)
    _build(doc, path)
    import tempfile

    import tomli_w

    data = tomli_w.dumps(doc).encode("utf-8")

    target = path.resolve() if path.is_symlink() else path
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
