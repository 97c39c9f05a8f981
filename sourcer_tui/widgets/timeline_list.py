"""A talent's touchpoints, one line each, newest first."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from rich.cells import cell_len
from rich.text import Text

from ..domain.vocab import CHANNELS, TOUCHPOINT_KINDS, kind_label, label
from ..i18n import N_, _, formats, language
from ..services.talents import TimelineEntry
from .virtual_list import VirtualList

__all__ = ["TimelineList", "describe_entry"]

#: How a feedback went (``Touchpoint.sentiment``, a code name): English, marked.
_SENTIMENTS = {"positive": N_("positive"), "mixed": N_("mixed"), "negative": N_("negative")}


def _kind(entry: TimelineEntry) -> str:
    if entry.kind == "followup" and entry.step:
        return _("Follow-up {step}").format(step=entry.step)
    return kind_label(entry.kind)


def _column(text: str, width: int) -> str:
    """*text* padded to *width*; a longer one (French runs longer) cut with "…" and a space kept after it."""
    return f"{text:<{width}}" if len(text) < width else text[: width - 2] + "… "


@lru_cache(maxsize=4)
def _widths(lang: str) -> tuple[int, int]:
    """The kind and channel columns in *lang*: 18 and 9 cells, or the longest label
    and a space (French runs longer: ``Réponse (positive)``, ``en personne``), at most 24 and 12."""
    kinds = max(cell_len(kind_label(kind)) for kind in TOUCHPOINT_KINDS)
    channels = max(cell_len(label(channel)) for channel in CHANNELS)
    return max(18, min(24, kinds + 1)), max(9, min(12, channels))  # a space follows the channel


def _sentiment(code: str | None) -> str:
    if not code:
        return ""
    known = _SENTIMENTS.get(code)
    return _(known) if known is not None else code


class TimelineList(VirtualList):
    empty_text = N_("No touchpoint yet.")

    def render_item(self, entry: TimelineEntry, width: int) -> Text:
        kinds, channels = _widths(language())
        text = Text.assemble(
            (formats.date_time(entry.happened_at), "dim"),
            "  ",
            (_column(_kind(entry), kinds), "cyan"),
            (f"{label(entry.channel):<{channels}.{channels}}", "dim"),
            " ",
        )
        team = self.app.team
        if team.mode:  # who made the contact: only once there is a team
            text.append(_column(team.owner_name(entry.owner), 12))
        if entry.missing_feedback:
            text.append(_("feedback owed") + " ", "bold yellow")
        summary = entry.feedback_given or entry.summary or entry.next_step
        text.append(summary.replace("\n", " ⏎ "))
        return text


def describe_entry(entry: TimelineEntry, by: str = "") -> Text:
    """Every field of a touchpoint, for the panel under the timeline; *by*: who
    logged it (team mode), "" to say nothing of it."""
    text = Text.assemble((_kind(entry), "bold"), f" · {label(entry.channel)} · ", formats.date_time(entry.happened_at))
    if entry.mission:
        text.append(f" · {entry.mission}")
    if by:
        text.append(" · " + _("by {name}").format(name=by))
    next_step = entry.next_step
    if entry.next_step_due:
        day = formats.full_date(entry.next_step_due) if entry.next_step_time is None else formats.date_time(
            dt.datetime.combine(entry.next_step_due, entry.next_step_time))
        next_step += " — " + _("due {day}").format(day=day)
    for title, value in (
        (_("Message"), entry.summary),
        (_("Feedback given"), entry.feedback_given),
        (_("Impression (private)"), entry.impression),
        (_("Sentiment"), _sentiment(entry.sentiment)),
        (_("Next step"), next_step),
    ):
        if value:
            text.append("\n" + _("{field}: {value}").format(field=title, value=""), "bold")  # "Message : " in French
            text.append(value)
    if entry.missing_feedback:
        text.append("\n" + _("Feedback à chaud still owed for this contact."), "bold yellow")
    return text
