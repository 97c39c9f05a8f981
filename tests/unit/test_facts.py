"""The facts recruiters ask about (issue 20, item 3): validation, migration 0017,
search, pipeline marks, CSV import and the JSON round trip."""

from __future__ import annotations

import datetime as dt
import json

import peewee
import pytest
from playhouse import migrations

from sourcer_tui.db import search
from sourcer_tui.db.database import MIGRATIONS_DIR, open_database
from sourcer_tui.db.models import Mission, Talent
from sourcer_tui.domain.facts import outside_remote, outside_salary, parse_amount, parse_currency, parse_remote
from sourcer_tui.domain.forms import validate_mission, validate_talent
from sourcer_tui.domain.vocab import DEFAULT_SOURCES
from sourcer_tui.services import exchange, missions, pipeline, talents
from sourcer_tui.services.importer import run_import

NOW = dt.datetime(2026, 11, 23, 10, 30)
TODAY = NOW.date()


@pytest.mark.parametrize("typed, expected", [
    ("55000", (55000, None)), ("55 000 €", (55000, None)), ("55k", (55000, None)), ("52,5k", (52500, None)),
    ("450", (450, None)), ("  ", (None, None)), ("", (None, None)),
    ("0", (None, "the amount must be more than 0")),
    ("-5", (None, "not an amount: '-5' (e.g. 55000 or 55k)")),
    ("45-50k", (None, "not an amount: '45-50k' (e.g. 55000 or 55k)")),
])
def test_parse_amount(typed, expected):
    assert parse_amount(typed) == expected


def test_currency_and_remote_words():
    assert parse_currency("") == ("EUR", None)
    assert parse_currency("€") == ("EUR", None)
    assert parse_currency("chf") == ("CHF", None)
    assert parse_currency("euros") == ("euros", "a three-letter currency code, e.g. EUR")
    assert [parse_remote(w) for w in ("", "remote", "Télétravail", "oui", "hybride", "sur site", "2 days")] == \
        ["", "remote", "remote", "remote", "hybrid", "onsite", None]


def test_validate_talent_facts_exact():
    data = {"name": "Zoé", "salary_amount": "60k", "salary_currency": "eur", "salary_period": "",
            "notice_period": " 3 mois ", "available_from": "2027-01-15", "remote_pref": "hybrid",
            "languages": "français; anglais ,", "cv_ref": "~/cv/zoe.pdf"}
    cleaned, errors = validate_talent(data, DEFAULT_SOURCES, TODAY)
    assert errors == {}
    assert {k: cleaned[k] for k in ("salary_amount", "salary_currency", "salary_period", "notice_period",
                                     "available_from", "remote_pref", "languages", "cv_ref")} == {
        "salary_amount": 60000, "salary_currency": "EUR", "salary_period": "year", "notice_period": "3 mois",
        "available_from": dt.date(2027, 1, 15), "remote_pref": "hybrid", "languages": "français, anglais",
        "cv_ref": "~/cv/zoe.pdf",
    }
    assert validate_talent({"name": "Z", "available_from": "+3m"}, DEFAULT_SOURCES, TODAY)[0]["available_from"] == dt.date(2027, 2, 23)
    bad = {"name": "Z", "salary_amount": "lots", "salary_period": "week", "available_from": "someday",
           "remote_pref": "moon", "cv_ref": "javascript:alert(1)"}
    _cleaned, errors = validate_talent(bad, DEFAULT_SOURCES, TODAY)
    assert set(errors) == {"salary_amount", "salary_period", "available_from", "remote_pref", "cv_ref"}
    assert errors["salary_amount"] == "not an amount: 'lots' (e.g. 55000 or 55k)"
    assert errors["salary_period"] == "one of: year, day"
    assert errors["remote_pref"] == "one of: onsite, hybrid, remote"
    assert errors["cv_ref"] == "a file path or an http:// or https:// address"
    assert validate_talent({"name": "Z", "cv_ref": "https://drive.example.com/cv"}, DEFAULT_SOURCES, TODAY)[1] == {}


def test_validate_mission_brief():
    cleaned, errors = validate_mission({"title": "Dev", "salary_min": "45k", "salary_max": "60 000",
                                        "remote_policy": "onsite", "location": "Lyon", "must_haves": "Python\nSQL"})
    assert errors == {}
    assert {k: cleaned[k] for k in ("salary_min", "salary_max", "salary_currency", "remote_policy", "location", "must_haves")} == {
        "salary_min": 45000, "salary_max": 60000, "salary_currency": "EUR", "remote_policy": "onsite",
        "location": "Lyon", "must_haves": "Python\nSQL"}
    assert validate_mission({"title": "Dev", "salary_min": "60k", "salary_max": "45k"})[1] == {
        "salary_max": "the maximum is below the minimum"}


def test_outside_the_brief():
    assert outside_salary(70000, "EUR", "year", 45000, 60000, "EUR")
    assert outside_salary(40000, "EUR", "year", 45000, 60000, "EUR")
    assert not outside_salary(55000, "EUR", "year", 45000, 60000, "EUR")
    assert not outside_salary(700, "EUR", "day", 45000, 60000, "EUR")  # a day rate is not compared
    assert not outside_salary(70000, "GBP", "year", 45000, 60000, "EUR")
    assert [outside_remote(w, "onsite") for w in ("onsite", "hybrid", "remote", "")] == [False, True, True, False]
    assert [outside_remote(w, "remote") for w in ("onsite", "hybrid", "remote")] == [True, False, False]
    assert [outside_remote(w, "hybrid") for w in ("onsite", "hybrid", "remote")] == [False, False, True]


def test_an_old_file_migrates_and_its_talents_are_found_by_their_facts(tmp_path):
    path = tmp_path / "old.db"
    old = peewee.SqliteDatabase(str(path), pragmas={"foreign_keys": 1})
    runner = migrations.Runner(old, str(MIGRATIONS_DIR))
    runner.up(target="0015_old_files")
    old.execute_sql("INSERT INTO mission (title, client, status, notes, created_at, updated_at) "
                    "VALUES ('Dev', '', 'open', '', '2025-01-02 10:00:00', '2025-01-02 10:00:00')")
    old.execute_sql("INSERT INTO talent (name, headline, company, email, email_norm, phone, linkedin_url, location, source, "
                    "referred_by, tags, notes, created_at, updated_at) VALUES ('Ana Old', '', '', '', '', '', '', '', 'other', "
                    "'', '', '', '2025-01-02 10:00:00', '2025-01-02 10:00:00')")
    old.close()
    db = open_database(path)
    try:
        ana = Talent.get()
        assert (ana.salary_amount, ana.salary_currency, ana.salary_period, ana.remote_pref, ana.languages, ana.available_from) == \
            (None, "EUR", "year", "", "", None)
        mission = Mission.get()
        assert (mission.salary_min, mission.salary_max, mission.remote_policy, mission.must_haves) == (None, None, "", "")
        talents.update_talent(ana.id, {**talents.talent_form_data(ana), "languages": "Portugais, anglais", "remote_pref": "remote"},
                              DEFAULT_SOURCES, NOW)
        assert [t.name for t in Talent.select().where(search.talent_filter("portugais"))] == ["Ana Old"]
        assert [t.name for t in Talent.select().where(search.talent_filter("remote"))] == ["Ana Old"]
        # the index equals a recount of the talents (FTS5's own check against its content table)
        db.execute_sql("INSERT INTO talent_fts(talent_fts, rank) VALUES ('integrity-check', 1)")
    finally:
        db.close()


def test_form_data_round_trips(db):
    talent_id = talents.create_talent({"name": "Zoé", "salary_amount": "55k", "available_from": "2027-02-01",
                                       "remote_pref": "remote"}, DEFAULT_SOURCES, NOW)
    form = talents.talent_form_data(talents.get_talent(talent_id))
    assert {k: form[k] for k in ("salary_amount", "salary_currency", "salary_period", "available_from", "remote_pref")} == {
        "salary_amount": "55000", "salary_currency": "EUR", "salary_period": "year", "available_from": "2027-02-01",
        "remote_pref": "remote"}
    mission_id = missions.create_mission({"title": "Dev", "salary_max": "60k", "remote_policy": "hybrid"}, NOW)
    assert missions.mission_form_data(mission_id)["salary_max"] == "60000"


def test_pipeline_marks_a_talent_outside_the_brief(db):
    mission_id = missions.create_mission({"title": "Dev", "salary_min": "45k", "salary_max": "60k", "remote_policy": "onsite"}, NOW)
    for name, salary, remote in (("Above", "70k", ""), ("Inside", "50k", "onsite"), ("Remote only", "", "remote"), ("Both", "80k", "remote")):
        talent_id = talents.create_talent({"name": name, "salary_amount": salary, "remote_pref": remote}, DEFAULT_SOURCES, NOW)
        pipeline.add_to_mission(talent_id, mission_id, NOW)
    rows = pipeline.fetch_rows(pipeline.Scope(mission_id), "sourced", 0, 10)
    assert {row.name: row.marks for row in rows} == {"Above": "€!", "Inside": "", "Remote only": "⌂!", "Both": "€! ⌂!"}


CSV = """Nom complet;Email;Prétentions salariales;Télétravail;Langues;Préavis;Disponibilité;CV
Zoé Martin;zoe@example.org;55k€;hybride;français, anglais;3 mois;2027-01-04;https://cv.example.org/zoe.pdf
Paul Durand;paul@example.org;45-50k;2 jours par semaine;;;;
"""


def test_import_reads_salary_and_remote_columns(db, tmp_path):
    path = tmp_path / "talents.csv"
    path.write_text(CSV, encoding="utf-8")
    plan = run_import(path, now=NOW)
    assert plan.mapping["Prétentions salariales"] == "salary_amount" and plan.mapping["Télétravail"] == "remote_pref"
    zoe = Talent.get(Talent.name == "Zoé Martin")
    assert (zoe.salary_amount, zoe.salary_currency, zoe.remote_pref, zoe.languages, zoe.notice_period, zoe.available_from, zoe.cv_ref) == \
        (55000, "EUR", "hybrid", "français, anglais", "3 mois", dt.date(2027, 1, 4), "https://cv.example.org/zoe.pdf")
    # what cannot be read is kept in the notes, as written: the talent is imported
    paul = Talent.get(Talent.name == "Paul Durand")
    assert (paul.salary_amount, paul.remote_pref) == (None, "")
    assert paul.notes == "salary: 45-50k\nremote: 2 jours par semaine"


def test_json_round_trip_keeps_the_facts_and_reads_older_files(db, tmp_path):
    mission_id = missions.create_mission({"title": "Dev", "salary_min": "45k", "salary_max": "60k", "remote_policy": "hybrid",
                                          "location": "Nantes", "must_haves": "Go"}, NOW)
    talent_id = talents.create_talent({"name": "Zoé", "salary_amount": "600", "salary_period": "day", "remote_pref": "remote",
                                       "available_from": "2027-01-04", "languages": "anglais", "notice_period": "1 mois",
                                       "cv_ref": "/home/me/cv.pdf"}, DEFAULT_SOURCES, NOW)
    out = tmp_path / "out.json"
    exchange.export_json(out, now=NOW)
    document = json.loads(out.read_text(encoding="utf-8"))
    [row] = document["talents"]
    assert {k: row[k] for k in ("salary_amount", "salary_period", "remote_pref", "available_from", "cv_ref")} == {
        "salary_amount": 600, "salary_period": "day", "remote_pref": "remote", "available_from": "2027-01-04", "cv_ref": "/home/me/cv.pdf"}
    target = open_database(tmp_path / "again.db")
    try:
        exchange.import_json(out, NOW)
        zoe, mission = Talent.get_by_id(talent_id), Mission.get_by_id(mission_id)
        assert (zoe.salary_amount, zoe.salary_period, zoe.remote_pref, zoe.available_from, zoe.languages, zoe.notice_period, zoe.cv_ref) == \
            (600, "day", "remote", dt.date(2027, 1, 4), "anglais", "1 mois", "/home/me/cv.pdf")
        assert (mission.salary_min, mission.salary_max, mission.remote_policy, mission.location, mission.must_haves) == \
            (45000, 60000, "hybrid", "Nantes", "Go")
    finally:
        target.close()
    # an export of a version before 0017 has none of the columns: the defaults
    for table in ("talents", "missions"):
        for row in document[table]:
            for key in ("salary_amount", "salary_currency", "salary_period", "notice_period", "available_from", "remote_pref",
                        "languages", "cv_ref", "salary_min", "salary_max", "location", "remote_policy", "must_haves"):
                row.pop(key, None)
    older = tmp_path / "older.json"
    older.write_text(json.dumps(document), encoding="utf-8")
    target = open_database(tmp_path / "older.db")
    try:
        exchange.import_json(older, NOW)
        zoe = Talent.get_by_id(talent_id)
        assert (zoe.salary_amount, zoe.salary_currency, zoe.remote_pref) == (None, "EUR", "")
    finally:
        target.close()


@pytest.mark.parametrize("change, expected", [
    ({"remote_pref": "moon"}, "onsite, hybrid, remote"),
    ({"salary_amount": 0}, "salary_amount"),
    ({"salary_period": "week"}, "should be one of year, day"),
])
def test_json_import_refuses_facts_no_version_writes(db, tmp_path, change, expected):
    from sourcer_tui.services.errors import ServiceError

    document = {"format": "sourcer-tui", "version": 1, "exported_at": "2026-11-23T10:30:00+01:00", "missions": [],
                "talents": [{"id": 3, "name": "Zoé Martin", **change}],
                "candidacies": [], "touchpoints": [], "reminders": [], "snoozes": [], "templates": []}
    path = tmp_path / "hand.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ServiceError, match=expected):
        exchange.import_json(path, NOW)
    assert Talent.select().count() == 0
