"""Sending a follow-up from Today: copy the message (LinkedIn) or email it.

Copying puts the rendered template on the
clipboard (OSC 52, works over ssh/tmux) and opens the profile; ``d`` then logs
it as sent with that text. Emailing sends through the user's SMTP server off
the UI thread, and logs it as sent only once the server accepted it.
"""

from __future__ import annotations

from rich.text import Text

from ..i18n import _
from ..services.errors import ServiceError
from .base import Flow

__all__ = ["OutreachFlow"]


class OutreachFlow(Flow):
    def __init__(self, app) -> None:
        super().__init__(app)
        #: reminder id -> the message copied for it (logged with the follow-up when done)
        self._copied: dict[int, str] = {}

    def copied_message(self, reminder_id: int | None) -> str:
        return self._copied.get(reminder_id, "")

    def copy_followup(self, row) -> None:
        from ..domain.templates import TemplateError  # templates load when first used: not before the first frame
        from ..services import outreach

        app = self.app
        try:
            composed = outreach.compose_for_reminder(row.reminder_id, "linkedin", app.settings, app.clock.today())
        except (TemplateError, ServiceError) as error:
            self.failed(error)
            return
        self._copied[row.reminder_id] = composed.body
        app.copy_to_clipboard(composed.body)
        try:
            app.open_link(composed.profile_url)
            self.say(_("Message copied and opened their profile: paste it, then d marks it sent."))
        except ValueError:
            self.say(_("Message copied: paste it, then d marks it sent."))
        if composed.warning:
            app.notify(composed.warning, severity="warning", markup=False, timeout=6)

    def email_followup(self, row) -> None:
        from ..domain.templates import TemplateError
        from ..modals.choice import ChoiceModal
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
        preview = composed.body if len(composed.body) < 400 else composed.body[:400] + "…"
        question = _("Send to {to}\nSubject: {subject}\n\n{preview}").format(to=composed.to, subject=composed.subject, preview=preview)
        if composed.warning:
            question += f"\n\n⚠ {composed.warning}"

        def chosen(choice: str | None) -> None:
            if choice == "send":
                app.run_worker(self._send(row, composed, password), group="mail", exit_on_error=False)

        app.push_screen(ChoiceModal(question, [("y", "send", _("Send it")), ("escape", None, _("Cancel"))]), chosen)

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
            sending.complete(row.reminder_id, owner, app.clock.now(), app.settings, message=composed.body)
        except ServiceError as error:  # e.g. marked done by hand meanwhile: the email is out all the same
            app.notify(_("Sent to {to}, but not logged: {error}.").format(to=composed.to, error=error), severity="warning", markup=False, timeout=10)
            app.data_changed()
            return
        self.say(_("Sent to {to} and logged: {detail}").format(to=composed.to, detail=row.detail))
        app.data_changed()
