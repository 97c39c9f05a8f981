"""domain/teammates.py: when the owner UI shows, names, and the teammate warning, with exact values."""

from __future__ import annotations

import datetime as dt

import pytest

from sourcer_tui.domain.teammates import (
    RecentContact, contact_label, contact_warning, is_contact_out, owner_name, team_mode,
)

NOW = dt.datetime(2026, 11, 23, 10, 30)


def _contact(days_ago: int, kind: str = "followup", step: int | None = 1, followups: int = 3) -> RecentContact:
    return RecentContact("Camille", NOW - dt.timedelta(days=days_ago, hours=2), kind, step, followups)


def test_the_issue_s_example_word_for_word():
    assert contact_warning(_contact(3), NOW, 14) == "Camille contacted them 3 days ago (follow-up 1/3)"


@pytest.mark.parametrize(("days", "expected"), [
    (0, "Camille contacted them today (follow-up 1/3)"),
    (1, "Camille contacted them 1 day ago (follow-up 1/3)"),
    (13, "Camille contacted them 13 days ago (follow-up 1/3)"),
    (14, None),  # within the last 14 days: 14 days ago is out
    (40, None),
])
def test_the_window_counts_dates(days, expected):
    assert contact_warning(_contact(days), NOW, 14) == expected


def test_no_contact_or_warning_off_says_nothing():
    assert contact_warning(None, NOW, 14) is None
    assert contact_warning(_contact(1), NOW, 0) is None


@pytest.mark.parametrize(("kind", "step", "followups", "label"), [
    ("approach", 0, 0, "first message"),
    ("followup", 0, 3, "first message"),
    ("followup", 2, 3, "follow-up 2/3"),
    ("followup", 4, 3, "follow-up 4"),  # past the cadence (a follow-up logged by hand): no total
    ("call", None, 0, "call"),
    ("interview", None, 0, "interview"),
])
def test_what_they_did(kind, step, followups, label):
    assert contact_label(kind, step, followups) == label


def test_a_call_a_teammate_made_yesterday():
    assert contact_warning(_contact(1, "call", None, 0), NOW, 14) == "Camille contacted them 1 day ago (call)"


@pytest.mark.parametrize(("kind", "out"), [
    ("approach", True), ("followup", True), ("call", True), ("interview", True), ("event", True),
    ("note", False), ("inbound", False), ("reply_positive", False), ("reply_negative", False),
    ("rejection", False), ("decline", False),
])
def test_which_kinds_reach_out(kind, out):
    assert is_contact_out(kind) is out


def test_team_mode_needs_a_shared_database_or_another_login():
    assert team_mode(False, "", []) is False
    assert team_mode(False, "anna", ["anna"]) is False  # only me: still solo
    assert team_mode(False, "anna", ["anna", "camille"]) is True
    assert team_mode(False, "", ["camille"]) is True  # the single user, and Camille wrote here
    assert team_mode(True, "anna", []) is True  # PostgreSQL: a team from the start


def test_owner_names():
    names = {"camille": "Camille Roux", "bob": ""}
    assert owner_name("camille", names, "anna", "Anna") == "Camille Roux"
    assert owner_name("bob", names, "anna", "Anna") == "bob"  # no name: the login
    assert owner_name("anna", names, "anna", "Anna") == "Anna"  # me: my [profile] name
    assert owner_name(None, names, "anna", "Anna") == ""  # the single user of older rows
    assert owner_name(None, names, "", "Anna") == "Anna"  # I am the single user
