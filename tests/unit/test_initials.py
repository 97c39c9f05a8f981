"""One-letter searches: names' initials and candidacies per initial, kept by
triggers (migration 0011, db/initials.py), equal to computing them afresh and
to what the full-text index finds."""

from __future__ import annotations

import datetime as dt

import peewee
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sourcer_tui.db import derived, initials
from sourcer_tui.db.models import Mission, Talent
from sourcer_tui.db.search import by_initial
from sourcer_tui.db.initials import name_initials
from sourcer_tui.services import missions, pipeline, talents
from sourcer_tui.services.pipeline import POOL, Scope

from ..conftest import NOW
from .candidacy_edits import OPERATIONS, edit_candidacy

STAGES = ("sourced", "approached", "replied", "declined")
NAMES = ("Élodie Martin-Éluard", "Marie", "jean-marc ozil", "O'Neil 2B", "Ömer Şahin", "Zoé", "", "__", "Ana María")

#: The tests that read SQLite's search index itself (PostgreSQL has none: its one-letter
#: search reads the same kept tables, migration 0034).
FTS_ONLY = pytest.mark.sqlite_only("compares with SQLite's full-text index (talent_fts)")


def test_initials_of_a_name_are_the_first_letters_of_the_index_words():
    assert name_initials("Élodie Martin-Éluard") == ["e", "m"]
    assert name_initials("O'Neil 2B") == ["2", "n", "o"]
    assert name_initials("Ana  María ana") == ["a", "m"]
    assert name_initials("Marti\u0301n Ørsted") == ["m", "ø"]  # a decomposed accent does not split a word (ø is a letter of its own)
    assert name_initials("김민수 강민호") == ["강", "김"]  # Korean syllables stay whole
    assert name_initials("がくと かおり") == ["か", "が"]  # kana keep their voicing mark
    assert name_initials("李 小龙") == ["小", "李"]
    assert name_initials("") == name_initials(None) == name_initials("-- ,") == []


def test_a_lone_letter_is_searched_by_initial(db):
    assert by_initial("m") == by_initial(" M ") == "m"
    assert by_initial("É") == "e" and by_initial("김") == "김" and by_initial("が") == "が"
    assert by_initial("ma") is None and by_initial("m a") is None and by_initial("") is None and by_initial("*") is None


def kept(db) -> tuple[set, dict]:
    letters = set(db.execute_sql("SELECT letter, talent_id FROM talent_initial").fetchall())
    counts = {(l, m, s): n for l, m, s, n in db.execute_sql("SELECT letter, mission_id, stage, n FROM initial_count WHERE n != 0")}
    return letters, counts


def fresh(db) -> tuple[set, dict]:
    """What the kept tables should hold, computed afresh: on SQLite from the search
    index itself (its words' first letters), on PostgreSQL from
    ``sourcer_initials(name)`` (the function its triggers call, migration 0034)."""
    if isinstance(db, peewee.SqliteDatabase):
        db.execute_sql("CREATE VIRTUAL TABLE IF NOT EXISTS temp.name_words USING fts5vocab(main, talent_fts, instance)")
        letters = {(term[0], tid) for term, tid in db.execute_sql("SELECT term, doc FROM temp.name_words WHERE col = 'name'")}
    else:
        letters = set(db.execute_sql("SELECT unnest(sourcer_initials(name)), id FROM talent").fetchall())
    counts: dict = {}
    for tid, mission, stage in db.execute_sql("SELECT talent_id, mission_id, stage FROM candidacy"):
        for letter, who in letters:
            if who == tid:
                counts[letter, mission, stage] = counts.get((letter, mission, stage), 0) + 1
    return letters, counts


def test_kept_through_renames_moves_and_cascades(db):
    backend = missions.create_mission({"title": "Backend"}, NOW)
    data = missions.create_mission({"title": "Data"}, NOW)
    marie = talents.create_talent({"name": "Marie Curie"}, ["other"], NOW)
    emile = talents.create_talent({"name": "Émile Zola"}, ["other"], NOW)
    a = pipeline.add_to_mission(marie, backend, NOW)
    pipeline.add_to_mission(marie, data, NOW, stage="approached")
    pipeline.add_to_mission(emile, backend, NOW)
    assert kept(db)[1] == {
        ("m", backend, "sourced"): 1, ("c", backend, "sourced"): 1, ("m", data, "approached"): 1, ("c", data, "approached"): 1,
        ("e", backend, "sourced"): 1, ("z", backend, "sourced"): 1,
    }
    pipeline.move_stage(a, "replied", NOW)
    Talent.update(name="Marie Sklodowska").where(Talent.id == marie).execute()
    assert kept(db)[1] == {
        ("m", backend, "replied"): 1, ("s", backend, "replied"): 1, ("m", data, "approached"): 1, ("s", data, "approached"): 1,
        ("e", backend, "sourced"): 1, ("z", backend, "sourced"): 1,
    }
    Talent.delete().where(Talent.id == marie).execute()  # its candidacies go by cascade
    Mission.delete().where(Mission.id == backend).execute()
    assert kept(db) == fresh(db) == ({("e", emile), ("z", emile)}, {})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(
    st.sampled_from([*OPERATIONS, "rename", "drop", "replace_talent"]),
    st.integers(0, 3), st.integers(0, 3), st.integers(0, 1), st.sampled_from(NAMES),
), max_size=25))
@example([("add", 1, 0, 0, NAMES[0]), ("add", 2, 0, 1, NAMES[0]), ("retalent", 1, 2, 0, NAMES[0]), ("remission", 2, 0, 1, NAMES[0])])
def test_any_sequence_of_changes_keeps_initials_and_counts_exact(db, operations):
    for table in ("candidacy", "talent", "mission"):
        db.execute_sql(f"DELETE FROM {table}")
    mission_ids = [missions.create_mission({"title": t}, NOW) for t in ("A", "B")]
    people = [talents.create_talent({"name": NAMES[i]}, ["other"], NOW) for i in range(4)]
    for op, who, stage, where, name in operations:
        if op == "rename":
            Talent.update(name=name).where(Talent.id == people[who]).execute()
        elif op == "drop":
            Talent.delete().where(Talent.id == people[who]).execute()
        elif op == "replace_talent":  # INSERT OR REPLACE over a talent (or a new one)
            if isinstance(db, peewee.SqliteDatabase):
                Talent.insert(id=people[who], name=name, created_at=NOW, updated_at=NOW).on_conflict_replace().execute()
            else:  # what REPLACE does, where there is none (PostgreSQL): its candidacies go by cascade
                with db.atomic():
                    Talent.delete().where(Talent.id == people[who]).execute()
                    Talent.insert(id=people[who], name=name, created_at=NOW, updated_at=NOW).execute()
        else:
            edit_candidacy(op, people[who], STAGES[stage], mission_ids[where], people[stage])
        assert kept(db) == fresh(db), op


def test_rebuild_and_bulk_loads_recompute_them(db):
    mission = missions.create_mission({"title": "Backend"}, NOW)
    with db.atomic(), derived.triggers_suspended(db):  # as the scale demo and an import do
        for name in ("Marie", "Maxime Dubois"):
            pipeline.add_to_mission(talents.create_talent({"name": name}, ["other"], NOW), mission, NOW)
    assert kept(db) == fresh(db) and kept(db)[1] == {("m", mission, "sourced"): 2, ("d", mission, "sourced"): 1}
    db.execute_sql("DELETE FROM initial_count")
    initials.rebuild(db)
    assert kept(db) == fresh(db)


def _fts_names(db, letter: str) -> set[int]:
    return {tid for (tid,) in db.execute_sql("SELECT rowid FROM talent_fts WHERE talent_fts MATCH ?", (f'{{name}} : "{letter}"*',))}


@FTS_ONLY
def test_one_letter_finds_what_the_index_finds_and_counts_it_without_it(db):
    """The initials agree with the full-text index's name prefixes (its
    tokenizer: accents removed, hyphens and apostrophes split words), and a
    one-letter search reads neither the index nor the candidacies to count."""
    backend = missions.create_mission({"title": "Backend"}, NOW)
    names = (
        "Élodie Martin-Éluard", "Marie", "jean-marc ozil", "O'Neil Bros", "Ömer Şahin", "Zoé", "Émile", "Nina Simone", "Ana María",
        "José Marti\u0301n", "김민수", "강민호", "がくと", "かおり", "ﬁona Ｍiller",
    )
    for n, name in enumerate(names):
        pipeline.add_to_mission(talents.create_talent({"name": name}, ["other"], NOW), backend, NOW + dt.timedelta(minutes=n), stage=STAGES[n % 4])
    assert _fts_names(db, "김") and _fts_names(db, "が") != _fts_names(db, "か")  # the cases a rule of ours got wrong
    for letter in ["e", "m", "j", "o", "n", "s", "z", "a", "w", "x", "김", "강", "が", "か", "ﬁ", "Ｍ"]:
        scope = Scope(None, letter)
        expected = _fts_names(db, letter)
        statements: list[str] = []
        db.connection().set_trace_callback(statements.append)
        try:
            groups = {g.key: g.count for g in pipeline.groups(scope, STAGES)}
            rows = [r for stage in STAGES for r in pipeline.fetch_rows(scope, stage, 0, 50, groups[stage], sum(groups.values()))]
            pool = pipeline.groups(Scope(POOL, letter), STAGES)[0].count
        finally:
            db.connection().set_trace_callback(None)
        assert {r.talent_id for r in rows} == expected, letter
        assert sum(groups.values()) == len(rows) == pool == len(expected)
        assert not [s for s in statements if "talent_fts" in s or "FROM \"candidacy\" AS \"t1\" WHERE" in s and "GROUP BY" in s]


@FTS_ONLY
@pytest.mark.parametrize("letter", ["m", "z"])
def test_walked_and_looked_up_pages_agree_for_a_letter(db, letter):
    mission = missions.create_mission({"title": "Backend"}, NOW)
    for n in range(80):
        name = f"{'Marie' if n % 3 else 'Zoé'} {n:02d}"
        pipeline.add_to_mission(talents.create_talent({"name": name}, ["other"], NOW), mission, NOW + dt.timedelta(minutes=n))
    for scope in (Scope(None, letter), Scope(mission, letter)):
        looked_up = [r.candidacy_id for r in pipeline.fetch_rows(scope, "sourced", 3, 20)]
        walked = [r.candidacy_id for r in pipeline.fetch_rows(scope, "sourced", 3, 20, matches=10_000)]
        assert looked_up == walked and len(looked_up) == 20
    pool = Scope(POOL, letter)
    assert [r.talent_id for r in pipeline.fetch_rows(pool, POOL, 0, 30)] == [r.talent_id for r in pipeline.fetch_rows(pool, POOL, 0, 30, matches=10_000)]


@FTS_ONLY
def test_a_page_walks_its_stage_when_that_reads_fewer_rows_than_looking_the_matches_up(db):
    """WALK_COST: walking reads about end × stage size / matches rows, a lookup
    every matching talent (in every stage); a walked row costs 1.5 looked-up ones."""
    mission = missions.create_mission({"title": "Backend"}, NOW)
    for n in range(200):
        name = "Marie" if n < 150 else "Zoé" if n < 152 else "Paul"
        pipeline.add_to_mission(talents.create_talent({"name": f"{name} {n}"}, ["other"], NOW), mission, NOW)
    scope = Scope(mission, "m")
    assert pipeline._walks(scope, "sourced", 50, 150, 150)  # 50 × 200 × 1.5 = 15,000 ≤ 150 × 150
    assert not pipeline._walks(Scope(mission, "z"), "sourced", 50, 2, 2)  # 15,000 > 2 × 2
    assert not pipeline._walks(scope, "sourced", 200, 150, 150)  # a deep page: 60,000 > 22,500
    assert not pipeline._walks(scope, "sourced", 50, 0, 0)


def test_names_of_every_script_are_found_as_they_are_spelled(db):
    """A search folds its words as the database folds the names: on PostgreSQL
    by the server's own ``sourcer_fold`` (``unaccent``), where Python's fold
    took *Bjørn* to ``bjørn`` (the server: ``bjorn``), Korean syllables to
    their letters and が to か — none of these names was found there."""
    from sourcer_tui.db.search import name_holds

    names = ("Bjørn Ørsted", "김민수", "がくと", "かおり", "Søren Kierkegaard", "Zoé", "Ana (一) Li")
    ids = {name: talents.create_talent({"name": name}, ["other"], NOW) for name in names}

    def found(text: str) -> list[str]:
        scope = Scope(POOL, text)
        count = pipeline.groups(scope, STAGES)[0].count
        rows = [r.name for r in pipeline.fetch_rows(scope, POOL, 0, 20)]
        assert count == len(rows), text
        return sorted(rows)

    for text, expected in [
        ("Bjørn", ["Bjørn Ørsted"]), ("ørsted", ["Bjørn Ørsted"]), ("Søren", ["Søren Kierkegaard"]), ("zoe", ["Zoé"]),
        ("김민수", ["김민수"]), ("김", ["김민수"]), ("がくと", ["がくと"]), ("が", ["がくと"]), ("か", ["かおり"]), ("一", ["Ana (一) Li"]),
    ]:
        assert found(text) == expected, text
    holds = {talent_id for (talent_id,) in Talent.select(Talent.id).where(Talent.id.in_(name_holds("ørsted bjørn"))).tuples()}
    assert holds == {ids["Bjørn Ørsted"]}
