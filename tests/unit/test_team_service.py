"""services/team.py and the owner columns over a real SQLite file: two logins
writing to the same file (Camille through the services, then Anna)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from sourcer_tui.cli import main
from sourcer_tui.config import ProfileSettings, Settings, TeamSettings
from sourcer_tui.db.models import Candidacy, Reminder, Snooze, Teammate, Touchpoint
from sourcer_tui.db.owners import acting_as, current_login
from sourcer_tui.services import missions, panes, pipeline, snoozes, talents, team, touchpoints
from sourcer_tui.services.stats import compute

THU = dt.datetime(2026, 11, 19, 9, 0)
MON = dt.datetime(2026, 11, 23, 10, 30)
SOLO = Settings()
ANNA = Settings(profile=ProfileSettings(name="Anna", login="anna"))
CAMILLE = Settings(profile=ProfileSettings(name="Camille", login="camille"))


def _talent_in_mission(name: str, mission: int | None = None) -> tuple[int, int, int]:
    mission = mission or missions.create_mission({"title": "Backend"}, THU)
    talent = talents.create_talent({"name": name}, ["other"], THU)
    return talent, mission, pipeline.add_to_mission(talent, mission, THU)


def _camille_approaches(db, name: str = "Zoé", when: dt.datetime = THU) -> tuple[int, int]:
    """Camille opens the file and sends a first message."""
    team.sign_in(CAMILLE, db)
    talent, _mission, cid = _talent_in_mission(name)
    touchpoints.log_touchpoint(talent, cid, "approach", when, CAMILLE)
    return talent, cid


@pytest.mark.sqlite_only("a solo file: on a shared PostgreSQL server everyone is a teammate")
def test_a_solo_file_records_no_owner_and_is_no_team(db):
    me = team.sign_in(SOLO, db)
    talent, _m, cid = _talent_in_mission("Zoé")
    touchpoints.log_touchpoint(talent, cid, "approach", THU, SOLO)
    snoozes.snooze_talent(talent, dt.date(2027, 2, 1), "busy", THU)
    assert me == team.SOLO and not me.mode
    for model in (Candidacy, Touchpoint, Reminder, Snooze):
        assert {row.owner for row in model.select()} == {None}, model
    assert Teammate.select().count() == 0  # nothing written for the single user


def test_every_row_records_the_login_that_made_it(db):
    team.sign_in(ANNA, db)
    talent, _m, cid = _talent_in_mission("Zoé")
    touchpoints.log_touchpoint(talent, cid, "approach", THU, ANNA)
    snoozes.snooze_talent(talent, dt.date(2027, 2, 1), "busy", THU)
    for model in (Candidacy, Touchpoint, Reminder, Snooze):
        assert {row.owner for row in model.select()} == {"anna"}, model
    assert list(Teammate.select(Teammate.login, Teammate.name).tuples()) == [("anna", "Anna")]


@pytest.mark.sqlite_only("a solo file: on a shared PostgreSQL server everyone is a teammate")
def test_a_second_login_makes_the_file_a_team(db):
    _camille_approaches(db)
    assert not team.team_of(CAMILLE, db).mode  # Camille alone: still solo
    anna = team.sign_in(ANNA, db)
    assert anna.mode and anna.login == "anna" and current_login() == "anna"
    assert dict(anna.names) == {"anna": "Anna", "camille": "Camille"}
    assert anna.owner_name("camille") == "Camille" and anna.owner_name("anna") == "Anna"


def test_signing_in_again_writes_nothing_new_and_a_new_name_replaces_the_old(db):
    team.sign_in(ANNA, db)
    team.sign_in(ANNA, db)
    team.sign_in(dataclasses.replace(ANNA, profile=ProfileSettings(name="Anna B.", login="anna")), db)
    assert list(Teammate.select(Teammate.login, Teammate.name).tuples()) == [("anna", "Anna B.")]


def test_today_and_capture_list_mine_or_everyone_s(db):
    zoe, _cid = _camille_approaches(db)
    touchpoints.log_touchpoint(zoe, None, "call", THU, CAMILLE)  # feedback owed, Camille's
    anna = team.sign_in(ANNA, db)
    other, _m, cid = _talent_in_mission("Léa")
    touchpoints.log_touchpoint(other, cid, "approach", THU, ANNA)
    day = MON.date()
    everyone = [(r.kind, r.name) for r in panes.fetch_due(day, 0, 10)]
    # the call stops Zoé's follow-ups (a conversation is a reply): her feedback owed stays
    assert sorted(everyone) == [("followup", "Léa"), ("missing_feedback", "Zoé")]
    mine = team.mine(anna, everyone=False)
    assert mine == "anna"
    assert [(r.kind, r.name) for r in panes.fetch_due(day, 0, 10, mine)] == [("followup", "Léa")]
    assert panes.count_due(day, mine) == (1, 0) and panes.count_due(day) == (2, 1)  # the feedback owed since Thursday is late
    assert panes.count_awaiting_feedback(mine) == 0 and panes.count_awaiting_feedback() == 1
    assert [r.name for r in panes.fetch_awaiting_feedback(0, 10, "camille")] == ["Zoé"]
    assert team.mine(anna, everyone=True) is None and team.mine(team.SOLO, everyone=False) is None


def test_the_single_user_s_older_rows_stay_in_everyone_s_own_view(db):
    talent, _m, cid = _talent_in_mission("Zoé")  # written before anyone had a login
    touchpoints.log_touchpoint(talent, cid, "approach", THU, SOLO)
    team.sign_in(CAMILLE, db)
    assert [r.name for r in panes.fetch_due(MON.date(), 0, 10, "camille")] == ["Zoé"]


def test_the_pipeline_rows_carry_their_owner(db):
    _talent, _cid = _camille_approaches(db)
    scope = pipeline.Scope(mission=None)
    [row] = pipeline.fetch_rows(scope, "approached", 0, 10)
    assert (row.name, row.owner) == ("Zoé", "camille")


def test_the_teammate_warning_from_the_database(db):
    zoe, cid = _camille_approaches(db, when=dt.datetime(2026, 11, 17, 9))
    touchpoints.log_touchpoint(zoe, cid, "followup", dt.datetime(2026, 11, 20, 15), CAMILLE)
    touchpoints.log_touchpoint(zoe, cid, "note", dt.datetime(2026, 11, 22, 15), CAMILLE)  # a note is no contact
    anna = team.sign_in(ANNA, db)
    assert team.contact_warning(zoe, "call", MON, anna, ANNA) == "Camille contacted them 3 days ago (follow-up 1/3)"
    assert team.contact_warning(zoe, "note", MON, anna, ANNA) is None  # a note reaches no one
    assert team.contact_warning(zoe, "reply_positive", MON, anna, ANNA) is None
    short = dataclasses.replace(ANNA, team=TeamSettings(warn_contact_days=3))
    assert team.contact_warning(zoe, "call", MON, anna, short) is None
    # Camille is not warned about her own contacts
    camille = team.sign_in(CAMILLE, db)
    assert team.contact_warning(zoe, "call", MON, camille, CAMILLE) is None


def test_the_warning_counts_a_mission_s_own_cadence(db):
    team.sign_in(CAMILLE, db)
    mission = missions.create_mission({"title": "Data", "followup_delays_days": "3, 5"}, THU)
    zoe, _m, cid = _talent_in_mission("Zoé", mission)
    touchpoints.log_touchpoint(zoe, cid, "approach", THU, CAMILLE)
    touchpoints.log_touchpoint(zoe, cid, "followup", dt.datetime(2026, 11, 22, 9), CAMILLE)
    anna = team.sign_in(ANNA, db)
    assert team.contact_warning(zoe, "approach", MON, anna, ANNA) == "Camille contacted them 1 day ago (follow-up 1/2)"


@pytest.mark.sqlite_only("a solo file: on a shared PostgreSQL server everyone is a teammate")
def test_no_warning_on_a_solo_file(db):
    zoe, _cid = _camille_approaches(db)
    camille = team.team_of(CAMILLE, db)
    assert not camille.mode
    with acting_as(""):
        assert team.contact_warning(zoe, "call", MON, team.SOLO, SOLO) is None


def test_stats_by_owner(db):
    zoe, cid = _camille_approaches(db)
    touchpoints.log_touchpoint(zoe, cid, "reply_positive", dt.datetime(2026, 11, 21, 9), CAMILLE)
    team.sign_in(ANNA, db)
    lea, _m, other = _talent_in_mission("Léa")
    touchpoints.log_touchpoint(lea, other, "approach", THU, ANNA)
    report = compute(None, None, ANNA.talent.decline_reasons, by_owner=True)
    assert {owner: (f.contacted, f.replied, f.positive, f.median_days_to_reply) for owner, f in report.by_owner.items()} == {
        "anna": (1, 0, 0, None), "camille": (1, 1, 1, 2.0),
    }
    assert report.as_dict()["by_owner"]["camille"]["response_rate"] == 1.0
    assert "by_owner" not in compute(None, None, ANNA.talent.decline_reasons).as_dict()


@pytest.mark.sqlite_only("a solo file: on a shared PostgreSQL server everyone is a teammate")
def test_stats_json_has_by_owner_only_in_team_mode(db, tmp_path, capsys):
    zoe, cid = _camille_approaches(db)
    path = str(db.database)
    config = tmp_path / "config.toml"
    config.write_text('[profile]\nlogin = "camille"\nname = "Camille"\n', encoding="utf-8")
    assert main(["--db", path, "--config", str(config), "stats", "--json"]) == 0
    solo = json.loads(capsys.readouterr().out)
    assert "by_owner" not in solo and solo["global"]["contacted"] == 1
    team.sign_in(ANNA, db)  # Anna opened the file once: a team
    assert main(["--db", path, "--config", str(config), "stats", "--json"]) == 0
    both = json.loads(capsys.readouterr().out)
    assert both["by_owner"]["camille"]["contacted"] == 1 and list(both["by_owner"]) == ["camille"]
    assert {k: v for k, v in both.items() if k != "by_owner"} == solo
    assert main(["--db", path, "--config", str(config), "stats"]) == 0
    text = capsys.readouterr().out
    owner_table = text.split("\nowner", 1)[1].splitlines()
    assert owner_table[1].split() == ["camille", "1", "0", "0.0%", "—", "—"]


def test_the_daily_planning_writes_for_whoever_planned_it(db):
    """Camille's silent talent is snoozed by Anna's app: the snooze and its wake-up stay Camille's."""
    from sourcer_tui.services import cadence

    team.sign_in(CAMILLE, db)
    mission = missions.create_mission({"title": "Data", "followup_delays_days": "none"}, THU)
    zoe, _m, cid = _talent_in_mission("Zoé", mission)
    touchpoints.log_touchpoint(zoe, cid, "approach", THU, CAMILLE)
    team.sign_in(ANNA, db)
    assert cadence.sweep(dt.date(2026, 11, 30), dt.datetime(2026, 11, 30, 9), ANNA) == 1
    assert [(s.kind, s.owner) for s in Snooze.select()] == [("no_reply", "camille")]
    assert [(r.kind, r.owner) for r in Reminder.select().where(Reminder.kind == "wake_up")] == [("wake_up", "camille")]
    assert current_login() == "anna"  # and Anna writes as Anna again
    talents.create_talent({"name": "Léa"}, ["other"], THU)
    assert Candidacy.select().count() == 1 and pipeline.add_to_mission(
        talents.create_talent({"name": "Noé"}, ["other"], THU), mission, THU) and Candidacy.select(Candidacy.owner).order_by(Candidacy.id.desc()).scalar() == "anna"


@pytest.mark.sqlite_only("a solo file: on a shared PostgreSQL server everyone is a teammate")
def test_today_on_the_command_line_and_send_due_are_mine_unless_team(db, tmp_path, capsys):
    """``today`` lists what the Today pane lists (mine; ``--team``: everyone's), and
    ``send-due`` never emails a teammate's follow-up from my mailbox."""
    from sourcer_tui.services import outreach

    zoe, _cid = _camille_approaches(db)
    anna = team.sign_in(ANNA, db)
    lea, _m, cid = _talent_in_mission("Léa")
    touchpoints.log_touchpoint(lea, cid, "approach", THU, ANNA)
    from sourcer_tui.db.models import Talent

    for talent, email in ((zoe, "zoe@example.org"), (lea, "lea@example.org")):
        Talent.update(email=email).where(Talent.id == talent).execute()
    path = str(db.database)
    config = tmp_path / "config.toml"
    config.write_text('[profile]\nlogin = "anna"\nname = "Anna"\n', encoding="utf-8")
    day = MON.date().isoformat()

    def today(*extra: str) -> list[str]:
        assert main(["--db", path, "--config", str(config), "today", "--json", "--date", day, *extra]) == 0
        return sorted(item["talent"] for item in json.loads(capsys.readouterr().out))

    assert today() == ["Léa"]
    assert today("--team") == ["Léa", "Zoé"]
    assert [r.talent.name for r in outreach.due_email_followups(MON.date(), team.mine(anna, everyone=False))] == ["Léa"]
    assert sorted(r.talent.name for r in outreach.due_email_followups(MON.date())) == ["Léa", "Zoé"]


def test_the_json_export_keeps_the_teammates_names_and_an_import_keeps_mine(db, tmp_path):
    """Owners are logins; their names live in ``teammate``: exported, imported, and
    an import after the importing user signed in keeps their row and adds the others."""
    from sourcer_tui.db.database import open_database
    from sourcer_tui.db.models import database_proxy
    from sourcer_tui.services import exchange

    _camille_approaches(db)
    team.sign_in(ANNA, db)
    out = tmp_path / "team.json"
    assert exchange.export_json(out, now=MON)["teammates"] == 2
    names = {"anna": "Anna", "camille": "Camille"}
    for signed_in in (None, Settings(profile=ProfileSettings(name="Camille D.", login="camille"))):
        target = open_database(tmp_path / f"into-{bool(signed_in)}.db")
        try:
            if signed_in:
                team.sign_in(signed_in, target)
            assert exchange.import_json(out, dt.datetime.now())["teammates"] == 2  # the names were written today
            got = dict(Teammate.select(Teammate.login, Teammate.name).tuples())
            assert got == (names if not signed_in else {**names, "camille": "Camille D."})
            assert [c.owner for c in Candidacy.select()] == ["camille"]
        finally:
            target.close()
            database_proxy.initialize(db)
