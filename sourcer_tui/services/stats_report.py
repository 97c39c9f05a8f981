"""The Stats figures as plain text and CSV (for ``sourcer-tui stats``).

The text is in the reader's language; the CSV is data: its columns and labels
stay as they are, its separator and decimals follow the dialect it is given
(domain/spreadsheets.py), whatever the language of the screens."""

from __future__ import annotations

import csv
import io

from ..domain.spreadsheets import decimal, delimiter
from ..domain.stats import GlobalFigures, Report
from ..domain.templates import template_label
from ..domain.vocab import DEFAULT_DECLINE_REASONS, DEFAULT_REJECTION_REASONS, label
from ..i18n import _, formats, ngettext, pgettext

__all__ = ["text_report", "csv_steps", "bar", "introduced_sentence"]


def bar(share: float | None, width: int = 30) -> str:
    """A horizontal bar for a share between 0 and 1."""
    if not share:
        return ""
    cells = share * width
    return "█" * int(cells) + ("▌" if cells - int(cells) >= 0.5 else "")


def _days(value: float | None) -> str:
    return "—" if value is None else _("{days} d").format(days=formats.decimal(value, 1))


def _step_label(step: int) -> str:
    """``first message``, ``follow-up 2`` (the step column)."""
    return _("first message") if step == 0 else _("follow-up {step}").format(step=step)


def _shipped(reason: str) -> bool:
    return reason in DEFAULT_DECLINE_REASONS or reason in DEFAULT_REJECTION_REASONS


def _reason_label(reason: str) -> str:
    """A reason for no the app ships, translated; one of the user's own, as written."""
    return label(reason) if _shipped(reason) else reason


def text_report(report: Report, scope: str) -> str:
    percent = formats.percent
    out = [_("Outreach — {scope}").format(scope=scope), ""]
    reasons = []
    # the reason column widens for a translated label longer than it (English: 22 as ever)
    shipped = [r for counts in (report.decline_reasons, report.rejection_reasons) for r in counts if _shipped(r)]
    width = max([22] + [len(_reason_label(r)) + 2 for r in shipped])
    for title, counts in (
        (_("Reasons for no (declined by the talent)"), report.decline_reasons),
        (_("Why we said no (rejected by us)"), report.rejection_reasons),
    ):
        reasons += [title, *_reason_lines(counts, width), ""]
    if not report.overall.contacted:  # the reasons for no count all the same
        return "\n".join(out + [_("No first messages in this range."), ""] + (reasons if report.decline_reasons or report.rejection_reasons else [])
                         + _introducer_lines(report))
    # the column headers, padded once translated (the _() calls outside the f-string: Babel reads them there)
    head = {"step": _("step"), "sent": _("sent"), "replies": _("replies"), "positive": pgettext("column", "positive"), "negative": pgettext("column", "negative"), "rate": _("rate")}
    out.append(
        f"{head['step']:<15}{head['sent']:>8}{head['replies']:>9}{head['positive']:>10}{head['negative']:>10}{head['rate']:>8}  "
        + _("share of replies")
    )
    number = formats.number
    for step in report.steps:
        share = report.reply_share(step)
        out.append(
            f"{_step_label(step.step):<15}{number(step.sent):>8}{number(step.replies):>9}{number(step.positive):>10}{number(step.negative):>10}"
            f"{percent(step.response_rate):>8}  {bar(share, 20)} {percent(share)}"
        )
    g = report.overall
    out += [
        "",
        _(
            "contacted {contacted} · replied {replied} ({rate}) · positive {positive} · negative {negative} · median time to reply {days}"
        ).format(
            contacted=number(g.contacted), replied=number(g.replied), rate=percent(g.response_rate),
            positive=percent(g.positive_share), negative=percent(g.negative_share), days=_days(g.median_days_to_reply),
        ),
        "",
    ]
    out += reasons
    head.update(source=_("source"), contacted=_("contacted"), replied=pgettext("column", "replied"), median=_("median"))
    # a translated header longer than its column widens it (English: the widths as ever)
    width = {key: max(default, len(head[key]) + 1) for key, default in _SOURCE_WIDTHS.items()}
    width["source"] = _SOURCE_WIDTHS["source"]
    out += ["".join(f"{head[key]:<{width[key]}}" if key == "source" else f"{head[key]:>{width[key]}}" for key in _SOURCE_WIDTHS)]
    for source, figures in report.by_source.items():
        out.append(_source_line(source, figures, width))
    if report.by_owner:  # team mode: the same figures by owner of the candidacy (a login)
        out += ["", "".join(f"{(_('owner') if key == 'source' else head[key]):<{width[key]}}" if key == "source" else f"{head[key]:>{width[key]}}"
                            for key in _SOURCE_WIDTHS)]
        out += [_source_line(owner or "—", figures, width, as_label=False) for owner, figures in report.by_owner.items()]
    if report.by_template:  # messages sent from their preview say which template they came from
        out += ["", *_template_lines(report)]
    if report.by_introducer:
        out += [""]
    return "\n".join(out + _introducer_lines(report) + [""])


def introduced_sentence(talents: int, referral: int) -> str:
    """How the by-introducer figures relate to the by-source table."""
    return ngettext(
        "{n} talent introduced, {referral} of them with the source referral or social referral (the by-source table counts the source as set)",
        "{n} talents introduced, {referral} of them with the source referral or social referral (the by-source table counts the source as set)",
        talents,
    ).format(n=formats.number(talents), referral=formats.number(referral))


def _introducer_lines(report: Report) -> list[str]:
    """The "By introducer" table: introductions, contacted, replied, reached interview, hired."""
    if not report.by_introducer:
        return []
    head = {"name": _("introducer"), "introduced": _("introduced"), "contacted": _("contacted"), "replied": pgettext("column", "replied"),
            "interview": _("interview"), "hired": pgettext("column", "hired")}
    width = max([len(head["name"]), *(len(f.name) for f in report.by_introducer)]) + 2
    cols = {key: max(9, len(head[key]) + 2) for key in ("introduced", "contacted", "replied", "interview", "hired")}
    lines = [_("By introducer"), f"{head['name']:<{width}}" + "".join(f"{head[k]:>{cols[k]}}" for k in cols)]
    number = formats.number
    for f in report.by_introducer:
        values = {"introduced": f.introductions, "contacted": f.contacted, "replied": f.replied, "interview": f.interviewed, "hired": f.hired}
        lines.append(f"{f.name:<{width}}" + "".join(f"{number(values[k]):>{cols[k]}}" for k in cols))
    lines.append(introduced_sentence(*report.introduced))
    return lines


def _template_lines(report: Report) -> list[str]:
    """The "By template" table: messages sent from each template, replies, reply rate."""
    names = [template_label(t.key, t.mission) for t in report.by_template]
    head = {"template": _("template"), "sent": _("sent"), "replies": _("replies"), "rate": _("reply rate")}
    width = max([len(head["template"]), *map(len, names)]) + 2
    sent, replies, rate = (max(8, len(head[key]) + 2) for key in ("sent", "replies", "rate"))
    lines = [_("By template"), f"{head['template']:<{width}}{head['sent']:>{sent}}{head['replies']:>{replies}}{head['rate']:>{rate}}"]
    for name, t in zip(names, report.by_template):
        lines.append(f"{name:<{width}}{formats.number(t.sent):>{sent}}{formats.number(t.replies):>{replies}}{formats.percent(t.reply_rate):>{rate}}")
    return lines


def _reason_lines(counts: dict[str, int], width: int = 22) -> list[str]:
    total = sum(counts.values())
    lines = [f"  {_reason_label(reason):<{width}}{formats.number(n):>6}  {bar(n / total, 20)}" for reason, n in counts.items()]
    return lines or ["  " + _("none recorded")]


#: The columns of the table by source and their widths.
_SOURCE_WIDTHS = {"source": 18, "contacted": 10, "replied": 9, "rate": 8, "positive": 10, "median": 9}


def _source_line(source: str, g: GlobalFigures, width: dict[str, int] = _SOURCE_WIDTHS, *, as_label: bool = True) -> str:
    percent = formats.percent
    name = label(source) if as_label else source
    return (
        f"{name:<{width['source']}}{formats.number(g.contacted):>{width['contacted']}}{formats.number(g.replied):>{width['replied']}}"
        f"{percent(g.response_rate):>{width['rate']}}{percent(g.positive_share):>{width['positive']}}{_days(g.median_days_to_reply):>{width['median']}}"
    )


#: The step table's columns, by dialect: the file is read by a spreadsheet in that language.
_CSV_HEADERS = {
    "en": ["step", "label", "sent", "replies", "positive", "negative", "response_rate", "share_of_replies"],
    "fr": ["étape", "libellé", "envoyés", "réponses", "positives", "négatives", "taux_de_réponse", "part_des_réponses"],
}


def _csv_label(step: int, dialect: str) -> str:
    """The step's label in the CSV: the dialect decides, not the screens' language."""
    if dialect == "fr":
        return "premier message" if step == 0 else f"relance {step}"
    return "first message" if step == 0 else f"follow-up {step}"


def csv_steps(report: Report, dialect: str = "en") -> str:
    """The step table as CSV; *dialect* ``fr``: French headers, semicolons,
    decimal commas and a BOM, as French Excel reads them (domain/spreadsheets.py).
    The dialect decides, not the screens' language."""
    buffer = io.StringIO()
    if dialect == "fr":
        buffer.write("\ufeff")  # Excel reads the file as UTF-8 (the headers have accents)
    writer = csv.writer(buffer, delimiter=delimiter(dialect))
    writer.writerow(_CSV_HEADERS.get(dialect, _CSV_HEADERS["en"]))
    for step in report.steps:
        rate, share = step.response_rate, report.reply_share(step)
        writer.writerow([step.step, _csv_label(step.step, dialect), step.sent, step.replies, step.positive, step.negative,
                         "" if rate is None else decimal(rate, 4, dialect), "" if share is None else decimal(share, 4, dialect)])
    return buffer.getvalue()
