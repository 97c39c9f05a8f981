"""Optimistic versions (migration 0026): two windows on one SQLite file never
overwrite each other silently — the second save is refused with both versions."""

from __future__ import annotations

import threading

import pytest

from sourcer_tui.config import Settings
from sourcer_tui.db.database import WorkerConnections
from sourcer_tui.db.models import Talent, Touchpoint
from sourcer_tui.services import bulk, talents, touchpoints
from sourcer_tui.services.talents import TalentConflict

from ..conftest import NOW

SOURCES = ["other", "linkedin"]
FORM = {"name": "Zoé Martin", "headline": "Backend engineer", "company": "Acme", "email": "zoe@example.org",
        "tags": "python", "salary_amount": "55k", "notes": "Met at PyCon"}


def in_another_window(db, work):
    """*work* on a second connection to the same file (its own thread), as a second app would."""
    connections = WorkerConnections(db)
    result, failure = [], []

    def run() -> None:
        try:
            with connections.use():
                result.append(work())
        except BaseException as error:  # noqa: BLE001  (handed back to the test)
            failure.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(20)
    connections.close_all()
    if failure:
        raise failure[0]
    return result[0]


@pytest.fixture
def zoe(db):
    return talents.create_talent(FORM, SOURCES, NOW)


def test_each_change_of_an_edited_column_counts_one_version(db, zoe):
    assert talents.talent_version(zoe) == 0
    talents.update_talent(zoe, {**FORM, "headline": "Lead engineer"}, SOURCES, NOW)
    assert talents.talent_version(zoe) == 1
    talents.update_talent(zoe, {**FORM, "headline": "Lead engineer"}, SOURCES, NOW)  # saved unchanged
    assert talents.talent_version(zoe) == 1
    bulk.tag([zoe], "go", NOW)  # any path that edits the talent
    assert talents.talent_version(zoe) == 2
    touchpoints.log_touchpoint(zoe, None, "call", NOW, Settings())
    assert talents.talent_version(zoe) == 2  # a contact changes the derived last contact only


def test_an_old_copy_put_back_still_moves_the_version_forward(db, zoe):
    talents.update_talent(zoe, {**FORM, "headline": "Lead engineer"}, SOURCES, NOW)
    # an undo writes the old row back, version included
    Talent.update(headline="Backend engineer", version=0).where(Talent.id == zoe).execute()
    assert Talent.get_by_id(zoe).version == 2


def test_a_save_over_a_change_made_in_another_window_is_refused_with_both_versions(db, zoe):
    version = talents.talent_version(zoe)  # this window opens the form
    in_another_window(db, lambda: talents.update_talent(
        zoe, {**FORM, "headline": "CTO", "tags": "go"}, SOURCES, NOW, version=version))
    mine = {**FORM, "headline": "Staff engineer", "company": "Globex"}
    with pytest.raises(TalentConflict) as raised:
        talents.update_talent(zoe, mine, SOURCES, NOW, version=version)
    conflict = raised.value
    assert [(d.field, d.theirs, d.mine) for d in conflict.differences] == [
        ("headline", "CTO", "Staff engineer"),
        ("company", "Acme", "Globex"),
        ("tags", "go", "python"),
    ]
    assert conflict.version == 1 and conflict.theirs["headline"] == "CTO"
    stored = Talent.get_by_id(zoe)
    assert (stored.headline, stored.company, stored.tags, stored.version) == ("CTO", "Acme", "go", 1)  # nothing written

    talents.update_talent(zoe, mine, SOURCES, NOW, version=conflict.version)  # "overwrite with mine", knowingly
    stored = Talent.get_by_id(zoe)
    assert (stored.headline, stored.company, stored.tags, stored.version) == ("Staff engineer", "Globex", "python", 2)


def test_no_conflict_when_the_other_window_saved_what_i_save(db, zoe):
    version = talents.talent_version(zoe)
    same = {**FORM, "headline": "CTO", "salary_amount": "55000"}
    in_another_window(db, lambda: talents.update_talent(zoe, same, SOURCES, NOW, version=version))
    talents.update_talent(zoe, {**FORM, "headline": "CTO"}, SOURCES, NOW, version=version)  # 55k is 55000
    assert Talent.get_by_id(zoe).headline == "CTO"


def test_the_other_window_is_refused_too_once_this_one_saved(db, zoe):
    version = talents.talent_version(zoe)
    talents.update_talent(zoe, {**FORM, "notes": "Mine"}, SOURCES, NOW, version=version)
    with pytest.raises(TalentConflict) as raised:
        in_another_window(db, lambda: talents.update_talent(zoe, {**FORM, "notes": "Theirs"}, SOURCES, NOW, version=version))
    assert [(d.field, d.theirs, d.mine) for d in raised.value.differences] == [("notes", "Mine", "Theirs")]
    assert Talent.get_by_id(zoe).notes == "Mine"


def test_feedback_saved_in_another_window_is_refused_and_the_version_counts_each_save(db, zoe):
    from sourcer_tui.services.touchpoints import FeedbackConflict

    call = touchpoints.log_touchpoint(zoe, None, "call", NOW, Settings())
    version = touchpoints.get_touchpoint(call).version
    in_another_window(db, lambda: touchpoints.save_feedback(call, {"feedback_given": "Theirs"}, NOW, version=version))
    with pytest.raises(FeedbackConflict) as raised:
        touchpoints.save_feedback(call, {"feedback_given": "Mine"}, NOW, version=version)
    assert raised.value.theirs.feedback_given == "Theirs" and raised.value.theirs.version == version + 1
    assert Touchpoint.get_by_id(call).feedback_given == "Theirs"


def test_a_merge_previewed_before_a_change_elsewhere_merges_nothing(db, zoe):
    from sourcer_tui.services import merge

    other = talents.create_talent({"name": "Zoe Martin", "company": "Initech"}, SOURCES, NOW)
    plan = merge.plan_merge(zoe, other, ["sourced"])
    in_another_window(db, lambda: talents.update_talent(other, {"name": "Zoe Martin", "company": "Hooli"}, SOURCES, NOW))
    with pytest.raises(merge.ChangedSincePreview) as raised:
        merge.merge_talents(zoe, other, {"company": "other"}, NOW, ["sourced"], plan=plan)
    assert raised.value.name == "Zoe Martin"
    assert [(d.field, d.theirs, d.mine) for d in raised.value.differences] == [("company", "Hooli", "Initech")]
    assert Talent.select().count() == 2  # nothing merged
    merge.merge_talents(zoe, other, {"company": "other"}, NOW, ["sourced"], plan=merge.plan_merge(zoe, other, ["sourced"]))
    assert Talent.get_by_id(zoe).company == "Hooli" and Talent.select().count() == 1


def test_an_undo_moves_the_version_forward_so_an_open_form_is_refused(db, zoe):
    from sourcer_tui.services.undo import recorded, undo

    with recorded("tagged", [zoe]) as step:
        bulk.tag([zoe], "go", NOW)
    version = talents.talent_version(zoe)  # a form opened after the change
    undo(step)
    assert Talent.get_by_id(zoe).tags == "python" and talents.talent_version(zoe) == version + 1
    with pytest.raises(TalentConflict):
        talents.update_talent(zoe, {**FORM, "tags": "python,go,rust"}, SOURCES, NOW, version=version)


def test_a_contact_corrected_in_another_window_is_not_corrected_over(db, zoe):
    from sourcer_tui.services.touchpoints import ContactConflict

    call = touchpoints.log_touchpoint(zoe, None, "call", NOW, Settings(), summary="Intro call")
    version = Touchpoint.get_by_id(call).version
    in_another_window(db, lambda: touchpoints.update_touchpoint(
        call, kind="call", channel="phone", happened_at=NOW, summary="Intro call, 20 min", now=NOW, version=version))
    with pytest.raises(ContactConflict) as raised:
        touchpoints.update_touchpoint(call, kind="interview", channel="phone", happened_at=NOW, summary="Intro call",
                                      now=NOW, version=version)
    assert [(d.field, d.theirs, d.mine) for d in raised.value.differences] == [
        ("kind", "call", "interview"), ("summary", "Intro call, 20 min", "Intro call")]
    stored = Touchpoint.get_by_id(call)
    assert (stored.kind, stored.summary) == ("call", "Intro call, 20 min")
    # feedback saved elsewhere meanwhile: nothing of the contact's form differs, the correction goes on
    version = Touchpoint.get_by_id(call).version
    in_another_window(db, lambda: touchpoints.save_feedback(call, {"feedback_given": "Told her"}, NOW, version=version))
    touchpoints.update_touchpoint(call, kind="call", channel="phone", happened_at=NOW, summary="Intro call, 20 min",
                                  now=NOW, version=version)
