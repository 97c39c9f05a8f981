"""Undo (services/undo.py): the rows of a change put back exactly, the derived
tables equal to a recount, several steps deep, refused after an outside write."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sourcer_tui.config import Settings
from sourcer_tui.db import derived
from sourcer_tui.db.database import open_database
from sourcer_tui.db.dialect import keeps_derived
from sourcer_tui.db.models import ALL_MODELS, Candidacy, Reminder, Talent, Template
from sourcer_tui.services import missions, pipeline, reminders, snoozes, talents, templates, touchpoints
from sourcer_tui.services.errors import ServiceError
from sourcer_tui.services.undo import Stale, columns, recorded, snapshot, undo

SETTINGS = Settings()
MON = dt.datetime(2026, 11, 23, 9, 0)
LATER = dt.datetime(2026, 11, 30, 9, 0)


def source_rows(db) -> dict:
    """Every row of every table the app writes, by table (all columns, in id order),
    but the versions: an undo is one more change, counted (db/row_versions.py)."""
    def columns(model) -> str:
        return ", ".join(f.column_name for f in model._meta.sorted_fields if f.name != "version")

    return {m._meta.table_name: db.execute_sql(f"SELECT {columns(m)} FROM {m._meta.table_name} ORDER BY id").fetchall() for m in ALL_MODELS}


def derived_rows(db) -> dict:
    """The derived tables as they are (a count left at 0 is no count)."""
    if not keeps_derived(db):  # PostgreSQL: the tables it keeps, and the talent's columns
        return {
            "candidacy_count": sorted(db.execute_sql("SELECT * FROM candidacy_count WHERE n != 0").fetchall()),
            "talent_initial": sorted(db.execute_sql("SELECT * FROM talent_initial").fetchall()),
            "initial_count": sorted(db.execute_sql("SELECT * FROM initial_count WHERE n != 0").fetchall()),
            "outreach_summary": sorted(db.execute_sql("SELECT * FROM outreach_summary").fetchall(), key=repr),
            "talent": db.execute_sql("SELECT id, name_key, last_contact_at, candidacy_stages FROM talent ORDER BY id").fetchall(),
            "talent_fit": db.execute_sql("SELECT talent_id, fit_tsv::text FROM talent_fit ORDER BY talent_id").fetchall(),
        }
    return {
        "candidacy_count": sorted(db.execute_sql("SELECT * FROM candidacy_count WHERE n != 0").fetchall()),
        "talent_initial": sorted(db.execute_sql("SELECT * FROM talent_initial").fetchall()),
        "initial_count": sorted(db.execute_sql("SELECT * FROM initial_count WHERE n != 0").fetchall()),
        "outreach_summary": sorted(db.execute_sql("SELECT * FROM outreach_summary").fetchall(), key=repr),
    }


def assert_derived_exact(db) -> None:
    """The derived tables equal a recount from scratch, and the search index its talents."""
    if keeps_derived(db):
        db.execute_sql("INSERT INTO talent_fts(talent_fts, rank) VALUES ('integrity-check', 1)")  # raises when the index strays
    kept = derived_rows(db)
    derived.rebuild_all(db)
    assert kept == derived_rows(db)


def _world():
    """Two talents in a mission, one contacted (follow-ups planned), one with a next step."""
    mission = missions.create_mission({"title": "Backend"}, MON)
    zoe = talents.create_talent({"name": "Zoé Martin", "tags": "python"}, ["other"], MON)
    eli = talents.create_talent({"name": "Élodie Durand"}, ["other"], MON)
    zoe_c = pipeline.add_to_mission(zoe, mission, MON)
    eli_c = pipeline.add_to_mission(eli, mission, MON)
    touchpoints.log_touchpoint(zoe, zoe_c, "approach", MON, SETTINGS)
    call = touchpoints.log_touchpoint(eli, eli_c, "call", MON, SETTINGS)
    touchpoints.save_feedback(call, {"feedback_given": "ok", "next_step": "send the brief", "next_step_due": "+1d"}, MON)
    return mission, zoe, zoe_c, eli, eli_c


def _followup(talent):
    return Reminder.get((Reminder.talent == talent) & (Reminder.kind == "followup") & (Reminder.status == "pending")).id


def test_a_stage_move_undone_gives_back_exactly_the_rows_before(db):
    _mission, zoe, zoe_c, _eli, _eli_c = _world()
    before = source_rows(db)
    assert Candidacy.get_by_id(zoe_c).stage == "approached"  # the first message moved her
    with recorded("moved Zoé Martin to offer", [zoe]) as step:
        pipeline.move_stage(zoe_c, "offer", LATER)
    assert Candidacy.get_by_id(zoe_c).stage == "offer"
    undo(step)
    assert source_rows(db) == before
    assert Candidacy.get_by_id(zoe_c).stage == "approached"
    assert_derived_exact(db)


def test_done_undone_deletes_what_it_created_and_puts_back_what_it_closed(db):
    _mission, zoe, zoe_c, _eli, _eli_c = _world()
    before = source_rows(db)
    followup = _followup(zoe)
    with recorded("marked sent", [zoe]) as step:
        reminders.complete(followup, LATER, SETTINGS, message="Bonjour Zoé")
    assert Reminder.get_by_id(followup).status == "done"
    assert len(step.after["touchpoint"]) == len(step.before["touchpoint"]) + 1  # the follow-up logged as sent
    undo(step)
    assert source_rows(db) == before
    assert Reminder.get_by_id(followup).status == "pending"
    assert_derived_exact(db)


def test_a_closing_with_its_reason_undone(db):
    _mission, zoe, zoe_c, _eli, _eli_c = _world()
    before = source_rows(db)
    reasons = SETTINGS.talent.closing_reasons("declined")
    with recorded("moved Zoé Martin to declined", [zoe]) as step:
        touchpoints.close_candidacy(zoe_c, "declined", {"reason": reasons[0], "detail": "trop loin"}, reasons, LATER)
    assert Candidacy.get_by_id(zoe_c).stage == "declined"
    undo(step)
    assert source_rows(db) == before
    assert_derived_exact(db)


def test_several_steps_deep_each_undo_goes_back_one_step(db):
    _mission, zoe, zoe_c, eli, eli_c = _world()
    states = [source_rows(db)]
    steps = []
    with recorded("1", [zoe]) as step:
        pipeline.move_stage(zoe_c, "approached", LATER)
    steps.append(step)
    states.append(source_rows(db))
    with recorded("2", [zoe]) as step:
        snoozes.snooze_talent(zoe, dt.date(2027, 3, 1), "not now", LATER, candidacy_id=zoe_c, skip_weekends=True)
    steps.append(step)
    states.append(source_rows(db))
    with recorded("3", [eli]) as step:
        reminders.skip(Reminder.get((Reminder.talent == eli) & (Reminder.kind == "next_step")).id, LATER, SETTINGS)
    steps.append(step)
    states.append(source_rows(db))
    with recorded("4", [zoe]) as step:
        snoozes.wake(snoozes.active_snooze(zoe).id, LATER + dt.timedelta(days=1))
    steps.append(step)
    for step in reversed(steps):
        undo(step)
        assert source_rows(db) == states.pop()
        assert_derived_exact(db)
    assert states == []


def test_refused_when_another_window_changed_the_talent_since(db, db_target):
    _mission, zoe, zoe_c, _eli, _eli_c = _world()
    with recorded("moved Zoé Martin to offer", [zoe]) as step:
        pipeline.move_stage(zoe_c, "offer", LATER)
    other = open_database(db_target)  # another window on the same database
    try:
        other.execute_sql("UPDATE candidacy SET stage = 'hired', updated_at = ? WHERE id = ?", (LATER.isoformat(" "), zoe_c))
    finally:
        other.close()
    changed = source_rows(db)
    with pytest.raises(Stale, match="moved Zoé Martin to offer"):
        undo(step)
    assert source_rows(db) == changed  # nothing clobbered
    assert Candidacy.get_by_id(zoe_c).stage == "hired"


def test_refused_after_a_later_change_not_undone_first(db):
    _mission, zoe, zoe_c, _eli, _eli_c = _world()
    with recorded("moved", [zoe]) as first:
        pipeline.move_stage(zoe_c, "offer", LATER)
    touchpoints.log_touchpoint(zoe, zoe_c, "call", LATER, SETTINGS)  # not undoable: logged after the move
    with pytest.raises(Stale):
        undo(first)
    assert Candidacy.get_by_id(zoe_c).stage == "offer"


def test_other_talents_are_left_alone(db):
    _mission, zoe, zoe_c, eli, eli_c = _world()
    with recorded("moved", [zoe]) as step:
        pipeline.move_stage(zoe_c, "offer", LATER)
    pipeline.move_stage(eli_c, "replied", LATER)  # someone else, meanwhile: not in the step
    undo(step)
    assert (Candidacy.get_by_id(zoe_c).stage, Candidacy.get_by_id(eli_c).stage) == ("approached", "replied")
    assert_derived_exact(db)


def test_a_template_reset_undone_brings_the_same_row_back(db):
    templates.save_template(1, "linkedin", None, "", "Bonjour {first_name}, toujours partante ?", MON)
    before = source_rows(db)
    with recorded("reset", templates=True) as step:
        templates.reset_template(1, "linkedin", None)
    assert Template.select().count() == 0
    undo(step)
    assert source_rows(db) == before
    assert templates.get_template(1, "linkedin").origin == "global"


def test_the_snapshot_reads_only_the_talents_asked(db):
    _mission, zoe, _zoe_c, eli, _eli_c = _world()
    rows = snapshot([zoe])
    assert set(rows) == {"talent", "candidacy", "touchpoint", "snooze", "reminder", "draft", "recognition"}
    assert list(rows["talent"]) == [zoe]
    for table in ("candidacy", "touchpoint", "reminder"):
        at = columns(table).index("talent_id")
        assert rows[table] and all(row[at] == zoe for row in rows[table].values())
    assert set(snapshot(templates=True)) == {"template"}


# -- any sequence of changes, each undone: the file as it was -----------------------------
OPERATIONS = ("move", "close", "done", "skip", "snooze", "wake", "keep", "reply", "rename")


def _apply(op: str, talent: int, candidacy: int, when: dt.datetime) -> None:
    """One change the UI makes (or a refused one: a ServiceError, nothing written)."""
    if op == "move":
        pipeline.move_stage(candidacy, "interviewing", when)
    elif op == "close":
        reasons = SETTINGS.talent.closing_reasons("rejected")
        touchpoints.close_candidacy(candidacy, "rejected", {"reason": reasons[0], "detail": "", "feedback": "trop junior"}, reasons, when)
    elif op in ("done", "skip"):
        due = Reminder.get_or_none((Reminder.talent == talent) & (Reminder.status == "pending"))
        if due is not None:
            (reminders.complete if op == "done" else reminders.skip)(due.id, when, SETTINGS)
    elif op == "snooze":
        if snoozes.active_snooze(talent) is None:
            snoozes.snooze_talent(talent, (when + dt.timedelta(days=90)).date(), "later", when, candidacy_id=candidacy, skip_weekends=True)
    elif op == "wake":
        active = snoozes.active_snooze(talent)
        if active is not None:
            snoozes.wake(active.id, when)
    elif op == "keep":
        snoozes.keep_in_touch(talent, 4, when, True)
    elif op == "reply":
        touchpoints.log_touchpoint(talent, candidacy, "reply_positive", when, SETTINGS)
    elif op == "rename":
        Talent.update(name="Émilie Zola", source="referral").where(Talent.id == talent).execute()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(OPERATIONS), st.booleans()), min_size=1, max_size=8))
def test_any_sequence_undone_step_by_step_gives_the_file_back(db, changes):
    for model in reversed(ALL_MODELS):
        model.delete().execute()
    derived.rebuild_all(db)
    _mission, zoe, zoe_c, eli, eli_c = _world()
    states, steps = [], []
    for index, (op, first) in enumerate(changes):
        talent, candidacy = (zoe, zoe_c) if first else (eli, eli_c)
        states.append(source_rows(db))
        try:
            with recorded(op, [talent]) as step:
                _apply(op, talent, candidacy, LATER + dt.timedelta(hours=index))
        except ServiceError:  # refused (already closed…): nothing written, nothing to undo
            assert source_rows(db) == states.pop()
            continue
        steps.append(step)
        assert_derived_exact(db)
    for step in reversed(steps):
        undo(step)
        assert source_rows(db) == states.pop()
    assert_derived_exact(db)


def test_a_bulk_change_over_many_talents_read_in_chunks(db, monkeypatch):
    from sourcer_tui.services import undo as undo_service

    monkeypatch.setattr(undo_service, "CHUNK", 2)  # five talents: three queries per table
    mission = missions.create_mission({"title": "Backend"}, MON)
    people = [talents.create_talent({"name": f"Camille {n}"}, ["other"], MON) for n in range(5)]
    candidacies = [pipeline.add_to_mission(p, mission, MON) for p in people]
    before = source_rows(db)
    with recorded("moved 5 talents to offer", people) as step:
        for candidacy in candidacies:
            pipeline.move_stage(candidacy, "offer", LATER)
        Talent.update(tags="bulk").execute()
    assert sorted(step.before["talent"]) == sorted(people)
    undo(step)
    assert source_rows(db) == before
    assert_derived_exact(db)


def test_tables_narrow_what_is_read_and_put_back(db):
    _mission, zoe, zoe_c, _eli, _eli_c = _world()
    with recorded("moved", [zoe], tables=("candidacy",)) as step:
        pipeline.move_stage(zoe_c, "offer", LATER)
    assert set(step.before) == {"candidacy"}
    touchpoints.log_touchpoint(zoe, zoe_c, "note", LATER, SETTINGS)  # a table the step does not hold
    undo(step)
    assert Candidacy.get_by_id(zoe_c).stage == "approached"
