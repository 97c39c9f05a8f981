"""Two talents who are one person: how close names are, and what a merge keeps.

Pure rules, no SQL (``services/merge.py`` runs them in one transaction):

- :func:`name_words` / :func:`same_name`: *Élodie Martin* and *martin elodie*
  are the same name — the same words, accents, case and order aside;
- :func:`conflicts`, :func:`merged_values`: the fields both talents fill with
  different values (the merge preview asks which one to keep, or both for
  tags and notes), and the values the kept talent ends with; a field only one
  of them fills is simply kept (the legal basis with its date: one value, as
  the salary);
- :func:`keeps_first`, :func:`merged_candidacy`: both in the same mission, the
  further-advanced candidacy stays and takes the other's history.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .legal_basis import LEGAL_FIELDS
from .text import clean_line, clean_text, normalise_email, normalise_tags, normalise_url
from .talent_fields import labelled
from .vocab import CLOSED_STAGES

__all__ = [
    "FIELDS", "SALARY", "COMBINABLE", "KEPT", "OTHER", "BOTH", "fold", "name_words", "same_name",
    "Conflict", "conflicts", "default_choices", "merged_values", "combine_notes",
    "CandidacyState", "stage_rank", "keeps_first", "merged_candidacy",
]

#: The talent's fields a merge compares, in the preview's order, with their labels.
#: ``salary`` stands for the amount with its currency and period (one choice).
FIELDS: tuple[tuple[str, str], ...] = labelled((
    "name", "headline", "company", "email", "phone", "linkedin_url", "location", "source", "referred_by", "salary",
    "notice_period", "available_from", "remote_pref", "languages", "cv_ref", "legal_basis", "keep_in_touch_months", "tags", "notes",
))
SALARY = ("salary_amount", "salary_currency", "salary_period")
#: The fields that go together as one choice: ``legal_basis`` stands for the basis with its date.
_PAIRS: dict[str, tuple[str, ...]] = {"salary": SALARY, "legal_basis": LEGAL_FIELDS}
#: Fields whose two values can be kept together.
COMBINABLE = frozenset({"tags", "notes"})
KEPT, OTHER, BOTH = "kept", "other", "both"

_WORD = re.compile(r"[^\W_]+")
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


def fold(text: str) -> str:
    """Lower case, accents dropped: ``"Élodie"`` -> ``"elodie"``, ``"Œuvre"`` -> ``"oeuvre"``."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def name_words(name: str | None) -> tuple[str, ...]:
    """The words of a name, folded and sorted: ``"Élodie Martin-Éluard"`` ->
    ``("elodie", "eluard", "martin")``: two names with the same words are the same name."""
    return tuple(sorted(_WORD.findall(fold(clean_line(name)))))


def same_name(a: str | None, b: str | None) -> bool:
    """``"Élodie Martin"`` and ``"martin  ELODIE"`` are the same name; an empty one is no one's."""
    words = name_words(a)
    return bool(words) and words == name_words(b)


# -- the fields ------------------------------------------------------------------------
def _value(record: Mapping[str, object], field: str) -> object:
    if field in _PAIRS:
        return tuple(record.get(name) for name in _PAIRS[field])
    return record.get(field)


def _empty(field: str, value: object) -> bool:
    if field in _PAIRS:  # no amount: no salary, whatever the currency; no basis recorded: none, whatever the date
        return not value[0]  # type: ignore[index]
    return value is None or (isinstance(value, str) and not value.strip())


def _same(field: str, a: object, b: object) -> bool:
    if field == "email":
        return normalise_email(str(a)) == normalise_email(str(b))
    if field == "linkedin_url":
        return normalise_url(str(a)) == normalise_url(str(b))
    if field == "tags":
        return set(normalise_tags(str(a)).split(",")) == set(normalise_tags(str(b)).split(","))
    if isinstance(a, str) and isinstance(b, str):
        return a.strip() == b.strip()
    return a == b


@dataclass(frozen=True)
class Conflict:
    """A field both talents fill, differently."""

    field: str
    label: str  # English, marked: shown through _()
    kept: object
    other: object

    @property
    def combinable(self) -> bool:
        return self.field in COMBINABLE


def conflicts(kept: Mapping[str, object], other: Mapping[str, object]) -> list[Conflict]:
    """The fields filled on both sides with values that differ, in :data:`FIELDS` order."""
    found = []
    for field, label in FIELDS:
        a, b = _value(kept, field), _value(other, field)
        if not _empty(field, a) and not _empty(field, b) and not _same(field, a, b):
            found.append(Conflict(field, label, a, b))
    return found


def default_choices(found: Sequence[Conflict]) -> dict[str, str]:
    """What the preview proposes: both tags and notes, the kept talent's value elsewhere."""
    return {c.field: BOTH if c.combinable else KEPT for c in found}


def combine_notes(a: str, b: str) -> str:
    """Both notes, the kept talent's first, once if one already holds the other."""
    a, b = clean_text(a), clean_text(b)
    if not a or b in a:
        return b if not a else a
    if a in b:
        return b
    return f"{a}\n\n{b}"


def merged_values(kept: Mapping[str, object], other: Mapping[str, object], choices: Mapping[str, str]) -> dict[str, object]:
    """The kept talent's columns after the merge: for a conflict, the value chosen
    (*choices*: field -> :data:`KEPT`, :data:`OTHER` or :data:`BOTH`, kept by
    default); otherwise whichever side fills the field.  The normalised email
    and URL follow the chosen ones; ``created_at`` is the earlier one (known
    since then), ``consent_renewed_at`` the later one."""
    result: dict[str, object] = {}
    for field, _label in FIELDS:
        a, b = _value(kept, field), _value(other, field)
        if _empty(field, a) and not _empty(field, b):
            value = b
        elif _empty(field, b) or _same(field, a, b):
            value = a
        else:
            choice = choices.get(field, KEPT)
            if choice == BOTH and field == "tags":
                value = normalise_tags(f"{a},{b}")
            elif choice == BOTH and field == "notes":
                value = combine_notes(str(a), str(b))
            else:
                value = b if choice == OTHER else a
        if field in _PAIRS:
            result.update(zip(_PAIRS[field], value))  # type: ignore[arg-type]
        else:
            result[field] = value
    result["email_norm"] = normalise_email(str(result.get("email") or ""))
    result["linkedin_norm"] = normalise_url(str(result.get("linkedin_url") or ""))
    for field, pick in (("created_at", min), ("consent_renewed_at", max)):
        dates = [d for d in (kept.get(field), other.get(field)) if d is not None]
        if field in kept or field in other:
            result[field] = pick(dates) if dates else None
    return result


# -- candidacies in the same mission --------------------------------------------------
@dataclass(frozen=True)
class CandidacyState:
    """What decides which of two candidacies in one mission stays, and what it takes."""

    stage: str
    sequence_state: str = "none"
    last_step_sent: int | None = None
    first_contact_at: dt.datetime | None = None
    replied_at: dt.datetime | None = None
    reply_sentiment: str | None = None
    closed_at: dt.datetime | None = None


def stage_rank(state: CandidacyState, stages: Sequence[str]) -> tuple:
    """How far a candidacy went: an open stage by its place in *stages* (a stage
    no longer configured before them); a closed one below every open one, the
    latest closed highest — work goes on in the open one, and the closed
    one's decline stays in the history it hands over."""
    if state.stage in CLOSED_STAGES:
        return (0, state.closed_at or dt.datetime.min)
    if state.stage in stages:
        return (2, list(stages).index(state.stage))
    return (1, 0)


def keeps_first(first: CandidacyState, second: CandidacyState, stages: Sequence[str]) -> bool:
    """Whether *first* (the kept talent's) stays rather than *second*: the further
    advanced one stays, *first* on a tie."""
    return stage_rank(first, stages) >= stage_rank(second, stages)


def _earliest(*values):
    present = [v for v in values if v is not None]
    return min(present) if present else None


def merged_candidacy(kept: CandidacyState, dropped: CandidacyState) -> tuple[dict[str, object], bool]:
    """The kept candidacy's changes once it takes the dropped one's history, and
    whether the dropped one's pending follow-ups go on (in the kept one).

    The first contact and the first reply are the earlier ones.  The kept
    candidacy's outreach sequence goes on (its steps numbered on); if it never
    had one, it takes the dropped one's (its pending follow-ups with it);
    otherwise those are cancelled: one sequence per candidacy."""
    changes: dict[str, object] = {"first_contact_at": _earliest(kept.first_contact_at, dropped.first_contact_at)}
    replies = [(at, sentiment) for at, sentiment in ((kept.replied_at, kept.reply_sentiment), (dropped.replied_at, dropped.reply_sentiment)) if at is not None]
    if replies:
        changes["replied_at"], changes["reply_sentiment"] = min(replies, key=lambda r: r[0])
    takes_sequence = kept.sequence_state == "none" and dropped.sequence_state != "none"
    if takes_sequence:  # its steps numbered on from the dropped one's
        changes["sequence_state"] = dropped.sequence_state
        changes["last_step_sent"] = dropped.last_step_sent
    return changes, takes_sequence
