"""Helpers for the hostile file tests: run the CLI, check its one-line errors,
run it as an unprivileged user, under a file-size limit, or in a child."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pwd
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sourcer_tui.cli import main
from sourcer_tui.db.database import close_database, open_database
from sourcer_tui.demo import build_demo

from ..conftest import TODAY


@dataclass
class Run:
    code: int
    out: str
    err: str

    def one_line_error(self) -> str:
        """The single stderr line of a refused command (exit 2, no traceback, nothing on stdout)."""
        assert self.code == 2, self
        assert "Traceback" not in self.err, self.err
        lines = self.err.strip().splitlines()
        assert len(lines) == 1, self.err
        return lines[0]


def cli(*argv: str) -> Run:
    """``sourcer-tui ARGV`` in this process (what the console script runs)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return Run(code, out.getvalue(), err.getvalue())


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def leftovers(folder: Path) -> list[str]:
    """Temporary files a command left behind (``.partial``, SQLite's side files of one)."""
    return sorted(p.name for p in Path(folder).rglob("*") if ".partial" in p.name)


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


NOBODY = pwd.getpwnam("nobody") if hasattr(os, "geteuid") else None


@contextlib.contextmanager
def unprivileged_dir():
    """A folder the unprivileged user owns and reaches (pytest's tmp_path is
    root's alone): under the system's temporary folder, removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="sourcer-hostile-"))
    try:
        folder.chmod(0o755)
        if is_root():
            os.chown(folder, NOBODY.pw_uid, NOBODY.pw_gid)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def home_env(folder: Path) -> dict[str, str]:
    """HOME and the XDG folders inside *folder* (the test's own are root's alone)."""
    return {"HOME": str(folder), "XDG_DATA_HOME": str(folder / "data"), "XDG_STATE_HOME": str(folder / "state"),
            "XDG_CONFIG_HOME": str(folder / "config")}


def give_away(path: Path) -> None:
    """Make *path* the unprivileged user's (as root), so that its mode alone decides."""
    if is_root():
        os.chown(path, NOBODY.pw_uid, NOBODY.pw_gid)


def _warm_up() -> None:
    """Load, while still root, what the commands load lazily from Python's own library."""
    import codecs
    import importlib

    for name in ("utf-8-sig", "utf-8", "cp1252", "latin-1", "ascii"):
        codecs.lookup(name)
    for module in ("traceback", "linecache", "csv", "getpass", "unicodedata", "email.message", "email.utils",
                   "email.policy", "email.headerregistry", "smtplib", "ssl", "zoneinfo", "uuid", "platform"):
        with contextlib.suppress(ImportError):
            importlib.import_module(module)


def in_child(*argv: str, unprivileged: bool = False, file_size_limit: int | None = None, env: dict | None = None) -> Run:
    """``sourcer-tui ARGV`` in a forked child: as ``nobody`` (CI runs as root,
    whom permissions do not stop) and/or with writes past *file_size_limit*
    bytes failing for real (EFBIG, as on a full disk).  Forked rather than
    executed, so the child needs no read access to this checkout."""
    import resource
    import signal

    import sourcer_tui.cli.args  # noqa: F401  everything main may import, loaded before the fork
    import sourcer_tui.cli.exchange  # noqa: F401
    import sourcer_tui.cli.importing  # noqa: F401
    import sourcer_tui.cli.privacy  # noqa: F401
    import sourcer_tui.cli.send_due  # noqa: F401
    import sourcer_tui.services.backup  # noqa: F401
    import sourcer_tui.services.exchange  # noqa: F401
    import sourcer_tui.services.importer  # noqa: F401
    import sourcer_tui.services.privacy  # noqa: F401
    import sourcer_tui.services.today_report  # noqa: F401
    import sourcer_tui.services.stats  # noqa: F401
    import sourcer_tui.services.stats_report  # noqa: F401
    import sourcer_tui.demo  # noqa: F401
    import sourcer_tui.crash_log  # noqa: F401
    import icalendar  # noqa: F401

    out_file, err_file = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 70
        try:
            os.dup2(out_file.fileno(), 1)
            os.dup2(err_file.fileno(), 2)
            sys.stdout = io.TextIOWrapper(os.fdopen(1, "wb", closefd=False), encoding="utf-8", line_buffering=True)
            sys.stderr = io.TextIOWrapper(os.fdopen(2, "wb", closefd=False), encoding="utf-8", line_buffering=True)
            os.environ.update(env or {})
            if file_size_limit is not None:
                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) instead of killing
                resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))
            if unprivileged and is_root():
                _warm_up()  # this Python's own files may be out of nobody's reach (under /root)
                os.setgroups([])
                os.setgid(NOBODY.pw_gid)
                os.setuid(NOBODY.pw_uid)
            code = main([str(a) for a in argv])
        except BaseException:  # a traceback is what the tests look for: print it
            import traceback

            traceback.print_exc()
        finally:
            with contextlib.suppress(Exception):
                sys.stdout.flush()
                sys.stderr.flush()
            os._exit(code if isinstance(code, int) else 70)
    _, status = os.waitpid(pid, 0)
    out_file.seek(0)
    err_file.seek(0)
    return Run(os.waitstatus_to_exitcode(status), out_file.read().decode("utf-8", "replace"), err_file.read().decode("utf-8", "replace"))


def demo_file(path: Path) -> Path:
    """A closed database file at *path* holding the demo."""
    db = open_database(path)
    build_demo(db, TODAY)
    close_database(db)
    return path
