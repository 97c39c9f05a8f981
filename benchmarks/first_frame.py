"""Time to first frame with data: sourcer-tui vs a minimal Textual app.

Each run spawns a fresh Python process and measures wall time from spawn
until the main screen has drawn with its data (every pane loaded), then the
same for a minimal app (Header + Static + Footer).  Headless driver: the
whole compose/layout/render pipeline runs, only the terminal write is skipped.

    python benchmarks/first_frame.py --db PATH [--runs 7] [--size 80x24] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

PROBE = r'''
import sys
mode, db_path = sys.argv[1], sys.argv[2]
size = tuple(int(n) for n in sys.argv[3].split("x")) if len(sys.argv) > 3 else (160, 45)

async def ready(pilot):
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    print("ready", flush=True)
    pilot.app.exit()

if mode == "minimal":
    from textual.app import App
    from textual.widgets import Footer, Header, Static

    class Minimal(App):
        def compose(self):
            yield Header()
            yield Static("Hello")
            yield Footer()

    Minimal().run(headless=True, size=size, auto_pilot=ready)
else:
    from sourcer_tui.config import Settings
    from sourcer_tui.db.database import open_database
    from sourcer_tui.app import make_app

    make_app(Settings(), open_database(db_path)).run(headless=True, size=size, auto_pilot=ready)
'''


def one_run(mode: str, db: str, size: tuple[int, int] = (160, 45)) -> float:
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", PROBE, mode, db, "{}x{}".format(*size)], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    for line in process.stdout:
        if line.strip() == "ready":
            elapsed = time.perf_counter() - started
            break
    else:
        raise RuntimeError(f"{mode}: the probe never reported ready")
    process.wait(timeout=30)
    return elapsed * 1000


def measure(db: str, runs: int, size: tuple[int, int] = (160, 45), baseline: str | None = None) -> dict:
    """Medians of *runs* runs of each app in a terminal of *size* (columns, lines).
    *baseline*: the same data in a SQLite file, when *db* is a PostgreSQL URL; ours
    on it is timed too, in the same interleaved rounds (``vs_sqlite``: ours on the
    server / ours on the file)."""
    one_run("minimal", db, size)  # warm the OS file cache (and bytecode caches) for both
    one_run("ours", db, size)
    if baseline:
        one_run("ours", baseline, size)
    minimal, ours, on_file = [], [], []
    for _ in range(runs):  # interleaved: a load that comes and goes hits both alike
        minimal.append(one_run("minimal", db, size))
        ours.append(one_run("ours", db, size))
        if baseline:
            on_file.append(one_run("ours", baseline, size))
    extra = {}
    if baseline:
        extra = {"sqlite_ms": round(statistics.median(on_file), 1),
                 "vs_sqlite": round(statistics.median(ours) / statistics.median(on_file), 2)}
    return {**extra,
        "db": db,
        "runs": runs,
        "size": "{}x{}".format(*size),
        "minimal_ms": round(statistics.median(minimal), 1),
        "ours_ms": round(statistics.median(ours), 1),
        "ttff_ratio": round(statistics.median(ours) / statistics.median(minimal), 2),
        "minimal_min_ms": round(min(minimal), 1),
        "ours_min_ms": round(min(ours), 1),
    }


def terminal_size(text: str) -> tuple[int, int]:
    """``80x24`` -> ``(80, 24)``."""
    columns, _, lines = text.lower().partition("x")
    try:
        size = (int(columns), int(lines))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: expected COLUMNSxLINES, e.g. 80x24") from None
    if min(size) < 10:
        raise argparse.ArgumentTypeError(f"{text!r}: at least 10x10")
    return size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--size", type=terminal_size, default=(160, 45), metavar="COLSxROWS", help="the terminal's size (default 160x45)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result = measure(str(Path(args.db).expanduser()), args.runs, args.size)
    print(json.dumps(result, indent=1))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
