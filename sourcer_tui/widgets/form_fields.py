"""Labelled fields with an error line under each: the body of every form.

Used by the modal forms and by the Capture pane.  Fields are described by
:class:`Field`; :meth:`FormFields.values` reads them back as strings and
:meth:`FormFields.show_errors` puts each message at its field, keeping what
was typed.  A ``date`` field shows, beside it, what its text means.

A field's label, placeholder and choice labels are shown through ``_()``: a
form built at import time gives them in English marked with ``N_()``; text
already translated (or the user's own words) shows as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Select, Static, TextArea

from ..i18n import _

__all__ = ["Field", "FieldTextArea", "FormFields"]

#: Turns a date field's text into ``(preview, is_error)``.
Preview = Callable[[str], tuple[str, bool]]


class FieldTextArea(TextArea):
    """A text field whose blurred look can wait while its form is put away.

    Losing the focus restyles a TextArea and its ten component classes.  When
    the focus leaves because the form is being hidden (the capture sheet after
    a save), that look would never be seen: the restyle
    waits until the form is shown again (:meth:`FormFields.bring_back`)."""

    put_away = False
    _look_pending = False

    def watch_has_focus(self, has_focus: bool) -> None:
        if not has_focus and self.put_away:
            self._look_pending = True
            return
        self._look_pending = False
        super().watch_has_focus(has_focus)


def _shown(text: str) -> str:
    """*text* in the reader's language (``_("")`` would be the catalog's header)."""
    return _(text) if text else text


def _cursor_to_end(widget) -> None:
    """A text field's cursor after its text (a TextArea filled puts it before: new words went in front)."""
    if isinstance(widget, TextArea):
        widget.move_cursor(widget.document.end)
    elif isinstance(widget, Input):
        widget.cursor_position = len(widget.value)


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str = "input"  # input | select | text | longtext | date
    choices: Sequence[tuple[str, str]] = ()  # (label, value) for select
    placeholder: str = ""
    #: an input's completions, offered as typed (→ takes one): the introducers' names
    suggestions: Sequence[str] = ()


class FormFields(VerticalScroll, can_focus=False):
    """The fields of one form."""

    class Edited(Message):
        """Any field changed (for drafts)."""

    class Submit(Message):
        """Enter in the one field of a one-line form: the form is done."""

    def __init__(self, fields: Sequence[Field], values: Mapping[str, str] | None = None, *, preview: Preview | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self.fields = list(fields)
        self.initial = {f.name: (values or {}).get(f.name, "") for f in self.fields}
        self.preview = preview

    def compose(self) -> ComposeResult:
        for field in self.fields:
            with Horizontal(classes=f"form-row form-{field.kind}"):
                yield Label(Text(_shown(field.label)), classes="form-label")
                yield self._widget(field)
                if field.kind == "date":
                    yield Static("", id=f"preview-{field.name}", classes="form-preview")
            yield Static("", id=f"error-{field.name}", classes="form-error")

    def _widget(self, field: Field):
        value = self.initial[field.name]
        wid = f"field-{field.name}"
        if field.kind == "select":
            choices = [(_shown(label) if isinstance(label, str) else label, v) for label, v in field.choices]
            return Select(choices, prompt=_("Select"), value=value or Select.NULL, id=wid, allow_blank=True)
        if field.kind in ("text", "longtext"):
            return FieldTextArea(value, id=wid, soft_wrap=True, tab_behavior="focus", placeholder=_shown(field.placeholder))
        suggester = SuggestFromList(field.suggestions, case_sensitive=False) if field.suggestions else None
        return Input(value, placeholder=_shown(field.placeholder), id=wid, suggester=suggester)

    def on_mount(self) -> None:
        for field in self.fields:
            _cursor_to_end(self.query_one(f"#field-{field.name}"))  # a pre-filled field goes on after its text
            if field.kind == "date":
                self._update_preview(field.name, self.initial[field.name])

    def focus_first(self) -> None:
        """The first field, its cursor after its text (a resumed draft goes on where it stopped)."""
        widget = self.query_one(f"#field-{self.fields[0].name}")
        widget.focus()
        _cursor_to_end(widget)

    @property
    def one_line(self) -> bool:
        """One field, typed on one line: Enter there is the end of the form."""
        return len(self.fields) == 1 and self.fields[0].kind in ("input", "date")

    def put_away(self) -> None:
        """The fields are about to be hidden: a field losing the focus now keeps its look until :meth:`bring_back`."""
        for area in self.query(FieldTextArea):
            area.put_away = True

    def bring_back(self) -> None:
        """Shown again: a field that lost the focus while put away takes its
        blurred look now, unless the focus comes back to it first."""
        areas = list(self.query(FieldTextArea))
        for area in areas:
            area.put_away = False

        def restyle() -> None:
            for area in areas:
                if area._look_pending and not area.has_focus:
                    area._look_pending = False
                    area.update_node_styles()

        self.call_after_refresh(restyle)

    def values(self) -> dict[str, str]:
        data: dict[str, str] = {}
        for field in self.fields:
            widget = self.query_one(f"#field-{field.name}")
            if isinstance(widget, Select):
                data[field.name] = "" if widget.value is Select.NULL else str(widget.value)
            elif isinstance(widget, TextArea):
                data[field.name] = widget.text
            else:
                data[field.name] = widget.value
        return data

    def set_values(self, values: Mapping[str, str]) -> None:
        for field in self.fields:
            if field.name not in values:
                continue
            widget = self.query_one(f"#field-{field.name}")
            value = values[field.name]
            if isinstance(widget, Select):
                widget.value = value if value else Select.NULL
            elif isinstance(widget, TextArea):
                widget.text = value
            else:
                widget.value = value
            _cursor_to_end(widget)  # what is typed next goes after the text (a draft goes on where it stopped)

    def reset(self, values: Mapping[str, str]) -> None:
        """Start over with *values*: every field set, errors cleared."""
        self.initial = {f.name: values.get(f.name, "") for f in self.fields}
        self.set_values(self.initial)
        self._checked = frozenset()
        if self._errors_shown:
            self.show_errors({})

    _errors_shown = False
    _checked: frozenset[str] = frozenset()  # the fields a save found wrong
    _previews: dict[str, str] = {}  # each date field's preview, as last worked out

    @property
    def dirty(self) -> bool:
        return self.values() != self.initial

    def show_errors(self, errors: Mapping[str, str]) -> None:
        self._errors_shown = bool(errors)
        self._checked = frozenset(errors)
        for field in self.fields:
            message = errors.get(field.name, "")
            error = self.query_one(f"#error-{field.name}", Static)
            error.update(Text(message))
            error.set_class(bool(message), "-shown")
            self.query_one(f"#field-{field.name}").set_class(bool(message), "-invalid")
            if field.name in self._previews:  # the error line under it may say the same now, or no longer
                self._show_preview(field.name, message)
        first = next((f for f in self.fields if f.name in errors), None)
        if first is not None:
            self.query_one(f"#field-{first.name}").focus()

    def _update_preview(self, name: str, text: str) -> None:
        if self.preview is None:
            return
        shown, is_error = self.preview(text)
        self._previews = {**self._previews, name: shown}
        self.query_one(f"#preview-{name}", Static).set_class(is_error, "-error")
        said_below = ""
        if name in self._checked:  # once a save said it was wrong, its error follows the typing
            said_below = shown if is_error else ""
            error = self.query_one(f"#error-{name}", Static)
            error.update(Text(said_below))
            error.set_class(is_error, "-shown")
            self.query_one(f"#field-{name}").set_class(is_error, "-invalid")
            self._errors_shown = any(e.has_class("-shown") for e in self.query(".form-error"))
        self._show_preview(name, said_below)

    def _show_preview(self, name: str, said_below: str) -> None:
        """The preview beside the field, whole (it wraps), unless the error line
        under the field (*said_below*) already says the same."""
        shown = self._previews[name]
        self.query_one(f"#preview-{name}", Static).update(Text("" if shown == said_below else shown))

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("field-")
        if any(f.name == name and f.kind == "date" for f in self.fields):
            self._update_preview(name, event.value)
        else:
            self._forget_error(name)
        self.post_message(self.Edited())

    @on(TextArea.Changed)
    @on(Select.Changed)
    def _other_changed(self, event: TextArea.Changed | Select.Changed) -> None:
        widget = event.text_area if isinstance(event, TextArea.Changed) else event.select
        self._forget_error((widget.id or "").removeprefix("field-"))
        self.post_message(self.Edited())

    def _forget_error(self, name: str) -> None:
        """A field a save found wrong, changed since: its error goes (the next save
        checks it again), never left saying what is no longer so."""
        if name not in self._checked:
            return
        self._checked = self._checked - {name}
        error = self.query_one(f"#error-{name}", Static)
        error.update(Text(""))
        error.set_class(False, "-shown")
        self.query_one(f"#field-{name}").set_class(False, "-invalid")
        self._errors_shown = any(e.has_class("-shown") for e in self.query(".form-error"))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.one_line:
            self.post_message(self.Submit())
            return
        self.screen.focus_next()
