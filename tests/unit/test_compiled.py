"""db.compiled: a query built once per key, its SQL run again with each page."""

from __future__ import annotations

from sourcer_tui.db import compiled
from sourcer_tui.db.models import Talent
from sourcer_tui.services import talents

from ..conftest import NOW


def test_a_query_is_built_once_and_paged_by_its_parameters(db):
    for n in range(7):
        talents.create_talent({"name": f"T{n}"}, ["other"], NOW)
    built: list[int] = []

    def build():
        built.append(1)
        return Talent.select(Talent.name).order_by(Talent.name)

    pages = [compiled.rows(("test-names",), build, (offset, 3)) for offset in (0, 3, 6, 9)]
    assert pages == [[("T0",), ("T1",), ("T2",)], [("T3",), ("T4",), ("T5",)], [("T6",)], []]
    assert len(built) == 1  # built for the first page, its text run again for the others
    assert compiled.rows(("test-names",), build) == [(f"T{n}",) for n in range(7)]  # unpaged: its own entry
    assert len(built) == 2
    assert compiled.rows(("test-names", "other key"), lambda: Talent.select(Talent.name).where(Talent.name == "T4")) == [("T4",)]
