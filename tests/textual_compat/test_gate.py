"""The version gate: the speed-ups are on only for the Textual they were tested on;
otherwise every patched name is plain Textual, and the app says so once."""

from __future__ import annotations

import os
import subprocess
import sys

import textual

from sourcer_tui import textual_compat

PROBE = """
import textual
{setup}
from sourcer_tui import textual_compat
from sourcer_tui.textual_compat import frame_looks, kept_screen, scroll_view, search_box, watchers
print(textual_compat.PATCHED)
print(kept_screen.KeptScreen.__name__, scroll_view.QuietScrollView.__name__, frame_looks.FrameLooks.__name__)
print("_watch_value" in vars(search_box.SearchBox), watchers.prune_watchers(object()))
print(textual_compat.untested_warning())
print(textual_compat.untested_warning())
"""


def _probe(setup: str = "", **env: str) -> list[str]:
    out = subprocess.run([sys.executable, "-c", PROBE.format(setup=setup)], capture_output=True, text=True, check=True,
                         env={**os.environ, **env})
    return out.stdout.splitlines()


TESTED_HERE = textual.__version__ in textual_compat.TESTED
PLAIN = ["False", "_PlainKeptScreen _PlainScrollView _PlainFrameLooks", "False 0"]


def test_the_installed_version_has_the_patches_on_if_tested():
    """On the tested release (the main CI run) the speed-ups are on; on the oldest
    allowed (CI's second run) they are off and the app says so once."""
    lines = _probe(SOURCER_TUI_PLAIN_TEXTUAL="")
    if TESTED_HERE:
        assert lines == ["True", "_PatchedKeptScreen _PatchedScrollView _PatchedFrameLooks", "True 0", "None", "None"]
    else:
        assert lines[:3] == PLAIN and lines[3].startswith(f"Running without its speed-ups: Textual {textual.__version__}")
        assert lines[4] == "None"


def test_the_patches_can_be_turned_off_and_only_the_version_is_warned_of():
    lines = _probe(SOURCER_TUI_PLAIN_TEXTUAL="1")
    assert lines[:3] == PLAIN
    assert (lines[3] == "None") == TESTED_HERE and lines[4] == "None"


def test_another_textual_version_runs_plain_and_says_so_once():
    lines = _probe('textual.__version__ = "9.9.9"', SOURCER_TUI_PLAIN_TEXTUAL="")
    assert lines[:3] == PLAIN
    assert lines[3].startswith("Running without its speed-ups: Textual 9.9.9 is not one it was tested on (8.2.8).")
    assert lines[4] == "None"
