"""Pool matches: the mission's words, who is left out, the boosts and the reasons
(exact values), the feedback index kept by its triggers, the CLI."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from sourcer_tui.db import derived
from sourcer_tui.db.models import Candidacy, Mission, Snooze, Talent, Touchpoint
from sourcer_tui.domain import rediscover as rules
from sourcer_tui.services import rediscover

TODAY = dt.date(2026, 11, 23)
NOW = dt.datetime(2026, 11, 23, 10, 30)


def at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day} 09:15:00")


# -- domain -------------------------------------------------------------------------
def test_mission_terms_keep_meaningful_words_once_in_order():
    terms = rules.mission_terms("Senior Data Engineer", "Python or Go, SQL, 5+ years of dbt — Python")
    assert [t.shown for t in terms] == ["Senior", "Data", "Engineer", "Python", "Go", "SQL", "dbt"]
    assert [t.key for t in rules.mission_terms("Développeur Élixir", "")] == ["developpeur", "elixir"]


def test_matched_words_are_whole_words_accents_and_case_aside():
    terms = rules.mission_terms("Data Engineer", "Python, Go")
    assert rules.matched(terms, ["Pythonista at Google", "data ENGINEER"]) == ["Data", "Engineer"]
    assert rules.matched(terms, ["go, python"]) == ["Python", "Go"]


def test_silver_reason_is_the_furthest_stage_reached():
    pasts = [rules.Past("Data Engineer", "declined", "interviewing", dt.date(2025, 3, 4), "timing"),
             rules.Past("Staff Engineer", "rejected", "", None, "skills"),
             rules.Past("Lead", "offer", "offer", dt.date(2024, 1, 9), None)]
    assert rules.silver_reason(pasts) == rules.Reason("offer", mission="Lead", month="2024-01")
    assert rules.silver_reason(pasts[:2]) == rules.Reason("interviewing", mission="Data Engineer", month="2025-03")
    assert rules.silver_reason([rules.Past("X", "hired", "offer", dt.date(2024, 1, 9), None)]) is None


@pytest.mark.parametrize(("reason", "policy", "salary_max", "amount", "expected"), [
    ("timing", "onsite", None, None, True),
    ("salary", "onsite", 70000, 65000, True),  # the range reaches their wish
    ("salary", "onsite", 60000, 65000, False),
    ("salary", "onsite", None, 65000, False),  # no range: nothing says it changed
    ("location / remote", "remote", None, None, True),
    ("location / remote", "hybrid", None, None, False),
    ("not looking", "remote", 90000, 10, False),
])
def test_a_no_this_mission_may_turn(reason, policy, salary_max, amount, expected):
    pasts = [rules.Past("Old", "declined", "", None, reason)]
    got = rules.decline_reason(pasts, remote_policy=policy, salary_max=salary_max, salary_currency="EUR",
                               salary_amount=amount, talent_currency="EUR", salary_period="year")
    assert (got == rules.Reason("declined", detail=reason)) is expected


def test_left_out_and_snooze_rules():
    base = rules.Eligibility(False, False, None, None, None, False)
    assert not rules.left_out(base, TODAY, 30)
    assert rules.left_out(rules.Eligibility(True, False, None, None, None, False), TODAY, 30)
    assert rules.left_out(rules.Eligibility(False, True, None, None, None, False), TODAY, 30)
    assert rules.left_out(rules.Eligibility(False, False, None, None, None, True), TODAY, 30)
    assert rules.left_out(rules.Eligibility(False, False, dt.date(2026, 10, 25), None, None, False), TODAY, 30)
    assert not rules.left_out(rules.Eligibility(False, False, dt.date(2026, 10, 24), None, None, False), TODAY, 30)
    assert rules.left_out(rules.Eligibility(False, False, None, dt.date(2026, 12, 24), "manual", False), TODAY, 30)
    assert not rules.left_out(rules.Eligibility(False, False, None, dt.date(2026, 12, 23), "manual", False), TODAY, 30)
    assert not rules.left_out(rules.Eligibility(False, False, None, dt.date(2027, 6, 1), "keep_in_touch", False), TODAY, 30)
    assert rules.snooze_reason(dt.date(2026, 12, 23), "manual", TODAY) == rules.Reason("snooze", day=dt.date(2026, 12, 23))
    assert rules.snooze_reason(dt.date(2026, 12, 24), "manual", TODAY) is None
    ended = rules.snooze_reason(dt.date(2026, 11, 20), "manual", TODAY)  # past its end, not woken yet
    assert ended == rules.Reason("snooze", day=dt.date(2026, 11, 20), detail="ended")
    assert rules.describe(rules.snooze_reason(TODAY, "manual", TODAY)) == "snooze ends today"
    assert rules.describe(rules.snooze_reason(TODAY + dt.timedelta(days=1), "manual", TODAY)) == "snooze ends 2026-11-24"
    assert rules.describe(ended) == "snooze ended 2026-11-20"


def test_score_and_words():
    reasons = [rules.Reason("interviewing", mission="Data Engineer", month="2025-03"),
               rules.Reason("declined", detail="timing"), rules.Reason("matches", words=("Python", "dbt"))]
    terms = rules.mission_terms("Data Engineer", "Python, dbt")  # weights 2, 2, 1, 1
    assert rules.coverage(terms, ["Python", "dbt"]) == 2 / 6
    assert rules.coverage(terms, ["Data", "Python", "Data"]) == 3 / 6
    assert rules.coverage([], ["Data"]) == 0.0
    assert rules.score(2.0, 4.0, 0.5, reasons) == 0.9  # (0.25 + 0.25) x (1 + 0.5 + 0.3)
    assert rules.score(4.0, 4.0, 1.0, reasons[2:]) == 1.0
    assert rules.score(1.0, 0.0, 0.0, []) == 0.0
    assert [rules.describe(r) for r in reasons] == [
        "interviewed for Data Engineer (2025-03)", "declined: timing", "matches: Python, dbt"]


# -- the service, on exact data -------------------------------------------------------
@pytest.fixture
def pool(db):
    mission = Mission.create(title="Data Engineer", must_haves="Python, dbt", remote_policy="remote", salary_max=70000)
    earlier = Mission.create(title="Analytics Engineer")
    old = dt.datetime(2025, 3, 10, 10)

    def talent(name, headline="", tags="", **fields):
        return Talent.create(name=name, headline=headline, tags=tags, created_at=old, updated_at=old, **fields)

    t = {
        "silver": talent("Silver Medal", "Analytics engineer", "python,dbt"),
        "plain": talent("Plain Match", "Data Engineer", "python,dbt"),
        "neither": talent("Nothing Special", "Designer", "figma"),
        "inside": talent("Already In", "Data Engineer", "python,dbt"),
        "recent": talent("Just Called", "Data Engineer", "python,dbt"),
        "asleep": talent("Long Snooze", "Data Engineer", "python,dbt"),
        "waking": talent("Waking Soon", "Designer", "dbt"),
        "anonymous": talent("Anonymised talent #7", "Data Engineer", "python,dbt", anonymised_at=old),
        "feedback": talent("Said In A Call", "Designer", ""),
    }
    past = Candidacy.create(talent=t["silver"], mission=earlier, stage="declined", decline_reason="timing", stage_changed_at=old)
    Touchpoint.create(talent=t["silver"], candidacy=past, kind="interview", happened_at=old)
    Candidacy.create(talent=t["inside"], mission=mission)
    Touchpoint.create(talent=t["recent"], kind="call", happened_at=at("2026-11-20"))
    Snooze.create(talent=t["asleep"], since=TODAY, until=dt.date(2027, 3, 1))
    Snooze.create(talent=t["waking"], since=TODAY, until=dt.date(2026, 12, 10))
    Touchpoint.create(talent=t["feedback"], kind="call", happened_at=old, feedback_given="We talked about dbt a lot")
    return mission, t


def test_pool_matches_rank_leave_out_and_say_why(pool):
    mission, t = pool
    matches = rediscover.pool_matches(mission.id, TODAY, recent_contact_days=30, retention_months=24)
    names = [m.name for m in matches]
    assert names == ["Silver Medal", "Plain Match", "Waking Soon", "Said In A Call"]
    assert all(m.reasons for m in matches)
    by_name = {m.name: m for m in matches}
    assert by_name["Silver Medal"].why() == [
        "interviewed for Analytics Engineer (2025-03)", "declined: timing", "matches: Engineer, Python, dbt"]
    assert by_name["Plain Match"].why() == ["matches: Data, Engineer, Python, dbt"]
    assert by_name["Waking Soon"].why() == ["snooze ends 2026-12-10", "matches: dbt"]
    assert by_name["Said In A Call"].why() == ["feedback mentions: dbt"]
    assert by_name["Silver Medal"].score > by_name["Plain Match"].score
    assert by_name["Plain Match"].score == 1.0  # the best fit
    assert "Nothing Special" not in names  # no word of the mission, no boost


def test_pool_matches_read_beside_give_the_same_list(pool, db):
    """The app reads the past feedback and the other candidacies in the readers'
    threads meanwhile (services/reads.py): the same matches, reasons and scores."""
    from sourcer_tui.db.database import WorkerConnections

    mission, _t = pool
    readers = WorkerConnections(db)
    try:
        beside = rediscover.pool_matches(mission.id, TODAY, beside=readers.submit)
    finally:
        readers.close_all()
    assert [m.name for m in beside] == ["Silver Medal", "Plain Match", "Waking Soon", "Said In A Call"]
    assert beside == rediscover.pool_matches(mission.id, TODAY)


def test_a_silver_medallist_with_the_skills_ranks_above_one_without_either(db):
    mission = Mission.create(title="Backend Engineer", must_haves="Go, Postgres")
    earlier = Mission.create(title="Platform Engineer")
    silver = Talent.create(name="Ana Silver", headline="Backend developer", tags="go,postgres")
    Candidacy.create(talent=silver, mission=earlier, stage="reverse_interview", stage_changed_at=dt.datetime(2025, 6, 2))
    Talent.create(name="Bob Other", headline="Backend engineer", tags="java")
    matches = rediscover.pool_matches(mission.id, TODAY)
    assert [(m.name, m.why()) for m in matches] == [
        ("Ana Silver", ["reverse interview for Platform Engineer (2025-06)", "matches: Backend, Go, Postgres"]),
        ("Bob Other", ["matches: Backend, Engineer"]),
    ]


def test_a_word_of_the_title_on_its_own_finds_a_talent_on_both_backends(db):
    """The title's words together rank first, and each rare one on its own finds
    a talent too: SQLite's expression always did; PostgreSQL left the title's
    words out of the "any of" (the demo's *Data Engineer*: 10 talents there, 20
    in the file)."""
    mission = Mission.create(title="Data Engineer")
    old = dt.datetime(2025, 3, 10, 10)
    for name, headline in (("Both Words", "Data engineer"), ("Analyst", "Data analyst"), ("Platform", "Platform engineer"),
                           ("Neither", "Product designer")):
        Talent.create(name=name, headline=headline, created_at=old, updated_at=old)
    names = [m.name for m in rediscover.pool_matches(mission.id, TODAY)]
    assert names[0] == "Both Words" and sorted(names[1:]) == ["Analyst", "Platform"]


def test_unknown_mission_is_said(db):
    from sourcer_tui.services.errors import NotFound

    with pytest.raises(NotFound):
        rediscover.pool_matches(42, TODAY)


@pytest.mark.sqlite_only("Pool matches rank with bm25 over SQLite's FTS5 indexes; PostgreSQL ranks nothing yet")
def test_the_feedback_index_follows_every_change_and_equals_a_rebuild(db):
    a = Talent.create(name="A")
    b = Talent.create(name="B")
    tp = Touchpoint.create(talent=a, kind="call", feedback_given="Loves Rust", impression="sharp")
    Touchpoint.create(talent=a, kind="call", feedback_given="Loves Rust")

    def rows():
        return sorted(db.execute_sql("SELECT rowid, feedback FROM feedback_fts").fetchall())

    def hits(word):
        return [r for (r,) in db.execute_sql("SELECT rowid FROM feedback_fts WHERE feedback_fts MATCH ?", (word,))]

    assert hits("rust") == [a.id] and hits("sharp") == [a.id]
    Touchpoint.update(talent=b).where(Touchpoint.id == tp.id).execute()  # a merge moves it
    assert sorted(hits("sharp")) == [b.id] and sorted(hits("rust")) == [a.id, b.id]
    Touchpoint.update(impression="").where(Touchpoint.id == tp.id).execute()
    assert hits("sharp") == []
    kept = rows()
    derived.rebuild_all(db)
    assert sorted(r for r in rows()) == sorted(kept)
    Talent.delete().where(Talent.id == a.id).execute()  # cascades to its touchpoints
    assert hits("rust") == [b.id]


def test_cli_json_on_the_demo(tmp_path):
    path = tmp_path / "demo.db"
    env_run = [sys.executable, "-m", "sourcer_tui"]
    subprocess.run([*env_run, "demo-data", "--db", str(path)], check=True, capture_output=True)
    out = subprocess.run([*env_run, "rediscover", "--db", str(path), "--mission", "1", "--json", "--limit", "50"],
                         check=True, capture_output=True, text=True).stdout
    rows = json.loads(out)
    assert rows and all(set(r) == {"talent_id", "talent", "score", "reasons"} and r["reasons"] for r in rows)
    import sqlite3

    con = sqlite3.connect(path)
    ids = [r["talent_id"] for r in rows]
    marks = ",".join("?" * len(ids))
    assert con.execute(f"SELECT COUNT(*) FROM candidacy WHERE mission_id = 1 AND talent_id IN ({marks})", ids).fetchone()[0] == 0
    assert con.execute(f"SELECT COUNT(*) FROM talent WHERE id IN ({marks}) AND anonymised_at IS NULL", ids).fetchone()[0] == len(ids)
    far = con.execute(f"SELECT COUNT(*) FROM snooze WHERE active AND kind <> 'keep_in_touch' AND talent_id IN ({marks}) "
                      "AND until > date('now', '+1 month')", ids).fetchone()[0]
    assert far == 0
    assert any(r["reasons"][0].startswith("interviewed for") for r in rows)  # the demo's silver medallists
    bad = subprocess.run([*env_run, "rediscover", "--db", str(path), "--mission", "99"], capture_output=True, text=True)
    assert bad.returncode == 2 and "mission 99 does not exist" in bad.stderr


def test_fold_as_the_index_folds():
    assert rules.fold("Élodie ZOÉ") == "elodie zoe"
    assert rules.fold("Ñandú straße") == "nandu strasse"
    assert rules.fold("plain ascii") == "plain ascii"


def test_the_ranked_expression_is_the_titles_and_or_the_rare_words():
    from sourcer_tui.db import pool_fit

    counts = {"data": 13_000, "engineer": 40_000, "python": 5_000, "go": 0, "sql": 6_000}
    assert pool_fit.expression(["data", "engineer"], list(counts), counts) == (
        '{headline tags notes languages} : (("data" AND "engineer") OR "python" OR "sql")')
    # the rare words, rarest first, while they match at most ROWS rows together
    counts = {"data": 13_000, "engineer": 40_000, "python": 9_000, "go": 0, "sql": 6_000}
    assert pool_fit.ROWS == 12_000
    assert pool_fit.rare_words(list(counts), counts) == ["sql"]
    assert pool_fit.rare_words(["python"], counts) == ["python"]  # one word: kept whatever its rows
    # one title word: no AND; nothing rare: the rarest word held
    assert pool_fit.expression(["engineer"], ["engineer", "data"], counts) == '{headline tags notes languages} : ("data")'
    assert pool_fit.expression(["go"], ["go"], counts) is None


def test_rediscover_does_not_import_textual_and_prints_text_lines(tmp_path):
    path = tmp_path / "demo.db"
    subprocess.run([sys.executable, "-m", "sourcer_tui", "demo-data", "--db", str(path)], check=True, capture_output=True)
    code = (
        "import sys; from sourcer_tui.cli import main; "
        f"main(['--db', {str(path)!r}, 'rediscover', '--mission', '1', '--limit', '3']); "
        "print('textual' in sys.modules)"
    )
    lines = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60).stdout.splitlines()
    assert lines[-1] == "False" and len(lines) == 4
    assert "interviewed for Data Engineer" in lines[0] and "declined: timing" in lines[0]
