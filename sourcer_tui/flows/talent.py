"""A talent's flows: log a contact, close a candidacy, snooze, wake, keep in touch,
edit, add to a mission — from whichever pane or screen asked."""

from __future__ import annotations

from ..domain.vocab import FEEDBACK_KINDS, kind_label, picker_status, stage_label
from ..i18n import _, formats, ngettext
from ..services import checkins, introducers, missions, pipeline, privacy, snoozes, talents, touchpoints
from ..services.errors import ServiceError
from .base import Flow

__all__ = ["TalentFlow", "CAPTURE_AFTER"]

#: Kinds after which Capture opens: feedback owed, or the next step of a yes.
CAPTURE_AFTER = FEEDBACK_KINDS | {"reply_positive"}



class TalentFlow(Flow):
    # -- logging contacts ---------------------------------------------------------------
    def log_contact(self, talent_id: int, candidacy_id: int | None, kind: str) -> None:
        """Log *kind* ("" asks which, "?" opens the full form) for a talent, asking which
        mission it is about when that is not known and the talent is in several."""
        try:
            name = talents.get_talent(talent_id).name
        except ServiceError as error:
            self.failed(error)
            return
        if candidacy_id is None:
            options = touchpoints.open_candidacies(talent_id)
            if len(options) == 1:
                candidacy_id = options[0][0]
            elif len(options) > 1:
                from ..modals.picker import PickerModal

                choices = [(cid, title) for cid, title in options] + [(0, _("No mission (talent pool)"))]

                def picked(value: int | None) -> None:
                    if value is not None:
                        self._log_in(talent_id, value or None, kind, name)

                self.app.push_screen(PickerModal(_("Which mission is this contact with {name} about?").format(name=name), choices), picked)
                return
        self._log_in(talent_id, candidacy_id, kind, name)

    def _log_in(self, talent_id: int, candidacy_id: int | None, kind: str, name: str) -> None:
        app = self.app
        if kind == "":
            from ..modals.kind_picker import kind_picker

            app.push_screen(kind_picker(name), lambda chosen: chosen and self._log_in(talent_id, candidacy_id, chosen, name))
            return
        if kind == "?":
            from ..modals.touchpoint_forms import touchpoint_form

            def filled(data: dict | None) -> None:
                if data is not None:
                    self._write_log(talent_id, candidacy_id, data["kind"], name, channel=data["channel"], when=data["when"], summary=data["summary"])

            app.push_screen(touchpoint_form(_("Log a contact with {name}").format(name=name), app.clock.now), filled)
            return
        self._write_log(talent_id, candidacy_id, kind, name)

    def _write_log(self, talent_id: int, candidacy_id: int | None, kind: str, name: str, **details) -> None:
        """Log it — after the teammate warning, if a teammate contacted them lately."""
        self.unless_teammate(talent_id, kind, lambda: self._save_log(talent_id, candidacy_id, kind, name, **details),
                             _("{name}: nothing logged").format(name=name))

    def _save_log(self, talent_id: int, candidacy_id: int | None, kind: str, name: str, **details) -> None:
        app = self.app
        if kind == "reply_negative" and candidacy_id is not None:
            # a "no" is whole: logged with the reason and the feedback given, or not at all
            self.close(candidacy_id, name, "declined", talent_id=talent_id, details=details)
            return
        try:
            with app.undoable(_("logged: {kind} — {name}").format(kind=kind_label(kind), name=name), [talent_id]):
                touchpoint_id = touchpoints.log_touchpoint(talent_id, candidacy_id, kind, app.clock.now(), app.settings, **details)
        except ServiceError as error:
            self.failed(error)
            return
        app.data_changed()
        if kind in CAPTURE_AFTER:
            app.open_capture(touchpoint_id)
        else:
            self.say(_("Logged: {kind} — {name}").format(kind=kind_label(kind), name=name))

    # -- closing a candidacy ------------------------------------------------------------
    def close(self, candidacy_id: int, name: str, outcome: str, *, talent_id: int | None = None, details: dict | None = None) -> None:
        """Why it closes and the feedback given, then the stage, in one transaction:
        Esc on the form leaves the candidacy where it was (and a reply unlogged).
        With *talent_id*, the negative reply (*details*: channel, when, summary) is logged with it."""
        from ..modals.touchpoint_forms import closing_form, reason_label

        app = self.app
        reasons = app.settings.talent.closing_reasons(outcome)
        reply = talent_id is not None

        def filled(data: dict | None) -> None:
            if data is None:
                if reply:
                    self.say(_("{name}: nothing logged, the candidacy stays where it was").format(name=name))
                else:
                    self.say(_("{name}: not moved").format(name=name))
                return
            now = app.clock.now()
            try:
                whose = talent_id if reply else touchpoints.talent_of_candidacy(candidacy_id)
                shortlisted = checkins.shortlisted(candidacy_id, app.settings.pipeline.stages)  # before its stage is overwritten
                with app.undoable(_("moved {name} to {stage}").format(name=name, stage=stage_label(outcome)), [whose]):
                    if reply:
                        touchpoints.log_decline(talent_id, candidacy_id, data, now, app.settings, **(details or {}))
                    else:
                        touchpoints.close_candidacy(candidacy_id, outcome, data, reasons, now)
            except ServiceError as error:
                self.failed(error)
                return
            reason = reason_label(data["reason"])
            if outcome == "rejected":
                self.say(_("{name}: rejected by us — {reason}").format(name=name, reason=reason))
            else:
                self.say(_("{name}: declined — {reason}").format(name=name, reason=reason))
            app.data_changed()
            snooze = None
            if outcome == "declined":  # a "no" today may be a "yes" in six months
                snooze = lambda: self.snooze(whose, candidacy_id, _("declined: {reason}").format(reason=reason))  # noqa: E731
            if shortlisted:  # on the shortlist: a call every few months, even with no job to offer
                app.call_later(app.checkin_flow.offer, whose, candidacy_id, name, otherwise=snooze)
            elif snooze is not None:
                app.call_later(snooze)

        app.push_screen(closing_form(outcome, name, reasons, reply=reply), filled)

    # -- snoozing -------------------------------------------------------------------------
    def snooze(self, talent_id: int, candidacy_id: int | None, reason: str = "") -> None:
        """How long and why (a preset, then its details); says what the snooze pauses."""
        from ..domain.cadence import snooze_effect
        from ..modals.snooze_forms import snooze_details, snooze_presets

        app = self.app
        try:
            talent = talents.get_talent(talent_id)
            effect = snooze_effect(*snoozes.what_pauses(talent_id))
            current = snoozes.active_snooze(talent_id)
        except ServiceError as error:
            self.failed(error)
            return
        name = talent.name
        skip = app.settings.cadence.skip_weekends

        def detailed(preset, data: dict | None) -> None:
            if data is None:
                return
            now = app.clock.now()
            try:
                if preset[0] == "keep":
                    kept = ngettext("keep in touch with {name} every {n} month", "keep in touch with {name} every {n} months", data["months"])
                    with app.undoable(kept.format(name=name, n=data["months"]), [talent_id]):
                        snoozes.keep_in_touch(talent_id, data["months"], now, skip)
                    self.say(_("{name}: keep in touch every {n} months").format(name=name, n=data["months"]))
                else:
                    until = formats.day_month_year(data["until"])
                    with app.undoable(_("snoozed {name} until {day}").format(name=name, day=until), [talent_id]):
                        snoozes.snooze_talent(talent_id, data["until"], data["reason"], now, kind=data["kind"],
                                              candidacy_id=candidacy_id, skip_weekends=skip)
                    self.say(_("{name} snoozed until {day}").format(name=name, day=formats.day_month_year(data["until"])))
                    warning = privacy.retention_warning(data["until"], talent_id, app.settings.privacy.retention_months)
                    if warning:
                        app.notify(warning, severity="warning", markup=False, timeout=10)
            except ServiceError as error:
                self.failed(error)
                return
            app.data_changed()

        def preset_chosen(preset) -> None:
            if preset is None:
                return
            if preset[0] == "stop":
                self.stop_keeping_in_touch(talent_id, name)
                return
            form = snooze_details(preset, name, app.clock.today(), skip, reason)
            app.push_screen(form, lambda data: detailed(preset, data))

        replaces = ""
        if current is not None:  # said before it goes: a new snooze ends this one
            day = formats.weekday_date(current.until)
            replaces = (_("Snoozed until {day} now ({reason}): a new snooze replaces it.").format(day=day, reason=current.reason)
                        if current.reason else _("Snoozed until {day} now: a new snooze replaces it.").format(day=day))
        presets = snooze_presets(name, app.settings.snooze.choices_months, effect, talent.keep_in_touch_months, replaces)
        app.push_screen(presets, preset_chosen)

    def stop_keeping_in_touch(self, talent_id: int, name: str) -> None:
        app = self.app
        def stop() -> None:
            with app.undoable(_("stopped keeping in touch with {name}").format(name=name), [talent_id]):
                snoozes.stop_keep_in_touch(talent_id, app.clock.now(), app.settings.cadence.skip_weekends)

        self.done(stop, _("{name}: no longer kept in touch").format(name=name))

    def wake(self, snooze_id: int, talent_id: int, name: str, kind: str) -> None:
        """End a snooze now; a keep-in-touch one asks whether to stop keeping in touch too."""
        app = self.app

        def woken() -> None:
            with app.undoable(_("woke {name} up").format(name=name), [talent_id]):
                snoozes.wake(snooze_id, app.clock.now(), app.settings.cadence.skip_weekends)

        def wake() -> None:
            self.done(woken, _("{name} is awake: recontact them").format(name=name))

        if kind != "keep_in_touch":
            wake()
            return
        from ..modals.choice import ChoiceModal

        def chosen(value: str | None) -> None:
            if value == "wake":
                wake()
            elif value == "stop":
                self.stop_keeping_in_touch(talent_id, name)

        app.push_screen(ChoiceModal(_("{name} is kept in touch with:").format(name=name), [
            ("w", "wake", _("Wake now: the next keep-in-touch call stays planned")),
            ("s", "stop", _("Stop keeping in touch (no more calls planned)")),
            ("escape", None, _("Cancel")),
        ]), chosen)

    # -- the talent's record and missions ------------------------------------------------
    def edit(self, talent_id: int, values: dict[str, str] | None = None, version: int | None = None) -> None:
        """The talent form on a stored talent; the save names the version the form
        was filled from (*values* and *version*: back to editing after a conflict)."""
        from ..modals.records import talent_form

        app = self.app
        sources = app.settings.talent.sources
        try:
            stored = talents.get_talent(talent_id)
        except ServiceError as error:
            self.failed(error)
            return
        if values is None:
            values, version = talents.talent_form_data(stored), stored.version

        def saved(data: dict[str, str] | None) -> None:
            if data is not None:
                self._save(talent_id, data, version)

        app.push_screen(talent_form(sources, values, introducers=introducers.names()), saved)

    def _save(self, talent_id: int, data: dict[str, str], version: int | None) -> None:
        app = self.app
        try:
            talents.update_talent(talent_id, data, app.settings.talent.sources, app.clock.now(),
                                  skip_weekends=app.settings.cadence.skip_weekends, version=version)
        except talents.TalentConflict as conflict:
            self._conflict(talent_id, data, conflict)
            return
        except ServiceError as error:
            self.failed(error)
            return
        self.say(_("Saved: {name}").format(name=data["name"]))
        app.data_changed()

    def _conflict(self, talent_id: int, mine: dict[str, str], conflict: talents.TalentConflict) -> None:
        """Changed elsewhere while the form was open: both versions where they differ;
        keep theirs, save mine over theirs (knowingly), or back to the form with mine."""
        from ..modals.conflict import ConflictModal

        app = self.app
        app.data_changed()  # the panes show theirs meanwhile

        def chosen(choice: str | None) -> None:
            if choice == "theirs":
                self.say(_("Kept theirs: {name}").format(name=conflict.theirs.get("name", "")))
            elif choice == "mine":
                self._save(talent_id, mine, conflict.version)
            else:
                self.edit(talent_id, mine, conflict.version)

        question = _("{name} was changed elsewhere (another window or a teammate) while you edited. "
                     "Yours is not saved yet:").format(name=conflict.theirs.get("name", ""))
        app.push_screen(ConflictModal(question, conflict.differences, [
            ("t", "theirs", _("Keep theirs: drop my changes")),
            ("m", "mine", _("Overwrite with mine")),
            ("e,escape", "edit", _("Back to editing (my text stays in the form)")),
        ]), chosen)

    def add_to_mission(self, talent_id: int, name: str) -> None:
        """Which open mission (a picker), then add them at the first stage."""
        from ..modals.picker import PickerModal

        options = [(m.id, f"{m.display}  [{picker_status(m.status)}]") for m in missions.list_missions() if m.status != "closed"]
        if not options:
            self.app.notify(_("No open mission yet: press M to create one."), severity="warning")
            return

        def chosen(mission_id: int | None) -> None:
            if mission_id is not None:
                self.add(talent_id, mission_id, name)

        self.app.push_screen(PickerModal(_("Add {name} to which mission? (esc: none)").format(name=name), options), chosen)

    def add(self, talent_id: int, mission_id: int, name: str) -> None:
        app = self.app
        try:
            pipeline.add_to_mission(talent_id, mission_id, app.clock.now(), app.settings.pipeline.stages[0], app.settings.pipeline.stages)
            title = missions.get_mission(mission_id).title
        except ServiceError as error:
            self.failed(error)
            return
        self.say(_("{name} added to {title}").format(name=name, title=title))
        app.data_changed(added=(talent_id, mission_id))
