"""Settings from TOML: defaults, validation messages, atomic saving."""

from __future__ import annotations

import dataclasses
import os
import stat
import tomllib
from pathlib import Path
from types import MappingProxyType

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sourcer_tui.config import (
    DEFAULT_SETTINGS,
    BackupSettings,
    CadenceSettings,
    ConfigError,
    DatabaseSettings,
    PipelineSettings,
    PrivacySettings,
    Settings,
    SnoozeSettings,
    TalentSettings,
    load_settings,
    save_settings,
)
from sourcer_tui.domain.vocab import DEFAULT_DECLINE_REASONS, DEFAULT_SOURCES, DEFAULT_STAGES

EXAMPLE = Path(__file__).resolve().parents[2] / "config.example.toml"

FULL = """\
[pipeline]
stages = ["found", "called", "met", "hired"]

[cadence]
followup_delays_days = [3, 5]
snooze_after_days = 0
snooze_months = 6
skip_weekends = false

[snooze]
choices_months = [1, 24]

[talent]
sources = ["linkedin", "meetup"]
decline_reasons = ["salary", "other"]

[database]
path = "~/work/sourcer.db"

[privacy]
retention_months = 36

[backups]
keep = 5

[keymap]
new_mission = "n"
"some.binding" = "ctrl+k"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def error_for(tmp_path: Path, text: str) -> str:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    message = str(info.value)
    assert "\n" not in message
    assert len(message.splitlines()) == 1
    assert message.startswith(f"{path}: ")
    return message


# --- loading ------------------------------------------------------------------------------


def test_defaults_values() -> None:
    s = DEFAULT_SETTINGS
    assert s.pipeline.stages == DEFAULT_STAGES
    assert s.cadence == CadenceSettings((2, 4, 7), 7, 3, True)
    assert s.snooze.choices_months == (3, 6, 12, 24)
    assert s.talent.sources == DEFAULT_SOURCES
    assert s.talent.decline_reasons == DEFAULT_DECLINE_REASONS
    assert s.database.path == ""
    assert s.privacy.retention_months == 24
    assert s.backups.keep == 14
    assert dict(s.keymap) == {}
    assert s.path is None


def test_missing_file_gives_defaults_with_path(tmp_path: Path) -> None:
    path = tmp_path / "nope" / "config.toml"
    settings_ = load_settings(path)
    assert settings_ == DEFAULT_SETTINGS
    assert settings_.path == path


def test_empty_file_gives_defaults(tmp_path: Path) -> None:
    assert load_settings(write(tmp_path, "")) == DEFAULT_SETTINGS


def test_example_file_equals_defaults() -> None:
    loaded = load_settings(EXAMPLE)
    assert loaded == DEFAULT_SETTINGS
    assert loaded == dataclasses.replace(DEFAULT_SETTINGS, path=EXAMPLE)
    assert loaded.path == EXAMPLE


def test_example_file_documents_every_key() -> None:
    doc = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert list(doc) == [
        "pipeline", "cadence", "snooze", "talent", "database", "privacy", "backups", "profile", "smtp", "calendar", "rediscover", "team", "ui", "live", "keymap",
    ]
    for f in dataclasses.fields(Settings):
        if f.name in ("keymap", "path"):
            continue
        section = getattr(DEFAULT_SETTINGS, f.name)
        assert list(doc[f.name]) == [g.name for g in dataclasses.fields(section)], f.name
    text = EXAMPLE.read_text(encoding="utf-8")
    assert '# "pipeline.new_talent" = "t"' in text
    assert "?" in text.split("[keymap]")[1]


def test_full_valid_file(tmp_path: Path) -> None:
    path = write(tmp_path, FULL)
    assert load_settings(path) == Settings(
        pipeline=PipelineSettings(("found", "called", "met", "hired")),
        cadence=CadenceSettings((3, 5), 0, 6, False),
        snooze=SnoozeSettings((1, 24)),
        talent=TalentSettings(("linkedin", "meetup"), ("salary", "other")),
        database=DatabaseSettings("~/work/sourcer.db"),
        privacy=PrivacySettings(36),
        backups=BackupSettings(5),
        keymap=MappingProxyType({"new_mission": "n", "some.binding": "ctrl+k"}),
        path=path,
    )


def test_partial_table_keeps_other_defaults(tmp_path: Path) -> None:
    loaded = load_settings(write(tmp_path, "[cadence]\nsnooze_months = 12\n"))
    assert loaded.cadence == CadenceSettings((2, 4, 7), 7, 12, True)
    assert loaded.pipeline == DEFAULT_SETTINGS.pipeline


def test_settings_are_frozen(tmp_path: Path) -> None:
    loaded = load_settings(write(tmp_path, FULL))
    with pytest.raises(dataclasses.FrozenInstanceError):
        loaded.cadence.snooze_months = 1  # type: ignore[misc]
    with pytest.raises(TypeError):
        loaded.keymap["x"] = "y"  # type: ignore[index]
    assert isinstance(loaded.cadence.followup_delays_days, tuple)


def test_empty_followups_allowed(tmp_path: Path) -> None:
    loaded = load_settings(write(tmp_path, "[cadence]\nfollowup_delays_days = []\n"))
    assert loaded.cadence.followup_delays_days == ()


# --- errors -------------------------------------------------------------------------------


def test_broken_toml(tmp_path: Path) -> None:
    message = error_for(tmp_path, "[cadence]\nsnooze_months = 3\nabc def = 1\n")
    assert message == (
        f"{tmp_path / 'config.toml'}: invalid TOML: "
        "Expected '=' after a key in a key/value pair (at line 3, column 5)"
    )


def test_unknown_table(tmp_path: Path) -> None:
    message = error_for(tmp_path, "[cadense]\nsnooze_months = 3\n")
    assert message == f'{tmp_path / "config.toml"}: unknown key "cadense"'


def test_unknown_top_level_value(tmp_path: Path) -> None:
    message = error_for(tmp_path, "theme = 'dark'\n")
    assert message == f'{tmp_path / "config.toml"}: unknown key "theme"'


def test_unknown_key_in_table(tmp_path: Path) -> None:
    message = error_for(tmp_path, "[cadence]\nsnooze_month = 3\n")
    assert message == f'{tmp_path / "config.toml"}: unknown key "cadence.snooze_month"'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[cadence]\nsnooze_months = "three"', 'cadence.snooze_months: expected an integer, got "three"'),
        ("[cadence]\nsnooze_months = true", "cadence.snooze_months: expected an integer, got true"),
        ("[cadence]\nsnooze_months = 3.0", "cadence.snooze_months: expected an integer, got 3.0"),
        ("[cadence]\nskip_weekends = 1", "cadence.skip_weekends: expected true or false, got 1"),
        ("[cadence]\nfollowup_delays_days = 2", "cadence.followup_delays_days: expected a list, got 2"),
        (
            "[cadence]\nfollowup_delays_days = [2, false]",
            "cadence.followup_delays_days[1]: expected an integer, got false",
        ),
        ("[pipeline]\nstages = [\"a\", 1]", "pipeline.stages[1]: expected a string, got 1"),
        ("[database]\npath = 3", "database.path: expected a string, got 3"),
        ("[backups]\nkeep = [1]", "backups.keep: expected an integer, got a list"),
        ("[backups.keep]\nx = 1", "backups.keep: expected an integer, got a table"),
        ("cadence = 3", "cadence: expected a table, got 3"),
        ("keymap = \"n\"", 'keymap: expected a table, got "n"'),
        ("[keymap]\nnew_mission = 1", "keymap.new_mission: expected a string, got 1"),
        ("[keymap.new_mission]\nkey = \"n\"", "keymap.new_mission: expected a string, got a table"),
        ("[privacy]\nretention_months = 1979-05-27", "privacy.retention_months: expected an integer, got a date"),
    ],
)
def test_wrong_types(tmp_path: Path, text: str, expected: str) -> None:
    assert error_for(tmp_path, text) == f"{tmp_path / 'config.toml'}: {expected}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[cadence]\nfollowup_delays_days = [0]", "cadence.followup_delays_days[0]: must be between 1 and 365, got 0"),
        ("[cadence]\nfollowup_delays_days = [1, 366]", "cadence.followup_delays_days[1]: must be between 1 and 365, got 366"),
        (
            "[cadence]\nfollowup_delays_days = [1,2,3,4,5,6,7,8,9,10,11]",
            "cadence.followup_delays_days: at most 10 values allowed, got 11",
        ),
        ("[cadence]\nsnooze_after_days = -1", "cadence.snooze_after_days: must be between 0 and 365, got -1"),
        ("[cadence]\nsnooze_after_days = 366", "cadence.snooze_after_days: must be between 0 and 365, got 366"),
        ("[cadence]\nsnooze_months = 0", "cadence.snooze_months: must be between 1 and 24, got 0"),
        ("[cadence]\nsnooze_months = 25", "cadence.snooze_months: must be between 1 and 24, got 25"),
        ("[snooze]\nchoices_months = [3, 36]", "snooze.choices_months[1]: must be between 1 and 24, got 36"),
        ("[snooze]\nchoices_months = []", "snooze.choices_months: must not be empty"),
        ("[privacy]\nretention_months = 0", "privacy.retention_months: must be between 1 and 120, got 0"),
        ("[privacy]\nretention_months = 121", "privacy.retention_months: must be between 1 and 120, got 121"),
        ("[backups]\nkeep = 0", "backups.keep: must be between 1 and 365, got 0"),
        ("[backups]\nkeep = 99999999999999", "backups.keep: must be between 1 and 365, got 99999999999999"),
    ],
)
def test_out_of_range(tmp_path: Path, text: str, expected: str) -> None:
    assert error_for(tmp_path, text) == f"{tmp_path / 'config.toml'}: {expected}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[pipeline]\nstages = ["sourced", "declined"]', 'pipeline.stages[1]: "declined" is reserved for closed outcomes'),
        ('[pipeline]\nstages = ["rejected"]', 'pipeline.stages[0]: "rejected" is reserved for closed outcomes'),
        (
            '[pipeline]\nstages = ["Sourced"]',
            'pipeline.stages[0]: "Sourced" is not a valid stage name (use a-z, 0-9 and _)',
        ),
        (
            '[pipeline]\nstages = ["phone screen"]',
            'pipeline.stages[0]: "phone screen" is not a valid stage name (use a-z, 0-9 and _)',
        ),
        (
            '[pipeline]\nstages = ["1st"]',
            'pipeline.stages[0]: "1st" is not a valid stage name (use a-z, 0-9 and _)',
        ),
        ('[pipeline]\nstages = []', "pipeline.stages: must not be empty"),
        ('[pipeline]\nstages = [""]', "pipeline.stages[0]: must not be empty"),
        ('[talent]\nsources = ["a", "  "]', "talent.sources[1]: must not be empty"),
        ('[talent]\nsources = []', "talent.sources: must not be empty"),
        ('[talent]\ndecline_reasons = []', "talent.decline_reasons: must not be empty"),
    ],
)
def test_bad_names(tmp_path: Path, text: str, expected: str) -> None:
    assert error_for(tmp_path, text) == f"{tmp_path / 'config.toml'}: {expected}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[pipeline]\nstages = ["a", "b", "a"]', 'pipeline.stages[2]: duplicate value "a"'),
        ('[talent]\nsources = ["x", "x"]', 'talent.sources[1]: duplicate value "x"'),
        ('[talent]\ndecline_reasons = ["salary", "timing", "salary"]', 'talent.decline_reasons[2]: duplicate value "salary"'),
    ],
)
def test_duplicates(tmp_path: Path, text: str, expected: str) -> None:
    assert error_for(tmp_path, text) == f"{tmp_path / 'config.toml'}: {expected}"


def test_quoted_keys_and_multiline_values_stay_on_one_line(tmp_path: Path) -> None:
    message = error_for(tmp_path, '[keymap]\n"a\\nb" = 1\n[cadence]\nsnooze_months = "x\\ny\\u2028z"\n')
    assert message == f'{tmp_path / "config.toml"}: keymap."a\\nb": expected a string, got 1'
    message = error_for(tmp_path, '[cadence]\nsnooze_months = "x\\ny\\u2028z"\n')
    assert message.endswith('cadence.snooze_months: expected an integer, got "x\\ny\\u2028z"')


def test_directory_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.mkdir()
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    message = str(info.value)
    assert message.startswith(f"{path}: cannot read file: ")
    assert "\n" not in message


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b"[database]\npath = \"caf\xe9\"\n")
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert str(info.value) == f"{path}: not valid UTF-8 (at line 2, column 12)"


def test_permission_denied() -> None:
    """As a user the file's mode stops (CI runs as root, whom it does not: the
    command runs in a child that drops to nobody)."""
    from ..hostile.files_helpers import give_away, home_env, in_child, unprivileged_dir

    with unprivileged_dir() as folder:
        path = write(folder, FULL)
        give_away(path)
        path.chmod(0)
        run = in_child("--config", str(path), "today", "--db", str(folder / "x.db"), unprivileged=True, env=home_env(folder))
    assert run.one_line_error() == f"sourcer-tui: error: {path}: cannot read file: Permission denied"


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b"\xef\xbb\xbf[backups]\nkeep = 3\n")
    assert load_settings(path).backups.keep == 3


# --- saving -------------------------------------------------------------------------------


def test_save_creates_file_dir_and_modes(tmp_path: Path) -> None:
    path = tmp_path / "new" / "dir" / "config.toml"
    save_settings(path, {"cadence": {"snooze_months": 6}})
    assert tomllib.loads(path.read_text(encoding="utf-8")) == {"cadence": {"snooze_months": 6}}
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert load_settings(path).cadence.snooze_months == 6
    assert os.listdir(path.parent) == ["config.toml"]


def test_save_keeps_unrelated_keys(tmp_path: Path) -> None:
    path = write(tmp_path, "# my notes\n" + FULL)
    save_settings(
        path,
        {"cadence": {"snooze_months": 12, "followup_delays_days": (1, 2)}, "keymap": {"quit": "q"}},
    )
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    expected = tomllib.loads(FULL)
    expected["cadence"]["snooze_months"] = 12
    expected["cadence"]["followup_delays_days"] = [1, 2]
    expected["keymap"]["quit"] = "q"
    assert doc == expected
    loaded = load_settings(path)
    assert loaded.cadence == CadenceSettings((1, 2), 0, 12, False)
    assert loaded.database.path == "~/work/sourcer.db"
    assert dict(loaded.keymap) == {"new_mission": "n", "some.binding": "ctrl+k", "quit": "q"}
    assert sorted(os.listdir(tmp_path)) == ["config.toml"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_save_adds_new_table_and_none_removes_key(tmp_path: Path) -> None:
    path = write(tmp_path, "[backups]\nkeep = 3\n")
    save_settings(path, {"privacy": {"retention_months": 12}, "backups": {"keep": None}})
    assert tomllib.loads(path.read_text(encoding="utf-8")) == {
        "backups": {},
        "privacy": {"retention_months": 12},
    }
    assert load_settings(path).backups.keep == 14


def test_save_accepts_settings_values(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    loaded = load_settings(write(tmp_path, FULL))
    path.unlink()
    save_settings(path, {"keymap": loaded.keymap, "talent": {"sources": loaded.talent.sources}})
    assert load_settings(path).talent.sources == ("linkedin", "meetup")
    assert dict(load_settings(path).keymap) == {"new_mission": "n", "some.binding": "ctrl+k"}


@pytest.mark.parametrize(
    ("updates", "fragment"),
    [
        ({"cadence": {"snooze_months": 99}}, "cadence.snooze_months: must be between 1 and 24, got 99"),
        ({"cadence": {"snooze_months": True}}, "cadence.snooze_months: expected an integer, got true"),
        ({"pipeline": {"stages": ["a", "declined"]}}, 'pipeline.stages[1]: "declined" is reserved'),
        ({"cadense": {"x": 1}}, 'unknown key "cadense"'),
        ({"cadence": {"snooze": 1}}, 'unknown key "cadence.snooze"'),
        ({"keymap": {"quit": 1}}, "keymap.quit: expected a string, got 1"),
    ],
)
def test_invalid_update_writes_nothing(tmp_path: Path, updates: dict, fragment: str) -> None:
    path = write(tmp_path, "# keep me\n" + FULL)
    path.chmod(0o644)
    before = path.read_bytes()
    with pytest.raises(ConfigError) as info:
        save_settings(path, updates)
    message = str(info.value)
    assert message.startswith(f"{path}: ") and fragment in message and "\n" not in message
    assert path.read_bytes() == before
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert os.listdir(tmp_path) == ["config.toml"]


def test_invalid_update_to_missing_file_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "config.toml"
    with pytest.raises(ConfigError):
        save_settings(path, {"backups": {"keep": 0}})
    assert not path.parent.exists()


def test_save_refuses_broken_existing_file(tmp_path: Path) -> None:
    path = write(tmp_path, "this is = = not toml\n")
    before = path.read_bytes()
    with pytest.raises(ConfigError, match="invalid TOML"):
        save_settings(path, {"backups": {"keep": 3}})
    assert path.read_bytes() == before


def test_failed_write_leaves_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, FULL)
    before = path.read_bytes()

    def boom(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="disk full"):
        save_settings(path, {"backups": {"keep": 3}})
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["config.toml"]


def test_save_through_symlink_updates_target(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "config.toml"
    real.parent.mkdir()
    real.write_text("[backups]\nkeep = 3\n", encoding="utf-8")
    link = tmp_path / "config.toml"
    link.symlink_to(real)
    save_settings(link, {"backups": {"keep": 4}})
    assert link.is_symlink()
    assert load_settings(real).backups.keep == 4


# --- property: never anything but Settings or ConfigError ---------------------------------

KNOWN_NAMES = [
    "pipeline", "cadence", "snooze", "talent", "database", "privacy", "backups", "profile", "smtp", "calendar", "ui", "keymap",
    "stages", "followup_delays_days", "snooze_after_days", "snooze_months", "skip_weekends",
    "choices_months", "sources", "decline_reasons", "path", "retention_months", "keep", "alarm_minutes",
]
keys = st.sampled_from(KNOWN_NAMES) | st.text(max_size=8)
scalars = (
    st.text(max_size=10)
    | st.sampled_from(["declined", "rejected", "sourced", ""])
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.integers(min_value=-2, max_value=400)
    | st.booleans()
    | st.floats(allow_nan=True)
)
values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=12) | st.dictionaries(keys, children, max_size=5),
    max_leaves=25,
)
documents = st.dictionaries(keys, values, max_size=6) | st.dictionaries(
    st.sampled_from(KNOWN_NAMES[:8]),
    st.dictionaries(st.sampled_from(KNOWN_NAMES[8:]), values, max_size=3),
    max_size=4,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=documents)
def test_any_document_gives_settings_or_config_error(tmp_path: Path, doc: dict) -> None:
    path = tmp_path / "config.toml"
    path.write_text(tomli_w.dumps(doc), encoding="utf-8")
    _settings_or_one_line_error(path)


def _settings_or_one_line_error(path: Path) -> None:
    try:
        result = load_settings(path)
    except ConfigError as exc:
        message = str(exc)
        assert message.startswith(f"{path}: ")
        assert len(message.splitlines()) == 1
    else:
        assert isinstance(result, Settings)


damaged = st.tuples(documents, st.integers(0, 400), st.text(max_size=3)).map(
    lambda t: (lambda text: text[: t[1]] + t[2] + text[t[1]:])(tomli_w.dumps(t[0])).encode("utf-8", "surrogatepass")
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=200) | st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")) | damaged)
def test_any_file_gives_settings_or_one_clear_error(tmp_path: Path, raw: bytes) -> None:
    """Not only valid TOML: any bytes (broken syntax, a document cut or
    patched anywhere, not UTF-8) load or fail with one line naming the file."""
    path = tmp_path / "config.toml"
    path.write_bytes(raw)
    _settings_or_one_line_error(path)


def test_permission_error_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, FULL)

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert str(info.value) == f"{path}: cannot read file: Permission denied"


def test_not_utf8_after_bom_reports_line(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b"\xef\xbb\xbf[database]\npath = \"caf\xe9\"\n")
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert str(info.value) == f"{path}: not valid UTF-8 (at line 2, column 12)"


def test_save_over_non_table_reports_it(tmp_path: Path) -> None:
    path = write(tmp_path, "cadence = 3\n")
    with pytest.raises(ConfigError) as info:
        save_settings(path, {"cadence": {"snooze_months": 4}})
    assert str(info.value) == f"{path}: cadence: expected a table, got 3"
    assert path.read_text(encoding="utf-8") == "cadence = 3\n"


def test_save_can_fix_an_invalid_value(tmp_path: Path) -> None:
    path = write(tmp_path, "[cadence]\nsnooze_months = 99\n[backups]\nkeep = 2\n")
    save_settings(path, {"cadence": {"snooze_months": 6}})
    loaded = load_settings(path)
    assert (loaded.cadence.snooze_months, loaded.backups.keep) == (6, 2)


def test_the_language_is_auto_fr_or_en(tmp_path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[ui]\nlanguage = "fr"\n', encoding="utf-8")
    assert load_settings(path).ui.language == "fr"
    path.write_text('[ui]\nlanguage = "de"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="ui.language"):
        load_settings(path)


def test_rediscover_recent_contact_days(tmp_path: Path) -> None:
    assert load_settings(write(tmp_path, "[rediscover]\nrecent_contact_days = 14\n")).rediscover.recent_contact_days == 14
    assert DEFAULT_SETTINGS.rediscover.recent_contact_days == 30
    with pytest.raises(ConfigError, match="recent_contact_days"):
        load_settings(write(tmp_path, "[rediscover]\nrecent_contact_days = -1\n"))
