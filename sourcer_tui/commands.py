"""Command-palette entries (ctrl+p): every key of the help screen, by name.

Made from the same sections as the help screen (:meth:`SourcerApp.key_sections`),
so a new key is in the palette as soon as it has a description: nothing here
lists actions by hand.  Each entry runs its action on the widget that owns the
key, as the key itself would — the focused pane's (``c`` Call in Today logs
for Today's row), else the one on screen that has it (the Pipeline's ``n``
from any pane), the screen's or the app's.  Pure moves (arrows, tab, Enter),
back and close (Esc) and keys of the forms are left out; a key its owner turns off now
(``check_action``) is not offered.  Textual's own commands (theme, quit…)
stay, from the app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from textual.actions import parse as parse_action
from textual.app import SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

from .i18n import _

if TYPE_CHECKING:
    from .app import SourcerApp

__all__ = ["app_commands", "palette_entries"]

#: Keys that only move (the palette would do nothing a finger on them doesn't).
MOVES = frozenset({"tab", "shift+tab", "up", "down", "left", "right", "enter", "home", "end", "pageup", "pagedown"})
#: Actions that only go back or close (Esc), and those the palette has already:
#: itself, and Textual's own "Quit the application".  (Esc's other actions,
#: such as *Clear search*, are entries: while they can run.)
NOT_ENTRIES = frozenset({"app.pop_screen", "pop_screen", "dismiss", "cancel", "close",
                         "command_palette", "app.command_palette", "quit", "app.quit"})


def _form_bindings() -> list[Binding]:
    """Keys that only mean something inside a form (save, close)."""
    from .modals.form import FormModal
    from .widgets.capture_form import CaptureForm

    return [*FormModal.BINDINGS, *CaptureForm.BINDINGS]


def offered(binding: Any) -> bool:
    """Whether a help-screen binding is a palette entry: it has a name and an
    action, and is more than a move or a form's key."""
    if not isinstance(binding, Binding) or not binding.description or not binding.action:
        return False
    if binding.key.split(",")[0].strip() in MOVES or binding.action in NOT_ENTRIES:
        return False
    return binding not in _form_bindings()


def _owns(node: DOMNode, binding: Binding) -> bool:
    return any(binding in vars(cls).get("BINDINGS", ()) for cls in type(node).__mro__)


def _owner(binding: Binding, chain: Sequence[DOMNode], shown: Sequence[DOMNode]) -> DOMNode | None:
    """Who runs *binding*: the nearest in the focus chain that has it (as a key
    press finds it), else the first widget shown on the screen that has it."""
    for node in (*chain, *shown):
        if _owns(node, binding):
            return node
    return None


def _allowed(node: DOMNode, action: str) -> bool:
    """The owner's own say (``check_action``): hidden or disabled now, not offered."""
    _namespace, name, parameters = parse_action(action)
    try:
        return node.check_action(name, parameters) is True
    except Exception:  # a check that fails is no reason to lose the palette
        return True


def palette_entries(
    sections: Sequence[tuple[str, Sequence[Any]]], screen: Screen, keymap: Mapping[str, str]
) -> Iterable[tuple[str, str, Binding, DOMNode]]:
    """``(title, help, binding, owner)`` of every key of *sections* that works on *screen* now."""
    from .screens.help import key_label

    app = screen.app
    focused = screen.focused
    chain = list(focused.ancestors_with_self) if focused is not None else [screen, app]
    if app not in chain:
        chain.append(app)
    shown = [node for node in screen.walk_children(with_self=False) if node.display and node.region.area]
    seen: set[tuple[str, int]] = set()
    found = []
    for section, bindings in sections:
        for binding in bindings:
            if not offered(binding):
                continue
            owner = _owner(binding, chain, shown)
            if owner is None or (binding.action, id(owner)) in seen or not _allowed(owner, binding.action):
                continue
            seen.add((binding.action, id(owner)))
            about = _(binding.tooltip) if binding.tooltip else _(section)
            found.append((_(binding.description), f"{key_label(binding, keymap)} · {about}", binding, owner))
    # Nearest the focus first: among names that match a search as well (the
    # palette keeps their order), "snooze" runs the focused pane's Snooze…
    # before the screen's Go to Snoozed.
    depth = {id(node): n for n, node in enumerate(chain)}
    found.sort(key=lambda entry: depth.get(id(entry[3]), len(chain)))
    yield from found


def _runner(app: "SourcerApp", action: str, owner: DOMNode) -> Callable[[], Any]:
    """Run *action* on *owner* as its key would (through the app: a write is refused
    on a read-only database the same way)."""

    async def run() -> None:
        await app.run_action(action, owner)

    return run


def app_commands(app: "SourcerApp", screen: Screen | None = None) -> Iterable[SystemCommand]:
    screen = screen if screen is not None else app.screen
    for title, help_text, binding, owner in palette_entries(app.key_sections(), screen, app.settings.keymap):
        yield SystemCommand(title, help_text, _runner(app, binding.action, owner))
