"""PostgreSQL as the second backend: opening a URL, and the same figures as SQLite.

The acceptance point of issue 22: the demo written by ``demo-data`` into a
PostgreSQL database gives the same ``today --json`` and ``stats --json`` as the
same seed in a file.  The rest of the unit suite runs on both backends
(tests/conftest.py); what is here is PostgreSQL's own.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from peewee import SQL, fn

from sourcer_tui.cli import main
from sourcer_tui.config import ConfigError, load_settings
from sourcer_tui.db import postgres
from sourcer_tui.db.database import DatabaseOpenError, open_database
from sourcer_tui.locations import db_target

from .test_secrets import memory_keyring  # noqa: F401  (fixture)


def _json(capsys, *argv: str):
    capsys.readouterr()
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_the_demo_on_postgresql_gives_the_same_today_and_stats_as_in_a_file(pg_database, tmp_path, capsys):
    path = str(tmp_path / "demo.db")
    for target in (path, pg_database):
        assert main(["demo-data", "--db", target, "--seed", "7"]) == 0
    built = dt.date.today()  # demo-data builds around the system's today
    for day in (built.isoformat(), (built + dt.timedelta(days=70)).isoformat()):  # and weeks on: wake-ups, keep in touch
        in_file = _json(capsys, "--db", path, "today", "--json", "--date", day)
        on_server = _json(capsys, "--db", pg_database, "today", "--json", "--date", day)
        assert on_server == in_file
        assert len(in_file) > 10
    assert _json(capsys, "--db", pg_database, "stats", "--json") == _json(capsys, "--db", path, "stats", "--json")
    for mission in ("1", "3"):
        assert (_json(capsys, "--db", pg_database, "stats", "--json", "--mission", mission)
                == _json(capsys, "--db", path, "stats", "--json", "--mission", mission))


def test_demo_data_refuses_a_postgresql_database_that_holds_data(pg_database, capsys):
    assert main(["demo-data", "--db", pg_database]) == 0
    capsys.readouterr()
    assert main(["demo-data", "--db", pg_database]) == 2
    assert "already holds data" in capsys.readouterr().err


def test_backup_of_a_postgresql_database_points_at_pg_dump(pg_database, capsys):
    assert main(["--db", pg_database, "backup"]) == 2
    assert "pg_dump" in capsys.readouterr().err


def test_a_url_is_never_made_a_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    url = "postgresql://someone@127.0.0.1:1/nowhere"
    assert db_target(url, None) == url
    assert db_target(None, None, environ={"SOURCER_TUI_DB": url}) == url
    assert db_target(None, "x.db", url, environ={}) == url
    with pytest.raises(DatabaseOpenError) as error:
        open_database(url)  # nobody listens on port 1
    assert str(error.value).startswith(url + ": cannot use this database (")
    assert list(tmp_path.iterdir()) == []  # no folder named "postgresql:"


def test_the_config_refuses_a_url_with_a_password(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('[database]\nurl = "postgresql://camille:hunter2@db.example/sourcer"\n')
    with pytest.raises(ConfigError) as error:
        load_settings(config)
    assert "password" in str(error.value) and "hunter2" not in str(error.value)
    config.write_text('[database]\nurl = "postgresql://camille@db.example/sourcer?sslmode=verify-full"\n')
    assert load_settings(config).database.url == "postgresql://camille@db.example/sourcer?sslmode=verify-full"


def test_without_the_driver_a_url_gives_one_line_and_exit_2(monkeypatch, capsys):
    import sys

    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg raises ImportError
    assert main(["--db", "postgresql://someone@127.0.0.1:1/x", "today"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "sourcer-tui[postgres]" in err


def test_placeholders_become_psycopgs_outside_quotes_only():
    assert postgres.placeholders("SELECT 1 WHERE a = ? AND b LIKE '%?%'") == "SELECT 1 WHERE a = %s AND b LIKE '%%?%%'"
    assert postgres.placeholders("SELECT a FROM t WHERE b = %s") == "SELECT a FROM t WHERE b = %s"
    assert postgres.placeholders("SELECT a WHERE b = %s AND c = ?") == "SELECT a WHERE b = %s AND c = %s"


def test_the_keyring_name_of_a_database_leaves_the_rest_of_the_url_out():
    assert postgres.keyring_user("postgresql://camille@db.example/sourcer?sslmode=require") == "postgresql://camille@db.example:5432/sourcer"
    assert postgres.redacted("postgresql://camille:hunter2@db.example:5433/s") == "postgresql://camille:***@db.example:5433/s"


def test_accent_insensitive_prefix_and_one_letter_search_on_postgresql(pg_database):
    from sourcer_tui.db.models import Talent
    from sourcer_tui.db.search import talent_filter

    open_database(pg_database)
    zoe = Talent.create(name="Zoé Martin", headline="Staff engineer").id
    helene = Talent.create(name="Hélène Roux", headline="Designer", tags="Œuvre").id
    found = lambda text: {t.id for t in Talent.select().where(talent_filter(text))}  # noqa: E731
    assert found("zoe") == {zoe}
    assert found("ZOÉ mart") == {zoe}
    assert found("z") == {zoe}
    assert found("h") == {helene}
    assert found("e") == set()  # one letter: a name's start, not "engineer"
    assert found("oeuv") == {helene}
    assert found("artin") == set()  # a word's start, not its middle


def test_the_database_password_goes_to_the_keyring_and_back(memory_keyring, monkeypatch, pg_database, capsys):
    from sourcer_tui.cli.secrets import database_password

    from .test_secrets import fake_getpass

    monkeypatch.delenv("PGPASSWORD", raising=False)
    prompts = fake_getpass(monkeypatch, "Pg-Fake-Pass!", "Pg-Fake-Pass!")
    assert main(["--db", pg_database, "secrets", "set", "database"]) == 0
    user = postgres.keyring_user(pg_database)
    assert prompts == [f"Password of {user}: ", "Again: "]
    assert memory_keyring.passwords == {("sourcer-tui", user): "Pg-Fake-Pass!"}
    assert "Pg-Fake-Pass!" not in capsys.readouterr().out
    assert database_password(pg_database) == "Pg-Fake-Pass!"
    db = open_database(pg_database, password=database_password(pg_database))  # the cluster trusts loopback: any password opens
    assert db.connect_params["password"] == "Pg-Fake-Pass!"
    db.close()
    monkeypatch.setenv("PGPASSWORD", "from-the-environment")
    assert database_password(pg_database) is None  # libpq reads PGPASSWORD itself


def test_secrets_set_database_needs_a_url(memory_keyring, tmp_path, capsys):
    assert main(["--db", str(tmp_path / "x.db"), "secrets", "set", "database"]) == 2
    assert "no PostgreSQL database" in capsys.readouterr().err
    assert memory_keyring.passwords == {}


def _python(code: str) -> list[str]:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_a_file_never_loads_the_postgresql_driver(tmp_path):
    pytest.importorskip("psycopg")  # installed with the test extra: what is measured is that it stays unloaded
    assert main(["--db", str(tmp_path / "x.db"), "today"]) == 0  # made and migrated (the runner may load it, once)
    code = (
        "import sys; from sourcer_tui.cli import main; import sourcer_tui.app; "
        f"main(['--db', {str(tmp_path / 'x.db')!r}, 'today']); "
        "print('psycopg' in sys.modules, 'peewee' in sys.modules)"
    )
    assert _python(code)[-2:] == ["False", "True"]


def test_the_driver_loaded_for_a_url_serves_peewees_transactions(pg_database, tmp_path):
    assert main(["--db", str(tmp_path / "x.db"), "today"]) == 0
    code = f"""
import sys
from sourcer_tui.cli import main
main(['--db', {str(tmp_path / 'x.db')!r}, 'today'])
print('psycopg' in sys.modules)
from sourcer_tui.db.database import open_database
db = open_database({pg_database!r})
try:
    with db.atomic():
        db.execute_sql("CREATE TABLE gate_check (n integer)")
        raise RuntimeError
except RuntimeError:
    pass
print(db.table_exists("gate_check"), db.in_transaction())
with db.atomic():
    db.execute_sql("CREATE TABLE gate_check (n integer)")
    print(db.in_transaction())
print(db.table_exists("gate_check"), db.is_connection_usable())
"""
    assert _python(code)[-6:] == ["False", "False", "False", "True", "True", "True"]


def test_pool_matches_on_postgresql_count_the_words_from_the_servers_statistics(pg_database):
    """The profiles' vectors (migration 0041's table) and their statistics: a word
    most profiles hold is left to the title's AND, as SQLite leaves it (db/pool_fit.py)."""
    from sourcer_tui.db import pool_fit, pool_fit_pg
    from sourcer_tui.db.models import Talent

    db = open_database(pg_database)
    try:
        assert pool_fit_pg.doc_counts(db, ["english"], pool_fit_pg.PROFILE_STATS) == {"english": 1}  # no statistics yet
        many = pool_fit.RARE + 500  # English: more than RARE profiles hold it
        with db.atomic():
            for start in range(0, many, 2000):
                Talent.insert_many([{"name": f"T{n}", "headline": "Data engineer" if n % 100 == 0 else "Designer",
                                     "languages": "English", "tags": "rust" if n < 3 else ""}
                                    for n in range(start, min(many, start + 2000))]).execute()
        db.execute_sql("ANALYZE talent_fit")
        counts = pool_fit_pg.doc_counts(db, ["english", "data", "engineer", "rust", "cobol"], pool_fit_pg.PROFILE_STATS)
        assert counts["english"] == many and counts["data"] == counts["engineer"] == 105
        assert counts["cobol"] == 1  # not among the words listed: few rows, if any
        assert pool_fit.chosen(["data", "engineer"], ["data", "engineer", "english", "rust"], counts) == (
            ["data", "engineer"], ["data", "engineer", "rust"])
        fits = pool_fit.profile_fit(db, ["data", "engineer"], ["data", "engineer", "english", "rust"], 500)
        ids = {t.id for t in Talent.select(Talent.id).where((Talent.headline == "Data engineer") | (Talent.tags == "rust"))}
        assert {talent for talent, _fit in fits} == ids  # not the 400 English speakers
    finally:
        db.close()


def test_a_query_run_again_is_planned_for_its_own_words_on_postgresql(pg_database):
    """psycopg prepares a query run five times; the server would then plan
    it once for any words, and Pool matches read every talent's vector (a
    mission of the 100k benchmark: 160 ms for 30).  Each run gets its own plan."""
    from sourcer_tui.db import pool_fit
    from sourcer_tui.db.models import Talent

    db = open_database(pg_database)
    try:
        with db.atomic():
            Talent.insert_many([{"name": f"T{n}", "headline": ["Data engineer", "Designer", "Go developer"][n % 3]}
                                for n in range(900)]).execute()
        db.execute_sql("ANALYZE talent")
        for words in (["data"], ["designer"], ["go"]) * 4:
            assert len(pool_fit.profile_fit(db, [], words, 1000)) == 300
        custom, generic = db.execute_sql(
            "SELECT SUM(custom_plans), SUM(generic_plans) FROM pg_prepared_statements WHERE statement LIKE ?", ("%ts_rank%",)).fetchone()
        assert (custom, generic) == (7, 0)  # prepared from the sixth run on, each planned for its words
    finally:
        db.close()


def test_the_profile_vectors_follow_every_write_of_a_talent_on_postgresql(pg_database):
    """``talent_fit`` (migration 0041) is kept by a trigger: created, edited, tagged
    in bulk, merged, anonymised, each talent's vector is the one a rebuild
    makes, and Pool matches find the profile's new words at once."""
    from sourcer_tui.db import pool_fit, pool_fit_pg
    from sourcer_tui.domain.vocab import DEFAULT_SOURCES, DEFAULT_STAGES
    from sourcer_tui.services import bulk, merge, privacy, talents

    def kept() -> list[tuple]:
        return db.execute_sql("SELECT talent_id, fit_tsv::text FROM talent_fit ORDER BY talent_id").fetchall()

    now = dt.datetime(2026, 12, 1, 9)
    db = open_database(pg_database)
    try:
        ids = [talents.create_talent({"name": name, "headline": headline, "tags": tags}, DEFAULT_SOURCES, now)
               for name, headline, tags in (("Ana", "Data engineer", "python"), ("Bea", "Designer", "figma"),
                                             ("Cid", "Développeur Go", ""), ("Dan", "Data engineer", "dbt"))]
        talents.update_talent(ids[1], {**talents.talent_form_data(talents.get_talent(ids[1])), "headline": "Kotlin developer"},
                              DEFAULT_SOURCES, now)
        bulk.tag(ids[2:], "rust", now)
        merge.merge_talents(ids[0], ids[3], {}, now, DEFAULT_STAGES)
        privacy.anonymise(ids[2], now)
        assert [talent for talent, _vector in kept()] == [ids[0], ids[1], ids[2]]  # the merged one's is gone
        assert {t for t, _fit in pool_fit.profile_fit(db, [], ["kotlin"], 10)} == {ids[1]}
        assert {t for t, _fit in pool_fit.profile_fit(db, [], ["rust"], 10)} == set()  # anonymised: its words gone
        assert {t for t, _fit in pool_fit.profile_fit(db, [], ["developpeur"], 10)} == set()
        before = kept()
        pool_fit_pg.rebuild(db)
        assert kept() == before
    finally:
        db.close()


def test_the_tag_filter_on_postgresql_reads_the_index_of_the_tags(pg_database):
    """Migration 0031: the talents holding a tag are found on the GIN index of
    their tags, lower-cased as ILIKE compares; the exact check still decides
    (``java`` is not ``javascript``)."""
    from sourcer_tui.db.models import Talent
    from sourcer_tui.domain.pipeline_filter import PipelineFilter
    from sourcer_tui.services.pipeline import POOL, Scope, groups

    db = open_database(pg_database)
    try:
        tags = ["java", "javascript", "python,java", "Java,rust", "rust,java,go", "", "go"]
        with db.atomic():
            Talent.insert_many([{"name": f"T{n}", "tags": tags[n % len(tags)]} for n in range(700)]).execute()
        db.execute_sql("ANALYZE talent")
        scope = Scope(POOL, filter=PipelineFilter(tag="java"), today=dt.date(2026, 12, 1))
        [group] = groups(scope, ())
        assert group.count == 400  # java, python,java, Java,rust, rust,java,go
        condition = scope.talent_filter(Talent.id)
        sql, params = Talent.select(Talent.id).where(condition).sql()
        with db.atomic():
            db.execute_sql("SET LOCAL enable_seqscan = off")  # a small table: the index if it can be used at all
            plan = "\n".join(row[0] for row in db.execute_sql(f"EXPLAIN {sql}", params).fetchall())
        assert "talent_tag_list" in plan
    finally:
        db.close()


def test_the_text_filters_on_postgresql_read_the_lowered_columns_in_the_covering_index(pg_database):
    """Migration 0040: "location", "language" and "notice" compare the lowered
    column kept in ``talent_filter_cover``, an index-only scan; ILIKE lowered
    every row's text again."""
    from sourcer_tui.db.models import Talent
    from sourcer_tui.domain.pipeline_filter import PipelineFilter
    from sourcer_tui.services.pipeline import POOL, Scope, groups

    db = open_database(pg_database)
    try:
        places = ["Paris", "PARIS 11e", "Lyon", "Île-de-France", "île-de-france"]
        with db.atomic():
            Talent.insert_many([{"name": f"T{n}", "location": places[n % 5], "languages": "English" if n % 2 else "français",
                                 "notice_period": "3 months"} for n in range(500)]).execute()
        db.execute_sql("VACUUM ANALYZE talent")
        for active, count in ((PipelineFilter(location="paris"), 200), (PipelineFilter(location="ÎLE-DE"), 200),
                              (PipelineFilter(language="english", notice="MONTH"), 250)):
            scope = Scope(POOL, filter=active, today=dt.date(2026, 12, 1))
            assert groups(scope, ())[0].count == count
            sql, params = Talent.select(fn.COUNT(SQL("*"))).where(scope.talent_filter(Talent.id)).sql()  # as the pool counts
            with db.atomic():
                db.execute_sql("SET LOCAL enable_seqscan = off")  # a small table: only the index's own rows, if it can
                db.execute_sql("SET LOCAL enable_bitmapscan = off")
                plan = "\n".join(row[0] for row in db.execute_sql(f"EXPLAIN {sql}", params).fetchall())
            assert "Index Only Scan using talent_filter_cover" in plan and "~~*" not in plan, plan
    finally:
        db.close()


def _index_definitions(pg_database, *names: str) -> dict[str, str]:
    """``CREATE INDEX`` statements of the indexes *names*, as the server holds them."""
    db = open_database(pg_database)
    try:
        return dict(db.execute_sql("SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY(%s)", (list(names),)).fetchall())
    finally:
        db.close()


def test_the_index_of_the_last_contact_holds_the_talents_id_on_postgresql(pg_database):
    """Migration 0032: what SQLite's rowid gives its index, so that the talents
    contacted since a day are joined to their candidacies on the index alone."""
    found = _index_definitions(pg_database, "talent_last_contact")
    assert found["talent_last_contact"].endswith("(last_contact_at, name_key) INCLUDE (id)")


def test_the_introduced_talents_have_an_index_of_their_own_on_postgresql(pg_database):
    """Migration 0033: the Stats' *by introducer* of one mission finds the mission's
    introduced talents on indexes alone."""
    found = _index_definitions(pg_database, "talent_introduced")
    assert found["talent_introduced"].endswith("(id) INCLUDE (introducer_id) WHERE (introducer_id IS NOT NULL)")


def test_the_indexes_of_today_hold_the_rows_id_on_postgresql(pg_database):
    """Migration 0035: as SQLite's rowid, so that Today's page and counts are read
    on the indexes alone."""
    found = _index_definitions(pg_database, "reminder_due_cover", "touchpoint_missing_feedback")
    assert found["reminder_due_cover"].endswith("(status, due, kind, talent_id, due_time) INCLUDE (id)")
    assert found["touchpoint_missing_feedback"].endswith("(happened_at) INCLUDE (id) WHERE (needs_feedback AND (feedback_at IS NULL))")
