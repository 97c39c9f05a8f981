"""Opening a PostgreSQL database: the URL, the driver, the password, clear errors.

``--db``, ``$SOURCER_TUI_DB`` and ``[database] url`` take a
``postgresql://user@host:5432/name`` URL as well as a file's path:
:func:`is_url` tells them apart *before* anything touches the filesystem (a
URL handed to code that expects a path makes a folder named
``postgresql:``).  The driver is psycopg 3 (the optional extra
``sourcer-tui[postgres]``), imported only here and only for a URL: the SQLite
path never loads it.

The password is never read from the config file (:func:`config_problem`
refuses a URL that holds one).  It comes from the OS keyring when one was
stored there (``sourcer-tui secrets set database``, passed in by the caller
as *password*), else libpq finds it by itself in ``$PGPASSWORD`` or
``~/.pgpass``.  Every other parameter of the URL (``sslmode=verify-full``,
``sslrootcert``...) goes to libpq as written: TLS is verified when the URL
asks for it.
"""

from __future__ import annotations

import urllib.parse

import peewee

from ..i18n import _

__all__ = ["SCHEMES", "is_url", "redacted", "keyring_user", "config_problem", "driver_problem", "load_driver", "connect", "EXTENSIONS"]

SCHEMES = ("postgresql", "postgres")

#: What the schema needs of the server: accent-insensitive search (db/search.py).
EXTENSIONS = ("unaccent",)


def is_url(target: object) -> bool:
    """Whether *target* (a ``--db`` value, a setting) names a PostgreSQL database, not a file."""
    if not isinstance(target, str):
        return False
    scheme, sep, _rest = target.partition("://")
    return bool(sep) and scheme.lower() in SCHEMES


def redacted(url: str) -> str:
    """*url* as it may be shown: a password in it replaced by ``***``."""
    parts = urllib.parse.urlsplit(url)
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urllib.parse.urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))


def keyring_user(url: str) -> str:
    """The name the database's password is kept under in the OS keyring:
    ``postgresql://user@host:port/name``, whatever else the URL holds."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or "localhost"
    port = parts.port or 5432
    return f"postgresql://{parts.username or ''}@{host}:{port}{parts.path or '/'}"


def config_problem(url: str) -> str | None:
    """Why a ``[database] url`` of the config file is refused, or None."""
    if not is_url(url):
        return _("not a postgresql:// URL")
    try:
        parts = urllib.parse.urlsplit(url)
        password = parts.password
        parts.port  # noqa: B018  (raises for a port that is not a number)
    except ValueError as error:
        return str(error)
    query = urllib.parse.parse_qs(parts.query)
    if password is not None or "password" in query:
        return _("holds a password: keep it out of the config (`sourcer-tui secrets set database`, or PGPASSWORD / ~/.pgpass)")
    return None


def driver_problem() -> str | None:
    """Why PostgreSQL cannot be used here (no driver), or None: the driver is
    loaded and handed to Peewee (:func:`load_driver`) when it is there."""
    try:
        load_driver()
    except ImportError:
        return _("PostgreSQL needs the psycopg driver: pip install 'sourcer-tui[postgres]'")
    return None


def load_driver() -> None:
    """Import psycopg 3 and give Peewee the names its own import would have set.

    Peewee is imported without the driver (``sourcer_tui.driver_gate``), so that
    the SQLite path never pays for it; these are the module-level names Peewee
    4.5 sets when ``import psycopg`` succeeds, and the class attributes of its
    adapter that read them.  Nothing is done when Peewee already has them."""
    import psycopg
    from psycopg.pq import TransactionStatus
    from psycopg.types.json import Json, Jsonb

    if getattr(peewee, "psycopg", None) is not None:
        return
    peewee.psycopg = psycopg
    peewee.TransactionStatus = TransactionStatus
    peewee.Json_pg3 = Json
    peewee.Jsonb_pg3 = Jsonb
    adapter = peewee.Psycopg3Adapter
    adapter.txn_idle = TransactionStatus.IDLE
    adapter.txn_inerror = TransactionStatus.INERROR
    adapter.txn_unknown = TransactionStatus.UNKNOWN


def connect(url: str, *, password: str | None = None, read_only: bool = False) -> peewee.PostgresqlDatabase:
    """A Peewee database over psycopg 3 for *url* (not connected yet)."""
    params: dict[str, object] = {}
    if password:
        params["password"] = password
    options = ["-c TimeZone=UTC"]  # timestamps are local wall times, stored as written (no time zone)
    # no parallel workers: starting them costs 5-10 ms a query, more than they save
    # on the index reads of an interactive app (Pool matches: 10.7 ms -> 1 ms)
    options.append("-c max_parallel_workers_per_gather=0")
    # psycopg prepares a query run five times, and the server then plans it once
    # for any parameters: a plan blind to the words searched or the mission
    # picked (Pool matches scanned every talent's vector).  Each run is planned
    # for its own values; the statement stays prepared (parsed once).
    options.append("-c plan_cache_mode=force_custom_plan")
    if read_only:
        options.append("-c default_transaction_read_only=on")
    params["options"] = " ".join(options)
    # peewee hands a postgresql:// database name to psycopg as the conninfo
    return PostgresDatabase(_normalised(url), prefer_psycopg3=True, **params)


def placeholders(sql: str) -> str:
    """*sql* written with SQLite's ``?`` placeholders, in psycopg's ``%s`` (and a
    literal ``%`` doubled); a ``?`` inside quotes is text and stays.  SQL without
    a ``?`` (Peewee's own, already in ``%s``) is returned as it is."""
    if "?" not in sql:
        return sql
    out: list[str] = []
    quote = None
    found = False
    for i, char in enumerate(sql):
        if quote:
            if char == quote:
                quote = None
            out.append("%%" if char == "%" else char)
        elif char in ("'", '"'):
            quote = char
            out.append(char)
        elif char == "?":
            found = True
            out.append("%s")
        elif char == "%" and not sql.startswith("%s", i):  # Peewee's own %s (a query mixing both) stays
            out.append("%%")
        else:
            out.append(char)
    return "".join(out) if found else sql


class PostgresDatabase(peewee.PostgresqlDatabase):
    """Peewee's PostgreSQL database, reading the raw SQL the app writes once for
    both backends: SQLite's ``?`` placeholders become psycopg's ``%s``.

    :attr:`own_pids` holds the server process of every connection it opened
    (the UI thread's and the workers'): the live refresh leaves out the
    notifications of the app's own writes (services/changes.py), which the
    screen that made them already shows."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.own_pids: set[int] = set()

    def _connect(self):
        connection = super()._connect()
        self.own_pids.add(connection.info.backend_pid)  # known to psycopg: no round trip
        return connection

    def execute_sql(self, sql, params=None, *args, **kwargs):
        return super().execute_sql(placeholders(sql) if params else sql, params, *args, **kwargs)


def _normalised(url: str) -> str:
    """``postgres://`` spelled ``postgresql://`` (what peewee looks for)."""
    scheme, _sep, rest = url.partition("://")
    return f"postgresql://{rest}" if scheme.lower() in SCHEMES else url
