"""How a talent entered the pool (issue 20, item 6): the legal basis and its date at
creation, on edit and at import, migration 0019 on an old file, the retention clock
and the month to inform, consent renewal, the subject access export, the JSON round trip."""

from __future__ import annotations

import datetime as dt
import json

import peewee
import pytest
from playhouse import migrations

from sourcer_tui.db.database import MIGRATIONS_DIR, open_database
from sourcer_tui.db.models import Candidacy, Mission, Talent, Touchpoint, database_proxy
from sourcer_tui.domain.legal_basis import (
    basis_explained, basis_label, default_basis, inform_by, must_inform, parse_basis, retention_start,
)
from sourcer_tui.domain.vocab import DEFAULT_SOURCES
from sourcer_tui.i18n import pseudo, set_language
from sourcer_tui.services import exchange, importer, privacy, talents
from sourcer_tui.services.errors import InvalidInput

TODAY = dt.date(2026, 11, 23)
NOW = dt.datetime(2026, 11, 23, 10, 30)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# -- the pure rules ---------------------------------------------------------------
def test_the_default_basis_of_each_source():
    assert {s: default_basis(s) for s in DEFAULT_SOURCES} == {
        "linkedin": "legitimate_interest", "referral": "referral", "social_referral": "referral",
        "job_board": "legitimate_interest", "community": "legitimate_interest", "event": "legitimate_interest",
        "talent_pool": "legitimate_interest", "inbound": "application", "other": "legitimate_interest",
    }
    assert default_basis("a source of my own config") == "legitimate_interest"


def test_bases_typed_or_imported_in_french_or_english():
    said = {
        "Intérêt légitime": "legitimate_interest", "legitimate interest": "legitimate_interest",
        "LEGITIMATE_INTEREST": "legitimate_interest", "Consentement": "consent", "opt-in": "consent",
        "cooptation": "referral", "Coopté": "referral", "Referral": "referral", "Candidature spontanée": "application",
        "applied": "application", "": "", "  ": "", "maybe": None,
    }
    assert {text: parse_basis(text) for text in said} == said
    assert basis_label("legitimate_interest") == "legitimate interest"


def test_the_retention_clock_starts_at_the_latest_of_contact_basis_and_consent():
    # never contacted: the day added; the basis date when later
    assert retention_start(None, None, None, d("2025-01-02")) == d("2025-01-02")
    assert retention_start(d("2025-03-01"), None, None, d("2025-01-02")) == d("2025-03-01")
    # a contact after the basis date
    assert retention_start(d("2025-03-01"), None, d("2025-06-30"), d("2025-01-02")) == d("2025-06-30")
    # a history imported later: the contact is older than the basis date, the basis date counts
    assert retention_start(d("2026-11-23"), None, d("2024-01-10"), d("2026-11-23")) == d("2026-11-23")
    # consent renewed last
    assert retention_start(d("2025-03-01"), d("2026-02-01"), d("2025-06-30"), d("2025-01-02")) == d("2026-02-01")
    # no basis date (a row of an older version): the older rule, the contact only
    assert retention_start(None, None, d("2024-01-10"), d("2026-11-23")) == d("2024-01-10")


def test_a_month_to_inform_those_whose_data_came_from_elsewhere():
    assert inform_by(d("2026-10-23")) == d("2026-11-23")
    assert inform_by(d("2026-01-31")) == d("2026-02-28")  # calendar months
    assert must_inform("legitimate_interest", d("2026-10-23"), False, TODAY)
    assert not must_inform("legitimate_interest", d("2026-10-24"), False, TODAY)  # a day left
    assert must_inform("referral", d("2026-01-01"), False, TODAY)
    assert not must_inform("referral", d("2026-01-01"), True, TODAY)  # contacted: the first message told them
    assert not must_inform("consent", d("2026-01-01"), False, TODAY)
    assert not must_inform("application", d("2026-01-01"), False, TODAY)  # they wrote to us


# -- creation and edit ------------------------------------------------------------
def test_a_talent_created_today_has_its_sources_basis_since_today(db):
    sourced = talents.create_talent({"name": "Zoé", "source": "linkedin"}, DEFAULT_SOURCES, NOW)
    referred = talents.create_talent({"name": "Yann", "source": "referral", "legal_basis": "auto"}, DEFAULT_SOURCES, NOW)
    applied = talents.create_talent({"name": "Xavier", "source": "inbound"}, DEFAULT_SOURCES, NOW)
    other = talents.create_talent({"name": "Wanda"}, DEFAULT_SOURCES, NOW)
    rows = {t.name: (t.legal_basis, t.legal_basis_at) for t in Talent.select()}
    assert rows == {
        "Zoé": ("legitimate_interest", TODAY), "Yann": ("referral", TODAY),
        "Xavier": ("application", TODAY), "Wanda": ("legitimate_interest", TODAY),
    }
    assert {sourced, referred, applied, other} == {t.id for t in Talent.select()}


def test_a_basis_and_its_date_given_at_creation(db):
    tid = talents.create_talent({"name": "Zoé", "source": "linkedin", "legal_basis": "consent", "legal_basis_at": "2026-11-02"},
                                DEFAULT_SOURCES, NOW)
    assert (Talent.get_by_id(tid).legal_basis, Talent.get_by_id(tid).legal_basis_at) == ("consent", d("2026-11-02"))
    tid = talents.create_talent({"name": "Yann", "legal_basis": "referral", "legal_basis_at": "-3w"}, DEFAULT_SOURCES, NOW)
    assert Talent.get_by_id(tid).legal_basis_at == d("2026-11-02")
    with pytest.raises(InvalidInput) as bad:
        talents.create_talent({"name": "Xavier", "legal_basis": "maybe", "legal_basis_at": "2026-12-01"}, DEFAULT_SOURCES, NOW)
    assert set(bad.value.errors) == {"legal_basis", "legal_basis_at"}
    assert "not in the future" in bad.value.errors["legal_basis_at"]
    assert "legitimate interest, consent, referral, application" in bad.value.errors["legal_basis"]
    assert Talent.select().count() == 2


def test_an_edit_keeps_changes_or_restarts_the_basis(db):
    tid = talents.create_talent({"name": "Zoé", "source": "linkedin", "legal_basis_at": "2026-10-01"}, DEFAULT_SOURCES, NOW)
    form = talents.talent_form_data(talents.get_talent(tid))
    assert (form["legal_basis"], form["legal_basis_at"]) == ("legitimate_interest", "2026-10-01")
    later = NOW + dt.timedelta(days=3)
    # a caller that does not edit the basis (no such key) leaves it as it is
    data = {k: v for k, v in form.items() if not k.startswith("legal_basis")}
    talents.update_talent(tid, {**data, "source": "referral"}, DEFAULT_SOURCES, later)
    assert (Talent.get_by_id(tid).legal_basis, Talent.get_by_id(tid).legal_basis_at) == ("legitimate_interest", d("2026-10-01"))
    # the form saved as it was: unchanged
    talents.update_talent(tid, form, DEFAULT_SOURCES, later)
    assert (Talent.get_by_id(tid).legal_basis, Talent.get_by_id(tid).legal_basis_at) == ("legitimate_interest", d("2026-10-01"))
    # consent given: the basis changes, its date (left as it was) becomes the day of the change
    talents.update_talent(tid, {**form, "legal_basis": "consent"}, DEFAULT_SOURCES, later)
    assert (Talent.get_by_id(tid).legal_basis, Talent.get_by_id(tid).legal_basis_at) == ("consent", later.date())
    # a date typed with the change is kept; "from the source" reads the source again
    talents.update_talent(tid, {**form, "source": "inbound", "legal_basis": "auto", "legal_basis_at": "2026-09-15"}, DEFAULT_SOURCES, later)
    assert (Talent.get_by_id(tid).legal_basis, Talent.get_by_id(tid).legal_basis_at) == ("application", d("2026-09-15"))


# -- migration 0019 ---------------------------------------------------------------
def test_an_old_file_gets_a_basis_for_every_talent(tmp_path):
    path = tmp_path / "old.db"
    old = peewee.SqliteDatabase(str(path), pragmas={"foreign_keys": 1})
    migrations.Runner(old, str(MIGRATIONS_DIR)).up(target="0018_touchpoint_template")
    rows = (
        (1, "Sourced", "linkedin", "2025-01-02 10:00:00", None),
        (2, "Referred", "referral", "2025-03-04 09:00:00", None),
        (3, "Social", "social_referral", "2025-03-05 09:00:00", None),
        (4, "Applied", "inbound", "2025-04-05 18:00:00", None),
        (5, "Consented", "linkedin", "2023-02-01 10:00:00", "2025-06-07"),
        (6, "History imported later", "job_board", "2026-11-20 10:00:00", None),
    )
    for tid, name, source, created, consent in rows:
        old.execute_sql(
            "INSERT INTO talent (id, name, headline, company, email, email_norm, phone, linkedin_url, location, source, referred_by, "
            "tags, notes, consent_renewed_at, created_at, updated_at) VALUES (?, ?, '', '', '', '', '', '', '', ?, '', '', '', ?, ?, ?)",
            (tid, name, source, consent, created, created))
    for tid, when in ((2, "2025-05-01 10:00:00"), (6, "2024-01-10 10:00:00"), (6, "2024-03-10 10:00:00")):
        old.execute_sql(
            "INSERT INTO touchpoint (talent_id, kind, channel, direction, happened_at, summary, needs_feedback, feedback_given, "
            "impression, next_step, created_at, updated_at) VALUES (?, 'call', 'phone', 'out', ?, '', 0, '', '', '', ?, ?)",
            (tid, when, when, when))
    old.close()
    db = open_database(path)
    try:
        assert [(t.id, t.legal_basis, t.legal_basis_at) for t in Talent.select().order_by(Talent.id)] == [
            (1, "legitimate_interest", d("2025-01-02")),
            (2, "referral", d("2025-03-04")),
            (3, "referral", d("2025-03-05")),
            (4, "application", d("2025-04-05")),
            (5, "consent", d("2025-06-07")),
            (6, "legitimate_interest", d("2024-01-10")),  # the first contact, older than the row
        ]
        # the retention review lists what it listed before: #6's last contact counts, not the day it was imported
        assert privacy.last_activity(6) == d("2024-03-10")
        assert [r.talent_id for r in privacy.review(TODAY, 24)] == [6]
        # never contacted a month on, data not from them: 1 and 3 (2 was called; 4 applied; 5 consented)
        assert [(r.talent_id, r.legal_basis, r.limit_passed_on) for r in privacy.to_inform(TODAY)] == [
            (1, "legitimate_interest", d("2025-02-02")), (3, "referral", d("2025-04-05"))]
    finally:
        db.close()


# -- the review --------------------------------------------------------------------
def _talent(name: str, basis: str, since: str | None, *touched: str, created: str = "2024-01-01 09:00:00", **fields) -> Talent:
    when = dt.datetime.fromisoformat(created)
    talent = Talent.create(name=name, legal_basis=basis, legal_basis_at=d(since) if since else None,
                           created_at=when, updated_at=when, **fields)
    for day in touched:
        Touchpoint.create(talent=talent, kind="approach", channel="linkedin", happened_at=dt.datetime.fromisoformat(f"{day} 09:00"), step=0)
    return talent


def test_the_review_counts_from_the_basis_date_and_lists_those_to_inform(db):
    old = _talent("Old contact", "legitimate_interest", "2023-01-05", "2023-01-05", "2024-11-20")
    imported = _talent("Imported history", "legitimate_interest", "2025-06-01", "2023-06-01", created="2025-06-01 09:00:00")
    consent = _talent("Consent", "consent", "2024-11-23", created="2022-01-01 09:00:00")
    uninformed = _talent("Never told", "referral", "2026-10-23", created="2026-10-23 09:00:00")
    tomorrow = _talent("A day left", "legitimate_interest", "2026-10-24", created="2026-10-24 09:00:00")
    applied = _talent("Applied", "application", "2025-01-01", created="2025-01-01 09:00:00")
    told = _talent("Told", "legitimate_interest", "2026-01-01", "2026-01-02", created="2026-01-01 09:00:00")
    working = _talent("In a mission", "legitimate_interest", "2026-01-01", created="2026-01-01 09:00:00")
    Candidacy.create(talent=working, mission=Mission.create(title="Data"), stage="sourced")
    gone = _talent("Anonymised", "legitimate_interest", "2020-01-01", created="2020-01-01 09:00:00")
    privacy.anonymise(gone.id, NOW)

    assert privacy.last_activity(imported) == d("2025-06-01")
    assert [(r.name, r.last_activity, r.limit_passed_on, r.legal_basis, r.legal_basis_at) for r in privacy.review(TODAY, 24)] == [
        ("Old contact", d("2024-11-20"), d("2026-11-20"), "legitimate_interest", d("2023-01-05")),
        ("Consent", d("2024-11-23"), d("2026-11-23"), "consent", d("2024-11-23")),
    ]
    # in a mission or not, never contacted a month on: listed with the day they should have been told by
    assert [(r.name, r.limit_passed_on, r.why) for r in privacy.to_inform(TODAY)] == [
        ("In a mission", d("2026-02-01"), "inform"), ("Never told", d("2026-11-23"), "inform")]
    assert privacy.count_to_inform(TODAY) == 2
    assert privacy.to_inform(TODAY, offset=1, limit=5) == privacy.to_inform(TODAY)[1:]
    assert privacy.count_to_inform(TODAY + dt.timedelta(days=1)) == 3  # "A day left"'s month is up
    assert {t.id for t in (applied, told, tomorrow, uninformed)}  # the others are not listed

    # consent renewed: the basis is consent, since today; no longer to inform
    privacy.extend(uninformed.id, TODAY)
    assert (Talent.get_by_id(uninformed.id).legal_basis, Talent.get_by_id(uninformed.id).legal_basis_at,
            Talent.get_by_id(uninformed.id).consent_renewed_at) == ("consent", TODAY, TODAY)
    assert [r.name for r in privacy.to_inform(TODAY)] == ["In a mission"]
    privacy.extend(old.id, TODAY)
    assert [r.name for r in privacy.review(TODAY, 24)] == ["Consent"]
    assert consent.id


def test_a_row_without_a_recorded_basis_reads_its_sources(db):
    talent = Talent.create(name="Written by an older path", source="social_referral",
                           created_at=dt.datetime(2026, 9, 1, 9), updated_at=dt.datetime(2026, 9, 1, 9))
    assert privacy.legal_basis(talent) == ("referral", d("2026-09-01"))
    assert [(r.name, r.legal_basis, r.legal_basis_at) for r in privacy.to_inform(TODAY)] == [
        ("Written by an older path", "referral", d("2026-09-01"))]


# -- the subject access export -------------------------------------------------------
def test_the_subject_access_export_says_why_their_data_is_held(db):
    tid = talents.create_talent({"name": "Zoé", "source": "referral", "legal_basis_at": "2026-10-02"}, DEFAULT_SOURCES, NOW)
    data = privacy.export_person(tid)
    assert data["profile"]["legal_basis"] == "referral" and data["profile"]["legal_basis_at"] == "2026-10-02"
    assert data["legal_basis"] == {
        "basis": "referral", "since": "2026-10-02",
        "explained": "Legitimate interest (GDPR art. 6(1)(f)): someone who knows you recommended you, since 2026-10-02.",
    }
    # in the reader's language (the pseudo-locale: every word went through the catalog)
    set_language("pseudo")
    try:
        assert privacy.export_person(tid)["legal_basis"]["explained"] == pseudo(
            "Legitimate interest (GDPR art. 6(1)(f)): someone who knows you recommended you, since {day}.").format(day="2026-10-02")
        assert basis_explained("consent", d("2026-10-02")) == pseudo(
            "Your consent (GDPR art. 6(1)(a)), given or renewed on {day}; you may withdraw it at any time.").format(day="2026-10-02")
    finally:
        set_language("en")


# -- import ----------------------------------------------------------------------------
def test_import_with_a_basis_column_in_french(db, tmp_path):
    path = tmp_path / "vivier.csv"
    path.write_text(
        "Prénom;Nom;Source;Base légale;Date du consentement\n"
        "Zoé;Martin;LinkedIn;Consentement;2026-10-01\n"
        "Yann;Le Gall;LinkedIn;cooptation;\n"
        "Xavier;Roux;cooptation;;\n"
        "Wanda;Blanc;LinkedIn;peut-être;2026-09-01\n",
        encoding="utf-8")
    plan = importer.run_import(path, now=NOW)
    assert plan.mapping["Base légale"] == "legal_basis" and plan.mapping["Date du consentement"] == "legal_basis_at"
    rows = {t.name: (t.legal_basis, t.legal_basis_at) for t in Talent.select()}
    assert rows == {
        "Zoé Martin": ("consent", d("2026-10-01")),
        "Yann Le Gall": ("referral", TODAY),
        "Xavier Roux": ("referral", TODAY),  # blank: the source's, since the import
        "Wanda Blanc": ("legitimate_interest", d("2026-09-01")),  # not understood: the source's, and kept in the notes
    }
    assert Talent.get(Talent.name == "Wanda Blanc").notes == "legal basis: peut-être"


def test_import_without_the_column_and_in_english(db, tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("Name,Email,Source\nAna,ana@example.org,Application\nBen,ben@example.org,LinkedIn\n", encoding="utf-8")
    importer.run_import(path, now=NOW)
    assert {t.name: (t.legal_basis, t.legal_basis_at) for t in Talent.select()} == {
        "Ana": ("application", TODAY), "Ben": ("legitimate_interest", TODAY)}
    path = tmp_path / "english.csv"
    path.write_text("Name,Legal basis,Legal basis date\nCara,legitimate interest,2026-11-01\n", encoding="utf-8")
    importer.run_import(path, now=NOW)
    assert (Talent.get(Talent.name == "Cara").legal_basis, Talent.get(Talent.name == "Cara").legal_basis_at) == \
        ("legitimate_interest", d("2026-11-01"))
    # a duplicate does not change the basis of the talent it matches
    path.write_text("Name,Email,Legal basis\nAna,ana@example.org,consent\n", encoding="utf-8")
    importer.run_import(path, now=NOW)
    assert Talent.get(Talent.name == "Ana").legal_basis == "application"


# -- the JSON round trip ---------------------------------------------------------------
def test_the_json_round_trip_carries_the_basis(db, tmp_path):
    tid = talents.create_talent({"name": "Zoé", "legal_basis": "consent", "legal_basis_at": "2026-10-01"}, DEFAULT_SOURCES, NOW)
    other = talents.create_talent({"name": "Yann", "source": "inbound"}, DEFAULT_SOURCES, NOW)
    out = tmp_path / "all.json"
    exchange.export_json(out, now=NOW)
    document = json.loads(out.read_text())
    assert {(t["name"], t["legal_basis"], t["legal_basis_at"]) for t in document["talents"]} == {
        ("Zoé", "consent", "2026-10-01"), ("Yann", "application", "2026-11-23")}
    # an export of a version before 0019: no such columns, the migration's rule
    for row in document["talents"]:
        del row["legal_basis"], row["legal_basis_at"]
    older = tmp_path / "older.json"
    older.write_text(json.dumps(document))
    for target, source, expected in (
        ("copy.db", out, {tid: ("consent", d("2026-10-01")), other: ("application", TODAY)}),
        ("older.db", older, {tid: ("legitimate_interest", TODAY), other: ("application", TODAY)}),
    ):
        copy = open_database(tmp_path / target)
        try:
            exchange.import_json(source, NOW)
            assert {t.id: (t.legal_basis, t.legal_basis_at) for t in Talent.select()} == expected
        finally:
            copy.close()
            database_proxy.initialize(db)


def test_a_json_file_with_an_unknown_basis_is_refused(db, tmp_path):
    talents.create_talent({"name": "Zoé"}, DEFAULT_SOURCES, NOW)
    out = tmp_path / "all.json"
    exchange.export_json(out, now=NOW)
    document = json.loads(out.read_text())
    document["talents"][0]["legal_basis"] = "because"
    out.write_text(json.dumps(document))
    copy = open_database(tmp_path / "copy.db")
    try:
        with pytest.raises(Exception, match='"legal_basis" should be one of'):
            exchange.import_json(out, NOW)
    finally:
        copy.close()
        database_proxy.initialize(db)


# -- the command line ------------------------------------------------------------------
def test_cli_review_lists_those_to_inform_after_the_retention_rows(db, capsys):
    import argparse
    from pathlib import Path

    from sourcer_tui.cli import privacy as privacy_cli
    from sourcer_tui.config import Settings

    _talent("Old contact", "legitimate_interest", "2023-01-05", "2024-11-20")
    told = _talent("Never told", "referral", "2026-09-01", created="2026-09-01 09:00:00")
    parser = argparse.ArgumentParser()
    privacy_cli.register(parser.add_subparsers(dest="command"), lambda p: None)
    args = parser.parse_args(["privacy", "review", "--date", "2026-11-23"])
    assert privacy_cli.run(args, Settings(), lambda: (db, Path(db.database))) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Retention review 2026-11-23 (24 months after the last activity) — 1 talent"
    assert out[3] == ""
    assert out[4] == ("Never told their data is held (GDPR art. 14) — 1 talent found on a public profile or referred, "
                      "not contacted within a month")
    assert out[5] == f"{told.id:>7}  {'Never told':<32} referral since 2026-09-01  tell them by 2026-10-01"
    assert out[6].startswith("For each: contact them (the first message tells them)")
