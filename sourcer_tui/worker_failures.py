"""Background work that fails is said, not swallowed.

Workers that read for a pane, compute the Stats or send a mail run with
``exit_on_error=False``: when one fails the app goes on (what is typed stays,
the next read may well work).  Textual's ``Worker.StateChanged`` does not
bubble, so each widget or screen running such workers mixes this in and hands
a failure to the app (:meth:`SourcerApp.report_failure`): the traceback in a
private log, a message saying what failed and where the log is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # a mixin for widgets, screens and the app: typed as one of them
    from textual.dom import DOMNode as _Host
else:
    _Host = object

__all__ = ["ReportsWorkerFailures"]


class ReportsWorkerFailures(_Host):
    def on_worker_state_changed(self, event: Any) -> None:
        from textual.worker import WorkerState

        if event.state == WorkerState.ERROR:
            self.app.report_failure(event.worker)
