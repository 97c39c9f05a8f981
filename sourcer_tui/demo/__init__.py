"""Demo and benchmark data (its own package: a generator, not a use-case): a believable French sourcer's database, built from ``today``.

* :func:`build_demo` — 4 missions, 150 talents, every stage, source, reminder
  and snooze kind the panes show, deterministic for a seed.
* :func:`build_scale` — the same data at benchmark scale (100,000 talents and
  1,000,000 touchpoints in well under two minutes).
* :func:`ensure_demo` — opens a demo file, building it the first time.

Both builders share one pipeline: a *plan* per talent (its candidacies and
the shape of each outreach history, see :func:`_plan`), then one renderer
(:class:`_Renderer`) turning plans into rows, written with ``executemany``
on the raw sqlite3 connection.  No wall clock: every date comes from
``today`` and every choice from ``random.Random(seed)``.

Both take a ``language`` (``en``, the default, or ``fr``): what the sourcer
wrote (feedback, impressions, next steps, notes, reasons) is in that language
(:mod:`.texts`, :mod:`.words_fr`); the draws, and so every count and date,
are the same in all.
"""

from .small import build_demo, ensure_demo, mark_demo
from .scale import build_scale
from .words import DEFAULT_DELAYS, RESERVED_SUFFIXES, SNOOZE_AFTER_DAYS, SNOOZE_MONTHS

__all__ = [
    "build_demo",
    "build_scale",
    "ensure_demo",
    "mark_demo",
    "DEFAULT_DELAYS",
    "SNOOZE_AFTER_DAYS",
    "SNOOZE_MONTHS",
    "RESERVED_SUFFIXES",
]
