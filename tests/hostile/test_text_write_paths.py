"""Issue 17, item 2: any text, through any write path, is stored without a control character.

Hypothesis draws text (escape sequences, C1, NUL, CR, DEL are in its
alphabet) and writes it through each path the app has: the data layer's
columns themselves, the forms' services, a feedback, a snooze, a template, a
CSV import, a JSON import, the config.  Nothing stored (nor any setting)
holds a character that a terminal would act on.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json

import peewee
import pytest
import tomli_w
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sourcer_tui.config import Settings, load_settings
from sourcer_tui.db import fields
from sourcer_tui.db.models import ALL_MODELS, Candidacy, Mission, Talent, Touchpoint
from sourcer_tui.domain.text import clean_line, clean_text, pasteable
from sourcer_tui.services import exchange, importer, missions, pipeline, snoozes, talents, templates, touchpoints

from ..conftest import NOW
from .text_payloads import NASTY, control_characters, stored_controls

#: Text with the characters that matter drawn often: controls, C1, whitespace, escape sequences.
HOSTILE_TEXT = st.text(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(["\x1b", "\x9b", "\x00", "\r", "\n", "\t", "\x7f", "\x85", "\xa0", " ", "[", "]", "é"]),
    ),
    max_size=40,
) | st.sampled_from([NASTY, "\x1b]0;PWNED\x07", "\x1b[2J", "\x1bP+q544e\x1b\\", "\r\n", "\x9b31m"])
SETTINGS = Settings()
EACH = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
_count = itertools.count(1)


def _clean_db(db) -> None:
    assert stored_controls(db) == []


@given(HOSTILE_TEXT)
@example(NASTY)
def test_the_cleaning_function_leaves_no_control_character_and_is_stable(text):
    for clean in (clean_line, clean_text, pasteable):
        once = clean(text)
        assert not control_characters(once)
        assert clean(once) == once  # cleaning again changes nothing
    assert "\n" not in clean_line(text) and "\t" not in clean_line(text)


@given(HOSTILE_TEXT)
def test_every_text_column_of_the_data_layer_cleans(text):
    columns = [f for model in ALL_MODELS for f in model._meta.sorted_fields if isinstance(f, (peewee.CharField, peewee.TextField))]
    assert columns and all(isinstance(f, (fields.CharField, fields.TextField)) for f in columns)
    for column in columns:
        assert not control_characters(column.db_value(text))


@EACH
@given(HOSTILE_TEXT)
def test_raw_model_writes_are_cleaned(db, text):
    talent = Talent.create(name=f"n{text}", notes=text, headline=text)
    Talent.update(company=text, location=text).where(Talent.id == talent.id).execute()
    Talent.insert_many([{"name": text or "x", "tags": text}]).execute()
    Mission.insert(title=text, notes=text).execute()
    _clean_db(db)


@EACH
@given(HOSTILE_TEXT)
def test_forms_services_store_clean_text(db, text):
    data = {"name": f"Name {text}", "headline": text, "company": text, "location": text, "notes": text,
            "referred_by": text, "tags": text}
    talent = talents.create_talent(data, SETTINGS.talent.sources, NOW)
    talents.update_talent(talent, {**data, "notes": f"{text} again"}, SETTINGS.talent.sources, NOW)
    mission = missions.create_mission({"title": f"T {text}", "client": text, "notes": text}, NOW)
    missions.update_mission(mission, {"title": f"U {text}", "client": text, "notes": text}, NOW)
    _clean_db(db)


@EACH
@given(HOSTILE_TEXT)
def test_contacts_feedback_closing_snoozes_and_templates_store_clean_text(db, text):
    n = next(_count)
    mission = missions.create_mission({"title": f"M{n}"}, NOW)
    talent = talents.create_talent({"name": f"T{n}"}, ["other"], NOW)
    candidacy = pipeline.add_to_mission(talent, mission, NOW)
    call = touchpoints.log_touchpoint(talent, candidacy, "call", NOW, SETTINGS, summary=text)
    touchpoints.update_touchpoint(call, kind="call", channel="phone", happened_at=NOW, summary=f"x{text}", now=NOW)
    touchpoints.save_feedback(call, {"feedback_given": text, "impression": text, "next_step": f"do {text}",
                                     "next_step_due": "+2d"}, NOW)
    touchpoints.save_draft(call, {"feedback_given": text}, NOW)
    touchpoints.close_candidacy(candidacy, "rejected", {"reason": SETTINGS.talent.decline_reasons[0], "detail": text,
                                                        "feedback": f"f{text}"}, SETTINGS.talent.decline_reasons, NOW)
    snoozes.snooze_talent(talent, NOW.date() + dt.timedelta(days=30), text, NOW)
    literal = text.replace("{", "{{").replace("}", "}}")  # braces are placeholders' in a template
    templates.save_template(1, "email", None, literal, f"Bonjour {literal}", NOW)
    _clean_db(db)


@EACH
@given(HOSTILE_TEXT)
def test_a_csv_import_stores_clean_text(db, tmp_path, text):
    text = text.replace("\x00", "")  # a file with NUL is refused as not text
    path = tmp_path / f"people{next(_count)}.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["Name", "Headline", "Notes", "Tags"], [f"Name{text}", text, text, text]])
    try:
        importer.run_import(path, now=NOW, skip_bad=True)
    except importer.ImportFileError:
        pass  # e.g. the text made the header unreadable: refused, nothing written
    _clean_db(db)


@EACH
@given(HOSTILE_TEXT)
def test_a_json_import_stores_clean_text(tmp_path, text):
    from sourcer_tui.db.database import open_database

    n = next(_count)
    path = tmp_path / f"doc{n}.json"
    document = {"format": "sourcer-tui", "version": 1, "missions": [{"id": 1, "title": text, "notes": text}],
                "talents": [{"id": 1, "name": text, "notes": text, "email": text}], "candidacies": [],
                "touchpoints": [{"id": 1, "talent_id": 1, "kind": "call", "summary": text, "feedback_given": text}],
                "reminders": [], "snoozes": [], "templates": [{"id": 1, "step": 1, "subject": text, "body": text}]}
    path.write_text(json.dumps(document), encoding="utf-8")
    db = open_database(tmp_path / f"new{n}.db")
    try:
        exchange.import_json(path, NOW)
        _clean_db(db)
    finally:
        db.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(HOSTILE_TEXT, HOSTILE_TEXT)
def test_config_text_is_cleaned(tmp_path, name, reason):
    path = tmp_path / "config.toml"
    path.write_text(tomli_w.dumps({"profile": {"name": name}, "talent": {"decline_reasons": [f"r{reason}", "other"]}}), encoding="utf-8")
    try:
        loaded = load_settings(path)
    except Exception as error:  # a reason cleaned to "other" is a duplicate: one line naming the file
        assert str(path) in str(error) and "\n" not in str(error)
        return
    assert not control_characters(loaded.profile.name)
    assert not any(control_characters(r) for r in loaded.talent.decline_reasons)
