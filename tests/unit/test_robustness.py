"""Two instances on one file, backups and restore, privacy of files at rest."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap

from sourcer_tui.cli import main
from sourcer_tui.db.database import open_database
from sourcer_tui.db.models import Candidacy, Mission, Talent, Touchpoint
from sourcer_tui.services.backup import backup_to, backups_of, daily_backup

WRITER = textwrap.dedent(
    """
    import datetime as dt, sys
    from sourcer_tui.config import Settings
    from sourcer_tui.db.database import open_database
    from sourcer_tui.services import touchpoints
    db = open_database(sys.argv[1])
    talent, candidacy, n = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    now = dt.datetime(2026, 11, 23, 9)
    for i in range(n):
        touchpoints.log_touchpoint(talent, candidacy, "note", now, Settings(), summary=f"{sys.argv[5]} {i}")
    print("done")
    """
)


def test_two_instances_write_at_the_same_time(tmp_path):
    path = tmp_path / "shared.db"
    open_database(path)
    mission = Mission.create(title="M")
    talent = Talent.create(name="Zoé")
    candidacy = Candidacy.create(talent=talent, mission=mission)
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(talent.id), str(candidacy.id), "200", name], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for name in ("first", "second")
    ]
    results = [w.communicate(timeout=120) for w in writers]
    for writer, (out, err) in zip(writers, results):
        assert writer.returncode == 0, err
        assert out.strip() == "done" and "locked" not in err
    summaries = {t.summary for t in Touchpoint.select()}
    assert len(summaries) == 400
    assert {f"first {i}" for i in range(200)} | {f"second {i}" for i in range(200)} == summaries


def _populate(path):
    db = open_database(path)
    mission = Mission.create(title="Backend")
    for i in range(30):
        talent = Talent.create(name=f"Talent {i}")
        candidacy = Candidacy.create(talent=talent, mission=mission)
        Touchpoint.create(talent=talent, candidacy=candidacy, kind="call", summary="x" * 500)
    return db


def test_backup_restore_round_trip(tmp_path):
    path = tmp_path / "data" / "sourcer.db"
    db = _populate(path)
    backup = backup_to(path, tmp_path / "copies" / "one.db")
    assert backup.stat().st_mode & 0o777 == 0o600
    assert backup.parent.stat().st_mode & 0o777 == 0o700
    Talent.create(name="after the backup")
    db.close()
    # restore: the app is closed, the backup is copied over the database file
    for suffix in ("", "-wal", "-shm"):
        (path.parent / (path.name + suffix)).unlink(missing_ok=True)
    path.write_bytes(backup.read_bytes())
    open_database(path)
    assert (Talent.select().count(), Touchpoint.select().count(), Mission.select().count()) == (30, 30, 1)


def test_daily_backup_once_a_day_keeping_the_last_n(tmp_path):
    path = tmp_path / "sourcer.db"
    _populate(path).close()
    folder = tmp_path / "backups"
    first = daily_backup(path, folder, keep=3, today=dt.date(2026, 11, 1))
    assert first is not None and first.name == "sourcer-2026-11-01.db"
    assert daily_backup(path, folder, keep=3, today=dt.date(2026, 11, 1)) is None  # once a day
    for day in range(2, 7):
        daily_backup(path, folder, keep=3, today=dt.date(2026, 11, day))
    assert [p.name for p in backups_of(path, folder)] == ["sourcer-2026-11-04.db", "sourcer-2026-11-05.db", "sourcer-2026-11-06.db"]
    assert not list(folder.glob("*.partial"))


def test_backup_command(tmp_path, capsys):
    path = tmp_path / "sourcer.db"
    _populate(path).close()
    target = tmp_path / "out" / "copy.db"
    assert main(["--db", str(path), "backup", str(target)]) == 0
    assert "backed up" in capsys.readouterr().out
    open_database(target)
    assert Talent.select().count() == 30
    assert main(["--db", str(path), "backup", str(path)]) == 2  # never over itself


def test_the_app_makes_its_daily_backup(tmp_path):
    import asyncio

    from sourcer_tui.app import make_app
    from sourcer_tui.clock import FixedClock
    from sourcer_tui.config import Settings

    from sourcer_tui.config import BackupSettings

    path = tmp_path / "sourcer.db"
    db = _populate(path)
    folder = tmp_path / "backups"
    folder.mkdir()
    for day in range(15, 20):  # five older days
        (folder / f"sourcer-2026-11-{day}.db").write_bytes(b"")

    async def run():
        app = make_app(Settings(backups=BackupSettings(keep=3)), db, FixedClock(dt.datetime(2026, 11, 23, 9)), backup_dir=folder)
        async with app.run_test(size=(160, 45)) as pilot:
            await pilot.app.workers.wait_for_complete()

    asyncio.run(run())
    kept = backups_of(path, folder)  # the settings' keep: today's and the two days before
    assert [p.name for p in kept] == ["sourcer-2026-11-18.db", "sourcer-2026-11-19.db", "sourcer-2026-11-23.db"]
    assert os.stat(kept[-1]).st_mode & 0o777 == 0o600 and kept[-1].stat().st_size > 0


def test_backup_command_without_a_path_writes_a_dated_copy_in_the_data_folder(tmp_path, capsys):
    from sourcer_tui.locations import backups_dir

    path = tmp_path / "sourcer.db"
    _populate(path).close()
    assert main(["--db", str(path), "backup"]) == 0
    [made] = backups_dir().glob("sourcer-????-??-??-??????.db")  # the isolated data folder (tests/conftest.py)
    assert str(made) in capsys.readouterr().out
    assert made.stat().st_mode & 0o777 == 0o600 and backups_dir().stat().st_mode & 0o777 == 0o700
    open_database(made)
    assert Talent.select().count() == 30


def test_a_read_in_a_worker_thread_can_be_stopped_from_another(db):
    """A search typed on interrupts the previous one's query; the next read works."""
    import threading

    from sourcer_tui.db.database import Interrupted, InterruptibleRead, WorkerConnections

    reads = InterruptibleRead(WorkerConnections(db))
    outcome: list[str] = []

    def slow_read() -> None:
        try:
            with reads.reading():
                db.execute_sql("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT COUNT(*) FROM n WHERE i < 1e12").fetchall()
            outcome.append("finished")
        except Interrupted:
            outcome.append("interrupted")

    worker = threading.Thread(target=slow_read, daemon=True)
    worker.start()
    for _ in range(1000):  # until the query has started and been stopped (at most ~10 s)
        reads.interrupt()
        worker.join(0.01)
        if not worker.is_alive():
            break
    assert outcome == ["interrupted"]
    with reads.reading():
        assert db.execute_sql("SELECT 1").fetchone() == (1,)
    reads.interrupt()  # nothing running: no effect, no error
