"""One modal form for every small record (mission, talent, touchpoint…).

The caller's *validate* function returns ``(cleaned, errors)``; the form
shows each error at its field, keeping every typed character.  Save with
ctrl+s (or Enter, when the form has one one-line field); Escape twice discards.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from ..i18n import N_, _
from ..widgets.form_fields import Field, FormFields, Preview

__all__ = ["Field", "FormModal", "Validator"]

Validator = Callable[[Mapping[str, str]], tuple[dict[str, Any], dict[str, str]]]


class FormModal(ModalScreen[dict[str, Any] | None]):
    """Returns the cleaned data once valid, or None when discarded."""

    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), id="form.save"),
        Binding("escape", "cancel", N_("Cancel"), id="form.cancel"),
    ]

    def __init__(
        self,
        title: str,
        fields: Sequence[Field],
        validate: Validator,
        values: Mapping[str, str] | None = None,
        *,
        preview: Preview | None = None,
    ) -> None:
        super().__init__()
        self.form_title = title
        self.validate = validate
        self.form = FormFields(fields, values, preview=preview, id="form-fields")
        self._discard_armed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Label(Text(self.form_title), id="form-title")
            yield self.form
            hint = _("enter save · esc cancel") if self.form.one_line else _("ctrl+s save · esc cancel · tab next field")
            yield Label(Text(hint), id="form-hint")

    def on_mount(self) -> None:
        self.form.focus_first()

    def on_form_fields_submit(self, event: FormFields.Submit) -> None:
        """Enter in a one-field form (a new date, a reason): saved as with ctrl+s."""
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        cleaned, errors = self.validate(self.form.values())
        self.form.show_errors(errors)
        if errors:
            self.notify(_("Please fix the highlighted fields."), severity="warning")
            return
        self.dismiss(cleaned)

    def action_cancel(self) -> None:
        if self.form.dirty and not self._discard_armed:
            self._discard_armed = True
            self.notify(_("Unsaved changes: press Escape again to discard, ctrl+s to save."), severity="warning")
            return
        self.dismiss(None)
