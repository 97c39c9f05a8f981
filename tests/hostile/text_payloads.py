"""Hostile text: escape sequences and control characters in every field a file can bring.

:func:`hostile_document` is a JSON export (the format ``import_json`` reads)
whose every text carries :data:`NASTY`: an OSC that retitles the terminal,
a CSI that blanks it, a DCS query (some terminals answer it on stdin), a C1
CSI, NUL, a bare CR, DEL.  :func:`control_characters` finds what must never
reach a terminal, a file or the database.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

NASTY = "\x1b]0;PWNED\x07\x1b[2J\x1bP+q544e\x1b\\\x9b31m\x00\rX\x7f"

#: Characters that must never reach a terminal: C0 but tab and newline, DEL, C1.
FORBIDDEN = {chr(c) for c in range(0x20) if chr(c) not in "\t\n"} | {chr(c) for c in range(0x7F, 0xA0)}


def control_characters(text: str) -> list[str]:
    """The forbidden characters in *text* (empty when it is safe), with their context."""
    return [repr(text[max(0, i - 12): i + 12]) for i, c in enumerate(text) if c in FORBIDDEN]


def bad(label: str) -> str:
    """A field value: readable words around the hostile sequences."""
    return f"{label}{NASTY} end"


def hostile_document(today: dt.date) -> dict:
    """A complete export: one mission, three talents (one contacted with a
    follow-up due by email today, one declined and snoozed, one untouched for
    three years), touchpoints with feedback, due items, a snooze, templates."""
    day = today.isoformat()
    at = f"{day}T09:00:00"
    early = f"{day}T08:00:00"
    old = (today - dt.timedelta(days=3 * 365)).isoformat()
    soon = (today + dt.timedelta(days=5)).isoformat()
    return {
        "format": "sourcer-tui",
        "version": 1,
        "exported_at": f"{at}+01:00",
        "missions": [{"id": 1, "title": bad("Data Engineer"), "client": bad("Vélo Cargo"), "status": "open",
                      "notes": bad("Mission notes"), "created_at": at, "updated_at": at}],
        "talents": [
            {"id": 1, "name": bad("Zoé Martin"), "headline": bad("Lead dev"), "company": bad("Octave"),
             "email": "zoe@example.org", "email_norm": "zoe@example.org", "phone": bad("+33"),
             "linkedin_url": "https://www.linkedin.com/in/zoe" + NASTY, "location": bad("Paris"), "source": "linkedin",
             "referred_by": bad("Paul"), "tags": bad("python"), "notes": bad("Notes\nsecond line"),
             "linkedin_norm": "linkedin.com/in/zoe", "created_at": at, "updated_at": at},
            {"id": 2, "name": bad("Ada Lovelace"), "headline": bad("Analyst"), "email": bad("ada") + "@example.org",
             "source": "referral", "created_at": at, "updated_at": at},
            {"id": 3, "name": bad("Old Timer"), "headline": bad("Retired"), "source": "other",
             "created_at": f"{old}T09:00:00", "updated_at": f"{old}T09:00:00"},
        ],
        "candidacies": [
            {"id": 1, "talent_id": 1, "mission_id": 1, "stage": "approached", "sequence_state": "active",
             "last_step_sent": 0, "first_contact_at": at, "decline_detail": bad("Detail"), "created_at": at, "updated_at": at},
            {"id": 2, "talent_id": 2, "mission_id": 1, "stage": "declined", "sequence_state": "replied",
             "last_step_sent": 0, "first_contact_at": early, "replied_at": at, "reply_sentiment": "negative",
             "decline_reason": "Salary\x1b[2J",  # a reason of the config (tests' CONFIG), as hostile there
             "decline_detail": bad("Too far"), "closed_at": at, "created_at": at, "updated_at": at},
        ],
        "touchpoints": [
            {"id": 1, "talent_id": 1, "candidacy_id": 1, "kind": "approach", "channel": "email", "direction": "out",
             "happened_at": at, "step": 0, "summary": bad("First message"), "created_at": at, "updated_at": at},
            {"id": 2, "talent_id": 1, "candidacy_id": 1, "kind": "call", "channel": "phone", "direction": "out",
             "happened_at": at, "summary": bad("A call"), "needs_feedback": True, "created_at": at, "updated_at": at},
            {"id": 3, "talent_id": 1, "candidacy_id": 1, "kind": "interview", "channel": "video", "direction": "out",
             "happened_at": at, "summary": bad("Interview"), "needs_feedback": True, "feedback_at": at,
             "feedback_given": bad("Told her"), "impression": bad("Sharp"), "sentiment": "positive",
             "next_step": bad("Call the CTO"), "next_step_due": day, "created_at": at, "updated_at": at},
            {"id": 5, "talent_id": 2, "candidacy_id": 2, "kind": "approach", "channel": "linkedin", "direction": "out",
             "happened_at": early, "step": 0, "summary": bad("Hello Ada"), "created_at": early, "updated_at": early},
            {"id": 4, "talent_id": 2, "candidacy_id": 2, "kind": "reply_negative", "channel": "linkedin", "direction": "in",
             "happened_at": at, "summary": bad("No thanks"), "feedback_given": bad("Understood"), "feedback_at": at,
             "created_at": at, "updated_at": at},
        ],
        "reminders": [
            {"id": 1, "talent_id": 1, "candidacy_id": 1, "kind": "followup", "due": day, "step": 1,
             "detail": bad("Follow-up 1"), "status": "pending", "created_at": at},
            {"id": 2, "talent_id": 1, "candidacy_id": 1, "touchpoint_id": 3, "kind": "next_step", "due": day,
             "detail": bad("Call the CTO"), "status": "pending", "created_at": at},
            {"id": 3, "talent_id": 2, "snooze_id": 1, "kind": "wake_up", "due": soon, "detail": bad("Wake"),
             "status": "pending", "created_at": at},
        ],
        "snoozes": [
            {"id": 1, "talent_id": 2, "candidacy_id": 2, "since": day, "until": soon, "reason": bad("Joined a rival"),
             "kind": "manual", "active": True, "created_at": at},
        ],
        "templates": [
            {"id": 1, "step": 1, "channel": "email", "subject": bad("Hello {first_name}"),
             "body": bad("Bonjour {first_name},\nstill interested in {mission}?"), "created_at": at, "updated_at": at},
            {"id": 2, "step": 1, "channel": "linkedin", "subject": "", "body": bad("Hi {first_name}"),
             "created_at": at, "updated_at": at},
        ],
    }


def write_hostile_json(path: Path, today: dt.date) -> Path:
    path.write_text(json.dumps(hostile_document(today), ensure_ascii=False), encoding="utf-8")
    return path


def stored_controls(db) -> list[tuple[str, str, str]]:
    """Every ``(table, column, context)`` of the file holding a forbidden character."""
    found = []
    for table in db.get_tables():
        if table.startswith(("talent_fts", "sqlite_")):
            continue
        columns = [c.name for c in db.get_columns(table) if c.data_type.upper().startswith(("VARCHAR", "TEXT", "CHAR"))]
        for column in columns:
            for (value,) in db.execute_sql(f"SELECT {column} FROM {table}").fetchall():
                if isinstance(value, str):
                    for context in control_characters(value):
                        found.append((table, column, context))
    return found
