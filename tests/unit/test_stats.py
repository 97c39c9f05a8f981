"""Outreach analytics on a small hand-built database: every figure worked out by hand."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from sourcer_tui.cli import main
from sourcer_tui.db.models import Candidacy, Mission, Talent, Touchpoint
from sourcer_tui.domain.stats import group_reasons, percent, rate
from sourcer_tui.domain.vocab import DEFAULT_DECLINE_REASONS, DEFAULT_SOURCES
from sourcer_tui.services import stats as stats_service
from sourcer_tui.services.stats import compute, since_for

D = dt.datetime(2026, 10, 1, 9, 0)


def day(n: int, hours: int = 0) -> dt.datetime:
    return D + dt.timedelta(days=n, hours=hours)


@pytest.fixture(params=["kept", "temporary"], autouse=True)
def summary(request, monkeypatch):
    """Every figure twice: from the summary rows kept by triggers, and from a
    temporary table built by the same query (a database without them)."""
    if request.param == "temporary":
        monkeypatch.setattr(stats_service, "keeps", lambda db, table: False)
    return request.param


@pytest.fixture
def hand_built(db):
    """Two missions, five candidacies:

    A (linkedin, M1): first message d0, follow-up 1 d2, follow-up 2 d6, positive reply d7 -> replies(2)
    B (referral, M1): first message d0, negative reply d1 (declined: salary)          -> replies(0)
    C (linkedin, M1): first message d0, follow-up 1 d2, silent
    D (linkedin, M2): the same talent as A, contacted again for M2: first message d30, positive reply d32 -> replies(0)
    E (linkedin, M2): first message d-40 (outside a range starting d0), follow-up 1 d-38, negative reply d-37
    F (M1): never messaged, declined d5 (timing) — counted in the reasons all the same
    G (M1): never messaged, rejected by us d9 (skills) — our reasons, apart
    """
    m1, m2 = Mission.create(title="M1"), Mission.create(title="M2")
    a = Talent.create(name="A", source="linkedin")
    b = Talent.create(name="B", source="referral")
    c = Talent.create(name="C", source="linkedin")
    e = Talent.create(name="E", source="linkedin")
    ca = Candidacy.create(talent=a, mission=m1, stage="replied")
    cb = Candidacy.create(talent=b, mission=m1, stage="declined", decline_reason="salary", closed_at=day(1))
    cc = Candidacy.create(talent=c, mission=m1, stage="approached")
    cd = Candidacy.create(talent=a, mission=m2, stage="replied")
    ce = Candidacy.create(talent=e, mission=m2, stage="declined", decline_reason="moving to Mars", closed_at=day(-37))  # free text -> other
    Candidacy.create(talent=Talent.create(name="F"), mission=m1, stage="declined", decline_reason="timing", closed_at=day(5))
    Candidacy.create(talent=Talent.create(name="G"), mission=m1, stage="rejected", decline_reason="skills", closed_at=day(9))

    def tp(candidacy, kind, when, step=None):
        Touchpoint.create(talent=candidacy.talent_id, candidacy=candidacy, kind=kind, happened_at=when, step=step)

    tp(ca, "approach", day(0), 0), tp(ca, "followup", day(2), 1), tp(ca, "followup", day(6), 2), tp(ca, "reply_positive", day(7))
    tp(ca, "call", day(8))  # not outreach: ignored
    tp(cb, "approach", day(0), 0), tp(cb, "reply_negative", day(1)), tp(cb, "reply_positive", day(3))  # only the first reply counts
    tp(cc, "approach", day(0), 0), tp(cc, "followup", day(2), 1)
    tp(cd, "approach", day(30), 0), tp(cd, "reply_positive", day(32, 12))
    tp(ce, "approach", day(-40), 0), tp(ce, "followup", day(-38), 1), tp(ce, "reply_negative", day(-37))
    return m1, m2


def steps_of(report):
    return [(s.step, s.sent, s.replies, s.positive, s.negative) for s in report.steps]


def test_all_missions_all_time(hand_built):
    report = compute(None, None, DEFAULT_DECLINE_REASONS, DEFAULT_SOURCES)
    # sent: step 0 = A B C D E = 5; step 1 = A C E = 3; step 2 = A = 1
    # replies: step 0 = B(neg) D(pos); step 1 = E(neg); step 2 = A(pos)
    assert steps_of(report) == [(0, 5, 2, 1, 1), (1, 3, 1, 0, 1), (2, 1, 1, 1, 0)]
    assert [s.response_rate for s in report.steps] == [2 / 5, 1 / 3, 1.0]
    g = report.overall
    assert (g.contacted, g.replied, g.positive, g.negative) == (5, 4, 2, 2)
    assert (g.response_rate, g.positive_share, g.negative_share) == (4 / 5, 0.5, 0.5)
    # days to first reply: A 7, B 1, D 2.5, E 3 -> sorted 1, 2.5, 3, 7 -> median 2.75 (shown to 0.1)
    assert g.median_days_to_reply == 2.8
    assert [report.reply_share(s) for s in report.steps] == [0.5, 0.25, 0.25]
    assert report.decline_reasons == {"salary": 1, "timing": 1, "other": 1}
    assert report.rejection_reasons == {"skills": 1}
    by = {k: (v.contacted, v.replied, v.positive, v.negative, v.median_days_to_reply) for k, v in report.by_source.items()}
    assert by == {"linkedin": (4, 3, 2, 1, 3.0), "referral": (1, 1, 0, 1, 1.0)}
    assert list(report.by_source) == ["linkedin", "referral"]  # configured order


def test_one_mission(hand_built):
    m1, m2 = hand_built
    report = compute(m1.id, None, DEFAULT_DECLINE_REASONS, DEFAULT_SOURCES)
    assert steps_of(report) == [(0, 3, 1, 0, 1), (1, 2, 0, 0, 0), (2, 1, 1, 1, 0)]
    g = report.overall
    assert (g.contacted, g.replied, g.positive, g.negative, g.median_days_to_reply) == (3, 2, 1, 1, 4.0)
    assert report.decline_reasons == {"salary": 1, "timing": 1} and report.rejection_reasons == {"skills": 1}
    # M2: A contacted again (D: first-message reply), and E (reply after follow-up 1)
    report = compute(m2.id, None, DEFAULT_DECLINE_REASONS, DEFAULT_SOURCES)
    assert steps_of(report) == [(0, 2, 1, 1, 0), (1, 1, 1, 0, 1)]


def test_a_range_selects_by_first_message(hand_built):
    report = compute(None, dt.date(2026, 10, 1), DEFAULT_DECLINE_REASONS, DEFAULT_SOURCES)
    # E's first message (d-40) is before the range: E is out entirely
    assert steps_of(report) == [(0, 4, 2, 1, 1), (1, 2, 0, 0, 0), (2, 1, 1, 1, 0)]
    assert (report.overall.contacted, report.overall.replied, report.overall.median_days_to_reply) == (4, 3, 2.5)
    # reasons: the candidacies closed in the range (E's no, d-37, is before it)
    assert report.decline_reasons == {"salary": 1, "timing": 1} and report.rejection_reasons == {"skills": 1}
    report = compute(None, dt.date(2026, 10, 2), DEFAULT_DECLINE_REASONS, DEFAULT_SOURCES, until=dt.date(2026, 10, 9))
    assert steps_of(report) == []  # D's first message (d30) is after the range
    assert report.decline_reasons == {"salary": 1, "timing": 1} and report.rejection_reasons == {}  # G closed d9 = Oct 10


def test_empty_range_is_explained_not_zero(hand_built):
    from sourcer_tui.services.stats_report import text_report

    report = compute(None, dt.date(2027, 1, 1), DEFAULT_DECLINE_REASONS, DEFAULT_SOURCES)
    assert report.steps == [] and report.overall.contacted == 0 and report.overall.response_rate is None
    assert "No first messages in this range." in text_report(report, "All missions")


def test_pure_helpers():
    assert rate(1, 3) == 1 / 3 and rate(1, 0) is None
    assert percent(0.1234) == "12.3%" and percent(None) == "—" and percent(1.0) == "100.0%"
    assert group_reasons([("salary", 2), (None, 1), ("free text", 3), ("timing", 1)], ["salary", "timing", "other"]) == {"salary": 2, "timing": 1, "other": 4}
    assert since_for(30, dt.date(2026, 11, 23)) == dt.date(2026, 10, 25) and since_for(None, dt.date(2026, 11, 23)) is None


def test_stats_cli_json_and_csv(hand_built, db, capsys):
    path = db.database
    assert main(["--db", path, "stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["global"]["contacted"] == 5 and data["global"]["median_days_to_reply"] == 2.8
    assert [s["replies"] for s in data["steps"]] == [2, 1, 1]
    assert main(["--db", path, "stats", "--csv", "--csv-dialect", "en", "--since", "2026-10-01"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0] == "step,label,sent,replies,positive,negative,response_rate,share_of_replies"
    assert lines[1] == "0,first message,4,2,1,1,0.5000,0.6667"


def test_stats_csv_for_french_excel(hand_built, db, capsys, monkeypatch):
    """In a French environment the step table is for French Excel: French
    headers, semicolons, decimal commas, a BOM."""
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert main(["--db", db.database, "stats", "--csv", "--since", "2026-10-01"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0] == "\ufeffétape;libellé;envoyés;réponses;positives;négatives;taux_de_réponse;part_des_réponses"
    assert lines[1] == "0;premier message;4;2;1;1;0,5000;0,6667"
    assert lines[2].startswith("1;relance 1;")
    assert main(["--db", db.database, "stats", "--csv", "--csv-dialect", "en", "--since", "2026-10-01"]) == 0
    assert capsys.readouterr().out.startswith("step,label,sent,")


def test_demo_figures_are_consistent(tmp_path, capsys):
    from sourcer_tui.db.database import open_database
    from sourcer_tui import demo

    path = tmp_path / "demo.db"
    demo.build_demo(open_database(path), dt.date(2026, 11, 23))
    assert main(["--db", str(path), "stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    steps, overall = data["steps"], data["global"]
    assert overall["contacted"] > 50 and overall["replied"] > 10
    assert sum(s["replies"] for s in steps) == overall["replied"]
    for s in steps:
        assert s["positive"] + s["negative"] == s["replies"]
        assert s["response_rate"] == pytest.approx(s["replies"] / s["sent"])
    assert steps[0]["sent"] == overall["contacted"]
    assert overall["positive_share"] + overall["negative_share"] == pytest.approx(1.0)
    assert sum(v["contacted"] for v in data["by_source"].values()) == overall["contacted"]
    assert sum(v["replied"] for v in data["by_source"].values()) == overall["replied"]
