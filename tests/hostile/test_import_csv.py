"""Issue 17, item 8: a CSV import never mangles a file without saying so.

An unterminated quote is an error naming its line (it merged the next rows
into one talent); one Windows-1252 row in a UTF-8 file is read as such, and
said (the whole file turned into mojibake); Excel's ``sep=;`` first line is
honoured; LinkedIn's country and mobile hosts, a language after the profile
and percent-encoding no longer hide a duplicate (and migration 0014
re-normalises the stored URLs); a duplicate's differing values are listed,
not silently dropped; a row named like a stored talent but without email or
URL is listed as a possible duplicate.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from urllib.parse import quote

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from sourcer_tui.db.database import open_database
from sourcer_tui.db.models import Talent
from sourcer_tui.domain.text import normalise_url
from sourcer_tui.services import talents
from sourcer_tui.services.importer import ImportFileError, plan_import, read_table, run_import

from ..conftest import NOW
from ..ui.helpers import settle, type_text, wait_for_text


def _csv(tmp_path, raw: bytes | str, name: str = "people.csv"):
    path = tmp_path / name
    path.write_bytes(raw.encode("utf-8") if isinstance(raw, str) else raw)
    return path


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sourcer_tui", *args], capture_output=True, text=True, timeout=60, env=os.environ)


# ------------------------------------------------------------------------ quotes


def test_an_unterminated_quote_is_an_error_naming_its_line(db, tmp_path):
    path = _csv(tmp_path, 'Name,Email,Notes\nZoé Martin,zoe@example.org,"met at a meetup\nAda Lee,ada@example.org,fine\n'
                          "Bob Roux,bob@example.org,ok\n")
    with pytest.raises(ImportFileError, match=r"^.*people\.csv: line 2: a quote opens a cell that is never closed \(the rows after it would merge into one talent\)"):
        plan_import(path)
    assert Talent.select().count() == 0
    result = _cli("import", str(path), "--db", db.database)
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1 and "line 2: a quote opens a cell" in result.stderr


def test_a_quote_closed_rows_later_names_both_lines(db, tmp_path):
    path = _csv(tmp_path, 'Name,Email,Notes\nZoé Martin,zoe@example.org,"met at a meetup\nAda Lee,ada@example.org,fine\n'
                          'Bob Roux,bob@example.org,"ok"\nCid,cid@example.org,x\n')
    with pytest.raises(ImportFileError, match=r"line 2: a quote opens a cell that only closes on line 4"):
        plan_import(path)


def test_a_quoted_multi_line_cell_is_still_one_cell(db, tmp_path):
    path = _csv(tmp_path, 'Name,Notes\nZoé Martin,"line one\nline two, with a comma"\nAda Lee,x\n')
    plan = run_import(path, now=NOW)
    assert plan.new == 2 and Talent.get(Talent.name == "Zoé Martin").notes == "line one\nline two, with a comma"


# ------------------------------------------------------------------------ encodings


def test_one_windows_1252_row_in_a_utf8_file_is_read_as_such_and_said(db, tmp_path):
    raw = "Name,Email,Company\nZoé Martin,zoe@example.org,Vélo\n".encode() + \
        "Hélène Roux,helene@example.org,Société Générale\n".encode("cp1252") + "Émile Durand,emile@example.org,Ça va\n".encode()
    path = _csv(tmp_path, raw)
    plan = run_import(path, now=NOW)
    assert plan.encoding == "utf-8, line 3 read as cp1252"
    assert sorted((t.name, t.company) for t in Talent.select()) == [
        ("Hélène Roux", "Société Générale"), ("Zoé Martin", "Vélo"), ("Émile Durand", "Ça va")]  # no mojibake
    dry = _cli("import", str(path), "--dry-run", "--db", str(tmp_path / "other.db"))
    assert "encoding utf-8, line 3 read as cp1252, delimiter comma" in dry.stdout


def test_a_line_neither_utf8_nor_windows_1252_is_an_error_naming_it(db, tmp_path):
    path = _csv(tmp_path, b"Name,Email\nZo\xc3\xa9 Martin,zoe@example.org\nBad\x81Byte,x@example.org\n")
    with pytest.raises(ImportFileError, match=r"line 3: neither UTF-8 nor Windows-1252 text \(byte 0x81\)"):
        plan_import(path)


def test_a_windows_1252_file_is_still_read_whole(db, tmp_path):
    path = _csv(tmp_path, "Nom;Prénom\nRoux;Hélène\n".encode("cp1252"))
    plan = plan_import(path)
    assert (plan.encoding, plan.delimiter, plan.preview[0]["name"]) == ("cp1252", ";", "Hélène Roux")


# ------------------------------------------------------------------------ Excel's sep=


@pytest.mark.parametrize("first", ["sep=;", "\ufeffsep=;", '"sep=;"', "SEP=;"])
def test_excel_sep_line_sets_the_delimiter(db, tmp_path, first):
    path = _csv(tmp_path, f"{first}\r\nName;Email;Company\r\nZoé Martin;zoe@example.org;Vélo, Cargo & Co\r\n;nobody@example.org;\r\n")
    encoding, delimiter, header, rows = read_table(path)
    assert (delimiter, header) == (";", ["Name", "Email", "Company"])
    plan = plan_import(path)
    assert plan.preview[0]["company"] == "Vélo, Cargo & Co"
    assert plan.rejected == [(4, "no name")]  # physical line numbers: sep= is line 1


# ------------------------------------------------------------------------ profile URLs


def test_profile_url_variants_are_one_person(db, tmp_path):
    talents.create_talent({"name": "Zoé Martin", "linkedin_url": "https://fr.linkedin.com/in/zoé-martin/en/"}, ["other"], NOW)
    variants = [
        "https://www.linkedin.com/in/zo%C3%A9-martin", "http://m.linkedin.com/in/ZO%C3%89-MARTIN/?trk=x",
        "https://de.linkedin.com/in/zoé-martin/fr", "linkedin.com/in/zo%25C3%25A9-martin#about",
        "https://www.linkedin.com/in/ada-lee/", "https://fr.linkedin.com/in/ada-lee/en", "m.linkedin.com/in/ada%2Dlee",
        "https://www.linkedin.com/in/bob-roux", "https://www.linkedin.com/in/bob-roux/pt-br", "https://linkedin.com/in/cid",
    ]
    rows = "".join(f"Person {i},{url}\n" for i, url in enumerate(variants))
    plan = run_import(_csv(tmp_path, f"Name,LinkedIn\n{rows}"), now=NOW)
    assert plan.new == 3  # ada, bob, cid; the four zoé rows are the stored talent
    assert Talent.select().count() == 4
    assert {t.linkedin_norm for t in Talent.select()} == {
        "linkedin.com/in/zoé-martin", "linkedin.com/in/ada-lee", "linkedin.com/in/bob-roux", "linkedin.com/in/cid"}


_SLUG = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzéèüßçøABCDEFÉ0123456789-_"), min_size=1, max_size=20)


@given(_SLUG, st.sampled_from(["https://", "http://", "", "HTTPS://"]), st.sampled_from(["www.", "m.", "fr.", "de.", "", "WWW."]),
       st.sampled_from(["", "/", "/en", "/fr/", "/pt-br", "?trk=public", "/?x=1#top", "#about"]), st.booleans())
@example("zoé", "https://", "fr.", "/en", True)
def test_every_variant_of_a_profile_url_normalises_alike(slug, scheme, host, tail, encoded):
    canonical = normalise_url(f"https://www.linkedin.com/in/{slug}")
    path = quote(slug) if encoded else slug
    variant = normalise_url(f"{scheme}{host}linkedin.com/in/{path}{tail}")
    assert variant == canonical == f"linkedin.com/in/{slug.lower()}"


@given(st.text(max_size=60))
@example("https://www.linkedin.com/in/zo%25C3%25A9/en")
def test_normalising_a_url_twice_changes_nothing(text):
    assert normalise_url(normalise_url(text)) == normalise_url(text)


@given(_SLUG, _SLUG)
def test_two_profiles_stay_two(a, b):
    if a.lower() != b.lower():
        assert normalise_url(f"https://www.linkedin.com/in/{a}") != normalise_url(f"https://www.linkedin.com/in/{b}")


def test_migration_renormalises_stored_urls(tmp_path):
    path = tmp_path / "old.db"
    db = open_database(path)
    talents.create_talent({"name": "Zoé Martin", "linkedin_url": "https://fr.linkedin.com/in/zo%C3%A9/en"}, ["other"], NOW)
    db.execute_sql("UPDATE talent SET linkedin_norm = 'fr.linkedin.com/in/zo%c3%a9/en'")  # what the old rule stored
    db.execute_sql("DELETE FROM schema_migration WHERE name = '0014_clean_text'")
    db.close()
    db = open_database(path)  # 0014 runs
    try:
        assert db.execute_sql("SELECT linkedin_norm FROM talent").fetchone()[0] == "linkedin.com/in/zoé"
        plan = run_import(_csv(tmp_path, "Name,LinkedIn\nZoé M.,https://www.linkedin.com/in/zo%C3%A9\n"), now=NOW)
        assert (plan.new, plan.skipped) == (0, 1)
    finally:
        db.close()


# ------------------------------------------------------------------------ conflicts, possible duplicates


def test_a_duplicate_with_different_values_is_listed_not_dropped(db, tmp_path):
    talents.create_talent({"name": "Zoé Martin", "email": "zoe@example.org", "headline": "Data Engineer"}, ["other"], NOW)
    path = _csv(tmp_path, "Name,Email,Headline,Company,Location\n"
                          "Zoé Martin,ZOE@example.org,Data Lead,Octave,\n"  # line 2: company fills, headline differs
                          "Ada Lee,ada@example.org,Designer,,Paris\n"
                          "Ada Lee,ada@example.org,Product Designer,,Lyon\n")  # line 4: same email as line 3
    plan = plan_import(path)
    assert plan.conflict_lines() == [
        'line 2: Zoé Martin (same email as talent #1): headline "Data Lead" not imported (keeps "Data Engineer")',
        'line 4: Ada Lee (same email as line 3): headline "Product Designer" not imported (keeps "Designer"); '
        'location "Lyon" not imported (keeps "Paris")',
    ]
    result = _cli("import", str(path), "--dry-run", "--db", db.database)
    assert "different values of duplicates, not imported (the talent keeps its own): 2" in result.stdout
    assert 'line 4: Ada Lee (same email as line 3): headline "Product Designer" not imported' in result.stdout
    run_import(path, now=NOW)
    zoe = Talent.get(Talent.email_norm == "zoe@example.org")
    assert (zoe.headline, zoe.company) == ("Data Engineer", "Octave")  # nothing overwritten, the empty field filled


def test_a_source_the_file_does_not_bring_is_no_conflict(db, tmp_path):
    """No Source column: the rows' default source ("other") is not listed against Zoé's
    "linkedin"; a Source column saying "referral" is."""
    talents.create_talent({"name": "Zoé Martin", "email": "zoe@example.org", "source": "linkedin"}, ["linkedin", "referral", "other"], NOW)
    assert plan_import(_csv(tmp_path, "Name,Email\nZoé Martin,zoe@example.org\n")).conflict_lines() == []
    assert plan_import(_csv(tmp_path, "Name,Email,Source\nZoé Martin,zoe@example.org,referral\n")).conflict_lines() == [
        'line 2: Zoé Martin (same email as talent #1): source "referral" not imported (keeps "linkedin")',
    ]


def test_a_name_without_email_or_url_matching_a_talent_is_a_possible_duplicate(db, tmp_path):
    talents.create_talent({"name": "Zoé Martin", "email": "zoe@example.org"}, ["other"], NOW)
    path = _csv(tmp_path, "Name,Headline\nzoe MARTIN,Data Lead\nAda Lee,Designer\nAda  Lee,Designer\n")
    plan = plan_import(path)
    assert plan.possible_duplicate_lines() == [
        "line 2: zoe MARTIN: no email or profile URL, and the name of talent #1 (zoe@example.org): imported as a new talent",
        "line 4: Ada Lee: no email or profile URL, and the name of line 3: imported as a second talent",
    ]
    result = _cli("import", str(path), "--dry-run", "--db", db.database)
    assert "possible duplicates by name (no email or profile URL to be sure): 2" in result.stdout


async def test_the_apps_preview_lists_conflicts_and_possible_duplicates(make_app, db, tmp_path):
    talents.create_talent({"name": "Zoé Martin", "email": "zoe@example.org", "headline": "Data Engineer"}, ["other"], NOW)
    path = _csv(tmp_path, "Name,Email,Headline\nZoé Martin,zoe@example.org,Data Lead\nZoé Martin,,Designer\n")
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("I")
        await type_text(pilot, str(path))
        await pilot.press("ctrl+s")
        text = await wait_for_text(pilot, "1 different values of duplicates")
        assert 'line 2: Zoé Martin (same email as talent #1): headline "Data Lead" not' in text  # (wrapped there)
        assert "1 possible duplicates by name" in text and "line 3: Zoé Martin: no email or profile URL, and the name of talent #1" in text
