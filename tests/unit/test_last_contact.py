"""Issue 20 item 4, migration 0020: the talent's kept sort keys ``last_contact_at`` and
``name_key`` (db/talent_keys.py) — exact through every write, and what the filters read."""

from __future__ import annotations

import datetime as dt
import json

import peewee
import pytest

from sourcer_tui.config import Settings
from sourcer_tui.db import derived, talent_keys
from sourcer_tui.db.database import open_database
from sourcer_tui.db.folding import fold
from sourcer_tui.db.models import Talent, Touchpoint, database_proxy
from sourcer_tui.domain.pipeline_filter import PipelineFilter
from sourcer_tui.domain.vocab import DEFAULT_SOURCES, DEFAULT_STAGES
from sourcer_tui.services import exchange, merge, missions, pipeline, privacy, snoozes, talents, touchpoints
from sourcer_tui.services.pipeline import POOL, Scope

from .old_files import file_at, insert_talent

SETTINGS = Settings()
T0 = dt.datetime(2026, 11, 2, 9, 0)
NOW = dt.datetime(2026, 12, 1, 10, 0)
TODAY = NOW.date()


def _talent(name: str) -> int:
    return talents.create_talent({"name": name}, DEFAULT_SOURCES, T0)


def _text(at) -> str | None:
    """A timestamp as SQLite's text has it (PostgreSQL hands back a datetime)."""
    return at.isoformat(" ") if isinstance(at, dt.datetime) else at


def _keys(talent: int) -> tuple[str, str | None]:
    """The row as stored: (name_key, last_contact_at text)."""
    key, at = database_proxy.obj.execute_sql("SELECT name_key, last_contact_at FROM talent WHERE id = ?", (talent,)).fetchone()
    return key, _text(at)


def _recount(db) -> dict[int, tuple[str, str | None]]:
    """Every talent's keys computed afresh, in Python, from the names and touchpoints."""
    last: dict[int, str] = {}
    for talent, kind, at in db.execute_sql("SELECT talent_id, kind, happened_at FROM touchpoint").fetchall():
        if kind not in talent_keys.NOT_CONTACTS:
            last[talent] = max(last.get(talent, _text(at)), _text(at))
    return {tid: (fold(name), last.get(tid)) for tid, name in db.execute_sql("SELECT id, name FROM talent").fetchall()}


def _kept(db) -> dict[int, tuple[str, str | None]]:
    return {tid: (key, _text(at)) for tid, key, at in db.execute_sql("SELECT id, name_key, last_contact_at FROM talent").fetchall()}


def test_migration_0020_fills_the_keys_of_an_older_file(tmp_path):
    path = tmp_path / "old.db"
    old = file_at(path, "0019_legal_basis")
    stamp = "2025-01-02 10:00:00"
    for name in ("Zoé Martin", "Élodie Roux", "Œuvre Straße"):
        insert_talent(old, name, stamp)
    for talent, kind, at in ((1, "call", "2025-03-01 09:00:00"), (1, "note", "2025-04-01 09:00:00"), (1, "approach", "2025-02-01 09:00:00"),
                             (2, "note", "2025-05-01 09:00:00")):
        old.execute_sql("INSERT INTO touchpoint (talent_id, kind, channel, direction, happened_at, summary, needs_feedback, feedback_given, "
                        "impression, next_step, created_at, updated_at) VALUES (?, ?, 'email', 'out', ?, '', 0, '', '', '', ?, ?)",
                        (talent, kind, at, stamp, stamp))
    old.close()
    db = open_database(path)
    assert _kept(db) == {1: ("zoe martin", "2025-03-01 09:00:00"), 2: ("elodie roux", None), 3: ("oeuvre strasse", None)}
    indexes = {row[1] for row in db.execute_sql("PRAGMA index_list(talent)").fetchall()}
    assert {"talent_name_key", "talent_last_contact"} <= indexes
    # read on their indexes, not by scanning the talents
    plan = " ".join(r[3] for r in db.execute_sql(
        "EXPLAIN QUERY PLAN SELECT id FROM talent WHERE last_contact_at >= '2025-01-01' ORDER BY last_contact_at, name_key").fetchall())
    assert "talent_last_contact" in plan and "TEMP B-TREE" not in plan
    plan = " ".join(r[3] for r in db.execute_sql("EXPLAIN QUERY PLAN SELECT id FROM talent ORDER BY name_key, id").fetchall())
    assert "talent_name_key" in plan and "TEMP B-TREE" not in plan
    db.close()


def test_a_note_is_not_a_contact_and_each_change_of_a_touchpoint_counts(db):
    anna = _talent("Anna")
    assert _keys(anna) == ("anna", None)
    touchpoints.log_touchpoint(anna, None, "note", NOW, SETTINGS)
    assert _keys(anna) == ("anna", None)
    touchpoints.log_touchpoint(anna, None, "call", NOW - dt.timedelta(days=10), SETTINGS)
    call = Touchpoint.select(peewee.fn.MAX(Touchpoint.id)).scalar()
    assert _keys(anna) == ("anna", "2026-11-21 10:00:00")
    touchpoints.log_touchpoint(anna, None, "approach", NOW - dt.timedelta(days=20), SETTINGS)
    approach = Touchpoint.select(peewee.fn.MAX(Touchpoint.id)).scalar()
    assert _keys(anna) == ("anna", "2026-11-21 10:00:00")  # an older contact changes nothing
    # corrected: the call was earlier (the approach is now the last), then later but only a note
    touchpoints.update_touchpoint(call, kind="call", channel="phone", happened_at=NOW - dt.timedelta(days=30), summary="", now=NOW)
    assert _keys(anna) == ("anna", "2026-11-11 10:00:00")
    touchpoints.update_touchpoint(call, kind="note", channel="phone", happened_at=NOW - dt.timedelta(days=2), summary="", now=NOW)
    assert _keys(anna) == ("anna", "2026-11-11 10:00:00")
    touchpoints.update_touchpoint(call, kind="call", channel="phone", happened_at=NOW - dt.timedelta(days=2), summary="", now=NOW)
    assert _keys(anna) == ("anna", "2026-11-29 10:00:00")
    touchpoints.delete_touchpoint(call)
    assert _keys(anna) == ("anna", "2026-11-11 10:00:00")
    touchpoints.delete_touchpoint(approach)
    assert _keys(anna) == ("anna", None)
    # the keep-in-touch rule reads the same contacts
    assert snoozes._last_contact(anna) is None


def test_names_are_folded_on_create_rename_save_and_anonymise(db):
    who = _talent("Zoé Martin")
    assert _keys(who) == ("zoe martin", None)
    data = {**talents.talent_form_data(talents.get_talent(who)), "name": "Élodie  Œuvre"}
    talents.update_talent(who, data, DEFAULT_SOURCES, NOW)
    name = talents.get_talent(who).name
    assert _keys(who) == (fold(name), None) and fold(name).startswith("elodie")
    # a model saved with every column (stale copies of the keys) is corrected at once
    touchpoints.log_touchpoint(who, None, "call", NOW, SETTINGS)
    stale = Talent.get_by_id(who)
    stale.name_key, stale.last_contact_at = "zzz", None
    stale.save()
    assert _keys(who) == (fold(name), "2026-12-01 10:00:00")
    Talent.update(name_key="x", last_contact_at=dt.datetime(2000, 1, 1)).where(Talent.id == who).execute()
    assert _keys(who) == (fold(name), "2026-12-01 10:00:00")
    privacy.anonymise(who, NOW)
    assert _keys(who) == ("anonymised talent #%d" % who, "2026-12-01 10:00:00")  # the contacts stay, blanked


def test_merge_erase_and_bulk_load_keep_the_keys(db):
    first, second, third = _talent("Ana"), _talent("Bea"), _talent("Cid")
    touchpoints.log_touchpoint(first, None, "call", NOW - dt.timedelta(days=9), SETTINGS)
    touchpoints.log_touchpoint(second, None, "approach", NOW - dt.timedelta(days=2), SETTINGS)
    touchpoints.log_touchpoint(third, None, "call", NOW - dt.timedelta(days=1), SETTINGS)
    merge.merge_talents(first, second, {}, NOW, DEFAULT_STAGES)
    assert _keys(first) == ("ana", "2026-11-29 10:00:00")  # the other's touchpoints came with them
    privacy.erase(third, NOW)
    assert _kept(db) == _recount(db) == {first: ("ana", "2026-11-29 10:00:00")}
    # a bulk load: triggers dropped, rows written stale, everything rebuilt once
    with db.atomic(), derived.triggers_suspended(db):
        dede = Talent.insert(name="Dédé", name_key="", created_at=T0, updated_at=T0).execute()
        Touchpoint.insert(talent=dede, kind="call", channel="phone", direction="out", happened_at=dt.datetime(2026, 11, 30, 8, 0),
                          created_at=T0, updated_at=T0).execute()
        db.execute_sql("UPDATE talent SET last_contact_at = NULL, name_key = 'stale'")
    assert _kept(db) == _recount(db) == {first: ("ana", "2026-11-29 10:00:00"), dede: ("dede", "2026-11-30 08:00:00")}


def test_json_export_leaves_the_keys_out_and_import_recomputes_them(db, tmp_path):
    who = _talent("Émile Zola")
    touchpoints.log_touchpoint(who, None, "interview", NOW - dt.timedelta(days=5), SETTINGS)
    touchpoints.log_touchpoint(who, None, "note", NOW, SETTINGS)
    _talent("Adam")
    out = tmp_path / "all.json"
    exchange.export_json(out, now=NOW)
    document = json.loads(out.read_text(encoding="utf-8"))
    assert not set(talent_keys.COLUMNS) & set(document["talents"][0])
    assert set(talent_keys.COLUMNS).isdisjoint(privacy.export_person(who)["profile"])
    expected = _kept(db)
    assert expected == _recount(db) == {who: ("emile zola", "2026-11-26 10:00:00"), who + 1: ("adam", None)}
    db.close()
    fresh = open_database(tmp_path / "fresh.db")
    exchange.import_json(out, NOW)
    assert _kept(fresh) == expected
    fresh.close()


@pytest.fixture
def pool(db):
    """Four talents: contacted 3 and 40 days ago, a note only, never."""
    mission = missions.create_mission({"title": "Java"}, T0)
    ids = {name: _talent(name) for name in ("Élodie Roux", "Emile Blanc", "Zoé Martin", "adam Noir")}
    pipeline.add_to_mission(ids["Emile Blanc"], mission, T0, "sourced")
    pipeline.add_to_mission(ids["Zoé Martin"], mission, T0, "sourced")
    touchpoints.log_touchpoint(ids["Élodie Roux"], None, "call", NOW - dt.timedelta(days=3), SETTINGS)
    touchpoints.log_touchpoint(ids["Emile Blanc"], None, "approach", NOW - dt.timedelta(days=40), SETTINGS)
    touchpoints.log_touchpoint(ids["Zoé Martin"], None, "note", NOW - dt.timedelta(days=1), SETTINGS)
    return mission


def _names(mission, active=None, sort=""):
    scope = Scope(mission, "", active, sort, TODAY)
    groups = [g for g in pipeline.groups(scope, DEFAULT_STAGES) if g.count]
    found = []
    for group in groups:
        rows = pipeline.fetch_rows(scope, group.key, 0, 50)
        assert len(rows) == group.count
        found += [row.name for row in rows]
    return found


def test_the_filters_and_orders_read_the_kept_keys(pool):
    assert _names(POOL, PipelineFilter(quiet_days=30)) == ["adam Noir", "Emile Blanc", "Zoé Martin"]
    assert _names(POOL, PipelineFilter(quiet_days=41)) == ["adam Noir", "Zoé Martin"]
    assert _names(POOL, PipelineFilter(recent_days=7)) == ["Élodie Roux"]
    assert _names(POOL, PipelineFilter(recent_days=40)) == ["Élodie Roux", "Emile Blanc"]
    assert _names(POOL, sort="name") == _names(POOL) == ["adam Noir", "Élodie Roux", "Emile Blanc", "Zoé Martin"]  # the usual order
    # never contacted first (by folded name), then the longest without contact
    assert _names(POOL, sort="contact") == ["adam Noir", "Zoé Martin", "Emile Blanc", "Élodie Roux"]
    assert _names(pool, PipelineFilter(quiet_days=30), sort="contact") == ["Zoé Martin", "Emile Blanc"]
    assert _names(pool, PipelineFilter(recent_days=60), sort="name") == ["Emile Blanc"]
    assert _names(pool, sort="contact") == ["Zoé Martin", "Emile Blanc"]
