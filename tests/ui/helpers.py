"""Helpers for Pilot tests: wait for the app to settle, read the screen."""

from __future__ import annotations

from ..textual_compat.seam import screen_text

__all__ = ["settle", "screen_text", "type_text", "burst", "wait_for_text", "on_every_connection"]


async def settle(pilot) -> None:
    """Let workers finish and the screen catch up (no fixed sleeps)."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def type_text(pilot, text: str) -> None:
    """Type *text* key by key, as a user would."""
    await pilot.press(*text)


def burst(app, *keys: str) -> None:
    """Keys as a terminal delivers a fast burst: posted at once, no pause
    between them (``pilot.press`` waits after each)."""
    from textual import events

    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


async def wait_for_text(pilot, text: str, tries: int = 50) -> str:
    """The screen once *text* is on it (a modal may need a few refreshes); fails otherwise."""
    for _ in range(tries):
        shown = screen_text(pilot.app)
        if text in shown:
            return shown
        await pilot.pause(0.02)
    raise AssertionError(f"{text!r} never appeared on screen:\n{shown}")


def on_every_connection(app, db, pragma: str, value) -> None:
    """``PRAGMA pragma = value`` on the app's connections, the worker threads' too
    (the capture form saves on one): set on this thread's, kept for every
    connection opened later, and the workers' kept ones closed so that they
    open again with it."""
    db.execute_sql(f"PRAGMA {pragma} = {value}")
    db._pragmas = [(name, v) for name, v in db._pragmas if name != pragma] + [(pragma, value)]
    app.readers.close_all()
