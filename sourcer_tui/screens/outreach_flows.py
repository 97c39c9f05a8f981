"""Sending a follow-up from Today: copy the message (LinkedIn) or email it.

A mixin for the main screen. Copying puts the rendered template on the
clipboard (OSC 52, works over ssh/tmux) and opens the profile; ``d`` then logs
it as sent with that text. Emailing sends through the user's SMTP server off
the UI thread, and logs it as sent only once the server accepted it.
"""

from __future__ import annotations

from rich.text import Text

from ..services.errors import ServiceError

__all__ = ["OutreachFlows"]


class OutreachFlows:
    """Needs ``self.app``, ``self._say``, ``self._failed``, ``self.reload_all``."""

    #: reminder id -> the message copied for it (logged with the follow-up when done)
    _copied: dict[int, str]

    def copied_message(self, reminder_id: int | None) -> str:
        return getattr(self, "_copied", {}).get(reminder_id, "")

    def copy_followup(self, row) -> None:
        from ..domain.templates import TemplateError  # templates load when first used: not before the first frame
        from ..services import outreach

        app = self.app  # type: ignore[attr-defined]
        try:
            composed = outreach.compose_for_reminder(row.reminder_id, "linkedin", app.settings, app.clock.today())
        except (TemplateError, ServiceError) as error:
            self._failed(error)  # type: ignore[attr-defined]
            return
        if not hasattr(self, "_copied"):
            self._copied = {}
        self._copied[row.reminder_id] = composed.body
        app.copy_to_clipboard(composed.body)
        opened = ""
        try:
            app.open_link(composed.profile_url)
            opened = " and opened their profile"
        except ValueError:
            pass
        self._say(f"Message copied{opened}: paste it, then d marks it sent.")  # type: ignore[attr-defined]
        if composed.warning:
            self.notify(composed.warning, severity="warning", markup=False, timeout=6)  # type: ignore[attr-defined]

    def email_followup(self, row) -> None:
        from ..domain.templates import TemplateError
        from ..modals.choice import ChoiceModal
        from ..services import mail, outreach

        from ..db import meta

        app = self.app  # type: ignore[attr-defined]
        try:
            mail.check_sending(app.settings.smtp, demo=meta.is_demo())
            composed = outreach.compose_for_reminder(row.reminder_id, "email", app.settings, app.clock.today())
            if not composed.to:
                raise ServiceError(f"{row.name} has no email address (e to add one)")
            password = mail.smtp_password(app.settings.smtp)
        except (TemplateError, ServiceError) as error:
            self._failed(error)  # type: ignore[attr-defined]
            return
        preview = composed.body if len(composed.body) < 400 else composed.body[:400] + "…"
        question = f"Send to {composed.to}\nSubject: {composed.subject}\n\n{preview}"
        if composed.warning:
            question += f"\n\n⚠ {composed.warning}"

        def chosen(choice: str | None) -> None:
            if choice == "send":
                self.run_worker(self._send(row, composed, password), group="mail", exit_on_error=False)  # type: ignore[attr-defined]

        app.push_screen(ChoiceModal(question, [("y", "send", "Send it"), ("escape", None, "Cancel")]), chosen)

    async def _send(self, row, composed, password: str) -> None:
        """Claim, send, log (services/sending.py): a send-due running at the
        same moment skips this one, and this one skips what it is sending."""
        from ..services import mail, sending

        app = self.app  # type: ignore[attr-defined]
        owner = sending.sender_name("the app")
        try:
            claim = sending.claim(row.reminder_id, owner, app.clock.now())
        except ServiceError as error:
            self.notify(f"Not sent: {error}.", severity="warning", markup=False, timeout=10)  # type: ignore[attr-defined]
            self.reload_all()  # type: ignore[attr-defined]
            return
        if claim.took_over:
            self.notify(f"{composed.to}: {claim.took_over_text()}.", markup=False, timeout=8)  # type: ignore[attr-defined]
        self._say(f"Sending to {composed.to}…")  # type: ignore[attr-defined]
        sent = False
        try:
            await mail.send_message(app.settings.smtp, password, composed.to, composed.subject, composed.body)
            sent = True
        except ServiceError as error:
            self.notify(Text(f"Not sent, nothing logged: {error}").plain, severity="error", markup=False, timeout=10)  # type: ignore[attr-defined]
            return
        finally:
            if not sent:
                sending.release(row.reminder_id, owner)  # still due
        try:
            sending.complete(row.reminder_id, owner, app.clock.now(), app.settings, message=composed.body)
        except ServiceError as error:  # e.g. marked done by hand meanwhile: the email is out all the same
            self.notify(f"Sent to {composed.to}, but not logged: {error}.", severity="warning", markup=False, timeout=10)  # type: ignore[attr-defined]
            self.reload_all()  # type: ignore[attr-defined]
            return
        self._say(f"Sent to {composed.to} and logged: {row.detail}")  # type: ignore[attr-defined]
        self.reload_all()  # type: ignore[attr-defined]
