"""The line under the title when the database is read-only: why, and what it means."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ..i18n import _

__all__ = ["ReadOnlyBanner"]


class ReadOnlyBanner(Static):
    DEFAULT_CSS = """
    ReadOnlyBanner {
        height: 1;
        width: 100%;
        padding: 0 1;
        background: $error;
        color: $text;
        text-style: bold;
    }
    """

    def __init__(self, reason: str, label: str) -> None:
        # Text, not markup: the path may hold brackets
        super().__init__(Text(_("READ-ONLY — {reason}: {label}. You can look; keys that would change anything say why they can't.").format(reason=reason, label=label)))
