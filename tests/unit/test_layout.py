"""What fits the terminal (domain/layout.py): the narrow layout's thresholds,
columns that give way in order, the footer's keys by priority."""

from __future__ import annotations

import pytest

from sourcer_tui.domain.layout import Column, Placed, by_priority, fit_columns, footer_lines, is_narrow


@pytest.mark.parametrize(
    ("columns", "lines", "narrow"),
    [((80, 24), None, True), ((100, 30), None, True), ((119, 45), None, True), ((120, 29), None, True),
     ((120, 30), None, False), ((160, 45), None, False), ((200, 60), None, False)],
)
def test_narrow_under_120_columns_or_30_lines(columns, lines, narrow):
    assert is_narrow(*columns) is narrow


def test_footer_lines_by_height():
    assert [footer_lines(n) for n in (12, 19, 20, 24, 29, 30, 45)] == [1, 1, 2, 2, 2, 3, 3]


#: The Pipeline's columns, as pipeline_list.COLUMNS has them.
PIPELINE = (
    Column("name", min_width=12, width=20),
    Column("detail", min_width=12, gives_way=5),
    Column("mission", min_width=10, width=20, gives_way=2),
    Column("source", min_width=15, width=15, gives_way=1),
    Column("age", min_width=6, width=6, align="right"),
)


def test_everything_fits_and_the_flexible_column_takes_the_room():
    # 20 + 12 + 20 + 15 + 6 and 4 gaps = 77: 23 cells left for the headline
    assert fit_columns(PIPELINE, 100) == (
        Placed("name", 20), Placed("detail", 35), Placed("mission", 20), Placed("source", 15), Placed("age", 6, "right"),
    )


def test_columns_give_way_in_their_order_and_the_age_stays_at_the_right_end():
    assert [p.name for p in fit_columns(PIPELINE, 76)] == ["name", "detail", "mission", "age"]  # the source went first
    placed = fit_columns(PIPELINE, 61)
    assert placed == (Placed("name", 20), Placed("detail", 12), Placed("mission", 20), Placed("age", 6, "right"))
    assert sum(p.width for p in placed) + len(placed) - 1 == 61  # the age ends at the right edge
    assert fit_columns(PIPELINE, 60) == (Placed("name", 20), Placed("detail", 32), Placed("age", 6, "right"))  # then the mission
    assert fit_columns(PIPELINE, 50) == (Placed("name", 20), Placed("detail", 22), Placed("age", 6, "right"))


def test_the_name_is_not_cut_before_the_headline_is_gone():
    assert fit_columns(PIPELINE, 40) == (Placed("name", 20), Placed("detail", 12), Placed("age", 6, "right"))
    assert fit_columns(PIPELINE, 39) == (Placed("name", 20), Placed("age", 6, "right"))  # headline gone, name whole
    assert fit_columns(PIPELINE, 27) == (Placed("name", 20), Placed("age", 6, "right"))
    # nothing left to drop: the name is cut, never below its minimum
    assert fit_columns(PIPELINE, 24) == (Placed("name", 17), Placed("age", 6, "right"))
    assert fit_columns(PIPELINE, 10) == (Placed("name", 12), Placed("age", 6, "right"))


#: Today: due · kind · name, then the mission and the rest, which goes first.
TODAY = (
    Column("due", min_width=9, width=9),
    Column("kind", min_width=14, width=14),
    Column("name", min_width=10, width=24),
    Column("mission", min_width=12, gives_way=1),
)


def test_today_keeps_due_kind_and_name_and_drops_the_mission_first():
    assert [p.name for p in fit_columns(TODAY, 62)] == ["due", "kind", "name", "mission"]
    assert fit_columns(TODAY, 61) == (Placed("due", 9), Placed("kind", 14), Placed("name", 24))
    assert fit_columns(TODAY, 40) == (Placed("due", 9), Placed("kind", 14), Placed("name", 15))


def test_a_new_column_slots_in_by_its_order():
    """Another feature adds a column (an owner): it says when it gives way."""
    with_owner = (*PIPELINE[:3], Column("owner", min_width=8, width=8, gives_way=3), *PIPELINE[3:])
    assert [p.name for p in fit_columns(with_owner, 86)] == ["name", "detail", "mission", "owner", "source", "age"]
    assert [p.name for p in fit_columns(with_owner, 80)] == ["name", "detail", "mission", "owner", "age"]
    assert [p.name for p in fit_columns(with_owner, 70)] == ["name", "detail", "mission", "owner", "age"]
    assert [p.name for p in fit_columns(with_owner, 69)] == ["name", "detail", "owner", "age"]
    assert [p.name for p in fit_columns(with_owner, 49)] == ["name", "detail", "owner", "age"]
    assert [p.name for p in fit_columns(with_owner, 48)] == ["name", "detail", "age"]


def test_keys_by_priority_then_in_their_own_order():
    ids = ["pipeline.new_talent", "x.other", "log.call", "y.other", "list.open"]
    assert by_priority(ids) == [4, 2, 0, 1, 3]
    assert by_priority(["b", "a", "c"], priority=("c",)) == [2, 0, 1]
