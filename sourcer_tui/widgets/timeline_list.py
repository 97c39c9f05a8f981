"""A talent's touchpoints, one line each, newest first."""

from __future__ import annotations

from rich.text import Text

from ..domain.vocab import TOUCHPOINT_KINDS, label
from ..services.talents import TimelineEntry
from .virtual_list import VirtualList

__all__ = ["TimelineList", "describe_entry"]


def _kind(entry: TimelineEntry) -> str:
    text = TOUCHPOINT_KINDS.get(entry.kind, (label(entry.kind),))[0]
    if entry.kind == "followup" and entry.step:
        text = f"{text} {entry.step}"
    return text


class TimelineList(VirtualList):
    empty_text = "No touchpoint yet."

    def render_item(self, entry: TimelineEntry, width: int) -> Text:
        text = Text.assemble(
            (entry.happened_at.strftime("%Y-%m-%d %H:%M"), "dim"),
            "  ",
            (f"{_kind(entry):<18.18}", "cyan"),
            (f"{label(entry.channel):<9.9}", "dim"),
            " ",
        )
        if entry.missing_feedback:
            text.append("feedback owed ", "bold yellow")
        summary = entry.feedback_given or entry.summary or entry.next_step
        text.append(summary.replace("\n", " ⏎ "))
        return text


def describe_entry(entry: TimelineEntry) -> Text:
    """Every field of a touchpoint, for the panel under the timeline."""
    text = Text.assemble((_kind(entry), "bold"), f" · {label(entry.channel)} · ", entry.happened_at.strftime("%Y-%m-%d %H:%M"))
    if entry.mission:
        text.append(f" · {entry.mission}")
    for title, value in (
        ("Message", entry.summary),
        ("Feedback given", entry.feedback_given),
        ("Impression (private)", entry.impression),
        ("Sentiment", entry.sentiment or ""),
        ("Next step", entry.next_step + (f" — due {entry.next_step_due.isoformat()}" if entry.next_step_due else "")),
    ):
        if value:
            text.append(f"\n{title}: ", "bold")
            text.append(value)
    if entry.missing_feedback:
        text.append("\nFeedback à chaud still owed for this contact.", "bold yellow")
    return text
