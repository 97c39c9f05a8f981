"""SourcerApp: the Textual application — bindings, palette, styles. Kept small."""

from __future__ import annotations

import contextlib
import gc
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import peewee
from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from .clock import Clock, SystemClock
from .config import Settings
from .crash_log import write_crash_log as _write_crash_log
from .key_order import KeysInOrder
from .textual_compat.crash import CrashHooks
from .db.database import WorkerConnections, checkpoint, is_damage, read_only_reason
from .i18n import N_, _
from .worker_failures import ReportsWorkerFailures

__all__ = ["SourcerApp", "make_app"]

_HERE = Path(__file__).parent
UNDO_STEPS = 50  # ctrl+z goes this many changes back (since the app started)
FULL_COLLECTION_EVERY = 100  # younger collections between two automatic full ones (Python: 10)
IDLE_CHECK_SECONDS = 2.0
IDLE_AFTER_SECONDS = 1.5  # no key or click for this long: a full collection goes unnoticed


class SourcerApp(CrashHooks, KeysInOrder, ReportsWorkerFailures, App[None]):  # the app's own workers: links, backup
    TITLE = "sourcer-tui"
    # The app's own rules, then each screen's, modal's and widget's, from the .tcss
    # beside its module (a new one is picked up: nothing to register here).
    CSS_PATH = [_HERE / "sourcer.tcss", *sorted(p for p in _HERE.glob("*/*.tcss"))]
    BINDINGS = [
        Binding("question_mark", "help", N_("Help"), key_display="?", id="app.help"),
        Binding("q", "quit", N_("Quit"), id="app.quit"),
        Binding("ctrl+p", "command_palette", N_("Commands"), show=False, id="app.command_palette", tooltip=N_("every action by name")),
        # Not priority: a text field's own ctrl+z (TextArea's undo) comes first; in an
        # Input it does nothing (action_undo), in lists it is the app's undo.
        Binding("ctrl+z", "undo", N_("Undo"), show=False, id="app.undo",
                tooltip=N_("Undo the last change: a stage move, done, skip, snooze, wake, contact logged, template reset, bulk action")),
        # Priority: the focus moves as the key arrives, so keys typed right after
        # it go to the next field (Textual hands each key to the widget focused
        # when it arrives: in a burst, they went to the field being left).
        Binding("tab", "app.focus_next", N_("Next field"), show=False, priority=True, id="app.focus_next"),
        Binding("shift+tab", "app.focus_previous", N_("Previous field"), show=False, priority=True, id="app.focus_previous"),
    ]

    def __init__(
        self, settings: Settings, db: peewee.Database, clock: Clock | None = None, *, db_label: str = "", backup_dir: Path | None = None
    ) -> None:
        super().__init__()
        self.settings = settings
        self.db = db
        self.readers = WorkerConnections(db)  # the worker threads' own connections, kept warm
        self.clock = clock or SystemClock()
        self.db_label = db_label
        self.backup_dir = backup_dir
        #: Why the database cannot be written (None: it can); see read_only.py.
        self.read_only: str | None = read_only_reason(db)
        from .services.team import sign_in

        #: Who I am on this database, and whether the owner UI shows (services/team.py).
        self.team = sign_in(settings, db)
        from .flows import CheckinFlow, OutreachFlow, TalentFlow

        #: The use-cases, one home each (flows/): any screen calls them.
        self.talent_flow = TalentFlow(self)
        self.outreach_flow = OutreachFlow(self)
        self.checkin_flow = CheckinFlow(self)
        #: The changes ctrl+z can undo, the last one last (services/undo.py); memory only.
        self.undo_steps: deque = deque(maxlen=UNDO_STEPS)

    # -- undo -------------------------------------------------------------------------
    @contextlib.contextmanager
    def undoable(self, label: str, talent_ids: Iterable[int] = (), *, templates: bool = False,
                 tables: Iterable[str] | None = None) -> Iterator[None]:
        """Run the block (one change from the UI) so that ctrl+z can undo it:
        the rows of *talent_ids* (and every template, with *templates*) are read
        before and after it; on success, a change that changed something is
        pushed as *label* ("moved Élodie Martin to offer", shown as "Undone: …").
        *tables* narrows what is read to the tables the change writes (a bulk
        action over thousands of talents; see services/undo.py).  An error in
        the block pushes nothing and goes on up."""
        from .services.undo import recorded

        with recorded(label, talent_ids, templates=templates, tables=tables) as step:
            yield
        if step.after != step.before:
            self.undo_steps.append(step)

    def action_focus_next(self) -> None:
        """``tab``: the next field; on the main screen's narrow layout, the next pane."""
        cycle = getattr(self.screen, "cycle_panes", None)
        if cycle is None or not cycle(1):
            super().action_focus_next()

    def action_focus_previous(self) -> None:
        cycle = getattr(self.screen, "cycle_panes", None)
        if cycle is None or not cycle(-1):
            super().action_focus_previous()

    def action_undo(self) -> None:
        """ctrl+z: the last change undone — not while typing in a field (its own
        undo, or nothing), nor under a dialog (its keys are its own)."""
        from textual.screen import ModalScreen
        from textual.widgets import Input, TextArea

        if isinstance(self.screen, ModalScreen) or isinstance(self.focused, (Input, TextArea)):
            return
        self.undo_last()

    def get_key_display(self, binding: Binding) -> str:
        """Textual's, but a key named by a word in the user's language (``Échap``, ``Suppr``)."""
        from .key_names import word_of

        word = None if binding.key_display else word_of(binding.key)
        return word if word is not None else super().get_key_display(binding)

    def undo_last(self) -> None:
        """Undo the last change made from the UI and say so (the palette's Undo)."""
        from .services.errors import ServiceError, storage_trouble
        from .services.undo import undo

        if self.refuse_write():
            return
        if not self.undo_steps:
            self.notify(_("Nothing to undo: no change made here since the app started."), severity="warning", markup=False)
            return
        step = self.undo_steps.pop()
        try:
            undo(step)
        except ServiceError as error:  # changed since (another window): this step is dropped, not forced
            self.notify(str(error), severity="error", markup=False, timeout=10)
            return
        except peewee.DatabaseError as error:  # the storage refused (disk full…): the step stays, to try again
            self.undo_steps.append(step)
            self.notify(storage_trouble(error), severity="error", markup=False, timeout=10)
            return
        self.notify(_("Undone: {change}").format(change=step.label), markup=False)
        self.shown_again()

    def refresh_team(self) -> bool:
        """Read the team again (a teammate's first write turns team mode on); True if it changed."""
        from .services.team import team_of

        team = team_of(self.settings, self.db)
        changed, self.team = team != self.team, team
        return changed

    def shown_again(self) -> None:
        """Every pane, and the screen on top, show the database as it is now."""
        main = getattr(self, "main_screen", None)
        if main is not None and main.is_mounted:
            main.data_changed()
        screen = self.screen
        if screen is not main:
            refill = getattr(screen, "refill", None) or getattr(screen, "refresh_list", None)
            if refill is not None:
                refill()

    # -- garbage collection -----------------------------------------------------------
    # Start-up: no collection until the first frame.  Then: full collections
    # (they scan every object alive, many at 100k talents; one every few
    # screens opened) are left to the moments the user is not pressing keys,
    # instead of landing in a key press.
    _collecting_after_startup = False
    _thresholds: tuple[int, int, int] | None = None
    _last_input = 0.0

    def on_load(self) -> None:
        """No garbage collection until the first frame: the start-up makes ~75,000
        objects that live as long as the app and only ~2,000 of garbage, and the
        collections it set off scanned the long-lived ones again and again,
        delaying the first frame."""
        if gc.isenabled():
            gc.disable()
            self._collecting_after_startup = True

    def startup_done(self) -> None:
        """After the first frame: what start-up made is moved out of the
        collector's sight (scanning it at each full collection made a key press
        now and then slower; start-up garbage is kept with it, once, a small
        price), then collection resumes, full collections mostly when
        idle (:meth:`_collect_when_idle`)."""
        gc.freeze()
        if self._collecting_after_startup:
            self._collecting_after_startup = False
            gc.enable()
        if self._thresholds is None:
            self._thresholds = gc.get_threshold()
            young, middle, _oldest = self._thresholds
            gc.set_threshold(young, middle, FULL_COLLECTION_EVERY)
            self.set_interval(IDLE_CHECK_SECONDS, self._collect_when_idle)

    def collection_back_to_normal(self) -> None:
        """When the main screen goes: Python's own collection settings again."""
        if self._collecting_after_startup:
            self._collecting_after_startup = False
            gc.enable()
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None

    def on_unmount(self) -> None:
        self.collection_back_to_normal()  # also when the main screen never came
        # The worker threads' connections closed and the WAL copied into the
        # .db: after a quit, the .db file alone holds everything.
        self.readers.close_all()
        if not self.read_only:
            try:
                checkpoint(self.db, wait=1.0)
            except Exception:  # what is not checkpointed is safe in the WAL: never stop a quit for it
                pass

    # -- a read-only database ---------------------------------------------------------
    async def run_action(self, action, default_namespace=None, namespaces=None) -> bool:
        """Every key goes through here: on a read-only database, one that would
        write says why it can't, and nothing opens (see read_only.py)."""
        from .read_only import writes

        if self.read_only and isinstance(action, str) and writes(action):
            self.refuse_write()
            return True
        return await super().run_action(action, default_namespace, namespaces)

    def refuse_write(self) -> bool:
        """On a read-only database, say why nothing can change and return True."""
        if not self.read_only:
            return False
        from .read_only import refusal

        self.notify(refusal(self.read_only), severity="warning", markup=False, timeout=6)
        return True

    def guard(self, action: str, callback: Callable[[], Any]) -> Callable[[], Any]:
        """*callback* (a command-palette entry for *action*), refused like its key when read-only."""
        from .read_only import writes

        if not writes(action):
            return callback
        return lambda: None if self.refuse_write() else callback()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown)):
            self._last_input = time.monotonic()
        elif isinstance(event, events.Paste):  # before any field gets it: no control bytes on screen
            from .domain.text import pasteable

            event.text = pasteable(event.text)
        await super().on_event(event)

    def on_app_focus(self) -> None:
        """The terminal window has the focus again (terminals that report it): what
        another window or a cron job wrote meanwhile shows at once."""
        main = getattr(self, "main_screen", None)
        if main is not None and main.is_mounted:
            main.check_outside()

    def _collect_when_idle(self) -> None:
        """A full collection while the user reads rather than types."""
        if gc.get_count()[2] and time.monotonic() - self._last_input >= IDLE_AFTER_SECONDS:
            gc.collect()

    def get_default_screen(self) -> Screen:
        """The main screen is the bottom of the stack, not pushed over Textual's
        blank default one: a screen below it would only be repainted for
        nothing (each of its changes repaints the screen above, in case it
        shows through — at start-up, one more repaint right after the first
        frame)."""
        from .screens.main import MainScreen

        self.main_screen = MainScreen()
        return self.main_screen

    def on_mount(self) -> None:
        self.sub_title = self.db_label
        if self.backup_dir is not None:
            self.run_worker(self._daily_backup, thread=True, group="backup", exit_on_error=False)
        from .textual_compat import untested_warning

        if (warning := untested_warning()) is not None:
            self.notify(warning, severity="warning", markup=False, timeout=10)
        if self.settings.keymap:
            self.set_keymap(dict(self.settings.keymap))
            known = {b.id for _title, bindings in self.key_sections() for b in bindings if b.id}
            unknown = sorted(set(self.settings.keymap) - known)
            if unknown:
                from .domain.text import clean_line

                self.notify(
                    _("config [keymap]: unknown binding id {ids} (press ? for the ids)").format(ids=", ".join(map(clean_line, unknown))),
                    severity="warning",
                    markup=False,
                    timeout=10,
                )

    # -- when something goes wrong ----------------------------------------------------
    crash_log: Path | None = None
    crash_error: BaseException | None = None  # what stopped the app (the CLI says it)

    def before_crash(self, error: Exception) -> None:
        """An unexpected error (textual_compat.crash): keep what is being typed, write
        the traceback to a private log file (no local variables: nothing secret)."""
        self.crash_error = error
        try:
            form = self.main_screen.capture.form
            if form is not None:
                form.write_draft()
        except Exception:
            pass
        try:
            self.crash_log = _write_crash_log(error, self.clock.now())
        except OSError:
            pass

    #: What a failed background task was doing, by worker group (for its message).
    WORK_NAMES = {
        "panes": N_("Loading the panes"),
        "pipeline": N_("Loading the Pipeline"),
        "list": N_("Loading a list"),
        "list-rows": N_("Loading a list's rows"),
        "stats": N_("Stats"),
        "mail": N_("Sending the email"),
        "links": N_("Opening the link"),
        "backup": N_("The daily backup"),
    }

    #: The same failure again within this many seconds is not said (nor logged) again.
    REPEAT_SECONDS = 60.0
    _last_failure: tuple[tuple, float] | None = None

    def report_failure(self, worker) -> None:
        """A background task that failed without stopping the app (a pane's read,
        the Stats, a mail; see worker_failures.py): the work goes on, the
        traceback goes to a private log and a message says what failed and
        where the log is — once, not at every keystroke of a search that
        keeps failing the same way."""
        error = worker.error
        if error is None:
            return
        what = _(self.WORK_NAMES[worker.group]) if worker.group in self.WORK_NAMES else _("A background task")
        failure = (what, type(error), str(error))
        now = time.monotonic()
        if self._last_failure is not None and self._last_failure[0] == failure and now - self._last_failure[1] < self.REPEAT_SECONDS:
            return
        self._last_failure = (failure, now)
        where = ""
        try:
            where = " " + _("— the details are in {log}").format(log=_write_crash_log(error, self.clock.now(), kind="error"))
        except Exception:  # no log (disk full…): the message still says what failed
            pass
        if is_damage(error):
            found = self._last_backup()
            restore = (
                _("Quit, and restore the last backup, {backup}, (README: Restore)").format(backup=found)
                if found
                else _("Quit, and restore a backup (README: Restore)")
            )
            damaged = _("{what} failed: the database file {database} is damaged ({error}).").format(what=what, database=self.db.database, error=error)
            self.notify(f"{damaged} {restore}{where}", severity="error", markup=False, timeout=30)
            return
        self.notify(_("{what} failed: {error}").format(what=what, error=error) + where, severity="error", markup=False, timeout=15)

    def _last_backup(self) -> Path | None:
        from .services.backup import last_backup

        return last_backup(Path(self.db.database), self.backup_dir) if self.backup_dir and self.backup_dir.is_dir() else None

    def _daily_backup(self) -> None:
        """At most once a day, off the UI thread: a copy in the backups folder."""
        from .services.backup import daily_backup

        try:
            daily_backup(self.db.database, self.backup_dir, self.settings.backups.keep, self.clock.today())
        except Exception as error:  # a backup problem must never stop the work
            self.call_from_thread(self.notify, _("Daily backup failed: {error}").format(error=error), severity="warning", markup=False)

    def open_link(self, url: str, *, copy_instead: bool = True) -> bool:
        """Open an http(s) URL in the browser, off the UI thread (it may take a while).
        Where no browser can open (over ssh, no display, none found), returns False
        and, with *copy_instead*, copies the URL and a toast says so (without: the
        clipboard holds something else, a message, and the caller says what)."""
        import os
        import sys
        import webbrowser

        from .domain.browser import no_browser_reason
        from .domain.forms import is_web_url

        if not is_web_url(url):
            raise ValueError(_("refusing to open {url}: only http(s) addresses").format(url=repr(url)))
        reason = no_browser_reason(os.environ, sys.platform)
        if reason is not None:
            if copy_instead:
                self.copy_link_instead(url, reason)
            return False

        def open_it() -> None:
            if webbrowser.open(url):
                return
            if copy_instead:
                self.call_from_thread(self.copy_link_instead, url, "none")
            else:
                self.call_from_thread(self.notify, _("No browser opened {url}.").format(url=url), severity="warning", markup=False)

        self.run_worker(open_it, thread=True, group="links", exit_on_error=False)
        return True

    def copy_link_instead(self, url: str, reason: str) -> None:
        """No browser could open *url*: it goes to the clipboard (OSC 52: works over ssh), and the user is told."""
        self.copy_to_clipboard(url)
        if reason == "ssh":
            said = _("No browser can open from this ssh session: {url} is copied, paste it into your browser.")
        elif reason == "no display":
            said = _("No browser can open here (no display): {url} is copied, paste it into your browser.")
        else:
            said = _("No browser opened: {url} is copied, paste it into your browser.")
        self.notify(said.format(url=url), severity="warning", markup=False, timeout=10)

    # -- what the flows tell -------------------------------------------------------------
    def data_changed(self, *, added: tuple[int, int] | None = None) -> None:
        """A flow wrote: the main screen's panes show it (*added*: a talent just added
        to a mission, whom the Pipeline follows).  A screen above refills when it
        is shown again."""
        self.main_screen.data_changed(added=added)

    def open_capture(self, touchpoint_id: int) -> None:
        """Capture on the main screen, for *touchpoint_id*'s feedback."""
        main = self.main_screen
        main.call_later(main.capture.open_capture, touchpoint_id)

    def show_talent(self, talent_id: int) -> None:
        """Open a talent's detail (one screen serves every talent)."""
        from .screens.talent_detail import TalentDetailScreen

        self._visit("talent-detail", TalentDetailScreen, talent_id)

    def show_introducer(self, introducer_id: int) -> None:
        """Open an introducer's page (one screen serves every introducer)."""
        from .screens.introducer import IntroducerScreen

        self._visit("introducer", IntroducerScreen, introducer_id)

    def show_pool_matches(self, mission_id: int, *, if_any: bool = False) -> None:
        """Pool matches: the talents of the pool who fit the mission (R; after M and E
        with *if_any*: only when someone fits, an empty pool goes on as before)."""
        from .screens.pool_matches import PoolMatchesScreen, read_matches
        from .services.errors import ServiceError

        try:
            read = read_matches(self, mission_id)
        except ServiceError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        if read[1] or not if_any:
            self._visit("pool-matches", lambda _subject: PoolMatchesScreen(), (mission_id, read))

    def show_stats(self, mission_id: int | None) -> None:
        """The Stats screen for a mission (None: all); it remembers the range."""
        from .screens.stats import StatsScreen

        self._visit("stats", StatsScreen, mission_id)

    def _visit(self, name: str, make: Callable[[Any], Screen], subject: Any) -> None:
        """Show *subject* on the screen kept under *name*: built once, installed,
        refilled on each visit (a new screen per visit cost a full compose and
        mount, and Textual keeps removed widgets alive).  The screen's
        ``show(subject)`` says what to show (and returns True when the screen
        will push itself once filled), its ``refill()`` shows it."""
        if not self.is_screen_installed(name):
            self.install_screen(make(subject), name)
        screen = self.get_screen(name)
        pushes_itself = screen.show(subject)
        if screen in self.screen_stack:  # already open below a modal: refill it there
            screen.refill()
        elif not pushes_itself:
            self.push_screen(screen)  # its on_screen_resume refills it

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        sections = self.key_sections()
        if not self.team.mode:  # a solo file: nothing of owners shows, the mine/team key neither
            sections = [(title, [b for b in bindings if getattr(b, "id", None) != "main.toggle_team"]) for title, bindings in sections]
        self.push_screen(HelpScreen(sections, self.settings.keymap))

    def key_sections(self) -> list[tuple[str, list]]:
        """Every binding of the app, by where it works (for help and keymap checks)."""
        from .modals.form import FormModal
        from .modals.merge_preview import MergeModal
        from .modals.kind_picker import KIND_KEYS
        from .domain.vocab import kind_label
        from .screens.main import MainScreen
        from .screens.stats import StatsScreen
        from .screens.introducer import IntroducerScreen
        from .screens.introducers import IntroducersScreen
        from .screens.privacy import PrivacyScreen
        from .screens.pool_matches import PoolMatchesScreen
        from .screens.templates import TemplatesScreen
        from .screens.talent_detail import TalentDetailScreen
        from .widgets.capture_form import CaptureForm
        from .widgets.capture_pane import CapturePane
        from .widgets.pipeline_list import PipelineList
        from .widgets.pipeline_pane import PipelinePane
        from .modals.message_preview import MessagePreviewModal
        from .widgets.talent_actions import APPROACH_BINDINGS, LOG_BINDINGS
        from .widgets.snoozed_pane import SnoozedPane
        from .widgets.today_pane import TodayPane
        from .widgets.virtual_list import VirtualList

        def own(bindings):
            return [b for b in bindings if b not in LOG_BINDINGS and b not in APPROACH_BINDINGS]

        # Built when asked (the help translates each description again: a no-op on these)
        after_l = [Binding(key, "", _("after l: {kind}").format(kind=kind_label(kind))) for key, kind in KIND_KEYS]
        # Section titles are English here, translated by the help screen.
        return [
            (N_("Everywhere"), self.BINDINGS),
            (N_("Main screen"), MainScreen.BINDINGS),
            (N_("Log a contact (Pipeline, Today, Capture, Snoozed, talent detail)"), LOG_BINDINGS + after_l),
            (N_("Approach a talent (Pipeline, Today, Snoozed, talent detail)"), APPROACH_BINDINGS),
            (N_("Message preview (o, Today t and E)"), MessagePreviewModal.BINDINGS),
            (N_("Pipeline pane"), own(PipelinePane.BINDINGS) + PipelineList.BINDINGS),
            (N_("Today pane"), own(TodayPane.BINDINGS)),
            (N_("Snoozed pane"), own(SnoozedPane.BINDINGS)),
            (N_("Capture pane"), own(CapturePane.BINDINGS)),
            (N_("Capture form"), CaptureForm.BINDINGS),
            (N_("Any list"), VirtualList.BINDINGS),
            (N_("Talent detail"), own(TalentDetailScreen.BINDINGS)),
            (N_("Stats"), StatsScreen.BINDINGS),
            (N_("Introducers (W)"), IntroducersScreen.BINDINGS),
            (N_("An introducer's page"), IntroducerScreen.BINDINGS),
            (N_("Templates"), TemplatesScreen.BINDINGS),
            (N_("Privacy review"), PrivacyScreen.BINDINGS),
            (N_("Pool matches (R)"), PoolMatchesScreen.BINDINGS),
            (N_("Forms"), FormModal.BINDINGS),
            (N_("Merge preview (J)"), MergeModal.BINDINGS),
        ]

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from .commands import app_commands

        # Textual's own (Theme, Quit, Keys, Maximize…), translated: their English
        # is in the catalog through i18n/textual_strings.py.
        for command in super().get_system_commands(screen):
            yield command._replace(title=_(command.title), help=_(command.help))
        yield from app_commands(self, screen)

    def action_command_palette(self) -> None:
        """Textual's command palette, its search box in the user's language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder=_("Search for commands…"), id="--command-palette"))

    def search_themes(self) -> None:
        """Textual's theme picker (the palette's Theme), its search box in the user's language."""
        from textual.command import CommandPalette
        from textual.theme import ThemeProvider

        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=_("Search for themes…")))


def make_app(
    settings: Settings, db: peewee.Database, clock: Clock | None = None, *, db_label: str = "", backup_dir: Path | None = None
) -> SourcerApp:
    """The one factory used by the CLI, the tests and the benchmarks (backups only from the CLI)."""
    import os

    from .i18n import resolve_language, set_language

    set_language(resolve_language(settings.ui.language, os.environ))
    return SourcerApp(settings, db, clock, db_label=db_label, backup_dir=backup_dir)
