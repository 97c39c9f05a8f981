"""CSV import over a real SQLite file: exact counts, line numbers, merges that never overwrite."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
import types

import pytest

from sourcer_tui.cli import CliError
from sourcer_tui.db.models import Candidacy, Talent
from sourcer_tui.db.search import talent_filter
from sourcer_tui.domain.vocab import DEFAULT_SOURCES
from sourcer_tui.cli.importing import register, run
from sourcer_tui.services import missions, pipeline, talents
from sourcer_tui.services.errors import InvalidInput, NotFound
from sourcer_tui.services.importer import (
    ImportFileError,
    ImportRejected,
    plan_import,
    read_table,
    run_import,
)

T0 = dt.datetime(2026, 11, 1, 9, 0)
NOW = dt.datetime(2026, 11, 23, 10, 30)

# --------------------------------------------------------------------- the three shapes

LINKEDIN = (
    "First Name,Last Name,Headline,Location,Current Company,Public Profile URL,Email,Active Project\n"
    "Alice,Durand,Data Engineer,Paris,,https://www.linkedin.com/in/alice-durand/,alice@example.com,Data Lead\n"  # 2 new
    "Bob,Lefèvre,Backend Developer,Lyon,Alan,https://linkedin.com/in/bob-lefevre?trk=abc,,Backend\n"  # 3 new
    "Zoé,Martin,Staff Engineer,Nantes,Other Corp,http://linkedin.com/in/ZoeMartin/,zoe@example.com,\n"  # 4 merged (DB)
    "ALICE,DURAND,,,Doctolib,,ALICE@Example.COM,\n"  # 5 merged into line 2 (brings the company)
    "Bob,Lefevre,Backend Developer,Lyon,Alan,https://www.linkedin.com/in/bob-lefevre/,,\n"  # 6 skipped
    ",,Recruiter,Paris,,,nobody@example.com,\n"  # 7 rejected: no name
    "Carl,Petit,Designer,Lille,,,carl(at)example.com,\n"  # 8 rejected: email
    'Dana,Roux,"Product Manager, Growth",Bordeaux,Qonto,https://www.linkedin.com/in/dana-roux,,\n'  # 9 new
)
LINKEDIN_REJECTED = [
    (7, "no name"),
    (8, "email: not an email address: 'carl(at)example.com' (expected name@domain.tld)"),
]

LEVER = (
    "Name,Email,Phone,Location,Current Company,Headline,Origin,Tags,Profile URL\r\n"
    'Eve Dubois,EVE@example.com,+33 6 12 34 56 78,Paris,Mistral,ML Engineer,referred,"python, ML",'
    "https://www.linkedin.com/in/eve-dubois\r\n"  # 2 merged (DB)
    "Frank Moreau,frank@example.com,,Remote,Datadog,SRE,,,\r\n"  # 3 new, no source
    "Gina Lopez,gina@example.com,,Madrid,,Data Scientist,applied,ai,\r\n"  # 4 new, inbound
    "Frank Moreau,Frank@Example.com,,,,,,,\r\n"  # 5 skipped
    "Hugo Blanc,hugo@example.com,call me,,,,,,\r\n"  # 6 rejected: phone
    ",ghost@example.com,,,,,,,\r\n"  # 7 rejected: no name
    "Ivy Chen,ivy@,,,,,LinkedIn,,\r\n"  # 8 rejected: email
    "Eve Dubois,eve@example.com,,,,,,python,\r\n"  # 9 skipped (all already there)
    "Jules Noir,jules@example.com,,,,,Cooptation,,\r\n"  # 10 new, referral
    "Kim Park,kim@example.com,,,,,Welcome to the Jungle,,\r\n"  # 11 new, job_board
    "Léa Faure,lea@example.com,,,,,Carrier pigeon,,\r\n"  # 12 new, other
)
LEVER_REJECTED = [
    (6, "phone: digits, spaces and + ( ) . - / only"),
    (7, "no name"),
    (8, "email: not an email address: 'ivy@' (expected name@domain.tld)"),
]

FRENCH = (
    "Prénom;Nom;E-mail;Poste;Entreprise;Ville;Commentaires\n"
    "Hélène;Garçon;helene@exemple.fr;Développeuse;Société Générale;Paris;Très motivée, à relancer\n"  # 2 new
    "François;Léger;francois@exemple.fr;Chef de projet;Crédit Agricole;Montréal;Prétentions 55 k€\n"  # 3 new
    "Hélène;Garçon;HELENE@EXEMPLE.FR;;;;Préfère le télétravail\n"  # 4 skipped (notes already filled)
    "Noël;Bûcheron;noel@exemple.fr;Développeur;;Lyon;\n"  # 5 merged (DB): fills Ville only
    ";;anonyme@exemple.fr;Stagiaire;;;\n"  # 6 rejected: no name
    "Zoé;;zoe.at.exemple.fr;;;;\n"  # 7 rejected: email
    ";;;;;;\n"  # 8 blank: neither imported nor rejected
    'Aimé;Césaire;;Poète;;Fort-de-France;"Notes sur\ndeux lignes"\n'  # 9-10 new, a two-line cell
    "Émile;Zola;emile@;;;;\n"  # 11 rejected: email (line counted after the two-line cell)
)
FRENCH_REJECTED = [
    (6, "no name"),
    (7, "email: not an email address: 'zoe.at.exemple.fr' (expected name@domain.tld)"),
    (11, "email: not an email address: 'emile@' (expected name@domain.tld)"),
]


def _write(tmp_path, name: str, text: str, encoding: str):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture
def linkedin_csv(tmp_path):
    return _write(tmp_path, "recruiter.csv", LINKEDIN, "utf-8-sig")


@pytest.fixture
def lever_csv(tmp_path):
    return _write(tmp_path, "lever.csv", LEVER, "utf-8")


@pytest.fixture
def french_csv(tmp_path):
    return _write(tmp_path, "vivier.csv", FRENCH, "cp1252")


def _talent(name: str, **extra) -> int:
    return talents.create_talent({"name": name, **extra}, DEFAULT_SOURCES, T0)


def _by_name(name: str) -> Talent:
    return Talent.get(Talent.name == name)


def _counts(plan) -> tuple[int, int, int, list[tuple[int, str]]]:
    return plan.new, plan.merged, plan.skipped, plan.rejected


# --------------------------------------------------------------------- LinkedIn Recruiter


@pytest.fixture
def zoe(db):
    return _talent("Zoé Martin", company="Acme", linkedin_url="https://www.linkedin.com/in/zoemartin")


def test_linkedin_plan_reads_bom_comma_and_writes_nothing(db, zoe, linkedin_csv):
    plan = plan_import(linkedin_csv)
    assert (plan.encoding, plan.delimiter) == ("utf-8-sig", ",")
    assert plan.mapping == {
        "First Name": "first_name", "Last Name": "last_name", "Headline": "headline", "Location": "location",
        "Current Company": "company", "Public Profile URL": "linkedin_url", "Email": "email",
    }
    assert plan.ignored == ["Active Project"]
    assert _counts(plan) == (3, 2, 1, LINKEDIN_REJECTED)
    assert [row["name"] for row in plan.preview] == ["Alice Durand", "Bob Lefèvre", "Zoé Martin", "ALICE DURAND", "Bob Lefevre"]
    assert Talent.select().count() == 1
    assert _by_name("Zoé Martin").headline == ""


def test_linkedin_bad_rows_without_skip_bad_write_nothing(db, zoe, linkedin_csv):
    before = Talent.select().count()
    with pytest.raises(ImportRejected) as caught:
        run_import(linkedin_csv, now=NOW)
    message = str(caught.value)
    assert message.startswith("2 bad rows: nothing imported; fix them or use --skip-bad")
    assert "line 7: no name" in message and "line 8: email: not an email address" in message
    assert "\n" not in message
    assert _counts(caught.value.plan) == (3, 2, 1, LINKEDIN_REJECTED)
    assert Talent.select().count() == before == 1
    zoe_row = _by_name("Zoé Martin")
    assert (zoe_row.headline, zoe_row.email, zoe_row.updated_at) == ("", "", T0)


def test_linkedin_skip_bad_imports_the_good_rows_and_merges_without_overwriting(db, zoe, linkedin_csv):
    plan = run_import(linkedin_csv, now=NOW, skip_bad=True)
    assert _counts(plan) == (3, 2, 1, LINKEDIN_REJECTED)
    assert Talent.select().count() == 1 + 3
    assert sorted(t.name for t in Talent.select()) == ["Alice Durand", "Bob Lefèvre", "Dana Roux", "Zoé Martin"]

    zoe_row = Talent.get_by_id(zoe)
    assert zoe_row.company == "Acme"  # filled already: "Other Corp" did not overwrite it
    assert zoe_row.name == "Zoé Martin"
    assert zoe_row.linkedin_url == "https://www.linkedin.com/in/zoemartin"
    assert (zoe_row.headline, zoe_row.location) == ("Staff Engineer", "Nantes")  # were empty: filled
    assert (zoe_row.email, zoe_row.email_norm) == ("zoe@example.com", "zoe@example.com")
    assert (zoe_row.created_at, zoe_row.updated_at) == (T0, NOW)

    alice = _by_name("Alice Durand")  # the first occurrence keeps its name; line 5 brought the company
    assert (alice.email, alice.company, alice.headline) == ("alice@example.com", "Doctolib", "Data Engineer")
    assert alice.linkedin_norm == "linkedin.com/in/alice-durand"
    assert _by_name("Bob Lefèvre").linkedin_norm == "linkedin.com/in/bob-lefevre"
    assert _by_name("Dana Roux").headline == "Product Manager, Growth"
    assert alice.created_at == NOW and alice.source == "other"
    # The full-text index followed the inserts and the merge updates.
    assert {t.name for t in Talent.select().where(talent_filter("Staff"))} == {"Zoé Martin"}
    assert {t.name for t in Talent.select().where(talent_filter("Doctolib"))} == {"Alice Durand"}


def test_importing_the_same_file_twice_adds_nothing(db, zoe, linkedin_csv):
    run_import(linkedin_csv, now=NOW, skip_bad=True)
    again = run_import(linkedin_csv, now=NOW, skip_bad=True)
    assert _counts(again) == (0, 0, 6, LINKEDIN_REJECTED)
    assert Talent.select().count() == 4


# --------------------------------------------------------------------- Lever


@pytest.fixture
def eve(db):
    return _talent("Eve Dubois", email="eve@example.com", tags="python", notes="met at PyCon", source="event")


def test_lever_export(db, eve, lever_csv):
    plan = run_import(lever_csv, now=NOW, skip_bad=True)
    assert (plan.encoding, plan.delimiter) == ("utf-8", ",")
    assert plan.mapping == {
        "Name": "name", "Email": "email", "Phone": "phone", "Location": "location", "Current Company": "company",
        "Headline": "headline", "Origin": "source", "Tags": "tags", "Profile URL": "linkedin_url",
    }
    assert plan.ignored == []
    assert _counts(plan) == (5, 1, 2, LEVER_REJECTED)
    assert Talent.select().count() == 1 + 5

    eve_row = Talent.get_by_id(eve)
    assert eve_row.notes == "met at PyCon"
    assert eve_row.source == "event"  # never replaced ("referred" would be referral)
    assert eve_row.tags == "python,ml"  # unioned
    assert (eve_row.phone, eve_row.company, eve_row.headline) == ("+33 6 12 34 56 78", "Mistral", "ML Engineer")
    assert eve_row.linkedin_norm == "linkedin.com/in/eve-dubois"
    sources = {t.name: t.source for t in Talent.select()}
    assert sources == {
        "Eve Dubois": "event", "Frank Moreau": "other", "Gina Lopez": "inbound",
        "Jules Noir": "referral", "Kim Park": "job_board", "Léa Faure": "other",
    }
    assert _by_name("Gina Lopez").tags == "ai"


def test_source_option_fills_only_new_talents_without_one(db, eve, lever_csv):
    run_import(lever_csv, now=NOW, skip_bad=True, source="LinkedIn")
    sources = {t.name: t.source for t in Talent.select()}
    assert sources["Frank Moreau"] == "linkedin"  # no Origin: the option
    assert sources["Gina Lopez"] == "inbound"  # its own Origin wins
    assert sources["Léa Faure"] == "other"  # an Origin, unrecognised
    assert sources["Eve Dubois"] == "event"  # not new: untouched


def test_unknown_source_option_is_an_error(db, lever_csv):
    with pytest.raises(InvalidInput, match="unknown channel 'pigeon'"):
        plan_import(lever_csv, source="pigeon")


def test_mission_puts_every_talent_of_the_file_in_it_once(db, eve, lever_csv):
    mission = missions.create_mission({"title": "ML Lead"}, T0)
    other = missions.create_mission({"title": "Other"}, T0)
    pipeline.add_to_mission(eve, mission, T0, "screening")  # already in: left at its stage
    bystander = _talent("Not In The File")
    assert plan_import(lever_csv, mission_id=mission).added_to_mission == 5
    assert Candidacy.select().count() == 1

    plan = run_import(lever_csv, now=NOW, skip_bad=True, mission_id=mission)
    assert plan.added_to_mission == 5
    stages = {c.talent.name: c.stage for c in Candidacy.select().where(Candidacy.mission == mission)}
    assert stages == {
        "Eve Dubois": "screening", "Frank Moreau": "sourced", "Gina Lopez": "sourced",
        "Jules Noir": "sourced", "Kim Park": "sourced", "Léa Faure": "sourced",
    }
    assert not Candidacy.select().where(Candidacy.talent == bystander).exists()
    assert Candidacy.select().where(Candidacy.mission == other).count() == 0

    # Again, into another mission: every talent of the file goes there, even those skipped as duplicates.
    again = run_import(lever_csv, now=NOW, skip_bad=True, mission_id=other)
    assert _counts(again)[:3] == (0, 0, 8)
    assert again.added_to_mission == 6
    assert Candidacy.select().where(Candidacy.mission == other).count() == 6


def test_unknown_mission_is_an_error_and_writes_nothing(db, lever_csv):
    with pytest.raises(NotFound, match="no mission with id 99"):
        run_import(lever_csv, now=NOW, skip_bad=True, mission_id=99)
    assert Talent.select().count() == 0


# --------------------------------------------------------------------- French spreadsheet


def test_french_windows_1252_semicolon_spreadsheet(db, french_csv):
    noel = _talent("Noël Bûcheron", email="Noel@Exemple.fr", headline="Architecte")
    plan = run_import(french_csv, now=NOW, skip_bad=True)
    assert (plan.encoding, plan.delimiter) == ("cp1252", ";")
    assert plan.mapping == {
        "Prénom": "first_name", "Nom": "last_name", "E-mail": "email", "Poste": "headline",
        "Entreprise": "company", "Ville": "location", "Commentaires": "notes",
    }
    assert _counts(plan) == (3, 1, 1, FRENCH_REJECTED)
    assert Talent.select().count() == 1 + 3

    helene = _by_name("Hélène Garçon")
    assert (helene.company, helene.headline) == ("Société Générale", "Développeuse")
    assert helene.notes == "Très motivée, à relancer"  # not appended to
    assert _by_name("François Léger").notes == "Prétentions 55 k€"
    assert _by_name("Aimé Césaire").notes == "Notes sur\ndeux lignes"
    noel_row = Talent.get_by_id(noel)
    assert (noel_row.headline, noel_row.location, noel_row.email) == ("Architecte", "Lyon", "Noel@Exemple.fr")


def test_french_bad_rows_without_skip_bad(db, french_csv):
    with pytest.raises(ImportRejected, match=r"^3 bad rows: nothing imported"):
        run_import(french_csv, now=NOW)
    assert Talent.select().count() == 0


# --------------------------------------------------------------------- mapping and reading


MAPPED = (
    "Candidat,Courriel pro,Profil,Title,Divers\n"
    "Paul Martin,paul@example.com,www.linkedin.com/in/paul-martin/,CTO,whatever\n"
    "Rita Costa,rita@example.com,linkedin.com/in/rita,VP,\n"
)


def test_map_overrides_and_ignores_columns(db, tmp_path):
    path = _write(tmp_path, "custom.csv", MAPPED, "utf-8")
    with pytest.raises(ImportFileError, match="no name column"):
        plan_import(path)
    mapping = {"candidat": "name", "Courriel pro": "e-mail", "Profil": "linkedin", "Title": "ignore"}
    plan = run_import(path, now=NOW, mapping=mapping)
    assert plan.mapping == {"Candidat": "name", "Courriel pro": "email", "Profil": "linkedin_url"}
    assert plan.ignored == ["Title", "Divers"]
    assert _counts(plan) == (2, 0, 0, [])
    paul = _by_name("Paul Martin")
    assert (paul.email, paul.headline) == ("paul@example.com", "")
    assert (paul.linkedin_url, paul.linkedin_norm) == ("https://www.linkedin.com/in/paul-martin/", "linkedin.com/in/paul-martin")


def test_map_errors(db, tmp_path):
    path = _write(tmp_path, "custom.csv", MAPPED, "utf-8")
    with pytest.raises(ImportFileError, match="no column 'Nope'"):
        plan_import(path, mapping={"Nope": "name"})
    with pytest.raises(ImportFileError, match="unknown field 'shoe size'"):  # salary is a field since 0017
        plan_import(path, mapping={"Candidat": "shoe size"})


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiters(tmp_path, delimiter):
    text = delimiter.join(["Name", "Email", "Company"]) + "\n" + delimiter.join(["Ann Lee", "ann@example.com", "Acme, Inc"]) + "\n"
    if delimiter == ",":
        text = text.replace("Acme, Inc", '"Acme, Inc"')
    path = _write(tmp_path, "d.csv", text, "utf-8")
    encoding, found, header, rows = read_table(path)
    assert (encoding, found, header) == ("utf-8", delimiter, ["Name", "Email", "Company"])
    assert rows == [(2, ["Ann Lee", "ann@example.com", "Acme, Inc"])]


def test_unreadable_files(db, tmp_path):
    with pytest.raises(ImportFileError, match="no such file"):
        plan_import(tmp_path / "missing.csv")
    with pytest.raises(ImportFileError, match="empty file"):
        plan_import(_write(tmp_path, "empty.csv", "\n\n", "utf-8"))
    with pytest.raises(ImportFileError, match="not a CSV text file"):
        plan_import(_write(tmp_path, "book.csv", "PK\x03\x04\x00\x00", "latin-1"))


def test_duplicate_in_the_file_matched_by_url_then_email(db, tmp_path):
    text = (
        "Name,Email,LinkedIn,Location\n"
        "Ann Lee,,https://linkedin.com/in/annlee,\n"  # 2 new, no email
        "Ann Lee,ann@example.com,https://www.linkedin.com/in/AnnLee/?x=1,Oslo\n"  # 3 merged: email and location
        "A. Lee,ANN@example.com,,\n"  # 4 skipped: found by the email line 3 brought
    )
    plan = run_import(_write(tmp_path, "ann.csv", text, "utf-8"), now=NOW)
    assert _counts(plan) == (1, 1, 1, [])
    ann = _by_name("Ann Lee")
    assert (ann.email_norm, ann.location, ann.linkedin_url) == ("ann@example.com", "Oslo", "https://linkedin.com/in/annlee")


# --------------------------------------------------------------------- the command line


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sourcer-tui")
    sub = parser.add_subparsers(dest="command")

    def common(p):
        p.add_argument("--config", default=argparse.SUPPRESS)
        p.add_argument("--db", default=argparse.SUPPRESS)

    register(sub, common)
    return parser


class _Opener:
    def __init__(self, db):
        self.db, self.calls = db, 0

    def __call__(self):
        self.calls += 1
        return self.db


def test_cli_parses_every_option(tmp_path):
    args = _parser().parse_args(
        ["import", "f.csv", "--mission", "3", "--source", "linkedin", "--dry-run", "--skip-bad",
         "--map", "A=name", "--map", "B=ignore", "--db", "x.db", "--demo"]
    )
    assert (args.command, args.file, args.mission, args.source) == ("import", "f.csv", 3, "linkedin")
    assert (args.dry_run, args.skip_bad, args.map, args.db, args.demo) == (True, True, ["A=name", "B=ignore"], "x.db", True)


def test_cli_import_with_skip_bad(db, zoe, linkedin_csv, settings, capsys):
    opener = _Opener(db)
    args = _parser().parse_args(["import", str(linkedin_csv), "--skip-bad"])
    assert run(args, settings, opener) == 0
    assert opener.calls == 1
    out = capsys.readouterr().out
    assert "encoding utf-8-sig, delimiter comma" in out
    assert "Public Profile URL  -> linkedin url" in out
    assert "ignored: Active Project" in out
    assert "new 3 · merged 2 · skipped 1 · rejected 2" in out
    assert "line 7: no name" in out and "line 8: email: not an email address" in out
    assert Talent.select().count() == 4


def test_cli_bad_rows_exit_2_and_list_them(db, zoe, linkedin_csv, settings, capsys):
    args = _parser().parse_args(["import", str(linkedin_csv)])
    with pytest.raises(CliError) as caught:
        run(args, settings, _Opener(db))
    assert str(caught.value) == "2 bad rows: nothing imported; fix them or use --skip-bad"
    out = capsys.readouterr().out
    assert "line 7: no name" in out and "nothing written" in out
    assert Talent.select().count() == 1


def test_cli_dry_run_writes_nothing(db, lever_csv, settings, capsys):
    mission = missions.create_mission({"title": "ML Lead"}, T0)
    args = _parser().parse_args(["import", str(lever_csv), "--dry-run", "--skip-bad", "--mission", str(mission)])
    assert run(args, settings, _Opener(db)) == 0
    out = capsys.readouterr().out
    assert "new 6 · merged 0 · skipped 2 · rejected 3" in out  # no Eve stored: line 9 duplicates line 2
    assert "6 talents would be added to the mission 'ML Lead'" in out
    assert "dry run: nothing written" in out and "preview:" in out
    assert Talent.select().count() == 0 and Candidacy.select().count() == 0


def test_cli_mission_source_and_map(db, tmp_path, settings, capsys):
    mission = missions.create_mission({"title": "CTO"}, T0)
    path = _write(tmp_path, "custom.csv", MAPPED, "utf-8")
    args = _parser().parse_args(
        ["import", str(path), "--mission", str(mission), "--source", "referral", "--map", "Candidat=name", "--map", "Courriel pro=email"]
    )
    assert run(args, settings, _Opener(db)) == 0
    out = capsys.readouterr().out
    assert "new 2 · merged 0 · skipped 0 · rejected 0" in out
    assert "2 talents added to the mission 'CTO'" in out
    assert {t.source for t in Talent.select()} == {"referral"}
    assert Candidacy.select().where(Candidacy.mission == mission).count() == 2


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--mission", "99"], "no mission with id 99"),
        (["--source", "pigeon"], "source: unknown channel 'pigeon'"),
        (["--map", "nope"], "--map: expected COLUMN=FIELD, got 'nope'"),
        (["--map", "Nope=name"], "mapping: no column 'Nope' in the file"),
    ],
)
def test_cli_one_line_errors(db, linkedin_csv, settings, argv, message):
    with pytest.raises(CliError) as caught:
        run(_parser().parse_args(["import", str(linkedin_csv), "--skip-bad", *argv]), settings, _Opener(db))
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)
    assert Talent.select().count() == 0


def test_cli_missing_file_does_not_open_the_database(db, tmp_path, settings):
    opener = _Opener(db)
    with pytest.raises(CliError, match="missing.csv: no such file"):
        run(_parser().parse_args(["import", str(tmp_path / "missing.csv")]), settings, opener)
    assert opener.calls == 0


def test_cli_json_goes_to_the_exchange_module(db, tmp_path, settings, monkeypatch, capsys):
    path = tmp_path / "export.json"
    path.write_text("{}")
    calls = []
    fake = types.ModuleType("sourcer_tui.services.exchange")
    fake.import_json = lambda p, now, *, skip_weekends: calls.append((p, now, skip_weekends)) or {"talents": 2}
    monkeypatch.setitem(sys.modules, "sourcer_tui.services.exchange", fake)
    opener = _Opener(db)
    settings = dataclasses.replace(settings, cadence=dataclasses.replace(settings.cadence, skip_weekends=False))
    assert run(_parser().parse_args(["import", str(path)]), settings, opener) == 0
    assert opener.calls == 1
    # what the import plans (services/snooze_repair) follows the settings' weekend rule
    assert calls and calls[0][0] == path and isinstance(calls[0][1], dt.datetime) and calls[0][2] is False
    assert "2 talents" in capsys.readouterr().out


def test_cli_json_without_the_exchange_module(db, tmp_path, settings, monkeypatch):
    path = tmp_path / "export.json"
    path.write_text("{}")
    monkeypatch.setitem(sys.modules, "sourcer_tui.services.exchange", None)  # import fails
    with pytest.raises(CliError, match="JSON import is not available"):
        run(_parser().parse_args(["import", str(path)]), settings, _Opener(db))


# --------------------------------------------------------------------- scale


def test_ten_thousand_rows_merge_and_add_in_one_import(db, tmp_path):
    for i in range(0, 2000, 2):  # 1,000 already stored, half of them missing their headline
        _talent(f"Stored {i}", email=f"person{i}@example.com", headline="" if i % 4 else "Engineer")
    lines = ["First Name,Last Name,Headline,Current Company,Public Profile URL,Email,Tags"]
    for i in range(10_000):
        lines.append(
            f"Person,{i},Engineer {i % 50},Company {i % 300},https://www.linkedin.com/in/person-{i}/,"
            f"person{i}@example.com,\"python, level{i % 5}\""
        )
    path = _write(tmp_path, "big.csv", "\n".join(lines) + "\n", "utf-8-sig")
    mission = missions.create_mission({"title": "Scale"}, T0)
    plan = run_import(path, now=NOW, mission_id=mission)
    # every stored one gains its URL and tags (and half their headline): merged
    assert _counts(plan) == (9_000, 1_000, 0, [])
    assert Talent.select().count() == 10_000
    assert Candidacy.select().where(Candidacy.mission == mission).count() == 10_000
