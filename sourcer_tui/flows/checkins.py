"""Shortlist check-ins offered: after a shortlisted candidacy closes without a hire,
and for a whole mission's shortlist when the mission closes (`E`, status closed).

One key accepts (``y`` or ``enter``), ``esc`` declines; accepting is one
transaction, undoable with ctrl+z (services/checkins.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..i18n import _, formats, ngettext
from ..services import checkins
from ..services.errors import ServiceError
from .base import Flow

__all__ = ["CheckinFlow", "MOST_NAMES"]

#: Names listed in the mission's offer; the others are counted.
MOST_NAMES = 8


class CheckinFlow(Flow):
    @property
    def months(self) -> int:
        return self.app.settings.talent.shortlist_checkin_months

    def offer(self, talent_id: int, candidacy_id: int, name: str, *, otherwise: Callable[[], None] | None = None) -> None:
        """Ask whether to check in with *name* every N months; *otherwise*: what ``z``
        does instead (the snooze a decline offers), if given."""
        from ..modals.choice import ChoiceModal

        months = self.months
        choices = [("y,enter", "accept", ngettext("Yes: call them every {n} month (Today reminds you)",
                                                  "Yes: call them every {n} months (Today reminds you)", months).format(n=months))]
        if otherwise is not None:
            choices.append(("z", "snooze", _("No, snooze them instead")))
        choices.append(("escape", None, _("No check-in")))

        def chosen(value: str | None) -> None:
            if value == "accept":
                self._accept([(talent_id, candidacy_id)], [name])
            elif value == "snooze" and otherwise is not None:
                otherwise()

        question = _("{name} was on the shortlist: check in with them regularly, even with no job to offer?").format(name=name)
        self.app.push_screen(ChoiceModal(question, choices), chosen)

    def offer_mission(self, mission_id: int, title: str) -> None:
        """The mission closed: offer the check-in to its whole shortlist at once."""
        from ..modals.choice import ChoiceModal

        try:
            shortlist = checkins.mission_shortlist(mission_id, self.app.settings.pipeline.stages)
        except ServiceError as error:
            self.failed(error)
            return
        if not shortlist:
            return
        names = [s.name for s in shortlist]
        shown = ", ".join(names[:MOST_NAMES])
        if len(names) > MOST_NAMES:
            more = len(names) - MOST_NAMES
            shown = ngettext("{names} and {n} more", "{names} and {n} more", more).format(names=shown, n=more)
        question = ngettext(
            "{title} is closed. {n} talent reached interview without being hired: {names}. Check in with them regularly?",
            "{title} is closed. {n} talents reached interview without being hired: {names}. Check in with them regularly?",
            len(names)).format(title=title, n=len(names), names=shown)
        months = self.months
        choices = [
            ("y,enter", "accept", ngettext("Yes, all of them: a call every {n} month", "Yes, all of them: a call every {n} months", months).format(n=months)),
            ("escape", None, _("No check-in")),
        ]

        def chosen(value: str | None) -> None:
            if value == "accept":
                self._accept([(s.talent_id, s.candidacy_id) for s in shortlist], names)

        self.app.push_screen(ChoiceModal(question, choices), chosen)

    def _accept(self, pairs: Sequence[tuple[int, int]], names: Sequence[str]) -> None:
        app, months = self.app, self.months
        if len(pairs) == 1:
            label = ngettext("shortlist check-in with {name} every {n} month", "shortlist check-in with {name} every {n} months", months)
            label = label.format(name=names[0], n=months)
        else:
            label = ngettext("shortlist check-in with {count} talents every {n} month", "shortlist check-in with {count} talents every {n} months",
                             months).format(count=formats.number(len(pairs)), n=months)
        try:
            with app.undoable(label, [talent for talent, _candidacy in pairs]):
                checkins.accept(pairs, months, app.clock.now(), app.settings.cadence.skip_weekends)
        except ServiceError as error:
            self.failed(error)
            return
        self.say(label[:1].upper() + label[1:])
        app.data_changed()
