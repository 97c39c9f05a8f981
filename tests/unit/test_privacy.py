"""GDPR: retention review on an injected day, anonymise (stats unchanged), erase (no
trace left in the file), subject access export, the snooze warning, the CLI."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
from pathlib import Path

import pytest

from sourcer_tui.cli import privacy as privacy_cli
from sourcer_tui.cli import CliError
from sourcer_tui.config import Settings
from sourcer_tui.db import search
from sourcer_tui.db.database import checkpoint
from sourcer_tui.db.models import Candidacy, Draft, ErasureLog, Mission, Reminder, Snooze, Talent, Touchpoint
from sourcer_tui.services import privacy
from sourcer_tui.demo import build_demo
from sourcer_tui.services.errors import NotFound
from sourcer_tui.services.stats import compute

TODAY = dt.date(2026, 11, 23)
NOW = dt.datetime(2026, 11, 23, 10, 30)
SETTINGS = Settings()


def at(day: str, time: str = "09:15:00") -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day} {time}")


def person(name: str, *touched: str, created: str = "2020-01-01", **fields) -> Talent:
    talent = Talent.create(name=name, created_at=at(created), updated_at=at(created), **fields)
    for day in touched:
        Touchpoint.create(talent=talent, kind="approach", channel="linkedin", happened_at=at(day), step=0)
    return talent


def in_mission(talent: Talent, stage: str, status: str = "open") -> Candidacy:
    mission = Mission.create(title=f"{talent.name} / {stage}", status=status)
    return Candidacy.create(talent=talent, mission=mission, stage=stage)


# -- retention -----------------------------------------------------------------------
@pytest.fixture
def pool(db):
    t = {}
    t["old"] = person("Old contact", "2023-01-05", "2024-11-22")  # limit 2026-11-22: listed
    t["recent"] = person("Recent contact", "2024-11-24")  # limit 2026-11-24: not yet
    t["boundary"] = person("Boundary", "2024-11-23")  # limit 2026-11-23 = today: listed
    t["in_process"] = person("In process", "2023-03-01")
    in_mission(t["in_process"], "interviewing")
    t["on_hold"] = person("On hold mission", "2023-03-01")
    in_mission(t["on_hold"], "screening", status="on_hold")
    t["declined"] = person("Declined", "2024-01-10")
    in_mission(t["declined"], "declined")
    t["closed_mission"] = person("Closed mission", "2023-05-05")
    in_mission(t["closed_mission"], "interviewing", status="closed")
    t["never"] = person("Never contacted", created="2024-06-30")  # no touchpoint: created_at counts
    t["new"] = person("Added recently", created="2025-02-01")
    t["consented"] = person("Consented", "2021-02-02", consent_renewed_at=dt.date(2025, 1, 1))
    t["consent_old"] = person("Consent older than contact", "2024-02-03", consent_renewed_at=dt.date(2023, 1, 1))
    t["anonymised"] = person("To anonymise", "2020-05-05")
    privacy.anonymise(t["anonymised"].id, NOW)
    return t


def listed(today=TODAY, months=24):
    return [(r.name, r.last_activity.isoformat(), r.limit_passed_on.isoformat()) for r in privacy.review(today, months)]


def test_review_lists_talents_past_the_limit_oldest_first(pool):
    assert listed() == [
        ("Closed mission", "2023-05-05", "2025-05-05"),
        ("Declined", "2024-01-10", "2026-01-10"),
        ("Consent older than contact", "2024-02-03", "2026-02-03"),
        ("Never contacted", "2024-06-30", "2026-06-30"),
        ("Old contact", "2024-11-22", "2026-11-22"),
        ("Boundary", "2024-11-23", "2026-11-23"),
    ]
    assert privacy.count_review(TODAY, 24) == 6
    rows = privacy.review(TODAY, 24)
    assert rows[4] == privacy.ReviewRow(pool["old"].id, "Old contact", dt.date(2024, 11, 22), dt.date(2026, 11, 22))


def test_review_the_day_before_and_with_another_retention(pool):
    assert [name for name, *_ in listed(dt.date(2026, 11, 22))][-1] == "Old contact"  # Boundary not yet
    assert privacy.count_review(dt.date(2026, 11, 22), 24) == 5
    assert [name for name, *_ in listed(TODAY, 12)] == [
        "Closed mission", "Declined", "Consent older than contact", "Never contacted", "Old contact",
        "Boundary", "Recent contact", "Consented", "Added recently",
    ]


def test_review_pages(pool):
    everything = privacy.review(TODAY, 24)
    assert privacy.review(TODAY, 24, offset=2, limit=3) == everything[2:5]
    assert privacy.review(TODAY, 24, offset=4) == everything[4:]
    assert privacy.review(TODAY, 24, limit=0) == []


def test_extend_renews_consent_and_leaves_the_review(pool):
    privacy.extend(pool["old"].id, TODAY)
    assert Talent.get_by_id(pool["old"].id).consent_renewed_at == TODAY
    assert privacy.last_activity(pool["old"].id) == TODAY
    assert "Old contact" not in [name for name, *_ in listed()]
    assert privacy.count_review(TODAY, 24) == 5
    assert [name for name, *_ in listed(dt.date(2028, 11, 23))][-1] == "Old contact"  # due again in 2 years
    with pytest.raises(NotFound):
        privacy.extend(999_999, TODAY)


def test_last_activity(pool):
    assert privacy.last_activity(pool["old"]) == dt.date(2024, 11, 22)
    assert privacy.last_activity(pool["never"].id) == dt.date(2024, 6, 30)
    assert privacy.last_activity(pool["consented"].id) == dt.date(2025, 1, 1)
    assert privacy.last_activity(pool["consent_old"].id) == dt.date(2024, 2, 3)


def test_end_of_month_limits(db):
    assert privacy.limit_date(dt.date(2024, 2, 29), 24) == dt.date(2026, 2, 28)
    assert privacy.review_cutoff(dt.date(2026, 2, 28), 24) == dt.date(2024, 2, 29)
    assert privacy.review_cutoff(dt.date(2026, 2, 28), 2) == dt.date(2025, 12, 31)
    assert privacy.review_cutoff(dt.date(2026, 3, 1), 1) == dt.date(2026, 2, 1)
    person("Dec 31", "2025-12-31")
    person("Jan 1", "2026-01-01")
    assert listed(dt.date(2026, 2, 28), 2) == [("Dec 31", "2025-12-31", "2026-02-28")]


def test_review_agrees_with_the_rule_talent_by_talent_on_the_demo(db):
    build_demo(db, TODAY)
    Talent.update(consent_renewed_at=dt.date(2026, 1, 15)).where(Talent.id != 7).execute()  # (was `% 7 == 0`: Peewee's % is LIKE)
    open_pipeline = {
        c.talent_id for c in Candidacy.select(Candidacy.talent, Candidacy.stage, Mission.status).join(Mission)
        if c.stage not in ("declined", "rejected") and c.mission.status != "closed"
    }
    for today, months in ((TODAY, 24), (TODAY, 6), (dt.date(2027, 8, 31), 12), (dt.date(2028, 2, 29), 1)):
        expected = []
        for talent in Talent.select():
            last = privacy.last_activity(talent)
            limit = privacy.limit_date(last, months)
            if limit <= today and talent.id not in open_pipeline and talent.anonymised_at is None:
                expected.append(privacy.ReviewRow(talent.id, talent.name, last, limit))
        expected.sort(key=lambda r: (r.last_activity, r.talent_id))
        assert privacy.review(today, months) == expected
        assert privacy.count_review(today, months) == len(expected)
    assert 0 < privacy.count_review(TODAY, 6) < Talent.select().count()


def test_retention_warning(db):
    talent = person("Snoozer", "2025-11-23")  # limit 2027-11-23
    assert privacy.retention_warning(dt.date(2028, 2, 1), talent.id, 24) == (
        "wakes on 2028-02-01, after the retention limit (2027-11-23): renew consent or anonymise before then"
    )
    assert privacy.retention_warning(dt.date(2027, 11, 23), talent.id, 24) is None
    assert privacy.retention_warning(dt.date(2027, 3, 1), talent.id, 24) is None
    privacy.extend(talent.id, TODAY)
    assert privacy.retention_warning(dt.date(2028, 2, 1), talent.id, 24) is None


# -- anonymise -----------------------------------------------------------------------
def report():
    return compute(None, None, SETTINGS.talent.decline_reasons, SETTINGS.talent.sources).as_dict()


def talent_with_replies() -> Talent:
    """A demo talent who replied, with an email and some written feedback."""
    replied = Touchpoint.select(Touchpoint.talent).where(Touchpoint.kind.in_(("reply_positive", "reply_negative")))
    feedback = Touchpoint.select(Touchpoint.talent).where(Touchpoint.feedback_given != "")
    query = Talent.select().where(Talent.id.in_(replied), Talent.id.in_(feedback), Talent.email != "")
    return query.order_by(Talent.id).first()


def test_anonymise_keeps_the_statistics_and_drops_identity(db):
    build_demo(db, TODAY)
    before = report()
    talent = talent_with_replies()
    tid, name, email = talent.id, talent.name, talent.email
    n_touchpoints = Touchpoint.select().where(Touchpoint.talent == tid).count()
    kinds = list(Touchpoint.select(Touchpoint.kind, Touchpoint.step, Touchpoint.happened_at).where(Touchpoint.talent == tid).tuples())
    assert n_touchpoints >= 2
    tp = Touchpoint.select().where(Touchpoint.talent == tid).first()
    Draft.create(touchpoint=tp, payload=json.dumps({"feedback_given": f"{name} said hi"}))
    Reminder.create(talent=tid, kind="next_step", due=TODAY, detail=f"call {name}")
    Snooze.create(talent=tid, since=TODAY, until=dt.date(2027, 1, 1), reason=f"{name} on leave")
    Candidacy.update(decline_detail=f"{name} wants more").where(Candidacy.talent == tid).execute()

    privacy.anonymise(tid, NOW)

    assert report() == before
    row = Talent.get_by_id(tid)
    assert row.name == f"Anonymised talent #{tid}"
    assert row.anonymised_at == NOW and row.source == talent.source
    for field in ("headline", "company", "email", "email_norm", "phone", "linkedin_url", "linkedin_norm",
                  "location", "referred_by", "tags", "notes"):
        assert getattr(row, field) == "", field
    texts = [str(v) for v in row.__data__.values()]
    for t in Touchpoint.select().where(Touchpoint.talent == tid):
        assert (t.summary, t.feedback_given, t.impression, t.next_step) == ("", "", "", "")
        texts += [str(v) for v in t.__data__.values()]
    assert list(Touchpoint.select(Touchpoint.kind, Touchpoint.step, Touchpoint.happened_at).where(Touchpoint.talent == tid).tuples()) == kinds
    for r in Reminder.select().where(Reminder.talent == tid):
        assert r.detail == "" and r.status != "pending"
    for s in Snooze.select().where(Snooze.talent == tid):
        assert s.reason == "" and not s.active
    assert all(c.decline_detail == "" for c in Candidacy.select().where(Candidacy.talent == tid))
    assert not Draft.select().where(Draft.touchpoint == tp.id).exists()
    blob = "\n".join(texts).lower()
    assert name.lower() not in blob and email.lower() not in blob
    found = Talent.select(Talent.id).where(search.talent_filter(name))
    assert tid not in {t.id for t in found}
    assert tid in {t.id for t in Talent.select(Talent.id).where(search.talent_filter("Anonymised talent"))}
    assert tid not in [r.talent_id for r in privacy.review(dt.date(2040, 1, 1), 24)]


# -- erase ---------------------------------------------------------------------------
NAME, EMAIL = "Zéphyrine Quibbleworth", "zq.unique@example.org"
NEEDLES = [NAME, NAME.lower(), "Quibbleworth", "quibbleworth", "Zéphyrine", "zéphyrine", "zephyrine", EMAIL, EMAIL.upper(), "zq.unique"]


def add_zephyrine(db) -> int:
    mission = Mission.select().order_by(Mission.id).first()
    talent = Talent.create(
        name="Zéphyrine Q.", email=EMAIL, email_norm=EMAIL, phone="+33 6 12 34 56 78",
        linkedin_url="https://www.linkedin.com/in/zq-unique", headline="Quibbleworth fan",
        notes=f"Met {NAME} at a meetup", created_at=at("2026-01-05"),
    )
    Talent.update(name=NAME).where(Talent.id == talent.id).execute()  # an older version in the FTS index
    candidacy = Candidacy.create(talent=talent, mission=mission, stage="declined", decline_reason="salary",
                                 decline_detail=f"{NAME} asked for more")
    first = Touchpoint.create(talent=talent, candidacy=candidacy, kind="approach", channel="email", happened_at=at("2026-10-01"),
                              step=0, summary=f"Hello {NAME}")
    reply = Touchpoint.create(talent=talent, candidacy=candidacy, kind="call", channel="phone", happened_at=at("2026-10-05"),
                              feedback_at=at("2026-10-05", "18:00:00"), feedback_given=f"{NAME} liked the team",
                              impression=f"{NAME} is sharp", next_step=f"send {EMAIL} the offer")
    Draft.create(touchpoint=reply, payload=json.dumps({"impression": f"{NAME} again"}, ensure_ascii=False))
    snooze = Snooze.create(talent=talent, since=TODAY, until=dt.date(2027, 2, 1), reason=f"{NAME} travelling")
    Reminder.create(talent=talent, snooze=snooze, kind="wake_up", due=dt.date(2027, 2, 1), detail=f"wake {NAME}")
    Reminder.create(talent=talent, touchpoint=first, kind="followup", due=TODAY, detail=f"follow up {EMAIL}")
    checkpoint(db)  # her rows are in the main file, as after a day of use (SQLite)
    assert Talent.select().where(search.talent_filter("Quibbleworth")).count() == 1
    return talent.id


def file_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    wal = path.with_name(path.name + "-wal")
    return data + (wal.read_bytes() if wal.exists() else b"")


@pytest.mark.sqlite_only("reads the bytes of the database file")
def test_erase_leaves_no_trace_in_the_file(db, tmp_path):
    path = Path(db.database)
    build_demo(db, TODAY)
    zid = add_zephyrine(db)
    raw = file_bytes(path)
    assert EMAIL.encode() in raw and NAME.encode() in raw  # the check below can see them
    others = {t.id: (t.name, t.email) for t in Talent.select().where(Talent.id != zid)}
    other_touchpoints = Touchpoint.select().where(Touchpoint.talent != zid).count()
    before = report()
    backups = tmp_path / "backups"
    backups.mkdir()
    for name in ("test-2026-11-20.db", "test-2026-11-23-093000.db", "test-2026-11-23-110000.db", "test-2026-11-24.db",
                 "other-2026-11-01.db"):
        (backups / name).write_bytes(b"x")

    db.execute_sql("PRAGMA secure_delete = OFF")  # some builds default to ON: erase must not rely on it

    older = privacy.erase(zid, NOW, backups=backups)

    assert [p.name for p in older] == ["test-2026-11-20.db", "test-2026-11-23-093000.db"]
    for model in (Candidacy, Touchpoint, Reminder, Snooze):
        assert not model.select().where(model.talent == zid).exists()
    assert not Talent.select().where(Talent.id == zid).exists()
    assert Draft.select().count() == Draft.select().join(Touchpoint).count()  # no orphan draft
    assert report() != before  # she was in the cohort
    assert db.execute_sql("PRAGMA secure_delete").fetchone()[0] == 0  # the connection is as it was
    while_open = file_bytes(path)  # with its -wal, before closing checkpoints it
    db.close()
    for raw in (while_open, file_bytes(path)):
        for needle in NEEDLES:
            assert needle.encode("utf-8") not in raw, needle
        assert b"+33 6 12 34 56 78" not in raw and b"zq-unique" not in raw

    db.connect()
    logs = list(ErasureLog.select())
    assert [(log.erased_at, log.talents, log.note) for log in logs] == [(NOW, 1, "erasure on request")]
    assert {t.id: (t.name, t.email) for t in Talent.select()} == others
    assert Touchpoint.select().count() == other_touchpoints
    assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    with pytest.raises(NotFound):
        privacy.erase(zid, NOW)


def test_erase_without_backups_dir(db):
    talent = person("Solo", "2024-01-01")
    assert privacy.erase(talent.id, NOW) == []
    assert not Talent.select().exists()


# -- export --------------------------------------------------------------------------
def test_export_person_holds_profile_candidacies_touchpoints(db):
    build_demo(db, TODAY)
    zid = add_zephyrine(db)
    data = privacy.export_person(zid)
    json.dumps(data)  # plain JSON types only
    assert data["profile"]["name"] == NAME and data["profile"]["email"] == EMAIL
    assert data["profile"]["created_at"] == "2026-01-05T09:15:00"
    mission = Mission.select().order_by(Mission.id).first()
    [candidacy] = data["candidacies"]
    assert (candidacy["mission_title"], candidacy["stage"], candidacy["decline_reason"]) == (mission.title, "declined", "salary")
    assert candidacy["decline_detail"] == f"{NAME} asked for more"
    assert [(t["kind"], t["happened_at"]) for t in data["touchpoints"]] == [
        ("approach", "2026-10-01T09:15:00"), ("call", "2026-10-05T09:15:00"),
    ]
    call = data["touchpoints"][1]
    assert call["feedback_given"] == f"{NAME} liked the team" and call["feedback_at"] == "2026-10-05T18:00:00"
    assert sorted(r["detail"] for r in data["reminders"]) == [f"follow up {EMAIL}", f"wake {NAME}"]
    assert [(s["reason"], s["until"]) for s in data["snoozes"]] == [(f"{NAME} travelling", "2027-02-01")]
    assert len(data["drafts"]) == 1
    assert data["last_activity"] == "2026-10-05"
    with pytest.raises(NotFound):
        privacy.export_person(999_999)


# -- CLI -----------------------------------------------------------------------------
def parser() -> argparse.ArgumentParser:
    def common(p):
        p.add_argument("--config", metavar="PATH", default=argparse.SUPPRESS)
        p.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS)

    top = argparse.ArgumentParser(prog="sourcer-tui")
    top.add_argument("--config", default=None)
    top.add_argument("--db", default=None)
    top.add_argument("--demo", action="store_true")
    privacy_cli.register(top.add_subparsers(dest="command"), common)
    return top


@pytest.fixture
def cli(db):
    opened = []

    def open_db():
        opened.append(1)
        return db, Path(db.database)

    def run(*argv):
        args = parser().parse_args(["privacy", *argv])
        code = privacy_cli.run(args, SETTINGS, open_db)
        assert len(opened) == 1
        opened.clear()
        return code

    return run


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_cli_parses_options_after_the_subcommand(db):
    args = parser().parse_args(["privacy", "erase", "12", "--yes", "--db", "x.db", "--demo"])
    assert (args.command, args.privacy_command, args.talent_id, args.yes, args.db, args.demo) == ("privacy", "erase", 12, True, "x.db", True)
    args = parser().parse_args(["privacy", "review"])
    assert args.db is None and args.demo is False


def test_cli_review(pool, cli, capsys):
    assert cli("review", "--date", "2026-11-23") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Retention review 2026-11-23 (24 months after the last activity) — 6 talents")
    old = pool["old"].id
    assert f"{old:>7}  {'Old contact':<32} last activity 2024-11-22  limit passed 2026-11-22" in out
    assert len([line for line in out if "limit passed" in line]) == 6
    with pytest.raises(SystemExit) as stop:  # refused while parsing: one line, exit 2
        parser().parse_args(["privacy", "review", "--date", "soon"])
    assert stop.value.code == 2 and "argument --date: not a date: 'soon'" in capsys.readouterr().err


def test_cli_export(db, cli, tmp_path, capsys):
    build_demo(db, TODAY)
    zid = add_zephyrine(db)
    out = tmp_path / "sar" / "zq.json"
    out.parent.mkdir()
    assert cli("export", str(zid), str(out)) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(json.dumps(privacy.export_person(zid)))
    assert os.stat(out).st_mode & 0o777 == 0o600
    assert [p.name for p in out.parent.iterdir()] == ["zq.json"]  # no temporary left behind
    assert f"exported talent {zid} to {out} (1 candidacy, 2 touchpoints, 2 reminders, 1 snooze)" in capsys.readouterr().out
    with pytest.raises(CliError, match="cannot write the export"):
        cli("export", str(zid), str(tmp_path / "missing" / "x.json"))


@pytest.mark.sqlite_only("the backups of the database file")
def test_cli_erase_with_yes_lists_old_backups(db, cli, capsys):
    from sourcer_tui.locations import backups_dir

    backups_dir().mkdir(parents=True)
    old_backup = backups_dir() / "test-2020-01-01.db"
    old_backup.write_bytes(b"x")
    talent = person("Gone", "2024-01-01")
    assert cli("erase", str(talent.id), "--yes") == 0
    out = capsys.readouterr().out
    assert f"erased talent {talent.id} (0 candidacies, 1 touchpoint, 0 reminders, 0 snoozes)" in out
    assert str(old_backup) in out and "still hold them until pruned" in out
    assert not Talent.select().where(Talent.id == talent.id).exists()
    assert ErasureLog.select().count() == 1


def test_cli_erase_refuses_without_a_terminal(db, cli, monkeypatch):
    talent = person("Stays", "2024-01-01")
    monkeypatch.setattr("sys.stdin", io.StringIO("yes\n"))
    with pytest.raises(CliError) as error:
        cli("erase", str(talent.id))
    assert str(error.value) == "not a terminal: add --yes to erase without confirmation"
    assert Talent.select().where(Talent.id == talent.id).exists()


def test_cli_erase_asks_for_a_typed_yes(db, cli, monkeypatch, capsys):
    talent = person("Asked", "2024-01-01")
    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr("builtins.input", lambda prompt: "y")
    assert cli("erase", str(talent.id)) == 0
    assert "Nothing erased." in capsys.readouterr().out
    assert Talent.select().where(Talent.id == talent.id).exists()
    monkeypatch.setattr("builtins.input", lambda prompt: "yes")
    assert cli("erase", str(talent.id)) == 0
    assert not Talent.select().where(Talent.id == talent.id).exists()


def test_cli_anonymise_extend_and_unknown_id(db, cli, capsys, monkeypatch):
    talent = person("Someone", "2024-01-01", email="someone@example.org")
    assert cli("anonymise", str(talent.id), "--yes") == 0
    assert Talent.get_by_id(talent.id).name == f"Anonymised talent #{talent.id}"
    other = person("Other", "2024-01-01")
    assert cli("extend", str(other.id)) == 0
    assert Talent.get_by_id(other.id).consent_renewed_at is not None
    assert f"talent {other.id}: consent renewed on" in capsys.readouterr().out
    for argv in (("erase", "999", "--yes"), ("anonymise", "999", "--yes"), ("extend", "999"), ("export", "999", "x.json")):
        with pytest.raises(CliError) as error:
            cli(*argv)
        assert str(error.value) == "no talent with id 999"
