"""``sourcer-tui migrate-to TARGET``: the whole database copied into a new, empty
one (a file path, or a PostgreSQL URL once a server is shared).  No Textual here.

The source is only read; the target is written in one transaction and
refused (nothing written) unless it is empty.  Progress goes to stderr, a
bar a tenth at a time; the counts of every table are checked before the
copy is committed.
"""

from __future__ import annotations

import sys
import time

from ..i18n import _, formats
from .errors import CliError

__all__ = ["register", "run", "progress_bar"]

WIDTH = 20

#: The tables' names as output.table_count counts them.
_PLURALS = {"mission": "missions", "talent": "talents", "introducer": "introducers", "candidacy": "candidacies",
            "touchpoint": "touchpoints", "snooze": "snoozes", "reminder": "reminders", "draft": "drafts",
            "template": "templates", "erasure_log": "erasure_logs", "recognition": "recognitions",
            "grid_criterion": "grid_criteria", "grid_score": "grid_scores", "teammate": "teammates"}


def register(sub, common) -> None:
    move = sub.add_parser("migrate-to", help=_("copy the whole database into a new, empty one (a file or a PostgreSQL URL)"))
    common(move)
    move.add_argument("target", metavar=_("TARGET"), help=_("the new database: a file path or postgresql://user@host/db"))


def progress_bar(done: int, total: int) -> str:
    """``[########------------]  40%`` for *done* of *total*."""
    share = done / total if total else 1.0
    filled = round(share * WIDTH)
    return f"[{'#' * filled}{'-' * (WIDTH - filled)}] {formats.number(round(share * 100)):>3} %"


def run(args, source_of, target_of) -> int:
    """*source_of()* opens the database to copy (returns it and its name),
    *target_of()* the target (returns it, its name and a clean-up to call if
    nothing could be copied)."""
    from ..db.copy import CopyMismatch, TargetNotEmpty, copy_rows

    source, source_name = source_of()
    target, target_name, discard = target_of()
    shown = [-1]

    def progress(table: str, done: int, total: int) -> None:
        tenth = done * 10 // total if total else 10
        if tenth != shown[0]:
            shown[0] = tenth
            print(_("{bar}  {table}: {done} of {total} rows").format(
                bar=progress_bar(done, total), table=table, done=formats.number(done), total=formats.number(total)), file=sys.stderr)

    started = time.perf_counter()
    try:
        counts = copy_rows(source, target, progress=progress)
    except TargetNotEmpty:
        raise CliError(_("{target}: already holds data; migrate-to only fills a new, empty database (nothing written)").format(target=target_name)) from None
    except CopyMismatch as error:
        discard()
        raise CliError(_("{target}: the copy's counts differ from {source} ({detail}); nothing written").format(
            target=target_name, source=source_name, detail=error)) from None
    except BaseException:
        discard()
        raise
    from .output import table_count

    summary = ", ".join(table_count(_PLURALS[table], n, formats.number(n)) for table, n in counts.items() if n and table in _PLURALS)
    print(_("{source} → {target}: {summary} in {seconds} s; the source is unchanged").format(
        source=source_name, target=target_name, summary=summary or _("no rows"), seconds=formats.decimal(time.perf_counter() - started, 1)))
    return 0
