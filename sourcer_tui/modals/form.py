"""One form screen for every small record (mission, talent…).

Fields are described by :class:`Field`; the caller's *validate* function
returns ``(cleaned, errors)`` and the form shows each error at its field,
keeping every typed character.  Save with ctrl+s (or Enter on the last
line); Escape twice discards.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static, TextArea

__all__ = ["Field", "FormModal", "Validator"]

Validator = Callable[[Mapping[str, str]], tuple[dict[str, str], dict[str, str]]]


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str = "input"  # input | select | text
    choices: Sequence[tuple[str, str]] = ()  # (label, value) for select
    placeholder: str = ""


class FormModal(ModalScreen[dict[str, str] | None]):
    """Returns the cleaned data once valid, or None when discarded."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="form.save"),
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
    ]

    def __init__(self, title: str, fields: Sequence[Field], validate: Validator, values: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.form_title = title
        self.fields = list(fields)
        self.validate = validate
        self.initial = {f.name: (values or {}).get(f.name, "") for f in self.fields}
        self._discard_armed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Label(Text(self.form_title), id="form-title")
            with VerticalScroll(id="form-fields"):
                for field in self.fields:
                    with Horizontal(classes=f"form-row form-{field.kind}"):
                        yield Label(Text(field.label), classes="form-label")
                        yield self._widget(field)
                    yield Static("", id=f"error-{field.name}", classes="form-error")
            yield Label(Text("ctrl+s save · esc cancel · tab next field"), id="form-hint")

    def _widget(self, field: Field):
        value = self.initial[field.name]
        wid = f"field-{field.name}"
        if field.kind == "select":
            return Select([(label, v) for label, v in field.choices], value=value or Select.BLANK, id=wid, allow_blank=not value)
        if field.kind == "text":
            return TextArea(value, id=wid, soft_wrap=True, tab_behavior="focus")
        return Input(value, placeholder=field.placeholder, id=wid)

    def on_mount(self) -> None:
        self.query_one(f"#field-{self.fields[0].name}").focus()

    def values(self) -> dict[str, str]:
        data: dict[str, str] = {}
        for field in self.fields:
            widget = self.query_one(f"#field-{field.name}")
            if isinstance(widget, Select):
                data[field.name] = "" if widget.value is Select.BLANK else str(widget.value)
            elif isinstance(widget, TextArea):
                data[field.name] = widget.text
            else:
                data[field.name] = widget.value
        return data

    def show_errors(self, errors: Mapping[str, str]) -> None:
        for field in self.fields:
            message = errors.get(field.name, "")
            error = self.query_one(f"#error-{field.name}", Static)
            error.update(Text(message))
            error.set_class(bool(message), "-shown")
            self.query_one(f"#field-{field.name}").set_class(bool(message), "-invalid")
        first = next((f for f in self.fields if f.name in errors), None)
        if first is not None:
            self.query_one(f"#field-{first.name}").focus()

    def action_save(self) -> None:
        cleaned, errors = self.validate(self.values())
        self.show_errors(errors)
        if errors:
            self.notify("Please fix the highlighted fields.", severity="warning")
            return
        self.dismiss(cleaned)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def action_cancel(self) -> None:
        if self.values() != self.initial and not self._discard_armed:
            self._discard_armed = True
            self.notify("Unsaved changes: press Escape again to discard, ctrl+s to save.", severity="warning")
            return
        self.dismiss(None)
