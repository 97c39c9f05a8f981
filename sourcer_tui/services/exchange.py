"""Getting data out of the database (JSON, CSV, iCalendar) and a JSON export back in.

* :func:`export_json` / :func:`import_json` — a lossless, readable JSON
  document of every row (see :data:`TABLES`), re-importable into a new, empty
  database with the same ids.  The format::

      {
       "format": "sourcer-tui",
       "version": 1,
       "exported_at": "2026-11-23T10:30:00+01:00",
       "missions": [
        {"id": 1, "title": "Data Engineer", ..., "created_at": "2026-06-26T07:50:00", ...},
        ...
       ],
       "talents": [...], "candidacies": [...], "touchpoints": [...],
       "reminders": [...], "snoozes": [...], "templates": [...],
       "grid_criteria": [...], "grid_scores": [...]
      }

  One object per row, keyed by the database column names (``talent_id``,
  ``mission_id``...), every column present, ids kept; dates are ``YYYY-MM-DD``,
  dates and times ``YYYY-MM-DDTHH:MM:SS[.ffffff]`` (local, no time zone, as
  stored), booleans ``true``/``false``, empty values ``null``.  One row per
  line, so the file reads (and diffs) well.  Drafts (unsaved feedback) and the
  erasure log are not exported: they are bookkeeping of this one installation.
* :func:`export_csv` — one spreadsheet row per candidacy, plus the talents in
  no mission (see :data:`CSV_COLUMNS`).
* :func:`export_ics` — the pending due items as calendar events (all-day, or timed with an alarm).

Every file is written atomically with mode 0600 (they all hold personal
data), never over the open database or any SQLite file, and over another
existing file only with ``force`` (see :mod:`.outputs`).  Every expected
failure is a :class:`~.errors.ServiceError` whose message is one sentence.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

import peewee

from ..db.dialect import follow_ids
from peewee import JOIN, fn

from ..db import derived, talent_keys
from ..db.database import write_transaction
from ..db.models import (
    Candidacy, GridCriterion, GridScore, Introducer, Mission, Recognition, Reminder, Snooze, Talent, Teammate, Template,
    Touchpoint, database_proxy,
)
from ..db.values import as_date, as_time
from ..domain.cadence import MAX_SNOOZE_AFTER_DAYS, MAX_SNOOZE_MONTHS, parse_delays
from ..domain.dates import MAX_YEARS_AHEAD, furthest_date
from ..domain.facts import REMOTE_MODES, SALARY_PERIODS
from ..domain.grids import LEVELS
from ..domain.legal_basis import LEGAL_BASES, default_basis
from ..domain.spreadsheets import delimiter
from ..domain.text import clean_line, clean_text, normalise_email, normalise_url, pasteable
from ..domain.touchpoints import FUTURE_LIMIT, SENTIMENTS
from ..domain.vocab import (
    CHANNELS, DIRECTIONS, MISSION_STATUSES, REMINDER_KINDS, REMINDER_STATUSES, REPLY_SENTIMENTS, SEQUENCE_STATES,
    SNOOZE_KINDS, STAGE_NAME, TOUCHPOINT_KINDS, label,
)
from ..i18n import _, in_language, ngettext
from ..domain.introductions import MILESTONES, milestone_label
from . import introducers, outputs, snooze_repair
from .cadence import HIDDEN_KINDS
from .errors import InvalidInput, NotFound, ServiceError
from .reminders import CLAIM_FRESH

__all__ = [
    "FORMAT",
    "VERSION",
    "TABLES",
    "CSV_COLUMNS",
    "CSV_HEADERS_FR",
    "CALENDAR_KINDS",
    "export_json",
    "import_json",
    "export_csv",
    "export_ics",
]

FORMAT = "sourcer-tui"
VERSION = 1

#: The lists of a JSON export, in document order, and the model of each.
TABLES: tuple[tuple[str, type[peewee.Model]], ...] = (
    ("missions", Mission),
    ("talents", Talent),
    ("candidacies", Candidacy),
    ("touchpoints", Touchpoint),
    ("reminders", Reminder),
    ("snoozes", Snooze),
    ("templates", Template),
    # migration 0023: who introduced whom, and the thanks given (absent from older exports)
    ("introducers", Introducer),
    ("recognitions", Recognition),
    # migration 0024: the missions' interview grids and the interviews' scores
    ("grid_criteria", GridCriterion),
    ("grid_scores", GridScore),
    # migration 0025: the names of the logins in the rows' owner columns
    ("teammates", Teammate),
)
#: Lists an older export has not: read as empty.
_LATER_LISTS = frozenset({"introducers", "recognitions", "grid_criteria", "grid_scores", "teammates"})
_MODELS = dict(TABLES)
_KEY_OF = {model: key for key, model in TABLES}
#: Parents first, so that every reference points at a row already loaded.
_LOAD_ORDER = ("missions", "talents", "introducers", "candidacies", "touchpoints", "snoozes", "reminders", "templates", "recognitions",
               "grid_criteria", "grid_scores", "teammates")

#: Due items that go to the calendar (``auto_snooze`` is hidden bookkeeping).
CALENDAR_KINDS = tuple(kind for kind in REMINDER_KINDS if kind not in HIDDEN_KINDS)

_INSERT_ROWS = 100  # rows per INSERT: at most ~2,000 bound values
_INTEGER = (-(2**63), 2**63 - 1)  # what an INTEGER column holds (SQLite and PostgreSQL's bigint)


# --------------------------------------------------------------------------- files


def _reason(error: BaseException) -> str:
    text = getattr(error, "strerror", None) or str(error).strip() or type(error).__name__
    return text.splitlines()[0]


def _write_atomically(out: Path, write: Callable[[IO], None], *, force: bool = False, binary: bool = False,
                      encoding: str = "utf-8", newline: str | None = None) -> Path:
    """Write *out* through :func:`.outputs.write_atomically`: never over the open
    database or any SQLite file, over another existing file only with *force*."""
    database = getattr(_db(), "database", None)
    return outputs.write_atomically(out, write, database=database if isinstance(database, str) else None, force=force,
                                    binary=binary, encoding=encoding, newline=newline, what="export")


def _db() -> peewee.Database:
    return database_proxy.obj


def _check_mission(mission_id: int | None) -> None:
    if mission_id is not None and not Mission.select().where(Mission.id == mission_id).exists():
        raise NotFound(_("no mission with id {id}").format(id=mission_id))


# --------------------------------------------------------------------------- JSON export


def _columns(model: type[peewee.Model]) -> list[peewee.Field]:
    """The columns a document holds: not the ones derived from others (db/talent_keys.py, rebuilt on import)."""
    return [f for f in model._meta.sorted_fields if not (model is Talent and f.name in talent_keys.COLUMNS)]


def _json_value(field: peewee.Field, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(field, peewee.BooleanField):
        return bool(value)
    return value


def _scoped_queries(mission_id: int | None) -> dict[str, peewee.ModelSelect]:
    """One query per table: everything, or the rows of one mission.

    For one mission: the mission, its candidacies, their talents, and those
    talents' touchpoints, snoozes and reminders that belong to this mission
    or to no mission (talent-pool history); rows tied to the talents' other
    missions are left out, so the document stands alone (every reference
    points inside it).  Templates: the mission's own and the common ones.
    """
    queries = {key: model.select(*_columns(model)).order_by(model.id) for key, model in TABLES}
    if mission_id is None:
        return queries
    _check_mission(mission_id)
    candidacies = Candidacy.select(Candidacy.id).where(Candidacy.mission == mission_id)
    talents = Candidacy.select(Candidacy.talent).where(Candidacy.mission == mission_id)

    def attached(model):
        return model.talent.in_(talents) & (model.candidacy.is_null() | model.candidacy.in_(candidacies))

    in_touchpoints = Touchpoint.select(Touchpoint.id).where(attached(Touchpoint))
    in_snoozes = Snooze.select(Snooze.id).where(attached(Snooze))
    where = {
        "missions": Mission.id == mission_id,
        "talents": Talent.id.in_(talents),
        "candidacies": Candidacy.mission == mission_id,
        "touchpoints": attached(Touchpoint),
        "snoozes": attached(Snooze),
        "reminders": attached(Reminder)
        & (Reminder.touchpoint.is_null() | Reminder.touchpoint.in_(in_touchpoints))
        & (Reminder.snooze.is_null() | Reminder.snooze.in_(in_snoozes)),
        "templates": Template.mission.is_null() | (Template.mission == mission_id),
        "grid_criteria": GridCriterion.mission == mission_id,
        "grid_scores": GridScore.touchpoint.in_(in_touchpoints)
        & GridScore.criterion.in_(GridCriterion.select(GridCriterion.id).where(GridCriterion.mission == mission_id)),
        "introducers": Introducer.id.in_(Talent.select(Talent.introducer).where(Talent.id.in_(talents))),
        "recognitions": Recognition.talent.in_(talents),
        "teammates": Teammate.id.is_null(False),  # every name: a few rows, and any may own one
    }
    # an introducer's own talent, a thank-you's note: kept only when inside the document
    inside = {"introducers": (Introducer.talent, Introducer.talent.in_(talents)),
              "recognitions": (Recognition.touchpoint, Recognition.touchpoint.in_(in_touchpoints))}
    for key, (column, kept) in inside.items():
        model = _MODELS[key]
        queries[key] = model.select(*(peewee.Case(None, [(kept, column)], None) if f is column else f for f in _columns(model))).order_by(model.id)
    return {key: query.where(where[key]) for key, query in queries.items()}


def export_json(out: Path, *, mission_id: int | None = None, now: dt.datetime | None = None, force: bool = False) -> dict[str, int]:
    """Write every row (or one mission's, see :func:`_scoped_queries`) to *out* as JSON.

    Returns the number of rows per list (``{"missions": 4, "talents": 150, ...}``).
    Raises NotFound for an unknown *mission_id*, ServiceError when the file
    cannot be written.  *now* stamps ``exported_at`` (default: the local clock).
    """
    stamp = (now or dt.datetime.now()).replace(microsecond=0)
    if stamp.tzinfo is None:
        stamp = stamp.astimezone()
    counts: dict[str, int] = {}
    with _db().atomic():  # one consistent read
        queries = _scoped_queries(mission_id)

        def write(handle: IO) -> None:
            handle.write("{\n")
            handle.write(f' "format": {json.dumps(FORMAT)},\n "version": {VERSION},\n')
            handle.write(f' "exported_at": {json.dumps(stamp.isoformat())},\n')
            for index, (key, model) in enumerate(TABLES):
                fields = _columns(model)
                names = [field.column_name for field in fields]
                handle.write(f" {json.dumps(key)}: [")
                n = 0
                for row in queries[key].tuples().iterator():
                    record = {name: _json_value(field, value) for name, field, value in zip(names, fields, row)}
                    handle.write(",\n  " if n else "\n  ")
                    handle.write(json.dumps(record, ensure_ascii=False))
                    n += 1
                handle.write("\n ]" if n else "]")
                handle.write(",\n" if index < len(TABLES) - 1 else "\n")
                counts[key] = n
            handle.write("}\n")

        _write_atomically(Path(out), write, force=force)
    return counts


# --------------------------------------------------------------------------- JSON import


def _kind_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return _("a boolean")
    if isinstance(value, (int, float)):
        return _("a number")
    if isinstance(value, str):
        return _("a string")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("an object")
    return type(value).__name__


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:39] + "…"


def _read_document(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ServiceError(_("{path}: no such file.").format(path=path)) from None
    except IsADirectoryError:
        raise ServiceError(_("{path}: is a folder, not an export file.").format(path=path)) from None
    except UnicodeDecodeError:
        raise ServiceError(_("{path} is not a sourcer-tui export: it is not UTF-8 text.").format(path=path)) from None
    except OSError as error:
        raise ServiceError(_("{path}: cannot read the file ({reason}).").format(path=path, reason=_reason(error))) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ServiceError(
            _("{path} is not a sourcer-tui export: it is not valid JSON ({problem} at line {line}, column {column}).").format(
                path=path, problem=error.msg, line=error.lineno, column=error.colno)
        ) from None
    except RecursionError:
        raise ServiceError(_("{path} is not a sourcer-tui export: its JSON is nested too deeply.").format(path=path)) from None


class _Rows:
    """The validated rows of one table: Python values in column order, and the ids."""

    def __init__(self, model: type[peewee.Model]) -> None:
        self.model = model
        self.fields = _columns(model)
        self.values: list[tuple] = []
        self.ids: set[int] = set()


def _parse_value(field: peewee.Field, value: Any, where: str) -> Any:
    name = field.column_name
    if value is None:
        if field.null:
            return None
        raise ServiceError(_("{where}: \"{name}\" cannot be null.").format(where=where, name=name))
    if isinstance(field, peewee.BooleanField):
        if isinstance(value, bool):
            return value
        raise ServiceError(
            _("{where}: \"{name}\" should be true or false, not {value}.").format(where=where, name=name, value=_shown(value))
        )
    if isinstance(field, (peewee.IntegerField, peewee.ForeignKeyField)):
        if isinstance(value, int) and not isinstance(value, bool):
            if not _INTEGER[0] <= value <= _INTEGER[1]:
                raise ServiceError(
                    _("{where}: \"{name}\" should be a whole number the database can hold, not {value}.").format(
                        where=where, name=name, value=_shown(value))
                )
            return value
        raise ServiceError(
            _("{where}: \"{name}\" should be a whole number, not {value}.").format(where=where, name=name, value=_shown(value))
        )
    if isinstance(field, peewee.DateTimeField):
        try:
            parsed = dt.datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            parsed = None
        if parsed is None or parsed.tzinfo is not None:
            raise ServiceError(
                _("{where}: \"{name}\" should be a local date and time like 2026-11-23T10:30:00, not {value}.").format(
                    where=where, name=name, value=_shown(value))
            )
        return parsed
    if isinstance(field, peewee.TimeField):  # migration 0016: a due item's time of day
        try:
            parsed = dt.time.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            parsed = None
        if parsed is None or parsed.tzinfo is not None:
            raise ServiceError(
                _("{where}: \"{name}\" should be a time of day like 14:30:00, not {value}.").format(
                    where=where, name=name, value=_shown(value))
            )
        return parsed
    if isinstance(field, peewee.DateField):
        try:
            parsed = dt.date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            parsed = None
        if parsed is None:
            raise ServiceError(
                _("{where}: \"{name}\" should be a date like 2026-11-23, not {value}.").format(
                    where=where, name=name, value=_shown(value))
            )
        return parsed
    if isinstance(value, str):
        return value
    raise ServiceError(_("{where}: \"{name}\" should be text, not {kind}.").format(where=where, name=name, kind=_kind_of(value)))


def _missing_value(field: peewee.Field, where: str, now: dt.datetime) -> Any:
    """The value of a column absent from a row: its default (``now`` for timestamps)."""
    default = field.default
    if isinstance(field, peewee.AutoField) or (default is None and not field.null):
        raise ServiceError(_("{where}: the column \"{name}\" is missing.").format(where=where, name=field.column_name))
    if callable(default):
        return now if isinstance(field, peewee.DateTimeField) else default()
    return default


def _validate(document: Any, source: str, now: dt.datetime) -> dict[str, _Rows]:
    """Every row of *document* checked and converted, or a ServiceError naming the first problem.

    Checked: the format, every column's type, the references between rows, and
    every value within what the app itself writes (:func:`_check_values`).
    """
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ServiceError(
            _("{source} is not a sourcer-tui export (it has no \"format\": \"{format}\").").format(source=source, format=FORMAT)
        )
    version = document.get("version")
    if version != VERSION or isinstance(version, bool):
        if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
            raise ServiceError(
                _("{source} was written by a newer sourcer-tui (format version {version}); this one reads version {known}.").format(
                    source=source, version=version, known=VERSION)
            )
        raise ServiceError(
            _("{source}: unknown format version {version} (this sourcer-tui reads version {known}).").format(
                source=source, version=_shown(version), known=VERSION)
        )
    tables: dict[str, _Rows] = {}
    for key, model in TABLES:
        if key not in document and key in _LATER_LISTS:
            document[key] = []
        if key not in document:
            raise ServiceError(_("{source} is incomplete: the \"{key}\" list is missing.").format(source=source, key=key))
        rows = document[key]
        if not isinstance(rows, list):
            raise ServiceError(
                _("{source}: \"{key}\" should be a list, not {kind}.").format(source=source, key=key, kind=_kind_of(rows))
            )
        table = tables[key] = _Rows(model)
        names = {field.column_name for field in table.fields}
        for index, row in enumerate(rows):
            where = f"{source}: {key}[{index}]"
            if not isinstance(row, dict):
                raise ServiceError(_("{where} should be an object, not {kind}.").format(where=where, kind=_kind_of(row)))
            if isinstance(row.get("id"), int):
                where = _("{where} (id {id})").format(where=where, id=row["id"])
            unknown = sorted(set(row) - names)
            if unknown:
                raise ServiceError(_("{where} has an unknown column \"{name}\".").format(where=where, name=unknown[0]))
            values = tuple(
                _parse_value(field, row[field.column_name], where) if field.column_name in row
                else _missing_value(field, where, now)
                for field in table.fields
            )
            row_id = values[0]
            if row_id in table.ids:
                raise ServiceError(_("{where}: the id {id} appears twice in \"{key}\".").format(where=where, id=row_id, key=key))
            table.ids.add(row_id)
            table.values.append(values)
    _check_references(tables, source)
    _check_values(tables, source, now)
    _renormalise(tables["talents"])
    _fill_legal_basis(tables)
    return tables


def _renormalise(talents: _Rows) -> None:
    """The duplicate-finding forms of email and profile URL computed by this
    version's rule (an export from an older one carries the older forms)."""
    at = {field.name: i for i, field in enumerate(talents.fields)}
    for index, values in enumerate(talents.values):
        row = list(values)
        row[at["email_norm"]] = normalise_email(row[at["email"]])
        row[at["linkedin_norm"]] = normalise_url(row[at["linkedin_url"]])
        talents.values[index] = tuple(row)


def _fill_legal_basis(tables: dict[str, _Rows]) -> None:
    """A talent without a legal basis (an export made before migration 0019) gets the
    one the migration gives: its source's (consent when renewed), since it was added
    or first contacted, whichever came first (domain/legal_basis.py)."""
    talents = tables["talents"]
    at = {field.name: i for i, field in enumerate(talents.fields)}
    first: dict[int, dt.date] = {}
    touchpoints = tables["touchpoints"]
    where = {field.name: i for i, field in enumerate(touchpoints.fields)}
    for values in touchpoints.values:
        talent, day = values[where["talent"]], values[where["happened_at"]].date()
        first[talent] = min(first.get(talent, day), day)
    for index, values in enumerate(talents.values):
        if values[at["legal_basis"]] and values[at["legal_basis_at"]] is not None:
            continue
        row = list(values)
        consent = row[at["consent_renewed_at"]]
        if not row[at["legal_basis"]]:
            row[at["legal_basis"]] = "consent" if consent else default_basis(row[at["source"]])
        if row[at["legal_basis_at"]] is None:
            added = row[at["created_at"]].date()
            row[at["legal_basis_at"]] = consent or min(added, first.get(row[0], added))
        talents.values[index] = tuple(row)


def _row_at(source: str, key: str, index: int, row_id: Any) -> str:
    """``export.json: talents[3] (id 12)``: where a row is in the file."""
    return _("{where} (id {id})").format(where=f"{source}: {key}[{index}]", id=row_id)


def _check_references(tables: dict[str, _Rows], source: str) -> None:
    for key, table in tables.items():
        links = [
            (position, field, tables[_KEY_OF[field.rel_model]].ids)
            for position, field in enumerate(table.fields)
            if isinstance(field, peewee.ForeignKeyField)
        ]
        for index, values in enumerate(table.values):
            for position, field, ids in links:
                target = values[position]
                if target is not None and target not in ids:
                    raise ServiceError(
                        _("{where}: \"{name}\" {target} is not the id of any of the file's {key}.").format(
                            where=_row_at(source, key, index, values[0]), name=field.column_name, target=target,
                            key=_KEY_OF[field.rel_model])
                    )
    pairs: set[tuple[int, int]] = set()
    candidacies = tables["candidacies"]
    talent_at = next(i for i, f in enumerate(candidacies.fields) if f.name == "talent")
    mission_at = next(i for i, f in enumerate(candidacies.fields) if f.name == "mission")
    for index, values in enumerate(candidacies.values):
        pair = (values[talent_at], values[mission_at])
        if pair in pairs:
            raise ServiceError(
                _("{where}: talent {talent} is in mission {mission} twice.").format(
                    where=_row_at(source, "candidacies", index, values[0]), talent=pair[0], mission=pair[1])
            )
        pairs.add(pair)


# A value no version of the app writes (a kind it does not know, 999 months, a claim in
# 2999) would be stored as it is, then crash a screen or stall an item later: refused.
#: The largest salary amount the forms accept (domain/facts.parse_amount).
AMOUNT_LIMIT = 99_999_999
_Rule = Callable[[Any], "str | None"]  # a value (never None) -> what it should be, or None when it is fine


def _one_of(allowed: Iterable[str]) -> _Rule:
    allowed = tuple(allowed)
    return lambda value: None if value in allowed else _("should be one of {choices}").format(choices=", ".join(allowed))


def _between(low: int, high: int | None = None) -> _Rule:
    def rule(value: int) -> str | None:
        if low <= value and (high is None or value <= high):
            return None
        if high is None:
            return _("should be {low} or more").format(low=low)
        return _("should be between {low} and {high}").format(low=low, high=high)
    return rule


def _not_after(latest: dt.date, saying: str) -> _Rule:
    return lambda value: None if value <= latest else saying


def _stage(value: str) -> str | None:
    return None if STAGE_NAME.fullmatch(value) else _("should be a stage name (a-z, 0-9 and _)")


def _delays(value: str) -> str | None:
    try:
        parse_delays(value)
    except ValueError as error:
        return _("should be follow-up delays ({problem})").format(problem=error)
    return None


def _after(limit: str) -> str:
    return _("should not be in the future (after {limit})").format(limit=limit)


def _rules(now: dt.datetime) -> tuple[dict[str, dict[str, _Rule]], _Rule]:
    """What the app can write, per list and column; and the rule of every other date and time.

    The lists are the domain's (domain.vocab), the ranges the forms' (domain.cadence).
    Timestamps and past days: at most FUTURE_LIMIT ahead of *now*, the leeway of
    a contact logged (domain.touchpoints); a sender's claim, at most CLAIM_FRESH
    (services.reminders), else it holds its follow-up for as long.  Due days and
    a snooze's end: at most as far ahead as a date can be typed (domain.dates.furthest_date).
    A stage: any name the config accepts (one no longer configured still shows).
    """
    today = now.date()
    latest = now + FUTURE_LIMIT
    furthest = furthest_date(today)
    # The limits are shown as the file writes them (ISO), so the reader can compare.
    future = _not_after(latest, _after(latest.isoformat(timespec="seconds")))
    past_day = _not_after(latest.date(), _after(latest.date().isoformat()))
    ahead = _not_after(furthest, ngettext(
        "should be at most {n} year ahead ({day})", "should be at most {n} years ahead ({day})", MAX_YEARS_AHEAD
    ).format(n=MAX_YEARS_AHEAD, day=furthest.isoformat()))
    claim_end = now + CLAIM_FRESH
    claimed = _not_after(claim_end, _after(claim_end.isoformat(timespec="seconds")))
    rules = {
        "missions": {
            "status": _one_of(MISSION_STATUSES), "followup_delays_days": _delays,
            "snooze_after_days": _between(0, MAX_SNOOZE_AFTER_DAYS), "snooze_months": _between(1, MAX_SNOOZE_MONTHS),
            "salary_min": _between(1, AMOUNT_LIMIT), "salary_max": _between(1, AMOUNT_LIMIT),
            "remote_policy": _one_of(("", *REMOTE_MODES)),
        },
        "talents": {
            "keep_in_touch_months": _between(1, MAX_SNOOZE_MONTHS), "consent_renewed_at": past_day,
            # migration 0017; an export of an older version has none of them: the defaults
            "salary_amount": _between(1, AMOUNT_LIMIT), "salary_period": _one_of(SALARY_PERIODS),
            "remote_pref": _one_of(("", *REMOTE_MODES)), "available_from": ahead,
            # migration 0019; an export of an older version has none: see _fill_legal_basis
            "legal_basis": _one_of(("", *LEGAL_BASES)), "legal_basis_at": past_day,
            "version": _between(0),  # migration 0026
        },
        "candidacies": {
            "stage": _stage, "sequence_state": _one_of(SEQUENCE_STATES), "last_step_sent": _between(0),
            "reply_sentiment": _one_of(REPLY_SENTIMENTS),
        },
        "touchpoints": {
            "kind": _one_of(TOUCHPOINT_KINDS), "channel": _one_of(CHANNELS), "direction": _one_of(DIRECTIONS),
            "step": _between(0), "sentiment": _one_of(SENTIMENTS), "next_step_due": ahead, "version": _between(0),
        },
        "reminders": {
            "kind": _one_of(REMINDER_KINDS), "status": _one_of(REMINDER_STATUSES), "due": ahead, "step": _between(0),
            "paused_days": _between(0, (furthest - today).days), "claimed_at": claimed,
        },
        "snoozes": {"kind": _one_of(SNOOZE_KINDS), "since": past_day, "until": ahead},
        "templates": {"step": _between(0), "channel": _one_of(CHANNELS)},
        "grid_criteria": {"position": _between(0)},
        "grid_scores": {"score": _between(LEVELS[0], LEVELS[-1])},
        # migration 0023
        "introducers": {"channel": _one_of(("", *CHANNELS))},
        "recognitions": {"milestone": _one_of(MILESTONES)},
        "teammates": {"login": _a_login},  # migration 0025
    }
    return rules, future


def _a_login(value: str) -> str | None:
    return None if value.strip() else _("should not be empty")


def _check_values(tables: dict[str, _Rows], source: str, now: dt.datetime) -> None:
    """Every value within what the app itself writes (:func:`_rules`), a snooze ending
    after it starts, and at most one active snooze per talent; else a ServiceError."""
    rules, future = _rules(now)
    for key, table in tables.items():
        checks = [
            (position, field.column_name, rules[key].get(field.column_name)
             or (future if isinstance(field, peewee.DateTimeField) else None))
            for position, field in enumerate(table.fields)
        ]
        checks = [check for check in checks if check[2] is not None]
        for index, values in enumerate(table.values):
            for position, name, rule in checks:
                value = values[position]
                problem = None if value is None else rule(value)
                if problem:
                    shown = value.isoformat() if isinstance(value, dt.date) else value
                    raise ServiceError(
                        _("{where}: \"{name}\" {problem}, not {value}.").format(
                            where=_row_at(source, key, index, values[0]), name=name, problem=problem, value=_shown(shown))
                    )
    snoozes = tables["snoozes"]
    at = {field.name: i for i, field in enumerate(snoozes.fields)}
    active: dict[int, int] = {}
    for index, values in enumerate(snoozes.values):
        where = _row_at(source, "snoozes", index, values[0])
        since, until, talent = values[at["since"]], values[at["until"]], values[at["talent"]]
        if until < since:
            raise ServiceError(
                _("{where}: \"until\" should not be before \"since\" ({since}), not \"{until}\".").format(
                    where=where, since=since.isoformat(), until=until.isoformat())
            )
        if values[at["active"]]:
            if talent in active:
                raise ServiceError(
                    _("{where}: talent {talent} has another active snooze (id {id}); a talent has at most one.").format(
                        where=where, talent=talent, id=active[talent])
                )
            active[talent] = values[0]


def _never_paused(document: dict) -> list[int]:
    """The reminders of an export made before snoozes paused the cadence (migration
    0012): rows with no ``paused_days`` at all, which a snooze hid instead."""
    return [row["id"] for row in document["reminders"] if "paused_days" not in row]


def import_json(path: Path, now: dt.datetime, *, skip_weekends: bool = True) -> dict[str, int]:
    """Load a :func:`export_json` document into an empty database, ids kept, in one transaction.

    The whole file is checked before anything is written; a broken file, or a
    database that already holds missions, talents or templates, raises a
    ServiceError (one sentence) and changes nothing.  *now* fills timestamp
    columns a hand-written file leaves out; the rows of an export are stored
    as they were, then, in the same transaction, made to follow the snooze
    rule where an older version broke it (services/snooze_repair.py, *now*
    and *skip_weekends* dating what it plans).  The rows go in with the
    derived tables' triggers suspended (search index, stage counts, Stats'
    rows: their work is not done again for each outreach touchpoint), and
    those tables are rebuilt once before the transaction commits.  Returns
    the number of rows per list.
    """
    path = Path(path).expanduser()
    document = _read_document(path)
    tables = _validate(document, str(path), now)
    try:
        with write_transaction():
            if Mission.select().exists() or Talent.select().exists() or Template.select().exists():
                raise ServiceError(
                    _("the database already holds data (missions, talents or templates); "
                      "import only into a new, empty database file.")
                )
            if isinstance(database_proxy.obj, peewee.SqliteDatabase):
                # talents and introducers point at each other: checked at commit (reset by it)
                database_proxy.obj.execute_sql("PRAGMA defer_foreign_keys = ON")
            else:  # PostgreSQL: the same two keys are DEFERRABLE (migration 0023)
                database_proxy.obj.execute_sql("SET CONSTRAINTS ALL DEFERRED")
            with derived.triggers_suspended(database_proxy.obj):
                for key in _LOAD_ORDER:
                    table = tables[key]
                    if key == "teammates" and Teammate.select().exists():
                        _add_teammates(table)  # the importing user signed in first: their row stays
                        continue
                    for start in range(0, len(table.values), _INSERT_ROWS):
                        chunk = table.values[start:start + _INSERT_ROWS]
                        table.model.insert_many(chunk, fields=table.fields).execute()
                    if table.model._meta.primary_key in table.fields:
                        follow_ids(database_proxy.obj, table.model._meta.table_name)  # PostgreSQL's next id after them
            snooze_repair.repair(now, skip_weekends, never_paused=_never_paused(document))
            # an export made before migration 0023: its referred_by become introducers, as the migration does
            introducers.adopt_referred_by([values[0] for values in tables["talents"].values], now, plan_thanks=False)
    except peewee.IntegrityError as error:
        raise ServiceError(
            _("{path}: nothing was imported, the data breaks a database rule ({reason}).").format(path=path, reason=_reason(error))
        ) from None
    except peewee.OperationalError as error:
        raise ServiceError(
            _("{path}: nothing was imported, the database refused the write ({reason}).").format(path=path, reason=_reason(error))
        ) from None
    return {key: len(tables[key].values) for key, _model in TABLES}


def _add_teammates(table: _Rows) -> None:
    """The file's teammates whose login the database has not yet, with new ids
    (a teammate is referred to by login, never by id)."""
    known = {login for (login,) in Teammate.select(Teammate.login).tuples()}
    at = [i for i, field in enumerate(table.fields) if field.name != "id"]  # by name: a Field's == builds SQL
    fields = [table.fields[i] for i in at]
    login_at = next(i for i, field in enumerate(table.fields) if field.name == "login")
    rows = [tuple(values[i] for i in at) for values in table.values if values[login_at] not in known]
    if rows:
        Teammate.insert_many(rows, fields=fields).execute()


# --------------------------------------------------------------------------- CSV

#: The columns of :func:`export_csv`, in order.
CSV_COLUMNS: tuple[str, ...] = (
    # the talent
    "talent_id", "name", "headline", "company", "email", "phone", "linkedin_url", "location",
    "source", "referred_by", "tags", "notes", "keep_in_touch_months", "consent_renewed_at", "talent_added_at",
    # the candidacy (empty for a talent in no mission)
    "mission_id", "mission", "client", "stage", "stage_changed_at", "sequence_state", "outcome",
    "decline_reason", "decline_detail", "closed_at", "first_contact_at", "last_step_sent", "replied_at",
    "reply_sentiment",
    # the latest feedback and what is due next
    "last_feedback_at", "last_feedback", "next_step", "next_step_due",
)
#: The header of each column in the French dialect (the import reads the talent's back).
#: French whatever the language of the screens: the dialect decides (``en``: :data:`CSV_COLUMNS`).
CSV_HEADERS_FR: dict[str, str] = {
    "talent_id": "id talent", "name": "nom complet", "headline": "titre", "company": "entreprise",
    "email": "e-mail", "phone": "téléphone", "linkedin_url": "url du profil", "location": "ville",
    "source": "source", "referred_by": "cooptation", "tags": "étiquettes", "notes": "notes",
    "keep_in_touch_months": "garder le contact (mois)", "consent_renewed_at": "consentement renouvelé le",
    "talent_added_at": "talent ajouté le", "mission_id": "id mission", "mission": "mission", "client": "client",
    "stage": "étape", "stage_changed_at": "à cette étape depuis", "sequence_state": "séquence",
    "outcome": "issue", "decline_reason": "motif du refus", "decline_detail": "détail du refus",
    "closed_at": "clos le", "first_contact_at": "premier message le", "last_step_sent": "dernier envoi",
    "replied_at": "réponse le", "reply_sentiment": "réponse", "last_feedback_at": "dernier feedback le",
    "last_feedback": "dernier feedback", "next_step": "prochaine étape", "next_step_due": "prochaine étape le",
}
_OUTCOMES = ("hired", "declined", "rejected")
_RISKY_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER_LIKE = re.compile(r"[+\-]?[\d\s().\-/]*")


def _risky(text: str) -> bool:
    """Whether a spreadsheet may read *text* as a formula: it starts with
    ``= + - @`` or their full-width or small forms (``＝ ＋ － ＠``, ``﹦``…,
    which spreadsheets take as the ASCII ones), or a tab, and is not only a
    phone number or a number."""
    if not text:
        return False
    first = unicodedata.normalize("NFKC", text[0])[:1]
    if first not in _RISKY_START:
        return False
    return not _NUMBER_LIKE.fullmatch(unicodedata.normalize("NFKC", text))


def _cell(value: Any) -> Any:
    """Spreadsheet text: short dates and times, and no cell read as a formula.

    Text starting with ``= + - @`` (a headline or note pasted from the web),
    in ASCII or full width, gets a leading apostrophe, unless it is only a
    phone number or a number.  No control character goes out (a row of an
    older file may still hold one): no escape sequence, no bare CR.
    """
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        value = pasteable(value)
        if _risky(value):
            return "'" + value
    return value


def _next_text(kind: str, detail: str) -> str:
    detail = (detail or "").strip()
    if kind == "wake_up":
        return _("Wake-up: {detail}").format(detail=detail) if detail else _("Wake-up")
    if kind == "keep_in_touch":
        return detail or _("Keep in touch")
    if kind == "followup":
        return detail or _("Follow-up")
    if kind == introducers.THANK:
        return _("Thank their introducer: {milestone}").format(milestone=milestone_label(detail))
    return detail or _("Next step")


_TALENT_COLUMNS = (
    Talent.id, Talent.name, Talent.headline, Talent.company, Talent.email, Talent.phone, Talent.linkedin_url,
    Talent.location, Talent.source, Talent.referred_by, Talent.tags, Talent.notes, Talent.keep_in_touch_months,
    Talent.consent_renewed_at, Talent.created_at,
)


def export_csv(out: Path, *, mission_id: int | None = None, force: bool = False, dialect: str = "en",
               talent_ids: Iterable[int] | None = None) -> dict[str, int]:
    """Write one CSV row per candidacy, then one per talent in no mission.

    UTF-8 with a byte-order mark (so Excel shows accents right), CRLF line
    ends, a header line; comma separated, or with *dialect* ``fr`` semicolon
    separated with French headers (:data:`CSV_HEADERS_FR`), as French Excel
    reads it.  The columns (:data:`CSV_COLUMNS`):

    * talent: ``talent_id, name, headline, company, email, phone,
      linkedin_url, location, source, referred_by, tags`` (comma separated),
      ``notes, keep_in_touch_months, consent_renewed_at, talent_added_at``;
    * candidacy, empty for a talent in no mission: ``mission_id, mission``
      (its title), ``client, stage, stage_changed_at, sequence_state``
      (none / active / replied / completed / stopped), ``outcome`` (hired,
      declined or rejected; empty while in progress), ``decline_reason,
      decline_detail, closed_at, first_contact_at, last_step_sent`` (0 = first
      message, k = follow-up k), ``replied_at, reply_sentiment``;
    * ``last_feedback_at`` (when the contact took place) and
      ``last_feedback``: the latest feedback given in this candidacy (for a
      talent in no mission: the talent's latest);
    * ``next_step, next_step_due``: the earliest pending due item of the
      candidacy (follow-up, next step, wake-up, keep in touch; for a talent in
      no mission: its items outside any mission).

    Dates are ``YYYY-MM-DD``, times ``YYYY-MM-DD HH:MM``.  Rows: candidacies
    by talent name then mission, then the talents in no mission by name.
    With *mission_id*, only that mission's candidacies (no talent-pool rows).
    With *talent_ids*, only those talents' rows (the Pipeline's bulk export).
    Returns ``{"rows", "candidacies", "talents"}`` (talents: distinct people).
    """
    counts = {"rows": 0, "candidacies": 0, "talents": 0}
    with _db().atomic():
        _check_mission(mission_id)
        scoped = Candidacy.select(Candidacy.id).where(Candidacy.mission == mission_id)
        feedback_of_candidacy: dict[int, tuple] = {}
        feedback_of_talent: dict[int, tuple] = {}
        query = Touchpoint.select(Touchpoint.talent, Touchpoint.candidacy, Touchpoint.happened_at, Touchpoint.feedback_given)
        query = query.where(Touchpoint.feedback_given != "")
        if mission_id is not None:
            query = query.where(Touchpoint.candidacy.in_(scoped))
        for talent_id, candidacy_id, when, text in query.order_by(Touchpoint.happened_at, Touchpoint.id).tuples().iterator():
            if candidacy_id is not None:
                feedback_of_candidacy[candidacy_id] = (when, text)
            feedback_of_talent[talent_id] = (when, text)
        next_of_candidacy: dict[int, tuple] = {}
        next_of_talent: dict[int, tuple] = {}
        query = Reminder.select(Reminder.talent, Reminder.candidacy, Reminder.kind, Reminder.due, Reminder.detail).where(
            (Reminder.status == "pending") & Reminder.kind.in_(CALENDAR_KINDS)
        )
        for talent_id, candidacy_id, kind, due, detail in query.order_by(Reminder.due, Reminder.id).tuples().iterator():
            if candidacy_id is not None:
                next_of_candidacy.setdefault(candidacy_id, (_next_text(kind, detail), due))
            else:
                next_of_talent.setdefault(talent_id, (_next_text(kind, detail), due))

        candidacies = (
            Candidacy.select(
                *_TALENT_COLUMNS, Candidacy.id, Mission.id, Mission.title, Mission.client, Candidacy.stage,
                Candidacy.stage_changed_at, Candidacy.sequence_state, Candidacy.decline_reason,
                Candidacy.decline_detail, Candidacy.closed_at, Candidacy.first_contact_at, Candidacy.last_step_sent,
                Candidacy.replied_at, Candidacy.reply_sentiment,
            )
            .join_from(Candidacy, Talent)
            .join_from(Candidacy, Mission)
            .order_by(Talent.name, Talent.id, Mission.id)
        )
        if mission_id is not None:
            candidacies = candidacies.where(Candidacy.mission == mission_id)
        pool = Talent.select(*_TALENT_COLUMNS).where(Talent.id.not_in(Candidacy.select(Candidacy.talent)))
        chosen = None if talent_ids is None else set(talent_ids)
        if chosen is not None and len(chosen) <= 900:  # a longer list is kept out row by row, below
            candidacies = candidacies.where(Candidacy.talent.in_(sorted(chosen)))
            pool = pool.where(Talent.id.in_(sorted(chosen)))
        pool = pool.order_by(Talent.name, Talent.id)
        talents: set[int] = set()

        # French Excel reads French: the coded values (stage, source, reasons…) as the app shows them in French
        shown = (lambda code: label(code, into=in_language("fr")) if code else code) if dialect == "fr" else (lambda code: code)
        source_at = [column.name for column in _TALENT_COLUMNS].index("source")

        def talent_cells(talent: tuple) -> tuple:
            return (*talent[:source_at], shown(talent[source_at]), *talent[source_at + 1:])

        def write(handle: IO) -> None:
            writer = csv.writer(handle, delimiter=delimiter(dialect))
            writer.writerow([CSV_HEADERS_FR[c] for c in CSV_COLUMNS] if dialect == "fr" else CSV_COLUMNS)
            n_talent = len(_TALENT_COLUMNS)
            for row in candidacies.tuples().iterator():
                if chosen is not None and row[0] not in chosen:
                    continue
                talent, rest = row[:n_talent], row[n_talent:]
                (candidacy_id, m_id, title, client, stage, stage_at, sequence, reason, detail, closed, first,
                 last_step, replied, sentiment) = rest
                feedback_at, feedback = feedback_of_candidacy.get(candidacy_id, (None, ""))
                next_step, next_due = next_of_candidacy.get(candidacy_id, ("", None))
                writer.writerow([_cell(v) for v in (
                    *talent_cells(talent), m_id, title, client, shown(stage), stage_at, shown(sequence), shown(stage) if stage in _OUTCOMES else "",
                    shown(reason), detail, closed, first, last_step, replied, shown(sentiment),
                    feedback_at, feedback, next_step, next_due,
                )])
                talents.add(talent[0])
                counts["candidacies"] += 1
                counts["rows"] += 1
            if mission_id is not None:
                return
            for talent in pool.tuples().iterator():
                if chosen is not None and talent[0] not in chosen:
                    continue
                feedback_at, feedback = feedback_of_talent.get(talent[0], (None, ""))
                next_step, next_due = next_of_talent.get(talent[0], ("", None))
                writer.writerow([_cell(v) for v in (
                    *talent_cells(talent), *([None] * 14), feedback_at, feedback, next_step, next_due,
                )])
                talents.add(talent[0])
                counts["rows"] += 1

        _write_atomically(Path(out), write, force=force, encoding="utf-8-sig", newline="")
        counts["talents"] = len(talents)
    return counts


# --------------------------------------------------------------------------- iCalendar


def _one_line(text: str, limit: int = 120) -> str:
    text = clean_line(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _summary(kind: str, step: int | None, detail: str, name: str, mission: str) -> str:
    if kind == "followup":
        label = _one_line(detail) or (_("Follow-up {step}").format(step=step) if step else _("Follow-up"))
        return f"{label} — {name} ({mission})" if mission else f"{label} — {name}"
    if kind == "next_step":
        detail = _one_line(detail)
        if detail:
            return _("Next step — {name}: {detail}").format(name=name, detail=detail)
        return _("Next step — {name}").format(name=name)
    if kind == "wake_up":
        return _("Wake-up — {name}").format(name=name)
    if kind == introducers.THANK:  # the introduced talent's name; their introducer is on their screen
        return _("Thank their introducer — {name} {milestone}").format(name=name, milestone=milestone_label(detail))
    return _("Keep in touch — {name}").format(name=name)


def _last_feedback(talent_ids: Iterable[int]) -> dict[int, str]:
    found = {}
    for talent_id in talent_ids:  # only the wake-ups and keep-in-touch items: a handful
        text = (
            Touchpoint.select(Touchpoint.feedback_given)
            .where((Touchpoint.talent == talent_id) & (Touchpoint.feedback_given != ""))
            .order_by(Touchpoint.happened_at.desc(), Touchpoint.id.desc())
            .limit(1)
            .scalar()
        )
        if text:
            found[talent_id] = text
    return found


#: How long a timed event lasts in the calendar.
EVENT_MINUTES = 30


def export_ics(out: Path, today: dt.date, *, days: int = 90, now: dt.datetime | None = None, force: bool = False,
               alarm_minutes: int = 15, zone: dt.tzinfo | None = None) -> int:
    """Write the pending due items as an iCalendar file; returns how many.

    An item due at a time of day (a next step typed ``demain 14h30``) is a
    30-minute event at that time in the local time zone (*zone*, default the
    machine's: clock.local_zone), with an alarm *alarm_minutes* before it
    (``[calendar] alarm_minutes``; 0: none); any other item is an all-day event.

    Which items: pending follow-ups, next steps, wake-ups and keep-in-touch
    items (never the hidden ``auto_snooze``) due on or before ``today +
    days``, the overdue ones included, each dated on its due day.  As in
    Today, an item of a talent snoozed past its due day is left out (the
    wake-up, which is in the calendar, brings it back).  Each event's UID is
    ``reminder-<id>@sourcer-tui``, so importing a newer file into a calendar
    updates the events instead of duplicating them.  *now* stamps DTSTAMP
    (default: the clock).
    """
    from icalendar import Alarm, Calendar, Event

    if days < 0:
        raise InvalidInput({"days": _("must be 0 or more")})
    last = today + dt.timedelta(days=days)
    stamp = (now or dt.datetime.now()).replace(microsecond=0)
    stamp = stamp.astimezone(dt.timezone.utc)
    with _db().atomic():
        rows = list(
            Reminder.select(
                Reminder.id, Reminder.kind, Reminder.due, Reminder.step, Reminder.detail, Reminder.talent,
                Talent.name, Mission.title, Mission.client, Reminder.due_time,
            )
            .join_from(Reminder, Talent)
            .join_from(Reminder, Candidacy, JOIN.LEFT_OUTER)
            .join_from(Candidacy, Mission, JOIN.LEFT_OUTER)
            .where((Reminder.status == "pending") & Reminder.kind.in_(CALENDAR_KINDS) & (Reminder.due <= last))
            .order_by(Reminder.due, Reminder.due_time, Reminder.id)
            .tuples()
        )
        held: dict[int, dt.date] = {}
        for talent_id, until in (
            Snooze.select(Snooze.talent, fn.MAX(Snooze.until)).where(Snooze.active == True)  # noqa: E712
            .group_by(Snooze.talent).tuples()
        ):
            held[talent_id] = as_date(until)
        rows = [row for row in rows if not (row[5] in held and held[row[5]] > as_date(row[2]))]
        feedback = _last_feedback(sorted({row[5] for row in rows if row[1] in ("wake_up", "keep_in_touch")}))

    calendar = Calendar()
    calendar.add("prodid", "-//sourcer-tui//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "sourcer-tui")
    if zone is None and any(row[9] is not None for row in rows):
        from ..clock import local_zone

        zone = local_zone()
    timed = False
    for reminder_id, kind, due, step, detail, talent_id, name, title, client, at in rows:
        due, at = as_date(due), as_time(at)
        event = Event()
        event.add("uid", f"reminder-{reminder_id}@sourcer-tui")
        event.add("dtstamp", stamp)
        if at is None:
            event.add("dtstart", due)
            event.add("dtend", due + dt.timedelta(days=1))
        else:
            start = dt.datetime.combine(due, at, tzinfo=zone)
            event.add("dtstart", start)
            event.add("dtend", start + dt.timedelta(minutes=EVENT_MINUTES))
            timed = True
        # Cleaned again on the way out (no ESC, no bare CR in a calendar), whatever an older file holds.
        name, title, client, detail = clean_line(name), clean_line(title), clean_line(client), clean_text(detail)
        event.add("summary", _summary(kind, step, detail, name, title))
        lines = []
        if detail:
            lines.append(detail)
        if title:
            if client:
                lines.append(_("Mission: {title} — {client}").format(title=title, client=client))
            else:
                lines.append(_("Mission: {title}").format(title=title))
        if talent_id in feedback:
            lines.append(_("Last feedback: {text}").format(text=clean_text(feedback[talent_id])))
        if lines:
            event.add("description", "\n".join(lines))
        event.add("categories", ["sourcer-tui"])
        event.add("transp", "TRANSPARENT" if at is None else "OPAQUE")
        if at is not None and alarm_minutes > 0:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("trigger", dt.timedelta(minutes=-alarm_minutes))
            alarm.add("description", event["summary"])
            event.add_component(alarm)
        calendar.add_component(event)
    if timed:
        calendar.add_missing_timezones()  # a VTIMEZONE for the TZID of the timed events
    payload = calendar.to_ical()
    _write_atomically(Path(out), lambda handle: handle.write(payload), force=force, binary=True)
    return len(rows)
