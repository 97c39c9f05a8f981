"""Duplicates and merge (issue 20, item 5): close names, the merge's choices, and
the merge itself over a real SQLite file — every row moved, every count exact."""

from __future__ import annotations

import datetime as dt

import peewee
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sourcer_tui.config import Settings
from sourcer_tui.db import counts, initials, outreach, search
from sourcer_tui.db.dialect import keeps_derived
from sourcer_tui.db.models import Candidacy, Draft, Reminder, Snooze, Talent, Touchpoint
from sourcer_tui.domain.merge import (
    BOTH, KEPT, OTHER, CandidacyState, combine_notes, conflicts, default_choices, keeps_first, merged_candidacy,
    merged_values, name_words, same_name,
)
from sourcer_tui.domain.vocab import DEFAULT_SOURCES, DEFAULT_STAGES
from sourcer_tui.services import duplicates, merge, missions, pipeline, snoozes, talents, touchpoints
from sourcer_tui.services.errors import Conflict as Refused

T0 = dt.datetime(2026, 11, 2, 9, 0)
SETTINGS = Settings()


# -- names ---------------------------------------------------------------------------------
def test_name_words_fold_accents_case_order_and_punctuation():
    assert name_words("Élodie Martin") == ("elodie", "martin")
    assert name_words("  martin   ELODIE ") == ("elodie", "martin")
    assert name_words("Martin-Éluard, Élodie") == ("elodie", "eluard", "martin")
    assert name_words("Œdipe Straße") == ("oedipe", "strasse")
    assert name_words("") == ()
    assert name_words(None) == ()


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Élodie Martin", "martin elodie", True),
    ("Élodie Martin", "ÉLODIE   MARTIN", True),
    ("Jean-Pierre Dupont", "Dupont Jean Pierre", True),
    ("Élodie Martin", "Élodie Martine", False),
    ("Élodie Martin", "Élodie", False),
    ("Élodie Martin", "Élodie Martin Dupont", False),
    ("", "", False),
    ("!!", "??", False),
])
def test_same_name(a, b, same):
    assert same_name(a, b) is same


# -- the merge's choices --------------------------------------------------------------------
KEPT_RECORD = {
    "name": "Élodie Martin", "headline": "Backend engineer", "company": "Acme", "email": "Elodie@Acme.io", "phone": "",
    "linkedin_url": "https://www.linkedin.com/in/elodie/", "location": "Lyon", "source": "other", "referred_by": "",
    "salary_amount": 55000, "salary_currency": "EUR", "salary_period": "year", "notice_period": "", "available_from": None,
    "remote_pref": "hybrid", "languages": "", "cv_ref": "", "keep_in_touch_months": None,
    "tags": "python,go", "notes": "Met at PyCon.", "created_at": dt.datetime(2026, 5, 1), "consent_renewed_at": None,
    "legal_basis": "consent", "legal_basis_at": dt.date(2025, 4, 26),
}
OTHER_RECORD = {
    "name": "martin elodie", "headline": "", "company": "Globex", "email": "elodie@acme.io", "phone": "+33 6 12 34 56 78",
    "linkedin_url": "https://linkedin.com/in/elodie", "location": "Lyon", "source": "linkedin", "referred_by": "Paul",
    "salary_amount": 60000, "salary_currency": "EUR", "salary_period": "year", "notice_period": "3 months",
    "available_from": dt.date(2027, 3, 1), "remote_pref": "remote", "languages": "français", "cv_ref": "",
    "keep_in_touch_months": 6, "tags": "Go, rust", "notes": "Wants remote.", "created_at": dt.datetime(2026, 2, 1),
    "consent_renewed_at": dt.date(2026, 9, 1), "legal_basis": "legitimate_interest", "legal_basis_at": dt.date(2026, 2, 1),
}


def test_conflicts_are_the_fields_both_fill_differently():
    found = conflicts(KEPT_RECORD, OTHER_RECORD)
    assert [(c.field, c.kept, c.other, c.combinable) for c in found] == [
        ("name", "Élodie Martin", "martin elodie", False),
        ("company", "Acme", "Globex", False),
        ("source", "other", "linkedin", False),
        ("salary", (55000, "EUR", "year"), (60000, "EUR", "year"), False),
        ("remote_pref", "hybrid", "remote", False),
        ("legal_basis", ("consent", dt.date(2025, 4, 26)), ("legitimate_interest", dt.date(2026, 2, 1)), False),
        ("tags", "python,go", "Go, rust", True),
        ("notes", "Met at PyCon.", "Wants remote.", True),
    ]  # same email and profile once normalised; one side empty is no conflict
    assert default_choices(found) == {
        "name": KEPT, "company": KEPT, "source": KEPT, "salary": KEPT, "remote_pref": KEPT, "legal_basis": KEPT, "tags": BOTH, "notes": BOTH}


def test_merged_values_take_the_choice_or_the_side_that_fills_the_field():
    choices = {"name": KEPT, "company": OTHER, "salary": OTHER, "remote_pref": KEPT, "tags": BOTH, "notes": KEPT}
    values = merged_values(KEPT_RECORD, OTHER_RECORD, choices)
    assert values == {
        "name": "Élodie Martin", "headline": "Backend engineer", "company": "Globex", "email": "Elodie@Acme.io",
        "phone": "+33 6 12 34 56 78", "linkedin_url": "https://www.linkedin.com/in/elodie/", "location": "Lyon",
        "source": "other", "referred_by": "Paul", "salary_amount": 60000, "salary_currency": "EUR", "salary_period": "year",
        "notice_period": "3 months", "available_from": dt.date(2027, 3, 1), "remote_pref": "hybrid", "languages": "français",
        "cv_ref": "", "legal_basis": "consent", "legal_basis_at": dt.date(2025, 4, 26),
        "keep_in_touch_months": 6, "tags": "python,go,rust", "notes": "Met at PyCon.",
        "email_norm": "elodie@acme.io", "linkedin_norm": "linkedin.com/in/elodie",
        "created_at": dt.datetime(2026, 2, 1), "consent_renewed_at": dt.date(2026, 9, 1),
    }
    both_notes = merged_values(KEPT_RECORD, OTHER_RECORD, {"notes": BOTH, "tags": OTHER})
    assert (both_notes["notes"], both_notes["tags"], both_notes["company"]) == ("Met at PyCon.\n\nWants remote.", "Go, rust", "Acme")


def test_the_legal_basis_moves_with_its_date_and_the_kept_one_stays_unless_chosen():
    """The basis and its date are one choice: never one side's basis with the other's date."""
    theirs = merged_values(KEPT_RECORD, OTHER_RECORD, {"legal_basis": OTHER, "source": OTHER})
    assert (theirs["legal_basis"], theirs["legal_basis_at"], theirs["source"]) == ("legitimate_interest", dt.date(2026, 2, 1), "linkedin")
    # none recorded on the kept talent (an older row: from its source): the other's, with its date
    older = {**KEPT_RECORD, "legal_basis": "", "legal_basis_at": dt.date(2026, 5, 1)}
    assert [c.field for c in conflicts(older, OTHER_RECORD)].count("legal_basis") == 0
    filled = merged_values(older, OTHER_RECORD, {})
    assert (filled["legal_basis"], filled["legal_basis_at"]) == ("legitimate_interest", dt.date(2026, 2, 1))
    # the same basis since another day is a difference too: the day starts the retention clock
    later = {**OTHER_RECORD, "legal_basis": "consent", "legal_basis_at": dt.date(2026, 9, 1)}
    assert [(c.kept, c.other) for c in conflicts(KEPT_RECORD, later) if c.field == "legal_basis"] == [
        (("consent", dt.date(2025, 4, 26)), ("consent", dt.date(2026, 9, 1)))]


def test_combined_notes_are_not_repeated():
    assert combine_notes("Met at PyCon.", "Met at PyCon.") == "Met at PyCon."
    assert combine_notes("Met at PyCon. Likes Go.", "Likes Go.") == "Met at PyCon. Likes Go."
    assert combine_notes("", "Wants remote.") == "Wants remote."
    assert combine_notes("A\x1b[31m", "B") == "A[31m\n\nB"  # cleaned as any text entering the file


def test_the_further_advanced_candidacy_stays_and_an_open_one_beats_a_closed_one():
    sourced, screening = CandidacyState("sourced"), CandidacyState("screening")
    declined = CandidacyState("declined", closed_at=dt.datetime(2026, 6, 1))
    assert keeps_first(screening, sourced, DEFAULT_STAGES) is True
    assert keeps_first(sourced, screening, DEFAULT_STAGES) is False
    assert keeps_first(sourced, sourced, DEFAULT_STAGES) is True  # a tie: the kept talent's
    assert keeps_first(sourced, declined, DEFAULT_STAGES) is True
    assert keeps_first(declined, CandidacyState("rejected", closed_at=dt.datetime(2026, 7, 1)), DEFAULT_STAGES) is False
    assert keeps_first(CandidacyState("old_stage"), sourced, DEFAULT_STAGES) is False


def test_merged_candidacy_keeps_the_earliest_contact_and_reply_and_one_sequence():
    first = dt.datetime(2026, 3, 1)
    kept = CandidacyState("screening", "replied", 1, dt.datetime(2026, 4, 1), dt.datetime(2026, 4, 5), "positive")
    dropped = CandidacyState("approached", "active", 2, first, None, None)
    assert merged_candidacy(kept, dropped) == ({"first_contact_at": first, "replied_at": dt.datetime(2026, 4, 5), "reply_sentiment": "positive"}, False)
    fresh = CandidacyState("screening")
    assert merged_candidacy(fresh, dropped) == ({"first_contact_at": first, "sequence_state": "active", "last_step_sent": 2}, True)


# -- the lookup ---------------------------------------------------------------------------
def _talent(name: str, **extra) -> int:
    return talents.create_talent({"name": name, **extra}, DEFAULT_SOURCES, T0)


def test_similar_names_find_the_same_words_only(db):
    elodie = _talent("Élodie Martin", company="Acme")
    _talent("Élodie Martine")
    _talent("Élodie Martin Dupont")
    _talent("Martin Durand")
    assert duplicates.similar_names("martin  ELODIE") == [duplicates.Similar(elodie, "Élodie Martin", "Acme", "")]
    assert duplicates.similar_names("Élodie Martin", exclude=elodie) == []
    assert duplicates.similar_names("  ") == []
    assert duplicates.similar_names('"elodie" OR *') == []  # never raw FTS syntax


# -- the merge ------------------------------------------------------------------------------
def _derived_tables_equal_a_recount(db):
    if not keeps_derived(db):  # PostgreSQL keeps these (not the FTS5 tables)
        kept = set(db.execute_sql(f"SELECT {outreach.COLUMNS} FROM outreach_summary").fetchall())
        assert kept == set(db.execute_sql(outreach.summary_select(db, "1 = 1")).fetchall())
        stage_counts = dict(((m, s), n) for m, s, n in db.execute_sql("SELECT mission_id, stage, n FROM candidacy_count WHERE n > 0").fetchall())
        assert stage_counts == dict(((m, s), n) for m, s, n in db.execute_sql("SELECT mission_id, stage, COUNT(*) FROM candidacy GROUP BY 1, 2").fetchall())
        letters = set(db.execute_sql("SELECT letter, talent_id FROM talent_initial").fetchall())
        by_letter = set(db.execute_sql("SELECT letter, mission_id, stage, n FROM initial_count WHERE n > 0").fetchall())
        initials.rebuild(db)
        assert letters == set(db.execute_sql("SELECT letter, talent_id FROM talent_initial").fetchall())
        assert by_letter == set(db.execute_sql("SELECT letter, mission_id, stage, n FROM initial_count WHERE n > 0").fetchall())
        return
    kept = set(db.execute_sql(f"SELECT {outreach.COLUMNS} FROM outreach_summary").fetchall())
    assert kept == set(db.execute_sql(outreach.summary_select(db, "1 = 1")).fetchall())
    stage_counts = dict(((m, s), n) for m, s, n in db.execute_sql("SELECT mission_id, stage, n FROM candidacy_count WHERE n > 0").fetchall())
    assert stage_counts == dict(((m, s), n) for m, s, n in db.execute_sql("SELECT mission_id, stage, COUNT(*) FROM candidacy GROUP BY 1, 2").fetchall())
    letters = set(db.execute_sql("SELECT letter, talent_id FROM talent_initial").fetchall())
    by_letter = set(db.execute_sql("SELECT letter, mission_id, stage, n FROM initial_count WHERE n > 0").fetchall())
    initials.rebuild(db)
    counts.rebuild(db)
    assert letters == set(db.execute_sql("SELECT letter, talent_id FROM talent_initial").fetchall())
    assert by_letter == set(db.execute_sql("SELECT letter, mission_id, stage, n FROM initial_count WHERE n > 0").fetchall())
    assert db.execute_sql("INSERT INTO talent_fts(talent_fts, rank) VALUES ('integrity-check', 1)") is not None


def test_merge_moves_every_row_and_keeps_the_counts_exact(db):
    backend = missions.create_mission({"title": "Backend"}, T0)
    data = missions.create_mission({"title": "Data"}, T0)
    design = missions.create_mission({"title": "Design"}, T0)
    kept = _talent("Élodie Martin", company="Acme", email="elodie@acme.io", tags="python", notes="Met at PyCon.")
    other = _talent("martin elodie", company="Globex", phone="+33 6 12 34 56 78", tags="rust", notes="Wants remote.",
                    keep_in_touch_months="6")
    bystander = _talent("Zoé Durand")
    # Backend: both (kept at sourced, other approached then replied: the other's stays)
    kept_backend = pipeline.add_to_mission(kept, backend, T0)
    other_backend = pipeline.add_to_mission(other, backend, T0)
    approach = touchpoints.log_touchpoint(other, other_backend, "approach", T0, SETTINGS)
    reply = touchpoints.log_touchpoint(other, other_backend, "reply_positive", T0 + dt.timedelta(days=1), SETTINGS)
    note_on_kept = touchpoints.log_touchpoint(kept, kept_backend, "note", T0, SETTINGS)
    # Data: the kept talent only; Design: the other only, with a call owing feedback and a draft of it
    pipeline.add_to_mission(kept, data, T0)
    other_design = pipeline.add_to_mission(other, design, T0)
    call = touchpoints.log_touchpoint(other, other_design, "call", T0 + dt.timedelta(days=2), SETTINGS)
    touchpoints.save_draft(call, {"feedback_given": "half written"}, T0)
    pipeline.add_to_mission(bystander, design, T0)
    snooze = snoozes.snooze_talent(other, dt.date(2027, 1, 4), "on holiday", T0 + dt.timedelta(days=3))
    other_rows = {
        "touchpoints": {t.id for t in Touchpoint.select().where(Touchpoint.talent == other)},
        "reminders": {r.id for r in Reminder.select().where(Reminder.talent == other)},
    }

    plan = merge.plan_merge(kept, other, DEFAULT_STAGES)
    assert [c.field for c in plan.conflicts] == ["name", "company", "tags", "notes"]
    assert plan.shared == [merge.SharedMission("Backend", "sourced", "replied", False)]
    assert (plan.kept.missions, plan.other.missions) == ([("Backend", "sourced"), ("Data", "sourced")], [("Backend", "replied"), ("Design", "sourced")])
    assert (plan.other.touchpoints, plan.kept.touchpoints) == (3, 1)

    now = T0 + dt.timedelta(days=4)
    merge.merge_talents(kept, other, {"company": OTHER, "tags": BOTH, "notes": BOTH}, now, DEFAULT_STAGES)

    assert not Talent.select().where(Talent.id == other).exists()
    talent = Talent.get_by_id(kept)
    assert (talent.name, talent.company, talent.email, talent.phone, talent.tags, talent.notes, talent.keep_in_touch_months) == (
        "Élodie Martin", "Globex", "elodie@acme.io", "+33 6 12 34 56 78", "python,rust", "Met at PyCon.\n\nWants remote.", 6)
    assert (talent.email_norm, talent.updated_at) == ("elodie@acme.io", now)
    # every row of the other is the kept talent's; nothing points at the gone talent
    assert {t.id for t in Touchpoint.select().where(Touchpoint.talent == kept)} == other_rows["touchpoints"] | {note_on_kept}
    assert other_rows["reminders"] <= {r.id for r in Reminder.select().where(Reminder.talent == kept)}
    for table, column in (("touchpoint", "talent_id"), ("reminder", "talent_id"), ("snooze", "talent_id"), ("candidacy", "talent_id")):
        assert db.execute_sql(f"SELECT COUNT(*) FROM {table} WHERE {column} = ?", (other,)).fetchone() == (0,)
    if isinstance(db, peewee.SqliteDatabase):  # PostgreSQL checks every key at once
        assert db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    # Backend: the replied candidacy stays (it was the other's), with the kept one's note; Data and Design moved
    stays = Candidacy.get((Candidacy.talent == kept) & (Candidacy.mission == backend))
    assert (stays.id, stays.stage, stays.sequence_state) == (other_backend, "replied", "replied")
    assert not Candidacy.select().where(Candidacy.id == kept_backend).exists()
    assert {t.id for t in Touchpoint.select().where(Touchpoint.candidacy == other_backend)} == {approach, reply, note_on_kept}
    assert sorted(c.mission_id for c in Candidacy.select().where(Candidacy.talent == kept)) == sorted([backend, data, design])
    assert Draft.get(Draft.touchpoint == call).payload == '{"feedback_given": "half written"}'
    # one snooze, its wake-up planned; one keep-in-touch call
    assert [s.id for s in Snooze.select().where((Snooze.talent == kept) & (Snooze.active == True))] == [snooze]  # noqa: E712
    assert Reminder.select().where((Reminder.talent == kept) & (Reminder.kind == "keep_in_touch") & (Reminder.status == "pending")).count() == 1
    assert Reminder.select().where((Reminder.snooze == snooze) & (Reminder.status == "pending")).count() == 1
    # the search finds the kept talent by either name's words, and the other no more
    assert [t.id for t in Talent.select().where(search.talent_filter("Globex"))] == [kept]
    assert duplicates.similar_names("martin elodie") == [duplicates.Similar(kept, "Élodie Martin", "Globex", "elodie@acme.io")]
    _derived_tables_equal_a_recount(db)
    counted = dict(db.execute_sql("SELECT mission_id, n FROM candidacy_count WHERE stage = 'sourced' AND n > 0").fetchall())
    assert counted == {data: 1, design: 2}


def test_two_snoozes_leave_the_one_ending_first(db):
    kept, other = _talent("Ana Lima"), _talent("Lima Ana")
    late = snoozes.snooze_talent(kept, dt.date(2027, 6, 1), "late", T0)
    soon = snoozes.snooze_talent(other, dt.date(2027, 2, 1), "soon", T0)
    merge.merge_talents(kept, other, {}, T0 + dt.timedelta(days=1), DEFAULT_STAGES)
    assert [(s.id, s.active) for s in Snooze.select().order_by(Snooze.id)] == [(late, False), (soon, True)]
    pending = [(r.kind, r.due, r.snooze_id) for r in Reminder.select().where(Reminder.status == "pending")]
    assert pending == [("wake_up", dt.date(2027, 2, 1), soon)]


def test_a_merge_is_refused_with_itself_or_an_anonymised_talent(db):
    from sourcer_tui.services import privacy

    one, two = _talent("Ana Lima"), _talent("Lima Ana")
    with pytest.raises(Refused):
        merge.merge_talents(one, one, {}, T0, DEFAULT_STAGES)
    privacy.anonymise(two, T0)
    with pytest.raises(Refused):
        merge.plan_merge(one, two, DEFAULT_STAGES)
    assert Talent.select().count() == 2


@pytest.mark.parametrize("lookups", [300, 0])  # looked up name by name, or every stored name read once
def test_an_import_row_named_like_a_talent_in_another_order_is_a_possible_duplicate(db, tmp_path, monkeypatch, lookups):
    from sourcer_tui.services import importer
    from sourcer_tui.services.importer import plan_import

    monkeypatch.setattr(importer, "_LOOKUPS", lookups)

    _talent("Élodie Martin", email="elodie@acme.io")
    path = tmp_path / "people.csv"
    path.write_text("Name,Headline\nmartin ELODIE,Data Lead\nAda Lee,Designer\nLee Ada,Designer\nÉlodie Martine,x\n", encoding="utf-8")
    assert plan_import(path).possible_duplicate_lines() == [
        "line 2: martin ELODIE: no email or profile URL, and the name of talent #1 (elodie@acme.io): imported as a new talent",
        "line 4: Lee Ada: no email or profile URL, and the name of line 3: imported as a second talent",
    ]


_TEXT = st.sampled_from(["", "Acme", "acme", "Globex", "a,b", "b, c", "Élodie Martin", "martin elodie"])


@given(kept=st.fixed_dictionaries({f: _TEXT for f in ("name", "company", "headline", "tags", "notes", "phone")}),
       other=st.fixed_dictionaries({f: _TEXT for f in ("name", "company", "headline", "tags", "notes", "phone")}),
       choice=st.sampled_from([KEPT, OTHER, BOTH]))
def test_a_merge_loses_no_filled_field_and_invents_no_value(kept, other, choice):
    found = conflicts(kept, other)
    values = merged_values(kept, other, {c.field: choice if choice != BOTH or c.combinable else KEPT for c in found})
    for field in kept:
        if kept[field] or other[field]:
            assert values[field], field
        if field not in ("tags", "notes") or choice != BOTH:
            assert values[field] in (kept[field], other[field])


def _ines_and_her_namesake() -> tuple[int, int]:
    """Inès, held on her consent since 2025-04-26, and the same person added again
    on 2026-12-07 from LinkedIn (the basis its source gives, since that day)."""
    ines = _talent("Inès Rousseau", headline="Data engineer", source="other", legal_basis="consent", legal_basis_at="2025-04-26")
    again = talents.create_talent({"name": "rousseau ines", "headline": "Data eng.", "source": "linkedin"}, DEFAULT_SOURCES,
                                  T0 + dt.timedelta(days=35))
    return ines, again


def _basis(talent_id: int) -> tuple:
    talent = Talent.get_by_id(talent_id)
    return talent.name, talent.source, talent.legal_basis, talent.legal_basis_at


def test_the_preview_lists_a_differing_legal_basis_and_source_and_the_merge_takes_what_was_chosen(db):
    ines, again = _ines_and_her_namesake()
    plan = merge.plan_merge(again, ines, DEFAULT_STAGES)
    assert [(c.field, c.kept, c.other) for c in plan.conflicts] == [
        ("name", "rousseau ines", "Inès Rousseau"),
        ("headline", "Data eng.", "Data engineer"),
        ("source", "linkedin", "other"),
        ("legal_basis", ("legitimate_interest", dt.date(2026, 12, 7)), ("consent", dt.date(2025, 4, 26))),
    ]
    # her consent chosen: it comes with its own date, not the day the namesake was added
    merge.merge_talents(again, ines, {"name": OTHER, "headline": OTHER, "legal_basis": OTHER}, T0 + dt.timedelta(days=36),
                        DEFAULT_STAGES, plan=plan)
    assert _basis(again) == ("Inès Rousseau", "linkedin", "consent", dt.date(2025, 4, 26))


def test_the_kept_talents_legal_basis_and_source_stay_unless_chosen(db):
    ines, again = _ines_and_her_namesake()
    merge.merge_talents(ines, again, {}, T0 + dt.timedelta(days=36), DEFAULT_STAGES)
    assert _basis(ines) == ("Inès Rousseau", "other", "consent", dt.date(2025, 4, 26))


def test_a_legal_basis_recorded_on_one_side_only_moves_with_its_date(db):
    older, ines = _talent("Ines Rousseau"), _ines_and_her_namesake()[0]
    Talent.update(legal_basis="").where(Talent.id == older).execute()  # written before bases were recorded
    assert "legal_basis" not in [c.field for c in merge.plan_merge(older, ines, DEFAULT_STAGES).conflicts]
    merge.merge_talents(older, ines, {}, T0 + dt.timedelta(days=36), DEFAULT_STAGES)
    assert _basis(older)[2:] == ("consent", dt.date(2025, 4, 26))
