"""sourcer-tui at scale: first frame, keyboard actions through Pilot, memory.

    .venv/bin/python benchmarks/bench.py --talents 100000 --touchpoints 1000000 --json OUT
    .venv/bin/python benchmarks/bench.py --sizes 10000:100000,100000:1000000 --json OUT

For each size (talents:touchpoints):

1. **scale file** — ``sourcer-tui demo-data`` (run as ``python -m sourcer_tui``)
   writes ``<cache-dir>/scale-t<T>-p<P>.db`` once; later runs reuse it
   (``--rebuild`` makes it again; pending migrations are applied to it
   first, outside the measures).  Every measure works on a fresh *copy*:
   the start-up sweep and the saved feedbacks write to the file.
2. **first frame** — :mod:`first_frame` (same directory): a fresh process per
   run, from spawn until the main screen has drawn with its data, for
   sourcer-tui and for a minimal Textual app (Header + Static + Footer);
   medians of ``--runs`` runs and ``ttff_ratio`` = ours / minimal.  Child
   processes keep their bytecode under ``<cache-dir>/pycache``, as an installed
   package would (even when PYTHONDONTWRITEBYTECODE is set).
3. **actions** — one process (this script with ``--pilot-worker``, so that its
   peak RSS is its own): ``make_app(Settings(), open_database(copy))`` under
   ``run_test(size=(160, 45))`` (``--size 80x24``: another terminal size, the
   first frame's too); each action is repeated ``--reps`` times after
   one untimed warm-up (whose time is kept as ``actions_first_ms``); p50 and
   p95 of the wall time, and the p50 of the CPU time the process used meanwhile
   (all threads: a wall time far above it means waiting, or a busy machine).
4. **memory** — peak RSS of that process after the actions (``rss_mb``), and
   how many removed widgets are still alive then (``leaked_widgets``).

How an action is timed: from just before the key is posted to the app until
its result is painted — every queued message handled, every worker it started
finished (``app.workers.wait_for_complete()``), the messages those posted
handled, then the screen composited.  "Every message handled" is seen without
touching the app: every node of the screen (and the app) has its message loop
blocked on an empty queue, twice a loop turn apart (``--drain waiting``, the
default since 2026-12-01).  Until then the Driver used Pilot's
``_wait_for_screen``, which posts a callback to every node and waits for each
(``--drain callbacks``): those ~150–200 callbacks were handled between the
action's own messages and added 3–20 ms to each figure (save_feedback the
most: the closed capture form's fields count).  ``check_drain.py`` (same
directory) runs each action the new way, then Pilot's wait on top, and
compares the screens: nothing more is ever drawn.  ``pilot.press()`` + ``pilot.pause()`` are
*not* used for timing: each sleeps at least 20 ms (``textual._wait.wait_for_idle``),
a fixed ~60–90 ms per action that is not the app's.  Both ways are timed on a
key bound to nothing and reported under ``harness``: ``direct_floor_ms`` is
included in every figure, ``pilot_press_floor_ms`` is what the naive way would
add.  The real app paints on a 60 Hz timer: a user sees a result up to ~16 ms
after the time given here.

The actions, in the order they run (they share one app, as a session would):

=========================  ====================================================
``switch_pane``            ``2`` then ``1`` alternately (focus Today, Pipeline)
``page_down``              ``pagedown`` in the pipeline list (all missions)
``search_keystroke``       one letter typed in the search box (``/`` first,
                           untimed), a different letter each time, the box
                           emptied untimed between reps; its count runs in a
                           worker, waited for
``open_talent_50``         ``app.show_talent(id)`` (what Enter on a row does) of
                           the talent with the most touchpoints (≥ 50), until
                           mounted and settled; popped untimed
``save_feedback``          ``ctrl+s`` in the capture form of a call just logged
                           (logging, opening the form, typing: untimed) until
                           the form is closed and the panes have reloaded
``load_today``             ``#today`` ``reload()`` (its count in a worker)
``load_snoozed``           ``#snoozed`` ``reload()``
``stats_one_mission``      ``services.stats.compute()`` for the largest mission,
                           in a worker thread on its kept connection, the
                           figures by introducer beside it in the readers'
                           pool (as the Stats screen's worker)
``stats_screen_open``      ``S`` with the pipeline on that mission, until the
                           figures are on screen (the warm-up is the first
                           visit; from the second on, the kept screen comes
                           up with its figures); popped untimed
``stats_all_missions``     ``compute()`` for all missions (no budget)
``stats_screen_open_all``  ``S`` with the pipeline on all missions — the app's
                           default scope (no budget)
``filter_pool``            the talent pool shown with a filter (what ``f`` then
                           ``ctrl+s`` does), a different one each rep among
                           :data:`FILTERS` (contact ages, tag, source, location,
                           snoozed, facts), until its count and first page are
                           drawn
``filter_all_missions``    the same filters on all missions (grouped by stage)
``sort_all_missions``      ``O`` on all missions: by name, last contact, time in
                           stage, the default order, round and round
``rediscover``             ``R`` (Pool matches) with the pipeline on a mission, a
                           different mission each rep, until the ranked list is
                           drawn; popped untimed
=========================  ====================================================

Budgets: ``ttff_ratio`` ≤ 1.5, every action's p95 ≤ 50 ms (except the two
all-missions stats), ``rss_mb`` ≤ 250.  With ``--db-url`` the first frame's
budget is the same app on the same data in the SQLite file: ``vs_sqlite`` ≤ 1.5
(the first-frame rounds time it too, interleaved).  Note that the server then
shares the machine's CPUs with the app, and counts among "other processes".  ``--json OUT``: one size writes one
object, several sizes a list of them (smallest first).

Timings mean little on a busy machine: before each measure the script waits
(up to ``--quiet-wait`` s) until other processes use < 15 % of the CPUs, and
records the share they used before and *during* each measure
(``background_cpu``; a warning above 15 %: run again).  ``--profile DIR`` also
writes a cProfile of each action's timed regions (the UI thread, or the stats
thread) to ``DIR/<talents>-<action>.prof``; the figures of such a run are inflated.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import math
import os
import resource
import shutil
import string
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
DEFAULT_CACHE = HERE / ".cache"
SIZE = (160, 45)
BUDGETS = {"ttff_ratio": 1.5, "ttff_vs_sqlite": 1.5, "action_p95_ms": 50, "rss_mb": 250}
UNBUDGETED = ("stats_all_missions", "stats_screen_open_all")
ACTIONS = (
    "switch_pane",
    "page_down",
    "search_keystroke",
    "open_talent_50",
    "save_feedback",
    "load_today",
    "load_snoozed",
    "stats_one_mission",
    "stats_screen_open",
    "stats_all_missions",
    "stats_screen_open_all",
    "filter_pool",
    "filter_all_missions",
    "sort_all_missions",
    "rediscover",
)
#: The filters filter_pool and filter_all_missions go through (PipelineFilter's fields).
FILTERS = (
    {"quiet_days": 30},
    {"recent_days": 7},
    {"tag": "python"},
    {"source": "linkedin"},
    {"location": "Paris"},
    {"snoozed": "yes"},
    {"remote": "remote"},
    {"salary_min": 60000},
    {"language": "English"},
    {"quiet_days": 90, "tag": "python"},
)
QUIET_SHARE = 0.15  # of all CPUs, used by other processes


# -- the scale file -----------------------------------------------------------------------
def scale_file(cache_dir: Path, talents: int, touchpoints: int, *, rebuild: bool = False) -> Path:
    """The cached ``demo-data`` file for these sizes (made on first use)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / f"scale-t{talents}-p{touchpoints}.db"
    about = path.with_suffix(".json")  # when it was made: its dates are relative to that day
    if path.exists() and not rebuild:
        made = json.loads(about.read_text())["made"] if about.exists() else "an unknown day"
        if made != time.strftime("%Y-%m-%d"):
            print(f"note: {path.name} was made on {made}; its dates are relative to that day (--rebuild to refresh)", file=sys.stderr)
        migrate(path)  # the schema may have moved on since: not in the measures
        return path
    partial = path.with_suffix(".partial.db")  # renamed only once complete
    for stale in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        stale.unlink(missing_ok=True)
    print(f"generating {path.name} ({talents:,} talents, {touchpoints:,} touchpoints)…", file=sys.stderr, flush=True)
    subprocess.run(
        [sys.executable, "-m", "sourcer_tui", "demo-data", "--db", str(partial), "--talents", str(talents), "--touchpoints", str(touchpoints)],
        check=True,
        stderr=subprocess.DEVNULL,
        # the same file whatever language the benchmark runs in (LANG=fr_FR.UTF-8 measures the French app)
        env={**{k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")}, "LANG": "C.UTF-8"},
    )
    if Path(f"{partial}-wal").exists():
        raise RuntimeError(f"{partial}: a -wal file was left behind; a copy of the .db alone would be incomplete")
    os.replace(partial, path)
    about.write_text(json.dumps({"made": time.strftime("%Y-%m-%d"), "talents": talents, "touchpoints": touchpoints}))
    return path


def migrate(path: Path | str) -> None:
    """Apply any pending migration to *path* (a file, or a PostgreSQL URL), in a
    separate process, and close it cleanly."""
    code = "import sys; from sourcer_tui.db.database import open_database; open_database(sys.argv[1]).close()"
    subprocess.run([sys.executable, "-c", code, str(path)], check=True)
    if isinstance(path, Path) and Path(f"{path}-wal").exists():
        raise RuntimeError(f"{path}: a -wal file was left behind; a copy of the .db alone would be incomplete")


def use_bytecode_cache(cache_dir: Path) -> None:
    """Let every child process keep compiled bytecode, as an installed package has
    (pip compiles it): with PYTHONDONTWRITEBYTECODE=1 in the environment, each
    start would compile sourcer-tui's sources again (~150 ms of a first frame)."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(cache_dir / "pycache")


# -- PostgreSQL (--db-url) ------------------------------------------------------------------
def _pg_url(server: str, name: str) -> str:
    """*server* (a postgresql:// URL) with its database replaced by *name*."""
    import urllib.parse

    return urllib.parse.urlunsplit(urllib.parse.urlsplit(server)._replace(path="/" + name))


def _pg_admin(server: str):
    import psycopg

    return psycopg.connect(server, autocommit=True)


def pg_template(server: str, source: Path, talents: int, touchpoints: int, *, rebuild: bool = False) -> str:
    """The scale file moved once into a template database on *server*
    (``sourcer-tui migrate-to``), kept there for later runs: its URL."""
    name = f"sourcer_bench_t{talents}_p{touchpoints}"
    with _pg_admin(server) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        made = exists and not rebuild and admin.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", (name,)).fetchone()[0] == str(source.stat().st_mtime_ns)
        if made:
            migrate(_pg_url(server, name))  # a migration since it was made: once here, not in each copy
            return _pg_url(server, name)
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    print(f"moving {source.name} into PostgreSQL ({name})…", file=sys.stderr, flush=True)
    url = _pg_url(server, name)
    subprocess.run([sys.executable, "-m", "sourcer_tui", "migrate-to", url, "--db", str(source)], check=True, stderr=subprocess.DEVNULL,
                   stdout=subprocess.DEVNULL)
    with _pg_admin(url) as conn:
        conn.execute("VACUUM ANALYZE")
    with _pg_admin(server) as admin:  # the file it was made from, so that a new file makes it again
        admin.execute(f"COMMENT ON DATABASE \"{name}\" IS '{source.stat().st_mtime_ns}'")
    return url


def pg_copy(template: str, name: str) -> str:
    """A fresh database copied from *template* (the measures write to it): its URL."""
    server, tpl = template.rsplit("/", 1)
    with _pg_admin(template) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{tpl}" STRATEGY FILE_COPY')
    return _pg_url(template, name)


def pg_drop(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    with _pg_admin(url.rsplit("/", 1)[0] + "/postgres") as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def working_copy(source: Path, directory: Path, name: str) -> Path:
    """A private copy of *source* (a cleanly closed file has no -wal to copy)."""
    target = directory / name
    shutil.copyfile(source, target)
    return target


# -- a quiet machine ------------------------------------------------------------------------
def _cpu_ticks() -> tuple[int, int] | None:
    """(busy, total) jiffies of all CPUs since boot (Linux), else None."""
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return sum(fields) - idle, sum(fields)


def background_cpu(seconds: float = 1.0) -> float | None:
    """Share of all CPUs busy during *seconds* (we only sleep meanwhile)."""
    before = _cpu_ticks()
    time.sleep(seconds)
    after = _cpu_ticks()
    if before is None or after is None or after[1] == before[1]:
        return None
    return (after[0] - before[0]) / (after[1] - before[1])


def _our_cpu() -> float:
    """CPU seconds used by this process and its finished children."""
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return sum(u.ru_utime + u.ru_stime for u in usage)


@contextmanager
def others_cpu(record: dict, key: str):
    """Store in ``record[key]`` the share of all CPUs that *other* processes used during the block."""
    ticks, ours, wall = _cpu_ticks(), _our_cpu(), time.monotonic()
    yield
    after = _cpu_ticks()
    if ticks is None or after is None:
        record[key] = None
        return
    busy = (after[0] - ticks[0]) / os.sysconf("SC_CLK_TCK")
    capacity = (time.monotonic() - wall) * (os.cpu_count() or 1)
    record[key] = round(max(0.0, busy - (_our_cpu() - ours)) / capacity, 2)


def wait_for_quiet(max_wait: float) -> float | None:
    """Wait until other processes leave the CPUs alone; returns their last share."""
    deadline = time.monotonic() + max_wait
    share = background_cpu()
    warned = False
    while share is not None and share > QUIET_SHARE and time.monotonic() < deadline:
        if not warned:
            print(f"waiting for a quiet machine (other processes use {share:.0%} of the CPUs)…", file=sys.stderr, flush=True)
            warned = True
        share = background_cpu(2.0)
    if share is not None and share > QUIET_SHARE:
        print(f"warning: measuring on a busy machine ({share:.0%} of the CPUs used by others)", file=sys.stderr)
    return None if share is None else round(share, 2)


# -- statistics -------------------------------------------------------------------------------
def percentile(samples: list[float], p: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    ordered = sorted(samples)
    k = (len(ordered) - 1) * p
    low, high = math.floor(k), math.ceil(k)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


class Lap(NamedTuple):
    wall_ms: float
    cpu_ms: float  # this process, every thread


@contextmanager
def stopwatch(laps: list[Lap], profiler: cProfile.Profile | None = None):
    """Append the wall and CPU time of the block to *laps*."""
    if profiler is not None:
        profiler.enable()
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        yield
    finally:
        laps.append(Lap((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000))
        if profiler is not None:
            profiler.disable()


# -- the Pilot process -------------------------------------------------------------------------
#: How the Driver waits for an action's messages: "waiting" (default) or
#: "callbacks" (Pilot's ``_wait_for_screen``, as before 2026-12-01): ``--drain``.
DRAIN = os.environ.get("SOURCER_BENCH_DRAIN", "waiting")


def _waiting(node) -> bool:
    """The node's message loop is blocked on its empty queue: Textual's
    ``_queue.Queue.get()`` awaits its ``ready_event``, and an asyncio Event
    keeps each blocked waiter in ``_waiters`` until it has resumed."""
    queue = node._message_queue
    return not queue.values and node._pending_message is None and bool(queue.ready_event._waiters)


class Driver:
    """Posts keys and waits for their whole effect, without Pilot's fixed sleeps."""

    def __init__(self, pilot) -> None:
        self.pilot = pilot
        self.app = pilot.app
        self.laps: list[Lap] = []
        self.profiler: cProfile.Profile | None = None

    def post_key(self, key: str) -> None:
        """What a terminal key press does: one Key event to the app (as ``pilot.press``)."""
        from textual import events
        from textual.keys import _character_to_key

        char = key if len(key) == 1 else None
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        event = events.Key(key, char)
        event.set_sender(self.app)
        self.app.post_message(event)

    async def drain(self) -> None:
        """Until the app and the current screen's widgets have no message left to handle."""
        if DRAIN == "callbacks":
            for _ in range(100):
                await self.pilot._wait_for_screen()
                nodes = [self.app, *self.app.screen.walk_children(with_self=True)]
                if all(node._message_queue.empty() for node in nodes):
                    return
            return
        # "waiting": every node is waiting for its next message — its queue empty,
        # nothing peeked, its loop blocked in ``get()`` (so not in the middle of
        # a handler, even one that awaits) — twice, one loop turn apart.
        # Pilot's ``_wait_for_screen`` proves the same by posting a callback to
        # every node (~200 with the capture form mounted) and waiting for each:
        # those callbacks are handled between the action's own messages and
        # delay them (save_feedback: ~20–30 ms).
        quiet = 0
        for _ in range(100_000):
            await asyncio.sleep(0)
            nodes = [self.app, *self.app.screen.walk_children(with_self=True)]
            quiet = quiet + 1 if all(_waiting(node) for node in nodes) else 0
            if quiet == 2:
                return
        raise RuntimeError("the app never went quiet")

    async def settle(self) -> None:
        """Messages handled, workers done (and what they posted handled), screen painted."""
        from textual.worker import WorkerState

        while True:
            await self.drain()
            running = [w for w in self.app.workers if w.state in (WorkerState.PENDING, WorkerState.RUNNING)]
            if not running:
                break
            await self.app.workers.wait_for_complete(running)
        self.app.screen._on_timer_update()  # composite now, not at the next 60 Hz tick

    async def timed(self, act: Callable[[], Awaitable[object] | None]) -> float:
        """Run *act* and settle, timed (appended to ``laps``); returns the wall ms."""
        with stopwatch(self.laps, self.profiler):
            result = act()
            if result is not None:
                await result
            await self.settle()
        return self.laps[-1].wall_ms

    async def press(self, key: str) -> float:
        return await self.timed(lambda: self.post_key(key))

    async def pilot_press(self, key: str) -> float:
        """The naive measure: ``pilot.press`` + ``wait_for_complete`` + ``pilot.pause``."""
        started = time.perf_counter()
        await self.pilot.press(key)
        await self.app.workers.wait_for_complete()
        await self.pilot.pause()
        return (time.perf_counter() - started) * 1000


def pick_data(db_path: Path | str) -> dict:
    """What the actions work on, found by SQL in a short-lived connection of the
    parent process (so that its page cache does not count in the actions' RSS):
    the talent with the most touchpoints (≥ 50), the largest mission, and an open
    candidacy to log calls on."""
    import sqlite3

    from sourcer_tui.domain.vocab import CLOSED_STAGES

    if isinstance(db_path, str):  # a PostgreSQL URL: the same SQL, its placeholders
        return _pick_pg(db_path, CLOSED_STAGES)
    with sqlite3.connect(db_path) as conn:
        talent, touchpoints = conn.execute(
            "SELECT talent_id, COUNT(*) AS n FROM touchpoint GROUP BY talent_id HAVING n >= 50 ORDER BY n DESC LIMIT 1"
        ).fetchone()
        (mission,) = conn.execute("SELECT mission_id FROM candidacy GROUP BY mission_id ORDER BY COUNT(*) DESC LIMIT 1").fetchone()
        marks = ", ".join("?" * len(CLOSED_STAGES))
        (candidacy,) = conn.execute(f"SELECT id FROM candidacy WHERE stage NOT IN ({marks}) ORDER BY id LIMIT 1", tuple(CLOSED_STAGES)).fetchone()
        missions = [m for (m,) in conn.execute("SELECT id FROM mission ORDER BY id")]
    conn.close()
    return {"talent_50": talent, "talent_50_touchpoints": touchpoints, "stats_mission": mission, "candidacy": candidacy,
            "missions": missions}


def _pick_pg(url: str, closed) -> dict:
    with _pg_admin(url) as conn:
        talent, touchpoints = conn.execute(
            "SELECT talent_id, COUNT(*) AS n FROM touchpoint GROUP BY talent_id HAVING COUNT(*) >= 50 ORDER BY n DESC, talent_id LIMIT 1"
        ).fetchone()
        (mission,) = conn.execute("SELECT mission_id FROM candidacy GROUP BY mission_id ORDER BY COUNT(*) DESC, mission_id LIMIT 1").fetchone()
        (candidacy,) = conn.execute("SELECT id FROM candidacy WHERE NOT (stage = ANY(%s)) ORDER BY id LIMIT 1", (list(closed),)).fetchone()
        missions = [m for (m,) in conn.execute("SELECT id FROM mission ORDER BY id")]
    return {"talent_50": talent, "talent_50_touchpoints": touchpoints, "stats_mission": mission, "candidacy": candidacy,
            "missions": missions}


def _leaked_widgets() -> dict[str, int]:
    """Widgets removed from the DOM but still alive after a full collection, by class."""
    import gc

    from textual.screen import Screen
    from textual.widget import Widget

    gc.collect()
    leaked: dict[str, int] = {}
    for obj in gc.get_objects():
        if isinstance(obj, Widget) and not isinstance(obj, Screen) and not obj.is_attached:
            leaked[type(obj).__name__] = leaked.get(type(obj).__name__, 0) + 1
    return dict(sorted(leaked.items(), key=lambda kv: -kv[1]))


async def run_actions(db_path: Path, picked: dict, reps: int, profile_dir: Path | None = None, label: str = "",
                      size: tuple[int, int] = SIZE) -> dict:
    """Every action, *reps* times each (+ one warm-up), in this process; *picked* from :func:`pick_data`."""
    from sourcer_tui.app import make_app
    from sourcer_tui.config import Settings
    from sourcer_tui.db.database import open_database
    from sourcer_tui.db.models import Candidacy, Touchpoint
    from sourcer_tui.screens.main import MainScreen
    from sourcer_tui.screens.stats import StatsScreen
    from sourcer_tui.screens.talent_detail import TalentDetailScreen
    from sourcer_tui.services import stats, touchpoints
    from sourcer_tui.services.pipeline import Scope
    from sourcer_tui.widgets.pipeline_pane import PipelinePane
    from textual.widgets import Input, TextArea

    settings = Settings()
    db = open_database(db_path)
    talent_50, big_mission = picked["talent_50"], picked["stats_mission"]
    candidacy = Candidacy.get_by_id(picked["candidacy"])
    app = make_app(settings, db)
    laps: dict[str, list[Lap]] = {}
    first: dict[str, Lap] = {}

    async with app.run_test(size=size) as pilot:
        drive = Driver(pilot)

        async def measure(name: str, rep: Callable[[int], Awaitable[object]]) -> None:
            """One warm-up, then *reps* timed reps; each rep appends one lap to drive.laps."""
            drive.laps = []
            await rep(-1)  # warm-up: imports, CSS, first page fetches
            drive.profiler = cProfile.Profile() if profile_dir else None
            for i in range(reps):
                await rep(i)
            if drive.profiler is not None:
                drive.profiler.dump_stats(profile_dir / f"{label}-{name}.prof")
                drive.profiler = None
            assert len(drive.laps) == reps + 1, f"{name}: {len(drive.laps)} laps for {reps + 1} reps"
            first[name], laps[name] = drive.laps[0], drive.laps[1:]

        await drive.settle()
        assert isinstance(app.screen, MainScreen), f"unexpected first screen {app.screen!r} (a draft left in the file?)"
        main = app.screen
        pipeline = main.query_one(PipelinePane)

        await drive.press("f20")  # warm-up
        harness = {
            "direct_floor_ms": percentile([await drive.press("f20") for _ in range(reps)], 0.5),
            "pilot_press_floor_ms": percentile([await drive.pilot_press("f20") for _ in range(reps)], 0.5),
        }

        # switch_pane: 2 (Today), 1 (Pipeline), 2, 1…
        async def switch(i: int) -> None:
            key, pane = ("2", "#today") if i % 2 == 0 else ("1", "#pipeline")
            await drive.press(key)
            assert app.focused is not None and main.query_one(pane) in app.focused.ancestors_with_self

        await measure("switch_pane", switch)
        if not pipeline.list.has_focus:
            await drive.press("1")

        # page_down in the pipeline list
        async def page(i: int) -> None:
            before = pipeline.list.cursor
            await drive.press("pagedown")
            assert pipeline.list.cursor > before, "pagedown did not move the cursor"

        await measure("page_down", page)

        # search_keystroke: one letter, a different one each rep
        search = pipeline.query_one("#pipeline-search", Input)
        await drive.press("/")
        assert search.has_focus
        letters = iter(string.ascii_lowercase * (reps // 26 + 2))

        async def keystroke(i: int) -> None:
            search.value = ""
            await drive.settle()
            letter = next(letters)
            await drive.press(letter)
            assert pipeline.scope.search == letter, f"the search is {pipeline.scope.search!r}"

        await measure("search_keystroke", keystroke)
        await drive.press("escape")
        assert pipeline.scope.search == "" and pipeline.list.has_focus

        # open_talent_50: the detail screen of the talent with the most touchpoints
        async def open_talent(i: int) -> None:
            await drive.timed(lambda: app.show_talent(talent_50))
            assert isinstance(app.screen, TalentDetailScreen) and app.screen.query_one("#timeline").rows.total >= 50
            await app.pop_screen()
            await drive.settle()

        await measure("open_talent_50", open_talent)

        # save_feedback: ctrl+s on a call just logged, its feedback typed
        saved: list[int] = []

        async def save(i: int) -> None:
            tp_id = touchpoints.log_touchpoint(candidacy.talent_id, candidacy.id, "call", app.clock.now(), settings)
            await main.capture.open_capture(tp_id)
            await drive.settle()
            main.capture.form.query_one("#field-feedback_given", TextArea).text = f"benchmark feedback {i}: told them the next steps"
            await drive.settle()
            await drive.press("ctrl+s")
            assert main.capture.form is None, "the capture form is still open"
            saved.append(tp_id)

        await measure("save_feedback", save)
        assert not Touchpoint.select().where(Touchpoint.id.in_(saved) & Touchpoint.feedback_at.is_null()).exists()

        # load_today / load_snoozed: a pane's reload (its count in a worker) until drawn
        for name, pane in (("load_today", "#today"), ("load_snoozed", "#snoozed")):
            await measure(name, lambda i, pane=pane: drive.timed(main.query_one(pane).reload))

        # stats, computed directly — in a worker thread on its kept connection, the figures by introducer
        # beside it in the readers' pool, as the Stats screen's worker does
        reasons, sources = settings.talent.decline_reasons, settings.talent.sources

        def compute_in_thread(mission_id: int | None) -> None:
            with app.readers.use(), stopwatch(drive.laps, drive.profiler):
                stats.compute(mission_id, None, reasons, sources, beside=app.readers.submit)

        async def compute(mission_id: int | None) -> None:
            await asyncio.to_thread(compute_in_thread, mission_id)

        await measure("stats_one_mission", lambda i: compute(big_mission))

        # stats, on screen: S until its worker's figures are drawn
        async def stats_screen(i: int) -> None:
            await drive.press("S")
            assert isinstance(app.screen, StatsScreen) and app.screen.report is not None
            await app.pop_screen()
            await drive.settle()

        pipeline.scope = Scope(big_mission)
        pipeline.reload(keep=False)
        await drive.settle()
        await measure("stats_screen_open", stats_screen)
        await measure("stats_all_missions", lambda i: compute(None))
        pipeline.scope = Scope()
        pipeline.reload(keep=False)
        await drive.settle()
        await measure("stats_screen_open_all", stats_screen)

        # filters and sorts (issue 20): the scope set as the filter form's ctrl+s sets it
        from dataclasses import replace as _replace

        from sourcer_tui.domain.pipeline_filter import PipelineFilter
        from sourcer_tui.services.pipeline import POOL

        today = app.clock.today()

        def filtered(mission, i: int) -> None:
            pipeline.scope = Scope(mission, filter=PipelineFilter(**FILTERS[i % len(FILTERS)]), today=today)
            pipeline.reload(keep=False)

        await measure("filter_pool", lambda i: drive.timed(lambda: filtered(POOL, i)))
        await measure("filter_all_missions", lambda i: drive.timed(lambda: filtered(None, i)))
        pipeline.scope = Scope()
        pipeline.reload(keep=False)
        await drive.settle()
        pipeline.list.focus()
        await drive.settle()

        async def sort(i: int) -> None:
            before = pipeline.scope.sort
            await drive.press("O")
            assert pipeline.scope.sort != before, "O did not change the order"

        await measure("sort_all_missions", sort)
        pipeline.scope = _replace(pipeline.scope, sort="")

        # rediscover (issue 21): R on a mission, a different one each rep, until its pool matches are drawn
        from sourcer_tui.screens.pool_matches import PoolMatchesScreen

        every_mission = picked["missions"]

        async def rediscover(i: int) -> None:
            pipeline.scope = Scope(every_mission[i % len(every_mission)])
            pipeline.reload(keep=False)
            await drive.settle()
            pipeline.list.focus()
            await drive.settle()
            await drive.press("R")
            assert isinstance(app.screen, PoolMatchesScreen) and len(app.screen.query_one("#pool-list").rows) > 0
            await app.pop_screen()
            await drive.settle()

        await measure("rediscover", rediscover)

        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
        leaked = _leaked_widgets()
        app.exit()

    return {
        "laps": {name: [list(lap) for lap in values] for name, values in laps.items()},
        "first": {name: list(lap) for name, lap in first.items()},
        "harness": harness,
        "rss_mb": rss_mb,
        "leaked_widgets": leaked,
        "picked": picked,
    }


# -- one size -----------------------------------------------------------------------------------
def bench_size(talents: int, touchpoints: int, args) -> dict:
    from first_frame import measure as first_frame

    source = scale_file(args.cache_dir, talents, touchpoints, rebuild=args.rebuild)
    tag = f"[{talents:,}/{touchpoints:,}{', PostgreSQL' if args.db_url else ''}]"
    template = pg_template(args.db_url, source, talents, touchpoints, rebuild=args.rebuild) if args.db_url else None
    copies: list[str] = []

    def fresh(name: str) -> str:
        if template is None:
            return str(working_copy(source, work_dir, f"{name}.db"))
        copies.append(pg_copy(template, f"sourcer_bench_{name}_{os.getpid()}"))
        return copies[-1]

    with tempfile.TemporaryDirectory(prefix="sourcer-bench-", dir=args.cache_dir) as work:
        work_dir = Path(work)
        background: dict = {}  # share of the CPUs other processes used, before and during each measure
        background["before_first_frame"] = wait_for_quiet(args.quiet_wait)
        print(f"{tag} first frame, {args.runs} runs each…", file=sys.stderr, flush=True)
        with others_cpu(background, "during_first_frame"):
            # on PostgreSQL, the budget is the first frame on the same data in a file (issue 22)
            ttff = first_frame(fresh("first_frame"), args.runs, args.size,
                               baseline=str(working_copy(source, work_dir, "baseline.db")) if template else None)
        copy = fresh("actions")
        picked = pick_data(copy if template else Path(copy))
        background["before_actions"] = wait_for_quiet(args.quiet_wait)
        print(f"{tag} actions, {args.reps} reps each…", file=sys.stderr, flush=True)
        out = work_dir / "actions.json"
        command = [sys.executable, str(Path(__file__).resolve()), "--pilot-worker", str(copy),
                   "--picked", json.dumps(picked), "--reps", str(args.reps), "--json", str(out), "--label", str(talents),
                   "--size", "{}x{}".format(*args.size)]
        if args.profile:
            command += ["--profile", str(args.profile)]
        with others_cpu(background, "during_actions"):
            subprocess.run(command, check=True)
        actions = json.loads(out.read_text())
    for url in copies:
        pg_drop(url)
    for key in ("during_first_frame", "during_actions"):
        if (background[key] or 0) > QUIET_SHARE:
            print(f"warning: other processes used {background[key]:.0%} of the CPUs {key.replace('_', ' ')}: figures inflated", file=sys.stderr)
    result = summarize(talents, touchpoints, ttff, actions, background, args.size)
    result["backend"] = "postgresql" if template else "sqlite"
    return result


def summarize(talents: int, touchpoints: int, ttff: dict, actions: dict, background: dict, size: tuple[int, int] = SIZE) -> dict:
    wall = {name: [lap[0] for lap in laps] for name, laps in actions["laps"].items()}
    cpu = {name: [lap[1] for lap in laps] for name, laps in actions["laps"].items()}
    p50 = {name: round(percentile(wall[name], 0.50), 1) for name in ACTIONS}
    p95 = {name: round(percentile(wall[name], 0.95), 1) for name in ACTIONS}
    within = {"ttff_ratio": ttff["ttff_ratio"] <= BUDGETS["ttff_ratio"]}
    if "vs_sqlite" in ttff:  # PostgreSQL over loopback: allowed 1.5x the first frame on the file
        within = {"ttff_ratio": ttff["vs_sqlite"] <= BUDGETS["ttff_vs_sqlite"]}
    within.update({name: p95[name] <= BUDGETS["action_p95_ms"] for name in ACTIONS if name not in UNBUDGETED})
    within["rss_mb"] = actions["rss_mb"] <= BUDGETS["rss_mb"]
    return {
        "talents": talents,
        "touchpoints": touchpoints,
        "terminal": "{}x{}".format(*size),
        "language": _language(),
        "ttff": {key: ttff[key] for key in ("ours_ms", "minimal_ms", "ttff_ratio", "ours_min_ms", "minimal_min_ms", "runs",
                                           "sqlite_ms", "vs_sqlite") if key in ttff},
        "actions_p50_ms": p50,
        "actions_p95_ms": p95,
        "actions_cpu_p50_ms": {name: round(percentile(cpu[name], 0.50), 1) for name in ACTIONS},
        "actions_first_ms": {name: round(lap[0], 1) for name, lap in actions["first"].items()},
        "reps": len(wall[ACTIONS[0]]),
        "rss_mb": round(actions["rss_mb"], 1),
        "leaked_widgets": actions["leaked_widgets"],
        "harness": {**{name: round(ms, 2) for name, ms in actions["harness"].items()}, "drain": os.environ.get("SOURCER_BENCH_DRAIN", "waiting")},
        "background_cpu": background,
        "picked": actions["picked"],
        "budgets": BUDGETS,
        "within_budget": within,
    }


def _language() -> str:
    """The app's language in this run (``LANG=fr_FR.UTF-8`` measures the French app)."""
    from sourcer_tui.i18n import resolve_language

    return resolve_language("auto", os.environ)


# -- report ----------------------------------------------------------------------------------------
def _mark(ok: bool | None) -> str:
    return "" if ok is None else ("ok" if ok else "MISS")


def print_report(results: list[dict]) -> None:
    for r in results:
        w, t, h = r["within_budget"], r["ttff"], r["harness"]
        print(f"\n== {r['talents']:,} talents / {r['touchpoints']:,} touchpoints · terminal {r.get('terminal', '160x45')} ==")
        if "vs_sqlite" in t:
            print(f"first frame  on PostgreSQL {t['ours_ms']:.0f} ms · on the SQLite file {t['sqlite_ms']:.0f} ms · "
                  f"ratio {t['vs_sqlite']:.2f} (budget ≤ {BUDGETS['ttff_vs_sqlite']})  {_mark(w['ttff_ratio'])}   "
                  f"[minimal app {t['minimal_ms']:.0f} ms]")
        else:
            print(f"first frame  ours {t['ours_ms']:.0f} ms · minimal {t['minimal_ms']:.0f} ms · ratio {t['ttff_ratio']:.2f} "
                  f"(budget ≤ {BUDGETS['ttff_ratio']})  {_mark(w['ttff_ratio'])}   "
                  f"[fastest runs: {t['ours_min_ms']:.0f} / {t['minimal_min_ms']:.0f} ms = {t['ours_min_ms'] / t['minimal_min_ms']:.2f}]")
        print(f"{'action':<24}{'p50 ms':>9}{'p95 ms':>9}{'cpu p50':>9}{'first ms':>10}  p95 ≤ {BUDGETS['action_p95_ms']} ms")
        for name in ACTIONS:
            print(f"{name:<24}{r['actions_p50_ms'][name]:>9.1f}{r['actions_p95_ms'][name]:>9.1f}"
                  f"{r['actions_cpu_p50_ms'][name]:>9.1f}{r['actions_first_ms'][name]:>10.1f}  {_mark(w.get(name))}")
        print(f"peak RSS     {r['rss_mb']:.0f} MB (budget ≤ {BUDGETS['rss_mb']})  {_mark(w['rss_mb'])}")
        leaked = ", ".join(f"{n} {k}" for k, n in list(r["leaked_widgets"].items())[:5]) or "none"
        print(f"leaked       removed widgets still alive at the end: {sum(r['leaked_widgets'].values())} ({leaked})")
        print(f"harness      {r['reps']} reps; floor included above {h['direct_floor_ms']:.1f} ms "
              f"(pilot.press + pause would add {h['pilot_press_floor_ms']:.0f} ms); talent {r['picked']['talent_50']} "
              f"({r['picked']['talent_50_touchpoints']} touchpoints), stats mission {r['picked']['stats_mission']}")
        print(f"machine      other processes' share of the CPUs: {r['background_cpu']}")
    if len(results) > 1:
        small, big = results[0], results[-1]
        print(f"\n== growth {small['talents']:,} → {big['talents']:,} talents ==")
        print(f"{'':<24}{'p50':>8}{'p95':>8}")
        print(f"{'first frame (ours)':<24}{big['ttff']['ours_ms'] / small['ttff']['ours_ms']:>7.1f}×")
        for name in ACTIONS:
            ratios = [big[key][name] / small[key][name] if small[key][name] else math.nan for key in ("actions_p50_ms", "actions_p95_ms")]
            print(f"{name:<24}{ratios[0]:>7.1f}×{ratios[1]:>7.1f}×")
        print(f"{'peak RSS':<24}{big['rss_mb'] / small['rss_mb']:>7.1f}×")


# -- command line -------------------------------------------------------------------------------------
def _sizes(text: str) -> list[tuple[int, int]]:
    sizes = []
    for part in text.split(","):
        talents, _, touchpoints = part.partition(":")
        sizes.append((int(talents), int(touchpoints) if touchpoints else int(talents) * 10))
    return sizes


def main() -> None:
    from first_frame import terminal_size  # same directory

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--talents", type=int, default=100_000)
    parser.add_argument("--touchpoints", type=int, default=None, help="default: 10 per talent")
    parser.add_argument("--sizes", type=_sizes, metavar="T:P,T:P", help="several sizes, e.g. 10000:100000,100000:1000000 (instead of --talents)")
    parser.add_argument("--runs", type=int, default=7, help="first-frame runs per app (default 7)")
    parser.add_argument("--reps", type=int, default=20, help="repetitions per action (default 20)")
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE, help="where the scale files are kept (default benchmarks/.cache)")
    parser.add_argument("--rebuild", action="store_true", help="generate the scale files again")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the figures as JSON")
    parser.add_argument("--quiet-wait", type=float, default=120, metavar="S", help="wait up to S s for a quiet machine before each measure (default 120)")
    parser.add_argument("--profile", type=Path, metavar="DIR", help="also write a cProfile of each action (inflates the figures)")
    parser.add_argument("--drain", choices=("waiting", "callbacks"), help="how an action's messages are waited for (default waiting; callbacks: Pilot's _wait_for_screen, the earlier way)")
    parser.add_argument("--pilot-worker", type=str, metavar="DB", help=argparse.SUPPRESS)  # internal: the actions process
    parser.add_argument("--picked", type=json.loads, help=argparse.SUPPRESS)
    parser.add_argument("--label", default="", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=terminal_size, default=SIZE, metavar="COLSxROWS",
                        help="the terminal's size for the first frame and the actions (default 160x45; 80x24: a laptop's default)")
    parser.add_argument("--db-url", metavar="URL",
                        help="measure on PostgreSQL: a server's postgresql:// URL (the scale file is moved there once, by migrate-to)")
    parser.add_argument("--smoke", type=float, metavar="F", help="exit 1 when a budgeted figure passes F times its budget (CI: 2)")
    args = parser.parse_args()

    if args.pilot_worker:
        result = asyncio.run(run_actions(args.pilot_worker, args.picked, args.reps, args.profile, args.label, args.size))
        args.json.write_text(json.dumps(result))
        return

    if args.drain:  # the actions process reads it from its environment
        os.environ["SOURCER_BENCH_DRAIN"] = args.drain
    if args.runs < 5 or args.reps < 20:
        print("note: the budgets are defined on ≥ 5 first-frame runs and ≥ 20 reps", file=sys.stderr)
    args.cache_dir = args.cache_dir.resolve()
    use_bytecode_cache(args.cache_dir)
    if args.profile:
        args.profile = args.profile.resolve()
        args.profile.mkdir(parents=True, exist_ok=True)
    sizes = sorted(args.sizes or [(args.talents, args.touchpoints if args.touchpoints is not None else args.talents * 10)])
    results = [bench_size(talents, touchpoints, args) for talents, touchpoints in sizes]
    print_report(results)
    if args.json:
        args.json.write_text(json.dumps(results[0] if len(results) == 1 else results, indent=1) + "\n")
    if args.smoke:
        missed = [line for r in results for line in over_budget(r, args.smoke)]
        for line in missed:
            print(f"smoke: {line}", file=sys.stderr)
        if missed:
            sys.exit(1)


def over_budget(result: dict, factor: float) -> list[str]:
    """Each budgeted figure of *result* past *factor* times its budget (a silently
    disabled speed-up, not the machine's mood, goes that far)."""
    size = f"{result['talents']:,} talents"
    ttff = result["ttff"]
    figures = [("first frame ratio", ttff["vs_sqlite"], BUDGETS["ttff_vs_sqlite"]) if "vs_sqlite" in ttff else
               ("first frame ratio", ttff["ttff_ratio"], BUDGETS["ttff_ratio"]),
               ("peak RSS MB", result["rss_mb"], BUDGETS["rss_mb"])]
    figures += [(f"{name} p95 ms", p95, BUDGETS["action_p95_ms"]) for name, p95 in result["actions_p95_ms"].items() if name not in UNBUDGETED]
    return [f"{size}: {what} {value} > {factor:g} x {budget}" for what, value, budget in figures if value > factor * budget]


if __name__ == "__main__":
    main()
