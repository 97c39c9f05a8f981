"""Reads in worker threads that the screen may stop (a search typed on):
what the widgets use, so that they import nothing of the data layer."""

from __future__ import annotations

from ..db.database import Interrupted, InterruptibleRead

__all__ = ["Interrupted", "InterruptibleRead"]
