"""Files and exports of older versions are made to follow the snooze rule
(services/snooze_repair.py, migration 0015, the JSON import).

One file holds every broken shape (tests/unit/old_files.py); the repair of the
service, the migration's own SQL and the import of its export are run on
copies of it and must give the same rows, exactly those below."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections import Counter

from sourcer_tui.db.database import open_database
from sourcer_tui.db.models import Reminder, Snooze, Talent, Touchpoint
from sourcer_tui.services import exchange, snooze_repair, snoozes

from .old_files import BROKEN, broken_file, later_columns, migration_module, rows

BASE = dt.date(2026, 11, 23)  # a Monday
NOW = dt.datetime(2026, 11, 23, 10, 30)
C = "2026-06-01 09:00:00"  # when the fixture's reminders were made
K4, K6 = "keep in touch every 4 months", "keep in touch every 6 months"

#: every snooze after the repair: (id, active, until, reason, woken_at)
SNOOZES = [
    (1, False, "2027-02-22", K4, "NOW"),  # 1: the reply ended it
    (2, True, "2027-05-03", K6, None),
    (3, False, "2026-11-18", "on leave", "NOW"),  # 3: its wake-up was skipped: over
    (4, True, "2027-01-13", "back from parental leave", None),
    (5, True, "2027-02-10", "keep in touch every 3 months", None),  # 5: lasts until the next call
    (6, True, "2026-12-09", "busy until December", None),  # 6: until its wake-up
    (7, False, "2026-10-01", "old", "2026-10-01 09:00:00"),
    (8, False, "2027-03-01", K6, "2026-10-14 09:00:00"),
    (9, True, "2027-02-20", "not now", None),
    (10, True, "2026-12-16", "travelling", None),
]
#: every reminder after the repair: (id, talent, snooze, kind, due, detail, status, done_at, paused_days, created_at)
REMINDERS = [
    (1, 1, None, "keep_in_touch", "2027-02-22", K4, "pending", None, None, C),  # 1: the call stays, untied
    (2, 2, 2, "keep_in_touch", "2027-05-03", K6, "pending", None, None, C),  # 2: the wake-up is the call now
    (3, 3, 3, "wake_up", "2026-11-18", "on leave", "skipped", "2026-11-18 09:00:00", None, C),
    (4, 3, None, "followup", "2026-11-21", "Follow-up 1/3", "pending", None, None, C),  # 3: resumed, never later than planned
    (5, 5, 5, "keep_in_touch", "2026-11-10", "keep in touch every 3 months", "done", "2026-11-10 14:00:00", None, C),
    (6, 6, 6, "wake_up", "2026-12-09", "busy until December", "pending", None, None, C),
    (7, 6, None, "followup", "2026-12-11", "Follow-up 2/3", "pending", None, 2, C),  # 6: two days after the new end
    (8, 8, None, "keep_in_touch", "2027-01-20", K4, "cancelled", "NOW", None, C),  # 8: the later of two calls
    (9, 8, None, "keep_in_touch", "2027-01-10", K4, "pending", None, None, C),
    (10, 9, 7, "wake_up", "2026-10-01", "old", "cancelled", "NOW", None, C),  # 9: the end of a snooze over
    (11, 9, None, "keep_in_touch", "2027-03-01", K6, "pending", None, None, C),  # 9: a call stays, untied
    (12, 10, 9, "wake_up", "2027-02-20", "not now", "pending", None, None, C),
    (13, 11, 10, "wake_up", "2026-12-16", "travelling", "pending", None, None, C),
    (14, 11, None, "followup", "2026-12-20", "Follow-up 1/3", "pending", None, 4, C),
    (15, 11, None, "followup", "2026-11-30", "Follow-up 2/3", "pending", None, None, C),  # 11: rescheduled: left alone
    (16, 4, 4, "wake_up", "2027-01-13", "back from parental leave", "pending", None, None, "NOW"),  # 4: its end, planned
    # 5: the next call, 3 months after the last contact (Wed 10 Nov)
    (17, 5, 5, "keep_in_touch", "2027-02-10", "keep in touch every 3 months", "pending", None, None, "NOW"),
    # 7: 2 months after the last contact (Mon 16 Nov; the note is not one): Sat 16 Jan -> Mon 18
    (18, 7, None, "keep_in_touch", "2027-01-18", "keep in touch every 2 months", "pending", None, None, "NOW"),
]


def _invariants() -> list[str]:
    """What breaks the snooze rule in the open database (the workflow model's invariants)."""
    problems = []
    active = list(Snooze.select().where(Snooze.active == True).order_by(Snooze.id))  # noqa: E712
    if any(n > 1 for n in Counter(s.talent_id for s in active).values()):
        problems.append("a talent with two active snoozes")
    for snooze in active:
        kind = "keep_in_touch" if snooze.kind == "keep_in_touch" else "wake_up"
        ends = list(Reminder.select().where((Reminder.snooze == snooze.id) & (Reminder.status == "pending")))
        if [(r.kind, r.due) for r in ends] != [(kind, snooze.until)]:
            problems.append(f"snooze {snooze.id}: ends {[(r.kind, r.due) for r in ends]}")
        replied = [t.happened_at.date() for t in Touchpoint.select().where(
            (Touchpoint.talent == snooze.talent_id) & Touchpoint.kind.in_(sorted(snoozes.WAKING_KINDS)))]
        if any(day > snooze.created_at.date() for day in replied):
            problems.append(f"snooze {snooze.id} outlived a reply")
    strays = Reminder.select().where((Reminder.status == "pending") & Reminder.snooze.is_null(False)
                                     & Reminder.snooze.not_in(Snooze.select(Snooze.id).where(Snooze.active == True))).order_by(Reminder.id)  # noqa: E712
    problems += [f"reminder {r.id} ends a snooze that is over" for r in strays]
    calls = Counter(r.talent_id for r in Reminder.select().where((Reminder.kind == "keep_in_touch") & (Reminder.status == "pending")))
    for talent in Talent.select().where(Talent.keep_in_touch_months.is_null(False)).order_by(Talent.id):
        if calls[talent.id] != 1:
            problems.append(f"talent {talent.id} kept in touch with {calls[talent.id]} calls")
    return problems


def test_the_fixture_breaks_the_rule_in_every_way_it_says(tmp_path):
    db = later_columns(open_database(broken_file(tmp_path / "old.db", BASE), run_migrations=False))
    try:
        assert _invariants() == [
            "snooze 1 outlived a reply",
            "snooze 2: ends [('wake_up', datetime.date(2027, 5, 3))]",
            "snooze 3: ends []",
            "snooze 4: ends []",
            "snooze 5: ends []",
            "snooze 6: ends [('wake_up', datetime.date(2026, 12, 9))]",
            "reminder 10 ends a snooze that is over",
            "reminder 11 ends a snooze that is over",
            "talent 2 kept in touch with 0 calls",
            "talent 5 kept in touch with 0 calls",
            "talent 7 kept in touch with 0 calls",
            "talent 8 kept in touch with 2 calls",
        ]  # every shape but the two kept ones (10, 11)
        assert set(BROKEN) == {t.id for t in Talent.select()}
    finally:
        db.close()


def test_the_service_repairs_every_shape_exactly_and_only_once(tmp_path):
    db = later_columns(open_database(broken_file(tmp_path / "old.db", BASE), run_migrations=False))
    try:
        done = snooze_repair.repair(NOW)
        assert done == {"ended by a reply": 1, "woken": 1, "stray wake-ups": 1, "calls untied": 1, "ends made calls": 1,
                        "ends planned": 2, "snoozes moved to their end": 1, "calls planned": 1, "calls cancelled": 1}
        assert rows(db, NOW) == (SNOOZES, REMINDERS)
        assert _invariants() == []
        assert snooze_repair.repair(NOW + dt.timedelta(days=1)) == {}  # nothing left to do, a day later too
        assert rows(db, NOW) == (SNOOZES, REMINDERS)
    finally:
        db.close()


def test_migration_0015_repairs_as_the_service_does(tmp_path):
    import peewee

    path = broken_file(tmp_path / "old.db", BASE)
    raw = peewee.SqliteDatabase(str(path), pragmas={"foreign_keys": 1})
    try:
        with raw.atomic():
            migration_module().repair(raw, NOW)
        assert rows(raw, NOW) == (SNOOZES, REMINDERS)
        migration_module().repair(raw, NOW + dt.timedelta(days=1))
        assert rows(raw, NOW) == (SNOOZES, REMINDERS)  # idempotent
    finally:
        raw.close()


def test_opening_an_older_file_runs_migration_0015(tmp_path):
    """The real start: the machine's clock; both files built from today, so that what
    is planned lands where the service plans it on the same day."""
    start = dt.datetime.now().replace(microsecond=0)
    migrated = open_database(broken_file(tmp_path / "old.db", start.date()))
    try:
        end = dt.datetime.now().replace(microsecond=0)
        stamped = {r[-1] for r in rows(migrated)[1]} | {r[4] for r in rows(migrated)[0]}
        now = next(dt.datetime.fromisoformat(s) for s in stamped if s and start <= dt.datetime.fromisoformat(s) <= end)
        opened = rows(migrated, now)
        assert _invariants() == []
    finally:
        migrated.close()
    db = later_columns(open_database(broken_file(tmp_path / "copy.db", start.date()), run_migrations=False))
    try:
        snooze_repair.repair(now)
        assert opened == rows(db, now)
    finally:
        db.close()


def _export(tmp_path, strip: dict[str, tuple[str, ...]] | None = None):
    """The broken file's JSON export (as a version without the columns in *strip* wrote it)."""
    db = later_columns(open_database(broken_file(tmp_path / "old.db", BASE), run_migrations=False))
    try:
        out = tmp_path / "old.json"
        exchange.export_json(out, now=NOW)
    finally:
        db.close()
    if strip:
        document = json.loads(out.read_text(encoding="utf-8"))
        for key, columns in strip.items():
            for row in document[key]:
                for column in columns:
                    del row[column]
        out.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return out


def test_importing_an_export_of_a_broken_file_repairs_it_as_the_migration_does(tmp_path):
    exported = _export(tmp_path)
    db = open_database(tmp_path / "new.db")
    try:
        counts = exchange.import_json(exported, NOW)
        assert counts["reminders"] == 15 and counts["snoozes"] == 10  # the rows of the file, as they were
        assert rows(db, NOW) == (SNOOZES, REMINDERS)
        assert _invariants() == []
    finally:
        db.close()


def test_an_export_made_before_snoozes_paused_the_cadence_is_paused_on_import(tmp_path):
    """An export of a version before migration 0012: no ``paused_days`` (nor the
    columns of 0013).  A snoozed talent's follow-ups were hidden, not paused: they
    are paused as 0012 paused them, counting from the snooze's start."""
    exported = _export(tmp_path, {"reminders": ("paused_days", "claimed_by", "claimed_at"), "touchpoints": ("version",)})
    document = json.loads(exported.read_text(encoding="utf-8"))
    # the follow-ups as the old version left them: due when planned, hidden by the snooze
    planned = {4: "2026-09-04", 7: "2026-11-04", 14: "2026-11-20"}  # 3, 2 and 4 days after their snooze began
    for row in document["reminders"]:
        row["due"] = planned.get(row["id"], row["due"])
    exported.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    db = open_database(tmp_path / "new.db")
    try:
        exchange.import_json(exported, NOW)
        # paused, then resumed where the snooze ended (3), moved with its end (6):
        # the rows a file gets from migrations 0012 and 0015; and 11's second
        # follow-up, never paused by the old version, is paused too (14 days left)
        expected = {r[0]: r for r in REMINDERS}
        expected[15] = (15, 11, None, "followup", "2026-12-30", "Follow-up 2/3", "pending", None, 14, C)
        assert rows(db, NOW) == (SNOOZES, [expected[i] for i in sorted(expected)])
        assert _invariants() == []
    finally:
        db.close()
