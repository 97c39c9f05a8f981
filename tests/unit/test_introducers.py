"""Issue 21 item 3: introductions (social referral) — introducers, how far each
introduction went, the thank-you owed in Today, Stats by introducer, migration 0023."""

from __future__ import annotations

import datetime as dt

import peewee
from playhouse import migrations

from sourcer_tui.config import Settings
from sourcer_tui.db.database import MIGRATIONS_DIR, open_database
from sourcer_tui.db.models import Introducer, Recognition, Reminder, Talent, Touchpoint
from sourcer_tui.domain.introductions import Progress, figures, milestone_due, progress
from sourcer_tui.domain.vocab import DEFAULT_SOURCES, DEFAULT_STAGES
from sourcer_tui.services import introducers, merge, missions, panes, pipeline, reminders, snoozes, talents, touchpoints

SETTINGS = Settings()
NOW = dt.datetime(2026, 12, 1, 10, 0)
TODAY = NOW.date()


def _talent(name: str, **extra) -> int:
    return talents.create_talent({"name": name, **extra}, DEFAULT_SOURCES, NOW)


def test_progress_is_the_furthest_stage_and_what_the_contacts_say():
    assert progress([], False, False, False, DEFAULT_STAGES) == Progress("", "", False, False, False, False)
    assert progress(["sourced", "offer"], True, True, False, DEFAULT_STAGES) == Progress("offer", "", True, True, True, False)
    # closed after an interview: it still reached interview
    assert progress(["declined"], True, True, True, DEFAULT_STAGES) == Progress("interviewing", "declined", True, True, True, False)
    assert progress(["rejected", "declined"], True, False, False, DEFAULT_STAGES) == Progress("approached", "rejected", True, False, False, False)
    hired = progress(["hired"], True, True, True, DEFAULT_STAGES)
    assert hired.hired and milestone_due(hired) == "hired"
    assert milestone_due(progress(["screening"], True, True, False, DEFAULT_STAGES)) is None
    assert milestone_due(progress(["reverse_interview"], True, True, False, DEFAULT_STAGES)) == "interview"


def test_figures_by_introducer_count_each_talent_once():
    p = lambda *stages, **kw: progress(stages, kw.get("c", False), kw.get("r", False), False, DEFAULT_STAGES)  # noqa: E731
    lines = figures([
        (1, "Paul", "social_referral", p("hired", c=True, r=True)),
        (1, "Paul", "linkedin", p("approached", "replied", c=True, r=True)),
        (2, "Anne", "referral", p("sourced")),
    ])
    assert [f.as_dict() for f in lines] == [
        {"introducer_id": 1, "name": "Paul", "introductions": 2, "contacted": 2, "replied": 2, "reached_interview": 1, "hired": 1, "referral_source": 1},
        {"introducer_id": 2, "name": "Anne", "introductions": 1, "contacted": 0, "replied": 0, "reached_interview": 0, "hired": 0, "referral_source": 1},
    ]


def test_same_name_is_one_introducer_and_a_blank_is_none(db):
    a, b, c = _talent("Ana"), _talent("Bea"), _talent("Cy")
    paul = introducers.set_introducer(a, "  Paul Durand ", NOW)
    assert introducers.set_introducer(b, "Paul Durand", NOW) == paul
    assert introducers.set_introducer(c, "paul durand", NOW) != paul  # case kept: maybe two people
    assert Talent.get_by_id(a).referred_by == "Paul Durand"
    assert [(r.name, r.introductions) for r in introducers.list_introducers()] == [("Paul Durand", 2), ("paul durand", 1)]
    assert introducers.set_introducer(c, "", NOW) is None
    assert Talent.get_by_id(c).introducer_id is None and Talent.get_by_id(c).referred_by == ""
    assert introducers.names() == ["Paul Durand", "paul durand"]


def test_interview_then_hired_plan_one_thank_you_each_and_done_records_it(db):
    mission = missions.create_mission({"title": "Dev"}, NOW)
    referrer = _talent("Paul Durand")
    ana = _talent("Ana Martin")
    introducer = introducers.set_introducer(ana, "Paul Durand", NOW)
    introducers.edit_introducer(introducer, {"name": "Paul Durand", "company": "Acme", "channel": "email", "talent_id": referrer}, NOW)
    candidacy = pipeline.add_to_mission(ana, mission, NOW)
    snoozes.snooze_talent(ana, TODAY + dt.timedelta(days=90), "later", NOW)  # a snooze hides no thank-you
    pipeline.move_stage(candidacy, "screening", NOW)
    assert not Reminder.select().where(Reminder.kind == introducers.THANK).exists()
    pipeline.move_stage(candidacy, "interviewing", NOW)
    pipeline.move_stage(candidacy, "offer", NOW)  # still the one thank-you for the interview
    [item] = [r for r in panes.fetch_due(TODAY, 0, 50) if r.kind == introducers.THANK]
    assert (item.talent_id, item.detail) == (ana, "Paul Durand · reached interview")
    reminders.complete(item.reminder_id, NOW, SETTINGS, message="T-shirt sent")
    [rec] = Recognition.select()
    assert (rec.introducer_id, rec.talent_id, rec.milestone, rec.note) == (introducer, ana, "interview", "T-shirt sent")
    note = Touchpoint.get_by_id(rec.touchpoint_id)  # the introducer is a talent: on their timeline
    assert (note.talent_id, note.kind, note.channel, note.summary) == (referrer, "note", "email", "T-shirt sent")
    pipeline.move_stage(candidacy, "hired", NOW)
    assert [(r.detail, r.status) for r in Reminder.select().where(Reminder.kind == introducers.THANK).order_by(Reminder.id)] == [
        ("interview", "done"), ("hired", "pending")]
    page = introducers.page(introducer)
    assert page.talent_name == "Paul Durand" and page.row.company == "Acme"
    [intro] = page.introductions
    assert (intro.name, intro.progress.furthest, intro.progress.hired, intro.thanked) == ("Ana Martin", "hired", True, ("interview",))
    assert [(r.milestone, r.talent, r.note) for r in page.recognitions] == [("interview", "Ana Martin", "T-shirt sent")]


def test_an_interview_logged_plans_the_thank_you_even_when_snoozed(db):
    mission = missions.create_mission({"title": "Dev"}, NOW)
    ana = _talent("Ana")
    introducers.set_introducer(ana, "Léa", NOW)
    candidacy = pipeline.add_to_mission(ana, mission, NOW)
    touchpoints.log_touchpoint(ana, candidacy, "interview", NOW, SETTINGS)
    snoozes.snooze_talent(ana, TODAY + dt.timedelta(days=90), "busy", NOW)
    due = [r for r in panes.fetch_due(TODAY, 0, 50) if r.kind == introducers.THANK]
    assert [r.detail for r in due] == ["Léa · reached interview"]
    # the recognition of an introducer who is not a talent is its own record
    reminders.complete(due[0].reminder_id, NOW, SETTINGS)
    [rec] = Recognition.select()
    assert rec.touchpoint_id is None and rec.note == "Thanked for the introduction"


def test_stats_by_introducer_and_the_referral_source(db):
    mission = missions.create_mission({"title": "Dev"}, NOW)
    a = _talent("Ana", source="social_referral")
    b = _talent("Bea", source="linkedin")
    for t in (a, b):
        introducers.set_introducer(t, "Paul", NOW)
    ca = pipeline.add_to_mission(a, mission, NOW)
    touchpoints.log_touchpoint(a, ca, "approach", NOW, SETTINGS)
    touchpoints.log_touchpoint(a, ca, "reply_positive", NOW, SETTINGS)
    pipeline.move_stage(ca, "hired", NOW)
    [line] = introducers.by_introducer()
    assert line.as_dict() == {"introducer_id": line.introducer_id, "name": "Paul", "introductions": 2, "contacted": 1, "replied": 1,
                              "reached_interview": 1, "hired": 1, "referral_source": 1}
    assert introducers.by_introducer(mission_id=mission)[0].introductions == 1
    assert introducers.by_introducer(since=TODAY + dt.timedelta(days=1)) == []


def test_merge_keeps_the_introduction(db):
    kept, other = _talent("Élodie Martin"), _talent("Elodie Martin")
    paul = introducers.set_introducer(other, "Paul", NOW)
    merge.merge_talents(kept, other, {}, NOW, DEFAULT_STAGES)
    assert Talent.get_by_id(kept).introducer_id == paul
    assert introducers.list_introducers()[0].introductions == 1


def test_import_headers_make_introducers(db, tmp_path):
    from sourcer_tui.services import importer

    path = tmp_path / "in.csv"
    path.write_text("Nom complet,Recommandé par\nAna,Paul Durand\nBea,Paul Durand\nCy,\n", encoding="utf-8")
    importer.run_import(path, now=NOW)
    assert [(r.name, r.introductions) for r in introducers.list_introducers()] == [("Paul Durand", 2)]


def test_migration_0023_turns_referred_by_into_introducers(tmp_path):
    path = tmp_path / "old.db"
    old = peewee.SqliteDatabase(str(path), pragmas={"foreign_keys": 1})
    assert migrations.Runner(old, str(MIGRATIONS_DIR)).up(target="0021_talent_stage_lists")[-1] == "0021_talent_stage_lists"
    for name, referred, stamp in (("Ana", "Paul", "2025-02-01 10:00:00"), ("Bea", "Paul", "2025-01-01 10:00:00"), ("Cy", "paul", "2025-03-01 10:00:00"),
                                  ("Dee", "", "2025-03-01 10:00:00"), ("Eve", "Anne Roux", "2025-04-01 10:00:00")):
        old.execute_sql("INSERT INTO talent (name, headline, company, email, email_norm, phone, linkedin_url, location, source, referred_by, "
                        "tags, notes, created_at, updated_at) VALUES (?, '', '', '', '', '', '', '', 'referral', ?, '', '', ?, ?)", (name, referred, stamp, stamp))
    old.close()
    db = open_database(path)
    assert db.execute_sql("SELECT id, name, created_at FROM introducer ORDER BY id").fetchall() == [
        (1, "Paul", "2025-01-01 10:00:00"), (2, "paul", "2025-03-01 10:00:00"), (3, "Anne Roux", "2025-04-01 10:00:00")]
    assert db.execute_sql("SELECT name, introducer_id, referred_by FROM talent ORDER BY id").fetchall() == [
        ("Ana", 1, "Paul"), ("Bea", 1, "Paul"), ("Cy", 2, "paul"), ("Dee", None, ""), ("Eve", 3, "Anne Roux")]
    db.close()


def test_the_stats_report_and_its_json_have_the_section(db):
    from sourcer_tui.services import stats, stats_report

    a, b = _talent("Ana", source="referral"), _talent("Bea", source="linkedin")
    introducers.set_introducer(a, "Paul", NOW)
    introducers.set_introducer(b, "Paul", NOW)
    report = stats.compute(None, None, SETTINGS.talent.decline_reasons, SETTINGS.talent.sources)
    data = report.as_dict()
    assert data["introduced"] == {"talents": 2, "with_referral_source": 1}
    assert [(f["name"], f["introductions"], f["contacted"]) for f in data["by_introducer"]] == [("Paul", 2, 0)]
    text = stats_report.text_report(report, "All")
    assert "By introducer" in text
    assert "2 talents introduced, 1 of them with the source referral or social referral" in text


def test_json_export_round_trip_and_an_older_export_with_referred_by(db, tmp_path):
    import json

    from sourcer_tui.db.database import open_database as reopen
    from sourcer_tui.db.models import database_proxy
    from sourcer_tui.services import exchange

    referrer = _talent("Paul Durand")
    ana = _talent("Ana")
    paul = introducers.set_introducer(ana, "Paul Durand", NOW)
    introducers.edit_introducer(paul, {"name": "Paul Durand", "talent_id": referrer, "channel": "email"}, NOW)
    mission = missions.create_mission({"title": "Dev"}, NOW)
    pipeline.move_stage(pipeline.add_to_mission(ana, mission, NOW), "interviewing", NOW)
    [item] = [r for r in panes.fetch_due(TODAY, 0, 50) if r.kind == introducers.THANK]
    reminders.complete(item.reminder_id, NOW, SETTINGS, message="merci")
    out = tmp_path / "all.json"
    counts = exchange.export_json(out, now=NOW)
    assert (counts["introducers"], counts["recognitions"]) == (1, 1)
    document = json.loads(out.read_text())
    for path, doc in (("new.db", document),):
        other = reopen(tmp_path / path)
        database_proxy.initialize(other)
        exchange.import_json(out, NOW)
        assert [(r.name, r.talent_id, r.introductions) for r in introducers.list_introducers()] == [("Paul Durand", referrer, 1)]
        assert [(r.milestone, r.note) for r in Recognition.select()] == [("interview", "merci")]
        other.close()
    # an export made before 0023: referred_by only, no introducers' lists
    del document["introducers"], document["recognitions"]
    for row in document["talents"]:
        row.pop("introducer_id")
    old = tmp_path / "old.json"
    old.write_text(json.dumps(document))
    other = reopen(tmp_path / "old.db")
    database_proxy.initialize(other)
    exchange.import_json(old, NOW)
    assert [(r.name, r.introductions) for r in introducers.list_introducers()] == [("Paul Durand", 1)]
    assert Talent.get(Talent.name == "Ana").introducer_id is not None
    other.close()


def _thanked_world():
    """Paul (a talent) introduced Ana, who reached interview and was thanked for."""
    paul_talent, ana = _talent("Paul Durand"), _talent("Ana Martin")
    paul = introducers.set_introducer(ana, "Paul Durand", NOW)
    introducers.edit_introducer(paul, {"name": "Paul Durand", "company": "Acme", "talent_id": paul_talent}, NOW)
    mission = missions.create_mission({"title": "Dev"}, NOW)
    pipeline.move_stage(pipeline.add_to_mission(ana, mission, NOW), "interviewing", NOW)
    [item] = [r for r in panes.fetch_due(TODAY, 0, 50) if r.kind == introducers.THANK]
    reminders.complete(item.reminder_id, NOW, SETTINGS, message="merci Paul Durand")
    return paul_talent, ana, paul


def test_subject_access_export_holds_the_introductions(db):
    from sourcer_tui.services import privacy

    paul_talent, ana, paul = _thanked_world()
    data = privacy.export_person(ana)
    assert data["introduced_by"]["name"] == "Paul Durand"
    assert [r["milestone"] for r in data["recognitions_of_their_introduction"]] == ["interview"]
    mine = privacy.export_person(paul_talent)["as_introducer"]
    assert [(i["name"], i["introduced_talents"], [r["note"] for r in i["recognitions"]]) for i in mine] == [("Paul Durand", 1, ["merci Paul Durand"])]


def test_erasing_the_introducer_removes_their_name_everywhere(db):
    from sourcer_tui.services import privacy

    paul_talent, ana, _paul = _thanked_world()
    privacy.erase(paul_talent, NOW)
    assert Introducer.select().count() == 0 and Recognition.select().count() == 0
    after = Talent.get_by_id(ana)
    assert (after.introducer_id, after.referred_by) == (None, "")


def test_anonymising_the_introducer_keeps_the_figures_not_the_name(db):
    from sourcer_tui.services import privacy

    paul_talent, ana, paul = _thanked_world()
    privacy.anonymise(paul_talent, NOW)
    introducer = Introducer.get_by_id(paul)
    assert (introducer.name, introducer.company) == (f"Anonymised talent #{paul_talent}", "")
    assert Talent.get_by_id(ana).referred_by == introducer.name
    assert [r.note for r in Recognition.select()] == [""]
    assert introducers.by_introducer()[0].interviewed == 1


def test_erasing_the_introduced_talent_drops_the_thanks_for_them(db):
    from sourcer_tui.services import privacy

    _paul_talent, ana, paul = _thanked_world()
    privacy.erase(ana, NOW)
    assert Recognition.select().count() == 0
    assert introducers.list_introducers()[0].introductions == 0


def test_the_calendar_says_thank_the_introducer(db, tmp_path):
    from sourcer_tui.services import exchange

    ana = _talent("Ana Martin")
    introducers.set_introducer(ana, "Paul", NOW)
    mission = missions.create_mission({"title": "Dev"}, NOW)
    pipeline.move_stage(pipeline.add_to_mission(ana, mission, NOW), "hired", NOW)
    out = tmp_path / "due.ics"
    exchange.export_ics(out, TODAY, now=NOW)
    assert "SUMMARY:Thank their introducer — Ana Martin hired" in out.read_text().replace("\\r\\n ", "")


def test_the_stats_read_the_figures_by_introducer_beside_on_a_connection_of_their_own(db):
    """The Stats screen's worker has the figures by introducer and the messages
    sent per template read in the readers' pool meanwhile (services.stats.compute's
    *beside*): the same report, read in other threads, on their connections."""
    import threading

    from sourcer_tui.db.database import WorkerConnections
    from sourcer_tui.services import stats

    mission = missions.create_mission({"title": "Dev"}, NOW)
    a, b, c = _talent("Ana", source="social_referral"), _talent("Bea"), _talent("Cy")
    introducers.set_introducer(a, "Paul", NOW)
    introducers.set_introducer(b, "Paul", NOW)
    introducers.set_introducer(c, "Zoé", NOW)
    ca = pipeline.add_to_mission(a, mission, NOW)
    touchpoints.log_touchpoint(a, ca, "approach", NOW, SETTINGS, channel="email", summary="Hi", template_key="0:email")
    touchpoints.log_touchpoint(a, ca, "reply_positive", NOW, SETTINGS)
    pipeline.add_to_mission(c, mission, NOW)

    readers = WorkerConnections(db)
    seen = []

    def beside(read):
        def traced():
            seen.append((threading.get_ident(), db.connection()))
            return read()
        return readers.submit(traced)

    args = (SETTINGS.talent.decline_reasons, SETTINGS.talent.sources)
    try:
        for mission_id in (None, mission):
            alone = stats.compute(mission_id, None, *args)
            together = stats.compute(mission_id, None, *args, beside=beside)
            assert together == alone
        assert [(f.name, f.introductions, f.contacted, f.replied) for f in together.by_introducer] == [("Paul", 1, 1, 1), ("Zoé", 1, 0, 0)]
        assert [(f.name, f.introductions) for f in alone.by_introducer] == [("Paul", 1), ("Zoé", 1)]
        assert [(f.key, f.sent, f.replies) for f in together.by_template] == [("0:email", 1, 1)]
        assert len(seen) == 4 and all(thread != threading.get_ident() and connection is not db.connection() for thread, connection in seen)
    finally:
        readers.close_all()
