"""Tests for sourcer_tui.services.exchange (JSON, CSV, iCalendar) and its CLI module."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import itertools
import json
import os
import stat

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from sourcer_tui.config import Settings
from sourcer_tui.db import search, talent_keys
from sourcer_tui.db.database import open_database
from sourcer_tui.domain.vocab import CHANNELS, TOUCHPOINT_KINDS
from sourcer_tui.db.models import (
    ALL_MODELS,
    Candidacy,
    Mission,
    Reminder,
    Snooze,
    Talent,
    Touchpoint,
    database_proxy,
)
from sourcer_tui.services import exchange
from sourcer_tui.demo import build_demo
from sourcer_tui.services.errors import NotFound, ServiceError
from sourcer_tui.services.stats import compute
from sourcer_tui.services.today_report import due_report

TODAY = dt.date(2026, 11, 23)
NOW = dt.datetime(2026, 11, 23, 10, 30)
SETTINGS = Settings()


def _use(db):
    database_proxy.initialize(db)
    return db


def _counts() -> dict[str, int]:
    return {model.__name__: model.select().count() for model in ALL_MODELS}


def _stats() -> dict:
    return compute(None, None, SETTINGS.talent.decline_reasons, SETTINGS.talent.sources).as_dict()


def _document(path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    data.pop("exported_at")
    return data


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    """A demo database and its JSON export, shared by the read-only tests."""
    folder = tmp_path_factory.mktemp("demo")
    db = open_database(folder / "demo.db")
    build_demo(db, TODAY)
    exported = folder / "demo.json"
    counts = exchange.export_json(exported, now=NOW)
    yield db, exported, counts
    db.close()


@pytest.fixture
def demo(demo_file):
    db, exported, counts = demo_file
    _use(db)
    return db, exported, counts


# --------------------------------------------------------------------------- JSON round trip


def test_json_round_trip_keeps_every_row_and_the_stats(demo, tmp_path):
    source, exported, counts = demo
    expected_counts, expected_stats = _counts(), _stats()
    assert counts == {
        "missions": expected_counts["Mission"], "talents": expected_counts["Talent"],
        "candidacies": expected_counts["Candidacy"], "touchpoints": expected_counts["Touchpoint"],
        "reminders": expected_counts["Reminder"], "snoozes": expected_counts["Snooze"],
        "templates": expected_counts["Template"], "introducers": expected_counts["Introducer"], "recognitions": expected_counts["Recognition"],
        "grid_criteria": expected_counts["GridCriterion"], "grid_scores": expected_counts["GridScore"],
        "teammates": expected_counts["Teammate"],
    }
    assert counts["talents"] == 150 and counts["touchpoints"] > 400

    target = open_database(tmp_path / "imported.db")
    try:
        assert exchange.import_json(exported, NOW) == counts
        assert _counts() == expected_counts
        assert _stats() == expected_stats  # the Stats' rows were rebuilt after the load
        assert target.execute_sql("SELECT mission_id, stage, n FROM candidacy_count WHERE n != 0 ORDER BY 1, 2").fetchall() == \
            target.execute_sql("SELECT mission_id, stage, COUNT(*) FROM candidacy GROUP BY 1, 2 ORDER BY 1, 2").fetchall()
        # Lossless: exporting the imported file gives the same document (the demo
        # follows the snooze rule, so the import's repair has nothing to do).
        again = tmp_path / "again.json"
        exchange.export_json(again, now=NOW)
        assert _document(again) == _document(exported)
        # Full-text search works on the imported talents.
        talent = Talent.get_by_id(17)
        first_name = talent.name.split()[0]
        found = list(Talent.select(Talent.id).where(search.talent_filter(first_name)).tuples())
        assert (talent.id,) in found
        assert list(Talent.select(Talent.id).where(search.talent_filter(talent.name)).tuples())
    finally:
        target.close()
        _use(source)


def test_json_document_is_readable_and_typed(demo):
    _, exported, _ = demo
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["format"] == "sourcer-tui" and data["version"] == 1
    assert dt.datetime.fromisoformat(data["exported_at"]).tzinfo is not None
    assert list(data)[3:] == ["missions", "talents", "candidacies", "touchpoints", "reminders", "snoozes", "templates",
                              "introducers", "recognitions", "grid_criteria", "grid_scores", "teammates"]
    talent = data["talents"][0]
    # every column but the kept sort keys (db/talent_keys.py: derived, rebuilt on import)
    assert set(talent) == {field.column_name for field in Talent._meta.sorted_fields} - set(talent_keys.COLUMNS)
    dt.datetime.fromisoformat(talent["created_at"])
    candidacy = data["candidacies"][0]
    assert isinstance(candidacy["talent_id"], int) and isinstance(candidacy["mission_id"], int)
    touchpoint = data["touchpoints"][0]
    assert isinstance(touchpoint["needs_feedback"], bool)
    assert any(t["next_step_due"] for t in data["touchpoints"])
    text = exported.read_text(encoding="utf-8")
    assert "é" in text  # accents kept readable, not \u00e9
    assert text.count("\n") > sum(len(data[key]) for key, _ in exchange.TABLES)  # one row per line


def test_json_export_is_private(demo, tmp_path):
    out = tmp_path / "export.json"
    out.write_text("old", encoding="utf-8")
    os.chmod(out, 0o644)
    exchange.export_json(out, force=True)  # replacing an existing file takes --force
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == "sourcer-tui"
    assert [p.name for p in tmp_path.iterdir()] == ["export.json"]  # no temporary left behind


def test_export_into_a_missing_folder_is_one_clear_error(demo, tmp_path):
    with pytest.raises(ServiceError, match="does not exist"):
        exchange.export_json(tmp_path / "nope" / "export.json")


def test_json_export_of_one_mission(demo, tmp_path):
    source, _, _ = demo
    out = tmp_path / "mission.json"
    counts = exchange.export_json(out, mission_id=2)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [m["id"] for m in data["missions"]] == [2]
    assert counts["candidacies"] == Candidacy.select().where(Candidacy.mission == 2).count()
    assert {c["mission_id"] for c in data["candidacies"]} == {2}
    talents = {c["talent_id"] for c in data["candidacies"]}
    assert {t["id"] for t in data["talents"]} == talents
    candidacies = {c["id"] for c in data["candidacies"]}
    for key in ("touchpoints", "reminders", "snoozes"):
        assert data[key], key
        for row in data[key]:
            assert row["talent_id"] in talents
            assert row["candidacy_id"] is None or row["candidacy_id"] in candidacies
    assert len(data["talents"]) < 150
    # It stands alone: it imports into an empty database.
    target = open_database(tmp_path / "one.db")
    try:
        assert exchange.import_json(out, NOW) == counts
    finally:
        target.close()
        _use(source)


def test_json_export_of_an_unknown_mission(demo, tmp_path):
    with pytest.raises(NotFound, match="no mission with id 99"):
        exchange.export_json(tmp_path / "x.json", mission_id=99)
    assert not (tmp_path / "x.json").exists()


# --------------------------------------------------------------------------- JSON import: refusals


def test_import_into_a_database_with_data_is_refused(demo, tmp_path):
    source, exported, _ = demo
    before = _counts()
    with pytest.raises(ServiceError, match="already holds data"):
        exchange.import_json(exported, NOW)
    assert _counts() == before
    _use(source)


def _write(tmp_path, content, name="broken.json"):
    path = tmp_path / name
    if isinstance(content, (dict, list)):
        content = json.dumps(content)
    path.write_text(content, encoding="utf-8")
    return path


def _valid() -> dict:
    return {
        "format": "sourcer-tui", "version": 1, "exported_at": "2026-11-23T10:30:00+01:00",
        "missions": [{"id": 1, "title": "Data Engineer"}],
        "talents": [{"id": 3, "name": "Zoé Martin", "email": "zoe@example.com"}],
        "candidacies": [{"id": 5, "talent_id": 3, "mission_id": 1, "stage": "approached"}],
        "touchpoints": [], "reminders": [], "snoozes": [], "templates": [],
    }


def _broken(change):
    document = _valid()
    change(document)
    return document


@pytest.mark.parametrize(
    "content, expected",
    [
        ("{not json", "is not valid JSON"),
        ("", "is not valid JSON"),
        ("[1, 2]", "is not a sourcer-tui export"),
        ({"format": "other", "version": 1}, "is not a sourcer-tui export"),
        (_broken(lambda d: d.update(version=2)), "newer sourcer-tui"),
        (_broken(lambda d: d.update(version="1")), "unknown format version"),
        (_broken(lambda d: d.pop("talents")), 'the "talents" list is missing'),
        (_broken(lambda d: d.update(snoozes={})), '"snoozes" should be a list, not an object'),
        (_broken(lambda d: d["talents"].append("Zoé")), "talents[1] should be an object"),
        (_broken(lambda d: d["talents"][0].pop("name")), 'talents[0] (id 3): the column "name" is missing'),
        (_broken(lambda d: d["talents"][0].update(name=None)), '"name" cannot be null'),
        (_broken(lambda d: d["talents"][0].update(nmae="x")), 'unknown column "nmae"'),
        (_broken(lambda d: d["talents"][0].update(created_at="yesterday")), '"created_at" should be a local date and time'),
        (_broken(lambda d: d["talents"][0].update(consent_renewed_at="23/11/2026")), '"consent_renewed_at" should be a date'),
        (_broken(lambda d: d["talents"][0].update(keep_in_touch_months="6")), "should be a whole number"),
        (_broken(lambda d: d["talents"].append({"id": 3, "name": "Twice"})), "the id 3 appears twice"),
        (_broken(lambda d: d["candidacies"][0].update(talent_id=9)), '"talent_id" 9 is not the id of any of the file\'s talents'),
        (_broken(lambda d: d["candidacies"].append({"id": 6, "talent_id": 3, "mission_id": 1})), "is in mission 1 twice"),
    ],
)
def test_broken_files_are_one_clear_sentence(db, tmp_path, content, expected):
    path = _write(tmp_path, content)
    with pytest.raises(ServiceError) as raised:
        exchange.import_json(path, NOW)
    message = str(raised.value)
    assert expected in message
    assert str(path) in message and "\n" not in message and "Traceback" not in message
    assert Mission.select().count() == 0 and Talent.select().count() == 0  # nothing written


def test_import_of_a_missing_or_binary_file(db, tmp_path):
    with pytest.raises(ServiceError, match="no such file"):
        exchange.import_json(tmp_path / "absent.json", NOW)
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ServiceError, match="not UTF-8"):
        exchange.import_json(binary, NOW)


def test_hand_written_file_gets_the_defaults(db, tmp_path):
    counts = exchange.import_json(_write(tmp_path, _valid(), "small.json"), NOW)
    assert counts["talents"] == 1 and counts["candidacies"] == 1
    talent = Talent.get_by_id(3)
    assert (talent.name, talent.source, talent.created_at, talent.notes) == ("Zoé Martin", "other", NOW, "")
    assert Candidacy.get_by_id(5).mission.title == "Data Engineer"
    assert list(Talent.select().where(search.talent_filter("zoe")))  # indexed, accents folded
    # The next row the app creates gets a fresh id.
    assert Talent.create(name="Next").id == 4


# --------------------------------------------------------------------------- JSON import: values the app never writes


def _complete() -> dict:
    """A small valid file with a row in every list: a snoozed talent with a claimed follow-up."""
    document = _valid()
    document["talents"][0]["keep_in_touch_months"] = 6
    document["candidacies"][0].update(sequence_state="active", last_step_sent=0, reply_sentiment=None)
    document["touchpoints"] = [{"id": 2, "talent_id": 3, "candidacy_id": 5, "kind": "approach", "channel": "linkedin",
                                "direction": "out", "happened_at": "2026-11-20T09:00:00", "step": 0, "sentiment": None}]
    document["reminders"] = [
        {"id": 7, "talent_id": 3, "candidacy_id": 5, "kind": "followup", "due": "2026-11-24", "step": 1, "status": "pending",
         "paused_days": 1, "claimed_by": "send-due (pid 41, host) #1a2b", "claimed_at": "2026-11-23T10:29:00"},
        {"id": 8, "talent_id": 3, "snooze_id": 4, "kind": "wake_up", "due": "2026-12-01", "status": "pending"},
    ]
    document["snoozes"] = [{"id": 4, "talent_id": 3, "since": "2026-11-23", "until": "2026-12-01", "kind": "manual", "active": True}]
    document["templates"] = [{"id": 1, "step": 1, "channel": "email", "body": "Hello"}]
    return document


def _set(key, index, **values):
    def change(document):
        document[key][index].update(values)
    return change


def _add_snooze(**values):
    def change(document):
        document["snoozes"].append({"id": 9, "talent_id": 3, "since": "2026-11-01", "until": "2026-11-10", "kind": "manual",
                                    "active": False, **values})
    return change


def _bogus_one_of(name, allowed):
    return f'"{name}" should be one of {", ".join(allowed)}, not "bogus".'


@pytest.mark.parametrize(
    "change, expected",
    [
        # months the app never plans (keep_in_touch_due crashed Today on 999)
        (_set("talents", 0, keep_in_touch_months=999), 'talents[0] (id 3): "keep_in_touch_months" should be between 1 and 24, not 999.'),
        (_set("talents", 0, keep_in_touch_months=0), 'talents[0] (id 3): "keep_in_touch_months" should be between 1 and 24, not 0.'),
        (_set("missions", 0, snooze_months=999), 'missions[0] (id 1): "snooze_months" should be between 1 and 24, not 999.'),
        (_set("missions", 0, snooze_after_days=-1), 'missions[0] (id 1): "snooze_after_days" should be between 0 and 365, not -1.'),
        (_set("missions", 0, followup_delays_days="2,abc"),
         'missions[0] (id 1): "followup_delays_days" should be follow-up delays (whole days separated by commas, e.g. 2, 4, 7), not "2,abc".'),
        (_set("missions", 0, followup_delays_days="2,999"),
         'missions[0] (id 1): "followup_delays_days" should be follow-up delays (each delay between 1 and 365 days), not "2,999".'),
        # kinds, states and statuses outside the app's lists
        (_set("missions", 0, status="bogus"), "missions[0] (id 1): " + _bogus_one_of("status", ("open", "on_hold", "closed"))),
        (_set("touchpoints", 0, kind="bogus"), "touchpoints[0] (id 2): " + _bogus_one_of("kind", TOUCHPOINT_KINDS)),
        (_set("touchpoints", 0, channel="bogus"), "touchpoints[0] (id 2): " + _bogus_one_of("channel", CHANNELS)),
        (_set("touchpoints", 0, direction="bogus"), "touchpoints[0] (id 2): " + _bogus_one_of("direction", ("out", "in"))),
        (_set("touchpoints", 0, sentiment="bogus"), "touchpoints[0] (id 2): " + _bogus_one_of("sentiment", ("positive", "mixed", "negative"))),
        (_set("touchpoints", 0, step=-1), 'touchpoints[0] (id 2): "step" should be 0 or more, not -1.'),
        (_set("reminders", 0, kind="bogus"),
         "reminders[0] (id 7): " + _bogus_one_of("kind", ("followup", "next_step", "wake_up", "keep_in_touch", "auto_snooze", "thank_introducer"))),
        (_set("reminders", 0, status="bogus"),
         "reminders[0] (id 7): " + _bogus_one_of("status", ("pending", "done", "skipped", "cancelled"))),
        (_set("reminders", 0, paused_days=-3), 'reminders[0] (id 7): "paused_days" should be between 0 and 3653, not -3.'),
        (_set("snoozes", 0, kind="bogus"),
         "snoozes[0] (id 4): " + _bogus_one_of("kind", ("manual", "no_reply", "trial_end", "keep_in_touch"))),
        (_set("candidacies", 0, sequence_state="bogus"),
         "candidacies[0] (id 5): " + _bogus_one_of("sequence_state", ("none", "active", "replied", "completed", "stopped"))),
        (_set("candidacies", 0, reply_sentiment="bogus"), "candidacies[0] (id 5): " + _bogus_one_of("reply_sentiment", ("positive", "negative"))),
        (_set("candidacies", 0, stage="Sourced!"), 'candidacies[0] (id 5): "stage" should be a stage name (a-z, 0-9 and _), not "Sourced!".'),
        (_set("candidacies", 0, last_step_sent=-1), 'candidacies[0] (id 5): "last_step_sent" should be 0 or more, not -1.'),
        (_set("templates", 0, channel="bogus"), "templates[0] (id 1): " + _bogus_one_of("channel", CHANNELS)),
        (_set("templates", 0, step=-1), 'templates[0] (id 1): "step" should be 0 or more, not -1.'),
        # dates no clock ever wrote: a claim in 2999 held the follow-up for ever
        (_set("reminders", 0, claimed_at="2999-01-01T00:00:00"),
         'reminders[0] (id 7): "claimed_at" should not be in the future (after 2026-11-23T10:40:00), not "2999-01-01T00:00:00".'),
        (_set("reminders", 0, claimed_at="2026-11-23T10:41:00"),
         'reminders[0] (id 7): "claimed_at" should not be in the future (after 2026-11-23T10:40:00), not "2026-11-23T10:41:00".'),
        (_set("touchpoints", 0, happened_at="2999-01-01T00:00:00"),
         'touchpoints[0] (id 2): "happened_at" should not be in the future (after 2026-11-24T10:30:00), not "2999-01-01T00:00:00".'),
        (_set("talents", 0, created_at="2026-11-24T10:31:00"),
         'talents[0] (id 3): "created_at" should not be in the future (after 2026-11-24T10:30:00), not "2026-11-24T10:31:00".'),
        (_set("talents", 0, consent_renewed_at="2026-11-25"),
         'talents[0] (id 3): "consent_renewed_at" should not be in the future (after 2026-11-24), not "2026-11-25".'),
        (_set("reminders", 0, due="2999-01-01"), 'reminders[0] (id 7): "due" should be at most 10 years ahead (2036-11-23), not "2999-01-01".'),
        (_set("touchpoints", 0, next_step_due="2036-11-24"),
         'touchpoints[0] (id 2): "next_step_due" should be at most 10 years ahead (2036-11-23), not "2036-11-24".'),
        (_set("snoozes", 0, until="9999-12-31"), 'snoozes[0] (id 4): "until" should be at most 10 years ahead (2036-11-23), not "9999-12-31".'),
        (_set("snoozes", 0, since="2026-12-02"), 'snoozes[0] (id 4): "since" should not be in the future (after 2026-11-24), not "2026-12-02".'),
        (_set("snoozes", 0, since="2026-11-20", until="2026-11-19"),
         'snoozes[0] (id 4): "until" should not be before "since" (2026-11-20), not "2026-11-19".'),
        # two active snoozes for one talent
        (_add_snooze(active=True), "snoozes[1] (id 9): talent 3 has another active snooze (id 4); a talent has at most one."),
        # a number SQLite cannot hold (it crashed the import with an OverflowError)
        (_set("talents", 0, id=2**63), 'talents[0] (id 9223372036854775808): "id" should be a whole number the database can hold, not 9223372036854775808.'),
    ],
)
def test_values_the_app_never_writes_are_refused(db, tmp_path, change, expected):
    path = _write(tmp_path, _complete_with(change))
    with pytest.raises(ServiceError) as raised:
        exchange.import_json(path, NOW)
    assert str(raised.value) == f"{path}: {expected}"
    assert set(_counts().values()) == {0}  # nothing written


def _complete_with(change):
    document = _complete()
    change(document)
    return document


def test_the_limits_themselves_are_accepted(db, tmp_path):
    changes = [
        _set("talents", 0, keep_in_touch_months=24, created_at="2026-11-24T10:30:00", consent_renewed_at="2026-11-24"),
        _set("missions", 0, snooze_months=1, snooze_after_days=365, followup_delays_days="", status="on_hold"),
        _set("candidacies", 0, stage="a_stage_no_longer_configured2", reply_sentiment="negative"),
        _set("reminders", 0, claimed_at="2026-11-23T10:40:00", due="2036-11-23", paused_days=3653),
        _set("snoozes", 0, since="2026-11-24", until="2036-11-23"),
        _set("reminders", 1, due="2036-11-23"),
        _add_snooze(active=False, since="2026-11-10"),  # an ended snooze of the same talent
    ]
    document = _complete()
    for change in changes:
        change(document)
    counts = exchange.import_json(_write(tmp_path, document), NOW)
    assert (counts["snoozes"], counts["reminders"]) == (2, 2)
    assert Talent.get_by_id(3).keep_in_touch_months == 24
    assert Candidacy.get_by_id(5).stage == "a_stage_no_longer_configured2"
    assert Snooze.get_by_id(4).until == dt.date(2036, 11, 23)


def test_cli_import_of_a_bad_value_is_one_line_and_exit_2(tmp_path, capsys):
    from sourcer_tui.cli import main

    path = _write(tmp_path, _complete_with(_set("talents", 0, keep_in_touch_months=999)))
    database = tmp_path / "new.db"
    assert main(["--db", str(database), "import", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.endswith(f'{path}: talents[0] (id 3): "keep_in_touch_months" should be between 1 and 24, not 999.')
    assert "\n" not in err
    check = open_database(database)
    try:
        assert set(_counts().values()) == {0}
    finally:
        check.close()


_RULED = [
    ("touchpoints", 0, "kind", tuple(TOUCHPOINT_KINDS)),
    ("touchpoints", 0, "channel", CHANNELS),
    ("reminders", 0, "kind", ("followup", "next_step", "wake_up", "keep_in_touch", "auto_snooze", "thank_introducer")),
    ("reminders", 0, "status", ("pending", "done", "skipped", "cancelled")),
    ("snoozes", 0, "kind", ("manual", "no_reply", "trial_end", "keep_in_touch")),
    ("candidacies", 0, "sequence_state", ("none", "active", "replied", "completed", "stopped")),
]
_imports = itertools.count()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(_RULED).flatmap(
    lambda ruled: st.tuples(st.just(ruled), st.sampled_from(ruled[3]) | st.text(max_size=16))
))
def test_an_enum_column_imports_exactly_the_apps_values(tmp_path, drawn):
    (key, index, name, allowed), value = drawn
    path = _write(tmp_path, _complete_with(_set(key, index, **{name: value})), f"doc{next(_imports)}.json")
    target = open_database(tmp_path / f"new{next(_imports)}.db")
    try:
        if value in allowed:
            assert exchange.import_json(path, NOW)[key] == len(_complete()[key])
        else:
            with pytest.raises(ServiceError, match=f'"{name}" should be one of '):
                exchange.import_json(path, NOW)
            assert set(_counts().values()) == {0}
    finally:
        target.close()


# --------------------------------------------------------------------------- CSV


def test_csv_export_one_row_per_candidacy_plus_the_pool(demo, tmp_path):
    out = tmp_path / "talents.csv"
    counts = exchange.export_csv(out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    header, body = rows[0], rows[1:]
    assert tuple(header) == exchange.CSV_COLUMNS
    pool = Talent.select().where(Talent.id.not_in(Candidacy.select(Candidacy.talent))).count()
    assert pool == 15
    assert len(body) == Candidacy.select().count() + pool == counts["rows"]
    assert counts["candidacies"] == Candidacy.select().count() and counts["talents"] == 150
    records = [dict(zip(header, row)) for row in body]
    assert all(len(row) == len(header) for row in body)
    in_mission = [r for r in records if r["mission"]]
    assert len(in_mission) == Candidacy.select().count()
    assert sum(1 for r in records if not r["mission"]) == pool
    assert all(r["stage"] == "" and r["mission_id"] == "" for r in records if not r["mission"])
    # Accents intact, names as stored.
    names = {t.name for t in Talent.select()}
    assert {r["name"] for r in records} == names
    assert any(ch in "".join(names) for ch in "éèëï")
    assert "Vélo Cargo" in {r["client"] for r in records}
    # Outcomes, reasons, feedback and next steps are filled where they apply.
    declined = [r for r in records if r["stage"] == "declined"]
    assert declined and all(r["outcome"] == "declined" and r["decline_reason"] for r in declined)
    assert any(r["last_feedback"] for r in records)
    assert any(r["next_step"] and r["next_step_due"] for r in records)
    assert all(len(r["first_contact_at"]) in (0, 16) for r in records)


def test_csv_for_french_excel_reads_back(demo, tmp_path):
    """The French dialect: semicolons and French headers (French Excel opens it in
    columns), the same rows; the import reads its talents back."""
    from sourcer_tui.services import importer

    out = tmp_path / "talents.csv"
    counts = exchange.export_csv(out, dialect="fr")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0][:5] == ["id talent", "nom complet", "titre", "entreprise", "e-mail"]
    assert rows[0] == [exchange.CSV_HEADERS_FR[c] for c in exchange.CSV_COLUMNS]
    assert len(rows) - 1 == counts["rows"] and all(len(row) == len(rows[0]) for row in rows)
    english = tmp_path / "english.csv"
    exchange.export_csv(english)
    english_rows = list(csv.reader(io.StringIO(english.read_text("utf-8-sig"), newline="")))
    coded = {exchange.CSV_COLUMNS.index(c) for c in ("source", "stage", "sequence_state", "outcome", "decline_reason", "reply_sentiment")}
    assert [[v for i, v in enumerate(row) if i not in coded] for row in rows[1:]] == [
        [v for i, v in enumerate(row) if i not in coded] for row in english_rows[1:]]
    # the coded values in French, whatever the screens' language
    stage = exchange.CSV_COLUMNS.index("stage")
    assert {row[stage] for row in rows[1:]} >= {"sourcé", "approché", "a répondu", "préqualification", "entretiens", "offre", "recruté"}
    assert {row[stage] for row in english_rows[1:]} >= {"sourced", "approached", "replied", "screening", "interviewing", "offer", "hired"}
    target = open_database(tmp_path / "empty.db")
    try:
        report = importer.run_import(out, now=NOW)
        assert report.delimiter == ";"
        assert {column: report.mapping[column] for column in ("nom complet", "titre", "e-mail", "url du profil", "ville")} == {
            "nom complet": "name", "titre": "headline", "e-mail": "email", "url du profil": "linkedin_url", "ville": "location"}
        assert report.new >= counts["talents"] - 15 and Talent.select().count() == report.new
    finally:
        target.close()
        _use(demo[0])


def test_csv_of_one_mission_has_no_pool_rows(demo, tmp_path):
    out = tmp_path / "one.csv"
    counts = exchange.export_csv(out, mission_id=3)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        records = list(csv.DictReader(handle))
    assert len(records) == counts["rows"] == Candidacy.select().where(Candidacy.mission == 3).count()
    assert {r["mission_id"] for r in records} == {"3"}


def test_csv_cells_are_never_formulas(db, tmp_path):
    Talent.create(name="=HYPERLINK(\"x\")", headline="-- no", phone="+33 6 12 34 56 78", notes="@home")
    out = tmp_path / "safe.csv"
    exchange.export_csv(out)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        (record,) = list(csv.DictReader(handle))
    assert record["name"] == "'=HYPERLINK(\"x\")"
    assert record["headline"] == "'-- no" and record["notes"] == "'@home"
    assert record["phone"] == "+33 6 12 34 56 78"


# --------------------------------------------------------------------------- iCalendar


def _calendar_db():
    mission = Mission.create(title="Data Engineer", client="Vélo Cargo")
    zoe = Talent.create(name="Zoé Martin")
    candidacy = Candidacy.create(talent=zoe, mission=mission, stage="approached")
    other = Talent.create(name="Hélène Dubois")
    touch = Touchpoint.create(talent=zoe, candidacy=candidacy, kind="call", feedback_given="Keen on the role.")

    def reminder(talent, kind, days, **extra):
        return Reminder.create(talent=talent, kind=kind, due=TODAY + dt.timedelta(days=days), **extra)

    return {
        "followup": reminder(zoe, "followup", 0, candidacy=candidacy, step=2, detail="Follow-up 2/3"),
        "next_step": reminder(zoe, "next_step", 10, candidacy=candidacy, touchpoint=touch, detail="Call with the CTO"),
        "overdue": reminder(other, "keep_in_touch", -3, detail="Keep in touch (every 6 months)"),
        "far": reminder(other, "wake_up", 200, detail="Snooze ends — travelling"),
        "hidden": reminder(zoe, "auto_snooze", 1, candidacy=candidacy, step=3),
        "done": reminder(zoe, "followup", 2, candidacy=candidacy, step=3, status="done"),
    }


def _events(path):
    calendar = Calendar.from_ical(path.read_bytes())
    return calendar, {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_ics_export_of_a_small_database(db, tmp_path):
    items = _calendar_db()
    out = tmp_path / "due.ics"
    assert exchange.export_ics(out, TODAY, now=NOW) == 3
    calendar, events = _events(out)
    assert str(calendar["PRODID"]) == "-//sourcer-tui//EN" and str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "sourcer-tui"
    assert set(events) == {f"reminder-{items[k].id}@sourcer-tui" for k in ("followup", "next_step", "overdue")}

    def event(key):
        return events[f"reminder-{items[key].id}@sourcer-tui"]

    assert str(event("followup")["SUMMARY"]) == "Follow-up 2/3 — Zoé Martin (Data Engineer)"
    assert event("followup").decoded("DTSTART") == TODAY
    assert type(event("followup").decoded("DTSTART")) is dt.date  # an all-day event
    assert str(event("next_step")["SUMMARY"]) == "Next step — Zoé Martin: Call with the CTO"
    assert event("next_step").decoded("DTSTART") == TODAY + dt.timedelta(days=10)
    assert str(event("overdue")["SUMMARY"]) == "Keep in touch — Hélène Dubois"
    assert event("overdue").decoded("DTSTART") == TODAY - dt.timedelta(days=3)  # dated on its due day
    assert "Mission: Data Engineer — Vélo Cargo" in str(event("followup")["DESCRIPTION"])
    assert event("followup").decoded("DTSTAMP").tzinfo is not None
    # A wider window takes the far wake-up; never the hidden or done items.
    assert exchange.export_ics(tmp_path / "wide.ics", TODAY, days=365) == 4
    _, wide = _events(tmp_path / "wide.ics")
    assert str(wide[f"reminder-{items['far'].id}@sourcer-tui"]["SUMMARY"]) == "Wake-up — Hélène Dubois"


def test_ics_uids_are_stable_across_exports(db, tmp_path):
    _calendar_db()
    exchange.export_ics(tmp_path / "a.ics", TODAY)
    exchange.export_ics(tmp_path / "b.ics", TODAY + dt.timedelta(days=1))
    assert set(_events(tmp_path / "a.ics")[1]) == set(_events(tmp_path / "b.ics")[1])


def test_ics_leaves_out_what_a_snooze_holds(db, tmp_path):
    talent = Talent.create(name="Noé Petit")
    snooze = Snooze.create(talent=talent, since=TODAY, until=TODAY + dt.timedelta(days=30), reason="travelling")
    held = Reminder.create(talent=talent, kind="next_step", due=TODAY + dt.timedelta(days=5), detail="Send the offer")
    wake = Reminder.create(talent=talent, snooze=snooze, kind="wake_up", due=snooze.until, detail="Snooze ends — travelling")
    exchange.export_ics(tmp_path / "s.ics", TODAY)
    assert set(_events(tmp_path / "s.ics")[1]) == {f"reminder-{wake.id}@sourcer-tui"}
    assert held.id != wake.id


def test_ics_of_the_demo_matches_today(demo, tmp_path):
    out = tmp_path / "demo.ics"
    count = exchange.export_ics(out, TODAY)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    _, events = _events(out)
    assert len(events) == count > 10
    days = {uid: _day(e.decoded("DTSTART")) for uid, e in events.items()}
    assert any(isinstance(e.decoded("DTSTART"), dt.datetime) for e in events.values())  # the demo's hours
    assert all(day <= TODAY + dt.timedelta(days=90) for day in days.values())
    due_now = {uid for uid, day in days.items() if day <= TODAY}
    today = {f"reminder-{item['reminder_id']}@sourcer-tui" for item in _today_reminders()}
    assert due_now == today  # the calendar shows what Today shows


def _day(start: dt.date | dt.datetime) -> dt.date:
    """The day of an all-day event (a date) or of a timed one (a datetime)."""
    return start.date() if isinstance(start, dt.datetime) else start


def _today_reminders():
    from sourcer_tui.services import panes

    total, _ = panes.count_due(TODAY)
    rows = panes.fetch_due(TODAY, 0, total)
    assert len(rows) == len(due_report(TODAY))
    return [{"reminder_id": r.reminder_id} for r in rows if r.reminder_id is not None]


# --------------------------------------------------------------------------- CLI


def _parser():
    from sourcer_tui.cli import exchange as exchange_cli

    parser = argparse.ArgumentParser(prog="sourcer-tui")
    sub = parser.add_subparsers(dest="command")
    exchange_cli.register(sub, lambda p: p.add_argument("--db", default=argparse.SUPPRESS))
    return parser


def test_cli_export_and_ics(demo, tmp_path, capsys):
    from sourcer_tui.cli import exchange as exchange_cli

    source, _, _ = demo
    opened = []

    def open_db():
        opened.append(True)
        return _use(source), tmp_path / "demo.db"

    args = _parser().parse_args(["export", str(tmp_path / "all.json"), "--db", "x.db"])
    assert exchange_cli.run_export(args, SETTINGS, open_db) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("exported 4 missions, 150 talents, 150 candidacies,") and line.endswith(f"to {tmp_path / 'all.json'}")
    assert json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))["format"] == "sourcer-tui"

    args = _parser().parse_args(["export", "--format", "csv", "--mission", "1", str(tmp_path / "m1.txt")])
    assert exchange_cli.run_export(args, SETTINGS, open_db) == 0
    assert "candidacies" in capsys.readouterr().out
    assert (tmp_path / "m1.txt").read_bytes().startswith(b"\xef\xbb\xbf")

    args = _parser().parse_args(["ics", str(tmp_path / "due.ics"), "--days", "30"])
    assert exchange_cli.run_ics(args, SETTINGS, open_db) == 0
    assert "due items" in capsys.readouterr().out
    assert len(opened) == 3


def test_cli_errors_are_cli_errors(demo, tmp_path):
    from sourcer_tui.cli import exchange as exchange_cli
    from sourcer_tui.cli import CliError

    source, _, _ = demo

    def open_db():
        return _use(source), tmp_path / "demo.db"

    with pytest.raises(CliError, match="no mission with id 42"):
        exchange_cli.run_export(_parser().parse_args(["export", "--mission", "42", str(tmp_path / "a.json")]), SETTINGS, open_db)
    with pytest.raises(CliError, match="--format"):
        exchange_cli.run_export(_parser().parse_args(["export", str(tmp_path / "a.xlsx")]), SETTINGS, open_db)
    with pytest.raises(CliError, match="does not exist"):
        exchange_cli.run_export(_parser().parse_args(["export", str(tmp_path / "no" / "a.csv")]), SETTINGS, open_db)
    with pytest.raises(SystemExit):  # refused while parsing: one line, exit 2
        _parser().parse_args(["ics", str(tmp_path / "a.ics"), "--days", "-1"])


def test_cli_module_does_not_import_textual():
    import subprocess
    import sys

    code = "import sys, sourcer_tui.cli.exchange, sourcer_tui.services.exchange; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "False", result.stderr
