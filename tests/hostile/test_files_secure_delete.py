"""What an edit or a delete frees is zeroed in the file (PRAGMA secure_delete),
not left in its free space for any SQLite tool to read back."""

from __future__ import annotations

from sourcer_tui.db.models import Draft, Talent, Touchpoint

OLD_NOTE = "Confided-Salary-Expectation-98765"


def checkpoint(db) -> bool:
    return db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] == 0


def test_an_edited_note_and_a_discarded_draft_leave_no_bytes(db, tmp_path):
    talent = Talent.create(name="Zoé", notes=OLD_NOTE + " " + "context " * 40)
    call = Touchpoint.create(talent=talent, kind="call")
    Draft.create(touchpoint=call, payload='{"impression": "Draft-Impression-12345"}')
    assert checkpoint(db)
    path = tmp_path / "test.db"
    assert OLD_NOTE.encode() in path.read_bytes()
    Talent.update(notes="rewritten").where(Talent.id == talent.id).execute()
    Draft.delete().execute()
    assert checkpoint(db)  # the new pages replace the old ones in the main file
    data = path.read_bytes()
    assert OLD_NOTE.encode() not in data and b"Draft-Impression-12345" not in data
