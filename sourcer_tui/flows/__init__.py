"""One home per use-case: plain controllers that the screens call.

A flow asks what it needs through modals (``app.push_screen``), calls one
service (one transaction), says what happened, and tells the app what
changed (:meth:`~sourcer_tui.app.SourcerApp.data_changed`), which reloads
what shows it.  Panes and screens post requests (``LogRequest``,
``SnoozeRequest``, ``CloseRequest``…, see ``widgets/talent_actions.py``);
whichever screen is on top handles one by calling a flow, so no screen
reaches into another's widgets.  The app holds one of each
(``app.talent_flow``, ``app.outreach_flow``, ``app.checkin_flow``).
"""

from .checkins import CheckinFlow
from .outreach import OutreachFlow
from .talent import TalentFlow

__all__ = ["CheckinFlow", "OutreachFlow", "TalentFlow"]
