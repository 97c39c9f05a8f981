"""Peewee imported without the PostgreSQL driver, which loads only for a URL.

``import peewee`` imports psycopg at once when it is installed (the
``postgres`` extra, which ``test`` includes too): some 90 ms of every start,
SQLite's included.  :func:`install` puts a finder in front of the import
system that, while ``peewee`` itself is being executed and only then, answers
"not installed" for the drivers; Peewee then sets its driver names to None, as
on a machine without the extra.  ``db.postgres.load_driver`` imports psycopg
when a URL is opened and hands it to Peewee.

A driver imported before Peewee (``sys.modules`` is read before any finder)
reaches Peewee as usual; the finder leaves the import system as soon as
Peewee has been executed.  This module is imported by the package itself:
it uses the finder and loader protocols without ``importlib.abc``, whose
import costs 13 ms.
"""

from __future__ import annotations

import importlib.machinery
import sys
from types import ModuleType

__all__ = ["DRIVERS", "install"]

#: The top-level modules Peewee tries for PostgreSQL.
DRIVERS = frozenset({"psycopg", "psycopg2", "psycopg2cffi"})


class _Gate:
    """Finds ``peewee`` through the usual path finder, with a loader that keeps
    the drivers out while the module runs."""

    def __init__(self) -> None:
        self.closed = False

    def find_spec(self, name, path=None, target=None):  # noqa: ANN001 (the finder protocol)
        if self.closed and name.partition(".")[0] in DRIVERS:
            raise ModuleNotFoundError(f"No module named {name!r} (loaded only for a PostgreSQL URL)", name=name)
        if name != "peewee" or self.closed:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return None
        spec.loader = _GatedLoader(spec.loader, self)
        return spec

    def leave(self) -> None:
        self.closed = False
        if self in sys.meta_path:
            sys.meta_path.remove(self)


class _GatedLoader:
    """The path finder's own loader, run with the gate closed."""

    def __init__(self, loader, gate: _Gate) -> None:  # noqa: ANN001
        self._loader = loader
        self._gate = gate

    def create_module(self, spec):  # noqa: ANN001
        return self._loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        module.__loader__ = self._loader
        if module.__spec__ is not None:
            module.__spec__.loader = self._loader
        self._gate.closed = True
        try:
            self._loader.exec_module(module)
        finally:
            self._gate.leave()

    def __getattr__(self, name: str):
        return getattr(self._loader, name)


def install() -> None:
    """Keep the drivers out of the coming ``import peewee`` (nothing once Peewee is imported)."""
    if "peewee" in sys.modules or any(isinstance(finder, _Gate) for finder in sys.meta_path):
        return
    sys.meta_path.insert(0, _Gate())
