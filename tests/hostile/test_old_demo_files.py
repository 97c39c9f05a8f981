"""Demo files made before the demo mark (migration 0013) mail nobody either.

Their generated addresses were at real domains (``zoe.martin@gmail.com``,
``...@octave.io``), and nothing in the file said it was a demo: ``send-due``
would mail them unless ``--demo`` was given.  A file at the demo path is a
demo file whatever opens it; a file elsewhere that holds the old demo
generators' missions and mostly their addresses is marked by migration 0015;
a file the sourcer filled with their own talents is not.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest

from sourcer_tui.db import meta
from sourcer_tui.db.database import close_database, open_database
from sourcer_tui.locations import demo_db_path
from sourcer_tui.demo import build_demo

from .files_helpers import give_away, home_env, in_child, unprivileged_dir

TODAY = dt.date(2026, 11, 23)
REFUSED = ('sourcer-tui: error: this is demo data: it sends mail only to a test server on this machine '
           '([smtp] host = "localhost"), never through smtp.example.org')


def _old_demo(path, *, real_share: float = 0.0, missions: bool = True, migrated: bool = False):
    """A demo as a version before migration 0013 left it: no mark, addresses at the
    old generator's domains (*real_share* of them at a domain of the sourcer's own),
    at schema 0014 (unless *migrated*)."""
    db = open_database(path)
    build_demo(db, TODAY)
    db.execute_sql("DELETE FROM meta")
    db.execute_sql("UPDATE talent SET email = substr(email, 1, instr(email, '@')) || "
                   "CASE WHEN id % 3 = 0 THEN 'octave.io' ELSE 'gmail.com' END WHERE email != ''")
    if real_share:
        emails = [i for (i,) in db.execute_sql("SELECT id FROM talent WHERE email != '' ORDER BY id").fetchall()]
        for talent_id in emails[:int(len(emails) * real_share)]:
            db.execute_sql("UPDATE talent SET email = 'someone' || id || '@cabinet-durand.fr' WHERE id = ?", (talent_id,))
    if not missions:
        db.execute_sql("UPDATE mission SET client = 'Client ' || id")
    if not migrated:
        db.execute_sql("DELETE FROM schema_migration WHERE name LIKE '0015%'")
    close_database(db)
    return path


def _config(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[smtp]\nhost = "smtp.example.org"\nport = 587\nusername = "me"\nfrom_address = "me@example.org"\n'
                    'security = "starttls"\n', encoding="utf-8")
    return path


def _run(*args, env):
    return subprocess.run([sys.executable, "-m", "sourcer_tui", *args], capture_output=True, text=True, env=env, timeout=60)


def _is_demo(path) -> bool:
    db = open_database(path)
    try:
        return meta.is_demo()
    finally:
        close_database(db)


@pytest.mark.parametrize("how", ["--db", "SOURCER_TUI_DB"])
def test_an_old_demo_at_the_demo_path_mails_nobody_whatever_opens_it(tmp_path, how):
    path = demo_db_path()
    path.parent.mkdir(parents=True)
    _old_demo(path, real_share=0.9, missions=False, migrated=True)  # nothing in it says demo
    env = {**os.environ, "SOURCER_TUI_SMTP_PASSWORD": "x", "SOURCER_TUI_CONFIG": str(_config(tmp_path))}
    args = ("--db", str(path)) if how == "--db" else ()
    if how == "SOURCER_TUI_DB":
        env["SOURCER_TUI_DB"] = str(path)
    result = _run("send-due", *args, "--yes", env=env)
    assert (result.returncode, result.stdout, result.stderr.strip().splitlines()) == (2, "", [REFUSED])
    assert _is_demo(path)


def test_migration_0015_marks_an_old_demo_file_anywhere(tmp_path):
    path = _old_demo(tmp_path / "copy-of-the-demo.db")
    assert _is_demo(path)
    env = {**os.environ, "SOURCER_TUI_SMTP_PASSWORD": "x", "SOURCER_TUI_CONFIG": str(_config(tmp_path))}
    result = _run("send-due", "--db", str(path), "--yes", env=env)
    assert (result.returncode, result.stderr.strip().splitlines()) == (2, [REFUSED])


@pytest.mark.parametrize("shape", ["mostly real addresses", "other missions"])
def test_migration_0015_leaves_a_sourcers_own_file_unmarked(tmp_path, shape):
    """The demo's missions with mostly the sourcer's own talents, or old demo
    addresses without the demo's missions: not demo data (their mail goes out)."""
    if shape == "mostly real addresses":
        path = _old_demo(tmp_path / "mine.db", real_share=0.6)
    else:
        path = _old_demo(tmp_path / "mine.db", missions=False)
    assert not _is_demo(path)


def test_a_read_only_old_demo_opens_by_its_path_and_with_demo():
    """Marking needs a write: a read-only file stays unmarked, and opens all the
    same (nothing can be sent from it: each email is claimed first, a write)."""
    with unprivileged_dir() as folder:
        env = home_env(folder)
        path = folder / "data" / "sourcer-tui" / "demo.db"
        path.parent.mkdir(parents=True)
        _old_demo(path, migrated=True)
        for item in (folder / "data", path.parent, *path.parent.iterdir()):
            give_away(item)
        path.chmod(0o400)
        for argv in (("--db", path, "today"), ("--demo", "today")):
            run = in_child(*argv, unprivileged=True, env=env)
            assert (run.code, "Traceback" in run.err) == (0, False), run
