"""sourcer-tui at scale: first frame, keyboard actions through Pilot, memory.

    .venv/bin/python benchmarks/bench.py --talents 100000 --touchpoints 1000000 --json OUT
    .venv/bin/python benchmarks/bench.py --sizes 10000:100000,100000:1000000 --json OUT

For each size (talents:touchpoints):

1. **scale file** — ``sourcer-tui demo-data`` (run as ``python -m sourcer_tui``)
   writes ``<cache-dir>/scale-t<T>-p<P>.db`` once; later runs reuse it
   (``--rebuild`` makes it again).  Every measure works on a fresh *copy*:
   start-up sweeps and saved feedback write to the file.
2. **first frame** — :mod:`first_frame` (same directory): a fresh process per
   run, from spawn until the main screen has drawn with its data, for
   sourcer-tui and for a minimal Textual app (Header + Static + Footer);
   medians of ``--runs`` runs and ``ttff_ratio`` = ours / minimal.
3. **actions** — one process (``--pilot-worker``, so its peak RSS is its own):
   ``make_app(Settings(), open_database(copy)).run_test(size=(160, 45))``,
   each action repeated ``--reps`` times after one untimed warm-up run
   (its time is kept as ``actions_first_ms``); p50 and p95 in ms.
4. **memory** — peak RSS of that process after the actions (``rss_mb``).

How an action is timed: from just before the key is posted to the app until
its result is painted — every queued message handled, every worker started
by it finished (``app.workers.wait_for_complete()``), the messages they posted
handled, then the screen composited.  ``pilot.press()`` + ``pilot.pause()`` is
*not* used for the timing: each of them sleeps at least 20 ms
(``textual._wait.wait_for_idle``), i.e. a fixed ~60 ms floor on every action
that has nothing to do with the app.  Both floors are measured on a key bound
to nothing and reported under ``harness`` (``direct_floor_ms`` is included in
every figure; ``pilot_press_floor_ms`` is what the naive method would add).
The real app paints on a 60 Hz timer, so a user may see a result up to
~16 ms after the figure given here.

Actions (each timed one press / call at a time):

========================  =====================================================
``switch_pane``           ``2`` then ``1`` alternately (focus Today / Pipeline)
``page_down``             ``pagedown`` in the pipeline list (all missions)
``search_keystroke``      one letter typed in the search box (``/`` first,
                          untimed), a different letter each time; the box is
                          emptied untimed between reps; the FTS count runs in
                          a worker and is waited for
``open_talent_50``        ``push_screen(TalentDetailScreen(id))`` of the talent
                          with the most touchpoints (≥ 50) until mounted and
                          settled; popped untimed
``save_feedback``         ``ctrl+s`` in the capture form of a call just logged
                          (logging, opening the form and typing are untimed)
                          until the form is closed and Today / Pipeline /
                          Capture have reloaded
``load_today``            ``#today`` ``reload()`` (count in a worker) + paint
``load_snoozed``          ``#snoozed`` ``reload()`` + paint
``stats_one_mission``     ``services.stats.compute()`` for the largest mission
``stats_screen_open``     ``S`` with the pipeline on that mission, until the
                          figures are on screen
``stats_all_missions``    ``compute()`` for all missions  (no budget)
``stats_screen_open_all`` ``S`` with the pipeline on all missions, the app's
                          default  (no budget)
========================  =====================================================

Budgets: ``ttff_ratio`` ≤ 1.5, every action's p95 ≤ 50 ms (except the two
all-missions stats), ``rss_mb`` ≤ 250.  With ``--json OUT`` one size writes
one object; several sizes write a list of them (smallest first).
"""

from __future__ import annotations

import argparse
import asyncio
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
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CACHE = HERE / ".cache"
SIZE = (160, 45)
BUDGETS = {"ttff_ratio": 1.5, "action_p95_ms": 50, "rss_mb": 250}
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
)


# -- the scale file -------------------------------------------------------------------
def scale_file(cache_dir: Path, talents: int, touchpoints: int, *, rebuild: bool = False) -> Path:
    """The cached ``demo-data`` file for these sizes (made on first use)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / f"scale-t{talents}-p{touchpoints}.db"
    if path.exists() and not rebuild:
        made = time.strftime("%Y-%m-%d", time.localtime(path.stat().st_mtime))
        if made != time.strftime("%Y-%m-%d"):
            print(f"note: {path.name} was made on {made}; its dates are relative to that day (--rebuild to refresh)", file=sys.stderr)
        return path
    partial = path.with_suffix(".partial.db")  # renamed only once complete
    for stale in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        stale.unlink(missing_ok=True)
    print(f"generating {path.name} ({talents:,} talents, {touchpoints:,} touchpoints)…", file=sys.stderr, flush=True)
    subprocess.run(
        [sys.executable, "-m", "sourcer_tui", "demo-data", "--db", str(partial), "--talents", str(talents), "--touchpoints", str(touchpoints)],
        check=True,
        stderr=subprocess.DEVNULL,
    )
    if Path(f"{partial}-wal").exists():
        raise RuntimeError(f"{partial}: a -wal file was left behind; the copy would be incomplete")
    os.replace(partial, path)
    return path


def working_copy(source: Path, directory: Path, name: str) -> Path:
    """A private copy of *source* (a cleanly closed file has no -wal to copy)."""
    target = directory / name
    shutil.copyfile(source, target)
    return target


# -- statistics -------------------------------------------------------------------------
def percentile(samples: list[float], p: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    ordered = sorted(samples)
    k = (len(ordered) - 1) * p
    low, high = math.floor(k), math.ceil(k)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


# -- the Pilot process ----------------------------------------------------------------------
class Driver:
    """Posts keys and waits for their whole effect, without Pilot's fixed sleeps."""

    def __init__(self, pilot) -> None:
        self.pilot = pilot
        self.app = pilot.app

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
        for _ in range(100):
            await self.pilot._wait_for_screen()
            nodes = [self.app, *self.app.screen.walk_children(with_self=True)]
            if all(node._message_queue.empty() for node in nodes):
                return

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

    async def timed(self, act: Callable[[], Awaitable[None] | None]) -> float:
        """ms from just before *act* until its result is on screen."""
        started = time.perf_counter()
        result = act()
        if result is not None:
            await result
        await self.settle()
        return (time.perf_counter() - started) * 1000

    async def press(self, key: str) -> float:
        return await self.timed(lambda: self.post_key(key))

    async def pilot_press(self, key: str) -> float:
        """The naive measure: ``pilot.press`` + ``wait_for_complete`` + ``pilot.pause``."""
        started = time.perf_counter()
        await self.pilot.press(key)
        await self.app.workers.wait_for_complete()
        await self.pilot.pause()
        return (time.perf_counter() - started) * 1000


def _pick_data():
    """(talent id, its touchpoint count), the largest mission, and an open candidacy."""
    from peewee import fn

    from sourcer_tui.db.models import Candidacy, Touchpoint
    from sourcer_tui.domain.stages import is_closed

    n = fn.COUNT(Touchpoint.id)
    talent_id, touchpoints = (
        Touchpoint.select(Touchpoint.talent, n).group_by(Touchpoint.talent).having(n >= 50).order_by(n.desc()).limit(1).tuples().get()
    )
    c = fn.COUNT(Candidacy.id)
    (mission_id,) = Candidacy.select(Candidacy.mission).group_by(Candidacy.mission).order_by(c.desc()).limit(1).tuples().get()
    candidacy = next(c for c in Candidacy.select().order_by(Candidacy.id) if not is_closed(c.stage))
    return talent_id, touchpoints, mission_id, candidacy


async def run_actions(db_path: Path, reps: int) -> dict:
    """Every action, *reps* times each (+ one warm-up), in this process."""
    from sourcer_tui.app import make_app
    from sourcer_tui.config import Settings
    from sourcer_tui.db.database import open_database
    from sourcer_tui.db.models import Touchpoint
    from sourcer_tui.screens.main import MainScreen
    from sourcer_tui.screens.stats import StatsScreen
    from sourcer_tui.screens.talent_detail import TalentDetailScreen
    from sourcer_tui.services import stats, touchpoints
    from sourcer_tui.services.pipeline import Scope
    from sourcer_tui.widgets.pipeline_pane import PipelinePane
    from textual.widgets import Input, TextArea

    settings = Settings()
    db = open_database(db_path)
    talent_50, talent_50_touchpoints, big_mission, candidacy = _pick_data()
    app = make_app(settings, db)
    samples: dict[str, list[float]] = {}
    first: dict[str, float] = {}

    async def measure(name: str, rep: Callable[[int], Awaitable[float]]) -> None:
        first[name] = await rep(-1)  # warm-up: imports, CSS, first page fetches
        samples[name] = [await rep(i) for i in range(reps)]

    async with app.run_test(size=SIZE) as pilot:
        drive = Driver(pilot)
        await drive.settle()
        assert isinstance(app.screen, MainScreen), f"unexpected first screen {app.screen!r}"
        main = app.screen
        pipeline = main.query_one(PipelinePane)

        harness = {
            "direct_floor_ms": percentile([await drive.press("f20") for _ in range(reps)], 0.5),
            "pilot_press_floor_ms": percentile([await drive.pilot_press("f20") for _ in range(reps)], 0.5),
        }

        # switch_pane: 2 (Today), 1 (Pipeline), 2, 1…
        async def switch(i: int) -> float:
            key, pane = ("2", "#today") if i % 2 == 0 else ("1", "#pipeline")
            ms = await drive.press(key)
            assert app.focused is not None and main.query_one(pane) in app.focused.ancestors_with_self
            return ms

        await measure("switch_pane", switch)
        if not pipeline.list.has_focus:
            await drive.press("1")

        # page_down in the pipeline list
        async def page(i: int) -> float:
            before = pipeline.list.cursor
            ms = await drive.press("pagedown")
            assert pipeline.list.cursor > before, "pagedown did not move the cursor"
            return ms

        await measure("page_down", page)

        # search_keystroke: one letter, a different one each rep
        search = pipeline.query_one("#pipeline-search", Input)
        await drive.press("/")
        assert search.has_focus
        letters = iter(string.ascii_lowercase * (reps // 26 + 2))

        async def keystroke(i: int) -> float:
            search.value = ""
            await drive.settle()
            letter = next(letters)
            ms = await drive.press(letter)
            assert pipeline.scope.search == letter, f"search is {pipeline.scope.search!r}"
            return ms

        await measure("search_keystroke", keystroke)
        await drive.press("escape")
        assert pipeline.scope.search == "" and pipeline.list.has_focus

        # open_talent_50: the detail screen of the talent with the most touchpoints
        async def open_talent(i: int) -> float:
            ms = await drive.timed(lambda: app.push_screen(TalentDetailScreen(talent_50)))
            assert isinstance(app.screen, TalentDetailScreen) and app.screen.query_one("#timeline").rows.total >= 50
            await app.pop_screen()
            await drive.settle()
            return ms

        await measure("open_talent_50", open_talent)

        # save_feedback: ctrl+s on a call just logged, its feedback typed
        saved: list[int] = []

        async def save(i: int) -> float:
            tp_id = touchpoints.log_touchpoint(candidacy.talent_id, candidacy.id, "call", app.clock.now(), settings)
            await main.capture.open_capture(tp_id)
            await drive.settle()
            main.capture.form.query_one("#field-feedback_given", TextArea).text = f"benchmark feedback {i}: told them the next steps"
            await drive.settle()
            ms = await drive.press("ctrl+s")
            assert main.capture.form is None, "the capture form is still open"
            saved.append(tp_id)
            return ms

        await measure("save_feedback", save)
        assert Touchpoint.select().where(Touchpoint.id.in_(saved) & Touchpoint.feedback_at.is_null()).count() == 0

        # load_today / load_snoozed: a pane's reload (its count in a worker) until drawn
        for name, pane in (("load_today", "#today"), ("load_snoozed", "#snoozed")):
            await measure(name, lambda i, pane=pane: drive.timed(main.query_one(pane).reload))

        # stats, computed directly
        reasons, sources = settings.talent.decline_reasons, settings.talent.sources

        async def compute(mission_id) -> float:
            started = time.perf_counter()
            stats.compute(mission_id, None, reasons, sources)
            return (time.perf_counter() - started) * 1000

        await measure("stats_one_mission", lambda i: compute(big_mission))

        # stats, on screen: S until its worker's figures are drawn
        async def stats_screen(i: int) -> float:
            ms = await drive.press("S")
            assert isinstance(app.screen, StatsScreen) and app.screen.report is not None
            await app.pop_screen()
            await drive.settle()
            return ms

        pipeline.scope = Scope(big_mission)
        pipeline.reload(keep=False)
        await drive.settle()
        await measure("stats_screen_open", stats_screen)
        await measure("stats_all_missions", lambda i: compute(None))
        pipeline.scope = Scope()
        pipeline.reload(keep=False)
        await drive.settle()
        await measure("stats_screen_open_all", stats_screen)

        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
        app.exit()

    return {
        "samples_ms": samples,
        "first_ms": first,
        "harness": harness,
        "rss_mb": rss_mb,
        "picked": {"talent_50": talent_50, "talent_50_touchpoints": talent_50_touchpoints, "stats_mission": big_mission},
    }


# -- one size ------------------------------------------------------------------------------
def bench_size(talents: int, touchpoints: int, args) -> dict:
    from first_frame import measure as first_frame

    source = scale_file(args.cache_dir, talents, touchpoints, rebuild=args.rebuild)
    with tempfile.TemporaryDirectory(prefix="sourcer-bench-", dir=args.cache_dir) as work:
        work_dir = Path(work)
        print(f"[{talents:,}/{touchpoints:,}] first frame, {args.runs} runs each…", file=sys.stderr, flush=True)
        ttff = first_frame(str(working_copy(source, work_dir, "first_frame.db")), args.runs)
        print(f"[{talents:,}/{touchpoints:,}] actions, {args.reps} reps each…", file=sys.stderr, flush=True)
        out = work_dir / "actions.json"
        subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--pilot-worker", str(working_copy(source, work_dir, "actions.db")), "--reps", str(args.reps), "--json", str(out)],
            check=True,
        )
        actions = json.loads(out.read_text())
    return summarize(talents, touchpoints, ttff, actions)


def summarize(talents: int, touchpoints: int, ttff: dict, actions: dict) -> dict:
    samples = actions["samples_ms"]
    p50 = {name: round(percentile(samples[name], 0.50), 1) for name in ACTIONS}
    p95 = {name: round(percentile(samples[name], 0.95), 1) for name in ACTIONS}
    within = {"ttff_ratio": ttff["ttff_ratio"] <= BUDGETS["ttff_ratio"]}
    within.update({name: p95[name] <= BUDGETS["action_p95_ms"] for name in ACTIONS if name not in UNBUDGETED})
    within["rss_mb"] = actions["rss_mb"] <= BUDGETS["rss_mb"]
    return {
        "talents": talents,
        "touchpoints": touchpoints,
        "ttff": {"ours_ms": ttff["ours_ms"], "minimal_ms": ttff["minimal_ms"], "ttff_ratio": ttff["ttff_ratio"], "runs": ttff["runs"]},
        "actions_p50_ms": p50,
        "actions_p95_ms": p95,
        "actions_first_ms": {name: round(ms, 1) for name, ms in actions["first_ms"].items()},
        "reps": len(samples[ACTIONS[0]]),
        "harness": {name: round(ms, 2) for name, ms in actions["harness"].items()},
        "picked": actions["picked"],
        "rss_mb": round(actions["rss_mb"], 1),
        "budgets": BUDGETS,
        "within_budget": within,
    }


# -- report ---------------------------------------------------------------------------------
def _mark(ok: bool | None) -> str:
    return "" if ok is None else ("ok" if ok else "MISS")


def print_report(results: list[dict]) -> None:
    for r in results:
        w = r["within_budget"]
        t = r["ttff"]
        print(f"\n== {r['talents']:,} talents / {r['touchpoints']:,} touchpoints ==")
        print(f"first frame  ours {t['ours_ms']:.0f} ms · minimal {t['minimal_ms']:.0f} ms · ratio {t['ttff_ratio']:.2f} "
              f"(budget {BUDGETS['ttff_ratio']})  {_mark(w['ttff_ratio'])}")
        print(f"{'action':<24}{'p50 ms':>9}{'p95 ms':>9}{'first ms':>10}  budget p95 ≤ {BUDGETS['action_p95_ms']} ms")
        for name in ACTIONS:
            print(f"{name:<24}{r['actions_p50_ms'][name]:>9.1f}{r['actions_p95_ms'][name]:>9.1f}{r['actions_first_ms'][name]:>10.1f}  {_mark(w.get(name))}")
        print(f"peak RSS     {r['rss_mb']:.0f} MB (budget {BUDGETS['rss_mb']})  {_mark(w['rss_mb'])}")
        h = r["harness"]
        print(f"harness      {r['reps']} reps · floor included above {h['direct_floor_ms']:.2f} ms · "
              f"(pilot.press+pause floor would be {h['pilot_press_floor_ms']:.0f} ms) · talent {r['picked']['talent_50']} "
              f"({r['picked']['talent_50_touchpoints']} touchpoints) · stats mission {r['picked']['stats_mission']}")
    if len(results) > 1:
        small, big = results[0], results[-1]
        print(f"\n== growth {small['talents']:,} → {big['talents']:,} talents (p50 ×, p95 ×) ==")
        rows = [("first frame (ours)", small["ttff"]["ours_ms"], big["ttff"]["ours_ms"], None, None)]
        rows += [(n, small["actions_p50_ms"][n], big["actions_p50_ms"][n], small["actions_p95_ms"][n], big["actions_p95_ms"][n]) for n in ACTIONS]
        for name, a50, b50, a95, b95 in rows:
            p95 = "" if a95 is None else f"{b95 / a95:>8.1f}×"
            print(f"{name:<24}{b50 / a50:>8.1f}×{p95}")
        print(f"{'peak RSS':<24}{big['rss_mb'] / small['rss_mb']:>8.1f}×")


# -- command line -----------------------------------------------------------------------------
def _sizes(text: str) -> list[tuple[int, int]]:
    sizes = []
    for part in text.split(","):
        talents, _, touchpoints = part.partition(":")
        sizes.append((int(talents), int(touchpoints) if touchpoints else int(talents) * 10))
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--talents", type=int, default=100_000)
    parser.add_argument("--touchpoints", type=int, default=None, help="default: 10 per talent")
    parser.add_argument("--sizes", type=_sizes, metavar="T:P,T:P", help="several sizes, e.g. 10000:100000,100000:1000000 (overrides --talents)")
    parser.add_argument("--runs", type=int, default=7, help="first-frame runs per app (default 7)")
    parser.add_argument("--reps", type=int, default=20, help="repetitions per action (default 20)")
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE, help="where scale files are kept (default benchmarks/.cache)")
    parser.add_argument("--rebuild", action="store_true", help="generate the scale files again")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the figures as JSON")
    parser.add_argument("--pilot-worker", type=Path, metavar="DB", help=argparse.SUPPRESS)  # internal: the actions process
    args = parser.parse_args()

    if args.pilot_worker:
        result = asyncio.run(run_actions(args.pilot_worker, args.reps))
        args.json.write_text(json.dumps(result))
        return

    if args.runs < 5 or args.reps < 20:
        print("note: the budgets are defined on ≥ 5 first-frame runs and ≥ 20 reps", file=sys.stderr)
    args.cache_dir = args.cache_dir.resolve()
    sizes = sorted(args.sizes or [(args.talents, args.touchpoints if args.touchpoints is not None else args.talents * 10)])
    results = [bench_size(talents, touchpoints, args) for talents, touchpoints in sizes]
    print_report(results)
    if args.json:
        args.json.write_text(json.dumps(results[0] if len(results) == 1 else results, indent=1) + "\n")


if __name__ == "__main__":
    main()
