"""Structured interview grids: criteria scored 1 to 4, what a grid must hold, averages.

A mission's grid is a list of criteria (*Python depth*, *communication*…),
each scored from 1 to 4 in an interview, with an optional description of
each level and a line of evidence.  Pure rules, no SQL, no Textual.
"""

from __future__ import annotations

import json

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from ..i18n import N_, _, formats
from .text import clean_line

__all__ = [
    "LEVELS", "MAX_CRITERIA", "Criterion", "STARTER_GRID", "starter_grid", "validate_grid", "parse_levels",
    "format_levels", "average", "average_short", "parse_score", "GRID_KINDS", "form_scores", "form_values",
]

#: The scale: 1 (weak) to 4 (strong).
LEVELS = (1, 2, 3, 4)
#: A grid longer than this is no longer read in an interview.
MAX_CRITERIA = 12


@dataclass(frozen=True)
class Criterion:
    """One criterion as the grid editor and the forms hold it (``id`` None: not saved yet)."""

    name: str
    levels: tuple[str, str, str, str] = ("", "", "", "")
    id: int | None = None


#: The built-in starter grid for tech roles: names and level descriptions in
#: English, marked; :func:`starter_grid` gives them in the reader's language.
STARTER_GRID: tuple[tuple[str, tuple[str, str, str, str]], ...] = (
    (N_("Technical depth"), (N_("Knows the words, not the why"), N_("Solid on the usual cases"),
                             N_("Explains trade-offs and limits"), N_("Teaches it; has gone past the docs"))),
    (N_("System design"), (N_("No overall view"), N_("A working design, gaps on scale or failure"),
                           N_("Sound design, names the risks"), N_("Clear design, weighs options, plans for change"))),
    (N_("Problem solving"), (N_("Stuck without help"), N_("Gets there with hints"),
                             N_("Structured, checks their work"), N_("Fast, finds the simpler problem"))),
    (N_("Communication"), (N_("Hard to follow"), N_("Clear when asked"),
                           N_("Clear and concise, listens"), N_("Adapts to the audience, makes it easy"))),
    (N_("Motivation"), (N_("Looking for any move"), N_("Interested in the role"),
                        N_("Wants this role and knows why"), N_("Strong, specific reasons; has done their homework"))),
)


def starter_grid() -> list[Criterion]:
    """The starter grid in the reader's language (what a mission copies)."""
    return [Criterion(_(name), tuple(_(level) for level in levels)) for name, levels in STARTER_GRID]


def parse_levels(text: str) -> tuple[str, str, str, str]:
    """The stored ``levels`` column as four descriptions: a JSON list of them
    (:func:`format_levels`), or one a line as typed in an import."""
    text = text or ""
    listed = None
    if text.startswith("["):
        try:
            listed = json.loads(text)
        except ValueError:
            listed = None
    if isinstance(listed, list) and all(isinstance(item, str) for item in listed):
        lines = [clean_line(item) for item in listed][: len(LEVELS)]
    else:
        lines = [clean_line(line) for line in text.split("\n")][: len(LEVELS)]
    return tuple(lines + [""] * (len(LEVELS) - len(lines)))  # type: ignore[return-value]


def format_levels(levels: Sequence[str]) -> str:
    """Four descriptions as stored: a JSON list, trailing blank ones left out
    ("" when all are blank).  Not one a line: every text stored is trimmed, and
    blank first lines would move level 4's description to level 1."""
    lines = [clean_line(level) for level in levels][: len(LEVELS)]
    while lines and not lines[-1]:
        lines.pop()
    return json.dumps(lines, ensure_ascii=False) if lines else ""


def validate_grid(criteria: Sequence[Criterion]) -> tuple[list[Criterion], str]:
    """The criteria cleaned (names on one line, blank levels kept), and an error
    message ("" when the grid is fine): every criterion named, no name twice
    (case and spaces aside), at most :data:`MAX_CRITERIA`."""
    cleaned = [Criterion(clean_line(c.name), parse_levels(format_levels(c.levels)), c.id) for c in criteria]
    if any(not c.name for c in cleaned):
        return cleaned, _("every criterion needs a name")
    seen: set[str] = set()
    for criterion in cleaned:
        key = " ".join(criterion.name.casefold().split())
        if key in seen:
            return cleaned, _("“{name}” is in the grid twice").format(name=criterion.name)
        seen.add(key)
    if len(cleaned) > MAX_CRITERIA:
        return cleaned, _("at most {n} criteria").format(n=MAX_CRITERIA)
    return cleaned, ""


def parse_score(text: str) -> int | None:
    """A score as typed or stored: ``"1"`` … ``"4"``, anything else none."""
    text = (text or "").strip()
    return int(text) if len(text) == 1 and text in "1234" else None


def average(scores: Iterable[int | None]) -> Fraction | None:
    """The mean of the scores given (the blank ones left out), exact; None when none is given."""
    given = [s for s in scores if s is not None]
    return Fraction(sum(given), len(given)) if given else None


def average_short(value: float | Fraction | None) -> str:
    """An average as a narrow column shows it: one decimal (``3.3``), blank when none."""
    return "" if value is None else formats.decimal(float(value), 1)


#: The contacts scored on the mission's grid.
GRID_KINDS = frozenset({"interview"})


def form_scores(data: Mapping[str, str]) -> dict[int, tuple[int | None, str]]:
    """The grid in a form's values (``score:<id>``, ``evidence:<id>``): per
    criterion id, its score (None: not given) and its evidence, on one line."""
    found: dict[int, tuple[int | None, str]] = {}
    for key, value in data.items():
        prefix, _sep, ident = key.partition(":")
        if prefix not in ("score", "evidence") or not ident.isdigit():
            continue
        score, evidence = found.get(int(ident), (None, ""))
        if prefix == "score":
            score = parse_score(value)
        else:
            evidence = clean_line(value)
        found[int(ident)] = (score, evidence)
    return found


def form_values(lines: Iterable[tuple[int, int | None, str]]) -> dict[str, str]:
    """A grid's (criterion id, score, evidence) as a form's values."""
    values: dict[str, str] = {}
    for ident, score, evidence in lines:
        values[f"score:{ident}"] = "" if score is None else str(score)
        values[f"evidence:{ident}"] = evidence
    return values
