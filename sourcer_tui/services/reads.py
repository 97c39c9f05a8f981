"""Reads in worker threads that the screen may stop (a search typed on):
what the widgets use, so that they import nothing of the data layer; and
reads started *beside* the one under way, in the readers' other threads."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import TypeVar

from ..db.database import Interrupted, InterruptibleRead
from ..db.models import database_proxy

__all__ = ["Interrupted", "InterruptibleRead", "Beside", "apart"]

_T = TypeVar("_T")
#: Runs a read in another thread, on that thread's connection (``WorkerConnections.submit``).
Beside = Callable[[Callable[[], _T]], Future[_T]]


def apart(beside: Beside | None, read: Callable[[], _T]) -> Callable[[], _T]:
    """*read* started now by *beside* in another thread and connection, in a
    transaction of its own (one consistent read), or without *beside* run
    here when asked: a function that gives its result, when wanted."""
    if beside is None:
        return read
    return beside(lambda: _in_transaction(read)).result


def _in_transaction(read: Callable[[], _T]) -> _T:
    with database_proxy.obj.atomic():  # this thread's connection
        return read()
