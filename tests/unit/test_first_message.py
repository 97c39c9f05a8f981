"""The first message and the template of every message sent (issue 20, item 1): template
keys, replies per template (exact figures), the text sent stored with its template,
and ``sourcer-tui stats``'s "By template" table."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import given
from hypothesis import strategies as st

from sourcer_tui.cli import main
from sourcer_tui.config import Settings
from sourcer_tui.db.models import Reminder, Template, Touchpoint
from sourcer_tui.domain.stats import TemplateFigures, by_template
from sourcer_tui.domain.templates import parse_template_key, template_key, template_label
from sourcer_tui.services import missions, outreach, pipeline, reminders, talents, touchpoints
from sourcer_tui.services.stats import compute
from sourcer_tui.services.stats_report import text_report

NOW = dt.datetime(2026, 11, 23, 10, 30)
SETTINGS = Settings()


def test_template_keys_round_trip_and_read():
    assert template_key(0, "linkedin") == "0:linkedin"
    assert template_key(2, "email", 12) == "2:email:12"
    assert parse_template_key("2:email:12") == (2, "email", 12)
    assert parse_template_key("0:linkedin") == (0, "linkedin", None)
    for bad in ("", "x:linkedin", "0", "0:", "1:email:x", "1:email:2:3"):
        assert parse_template_key(bad) is None
    assert template_label("0:linkedin") == "first message · LinkedIn"
    assert template_label("2:email:12", "Data Engineer") == "follow-up 2 · email · Data Engineer"
    assert template_label("weird") == "weird"


@given(st.integers(0, 60), st.sampled_from(["linkedin", "email"]), st.none() | st.integers(1, 10**9))
def test_template_key_parses_back(step, channel, mission):
    assert parse_template_key(template_key(step, channel, mission)) == (step, channel, mission)


def test_by_template_exact():
    messages = [
        (1, 0, "0:linkedin"), (1, 1, "1:linkedin"),          # 1 answered follow-up 1
        (2, 0, "0:linkedin"),                                 # 2 answered the first message
        (3, 0, "0:email"), (3, 1, "1:email"), (3, 2, "2:email"),  # 3 never answered
        (4, 0, "0:linkedin:7"),                               # 4: a mission's own, answered
        (5, 0, "0:linkedin"),                                 # 5 answered a step sent by hand (step 1, no template)
    ]
    replies = {1: 1, 2: 0, 4: 0, 5: 1, 6: 0}  # 6: a reply with no templated message
    assert by_template(messages, replies) == [
        TemplateFigures("0:email", 1, 0),
        TemplateFigures("0:linkedin", 3, 1),
        TemplateFigures("0:linkedin:7", 1, 1),
        TemplateFigures("1:email", 1, 0),
        TemplateFigures("1:linkedin", 1, 1),
        TemplateFigures("2:email", 1, 0),
    ]
    assert TemplateFigures("0:linkedin", 3, 1).reply_rate == 1 / 3
    assert TemplateFigures("x", 0, 0).reply_rate is None
    assert by_template([], {1: 0}) == []


def test_a_step_logged_twice_counts_its_reply_once_for_the_last_template():
    assert by_template([(1, 0, "0:linkedin"), (1, 0, "0:email")], {1: 0}) == [
        TemplateFigures("0:email", 1, 1), TemplateFigures("0:linkedin", 1, 0)]


def _people(n: int, mission: int):
    ids = []
    for i in range(n):
        talent = talents.create_talent({"name": f"Talent {i}", "email": f"t{i}@example.org"}, ["other"], NOW)
        ids.append((talent, pipeline.add_to_mission(talent, mission, NOW)))
    return ids


def test_stats_by_template_over_a_small_fixture(db):
    mission = missions.create_mission({"title": "Data Engineer", "client": "Vélo Cargo"}, NOW)
    Template.create(step=0, channel="linkedin", mission=mission, subject="", body="Hi {first_name}, {mission}?")
    people = _people(5, mission)
    day = NOW - dt.timedelta(days=20)
    own = template_key(0, "linkedin", mission)
    # 1, 2, 3: the mission's own first message; 4, 5: the email one; 1 and 4 reply to it
    for talent, candidacy in people[:3]:
        touchpoints.log_touchpoint(talent, candidacy, "approach", NOW, SETTINGS, when=day, summary="Hi", template_key=own)
    for talent, candidacy in people[3:]:
        touchpoints.log_touchpoint(talent, candidacy, "approach", NOW, SETTINGS, when=day, channel="email", summary="Hello",
                                   template_key="0:email")
    touchpoints.log_touchpoint(*people[0], "reply_positive", NOW, SETTINGS, when=day + dt.timedelta(days=1))
    touchpoints.log_touchpoint(*people[3], "reply_negative", NOW, SETTINGS, when=day + dt.timedelta(days=1))
    # 2: a follow-up sent from the template of all missions, then a reply to it
    touchpoints.log_touchpoint(*people[1], "followup", NOW, SETTINGS, when=day + dt.timedelta(days=2), summary="Re", template_key="1:linkedin")
    touchpoints.log_touchpoint(*people[1], "reply_positive", NOW, SETTINGS, when=day + dt.timedelta(days=3))
    report = compute(None, None, SETTINGS.talent.decline_reasons, SETTINGS.talent.sources)
    assert report.by_template == [
        TemplateFigures("0:email", 2, 1),
        TemplateFigures(own, 3, 1, "Data Engineer"),
        TemplateFigures("1:linkedin", 1, 1),
    ]
    assert report.as_dict()["by_template"][0] == {"key": "0:email", "sent": 2, "replies": 1, "mission": "", "reply_rate": 0.5}
    # one mission, a range that leaves them all out
    assert compute(mission, NOW.date(), SETTINGS.talent.decline_reasons).by_template == []
    text = text_report(report, "All missions")
    table = text[text.index("By template"):].splitlines()
    assert table[1].split() == ["template", "sent", "replies", "reply", "rate"]
    assert table[2].split() == ["first", "message", "·", "email", "2", "1", "50.0%"]
    assert table[3].split() == ["first", "message", "·", "LinkedIn", "·", "Data", "Engineer", "3", "1", "33.3%"]
    assert table[4].split() == ["follow-up", "1", "·", "LinkedIn", "1", "1", "100.0%"]


def test_stats_cli_prints_by_template_and_json_has_it(db, capsys):
    mission = missions.create_mission({"title": "SRE"}, NOW)
    [(talent, candidacy)] = _people(1, mission)
    touchpoints.log_touchpoint(talent, candidacy, "approach", NOW, SETTINGS, summary="Hi", template_key="0:linkedin")
    assert main(["--db", db.database, "stats"]) == 0
    out = capsys.readouterr().out
    assert "By template" in out and "first message · LinkedIn" in out
    assert main(["--db", db.database, "stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["by_template"] == [
        {"key": "0:linkedin", "sent": 1, "replies": 0, "mission": "", "reply_rate": 0.0}]


def test_no_template_no_table(db):
    mission = missions.create_mission({"title": "SRE"}, NOW)
    [(talent, candidacy)] = _people(1, mission)
    touchpoints.log_touchpoint(talent, candidacy, "approach", NOW, SETTINGS)  # l o: no text, no template
    report = compute(None, None, SETTINGS.talent.decline_reasons)
    assert report.by_template == [] and "By template" not in text_report(report, "All missions")


def test_composed_messages_say_their_template(db):
    mission = missions.create_mission({"title": "SRE", "client": "Rail"}, NOW)
    [(talent, candidacy)] = _people(1, mission)
    assert outreach.compose(talent, candidacy, 0, "linkedin", SETTINGS, NOW.date()).template_key == "0:linkedin"  # built-in
    Template.create(step=0, channel="email", subject="s", body="b")
    assert outreach.compose(talent, candidacy, 0, "email", SETTINGS, NOW.date()).template_key == "0:email"  # all missions'
    Template.create(step=0, channel="email", mission=mission, subject="s", body="mine")
    assert outreach.compose(talent, candidacy, 0, "email", SETTINGS, NOW.date()).template_key == f"0:email:{mission}"
    assert outreach.compose(talent, None, 0, "email", SETTINGS, NOW.date()).template_key == "0:email"  # no mission


def test_a_followup_marked_done_keeps_its_text_and_template(db):
    mission = missions.create_mission({"title": "SRE"}, NOW)
    [(talent, candidacy)] = _people(1, mission)
    first = touchpoints.log_touchpoint(talent, candidacy, "approach", NOW - dt.timedelta(days=2), SETTINGS,
                                       summary="Bonjour\x1b[31m", template_key="0:linkedin")
    assert Touchpoint.get_by_id(first).summary == "Bonjour[31m"  # cleaned as every text
    assert touchpoints.next_followup_due(first) == dt.date(2026, 11, 23)
    reminder = Reminder.get(Reminder.kind == "followup")
    sent = reminders.complete(reminder.id, NOW, SETTINGS, message="Re", template_key="1:linkedin")
    row = Touchpoint.get_by_id(sent)
    assert (row.step, row.summary, row.template_key) == (1, "Re", "1:linkedin")


def test_by_template_counted_in_the_database_equals_the_recount_on_the_demo(tmp_path):
    """Stats counts messages and replies per template in SQL (services/stats.py); the
    domain's by_template over every message read one by one is the recount.  On the
    demo, with a step logged twice from two templates (the last one gets the reply)."""
    from sourcer_tui import demo
    from sourcer_tui.db.database import open_database
    from sourcer_tui.db.models import database_proxy

    demo.build_demo(open_database(tmp_path / "demo.db"), NOW.date())
    db = database_proxy.obj
    [(replied_id,)] = db.execute_sql(
        "SELECT t.id FROM touchpoint t JOIN outreach_summary s ON s.candidacy_id = t.candidacy_id "
        "WHERE t.template_key = '0:linkedin' AND s.reply_step = 0 ORDER BY t.id LIMIT 1").fetchall()
    replied = Touchpoint.get_by_id(replied_id)
    before = {f.key: f.replies for f in compute(None, None, SETTINGS.talent.decline_reasons).by_template}
    again = Touchpoint.get_by_id(touchpoints.log_touchpoint(
        replied.talent_id, replied.candidacy_id, "approach", NOW, SETTINGS, when=replied.happened_at + dt.timedelta(hours=1),
        channel="email", summary="Hello", template_key="0:email"))
    assert again.step == replied.step == 0
    after = {f.key: f.replies for f in compute(None, None, SETTINGS.talent.decline_reasons).by_template}
    assert (after["0:linkedin"], after["0:email"]) == (before["0:linkedin"] - 1, before.get("0:email", 0) + 1)
    for mission in [None, *sorted({c for (c,) in db.execute_sql("SELECT DISTINCT mission_id FROM candidacy")})]:
        cohort = "" if mission is None else f" AND s.mission_id = {mission}"
        messages = db.execute_sql(
            "SELECT t.candidacy_id, t.step, t.template_key FROM touchpoint t JOIN outreach_summary s ON s.candidacy_id = t.candidacy_id "
            f"WHERE t.template_key != ''{cohort} ORDER BY t.happened_at, t.id").fetchall()
        replies = dict(db.execute_sql(
            f"SELECT s.candidacy_id, s.reply_step FROM outreach_summary s WHERE s.reply_kind IS NOT NULL{cohort}").fetchall())
        counted = compute(mission, None, SETTINGS.talent.decline_reasons).by_template
        assert [(f.key, f.sent, f.replies) for f in counted] == [(f.key, f.sent, f.replies) for f in by_template(messages, replies)]
    assert sum(f.sent for f in compute(None, None, SETTINGS.talent.decline_reasons).by_template) > 50
