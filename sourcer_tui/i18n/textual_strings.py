"""Textual's own words that show on our screens, marked for the catalog.

Textual writes them in English; the app translates them where it shows them
(``SourcerApp.get_system_commands``, ``action_command_palette``,
``search_themes``; the footer and help call ``_()`` on every binding
description).  Nothing imports this module: it only puts these texts in the
catalog.  Keep it in step with the installed Textual (``textual/app.py``:
``App.get_system_commands``, ``App.BINDINGS``, ``search_themes``; ``textual/command.py``).
"""

from __future__ import annotations

from . import N_

__all__ = ["TEXTUAL_STRINGS"]

TEXTUAL_STRINGS = (
    # App.get_system_commands: the command palette's entries, title then help
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit"),
    N_("Quit the application as soon as possible"),
    N_("Keys"),
    N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
    # The command palette's and the theme picker's search boxes
    N_("Search for commands…"),
    N_("Search for themes…"),
    # App.BINDINGS (ctrl+q) and the palette binding Textual adds when an app has none
    N_("Quit the app and return to the command prompt."),
    N_("palette"),
    N_("Open the command palette"),
)
