"""Files of older versions made to follow the snooze rule, and old demo files marked demo.

* The snooze rule (services/snoozes.py): every active snooze has its end
  pending, a keep-in-touch snooze ending on the keep-in-touch call; a
  talent kept in touch has exactly one call planned; any reply ends any
  snooze.  Older versions left files that break it: a reply did not end a
  keep-in-touch snooze; a wake-up skipped (``x``) or done left its snooze on
  with no end, the talent hidden for good; a call done left a talent kept in
  touch with no call; a wake-up rescheduled (``r``) moved without its snooze;
  the demo's keep-in-touch snoozes ended on a ``wake_up``.  The rows are
  repaired as services/snooze_repair.py repairs an imported export (the
  module's docstring lists each repair and why), in SQL of this migration's
  time; the tests run both on the same files and compare every row.
  Nothing is paused here: migration 0012 paused what snoozes hid then, and a
  follow-up left unpaused since was rescheduled on purpose.
* ``meta demo``: before migration 0013 demo files carried no mark, and their
  generated addresses were at real domains (gmail.com, free.fr…, the demo
  companies' .com/.io/.fr).  A file holding the demo generators' missions
  whose addresses are mostly the old generator's is marked demo: it then
  sends mail only to a test server on this machine (services/mail.py).

Dates and times are computed from the machine's clock when the file is
first opened by this version; the weekend rule is the default one (a call
due on a Saturday moves to Monday).
"""

import datetime as dt

from sourcer_tui.db.values import as_date, as_datetime
from sourcer_tui.domain.cadence import MAX_SNOOZE_MONTHS, keep_in_touch_due, keep_in_touch_reason
from sourcer_tui.domain.dates import skip_weekend

WAKING = ("inbound", "reply_positive", "reply_negative")
PAUSED = ("followup", "auto_snooze")
NOT_CONTACTS = ("note",)

# -- the old demo generators (services/demo.py before migration 0013) ---------------------
#: build_demo's missions (title, client); build_scale's first two (title, client, notes).
DEMO_MISSIONS = (("Senior Backend Engineer", "Lumen Health"), ("Product Designer", "Kiosk"),
                 ("Data Engineer", "Vélo Cargo"), ("Engineering Manager", "Atelier Nord"))
SCALE_MISSIONS = (("Senior Backend Engineer", "Lumen Health", "Senior Backend Engineer for Lumen Health."),
                  ("Backend Engineer (Go)", "Comptoir Data", "Backend Engineer (Go) for Comptoir Data."))
OLD_PERSONAL_DOMAINS = frozenset({"free.fr", "gmail.com", "hey.com", "icloud.com", "laposte.net", "orange.fr",
                                  "outlook.fr", "proton.me", "yahoo.fr"})
OLD_COMPANY_SLUGS = frozenset({
    "atlasretail", "banquelazare", "briochelabs", "capgemini", "cargoco", "comptoirdata", "fermedigitale",
    "fjordanalytics", "galettesystems", "hexasante", "kermitgames", "lumiererobotics", "mistrallogistique",
    "mosaiquemedia", "nuagebleu", "octave", "orbemobility", "papyruspay", "pivotassurances", "polariscloud",
    "quai14", "rivagebank", "salinesenergie", "semaphore", "studioruche", "tilleul", "trame", "verdure",
})
OLD_COMPANY_TLDS = (".com", ".io", ".fr")


def old_demo_domain(domain: str) -> bool:
    """Whether the old demo generators gave addresses at *domain*."""
    domain = domain.strip().lower()
    if domain in OLD_PERSONAL_DOMAINS:
        return True
    name, dot, tld = domain.rpartition(".")
    return bool(dot) and f".{tld}" in OLD_COMPANY_TLDS and name in OLD_COMPANY_SLUGS


class _Repair:
    """services/snooze_repair.repair over raw SQL (*never_paused* aside: see above)."""

    def __init__(self, db, now: dt.datetime, skip_weekends: bool):
        self.db, self.p = db, db.param
        self.now, self.today, self.skip_weekends = now, now.date(), skip_weekends

    def sql(self, query: str, params=()):
        return self.db.execute_sql(query, tuple(params))

    def active(self):
        """``(id, talent_id, candidacy_id, until, reason, kind, created_at)`` of every active snooze."""
        return self.sql(f"SELECT id, talent_id, candidacy_id, until, reason, kind, created_at FROM snooze "
                        f"WHERE active = {self.p} ORDER BY id", (True,)).fetchall()

    def active_of(self, talent_id):
        return self.sql(f"SELECT id, kind FROM snooze WHERE talent_id = {self.p} AND active = {self.p} ORDER BY id",
                        (talent_id, True)).fetchone()

    def pending_ends(self, snooze_id, kinds=("wake_up", "keep_in_touch")):
        marks = ", ".join([self.p] * len(kinds))
        return self.sql(f"SELECT id, due FROM reminder WHERE snooze_id = {self.p} AND status = 'pending' "
                        f"AND kind IN ({marks}) ORDER BY id", (snooze_id, *kinds)).fetchall()

    def months(self, talent_id):
        value = self.sql(f"SELECT keep_in_touch_months FROM talent WHERE id = {self.p}", (talent_id,)).fetchone()[0]
        return value if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_SNOOZE_MONTHS else None

    # -- services/snoozes, in SQL ------------------------------------------------------
    def paused(self, talent_id):
        return self.sql(f"SELECT id, kind, due, paused_days FROM reminder WHERE talent_id = {self.p} AND status = 'pending' "
                        f"AND kind IN ({self.p}, {self.p}) AND paused_days IS NOT NULL", (talent_id, *PAUSED)).fetchall()

    def end_active(self, talent_id, status):
        """snoozes._end_active: the snooze over, its end *status*, a call untied, the cadence resumed."""
        p, now = self.p, self.now
        snooze = self.active_of(talent_id)
        if snooze is None:
            return
        self.sql(f"UPDATE snooze SET active = {p}, woken_at = {p} WHERE id = {p}", (False, now, snooze[0]))
        self.sql(f"UPDATE reminder SET snooze_id = NULL WHERE snooze_id = {p} AND kind = 'keep_in_touch' AND status = 'pending'",
                 (snooze[0],))
        self.sql(f"UPDATE reminder SET status = {p}, done_at = {p} WHERE snooze_id = {p} AND status = 'pending'",
                 (status, now, snooze[0]))
        for reminder_id, kind, due, paused_days in self.paused(talent_id):
            resumed = self.today + dt.timedelta(days=paused_days)
            if kind == "followup" and self.skip_weekends:
                resumed = skip_weekend(resumed)
            self.sql(f"UPDATE reminder SET due = {p}, paused_days = NULL WHERE id = {p}",
                     (min(resumed, as_date(due)), reminder_id))

    def repause(self, talent_id, until):
        for reminder_id, _kind, _due, paused_days in self.paused(talent_id):
            self.sql(f"UPDATE reminder SET due = {self.p} WHERE id = {self.p}", (until + dt.timedelta(days=paused_days), reminder_id))

    def call_due(self, talent_id, months):
        last = self.sql(f"SELECT MAX(happened_at) FROM touchpoint WHERE talent_id = {self.p} AND kind NOT IN ({self.p})",
                        (talent_id, *NOT_CONTACTS)).fetchone()[0]
        due = keep_in_touch_due(as_date(last) or self.today, months, self.skip_weekends)
        return max(due, self.today + dt.timedelta(days=1))

    def plan_call(self, talent_id, due, detail, snooze_id=None):
        """snoozes._plan_call: the first pending call (by id) moved to *due*, the others cancelled."""
        p = self.p
        pending = [row[0] for row in self.sql(f"SELECT id FROM reminder WHERE talent_id = {p} AND status = 'pending' "
                                              f"AND kind = 'keep_in_touch' ORDER BY id", (talent_id,)).fetchall()]
        if pending:
            tie = f", snooze_id = {p}" if snooze_id is not None else ""
            params = (due, detail, *((snooze_id,) if snooze_id is not None else ()), pending[0])
            self.sql(f"UPDATE reminder SET due = {p}, detail = {p}{tie} WHERE id = {p}", params)
            for extra in pending[1:]:
                self.sql(f"UPDATE reminder SET status = 'cancelled', done_at = {p} WHERE id = {p}", (self.now, extra))
            return
        self.sql(f"INSERT INTO reminder (talent_id, snooze_id, kind, due, detail, status, created_at) "
                 f"VALUES ({p}, {p}, 'keep_in_touch', {p}, {p}, 'pending', {p})", (talent_id, snooze_id, due, detail, self.now))

    def follow_calls(self, talent_id, months):
        """snoozes._follow_calls: the call N months after the last contact, a keep-in-touch snooze with it."""
        due = self.call_due(talent_id, months)
        snooze = self.active_of(talent_id)
        tied = snooze is not None and snooze[1] == "keep_in_touch"
        reason = keep_in_touch_reason(months)
        self.plan_call(talent_id, due, reason, snooze[0] if tied else None)
        if tied:
            self.sql(f"UPDATE snooze SET until = {self.p}, reason = {self.p} WHERE id = {self.p}", (due, reason, snooze[0]))
            self.repause(talent_id, due)

    # -- the repairs, in services/snooze_repair's order ---------------------------------
    def end_replied(self):
        p = self.p
        for snooze_id, talent_id, _c, _u, _r, _k, created_at in self.active():
            last = self.sql(f"SELECT MAX(happened_at) FROM touchpoint WHERE talent_id = {p} AND kind IN ({p}, {p}, {p})",
                            (talent_id, *WAKING)).fetchone()[0]
            made = as_datetime(created_at)
            if last is not None and made is not None and as_date(last) > made.date():
                self.end_active(talent_id, "done")

    def end_handled(self):
        p = self.p
        for snooze_id, talent_id, _c, _u, _r, kind, _m in self.active():
            if kind == "keep_in_touch" or self.pending_ends(snooze_id):
                continue
            last = self.sql(f"SELECT status FROM reminder WHERE snooze_id = {p} AND kind = 'wake_up' ORDER BY id DESC",
                            (snooze_id,)).fetchone()
            if last is not None and last[0] in ("done", "skipped"):
                self.end_active(talent_id, "done")

    def drop_stray_ends(self):
        p = self.p
        over = f"snooze_id IN (SELECT id FROM snooze WHERE active = {p})"
        self.sql(f"UPDATE reminder SET status = 'cancelled', done_at = {p} WHERE status = 'pending' AND kind = 'wake_up' AND {over}",
                 (self.now, False))
        self.sql(f"UPDATE reminder SET snooze_id = NULL WHERE status = 'pending' AND kind = 'keep_in_touch' AND {over}", (False,))

    def plan_ends(self):
        p = self.p
        for snooze_id, talent_id, candidacy_id, until, reason, kind, _m in self.active():
            months = self.months(talent_id)
            if kind == "keep_in_touch":
                detail = keep_in_touch_reason(months) if months else reason
                self.sql(f"UPDATE reminder SET kind = 'keep_in_touch', detail = {p} WHERE snooze_id = {p} "
                         f"AND kind = 'wake_up' AND status = 'pending'", (detail, snooze_id))
                if not self.pending_ends(snooze_id, ("keep_in_touch",)):
                    if months:
                        self.follow_calls(talent_id, months)
                    else:
                        self.plan_call(talent_id, max(as_date(until), self.today + dt.timedelta(days=1)), reason, snooze_id)
            else:
                self.sql(f"UPDATE reminder SET snooze_id = NULL WHERE snooze_id = {p} AND kind = 'keep_in_touch' "
                         f"AND status = 'pending'", (snooze_id,))
                if not self.pending_ends(snooze_id, ("wake_up",)):
                    self.sql(f"INSERT INTO reminder (talent_id, candidacy_id, snooze_id, kind, due, detail, status, created_at) "
                             f"VALUES ({p}, {p}, {p}, 'wake_up', {p}, {p}, 'pending', {p})",
                             (talent_id, candidacy_id, snooze_id, as_date(until), reason or "snooze ends", self.now))
            ends = self.pending_ends(snooze_id)
            now_until = as_date(self.sql(f"SELECT until FROM snooze WHERE id = {p}", (snooze_id,)).fetchone()[0])
            if ends and as_date(ends[0][1]) != now_until:
                end = as_date(ends[0][1])
                self.sql(f"UPDATE snooze SET until = {p} WHERE id = {p}", (end, snooze_id))
                self.repause(talent_id, end)

    def one_call_each(self):
        p = self.p
        calls = {}
        for call_id, talent_id, snooze_id in self.sql(
                "SELECT id, talent_id, snooze_id FROM reminder WHERE kind = 'keep_in_touch' AND status = 'pending' "
                "ORDER BY due, id").fetchall():
            calls.setdefault(talent_id, []).append((call_id, snooze_id))
        active = {row[0] for row in self.sql(f"SELECT id FROM snooze WHERE active = {p}", (True,)).fetchall()}
        talents = self.sql("SELECT id FROM talent WHERE keep_in_touch_months IS NOT NULL ORDER BY id").fetchall()
        for (talent_id,) in talents:
            months = self.months(talent_id)
            if not months:
                continue
            mine = calls.get(talent_id, [])
            if not mine:
                self.follow_calls(talent_id, months)
            elif len(mine) > 1:
                keep = next((c for c in mine if c[1] in active), mine[0])
                for call_id, _s in mine:
                    if call_id != keep[0]:
                        self.sql(f"UPDATE reminder SET status = 'cancelled', done_at = {p} WHERE id = {p}", (self.now, call_id))

    def run(self):
        self.end_replied()
        self.end_handled()
        self.drop_stray_ends()
        self.plan_ends()
        self.one_call_each()


def repair(db, now: dt.datetime, skip_weekends: bool = True) -> None:
    """The snooze rule on every row (what services/snooze_repair.repair does)."""
    _Repair(db, now, skip_weekends).run()


def is_old_demo(db) -> bool:
    """Whether the file holds an old demo generator's data: its missions, and
    mostly its addresses (a file the sourcer filled with real talents is theirs)."""
    p = db.param
    missions = set(db.execute_sql("SELECT title, client, notes FROM mission").fetchall())
    pairs = {(title, client) for title, client, _notes in missions}
    if not (set(DEMO_MISSIONS) <= pairs or set(SCALE_MISSIONS) <= missions):
        return False
    emails = [row[0] for row in db.execute_sql(f"SELECT email FROM talent WHERE email != {p}", ("",)).fetchall()]
    generated = sum(1 for email in emails if old_demo_domain(email.rpartition("@")[2]))
    return generated * 2 > len(emails)


def mark_old_demo(db) -> None:
    p = db.param
    if db.execute_sql(f"SELECT 1 FROM meta WHERE key = {p}", ("demo",)).fetchone() is None and is_old_demo(db):
        db.execute_sql(f"INSERT INTO meta (key, value) VALUES ({p}, {p})", ("demo", "1"))


def up(migrator, db):
    repair(db, dt.datetime.now().replace(microsecond=0))
    mark_old_demo(db)
