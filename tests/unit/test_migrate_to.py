"""``migrate-to``: every row and every derived figure moved into an empty database, or nothing."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest

from sourcer_tui.cli import main
from sourcer_tui.cli.move import progress_bar

#: Tables derived from others (db/derived.py): rebuilt by the target, compared row by row.
DERIVED = {
    "candidacy_count": "mission_id, stage, n",
    "initial_count": "letter, mission_id, stage, n",
    "talent_initial": "letter, talent_id",
    "outreach_summary": "*",
    "talent": "id, name_key, last_contact_at, candidacy_stages, introducer_id",
}


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo(tmp_path, capsys):
    path = tmp_path / "demo.db"
    assert _run(capsys, "demo-data", "--db", str(path))[0] == 0
    return path


def _rows(path, table: str, columns: str) -> list[tuple]:
    with sqlite3.connect(path) as con:
        return sorted(con.execute(f"SELECT {columns} FROM {table}").fetchall(), key=repr)


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_row_and_figure_moves_to_a_new_file(demo, tmp_path, capsys):
    target = tmp_path / "moved.db"
    before = _digest(demo)
    code, out, err = _run(capsys, "migrate-to", str(target), "--db", str(demo))
    assert code == 0, err
    assert "150 talents" in out and "618 touchpoints" in out and "7 introducers" in out and "the source is unchanged" in out
    assert err.splitlines()[-1].startswith("[####################] 100 %")
    assert _digest(demo) == before
    for table in ("mission", "talent", "introducer", "candidacy", "touchpoint", "snooze", "reminder", "template",
                  "grid_criterion", "grid_score", "recognition", "meta"):
        assert _rows(target, table, "*") == _rows(demo, table, "*"), table
    for table, columns in DERIVED.items():
        assert _rows(target, table, columns) == _rows(demo, table, columns), table
    for command in (["today", "--json", "--date", "2026-12-01"], ["stats", "--json"], ["rediscover", "--mission", "1", "--json"]):
        assert _run(capsys, *command, "--db", str(target))[1] == _run(capsys, *command, "--db", str(demo))[1], command
    # the search index too: a name prefix, accents folded, finds the same talents
    with sqlite3.connect(demo) as con:
        name = con.execute("SELECT name FROM talent WHERE introducer_id IS NOT NULL ORDER BY id LIMIT 1").fetchone()[0]
    assert _rows(target, "talent_fts", "rowid") == _rows(demo, "talent_fts", "rowid")
    assert name  # an introduced talent kept its introducer (compared in DERIVED["talent"])


def test_the_json_export_of_the_copy_is_the_same(demo, tmp_path, capsys):
    target = tmp_path / "moved.db"
    assert _run(capsys, "migrate-to", str(target), "--db", str(demo))[0] == 0
    assert _run(capsys, "export", "--format", "json", "--db", str(demo), str(tmp_path / "a.json"))[0] == 0
    assert _run(capsys, "export", "--format", "json", "--db", str(target), str(tmp_path / "b.json"))[0] == 0
    a, b = (json.loads((tmp_path / name).read_text()) for name in ("a.json", "b.json"))
    a.pop("exported_at", None), b.pop("exported_at", None)
    assert a == b


def test_a_target_holding_data_is_refused_untouched(demo, tmp_path, capsys):
    other = tmp_path / "other.db"
    assert _run(capsys, "demo-data", "--db", str(other))[0] == 0
    before = _digest(other)
    code, out, err = _run(capsys, "migrate-to", str(other), "--db", str(demo))
    assert code == 2
    assert err.strip() == f"sourcer-tui: error: {other}: already holds data; migrate-to only fills a new, empty database (nothing written)"
    assert _digest(other) == before


def test_a_target_only_opened_once_is_still_new(demo, tmp_path, capsys):
    """A teammate opened the new database to check the connection: their sign-in is
    not data; the move goes on and keeps it."""
    from sourcer_tui.config import ProfileSettings, Settings
    from sourcer_tui.db.database import open_database
    from sourcer_tui.services import team

    target = tmp_path / "new.db"
    db = open_database(target)
    team.sign_in(Settings(profile=ProfileSettings(name="Camille", login="camille")), db)
    db.close()
    code, out, err = _run(capsys, "migrate-to", str(target), "--db", str(demo))
    assert code == 0, err
    assert _rows(target, "talent", "id, name") == _rows(demo, "talent", "id, name")
    assert ("camille", "Camille") in _rows(target, "teammate", "login, name")


def test_the_source_itself_is_refused(demo, capsys):
    before = _digest(demo)
    code, _out, err = _run(capsys, "migrate-to", str(demo), "--db", str(demo))
    assert code == 2 and err.strip() == f"sourcer-tui: error: {demo}: is the database being copied"
    assert _digest(demo) == before


def test_a_failure_half_way_leaves_the_target_empty(demo, tmp_path, capsys):
    """One transaction: the target refuses the 300th touchpoint, and holds no row at all."""
    target = tmp_path / "half.db"
    from sourcer_tui.db.database import open_database

    open_database(target).close()
    with sqlite3.connect(target) as con:
        con.execute("CREATE TRIGGER boom BEFORE INSERT ON touchpoint WHEN NEW.id = 300 BEGIN SELECT RAISE(ABORT, 'disk says no'); END")
    code, _out, err = _run(capsys, "migrate-to", str(target), "--db", str(demo))
    assert code == 2 and "disk says no" in err
    with sqlite3.connect(target) as con:
        assert [con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("mission", "talent", "touchpoint")] == [0, 0, 0]
        # and the derived tables' triggers are back in place
        assert con.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'talent_fts_insert'").fetchone()[0] == 1


def test_new_rows_in_the_copy_get_new_ids(demo, tmp_path, capsys):
    target = tmp_path / "moved.db"
    assert _run(capsys, "migrate-to", str(target), "--db", str(demo))[0] == 0
    from sourcer_tui.db.database import open_database
    from sourcer_tui.db.models import Talent

    db = open_database(target)
    try:
        assert Talent.create(name="Nouvelle Personne").id == 151
    finally:
        db.close()


def test_every_table_is_copied_or_derived(tmp_path):
    """A table added later is either copied by migrate-to or rebuilt from the others."""
    from sourcer_tui.db.copy import TABLES
    from sourcer_tui.db.database import open_database

    db = open_database(tmp_path / "new.db")
    try:
        tables = {name for (name,) in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()}
    finally:
        db.close()
    derived = {"candidacy_count", "initial_count", "talent_initial", "outreach_summary", "schema_migration"}
    fts = {name for name in tables if name.startswith(("talent_fts", "feedback_fts"))}
    assert tables - fts - derived == {model._meta.table_name for model in TABLES} | {"meta"}


@pytest.mark.parametrize(("done", "total", "bar"), [
    (0, 10, "[--------------------]   0 %"),
    (1, 3, "[#######-------------]  33 %"),
    (10, 10, "[####################] 100 %"),
    (0, 0, "[####################] 100 %"),
])
def test_progress_bar(done, total, bar):
    assert progress_bar(done, total) == bar


# -- into either backend (tests/conftest.py: db_target is a new file or a fresh PostgreSQL database) --
def _export(capsys, where, out) -> dict:
    assert _run(capsys, "export", "--format", "json", "--db", str(where), str(out))[0] == 0
    data = json.loads(out.read_text())
    data.pop("exported_at")
    return data


def test_migrate_to_either_backend_gives_the_same_answers(demo, db_target, tmp_path, capsys):
    code, out, err = _run(capsys, "migrate-to", db_target, "--db", str(demo))
    assert code == 0, err
    assert "150 talents" in out and "618 touchpoints" in out
    for command in (["today", "--json", "--date", "2026-12-01"], ["stats", "--json"]):
        assert _run(capsys, *command, "--db", db_target)[1] == _run(capsys, *command, "--db", str(demo))[1], command
    original = _export(capsys, demo, tmp_path / "a.json")
    assert _export(capsys, db_target, tmp_path / "b.json") == original
    # a second run finds the target full, and writes nothing
    code, _out, err = _run(capsys, "migrate-to", db_target, "--db", str(demo))
    assert code == 2 and "already holds data" in err
    assert _export(capsys, db_target, tmp_path / "c.json") == original


def test_a_json_export_round_trips_through_either_backend(demo, db_target, tmp_path, capsys):
    """SQLite → JSON → the target → JSON: the same document; then back into a new file, the same again."""
    first = tmp_path / "first.json"
    original = _export(capsys, demo, first)
    assert _run(capsys, "import", str(first), "--db", db_target)[0] == 0
    through = _export(capsys, db_target, tmp_path / "through.json")
    assert through == original
    back = tmp_path / "back.db"
    assert _run(capsys, "import", str(tmp_path / "through.json"), "--db", str(back))[0] == 0
    assert _export(capsys, back, tmp_path / "back.json") == original
