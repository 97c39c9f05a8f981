"""The benchmark at 10,000 talents, as a smoke test: no budgeted figure past twice
its budget.  The budgets themselves live in the benchmark (a quiet machine, 20
repetitions); twice as much is what a speed-up that silently stopped working
costs, not a busy machine."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_benchmark_at_10k_holds_twice_its_budgets(tmp_path):
    env = {key: value for key, value in os.environ.items() if not key.startswith("SOURCER_TUI_")}
    env.update(HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_STATE_HOME=str(tmp_path / "state"))
    run = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--talents", "10000", "--touchpoints", "100000",
         "--runs", "5", "--reps", "20", "--cache-dir", str(tmp_path / "cache"), "--quiet-wait", "10", "--smoke", "2"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
