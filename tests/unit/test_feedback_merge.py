"""Keeping both versions of one feedback (two windows): exact results."""

from __future__ import annotations

from sourcer_tui.domain.feedback_merge import merge_feedback


def test_two_different_texts_are_both_kept_theirs_first():
    theirs = {"feedback_given": "Told her the salary range", "impression": "Sharp", "next_step": "Call the CTO",
              "next_step_due": "2026-11-30", "sentiment": "positive"}
    mine = {"feedback_given": "Told her about the team", "impression": "", "next_step": "Send the offer",
            "next_step_due": "", "sentiment": "mixed"}
    assert merge_feedback(theirs, mine) == {
        "feedback_given": "Told her the salary range\nTold her about the team",
        "impression": "Sharp",
        "next_step": "Call the CTO / Send the offer",
        "next_step_due": "2026-11-30",  # mine had none
        "sentiment": "mixed",  # mine wins a choice
    }


def test_the_same_text_or_one_inside_the_other_is_kept_once():
    assert merge_feedback({"feedback_given": "Told her X"}, {"feedback_given": " Told her X "})["feedback_given"] == "Told her X"
    assert merge_feedback({"feedback_given": "Told her X"}, {"feedback_given": "Told her X, then Y"})["feedback_given"] == "Told her X, then Y"
    assert merge_feedback({"feedback_given": "Told her X, then Y"}, {"feedback_given": "then Y"})["feedback_given"] == "Told her X, then Y"
    assert merge_feedback({}, {}) == {"feedback_given": "", "impression": "", "next_step": "", "next_step_due": "", "sentiment": ""}
