"""The Stats figures as plain text and CSV (for ``sourcer-tui stats``)."""

from __future__ import annotations

import csv
import io

from ..domain.spreadsheets import decimal, delimiter
from ..domain.stats import GlobalFigures, Report, percent
from ..domain.vocab import label

__all__ = ["text_report", "csv_steps", "bar"]


def bar(share: float | None, width: int = 30) -> str:
    """A horizontal bar for a share between 0 and 1."""
    if not share:
        return ""
    cells = share * width
    return "█" * int(cells) + ("▌" if cells - int(cells) >= 0.5 else "")


def _days(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} d"


def text_report(report: Report, scope: str) -> str:
    out = [f"Outreach — {scope}", ""]
    reasons = []
    for title, counts in (("Reasons for no (declined by the talent)", report.decline_reasons), ("Why we said no (rejected by us)", report.rejection_reasons)):
        reasons += [title, *_reason_lines(counts), ""]
    if not report.overall.contacted:  # the reasons for no count all the same
        return "\n".join(out + ["No first messages in this range.", ""] + (reasons if report.decline_reasons or report.rejection_reasons else []))
    out.append(f"{'step':<15}{'sent':>8}{'replies':>9}{'positive':>10}{'negative':>10}{'rate':>8}  share of replies")
    for step in report.steps:
        share = report.reply_share(step)
        out.append(
            f"{step.label:<15}{step.sent:>8,}{step.replies:>9,}{step.positive:>10,}{step.negative:>10,}"
            f"{percent(step.response_rate):>8}  {bar(share, 20)} {percent(share)}"
        )
    g = report.overall
    out += [
        "",
        f"contacted {g.contacted:,} · replied {g.replied:,} ({percent(g.response_rate)}) · "
        f"positive {percent(g.positive_share)} · negative {percent(g.negative_share)} · median time to reply {_days(g.median_days_to_reply)}",
        "",
    ]
    out += reasons
    out += [f"{'source':<18}{'contacted':>10}{'replied':>9}{'rate':>8}{'positive':>10}{'median':>9}"]
    for source, figures in report.by_source.items():
        out.append(_source_line(source, figures))
    return "\n".join(out + [""])


def _reason_lines(counts: dict[str, int]) -> list[str]:
    total = sum(counts.values())
    return [f"  {reason:<22}{n:>6,}  {bar(n / total, 20)}" for reason, n in counts.items()] or ["  none recorded"]


def _source_line(source: str, g: GlobalFigures) -> str:
    return f"{label(source):<18}{g.contacted:>10,}{g.replied:>9,}{percent(g.response_rate):>8}{percent(g.positive_share):>10}{_days(g.median_days_to_reply):>9}"


def csv_steps(report: Report, dialect: str = "en") -> str:
    """The step table as CSV; *dialect* ``fr``: semicolons and decimal commas, as
    French Excel reads them (domain/spreadsheets.py)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter(dialect))
    writer.writerow(["step", "label", "sent", "replies", "positive", "negative", "response_rate", "share_of_replies"])
    for step in report.steps:
        rate, share = step.response_rate, report.reply_share(step)
        writer.writerow([step.step, step.label, step.sent, step.replies, step.positive, step.negative,
                         "" if rate is None else decimal(rate, 4, dialect), "" if share is None else decimal(share, 4, dialect)])
    return buffer.getvalue()
