"""Approaching a talent and following up: the message, previewed and editable, then copied or sent.

``o`` (any list): the first-message template filled in for the talent and their
mission, editable; ctrl+s copies it and opens their profile, then ``l`` logs it
as sent — the text actually sent and the template it came from, step 0, the
follow-ups planned as ``l o`` plans them.

Today ``t``: the follow-up's template, previewed and editable, then copied (OSC
52, works over ssh/tmux) and the profile opened; ``d`` then logs it as sent with
that text.  Today ``E``: previewed and editable, then emailed through the user's
SMTP server off the UI thread, and logged as sent only once the server accepted it.
"""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text

from ..i18n import _, formats
from ..services.errors import ServiceError
from .base import Flow

__all__ = ["OutreachFlow"]


class OutreachFlow(Flow):
    def __init__(self, app) -> None:
        super().__init__(app)
        #: reminder id -> the message copied for it and its template (logged with the follow-up when done)
        self._copied: dict[int, tuple[str, str]] = {}

    def copied_message(self, reminder_id: int | None) -> str:
        return self._copied.get(reminder_id, ("", ""))[0]

    def copied_template(self, reminder_id: int | None) -> str:
        return self._copied.get(reminder_id, ("", ""))[1]

    # -- the first message ----------------------------------------------------------------
    def first_message(self, talent_id: int, candidacy_id: int | None) -> None:
        """Preview the first message for a talent (asking which mission when they are in
        several and none is selected), copy it, open their profile, then offer to log it."""
        from ..services import talents, touchpoints

        try:
            name = talents.get_talent(talent_id).name
            options = touchpoints.open_candidacies(talent_id) if candidacy_id is None else []
        except ServiceError as error:
            self.failed(error)
            return
        if candidacy_id is None and len(options) == 1:
            candidacy_id = options[0][0]
        elif candidacy_id is None and len(options) > 1:
            from ..modals.picker import PickerModal

            choices = [(cid, title) for cid, title in options] + [(0, _("No mission (talent pool)"))]

            def picked(value: int | None) -> None:
                if value is not None:
                    self._preview_first(talent_id, value or None, name)

            self.app.push_screen(PickerModal(_("Which mission is the first message to {name} about?").format(name=name), choices), picked)
            return
        self._preview_first(talent_id, candidacy_id, name)

    def _preview_first(self, talent_id: int, candidacy_id: int | None, name: str) -> None:
        """The message's preview — after the teammate warning, if a teammate contacted
        them lately, and after asking when the candidacy had its first message already
        (a new one plans the follow-ups again)."""
        self.unless_teammate(talent_id, "approach", lambda: self._unless_approached(talent_id, candidacy_id, name),
                             _("Nothing copied, nothing logged."))

    def _unless_approached(self, talent_id: int, candidacy_id: int | None, name: str) -> None:
        from ..modals.choice import ChoiceModal
        from ..services import touchpoints

        try:
            sent = touchpoints.first_message_sent(candidacy_id)
        except ServiceError as error:
            self.failed(error)
            return
        if sent is None:
            self._preview(talent_id, candidacy_id, name)
            return
        at, step = sent
        day = formats.day_month(at.date())
        if step:
            question = _("{name} had a first message on {day}, and follow-up {step} since: a new first message "
                         "plans the follow-ups again from today. Write a new one anyway?").format(name=name, day=day, step=step)
        else:
            question = _("{name} had a first message on {day}: a new first message plans the follow-ups again "
                         "from today. Write a new one anyway?").format(name=name, day=day)

        def chosen(choice) -> None:
            if choice:
                self._preview(talent_id, candidacy_id, name)
            else:
                self.say(_("Nothing copied, nothing logged."))

        self.app.push_screen(ChoiceModal(question, [("y", True, _("Yes, a new first message")), ("escape", None, _("No"))]), chosen)

    def _draft(self, talent_id: int, candidacy_id: int | None, step: int, channel: str, *, to_note: bool = False):
        """The template of *step* on *channel* filled in, as the preview shows it (raises
        TemplateError / ServiceError)."""
        from ..modals.message_preview import Draft
        from ..services import outreach

        app = self.app
        composed = outreach.compose(talent_id, candidacy_id, step, channel, app.settings, app.clock.today())
        notes = []
        if to_note or channel == "email":
            notes.append(_("Send to {to}").format(to=composed.to) if composed.to else _("No email address (e to add one)"))
        if composed.warning:
            notes.append(f"⚠ {composed.warning}")
        subject = composed.subject if channel == "email" else None
        return Draft(channel, subject, composed.body, "\n".join(notes), composed.template_key), composed

    def _preview(self, talent_id: int, candidacy_id: int | None, name: str) -> None:
        from ..domain.templates import TemplateError
        from ..modals.message_preview import MessagePreviewModal
        from ..services import talents

        app = self.app
        try:
            talent = talents.get_talent(talent_id)
            channels = [c for c, has in (("linkedin", bool(talent.linkedin_url)), ("email", bool(talent.email))) if has] or ["linkedin"]
            channel = channels[0]  # LinkedIn, unless the talent only has an email
            draft, composed = self._draft(talent_id, candidacy_id, 0, channel)
        except (TemplateError, ServiceError) as error:
            self.failed(error)
            return

        def recompose(other: str):
            try:
                return self._draft(talent_id, candidacy_id, 0, other)[0]
            except (TemplateError, ServiceError) as error:
                self.failed(error)
                return None

        def edited(result) -> None:
            if result is None:
                self.say(_("Nothing copied, nothing logged."))
                return
            text = result.body if result.subject is None else _("Subject: {subject}\n\n{body}").format(subject=result.subject, body=result.body)
            app.copy_to_clipboard(text)
            opened = self._open_profile(composed.profile_url) if result.channel == "linkedin" else False
            unopened = composed.profile_url if result.channel == "linkedin" and not opened else ""
            self._offer_log(talent_id, candidacy_id, name, result, opened, unopened)

        title = _("First message to {name}").format(name=name)
        app.push_screen(MessagePreviewModal(title, draft, _("copy and open their profile"), channels=channels, recompose=recompose), edited)

    def _open_profile(self, url: str) -> bool:
        try:
            return self.app.open_link(url, copy_instead=False)  # the clipboard holds the message
        except ValueError:
            return False

    def _offer_log(self, talent_id: int, candidacy_id: int | None, name: str, draft, opened: bool, unopened: str = "") -> None:
        """Log it as sent?  *unopened*: their profile's URL, when no browser opened it."""
        from ..modals.choice import ChoiceModal

        app = self.app
        if opened:
            question = _("Message copied and their profile opened: paste it and send it.")
        else:
            question = _("Message copied: paste it and send it.")
        if unopened:
            question += "\n" + _no_browser(unopened)

        def chosen(choice: str | None) -> None:
            if choice != "log":
                self.say(_("Copied, not logged: o again, or l o, once it is sent."))
                return
            self.log_first_message(talent_id, candidacy_id, name, draft)

        app.push_screen(ChoiceModal(question, [("l", "log", _("Log as sent (this text; the follow-ups are planned)")),
                                               ("escape", None, _("Not sent yet: log nothing"))]), chosen)

    def log_first_message(self, talent_id: int, candidacy_id: int | None, name: str, draft) -> None:
        """The first message is out: logged with the text sent and its template, step 0."""
        from ..services import touchpoints

        app = self.app
        text = draft.body if draft.subject is None else _("Subject: {subject}\n\n{body}").format(subject=draft.subject, body=draft.body)
        try:
            with app.undoable(_("logged: first message — {name}").format(name=name), [talent_id]):
                touchpoint_id = touchpoints.log_touchpoint(talent_id, candidacy_id, "approach", app.clock.now(), app.settings,
                                                           channel=draft.channel, summary=text, template_key=draft.template_key)
            due = touchpoints.next_followup_due(touchpoint_id)
        except ServiceError as error:
            self.failed(error)
            return
        if due is None:
            self.say(_("Logged: first message — {name}").format(name=name))
        else:
            self.say(_("Logged: first message — {name} · follow-up 1 on {day}").format(name=name, day=formats.day_month(due)))
        app.data_changed()

    # -- follow-ups from Today ----------------------------------------------------------------
    def copy_followup(self, row) -> None:
        from ..domain.templates import TemplateError  # templates load when first used: not before the first frame
        from ..modals.message_preview import MessagePreviewModal

        app = self.app
        try:
            draft, composed = self._draft(row.talent_id, row.candidacy_id, row.step or 1, "linkedin")
        except (TemplateError, ServiceError) as error:
            self.failed(error)
            return

        def edited(result) -> None:
            if result is None:
                self.say(_("Nothing copied."))
                return
            self._copied[row.reminder_id] = (result.body, result.template_key)
            app.copy_to_clipboard(result.body)
            if self._open_profile(composed.profile_url):
                self.say(_("Message copied and opened their profile: paste it, then d marks it sent."))
            elif composed.profile_url:
                self.say(_("Message copied: paste it, then d marks it sent.") + " " + _no_browser(composed.profile_url), timeout=15)
            else:
                self.say(_("Message copied: paste it, then d marks it sent."))
            if composed.warning and result.body.strip() == composed.body.strip():  # not personalised in the preview
                app.notify(composed.warning, severity="warning", markup=False, timeout=6)

        title = _("{detail} to {name}").format(detail=row.detail or _("Follow-up"), name=row.name)
        app.push_screen(MessagePreviewModal(title, draft, _("copy and open their profile")), edited)

    def email_followup(self, row) -> None:
        from ..domain.templates import TemplateError
        from ..modals.message_preview import Draft, MessagePreviewModal
        from ..services import mail, outreach

        from ..db import meta

        app = self.app
        try:
            mail.check_sending(app.settings.smtp, demo=meta.is_demo())
            composed = outreach.compose_for_reminder(row.reminder_id, "email", app.settings, app.clock.today())
            if not composed.to:
                raise ServiceError(_("{name} has no email address (e to add one)").format(name=row.name))
            password = mail.smtp_password(app.settings.smtp)
        except (TemplateError, ServiceError) as error:
            self.failed(error)
            return
        draft = Draft("email", composed.subject, composed.body, "\n".join(
            [_("Send to {to}").format(to=composed.to)] + ([f"⚠ {composed.warning}"] if composed.warning else [])), composed.template_key)

        def edited(result) -> None:
            if result is None:
                self.say(_("Not sent, nothing logged."))
                return
            sent = replace(composed, subject=result.subject or "", body=result.body)
            app.run_worker(self._send(row, sent, password), group="mail", exit_on_error=False)

        title = _("Email {detail} to {name}").format(detail=row.detail or _("Follow-up"), name=row.name)
        app.push_screen(MessagePreviewModal(title, draft, _("send it")), edited)

    async def _send(self, row, composed, password: str) -> None:
        """Claim, send, log (services/sending.py): a send-due running at the
        same moment skips this one, and this one skips what it is sending."""
        from ..services import mail, sending

        app = self.app
        owner = sending.sender_name(_("the app"))
        try:
            claim = sending.claim(row.reminder_id, owner, app.clock.now())
        except ServiceError as error:
            app.notify(_("Not sent: {error}.").format(error=error), severity="warning", markup=False, timeout=10)
            app.data_changed()
            return
        if claim.took_over:
            app.notify(f"{composed.to}: {claim.took_over_text()}.", markup=False, timeout=8)
        self.say(_("Sending to {to}…").format(to=composed.to))
        sent = False
        try:
            await mail.send_message(app.settings.smtp, password, composed.to, composed.subject, composed.body)
            sent = True
        except ServiceError as error:
            app.notify(Text(_("Not sent, nothing logged: {error}").format(error=error)).plain, severity="error", markup=False, timeout=10)
            return
        finally:
            if not sent:
                sending.release(row.reminder_id, owner)  # still due
        try:
            sending.complete(row.reminder_id, owner, app.clock.now(), app.settings, message=composed.body, template_key=composed.template_key)
        except ServiceError as error:  # e.g. marked done by hand meanwhile: the email is out all the same
            app.notify(_("Sent to {to}, but not logged: {error}.").format(to=composed.to, error=error), severity="warning", markup=False, timeout=10)
            app.data_changed()
            return
        self.say(_("Sent to {to} and logged: {detail}").format(to=composed.to, detail=row.detail))
        app.data_changed()


def _no_browser(url: str) -> str:
    """Said when the profile could not open (no browser, or none that works here)."""
    return _("No browser opened their profile here: {url}").format(url=url)
