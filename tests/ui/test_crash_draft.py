"""Acceptance: a feedback draft survives SIGKILL of the real ``sourcer-tui`` process.

The app runs as a separate process in a pseudo-terminal, exactly as a user
starts it.  A draft is typed, the process is killed with SIGKILL while the
draft is in the form, and the next start offers the draft with the text intact;
resuming it and pressing ctrl+s saves it for real.

Synchronisation is only ever "poll with a deadline" — the screen (the pty
output, ANSI escapes stripped) or the SQLite file (read-only).
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import os
import re
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

try:  # POSIX only
    import fcntl
    import pty  # noqa: F401  (its presence is what tells us pseudo-terminals exist)
    import struct
    import termios
except ImportError:  # pragma: no cover - Windows
    pty = None

pytestmark = pytest.mark.skipif(pty is None or not hasattr(os, "openpty"), reason="needs POSIX pseudo-terminals")

COLUMNS, LINES = 160, 45
START_TIMEOUT = 20.0
DB_TIMEOUT = 10.0
DRAFT = "Gave feedback: strong [b]Spark[/b], été"

# CSI (cursor moves, colours…), OSC (titles…, BEL or ST terminated), DCS/APC/PM/SOS
# strings, charset selection, and the remaining two-byte escapes.
_ANSI = re.compile(
    r"""
      \x1b\[[0-?]*[ -/]*[@-~]
    | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)
    | \x1b[P_^X][^\x1b]*\x1b\\
    | \x1b[()*+][0-~]
    | \x1b[ -/]*[0-~]
    """,
    re.VERBOSE,
)


def strip_ansi(text: str) -> str:
    return _ANSI.sub("", text)


def _command() -> list[str]:
    """The installed console script next to this interpreter (the venv), else on PATH."""
    script = Path(sys.executable).with_name("sourcer-tui")
    if script.exists():
        return [str(script)]
    found = shutil.which("sourcer-tui")
    if found:
        return [found]
    return [sys.executable, "-m", "sourcer_tui"]  # pragma: no cover - not installed


class Terminal:
    """A real ``sourcer-tui`` process on a pseudo-terminal of COLUMNS x LINES.

    The master side is drained on every ``send``/``wait_for``/``wait_exit`` so the
    child never blocks on a full pty buffer.
    """

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.argv = argv
        self.env = env
        self.process: subprocess.Popen | None = None
        self.master: int | None = None
        self._raw = bytearray()
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._text = ""  # everything received, decoded, escapes still in
        self.eof = False

    # -- life cycle -----------------------------------------------------------------
    def start(self) -> None:
        master, slave = os.openpty()
        size = struct.pack("HHHH", LINES, COLUMNS, 0, 0)
        fcntl.ioctl(slave, termios.TIOCSWINSZ, size)
        fcntl.ioctl(master, termios.TIOCSWINSZ, size)
        try:
            self.process = subprocess.Popen(
                self.argv,
                stdin=slave,
                stdout=slave,
                stderr=slave,  # Textual draws on stderr
                env=self.env,
                start_new_session=True,
                close_fds=True,
            )
        finally:
            os.close(slave)
        self.master = master

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> int | None:
        """SIGKILL the whole process group (no clean-up code runs) and reap it."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        code = self.process.wait(timeout=10)
        self._pump(0)
        return code

    def wait_exit(self, timeout: float) -> int | None:
        """Wait (draining the output) for the process to exit; None if it did not."""
        assert self.process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return self.process.returncode
            self._pump(0.05)
        return self.process.poll()

    def close(self) -> None:
        if self.alive:
            self.kill()
        elif self.process is not None:
            self.process.wait(timeout=10)
        if self.master is not None:
            os.close(self.master)
            self.master = None

    # -- I/O ------------------------------------------------------------------------
    def _pump(self, timeout: float) -> None:
        """Read whatever the child wrote, waiting at most *timeout* for the first byte."""
        if self.master is None or self.eof:
            if timeout:
                time.sleep(timeout)
            return
        while True:
            ready, _, _ = select.select([self.master], [], [], timeout)
            if not ready:
                return
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO: the child side is gone
                chunk = b""
            if not chunk:
                self.eof = True
                return
            self._raw += chunk
            self._text += self._decoder.decode(chunk)
            timeout = 0  # keep draining what is already there, then return

    def send(self, text: str | bytes, chunk: int = 4) -> None:
        """Type *text* (UTF-8), a few characters at a time, draining between writes."""
        assert self.master is not None
        data = text.encode("utf-8") if isinstance(text, str) else text
        if isinstance(text, str) and chunk:
            # split on characters, never inside a multi-byte sequence
            pieces = [text[i : i + chunk].encode("utf-8") for i in range(0, len(text), chunk)]
        else:
            pieces = [data]
        for piece in pieces:
            view = memoryview(piece)
            while view:
                _, writable, _ = select.select([], [self.master], [], 1.0)
                if writable:
                    written = os.write(self.master, view)
                    view = view[written:]
                self._pump(0)
            self._pump(0.01)

    def mark(self) -> int:
        """A position in the output: ``wait_for(..., since=mark)`` only looks after it."""
        self._pump(0)
        return len(self._text)

    def screen(self, since: int = 0) -> str:
        return strip_ansi(self._text[since:])

    def wait_for(self, *texts: str, timeout: float = START_TIMEOUT, since: int = 0) -> str:
        """Poll the output until every one of *texts* is in it (escapes stripped)."""
        deadline = time.monotonic() + timeout
        while True:
            self._pump(0.05)
            seen = self.screen(since)
            if all(text in seen for text in texts):
                return seen
            if time.monotonic() >= deadline or (self.eof and not self.alive):
                missing = [text for text in texts if text not in seen]
                tail = seen[-3000:]
                code = None if self.process is None else self.process.poll()
                raise AssertionError(f"not on screen after {timeout}s: {missing!r} (exit code {code}); last output:\n{tail}")


def _poll(check, timeout: float, what: str):
    """Call *check* until it returns something truthy; fail after *timeout*."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = check()
        if last:
            return last
        time.sleep(0.05)
    raise AssertionError(f"{what}: not true after {timeout}s (last: {last!r})")


def _read(path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    """A read-only query on the app's database file (never writes, never checkpoints)."""
    deadline = time.monotonic() + DB_TIMEOUT
    while True:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            return connection.execute(sql, params).fetchall()
        except sqlite3.OperationalError as error:  # "database is locked" for a moment: retry
            if not ("locked" in str(error) or "busy" in str(error)) or time.monotonic() >= deadline:
                raise
        finally:
            connection.close()
        time.sleep(0.05)


def _draft_payloads(path: Path) -> list[dict]:
    return [json.loads(payload) for (payload,) in _read(path, "SELECT payload FROM draft WHERE touchpoint_id IS NOT NULL")]


def _draft_with_full_text(path: Path) -> list[dict]:
    return [p for p in _draft_payloads(path) if p.get("feedback_given") == DRAFT]


@pytest.fixture
def crash_db(tmp_path) -> Path:
    from sourcer_tui.db.database import open_database
    from sourcer_tui.services import missions, pipeline, talents

    path = tmp_path / "crash.db"
    now = dt.datetime.now().replace(microsecond=0)
    db = open_database(path)
    try:
        mission = missions.create_mission({"title": "Data Engineer"}, now)
        talent = talents.create_talent({"name": "Zoé Martin"}, ["other"], now)
        pipeline.add_to_mission(talent, mission, now)
    finally:
        db.close()
    return path


@pytest.fixture
def app_env(tmp_path) -> dict[str, str]:
    home = tmp_path / "home"
    (home / ".config").mkdir(parents=True)
    (home / ".local" / "share").mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCER_TUI_CONFIG", "SOURCER_TUI_DB")}
    env.update(
        TERM="xterm-256color",
        COLUMNS=str(COLUMNS),
        LINES=str(LINES),
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        LANG="C.UTF-8",
        LC_ALL="C.UTF-8",
        PYTHONIOENCODING="utf-8",
    )
    for var in ("TEXTUAL", "TEXTUAL_DRIVER", "TEXTUAL_DEBUG", "NO_COLOR"):
        env.pop(var, None)
    return env


def test_draft_survives_sigkill_and_is_offered_on_restart(crash_db, app_env):
    argv = [*_command(), "--db", str(crash_db)]
    terminals: list[Terminal] = []
    try:
        # -- first run: type a draft, then SIGKILL ------------------------------------
        first = Terminal(argv, app_env)
        terminals.append(first)
        first.start()
        first.wait_for("Pipeline", "Capture", "Zoé Martin")
        assert _draft_payloads(crash_db) == []

        since = first.mark()
        first.send("c")  # on Zoé: the cursor starts on the first talent
        first.wait_for("Feedback à chaud", since=since)
        first.send(DRAFT, chunk=4)

        # the draft reaches the file while the form is still open (~0.5 s after the last key)
        _poll(lambda: _draft_with_full_text(crash_db), DB_TIMEOUT, "draft row with the full text")
        assert first.alive, "the app must still be running (draft written while typing)"

        code = first.kill()
        assert code == -signal.SIGKILL

        # -- after the crash: the draft is in the file, intact ------------------------
        payloads = _draft_payloads(crash_db)
        assert len(payloads) == 1
        assert payloads[0]["feedback_given"] == DRAFT
        (touchpoint_id,) = _read(crash_db, "SELECT touchpoint_id FROM draft")[0]
        assert _read(crash_db, "SELECT feedback_given, feedback_at FROM touchpoint WHERE id = ?", (touchpoint_id,)) == [("", None)]

        # -- second run: the draft is offered, resumed, saved --------------------------
        second = Terminal(argv, app_env)
        terminals.append(second)
        second.start()
        second.wait_for("Unsaved feedback", "from last time", "Zoé Martin", "Resume")

        since = second.mark()
        second.send("r")
        second.wait_for("Feedback à chaud", "strong [b]Spark[/b], été", since=since)

        since = second.mark()
        second.send(b"\x13")  # ctrl+s: save the feedback
        saved = _poll(
            lambda: _read(
                crash_db,
                "SELECT feedback_given, feedback_at FROM touchpoint WHERE id = ? AND feedback_at IS NOT NULL",
                (touchpoint_id,),
            ),
            DB_TIMEOUT,
            "feedback saved in the touchpoint",
        )
        assert saved[0][0] == DRAFT
        assert saved[0][1] is not None
        assert _draft_payloads(crash_db) == []
        second.wait_for("Feedback saved", since=since)

        second.send("q")
        code = second.wait_exit(10)
        assert code == 0, f"the app did not quit cleanly on q (exit code {code}); last output:\n{second.screen()[-3000:]}"
    finally:
        for terminal in terminals:
            terminal.close()


_BROKEN_SAVE = """
import sys
from sourcer_tui.widgets.capture_form import CaptureForm

def broken(self):
    raise RuntimeError("simulated bug in the save handler")

CaptureForm.action_save = broken
from sourcer_tui.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_bug_stops_the_app_says_where_the_log_is_and_keeps_the_draft(crash_db, app_env):
    """The real process, a bug in a key handler: the terminal says where the
    traceback went, the exit code is 1, the typed text is a draft offered at
    the next start, the file is consistent."""
    terminals: list[Terminal] = []
    try:
        first = Terminal([sys.executable, "-c", _BROKEN_SAVE, "--db", str(crash_db)], app_env)
        terminals.append(first)
        first.start()
        first.wait_for("Pipeline", "Capture", "Zoé Martin")
        since = first.mark()
        first.send("c")  # on Zoé: the cursor starts on the first talent
        first.wait_for("Feedback à chaud", since=since)
        first.send(DRAFT, chunk=4)
        first.send(b"\x13")  # ctrl+s: the broken handler
        assert first.wait_exit(START_TIMEOUT) == 1
        said = first.wait_for("sourcer-tui stopped on an unexpected error; the details are in ", "offered back at the next start")
        log = Path(re.search(r"the details are in (\S+\.log)\.", said.replace("\r\n", "\n").replace("\n", "")).group(1))
        assert log.parent == Path(app_env["XDG_STATE_HOME"]) / "sourcer-tui" / "log"
        assert "simulated bug in the save handler" in log.read_text() and log.stat().st_mode & 0o777 == 0o600
        assert [p["feedback_given"] for p in _draft_payloads(crash_db)] == [DRAFT]
        assert _read(crash_db, "PRAGMA integrity_check") == [("ok",)]

        second = Terminal([*_command(), "--db", str(crash_db)], app_env)
        terminals.append(second)
        second.start()
        second.wait_for("Unsaved feedback", "from last time", "Zoé Martin", "Resume")
    finally:
        for terminal in terminals:
            terminal.close()
