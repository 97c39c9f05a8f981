"""Importing talents from a CSV export: LinkedIn Recruiter, Lever, a spreadsheet.

Reading guesses the encoding (UTF-8 with or without BOM, else Windows-1252;
a UTF-8 file with a few Windows-1252 lines, as a spreadsheet appends them,
is read line by line and says which lines) and the delimiter (``, ; tab |``,
or Excel's ``sep=;`` first line), and recognises the columns by their header,
in English or French, whatever the case, accents, spaces or punctuation.  A
quote opened and never closed is an error naming its line (the rows after it
would merge into one talent).
Every row goes through :func:`~sourcer_tui.domain.forms.validate_talent`, so a
file obeys exactly the rules of the talent form.

Duplicates are found by normalised email or normalised LinkedIn URL, against
the database and inside the file.  A duplicate only fills the *empty* fields
of the talent it matches (tags are unioned): nothing already stored is ever
overwritten, and each value it brings that differs from the one kept is
listed in the plan (``conflicts``).  A row with neither email nor URL whose
name is a stored talent's (or an earlier row's) — the same words, accents,
case and order aside — is listed as a possible
duplicate: it becomes a new talent unless the file is fixed.  :func:`plan_import` writes nothing; :func:`run_import` writes
everything in one transaction, or nothing when a row is bad (unless
``skip_bad``).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..db.database import write_transaction
from ..db.models import Candidacy, Mission, Talent
from ..domain.forms import FACT_FIELDS, TALENT_FIELDS, validate_talent
from ..domain.legal_basis import LEGAL_FIELDS
from ..domain.merge import name_words
from ..domain.text import normalise_email, normalise_tags, normalise_url
from ..domain.vocab import DEFAULT_SOURCES
from ..i18n import N_, _, ngettext
from . import duplicates, introducers
from .errors import InvalidInput, NotFound, ServiceError

__all__ = [
    "ImportPlan",
    "ImportFileError",
    "ImportRejected",
    "IMPORT_FIELDS",
    "plan_import",
    "run_import",
    "check_mission",
    "read_table",
    "field_label",
]

#: Where a column can go: the talent's fields, plus first and last name (joined into name).
IMPORT_FIELDS: tuple[str, ...] = (
    "name", "first_name", "last_name", "email", "linkedin_url", "headline", "company",
    "location", "source", "tags", "notes", "phone", "referred_by",
    # migration 0017: the facts recruiters ask about
    "salary_amount", "salary_currency", "salary_period", "notice_period", "available_from", "remote_pref", "languages", "cv_ref",
    # migration 0019: how the talent entered the pool (blank: from the source, since the import)
    "legal_basis", "legal_basis_at",
)
IGNORE = "ignore"

_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name", "nom complet", "candidate name", "nom prénom", "prénom nom"),
    "first_name": ("first name", "prénom", "prenom", "firstname", "given name"),
    "last_name": ("last name", "nom", "nom de famille", "lastname", "surname", "family name"),
    "email": ("email", "e-mail", "mail", "email address", "e-mail address", "adresse e-mail", "adresse email", "courriel"),
    "linkedin_url": (
        "linkedin", "linkedin url", "profile url", "url du profil", "linkedin profile",
        "public profile url", "linkedin profile url", "profil linkedin",
    ),
    "headline": ("headline", "titre", "poste", "title", "current title", "job title", "intitulé du poste", "poste actuel"),
    "company": ("company", "entreprise", "société", "current company", "employer", "company name", "employeur"),
    "location": ("location", "ville", "localisation", "city", "lieu"),
    "source": ("source", "origin", "origine"),
    "tags": ("tags", "étiquettes", "labels", "tag"),
    "notes": ("notes", "note", "commentaires", "comments", "commentaire", "comment"),
    "phone": ("phone", "téléphone", "tel", "mobile", "phone number", "numéro de téléphone", "portable"),
    "referred_by": ("referred by", "cooptation", "recommandé par", "coopté par", "introduced by", "introducer", "présenté par", "apporteur"),
    "salary_amount": (
        "salary", "salaire", "prétentions", "prétentions salariales", "prétention salariale", "salary expectation",
        "salary expectations", "expected salary", "rémunération", "rémunération souhaitée", "salaire souhaité",
        "salaire actuel", "package",
    ),
    "salary_currency": ("currency", "devise", "salary currency"),
    "salary_period": ("salary period", "salary type", "période", "type de salaire"),
    "notice_period": ("notice", "notice period", "préavis", "durée de préavis"),
    "available_from": ("availability", "available", "available from", "disponibilité", "disponible", "date de disponibilité", "dispo"),
    "remote_pref": ("remote", "télétravail", "remote preference", "work mode", "mode de travail", "teletravail"),
    "languages": ("languages", "langues", "language", "langue", "langues parlées"),
    "cv_ref": ("cv", "resume", "résumé", "cv url", "cv link", "lien cv", "curriculum vitae", "attachment", "pièce jointe"),
    "legal_basis": (
        "legal basis", "lawful basis", "gdpr basis", "base légale", "base juridique", "fondement",
        "fondement juridique", "base rgpd", "fondement rgpd",
    ),
    "legal_basis_at": (
        "legal basis date", "legal basis since", "basis since", "lawful basis date", "consent date", "consent given on",
        "date de la base légale", "base légale depuis", "base légale depuis le", "date du consentement",
        "consentement le", "date de collecte", "collecté le", "collected on",
    ),
}

#: Source values seen in exports -> a channel of the default vocabulary.
_SOURCE_SYNONYMS: dict[str, str] = {
    "linkedin": "linkedin", "linkedinrecruiter": "linkedin", "inmail": "linkedin",
    "cooptation": "referral", "referral": "referral", "referred": "referral", "employeereferral": "referral",
    "recommandation": "referral", "coopte": "referral",
    "jobboard": "job_board", "indeed": "job_board", "welcometothejungle": "job_board", "wttj": "job_board",
    "apec": "job_board", "monster": "job_board", "glassdoor": "job_board", "hellowork": "job_board",
    "jobteaser": "job_board", "stepstone": "job_board", "francetravail": "job_board", "poleemploi": "job_board",
    "community": "community", "communaute": "community", "github": "community", "slack": "community",
    "event": "event", "evenement": "event", "meetup": "event", "salon": "event", "conference": "event",
    "talentpool": "talent_pool", "vivier": "talent_pool",
    "inbound": "inbound", "applied": "inbound", "application": "inbound", "candidature": "inbound",
    "candidaturespontanee": "inbound", "careerssite": "inbound",
}

_DELIMITERS = ",;\t|"
_DELIMITER_NAMES = {",": N_("comma"), ";": N_("semicolon"), "\t": N_("tab"), "|": N_("pipe")}
#: How each field of :data:`IMPORT_FIELDS` is shown (translated where shown).
_FIELD_LABELS = {
    "name": N_("name"), "first_name": N_("first name"), "last_name": N_("last name"), "email": N_("email"),
    "linkedin_url": N_("linkedin url"), "headline": N_("headline"), "company": N_("company"),
    "location": N_("location"), "source": N_("source"), "tags": N_("tags"), "notes": N_("notes"),
    "phone": N_("phone"), "referred_by": N_("introduced by"),
    "salary_amount": N_("salary"), "salary_currency": N_("currency"), "salary_period": N_("salary period"),
    "notice_period": N_("notice period"), "available_from": N_("availability"), "remote_pref": N_("remote"),
    "languages": N_("languages"), "cv_ref": N_("cv"), "legal_basis": N_("legal basis"), "legal_basis_at": N_("basis since"),
    IGNORE: N_("ignore"),
}
_SNIFF_BYTES = 16_384
_CHUNK = 500  # rows per INSERT / keys per IN (): well below SQLite's variable limit
_PREVIEW = 5
_SHOWN_REASONS = 3
_BARE_URL = re.compile(r"^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)+/", re.IGNORECASE)
#: Fields a duplicate may fill when they are empty (tags are unioned, name and source kept).
_FILLABLE = ("headline", "company", "phone", "location", "referred_by", "notes",
             "notice_period", "available_from", "remote_pref", "languages", "cv_ref")


class ImportFileError(ServiceError):
    """The file cannot be imported at all (missing, unreadable, no header, no name column...)."""


class ImportRejected(ServiceError):
    """Some rows are bad and ``skip_bad`` was not given: nothing was written."""

    def __init__(self, plan: ImportPlan) -> None:
        self.plan = plan
        count = len(plan.rejected)
        reasons = [_line(line, reason) for line, reason in plan.rejected[:_SHOWN_REASONS]]
        if count > _SHOWN_REASONS:
            reasons.append(_("and {n} more").format(n=count - _SHOWN_REASONS))
        super().__init__(
            ngettext(
                "{n} bad row: nothing imported; fix them or use --skip-bad ({reasons})",
                "{n} bad rows: nothing imported; fix them or use --skip-bad ({reasons})",
                count,
            ).format(n=count, reasons="; ".join(reasons))
        )


@dataclass
class ImportPlan:
    """What an import does (or did): how the file was read and what happens to each row."""

    encoding: str
    delimiter: str
    mapping: dict[str, str]  # column -> field
    ignored: list[str]
    preview: list[dict] = field(default_factory=list)  # the first cleaned rows
    new: int = 0
    merged: int = 0
    skipped: int = 0  # duplicates bringing nothing new
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (line in the file, reason)
    #: talents put into the mission (``mission_id``): written, or that would be on a dry run.
    added_to_mission: int = 0
    #: ``(line, what)``: a value of a duplicate row that differs from the one kept (not imported).
    conflicts: list[tuple[int, str]] = field(default_factory=list)
    #: ``(line, what)``: a row without email or URL named like a stored talent or an earlier row.
    possible_duplicates: list[tuple[int, str]] = field(default_factory=list)

    @property
    def delimiter_name(self) -> str:
        name = _DELIMITER_NAMES.get(self.delimiter)
        return _(name) if name else repr(self.delimiter)

    def rejected_lines(self) -> list[str]:
        return [_line(line, reason) for line, reason in self.rejected]

    def conflict_lines(self) -> list[str]:
        return [_line(line, what) for line, what in self.conflicts]

    def possible_duplicate_lines(self) -> list[str]:
        return [_line(line, what) for line, what in self.possible_duplicates]


def _line(line: int, what: str) -> str:
    """``line 3: no name``: what is wrong or to know about a line of the file."""
    return _("line {line}: {what}").format(line=line, what=what)


def field_label(name: str) -> str:
    """``first_name`` -> ``first name`` (in the reader's language)."""
    label = _FIELD_LABELS.get(name)
    return _(label) if label else name.replace("_", " ")


# --------------------------------------------------------------------- reading


def _key(text: str) -> str:
    """A header or value reduced to lower-case letters and digits, accents dropped."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed.casefold() if c.isalnum() and not unicodedata.combining(c))


_FIELD_BY_KEY: dict[str, str] = {}
for _field, _names in _ALIASES.items():
    for _name in _names:
        _FIELD_BY_KEY.setdefault(_key(_name), _field)
_TARGETS: dict[str, str] = {**_FIELD_BY_KEY, **{_key(f): f for f in IMPORT_FIELDS}, IGNORE: IGNORE}


def _decode(raw: bytes, path: Path) -> tuple[str, str]:
    """``(text, encoding)``: the whole file as UTF-8 (with or without BOM), or
    as Windows-1252, or — a UTF-8 file with some lines that are not — line by
    line, the encoding then naming those lines.  Never mojibake: a line that
    is neither is an error naming it."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise ImportFileError(_("{path}: not valid UTF-16 text").format(path=path)) from None
    if raw.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")) or b"\x00" in raw[:4096]:
        raise ImportFileError(_("{path}: not a CSV text file (a spreadsheet workbook? save it as CSV)").format(path=path))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    else:
        return text, "utf-8-sig" if raw.startswith(codecs.BOM_UTF8) else "utf-8"
    lines = raw.splitlines(keepends=True)
    utf8: list[str | None] = []
    for line in lines:
        try:
            utf8.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            utf8.append(None)
    if not any(decoded is not None and not line.isascii() for line, decoded in zip(lines, utf8)):
        lines_as = [None] * len(lines)  # no UTF-8 letter anywhere: a Windows-1252 file
        encoding = "cp1252"
    else:
        lines_as = utf8
        encoding = ""
    parts, odd = [], []
    for number, (line, decoded) in enumerate(zip(lines, lines_as), start=1):
        if decoded is None:
            try:
                decoded = line.decode("cp1252")
            except UnicodeDecodeError as error:
                raise ImportFileError(
                    _("{path}: line {line}: neither UTF-8 nor Windows-1252 text (byte {byte}); "
                      "save the file as UTF-8 and import it again").format(path=path, line=number, byte=f"0x{line[error.start]:02x}")
                ) from None
            odd.append(number)
        parts.append(decoded)
    text = "".join(parts).removeprefix("\ufeff")
    if not encoding:
        shown = ", ".join(map(str, odd[:5]))
        if len(odd) > 5:
            shown = _("{lines} and {n} more").format(lines=shown, n=len(odd) - 5)
        encoding = ngettext("utf-8, line {lines} read as cp1252", "utf-8, lines {lines} read as cp1252", len(odd)).format(lines=shown)
    return text, encoding


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line
    return ""


def _delimiter(text: str) -> str:
    header = _first_line(text[:_SNIFF_BYTES * 4])
    sample = text[:_SNIFF_BYTES]
    if len(text) > _SNIFF_BYTES and "\n" in sample:
        sample = sample[: sample.rfind("\n")]
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        sniffed = ""
    if sniffed and sniffed in header:
        return sniffed
    counts = {d: header.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


_EXCEL_SEP = re.compile(r"\"?sep=([^\r\n\"])\"?[ \t]*(?:\r\n|\r|\n|$)", re.IGNORECASE)


def read_table(path: str | os.PathLike) -> tuple[str, str, list[str], list[tuple[int, list[str]]]]:
    """``(encoding, delimiter, header, rows)``; each row is ``(line in the file, cells)``.

    Blank rows are left out; line numbers count physical lines (header = line 1
    when it is the first), so a quoted multi-line cell does not shift them.
    Excel's ``sep=;`` first line sets the delimiter (and is not the header).
    A quote left open is an :class:`ImportFileError` naming the line it opens on.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ImportFileError(_("{path}: no such file").format(path=path)) from None
    except IsADirectoryError:
        raise ImportFileError(_("{path}: is a directory, not a CSV file").format(path=path)) from None
    except OSError as exc:
        raise ImportFileError(_("{path}: cannot read the file ({reason})").format(path=path, reason=exc.strerror or exc)) from None
    text, encoding = _decode(raw, path)
    previous = 0
    excel = _EXCEL_SEP.match(text)
    if excel:
        delimiter = excel.group(1)
        text = text[excel.end():]
        previous = 1
    else:
        delimiter = _delimiter(text)
    # strict: a quote never closed is an error, not the rest of the file merged into one cell
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    offset = previous
    start = previous + 1
    try:
        for cells in reader:
            start, previous = previous + 1, reader.line_num + offset
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header = [cell.strip() for cell in cells]
            else:
                rows.append((start, cells))
    except csv.Error as exc:
        start = previous + 1
        if "unexpected end of data" in str(exc):
            raise ImportFileError(
                _("{path}: line {line}: a quote opens a cell that is never closed (the rows after it would merge "
                  "into one talent); close it or remove it, then import again").format(path=path, line=start)
            ) from None
        line = reader.line_num + offset
        if line > start:
            raise ImportFileError(
                _("{path}: line {line}: a quote opens a cell that only closes on line {end} (the rows between "
                  "would merge into one talent): cannot read the CSV ({problem})").format(
                    path=path, line=start, end=line, problem=exc)
            ) from None
        raise ImportFileError(
            _("{path}: line {line}: cannot read the CSV ({problem}); a quote inside a cell is written twice (\"\")").format(
                path=path, line=line, problem=exc)
        ) from None
    if header is None:
        raise ImportFileError(_("{path}: empty file (a header row naming the columns is required)").format(path=path))
    return encoding, delimiter, header, rows


def _resolve_target(value: str) -> str:
    key = _key(value)
    target = _TARGETS.get(key)
    if target is None:  # a field as the messages name it, in the reader's language ("nom de famille")
        target = next((f for f in (*IMPORT_FIELDS, IGNORE) if key and _key(field_label(f)) == key), None)
    if target is None:
        choices = ", ".join(field_label(f) for f in IMPORT_FIELDS)
        raise ImportFileError(
            _("mapping: unknown field {value}; one of: {choices}, {ignore}").format(
                value=repr(value), choices=choices, ignore=field_label(IGNORE))
        )
    return target


def _find_column(header: Sequence[str], column: str) -> int:
    if column in header:
        return header.index(column)
    wanted = _key(column)
    for index, name in enumerate(header):
        if wanted and _key(name) == wanted:
            return index
    raise ImportFileError(
        _("mapping: no column {column} in the file (its columns: {columns})").format(
            column=repr(column), columns=", ".join(h for h in header if h))
    )


def _map_columns(
    header: Sequence[str], overrides: Mapping[str, str] | None
) -> tuple[list[tuple[int, str]], dict[str, str], list[str]]:
    """``(columns, mapping, ignored)``: *columns* pairs a column index with its field."""
    chosen: dict[int, str] = {}
    for column, target in (overrides or {}).items():
        chosen[_find_column(header, column)] = _resolve_target(target)
    taken = {f for f in chosen.values() if f != IGNORE}
    columns: list[tuple[int, str]] = []
    mapping: dict[str, str] = {}
    ignored: list[str] = []
    for index, name in enumerate(header):
        target = chosen.get(index)
        if target is None:
            target = _FIELD_BY_KEY.get(_key(name))
            if target is not None and target in taken:
                target = None  # a second column for the same field: the first one wins
        if target is None or target == IGNORE:
            if name:
                ignored.append(name)
            continue
        taken.add(target)
        columns.append((index, target))
        shown = name or _("(column {n})").format(n=index + 1)
        mapping[shown] = target
    if not taken & {"name", "first_name", "last_name"}:
        raise ImportFileError(
            _("no name column: expected Name, or First Name and Last Name (Prénom, Nom); "
              "the columns are: {columns}; map one with --map COLUMN=name").format(columns=", ".join(h for h in header if h))
        )
    return columns, mapping, ignored


def _lenient_source(value: str, sources: Sequence[str]) -> str | None:
    """A channel of *sources* for a free-form source value, or None when unrecognised."""
    key = _key(value)
    if not key:
        return None
    for source in sources:
        if _key(source) == key:
            return source
    target = _SOURCE_SYNONYMS.get(key)
    if target is None:
        for synonym in sorted(_SOURCE_SYNONYMS, key=len, reverse=True):
            if len(synonym) >= 4 and synonym in key:
                target = _SOURCE_SYNONYMS[synonym]
                break
    return target if target in sources else None


def _source_option(source: str | None, sources: Sequence[str]) -> str | None:
    if source is None or not source.strip():
        return None
    channel = _lenient_source(source, sources)
    if channel is None:
        raise InvalidInput({"source": _("unknown channel {value}; one of: {choices}").format(value=repr(source), choices=", ".join(sources))})
    return channel


def _reason(errors: Mapping[str, str]) -> str:
    parts = []
    for name, message in errors.items():
        if name == "name" and message in ("a name is required", _("a name is required")):
            parts.append(_("no name"))
        else:
            parts.append(_("{field}: {problem}").format(field=field_label(name), problem=message))
    return "; ".join(parts)


@dataclass
class _Parsed:
    encoding: str
    delimiter: str
    mapping: dict[str, str]
    ignored: list[str]
    rows: list[dict]  # cleaned, valid, in file order
    rejected: list[tuple[int, str]]
    lines: list[int]  # the line of each row of ``rows``
    #: lines whose source is the default one (no cell, no --source): nothing the file brings
    unsourced: set[int] = field(default_factory=set)


def _parse(
    path: str | os.PathLike,
    mapping: Mapping[str, str] | None,
    source: str | None,
    sources: Sequence[str],
) -> _Parsed:
    default_source = _source_option(source, sources)
    fallback = "other" if "other" in sources else sources[0]
    encoding, delimiter, header, table = read_table(path)
    columns, column_map, ignored = _map_columns(header, mapping)
    rows: list[dict] = []
    lines: list[int] = []
    rejected: list[tuple[int, str]] = []
    unsourced: set[int] = set()
    for line, cells in table:
        values = {f: "" for f in IMPORT_FIELDS}
        for index, target in columns:
            if index < len(cells):
                values[target] = cells[index]
        data = {f: values[f] for f in (*TALENT_FIELDS, *FACT_FIELDS, *LEGAL_FIELDS)}
        if not data["name"].strip():
            data["name"] = " ".join(p for p in (values["first_name"].strip(), values["last_name"].strip()) if p)
        url = data["linkedin_url"].strip()
        if url and _BARE_URL.match(url):
            data["linkedin_url"] = "https://" + url
        data["tags"] = re.sub(r"[;|]", ",", data["tags"])
        if data["source"].strip():
            data["source"] = _lenient_source(data["source"], sources) or fallback
        elif default_source:
            data["source"] = default_source
        else:
            unsourced.add(line)
        cleaned, errors = validate_talent(data, sources)
        if errors and set(errors) <= {*FACT_FIELDS, *LEGAL_FIELDS}:
            cleaned, errors = validate_talent(_facts_to_notes(data, errors), sources)
        if errors:
            rejected.append((line, _reason(errors)))
        else:
            rows.append(cleaned)
            lines.append(line)
    return _Parsed(encoding, delimiter, column_map, ignored, rows, rejected, lines, unsourced)


def _facts_to_notes(data: Mapping[str, str], errors: Mapping[str, str]) -> dict[str, str]:
    """*data* with the facts it could not read (a salary "45-50k", a remote "2 days a week",
    a legal basis it does not know: the source's then) moved to the notes, as written:
    the row is imported, nothing is lost."""
    data = dict(data)
    lines = [_("{field}: {value}").format(field=field_label(f), value=data[f].strip()) for f in (*FACT_FIELDS, *LEGAL_FIELDS) if f in errors]
    for name in errors:
        data[name] = ""
    data["notes"] = "\n".join(p for p in (data["notes"].strip(), *lines) if p)
    return data


# --------------------------------------------------------------------- deduplication


class _Record:
    """A talent the file's rows end up in: already stored (``id``) or new (first seen on ``line``)."""

    __slots__ = ("id", "values", "changes", "line")  # line: 0 for a stored talent

    def __init__(self, talent_id: int | None, values: dict, line: int = 0) -> None:
        self.id = talent_id
        self.values = values
        self.changes: dict[str, str] = {}
        self.line = line

    def set(self, name: str, value: str) -> None:
        self.values[name] = value
        if self.id is not None:
            self.changes[name] = value



@dataclass
class _Resolution:
    new: list[_Record]
    touched: list[_Record]  # every record a row went to (new, merged or skipped), once
    merged: int
    skipped: int
    conflicts: list[tuple[int, str]] = field(default_factory=list)
    possible_duplicates: list[tuple[int, str]] = field(default_factory=list)


def _chunks(items: Sequence, size: int = _CHUNK) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


_STORED = (Talent.id, *(getattr(Talent, f) for f in (*TALENT_FIELDS, *FACT_FIELDS)), Talent.email_norm, Talent.linkedin_norm)
#: Fields whose differing values a duplicate row brings are listed (tags are unioned, not listed).
_COMPARED = ("name", "headline", "company", "email", "phone", "linkedin_url", "location", "source", "referred_by", "notes")
_SHOWN = 40
#: Names without email or URL looked up one by one in the index; more are compared with every stored name at once.
_LOOKUPS = 300


def _stored_matches(rows: Iterable[dict]) -> list[dict]:
    """The stored talents sharing a normalised email or LinkedIn URL with *rows*, by id."""
    emails = sorted({r["email_norm"] for r in rows if r["email_norm"]})
    urls = sorted({r["linkedin_norm"] for r in rows if r["linkedin_norm"]})
    found: dict[int, dict] = {}
    for column, keys in ((Talent.email_norm, emails), (Talent.linkedin_norm, urls)):
        for chunk in _chunks(keys):
            for row in Talent.select(*_STORED).where(column.in_(list(chunk))).dicts():
                found[row["id"]] = row
    return [found[i] for i in sorted(found)]


def _same(name: str, a: str, b: str) -> bool:
    if name == "email":
        return normalise_email(a) == normalise_email(b)
    if name == "linkedin_url":
        return normalise_url(a) == normalise_url(b)
    return _key(a) == _key(b)


def _quoted(text: str) -> str:
    text = " ".join(text.split())
    return f'"{text}"' if len(text) <= _SHOWN else f'"{text[:_SHOWN - 1]}…"'


def _matched(name: str, record: _Record, how: str) -> str:
    """``Zoé Martin (same email as talent #12)``: the row's name and what it was matched with."""
    if how == "email":
        if record.id is not None:
            return _("{name} (same email as talent #{id})").format(name=name, id=record.id)
        return _("{name} (same email as line {line})").format(name=name, line=record.line)
    if record.id is not None:
        return _("{name} (same profile URL as talent #{id})").format(name=name, id=record.id)
    return _("{name} (same profile URL as line {line})").format(name=name, line=record.line)


def _differences(record: _Record, row: Mapping[str, str], how: str, skip: tuple[str, ...] = ()) -> str:
    """What *row* brings that differs from *record*'s kept values, in one line (or "").

    *how*: ``email`` or ``url``, what the row was matched by; *skip*: fields the
    row did not bring (a source given by default)."""
    parts = [
        _("{field} {value} not imported (keeps {kept})").format(
            field=field_label(name), value=_quoted(row[name]), kept=_quoted(record.values[name]))
        for name in _COMPARED
        if name not in skip and row[name] and record.values[name] and not _same(name, row[name], record.values[name])
    ]
    if not parts:
        return ""
    return _("{talent}: {differences}").format(talent=_matched(row["name"], record, how), differences="; ".join(parts))


def _absorb(record: _Record, row: Mapping[str, str], by_email: dict, by_url: dict) -> bool:
    """Fill *record*'s empty fields from a duplicate *row*; True when anything changed."""
    values = record.values
    changed = False
    for name in _FILLABLE:
        if row[name] and not values[name]:
            record.set(name, row[name])
            changed = True
    for name, norm, index in (("email", "email_norm", by_email), ("linkedin_url", "linkedin_norm", by_url)):
        key = row[norm]
        if row[name] and not values[name] and index.get(key, record) is record:
            record.set(name, row[name])
            record.set(norm, key)
            index[key] = record
            changed = True
    if row["salary_amount"] and not values["salary_amount"]:  # the amount with its currency and period
        for name in ("salary_amount", "salary_currency", "salary_period"):
            record.set(name, row[name])
        changed = True
    if row["tags"]:
        tags = normalise_tags(f"{values['tags']},{row['tags']}")
        if tags != values["tags"]:
            record.set("tags", tags)
            changed = True
    return changed


def _names_of_stored(rows: Sequence[dict]) -> dict[tuple[str, ...], tuple[int, str]]:
    """Stored talents named like a row with neither email nor URL — the same
    words, accents, case and order aside (``martin elodie`` is *Élodie Martin*),
    looked up in the search index (services/duplicates.py), the oldest first:
    ``name words -> (id, email or URL)``."""
    wanted: dict[tuple[str, ...], str] = {}
    for row in rows:
        key = name_words(row["name"])
        if key and not row["email_norm"] and not row["linkedin_norm"]:
            wanted.setdefault(key, row["name"])
    found: dict[tuple[str, ...], tuple[int, str]] = {}
    if len(wanted) > _LOOKUPS:  # many names: one read of every name costs less than as many lookups
        query = Talent.select(Talent.id, Talent.name, Talent.email, Talent.linkedin_url).order_by(Talent.id)
        for talent_id, name, email, url in query.tuples().iterator():
            key = name_words(name)
            if key in wanted:
                found.setdefault(key, (talent_id, email or url))
        return found
    for key, name in wanted.items():
        similar = duplicates.similar_names(name, limit=1)
        if similar:
            found[key] = (similar[0].id, similar[0].email or similar[0].linkedin_url)
    return found


def _resolve(rows: Sequence[dict], lines: Sequence[int] | None = None, unsourced: set[int] | frozenset[int] = frozenset()) -> _Resolution:
    """Match each valid row with a stored talent or an earlier row (email first, then URL);
    *unsourced*: the lines whose source is the default one (not compared)."""
    lines = list(lines) if lines is not None else [0] * len(rows)
    by_email: dict[str, _Record] = {}
    by_url: dict[str, _Record] = {}
    for stored in _stored_matches(rows):
        record = _Record(stored.pop("id"), stored)
        if stored["email_norm"]:
            by_email.setdefault(stored["email_norm"], record)
        if stored["linkedin_norm"]:
            by_url.setdefault(stored["linkedin_norm"], record)
    stored_names = _names_of_stored(rows)
    names_in_file: dict[tuple[str, ...], int] = {}
    new: list[_Record] = []
    touched: dict[int, _Record] = {}
    merged = skipped = 0
    conflicts: list[tuple[int, str]] = []
    possible: list[tuple[int, str]] = []
    for row, line in zip(rows, lines):
        how = "email"
        record = by_email.get(row["email_norm"]) if row["email_norm"] else None
        if record is None and row["linkedin_norm"]:
            record, how = by_url.get(row["linkedin_norm"]), "url"
        if record is None:
            record = _Record(None, dict(row), line)
            new.append(record)
            if row["email_norm"]:
                by_email[row["email_norm"]] = record
            if row["linkedin_norm"]:
                by_url.setdefault(row["linkedin_norm"], record)
            key = name_words(row["name"])
            if not row["email_norm"] and not row["linkedin_norm"]:
                if key in stored_names:
                    talent_id, contact = stored_names[key]
                    if contact:
                        said = _("{name}: no email or profile URL, and the name of talent #{id} ({contact}): "
                                 "imported as a new talent").format(name=row["name"], id=talent_id, contact=contact)
                    else:
                        said = _("{name}: no email or profile URL, and the name of talent #{id}: "
                                 "imported as a new talent").format(name=row["name"], id=talent_id)
                    possible.append((line, said))
                elif key and key in names_in_file:
                    possible.append((line, _("{name}: no email or profile URL, and the name of line {other}: "
                                             "imported as a second talent").format(name=row["name"], other=names_in_file[key])))
            names_in_file.setdefault(key, line)
        else:
            differences = _differences(record, row, how, ("source",) if line in unsourced else ())
            if differences:
                conflicts.append((line, differences))
            if _absorb(record, row, by_email, by_url):
                merged += 1
            else:
                skipped += 1
        touched.setdefault(id(record), record)
    return _Resolution(new, list(touched.values()), merged, skipped, conflicts, possible)


def _plan(parsed: _Parsed, resolution: _Resolution) -> ImportPlan:
    return ImportPlan(
        encoding=parsed.encoding,
        delimiter=parsed.delimiter,
        mapping=parsed.mapping,
        ignored=parsed.ignored,
        preview=[{f: row[f] for f in TALENT_FIELDS} for row in parsed.rows[:_PREVIEW]],
        new=len(resolution.new),
        merged=resolution.merged,
        skipped=resolution.skipped,
        rejected=parsed.rejected,
        conflicts=resolution.conflicts,
        possible_duplicates=resolution.possible_duplicates,
    )


def _not_in_mission(talent_ids: Sequence[int], mission_id: int) -> list[int]:
    inside: set[int] = set()
    for chunk in _chunks(talent_ids):
        query = Candidacy.select(Candidacy.talent).where(
            (Candidacy.mission == mission_id) & Candidacy.talent.in_(list(chunk))
        )
        inside.update(talent for (talent,) in query.tuples())
    return [t for t in talent_ids if t not in inside]


def check_mission(mission_id: int) -> Mission:
    """The mission an import adds talents to, or NotFound."""
    mission = Mission.get_or_none(Mission.id == mission_id)
    if mission is None:
        raise NotFound(_("no mission with id {id}").format(id=mission_id))
    return mission


# --------------------------------------------------------------------- entry points


def plan_import(
    path: str | os.PathLike,
    *,
    mapping: Mapping[str, str] | None = None,
    source: str | None = None,
    sources: Iterable[str] = DEFAULT_SOURCES,
    mission_id: int | None = None,
) -> ImportPlan:
    """Read, validate and deduplicate *path* against the database; writes nothing.

    With *mission_id*, ``added_to_mission`` counts the talents not yet in it
    (new talents included).
    """
    sources = tuple(sources)
    parsed = _parse(path, mapping, source, sources)
    resolution = _resolve(parsed.rows, parsed.lines, parsed.unsourced)
    plan = _plan(parsed, resolution)
    if mission_id is not None:
        check_mission(mission_id)
        stored = [r.id for r in resolution.touched if r.id is not None]
        plan.added_to_mission = len(resolution.new) + len(_not_in_mission(stored, mission_id))
    return plan


def run_import(
    path: str | os.PathLike,
    *,
    now: dt.datetime,
    mapping: Mapping[str, str] | None = None,
    source: str | None = None,
    mission_id: int | None = None,
    skip_bad: bool = False,
    sources: Iterable[str] = DEFAULT_SOURCES,
    stage: str = "sourced",
) -> ImportPlan:
    """Import *path* in one transaction and return what was done.

    A bad row (no name, invalid email...) raises :class:`ImportRejected` and
    nothing is written, unless *skip_bad*: then the good rows are imported and
    the bad ones listed in ``plan.rejected``.  With *mission_id* every talent
    of the file (new or already stored) is put at *stage* in that mission
    unless it is there already.
    """
    sources = tuple(sources)
    parsed = _parse(path, mapping, source, sources)
    if mission_id is not None:
        check_mission(mission_id)
    if parsed.rejected and not skip_bad:
        raise ImportRejected(_plan(parsed, _resolve(parsed.rows, parsed.lines, parsed.unsourced)))
    with write_transaction():
        # Matched inside the transaction: another instance cannot slip a duplicate in.
        resolution = _resolve(parsed.rows, parsed.lines, parsed.unsourced)
        plan = _plan(parsed, resolution)
        new_ids: list[int] = []
        columns = (*TALENT_FIELDS, *FACT_FIELDS, "legal_basis", "email_norm", "linkedin_norm")
        for chunk in _chunks(resolution.new):
            # a talent is never without a basis: blank in the file, the source's since today
            rows = [{**{c: r.values[c] for c in columns}, "legal_basis_at": r.values["legal_basis_at"] or now.date(),
                     "created_at": now, "updated_at": now} for r in chunk]
            # Only the set of ids is used, so RETURNING's unspecified order does not matter.
            new_ids.extend(i for (i,) in Talent.insert_many(rows).returning(Talent.id).tuples().execute())
        for record in resolution.touched:
            if record.id is not None and record.changes:
                Talent.update(**record.changes, updated_at=now).where(Talent.id == record.id).execute()
        if mission_id is not None:
            stored = [r.id for r in resolution.touched if r.id is not None]
            talent_ids = new_ids + _not_in_mission(stored, mission_id)
            for chunk in _chunks(talent_ids):
                Candidacy.insert_many(
                    [
                        {"talent": t, "mission": mission_id, "stage": stage, "stage_changed_at": now,
                         "created_at": now, "updated_at": now}
                        for t in chunk
                    ]
                ).execute()
            plan.added_to_mission = len(talent_ids)
        # "Cooptation", "Recommandé par", "Introduced by": the introducer of that name (made if new)
        introducers.adopt_referred_by(new_ids + [r.id for r in resolution.touched if r.id is not None and "referred_by" in r.changes], now)
    return plan
