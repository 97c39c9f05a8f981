"""Helpers for Pilot tests: wait for the app to settle, read the screen."""

from __future__ import annotations


async def settle(pilot) -> None:
    """Let workers finish and the screen catch up (no fixed sleeps)."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def screen_text(app) -> str:
    """The plain text currently on screen (what a user would read)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def type_text(pilot, text: str) -> None:
    """Type *text* key by key, as a user would."""
    await pilot.press(*text)


async def wait_for_text(pilot, text: str, tries: int = 50) -> str:
    """The screen once *text* is on it (a modal may need a few refreshes); fails otherwise."""
    for _ in range(tries):
        shown = screen_text(pilot.app)
        if text in shown:
            return shown
        await pilot.pause(0.02)
    raise AssertionError(f"{text!r} never appeared on screen:\n{shown}")
