"""Pure domain rules: forms, text cleaning, stages, paging, humanize."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, strategies as st

from sourcer_tui.domain.forms import is_web_url, validate_mission, validate_talent
from sourcer_tui.domain.humanize import age, count
from sourcer_tui.domain.stages import adjacent_stage, all_stages, past_outreach
from sourcer_tui.domain.text import clean_line, clean_text, normalise_tags, pasteable
from sourcer_tui.domain import vocab
from sourcer_tui.domain.vocab import DEFAULT_SOURCES, DEFAULT_STAGES
from sourcer_tui.services.paging import MISSING, Group, GroupedRows, Header, PagedRows


def test_talent_validation_accepts_a_full_record():
    cleaned, errors = validate_talent(
        {"name": "Zoé", "email": "zoe@lumen.io", "linkedin_url": "https://www.linkedin.com/in/zoe", "source": "referral", "phone": "+33 6 12 34 56 78"},
        DEFAULT_SOURCES,
    )
    assert errors == {}
    assert cleaned["source"] == "referral" and cleaned["email_norm"] == "zoe@lumen.io"


def test_talent_validation_messages():
    _, errors = validate_talent({"name": "x" * 301, "email": "a@b", "linkedin_url": "linkedin.com/in/x", "phone": "call me"}, DEFAULT_SOURCES)
    assert errors == {
        "name": "at most 300 characters",
        "email": "not an email address: 'a@b' (expected name@domain.tld)",
        "linkedin_url": "must be an http:// or https:// address",
        "phone": "digits, spaces and + ( ) . - / only",
    }


def test_the_vocabulary_agrees_with_itself():
    assert {channel for _, channel, _ in vocab.TOUCHPOINT_KINDS.values()} <= set(vocab.CHANNELS)
    assert {direction for _, _, direction in vocab.TOUCHPOINT_KINDS.values()} == set(vocab.DIRECTIONS)
    assert all(vocab.STAGE_NAME.fullmatch(stage) for stage in DEFAULT_STAGES + vocab.CLOSED_STAGES)
    assert not vocab.STAGE_NAME.fullmatch("Offer") and not vocab.STAGE_NAME.fullmatch("2nd_call")


def test_source_defaults_to_other():
    cleaned, errors = validate_talent({"name": "A"}, DEFAULT_SOURCES)
    assert errors == {} and cleaned["source"] == "other"


def test_mission_validation():
    assert validate_mission({"title": "  Backend  "})[0]["title"] == "Backend"
    assert validate_mission({"title": ""})[1] == {"title": "a title is required"}
    assert validate_mission({"title": "x", "status": "paused"})[1] == {"status": "one of: open, on_hold, closed"}


def test_web_urls():
    assert is_web_url("https://linkedin.com/in/x") and is_web_url("http://x.io")
    assert not is_web_url("javascript:alert(1)") and not is_web_url("file:///etc/passwd") and not is_web_url("https://")


def test_clean_text_keeps_newlines_and_tabs_only():
    assert clean_text("a\tb\r\nc\x1b]8;;x\x07d\x9b\x7f") == "a\tb\nc]8;;xd"
    assert clean_line("  a \n b\t\tc ") == "a b c"
    assert normalise_tags(" Go,, go ,Rust ") == "go,rust"
    assert pasteable("  a\tb\r\nc\x1b]8;;x\x07d\x9b\x7f ") == "  a\tb\nc]8;;xd "  # a paste keeps its spaces


@given(st.text())
def test_cleaned_text_has_no_control_characters(text):
    for value in (clean_text(text), clean_line(text), pasteable(text)):
        assert not any((ord(c) < 32 and c not in "\t\n") or 0x7F <= ord(c) <= 0x9F for c in value)


def test_stage_order_and_moves():
    assert all_stages(DEFAULT_STAGES)[-2:] == ["declined", "rejected"]
    assert adjacent_stage(DEFAULT_STAGES, "sourced", 1) == "approached"
    assert adjacent_stage(DEFAULT_STAGES, "sourced", -1) is None
    assert adjacent_stage(DEFAULT_STAGES, "hired", 1) is None
    assert adjacent_stage(DEFAULT_STAGES, "declined", -1) is None


def test_a_stage_after_approached_is_past_outreach():
    assert [s for s in all_stages(DEFAULT_STAGES) if past_outreach(DEFAULT_STAGES, s)] == [
        "replied", "screening", "interviewing", "reverse_interview", "offer", "hired",
    ]
    assert not past_outreach(("sourced", "call", "hired"), "hired")  # no approached stage: nothing said


def test_age_and_count():
    now = dt.date(2026, 11, 23)
    assert [age(now - dt.timedelta(days=d), now) for d in (0, 3, 13, 14, 59, 60, 729, 730)] == [
        "today", "3d", "13d", "2w", "8w", "2mo", "24mo", "2y",
    ]
    assert age(None, now) == "" and count(1234567) == "1,234,567"


def test_paged_rows_fetch_only_pages_needed():
    calls = []

    def fetch(offset, limit):
        calls.append(offset)
        return list(range(offset, min(offset + limit, 1000)))

    rows = PagedRows(1000, fetch, page_size=100)
    assert rows.get(0) == 0 and rows.get(99) == 99 and rows.get(100) == 100 and rows.get(999) == 999
    assert rows.get(1000) is None and rows.get(-1) is None
    assert calls == [0, 100, 900]


def test_peek_never_fetches():
    calls = []
    rows = PagedRows(250, lambda offset, limit: calls.append(offset) or list(range(offset, min(offset + limit, 250))), page_size=100)
    assert [rows.peek(0), rows.peek(249), rows.peek(250), rows.peek(-1)] == [MISSING, MISSING, None, None] and calls == []
    rows.prefetch(180, 40)
    assert calls == [100, 200] and [rows.peek(99), rows.peek(100), rows.peek(249)] == [MISSING, 100, 249]
    groups = [Group("a", "A", 1), Group("b", "B", 1)]
    grouped = GroupedRows(groups, lambda key, offset, limit: [f"{key}0"])
    assert [grouped.peek(i) for i in range(4)] == [Header(groups[0]), MISSING, Header(groups[1]), MISSING]
    grouped.get(3)
    assert grouped.peek(3) == "b0" and grouped.peek(1) is MISSING


def test_grouped_rows_layout():
    groups = [Group("a", "A", 2), Group("b", "B", 0), Group("c", "C", 1)]
    rows = GroupedRows(groups, lambda key, offset, limit: [f"{key}{i}" for i in range(offset, offset + limit)][: {"a": 2, "b": 0, "c": 1}[key]])
    got = [rows.get(i) for i in range(rows.total)]
    assert got == [Header(groups[0]), "a0", "a1", Header(groups[1]), Header(groups[2]), "c0"]
    assert rows.group_start(2) == 4 and rows.group_of(5) == 2 and rows.locate(6) is None


def test_the_spreadsheet_dialect_follows_the_environment_language():
    from sourcer_tui.domain.spreadsheets import decimal, default_dialect

    assert default_dialect({}) == "en"
    assert default_dialect({"LANG": "fr_FR.UTF-8"}) == "fr"
    assert default_dialect({"LANG": "fr_CA.UTF-8", "LC_ALL": "C.UTF-8"}) == "en"  # LC_ALL first
    assert default_dialect({"LANG": "en_GB.UTF-8", "LC_MESSAGES": "fr_BE"}) == "fr"
    assert default_dialect({"LC_ALL": "", "LANG": "FR_fr"}) == "fr"  # an empty variable is not set
    assert (decimal(0.29912, 4, "fr"), decimal(0.29912, 4, "en")) == ("0,2991", "0.2991")
