"""Tests for sourcer_tui.demo: the demo database and the scale builder."""

from __future__ import annotations

import datetime as dt

import pytest

from sourcer_tui.db import derived, search
from sourcer_tui.db.database import open_database
from sourcer_tui.db.models import Candidacy, Mission, Reminder, Snooze, Talent, Touchpoint
from sourcer_tui.domain.vocab import (
    CLOSED_STAGES,
    DEFAULT_DECLINE_REASONS,
    DEFAULT_SOURCES,
    DEFAULT_STAGES,
    FEEDBACK_KINDS,
    TOUCHPOINT_KINDS,
)
from sourcer_tui import demo

TODAY = dt.date(2026, 11, 23)
END_OF_TODAY = dt.datetime(2026, 11, 23, 23, 59, 59)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """One demo database for the read-only tests of this module."""
    db = open_database(tmp_path_factory.mktemp("demo") / "demo.db")
    counts = demo.build_demo(db, TODAY)
    yield db, counts
    db.close()


@pytest.fixture
def demo_rows(demo_db):
    """Re-binds the models to the shared demo file (other fixtures rebind the proxy)."""
    db, counts = demo_db
    from sourcer_tui.db.models import database_proxy

    database_proxy.initialize(db)
    return db, counts


def _scalar(db, sql, params=()):
    return db.execute_sql(sql, params).fetchone()[0]


# --------------------------------------------------------------------- demo: shape


def test_counts_are_in_the_stated_ranges(demo_rows):
    db, counts = demo_rows
    assert counts["missions"] == 4
    assert counts["talents"] == 150
    assert 140 <= counts["candidacies"] <= 170
    assert 400 <= counts["touchpoints"] <= 1200
    assert 150 <= counts["reminders"] <= 600
    assert 12 <= counts["snoozes"] <= 60
    assert counts == {
        "missions": Mission.select().count(),
        "talents": Talent.select().count(),
        "candidacies": Candidacy.select().count(),
        "touchpoints": Touchpoint.select().count(),
        "reminders": Reminder.select().count(),
        "snoozes": Snooze.select().count(),
    }


def test_missions(demo_rows):
    missions = {m.title: m for m in Mission.select()}
    assert missions["Senior Backend Engineer"].client == "Lumen Health"
    assert missions["Product Designer"].client == "Kiosk"
    assert missions["Data Engineer"].client == "Vélo Cargo"
    assert missions["Engineering Manager"].status == "on_hold"


def test_every_stage_and_source_is_present(demo_rows):
    stages = {c.stage for c in Candidacy.select(Candidacy.stage)}
    assert set(DEFAULT_STAGES) | set(CLOSED_STAGES) <= stages
    sources = {t.source for t in Talent.select(Talent.source)}
    assert sources == set(DEFAULT_SOURCES)


def test_pool_and_double_candidacies(demo_rows):
    db, _ = demo_rows
    in_pool = _scalar(db, "SELECT COUNT(*) FROM talent WHERE id NOT IN (SELECT talent_id FROM candidacy)")
    assert 10 <= in_pool <= 20
    doubles = _scalar(db, "SELECT COUNT(*) FROM (SELECT talent_id FROM candidacy GROUP BY 1 HAVING COUNT(*) > 1)")
    assert doubles >= 5


def test_talents_look_real(demo_rows):
    talents = list(Talent.select())
    names = [t.name for t in talents]
    assert len(set(names)) == len(names)
    assert any(ch in "".join(names) for ch in "éèëïçÉ")
    for t in talents:
        assert t.email_norm == t.email.strip().lower()
        assert not t.linkedin_url or t.linkedin_url.startswith("https://linkedin.example.com/in/")  # reserved: nobody's
        assert t.tags == t.tags.lower()
        if t.source in ("referral", "social_referral"):
            assert t.referred_by
    assert {t.location for t in talents} >= {"Paris", "Lyon"}


def test_declined_and_rejected_are_closed(demo_rows):
    declined = list(Candidacy.select().where(Candidacy.stage == "declined"))
    assert declined
    assert {c.decline_reason for c in declined} <= set(DEFAULT_DECLINE_REASONS)
    assert len({c.decline_reason for c in declined}) >= 4
    assert all(c.closed_at is not None for c in declined)
    rejected = Candidacy.select().where(Candidacy.stage == "rejected")
    assert all(c.closed_at is not None for c in rejected)
    open_ = Candidacy.select().where(Candidacy.stage.not_in(CLOSED_STAGES))
    assert all(c.closed_at is None and c.decline_reason is None for c in open_)


def test_touchpoints_are_consistent(demo_rows):
    db, _ = demo_rows
    kinds = {tp.kind for tp in Touchpoint.select(Touchpoint.kind)}
    assert kinds <= set(TOUCHPOINT_KINDS)
    assert {"approach", "followup", "reply_positive", "reply_negative", "call", "interview",
            "reverse_interview", "inbound"} <= kinds
    assert Touchpoint.select().where(Touchpoint.happened_at > END_OF_TODAY).count() == 0
    # needs_feedback exactly for the feedback kinds
    for tp in Touchpoint.select(Touchpoint.kind, Touchpoint.needs_feedback, Touchpoint.direction):
        assert tp.needs_feedback == (tp.kind in FEEDBACK_KINDS)
        assert tp.direction == TOUCHPOINT_KINDS[tp.kind][2]
    # outreach steps: 0 first message, k follow-up k, in order, spaced by the cadence
    assert Touchpoint.select().where((Touchpoint.kind == "approach") & (Touchpoint.step != 0)).count() == 0
    assert {tp.step for tp in Touchpoint.select().where(Touchpoint.kind == "followup")} == {1, 2, 3}
    late = _scalar(db, """
        SELECT COUNT(*) FROM touchpoint a JOIN touchpoint b
        ON a.candidacy_id = b.candidacy_id AND b.step = a.step + 1
        WHERE julianday(date(b.happened_at)) - julianday(date(a.happened_at)) NOT IN (2, 3, 4, 7)""")
    assert late == 0
    # the candidacy agrees with its history
    bad = _scalar(db, """
        SELECT COUNT(*) FROM candidacy c WHERE last_step_sent IS NOT
        (SELECT MAX(step) FROM touchpoint t WHERE t.candidacy_id = c.id)""")
    assert bad == 0
    replies = Candidacy.select().where(Candidacy.reply_sentiment.is_null(False))
    assert {c.reply_sentiment for c in replies} == {"positive", "negative"}
    for c in Candidacy.select().where(Candidacy.stage == "sourced"):
        assert c.sequence_state == "none" and c.first_contact_at is None


def test_feedback_present_for_most_and_missing_for_a_few_recent(demo_rows):
    with_feedback = Touchpoint.select().where(Touchpoint.needs_feedback & Touchpoint.feedback_at.is_null(False))
    assert with_feedback.count() >= 30
    assert with_feedback.where(Touchpoint.next_step != "", Touchpoint.next_step_due.is_null(False)).count() >= 10
    missing = list(Touchpoint.select().where(Touchpoint.needs_feedback & Touchpoint.feedback_at.is_null()))
    assert 5 <= len(missing) <= 12
    assert all(tp.happened_at.date() >= TODAY - dt.timedelta(days=3) for tp in missing)
    assert {tp.kind for tp in missing} <= FEEDBACK_KINDS


def test_followup_reminders_overdue_today_and_upcoming(demo_rows):
    pending = Reminder.select().where((Reminder.status == "pending") & (Reminder.kind == "followup"))
    assert pending.where(Reminder.due < TODAY).count() >= 1
    assert pending.where(Reminder.due == TODAY).count() >= 1
    assert pending.where(Reminder.due > TODAY).count() >= 1
    for r in pending:
        assert 1 <= r.step <= 3
        assert r.detail.startswith(f"Follow-up {r.step}/")
        assert r.candidacy.sequence_state == "active"


def test_next_step_reminders_are_linked_to_their_touchpoint(demo_rows):
    pending = Reminder.select().where((Reminder.status == "pending") & (Reminder.kind == "next_step"))
    assert pending.where(Reminder.due < TODAY).count() >= 1
    assert pending.where(Reminder.due == TODAY).count() >= 1
    assert pending.where(Reminder.due > TODAY).count() >= 1
    for r in pending:
        assert r.touchpoint is not None
        assert r.touchpoint.next_step == r.detail
        assert r.touchpoint.next_step_due == r.due


def test_wake_up_and_keep_in_touch_reminders(demo_rows):
    wake = Reminder.select().where((Reminder.status == "pending") & (Reminder.kind == "wake_up"))
    assert wake.where(Reminder.due <= TODAY).count() >= 2
    kit = Reminder.select().where((Reminder.status == "pending") & (Reminder.kind == "keep_in_touch"))
    assert kit.count() >= 2


def test_active_snoozes_each_have_their_wake_up(demo_rows):
    active = list(Snooze.select().where(Snooze.active == True))  # noqa: E712
    assert 10 <= len(active) <= 25
    assert len({s.talent_id for s in active}) == len(active)
    ahead = [s for s in active if s.until > TODAY]
    assert min(s.until for s in ahead) <= TODAY + dt.timedelta(days=10)
    assert max(s.until for s in ahead) >= TODAY + dt.timedelta(days=300)
    assert {s.kind for s in active} == {"manual", "no_reply", "trial_end", "keep_in_touch"}
    for s in active:
        assert s.reason
        assert s.since <= TODAY
        kind = "keep_in_touch" if s.kind == "keep_in_touch" else "wake_up"  # a kept-in-touch talent's end is the next call
        wake = Reminder.select().where(
            (Reminder.talent == s.talent_id) & (Reminder.kind == kind)
            & (Reminder.status == "pending") & (Reminder.due == s.until))
        assert wake.count() == 1
        assert wake.get().snooze_id == s.id


def test_search_finds_a_demo_talent(demo_rows):
    talent = Talent.select().where(Talent.name.contains("é")).order_by(Talent.id).first()
    first_name = talent.name.split()[0]
    found = Talent.select().where(search.talent_filter(first_name))
    assert talent.id in {t.id for t in found}
    # diacritics are folded: "Zoé" is found by "zoe"
    folded = first_name.replace("é", "e").replace("É", "E").lower()
    assert talent.id in {t.id for t in Talent.select().where(search.talent_filter(folded))}


# --------------------------------------------------------------------- demo: determinism


def _fingerprint(db):
    names = [r[0] for r in db.execute_sql("SELECT name FROM talent ORDER BY id")]
    per_talent = db.execute_sql("SELECT talent_id, COUNT(*) FROM touchpoint GROUP BY 1 ORDER BY 1").fetchall()
    dates = db.execute_sql("SELECT happened_at, kind FROM touchpoint ORDER BY id").fetchall()
    return names, per_talent, dates


def test_demo_is_deterministic(tmp_path):
    first = open_database(tmp_path / "a.db")
    counts_a = demo.build_demo(first, TODAY)
    print_a = _fingerprint(first)
    first.close()
    second = open_database(tmp_path / "b.db")
    counts_b = demo.build_demo(second, TODAY)
    print_b = _fingerprint(second)
    assert counts_a == counts_b
    assert print_a == print_b
    second.close()
    other = open_database(tmp_path / "c.db")
    demo.build_demo(other, TODAY, seed=8)
    assert _fingerprint(other)[0] != print_a[0]
    other.close()


def test_demo_refuses_a_database_with_data(db):
    demo.build_demo(db, TODAY)
    with pytest.raises(ValueError):
        demo.build_demo(db, TODAY)


def test_ensure_demo_builds_once(tmp_path):
    path = tmp_path / "sub" / "demo.db"
    db = demo.ensure_demo(path, TODAY)
    talents = Talent.select().count()
    db.close()
    again = demo.ensure_demo(path, TODAY)
    assert Talent.select().count() == talents == 150 + len(demo.small._OLD_TALENTS)  # + the privacy-review examples
    again.close()


# --------------------------------------------------------------------- scale


def test_build_scale_exact_counts_search_and_triggers(tmp_path):
    db = open_database(tmp_path / "scale.db")
    lines = []
    counts = demo.build_scale(db, TODAY, talents=2000, touchpoints=20000, progress=lines.append)
    assert lines
    assert counts["talents"] == Talent.select().count() == 2000
    assert counts["touchpoints"] == Touchpoint.select().count() == 20000
    assert 30 <= counts["missions"] <= 50
    assert {m.status for m in Mission.select()} == {"open", "on_hold", "closed"}
    stages = {c.stage for c in Candidacy.select(Candidacy.stage)}
    assert set(DEFAULT_STAGES) | set(CLOSED_STAGES) <= stages
    per_talent = db.execute_sql(
        "SELECT COUNT(*) FROM (SELECT talent_id FROM candidacy GROUP BY 1 HAVING COUNT(*) > 2)").fetchone()[0]
    assert per_talent == 0
    longest = db.execute_sql(
        "SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM touchpoint GROUP BY talent_id)").fetchone()[0]
    assert longest >= 50
    pending = Reminder.select().where(Reminder.status == "pending")
    assert pending.where(Reminder.due < TODAY).count() > 0
    snoozed = Snooze.select().where(Snooze.active == True).count()  # noqa: E712
    assert 0.01 * 2000 <= snoozed <= 0.04 * 2000
    # the FTS index was rebuilt...
    some = Talent.get_by_id(1234)
    assert some.id in {t.id for t in Talent.select().where(search.talent_filter(some.name))}
    # ...and its triggers are back: a new talent is searchable at once
    triggers = {r[0] for r in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {"talent_fts_insert", "talent_fts_delete", "talent_fts_update"} <= triggers
    new = Talent.create(name="Bérénice Quasimodo-Zyx", email="bq@example.org", email_norm="bq@example.org")
    assert [t.id for t in Talent.select().where(search.talent_filter("quasimodo"))] == [new.id]
    Talent.update(name="Bérénice Plumeau").where(Talent.id == new.id).execute()
    assert Talent.select().where(search.talent_filter("quasimodo")).count() == 0
    assert [t.id for t in Talent.select().where(search.talent_filter("plumeau"))] == [new.id]
    # the stage counts were made after the load, and their triggers are back too
    recount = "SELECT mission_id, stage, COUNT(*) FROM candidacy GROUP BY 1, 2"
    kept = "SELECT mission_id, stage, n FROM candidacy_count WHERE n != 0"
    assert sorted(db.execute_sql(kept).fetchall()) == sorted(db.execute_sql(recount).fetchall())
    Candidacy.update(stage="hired").where(Candidacy.id == 1).execute()
    assert sorted(db.execute_sql(kept).fetchall()) == sorted(db.execute_sql(recount).fetchall())
    db.close()


def test_build_scale_fits_a_small_budget(tmp_path):
    """Fewer touchpoints than the histories need: histories shrink, counts stay exact."""
    db = open_database(tmp_path / "small.db")
    counts = demo.build_scale(db, TODAY, talents=300, touchpoints=100)
    assert counts["talents"] == 300 and counts["touchpoints"] == 100
    assert Touchpoint.select().count() == 100
    db.close()


@pytest.mark.sqlite_only("the SQLite triggers of the derived tables")
def test_derived_triggers_suspended_restores_on_error(db):
    before = db.execute_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").fetchall()
    with pytest.raises(RuntimeError):
        with derived.triggers_suspended(db):
            names = {name for (name,) in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()}
            assert names and not names & set(derived.TRIGGERS)  # the row versions' triggers stay: a load is no edit
            raise RuntimeError
    after = db.execute_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").fetchall()
    assert after == before


def test_the_demo_follows_the_snooze_rule(tmp_path):
    """No snooze outlives a reply in the demo: the generator draws contacts apart
    from snoozes, and a reply drawn after a snooze began ends it, as in the app."""
    from sourcer_tui.services import snooze_repair

    db = open_database(tmp_path / "demo.db")
    try:
        demo.build_demo(db, TODAY)
        assert snooze_repair.repair(dt.datetime.combine(TODAY, dt.time(12))) == {}
    finally:
        db.close()


# --------------------------------------------------------------------- the demo in French

#: The columns a sourcer writes: the only ones the language may change.
_TEXT_COLUMNS = {
    "mission": ("notes", "must_haves"),
    "talent": ("location", "referred_by", "tags", "notes", "notice_period", "languages"),
    "candidacy": ("decline_detail",),
    "touchpoint": ("summary", "feedback_given", "impression", "next_step"),
    "snooze": ("reason",),
    "reminder": ("detail",),
}
#: Words of the English demo's sentences that a French sourcer's notes never hold.
_ENGLISH_WORDS = ("the", "and", "with", "for", "after", "their", "them", "they", "we", "our", "from",
                  "next", "follow-up", "reply", "looking", "months", "ends", "keep", "asked", "until",
                  "wants", "joined", "told", "said", "shared", "sent", "invited", "offer", "declined")
#: Common French words: most of what the French demo wrote holds one of them.
_FRENCH_WORDS = ("le", "la", "les", "de", "des", "du", "un", "une", "pour", "sur", "avec", "à", "au",
                 "en", "et", "son", "sa", "ses", "pas", "on", "lui", "relance", "appel", "entretien",
                 "proposition", "vivier", "préqualification", "cooptation", "mois", "aucun", "français",
                 "anglais", "ou")


def _words(text: str) -> set[str]:
    import re

    return set(re.findall(r"[\w-]+", text.lower()))


def _rows(db, table: str, columns: tuple[str, ...] | None = None, *, text: bool = False):
    """A table's rows, without its text columns (or only them, with *text*)."""
    names = [r[1] for r in db.execute_sql(f"PRAGMA table_info({table})").fetchall()]
    kept = [n for n in names if (n in _TEXT_COLUMNS[table]) == text] if columns is None else list(columns)
    return db.execute_sql(f"SELECT {', '.join(kept)} FROM {table} ORDER BY rowid").fetchall()


@pytest.fixture(scope="module")
def demo_fr(tmp_path_factory):
    db = open_database(tmp_path_factory.mktemp("demo_fr") / "demo-fr.db")
    counts = demo.build_demo(db, TODAY, language="fr")
    yield db, counts
    db.close()


def test_the_french_demo_has_the_english_numbers(demo_db, demo_fr):
    """Only the words differ: the French screen shows the numbers of the English one."""
    (en, en_counts), (fr, fr_counts) = demo_db, demo_fr
    assert fr_counts == en_counts
    for sql in (
        "SELECT mission_id, stage, COUNT(*) FROM candidacy GROUP BY 1, 2 ORDER BY 1, 2",
        "SELECT kind, status, due, COUNT(*) FROM reminder GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
        "SELECT kind, active, until, COUNT(*) FROM snooze GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
        "SELECT COUNT(*) FROM touchpoint WHERE needs_feedback AND feedback_at IS NULL",
        "SELECT source, COUNT(*) FROM talent GROUP BY 1 ORDER BY 1",
    ):
        assert _scalar_rows(fr, sql) == _scalar_rows(en, sql), sql
    # every row, every date, every id: the same, text aside
    for table in _TEXT_COLUMNS:
        assert _rows(fr, table) == _rows(en, table), table


def _scalar_rows(db, sql):
    return db.execute_sql(sql).fetchall()


def test_the_french_demo_is_written_in_french(demo_fr):
    db, _ = demo_fr
    checked = 0
    for table, columns in _TEXT_COLUMNS.items():
        for column in columns:
            if column in ("location", "tags", "referred_by"):
                continue  # places, keywords, names
            texts = {t for (t,) in _rows(db, table, (column,)) if t}
            assert texts, (table, column)
            for text in texts:
                assert not _words(text) & set(_ENGLISH_WORDS), (table, column, text)
            french = [t for t in texts if _words(t) & set(_FRENCH_WORDS)]
            assert len(french) >= 0.6 * len(texts), (table, column, sorted(set(texts) - set(french)))
            checked += len(texts)
    assert checked >= 150
    given = {t for (t,) in db.execute_sql("SELECT feedback_given FROM touchpoint WHERE feedback_given != ''")}
    assert any("je lui ai" in t.lower() for t in given)
    details = {t for (t,) in db.execute_sql("SELECT detail FROM reminder WHERE kind = 'followup'")}
    assert details and all(t.startswith("Relance ") for t in details)
    reasons = {t for (t,) in db.execute_sql("SELECT reason FROM snooze WHERE kind = 'no_reply'")}
    assert reasons and all(t.startswith("pas de réponse après") for t in reasons)
    summaries = " ".join(t for (t,) in db.execute_sql("SELECT summary FROM touchpoint"))
    for word in ("Relance", "préqualification", "Entretien inversé", "vivier", "Cooptation"):
        assert word in summaries
    places = {t for (t,) in db.execute_sql("SELECT location FROM talent")}
    assert "Télétravail" in places and "Remote" not in places


def test_the_english_demo_stays_english(demo_rows):
    db, _ = demo_rows
    details = {t for (t,) in db.execute_sql("SELECT detail FROM reminder WHERE kind = 'followup'")}
    assert all(t.startswith("Follow-up ") for t in details)
    notes = {t for (t,) in db.execute_sql("SELECT notes FROM mission")}
    assert "On hold until the Series B closes; keep candidates warm." in notes


def test_every_language_has_the_shape_of_the_english():
    """Same lengths, same keys: the draws, and so every count, cannot differ."""
    from sourcer_tui.demo.texts import ENGLISH, texts

    french = texts("fr")
    assert texts("en") is texts("pseudo") is ENGLISH
    for name in ("summary", "given", "impression"):
        en, fr = getattr(ENGLISH, name), getattr(french, name)
        assert {k: len(v) for k, v in fr.items()} == {k: len(v) for k, v in en.items()}, name
    for name in ("next_step", "decline_detail", "manual_snoozes", "mission_notes"):
        assert getattr(french, name).keys() == getattr(ENGLISH, name).keys(), name
    for name in ("talent_notes", "referral_contexts", "social_contexts", "general_tags", "locations"):
        assert len(getattr(french, name)) == len(getattr(ENGLISH, name)), name
    assert {t: {k: len(v) for k, v in s.items()} for t, s in french.tracks.items()} == \
        {t: {k: len(v) for k, v in s.items()} for t, s in ENGLISH.tracks.items()}
    assert all(tag == tag.lower() for tags in (french.general_tags, *(s["tags"] for s in french.tracks.values()))
               for tag in tags)


def test_the_scale_builder_speaks_french_with_the_same_counts(tmp_path):
    counts = {}
    for language in ("en", "fr"):
        db = open_database(tmp_path / f"scale-{language}.db")
        counts[language] = demo.build_scale(db, TODAY, talents=400, touchpoints=3000, language=language)
        notes = {t for (t,) in db.execute_sql("SELECT notes FROM mission")}
        details = {t for (t,) in db.execute_sql("SELECT detail FROM reminder WHERE kind = 'followup'")}
        word = " pour " if language == "fr" else " for "
        assert all(word in t for t in notes)
        assert details and all(t.startswith("Relance " if language == "fr" else "Follow-up ") for t in details)
        db.close()
    assert counts["fr"] == counts["en"]


def test_the_cli_demo_has_a_file_per_language(monkeypatch, capsys):
    """`--demo` opens the demo of the language shown: demo.db in English, demo-fr.db in French."""
    from sourcer_tui.cli.main import main
    from sourcer_tui.locations import demo_db_path

    english, french = demo_db_path(), demo_db_path().with_name("demo-fr.db")
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert main(["today", "--demo"]) == 0
    assert french.exists() and not english.exists()
    db = open_database(french)
    try:
        details = {t for (t,) in db.execute_sql("SELECT detail FROM reminder WHERE kind = 'followup'")}
        assert details and all(t.startswith("Relance ") for t in details)
    finally:
        db.close()
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert main(["today", "--demo"]) == 0
    assert english.exists()
    db = open_database(english)
    try:
        details = {t for (t,) in db.execute_sql("SELECT detail FROM reminder WHERE kind = 'followup'")}
        assert details and all(t.startswith("Follow-up ") for t in details)
    finally:
        db.close()
    capsys.readouterr()


def test_the_demo_has_the_facts_recruiters_ask_about(demo_rows):
    """Salary, availability and the missions' briefs, so `v`, the €!/⌂! marks
    and Today's hours show something on the demo."""
    db, counts = demo_rows
    with_salary = _scalar(db, "SELECT count(*) FROM talent WHERE salary_amount IS NOT NULL")
    assert 0.5 * counts["talents"] <= with_salary <= 0.8 * counts["talents"]
    assert _scalar(db, "SELECT count(*) FROM talent WHERE salary_period = 'day' AND salary_amount < 1000") > 0
    assert _scalar(db, "SELECT count(*) FROM talent WHERE available_from >= ?", (TODAY.isoformat(),)) > 0
    assert _scalar(db, "SELECT count(DISTINCT remote_pref) FROM talent WHERE remote_pref != ''") == 3
    assert _scalar(db, "SELECT count(*) FROM mission WHERE salary_min < salary_max AND must_haves != ''") == 4
    # some talents in a mission ask for more than its range: the pipeline marks them
    assert _scalar(db, "SELECT count(*) FROM candidacy c JOIN talent t ON t.id = c.talent_id"
                       " JOIN mission m ON m.id = c.mission_id WHERE t.salary_period = 'year'"
                       " AND t.salary_amount > m.salary_max") > 0
    timed = _scalar(db, "SELECT count(*) FROM reminder WHERE kind = 'next_step' AND status = 'pending'"
                        " AND due_time IS NOT NULL")
    assert timed > 0
    assert timed == _scalar(db, "SELECT count(*) FROM reminder r JOIN touchpoint t ON t.id = r.touchpoint_id"
                                " WHERE r.kind = 'next_step' AND r.status = 'pending'"
                                " AND r.due_time = t.next_step_time")
