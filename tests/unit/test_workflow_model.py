"""A model of the whole workflow: any sequence of a sourcer's actions over an advancing
clock, with every commitment checked after every step (DESIGN.md, "Commitments").

Rules are what the keys do, through the same services: add a talent, move a stage,
log any contact, write a feedback with a next step, decline (with or without the
reply), reject, snooze (each preset), keep in touch (z k and the talent form), wake,
stop keeping in touch, accept a shortlist check-in (after a shortlisted candidacy
closes, or for a closed mission's whole shortlist), act on Today's rows (done, skip,
reschedule), let days pass, run the daily planning, merge two talents (J), say who
introduced a talent (the talent form's *Introduced by*, or the service), link an
introducer to a talent.  After every step:

* every pending follow-up, next step, wake-up and keep-in-touch call is in Today when
  due, or dated later and listed on the talent's screen; every feedback owed is in Today;
* a talent who replied, or was called or interviewed, has no pending follow-up until a
  new message goes out;
* no snooze outlives a reply; every active snooze has its end planned; only a snoozed
  talent's follow-ups are paused;
* a talent kept in touch has exactly one call planned, and none once it stops; a call
  tied to a candidacy (a shortlist check-in) is tied to one of its talent's and says so;
* a no is whole: a closed candidacy has its reason (and we gave feedback when we said no);
* Stats' steps, replies and reasons equal a recount; the tables kept by triggers equal
  a fresh computation;
* an introduced talent who reached interview or was hired has the thank-you owed to
  their introducer planned, done or skipped (never lost, never two pending); each
  thank-you done is one recognition; the Stats by introducer equal a recount.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter, defaultdict

import pytest
from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from sourcer_tui.config import Settings
from sourcer_tui.db import outreach, talent_keys
from sourcer_tui.db.database import open_database
from sourcer_tui.db.owners import set_login
from sourcer_tui.db.models import Candidacy, Introducer, Recognition, Reminder, Snooze, Talent, Touchpoint
from sourcer_tui.domain.introductions import progress
from sourcer_tui.domain.stats import group_reasons
from sourcer_tui.domain.stages import past_outreach
from sourcer_tui.domain.vocab import CLOSED_STAGES, FEEDBACK_KINDS
from sourcer_tui.domain.checkins import checkin_reason
from sourcer_tui.services import cadence, checkins, introducers, missions, panes, pipeline, reminders, snoozes, talents, touchpoints
from sourcer_tui.services.outreach import due_email_followups
from sourcer_tui.services.cadence import HIDDEN_KINDS
from sourcer_tui.services.errors import ServiceError
from sourcer_tui.services.stats import compute

SETTINGS = Settings()
START = dt.datetime(2026, 11, 23, 9, 0)  # a Monday
OPEN_STAGES = SETTINGS.pipeline.stages
#: Contacts logged through l / L (a negative reply logged alone, as when its reason form is left: it closes nothing).
LOGGED = ("approach", "followup", "call", "interview", "inbound", "reply_positive", "reply_negative", "event", "note")
REPLIES = snoozes.WAKING_KINDS
OUTREACH = ("approach", "followup")
#: Logged kinds the timeline's edit may change or delete in the model (neither replies nor closings).
CORRECTABLE = ("approach", "followup", "call", "interview", "event", "note")
TEMPLATE: dict = {}


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """One migrated file, copied for each example (migrating costs more than a run)."""
    path = tmp_path_factory.mktemp("model") / "template.db"
    open_database(path).close()
    TEMPLATE["path"] = path
    yield path
    TEMPLATE.clear()


class Workflow(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.runs = getattr(Workflow, "runs", 0) + 1
        Workflow.runs = self.runs
        self.path = TEMPLATE["path"].with_name(f"run-{self.runs}.db")
        shutil.copy(TEMPLATE["path"], self.path)
        self.db = open_database(self.path)
        self.now = START
        self.talents: list[int] = []
        self.missions: list[int] = []
        self.replied: set[int] = set()  # talents who replied and got no message since
        self.snoozes_at_reply: dict[int, int] = {}  # talent -> the last snooze id when they replied
        self.owners: dict[tuple[str, int], str | None] = {}  # (table, id) -> the owner it was written with
        set_login("")  # the single user, until a teammate takes the keyboard

    def teardown(self):
        self.db.close()
        self.path.unlink(missing_ok=True)
        for suffix in ("-wal", "-shm"):
            self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)

    @property
    def today(self) -> dt.date:
        return self.now.date()

    def _talent(self, index: int) -> int:
        return self.talents[index % len(self.talents)]

    def _candidacy(self, talent: int, which: int, *, open_only: bool = False) -> int | None:
        rows = list(Candidacy.select().where(Candidacy.talent == talent).order_by(Candidacy.id))
        if open_only:
            rows = [c for c in rows if c.stage not in CLOSED_STAGES]
        return rows[which % len(rows)].id if rows else None

    def _try(self, action) -> None:
        """A refused action (a ServiceError: what the screen shows as a message) changes nothing."""
        try:
            action()
        except ServiceError:
            pass

    def _replied(self, talent: int) -> None:
        self.replied.add(talent)
        self.snoozes_at_reply[talent] = Snooze.select(Snooze.id).order_by(Snooze.id.desc()).scalar() or 0

    # -- rules: what the keys do -------------------------------------------------------------
    @initialize()
    def missions_exist(self):
        self.missions = [missions.create_mission({"title": t}, self.now) for t in ("Backend", "Data")]

    @precondition(lambda self: len(self.talents) < 5)
    @rule(mission=st.sampled_from([None, 0, 1]), kit=st.sampled_from([None, None, 3]))
    def add_talent(self, mission, kit):
        data = {"name": f"Talent {len(self.talents)}"}
        if len(self.talents) % 2 == 0:  # send-due emails those with an address
            data["email"] = f"talent{len(self.talents)}@example.org"
        if kit:
            data["keep_in_touch_months"] = str(kit)
        talent = talents.create_talent(data, ["other"], self.now)
        self.talents.append(talent)
        if mission is not None:
            pipeline.add_to_mission(talent, self.missions[mission], self.now)

    @precondition(lambda self: self.talents)
    @rule(who=st.integers(0, 4), mission=st.sampled_from([0, 1]))
    def add_to_mission(self, who, mission):
        self._try(lambda: pipeline.add_to_mission(self._talent(who), self.missions[mission], self.now))

    @precondition(lambda self: self.talents)
    @rule(who=st.integers(0, 4), which=st.integers(0, 1), stage=st.sampled_from(OPEN_STAGES))
    def move_stage(self, who, which, stage):
        candidacy = self._candidacy(self._talent(who), which)
        if candidacy is not None:
            self._try(lambda: pipeline.move_stage(candidacy, stage, self.now))
            if past_outreach(OPEN_STAGES, stage):  # they answered: no follow-up of this mission left
                assert not Reminder.select().where((Reminder.candidacy == candidacy) & (Reminder.kind == "followup")
                                                   & (Reminder.status == "pending")).exists()

    @precondition(lambda self: self.talents)
    @rule(who=st.integers(0, 4), which=st.integers(0, 2), kind=st.sampled_from(LOGGED))
    def log(self, who, which, kind):
        talent = self._talent(who)
        candidacy = None if which == 2 else self._candidacy(talent, which)
        self._try(lambda: touchpoints.log_touchpoint(talent, candidacy, kind, self.now, SETTINGS))
        if kind in REPLIES:
            self._replied(talent)
            assert not Snooze.select().where((Snooze.talent == talent) & (Snooze.active == True)).exists()  # noqa: E712
        elif kind in FEEDBACK_KINDS:  # a call, an interview: a conversation stops the follow-ups as a reply does
            self.replied.add(talent)
        elif kind in OUTREACH and candidacy is not None:
            self.replied.discard(talent)

    @precondition(lambda self: self.talents)
    @rule(who=st.integers(0, 4), days=st.integers(0, 20), step=st.booleans())
    def feedback(self, who, days, step):
        """Capture: the talent's newest touchpoint owing feedback (or their newest contact)."""
        talent = self._talent(who)
        point = Touchpoint.select().where(Touchpoint.talent == talent).order_by(Touchpoint.needs_feedback.desc(), Touchpoint.id.desc()).first()
        if point is None:
            return
        data = {"feedback_given": "told them", **({"next_step": "call the CTO", "next_step_due": f"+{days}d"} if step else {})}
        self._try(lambda: touchpoints.save_feedback(point.id, data, self.now, skip_weekends=SETTINGS.cadence.skip_weekends))

    @precondition(lambda self: self.talents)
    @rule(who=st.integers(0, 4), which=st.integers(0, 1), reply=st.booleans(), reason=st.sampled_from(SETTINGS.talent.decline_reasons))
    def decline(self, who, which, reply, reason):
        """l x (the reply and the no, whole) or s → declined by talent."""
        talent = self._talent(who)
        candidacy = self._candidacy(talent, which, open_only=True)
        if candidacy is None:
            return
        data = {"reason": reason, "detail": "because" if reason == "other" else ""}
        if reply:
            self._try(lambda: touchpoints.log_decline(talent, candidacy, data, self.now, SETTINGS))
            self._replied(talent)
        else:
            self._try(lambda: touchpoints.close_candidacy(candidacy, "declined", data, SETTINGS.talent.decline_reasons, self.now))

    @precondition(lambda self: self.talents)
    @rule(who=st.integers(0, 4), which=st.integers(0, 1), reason=st.sampled_from(SETTINGS.talent.rejection_reasons))
    def reject(self, who, which, reason):
        candidacy = self._candidacy(self._talent(who), which, open_only=True)
        if candidacy is not None:
            data = {"reason": reason, "detail": "x", "feedback": "we went with someone closer to the role"}
            self._try(lambda: touchpoints.close_candidacy(candidacy, "rejected", data, SETTINGS.talent.rejection_reasons, self.now))

    @precondition(lambda self: self.talents)
    @rule(who=st.integers(0, 4), preset=st.sampled_from(["3m", "6m", "12m", "24m", "date", "trial"]), days=st.integers(1, 400))
    def snooze(self, who, preset, days):
        from sourcer_tui.domain.cadence import snooze_until, trial_end_wake

        if preset == "date":
            until, kind = self.today + dt.timedelta(days=days), "manual"
        elif preset == "trial":
            until, kind = trial_end_wake(self.today - dt.timedelta(days=days % 60), 4), "trial_end"
        else:
            until, kind = snooze_until(self.today, int(preset[:-1]), True), "manual"
        self._try(lambda: snoozes.snooze_talent(self._talent(who), until, "why", self.now, kind=kind))

    @precondition(lambda self: self.talents)
    @rule(who=st.integers(0, 4), months=st.integers(1, 24))
    def keep_in_touch(self, who, months):
        self._try(lambda: snoozes.keep_in_touch(self._talent(who), months, self.now, True))

    @precondition(lambda self: self.talents)
    @rule(who=st.integers(0, 4), months=st.one_of(st.none(), st.integers(1, 24)))
    def keep_in_touch_in_the_form(self, who, months):
        talent = self._talent(who)
        data = {**talents.talent_form_data(talents.get_talent(talent)), "keep_in_touch_months": "" if months is None else str(months)}
        self._try(lambda: talents.update_talent(talent, data, ["other"], self.now))

    @precondition(lambda self: self.talents)
    @rule(who=st.integers(0, 4), which=st.integers(0, 1), outcome=st.sampled_from(["declined", "rejected"]), months=st.integers(1, 24))
    def close_and_check_in(self, who, which, outcome, months):
        """s → declined / rejected on a candidacy, then enter on the check-in offered
        when it had reached interview (asked before the close, as the flow does)."""
        talent = self._talent(who)
        candidacy = self._candidacy(talent, which, open_only=True)
        if candidacy is None:
            return
        shortlisted = checkins.shortlisted(candidacy, OPEN_STAGES)
        reasons = SETTINGS.talent.closing_reasons(outcome)
        data = {"reason": reasons[0], "detail": "x", "feedback": "not this time"}
        self._try(lambda: touchpoints.close_candidacy(candidacy, outcome, data, reasons, self.now))
        if shortlisted:
            event("shortlist check-in accepted")
            self._try(lambda: checkins.accept([(talent, candidacy)], months, self.now, True))

    @rule(mission=st.sampled_from([0, 1]), months=st.integers(1, 24))
    def close_a_mission_and_check_in_with_its_shortlist(self, mission, months):
        """E → status closed, then enter on the offer: every shortlisted talent at once."""
        mission_id = self.missions[mission]
        missions.update_mission(mission_id, {**missions.mission_form_data(mission_id), "status": "closed"}, self.now)
        shortlist = checkins.mission_shortlist(mission_id, OPEN_STAGES)
        if shortlist:
            event("a mission's shortlist checked in with")
        self._try(lambda: checkins.accept([(s.talent_id, s.candidacy_id) for s in shortlist], months, self.now, True))

    @precondition(lambda self: self.talents)
    @rule(who=st.integers(0, 4))
    def wake(self, who):
        current = snoozes.active_snooze(self._talent(who))
        if current is not None:
            self._try(lambda: snoozes.wake(current.id, self.now))

    @precondition(lambda self: self.talents)
    @rule(who=st.integers(0, 4))
    def stop_keeping_in_touch(self, who):
        self._try(lambda: snoozes.stop_keep_in_touch(self._talent(who), self.now))

    @precondition(lambda self: self.talents)
    @rule(who=st.integers(0, 4), change=st.sampled_from(["earlier", "later", "note", "call", "delete"]), days=st.integers(1, 60))
    def correct_a_touchpoint(self, who, change, days):
        """The timeline's edit and delete of the talent's newest contact or note (kind, time), as the form saves it
        (not a reply nor a closing: the other rules keep what those mean)."""
        point = (Touchpoint.select().where((Touchpoint.talent == self._talent(who)) & Touchpoint.kind.in_(CORRECTABLE))
                 .order_by(Touchpoint.id.desc()).first())
        if point is None:
            return
        if change == "delete":
            touchpoints.delete_touchpoint(point.id)
            return
        shift = dt.timedelta(days=-days if change == "earlier" else days if change == "later" else 0)
        kind = change if change in ("note", "call") else point.kind
        self._try(lambda: touchpoints.update_touchpoint(point.id, kind=kind, channel=point.channel, happened_at=point.happened_at + shift,
                                                        summary=point.summary, now=self.now))

    @precondition(lambda self: self.talents)
    @rule(who=st.integers(0, 4), name=st.sampled_from(["Élodie Roux", "zoé MARTIN", "Œuvre Straße", "adam"]))
    def rename(self, who, name):
        talent = self._talent(who)
        data = {**talents.talent_form_data(talents.get_talent(talent)), "name": name}
        self._try(lambda: talents.update_talent(talent, data, ["other"], self.now))

    @precondition(lambda self: len(self.talents) >= 2)
    @rule(who=st.integers(0, 4), whom=st.integers(1, 4), choice=st.sampled_from(["kept", "other", "both"]))
    def merge_two(self, who, whom, choice):
        """J: the other talent merged into the one under the cursor, each differing field as *choice* says."""
        from sourcer_tui.services import merge

        kept = self._talent(who)
        other = self.talents[(self.talents.index(kept) + whom) % len(self.talents)]
        if other == kept:
            return
        plan = merge.plan_merge(kept, other, OPEN_STAGES)
        choices = {c.field: choice if choice != "both" or c.combinable else "kept" for c in plan.conflicts}
        merge.merge_talents(kept, other, choices, self.now, OPEN_STAGES, skip_weekends=SETTINGS.cadence.skip_weekends)
        self.talents.remove(other)
        # the merged talent is known to have replied only if both had (the other's
        # follow-ups and snoozes come with them)
        if other not in self.replied:
            self.replied.discard(kept)
        self.replied.discard(other)
        last = [self.snoozes_at_reply.pop(t) for t in (kept, other) if t in self.snoozes_at_reply]
        if len(last) == 2:
            self.snoozes_at_reply[kept] = min(last)
        assert not Talent.select().where(Talent.id == other).exists()
        for table in ("candidacy", "touchpoint", "reminder", "snooze"):
            assert self.db.execute_sql(f"SELECT COUNT(*) FROM {table} WHERE talent_id = ?", (other,)).fetchone() == (0,)

    @precondition(lambda self: self.talents)
    @rule(who=st.sets(st.integers(0, 4), min_size=1, max_size=5), which=st.integers(0, 1),
          action=st.sampled_from(["move", "decline", "reject", "snooze", "mission", "tag"]),
          stage=st.sampled_from(OPEN_STAGES), mission=st.sampled_from([0, 1]), days=st.integers(1, 400))
    def bulk_action(self, who, which, action, stage, mission, days):
        """The Pipeline's b on the rows selected with space or * (services/bulk.py): one transaction each."""
        from sourcer_tui.services import bulk

        chosen = list(dict.fromkeys(self._talent(i) for i in who))
        candidacies = [c for c in (self._candidacy(t, which, open_only=action in ("decline", "reject")) for t in chosen) if c is not None]
        if action == "move":
            self._try(lambda: bulk.move(candidacies, stage, self.now))
        elif action in ("decline", "reject"):
            outcome = "declined" if action == "decline" else "rejected"
            reasons = SETTINGS.talent.closing_reasons(outcome)
            data = {"reason": reasons[days % len(reasons)], "detail": "x", "feedback": "not this time"}
            self._try(lambda: bulk.close(candidacies, outcome, data, reasons, self.now))
        elif action == "snooze":
            self._try(lambda: bulk.snooze(chosen, self.today + dt.timedelta(days=days), "bulk", self.now))
        elif action == "mission":
            self._try(lambda: bulk.add_to_mission(chosen, self.missions[mission], self.now))
        else:
            self._try(lambda: bulk.tag(chosen, "bulk, Hot", self.now))
            assert all("hot" in talents.get_talent(t).tags.split(",") for t in chosen)

    @invariant()
    def the_talent_sort_keys_equal_a_recount(self):
        """last_contact_at and name_key (db/talent_keys.py), kept by triggers, equal a fresh computation."""
        from sourcer_tui.db.folding import fold

        last: dict[int, str] = {}
        for talent, kind, at in self.db.execute_sql("SELECT talent_id, kind, happened_at FROM touchpoint").fetchall():
            if kind not in talent_keys.NOT_CONTACTS:
                last[talent] = max(last.get(talent, at), at)
        kept = {tid: (key, at) for tid, key, at in self.db.execute_sql("SELECT id, name_key, last_contact_at FROM talent").fetchall()}
        assert kept == {tid: (fold(name), last.get(tid)) for tid, name in self.db.execute_sql("SELECT id, name FROM talent").fetchall()}

    @invariant()
    def the_talents_lists_of_stages_equal_a_recount(self):
        """candidacy_stages (db/stage_lists.py), kept by triggers, lists each talent's candidacies' stages."""
        from sourcer_tui.db import stage_lists

        stages: dict[int, list[str]] = {}
        for talent, stage in self.db.execute_sql("SELECT talent_id, stage FROM candidacy").fetchall():
            stages.setdefault(talent, []).append(stage)
        kept = dict(self.db.execute_sql("SELECT id, candidacy_stages FROM talent").fetchall())
        assert kept == {tid: stage_lists.SEPARATOR.join(sorted(stages.get(tid, []))) for tid in kept}

    @invariant()
    def the_search_index_and_initials_equal_a_recount(self):
        """Bulk tags and moves go through the triggers: the index holds exactly the talents' text."""
        self.db.execute_sql("INSERT INTO talent_fts(talent_fts) VALUES ('integrity-check')")
        from sourcer_tui.db.initials import name_initials

        kept = set(self.db.execute_sql("SELECT letter, talent_id FROM talent_initial").fetchall())
        assert kept == {(letter, t.id) for t in Talent.select() for letter in name_initials(t.name)}

    @rule(row=st.integers(0, 50), action=st.sampled_from(["done", "done", "skip", "reschedule"]), days=st.integers(0, 30))
    def act_in_today(self, row, action, days):
        """Today's keys on a row, as the main screen does them."""
        rows = list(panes.fetch_due(self.today, 0, 1000))
        if not rows:
            return
        item = rows[row % len(rows)]
        if item.kind == "missing_feedback":
            if action == "done":
                self._try(lambda: touchpoints.save_feedback(item.touchpoint_id, {"feedback_given": "done"}, self.now))
            return
        if action == "reschedule":
            self._try(lambda: reminders.reschedule(item.reminder_id, self.today + dt.timedelta(days=days)))
        elif action == "skip":
            self._try(lambda: reminders.skip(item.reminder_id, self.now, SETTINGS))
        elif item.kind == "keep_in_touch":  # d: log the contact made
            self._try(lambda: touchpoints.log_touchpoint(item.talent_id, None, "call", self.now, SETTINGS))
        elif item.kind == "wake_up" and item.snooze_id:
            self._try(lambda: snoozes.wake(item.snooze_id, self.now))
        else:
            self._try(lambda: reminders.complete(item.reminder_id, self.now, SETTINGS))
            if item.kind == "followup":
                self.replied.discard(item.talent_id)

    @precondition(lambda self: self.talents)
    @rule(who=st.integers(0, 4), name=st.sampled_from(["Paul Durand", "Anne Roux", ""]), form=st.booleans())
    def introduced_by(self, who, name, form):
        """Who introduced the talent: the talent form's *Introduced by*, or the service."""
        talent = self._talent(who)
        if form:
            values = talents.talent_form_data(talents.get_talent(talent))
            self._try(lambda: talents.update_talent(talent, {**values, "referred_by": name}, ["other"], self.now))
        else:
            self._try(lambda: introducers.set_introducer(talent, name, self.now))

    @precondition(lambda self: self.talents and Introducer.select().exists())
    @rule(who=st.integers(0, 4))
    def an_introducer_is_a_talent(self, who):
        """`l` on an introducer's page: they are a talent of the pool (their thanks go on their timeline)."""
        introducer = Introducer.select().order_by(Introducer.id).first()
        introducers.edit_introducer(introducer.id, {"name": introducer.name, "talent_id": self._talent(who)}, self.now)

    @rule(days=st.integers(0, 40), hour=st.integers(8, 19))
    def time_passes(self, days, hour):
        self.now = dt.datetime.combine(self.today + dt.timedelta(days=days), dt.time(hour, 0))

    @rule(login=st.sampled_from(["", "anna", "camille"]))
    def another_login_writes(self, login):
        """The file is shared: the next changes are made by *login* ("": the single user)."""
        set_login(login)

    @rule()
    def daily_planning(self):
        cadence.sweep(self.today, self.now, SETTINGS)

    @precondition(lambda self: self.talents)
    @rule(who=st.sets(st.integers(0, 4), min_size=1, max_size=3), which=st.integers(0, 1),
          change=st.sampled_from(["move", "reject", "snooze", "wake", "done", "skip", "bulk_move", "bulk_tag", "bulk_snooze"]),
          stage=st.sampled_from(OPEN_STAGES), days=st.integers(1, 400))
    def an_undoable_change(self, who, which, change, stage, days):
        """A change ctrl+z can take back, recorded as app.undoable records it (services/undo.py)."""
        from sourcer_tui.services import bulk, undo

        chosen = list(dict.fromkeys(self._talent(i) for i in who))
        first, candidacy = chosen[0], self._candidacy(chosen[0], which, open_only=change == "reject")
        due = Reminder.get_or_none((Reminder.talent == first) & (Reminder.status == "pending") & Reminder.kind.in_(("followup", "next_step")))
        active = snoozes.active_snooze(first)
        reasons = SETTINGS.talent.rejection_reasons
        changes = {
            "move": candidacy and (lambda: pipeline.move_stage(candidacy, stage, self.now)),
            "reject": candidacy and (lambda: touchpoints.close_candidacy(candidacy, "rejected", {"reason": reasons[0], "detail": "x", "feedback": "no"}, reasons, self.now)),
            "snooze": lambda: snoozes.snooze_talent(first, self.today + dt.timedelta(days=days), "why", self.now),
            "wake": active and (lambda: snoozes.wake(active.id, self.now)),
            "done": due and (lambda: reminders.complete(due.id, self.now, SETTINGS)),
            "skip": due and (lambda: reminders.skip(due.id, self.now, SETTINGS)),
            "bulk_move": lambda: bulk.move([c for c in (self._candidacy(t, which) for t in chosen) if c], stage, self.now),
            "bulk_tag": lambda: bulk.tag(chosen, "undo, Hot", self.now),
            "bulk_snooze": lambda: bulk.snooze(chosen, self.today + dt.timedelta(days=days), "bulk", self.now),
        }
        if not changes[change]:
            return
        try:
            with undo.recorded(change, chosen) as step:
                changes[change]()
        except ServiceError:
            return
        if step.after != step.before:
            self.__dict__.setdefault("undo_steps", []).append(step)

    @precondition(lambda self: getattr(self, "undo_steps", None))
    @rule()
    def ctrl_z(self):
        """The last change undone: exactly its rows before, or refused (nothing written) when they changed since."""
        from sourcer_tui.services import undo

        step = self.undo_steps.pop()
        now = undo.snapshot(step.talent_ids)
        try:
            undo.undo(step)
        except undo.Stale:
            assert now != step.after and undo.snapshot(step.talent_ids) == now
            event("ctrl+z refused: changed since")
            return
        assert now == step.after and undo.snapshot(step.talent_ids) == step.before
        event(f"ctrl+z undid: {step.label}")

    # -- invariants -----------------------------------------------------------------------------
    @invariant()
    def every_commitment_is_due_in_today_or_planned_on_the_talents_screen(self):
        rows = list(panes.fetch_due(self.today, 0, 100_000))
        assert panes.count_due(self.today)[0] == len(rows)
        in_today = {r.reminder_id for r in rows if r.reminder_id}
        pending = list(Reminder.select().where((Reminder.status == "pending") & Reminder.kind.not_in(HIDDEN_KINDS)))
        upcoming = {t: Counter((u.kind, u.due) for u in talents.upcoming(t)) for t in {r.talent_id for r in pending}}
        for reminder in pending:
            if reminder.due <= self.today:
                assert reminder.id in in_today, f"{reminder.kind} due {reminder.due} is hidden from Today"
            else:
                assert upcoming[reminder.talent_id][(reminder.kind, reminder.due)], f"{reminder.kind} on {reminder.due} not on the talent's screen"
        owed = Touchpoint.select(Touchpoint.id).where(
            Touchpoint.needs_feedback & Touchpoint.feedback_at.is_null() & (Touchpoint.happened_at < dt.datetime.combine(self.today + dt.timedelta(days=1), dt.time())))
        assert {t.id for t in owed} == {r.touchpoint_id for r in rows if r.touchpoint_id}

    @invariant()
    def a_reply_ends_follow_ups_and_snoozes(self):
        for talent in self.replied:
            assert not Reminder.select().where((Reminder.talent == talent) & (Reminder.kind == "followup") & (Reminder.status == "pending")).exists()
        for talent, last in self.snoozes_at_reply.items():
            assert not Snooze.select().where((Snooze.talent == talent) & (Snooze.active == True) & (Snooze.id <= last)).exists()  # noqa: E712

    @invariant()
    def every_snooze_has_its_end_and_pauses_only_its_talent(self):
        active = Counter(s.talent_id for s in Snooze.select().where(Snooze.active == True))  # noqa: E712
        assert all(n == 1 for n in active.values())
        for snooze in Snooze.select().where(Snooze.active == True):  # noqa: E712
            ends = Reminder.select().where((Reminder.snooze == snooze.id) & (Reminder.status == "pending") & Reminder.kind.in_(("wake_up", "keep_in_touch")))
            assert ends.count() == 1, f"snooze {snooze.kind} of talent {snooze.talent_id} has no end planned"
        paused = {r.talent_id for r in Reminder.select().where((Reminder.status == "pending") & Reminder.paused_days.is_null(False))}
        assert paused <= set(active)

    @invariant()
    def keeping_in_touch_plans_exactly_one_call(self):
        calls = Counter(r.talent_id for r in Reminder.select().where((Reminder.kind == "keep_in_touch") & (Reminder.status == "pending")))
        for talent in Talent.select():
            assert calls[talent.id] == (1 if talent.keep_in_touch_months else 0), f"talent {talent.id}: {calls[talent.id]} calls"
        tied = Reminder.select().where((Reminder.kind == "keep_in_touch") & (Reminder.status == "pending") & Reminder.candidacy.is_null(False))
        for call in tied:  # a shortlist check-in: one of the talent's own candidacies, and the call says it
            assert Candidacy.get_by_id(call.candidacy_id).talent_id == call.talent_id
            assert call.detail == checkin_reason(Talent.get_by_id(call.talent_id).keep_in_touch_months)

    @invariant()
    def a_no_is_whole(self):
        for candidacy in Candidacy.select().where(Candidacy.stage.in_(CLOSED_STAGES)):
            reasons = SETTINGS.talent.closing_reasons(candidacy.stage)
            assert candidacy.decline_reason in reasons and candidacy.closed_at is not None
            kind = ("rejection",) if candidacy.stage == "rejected" else ("decline", "reply_negative")
            closings = Touchpoint.select().where((Touchpoint.candidacy == candidacy.id) & Touchpoint.kind.in_(kind)
                                                 & Touchpoint.summary.contains(f"reason: {candidacy.decline_reason}"))
            closing = closings.order_by(Touchpoint.id.desc()).first()  # a later reply on the closed candidacy is just a reply
            assert closing is not None, f"{candidacy.stage} without the touchpoint saying why"
            if candidacy.stage == "rejected":
                assert closing.feedback_given

    @invariant()
    def every_introduction_that_went_far_has_its_thank_you(self):
        thanks = defaultdict(Counter)
        for r in Reminder.select().where(Reminder.kind == introducers.THANK):
            thanks[r.talent_id][(r.detail, r.status)] += 1
        for talent in Talent.select().where(Talent.introducer.is_null(False)):
            stages = [c.stage for c in Candidacy.select().where(Candidacy.talent == talent.id)]
            contacted = Candidacy.select().where((Candidacy.talent == talent.id) & Candidacy.first_contact_at.is_null(False)).exists()
            interviewed = Touchpoint.select().where((Touchpoint.talent == talent.id) & Touchpoint.kind.in_(("interview", "reverse_interview"))).exists()
            p = progress(stages, contacted, False, interviewed, OPEN_STAGES)
            live = {detail for (detail, status), n in thanks[talent.id].items() if status != "cancelled"}
            if p.hired:
                assert "hired" in live, f"talent {talent.id} hired: no thank-you for their introducer"
            elif p.interviewed:
                assert live & {"interview", "hired"}, f"talent {talent.id} reached interview: no thank-you for their introducer"
        for talent, counts in thanks.items():  # one thank-you per milestone (a merge keeps one of two)
            assert all(n == 1 for (_detail, status), n in counts.items() if status == "pending"), f"talent {talent}: {counts}"
        done = Counter((r.talent_id, r.detail) for r in Reminder.select().where((Reminder.kind == introducers.THANK) & (Reminder.status == "done")))
        assert done == Counter((r.talent_id, r.milestone) for r in Recognition.select())

    @invariant()
    def stats_by_introducer_equal_a_recount(self):
        lines = {f.introducer_id: f for f in introducers.by_introducer(stages=OPEN_STAGES)}
        recount: dict[int, list] = defaultdict(lambda: [0, 0, 0])
        for talent in Talent.select().where(Talent.introducer.is_null(False)):
            rows = list(Candidacy.select().where(Candidacy.talent == talent.id))
            line = recount[talent.introducer_id]
            line[0] += 1
            line[1] += any(c.first_contact_at is not None for c in rows)
            line[2] += any(c.stage == "hired" for c in rows)
        assert {i: [f.introductions, f.contacted, f.hired] for i, f in lines.items()} == dict(recount)
        assert all(f.name == Introducer.get_by_id(i).name for i, f in lines.items())

    @invariant()
    def every_due_item_is_in_its_owner_s_own_today(self):
        """Mine/team hides nothing: each login's Today is a part of the team's, and together they are all of it."""
        key = lambda rows: {(r.reminder_id, r.touchpoint_id) for r in rows}  # noqa: E731
        everyone = key(panes.fetch_due(self.today, 0, 100_000))
        views = {login: key(panes.fetch_due(self.today, 0, 100_000, login)) for login in ("", "anna", "camille")}
        assert set().union(*views.values()) == everyone
        for login, view in views.items():
            assert view <= everyone and panes.count_due(self.today, login)[0] == len(view)
            # send-due emails a login's own follow-ups only: each is in that login's Today
            emailed = {(r.id, None) for r in due_email_followups(self.today, login)}
            assert emailed <= view

    @invariant()
    def an_owner_is_never_lost(self):
        """A row keeps the owner it was written with, through every change.  A deleted
        row is forgotten (SQLite gives its id to the next row); one an undo brings
        back comes back whole, owner included (the ctrl_z rule checks every column)."""
        present = set()
        for model in (Candidacy, Touchpoint, Reminder, Snooze):
            for rid, owner in model.select(model.id, model.owner).tuples():
                assert owner in (None, "anna", "camille")
                key = (model._meta.table_name, rid)
                present.add(key)
                assert self.owners.setdefault(key, owner) == owner, (model, rid)
        self.owners = {key: owner for key, owner in self.owners.items() if key in present}

    @invariant()
    def stats_equal_a_recount(self):
        report = compute(None, None, SETTINGS.talent.decline_reasons, SETTINGS.talent.sources, rejection_reasons=SETTINGS.talent.rejection_reasons,
                         by_owner=True)
        closed = [(c.stage, c.decline_reason) for c in Candidacy.select().where(Candidacy.stage.in_(CLOSED_STAGES))]
        assert report.decline_reasons == group_reasons([(r, 1) for s, r in closed if s == "declined"], SETTINGS.talent.decline_reasons)
        assert report.rejection_reasons == group_reasons([(r, 1) for s, r in closed if s == "rejected"], SETTINGS.talent.rejection_reasons)
        # steps: a candidacy is contacted once a first message is logged; sent(k) counts those with step k
        contacted = {t.candidacy_id for t in Touchpoint.select().where((Touchpoint.kind == "approach") & Touchpoint.candidacy.is_null(False))}
        steps: dict[int, set] = defaultdict(set)
        for t in Touchpoint.select().where(Touchpoint.kind.in_(OUTREACH) & Touchpoint.candidacy.in_(contacted) & Touchpoint.step.is_null(False)):
            steps[t.step].add(t.candidacy_id)
        assert {s.step: s.sent for s in report.steps if s.sent} == {k: len(v) for k, v in steps.items()}
        replied = {t.candidacy_id for t in Touchpoint.select().where(Touchpoint.kind.in_(("reply_positive", "reply_negative")) & Touchpoint.candidacy.in_(contacted))}
        assert (report.overall.contacted, report.overall.replied) == (len(contacted), len(replied))
        owner_of = dict(Candidacy.select(Candidacy.id, Candidacy.owner).tuples())
        by_owner = {o: (sum(owner_of[c] == o or (o == "" and owner_of[c] is None) for c in contacted),
                        sum(owner_of[c] == o or (o == "" and owner_of[c] is None) for c in replied)) for o in {o or "" for o in owner_of.values()}}
        expected = {o: n for o, n in by_owner.items() if n[0]}
        if not set(expected) - {""}:  # every contact the single user's: no split to make (services/stats._split)
            expected = {}
        assert {o: (f.contacted, f.replied) for o, f in (report.by_owner or {}).items()} == expected
        kept = set(self.db.execute_sql(f"SELECT {outreach.COLUMNS} FROM outreach_summary").fetchall())
        assert kept == set(self.db.execute_sql(outreach.summary_select(self.db, "1 = 1")).fetchall())
        counts = dict(((m, s), n) for m, s, n in self.db.execute_sql("SELECT mission_id, stage, n FROM candidacy_count WHERE n > 0").fetchall())
        assert counts == dict(((m, s), n) for m, s, n in self.db.execute_sql("SELECT mission_id, stage, COUNT(*) FROM candidacy GROUP BY 1, 2").fetchall())


TestWorkflow = Workflow.TestCase
#: With the CI seed: 264 runs, 215 of them of 30 steps or more (49 for half of them), ~100 s.
TestWorkflow.settings = settings(max_examples=240, stateful_step_count=50, deadline=None)
TestWorkflow.pytestmark = [pytest.mark.slow]  # scheduled first (tests/conftest.py)


@pytest.fixture(autouse=True)
def _template(template):
    """Every test here runs on copies of the migrated template."""
