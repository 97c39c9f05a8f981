"""What the main screen does when a pane asks to log, close or snooze.

A mixin for :class:`~sourcer_tui.screens.main.MainScreen`: each flow asks
what it needs (which mission, which kind, why, how long) with small modals,
then calls one service — one transaction — and reloads the panes.
"""

from __future__ import annotations

from rich.text import Text

from ..domain.vocab import FEEDBACK_KINDS, TOUCHPOINT_KINDS
from ..services import privacy, snoozes, talents, touchpoints
from ..services.errors import ServiceError
from ..widgets.talent_actions import CloseRequest, LogRequest, SnoozeRequest

__all__ = ["TalentFlows"]

#: Kinds after which Capture opens: feedback owed, or the next step of a yes.
CAPTURE_AFTER = FEEDBACK_KINDS | {"reply_positive"}


class TalentFlows:
    """Needs ``self.app`` (settings, clock), ``self.capture`` and ``self.reload_all()``.

    Handlers use Textual's ``on_<message>`` names: ``@on`` decorators are only
    collected on Textual classes, not on a plain mixin like this one."""

    def _say(self, text: str, **kwargs) -> None:
        self.notify(Text(text).plain, markup=False, **kwargs)  # type: ignore[attr-defined]

    def _failed(self, error: ServiceError) -> None:
        self.notify(str(error), severity="error", markup=False)  # type: ignore[attr-defined]

    # -- logging contacts ---------------------------------------------------------------
    def on_log_request(self, event: LogRequest) -> None:
        event.stop()
        self.log_contact(event.talent_id, event.candidacy_id, event.kind)

    def log_contact(self, talent_id: int, candidacy_id: int | None, kind: str) -> None:
        """Log *kind* ("" asks which, "?" opens the full form) for a talent, asking which
        mission it is about when that is not known and the talent is in several."""
        try:
            name = talents.get_talent(talent_id).name
        except ServiceError as error:
            self._failed(error)
            return
        if candidacy_id is None:
            options = touchpoints.open_candidacies(talent_id)
            if len(options) == 1:
                candidacy_id = options[0][0]
            elif len(options) > 1:
                from ..modals.picker import PickerModal

                choices = [(cid, title) for cid, title in options] + [(0, "No mission (talent pool)")]

                def picked(value: int | None) -> None:
                    if value is not None:
                        self.log_contact_in(talent_id, value or None, kind, name)

                self.app.push_screen(PickerModal(f"Which mission is this contact with {name} about?", choices), picked)  # type: ignore[attr-defined]
                return
        self.log_contact_in(talent_id, candidacy_id, kind, name)

    def log_contact_in(self, talent_id: int, candidacy_id: int | None, kind: str, name: str) -> None:
        app = self.app  # type: ignore[attr-defined]
        if kind == "":
            from ..modals.kind_picker import kind_picker

            app.push_screen(kind_picker(name), lambda chosen: chosen and self.log_contact_in(talent_id, candidacy_id, chosen, name))
            return
        if kind == "?":
            from ..modals.touchpoint_forms import touchpoint_form

            def filled(data: dict | None) -> None:
                if data is not None:
                    self._write_log(talent_id, candidacy_id, data["kind"], name, channel=data["channel"], when=data["when"], summary=data["summary"])

            app.push_screen(touchpoint_form(f"Log a contact with {name}", app.clock.now), filled)
            return
        self._write_log(talent_id, candidacy_id, kind, name)

    def _write_log(self, talent_id: int, candidacy_id: int | None, kind: str, name: str, **details) -> None:
        app = self.app  # type: ignore[attr-defined]
        if kind == "reply_negative" and candidacy_id is not None:
            # a "no" is whole: logged with the reason and the feedback given, or not at all
            self.post_message(CloseRequest(candidacy_id, name, "declined", talent_id=talent_id, details=details))  # type: ignore[attr-defined]
            return
        try:
            touchpoint_id = touchpoints.log_touchpoint(talent_id, candidacy_id, kind, app.clock.now(), app.settings, **details)
        except ServiceError as error:
            self._failed(error)
            return
        self.reload_all()  # type: ignore[attr-defined]
        if kind in CAPTURE_AFTER:
            self.call_later(self.capture.open_capture, touchpoint_id)  # type: ignore[attr-defined]
        else:
            self._say(f"Logged: {TOUCHPOINT_KINDS[kind][0]} — {name}")

    # -- closing a candidacy ------------------------------------------------------------
    def on_close_request(self, event: CloseRequest) -> None:
        """Why it closes and the feedback given, then the stage, in one transaction:
        Esc on the form leaves the candidacy where it was (and a reply unlogged)."""
        event.stop()
        from ..modals.touchpoint_forms import closing_form

        app = self.app  # type: ignore[attr-defined]
        reasons = app.settings.talent.closing_reasons(event.outcome)
        reply = event.talent_id is not None  # a negative reply being logged with it

        def filled(data: dict | None) -> None:
            if data is None:
                self._say(f"{event.name}: nothing logged, the candidacy stays where it was" if reply else f"{event.name}: not moved")
                return
            now = app.clock.now()
            try:
                if reply:
                    touchpoints.log_decline(event.talent_id, event.candidacy_id, data, now, app.settings, **event.details)
                else:
                    touchpoints.close_candidacy(event.candidacy_id, event.outcome, data, reasons, now)
            except ServiceError as error:
                self._failed(error)
                return
            outcome = "rejected by us" if event.outcome == "rejected" else "declined"
            self._say(f"{event.name}: {outcome} — {data['reason']}")
            self.reload_all()  # type: ignore[attr-defined]
            if event.outcome == "declined":  # a "no" today may be a "yes" in six months
                talent_id = touchpoints.talent_of_candidacy(event.candidacy_id)
                self.post_message(SnoozeRequest(talent_id, event.candidacy_id, f"declined: {data['reason']}"))  # type: ignore[attr-defined]

        app.push_screen(closing_form(event.outcome, event.name, reasons, reply=reply), filled)

    # -- snoozing -------------------------------------------------------------------------
    def on_snooze_request(self, event: SnoozeRequest) -> None:
        event.stop()
        from ..domain.cadence import snooze_effect
        from ..modals.snooze_forms import snooze_details, snooze_presets

        app = self.app  # type: ignore[attr-defined]
        try:
            talent = talents.get_talent(event.talent_id)
            effect = snooze_effect(*snoozes.what_pauses(event.talent_id))
        except ServiceError as error:
            self._failed(error)
            return
        name = talent.name
        skip = app.settings.cadence.skip_weekends

        def detailed(preset, data: dict | None) -> None:
            if data is None:
                return
            now = app.clock.now()
            try:
                if preset[0] == "keep":
                    snoozes.keep_in_touch(event.talent_id, data["months"], now, skip)
                    self._say(f"{name}: keep in touch every {data['months']} months")
                else:
                    snoozes.snooze_talent(event.talent_id, data["until"], data["reason"], now, kind=data["kind"],
                                          candidacy_id=event.candidacy_id, skip_weekends=skip)
                    self._say(f"{name} snoozed until {data['until']:%a %d %b %Y}")
                    warning = privacy.retention_warning(data["until"], event.talent_id, app.settings.privacy.retention_months)
                    if warning:
                        self.notify(warning, severity="warning", markup=False, timeout=10)  # type: ignore[attr-defined]
            except ServiceError as error:
                self._failed(error)
                return
            self.reload_all()  # type: ignore[attr-defined]

        def preset_chosen(preset) -> None:
            if preset is None:
                return
            if preset[0] == "stop":
                self.stop_keeping_in_touch(event.talent_id, name)
                return
            form = snooze_details(preset, name, app.clock.today(), skip, event.reason)
            app.push_screen(form, lambda data: detailed(preset, data))

        presets = snooze_presets(name, app.settings.snooze.choices_months, effect, talent.keep_in_touch_months)
        app.push_screen(presets, preset_chosen)

    def _done(self, write, said: str) -> None:
        """Run one service call (one transaction): say *said* and reload, or say why not."""
        try:
            write()
        except ServiceError as error:
            self._failed(error)
            return
        self._say(said)
        self.reload_all()  # type: ignore[attr-defined]

    def stop_keeping_in_touch(self, talent_id: int, name: str) -> None:
        app = self.app  # type: ignore[attr-defined]
        stop = lambda: snoozes.stop_keep_in_touch(talent_id, app.clock.now(), app.settings.cadence.skip_weekends)  # noqa: E731
        self._done(stop, f"{name}: no longer kept in touch")

    def wake_talent(self, snooze_id: int, talent_id: int, name: str, kind: str) -> None:
        """End a snooze now; a keep-in-touch one asks whether to stop keeping in touch too."""
        app = self.app  # type: ignore[attr-defined]

        def wake() -> None:
            self._done(lambda: snoozes.wake(snooze_id, app.clock.now(), app.settings.cadence.skip_weekends), f"{name} is awake: recontact them")

        if kind != "keep_in_touch":
            wake()
            return
        from ..modals.choice import ChoiceModal

        def chosen(value: str | None) -> None:
            if value == "wake":
                wake()
            elif value == "stop":
                self.stop_keeping_in_touch(talent_id, name)

        app.push_screen(ChoiceModal(f"{name} is kept in touch with:", [
            ("w", "wake", "Wake now: the next keep-in-touch call stays planned"),
            ("s", "stop", "Stop keeping in touch (no more calls planned)"),
            ("escape", None, "Cancel"),
        ]), chosen)
