"""Filters, sort and bulk actions in the Pipeline, with the real keys (issue 20, item 4)."""

from __future__ import annotations

import csv
import datetime as dt

from peewee import fn

from sourcer_tui.db.models import Candidacy, CandidacyCount, Touchpoint
from sourcer_tui.domain.vocab import DEFAULT_SOURCES
from sourcer_tui.services import missions, pipeline, talents
from sourcer_tui.widgets.pipeline_pane import PipelinePane

from .helpers import screen_text, settle, type_text, wait_for_text

SIZE = (160, 45)
T0 = dt.datetime(2026, 11, 2, 9, 0)


def _people() -> dict:
    """One mission, three talents; Zoé is in a second mission too."""
    java = missions.create_mission({"title": "Java lead"}, T0)
    data = missions.create_mission({"title": "Data team"}, T0)
    ids = {}
    for hours, (name, tags, stage) in enumerate((("Élodie Roux", "java", "offer"), ("Emile Blanc", "python", "sourced"),
                                                  ("Zoé Martin", "java", "sourced"))):
        ids[name] = talents.create_talent({"name": name, "tags": tags}, DEFAULT_SOURCES, T0)
        pipeline.add_to_mission(ids[name], java, T0 + dt.timedelta(hours=hours), stage)
    pipeline.add_to_mission(ids["Zoé Martin"], data, T0, "screening")
    return {"java": java, "data": data, **ids}


def _rows(app) -> list[str]:
    """The pipeline pane's lines that hold a talent, as on screen."""
    return [line for line in screen_text(app).splitlines() if any(n in line for n in ("Élodie", "Emile", "Zoé"))]


def _pane(app) -> PipelinePane:
    return app.screen.query_one(PipelinePane)


async def _show(pilot, which: str) -> None:
    """m, then the picker's option *which* typed and chosen."""
    await pilot.press("m")
    await type_text(pilot, which)
    await pilot.press("enter")
    await settle(pilot)


async def _bulk_snooze_everyone(pilot) -> str:
    """The talent pool, every row selected (*), b, Snooze…: the bulk form's screen."""
    await _show(pilot, "Talent pool")
    await pilot.press("asterisk", "b")
    await type_text(pilot, "snooze")
    await pilot.press("enter")
    return await wait_for_text(pilot, "Snooze 3 talents")


def _counts_equal_a_recount() -> bool:
    kept = {(m, s): n for m, s, n in CandidacyCount.select(CandidacyCount.mission_id, CandidacyCount.stage, CandidacyCount.n)
            .where(CandidacyCount.n > 0).tuples()}
    recount = {(m, s): n for m, s, n in Candidacy.select(Candidacy.mission, Candidacy.stage, fn.COUNT(Candidacy.id))
               .group_by(Candidacy.mission, Candidacy.stage).tuples()}
    return kept == recount


async def test_f_filters_the_title_says_so_and_esc_clears_it(make_app):
    _people()
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await _show(pilot, "Java lead")
        assert len(_rows(app)) == 3
        await pilot.press("f")
        await wait_for_text(pilot, "Filter the pipeline")
        await pilot.press("tab")  # stage (a select) -> tag
        await type_text(pilot, "java")
        await pilot.press("ctrl+s")
        await settle(pilot)
        pane = _pane(app)
        assert pane.border_title == "Pipeline · Filter: tag=java"
        assert "Filter: tag=java" in screen_text(app)
        shown = _rows(app)
        assert len(shown) == 2 and not any("Emile" in line for line in shown)
        # the filter combines with the search: / zo
        await pilot.press("slash")
        await type_text(pilot, "zo")
        await settle(pilot)
        assert [("Zoé" in line) for line in _rows(app)] == [True]
        # Esc clears the search first, then the filter (the footer says which)
        await pilot.press("escape")
        await settle(pilot)
        assert len(_rows(app)) == 2
        footer = "\n".join(screen_text(app).splitlines()[-3:])  # the footer, on up to three lines
        assert "esc Clear filter" in footer and "Clear search" not in footer
        await pilot.press("escape")
        await settle(pilot)
        assert len(_rows(app)) == 3 and pane.border_title == "Pipeline"


async def test_a_bad_filter_is_shown_at_its_field(make_app):
    _people()
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await pilot.press(*["tab"] * 4)  # -> no contact for (days)
        await type_text(pilot, "soon")
        await pilot.press("ctrl+s")
        await wait_for_text(pilot, "a number of days from 1 to 3650")
        await pilot.press(*["backspace"] * 4)
        await type_text(pilot, "30")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert _pane(app).border_title == "Pipeline · Filter: 30d+"


async def test_the_pool_is_by_folded_name_and_O_by_last_contact_then_back(make_app):
    _people()
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await _show(pilot, "Talent pool")
        names = [line.split("  ")[1].split()[0] for line in _rows(app)]
        assert names == ["Élodie", "Emile", "Zoé"]  # accents folded: Élodie with the E's
        await pilot.press("O")
        await settle(pilot)
        assert _pane(app).border_title == "Pipeline · Sort: last contact"
        await pilot.press("O")  # back (the pool has no time in stage, and is by name already)
        await settle(pilot)
        assert _pane(app).border_title == "Pipeline"
        assert [line.split("  ")[1].split()[0] for line in _rows(app)] == ["Élodie", "Emile", "Zoé"]


async def test_space_selects_and_a_bulk_move_asks_once_and_moves_every_row(make_app):
    ids = _people()
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await _show(pilot, "Java lead")
        await pilot.press("home", "down")  # the first row (Sourced: Zoé, then Emile)
        await pilot.press("space", "space")  # selects Zoé, then Emile (the cursor moves down)
        await settle(pilot)
        marked = [line for line in _rows(app) if "✓" in line]
        assert len(marked) == 2 and "2 selected" in screen_text(app)
        await pilot.press("b")
        await wait_for_text(pilot, "2 talents selected: do what?")
        await type_text(pilot, "move")
        await pilot.press("enter")
        await wait_for_text(pilot, "Move 2 candidacies to which stage?")
        await type_text(pilot, "screening")
        await pilot.press("enter")
        await wait_for_text(pilot, "Move 2 candidacies to Screening?")
        await pilot.press("y")
        await settle(pilot)
        stages = {c.talent_id: c.stage for c in Candidacy.select().where(Candidacy.mission == ids["java"])}
        assert stages == {ids["Élodie Roux"]: "offer", ids["Emile Blanc"]: "screening", ids["Zoé Martin"]: "screening"}
        assert _counts_equal_a_recount()
        assert "Moved 2 candidacies to Screening" in screen_text(app)
        assert not any("✓" in line for line in _rows(app))  # the selection is done with
        # ctrl+z undoes the whole bulk move
        await pilot.press("ctrl+z")
        await settle(pilot)
        stages = {c.talent_id: c.stage for c in Candidacy.select().where(Candidacy.mission == ids["java"])}
        assert stages[ids["Emile Blanc"]] == "sourced" and stages[ids["Zoé Martin"]] == "sourced"
        assert _counts_equal_a_recount()


async def test_a_bulk_decline_asks_its_reason_once(make_app, settings):
    ids = _people()
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await _show(pilot, "Java lead")
        await pilot.press("asterisk")  # every row shown
        await settle(pilot)
        assert "3 selected" in screen_text(app)
        await pilot.press("b")
        await type_text(pilot, "move")
        await pilot.press("enter")
        await type_text(pilot, "declined")
        await pilot.press("enter")
        await wait_for_text(pilot, "3 candidacies — declined: why")
        await pilot.press("enter", "down", "enter")  # the first reason
        await pilot.press("ctrl+s")
        await settle(pilot)
        reason = settings.talent.closing_reasons("declined")[0]
        rows = list(Candidacy.select().where(Candidacy.mission == ids["java"]))
        assert {(c.stage, c.decline_reason) for c in rows} == {("declined", reason)}
        assert Touchpoint.select().where(Touchpoint.kind == "decline").count() == 3
        assert _counts_equal_a_recount()


async def test_select_all_filtered_then_export_writes_the_selection(make_app, tmp_path):
    ids = _people()
    app = make_app()
    out = tmp_path / "java.csv"
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await _show(pilot, "Talent pool")
        await pilot.press("f", "tab")
        await type_text(pilot, "java")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("asterisk")
        await settle(pilot)
        assert "2 selected" in screen_text(app)
        await pilot.press("b")
        await type_text(pilot, "export")
        await pilot.press("enter")
        await wait_for_text(pilot, "Export 2 talents as CSV")
        await pilot.press("ctrl+a", "ctrl+k")  # the suggested file name away
        await type_text(pilot, str(out))
        await pilot.press("ctrl+s")
        await settle(pilot)
        await wait_for_text(pilot, "Exported 3 rows to")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = [(r["talent_id"], r["name"], r["mission"]) for r in csv.DictReader(handle)]
    assert rows == [
        (str(ids["Zoé Martin"]), "Zoé Martin", "Java lead"), (str(ids["Zoé Martin"]), "Zoé Martin", "Data team"),
        (str(ids["Élodie Roux"]), "Élodie Roux", "Java lead"),
    ]


async def test_bulk_tag_snooze_and_add_to_a_mission(make_app):
    ids = _people()
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await _show(pilot, "Talent pool")
        await pilot.press("asterisk", "b")
        await type_text(pilot, "tags")
        await pilot.press("enter")
        await type_text(pilot, "Urgent")
        await pilot.press("ctrl+s")
        await wait_for_text(pilot, "Tag 3 talents with urgent?")
        await pilot.press("y")
        await settle(pilot)
        assert sorted(talents.get_talent(i).tags for i in (ids["Élodie Roux"], ids["Emile Blanc"], ids["Zoé Martin"])) == \
            ["java,urgent", "java,urgent", "python,urgent"]
        await pilot.press("asterisk", "b")
        await type_text(pilot, "mission")
        await pilot.press("enter")
        await type_text(pilot, "Data team")
        await pilot.press("enter")
        await wait_for_text(pilot, "Add 3 talents to Data team?")
        await pilot.press("y")
        await settle(pilot)
        assert Candidacy.select().where(Candidacy.mission == ids["data"]).count() == 3
        assert "Added 2 talents to Data team · 1 was there already" in screen_text(app)
        await pilot.press("asterisk", "b")
        await type_text(pilot, "snooze")
        await pilot.press("enter")
        await wait_for_text(pilot, "Snooze 3 talents")
        await pilot.press("ctrl+s")  # the suggested +3m
        await settle(pilot)
        from sourcer_tui.db.models import Snooze

        assert Snooze.select().where(Snooze.active == True).count() == 3  # noqa: E712


async def test_all_missions_shows_each_rows_mission(make_app):
    _people()
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await _show(pilot, "All missions")
        zoe = [line for line in _rows(app) if "Zoé" in line]
        assert len(zoe) == 2
        assert any("Java lead" in line for line in zoe) and any("Data team" in line for line in zoe)


async def test_bulk_snooze_wakes_on_the_monday_shown(make_app):
    """On Mon 2026-12-07, +3m is Sun 2027-03-07: the bulk form shows the Monday a single
    snooze of 3 months gives (z 1), and every wake-up is stored on it."""
    from sourcer_tui.clock import FixedClock
    from sourcer_tui.db.models import Reminder, Snooze

    ids = _people()
    app = make_app(clock=FixedClock(dt.datetime(2026, 12, 7, 9, 0)))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        shown = await _bulk_snooze_everyone(pilot)
        assert "→ Mon 2027-03-08" in shown and "2027-03-07" not in shown
        await pilot.press("ctrl+s")  # the suggested +3m
        await settle(pilot)
        assert "Snoozed 3 talents" in screen_text(app)
    talent_ids = {ids["Élodie Roux"], ids["Emile Blanc"], ids["Zoé Martin"]}
    active = Snooze.select().where(Snooze.active == True)  # noqa: E712
    assert {(s.talent_id, s.until) for s in active} == {(t, dt.date(2027, 3, 8)) for t in talent_ids}
    assert sorted(Reminder.select(Reminder.talent, Reminder.due).where(Reminder.kind == "wake_up").tuples()) == \
        sorted((t, dt.date(2027, 3, 8)) for t in talent_ids)


async def test_bulk_snooze_past_two_years_is_refused_at_its_field(make_app):
    """+3y: the field says at most 2 years ahead, as you type, and ctrl+s snoozes no one."""
    from sourcer_tui.db.models import Snooze

    _people()
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await _bulk_snooze_everyone(pilot)
        await pilot.press(*["backspace"] * 3)
        await type_text(pilot, "+3y")
        await wait_for_text(pilot, "at most 2 years ahead")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "at most 2 years ahead" in screen_text(app) and not Snooze.select().exists()


async def test_bulk_snooze_says_how_many_it_replaces(make_app):
    from sourcer_tui.services import snoozes

    ids = _people()
    snoozes.snooze_talent(ids["Zoé Martin"], dt.date(2027, 1, 4), "moving", T0)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        shown = await _bulk_snooze_everyone(pilot)
        assert "Snooze 3 talents · 1 snoozed now: this replaces their snooze" in shown


async def test_space_on_a_stage_header_selects_its_first_row_then_the_next(make_app):
    """Home (the Sourced header), space, space: Zoé, then Emile — not Zoé twice."""
    _people()
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await _show(pilot, "Java lead")
        await pilot.press("home", "space", "space")
        await settle(pilot)
        marked = [line for line in _rows(app) if "✓" in line]
        assert len(marked) == 2 and "2 selected" in screen_text(app)
