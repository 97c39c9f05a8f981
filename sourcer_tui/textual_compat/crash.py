"""Hook: what the app does when a handler raises, and a traceback without local variables.

Textual has no public hook for an unexpected error, and its fatal-error
traceback shows local variables (a password may be one).  This is not a
speed-up: it stays on whatever the version, and each part falls back to
Textual's own behaviour when the private name it needs is missing.  Can go
when Textual offers an exception hook and a ``show_locals`` setting.
"""

from __future__ import annotations

from textual.app import App

__all__ = ["CrashHooks"]


class CrashHooks:
    """Mixin for the App (before ``App`` in its bases): :meth:`before_crash` runs
    first when a handler raises; the traceback printed at exit has no locals."""

    def before_crash(self, error: Exception) -> None:
        """Keep what can be kept (the app overrides this); must not raise."""

    def _handle_exception(self, error: Exception) -> None:
        try:
            self.before_crash(error)
        finally:
            super()._handle_exception(error)  # type: ignore[misc]

    def _fatal_error(self) -> None:
        from rich.segment import Segments
        from rich.traceback import Traceback

        app: App = self  # type: ignore[assignment]
        renderables = getattr(app, "_exit_renderables", None)
        close = getattr(app, "_close_messages_no_wait", None)
        if not isinstance(renderables, list) or close is None:
            super()._fatal_error()  # type: ignore[misc]
            return
        app.bell()
        traceback = Traceback(show_locals=False, width=None)
        renderables.append(Segments(app.console.render(traceback, app.console.options)))
        close()
