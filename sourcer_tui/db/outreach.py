"""One row of outreach figures per contacted candidacy, kept by triggers (PL/pgSQL on PostgreSQL).

The Stats screen measures a cohort of candidacies (those whose first message
falls in a range) from their touchpoints: first message, steps sent, first
reply, its kind and the step it answered.  Computing that from the
touchpoints read every touchpoint of the cohort (a mission can hold 6,800
candidacies at a million touchpoints); with one summary row per candidacy,
kept exact by triggers on touchpoint, candidacy and talent, one mission's
figures are a few aggregates over its rows.

A row exists for every candidacy with at least one ``approach`` touchpoint:

``mission_id``, ``first_at``, ``candidacy_id``
    the mission, the first approach message (the cohort date) and the
    candidacy: the primary key, so that one mission's rows in a date range
    are read in one stretch of the table;
``source``
    the talent's source channel;
``steps``
    the outreach steps sent (approach or follow-up with a step), as a bit set:
    bit *k* for step *k*, steps 0–62;
``reply_kind``, ``reply_step``, ``reply_days``
    the first reply's kind (positive or negative; the lowest id on a tie),
    the last outreach step sent at or before it (0 when none), and the days
    from the first message to it — NULL without a reply;
``reply_template``
    the template of the message of that step (the last one if the step was
    logged twice; domain.stats.by_template), NULL without a reply or when
    that message came from no template (migration 0036: the Stats' replies
    per template were a join of the cohort's touchpoints);
``owner``
    the candidacy's owner (migration 0037: the Stats' split by owner joined
    the cohort with its candidacies);
``sent_templates``
    the templates of the outreach messages sent from one, as a JSON array in
    the order logged, NULL for none (migration 0038: the Stats' messages per
    template looked up each cohort row's messages).

The templates are those of outreach messages (approach, follow-up), as the
triggers follow them and the domain counts them (domain.stats.by_template).

:func:`summary_select` is the one definition: the triggers recompute a
candidacy's row with it (on PostgreSQL too: :func:`install_postgres`) and
:func:`rebuild` every row.
"""

from __future__ import annotations

import peewee

from .dialect import days_between, is_sqlite, keeps, keeps_derived

__all__ = ["OUTREACH", "REPLIES", "MAX_STEP", "install", "rebuild", "summary_select", "COLUMNS", "TRIGGERS", "add_column", "reinstall"]

OUTREACH = ("approach", "followup")
REPLIES = ("reply_positive", "reply_negative")
MAX_STEP = 62  # bit 63 is the sign of a 64-bit integer

#: Columns added after migration 0008, in order, each by its migration (:func:`add_column`):
#: the table keeps the shape of the migrations run so far.
LATER = {"reply_template": "0036", "owner": "0037", "sent_templates": "0038"}
_FIRST = "mission_id, first_at, candidacy_id, source, steps, reply_kind, reply_step, reply_days"
COLUMNS = ", ".join([_FIRST, *LATER])


def _later(db: peewee.Database) -> tuple[str, ...]:
    """The later columns the table has (the migrations that ran)."""
    present = {c.name for c in db.get_columns("outreach_summary")}
    return tuple(c for c in LATER if c in present)


def _columns(later: tuple[str, ...]) -> str:
    return ", ".join([_FIRST, *later])


TRIGGERS = (
    "outreach_touchpoint_insert", "outreach_touchpoint_delete", "outreach_touchpoint_update",
    "outreach_candidacy_update", "outreach_candidacy_delete", "outreach_talent_source", "outreach_candidacy_owner",
)


def _in(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"  # constants of this module only


def summary_select(db: peewee.Database, candidacies: str, later: tuple[str, ...] = tuple(LATER)) -> str:
    """SQL selecting the summary rows (:data:`COLUMNS`, in order) of the
    candidacies whose id satisfies *candidacies*, an SQL condition on
    ``{cid}`` (e.g. ``"{cid} = new.candidacy_id"``; ``"1 = 1"`` for all).
    Of the columns added later (:data:`LATER`), those in *later* (the migrations run).

    The casts keep the types a driver hands back plain: PostgreSQL's SUM of
    integers and its EXTRACT are ``numeric`` (Python ``Decimal``)."""
    where = candidacies.format(cid="t.candidacy_id")
    rows = (
        "SELECT c.mission_id AS mission_id, a.first_at AS first_at, c.id AS candidacy_id, tal.source AS source, a.steps AS steps, "
        + ("c.owner AS owner, " if "owner" in later else "") +
        f"(SELECT x.kind FROM touchpoint x WHERE x.candidacy_id = c.id AND x.kind IN {_in(REPLIES)} AND x.happened_at = r.at "
        f" ORDER BY x.id LIMIT 1) AS reply_kind, "
        f"CASE WHEN r.at IS NULL THEN NULL ELSE COALESCE((SELECT MAX(o.step) FROM touchpoint o "
        f" WHERE o.candidacy_id = c.id AND o.kind IN {_in(OUTREACH)} AND o.happened_at <= r.at), 0) END AS reply_step, "
        f"CAST({days_between(db, 'a.first_at', 'r.at')} AS DOUBLE PRECISION) AS reply_days "
        f"FROM (SELECT t.candidacy_id AS cid, MIN(CASE WHEN t.kind = 'approach' THEN t.happened_at END) AS first_at, "
        f"  CAST(COALESCE(SUM(DISTINCT CASE WHEN t.step BETWEEN 0 AND {MAX_STEP} THEN CAST(1 AS BIGINT) << t.step END), 0) AS BIGINT) AS steps "
        f"  FROM touchpoint t WHERE t.kind IN {_in(OUTREACH)} AND {where} GROUP BY t.candidacy_id) a "
        f"JOIN candidacy c ON c.id = a.cid JOIN talent tal ON tal.id = c.talent_id "
        f"LEFT JOIN (SELECT t.candidacy_id AS cid, MIN(t.happened_at) AS at FROM touchpoint t "
        f"  WHERE t.kind IN {_in(REPLIES)} AND {where} GROUP BY t.candidacy_id) r ON r.cid = c.id "
        f"WHERE a.first_at IS NOT NULL"
    )
    if not later:
        return rows
    messages = f"FROM touchpoint y WHERE y.candidacy_id = z.candidacy_id AND y.kind IN {_in(OUTREACH)} AND y.template_key != ''"
    made = {
        "reply_template": f"CASE WHEN z.reply_kind IS NULL THEN NULL ELSE (SELECT y.template_key {messages} "
                          "AND COALESCE(y.step, 0) = z.reply_step ORDER BY y.happened_at DESC, y.id DESC LIMIT 1) END",
        "owner": "z.owner",
        "sent_templates": (f"(SELECT NULLIF(json_group_array(k), '[]') FROM (SELECT y.template_key AS k {messages} ORDER BY y.id))"
                           if is_sqlite(db) else f"(SELECT json_agg(y.template_key ORDER BY y.id)::text {messages})"),
    }
    return (
        "SELECT z.mission_id, z.first_at, z.candidacy_id, z.source, z.steps, z.reply_kind, z.reply_step, z.reply_days, "
        + ", ".join(f"{made[column]} AS {column}" for column in later)
        + f" FROM ({rows}) z"
    )


# No conflict clause inside (an outer INSERT OR REPLACE would impose its own
# on the trigger's statements): each recompute deletes the row, then inserts
# it again when the candidacy still has a first message.
def _recompute(db: peewee.Database, candidacy: str, later: tuple[str, ...]) -> str:
    return (
        f"DELETE FROM outreach_summary WHERE candidacy_id = {candidacy}; "
        f"INSERT INTO outreach_summary ({_columns(later)}) {summary_select(db, '{cid} = ' + candidacy, later)};"
    )


def install(db: peewee.Database) -> None:
    if not keeps_derived(db):
        install_postgres(db)
        return
    kinds = _in(OUTREACH + REPLIES)
    db.execute_sql(
        "CREATE TABLE IF NOT EXISTS outreach_summary ("
        "mission_id INTEGER NOT NULL, first_at TIMESTAMP NOT NULL, candidacy_id INTEGER NOT NULL, source TEXT, "
        "steps INTEGER NOT NULL, reply_kind TEXT, reply_step INTEGER, reply_days REAL, "
        "PRIMARY KEY (mission_id, first_at, candidacy_id)) WITHOUT ROWID"
    )
    later = _later(db)
    template_of, template_changed = (", template_key", " OR old.template_key IS NOT new.template_key") if "reply_template" in later else ("", "")
    owner = (  # the candidacy's owner changed: its row follows
        "CREATE TRIGGER IF NOT EXISTS outreach_candidacy_owner AFTER UPDATE OF owner ON candidacy WHEN old.owner IS NOT new.owner "
        "BEGIN UPDATE outreach_summary SET owner = new.owner WHERE candidacy_id = new.id; END",
    ) if "owner" in later else ()
    for sql in (
        "CREATE UNIQUE INDEX IF NOT EXISTS outreach_summary_candidacy ON outreach_summary (candidacy_id)",
        "CREATE TRIGGER IF NOT EXISTS outreach_touchpoint_insert AFTER INSERT ON touchpoint "
        f"WHEN new.candidacy_id IS NOT NULL AND new.kind IN {kinds} BEGIN {_recompute(db, 'new.candidacy_id', later)} END",
        "CREATE TRIGGER IF NOT EXISTS outreach_touchpoint_delete AFTER DELETE ON touchpoint "
        f"WHEN old.candidacy_id IS NOT NULL AND old.kind IN {kinds} BEGIN {_recompute(db, 'old.candidacy_id', later)} END",
        f"CREATE TRIGGER IF NOT EXISTS outreach_touchpoint_update AFTER UPDATE OF candidacy_id, kind, happened_at, step{template_of} ON touchpoint "
        f"WHEN (old.kind IN {kinds} OR new.kind IN {kinds}) AND (old.candidacy_id IS NOT new.candidacy_id OR old.kind IS NOT new.kind "
        f"OR old.happened_at IS NOT new.happened_at OR old.step IS NOT new.step{template_changed}) "
        f"BEGIN {_recompute(db, 'old.candidacy_id', later)} {_recompute(db, 'new.candidacy_id', later)} END",
        # a candidacy moved to another mission (or another talent): its row follows
        "CREATE TRIGGER IF NOT EXISTS outreach_candidacy_update AFTER UPDATE OF mission_id, talent_id ON candidacy "
        "WHEN old.mission_id IS NOT new.mission_id OR old.talent_id IS NOT new.talent_id "
        f"BEGIN DELETE FROM outreach_summary WHERE candidacy_id = old.id; {_recompute(db, 'new.id', later)} END",
        "CREATE TRIGGER IF NOT EXISTS outreach_candidacy_delete AFTER DELETE ON candidacy "
        "BEGIN DELETE FROM outreach_summary WHERE candidacy_id = old.id; END",
        "CREATE TRIGGER IF NOT EXISTS outreach_talent_source AFTER UPDATE OF source ON talent WHEN old.source IS NOT new.source "
        "BEGIN UPDATE outreach_summary SET source = new.source "
        "WHERE candidacy_id IN (SELECT id FROM candidacy WHERE talent_id = new.id); END",
        *owner,
    ):
        db.execute_sql(sql)
    rebuild(db)


def install_postgres(db: peewee.Database) -> None:
    """The same rows on PostgreSQL, kept by PL/pgSQL triggers that do what
    SQLite's do: one function recomputes a candidacy's row with
    :func:`summary_select`.  ``steps`` is a BIGINT there (bits 0 to 62)."""
    kinds = _in(OUTREACH + REPLIES)
    db.execute_sql(
        "CREATE TABLE IF NOT EXISTS outreach_summary ("
        "mission_id INTEGER NOT NULL, first_at TIMESTAMP NOT NULL, candidacy_id INTEGER NOT NULL, source TEXT, "
        "steps BIGINT NOT NULL, reply_kind TEXT, reply_step INTEGER, reply_days DOUBLE PRECISION, "
        "PRIMARY KEY (mission_id, first_at, candidacy_id))"
    )
    later = _later(db)
    template_of, template_changed = (", template_key", " OR OLD.template_key IS DISTINCT FROM NEW.template_key") if "reply_template" in later else ("", "")
    owner_of, owner_changed = (", owner", "ELSIF OLD.owner IS DISTINCT FROM NEW.owner THEN UPDATE outreach_summary SET owner = NEW.owner "
                                          "WHERE candidacy_id = NEW.id; ") if "owner" in later else ("", "")
    for sql in (
        "CREATE UNIQUE INDEX IF NOT EXISTS outreach_summary_candidacy ON outreach_summary (candidacy_id)",
        "CREATE OR REPLACE FUNCTION sourcer_outreach_recompute(p_candidacy INTEGER) RETURNS void LANGUAGE plpgsql AS $$ BEGIN "
        "IF p_candidacy IS NULL THEN RETURN; END IF; "
        "DELETE FROM outreach_summary WHERE candidacy_id = p_candidacy; "
        f"INSERT INTO outreach_summary ({_columns(later)}) {summary_select(db, '{cid} = p_candidacy', later)}; END $$",
        "CREATE OR REPLACE FUNCTION sourcer_outreach_touchpoint() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF TG_OP = 'INSERT' THEN IF NEW.kind IN {kinds} THEN PERFORM sourcer_outreach_recompute(NEW.candidacy_id); END IF; "
        f"ELSIF TG_OP = 'DELETE' THEN IF OLD.kind IN {kinds} THEN PERFORM sourcer_outreach_recompute(OLD.candidacy_id); END IF; "
        f"ELSIF (OLD.kind IN {kinds} OR NEW.kind IN {kinds}) AND (OLD.candidacy_id IS DISTINCT FROM NEW.candidacy_id "
        f"OR OLD.kind IS DISTINCT FROM NEW.kind OR OLD.happened_at IS DISTINCT FROM NEW.happened_at OR OLD.step IS DISTINCT FROM NEW.step{template_changed}) THEN "
        "PERFORM sourcer_outreach_recompute(OLD.candidacy_id); PERFORM sourcer_outreach_recompute(NEW.candidacy_id); "
        "END IF; RETURN NULL; END $$",
        "CREATE OR REPLACE FUNCTION sourcer_outreach_candidacy() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF TG_OP = 'DELETE' THEN DELETE FROM outreach_summary WHERE candidacy_id = OLD.id; "
        "ELSIF OLD.mission_id IS DISTINCT FROM NEW.mission_id OR OLD.talent_id IS DISTINCT FROM NEW.talent_id THEN "
        "DELETE FROM outreach_summary WHERE candidacy_id = OLD.id; PERFORM sourcer_outreach_recompute(NEW.id); "
        f"{owner_changed}END IF; RETURN NULL; END $$",
        "CREATE OR REPLACE FUNCTION sourcer_outreach_source() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF OLD.source IS DISTINCT FROM NEW.source THEN UPDATE outreach_summary SET source = NEW.source "
        "WHERE candidacy_id IN (SELECT id FROM candidacy WHERE talent_id = NEW.id); END IF; RETURN NULL; END $$",
        "DROP TRIGGER IF EXISTS outreach_touchpoint ON touchpoint",
        f"CREATE TRIGGER outreach_touchpoint AFTER INSERT OR DELETE OR UPDATE OF candidacy_id, kind, happened_at, step{template_of} ON touchpoint "
        "FOR EACH ROW EXECUTE FUNCTION sourcer_outreach_touchpoint()",
        "DROP TRIGGER IF EXISTS outreach_candidacy ON candidacy",
        f"CREATE TRIGGER outreach_candidacy AFTER DELETE OR UPDATE OF mission_id, talent_id{owner_of} ON candidacy "
        "FOR EACH ROW EXECUTE FUNCTION sourcer_outreach_candidacy()",
        "DROP TRIGGER IF EXISTS outreach_talent_source ON talent",
        "CREATE TRIGGER outreach_talent_source AFTER UPDATE OF source ON talent FOR EACH ROW EXECUTE FUNCTION sourcer_outreach_source()",
    ):
        db.execute_sql(sql)
    rebuild(db)


def add_column(db: peewee.Database, column: str) -> None:
    """Migrations 0036 to 0038: *column* (of :data:`LATER`) on a table made without
    it, the triggers again (each writes every column), every row again."""
    if not keeps(db, "outreach"):
        return
    if column not in _later(db):
        db.execute_sql(f"ALTER TABLE outreach_summary ADD COLUMN {column} TEXT")
    reinstall(db)


def reinstall(db: peewee.Database) -> None:
    """The triggers made again from :func:`summary_select` as it is now (each
    holds its SQL), and every row again: after a change of that SQL."""
    if not keeps(db, "outreach"):
        return
    if keeps_derived(db):  # SQLite's are made "IF NOT EXISTS"; PostgreSQL's functions are replaced
        for trigger in TRIGGERS:
            db.execute_sql(f"DROP TRIGGER IF EXISTS {trigger}")
    install(db)


def rebuild(db: peewee.Database) -> None:
    """Every summary row again, from the touchpoints."""
    if not keeps(db, "outreach"):
        return
    with db.atomic():
        db.execute_sql("DELETE FROM outreach_summary")
        later = _later(db)
        db.execute_sql(f"INSERT INTO outreach_summary ({_columns(later)}) {summary_select(db, '1 = 1', later)}")
