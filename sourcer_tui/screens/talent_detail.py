"""A talent's profile, their missions and their whole timeline."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from ..domain.humanize import count
from ..domain.vocab import label, stage_label
from ..services import talents
from ..services.errors import ServiceError
from ..services.paging import PagedRows
from ..widgets.key_footer import KeyFooter
from ..widgets.timeline_list import TimelineList, describe_entry

__all__ = ["TalentDetailScreen"]

PROFILE_FIELDS = (
    ("headline", "Headline"),
    ("company", "Company"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("linkedin_url", "Profile"),
    ("location", "Location"),
    ("source", "Source"),
    ("referred_by", "Referred by"),
    ("tags", "Tags"),
)


class TalentDetailScreen(Screen):
    BINDINGS = [
        Binding("escape,backspace", "app.pop_screen", "Back", id="detail.back"),
        Binding("e", "edit", "Edit", id="detail.edit"),
        Binding("a", "add_to_mission", "Add to mission", id="detail.add_to_mission"),
    ]

    def __init__(self, talent_id: int) -> None:
        super().__init__()
        self.talent_id = talent_id

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="detail"):
            with VerticalScroll(id="profile"):
                yield Static(id="profile-body")
            with Vertical(id="timeline-box"):
                yield TimelineList(id="timeline")
                yield Static(id="timeline-entry")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#profile").border_title = "Profile"
        self.query_one("#timeline-box").border_title = "Timeline"
        self.refresh_data()
        self.query_one(TimelineList).focus()

    def refresh_data(self) -> None:
        try:
            talent = talents.get_talent(self.talent_id)
        except ServiceError as error:
            self.notify(str(error), severity="error", markup=False)
            self.app.pop_screen()
            return
        self.sub_title = talent.name
        body = Text(talent.name, style="bold")
        body.append("\n")
        for field, title in PROFILE_FIELDS:
            value = getattr(talent, field)
            if value:
                body.append(f"\n{title}: ", "dim")
                body.append(label(value) if field == "source" else value)
        missions = talents.talent_candidacies(self.talent_id)
        body.append("\n\nMissions", "bold")
        if not missions:
            body.append("\n  none — talent pool (press a to add to a mission)", "dim")
        for _, title, stage in missions:
            body.append(f"\n  {title}: ")
            body.append(stage_label(stage), "cyan")
        if talent.notes:
            body.append("\n\nNotes\n", "bold")
            body.append(talent.notes)
        self.query_one("#profile-body", Static).update(body)
        total = talents.count_timeline(self.talent_id)
        self.query_one("#timeline-box").border_title = f"Timeline ({count(total)})"
        self.query_one(TimelineList).set_rows(
            PagedRows(total, lambda offset, limit: talents.fetch_timeline(self.talent_id, offset, limit), page_size=50)
        )
        self._describe(self.query_one(TimelineList).item)

    @on(TimelineList.Highlighted)
    def _highlighted(self, event: TimelineList.Highlighted) -> None:
        self._describe(event.item)

    def _describe(self, entry) -> None:
        self.query_one("#timeline-entry", Static).update(describe_entry(entry) if entry is not None else Text(""))

    def _pipeline(self):
        return self.app.main_screen.query_one("#pipeline")

    def action_edit(self) -> None:
        self._pipeline().edit_talent(self.talent_id)

    def action_add_to_mission(self) -> None:
        talent = talents.get_talent(self.talent_id)
        self._pipeline().pick_mission_for(self.talent_id, talent.name)

    def on_screen_resume(self) -> None:
        self.refresh_data()
