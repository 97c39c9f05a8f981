"""The merge preview: each field the two talents fill differently, and which value stays.

Keys only: ``↑``/``↓`` go from field to field, ``←`` (or ``1``) keeps the
kept talent's value, ``→`` (or ``2``) the other's, ``b`` both (tags and
notes), ``ctrl+s`` merges (after one more question), ``esc`` cancels.  What
moves (missions, contacts, reminders) and which stage stays in a mission both
are in is said below the fields.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from ..domain.facts import remote_label, salary_text
from ..domain.legal_basis import basis_label
from ..domain.merge import BOTH, KEPT, OTHER, Conflict, default_choices
from ..domain.vocab import label, stage_label
from ..i18n import N_, _, formats, ngettext
from ..services.merge import MergePlan

__all__ = ["MergeModal", "shown_value"]

WIDTH = 37  # "intérêt légitime depuis le 07/12/2026": a legal basis with its date, whole


def shown_value(field: str, value: Any) -> str:
    """A field's value as the preview shows it, on one short line."""
    if field == "salary":
        text = salary_text(*value)
    elif field == "legal_basis":  # the basis with its date, as the talent's screen says it
        basis, since = value
        text = _("{basis} since {day}").format(basis=basis_label(basis), day=formats.full_date(since)) if since else basis_label(basis)
    elif field == "source":
        text = label(str(value))
    elif field == "remote_pref":
        text = remote_label(str(value))
    elif field == "available_from":
        text = formats.day_month_year(value) if isinstance(value, dt.date) else str(value or "")
    elif field == "keep_in_touch_months":
        text = ngettext("every {n} month", "every {n} months", int(value)).format(n=value)
    else:
        text = " ".join(str(value).split())
    return text if len(text) <= WIDTH else text[: WIDTH - 1] + "…"


class MergeModal(ModalScreen[dict[str, str] | None]):
    """Returns the choices (field -> kept / other / both), or None when cancelled."""

    BINDINGS = [
        Binding("up,k", "move(-1)", N_("Previous field"), id="merge.previous"),
        Binding("down,j", "move(1)", N_("Next field"), id="merge.next"),
        Binding("left,1", "choose('kept')", N_("Keep this talent's"), id="merge.kept"),
        Binding("right,2", "choose('other')", N_("Take the other's"), id="merge.other"),
        Binding("b", "choose('both')", N_("Both (tags, notes)"), id="merge.both"),
        Binding("ctrl+s", "merge", N_("Merge"), id="merge.confirm"),
        Binding("escape", "cancel", N_("Cancel"), id="merge.cancel"),
    ]

    def __init__(self, plan: MergePlan) -> None:
        super().__init__()
        self.plan = plan
        self.choices = default_choices(plan.conflicts)
        self.cursor = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="merge"):
            title = _("Merge {other} into {kept}").format(other=self.plan.other.name, kept=self.plan.kept.name)
            yield Label(Text(title), id="merge-title")
            with VerticalScroll(id="merge-body"):
                yield Static(id="merge-fields")
                yield Static(self._moves(), id="merge-moves")
            yield Label(Text(_("↑↓ field · ← or 1 this one's · → or 2 the other's · b both · ctrl+s merge · esc cancel")), id="merge-hint")

    def on_mount(self) -> None:
        self._draw()

    # -- drawing --------------------------------------------------------------------
    def _draw(self) -> None:
        kept, other = self.plan.kept, self.plan.other
        text = Text()
        if not self.plan.conflicts:
            text.append(_("No field differs: every value is kept, the empty ones filled from the other."), "dim")
        else:
            text.append(f"{'':<18}{kept.name[:WIDTH]:<{WIDTH + 4}}{other.name[:WIDTH]}\n", "bold")
        for index, conflict in enumerate(self.plan.conflicts):
            text.append_text(self._row(index, conflict))
        self.query_one("#merge-fields", Static).update(text)

    def _row(self, index: int, conflict: Conflict) -> Text:
        choice = self.choices.get(conflict.field, KEPT)
        here = index == self.cursor
        row = Text("▶ " if here else "  ", "bold" if here else "")
        row.append(f"{_(conflict.label)[:15]:<16}", "bold" if here else "dim")
        for side, value in ((KEPT, conflict.kept), (OTHER, conflict.other)):
            chosen = choice in (side, BOTH)
            mark = "●" if chosen else "○"
            row.append(f"{mark} ", "green" if chosen else "dim")
            row.append(f"{shown_value(conflict.field, value):<{WIDTH + 2}}", "bold" if chosen else "dim")
        if choice == BOTH:
            row.append(_("(both)"), "green")
        row.append("\n")
        return row

    def _moves(self) -> Text:
        plan = self.plan
        other = plan.other
        text = Text("\n")
        moved = [
            ngettext("{n} contact", "{n} contacts", other.touchpoints).format(n=formats.number(other.touchpoints)),
            ngettext("{n} reminder", "{n} reminders", other.pending).format(n=formats.number(other.pending)),
            ngettext("{n} mission", "{n} missions", len(other.missions)).format(n=formats.number(len(other.missions))),
        ]
        text.append(_("Moves to {kept}: {what}, their snoozes and drafts.").format(kept=plan.kept.name, what=", ".join(moved)))
        for shared in plan.shared:
            stays, goes = (shared.kept_stage, shared.other_stage) if shared.keeps_kept else (shared.other_stage, shared.kept_stage)
            text.append("\n" + _("{mission}: both are in it — {stays} stays, {goes} goes (its history is kept).").format(
                mission=shared.title, stays=stage_label(stays), goes=stage_label(goes)))
        text.append("\n" + _("{other} is then deleted: this cannot be undone.").format(other=other.name), "yellow")
        return text

    # -- keys -------------------------------------------------------------------------
    def action_move(self, delta: int) -> None:
        if self.plan.conflicts:
            self.cursor = max(0, min(len(self.plan.conflicts) - 1, self.cursor + delta))
            self._draw()

    def action_choose(self, side: str) -> None:
        if not self.plan.conflicts:
            return
        conflict = self.plan.conflicts[self.cursor]
        if side == BOTH and not conflict.combinable:
            self.notify(_("Only tags and notes can keep both values."), severity="warning")
            return
        self.choices[conflict.field] = side
        self._draw()

    def action_merge(self) -> None:
        self.dismiss(dict(self.choices))

    def action_cancel(self) -> None:
        self.dismiss(None)
