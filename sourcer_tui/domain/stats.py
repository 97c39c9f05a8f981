"""Outreach analytics: the figures and how they are derived (no SQL here).

Definitions (also in the README):

* a candidacy is *contacted* once its first approach message is logged; *step k*
  is the k-th follow-up (step 0 = first message);
* ``sent(k)``: candidacies whose step k was sent; ``replies(k)``: first replies
  whose last outbound outreach step before the reply was k (a candidacy's first
  reply counts once); ``response_rate(k) = replies(k) / sent(k)``;
* global response rate = candidacies with a reply / candidacies contacted;
  positive and negative shares split the replies;
* share of replies per step = replies(k) / all replies;
* time to reply: median days from the first message to the first reply;
* by template: ``sent(t)`` messages of the cohort sent from template *t* (its
  editable preview stores which), ``replies(t)`` first replies whose last
  outreach step before the reply was a message from *t*; reply rate =
  replies(t) / sent(t).

A date range selects candidacies by the date of their first message (a cohort),
so every rate stays between 0 and 1.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field

from ..i18n import _, formats
from .introductions import IntroducerFigures
from .templates import parse_template_key

__all__ = ["StepFigures", "GlobalFigures", "TemplateFigures", "Report", "rate", "percent", "group_reasons", "RANGES", "summarise", "by_template"]

#: Range choices of the Stats screen: name -> days back (None = all time); the
#: screen shows each name translated (screens/stats.py, RANGE_LABELS).
RANGES: dict[str, int | None] = {"30 days": 30, "90 days": 90, "365 days": 365, "all time": None}


def rate(part: int, whole: int) -> float | None:
    """``part / whole``, or None when there is nothing to divide by."""
    return part / whole if whole else None


def percent(value: float | None) -> str:
    """``0.1234`` -> ``"12.3%"`` (``12,3 %`` in French); None -> ``"—"``."""
    return formats.percent(value)


@dataclass(frozen=True)
class StepFigures:
    step: int
    sent: int
    replies: int
    positive: int
    negative: int

    @property
    def response_rate(self) -> float | None:
        return rate(self.replies, self.sent)

    @property
    def label(self) -> str:
        return _("first message") if self.step == 0 else _("follow-up {step}").format(step=self.step)

    def as_dict(self) -> dict:
        return {**asdict(self), "response_rate": self.response_rate}


@dataclass(frozen=True)
class GlobalFigures:
    contacted: int
    replied: int
    positive: int
    negative: int
    median_days_to_reply: float | None

    @property
    def response_rate(self) -> float | None:
        return rate(self.replied, self.contacted)

    @property
    def positive_share(self) -> float | None:
        return rate(self.positive, self.replied)

    @property
    def negative_share(self) -> float | None:
        return rate(self.negative, self.replied)

    def as_dict(self) -> dict:
        return {
            "contacted": self.contacted,
            "replied": self.replied,
            "positive": self.positive,
            "negative": self.negative,
            "response_rate": self.response_rate,
            "positive_share": self.positive_share,
            "negative_share": self.negative_share,
            "median_days_to_reply": self.median_days_to_reply,
        }


@dataclass(frozen=True)
class TemplateFigures:
    """Messages sent from one template (its key: domain.templates.template_key) and the replies to them."""

    key: str
    sent: int
    replies: int
    mission: str = ""  # the mission's title, for a mission's own template

    @property
    def reply_rate(self) -> float | None:
        return rate(self.replies, self.sent)

    def as_dict(self) -> dict:
        return {**asdict(self), "reply_rate": self.reply_rate}


@dataclass(frozen=True)
class Report:
    steps: list[StepFigures]
    overall: GlobalFigures
    decline_reasons: dict[str, int]
    by_source: dict[str, GlobalFigures] = field(default_factory=dict)
    rejection_reasons: dict[str, int] = field(default_factory=dict)  # ours: "rejected by us"
    by_template: list[TemplateFigures] = field(default_factory=list)
    #: issue 21: the talents introduced (domain/introductions.py), by introducer
    by_introducer: list[IntroducerFigures] = field(default_factory=list)
    #: issue 22: the figures by owner of the candidacy (a login, "" the single user);
    #: None on a solo file, where the JSON has no such part
    by_owner: dict[str, GlobalFigures] | None = None

    @property
    def introduced(self) -> tuple[int, int]:
        """``(talents introduced, of whom with source referral or social referral)``:
        the by-introducer figures count every introduced talent whatever their
        source; the by-source table counts the sources as set."""
        return sum(f.introductions for f in self.by_introducer), sum(f.referral_source for f in self.by_introducer)

    def reply_share(self, step: StepFigures) -> float | None:
        """When do I get most answers? replies(k) / all replies."""
        return rate(step.replies, sum(s.replies for s in self.steps))

    def as_dict(self) -> dict:
        return {
            "steps": [s.as_dict() for s in self.steps],
            "global": self.overall.as_dict(),
            "decline_reasons": dict(self.decline_reasons),
            "rejection_reasons": dict(self.rejection_reasons),
            "by_source": {source: figures.as_dict() for source, figures in self.by_source.items()},
            "by_template": [t.as_dict() for t in self.by_template],
            "by_introducer": [f.as_dict() for f in self.by_introducer],
            "introduced": {"talents": self.introduced[0], "with_referral_source": self.introduced[1]},
            **({} if self.by_owner is None else {"by_owner": {owner: f.as_dict() for owner, f in self.by_owner.items()}}),
        }


def group_reasons(counts: Iterable[tuple[str | None, int]], configured: Iterable[str]) -> dict[str, int]:
    """Counts per configured reason, in the configured order; anything else
    (free text, a reason no longer configured, none given) is grouped as "other"."""
    known = list(configured)
    grouped: dict[str, int] = {reason: 0 for reason in known}
    grouped.setdefault("other", 0)
    for reason, n in counts:
        key = reason if reason in grouped else "other"
        grouped[key] += n
    return {reason: n for reason, n in grouped.items() if n}


def median(values: list[float]) -> float | None:
    """The median of already *sorted* values (None when empty)."""
    if not values:
        return None
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


def merge_source_names(sources: Mapping[str, GlobalFigures], configured: Iterable[str]) -> dict[str, GlobalFigures]:
    """Sources in the configured order, then any other found in the data."""
    order = [s for s in configured if s in sources] + sorted(s for s in sources if s not in set(configured))
    return {s: sources[s] for s in order}


def summarise(
    groups: Iterable[tuple[str, int, int | None, str | None, int]], days: Iterable[tuple[str, float]], max_step: int = 62
) -> tuple[list[StepFigures], GlobalFigures, dict[str, GlobalFigures]]:
    """The steps, global and per-source figures of a cohort from two summaries of it.

    *groups*: ``(source, steps, reply_step, reply_kind, n)`` — *n* candidacies
    of that source whose steps sent are the bits of *steps* (bit *k*: step *k*
    sent), whose first reply (``reply_positive`` / ``reply_negative``, or None)
    came after step *reply_step*.  *days*: ``(source, days)`` from first
    message to first reply, one per candidacy with a reply, **sorted by days**.
    """
    sent: dict[int, int] = {}
    replies: dict[int, dict[str, int]] = {}
    counts: dict[str, list[int]] = {}  # source -> contacted, replied, positive, negative
    for source, steps, reply_step, reply_kind, n in groups:
        figures = counts.setdefault(source, [0, 0, 0, 0])
        figures[0] += n
        for k in range(max_step + 1):
            if steps >> k & 1:
                sent[k] = sent.get(k, 0) + n
        if reply_kind is not None:
            figures[1] += n
            figures[2 if reply_kind == "reply_positive" else 3] += n
            step = replies.setdefault(reply_step or 0, {})
            step[reply_kind] = step.get(reply_kind, 0) + n
    every: list[float] = []
    by_source: dict[str, list[float]] = {}
    for source, d in days:
        every.append(d)
        by_source.setdefault(source, []).append(d)
    steps_figures = [
        StepFigures(
            step=k,
            sent=sent.get(k, 0),
            replies=sum(replies.get(k, {}).values()),
            positive=replies.get(k, {}).get("reply_positive", 0),
            negative=replies.get(k, {}).get("reply_negative", 0),
        )
        for k in sorted(set(sent) | set(replies))
    ]
    overall = [sum(figures[i] for figures in counts.values()) for i in range(4)]
    return (
        steps_figures,
        GlobalFigures(*overall, _rounded(median(every))),
        {source: GlobalFigures(*figures, _rounded(median(by_source.get(source, [])))) for source, figures in counts.items()},
    )


def by_template(messages: Iterable[tuple[int, int | None, str]], replies: Mapping[int, int]) -> list[TemplateFigures]:
    """Messages and replies per template.

    *messages*: ``(candidacy id, step, template key)`` of each outreach message
    sent from a template, oldest first; *replies*: candidacy id -> the step its
    first reply answered.  A reply counts for the template of the message of
    that step (the last one, if the step was logged twice).  Ordered by step,
    then channel, the templates of all missions before a mission's own.
    """
    sent: dict[str, int] = {}
    answered: dict[tuple[int, int], str] = {}
    for candidacy_id, step, key in messages:
        sent[key] = sent.get(key, 0) + 1
        if replies.get(candidacy_id) == (step or 0):
            answered[candidacy_id, step or 0] = key
    got: dict[str, int] = {}
    for key in answered.values():
        got[key] = got.get(key, 0) + 1
    return template_figures(sent, got)


def template_figures(sent: Mapping[str, int], got: Mapping[str, int]) -> list[TemplateFigures]:
    """The table of :func:`by_template` from its counts: messages sent per template
    key, replies per key.  Ordered by step, then channel, the templates of all
    missions before a mission's own."""

    def order(key: str) -> tuple:
        parsed = parse_template_key(key)
        if parsed is None:
            return (1, 0, "", 0, key)
        step, channel, mission = parsed
        return (0, step, channel, -1 if mission is None else mission, key)

    return [TemplateFigures(key, sent[key], got.get(key, 0)) for key in sorted(sent, key=order)]


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
