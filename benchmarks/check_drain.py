"""Is the benchmark's wait complete?  Each action is run as ``bench.py`` runs it
(``Driver``, the "waiting" drain), then Pilot's own wait (a callback to every
node of the screen, the "callbacks" drain) is run on top and the screen
composited again: if that finds anything more to draw — one segment's text or
style — the cheaper wait returned too early.

    .venv/bin/python benchmarks/check_drain.py --db benchmarks/.cache/scale-t10000-p100000.db

Works on a copy of the file.  Prints the number of checks and of differences
(0 expected); ``--never-wait`` swaps in a drain that does not wait at all, to
see the check catch it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ["SOURCER_BENCH_DRAIN"] = "waiting"
import bench  # noqa: E402


def _screen(app) -> list:
    return [[(seg.text, str(seg.style)) for seg in strip] for strip in app.screen._compositor.render_strips()]


async def _run(db_path: Path, picked: dict) -> tuple[int, int]:
    from textual.widgets import TextArea

    from sourcer_tui.app import make_app
    from sourcer_tui.config import Settings
    from sourcer_tui.db.database import open_database
    from sourcer_tui.services import touchpoints

    app = make_app(Settings(), open_database(db_path))
    checks = diffs = 0
    async with app.run_test(size=(160, 45)) as pilot:
        drive = bench.Driver(pilot)
        await drive.settle()
        main = app.screen

        async def check(label: str) -> None:
            nonlocal checks, diffs
            before = _screen(app)
            bench.DRAIN = "callbacks"
            try:
                await drive.settle()
            finally:
                bench.DRAIN = "waiting"
            checks += 1
            if _screen(app) != before:
                diffs += 1
                print(f"more to draw after: {label}")

        for i in range(6):
            await drive.press("2" if i % 2 == 0 else "1")
            await check("switch pane")
        for _ in range(3):
            await drive.press("pagedown")
            await check("page down")
        await drive.press("/")
        box = main.query_one("#pipeline-search")
        for letter in "abc":
            box.value = ""
            await drive.settle()
            await drive.press(letter)
            await check(f"search {letter}")
        await drive.press("escape")
        await drive.settle()
        for i in range(3):
            tp = touchpoints.log_touchpoint(picked["talent"], picked["candidacy"], "call", app.clock.now(), app.settings)
            await main.capture.open_capture(tp)
            await drive.settle()
            main.capture.form.query_one("#field-feedback_given", TextArea).text = f"check {i}"
            await drive.settle()
            await drive.press("ctrl+s")
            await check("save feedback")
        for _ in range(3):
            await drive.timed(lambda: app.show_talent(picked["talent"]))
            await check("open talent")
            await app.pop_screen()
            await drive.settle()
        for _ in range(3):
            await drive.press("S")
            await check("Stats screen")
            await app.pop_screen()
            await drive.settle()
        for pane in ("#today", "#snoozed"):
            await drive.timed(main.query_one(pane).reload)
            await check(f"reload {pane}")
        app.exit()
    return checks, diffs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--never-wait", action="store_true", help="a drain that does not wait (the check must fail)")
    args = parser.parse_args()
    if args.never_wait:
        bench._waiting = lambda node: True
    picked = bench.pick_data(args.db)
    candidacy = picked["candidacy"]
    import sqlite3

    with sqlite3.connect(args.db) as conn:
        (talent,) = conn.execute("SELECT talent_id FROM candidacy WHERE id = ?", (candidacy,)).fetchone()
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "check.db"
        shutil.copyfile(args.db, copy)
        checks, diffs = asyncio.run(_run(copy, {"talent": talent, "candidacy": candidacy}))
    print(f"{checks} checks, {diffs} with more to draw after the waiting drain")
    sys.exit(1 if diffs else 0)


if __name__ == "__main__":
    main()
