"""Issue 17, item 9: full-width formulas are neutralised in CSV exports too.

Spreadsheets read a cell starting with ``＝ ＋ － ＠`` (full width, as typed
with a Japanese or Chinese input method) or their small forms ``﹦ ﹢ ﹣ ﹫``
as the ASCII ``= + - @``: a formula.  Each gets the apostrophe the ASCII
ones get; a number or a phone number written with them stays a number.
"""

from __future__ import annotations

import csv

import pytest

from sourcer_tui.db.models import Talent
from sourcer_tui.services import exchange


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "＝", "＋", "－", "＠", "﹦", "﹢", "﹣", "﹫"])
def test_a_cell_starting_like_a_formula_gets_an_apostrophe(db, tmp_path, start):
    Talent.create(name=f"{start}HYPERLINK(\"http://evil.example\",\"x\")", headline=f"{start}1+1", phone="＋33 6 12 34 56 78")
    out = tmp_path / "safe.csv"
    exchange.export_csv(out)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        (record,) = list(csv.DictReader(handle))
    assert record["name"] == f"'{start}HYPERLINK(\"http://evil.example\",\"x\")"
    assert record["headline"] == f"'{start}1+1"
    assert record["phone"] == "＋33 6 12 34 56 78"  # a phone number is not a formula, in any width
